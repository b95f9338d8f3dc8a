"""The engine against opening_hours.js's own regression suite (test/test.js of
github.com/opening-hours/opening_hours.js): every value in scope for offices, over the test
range the suite gives it, interval by interval (state only; comments are not compared).

The expected intervals are the suite's, as written in test.js: they are the independent
truth. tests/data/opening_hours_js/README.md says which values are in scope and why, where
they come from, under what licence, and how to make the fixture again.
"""

from __future__ import annotations

import math

import pytest

from erreichbar.errors import HoursError
from erreichbar.hours import reader as hours
from opening_hours_js import (
    SUITE,
    compare,
    corrected,
    describe,
    load,
    outcomes,
    report,
    suite_cases,
)

FIXTURE = load(SUITE)
CASES = suite_cases(FIXTURE)
# The measure was 258 of 271 in-scope values; the same share of the values in scope
# in the fixture's commit of test.js.
AGREEING_SHARE = 258 / 271


# Values opening_hours.js refuses (test.js's "Incorrect syntax" list) that the grammar of the
# specification allows, and that this tool therefore reads, each with what it means here.
ACCEPTED_ON_PURPOSE = {
    "week 30-40/1": "a step of one week: every week of the range",
    "week 30-40/27": "a step no shorter than the range: its first week (docs/data-format.md)",
    "PH + 2 day": "two days after a holiday; opening_hours.js allows one day at most",
    "Mo[2] - 7 days": "a week before the 2nd Monday; opening_hours.js allows six days at most",
    "2012, Jan": "an additional rule after a rule of dates alone, as the grammar allows",
    "2014, Aug Mo": "the same",
    "week 05, Aug Mo": "the same",
    "Jun 02-5, week 05 00:00-24:00": "the same",
    "2014-2014": "a range of one year",
    "Jun 30-24": "read as Jun 30-Jun 24, a range over the end of the year",
    "easter - 2 days - 2012 easter + 2 days": "a range of moveable dates, one with a year",
    "2012 easter - 2 days - easter + 2 days": "the same",
}


def on_purpose(value: str) -> bool:
    first_rule = value.split(";")[0]
    return any(first_rule == key or first_rule.startswith(key + ":")
               for key in ACCEPTED_ON_PURPOSE)


@pytest.fixture(scope="module")
def results():
    return outcomes(CASES)


def test_the_fixture_holds_the_suite_in_scope():
    assert len(CASES) >= 271
    for case in CASES:  # every expected interval lies in its test's range
        assert all(case["from_utc"] <= start < end <= case["to_utc"]
                   for *_, start, end in case["expected"]), case["value"]


def test_values_agree_with_the_suite_on_every_interval(results):
    agreeing = sum(outcome.agrees for outcome in results)
    wanted = math.ceil(AGREEING_SHARE * len(results))
    assert agreeing >= wanted, (
        f"{agreeing} of {len(results)} values agree with opening_hours.js's suite, "
        f"{wanted} must:\n{report(results)}")


def test_every_fallback_case_agrees(results):
    fallback = [outcome for outcome in results if "||" in outcome.case["value"]]
    assert fallback
    wrong = [describe(outcome) for outcome in fallback if not outcome.agrees]
    assert not wrong, f"{len(wrong)} of {len(fallback)} fallback values differ:\n" + \
        "\n".join(wrong)


def test_no_value_opening_hours_js_corrects_is_refused(results):
    refused = [describe(outcome) for outcome in results
               if outcome.refused is not None and corrected(outcome.case)]
    assert not refused, f"{len(refused)} values opening_hours.js corrects are refused:\n" + \
        "\n".join(refused)


def test_every_refused_suite_value_says_why(results):
    for outcome in results:
        if outcome.refused is not None:
            assert outcome.refused.strip(), outcome.case["value"]


@pytest.mark.parametrize("case", FIXTURE["refused"], ids=lambda case: case["value"][:40])
def test_values_the_suite_expects_to_fail_are_refused_with_a_reason(case):
    assert not case["opening_hours_js"]["accepted"]
    if on_purpose(case["value"]):
        hours.parse(case["value"])  # read, as the specification's grammar allows
        return
    with pytest.raises(HoursError) as refused:
        hours.parse(case["value"])
    assert str(refused.value).strip()


def test_a_disagreement_names_the_first_interval_that_differs():
    case = dict(CASES[0], value="10:00-11:00")
    outcome = compare(case)
    assert not outcome.agrees
    assert outcome.first_difference is not None and "10:00" in outcome.first_difference
