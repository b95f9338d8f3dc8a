"""`--at WHEN` -> an aware datetime. Without an offset, WHEN is wall-clock time of the dataset.

    >>> from datetime import datetime, timezone
    >>> from zoneinfo import ZoneInfo
    >>> now = datetime(2024, 3, 6, 8, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    >>> parse_when("Fr 14:30", now, ZoneInfo("Europe/Berlin")).isoformat()
    '2024-03-08T14:30:00+01:00'
    >>> parse_when("friday 2pm", now, ZoneInfo("Europe/Berlin")).isoformat()
    '2024-03-08T14:00:00+01:00'
    >>> parse_when("24.12. 10 Uhr", now, ZoneInfo("Europe/Berlin")).isoformat()
    '2024-12-24T10:00:00+01:00'
    >>> parse_when("6. März 10:30", now, ZoneInfo("Europe/Berlin")).isoformat()
    '2024-03-06T10:30:00+01:00'

The numeric, weekday and day-word forms are matched here by regular expressions (a time of
day in any of its spellings, "14:30", "14 Uhr", "15.30 Uhr", "2:30pm", is calendar/when_forms.py's
TIME); a date written with a month name in German or English ("6. März 10:30", "March 6
10:30") goes to dateutil's parser with the month names of both languages, imported only then,
so no other run pays for it. A date without a year ("24.12.", "24. Dezember") is the next
such day, today included: a person who types a date means one ahead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from erreichbar.calendar.civil import localize
from erreichbar.calendar.when_forms import (
    AT,
    ON,
    TIME,
    NotUnderstood,
    clock,
    next_day_of_year,
    next_weekday,
    says_time,
)
from erreichbar.errors import UsageError
from erreichbar.i18n import N_, _

if TYPE_CHECKING:
    from dateutil.parser import parserinfo

# The forms of WHEN, in the words of the language shown (both languages' words are accepted).
ACCEPTED = N_(
    "2024-03-06T10:30, 2024-03-06 10:30, 6.3.2024 10:30 (each optionally with +01:00 or Z), "
    "2024-03-06, 24.12. or 24.12. 10:00 (without a year: the next such day), 6 March 2024 "
    "10:30 or March 6 10:30 (without a year: the next such day), 10:30, 14 Uhr, 15.30 Uhr, "
    "9am or "
    "2:30 pm (today), today, tomorrow 9:00, übermorgen 14 Uhr, Mo 10:00, Monday 10:00 or "
    "Fri 2pm (the next such time), now"
)
# Python's own reasons for a date or time out of range, translated when shown (see _reason)
_PYTHON_REASONS = (N_("month must be in 1..12"), N_("day is out of range for month"),
                   N_("year 0 is out of range"), N_("hour must be in 0..23"),
                   N_("minute must be in 0..59"), N_("second must be in 0..59"))

_DAYS = {
    "mo": 0, "montag": 0, "monday": 0, "mon": 0,
    "di": 1, "dienstag": 1, "tu": 1, "tue": 1, "tues": 1, "tuesday": 1,
    "mi": 2, "mittwoch": 2, "we": 2, "wed": 2, "wednesday": 2,
    "do": 3, "donnerstag": 3, "th": 3, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fr": 4, "freitag": 4, "fri": 4, "friday": 4,
    "sa": 5, "samstag": 5, "sonnabend": 5, "sat": 5, "saturday": 5,
    "so": 6, "sonntag": 6, "su": 6, "sun": 6, "sunday": 6,
}
_RELATIVE = {"heute": 0, "today": 0, "morgen": 1, "tomorrow": 1, "übermorgen": 2,
             "uebermorgen": 2}
_NOW = {"now", "jetzt"}

_OFFSET = r"(?P<off>z|[+-]\d{2}(?::?\d{2})?)?"
_ISO = re.compile(rf"^(?P<date>\d{{4}}-\d{{2}}-\d{{2}})(?:[t ]+{TIME})?\s*{_OFFSET}$", re.ASCII)
_GERMAN = re.compile(
    rf"^(?P<d>\d{{1,2}})\.(?P<mo>\d{{1,2}})\.(?P<y>\d{{4}})(?:,?\s+{AT}{TIME})?\s*{_OFFSET}$",
    re.ASCII)
# 24.12., 24.12. 10:00, 24.12 10:00 (without its last dot only before a time: "15.30" alone
# may be meant as one)
_DAY_MONTH = re.compile(
    rf"^(?P<d>\d{{1,2}})\.(?P<mo>\d{{1,2}})(?P<dot>\.)?(?:,?\s+{AT}{TIME})?\s*{_OFFSET}$",
    re.ASCII)
_WORD_TIME = re.compile(rf"^(?P<word>[a-zäöü]+)\.?(?:,?\s+{AT}{TIME})?$", re.ASCII)
_ONLY_TIME = re.compile(rf"^{AT}{TIME}$", re.ASCII)

# Month names (and their usual short forms) in both languages, for dateutil's parserinfo; the
# first of each is the one a message shows.
MONTH_NAMES = (
    ("January", "Jan", "Januar", "Jän", "Jänner"), ("February", "Feb", "Februar"),
    ("March", "Mar", "März", "Mär", "Mrz", "Maerz"), ("April", "Apr"), ("May", "Mai"),
    ("June", "Jun", "Juni"), ("July", "Jul", "Juli"), ("August", "Aug"),
    ("September", "Sep", "Sept"), ("October", "Oct", "Oktober", "Okt"),
    ("November", "Nov"), ("December", "Dec", "Dezember", "Dez"),
)
_MONTH_WORDS = frozenset(name.lower() for names in MONTH_NAMES for name in names)
_WORDS = re.compile(r"[^\W\d_]+")
_CLOCK_UHR = re.compile(r"(\d{1,2}[:.]\d{2})\s*uhr\b")
_HOUR_UHR = re.compile(r"(?<![\d:.])(\d{1,2})\s*uhr\b")


EARLIEST, LATEST = 1900, 2999  # years; outside them no holiday calendar means anything


def parse_when(text: str, now: datetime, tz: ZoneInfo) -> datetime:
    """Parse WHEN relative to `now` (aware) in zone `tz`; UsageError if not understood."""
    try:
        when = _parse(text, now, tz)
    except OverflowError:  # the first or last day Python knows, moved into a zone
        when = None
    if when is None or not EARLIEST <= when.year <= LATEST:
        raise UsageError(_("--at {when}: give a time between the years {earliest} and "
                           "{latest}", when=repr(text), earliest=EARLIEST, latest=LATEST))
    return when


def _parse(text: str, now: datetime, tz: ZoneInfo) -> datetime:
    raw = ON.sub("", text.strip().lower())
    if raw in _NOW:
        return now
    try:
        for read in _READERS:
            when = read(raw, now, tz)
            if when is not None:
                return when
    except NotUnderstood:
        pass
    except ValueError as exc:
        raise UsageError(_("--at {when}: {reason}; accepted: {accepted}", when=repr(text),
                           reason=_reason(exc), accepted=_(ACCEPTED))) from exc
    raise UsageError(_("--at {when} is not a time I understand; accepted: {accepted}",
                       when=repr(text), accepted=_(ACCEPTED)))


# Each reader reads one kind of WHEN: None if the text is not of its kind, else the instant
# (or ValueError for a day or time that does not exist, NotUnderstood for one it refuses).


def _iso(raw: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    m = _ISO.match(raw)
    return _finish(date.fromisoformat(m["date"]), m, tz) if m else None


def _german(raw: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    m = _GERMAN.match(raw)
    return _finish(date(int(m["y"]), int(m["mo"]), int(m["d"])), m, tz) if m else None


def _day_month(raw: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    """24.12. is the next 24 December, today included."""
    m = _DAY_MONTH.match(raw)
    if not m:
        return None
    if m["dot"] is None and m["h"] is None:
        raise NotUnderstood
    today = now.astimezone(tz).date()
    return _finish(next_day_of_year(int(m["d"]), int(m["mo"]), today), m, tz)


def _time_today(raw: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    m = _ONLY_TIME.match(raw)
    if not m or not says_time(m):
        return None
    return localize(datetime.combine(now.astimezone(tz).date(), clock(m)), tz)


def _day_word(raw: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    """heute, morgen, übermorgen (that day), a weekday (the next such time), each with a
    time or without one (midnight)."""
    m = _WORD_TIME.match(raw)
    if not m or not (m["word"] in _RELATIVE or m["word"] in _DAYS):
        return None
    at = clock(m) if m["h"] is not None else time(0, 0)
    if m["word"] in _RELATIVE:
        day = now.astimezone(tz).date() + timedelta(days=_RELATIVE[m["word"]])
        return localize(datetime.combine(day, at), tz)
    return next_weekday(_DAYS[m["word"]], at, now, tz)


def _month_name(raw: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    if not any(word in _MONTH_WORDS for word in _WORDS.findall(raw)):
        return None
    return _with_month_name(raw, now.astimezone(tz), tz)


_READERS: tuple[Callable[[str, datetime, ZoneInfo], datetime | None], ...] = (
    _iso, _german, _day_month, _time_today, _day_word, _month_name)


def _with_month_name(raw: str, local_now: datetime, tz: ZoneInfo) -> datetime:
    """A date with a month name, through dateutil: "6. März 2024 10:30", "March 6, 10:30am",
    "Mittwoch, 6. März 10 Uhr". Without a year it is the next such day (today included), as
    for "24.12."; without a time, midnight. A day of the month is required, a year is written
    out in full (dateutil would read "24" or "0001" as a year of this century), a weekday
    must be the date's own, and a zone may only be an offset: a name like "MEZ" means
    different things to different readers, so it is refused rather than guessed."""
    from dateutil import parser  # start-up: only for a WHEN with a month name

    info = _month_parserinfo()
    # "10 Uhr" is 10:00 (dateutil would take a lone 10 for the day); "10:30 Uhr" is 10:30
    raw = _HOUR_UHR.sub(r"\1:00", _CLOCK_UHR.sub(r"\1", raw))

    def zone(name: str | None, offset: int | None) -> tzinfo | None:
        if offset is not None:  # +01:00; dateutil calls an offset of 0 and "z" "UTC"
            return timezone(timedelta(seconds=offset))
        if name is not None:
            raise NotUnderstood
        return None

    def parse(year: int, day: int) -> datetime:
        default = datetime(year, 1, day)
        try:
            return parser.parse(raw, parserinfo=info, default=default, tzinfos=zone)
        except OverflowError as exc:
            raise ValueError(str(exc)) from None
        except parser.ParserError as exc:
            reason = str(exc).partition(": ")[0]  # dateutil repeats the text after ": "
            if reason in _PYTHON_REASONS:
                raise ValueError(reason) from None
            raise NotUnderstood from None

    when = parse(local_now.year, 1)
    if when != parse(local_now.year, 2):  # the day came from the default: none was given
        raise NotUnderstood
    try:  # a year written in the text makes the default's year no matter
        year_given = when == parse(local_now.year + 1, 1)
    except ValueError:  # "29. Feb" in a leap year: no such day the year after
        year_given = False
    if year_given and not re.search(rf"(?<!\d){when.year}(?!\d)", raw):
        raise NotUnderstood
    if not year_given and when.date() < local_now.date():
        when = _next_year_with(parse, when, local_now.year)
    days = [_DAYS[word] for word in _WORDS.findall(raw) if word in _DAYS]
    if days and days[0] != when.weekday():
        raise ValueError(_("{day} is a {weekday}", day=when.strftime("%d.%m.%Y"),
                           weekday=_(_WEEKDAY_NAMES[when.weekday()])))
    if when.tzinfo is None:
        return localize(when, tz)
    return when


def _next_year_with(parse: Callable[[int, int], datetime], when: datetime, year: int
                    ) -> datetime:
    """WHEN's day and time in the next year that has that day (29 February: the next leap
    year), for a date without a year that has passed this year."""
    for later in range(year + 1, year + 9):
        try:
            return parse(later, 1)
        except ValueError:  # no such day that year
            continue
    return when


_WEEKDAY_NAMES = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
                  N_("Saturday"), N_("Sunday"))


def _month_parserinfo() -> parserinfo:
    from dateutil import parser  # start-up: only for a WHEN with a month name

    # (dateutil reads each of these as any sequence of names or of tuples of names, of any
    # length; its type stubs say lists, of pairs or triples)
    class MonthNames(parser.parserinfo):
        MONTHS = MONTH_NAMES  # type: ignore[assignment]  # tuples of 2 to 6 names
        WEEKDAYS = tuple(  # type: ignore[assignment]  # tuples of 2 to 7 names
            tuple(word for word, number in _DAYS.items() if number == day) for day in range(7))
        JUMP = (*parser.parserinfo.JUMP, "uhr", "um", "den")  # type: ignore[assignment]  # a tuple

    return MonthNames(dayfirst=True)


def _reason(exc: ValueError) -> str:
    """Why a date or time does not exist, in the language shown."""
    text = str(exc)
    if text.startswith("offset must be"):  # Python names its timedelta limits
        return _("the offset must be less than 24 hours")
    return _(text)  # one of _PYTHON_REASONS, or already translated (when_forms.clock)


def _finish(day: date, m: re.Match[str], tz: ZoneInfo) -> datetime:
    naive = datetime.combine(day, clock(m) if m["h"] is not None else time(0, 0))
    offset = m["off"]
    if not offset:
        return localize(naive, tz)
    if offset == "z":
        return datetime.fromisoformat(naive.isoformat() + "+00:00")
    if ":" not in offset and len(offset) == 5:
        offset = f"{offset[:3]}:{offset[3:]}"
    elif len(offset) == 3:
        offset += ":00"
    return datetime.fromisoformat(naive.isoformat() + offset)
