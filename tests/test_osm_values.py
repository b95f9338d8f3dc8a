"""The opening_hours values of two real OpenStreetMap extracts (Berlin-Mitte around
Alexanderplatz, Hoyerswerda; tests/data/osm_values/README.md): each is either evaluated or
refused with its reason, and where opening_hours.js evaluates it, the engine gives the same
states at fixed instants (opening_hours.js's states, made once, are committed beside them)."""

from __future__ import annotations

import pytest

from erreichbar.errors import HoursError
from erreichbar.hours import reader as hours
from erreichbar.hours.values import Schedule
from opening_hours_js import DATA, compare_states, load, state_report

VALUES = load(DATA / "osm_values" / "values.json")
EXTRACTS = {name: load(DATA / "osm_values" / f"osm_{name}.json")
            for name in ("berlin", "hoyerswerda")}


def test_the_extracts_hold_274_opening_hours_values():
    occurrences = [o for value in VALUES["values"] for o in value["occurrences"]]
    assert len(occurrences) == VALUES["occurrences"] == 274
    assert {o["type"] for o in occurrences} <= {"node", "way", "relation"}
    assert len(VALUES["values"]) == VALUES["distinct"]


@pytest.mark.parametrize("entry", VALUES["values"], ids=lambda entry: entry["value"][:40])
def test_each_value_is_evaluated_or_refused_with_a_reason(entry):
    try:
        schedule = hours.parse(entry["value"])
    except HoursError as exc:
        assert str(exc).strip()
    else:
        assert isinstance(schedule, Schedule)


@pytest.mark.parametrize("name", sorted(EXTRACTS))
def test_states_agree_with_opening_hours_js(name):
    fixture = EXTRACTS[name]
    results = compare_states(fixture)
    assert len(results) == len(fixture["results"])  # opening_hours.js reads them all
    wrong = [outcome for outcome in results if not outcome.agrees]
    assert not wrong, f"{len(wrong)} of {len(results)} values differ:\n" + state_report(
        fixture, results)
