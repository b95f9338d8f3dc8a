"""calendar.py: the dataset's zone, the public holidays of its region, and the DST helpers
that turn a wall-clock time into an instant.

Expected values are the calendar's: in Hessen in 2024 Karfreitag is 29 March, Ostermontag
1 April, Fronleichnam 30 May, the Tag der Deutschen Einheit 3 October; summer time begins at
02:00 on Sunday 31 March (the clocks jump to 03:00) and ends at 03:00 on Sunday 27 October
(the clocks go back to 02:00).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from helpers import (
    BERLIN,
)


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
