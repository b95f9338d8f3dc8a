"""A compiled cache of loaded datasets under `$XDG_CACHE_HOME/erreichbar/`.

Reading and checking a big YAML file costs seconds; the compiled form loads in a
fraction of that. An entry is found by the identity of what it holds: the tool's and the
format's version, the Python version, and for every layered file its real path, size,
mtime and a CRC-32 of its content (the file name is a hash of that identity, which is
stored in full inside and compared). So an edited file, a newer tool or another Python
never sees a stale entry. It is written through a temporary file and a rename, and any
problem with it — missing, corrupt, foreign, stale, unreadable, unwritable — only means
the data is read from YAML again: the cache never changes an answer and never stops the
tool.

The payload is `marshal` of plain tuples (fast, and unlike pickle it cannot run code).
It is cut into sections, each behind its own CRC-32: a small header (the offices
without their channels, sources, lines, warnings), the name index, the schedules (each
stored once and referred to by number) and one section per office. A command about one
NAME reads the header, the name index, the schedules and the one office it names.
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
import zlib
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, BinaryIO

from . import __version__
from .errors import Finding, UsageError
from .model import (
    Channel,
    Contact,
    Dataset,
    Line,
    Note,
    Office,
    Planned,
    Schedule,
    Segment,
    Source,
    State,
    Unit,
    Validity,
)

if TYPE_CHECKING:
    from .lookup import NameIndex
    from .now_table import NowTable

FORMAT = 9
MAGIC = b"erreichbar-cache\n"
KEEP = 8  # cache files kept; older ones are removed when a new one is written
_STATES = (State.OPEN, State.CLOSED, State.UNKNOWN)
_STATE_CODE = {s: i for i, s in enumerate(_STATES)}
_SPAN = struct.Struct("<QQI")  # offset, length, CRC-32 of a section
_LEN = struct.Struct("<I")


def directory(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "erreichbar")


def key(paths: list[str], checksums: list[int]) -> str:
    """The identity of a dataset read from these files by this tool. CRC-32 rather than a
    cryptographic hash: it guards against an edit that keeps size and mtime, not against
    an attacker who can write the data files anyway, and it keeps hashlib's OpenSSL
    import (a few milliseconds) off every start."""
    parts = [__version__, str(FORMAT), f"{sys.version_info[0]}.{sys.version_info[1]}"]
    for path, crc in zip(paths, checksums, strict=True):
        st = os.stat(path)
        parts.append(f"{os.path.realpath(path)}|{st.st_size}|{st.st_mtime_ns}|{crc:08x}")
    return "\0".join(parts)


def _file(identity: str, environ: Mapping[str, str] | None = None) -> str:
    raw = identity.encode("utf-8", "surrogateescape")
    return os.path.join(directory(environ),
                        f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.bin")


def _head(identity: str) -> bytes:
    raw = identity.encode("utf-8", "surrogateescape")
    return MAGIC + _LEN.pack(len(raw)) + raw


class _Sections:
    """The sections after the header, each checked before marshal sees it: marshal must
    never be handed bytes that were not written whole."""

    def __init__(self, fh: BinaryIO, base: int, whole: bool) -> None:
        self.fh = fh
        self.base = base
        self.body = fh.read() if whole else None  # everything is wanted: one read

    def get(self, span: tuple[int, int, int]) -> object:
        offset, length, crc = span
        if self.body is not None:
            data = self.body[offset:offset + length]
        else:
            self.fh.seek(self.base + offset)
            data = self.fh.read(length)
        if len(data) != length or zlib.crc32(data) != crc:
            raise _Damaged
        # Written by this tool into the user's own cache folder, and its checksum
        # matches; marshal creates only plain values and runs nothing.
        return marshal.loads(data)  # noqa: S302


def load(identity: str, environ: Mapping[str, str] | None = None,
         select: Callable[[NameIndex], set[str]] | None = None
         ) -> tuple[Dataset, list[Finding]] | None:
    """The cached dataset and its warnings, or None for any kind of miss.

    With `select`, only the offices it picks are decoded: it is given the name index and
    returns the ids it wants (it may raise the usage error for a NAME that matches
    nothing). `office NAME` on a country-sized dataset needs one office.
    """
    opened = _open(identity, environ, whole=select is None)
    if opened is None:
        return None
    fh, header, sections = opened
    with fh:
        wanted = None
        if select is not None:
            from .lookup import NameIndex

            try:
                firsts, spans = header[_NAMES]
                names = NameIndex(firsts, [None] * len(spans),
                                  lambda n: sections.get(spans[n]))  # type: ignore[arg-type,return-value]
                wanted = select(names)
            except UsageError:
                raise  # NAME matches nothing or several: the answer, not a cache problem
            except Exception:
                return None
        try:
            return _decode(header, sections, wanted)
        except Exception:
            return None


def load_table(identity: str, environ: Mapping[str, str] | None = None
               ) -> tuple[NowTable, list[Finding]] | None:
    """The cached `now` table (see now_table.py) and the warnings, or None for a miss."""
    opened = _open(identity, environ, whole=False)
    if opened is None:
        return None
    fh, header, sections = opened
    with fh:
        try:
            return _decode_table(header, sections), _warnings(header[_WARNINGS])
        except Exception:
            return None


class _Damaged(Exception):
    pass


def _open(identity: str, environ: Mapping[str, str] | None, whole: bool
          ) -> tuple[BinaryIO, tuple, _Sections] | None:
    """The open file, its header and its sections, or None if there is no such entry or
    it is not whole."""
    try:
        fh = open(_file(identity, environ), "rb")  # noqa: SIM115 - the caller closes it
    except OSError:
        return None
    try:
        head = _head(identity)
        if fh.read(len(head)) != head:
            raise _Damaged
        length, crc = struct.unpack("<QI", fh.read(12))
        header_raw = fh.read(length)
        if len(header_raw) != length or zlib.crc32(header_raw) != crc:
            raise _Damaged
        header = marshal.loads(header_raw)  # noqa: S302 - see _Sections.get
        return fh, header, _Sections(fh, len(head) + 12 + length, whole)
    except Exception:
        fh.close()
        return None


def store(identity: str, dataset: Dataset, warnings: list[Finding], table: NowTable,
          environ: Mapping[str, str] | None = None) -> None:
    """Write the cache atomically; failing to write is not an error."""
    try:
        folder = directory(environ)
        os.makedirs(folder, exist_ok=True)
        header, blobs = _encode(dataset, warnings, table)
        header_raw = marshal.dumps(header)
        target = _file(identity, environ)
        tmp = f"{target}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(_head(identity))
            fh.write(struct.pack("<QI", len(header_raw), zlib.crc32(header_raw)))
            fh.write(header_raw)
            for blob in blobs:
                fh.write(blob)
        os.replace(tmp, target)
        _prune(folder, keep=target)
    except Exception:  # noqa: S110 - a cache that cannot be written is only slower
        pass


def _prune(folder: str, keep: str) -> None:
    entries = []
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if name.endswith(".bin") and not name.startswith("holidays-") and path != keep:
            entries.append((os.path.getmtime(path), path))
    for _, path in sorted(entries, reverse=True)[KEEP - 1:]:
        os.unlink(path)


# --- encoding: model objects <-> plain tuples --------------------------------------------

def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _ud(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class _Encoder:
    def __init__(self) -> None:
        self.schedule_index: dict[int, int] = {}
        self.days: list[tuple] = []
        self.day_index: dict[int, int] = {}
        self.sources: list[tuple] = []
        self.source_index: dict[str, int] = {}

    def schedule(self, s: Schedule) -> tuple:
        """(number, text, day numbers): the number is the same for the same object, so a
        schedule shared by channels of many offices is built once when they are read."""
        number = self.schedule_index.setdefault(id(s), len(self.schedule_index))
        return number, s.text, tuple(self.day(day) for day in s.days)

    def day(self, day: tuple[Segment, ...]) -> int:
        """Days are stored once (equal days are one object after parsing)."""
        index = self.day_index.get(id(day))
        if index is None:
            index = len(self.days)
            self.days.append(tuple((g.start, g.end, _STATE_CODE[g.state], g.comment)
                                   for g in day))
            self.day_index[id(day)] = index
        return index

    def source(self, s: Source) -> int:
        index = self.source_index.get(s.id)
        if index is None:
            index = len(self.sources)
            self.sources.append((s.id, s.title, s.publisher, _d(s.date), s.url))
            self.source_index[s.id] = index
        return index


def _notes(notes: tuple[Note, ...]) -> tuple:
    return tuple((n.text, _d(n.validity.valid_from), _d(n.validity.valid_until)) for n in notes)


def _contacts(contacts: tuple[Contact, ...]) -> tuple:
    return tuple((c.kind, c.value, c.uri) for c in contacts)


# Warnings are kept as one string (a single copy to read back, where thousands of small
# tuples would each be built), fields split by NUL; in the odd case that a message quotes
# a NUL from the data (YAML's "\\0"), as tuples.
def _warnings_text(warnings: list[Finding]) -> str | tuple:
    fields = [(f.file, f.line, f.column, f.severity, f.message) for f in warnings]
    if any("\0" in f.file or "\0" in f.message or "\0" in f.severity for f in warnings):
        return tuple(fields)
    return "\0".join("\0".join(map(str, f)) for f in fields)


def _warnings(raw: str | tuple) -> list[Finding]:
    if isinstance(raw, tuple):
        return [Finding(*f) for f in raw]
    if not raw:
        return []
    parts = raw.split("\0")
    return [Finding(parts[i], int(parts[i + 1]), int(parts[i + 2]), parts[i + 3],
                    parts[i + 4]) for i in range(0, len(parts), 5)]


# where things are in the header
_META, _DAYS, _SOURCES, _LINES, _PLANNED, _WARNINGS, _OFFICE_IDS, _OFFICES, _NAMES, \
    _TABLE = range(10)


def _encode(ds: Dataset, warnings: list[Finding], table: NowTable
            ) -> tuple[tuple, list[bytes]]:
    """The header and the sections after it: one per office (its record, the schedules
    its channels use, its channels), the pages of the name index, and the `now` table
    (its schedules, its columns)."""
    from .lookup import name_index

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
    blobs = []
    for o in ds.offices:
        used: dict[int, tuple] = {}
        channels = []
        for c in o.channels:
            number, text, days = enc.schedule(c.hours)
            used[number] = (number, text, days)
            channels.append((c.unit, c.kind, number, _contacts(c.contacts), c.appointment,
                             _notes(c.notes), _d(c.validity.valid_from),
                             _d(c.validity.valid_until), line_ref(c.via) if c.via else None))
        row = (o.id, o.name, o.aliases, o.services, tuple(enc.source(s) for s in o.sources),
               tuple((u.id, u.name, u.description) for u in o.units), _notes(o.notes),
               o.origin, _d(o.as_of))
        blobs.append(marshal.dumps((row, tuple(used.values()), tuple(channels))))
    names = name_index(ds)
    pages = [names.page(n) for n in range(len(names.firsts))]
    blobs.extend(marshal.dumps(page) for page in pages)
    refs: list[int] = []
    for schedule in table.schedules:
        refs.extend(enc.schedule(schedule)[2])
    blobs.append(marshal.dumps((
        tuple(s.text for s in table.schedules), tuple(refs),
        tuple(None if s.constant is None else (_STATE_CODE[s.constant[0]], s.constant[1])
              for s in table.schedules),
        tuple(s.ever_open for s in table.schedules))))
    # JSON text holds no raw NUL (the encoder writes \u0000), so NUL can join the parts;
    # the last part (via, origin) is shared by whole files, so it is kept once each
    tails: dict[str, int] = {}
    blobs.append(marshal.dumps((
        tuple((_d(v.valid_from), _d(v.valid_until)) for v in table.validities),
        table.schedule, table.validity, table.kind,
        "\0".join(p[0] for p in table.parts), "\0".join(p[1] for p in table.parts),
        tuple(tails.setdefault(p[2], len(tails)) for p in table.parts), tuple(tails))))
    spans = []
    offset = 0
    for blob in blobs:
        spans.append((offset, len(blob), zlib.crc32(blob)))
        offset += len(blob)
    planned = tuple((p.text, p.offices, enc.source(p.source)) for p in ds.planned)
    lines = (tuple((ln.id, ln.name, enc.schedule(ln.hours), _contacts(ln.contacts),
                    _notes(ln.notes), enc.source(ln.source)) for ln in line_objects), in_dataset)
    count = len(ds.offices)
    header = (
        (_d(ds.as_of), ds.timezone, ds.region, ds.files), tuple(enc.days),
        tuple(enc.sources), lines, planned, _warnings_text(warnings),
        tuple(o.id for o in ds.offices), tuple(spans[:count]),
        (names.firsts, tuple(spans[count:-2])), (spans[-2], spans[-1]),
    )
    return header, blobs


def _decode(header: tuple, sections: _Sections, wanted: set[str] | None = None
            ) -> tuple[Dataset, list[Finding]]:
    (as_of, timezone, region, files), days_raw, sources_raw, lines_raw, planned_raw, \
        warnings_raw, office_ids, office_spans, _, _ = header
    days: dict[int, tuple[Segment, ...]] = {}  # built when first used: one office uses few

    def day(n: int) -> tuple[Segment, ...]:
        found = days.get(n)
        if found is None:
            found = days[n] = tuple([Segment(a, b, _STATES[c], d)
                                     for a, b, c, d in days_raw[n]])
        return found

    schedules: dict[int, Schedule] = {}

    def schedule(number: int, text: str, day_refs: tuple[int, ...]) -> Schedule:
        found = schedules.get(number)
        if found is None:
            found = schedules[number] = Schedule(text, tuple([day(i) for i in day_refs]))
        return found

    sources = [Source(i, t, p, _ud(d), u) for i, t, p, d, u in sources_raw]
    validities: dict[tuple, Validity] = {}

    def validity(start: str | None, end: str | None) -> Validity:
        found = validities.get((start, end))
        if found is None:
            found = validities[(start, end)] = Validity(_ud(start), _ud(end))
        return found

    def notes(raw: tuple) -> tuple[Note, ...]:
        return tuple([Note(t, validity(f, u)) for t, f, u in raw]) if raw else ()

    all_lines, in_dataset = lines_raw
    lines = [Line(i, n, schedule(*h), tuple([Contact(*c) for c in cs]), notes(nt), sources[s])
             for i, n, h, cs, nt, s in all_lines]

    offices = []
    for oid, span in zip(office_ids, office_spans, strict=True):
        if wanted is not None and oid not in wanted:
            continue
        row, used, channels_raw = sections.get(span)  # type: ignore[misc]
        _, name, aliases, services, srcs, units, onotes, origin, oas_of = row
        hours = {number: schedule(number, text, refs) for number, text, refs in used}
        channels = tuple([
            Channel(oid, unit, kind, hours[h], tuple([Contact(*c) for c in cs]), appt,
                    notes(nt), validity(vf, vu), lines[via] if via is not None else None)
            for unit, kind, h, cs, appt, nt, vf, vu, via in channels_raw])
        offices.append(Office(oid, name, aliases, services, tuple([sources[s] for s in srcs]),
                              tuple([Unit(*u) for u in units]), channels, notes(onotes),
                              origin, _ud(oas_of)))
    planned = tuple(Planned(t, o, sources[s]) for t, o, s in planned_raw)
    dataset = Dataset(_ud(as_of), timezone, region, tuple(offices),
                      tuple(lines[n] for n in in_dataset), planned, files)
    return dataset, _warnings(warnings_raw)


def _decode_table(header: tuple, sections: _Sections) -> NowTable:
    from .now_table import NowTable

    _, timezone, region, _ = header[_META]
    days_raw = header[_DAYS]
    schedules_span, columns_span = header[_TABLE]
    texts, refs, constants, ever_open = sections.get(schedules_span)  # type: ignore[misc]
    validities, schedule, validity, kind, heads, mids, tail_index, tails = \
        sections.get(columns_span)  # type: ignore[misc]
    days = [tuple([Segment(a, b, _STATES[c], d) for a, b, c, d in raw]) for raw in days_raw]
    restored = Schedule.restored
    schedules = [restored(text, tuple(map(days.__getitem__, refs[14 * i:14 * i + 14])),
                          None if constant is None else (_STATES[constant[0]], constant[1]),
                          opens)
                 for i, (text, constant, opens) in enumerate(zip(texts, constants, ever_open,
                                                                 strict=True))]
    parts = list(zip(heads.split("\0"), mids.split("\0"), map(tails.__getitem__, tail_index),
                     strict=True)) \
        if schedule else []
    return NowTable(timezone, region, schedules,
                    [Validity(_ud(f), _ud(u)) for f, u in validities], schedule, validity,
                    kind, parts)


# --- public holidays ----------------------------------------------------------------------

def _holidays_version() -> str:
    """The installed `holidays` package's version, read from its file rather than by
    importing it (the import alone costs more than the rest of a cached `now`)."""
    import importlib.util
    import re

    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return "?"
    package = os.path.dirname(spec.origin)
    # where releases have kept it: version.py (0.5x-0.6x), __init__.py (older ones), or only
    # in their metadata (newer ones), whose dist-info folder beside the package is named after it
    for module in ("version.py", "__init__.py"):
        try:
            with open(os.path.join(package, module), encoding="utf-8") as fh:
                found = re.search(r"^__version__\s*=\s*[\"']([^\"']+)", fh.read(), re.M)
        except OSError:
            continue
        if found:
            return found.group(1)
    try:
        for name in os.listdir(os.path.dirname(package)):
            found = re.fullmatch(r"holidays-([^-]+)\.dist-info", name)
            if found:
                return found.group(1)
    except OSError:
        pass
    return "?"


def holiday_table(region: str, lang: str, year: int, compute) -> dict[date, str]:
    """The public holidays of one region, language and year: from the cache when the same
    `holidays` version computed them before, else `compute()`d and stored."""
    version = _holidays_version()
    name = f"holidays-{region}-{lang}-{year}-{version}.bin"
    path = os.path.join(directory(), name)
    try:
        with open(path, "rb") as fh:
            blob = fh.read()
        checksum, payload = blob[:4], blob[4:]
        if _LEN.pack(zlib.crc32(payload)) == checksum:
            raw = marshal.loads(payload)  # noqa: S302 - see load()
            return {date.fromordinal(d): str(n) for d, n in raw}
    except Exception:  # noqa: S110 - a miss
        pass
    table = compute()
    try:
        os.makedirs(directory(), exist_ok=True)
        payload = marshal.dumps(tuple((d.toordinal(), n) for d, n in sorted(table.items())))
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(_LEN.pack(zlib.crc32(payload)) + payload)
        os.replace(tmp, path)
    except Exception:  # noqa: S110 - only slower next time
        pass
    return table
