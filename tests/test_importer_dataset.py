"""importer/dataset.py: the YAML text of an import, read back by a YAML reader and by the
tool's own loader."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import yaml

from erreichbar.errors import InputError
from erreichbar.importer.dataset import build
from erreichbar.importer.objects import OsmObject


def obj(oid: int, name: str, edited: str = "2023-05-01", **tags: str) -> OsmObject:
    return OsmObject("node", oid, {"amenity": "townhall", "name": name, **tags}, 1,
                     datetime.fromisoformat(edited + "T10:00:00").replace(tzinfo=UTC),
                     50.1, 8.7)


def test_the_file_starts_with_the_credit_and_names_what_it_was_read_from():
    text = build([obj(1, "Rathaus")], region="DE-HE", source_name="hessen.osm.pbf")
    first, second = text.splitlines()[:2]
    assert first.startswith("#") and "hessen.osm.pbf" in first
    assert "© OpenStreetMap contributors, ODbL 1.0" in second


def test_the_head_says_region_zone_and_the_newest_date():
    text = build([obj(1, "A", "2021-01-02"), obj(2, "B", "2023-07-08", check_date="2024-02-03")],
                 region="DE-SN", source_name="x")
    data = yaml.safe_load(text)
    assert data["region"] == "DE-SN" and data["timezone"] == "Europe/Berlin"
    assert data["as_of"] == "2024-02-03"


def test_every_value_is_quoted_so_any_yaml_reader_reads_the_same():
    text = build([obj(1, "Amt 07:30", opening_hours="Mo-Fr 08:00-12:00", phone="0691")],
                 region="DE-HE", source_name="x")
    # the base loader reads every scalar as text; the safe loader would read 07:30 as a
    # number of minutes if it were unquoted (YAML 1.1)
    assert yaml.load(text, Loader=yaml.BaseLoader) == yaml.safe_load(text)  # noqa: S506 - BaseLoader builds only text, lists and mappings


def test_offices_sharing_a_name_get_no_alias_that_would_find_both():
    text = build([obj(1, "Rathaus"), obj(2, "Rathaus"), obj(3, "Stadthaus")], region="DE-HE",
                 source_name="x")
    offices = {o["id"]: o for o in yaml.safe_load(text)["offices"]}
    assert "aliases" not in offices["osm-n1"] and "aliases" not in offices["osm-n2"]
    assert offices["osm-n3"]["aliases"] == ["stadthaus"]


def test_warnings_go_to_the_function_given():
    heard: list[str] = []
    build([obj(1, "Bar", opening_hours="Mo 10:00+")], region="DE-HE", source_name="x",
          warn=heard.append)
    assert len(heard) == 1 and "https://www.openstreetmap.org/node/1" in heard[0]


def test_no_objects_is_an_error_not_an_empty_file():
    with pytest.raises(InputError):
        build([], region="DE-HE", source_name="x")


def test_control_characters_in_tags_are_written_as_escapes_that_read_back():
    name = "Amt\u202e evil\x1b[31m"
    text = build([obj(1, name, description="Eingang \u2066links\u2069: Hof")],
                 region="DE-HE", source_name="x")
    assert "\u202e" not in text and "\x1b" not in text and "\u2066" not in text
    data = yaml.safe_load(text)
    assert data["offices"][0]["name"] == name
    assert "Eingang \u2066links\u2069: Hof" in data["offices"][0]["notes"]
