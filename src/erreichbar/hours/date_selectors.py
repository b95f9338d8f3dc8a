"""What of an `opening_hours` rule depends on the date, and whether it holds on a date:
years, months, dates and date ranges (with or without a year, `easter` among them, with
day offsets), week numbers with steps, the nth weekday of a month (`Sa[1]`, `Su[-1]`, with
a day offset), public holidays with a day offset (`PH +1 day`) and school holidays (`SH`).

    >>> from erreichbar.hours.reader import parse_rules
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
such rules is still compiled day by day (dated_days.py); a date only decides which rules
apply on it. Reading them from text is dates.py's.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from typing import TypeAlias

    from erreichbar.calendar.civil import Calendar

    # A selector as the store keeps it (pack, unpack): plain tuples that marshal writes.
    # year, month, day, offset, nth (weekday, n)
    PackedPoint: TypeAlias = tuple[int | None, int | None, int, int, tuple[int, int] | None]
    PackedSelector: TypeAlias = tuple[
        tuple[tuple[int, int | None, int], ...],  # years: first, last, step
        tuple[tuple[PackedPoint, PackedPoint, bool], ...],  # monthdays: first, last, to year end
        tuple[tuple[int, int, int], ...],  # weeks: first, last, step
        tuple[tuple[int, tuple[int, ...], int], ...],  # nth weekdays: weekday, nths, offset
        tuple[int, ...],  # holiday offsets
        int,  # school
        tuple[int, ...],  # the weekdays the holiday offsets are kept to (none: all)
        tuple[tuple[PackedPoint, PackedPoint, bool], ...],  # the second monthdays
    ]

MONTHS = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
               "Dec")
LAST = 0  # the day number of a month's last day (the end of a month range)


def days_in_month(year: int, month: int) -> int:
    """How many days MONTH of YEAR has (the stdlib's calendar module would cost every run
    that reads a rule by date a millisecond to import)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


# The selectors are named tuples, not frozen dataclasses: as values they need only fields,
# equality and a hash, and a run that reads rules by date (the bundled data's special days)
# defines all six on every start, where six frozen dataclasses cost 3 ms.
class YearRange(NamedTuple):
    first: int
    last: int | None  # None: open-ended (`2025+`)
    step: int = 1

    def holds(self, year: int) -> bool:
        return self.first <= year and (self.last is None or year <= self.last) \
            and (year - self.first) % self.step == 0


class DatePoint(NamedTuple):
    """A day of a year: month and day (LAST: the month's last day), the nth weekday of a
    month (`nth`: weekday, n; `Jan Su[2]`, as the end of a date range) or Easter Sunday
    (month None), moved by `offset` days; in the given year only, if it has one."""

    year: int | None
    month: int | None
    day: int
    offset: int = 0
    nth: tuple[int, int] | None = None

    def on(self, year: int) -> date | None:
        """The date in `year` (None where it does not exist, as Feb 29 in most years)."""
        year = self.year if self.year is not None else year
        if self.month is not None and self.nth is not None:
            found = nth_weekday(year, self.month, *self.nth)
            return None if found is None else found + timedelta(days=self.offset)
        if self.month is None:
            from dateutil.easter import easter  # start-up: only a rule by Easter

            base = easter(year)
        else:
            day = self.day or days_in_month(year, self.month)
            try:
                base = date(year, self.month, day)
            except ValueError:
                return None
        try:
            return base + timedelta(days=self.offset) if self.offset else base
        except OverflowError:  # (beyond the year 9999)
            return None


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date | None:
    """The nth weekday (Monday 0) of a month, counted from its end where n < 0; None where
    the month has no such day (a fifth Sunday)."""
    if n > 0:
        first = date(year, month, 1)
        found = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    else:
        last = date(year, month, days_in_month(year, month))
        found = last - timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-n - 1))
    return found if found.month == month else None


class MonthdayRange(NamedTuple):
    first: DatePoint
    last: DatePoint  # the same as first for a single date
    to_year_end: bool = False  # `Dec 24+`

    def holds(self, day: date) -> bool:
        # a range may begin in the year before (it runs over New Year) and an offset may
        # move a date into a neighbouring year
        years = (self.first.year,) if self.first.year is not None else (
            day.year - 1, day.year, day.year + 1)
        for year in years:
            start = self.first.on(year)
            if start is None:
                continue
            if self.to_year_end:
                end: date | None = date(start.year, 12, 31)
            else:
                end = self.last.on(self.last.year if self.last.year is not None else year)
                if end is not None and end < start and self.last.year is None:
                    # its end falls before its start in that year: it holds from the start
                    # to the year's end and from the year's beginning to the end, as
                    # opening_hours.js reads it (`Nov-Feb`, `Oct Su[-1]-Mar Su[-1]`; and so
                    # `easter-Apr 20` holds nothing before Easter in a year whose Easter
                    # falls before 20 April)
                    if start <= day <= date(start.year, 12, 31) \
                            or date(end.year, 1, 1) <= day <= end:
                        return True
                    continue
            if end is not None and start <= day <= end:
                return True
        return False


