"""The days of schedules with rules by date: the shortcut through the regular days says
what painting every date would, the store keeps them whole, and the batch over a dataset
answers as the engine does schedule by schedule."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from erreichbar.data.model import ALWAYS
from erreichbar.hours import batch, engine
from erreichbar.hours.dated_days import unpack
from erreichbar.hours.reader import parse
from erreichbar.hours.rules import interned, paint_day
from test_hours_dates import BERLIN, CAL, QUOTED

DATED = [text for text, _ in QUOTED if parse(text).dated is not None] + [
    "Mo-Fr 22:00-02:00; Dec 24-26 off", "Sa[1] 22:00-26:00 || Mo-Fr 09:00-12:00",
]


def _painted(schedule, day: date):
    """The day painted from the rules that apply, with no shortcut."""
    dated = schedule.dated
    if dated.implicit_ph_off and CAL.holiday(day) is not None:
        return ()
    yesterday = dated.applying(CAL, day - timedelta(days=1)) if dated.night else ()
    return interned(paint_day(dated.rules, set(dated.applying(CAL, day)), set(yesterday)))


@pytest.mark.parametrize("text", DATED)
def test_the_regular_days_stand_in_only_where_they_are_the_painted_ones(text):
    schedule = parse(text)
    day = date(2025, 11, 1)
    for _ in range(500):
        assert schedule.dated.day(CAL, day) == _painted(schedule, day), (text, day)
        day += timedelta(days=1)


@pytest.mark.parametrize("text", DATED)
def test_the_store_keeps_the_rules_whole(text):
    schedule = parse(text)
    again = unpack(text, schedule.dated.pack(), schedule.dated.regular)
    assert again == schedule
    day = date(2025, 12, 1)
    for _ in range(60):
        assert again.dated.day(CAL, day) == schedule.dated.day(CAL, day)
        day += timedelta(days=1)


def test_the_batch_answers_as_the_engine_schedule_by_schedule():
    schedules = [parse(text) for text in DATED] + [parse("Mo-Fr 08:00-16:00")]
    pairs = [(s, ALWAYS) for s in schedules]
    wall = datetime(2025, 12, 19, 6, 0)
    while wall < datetime(2026, 1, 8):
        instant = wall.replace(tzinfo=BERLIN)
        assert batch.statuses(pairs, CAL, instant) == [
            engine.status(s, CAL, instant) for s in schedules], wall
        wall += timedelta(hours=5, minutes=30)
