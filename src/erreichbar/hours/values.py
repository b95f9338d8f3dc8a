"""The model's values: the states, a day's segments, a parsed schedule and a validity
period, with the constants they are measured in. The engine, the compiled `now` table and
the views of time need only these; a cached `now --json` never builds the records of
`data/model.py`, so it does not define them either (defining a dataclass costs a fifth of a
millisecond of every start-up). `data/model.py` re-exports everything here.

The two value types (Segment, Validity) are frozen: they are compared, hashed and used as
keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

CHANNEL_KINDS = ("phone", "visit", "email", "online")
DAY_MINUTES = 24 * 60  # times are wall-clock minutes after local midnight


class State(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    UNKNOWN = "unknown"
    # Not a state of hours: what an answer says of a visit that needs an appointment while
    # its hours are open or unknown (answers/now.py, by_appointment). No schedule has it.
    APPOINTMENT = "appointment"


if TYPE_CHECKING:  # (not at run time: a cached `now --json` imports nothing for them)
    from typing import Protocol

    from erreichbar.calendar.civil import Calendar

    # a stretch of a day as the rules paint it and a walk reads it: (start, end, state,
    # comment), in minutes after local midnight
    Piece: TypeAlias = tuple[int, int, State, str | None]

    class DaysByDate(Protocol):
        """What a schedule, and those who read it, ask of its rules by date
        (dated_days.DatedDays, which is not imported here: it is built on these values)."""

        @property
        def ever_open(self) -> bool: ...  # some rule opens: a walk looks a year ahead
        @property
        def night(self) -> bool: ...  # spans past midnight: a day depends on the one before
        @property
        def regular(self) -> tuple[tuple[Segment, ...], ...]: ...
        @property
        def texts(self) -> tuple[str, ...]: ...
        @property
        def school(self) -> bool: ...
        def day(self, cal: Calendar, day: date) -> tuple[Segment, ...]: ...
        def closure(self, cal: Calendar, day: date) -> tuple[str, str | None] | None: ...
        def pack(self) -> tuple[object, ...]: ...


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
    # Rules that depend on the date (dated_days.DatedDays): then `days` is only the regular
    # week its other rules make, and the day of a date is `dated.day(cal, date)`.
    dated: DaysByDate | None = field(default=None, repr=False)
    # Worked out once here rather than on every question to the engine:
    constant: tuple[State, str | None] | None = field(init=False, compare=False, repr=False)
    ever_open: bool = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.dated is not None:
            self.constant = None
            self.ever_open = self.dated.ever_open
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
