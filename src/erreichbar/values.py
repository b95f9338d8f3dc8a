"""The model's values: the states, a day's segments, a parsed schedule and a validity
period, with the constants they are measured in. The engine, the compiled `now` table and
the views of time need only these; a cached `now --json` never builds the records of
`model.py`, so it does not define them either (defining a dataclass costs a fifth of a
millisecond of every start-up). `model.py` re-exports everything here.

The two value types (Segment, Validity) are frozen: they are compared, hashed and used as
keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

CHANNEL_KINDS = ("phone", "visit", "email", "online")
DAY_MINUTES = 24 * 60  # times are wall-clock minutes after local midnight


class State(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    UNKNOWN = "unknown"


def fmt_minutes(minutes: int) -> str:
    """`08:30` for 510 (and `24:00` for the end of the day)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of one day, in minutes after local midnight, with a non-closed state.

    Times are wall-clock minutes (0..1440), so a window means the same on a
    daylight-saving day as on any other.
    """

    start: int
    end: int
    state: State
    comment: str | None = None


@dataclass(slots=True)
class Schedule:
    """Parsed hours: for each kind of day, the segments that are not closed.

    `days[weekday]` holds an ordinary day (Monday = 0), `days[7 + weekday]` the
    same weekday when it is a public holiday.
    """

    text: str
    days: tuple[tuple[Segment, ...], ...]
    # Rules that depend on the date (hours_rules.DatedDays): then `days` is only the regular
    # week its other rules make, and the day of a date is `dated.day(cal, date)`.
    dated: DatedDays | None = field(default=None, repr=False)  # noqa: F821 (not imported:
    # a cached `now --json` has no dated rule to read, and imports nothing for them)
    # Worked out once here rather than on every question to the engine:
    constant: tuple[State, str | None] | None = field(init=False, compare=False, repr=False)
    ever_open: bool = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.dated is not None:
            self.constant = None
            self.ever_open = any(r.state is State.OPEN for r in self.dated.rules)
            return
        days = self.days
        first = days[0]
        if not first:
            constant: tuple[State, str | None] | None = (State.CLOSED, None)
        elif len(first) == 1 and first[0].start == 0 and first[0].end == DAY_MINUTES:
            constant = (first[0].state, first[0].comment)
        else:
            constant = None
        # (compared only when Monday could be the whole week; equal days are mostly one
        # object, which count() recognises at once)
        if constant is not None and days.count(first) != len(days):
            constant = None
        self.constant = constant
        self.ever_open = any(seg.state is State.OPEN for day in days for seg in day)

    @classmethod
    def restored(cls, text: str, days: tuple[tuple[Segment, ...], ...],
                 constant: tuple[State, str | None] | None, ever_open: bool) -> Schedule:
        """A schedule read back from the cache with what __post_init__ worked out when it
        was first built (the cache rebuilds tens of thousands of them on every run)."""
        schedule = cls.__new__(cls)
        schedule.text = text
        schedule.days = days
        schedule.dated = None
        schedule.constant = constant
        schedule.ever_open = ever_open
        return schedule

    def day(self, weekday: int, holiday: bool) -> tuple[Segment, ...]:
        return self.days[weekday + 7 * holiday]


@dataclass(frozen=True, slots=True)
class Validity:
    """Inclusive local dates; None means open-ended."""

    valid_from: date | None = None
    valid_until: date | None = None

    def covers(self, day: date) -> bool:
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_until is not None and day > self.valid_until)


ALWAYS = Validity()
