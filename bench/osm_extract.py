"""A seeded OpenStreetMap extract the size of a German state, written with pyosmium, for
the import benchmark in bench/run.py.

    python bench/osm_extract.py --nodes 4000000 --offices 400 --out /tmp/state.osm.pbf

Like a real extract, almost every node is a point of a way and carries no tags; a few in a
hundred are addresses, trees or points of interest (shops, benches, schools, companies:
some share a key with the offices, `amenity` or `office`, so a filter has to look at
values). Ways have
about eight nodes (streets, buildings), relations group a few ways (multipolygons,
routes). Among them are OFFICES objects with the default tags of `erreichbar import osm`
(`amenity=townhall`, `office=government` with `government=*`, `government=*` alone,
`amenity=courthouse`), as nodes (six in ten), building ways (three in ten) and
multipolygon relations (one in ten), spread over the file, with name, opening_hours,
phone, website and address, as a Land has a few hundred among millions of objects. Two
extracts with the same OFFICES and seed and different NODES hold the same offices: only
the rest differs in number.

Written in id order (nodes, ways, relations), as osmium and Geofabrik write them.
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime
from pathlib import Path

import osmium
from osmium.osm.mutable import Node, Relation, Way

VERSION = 2  # of what the generator writes: a cached extract of another version is not used
SOUTH, WEST, NORTH, EAST = 49.39, 7.77, 51.66, 10.24  # Hessen's bounding box
NODES_PER_WAY = 8
WAYS_PER_RELATION = 3
RELATIONS_PER_WAYS = 60  # one relation per so many ways
TAGGED_NODES = 0.06  # nodes with tags of their own; the rest are points of ways
STAMP = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

# Tagged nodes and ways by weight, roughly in the proportions of Germany's data on taginfo:
# about one node in a hundred and one way in fifty carries `amenity`, a few in a thousand
# `office`; addresses, trees and crossings are the common tagged nodes, streets and
# buildings the common ways. The shares of the keys an office filter looks at matter most:
# every object with one of them passes a key filter.
POIS = [({"addr:housenumber": "12", "addr:street": "Hauptstraße"}, 40),
        ({"natural": "tree"}, 20), ({"highway": "crossing"}, 8),
        ({"highway": "bus_stop"}, 5), ({"shop": "bakery"}, 3), ({"shop": "supermarket"}, 2),
        ({"amenity": "bench"}, 4), ({"amenity": "restaurant"}, 3),
        ({"amenity": "parking"}, 2), ({"amenity": "waste_basket"}, 3),
        ({"amenity": "school"}, 1), ({"amenity": "post_box"}, 1),
        ({"amenity": "pharmacy", "opening_hours": "Mo-Fr 08:00-18:30; Sa 08:00-13:00"}, 1),
        ({"office": "company"}, 1), ({"office": "lawyer"}, 0.5),
        ({"tourism": "information"}, 1)]
WAY_TAGS = [({"highway": "residential"}, 25), ({"highway": "service"}, 15),
            ({"highway": "track"}, 8), ({"building": "yes"}, 30), ({"building": "house"}, 12),
            ({"landuse": "grass"}, 4), ({"natural": "wood"}, 2),
            ({"amenity": "parking"}, 1.5), ({"building": "school", "amenity": "school"}, 0.3),
            ({"building": "commercial", "office": "company"}, 0.2)]
OFFICE_KINDS = [{"amenity": "townhall", "townhall:type": "city"},
                {"office": "government", "government": "register_office"},
                {"office": "government", "government": "tax"},
                {"office": "government"}, {"government": "social_services"},
                {"amenity": "courthouse"}]
HOURS = ["Mo-Fr 08:00-12:00", "Mo-Fr 08:00-12:00; Tu,Th 14:00-18:00; PH off",
         "Mo,Tu,Th 07:30-15:30; We 07:30-12:30; Fr 07:30-12:00",
         "Mo-Fr 08:30-12:00; Th 14:00-17:30", "Mo-Do 08:00-16:00; Fr 08:00-12:30",
         "Mo-Fr 09:00-12:00 \"nach Vereinbarung\"", "Mo-We,Fr 08:00-12:00; Th 13:00-18:00"]


def office_tags(rng: random.Random, n: int) -> dict[str, str]:
    tags = dict(rng.choice(OFFICE_KINDS))
    tags["name"] = f"Amt {n}"
    if rng.random() < 0.6:  # many real offices carry no hours
        tags["opening_hours"] = rng.choice(HOURS)
    if rng.random() < 0.7:
        tags["contact:phone" if rng.random() < 0.5 else "phone"] = (
            f"+49 6{rng.randrange(10, 99)} {rng.randrange(100000, 999999)}")
    if rng.random() < 0.5:
        tags["website"] = f"https://amt-{n}.example.de/"
    tags.update({"addr:street": f"Rathausplatz {n % 40}", "addr:housenumber": str(n % 97 + 1),
                 "addr:postcode": f"{rng.randrange(34000, 65999)}", "addr:city": f"Stadt {n}",
                 "addr:state": "Hessen"})
    return tags


def _attrs(rng: random.Random) -> dict[str, object]:
    return {"version": rng.randrange(1, 30), "timestamp": STAMP, "changeset": 1, "uid": 1,
            "user": "bench"}


def _pick(rng: random.Random, weighted: list[tuple[dict[str, str], float]]
          ) -> dict[str, str]:
    return rng.choices([t for t, _ in weighted], [w for _, w in weighted])[0]


def write(path: Path, nodes: int, offices: int, seed: int = 2024) -> None:
    """The extract at PATH (replacing a file there): NODES nodes, a way per eight of them,
    a relation per sixty ways, OFFICES offices among them."""
    ways = nodes // NODES_PER_WAY
    relations = max(1, ways // RELATIONS_PER_WAYS)
    # the offices' places come from their own generator, so that they are the same whatever
    # the extract's size
    place = random.Random(seed)
    office_nodes = round(offices * 0.6)
    office_ways = round(offices * 0.3)
    office_relations = offices - office_nodes - office_ways
    at_node = {round(i * nodes / office_nodes) + 1 for i in range(office_nodes)}
    at_way = {round(i * ways / office_ways) + 1 for i in range(office_ways)}
    at_relation = {round(i * relations / max(1, office_relations)) + 1
                   for i in range(office_relations)}
    rng = random.Random(seed + 1)
    path.unlink(missing_ok=True)
    writer = osmium.SimpleWriter(str(path))
    try:
        n = 0
        for node_id in range(1, nodes + 1):
            tags: dict[str, str] = {}
            if node_id in at_node:
                n += 1
                tags = office_tags(place, n)
            elif rng.random() < TAGGED_NODES:
                tags = dict(_pick(rng, POIS))
            location = (rng.uniform(WEST, EAST), rng.uniform(SOUTH, NORTH))
            writer.add_node(Node(location=location, id=node_id, tags=tags, **_attrs(rng)))
        for way_id in range(1, ways + 1):
            first = (way_id - 1) * NODES_PER_WAY + 1
            refs = list(range(first, first + NODES_PER_WAY))
            if way_id in at_way:
                n += 1
                tags = {"building": "public", **office_tags(place, n)}
                refs.append(first)  # a closed outline
            else:
                tags = dict(_pick(rng, WAY_TAGS))
            writer.add_way(Way(nodes=refs, id=way_id, tags=tags, **_attrs(rng)))
        for rel_id in range(1, relations + 1):
            first = (rel_id - 1) * RELATIONS_PER_WAYS + 1
            members = [("w", first + k, "outer") for k in range(WAYS_PER_RELATION)
                       if first + k <= ways]
            if rel_id in at_relation:
                n += 1
                tags = {"type": "multipolygon", "building": "public", **office_tags(place, n)}
            else:
                tags = rng.choice([{"type": "multipolygon", "landuse": "forest"},
                                   {"type": "route", "route": "bus", "ref": str(rel_id)}])
            writer.add_relation(Relation(members=members, id=rel_id, tags=tags,
                                         **_attrs(rng)))
    finally:
        writer.close()


def cached(folder: Path, nodes: int, offices: int, seed: int = 2024) -> Path:
    """The extract of these parameters in FOLDER, written the first time it is asked for
    (a state's takes a minute or two): written to a temporary name and renamed, so that an
    interrupted run leaves no half-written extract to be taken for a whole one."""
    path = folder / f"state-v{VERSION}-{nodes}-nodes-{offices}-offices-{seed}.osm.pbf"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial.osm.pbf")
        write(partial, nodes, offices, seed)
        partial.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=4_000_000)
    parser.add_argument("--offices", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write(args.out, args.nodes, args.offices, args.seed)


if __name__ == "__main__":
    main()
