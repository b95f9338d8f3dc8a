"""`--at WHEN`: the forms a person types, read as the calendar says.

Expected instants are written out from the calendar: 6 March 2024 is a Wednesday in winter
time (+01:00), 1 October 2024 a Tuesday in summer time (+02:00).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, time, timedelta, timezone
from typing import Any

import pytest

from erreichbar.calendar.when import parse_when
from erreichbar.errors import UsageError
from helpers import BERLIN, WED, assert_state, cli, json_out, one_line_error

NOW = datetime(2024, 3, 4, 8, 0, tzinfo=BERLIN)  # Monday 4 March 2024, 08:00
WED_1030 = datetime(2024, 3, 6, 9, 30, tzinfo=UTC)  # 10:30 in Offenbach


def when(text: str) -> datetime:
    return parse_when(text, NOW, BERLIN)


@pytest.mark.parametrize("text", [
    "2024-03-06T10:30", "2024-03-06 10:30", "6.3.2024 10:30", "Mi 10:30", "Mittwoch 10:30",
    "wednesday 10:30",
    # month names, German and English, with and without the year
    "6. März 2024 10:30", "6. März 10:30", "6. Mrz. 2024 10:30", "6. Maerz 2024, 10:30 Uhr",
    "March 6 10:30", "March 6, 2024 10:30", "6 March 2024 10:30", "6 mar 2024 10:30am",
    "Mittwoch, den 6. März 2024, 10:30 Uhr", "Wednesday, March 6, 2024 10:30",
    "6. März 2024 10:30 +01:00", "6. März 2024 09:30 +00:00",
])
def test_the_same_instant_written_many_ways(text):
    assert when(text) == WED_1030


@pytest.mark.parametrize("text,expected", [
    # summer time: 1 October is +02:00
    ("1. Oktober 2024 9:00", datetime(2024, 10, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))),
    ("October 1 9:00", datetime(2024, 10, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))),
    # no time: midnight; no year: the year of NOW
    ("24. Dezember", datetime(2024, 12, 24, 0, 0, tzinfo=timezone(timedelta(hours=1)))),
    ("Dec 24", datetime(2024, 12, 24, 0, 0, tzinfo=timezone(timedelta(hours=1)))),
    ("1. Jan 2025 8 Uhr", datetime(2025, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=1)))),
    # without a year, the next such day: 29 February 2024 has passed on 6 March 2024, and
    # 2025, 2026 and 2027 are no leap years
    ("29. Februar 10:00", datetime(2028, 2, 29, 10, 0, tzinfo=timezone(timedelta(hours=1)))),
])
def test_month_names_give_the_calendar_date(text, expected):
    got = when(text)
    assert got == expected
    assert got.utcoffset() == expected.utcoffset(), "local time carries the day's own offset"


@pytest.mark.parametrize("text,reason", [
    ("März", "not a time I understand"),  # no day of the month
    ("März 2024", "not a time I understand"),
    ("6. März 24 10:30", "not a time I understand"),  # a year is written in full
    ("6. März 0001 10:30", "not a time I understand"),  # dateutil would read 2001
    ("6. März 2024 10:30 MEZ", "not a time I understand"),  # a zone by name is refused
    ("Do 6. März 2024 10:30", "06.03.2024 is a Wednesday"),
    ("31. Februar 2024", "day is out of range for month"),
    ("6. März 2024 25:00", "hour must be in 0..23"),
    ("6. März 1850", "between the years"),
    ("Märzenbecher 6", "not a time I understand"),
])
def test_what_is_refused_and_why(text, reason):
    with pytest.raises(UsageError) as err:
        when(text)
    assert reason in str(err.value)
    assert repr(text) in str(err.value), "the message quotes what was typed"


def test_refusals_are_in_german_too():
    from erreichbar import i18n

    i18n.set_language("de")
    with pytest.raises(UsageError) as err:
        when("Do 6. März 2024 10:30")
    assert "Der 06.03.2024 ist ein Mittwoch" in str(err.value)


def test_dateutil_is_imported_only_for_a_month_name():
    """The other forms, and every run without such a WHEN, never import dateutil."""
    code = """
import sys
from datetime import datetime
from zoneinfo import ZoneInfo
from erreichbar.calendar.when import parse_when
tz = ZoneInfo("Europe/Berlin")
now = datetime(2024, 3, 4, 8, tzinfo=tz)
for text in ("2024-03-06 10:30", "6.3.2024 10:30", "Mi 10:30", "morgen 9:00", "10:30", "now",
             "24.12. 10:00", "14 Uhr", "15.30 Uhr", "Fri 2pm", "übermorgen 9 a.m.", "12am"):
    parse_when(text, now, tz)
