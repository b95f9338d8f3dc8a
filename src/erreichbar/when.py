"""`--at WHEN` -> an aware datetime. Without an offset, WHEN is wall-clock time of the dataset.

    >>> from datetime import datetime, timezone
    >>> from zoneinfo import ZoneInfo
    >>> now = datetime(2024, 3, 6, 8, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    >>> parse_when("Fr 14:30", now, ZoneInfo("Europe/Berlin")).isoformat()
    '2024-03-08T14:30:00+01:00'
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .calendar import localize
from .errors import UsageError
from .i18n import N_, _

# The forms of WHEN, in the words of the language shown (both languages' words are accepted).
ACCEPTED = N_(
    "2024-03-06T10:30, 2024-03-06 10:30, 6.3.2024 10:30 (each optionally with +01:00 or Z), "
    "2024-03-06, today, tomorrow 9:00, Mo 10:00 or Monday 10:00 (the next such time), "
    "10:30 (today), now"
)
# Python's own reasons for a date or time out of range, translated when shown (see _reason)
_PYTHON_REASONS = (N_("month must be in 1..12"), N_("day is out of range for month"),
                   N_("year 0 is out of range"), N_("hour must be in 0..23"),
                   N_("minute must be in 0..59"), N_("second must be in 0..59"))

_DAYS = {
    "mo": 0, "montag": 0, "monday": 0, "mon": 0,
    "di": 1, "dienstag": 1, "tu": 1, "tue": 1, "tuesday": 1,
    "mi": 2, "mittwoch": 2, "we": 2, "wed": 2, "wednesday": 2,
    "do": 3, "donnerstag": 3, "th": 3, "thu": 3, "thursday": 3,
    "fr": 4, "freitag": 4, "fri": 4, "friday": 4,
    "sa": 5, "samstag": 5, "sonnabend": 5, "sat": 5, "saturday": 5,
    "so": 6, "sonntag": 6, "su": 6, "sun": 6, "sunday": 6,
}
_RELATIVE = {"heute": 0, "today": 0, "morgen": 1, "tomorrow": 1, "übermorgen": 2}
_NOW = {"now", "jetzt"}

_TIME = r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?(?:\s*uhr)?"
_OFFSET = r"(?P<off>z|[+-]\d{2}(?::?\d{2})?)?"
_ISO = re.compile(
    rf"^(?P<date>\d{{4}}-\d{{2}}-\d{{2}})(?:[t ]+{_TIME}(?::(?P<s>\d{{2}}))?)?\s*{_OFFSET}$",
    re.ASCII)
_GERMAN = re.compile(
    rf"^(?P<d>\d{{1,2}})\.(?P<mo>\d{{1,2}})\.(?P<y>\d{{4}})(?:,?\s+{_TIME})?\s*{_OFFSET}$",
    re.ASCII)
_WORD_TIME = re.compile(rf"^(?P<word>[a-zäöü]+)\.?(?:,?\s+{_TIME})?$", re.ASCII)
_ONLY_TIME = re.compile(rf"^{_TIME}$", re.ASCII)


EARLIEST, LATEST = 1900, 2999  # years; outside them no holiday calendar means anything


def parse_when(text: str, now: datetime, tz: ZoneInfo) -> datetime:
    """Parse WHEN relative to `now` (aware) in zone `tz`; UsageError if not understood."""
    when = _parse(text, now, tz)
    if not EARLIEST <= when.year <= LATEST:  # checked before any zone arithmetic can overflow
        raise UsageError(_("--at {when}: give a time between the years {earliest} and "
                           "{latest}", when=repr(text), earliest=EARLIEST, latest=LATEST))
    return when


def _parse(text: str, now: datetime, tz: ZoneInfo) -> datetime:
    raw = text.strip().lower()
    if raw in _NOW:
        return now
    local_now = now.astimezone(tz)
    try:
        m = _ISO.match(raw)
        if m:
            day = date.fromisoformat(m["date"])
            return _finish(day, m, tz)
        m = _GERMAN.match(raw)
        if m:
            day = date(int(m["y"]), int(m["mo"]), int(m["d"]))
            return _finish(day, m, tz)
        m = _ONLY_TIME.match(raw)
        if m and m["m"] is not None:
            return localize(datetime.combine(local_now.date(), _clock(m)), tz)
        m = _WORD_TIME.match(raw)
        if m and (m["word"] in _RELATIVE or m["word"] in _DAYS):
            clock = _clock(m) if m["h"] is not None else time(0, 0)
            if m["word"] in _RELATIVE:
                day = local_now.date() + timedelta(days=_RELATIVE[m["word"]])
                return localize(datetime.combine(day, clock), tz)
            ahead = (_DAYS[m["word"]] - local_now.weekday()) % 7
            candidate = localize(
                datetime.combine(local_now.date() + timedelta(days=ahead), clock), tz)
            if candidate < now:
                candidate = localize(
                    datetime.combine(local_now.date() + timedelta(days=ahead + 7), clock), tz)
            return candidate
    except ValueError as exc:
        raise UsageError(_("--at {when}: {reason}; accepted: {accepted}", when=repr(text),
                           reason=_reason(exc), accepted=_(ACCEPTED))) from exc
    raise UsageError(_("--at {when} is not a time I understand; accepted: {accepted}",
                       when=repr(text), accepted=_(ACCEPTED)))


def _reason(exc: ValueError) -> str:
    """Why a date or time does not exist, in the language shown."""
    text = str(exc)
    if text.startswith("offset must be"):  # Python names its timedelta limits
        return _("the offset must be less than 24 hours")
    return _(text)  # one of _PYTHON_REASONS, or already translated (_clock)


def _clock(m: re.Match) -> time:
    hour, minute = int(m["h"]), int(m["m"] or 0)
    second = int(m["s"]) if "s" in m.re.groupindex and m["s"] else 0
    if hour == 24 and minute == 0:
        raise ValueError(_("write 24:00 as 00:00 of the next day"))
    return time(hour, minute, second)


def _finish(day: date, m: re.Match, tz: ZoneInfo) -> datetime:
    clock = _clock(m) if m["h"] is not None else time(0, 0)
    naive = datetime.combine(day, clock)
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
