"""importer/osm.py: OpenStreetMap objects from the real extracts of tests/data/osm/ (ODbL 1.0,
© OpenStreetMap contributors; see the README there), in every form a file comes in, and
the inputs that are no OSM data.

The facts expected here are the objects' own tags, read with pyosmium in the test, and
the places themselves: the Rotes Rathaus stands at 52°31′07″ N, 13°24′29″ E
(52.5186, 13.4081), the Neues Stadthaus at Parochialstraße/Jüdenstraße, 52.5171 N 13.4117 E.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from pathlib import Path

import osmium
import pytest

from erreichbar.errors import Exit, InputError
from erreichbar.importer.objects import OsmObject
from erreichbar.importer.osm import boundary_regions, read_objects
from erreichbar.importer.selection import DEFAULT_TAGS, parse_bbox

OSM = Path(__file__).parent / "data" / "osm"
BERLIN = OSM / "berlin-alexanderplatz.osm.pbf"
HOYERSWERDA = OSM / "hoyerswerda.osm.pbf"
SHA256 = {
    BERLIN: "2ddcc2d3ca669e0fee5f0b6422fa4b0c67e775c66695afaf2ccf6d4d58553d2f",
    HOYERSWERDA: "54696c39f7c6066a5cd79ed853d69aa5fc8285bb7435013040b009b7ba8cd4c9",
}


def all_objects(path: Path) -> list[tuple[str, int, dict[str, str]]]:
    """Every object of PATH with its tags, read by pyosmium without any filter."""
    return [(o.type_str(), o.id, {t.k: t.v for t in o.tags})
            for o in osmium.FileProcessor(str(path))]


def offices_by_hand(path: Path) -> set[str]:
    """The default selection, decided in Python over every object."""
    return {f"{kind}{oid}" for kind, oid, tags in all_objects(path)
            if tags.get("amenity") in ("townhall", "courthouse")
            or tags.get("office") == "government" or "government" in tags}


@pytest.mark.parametrize("path", [BERLIN, HOYERSWERDA])
def test_the_extracts_are_the_ones_the_readme_names(path):
    assert hashlib.sha256(path.read_bytes()).hexdigest() == SHA256[path]


@pytest.mark.parametrize("path", [BERLIN, HOYERSWERDA])
def test_the_default_selection_finds_what_a_full_scan_finds(path):
    found = read_objects(str(path))
    assert {o.ref for o in found} == offices_by_hand(path)
    assert len(found) == len({o.ref for o in found})  # each once


def test_the_rotes_rathaus_keeps_its_tags_version_and_time():
    tags = next(t for kind, oid, t in all_objects(BERLIN) if (kind, oid) == ("r", 4211905))
    rathaus = next(o for o in read_objects(str(BERLIN)) if o.ref == "r4211905")
    assert rathaus.kind == "relation"
    assert rathaus.tags == tags
    assert tags["type"] == "multipolygon" and tags["opening_hours"] == "Mo-Fr 09:00-18:00"
    assert rathaus.version is not None and rathaus.version >= 1
    assert rathaus.timestamp is not None and rathaus.timestamp.year >= 2007
    assert rathaus.link == "https://www.openstreetmap.org/relation/4211905"


@pytest.mark.parametrize(("ref", "lat", "lon"), [
    ("r4211905", 52.5186, 13.4081),  # Rotes Rathaus, a multipolygon relation
    ("w24045180", 52.5171, 13.4117),  # Neues Stadthaus, a way
])
def test_ways_and_relations_are_placed_where_the_building_stands(ref, lat, lon):
    found = next(o for o in read_objects(str(BERLIN)) if o.ref == ref)
    assert found.lat is not None and found.lon is not None
    # within about 100 m of the building's middle
    assert abs(found.lat - lat) < 0.001 and abs(found.lon - lon) < 0.0015


def test_a_node_keeps_its_own_location():
    where = {(o.type_str(), o.id): (o.location.lat, o.location.lon)
             for o in osmium.FileProcessor(str(BERLIN)).with_filter(
                 osmium.filter.TagFilter(("name", "Jugendberufsagentur Berlin")))}
    found = next(o for o in read_objects(str(BERLIN)) if o.ref == "n6244614471")
    assert (found.lat, found.lon) == where[("n", 6244614471)]


def test_a_tag_selection_with_any_value_and_with_values():
    by_key = read_objects(str(HOYERSWERDA), tags=(("government", None),))
    assert {o.tags["government"] for o in by_key} == {"tax", "healthcare"}
    by_value = read_objects(str(HOYERSWERDA), tags=(("government", "tax"),))
    assert [o.tags["name"] for o in by_value] == ["Finanzamt Hoyerswerda"]


def test_a_bbox_keeps_only_what_lies_inside_it():
    # the Rotes Rathaus's block only: south of Alexanderplatz, west of the Stadthaus
    box = parse_bbox("52.5175,13.4070,52.5195,13.4100")
    assert [o.ref for o in read_objects(str(BERLIN), bbox=box)] == ["r4211905"]


@pytest.mark.parametrize("ending", ["osm", "osm.gz", "osm.bz2"])
def test_xml_and_compressed_files_give_the_same_objects(tmp_path, ending):
    path = tmp_path / f"berlin.{ending}"
    with osmium.SimpleWriter(str(path)) as writer:
        for obj in osmium.FileProcessor(str(BERLIN)):
            writer.add(obj)
    assert read_objects(str(path)) == read_objects(str(BERLIN))


def test_standard_input_bytes_give_the_same_objects():
    assert read_objects(BERLIN.read_bytes()) == read_objects(str(BERLIN))


def test_a_file_is_told_by_its_content_not_its_name(tmp_path):
    misnamed = tmp_path / "offices.json"
    misnamed.write_bytes(HOYERSWERDA.read_bytes())
    assert read_objects(str(misnamed)) == read_objects(str(HOYERSWERDA))


def overpass_reply(path: Path) -> dict[str, object]:
    """What Overpass answers to `[out:json]; (...); out meta center;` for the offices of
    PATH, built from the file with pyosmium: nodes with lat/lon, the rest with a centre."""
    from erreichbar.importer.objects import centre

    locations = {o.id: (o.location.lat, o.location.lon)
                 for o in osmium.FileProcessor(str(path), osmium.osm.NODE)}
    ways = {o.id: [n.ref for n in o.nodes] for o in osmium.FileProcessor(str(path), osmium.osm.WAY)}
    wanted = offices_by_hand(path)
    elements: list[dict[str, object]] = []
    for o in osmium.FileProcessor(str(path)):
        if f"{o.type_str()}{o.id}" not in wanted:
            continue
        item: dict[str, object] = {
            "type": {"n": "node", "w": "way", "r": "relation"}[o.type_str()], "id": o.id,
            "version": o.version, "timestamp": o.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tags": {t.k: t.v for t in o.tags}}
        if o.type_str() == "n":
            item |= {"lat": o.location.lat, "lon": o.location.lon}
        else:
            refs = ([n.ref for n in o.nodes] if o.type_str() == "w" else
                    [n for m in o.members if m.type == "w" for n in ways.get(m.ref, ())])
            lat, lon = centre(locations[n] for n in refs if n in locations)
            item["center"] = {"lat": lat, "lon": lon}
        elements.append(item)
    return {"version": 0.6, "generator": "Overpass API", "elements": elements}


def test_an_overpass_reply_in_json_gives_the_same_offices():
    reply = json.dumps(overpass_reply(BERLIN)).encode()
    from_reply = {o.ref: o for o in read_objects(reply, name="reply.json")}
    from_file = {o.ref: o for o in read_objects(str(BERLIN))}
    assert from_reply == from_file


def test_an_overpass_reply_in_xml_is_read_as_an_osm_file(tmp_path):
    path = tmp_path / "reply.osm"
    with osmium.SimpleWriter(str(path)) as writer:
        for obj in osmium.FileProcessor(str(HOYERSWERDA)):
            writer.add(obj)
    text = path.read_text("utf-8")
    path.write_text(re.sub(r'generator="[^"]*"', 'generator="Overpass API 0.7.62"', text,
                           count=1), "utf-8")
    assert 'generator="Overpass API' in path.read_text("utf-8")
    assert read_objects(str(path)) == read_objects(str(HOYERSWERDA))


def error_of(source: str | bytes) -> str:
    with pytest.raises(InputError) as caught:
        read_objects(source, tags=DEFAULT_TAGS)
    assert caught.value.exit_code == Exit.DATA
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_truncated_pbf_is_one_clear_error(tmp_path):
    cut = tmp_path / "cut.osm.pbf"
    cut.write_bytes(BERLIN.read_bytes()[:200_000])
    assert "truncated" in error_of(str(cut))


def test_a_damaged_pbf_is_one_clear_error(tmp_path):
    data = bytearray(BERLIN.read_bytes())
    data[300:2300] = b"\xff" * 2000
    damaged = tmp_path / "damaged.osm.pbf"
    damaged.write_bytes(bytes(data))
    assert "cannot be read as OpenStreetMap data" in error_of(str(damaged))


def test_an_empty_file_is_one_clear_error(tmp_path):
    empty = tmp_path / "empty.osm.pbf"
    empty.write_bytes(b"")
    assert "is empty" in error_of(str(empty))
    assert "is empty" in error_of(b"  \n")


def test_an_html_error_page_is_named_as_such():
    page = b"<!DOCTYPE html>\n<html><head><title>504 Gateway Timeout</title></head></html>"
    assert "HTML" in error_of(page)


@pytest.mark.parametrize("reply", [
    b'{"version": 0.6, "elements": [], "remark": "runtime error: Query timed out in '
    b'\\"query\\" at line 3 after 25 seconds."}',
    b'<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="Overpass API">'
    b'\n<remark> runtime error: Query timed out in "query" at line 3 after 25 seconds. '
    b'</remark>\n</osm>',
])
def test_an_overpass_error_reply_is_refused_with_its_remark(reply):
    assert "runtime error: Query timed out" in error_of(reply)


@pytest.mark.parametrize("data", [
    b"PK\x03\x04 a zip", b'{"elements": 3}', b"{not json",
    # an element without a numeric id, and JSON nested past what a reader follows
    b'{"elements": [{"type": "node", "lat": 50.1, "lon": 8.7, "tags": {"amenity": "x"}}]}',
    b'{"elements": [{"type": "node", "id": "abc", "tags": {"amenity": "x"}}]}',
    b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
])
def test_other_data_is_refused(data):
    error_of(data)


def test_odd_geometry_is_passed_over_and_an_object_given_twice_is_read_once():
    reply = (b'{"elements": ['
             b'{"type": "node", "id": 1, "version": 2, "lat": 50.1, "lon": 8.7,'
             b' "tags": {"amenity": "townhall", "name": "A"}},'
             b'{"type": "node", "id": 1, "version": 3, "lat": 50.1, "lon": 8.7,'
             b' "tags": {"amenity": "townhall", "name": "B"}},'
             b'{"type": "way", "id": 2, "geometry": 5, "nodes": [[1]],'
             b' "tags": {"amenity": "townhall"}}]}')
    found = read_objects(reply)
    assert [(o.ref, o.version) for o in found] == [("n1", 3), ("w2", None)]
    assert found[0].tags["name"] == "B" and found[1].lat is None


def test_a_pipe_is_read_whole(tmp_path):
    """`import osm <(cat file.pbf)` or /dev/stdin: a pipe can be read once only."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(HOYERSWERDA.read_bytes()))
    writer.start()
    try:
        assert read_objects(str(fifo)) == read_objects(str(HOYERSWERDA))
    finally:
        writer.join()


