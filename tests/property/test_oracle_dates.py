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
and a `:` after the wide selectors (`Dec: Mo[1] -1 day`). The comparisons themselves are
test_oracle.py's.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import opening_hours
from hours_gen import DATED_YEARS, YEARS, dated_instants, dated_schedules
from hypothesis import given, settings
from hypothesis import strategies as st
from test_oracle import NATIONWIDE, check_next_open, check_state_and_end


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
    spec = draw(dated_schedules(fallback=False))
    return spec, draw(dated_instants(spec.anchors))


@settings(max_examples=300, deadline=None)
@given(case=_cases())
def test_state_and_end_of_stretch_match_oracle_on_dated_values(case):
    spec, instant = case
    check_state_and_end(spec, instant, oracle_change=False)


@settings(max_examples=200, deadline=None)
@given(case=_cases())
def test_next_open_window_matches_oracle_on_dated_values(case):
    check_next_open(*case)
