"""The dataset itself as normalised YAML (for sharing a layered dataset): layered, hours
written back as OpenStreetMap text (export.to_osm), every string quoted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import yaml

from erreichbar.answers.lookup import Target
from erreichbar.data.model import Channel, Contact, Dataset, Line, Note, Office, Source
from erreichbar.errors import OTHER_CONTROLS, controls, escaped
from erreichbar.hours.reader import parse
from erreichbar.hours.values import Validity
from erreichbar.render.export import _channels, _offices, to_osm
from erreichbar.render.json_out import note, source


class _Quoted(str):
    """A value to be written in double quotes, so it reads back the same in any YAML tool
    (an unquoted 07:30 would be 450 to some)."""


# What PyYAML writes raw even in double quotes when it may write Unicode (the bidi
# controls; it escapes C0 and C1 itself), and a terminal showing the file would obey.


class _Escaping:
    """The stream the dumper writes to, passing on what it is given with those controls
    as \\uXXXX escapes. The dumper writes them only inside double quotes (see
    _Dumper.analyze_scalar), where the escape reads back as the same character."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        self.stream.write(escaped(text, controls(OTHER_CONTROLS)))

    def flush(self) -> None:
        if hasattr(self.stream, "flush"):
            self.stream.flush()


class _Dumper(yaml.SafeDumper):
    """Writes every string quoted where it is a value (_Quoted), and double-quoted wherever
    it holds a control character, key or value, each such character escaped."""

    def __init__(self, stream: Any, **kwargs: Any) -> None:
        super().__init__(_Escaping(stream), **kwargs)

    def analyze_scalar(self, scalar: str) -> Any:
        analysis = super().analyze_scalar(scalar)
        if controls(OTHER_CONTROLS).search(scalar):  # (PyYAML double-quotes C0 and C1 of itself)
            analysis.allow_flow_plain = analysis.allow_block_plain = False
            analysis.allow_single_quoted = analysis.allow_block = False
        return analysis


def _represent_quoted(dumper: yaml.SafeDumper, value: _Quoted) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


_Dumper.add_representer(_Quoted, _represent_quoted)


