"""`--at WHEN`: the forms a person types, read as the calendar says.

Expected instants are written out from the calendar: 6 March 2024 is a Wednesday in winter
time (+01:00), 1 October 2024 a Tuesday in summer time (+02:00).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest

from erreichbar.errors import UsageError
from erreichbar.when import parse_when
from helpers import BERLIN

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
    # 2024 is a leap year (2025 is not)
    ("29. Februar 10:00", datetime(2024, 2, 29, 10, 0, tzinfo=timezone(timedelta(hours=1)))),
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
from erreichbar.when import parse_when
tz = ZoneInfo("Europe/Berlin")
now = datetime(2024, 3, 4, 8, tzinfo=tz)
for text in ("2024-03-06 10:30", "6.3.2024 10:30", "Mi 10:30", "morgen 9:00", "10:30", "now"):
    parse_when(text, now, tz)
print("dateutil" in sys.modules)
parse_when("6. März 10:30", now, tz)
print("dateutil" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout.split()
    assert out == ["False", "True"]
