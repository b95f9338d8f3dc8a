"""The parts of `opening_hours` rules that depend on the date: years, months, dates and
date ranges (with or without a year, `easter` among them, with day offsets), week numbers
with steps, the nth weekday of a month (`Sa[1]`, `Su[-1]`, with a day offset), and public
holidays with a day offset (`PH +1 day`).

    >>> from erreichbar.hours import parse_rules
    >>> def on(text, *ymd): return parse_rules(text)[0].dates.holds(None, date(*ymd))
    >>> [on("Dec 24,Dec 31 off", 2025, 12, d) for d in (23, 24, 31)]
    [False, True, True]
    >>> on("2024 Dec 23-2025 Jan 03 off", 2025, 1, 2), on("Nov-Feb", 2026, 3, 1)
    (True, False)
    >>> on("easter -2 days off", 2026, 4, 3)  # Good Friday
    True

Each selector answers whether it holds on a date, as opening_hours.js reads it: a range
without a year that ends before it begins runs into the next year (`Nov-Feb`,
`Dec 24-Jan 02`); `Dec 24+` runs to the end of its year; ISO week numbers. A schedule with
such rules is still compiled day by day (hours_rules.DatedDays); a date only decides which
rules apply on it.
"""

from __future__ import annotations

import calendar as _months
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dateutil.easter import easter

from .errors import HoursError
from .i18n import _

if TYPE_CHECKING:
    from typing import Protocol

    from .calendar import Calendar

    class Tok(Protocol):
        kind: str
        text: str
        column: int

    class Reader(Protocol):  # (the parser in hours.py)
        def peek(self, ahead: int = 0) -> Tok | None: ...
        def take(self) -> Tok: ...
        def end_column(self) -> int: ...

MONTHS = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
               "Dec")
LAST = 0  # the day number of a month's last day (the end of a month range)


@dataclass(frozen=True, slots=True)
class YearRange:
    first: int
    last: int | None  # None: open-ended (`2025+`)
    step: int = 1

    def holds(self, year: int) -> bool:
        return self.first <= year and (self.last is None or year <= self.last) \
            and (year - self.first) % self.step == 0


@dataclass(frozen=True, slots=True)
class DatePoint:
    """A day of a year: month and day (LAST: the month's last day) or Easter Sunday
    (month None), moved by `offset` days; in the given year only, if it has one."""

    year: int | None
    month: int | None
    day: int
    offset: int = 0

    def on(self, year: int) -> date | None:
        """The date in `year` (None where it does not exist, as Feb 29 in most years)."""
        year = self.year if self.year is not None else year
        if self.month is None:
            base = easter(year)
        else:
            day = self.day or _months.monthrange(year, self.month)[1]
            try:
                base = date(year, self.month, day)
            except ValueError:
                return None
        return base + timedelta(days=self.offset) if self.offset else base


@dataclass(frozen=True, slots=True)
class MonthdayRange:
    first: DatePoint
    last: DatePoint  # the same as first for a single date
    to_year_end: bool = False  # `Dec 24+`

    def holds(self, day: date) -> bool:
        # a range may begin in the year before (it runs over New Year) and an offset may
        # move a date into a neighbouring year
        for year in (day.year - 1, day.year, day.year + 1):
            if self.first.year is not None and self.first.year != year:
                continue
            start = self.first.on(year)
            if start is None or start > day:
                continue
            if self.to_year_end:
                end: date | None = date(start.year, 12, 31)
            else:
                end = self.last.on(self.last.year if self.last.year is not None else year)
                if end is not None and end < start and self.last.year is None:
                    end = self.last.on(year + 1)
            if end is not None and day <= end:
                return True
        return False


@dataclass(frozen=True, slots=True)
class WeekRange:
    first: int
    last: int
    step: int = 1

    def holds(self, week: int) -> bool:
        return self.first <= week <= self.last and (week - self.first) % self.step == 0


