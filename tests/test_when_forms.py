"""`--at WHEN`: the times people type, German and English, each with the instant it means.

NOW is Wednesday 6 March 2024, 08:00 in Offenbach. The expected instants are written from
the calendar: March 2024 runs Wed 6, Thu 7, Fri 8, Sat 9, Sun 10, Mon 11, Tue 12, Wed 13;
winter time (+01:00) lasts until 31 March 02:00, when the clocks skip to 03:00, summer time
(+02:00) until 27 October 03:00, when 02:00-03:00 comes twice. 2024 is a leap year, the next
after it 2028.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from erreichbar import i18n
from erreichbar.calendar.when import parse_when
from erreichbar.errors import UsageError
from helpers import BERLIN, cli, one_line_error

NOW = datetime(2024, 3, 6, 8, 0, tzinfo=BERLIN)  # Wednesday 6 March 2024, 08:00

FORMS = [
    # --- a date without a year: the next such day, today included ---
    ("24.12.", "2024-12-24T00:00+01:00"),
    ("24.12. 10:00", "2024-12-24T10:00+01:00"),
    ("24.12 10:00", "2024-12-24T10:00+01:00"),
    ("24.12., 10:00", "2024-12-24T10:00+01:00"),
    ("24.12. 10 Uhr", "2024-12-24T10:00+01:00"),
    ("24.12 10 Uhr", "2024-12-24T10:00+01:00"),
    ("24.12. um 10 Uhr", "2024-12-24T10:00+01:00"),
    ("am 24.12. um 10 Uhr", "2024-12-24T10:00+01:00"),
    ("24.12. 10am", "2024-12-24T10:00+01:00"),
    ("24.12. 2:30 pm", "2024-12-24T14:30+01:00"),
    ("24.12. 10:00 +00:00", "2024-12-24T10:00+00:00"),
    ("6.3.", "2024-03-06T00:00+01:00"),  # today counts, though its midnight has passed
    ("06.03. 7:00", "2024-03-06T07:00+01:00"),
    ("5.3.", "2025-03-05T00:00+01:00"),  # yesterday: passed this year, so next year's
    ("5.3. 14:30", "2025-03-05T14:30+01:00"),
    ("1.1. 9 Uhr", "2025-01-01T09:00+01:00"),
    ("1.4. 9:00", "2024-04-01T09:00+02:00"),  # summer time
    ("29.2.", "2028-02-29T00:00+01:00"),  # the next 29 February
    ("27.10. 2:30", "2024-10-27T02:30+02:00"),  # the repeated hour: its first time
    # --- a time of day alone: today ---
    ("14:30", "2024-03-06T14:30+01:00"),
    ("14 Uhr", "2024-03-06T14:00+01:00"),
    ("14 uhr", "2024-03-06T14:00+01:00"),
    ("14:30 Uhr", "2024-03-06T14:30+01:00"),
    ("15.30 Uhr", "2024-03-06T15:30+01:00"),
    ("um 14 Uhr", "2024-03-06T14:00+01:00"),
    ("um 14:30", "2024-03-06T14:30+01:00"),
    ("um 14:30 Uhr", "2024-03-06T14:30+01:00"),
    ("7 Uhr", "2024-03-06T07:00+01:00"),  # today, though it has passed
    # --- the 12-hour clock ---
    ("9am", "2024-03-06T09:00+01:00"),
    ("9 am", "2024-03-06T09:00+01:00"),
    ("9 a.m.", "2024-03-06T09:00+01:00"),
    ("9 AM", "2024-03-06T09:00+01:00"),
    ("at 9am", "2024-03-06T09:00+01:00"),
    ("2pm", "2024-03-06T14:00+01:00"),
    ("at 2:30 pm", "2024-03-06T14:30+01:00"),
    ("2:30 pm", "2024-03-06T14:30+01:00"),
    ("2:30pm", "2024-03-06T14:30+01:00"),
    ("2:30 p.m.", "2024-03-06T14:30+01:00"),
    ("11pm", "2024-03-06T23:00+01:00"),
    ("12pm", "2024-03-06T12:00+01:00"),  # noon
    ("12:30 pm", "2024-03-06T12:30+01:00"),
    ("12am", "2024-03-06T00:00+01:00"),  # midnight, at the start of the day
    ("12:30am", "2024-03-06T00:30+01:00"),
    ("1am", "2024-03-06T01:00+01:00"),
    # --- today, tomorrow, the day after ---
    ("heute", "2024-03-06T00:00+01:00"),
    ("today", "2024-03-06T00:00+01:00"),
    ("heute 14:30", "2024-03-06T14:30+01:00"),
    ("heute um 14 Uhr", "2024-03-06T14:00+01:00"),
    ("today 2:30pm", "2024-03-06T14:30+01:00"),
    ("today 2pm", "2024-03-06T14:00+01:00"),
    ("today at 9 a.m.", "2024-03-06T09:00+01:00"),
    ("morgen", "2024-03-07T00:00+01:00"),
    ("morgen 9", "2024-03-07T09:00+01:00"),  # after a day, the hour alone will do
    ("morgen 9 Uhr", "2024-03-07T09:00+01:00"),
    ("Morgen, 9:00", "2024-03-07T09:00+01:00"),
    ("morgen 15.30 Uhr", "2024-03-07T15:30+01:00"),
    ("tomorrow 9am", "2024-03-07T09:00+01:00"),
    ("tomorrow at 9 a.m.", "2024-03-07T09:00+01:00"),
    ("tomorrow 14:30", "2024-03-07T14:30+01:00"),
    ("übermorgen", "2024-03-08T00:00+01:00"),
    ("übermorgen 14 Uhr", "2024-03-08T14:00+01:00"),
    ("Übermorgen 14:30", "2024-03-08T14:30+01:00"),
    ("uebermorgen 2pm", "2024-03-08T14:00+01:00"),
    ("uebermorgen", "2024-03-08T00:00+01:00"),
    # --- a weekday: the next such time, at or after now ---
    ("Fri 2pm", "2024-03-08T14:00+01:00"),
    ("Freitag 14 Uhr", "2024-03-08T14:00+01:00"),
    ("Fr 14 Uhr", "2024-03-08T14:00+01:00"),
    ("Fr 14:30", "2024-03-08T14:30+01:00"),
    ("Fr. 14:30 Uhr", "2024-03-08T14:30+01:00"),
    ("friday 9am", "2024-03-08T09:00+01:00"),
    ("am Freitag um 14 Uhr", "2024-03-08T14:00+01:00"),
    ("on friday at 2pm", "2024-03-08T14:00+01:00"),
    ("Mo 10:00", "2024-03-11T10:00+01:00"),
    ("Montag 10 Uhr", "2024-03-11T10:00+01:00"),
    ("Montag 10:00", "2024-03-11T10:00+01:00"),
    ("Mon 10 a.m.", "2024-03-11T10:00+01:00"),
    ("monday 10am", "2024-03-11T10:00+01:00"),
    ("Monday 10am", "2024-03-11T10:00+01:00"),
    ("Di 10:00", "2024-03-12T10:00+01:00"),
    ("Dienstag 15.30 Uhr", "2024-03-12T15:30+01:00"),
    ("Tue 10am", "2024-03-12T10:00+01:00"),
    ("tues 10am", "2024-03-12T10:00+01:00"),
    ("Tuesday 3pm", "2024-03-12T15:00+01:00"),
    ("Mi 9 Uhr", "2024-03-06T09:00+01:00"),  # today: still ahead
    ("Mi 7 Uhr", "2024-03-13T07:00+01:00"),  # passed today: a week on
    ("Mittwoch 8:00", "2024-03-06T08:00+01:00"),  # today: it is now
    ("Wed 7am", "2024-03-13T07:00+01:00"),  # passed today: a week on
    ("Mi", "2024-03-13T00:00+01:00"),  # today's midnight has passed
    ("wednesday 12pm", "2024-03-06T12:00+01:00"),
    ("Do 9 Uhr", "2024-03-07T09:00+01:00"),
    ("Donnerstag 9:00", "2024-03-07T09:00+01:00"),
    ("thu 9am", "2024-03-07T09:00+01:00"),
    ("Thurs 9am", "2024-03-07T09:00+01:00"),
    ("thursday 12am", "2024-03-07T00:00+01:00"),
    ("Sa 10:00", "2024-03-09T10:00+01:00"),
    ("Samstag 10 Uhr", "2024-03-09T10:00+01:00"),
    ("Sonnabend 10 Uhr", "2024-03-09T10:00+01:00"),
    ("Sat 10am", "2024-03-09T10:00+01:00"),
    ("So 11 Uhr", "2024-03-10T11:00+01:00"),
    ("Sonntag 11:00", "2024-03-10T11:00+01:00"),
    ("Sun 11am", "2024-03-10T11:00+01:00"),
    ("sunday 11 a.m.", "2024-03-10T11:00+01:00"),
    # --- now ---
    ("now", "2024-03-06T08:00+01:00"),
    ("jetzt", "2024-03-06T08:00+01:00"),
    ("Jetzt", "2024-03-06T08:00+01:00"),
    # --- full dates, and dates with a month name (the next such day without a year) ---
    ("2024-03-06T10:30", "2024-03-06T10:30+01:00"),
    ("2024-03-06 10:30", "2024-03-06T10:30+01:00"),
    ("6.3.2024 10:30", "2024-03-06T10:30+01:00"),
    ("6. März 10:30", "2024-03-06T10:30+01:00"),
    ("March 6 10:30", "2024-03-06T10:30+01:00"),
    ("5. März 10 Uhr", "2025-03-05T10:00+01:00"),  # a month by name too: passed, so next year
    ("Mittwoch, 6. März 10 Uhr", "2024-03-06T10:00+01:00"),
    ("March 6, 2024 10:30am", "2024-03-06T10:30+01:00"),
    ("6 Mar 2024", "2024-03-06T00:00+01:00"),
    ("6.3.2024", "2024-03-06T00:00+01:00"),
    ("2024-03-06", "2024-03-06T00:00+01:00"),
    ("6.3.2024 14 Uhr", "2024-03-06T14:00+01:00"),
    ("6.3.2024 um 15.30 Uhr", "2024-03-06T15:30+01:00"),
    ("2024-03-06 2pm", "2024-03-06T14:00+01:00"),
    ("2024-12-24 12am", "2024-12-24T00:00+01:00"),
]


@pytest.mark.parametrize("text,expected", FORMS)
def test_each_form_means_its_instant(text: str, expected: str) -> None:
    # the wall-clock time and the offset, so the instant and the day's own offset (compared
    # as datetimes, a time in the repeated autumn hour equals none of another zone)
    assert parse_when(text, NOW, BERLIN).isoformat() == datetime.fromisoformat(
        expected).isoformat()


@pytest.mark.parametrize("text,expected", [
    # 25 December: 24.12. has passed this year and is next year's
    ("24.12.", "2025-12-24T00:00+01:00"),
    ("24.12. 10:00", "2025-12-24T10:00+01:00"),
    ("25.12. 10 Uhr", "2024-12-25T10:00+01:00"),  # today, though 10:00 has passed
    ("1.1.", "2025-01-01T00:00+01:00"),
])
def test_a_date_without_a_year_on_christmas_day(text: str, expected: str) -> None:
    now = datetime(2024, 12, 25, 12, 0, tzinfo=BERLIN)
    assert parse_when(text, now, BERLIN) == datetime.fromisoformat(expected)


def test_a_date_without_a_year_is_today_on_that_day() -> None:
    now = datetime(2024, 12, 24, 18, 0, tzinfo=BERLIN)
    assert parse_when("24.12.", now, BERLIN) == datetime.fromisoformat("2024-12-24T00:00+01:00")
    assert parse_when("24.12. 10:00", now, BERLIN) == datetime.fromisoformat(
        "2024-12-24T10:00+01:00")


def test_today_is_the_day_in_offenbach_not_in_utc() -> None:
    # 23:30 UTC on 5 March is 00:30 on 6 March in Offenbach
    now = datetime.fromisoformat("2024-03-05T23:30+00:00")
    assert parse_when("14 Uhr", now, BERLIN) == datetime.fromisoformat("2024-03-06T14:00+01:00")
    assert parse_when("5.3.", now, BERLIN) == datetime.fromisoformat("2025-03-05T00:00+01:00")


@pytest.mark.parametrize("text,reason", [
    ("31.02.", "day is out of range for month"),
    ("31.2. 10:00", "day is out of range for month"),
    ("32.1.", "day is out of range for month"),
    ("1.13.", "month must be in 1..12"),
    ("25 Uhr", "hour must be in 0..23"),
    ("morgen 25 Uhr", "hour must be in 0..23"),
    ("24 Uhr", "write 24:00 as 00:00 of the next day"),
    ("14:60 Uhr", "minute must be in 0..59"),
    ("13pm", "on the 12-hour clock (am, pm) the hour is 1 to 12"),
    ("0am", "on the 12-hour clock (am, pm) the hour is 1 to 12"),
    ("Fri 13pm", "on the 12-hour clock (am, pm) the hour is 1 to 12"),
    # the spring gap: 02:30 on 31 March 2024 never happens (civil.localize says so)
    ("31.3. 2:30", "2024-03-31 02:30 does not exist in Europe/Berlin"),
    ("31.3. 2:30 Uhr", "2024-03-31 02:30 does not exist in Europe/Berlin"),
    ("31.3. 2:30am", "2024-03-31 02:30 does not exist in Europe/Berlin"),
    # not understood: no such form
    ("irgendwann", "not a time I understand"),
    ("14", "not a time I understand"),  # a number alone is no time
    ("um 14", "not a time I understand"),
    ("15.30", "not a time I understand"),  # a dotted time needs its Uhr
    ("15.30 pm", "not a time I understand"),
    ("24.12", "not a time I understand"),  # without its last dot only before a time
    ("24.12.24", "not a time I understand"),  # a year is written in full
    ("14 Uhr morgen", "not a time I understand"),
    ("9 a.m. tomorrow", "not a time I understand"),
    ("am", "not a time I understand"),
    ("Blauer Freitag 14 Uhr", "not a time I understand"),
])
def test_what_is_refused_and_why(text: str, reason: str) -> None:
    with pytest.raises(UsageError) as err:
        parse_when(text, NOW, BERLIN)
    assert reason in str(err.value)


def test_the_twelve_hour_refusal_is_in_german_too() -> None:
    i18n.set_language("de")
    with pytest.raises(UsageError) as err:
        parse_when("13pm", NOW, BERLIN)
    assert "auf der 12-Stunden-Uhr (am, pm) geht die Stunde von 1 bis 12" in str(err.value)


@pytest.mark.parametrize("doc,heading", [("README.md", "## Times you can type"),
                                         ("docs/user-guide.md", "**WHEN**")])
def test_every_example_in_the_docs_is_in_the_table_above(doc: str, heading: str) -> None:
    """The tables of the README and the user guide show only forms held here to an instant."""
    text = (Path(__file__).parents[1] / doc).read_text(encoding="utf-8")
    after = text.split(heading, 1)[1]
    table = after[after.index("| form |"):].split("\n\n", 1)[0]  # the first table after it
    rows = [line for line in table.splitlines() if "`" in line]
    examples = {text for row in rows for text in re.findall(r"`([^`]+)`", row)}
    examples -= {"+01:00", "Z", "date -d"}
    assert len(rows) >= 7, table
    assert examples <= {text for text, _ in FORMS}, examples - {text for text, _ in FORMS}


# --- through the command line --------------------------------------------------------------


def test_a_date_without_a_year_through_the_cli() -> None:
    run = cli("now", "--at", "24.12. 10:00", "--json")
    assert run.code == 0, run.err
    assert json.loads(run.out)


@pytest.mark.parametrize("lang,words", [
    ("de", ("ist keine Zeitangabe", "24.12. 10:00", "14 Uhr", "15.30 Uhr", "2:30 pm", "heute",
            "übermorgen 14 Uhr", "Fr 14 Uhr", "jetzt", "ohne Jahr: der nächste solche Tag")),
    ("en", ("is not a time I understand", "24.12. 10:00", "14 Uhr", "15.30 Uhr", "2:30 pm",
            "today", "tomorrow 9:00", "Fri 2pm", "now", "without a year: the next such day")),
])
def test_an_unknown_form_lists_the_accepted_ones(lang: str, words: tuple[str, ...]) -> None:
    line = one_line_error(cli("now", "--at", "irgendwann", "--lang", lang), 2)
    for word in words:
        assert word in line, (word, line)


def test_ics_from_takes_the_same_forms() -> None:
    run = cli("ics", "sozialamt", "--from", "24.12.", "--weeks", "1")
    assert run.code == 0, run.err
    assert "BEGIN:VCALENDAR" in run.out
