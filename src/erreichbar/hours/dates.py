"""Reading the parts of an `opening_hours` rule that depend on the date (their meaning is
date_selectors.py's): the year, monthday and week selectors at the start of a rule, the nth
weekday of a month after a weekday (`Sa[1]`), and day offsets (`-2 days`). Part of the
parser in parser.py, which hands it its tokens.
"""

from __future__ import annotations

import calendar as _months
from typing import TYPE_CHECKING

from erreichbar.errors import HoursError
from erreichbar.hours.date_selectors import (
    LAST,
    MONTH_NAMES,
    MONTHS,
    DatePoint,
    DateSelector,
    MonthdayRange,
    NthWeekday,
    WeekRange,
    YearRange,
)
from erreichbar.hours.tokens import weekday
from erreichbar.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Protocol

    class Tok(Protocol):  # (tokens.Token)
        @property
        def kind(self) -> str: ...
        @property
        def text(self) -> str: ...
        @property
        def column(self) -> int: ...

    class Reader(Protocol):  # (the parser in parser.py)
        def peek(self, ahead: int = 0) -> Tok | None: ...
        def take(self) -> Tok: ...
        def end_column(self) -> int: ...


def is_year(tok: Tok | None) -> bool:
    return tok is not None and tok.kind == "number" and len(tok.text) == 4


def is_month(tok: Tok | None) -> bool:
    return tok is not None and tok.kind == "word" and tok.text.lower() in MONTHS


def is_easter(tok: Tok | None) -> bool:
    return tok is not None and tok.kind == "word" and tok.text.lower() == "easter"


def starts_wide(p: Reader) -> bool:
    tok = p.peek()
    return is_year(tok) or is_month(tok) or is_easter(tok) or (
        tok is not None and tok.kind == "word" and tok.text.lower() == "week")


def wide(p: Reader) -> DateSelector:
    """The year, monthday and week selectors at the start of a rule (maybe none), and the
    `:` that may follow them."""
    years: list[YearRange] = []
    monthdays: list[MonthdayRange] = []
    weeks: list[WeekRange] = []
    if is_year(p.peek()) and not _dated_year(p):
        years.append(_year_range(p))
        while _comma_then(p, lambda t: is_year(t)):
            p.take()
            years.append(_year_range(p))
    if is_month(p.peek()) or is_easter(p.peek()) or (is_year(p.peek()) and _dated_year(p)):
        monthdays += _monthday_ranges(p)
        while _comma_then(p, _more_monthdays(monthdays[-1].last.month)):
            p.take()
            last = monthdays[-1].last
            if _is_day(p.peek()) and last.month is not None:  # `Dec 24,25`: of Dec too
                monthdays += _days_of(p, last.year, last.month)
            else:
                monthdays += _monthday_ranges(p)
    also: list[MonthdayRange] = []
    if monthdays and is_month(p.peek()):  # `Jan-Feb Jan 09-15`: both hold (opening_hours.js)
        also += _monthday_ranges(p)
    tok = p.peek()
    if tok is not None and tok.kind == "word" and tok.text.lower() == "week":
        p.take()
        weeks.append(_week_range(p))
        while _comma_then(p, lambda t: t.kind == "number"):
            p.take()
            weeks.append(_week_range(p))
    tok = p.peek()
    if (years or monthdays or weeks) and tok is not None and tok.kind == "colon":
        p.take()
    return DateSelector(tuple(years), tuple(monthdays), tuple(weeks), also_monthdays=tuple(also))


def _dated_year(p: Reader) -> bool:
    """Whether the year ahead is part of a date (`2025 Dec 24`, `2025 easter`), not a year
    selector for what follows (`2025 Jan,Dec`: both months of 2025), as opening_hours.js
    reads them."""
    after, then = p.peek(1), p.peek(2)
    return is_easter(after) or (is_month(after) and then is not None
                                and then.kind == "number" and not is_year(then))


def _more_monthdays(month: int | None) -> Callable[[Tok], bool]:
    """What may follow a monthday range's `,` in the same selector: another range, or a
    day of its month (`Dec 24,25`) where it ends in a month."""
    return lambda t: is_year(t) or is_month(t) or is_easter(t) or (
        _is_day(t) and month is not None)


