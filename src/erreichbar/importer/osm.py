"""OpenStreetMap objects read from a file, standard input or an Overpass reply.

A file (`.osm.pbf`, `.osm`, `.osm.bz2`, `.osm.gz`; the kind is told by its content, not its
name) is read with pyosmium, and the selection is made in C++ (its tag and key filters), so
that Python sees only the objects that may be offices. A way or relation gets the centre of
the box around its nodes as its location, found in two more passes that read only the ways
and nodes those objects name (`IdFilter`): memory grows with the offices, never with the
rest of the file. An Overpass reply in JSON is read by overpass_json.py.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from erreichbar.errors import InputError, UsageError
from erreichbar.i18n import _
from erreichbar.importer.objects import TYPES, OsmObject, centre
from erreichbar.importer.selection import DEFAULT_TAGS, BBox, Selector

if TYPE_CHECKING:
    from types import ModuleType


@dataclass(slots=True)
class _Input:
    """What SOURCE holds: its name for messages, its bytes (standard input, a reply) or its
    path, and the format pyosmium reads it as ("json": an Overpass reply in JSON)."""

    name: str
    fmt: str
    path: str | None = None
    data: bytes | None = None


def read_objects(source: str | bytes, *, tags: Sequence[Selector] = DEFAULT_TAGS,
                 bbox: BBox | None = None, name: str | None = None) -> list[OsmObject]:
    """The objects of SOURCE (a path, or the bytes of standard input or of a reply) that
    carry one of TAGS, each with its location, those outside BBOX left out. NAME is what
    messages call bytes (default `-`). Raises InputError for what is not OSM data."""
    given = _sniff(source, name)
    if given.fmt == "json":
        from erreichbar.importer import overpass_json  # start-up: only for a JSON reply

        found = overpass_json.objects(given.data or b"", tags, given.name)
    else:
        if given.fmt == "osm":
            _refuse_overpass_remark(given)
        found = _with_osmium(given, tags)
    if bbox is not None:
        found = [o for o in found if o.lat is not None and o.lon is not None
                 and bbox.holds(o.lat, o.lon)]
    return found


# The first bytes of each kind of input pyosmium reads: a PBF file starts with the length
# of its first BlobHeader and that header's type, "OSMHeader" (a field 1 of 9 bytes)
_PBF_HEADER = b"\x0a\x09OSMHeader"


def _sniff(source: str | bytes, name: str | None) -> _Input:
    if isinstance(source, bytes):
        given = _Input(name or "-", "", data=source)
        head = source[:4096]
    else:
        given = _Input(source, "", path=source)
        try:
            with open(source, "rb") as f:
                if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                    # a pipe (`<(…)`, /dev/stdin) can be read once only: read whole, as `-`
                    return _sniff(f.read(), source)
                head = f.read(4096)
        except OSError as exc:  # (missing, a folder, not readable: as for a data file)
            raise InputError(_("cannot read {path}: {reason}", path=repr(source),
                               reason=exc.strerror or exc)) from None
    given.fmt = _format(head, given.name)
    if given.fmt == "json" and given.data is None:
        with open(source, "rb") as f:  # (a reply: as small as the offices of a town)
            given.data = f.read()
    return given


def _format(head: bytes, name: str) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text:
        raise InputError(_("{name} is empty: no OpenStreetMap data", name=repr(name)))
    if text.startswith(b"{"):
        return "json"
    if head[4:15] == _PBF_HEADER:
        return "pbf"
    if head.startswith(b"\x1f\x8b"):
        return "osm.gz"
    if head.startswith(b"BZh"):
        return "osm.bz2"
    lower = text[:512].lower()
    if lower.startswith(b"<") and (b"<html" in lower or b"<!doctype html" in lower):
        raise InputError(_("{name} is a web page (HTML), not OpenStreetMap data: the "
                           "server answered with an error page", name=repr(name)))
    if lower.startswith(b"<?xml") or lower.startswith(b"<osm"):
        return "osm"
    raise InputError(_("{name} is no OpenStreetMap data: neither PBF, XML (also .gz or "
                       ".bz2) nor an Overpass reply in JSON", name=repr(name)))


def _refuse_overpass_remark(given: _Input) -> None:
    """An Overpass reply in XML that reports an error in a `<remark>` (a timeout, a query
    out of memory): the data before it is incomplete, so nothing is imported."""
    import re  # start-up: only for an XML input

    chunks: Iterable[bytes] = (given.data,) if given.data is not None else _chunks(given.path)
    tail = b""
    for chunk in chunks:
        found = re.search(rb"<remark>\s*(.*?)\s*</remark>", tail + chunk, re.S)
        if found:
            raise InputError(_("{name}: the Overpass server reported an error: {remark}",
                               name=repr(given.name),
                               remark=found[1].decode("utf-8", "replace")[:300]))
        tail = chunk[-400:]


def _chunks(path: str | None) -> Iterator[bytes]:
    with open(path or "", "rb") as f:
        while chunk := f.read(1 << 20):
            yield chunk


# libosmium decodes a file in threads ahead of the reader, into queues of up to 20 buffers
# each by default; when Python reads more slowly than they decode (a busy machine), the
# queues fill and the import's peak memory rose from 40 to 65 MB on an 8-million-node
# extract. Four buffers keep it at 40 MB at the same speed. (libosmium reads these from
# the environment when a file is opened; a value the user set is kept.)
_QUEUES = {"OSMIUM_MAX_INPUT_QUEUE_SIZE": "4", "OSMIUM_MAX_OSMDATA_QUEUE_SIZE": "4"}


def _osmium() -> ModuleType:
    for name, size in _QUEUES.items():
        os.environ.setdefault(name, size)
    try:
        import osmium  # start-up: only `import` reads OSM files, with the extra installed
        import osmium.filter  # start-up: as above
    except ImportError:
        raise UsageError(_("reading OpenStreetMap files needs pyosmium: pip install "
                           "'erreichbar[osm]'")) from None
    return osmium


def _with_osmium(given: _Input, selection: Sequence[Selector]) -> list[OsmObject]:
    osmium = _osmium()
    try:
        return _Passes(osmium, given, selection).run()
    except RuntimeError as exc:  # libosmium's word for a damaged or truncated file
        raise InputError(_("{name} cannot be read as OpenStreetMap data: {reason}",
                           name=repr(given.name), reason=str(exc))) from None


@dataclass(slots=True)
class _Found:
    kind: str
    id: int
    tags: dict[str, str]
    version: int | None
    timestamp: datetime | None
    location: tuple[float, float] | None = None
    nodes: list[int] = field(default_factory=list)  # its nodes, and its ways' nodes
    ways: list[int] = field(default_factory=list)  # a relation's member ways


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class _Passes:
    """Up to three passes over the input: the selected objects (filtered in C++), the
    member ways of the selected relations, the nodes of the selected ways and of those."""

    def __init__(self, osmium: Any, given: _Input, selection: Sequence[Selector]) -> None:
        self.osmium = osmium
        self.given = given
        self.selection = tuple(selection)

    def processor(self, entities: Any = None) -> Any:
        o = self.osmium
        if self.given.data is not None:
            source = o.io.FileBuffer(self.given.data, self.given.fmt)
        else:
            source = o.io.File(self.given.path or "", self.given.fmt)
        return o.FileProcessor(source) if entities is None else o.FileProcessor(source, entities)

    def selected(self) -> Any:
        """The first pass, filtered in C++: a TagFilter where every selector names a value,
        a KeyFilter where none does, else a KeyFilter on their keys (Python then checks
        the values, on the few objects that carry one of those keys)."""
        f = self.osmium.filter
        pairs = [(k, v) for k, v in self.selection if v is not None]
        if len(pairs) == len(self.selection):
            return self.processor().with_filter(f.TagFilter(*pairs))
        keys = list(dict.fromkeys(k for k, _v in self.selection))
        return self.processor().with_filter(f.KeyFilter(*keys))

    def run(self) -> list[OsmObject]:
        found = [self.found(obj) for obj in self.selected()
                 if _selected(obj.tags, self.selection)]
        ways = {w for item in found for w in item.ways}
        if ways:
            way_nodes = {}
            ids = self.osmium.filter.IdFilter(ways)
            for way in self.processor(self.osmium.osm.WAY).with_filter(ids):
                way_nodes[way.id] = [n.ref for n in way.nodes]
            for item in found:
                for w in item.ways:
                    item.nodes.extend(way_nodes.get(w, ()))
        nodes = {n for item in found if item.location is None for n in item.nodes}
        where: dict[int, tuple[float, float]] = {}
        if nodes:
            ids = self.osmium.filter.IdFilter(nodes)
            for node in self.processor(self.osmium.osm.NODE).with_filter(ids):
                if node.location.valid():
                    where[node.id] = (node.location.lat, node.location.lon)
        return [_object(item, where) for item in found]

    def found(self, obj: Any) -> _Found:
        kind = TYPES[obj.type_str()]
        stamp = obj.timestamp if obj.timestamp and obj.timestamp > _EPOCH else None
        item = _Found(kind, obj.id, _tags(obj), obj.version or None, stamp)
        if kind == "node" and obj.location.valid():
            item.location = (obj.location.lat, obj.location.lon)
        elif kind == "way":
            item.nodes = [n.ref for n in obj.nodes]
        elif kind == "relation":
            item.nodes = [m.ref for m in obj.members if m.type == "n"]
            item.ways = [m.ref for m in obj.members if m.type == "w"]
        return item


def _selected(tags: Any, selection: Sequence[Selector]) -> bool:
    """`matches` asked of pyosmium's tag list, whose lookups run in C++. The key filter of
    the first pass lets through every object with one of the keys (each amenity=parking,
    bench or restaurant of a state: a few per cent of its objects); copying each one's
    tags into a dict in Python to look at one value was most of the import's time."""
    return any(key in tags and (value is None or tags.get(key) == value)
               for key, value in selection)


def _tags(obj: Any) -> dict[str, str]:
    return {t.k: t.v for t in obj.tags}


def _object(item: _Found, where: dict[int, tuple[float, float]]) -> OsmObject:
    location = item.location or centre(where[n] for n in item.nodes if n in where)
    lat, lon = location if location is not None else (None, None)
    return OsmObject(item.kind, item.id, item.tags, item.version, item.timestamp, lat, lon)


def boundary_regions(source: str | bytes) -> Iterator[str]:
    """The ISO3166-2 values of the state boundaries (admin_level 4) in SOURCE, read in one
    more pass (relations only, filtered in C++); none for an Overpass reply in JSON."""
    given = _sniff(source, None)
    if given.fmt == "json":
        return
    osmium = _osmium()
    try:
        passes = _Passes(osmium, given, (("ISO3166-2", None),))
        for obj in passes.processor(osmium.osm.RELATION).with_filter(
                osmium.filter.TagFilter(("admin_level", "4"))):
            value = obj.tags.get("ISO3166-2")
            if value:
                yield value
    except RuntimeError as exc:
        raise InputError(_("{name} cannot be read as OpenStreetMap data: {reason}",
                           name=repr(given.name), reason=str(exc))) from None
