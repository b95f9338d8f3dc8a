"""importer/selection.py: `--tag` and `--bbox` as the user writes them."""

from __future__ import annotations

import pytest

from erreichbar.errors import Exit, UsageError
from erreichbar.importer.selection import DEFAULT_TAGS, BBox, matches, parse_bbox, parse_tags


def test_no_tag_means_the_offices_of_the_issue():
    assert parse_tags(None) == parse_tags([]) == DEFAULT_TAGS
    assert ("government", None) in DEFAULT_TAGS and ("amenity", "townhall") in DEFAULT_TAGS


def test_tags_replace_the_default_and_star_means_any_value():
    assert parse_tags(["amenity=library", "office=*"]) == (("amenity", "library"),
                                                            ("office", None))


@pytest.mark.parametrize("bad", ["amenity", "=townhall", "amenity=", ""])
def test_a_tag_without_key_or_value_is_a_usage_error(bad):
    with pytest.raises(UsageError) as caught:
        parse_tags([bad])
    assert caught.value.exit_code == Exit.USAGE and "KEY=VALUE" in str(caught.value)


def test_matches_needs_the_value_where_one_is_given():
    selection = parse_tags(["amenity=townhall", "government=*"])
    assert matches({"amenity": "townhall"}, selection)
    assert matches({"government": "tax"}, selection)
    assert not matches({"amenity": "library"}, selection)


def test_a_bbox_is_south_west_north_east():
    box = parse_bbox(" 52.51, 13.40 ,52.53,13.42")
    assert box == BBox(52.51, 13.40, 52.53, 13.42)
    assert box.holds(52.52, 13.41) and not box.holds(52.50, 13.41)


@pytest.mark.parametrize(("bad", "says"), [
    ("52.5,13.4,52.6", "four numbers"),
    ("a,b,c,d", "four numbers"),
    ("52.5,13.4,52.6,nan", "four numbers"),
    ("52.6,13.4,52.5,13.5", "south below north"),  # north and south swapped
    ("52.5,13.5,52.6,13.4", "west left of east"),
    ("91,13.4,92,13.5", "between -90 and 90"),
    ("52.5,-181,52.6,13.4", "between -180 and 180"),
])
def test_a_wrong_bbox_says_what_is_wrong(bad, says):
    with pytest.raises(UsageError) as caught:
        parse_bbox(bad)
    assert says in str(caught.value) and repr(bad) in str(caught.value)
