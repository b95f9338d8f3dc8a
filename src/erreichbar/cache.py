"""A compiled cache of loaded datasets under `$XDG_CACHE_HOME/erreichbar/`.

Reading and checking a big YAML file costs seconds; the compiled form loads in a
fraction of that. The cache is keyed by the content of every layered file (its path,
size, mtime and a BLAKE2 hash) and by the tool's and the format's version, so an edited
file, a newer tool or another Python never sees a stale entry. It is written through a
temporary file and a rename, and any problem with it — missing, corrupt, foreign,
stale, unreadable, unwritable — only means the data is read from YAML again: the cache
never changes an answer and never stops the tool.

The payload is `marshal` of plain tuples (fast, and unlike pickle it cannot run code),
with schedules stored once and referred to by index.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Callable, Mapping
from datetime import date

from . import __version__
from .errors import Finding
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

FORMAT = 6
MAGIC = b"erreichbar-cache\n"
KEEP = 8  # cache files kept; older ones are removed when a new one is written
_STATES = (State.OPEN, State.CLOSED, State.UNKNOWN)
_STATE_CODE = {s: i for i, s in enumerate(_STATES)}


def directory(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "erreichbar")


def key(paths: list[str], contents: list[bytes]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{__version__}|{FORMAT}|{sys.version_info[:2]}|".encode())
    for path, content in zip(paths, contents, strict=True):
        st = os.stat(path)
        digest.update(f"{os.path.realpath(path)}|{st.st_size}|{st.st_mtime_ns}|".encode())
        digest.update(hashlib.blake2b(content, digest_size=20).digest())
    return digest.hexdigest()


def _file(cache_key: str, environ: Mapping[str, str] | None = None) -> str:
    return os.path.join(directory(environ), f"{cache_key}.bin")


def load(cache_key: str, environ: Mapping[str, str] | None = None,
         select: Callable[[list[Office]], set[str]] | None = None
         ) -> tuple[Dataset, list[Finding]] | None:
    """The cached dataset and its warnings, or None for any kind of miss.

    With `select`, only the offices it picks are decoded: it is given every office with
    its names, aliases, services and units but no channels (enough to look a NAME up) and
    returns the ids it wants. `office NAME` on a country-sized dataset needs one office.
    """
    try:
        with open(_file(cache_key, environ), "rb") as fh:
            blob = fh.read()
        head = MAGIC + cache_key.encode() + b"\n"
        if not blob.startswith(head):
            return None
        checksum, payload = blob[len(head):len(head) + 20], blob[len(head) + 20:]
        if hashlib.blake2b(payload, digest_size=20).digest() != checksum:
            return None  # damaged: never hand marshal bytes that were not written whole
        # The payload was written by this tool into the user's own cache folder and its
        # checksum matches; marshal creates only plain values and runs nothing.
        return _decode(marshal.loads(payload), select)  # noqa: S302
    except Exception:
        return None


def store(cache_key: str, dataset: Dataset, warnings: list[Finding],
          environ: Mapping[str, str] | None = None) -> None:
    """Write the cache atomically; failing to write is not an error."""
    try:
        folder = directory(environ)
        os.makedirs(folder, exist_ok=True)
        payload = marshal.dumps(_encode(dataset, warnings))
        checksum = hashlib.blake2b(payload, digest_size=20).digest()
        blob = MAGIC + cache_key.encode() + b"\n" + checksum + payload
        target = _file(cache_key, environ)
        tmp = f"{target}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, target)
        _prune(folder, keep=target)
    except Exception:  # noqa: S110 - a cache that cannot be written is only slower
        pass


def _prune(folder: str, keep: str) -> None:
    entries = []
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if name.endswith(".bin") and path != keep:
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
        self.schedules: list[tuple] = []
        self.schedule_index: dict[int, int] = {}
        self.days: list[tuple] = []
        self.day_index: dict[int, int] = {}
        self.sources: list[tuple] = []
        self.source_index: dict[str, int] = {}

    def schedule(self, s: Schedule) -> int:
        index = self.schedule_index.get(id(s))
        if index is None:
            index = len(self.schedules)
            self.schedules.append((s.text, tuple(self.day(day) for day in s.days)))
            self.schedule_index[id(s)] = index
        return index

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


def _encode(ds: Dataset, warnings: list[Finding]) -> tuple:
    """(meta, shared tables, office index, one marshalled blob per office, planned,
    warnings): an office's channels are unmarshalled only when it is asked for."""
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
    index = []
    blobs = []
    for o in ds.offices:
        channels = tuple(
            (c.unit, c.kind, enc.schedule(c.hours), _contacts(c.contacts), c.appointment,
             _notes(c.notes), _d(c.validity.valid_from), _d(c.validity.valid_until),
             line_ref(c.via) if c.via else None)
            for c in o.channels)
        index.append((o.id, o.name, o.aliases, o.services,
                      tuple(enc.source(s) for s in o.sources),
                      tuple((u.id, u.name, u.description) for u in o.units),
                      _notes(o.notes), o.origin, _d(o.as_of)))
        blobs.append(marshal.dumps(channels))
    planned = tuple((p.text, p.offices, enc.source(p.source)) for p in ds.planned)
    lines = (tuple((ln.id, ln.name, enc.schedule(ln.hours), _contacts(ln.contacts),
                    _notes(ln.notes), enc.source(ln.source)) for ln in line_objects), in_dataset)
    return (
        (_d(ds.as_of), ds.timezone, ds.region, ds.files), tuple(enc.days),
        tuple(enc.schedules), tuple(enc.sources), lines, tuple(index), tuple(blobs), planned,
        tuple((f.file, f.line, f.column, f.severity, f.message) for f in warnings),
    )