@dataclass(frozen=True, slots=True)
class NthWeekday:
    """`Sa[1]`, `Su[-1]`, `Mo[1,3] -1 day`: weekday, which of the month, moved by days."""

    weekday: int
    nths: frozenset[int]  # 1..5 from the start of the month, -1..-5 from its end
    offset: int = 0

    def holds(self, day: date) -> bool:
        base = day - timedelta(days=self.offset) if self.offset else day
        if base.weekday() != self.weekday:
            return False
        length = _months.monthrange(base.year, base.month)[1]
        return (base.day - 1) // 7 + 1 in self.nths or \
            -((length - base.day) // 7 + 1) in self.nths


@dataclass(frozen=True, slots=True)
class DateSelector:
    """What of a rule depends on the date. The wide selectors all have to hold (each is
    any of its ranges); `days` (nth weekdays) and `holiday_offsets` (`PH +1 day`) are more
    of the rule's days, besides its plain weekdays and PH."""

    years: tuple[YearRange, ...] = ()
    monthdays: tuple[MonthdayRange, ...] = ()
    weeks: tuple[WeekRange, ...] = ()
    days: tuple[NthWeekday, ...] = ()
    holiday_offsets: tuple[int, ...] = ()
    # school holidays (SH), as given by the dataset: 1 one of the rule's days (`SH`,
    # `SH,Sa`), 2 only in them (`SH Mo-Fr`: a school-holiday day that is a weekday)
    school: int = 0

    @property
    def wide(self) -> bool:
        return bool(self.years or self.monthdays or self.weeks or self.school == 2)

    def holds(self, cal: Calendar | None, day: date) -> bool:
        """Whether the years, monthdays and weeks hold on `day` (the rule's days and the
        school holidays, which depend on the calendar, are asked apart)."""
        if self.years and not any(r.holds(day.year) for r in self.years):
            return False
        if self.monthdays and not any(r.holds(day) for r in self.monthdays):
            return False
        return not (self.weeks and not any(r.holds(day.isocalendar()[1]) for r in self.weeks))

    def more_days(self, cal: Calendar, day: date) -> bool:
        """Whether `day` is one of the rule's nth weekdays or days after/before a holiday."""
        return any(d.holds(day) for d in self.days) or any(
            cal.holiday(day - timedelta(days=k)) is not None for k in self.holiday_offsets) \
            or (self.school == 1 and cal.school_holiday(day) is not None)


# --- reading ---------------------------------------------------------------------------

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
    if is_year(p.peek()) and not (is_month(p.peek(1)) or is_easter(p.peek(1))):
        years.append(_year_range(p))
        while _comma_then(p, lambda t: is_year(t)):
            p.take()
            years.append(_year_range(p))
    if is_month(p.peek()) or is_easter(p.peek()) or (is_year(p.peek())
                                                     and (is_month(p.peek(1))
                                                          or is_easter(p.peek(1)))):
        monthdays.append(_monthday_range(p))
        while _comma_then(p, lambda t: is_year(t) or is_month(t) or is_easter(t)):
            p.take()
            monthdays.append(_monthday_range(p))
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
    return DateSelector(tuple(years), tuple(monthdays), tuple(weeks))


def _comma_then(p: Reader, test) -> bool:
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


def _year_range(p: Reader) -> YearRange:
    first = int(p.take().text)
    tok = p.peek()
    if tok is not None and tok.kind == "plus":
        p.take()
        return YearRange(first, None)
    if tok is not None and tok.kind == "dash" and is_year(p.peek(1)):
        p.take()
        last_tok = p.take()
        last = int(last_tok.text)
        if last < first:
            raise HoursError(_("year range {first}-{last} runs backwards", first=first,
                               last=last), last_tok.column)
        return YearRange(first, last, _step(p))
    return YearRange(first, first)


def _offset(p: Reader) -> int:
    """A day offset (`+2 days`, `-1 day`) if one follows; 0 if none."""
    sign, number, unit = p.peek(), p.peek(1), p.peek(2)
    if sign is None or sign.kind not in ("plus", "dash") or number is None \
            or number.kind != "number" or unit is None or unit.kind != "word" \
            or unit.text.lower() not in ("day", "days"):
        if sign is not None and sign.kind == "plus" and number is not None \
                and number.kind == "word" and number.text.lower()[:2] in _WEEKDAY_WORDS:
            raise HoursError(_("a weekday offset ('{text}') is not supported: write the "
                               "date", text="+" + number.text), sign.column)
        return 0
    p.take(), p.take(), p.take()
    return int(number.text) * (-1 if sign.kind == "dash" else 1)


_WEEKDAY_WORDS = ("mo", "tu", "we", "th", "fr", "sa", "su")


def _point(p: Reader, year: int | None, month_required: bool = True) -> DatePoint:
    """`Dec 24`, `easter` (each with an offset), after the year if there is one."""
    tok = p.peek()
    if is_easter(tok):
        p.take()
        return DatePoint(year, None, 0, _offset(p))
    if not is_month(tok):
        col = tok.column if tok else p.end_column()
        raise HoursError(_("expected a month (Jan … Dec) or 'easter', found {found}",
                           found=repr(tok.text) if tok else _("the end")), col)
    month = MONTHS[p.take().text.lower()]
    day_tok = p.peek()
    if day_tok is None or day_tok.kind != "number":
        return DatePoint(year, month, -1)  # a whole month (-1: the caller decides)
    p.take()
    return DatePoint(year, month, _day(month, day_tok), _offset(p))


def _day(month: int, tok: Tok) -> int:
    day = int(tok.text)
    if not 1 <= day <= _months.monthrange(2024, month)[1]:  # (a leap year: Feb 29 exists)
        raise HoursError(_("{month} {day} is not a date", month=MONTH_NAMES[month - 1],
                           day=tok.text), tok.column)
    return day


def _monthday_range(p: Reader) -> MonthdayRange:
    year = int(p.take().text) if is_year(p.peek()) else None
    first = _point(p, year)
    if first.day == -1:  # a month, or a range of months
        tok = p.peek()
        last_month = first.month
        if tok is not None and tok.kind == "dash" and is_month(p.peek(1)) \
                and (p.peek(2) is None or p.peek(2).kind != "number"):
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
                                              _offset(p)))
    last_year = int(p.take().text) if is_year(nxt) else None
    last = _point(p, last_year)
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
    if tok is not None and tok.kind == "dash":
        p.take()
        last = int(_number(p, _("a week number")).text)
    for n in (first, last):
        if not 1 <= n <= 53:
            raise HoursError(_("week {number} is not a week: weeks go from 1 to 53",
                               number=n), first_tok.column)
    if last < first:
        raise HoursError(_("week range {first}-{last} runs backwards", first=first,
                           last=last), first_tok.column)
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
    return NthWeekday(weekday, frozenset(nths), _offset(p))