def _quote_values(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _quote_values(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_quote_values(v) for v in obj]
    return _Quoted(obj) if isinstance(obj, str) else obj


def _contact_data(c: Contact) -> dict[str, str]:
    return {c.kind: c.value, **({"uncertain": c.uncertain} if c.uncertain else {})}


def _validity(obj_validity: Validity) -> dict[str, str]:
    out = {}
    if obj_validity.valid_from:
        out["valid_from"] = obj_validity.valid_from.isoformat()
    if obj_validity.valid_until:
        out["valid_until"] = obj_validity.valid_until.isoformat()
    return out


def _notes(notes: tuple[Note, ...]) -> list[Any]:
    out: list[Any] = []
    for n in notes:
        d = note(n)
        out.append(n.text if d["valid_from"] is None and d["valid_until"] is None else
                   {"text": n.text, **_validity(n.validity)})
    return out


def _add_source(sources: dict[str, Any], s: Source) -> None:
    """S among the dataset's sources, with the fields it has."""
    sources[s.id] = {k: v for k, v in source(s).items() if v is not None and k != "id"}


def _line_entry(line: Line) -> dict[str, Any]:
    return {
        "id": line.id, "name": line.name, "hours": to_osm(line.hours),
        **({"contacts": [_contact_data(c) for c in line.contacts]} if line.contacts else {}),
        **({"notes": _notes(line.notes)} if line.notes else {}),
        "source": line.source.id,
    }


def _channel_entry(ch: Channel, sources: dict[str, Any], lines: dict[str, Any]
                   ) -> dict[str, Any]:
    """A channel; the line it goes through (with that line's source) is added to LINES."""
    item: dict[str, Any] = {"kind": ch.kind}
    if ch.unit:
        item["unit"] = ch.unit
    if ch.via:
        item["via"] = ch.via.id
        _add_source(sources, ch.via.source)
        lines[ch.via.id] = _line_entry(ch.via)
    else:  # as the file writes them: the assumption and the special days apply on reading
        item["hours"] = to_osm(parse(ch.hours_written) if ch.hours_written else ch.hours)
    if ch.contacts:
        item["contacts"] = [_contact_data(c) for c in ch.contacts]
    if ch.appointment:
        item["appointment"] = ch.appointment
    if ch.notes:
        item["notes"] = _notes(ch.notes)
    item.update(_validity(ch.validity))
    item.update(_channel_extras(ch, sources))
    return item


def _channel_extras(ch: Channel, sources: dict[str, Any]) -> dict[str, Any]:
    """Its own source (added to SOURCES), where to find its contact, how to book, the
    assumption that decides its hours."""
    item: dict[str, Any] = {}
    if ch.source is not None:
        _add_source(sources, ch.source)
        item["source"] = ch.source.id
    if ch.find is not None:
        item["find_contact"] = _contact_data(ch.find)
    if ch.book is not None:
        item["book"] = {**({"via": ch.book.via} if ch.book.via else {}),
                        **({"url": ch.book.link.value} if ch.book.link else {})}
    if ch.assumption is not None:
        item["assumption"] = ch.assumption.id
    return item


def _office_entry(office: Office, target: Target | None, sources: dict[str, Any],
                  lines: dict[str, Any]) -> dict[str, Any]:
    """An office with the channels (and units) TARGET asks for; its sources are added to
    SOURCES, and the lines its channels go through to LINES."""
    for s in office.sources:
        _add_source(sources, s)
    channels = [_channel_entry(ch, sources, lines) for ch in _channels(office, target)]
    entry: dict[str, Any] = {"id": office.id, "name": office.name}
    if office.aliases:
        entry["aliases"] = list(office.aliases)
    if office.services:
        entry["services"] = list(office.services)
    entry["source"] = [s.id for s in office.sources] if len(office.sources) != 1 \
        else office.sources[0].id
    units = [u for u in office.units if target is None or target.unit in (None, u.id)]
    if units:
        entry["units"] = [{"id": u.id, "name": u.name,
                           **({"description": u.description} if u.description else {})}
                          for u in units]
    if office.notes:
        entry["notes"] = _notes(office.notes)
    if office.address is not None:
        a = office.address
        entry["address"] = {"street": a.street, "postcode": a.postcode, "city": a.city}
        if a.source is not None:
            _add_source(sources, a.source)
            entry["address"]["source"] = a.source.id
    if not office.special_days:
        entry["special_days"] = "false"
    entry["channels"] = channels
    return entry


def _assumed_entries(dataset: Dataset, sources: dict[str, Any]) -> dict[str, Any]:
    """The file's assumptions, special days (their sources added) and translations."""
    doc: dict[str, Any] = {}
    if dataset.assumptions:
        doc["assumptions"] = {a.id: {
            **({"within": a.within} if a.within else {"hours": a.frame}),
            "text": a.text, **({"en": a.text_en} if a.text_en else {})}
            for a in dataset.assumptions}
    days = []
    for d in dataset.special_days:
        day: dict[str, Any] = {"date": d.date, "reason": d.reason}
        if d.en:
            day["en"] = d.en
        if d.source is not None:
            _add_source(sources, d.source)
            day["source"] = d.source.id
        days.append(day)
    if days:
        doc["special_days"] = days
    if dataset.translations:
        doc["translations"] = dict(dataset.translations)
    return doc


def _planned_entries(dataset: Dataset, office_ids: set[str], sources: dict[str, Any]
                     ) -> list[dict[str, Any]]:
    """The plans that concern only the offices exported; their sources are added."""
    planned = []
    for p in dataset.planned:
        if set(p.offices) <= office_ids:
            _add_source(sources, p.source)
            planned.append({"text": p.text, "offices": list(p.offices), "source": p.source.id})
    return planned


def _school_holidays_entry(ranges: tuple[tuple[date, date, str], ...], s: Source,
                           sources: dict[str, Any]) -> dict[str, Any]:
    """The school holidays and their source (added to SOURCES)."""
    _add_source(sources, s)
    return {"source": s.id, "ranges": [
        {"name": name, "from": first.isoformat(), "until": last.isoformat()}
        for first, last, name in ranges]}


def dataset_yaml(dataset: Dataset, target: Target | None) -> str:
    """The dataset as the tool understands it: layered, hours normalised, all strings quoted."""
    return "".join(dataset_yaml_chunks(dataset, target))


OFFICES_AT_A_TIME = 16  # offices made and written together, by dataset_yaml_chunks()


def dataset_yaml_chunks(dataset: Dataset, target: Target | None) -> Iterator[str]:
    """dataset_yaml() in pieces, a few offices at a time, so that neither the text
    of a big dataset nor its entries are ever held whole. The sources and lines come before
    the offices and are gathered from them: the offices are made twice, the first time for
    those alone (a tenth of the time it takes to write them)."""
    offices = _offices(dataset, target)
    sources: dict[str, Any] = {}
    lines: dict[str, Any] = {}
    for office in offices:  # (in the order of the file: offices, plans, days, holidays)
        _office_entry(office, target, sources, lines)
    planned = _planned_entries(dataset, {o.id for o in offices}, sources)
    doc: dict[str, Any] = {
        "as_of": dataset.as_of.isoformat(),
        "timezone": dataset.timezone,
        "region": dataset.region,
        "sources": sources,
    }
    doc.update(_assumed_entries(dataset, sources))
    if dataset.school_holidays and dataset.school_source is not None:
        doc["school_holidays"] = _school_holidays_entry(dataset.school_holidays,
                                                        dataset.school_source, sources)
    if lines:
        doc["lines"] = list(lines.values())
    # (a file's name escaped: a line break or a control character in a comment would end
    # it, or reach the terminal of whoever reads the file)
    yield "# erreichbar dataset, normalised from: " + escaped(", ".join(dataset.files)) \
        + "\n"
    yield _dump(doc)
    # the rest of the one mapping: its keys at the left margin as in a whole dump, and the
    # items of a sequence under a key there too (PyYAML indents no such sequence)
    if not offices:
        yield _dump({"offices": []})
    else:
        yield "offices:\n"
    for begin in range(0, len(offices), OFFICES_AT_A_TIME):
        yield _dump([_office_entry(office, target, {}, {})
                     for office in offices[begin:begin + OFFICES_AT_A_TIME]])
    if planned:
        yield _dump({"planned": planned})


def _dump(value: Any) -> str:
    return yaml.dump(_quote_values(value), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=100)
