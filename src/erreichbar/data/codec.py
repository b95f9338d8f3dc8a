"""A loaded dataset and its warnings as bytes, and back: what the loader keeps in the store.

The bytes are `marshal` of plain tuples (fast, and unlike pickle it cannot run code), cut
into parts so that a reader decodes only what it needs: a small header (the offices without
their channels, sources, lines, planned changes) and one part per office (its record, the
schedules its channels use, its channels). A command about one NAME decodes the header and
the one office it names. Days and schedules are kept once each, as the parser shares them.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, TypeAlias, cast

from erreichbar.errors import Finding, Report
from erreichbar.hours.values import Schedule, Segment, State, Validity

if TYPE_CHECKING:
    from erreichbar.data.model import (
        Assumption,
        Channel,
        Contact,
        Dataset,
        Line,
        Note,
        Office,
        Source,
    )

# The names of the sections, with the version of their layout: a change of layout is a
# new name, and an entry without it a miss. (4: search terms, and offices that are
# elsewhere; 3: offices first, the header last; 2: a short number's tel: URI names its
# phone-context, RFC 3966)
# 6: a channel's source, where to find its contact, how to book, its assumption; a
# contact's uncertainty; an office's address; translations and special days
MODEL = "model 6"
WARNINGS = "warnings 2"  # 2: the first KEPT_WARNINGS and the count of the others
# A run shows ten warnings and counts the rest; a country-sized dataset has thousands, and
# reading them all back cost a cached `office NAME` as much as the rest of its answer.
KEPT_WARNINGS = 200

STATES = (State.OPEN, State.CLOSED, State.UNKNOWN)
_STATE_CODE = {s: i for i, s in enumerate(STATES)}

# The plain tuples the parts are made of (what marshal keeps):
SegmentRow: TypeAlias = tuple[int, int, int, "str | None"]  # start, end, state code, comment
DayRow: TypeAlias = tuple[SegmentRow, ...]
# what marshal keeps, as the parts use it: plain values, and tuples of them
Plain: TypeAlias = bool | int | float | str | bytes | tuple["Plain", ...] | None
# A schedule's rules by date as DatedDays.pack() makes them: plain values, though its type
# says only `object`, hence the casts where it is called.
Packed: TypeAlias = tuple[Plain, ...]
# number, text, its days' numbers in Days.rows, its rules by date (None: it has none)
ScheduleRow: TypeAlias = tuple[int, str, tuple[int, ...], "Packed | None"]
SourceRow: TypeAlias = tuple[str, str, str, "str | None", "str | None"]  # date as ISO text
NoteRows: TypeAlias = tuple[tuple[str, "str | None", "str | None"], ...]  # text, validity
ContactRow: TypeAlias = tuple[str, str, str, "str | None"]  # kind, value, URI, uncertain
ContactRows: TypeAlias = tuple[ContactRow, ...]
SchoolRows: TypeAlias = tuple[tuple[int, int, str], ...]  # first and last day (ordinals), name


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def from_iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Days:
    """Days (the segments of one day of a schedule) numbered in the order first seen; equal
    days are one object after parsing, so each is stored once."""

    def __init__(self) -> None:
        self.rows: list[DayRow] = []
        self._index: dict[int, int] = {}

    def ref(self, day: tuple[Segment, ...]) -> int:
        index = self._index.get(id(day))
        if index is None:
            index = len(self.rows)
            self.rows.append(tuple((g.start, g.end, _STATE_CODE[g.state], g.comment)
                                   for g in day))
            self._index[id(day)] = index
        return index


def day(row: Iterable[SegmentRow]) -> tuple[Segment, ...]:
    """A day back from its row in Days.rows."""
    return tuple([Segment(a, b, STATES[c], d) for a, b, c, d in row])


def state_code(state: State) -> int:
    return _STATE_CODE[state]


# --- warnings ------------------------------------------------------------------------------

def encode_warnings(warnings: list[Finding]) -> bytes:
    """The first KEPT_WARNINGS warnings and how many there are in all."""
    kept = tuple((f.file, f.line, f.column, f.severity, f.message)
                 for f in warnings[:KEPT_WARNINGS])
    return marshal.dumps((len(warnings), kept))


def decode_warnings(data: bytes) -> Report:
    """The report of the warnings kept, the others counted as `unlisted`."""
    total, kept = marshal.loads(data)  # noqa: S302 - checked by the store; see store.py
    findings = [Finding(*f) for f in kept]
    return Report(findings=findings, unlisted=total - len(findings))


# --- the model -----------------------------------------------------------------------------

class _Encoder:
    def __init__(self) -> None:
        self.schedule_index: dict[int, int] = {}
        self.days = Days()
        self.sources: list[SourceRow] = []
        self.source_index: dict[str, int] = {}

    def schedule(self, s: Schedule) -> ScheduleRow:
        """(number, text, day numbers, dated): the number is the same for the same object,
        so a schedule shared by channels of many offices is built once when they are read.
        One whose rules depend on the date keeps its regular days and its rules (dated_days)."""
        number = self.schedule_index.setdefault(id(s), len(self.schedule_index))
        if s.dated is not None:
            return (number, s.text, tuple(self.days.ref(d) for d in s.dated.regular),
                    cast(Packed, s.dated.pack()))
        return number, s.text, tuple(self.days.ref(d) for d in s.days), None

    def source(self, s: Source) -> int:
        index = self.source_index.get(s.id)
        if index is None:
            index = len(self.sources)
            self.sources.append((s.id, s.title, s.publisher, iso(s.date), s.url))
            self.source_index[s.id] = index
        return index


def _notes(notes: tuple[Note, ...]) -> NoteRows:
    return tuple((n.text, iso(n.validity.valid_from), iso(n.validity.valid_until))
                 for n in notes)


def _contacts(contacts: tuple[Contact, ...]) -> ContactRows:
    return tuple(_contact(c) for c in contacts)


def _contact(c: Contact) -> ContactRow:
    return (c.kind, c.value, c.uri, c.uncertain)


def _extras(c: Channel, enc: _Encoder) -> Plain:
    """What a channel says besides its hours and contacts: (source, find, book, assumption),
    each None where it says nothing."""
    book = None if c.book is None else (
        c.book.via, None if c.book.link is None else _contact(c.book.link))
    return (None if c.source is None else enc.source(c.source),
            None if c.find is None else _contact(c.find), book,
            None if c.assumption is None else _assumption(c.assumption), c.hours_written)


def _assumption(a: Assumption) -> Plain:
    return (a.id, a.text, a.text_en, a.within, a.frame)


def _address(o: Office, enc: _Encoder) -> Plain:
    a = o.address
    return None if a is None else (a.street, a.postcode, a.city,
                                   None if a.source is None else enc.source(a.source))


def encode(ds: Dataset) -> Iterator[bytes]:
    """One part per office, each made as it is asked for (see store.write), then the
    header, which holds what the offices share."""
    enc = _Encoder()
    # Every Line object by identity: a layer may redefine a line ("115") that the offices of
    # an earlier file still go through, so an id alone does not say which one is meant.
    line_objects: list[Line] = []
    line_index: dict[int, int] = {}

    def line_ref(line: Line) -> int:
        if id(line) not in line_index:
            line_index[id(line)] = len(line_objects)
            line_objects.append(line)
        return line_index[id(line)]

    in_dataset = tuple(line_ref(ln) for ln in ds.lines)
    for o in ds.offices:
        used: dict[int, ScheduleRow] = {}
        channels = []
        for c in o.channels:
            number, text, days, dated = enc.schedule(c.hours)
            used[number] = (number, text, days, dated)
            channels.append((c.unit, c.kind, number, _contacts(c.contacts), c.appointment,
                             _notes(c.notes), iso(c.validity.valid_from),
                             iso(c.validity.valid_until), line_ref(c.via) if c.via else None,
                             _extras(c, enc)))
        row = (o.id, o.name, o.aliases, o.services, tuple(enc.source(s) for s in o.sources),
               tuple((u.id, u.name, u.description) for u in o.units), _notes(o.notes),
               o.origin, iso(o.as_of), o.terms, _address(o, enc), o.special_days)
        yield marshal.dumps((row, tuple(used.values()), tuple(channels)))
    planned = tuple((p.text, p.offices, enc.source(p.source)) for p in ds.planned)
    lines = (tuple((ln.id, ln.name, enc.schedule(ln.hours), _contacts(ln.contacts),
                    _notes(ln.notes), enc.source(ln.source)) for ln in line_objects), in_dataset)
    elsewhere = tuple((e.name, e.terms, e.see) for e in ds.elsewhere)
    school_source = None if ds.school_source is None else enc.source(ds.school_source)
    special = tuple((d.date, d.reason, d.en, None if d.source is None else enc.source(d.source))
                    for d in ds.special_days)
    header = ((iso(ds.as_of), ds.timezone, ds.region, ds.files), tuple(enc.days.rows),
              tuple(enc.sources), lines, planned, tuple(o.id for o in ds.offices), elsewhere,
              school_codes(ds.school_holidays), school_source, ds.translations, special,
              tuple(_assumption(a) for a in ds.assumptions))
    yield marshal.dumps(header)


def decode(read: Callable[[int], bytes], wanted: set[str] | None = None) -> Dataset:
    """The dataset from its parts (`read(n)` gives part n, `read(-1)` the last, the
    header), with only the offices whose ids are `wanted` (None: all of them)."""
    # the records, defined only by a run that builds them (see values.py)
    from erreichbar.data.model import (  # start-up: a cached now --json builds no records
        Address,
        Assumption,
        Booking,
        Channel,
        Contact,
        Dataset,
        Elsewhere,
        Line,
        Note,
        Office,
        Planned,
        Source,
        SpecialDay,
        Unit,
    )

    (as_of, timezone, region, files), days_raw, sources_raw, lines_raw, planned_raw, \
        office_ids, elsewhere_raw, school_raw, school_source, translations, special_raw, \
        assumed_raw = \
        marshal.loads(read(-1))  # noqa: S302 - checked by the store
    days: dict[int, tuple[Segment, ...]] = {}  # built when first used: one office uses few

    def day_of(n: int) -> tuple[Segment, ...]:
        found = days.get(n)
        if found is None:
            found = days[n] = day(days_raw[n])
        return found

    schedules: dict[int, Schedule] = {}

    def schedule(number: int, text: str, day_refs: tuple[int, ...], by_date: Packed | None
                 ) -> Schedule:
        found = schedules.get(number)
        if found is None:
            days = tuple([day_of(i) for i in day_refs])
            if by_date is None:
                found = Schedule(text, days)
            else:
                # (only where a rule depends on the date)
                # start-up: only where a rule depends on the date
                from erreichbar.hours.dated_days import unpack

                found = unpack(text, by_date, days)
            schedules[number] = found
        return found

    sources = [Source(i, t, p, from_iso(d), u) for i, t, p, d, u in sources_raw]
    validities: dict[tuple[str | None, str | None], Validity] = {}

    def validity(start: str | None, end: str | None) -> Validity:
        found = validities.get((start, end))
        if found is None:
            found = validities[(start, end)] = Validity(from_iso(start), from_iso(end))
        return found

    def notes(raw: NoteRows) -> tuple[Note, ...]:
        return tuple([Note(t, validity(f, u)) for t, f, u in raw]) if raw else ()

    all_lines, in_dataset = lines_raw
    lines = [Line(i, n, schedule(*h), tuple([Contact(*c) for c in cs]), notes(nt), sources[s])
             for i, n, h, cs, nt, s in all_lines]

    def channel(oid: str, hours: dict[int, Schedule], unit: str | None, kind: str, h: int,
                cs: ContactRows, appt: str | None, nt: NoteRows, vf: str | None,
                vu: str | None, via: int | None,
                extras: tuple[int | None, ContactRow | None,
                              tuple[str | None, ContactRow | None] | None,
                              tuple[str, str, str | None, str | None, str | None] | None,
                              str | None]) -> Channel:
        src, find, book, assumed, written = extras
        return Channel(
            oid, unit, kind, hours[h], tuple([Contact(*c) for c in cs]), appt, notes(nt),
            validity(vf, vu), lines[via] if via is not None else None,
            None if src is None else sources[src], None if find is None else Contact(*find),
            None if book is None else Booking(
                book[0], None if book[1] is None else Contact(*book[1])),
            None if assumed is None else Assumption(*assumed), written)

    offices = []
    for number, oid in enumerate(office_ids):
        if wanted is not None and oid not in wanted:
            continue
        row, used, channels_raw = marshal.loads(read(number))  # noqa: S302 - as above
        _, name, aliases, services, srcs, units, onotes, origin, oas_of, terms, addr, \
            special_days = row
        hours = {n: schedule(n, text, refs, by_date) for n, text, refs, by_date in used}
        channels = tuple([channel(oid, hours, *row) for row in channels_raw])
        address = None if addr is None else Address(
            addr[0], addr[1], addr[2], None if addr[3] is None else sources[addr[3]])
        offices.append(Office(oid, name, aliases, services, tuple([sources[s] for s in srcs]),
                              tuple([Unit(*u) for u in units]), channels, notes(onotes),
                              origin, from_iso(oas_of), terms, address, special_days))
    planned = tuple(Planned(t, o, sources[s]) for t, o, s in planned_raw)
    special = tuple(SpecialDay(d, r, e, None if s is None else sources[s])
                    for d, r, e, s in special_raw)
    return Dataset(date.fromisoformat(as_of), timezone, region, tuple(offices),
                   tuple(lines[n] for n in in_dataset), planned, files,
                   tuple(Elsewhere(*e) for e in elsewhere_raw), school_from(school_raw),
                   None if school_source is None else sources[school_source],
                   translations, special, tuple(Assumption(*a) for a in assumed_raw))


def school_codes(school: tuple[tuple[date, date, str], ...]) -> SchoolRows:
    return tuple((first.toordinal(), last.toordinal(), name) for first, last, name in school)


def school_from(raw: SchoolRows) -> tuple[tuple[date, date, str], ...]:
    return tuple((date.fromordinal(a), date.fromordinal(b), name) for a, b, name in raw)
