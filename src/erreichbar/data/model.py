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
    "Address",
    "Assumption",
    "Booking",
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
    "SpecialDay",
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
    # what is uncertain about it, as the data says ("rebuilt from the page's text"): shown
    # beside it wherever it is shown; None: as the source gives it
    uncertain: str | None = None


@dataclass(slots=True)
class Assumption:
    """What the data assumes where its sources are silent, written down once and named by
    the channels it decides (`assumptions:` in the file): shown wherever it decides an
    answer. `text` is German, `text_en` its translation."""

    id: str
    text: str
    text_en: str | None = None
    within: str | None = None  # a channel kind of the same office whose hours are the frame
    frame: str | None = None  # or the hours of the frame themselves


@dataclass(slots=True)
class SpecialDay:
    """A date on which the offices of a file are not open though no law closes them (24 and
    31 December): their staffed channels are unknown then, with the reason. `date` is
    written as the hours write it (`Dec 24`); `reason` is German, `en` its translation."""

    date: str
    reason: str
    en: str | None = None
    source: Source | None = None


@dataclass(slots=True)
class Booking:
    """How to get the appointment a visit needs: through another channel of the same office
    (`via`, a channel kind: its contacts and its next window), and/or a booking link."""

    via: str | None = None
    link: Contact | None = None


@dataclass(slots=True)
class Address:
    """Where an office is, with the source that says so and a link to it on a map."""

    street: str
    postcode: str
    city: str
    source: Source | None = None

    @property
    def text(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"

    @property
    def map_uri(self) -> str:
        """An OpenStreetMap search for the address (a geo: URI would need coordinates, which
        no source gives)."""
        from urllib.parse import quote  # start-up: only a view that shows an address

        return "https://www.openstreetmap.org/search?query=" + quote(self.text, safe="")


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
    # where its facts come from, where that is not the office's own source
    source: Source | None = None
    # where to find a number, an address or a link the sources do not give (a web page)
    find: Contact | None = None
    book: Booking | None = None  # how to get the appointment it needs
    assumption: Assumption | None = None  # what decides its hours where the texts are silent
    # the hours as the file writes them, where an assumption or the special days made
    # `hours` from them (None: `hours` is what the file writes)
    hours_written: str | None = None

    def facts_source(self, office: Office) -> Source | None:
        """Where the facts of this channel come from: the line's source for a channel
        through a line (its hours are the line's), else its own, else its office's."""
        if self.via is not None:
            return self.via.source
        return self.source or (office.sources[0] if office.sources else None)

    @property
    def needs_appointment(self) -> bool:
        """A visit only by appointment: never a way to walk in (see answers.now)."""
        return self.kind == "visit" and self.appointment == "required"

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
    address: Address | None = None
    special_days: bool = True  # whether the file's special days apply to its channels

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
    # the English of comments in hours, by their German (`translations:`, and the special
    # days' reasons): translations, shown as such
    translations: tuple[tuple[str, str], ...] = ()
    special_days: tuple[SpecialDay, ...] = ()
    assumptions: tuple[Assumption, ...] = ()

    def office(self, office_id: str) -> Office | None:
        return next((o for o in self.offices if o.id == office_id), None)

    def planned_for(self, office_id: str) -> tuple[Planned, ...]:
        return tuple(p for p in self.planned if office_id in p.offices)
