"""Write the reply an Overpass API server gives to `erreichbar import overpass`, built from a
real OpenStreetMap extract, for the tests' local server (tests/data/overpass/).

    python scripts/overpass_reply.py EXTRACT.osm.pbf BOUNDARY_RELATION_ID > reply.json

The reply holds what the query `erreichbar.importer.overpass.query` writes asks for, in
the form the server gives it (`[out:json]`, `out center meta`): first the searched area
(`.searched out tags`: an area's id is 3,600,000,000 + its boundary relation's id, and it
carries the relation's tags), then every object of the extract carrying one of the
default tags, with version, timestamp, changeset and user, and for a way or relation the
centre of its bounding box as `center`, as Overpass computes it. The extract stands for
the area: its offices are all listed, whether inside the boundary or not.

Data: © OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright).
"""

from __future__ import annotations

import argparse
import json
import sys

import osmium

AREA_OFFSET = 3_600_000_000


def is_office(tags: dict[str, str]) -> bool:
    return (tags.get("amenity") in ("townhall", "courthouse")
            or tags.get("office") == "government" or "government" in tags)


def meta(obj: osmium.osm.OSMObject) -> dict[str, object]:
    return {"timestamp": obj.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ"), "version": obj.version,
            "changeset": obj.changeset, "user": obj.user, "uid": obj.uid}


def bounds(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return min(lats), min(lons), max(lats), max(lons)


def centre(points: list[tuple[float, float]]) -> dict[str, float]:
    south, west, north, east = bounds(points)
    return {"lat": round((south + north) / 2, 7), "lon": round((west + east) / 2, 7)}


def reply(path: str, boundary: int) -> dict[str, object]:
    # first pass: the offices' relations and the ways and nodes they are made of
    wanted_ways: set[int] = set()
    wanted_nodes: set[int] = set()
    for rel in osmium.FileProcessor(path, osmium.osm.RELATION):
        if is_office(dict(rel.tags)):
            for m in rel.members:
                (wanted_ways if m.type == "w" else wanted_nodes).add(m.ref)
    area: dict[str, object] | None = None
    offices: list[dict[str, object]] = []
    points: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for obj in osmium.FileProcessor(path).with_locations():
        tags = dict(obj.tags)
        if obj.is_node() and obj.location.valid():
            where = (obj.location.lat, obj.location.lon)
            if obj.id in wanted_nodes:
                points[("n", obj.id)] = [where]
            if is_office(tags):
                offices.append({"type": "node", "id": obj.id, "lat": where[0],
                                "lon": where[1], **meta(obj), "tags": tags})
        elif obj.is_way():
            nodes = [(n.location.lat, n.location.lon) for n in obj.nodes if n.location.valid()]
            if obj.id in wanted_ways:
                points[("w", obj.id)] = nodes
            if is_office(tags):
                offices.append({"type": "way", "id": obj.id, "center": centre(nodes),
                                "nodes": [n.ref for n in obj.nodes], **meta(obj),
                                "tags": tags})
        elif obj.is_relation():
            if obj.id == boundary:
                area = {"type": "area", "id": AREA_OFFSET + obj.id, "tags": tags}
            if is_office(tags):
                members = [{"type": {"n": "node", "w": "way", "r": "relation"}[m.type],
                            "ref": m.ref, "role": m.role} for m in obj.members]
                inside = [p for m in obj.members for p in points.get((m.type, m.ref), [])]
                offices.append({"type": "relation", "id": obj.id, "center": centre(inside),
                                "members": members, **meta(obj), "tags": tags})
    if area is None:
        raise SystemExit(f"{path}: no relation {boundary}")
    return {"version": 0.6, "generator": "Overpass API (recorded from an OpenStreetMap "
                                         "extract by scripts/overpass_reply.py)",
            "osm3s": {"copyright": "The data included in this document is from "
                                   "www.openstreetmap.org. The data is made available "
                                   "under ODbL."},
            "elements": [area, *offices]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("extract")
    parser.add_argument("boundary", type=int, help="id of the boundary relation searched")
    args = parser.parse_args()
    json.dump(reply(args.extract, args.boundary), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
