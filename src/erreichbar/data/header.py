"""The head of a data file: what it says of itself and for all of its parts (as_of,
timezone, region, its sources and the school holidays), and FileData, which holds what a
file says once read. schema.Builder, the walk of the whole file, builds on this."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import yaml

from erreichbar.data.contacts import ContactReader
from erreichbar.data.model import Assumption, Elsewhere, Line, Office, Planned, Source, SpecialDay
from erreichbar.data.nodereader import keys_of
from erreichbar.data.yamlnodes import Label
from erreichbar.errors import DataError
from erreichbar.i18n import N_, Message, _

_REGION = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")

SCHOOL_KEYS = {"source", "ranges"}
SCHOOL_RANGE_KEYS = {"name", "from", "until"}
SOURCE_KEYS = {"title", "publisher", "date", "url"}


@dataclass
class FileData:
    path: str
    as_of: date | None = None
    timezone: str | None = None
    region: str | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    lines: dict[str, Line] = field(default_factory=dict)
    offices: list[Office] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    elsewhere: list[Elsewhere] = field(default_factory=list)
    # the school holidays of the region (first day, last day, name), if the file gives them,
    # and where its hours ask for them (SH): (line, column, hours)
    school_holidays: tuple[tuple[date, date, str], ...] | None = None
    school_source: Source | None = None
    school_asked: list[tuple[int, int, str]] = field(default_factory=list)
    # data/assumed.py: each assumption with the channel kind or the hours it works inside
    assumptions: dict[str, tuple[Assumption, str | None, str | None]] = field(
        default_factory=dict)
    special_days: list[SpecialDay] = field(default_factory=list)
    translations: dict[str, str] = field(default_factory=dict)  # German -> English


class HeaderReader(ContactReader):
    """The readers of a file's head and of its sources, into `data`."""

    data: FileData

    def _read_header(self, top: dict[str, yaml.Node]) -> None:
        """as_of, timezone and region, each checked."""
        d = self.data
        d.as_of = self.date(top.get("as_of"), "as_of")
        d.timezone = self.text(top.get("timezone"), "timezone")
        if d.timezone is not None:
            # start-up: only when a file is read from YAML
            from erreichbar.calendar.civil import zone

            try:
                zone(d.timezone)
            except DataError:
                self.err(top["timezone"], _("unknown timezone {zone} (write an IANA name such "
                                            "as \"Europe/Berlin\")", zone=repr(d.timezone)))
        d.region = self.text(top.get("region"), "region")
        if d.region is not None and not _REGION.match(d.region):
            self.err(top["region"], _("region {region}: write a country code with an "
                                      "optional subdivision, e.g. \"DE-HE\"",
                                      region=repr(d.region)))
        elif d.region is not None and not _known_region(d.region):
            self.err(top["region"], _("region {region}: no public holidays are known for it "
                                      "(write a country code with an optional subdivision, "
                                      "e.g. \"DE-HE\")", region=repr(d.region)))

    def _read_sources(self, top: dict[str, yaml.Node]) -> None:
        """`sources: {key: {title, publisher, …}, …}`, which the rest of the file names."""
        src = top.get("sources")
        if src is not None:
            entries = self.mapping(src, "sources", set(keys_of(src)))
            for key, node in (entries or {}).items():
                source = self.source(key, node)
                if source is not None:
                    self.data.sources[key] = source

    def source(self, key: str, node: yaml.Node) -> Source | None:
        f = self.mapping(node, Message(N_("source {key}"), key=repr(key)), SOURCE_KEYS,
                         ("title", "publisher"))
        if f is None:
            return None
        title = self.text(f.get("title"), "title")
        publisher = self.text(f.get("publisher"), "publisher")
        url = self.url(f.get("url"), "url") if "url" in f else None
        link = url.uri if url else None
        if title is None or publisher is None:
            return None
        return Source(key, title, publisher, self.date(f.get("date"), "date"), link)

    def school_holidays(self, node: yaml.Node) -> tuple[tuple[date, date, str], ...]:
        """`school_holidays: {source: …, ranges: [{name, from, until}, …]}`: what `SH` in
        hours means (a fact like any other: it names its source)."""
        f = self.mapping(node, "school_holidays", SCHOOL_KEYS, ("source", "ranges"))
        if f is None:
            return ()
        if "source" in f:  # (its absence is reported with the keys the block lacks)
            found = self.source_ref(f["source"], "school_holidays")
            self.data.school_source = found[0] if found else None
        out = []
        for item in self.items(f.get("ranges"), "school_holidays: ranges"):
            r = self.mapping(item, "school_holidays: ranges", SCHOOL_RANGE_KEYS,
                             ("name", "from", "until"))
            if r is None:
                continue
            name = self.text(r.get("name"), "school_holidays: name")
            first = self.date(r.get("from"), "school_holidays: from")
            last = self.date(r.get("until"), "school_holidays: until")
            if first is not None and last is not None and first > last:
                self.err(r["from"], _("school_holidays: {first} is after {last}",
                                      first=first.isoformat(), last=last.isoformat()))
            elif name is not None and first is not None and last is not None:
                out.append((first, last, name))
        return tuple(out)

    def source_ref(self, node: yaml.Node | None, what: Label) -> tuple[Source, ...]:
        refs = self.texts(node, f"{what}: source")
        if node is None:
            self.err(None, _("{what}: 'source' is missing", what=what))
        out = []
        for ref in refs:
            if ref in self.data.sources:
                out.append(self.data.sources[ref])
            else:
                self.err(node, _("{what}: source {ref} is not defined under 'sources'",
                                 what=what, ref=repr(ref)))
        return tuple(out)


def _known_region(region: str) -> bool:
    """Whether the holidays package knows the country and subdivision."""
    import holidays  # start-up: holidays costs more than a cached answer

    country, _, subdiv = region.partition("-")
    known = holidays.list_supported_countries()
    return country in known and (not subdiv or subdiv in known[country])
