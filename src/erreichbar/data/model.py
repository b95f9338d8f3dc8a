"""The data model: dataclasses built by `dataset.py` (or the cache), read by the engine and
renderers, and never changed after they are built.

The values (State, Segment, Schedule, Validity) live in `values.py`. The records are
plain slotted dataclasses: a frozen dataclass sets each field through
`object.__setattr__`, which makes building one six times slower and defining one twice as
slow, and a country-sized dataset builds a few hundred thousand records on
every run, behind a start-up that is measured in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from erreichbar.hours.values import (
    ALWAYS,
    CHANNEL_KINDS,
    DAY_MINUTES,
    Schedule,
    Segment,
    State,
    Validity,
    fmt_minutes,
)

# The values above are part of the model's names: its users import them from here too.
__all__ = [
    "ALWAYS",
    "APPOINTMENT_RULES",
    "CHANNEL_KINDS",
    "DAY_MINUTES",
    "TERM_LANGUAGES",
    "Channel",
    "Contact",
    "Dataset",
    "Elsewhere",
    "Line",
    "Note",
    "Office",
    "Planned",
    "Schedule",
    "Segment",
    "Source",
    "State",
    "Unit",
    "Validity",
    "fmt_minutes",
]

APPOINTMENT_RULES = ("required", "optional", "none")


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
    # the region's school holidays (first day, last day, name), if the data gives them
    school_holidays: tuple[tuple[date, date, str], ...] = ()
    school_source: Source | None = None  # where they are from

    def office(self, office_id: str) -> Office | None:
        return next((o for o in self.offices if o.id == office_id), None)

    def planned_for(self, office_id: str) -> tuple[Planned, ...]:
        return tuple(p for p in self.planned if office_id in p.offices)
