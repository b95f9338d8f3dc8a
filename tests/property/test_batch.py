"""The batch functions give, for many schedules at once, what status() gives for each."""

from __future__ import annotations

from datetime import date

from hours_gen import instants, schedules
from hypothesis import given, settings
from hypothesis import strategies as st

from erreichbar import batch, engine
from erreichbar.calendar import Calendar
from erreichbar.hours import parse
from erreichbar.model import ALWAYS, Validity

CAL = Calendar("Europe/Berlin", "DE-HE")


@settings(max_examples=150, deadline=None)
@given(specs=st.lists(schedules(), min_size=1, max_size=6), instant=instants())
def test_batch_answers_match_status(specs, instant):
    scheds = [parse(s.text) for s in specs]
    states = batch.states_at(scheds, CAL, instant)
    changes = batch.next_changes(scheds, CAL, instant)
    for sched, state, change in zip(scheds, states, changes, strict=True):
        st_ = engine.status(sched, CAL, instant)
        assert state is st_.state, sched.text
        if st_.until is not None:
            assert change == st_.until, sched.text


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
