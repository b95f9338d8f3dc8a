"""Timezone and public holidays of a dataset's region, with explicit DST helpers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from erreichbar.errors import DataError, UsageError
from erreichbar.i18n import _


@lru_cache(maxsize=8)
def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DataError(_("unknown timezone {zone}", zone=repr(name))) from exc


# What gives a calendar the public holidays of a region, language and year (see compute)
HolidayTables = Callable[[str, str, int], dict[date, str]]


def compute(region: str, lang: str, year: int) -> dict[date, str]:
    """The public holidays of a region ("DE-HE") in a year, named in `lang`, as the
    `holidays` package computes them."""
    import holidays  # deferred: its import costs more than a whole cached answer

    country, _dash, subdiv = region.partition("-")
    try:
        table = holidays.country_holidays(
            country, subdiv=subdiv or None, years=year,
            language="en_US" if lang == "en" else lang,
        )
    except NotImplementedError as exc:
        raise DataError(_("unknown holiday region {region}", region=repr(region))) from exc
    return {d: str(name) for d, name in sorted(table.items())}


class Calendar:
    """Local time and public holidays of one region, e.g. `Calendar("Europe/Berlin", "DE-HE")`.

    Holiday dates are asked of `tables` once per year and kept: by default they are
    computed (the `holidays` package is imported only when a date is first asked about);
    whoever builds the calendar may hand it tables kept from an earlier run instead.
    """

    def __init__(self, timezone: str, region: str, lang: str = "de",
                 tables: HolidayTables = compute,
                 school: tuple[tuple[date, date, str], ...] = ()) -> None:
        self.tz = zone(timezone)
        self.school = school  # the school holidays the dataset gives: (first, last, name)
        self.lang = lang
        self.timezone = timezone
        self.region = region
        self._tables = tables
        self._years: dict[int, dict[date, str]] = {}
        self._shifts: dict[date, bool] = {}
        self._at: dict[tuple[date, int], datetime] = {}  # many channels share boundaries
        self._slots: dict[date, int] = {}

    def _year(self, year: int) -> dict[date, str]:
        known = self._years.get(year)
        if known is None:
            known = self._years[year] = self._tables(self.region, self.lang, year)
        return known

    def holiday(self, day: date) -> str | None:
        """The name of the public holiday on `day`, or None."""
        return self._year(day.year).get(day)

    def slot(self, day: date) -> int:
        """The kind of day, as Schedule.days indexes it: the weekday, plus 7 on a holiday."""
        known = self._slots.get(day)
        if known is None:
            known = self._slots[day] = day.weekday() + 7 * (self.holiday(day) is not None)
        return known

    def school_holiday(self, day: date) -> str | None:
        """The name of the school holidays `day` lies in, or None (also where the dataset
        gives none: hours that ask are refused when the data is read)."""
        return next((name for first, last, name in self.school if first <= day <= last), None)

    def holidays_in(self, year: int) -> dict[date, str]:
        return dict(self._year(year))

    def shifts(self, day: date) -> bool:
        """True when the clocks change on this local day (only then can a wall-clock time
        be skipped or repeated); computed once per day."""
        known = self._shifts.get(day)
        if known is None:
            start = datetime.combine(day, time(0)).replace(tzinfo=self.tz)
            end = datetime.combine(day + timedelta(days=1), time(0)).replace(tzinfo=self.tz)
            known = start.utcoffset() != end.utcoffset()
            self._shifts[day] = known
        return known

    def local(self, instant: datetime) -> datetime:
        """The wall-clock time at `instant` in this calendar's zone."""
        if instant.tzinfo is None:
            raise ValueError("instant must be timezone-aware")
        return instant.astimezone(self.tz)

    def at(self, day: date, minutes: int) -> datetime:
        """The aware datetime for a wall-clock minute of a local day (1440 = next midnight).

        In the repeated hour of autumn the first occurrence is meant (fold=0). A time in
        the spring gap does not happen; it is taken as the end of the gap (02:15 -> 03:00),
        the first instant whose wall-clock time is not before it, which keeps every window
        consistent with the wall-clock minutes the engine compares.
        """
        known = self._at.get((day, minutes))
        if known is not None:
            return known
        result = self._at[(day, minutes)] = self._at_uncached(day, minutes)
        return result

    def _at_uncached(self, day: date, minutes: int) -> datetime:
        if minutes >= 24 * 60:
            day, minutes = day + timedelta(days=1), minutes - 24 * 60
        naive = datetime.combine(day, time(minutes // 60, minutes % 60))
        if self.shifts(day) and is_nonexistent(naive, self.tz):
            step = naive
            while is_nonexistent(step, self.tz):  # at most the gap, minute by minute
                step += timedelta(minutes=1)
            naive = step
        return naive.replace(tzinfo=self.tz)


def is_nonexistent(naive: datetime, tz: ZoneInfo) -> bool:
    """True for a wall-clock time that the spring DST change skips (e.g. 02:30 on that day)."""
    aware = naive.replace(tzinfo=tz)
    back = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return back != naive


def is_ambiguous(naive: datetime, tz: ZoneInfo) -> bool:
    """True for a wall-clock time that occurs twice when the clocks go back in autumn.
    The two readings of a time differ in the spring gap too, the other way round: there the
    first (fold=0) has the smaller offset, here the larger one."""
    first = naive.replace(tzinfo=tz, fold=0).utcoffset()
    second = naive.replace(tzinfo=tz, fold=1).utcoffset()
    return first is not None and second is not None and first > second


def localize(naive: datetime, tz: ZoneInfo) -> datetime:
    """Attach a zone to a wall-clock time given by a user; a skipped time is an error."""
    if is_nonexistent(naive, tz):
        raise UsageError(_(
            "{time} does not exist in {zone}: the clocks skip that hour (give an offset such "
            "as +01:00 to mean a definite instant)", time=f"{naive:%Y-%m-%d %H:%M}", zone=tz.key
        ))
    return naive.replace(tzinfo=tz)