def test_a_file_without_state_boundaries_names_none():
    assert list(boundary_regions(str(HOYERSWERDA))) == []


def test_objects_compare_by_value():
    a = OsmObject("node", 1, {"amenity": "townhall"})
    assert a == OsmObject("node", 1, {"amenity": "townhall"}) and a.ref == "n1"


def test_a_state_boundary_in_the_file_names_its_region(tmp_path):
    """A generated file: Thuringia's boundary relation (admin_level 4, ISO3166-2 DE-TH) and
    a district's (admin_level 6, no state), and a town hall without an address."""
    path = tmp_path / "thueringen.osm.pbf"
    with osmium.SimpleWriter(str(path)) as writer:
        writer.add_node(osmium.osm.mutable.Node(
            id=1, version=1, timestamp="2024-01-01T00:00:00Z", location=(11.03, 50.98),
            tags={"amenity": "townhall", "name": "Rathaus"}))
        writer.add_relation(osmium.osm.mutable.Relation(
            id=62366, version=1, timestamp="2024-01-01T00:00:00Z", members=[],
            tags={"type": "boundary", "boundary": "administrative", "admin_level": "4",
                  "ISO3166-2": "DE-TH", "name": "Thüringen"}))
        writer.add_relation(osmium.osm.mutable.Relation(
            id=5, version=1, timestamp="2024-01-01T00:00:00Z", members=[],
            tags={"type": "boundary", "admin_level": "6", "ISO3166-2": "DE-XX"}))
    assert list(boundary_regions(str(path))) == ["DE-TH"]
    from helpers import cli

    out = tmp_path / "out.yaml"
    run = cli("import", "osm", str(path), "-o", str(out))
    assert run.code == 0, run.err
    assert 'region: "DE-TH"' in out.read_text("utf-8")