def holiday_offset(p: Reader) -> int:
    """The day offset after PH (`PH +1 day`: the day after a public holiday); 0 if none."""
    return _offset(p)


# --- one object per selector, and the store's plain values ----------------------------

_INTERNED: dict[DateSelector, DateSelector] = {}
_UNPACKED: dict[tuple, DateSelector] = {}


def interned(sel: DateSelector) -> DateSelector:
    """The one object for equal selectors: what a selector says of a date is kept per
    object (dated_days), so every schedule that closes on `Dec 24` asks it once."""
    found = _INTERNED.get(sel)
    if found is None:
        if len(_INTERNED) > 1 << 14:
            _INTERNED.clear()
        found = _INTERNED[sel] = sel
    return found


def pack(sel: DateSelector) -> tuple:
    def point(p: DatePoint) -> tuple:
        return (p.year, p.month, p.day, p.offset)

    return (tuple((r.first, r.last, r.step) for r in sel.years),
            tuple((point(r.first), point(r.last), r.to_year_end) for r in sel.monthdays),
            tuple((r.first, r.last, r.step) for r in sel.weeks),
            tuple((d.weekday, tuple(sorted(d.nths)), d.offset) for d in sel.days),
            sel.holiday_offsets, sel.school)


def unpack(packed: tuple) -> DateSelector:
    found = _UNPACKED.get(packed)
    if found is None:
        years, monthdays, weeks, days, offsets, school = packed
        found = _UNPACKED[packed] = interned(DateSelector(
            tuple(YearRange(*r) for r in years),
            tuple(MonthdayRange(DatePoint(*a), DatePoint(*b), end) for a, b, end in monthdays),
            tuple(WeekRange(*r) for r in weeks),
            tuple(NthWeekday(w, frozenset(n), o) for w, n, o in days),
            tuple(offsets), school))
    return found
