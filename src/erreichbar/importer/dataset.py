"""The imported objects -> the YAML text of a dataset in the tool's own format, each office
with its own source (the OpenStreetMap object, its version and the ODbL credit).

`build()` makes the text; the command writes it (atomically, never over a file without
`--force`). The file starts with a comment naming where it came from and the licence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import yaml

from erreichbar.errors import OTHER_CONTROLS, InputError, controls, escaped
from erreichbar.i18n import _
from erreichbar.importer.objects import CREDIT, OsmObject
from erreichbar.importer.region import timezone_of
from erreichbar.importer.tags import Office, office, slug


def build(objects: Iterable[OsmObject], *, region: str, source_name: str,
          warn: Callable[[str], None] | None = None) -> str:
    """The dataset of OBJECTS (offices in the order of their ids) for REGION, as YAML.
    SOURCE_NAME is what they were read from, named in the file's first comment. WARN hears
    of every value that could not be read (default: none hears)."""
    say = warn or (lambda _message: None)
    offices = [office(o, say) for o in sorted(objects, key=lambda o: (o.kind, o.id))]
    if not offices:
        raise nothing_found(source_name)
    _add_aliases(offices)
    data: dict[str, Any] = {
        "as_of": max(s["date"] for o in offices for s in o.sources.values() if "date" in s)
        if any("date" in s for o in offices for s in o.sources.values()) else None,
        "timezone": timezone_of(region),
        "region": region,
        "sources": {k: v for o in offices for k, v in o.sources.items()},
        "offices": [o.entry for o in offices],
    }
    if data["as_of"] is None:  # (a file without metadata or dates)
        from datetime import date  # start-up: only for data without dates

        data["as_of"] = date.today().isoformat()
    translations = {k: v for o in offices for k, v in o.translations.items()}
    if translations:
        data["translations"] = translations
    head = (f"# Offices imported from {_one_line(source_name)} with `erreichbar import`.\n"
            f"# Data {CREDIT}: https://www.openstreetmap.org/copyright\n")
    return head + dump(data)


def nothing_found(name: str) -> InputError:
    """The error of an import whose selection finds nothing in NAME."""
    return InputError(_("{name} holds no object with the selected tags: nothing to import",
                        name=repr(name)))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _add_aliases(offices: list[Office]) -> None:
    """A readable slug of its name for each office whose slug no other office shares."""
    slugs = [slug(o.entry["name"]) for o in offices]
    for o, s in zip(offices, slugs, strict=True):
        if s and slugs.count(s) == 1 and s != o.entry["id"]:
            o.entry["aliases"] = [s]
            # (the keys in the order the format documents them)
            o.entry = {k: o.entry[k] for k in ("id", "name", "aliases") if k in o.entry} | \
                o.entry


_PLAIN_KEY = re.compile(r"[a-z0-9_-]+")


class _Quoted(str):
    """A string written in double quotes: read back the same by any YAML reader."""


# libyaml's emitter where PyYAML has it (as the reader uses libyaml's parser): the pure
# Python one took a fifth of a state's import to write its few hundred offices. The two
# fold a long quoted line in different but equivalent ways; the values read back the same.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


def _quoted(dumper: yaml.SafeDumper, value: _Quoted) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


_Dumper.add_representer(_Quoted, _quoted)


def _quote(obj: Any) -> Any:
    """Every value in double quotes, and every key that is not a plain word (a translation's
    German text), so that each control character can be written as an escape."""
    if isinstance(obj, dict):
        return {k if _PLAIN_KEY.fullmatch(k) else _Quoted(k): _quote(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_quote(v) for v in obj]
    return _Quoted(obj) if isinstance(obj, str) else obj


def dump(data: dict[str, Any]) -> str:
    """DATA as YAML, every value double-quoted (control characters escaped)."""
    text: str = yaml.dump(_quote(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                          width=100)
    # PyYAML escapes C0 and C1 controls in double quotes, not the bidi controls that would
    # reorder the file's text in a terminal; inside double quotes their escape reads back
    # as the character itself
    return escaped(text, controls(OTHER_CONTROLS))
