"""The data model: dataclasses built by `dataset.py` (or the cache), read by the engine and
renderers, and never changed after they are built.

The two value types (Segment, Validity) are frozen: they are compared, hashed and used as
keys. The records are plain slotted dataclasses: a frozen dataclass sets each field
through `object.__setattr__`, which makes building one six times slower and defining
one twice as slow, and a country-sized dataset builds a few hundred thousand records on
every run, behind a start-up that is measured in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

CHANNEL_KINDS = ("phone", "visit", "email", "online")
DAY_MINUTES = 24 * 60  # times are wall-clock minutes after local midnight
APPOINTMENT_RULES = ("required", "optional", "none")


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
    # Worked out once here rather than on every question to the engine:
    constant: tuple[State, str | None] | None = field(init=False, compare=False, repr=False)
    ever_open: bool = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
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
        schedule.constant = constant
        schedule.ever_open = ever_open
        return schedule

    def day(self, weekday: int, holiday: bool) -> tuple[Segment, ...]:
        return self.days[weekday + 7 * holiday]


@dataclass(slots=True)
class Source:
    id: str
    title: str
    publisher: str
    date: date | None = None
    url: str | None = None


@dataclass(slots=True)
class Contact:
    kind: str  # phone | email | url
    value: str
    uri: str


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


@dataclass(slots=True)
class Note:
    text: str
    validity: Validity = ALWAYS


@dataclass(slots=True)
class Line:
    """A shared phone line, such as the Behördennummer 115, that channels can go through."""

    id: str
    name: str
    hours: Schedule
    contacts: tuple[Contact, ...]
    notes: tuple[Note, ...]
    source: Source


@dataclass(slots=True)
class Channel:
    office: str
    unit: str | None
    kind: str
    hours: Schedule
    contacts: tuple[Contact, ...] = ()
    appointment: str | None = None
    notes: tuple[Note, ...] = ()
    validity: Validity = ALWAYS
    via: Line | None = None

    @property
    def target(self) -> str:
        return f"{self.office}/{self.unit}" if self.unit else self.office


@dataclass(slots=True)
class Unit:
    id: str
    name: str
    description: str | None = None


@dataclass(slots=True)
class Planned:
    text: str
    offices: tuple[str, ...]
    source: Source


# The languages a search term may be marked with: the city's and English
TERM_LANGUAGES = ("de", "en")


@dataclass(slots=True)
class Office:
    id: str
    name: str
    aliases: tuple[str, ...]
    services: tuple[str, ...]
    sources: tuple[Source, ...]
    units: tuple[Unit, ...]
    channels: tuple[Channel, ...]
    notes: tuple[Note, ...] = ()
    origin: str = ""  # the data file this office was read from
    as_of: date | None = None  # the date of that file's information
    # the words people use for it or for what they need of it: (language, term)
    terms: tuple[tuple[str, str], ...] = ()

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def channels_of(self, unit_id: str | None) -> tuple[Channel, ...]:
        """The channels of a unit, or of the whole office when unit_id is None."""
        if unit_id is None:
            return self.channels
        return tuple(c for c in self.channels if c.unit == unit_id)


@dataclass(slots=True)
class Elsewhere:
    """An office people ask for that the data does not hold (the Agentur für Arbeit): its
    terms say so instead of finding nothing, and `see` names the nearest office that is in
    the data, where the texts give one."""
    name: str
    terms: tuple[tuple[str, str], ...]
    see: str | None = None


@dataclass(slots=True)
class Dataset:
    as_of: date
    timezone: str
    region: str
    offices: tuple[Office, ...]
    lines: tuple[Line, ...] = ()
    planned: tuple[Planned, ...] = ()
    files: tuple[str, ...] = field(default=())
    elsewhere: tuple[Elsewhere, ...] = ()

    def office(self, office_id: str) -> Office | None:
        return next((o for o in self.offices if o.id == office_id), None)

    def planned_for(self, office_id: str) -> tuple[Planned, ...]:
        return tuple(p for p in self.planned if office_id in p.offices)