def _is_day(tok: Tok | None) -> bool:
    return tok is not None and tok.kind == "number" and not is_year(tok)


def _comma_then(p: Reader, test: Callable[[Tok], bool]) -> bool:
    tok, after = p.peek(), p.peek(1)
    return tok is not None and tok.kind == "comma" and after is not None and test(after)


def _number(p: Reader, what: str) -> Tok:
    tok = p.peek()
    if tok is None or tok.kind != "number":
        col = tok.column if tok else p.end_column()
        raise HoursError(_("expected {what}, found {found}", what=what,
                           found=repr(tok.text) if tok else _("the end")), col)
    return p.take()


def _step(p: Reader) -> int:
    tok = p.peek()
    if tok is None or tok.kind != "slash":
        return 1
    p.take()
    step = _number(p, _("a step"))
    if int(step.text) < 1:
        raise HoursError(_("a step must be 1 or more"), step.column)
    return int(step.text)


FIRST_YEAR, LAST_YEAR = 1900, 2999  # (the specification's years start at 1900)


def _year(tok: Tok) -> int:
    year = int(tok.text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise HoursError(_("{year} is not a year here: write one from {first} to {last}",
                           year=tok.text, first=FIRST_YEAR, last=LAST_YEAR), tok.column)
    return year


def _year_range(p: Reader) -> YearRange:
    first = _year(p.take())
    tok = p.peek()
    if tok is not None and tok.kind == "plus":
        p.take()
        return YearRange(first, None)
    if tok is not None and tok.kind == "slash":  # `2013/10`: from 2013 on, every 10 years
        return YearRange(first, None, _step(p))
    if tok is not None and tok.kind == "dash" and is_year(p.peek(1)):
        p.take()
        last_tok = p.take()
        last = _year(last_tok)
        if last < first:
            raise HoursError(_("year range {first}-{last} runs backwards", first=first,
                               last=last), last_tok.column)
        return YearRange(first, last, _step(p))
    return YearRange(first, first)


def day_offset(p: Reader) -> int:
    """A day offset (`+2 days`, `-1 day`) if one follows, after a date, an nth weekday or
    PH (`PH +1 day`: the day after a public holiday); 0 if none."""
    sign, number, unit = p.peek(), p.peek(1), p.peek(2)
    if sign is None or sign.kind not in ("plus", "dash") or number is None \
            or number.kind != "number" or unit is None or unit.kind != "word" \
            or unit.text.lower() not in ("day", "days"):
        before = p.peek(-1)
        if sign is not None and sign.kind in ("plus", "dash") and number is not None \
                and number.kind == "word" and number.text.lower() in _WEEKDAY_WORDS \
                and number.column == sign.column + 1 and before is not None \
                and sign.column > before.column + len(before.text):
            # (`Dec 25 +Mo`, the Monday after; `Dec 24+ Mo` is from Dec 24 on, Mondays)
            raise HoursError(_("a weekday offset ('{text}') is not supported: write the "
                               "date", text=sign.text + number.text), sign.column)
        return 0
    p.take(), p.take(), p.take()
    if int(number.text) > 366:
        raise HoursError(_("an offset of {days} days is more than a year: write the date",
                           days=number.text), number.column)
    return int(number.text) * (-1 if sign.kind == "dash" else 1)


_WEEKDAY_WORDS = ("mo", "tu", "we", "th", "fr", "sa", "su")


def _point(p: Reader, year: int | None) -> DatePoint:
    """`Dec 24`, `easter` (each with an offset), after the year if there is one."""
    tok = p.peek()
    if is_easter(tok):
        p.take()
        return DatePoint(year, None, 0, day_offset(p))
    if not is_month(tok):
        col = tok.column if tok else p.end_column()
        raise HoursError(_("expected a month (Jan … Dec) or 'easter', found {found}",
                           found=repr(tok.text) if tok else _("the end")), col)
    month = MONTHS[p.take().text.lower()]
    day_tok = p.peek()
    if day_tok is None or day_tok.kind != "number":
        return DatePoint(year, month, -1)  # a whole month (-1: the caller decides)
    p.take()
    return DatePoint(year, month, _day(month, day_tok), day_offset(p))


def _day(month: int, tok: Tok) -> int:
    day = int(tok.text)
    if not 1 <= day <= _months.monthrange(2024, month)[1]:  # (a leap year: Feb 29 exists)
        raise HoursError(_("{month} {day} is not a date", month=MONTH_NAMES[month - 1],
                           day=tok.text), tok.column)
    return day


def _monthday_ranges(p: Reader) -> list[MonthdayRange]:
    """A monthday range, or the days a range of one month's days with a step selects
    (`Jan 01-31/8`: 1, 9, 17 and 25 January, as opening_hours.js reads it)."""
    found = _monthday_range(p)
    return _stepped(p, found) if _steppable(found) else [found]


def _steppable(r: MonthdayRange) -> bool:
    first, last = r.first, r.last
    return (first.month is not None and first.month == last.month and last.year is None
            and not first.offset and not last.offset and first.day != last.day
            and last.day != LAST and not r.to_year_end)


def _stepped(p: Reader, r: MonthdayRange) -> list[MonthdayRange]:
    tok = p.peek()
    if tok is None or tok.kind != "slash":
        return [r]
    step = _step(p)
    return [MonthdayRange(point, point) for day in range(r.first.day, r.last.day + 1, step)
            for point in [r.first._replace(day=day)]]


def _days_of(p: Reader, year: int | None, month: int) -> list[MonthdayRange]:
    """`25` or `15-17` (`/2` too) after `Dec 24,`: days of the month before them (the
    form the suite of opening_hours.js reads, `Jan 01,Dec 24,25`)."""
    first = DatePoint(year, month, _day(month, p.take()))
    tok = p.peek()
    if tok is None or tok.kind != "dash" or not _is_day(p.peek(1)):
        return [MonthdayRange(first, first)]
    p.take()
    last_tok = p.take()
    found = MonthdayRange(first, first._replace(day=_day(month, last_tok)))
    return _stepped(p, found) if _steppable(found) else [found]


def _nth_ahead(p: Reader) -> int | None:
    """How many tokens an nth weekday of a month ahead takes (`Su[2]`, `Su[-1] +4 days`),
    None if none is ahead."""
    tok, bracket = p.peek(), p.peek(1)
    if tok is None or tok.kind != "word" or weekday(tok.text) is None \
            or bracket is None or bracket.kind != "open":
        return None
    k = 3 if _kind(p, 2) == "dash" else 2
    if _kind(p, k) != "number" or _kind(p, k + 1) != "close":
        return None
    k += 2
    unit = p.peek(k + 2)
    if _kind(p, k) in ("plus", "dash") and _kind(p, k + 1) == "number" and unit is not None \
            and unit.text.lower() in ("day", "days"):
        k += 3
    return k


def _kind(p: Reader, ahead: int) -> str | None:
    tok = p.peek(ahead)
    return None if tok is None else tok.kind


def _nth_point(p: Reader, year: int | None, month: int) -> DatePoint:
    """`Su[2]`, `Su[-1] +4 days` after a month, as the start or end of a date range."""
    day = weekday(p.take().text)
    p.take()  # [
    negative = _kind(p, 0) == "dash"
    if negative:
        p.take()
    num = p.take()
    n = int(num.text) * (-1 if negative else 1)
    if not 1 <= abs(n) <= 5:
        raise HoursError(_("[{n}] is not a weekday of the month: write 1 … 5 or -1 … -5",
                           n=n), num.column)
    p.take()  # ]
    assert day is not None  # noqa: S101 -- (_nth_ahead saw a weekday)
    return DatePoint(year, month, 1, day_offset(p), (day, n))


def _monthday_range(p: Reader) -> MonthdayRange:
    year = _year(p.take()) if is_year(p.peek()) else None
    first = _point(p, year)
    ahead = _nth_ahead(p) if first.day == -1 and first.month is not None else None
    after = p.peek(ahead + 1) if ahead is not None else None
    if ahead is not None and first.month is not None and _kind(p, ahead) == "dash" \
            and (is_month(after) or is_year(after) or is_easter(after)):
        first = _nth_point(p, year, first.month)  # `Jan Su[2]-Jan 15`
    if first.day == -1:  # a month, or a range of months
        tok, after_month = p.peek(), p.peek(2)
        last_month = first.month
        if tok is not None and tok.kind == "dash" and is_month(p.peek(1)) \
                and (after_month is None or after_month.kind != "number"):
            p.take()
            last_month = MONTHS[p.take().text.lower()]
        return MonthdayRange(DatePoint(year, first.month, 1), DatePoint(None, last_month, LAST))
    tok = p.peek()
    if tok is not None and tok.kind == "plus":
        p.take()
        return MonthdayRange(first, first, to_year_end=True)
    if tok is None or tok.kind != "dash":
        return MonthdayRange(first, first)
    p.take()
    nxt = p.peek()
    if nxt is not None and nxt.kind == "number" and not is_year(nxt):
        if first.month is None:
            raise HoursError(_("expected a month (Jan … Dec) or 'easter', found {found}",
                               found=repr(nxt.text)), nxt.column)
        p.take()
        return MonthdayRange(first, DatePoint(None, first.month, _day(first.month, nxt),
                                              day_offset(p)))
    last_year = _year(p.take()) if is_year(nxt) else None
    last = _point(p, last_year)
    if last.day == -1 and last.month is not None and _nth_ahead(p) is not None:
        last = _nth_point(p, last_year, last.month)  # `Jan 20-Jan Su[-1]`
    if last.day == -1:
        tok = p.peek()
        raise HoursError(_("a date range needs a day after the month"),
                         tok.column if tok else p.end_column())
    return MonthdayRange(first, last)


def _week_range(p: Reader) -> WeekRange:
    first_tok = _number(p, _("a week number"))
    first = int(first_tok.text)
    last = first
    tok = p.peek()
    ranged = tok is not None and tok.kind == "dash"
    if ranged:
        p.take()
        last = int(_number(p, _("a week number")).text)
    for n in (first, last):
        if not 1 <= n <= 53:
            raise HoursError(_("week {number} is not a week: weeks go from 1 to 53",
                               number=n), first_tok.column)
    if last < first:
        raise HoursError(_("week range {first}-{last} runs backwards", first=first,
                           last=last), first_tok.column)
    tok = p.peek()
    # `week 52/2` is refused, `week 52-52/2` (a range of one week; the step then changes
    # nothing) is the specification's and read as week 52
    if not ranged and tok is not None and tok.kind == "slash":
        raise HoursError(_("a step needs a range of weeks, e.g. week 1-53/2"), tok.column)
    return WeekRange(first, last, _step(p))


def nth(p: Reader, weekday: int) -> NthWeekday:
    """`[1]`, `[-1]`, `[1,3]`, `[1-2]` after a weekday, and a day offset after them."""
    p.take()  # [
    nths: set[int] = set()
    while True:
        tok = p.peek()
        negative = tok is not None and tok.kind == "dash"
        if negative:
            p.take()
        num = _number(p, _("which weekday of the month (1 … 5, or -1 … -5)"))
        first = int(num.text) * (-1 if negative else 1)
        last = first
        tok = p.peek()
        if tok is not None and tok.kind == "dash" and not negative:
            p.take()
            last = int(_number(p, _("which weekday of the month (1 … 5)")).text)
        for n in (first, last):
            if not (1 <= abs(n) <= 5):
                raise HoursError(_("[{n}] is not a weekday of the month: write 1 … 5 or "
                                   "-1 … -5", n=n), num.column)
        nths.update(range(first, last + 1) if last >= first else ())
        if last < first:
            raise HoursError(_("[{first}-{last}] runs backwards", first=first, last=last),
                             num.column)
        tok = p.take() if p.peek() is not None else None
        if tok is None:
            raise HoursError(_("']' is missing"), p.end_column())
        if tok.kind == "close":
            break
        if tok.kind != "comma":
            raise HoursError(_("expected ',' or ']', found {found}", found=repr(tok.text)),
                             tok.column)
    return NthWeekday(weekday, frozenset(nths), day_offset(p))