print("dateutil" in sys.modules)
parse_when("6. März 10:30", now, tz)
print("dateutil" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout.split()
    assert out == ["False", "True"]


# --- through the command line --------------------------------------------------------------


WED_FORMS = [
    "2024-03-06T10:30",
    "2024-03-06 10:30",
    "6.3.2024 10:30",
    "06.03.2024 10:30",
    "2024-03-06T10:30:00",
    "2024-03-06T10:30+01:00",
    "2024-03-06 10:30 +01:00",
    "6.3.2024 10:30 +01:00",
    "2024-03-06T09:30Z",
    "2024-03-06T09:30:00Z",
    "2024-03-06T04:30-05:00",
]


@pytest.mark.parametrize("when", WED_FORMS)
def test_when_forms_for_wednesday_half_past_ten(when: str) -> None:
    assert json_out("now", "--all", "--at", when) == json_out("now", "--all", "--at", WED)
    assert_state("mainarbeit/leistungssachbearbeitung", "phone", when, "open",
                 until="2024-03-06T11:00:00+01:00")


def test_when_an_offset_is_honoured() -> None:
    # 10:30 UTC is 11:30 in Offenbach: the Leistungssachbearbeitung has hung up
    assert_state("mainarbeit/leistungssachbearbeitung", "phone", "2024-03-06T10:30Z",
                 "closed", next_open="2024-03-07T10:00:00+01:00")
    assert_state("mainarbeit/leistungssachbearbeitung", "phone", "2024-03-06T10:30+00:00",
                 "closed")
    # Friday 23:30 in New York is Saturday 05:30 in Offenbach
    assert_state("mainarbeit/leistungssachbearbeitung", "phone", "2024-03-08T23:30-05:00",
                 "closed", next_open="2024-03-11T10:00:00+01:00")
    # Thursday 23:30 UTC is Karfreitag 00:30 in Offenbach
    assert_state("sozialamt", "phone", "2024-03-28T23:30Z", "closed", holiday="Karfreitag")


def test_when_without_offset_in_summer_is_summer_time() -> None:
    assert_state("sozialamt", "phone", "5.6.2024 14:59", "open",
                 until="2024-06-05T15:00:00+02:00")
    assert_state("sozialamt", "phone", "2024-06-05T13:00Z", "closed")  # 15:00 in Offenbach


def _berlin_now() -> datetime:
    return datetime.now(tz=BERLIN)


def _tomorrow_at(hour: int, minute: int) -> str:
    day = _berlin_now().date() + timedelta(days=1)
    return datetime.combine(day, time(hour, minute)).strftime("%Y-%m-%dT%H:%M")


def _next_weekday_at(weekday: int, hour: int, minute: int) -> str:
    now = _berlin_now()
    ahead = (weekday - now.weekday()) % 7
    when = datetime.combine(now.date() + timedelta(days=ahead), time(hour, minute), BERLIN)
    if when < now:
        when = datetime.combine(now.date() + timedelta(days=ahead + 7), time(hour, minute),
                                BERLIN)
    return when.strftime("%Y-%m-%dT%H:%M")


def _same_as_computed(when: str, compute: Any) -> None:
    """`--at WHEN` answers like the explicit time computed here from today's date
    (computed before and after, in case the date turns meanwhile)."""
    for _ in range(3):
        before = compute()
        got = json_out("now", "--all", "--at", when)
        if compute() == before:
            assert got == json_out("now", "--all", "--at", before), (when, before)
            return
    pytest.fail("the date kept changing")


@pytest.mark.parametrize("when", ["morgen 9:00", "tomorrow 9:00", "morgen 09:00", "Morgen 9"])
def test_when_tomorrow(when: str) -> None:
    _same_as_computed(when, lambda: _tomorrow_at(9, 0))


@pytest.mark.parametrize("when", ["Mo 10:00", "Montag 10:00", "monday 10:00", "MO 10:00"])
def test_when_next_monday(when: str) -> None:
    _same_as_computed(when, lambda: _next_weekday_at(0, 10, 0))


def test_when_next_weekday_lies_ahead_within_a_week() -> None:
    for word, weekday in (("Fr", 4), ("Freitag", 4), ("Sa", 5), ("So", 6), ("Mi", 2)):
        _same_as_computed(f"{word} 14:30", lambda wd=weekday: _next_weekday_at(wd, 14, 30))


@pytest.mark.parametrize("when", ["foo", "", "32.13.2024 10:00", "2024-02-30 10:00", "25:00",
                                  "2024-03-06T10:30+99:00", "Blauer Montag", "10:30 morgen"])
def test_bad_when_exits_2_and_lists_the_accepted_forms(when: str) -> None:
    line = one_line_error(cli("now", "--at", when), 2)
    for form in ("2024-03-06T10:30", "6.3.2024 10:30", "morgen", "Mo 10:00"):
        assert form in line, line


@pytest.mark.parametrize("when", ["9999-12-31 10:00", "0001-01-01 10:00"])
@pytest.mark.parametrize("command", [("now",), ("check", "sozialamt")])
def test_when_at_the_ends_of_the_calendar_is_a_usage_error(when: str,
                                                           command: tuple[str, ...]) -> None:
    """Dates the tool cannot compute windows around are WHEN not understood: exit 2."""
    run = cli(*command, "--at", when)
    one_line_error(run, 2)


def test_when_in_the_skipped_spring_hour_is_no_crash() -> None:
    run = cli("now", "--at", "2024-03-31 02:30")
    assert run.code in (0, 2)
    if run.code == 2:
        one_line_error(run, 2)


@pytest.mark.parametrize("text", ["0001-01-01", "0001-01-01T00:00", "9999-12-31T23:59",
                                  "1.1.0001 00:00"])
def test_the_ends_of_pythons_calendar_are_refused_not_crashed_on(text):
    with pytest.raises(UsageError) as err:
        when(text)
    assert "between the years 1900 and 2999" in str(err.value)
