"""Differential tests for the date part of the grammar: erreichbar's engine against
opening-hours-py on values with years, months, dates, `easter`, weeks, the nth weekday of
a month, day offsets and PH with weekdays or offsets (`hours_gen.dated_schedules`), at
instants crowded around the days each value names, public holidays, New Year, Easter and
the nights the clocks change, 2023-2028.

The two are made comparable as in test_oracle.py, whose helpers this file uses: '; PH off'
for the oracle where our holidays are closed, wall-clock questions and answers, and no
instant whose comparison reaches a Hessen-only holiday. Where opening-hours-py reads a form
otherwise (README), the oracle is given the same days in a form it reads as we do:
`PH Mo-Fr` (a holiday that falls on one of those days) as those holidays by date, a range
whose step leaves one element as that element, `2025 Dec 24+` as `2025 Dec 24-2025 Dec 31`,
and a `:` after the wide selectors (`Dec: Mo[1] -1 day`). Forms that erreichbar reads
otherwise are not drawn yet (the switches in hours_gen).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import opening_hours
from hours_gen import DATED_YEARS, YEARS, dated_instants, dated_schedules, utc
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_oracle import (
    CAL,
    HORIZON,
    LOOK,
    NATIONWIDE,
    hessen_only_between,
    oracle,
    oracle_stretches,
    oracle_wall,
    wall,
)

from erreichbar import engine, hours


def _oracle_holidays(year: int) -> set:
    oh = opening_hours.OpeningHours("PH", country="DE")
    seen = set()
    for start, end, state, _ in oh.intervals(datetime(year, 1, 1), datetime(year + 1, 1, 1)):
        day = start.date()
        while str(state) == "open" and datetime.combine(day, datetime.min.time()) < end:
            seen.add(day)
            day += timedelta(days=1)
    return seen


def test_oracle_knows_the_nationwide_holidays_of_the_years_added_here():
    """The premise of the Hessen-only skip and of `PH Mo-Fr` given by date, for the years
    this file asks about beyond test_oracle.py's (and the next, which look-aheads reach)."""
    for year in [*sorted(set(DATED_YEARS) - set(YEARS)), DATED_YEARS[-1] + 1]:
        assert _oracle_holidays(year) == {d for d in NATIONWIDE if d.year == year}, year


@st.composite
def _cases(draw):
    spec = draw(dated_schedules())
    return spec, draw(dated_instants(spec.anchors))


@settings(max_examples=300, deadline=None)
@given(case=_cases())
def test_state_and_end_of_stretch_match_oracle_on_dated_values(case):
    check_state_and_end(*case)


def check_state_and_end(spec, instant):
    schedule = hours.parse(spec.text)
    oh = oracle(spec.oracle)
    local = oracle_wall(instant)
    today = local.date()
    assume(not hessen_only_between(today, today + HORIZON + timedelta(days=1)))

    ours = engine.status(schedule, CAL, instant)
    state, comment = oh.state(local)
    assert ours.state == str(state), (spec.text, spec.oracle, local)
    assert (ours.comment or "") == comment, (spec.text, spec.oracle, local)

    here = local.replace(second=0, microsecond=0)
    current = next(oracle_stretches(oh, local, HORIZON.days + 2))
    if current.end - here > HORIZON:
        assert ours.current.end is None, (spec.text, spec.oracle, local, current)
    else:
        assert ours.current.end is not None, (spec.text, spec.oracle, local, current)
        assert utc(ours.current.end) == current.end_u, (spec.text, spec.oracle, local)


@settings(max_examples=200, deadline=None)
@given(case=_cases())
def test_next_open_window_matches_oracle_on_dated_values(case):
    check_next_open(*case)


def check_next_open(spec, instant):
    """`status(...).next_open`: the first open stretch after the current one, compared
    where it starts within LOOK days."""
    schedule = hours.parse(spec.text)
    oh = oracle(spec.oracle, limited=False)  # intervals() gets an end instead
    local = oracle_wall(instant)
    limit = local + timedelta(days=LOOK - 1)
    ours = engine.status(schedule, CAL, instant).next_open

    stretches = oracle_stretches(oh, local, LOOK)
    next(stretches)  # the current stretch
    expected = next((s for s in stretches if s.key[0] == "open" and s.start <= limit), None)
    decided = [limit if expected is None else expected.end]
    if ours is not None:
        decided += [wall(t) for t in (ours.start, ours.end) if t is not None]
    assume(not hessen_only_between(local.date(), min(max(decided), limit).date()))

    if expected is None:
        assert ours is None or wall(ours.start) > limit, (spec.text, spec.oracle, local)
        return
    assert ours is not None, (spec.text, spec.oracle, local, expected)
    assert utc(ours.start) == expected.start_u, (spec.text, spec.oracle, local)
    assert (ours.comment or "") == expected.key[1], (spec.text, spec.oracle, local)
    if expected.end < limit:  # not cut off by the look-ahead
        assert ours.end is not None, (spec.text, spec.oracle, local, expected)
        assert utc(ours.end) == expected.end_u, (spec.text, spec.oracle, local)