def _decode(payload: tuple, select: Callable[[list[Office]], set[str]] | None = None
            ) -> tuple[Dataset, list[Finding]]:
    (as_of, timezone, region, files), days_raw, schedules_raw, sources_raw, lines_raw, \
        index_raw, blobs, planned_raw, warnings_raw = payload
    days = [tuple(Segment(a, b, _STATES[c], d) for a, b, c, d in raw) for raw in days_raw]
    schedules: dict[int, Schedule] = {}

    def schedule(n: int) -> Schedule:
        found = schedules.get(n)
        if found is None:
            text, day_refs = schedules_raw[n]
            found = schedules[n] = Schedule(text, tuple([days[i] for i in day_refs]))
        return found

    sources = [Source(i, t, p, _ud(d), u) for i, t, p, d, u in sources_raw]
    validities: dict[tuple, Validity] = {}

    def validity(start: str | None, end: str | None) -> Validity:
        found = validities.get((start, end))
        if found is None:
            found = validities[(start, end)] = Validity(_ud(start), _ud(end))
        return found

    def notes(raw: tuple) -> tuple[Note, ...]:
        return tuple(Note(t, validity(f, u)) for t, f, u in raw)

    def contacts(raw: tuple) -> tuple[Contact, ...]:
        return tuple(Contact(k, v, u) for k, v, u in raw)

    all_lines, in_dataset = lines_raw
    lines = [Line(i, n, schedule(h), contacts(c), notes(nt), sources[s])
             for i, n, h, c, nt, s in all_lines]

    def office(row: tuple, channels: tuple[Channel, ...]) -> Office:
        oid, name, aliases, services, srcs, units, onotes, origin, oas_of = row
        return Office(oid, name, aliases, services, tuple(sources[s] for s in srcs),
                      tuple(Unit(*u) for u in units), channels, notes(onotes), origin,
                      _ud(oas_of))

    wanted = None
    if select is not None:
        wanted = select([office(row, ()) for row in index_raw])
    offices = []
    for row, blob in zip(index_raw, blobs, strict=True):
        oid = row[0]
        if wanted is not None and oid not in wanted:
            continue
        channels = tuple(
            Channel(oid, unit, kind, schedule(h), contacts(c), appt, notes(nt),
                    validity(vf, vu), lines[via] if via is not None else None)
            for unit, kind, h, c, appt, nt, vf, vu, via in marshal.loads(blob))  # noqa: S302
        offices.append(office(row, channels))
    planned = tuple(Planned(t, o, sources[s]) for t, o, s in planned_raw)
    dataset = Dataset(_ud(as_of), timezone, region, tuple(offices),
                      tuple(lines[n] for n in in_dataset), planned, files)
    return dataset, [Finding(*w) for w in warnings_raw]


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
    try:
        with open(os.path.join(package, "version.py"), encoding="utf-8") as fh:
            found = re.search(r"__version__\s*=\s*[\"']([^\"']+)", fh.read())
        if found:
            return found.group(1)
        # newer releases read their version from their metadata: the dist-info folder
        # beside the package is named after it
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
        checksum, payload = blob[:20], blob[20:]
        if hashlib.blake2b(payload, digest_size=20).digest() == checksum:
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
            fh.write(hashlib.blake2b(payload, digest_size=20).digest() + payload)
        os.replace(tmp, path)
    except Exception:  # noqa: S110 - only slower next time
        pass
    return table
