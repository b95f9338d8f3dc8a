"""calendar.py: the dataset's zone, the public holidays of its region, and the DST helpers
that turn a wall-clock time into an instant.

Expected values are the calendar's: in Hessen in 2024 Karfreitag is 29 March, Ostermontag
1 April, Fronleichnam 30 May, the Tag der Deutschen Einheit 3 October; summer time begins at
02:00 on Sunday 31 March (the clocks jump to 03:00) and ends at 03:00 on Sunday 27 October
(the clocks go back to 02:00). The public holidays of Hessen are those of the Hessian
Feiertagsgesetz (§ 1): Neujahr, Karfreitag, Ostermontag, 1. Mai, Christi Himmelfahrt,
Pfingstmontag, Fronleichnam, 3. Oktober, and the two days of Christmas; in Berlin the 8th of
March (Internationaler Frauentag) is one, Fronleichnam is not. Names are the `holidays`
package's own spelling, so only dates are compared.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from erreichbar.calendar.civil import Calendar, is_ambiguous, is_nonexistent, localize, zone
from erreichbar.errors import DataError, UsageError
from helpers import BERLIN

HESSEN_2024 = {date(2024, 1, 1), date(2024, 3, 29), date(2024, 4, 1), date(2024, 5, 1),
               date(2024, 5, 9), date(2024, 5, 20), date(2024, 5, 30), date(2024, 10, 3),
               date(2024, 12, 25), date(2024, 12, 26)}
SPRING = date(2024, 3, 31)
AUTUMN = date(2024, 10, 27)


def test_the_calendar_facts_used_here() -> None:
    assert date(2024, 3, 6).strftime("%A") == "Wednesday"
    assert date(2024, 3, 8).strftime("%A") == "Friday"
    assert date(2024, 3, 9).strftime("%A") == "Saturday"
    assert date(2024, 3, 11).strftime("%A") == "Monday"
    assert date(2024, 3, 29).strftime("%A") == "Friday"  # Karfreitag
    assert date(2024, 4, 1).strftime("%A") == "Monday"  # Ostermontag
    assert date(2024, 5, 30).strftime("%A") == "Thursday"  # Fronleichnam
    assert date(2024, 6, 5).strftime("%A") == "Wednesday"
    assert date(2024, 10, 25).strftime("%A") == "Friday"
    assert datetime(2024, 3, 6, 10, 30, tzinfo=BERLIN).utcoffset() == timedelta(hours=1)
    assert datetime(2024, 4, 2, 9, 0, tzinfo=BERLIN).utcoffset() == timedelta(hours=2)
    assert datetime(2024, 10, 28, 8, 0, tzinfo=BERLIN).utcoffset() == timedelta(hours=1)


# --- the calendar, called directly ------------------------------------------------------------


def test_the_public_holidays_of_hessen_in_2024(cal):
    assert set(cal.holidays_in(2024)) == HESSEN_2024
    for day in HESSEN_2024:
        assert cal.holiday(day) is not None, day
    # not holidays in Hessen: Heilige Drei Könige, Reformationstag, Allerheiligen
    for day in (date(2024, 1, 6), date(2024, 10, 31), date(2024, 11, 1), date(2024, 3, 28)):
        assert cal.holiday(day) is None, day


def test_another_region_has_its_own_holidays():
    berlin = Calendar("Europe/Berlin", "DE-BE")
    assert berlin.holiday(date(2024, 3, 8)) is not None  # Internationaler Frauentag
    assert berlin.holiday(date(2024, 5, 30)) is None  # no Fronleichnam in Berlin
    assert berlin.holiday(date(2024, 3, 29)) is not None  # Karfreitag everywhere


def test_a_holiday_is_its_own_kind_of_day(cal):
    """Schedule.days: Monday 0 ... Sunday 6, and 7 + the weekday on a public holiday."""
    assert cal.slot(date(2024, 3, 28)) == 3  # Thursday before Easter
    assert cal.slot(date(2024, 3, 29)) == 4 + 7  # Karfreitag, a Friday
    assert cal.slot(date(2024, 4, 1)) == 0 + 7  # Ostermontag
    assert cal.slot(date(2024, 10, 3)) == 3 + 7  # a Thursday


def test_the_clocks_change_on_two_days_of_2024(cal):
    changes = [SPRING - timedelta(days=1) + timedelta(days=n) for n in range(3)] + \
        [AUTUMN - timedelta(days=1) + timedelta(days=n) for n in range(3)]
    assert [cal.shifts(day) for day in changes] == [False, True, False, False, True, False]
    assert sum(cal.shifts(date(2024, 1, 1) + timedelta(days=n)) for n in range(366)) == 2


@pytest.mark.parametrize(("wall", "skipped"), [
    (datetime(2024, 3, 31, 1, 59), False),
    (datetime(2024, 3, 31, 2, 0), True),
    (datetime(2024, 3, 31, 2, 30), True),
    (datetime(2024, 3, 31, 3, 0), False),
    (datetime(2024, 10, 27, 2, 30), False),
])
def test_the_hour_spring_skips(wall, skipped):
    assert is_nonexistent(wall, BERLIN) is skipped


@pytest.mark.parametrize(("wall", "twice"), [
    (datetime(2024, 10, 27, 1, 59), False),
    (datetime(2024, 10, 27, 2, 0), True),
    (datetime(2024, 10, 27, 2, 59), True),
    (datetime(2024, 10, 27, 3, 0), False),
    # the spring gap: its two readings differ in offset too, but it does not occur at all
    (datetime(2024, 3, 31, 2, 30), False),
])
def test_the_hour_autumn_repeats(wall, twice):
    assert is_ambiguous(wall, BERLIN) is twice


def test_a_wall_clock_minute_as_an_instant(cal):
    def utc(day, minutes):
        return cal.at(day, minutes).astimezone(UTC).replace(tzinfo=None)

    # winter time is UTC+1, summer time UTC+2
    assert utc(date(2024, 3, 6), 10 * 60 + 30) == datetime(2024, 3, 6, 9, 30)
    assert utc(date(2024, 6, 5), 10 * 60 + 30) == datetime(2024, 6, 5, 8, 30)
    # 01:00 UTC on 31 March is both 02:00 CET, which is skipped, and 03:00 CEST
    assert utc(SPRING, 3 * 60) == datetime(2024, 3, 31, 1, 0)
    assert utc(SPRING, 2 * 60 + 30) == datetime(2024, 3, 31, 1, 0)  # the end of the gap
    # 02:30 on 27 October happens twice: first at 00:30 UTC (CEST), the one meant
    assert utc(AUTUMN, 2 * 60 + 30) == datetime(2024, 10, 27, 0, 30)
    assert utc(AUTUMN, 4 * 60) == datetime(2024, 10, 27, 3, 0)
    # minute 1440 is the next midnight: 23:00 UTC in winter
    assert utc(date(2024, 3, 6), 24 * 60) == datetime(2024, 3, 6, 23, 0)
    # a day with 23 hours ends 23 hours after it began
    # (in UTC: Python subtracts two times of one zone by their wall clocks)
    assert utc(SPRING, 24 * 60) - utc(SPRING, 0) == timedelta(hours=23)
    assert utc(AUTUMN, 24 * 60) - utc(AUTUMN, 0) == timedelta(hours=25)


def test_local_time_at_an_instant(cal):
    assert cal.local(datetime(2024, 10, 27, 0, 30, tzinfo=UTC)).utcoffset() == timedelta(hours=2)
    assert cal.local(datetime(2024, 10, 27, 1, 30, tzinfo=UTC)).utcoffset() == timedelta(hours=1)
    with pytest.raises(ValueError):
        cal.local(datetime(2024, 3, 6, 10, 30))


def test_a_time_a_user_gives_must_exist():
    with pytest.raises(UsageError):
        localize(datetime(2024, 3, 31, 2, 30), BERLIN)
    assert localize(datetime(2024, 3, 31, 3, 0), BERLIN).utcoffset() == timedelta(hours=2)
    assert localize(datetime(2024, 10, 27, 2, 30), BERLIN).utcoffset() == timedelta(hours=2)


def test_an_unknown_zone_is_a_data_error():
    assert zone("Europe/Berlin").key == "Europe/Berlin"
    with pytest.raises(DataError):
        zone("Europe/Offenbach")
