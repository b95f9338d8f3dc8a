"""The engine against opening_hours.js on random values (fallback rules among them) at fixed
instants: states made once by opening_hours.js and committed
(tests/data/opening_hours_js/random.json; the README there gives the command). State only,
comments are not compared; values are evaluated in Hessen (opening_hours.js's `de_he`)."""

from __future__ import annotations

from opening_hours_js import DATA, compare_states, load, state_report

FIXTURE = load(DATA / "opening_hours_js" / "random.json")


def test_the_sample_is_random_values_with_fallbacks_at_fixed_instants():
    values = [result["value"] for result in FIXTURE["results"]]
    assert len(values) >= 250 and len(set(values)) == len(values)
    assert sum("||" in value for value in values) >= 50
    assert all(len(r["states"]) == len(FIXTURE["instants"]) for r in FIXTURE["results"])


def test_random_values_have_opening_hours_js_states():
    results = compare_states(FIXTURE)
    wrong = [outcome for outcome in results if not outcome.agrees]
    assert not wrong, (f"{len(wrong)} of {len(results)} values differ from opening_hours.js:\n"
                       + state_report(FIXTURE, results))
