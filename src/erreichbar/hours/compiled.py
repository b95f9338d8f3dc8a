"""A schedule compiled for look-up, and the calendar as the kind of each date.

A day's segments become its pieces of constant state from 00:00 to 24:00 (closed gaps
included), with their starts for bisection and, from each piece on, the index of the
first open one: a walk then steps over whole pieces and days instead of searching
minutes. Equal days are one object after parsing, so each is compiled once however many
schedules share it.

Which day of a schedule applies on a date is decided in one place, `day_kind`: the
weekday, or its holiday variant. A schedule whose rules depend on the date itself (`Dec 24
off`, `Sa[1]`) has its day asked per date instead (`Schedule.dated`, values.DaysByDate,
which paints each combination of rules that apply once), and its compiled days are the same
DayPlans, so every question to the engine (state, its end, the next window, the windows in
a range) follows them without a second walk.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from erreichbar.calendar.civil import Calendar
from erreichbar.hours.values import ALWAYS, Schedule, Segment, State, Validity

DAY = 24 * 60
_NO_SEGMENTS: tuple[Segment, ...] = ()


class DayPlan:
    """One kind of day as pieces (start, end, state, comment) covering 00:00 to 24:00."""

    __slots__ = ("day", "open_from", "pieces", "starts")

    def __init__(self, day: tuple[Segment, ...]) -> None:
        pieces: list[tuple[int, int, State, str | None]] = []
        pos = 0
        for seg in day:
            if seg.start > pos:
                pieces.append((pos, seg.start, State.CLOSED, None))
            pieces.append((seg.start, seg.end, seg.state, seg.comment))
            pos = seg.end
        if pos < DAY:
            pieces.append((pos, DAY, State.CLOSED, None))
        open_from = [-1] * (len(pieces) + 1)
        for k in range(len(pieces) - 1, -1, -1):
            open_from[k] = k if pieces[k][2] is State.OPEN else open_from[k + 1]
        self.day = day  # holds the object whose id is the key of its plan
        self.pieces = pieces
        self.starts = [p[0] for p in pieces]
        self.open_from = open_from  # [k]: the first open piece from k on, -1 if none


PLANS: dict[int, DayPlan] = {}


def plan(day: tuple[Segment, ...]) -> DayPlan:
    """The compiled form of one day's segments, made once per day object."""
    found = PLANS.get(id(day))
    if found is None:
        if len(PLANS) > 500_000:  # a bound for long-lived processes; rebuilt on demand
            PLANS.clear()
        found = PLANS[id(day)] = DayPlan(day)
    return found


def day_kind(cal: Calendar, day: date) -> int:
    """The kind of a date, as Schedule.days indexes it: the one function through which a
    schedule is looked up per date."""
    return cal.slot(day)


KINDS = 14  # a schedule's days: a weekday, or the same weekday as a public holiday


def day_of(days: tuple[tuple[Segment, ...], ...], kind: int, before: int
           ) -> tuple[Segment, ...]:
    """A schedule's day of `kind` after a day of kind `before`. Only a schedule with spans
    past midnight has a day for each pair (see rules.py); any other has the 14 kinds."""
    if len(days) == KINDS:
        return days[kind]
    return days[KINDS + KINDS * before + kind]


def segments_on(schedule: Schedule, validity: Validity, cal: Calendar,
                day: date) -> tuple[Segment, ...]:
    """The open and unknown segments of one local day (none outside the validity period)."""
    return plan_on(schedule, validity, days_from(cal, day), 0).day


class Days:
    """The local dates from `first` on, numbered from 0, grown as a walk needs them: the
    kind of each, whether its clocks change, and the aware datetime of a position (wall-clock
    minutes since `first` 00:00). Shared by every schedule asked about at one instant."""

    __slots__ = ("_at", "_utc", "before", "cal", "dates", "first", "kinds", "shifts")

    def __init__(self, cal: Calendar, first: date) -> None:
        self.cal = cal
        self.first = first
        self.before = day_kind(cal, first - timedelta(days=1))  # the kind of the day before
        self.dates: list[date] = []
        self.kinds: list[int] = []
        self.shifts: list[bool] = []
        self._at: dict[int, datetime] = {}
        self._utc: dict[int, datetime] = {}

    def grow(self, n: int) -> None:
        """Know the days up to `n`: most walks need two, a rare one a year."""
        cal, dates = self.cal, self.dates
        while len(dates) <= n:
            d = self.first + timedelta(days=len(dates))
            dates.append(d)
            self.kinds.append(day_kind(cal, d))
            self.shifts.append(cal.shifts(d))

    def at(self, pos: int) -> datetime:
        found = self._at.get(pos)
        if found is None:
            found = self._at[pos] = self.cal.at(self.first + timedelta(days=pos // DAY),
                                                pos % DAY)
        return found

    def utc(self, pos: int) -> datetime:
        """at(pos) in UTC, where instants compare as instants (in one zone Python compares
        wall clocks, which is wrong in the repeated autumn hour)."""
        found = self._utc.get(pos)
        if found is None:
            found = self._utc[pos] = self.at(pos).astimezone(UTC)
        return found


_RECENT: dict[tuple[int, date], Days] = {}


def days_from(cal: Calendar, first: date) -> Days:
    """The Days of `cal` from `first`, kept for the next question about the same days (a
    command asks about many channels at one instant, one by one)."""
    found = _RECENT.get((id(cal), first))
    if found is None or found.cal is not cal:
        if len(_RECENT) >= 16:
            _RECENT.clear()
        found = _RECENT[(id(cal), first)] = Days(cal, first)
    return found


def plan_on(schedule: Schedule, validity: Validity, days: Days, n: int) -> DayPlan:
    """The compiled day of `schedule` on day `n` of `days`."""
    if n >= len(days.dates):
        days.grow(n)
    if validity is not ALWAYS and not validity.covers(days.dates[n]):
        return plan(_NO_SEGMENTS)
    if schedule.dated is not None:
        return plan(schedule.dated.day(days.cal, days.dates[n]))
    kinds = days.kinds
    return plan(day_of(schedule.days, kinds[n], kinds[n - 1] if n else days.before))
