"""importer/region.py: whose holidays, from --region or the tags. The expected regions are
where the places are: Berlin, Hamburg and Bremen are city states; Hoyerswerda (02977) and
Chemnitz (09111) lie in Saxony; postcode area 01 reaches into Brandenburg (Senftenberg,
01968), so it tells nothing."""

from __future__ import annotations

import pytest

from erreichbar.errors import Exit, UsageError
from erreichbar.importer.region import region_of, region_of_tags, timezone_of


@pytest.mark.parametrize(("tags", "region"), [
    ({"addr:state": "Sachsen"}, "DE-SN"),
    ({"addr:state": "DE-HE"}, "DE-HE"),
    ({"addr:city": "Hamburg"}, "DE-HH"),
    ({"addr:city": "Bremen", "addr:postcode": "28195"}, "DE-HB"),
    ({"addr:postcode": "02977"}, "DE-SN"),  # Hoyerswerda
    ({"addr:postcode": "09111"}, "DE-SN"),  # Chemnitz
    ({"addr:postcode": "10178"}, "DE-BE"),  # Berlin-Mitte
    ({"addr:postcode": "63065"}, "DE-HE"),  # Offenbach am Main
    ({"addr:postcode": "01968"}, None),  # Senftenberg, Brandenburg, in area 01
    ({"addr:city": "Offenbach am Main"}, None),
    ({"addr:city": "Berlin", "addr:country": "US"}, None),  # Berlin, New Hampshire
    ({}, None),
])
def test_the_region_of_one_office(tags, region):
    assert region_of_tags(tags) == region


def test_the_region_given_wins_and_is_written_in_capitals():
    assert region_of("de-by", [{"addr:city": "Berlin"}]) == "DE-BY"


def test_offices_without_a_region_take_the_one_the_others_tell():
    assert region_of(None, [{}, {"addr:postcode": "02977"}]) == "DE-SN"


def test_a_state_boundary_tells_it_where_the_offices_do_not():
    assert region_of(None, [{}], ["DE-TH"]) == "DE-TH"


def test_where_nothing_tells_the_region_the_error_asks_for_region():
    with pytest.raises(UsageError) as caught:
        region_of(None, [{"addr:city": "Hoyerswerda"}])
    assert caught.value.exit_code == Exit.USAGE and "--region" in str(caught.value)


def test_offices_in_two_states_ask_for_region():
    with pytest.raises(UsageError) as caught:
        region_of(None, [{"addr:city": "Berlin"}, {"addr:state": "Brandenburg"}])
    assert "DE-BB, DE-BE" in str(caught.value) and "--region" in str(caught.value)


@pytest.mark.parametrize("bad", ["DE-XX", "XX", "Hessen"])
def test_a_region_the_holidays_library_does_not_know_is_refused(bad):
    with pytest.raises(UsageError) as caught:
        region_of(bad, [])
    assert "ISO 3166-2" in str(caught.value)


def test_other_countries_with_their_zone():
    assert region_of("AT-9", []) == "AT-9"
    assert timezone_of("AT-9") == "Europe/Vienna" and timezone_of("DE-BE") == "Europe/Berlin"
