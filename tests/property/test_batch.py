"""The batch behind `now` gives, for many schedules at once, what status() gives for each."""

from __future__ import annotations

from datetime import date

from hours_gen import instants, schedules
from hypothesis import given, settings
from hypothesis import strategies as st

from erreichbar.calendar.civil import Calendar
from erreichbar.data.model import ALWAYS, Validity
from erreichbar.hours import batch, engine
from erreichbar.hours.reader import parse

CAL = Calendar("Europe/Berlin", "DE-HE")


@settings(max_examples=150, deadline=None)
@given(specs=st.lists(schedules(), min_size=1, max_size=6), instant=instants())
def test_batch_states_and_ends_match_status(specs, instant):
    # the state and its end, as `now` lists them: each schedule twice and its text parsed
    # twice (one answered from the memo, one by the walk or the near days of another)
    scheds = [parse(s.text) for s in specs]
    again = [parse(s.text) for s in specs]
    pairs = [(sched, ALWAYS) for sched in scheds + scheds + again]
    for (sched, _), got in zip(pairs, batch.statuses(pairs, CAL, instant), strict=True):
        st_ = engine.status(sched, CAL, instant)
        assert got.state is st_.state, sched.text
        assert got.until == st_.until, sched.text


@settings(max_examples=300, deadline=None)
@given(specs=st.lists(schedules(), min_size=1, max_size=6), instant=instants(),
       validity=st.sampled_from([ALWAYS, Validity(date(2024, 4, 1), None),
                                 Validity(None, date(2024, 3, 31))]))
def test_statuses_match_status(specs, instant, validity):
    # the batch behind `now --json`: equal to status(), DST nights and validity included
    scheds = [parse(s.text) for s in specs]
    pairs = [(sched, v) for sched in scheds for v in (ALWAYS, validity)]
    for (sched, v), got in zip(pairs, batch.statuses(pairs, CAL, instant), strict=True):
        assert got == engine.status(sched, CAL, instant, v), sched.text
