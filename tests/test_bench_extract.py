"""The bench's state-sized extract (bench/osm_extract.py), written small: it holds the
offices asked for, the same ones at every size, among objects that share their keys."""

from __future__ import annotations

import sys

import osmium

from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from osm_extract import write


def offices_and_key_sharers(path):
    offices, sharers = {}, 0
    for obj in osmium.FileProcessor(str(path)).with_filter(
            osmium.filter.KeyFilter("amenity", "office", "government")):
        tags = dict(obj.tags)
        if (tags.get("amenity") in ("townhall", "courthouse")
                or tags.get("office") == "government" or "government" in tags):
            offices[(obj.type_str(), tags["name"])] = tags
        else:
            sharers += 1
    return offices, sharers


def test_two_sizes_hold_the_same_offices_among_more_objects(tmp_path):
    small, big = tmp_path / "small.osm.pbf", tmp_path / "big.osm.pbf"
    write(small, 8_000, 40)
    write(big, 32_000, 40)
    ours, theirs = offices_and_key_sharers(small), offices_and_key_sharers(big)
    assert len(ours[0]) == 40
    assert ours[0] == theirs[0]
    assert {kind for kind, _ in ours[0]} == {"n", "w", "r"}
    assert theirs[1] > ours[1] > 0  # amenity=parking, office=company, ... grow with the file
    counts = {"n": 0, "w": 0, "r": 0}
    for obj in osmium.FileProcessor(str(big)):
        counts[obj.type_str()] += 1
    assert counts["n"] == 32_000 and counts["w"] == 32_000 // 8