class WeekRange(NamedTuple):
    first: int
    last: int
    step: int = 1

    def holds(self, week: int) -> bool:
        return self.first <= week <= self.last and (week - self.first) % self.step == 0


class NthWeekday(NamedTuple):
    """`Sa[1]`, `Su[-1]`, `Mo[1,3] -1 day`: weekday, which of the month, moved by days."""

    weekday: int
    nths: frozenset[int]  # 1..5 from the start of the month, -1..-5 from its end
    offset: int = 0

    def holds(self, day: date) -> bool:
        base = day - timedelta(days=self.offset) if self.offset else day
        if base.weekday() != self.weekday:
            return False
        length = days_in_month(base.year, base.month)
        return (base.day - 1) // 7 + 1 in self.nths or \
            -((length - base.day) // 7 + 1) in self.nths


class DateSelector(NamedTuple):
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
    # `PH +1 day Mo`: a day after a holiday counts only on these weekdays (empty: on any)
    offset_weekdays: frozenset[int] = frozenset()
    # a second monthday selector beside the first (`Jan-Feb Jan 09-15`): it holds too
    also_monthdays: tuple[MonthdayRange, ...] = ()

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
        if self.also_monthdays and not any(r.holds(day) for r in self.also_monthdays):
            return False
        return not (self.weeks and not any(r.holds(day.isocalendar()[1]) for r in self.weeks))

    def more_days(self, cal: Calendar, day: date) -> bool:
        """Whether `day` is one of the rule's nth weekdays or days after/before a holiday."""
        return any(d.holds(day) for d in self.days) or self._beside_holiday(cal, day) \
            or (self.school == 1 and cal.school_holiday(day) is not None)

    def _beside_holiday(self, cal: Calendar, day: date) -> bool:
        if self.offset_weekdays and day.weekday() not in self.offset_weekdays:
            return False
        return any(cal.holiday(day - timedelta(days=k)) is not None
                   for k in self.holiday_offsets)


# --- one object per selector, and the store's plain values ----------------------------

_INTERNED: dict[DateSelector, DateSelector] = {}
_UNPACKED: dict[PackedSelector, DateSelector] = {}


def interned(sel: DateSelector) -> DateSelector:
    """The one object for equal selectors: what a selector says of a date is kept per
    object (dated_days), so every schedule that closes on `Dec 24` asks it once."""
    found = _INTERNED.get(sel)
    if found is None:
        if len(_INTERNED) > 1 << 14:
            _INTERNED.clear()
        found = _INTERNED[sel] = sel
    return found


def pack(sel: DateSelector) -> PackedSelector:
    def point(p: DatePoint) -> PackedPoint:
        return (p.year, p.month, p.day, p.offset, p.nth)

    return (tuple((r.first, r.last, r.step) for r in sel.years),
            tuple((point(r.first), point(r.last), r.to_year_end) for r in sel.monthdays),
            tuple((r.first, r.last, r.step) for r in sel.weeks),
            tuple((d.weekday, tuple(sorted(d.nths)), d.offset) for d in sel.days),
            sel.holiday_offsets, sel.school, tuple(sorted(sel.offset_weekdays)),
            tuple((point(r.first), point(r.last), r.to_year_end) for r in sel.also_monthdays))


def unpack(packed: PackedSelector) -> DateSelector:
    found = _UNPACKED.get(packed)
    if found is None:
        years, monthdays, weeks, days, offsets, school, offset_weekdays, also = packed
        found = _UNPACKED[packed] = interned(DateSelector(
            tuple(YearRange(*r) for r in years), _monthdays(monthdays),
            tuple(WeekRange(*r) for r in weeks),
            tuple(NthWeekday(w, frozenset(n), o) for w, n, o in days),
            tuple(offsets), school, frozenset(offset_weekdays), _monthdays(also)))
    return found


def _monthdays(packed: tuple[tuple[PackedPoint, PackedPoint, bool], ...]
               ) -> tuple[MonthdayRange, ...]:
    return tuple(MonthdayRange(DatePoint(*a), DatePoint(*b), end) for a, b, end in packed)
