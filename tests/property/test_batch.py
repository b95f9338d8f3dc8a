"""The batch functions give, for many schedules at once, what status() gives for each."""

from __future__ import annotations

from hours_gen import instants, schedules
from hypothesis import given, settings
from hypothesis import strategies as st

from erreichbar import engine
from erreichbar.calendar import Calendar
from erreichbar.hours import parse

CAL = Calendar("Europe/Berlin", "DE-HE")


@settings(max_examples=150, deadline=None)
@given(specs=st.lists(schedules(), min_size=1, max_size=6), instant=instants())
def test_batch_answers_match_status(specs, instant):
    scheds = [parse(s.text) for s in specs]
    states = engine.states_at(scheds, CAL, instant)
    changes = engine.next_changes(scheds, CAL, instant)
    for sched, state, change in zip(scheds, states, changes, strict=True):
        st_ = engine.status(sched, CAL, instant)
        assert state is st_.state, sched.text
        if st_.until is not None:
            assert change == st_.until, sched.text
