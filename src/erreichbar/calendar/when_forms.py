"""The pieces of `--at WHEN` that calendar/when.py puts together: a time of day in the ways
people write it, and the day a date without a year or a weekday means.

    >>> import re
    >>> at = re.compile(rf"^{TIME}$", re.ASCII)
    >>> [clock(at.match(text)).isoformat() for text in
    ...  ("14:30", "14 uhr", "15.30 uhr", "9am", "2:30 p.m.", "12am", "12pm")]
    ['14:30:00', '14:00:00', '15:30:00', '09:00:00', '14:30:00', '00:00:00', '12:00:00']
    >>> next_day_of_year(24, 12, date(2024, 12, 25)), next_day_of_year(29, 2, date(2024, 3, 6))
    (datetime.date(2025, 12, 24), datetime.date(2028, 2, 29))
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from erreichbar.calendar.civil import localize
from erreichbar.i18n import _

# A time of day: 14:30 (with seconds: 14:30:15), 14 (where a day comes first), 14 Uhr,
# 14:30 Uhr, 15.30 Uhr (a dot only with Uhr: "15.30" alone reads as a date), and the 12-hour
# clock, 9am, 9 am, 9 a.m., 2:30pm. Matched on the text in lower case.
TIME = (r"(?P<h>\d{1,2})(?::(?P<m>\d{2})(?::(?P<s>\d{2}))?|\.(?P<dm>\d{2}))?"
        r"(?:\s*(?P<suffix>uhr|[ap]\.?m\.?))?")
# What may stand before a time after a day ("morgen um 9 Uhr", "friday at 2pm")
AT = r"(?:(?:um|at)\s+)?"
# What may stand before a day: "am Freitag", "am 24.12.", "on friday"; dropped before reading
ON = re.compile(r"^(?:am|on)\s+(?=\S)")


class NotUnderstood(ValueError):
    """The text is no date this parser reads."""


def clock(m: re.Match[str]) -> time:
    """The time of day a match of TIME says; ValueError for one that does not exist
    ("25 Uhr", "13pm", "24:00"), NotUnderstood for a dotted time without Uhr."""
    hour, minute, second = int(m["h"]), int(m["m"] or m["dm"] or 0), int(m["s"] or 0)
    suffix = m["suffix"] or ""
    if m["dm"] is not None and suffix != "uhr":
        raise NotUnderstood
    if suffix[:1] in ("a", "p"):
        if not 1 <= hour <= 12:
            raise ValueError(_("on the 12-hour clock (am, pm) the hour is 1 to 12"))
        hour = hour % 12 + (12 if suffix[0] == "p" else 0)  # 12am is midnight, 12pm noon
    elif hour == 24 and minute == 0 and second == 0:
        raise ValueError(_("write 24:00 as 00:00 of the next day"))
    return time(hour, minute, second)


def says_time(m: re.Match[str]) -> bool:
    """Whether a match of TIME is a time on its own: not a bare number ("14" is no time,
    "14 Uhr", "14:00" and "2pm" are)."""
    return m["m"] is not None or m["suffix"] is not None


def next_day_of_year(day: int, month: int, today: date) -> date:
    """The next DAY.MONTH. from `today` on, today included; for 29 February the next leap
    year's. ValueError, in Python's words, for a day no year has (31.2.)."""
    date(2000, month, day)  # a leap year: every day some year has
    year = today.year
    while True:
        try:
            found = date(year, month, day)
        except ValueError:  # 29 February in a common year
            year += 1
            continue
        if found >= today:
            return found
        year += 1


def next_weekday(weekday: int, at: time, now: datetime, tz: ZoneInfo) -> datetime:
    """The next `weekday` (0 = Monday) at `at` in `tz`, at or after `now`: today if that time
    is still ahead, else a week on."""
    local = now.astimezone(tz)
    day = local.date() + timedelta(days=(weekday - local.weekday()) % 7)
    candidate = localize(datetime.combine(day, at), tz)
    if candidate < now:
        candidate = localize(datetime.combine(day + timedelta(days=7), at), tz)
    return candidate
