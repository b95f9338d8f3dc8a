"""The opening_hours values of the OpenStreetMap extracts in ../shared/osm, with the object
type and id of every occurrence, as tests/data/osm_values/values.json.

    python scripts/reference/osm_values.py /work/shared/osm tests/data/osm_values/values.json

Needs pyosmium (`pip install osmium`); the tests read only the JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import osmium

KINDS = {"n": "node", "w": "way", "r": "relation"}


class _Values(osmium.SimpleHandler):  # type: ignore[misc]  # pyosmium has no stubs
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, int, str]] = []

    def _keep(self, kind: str, obj: osmium.osm.OSMObject) -> None:
        value = obj.tags.get("opening_hours")
        if value is not None:
            self.found.append((kind, obj.id, value))

    def node(self, n: osmium.osm.Node) -> None:
        self._keep("node", n)

    def way(self, w: osmium.osm.Way) -> None:
        self._keep("way", w)

    def relation(self, r: osmium.osm.Relation) -> None:
        self._keep("relation", r)


def main(folder: Path, out: Path) -> None:
    values: dict[str, list[dict[str, object]]] = {}
    occurrences = 0
    for pbf in sorted(folder.glob("*.osm.pbf")):
        handler = _Values()
        handler.apply_file(str(pbf))
        for kind, osm_id, value in handler.found:
            values.setdefault(value, []).append({"file": pbf.name, "type": kind, "id": osm_id})
            occurrences += 1
    entries = [{"value": v, "occurrences": occ} for v, occ in values.items()]
    body = ",\n".join(json.dumps(e, ensure_ascii=False) for e in entries)
    out.write_text(f'{{"occurrences": {occurrences}, "distinct": {len(entries)}, "values": [\n'
                   f"{body}\n]}}\n", encoding="utf-8")
    print(f"{occurrences} occurrences, {len(entries)} distinct values", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
