"""`erreichbar holidays`, and the holiday as the reason a channel is closed in `office` and
`next`.

The list of Hessen's public holidays is written here independently (Feiertagsgesetz of
Hessen: the nationwide holidays plus Fronleichnam); the movable feasts of other years are
computed from Easter Sunday with the anonymous Gregorian algorithm (Meeus/Jones/Butcher).

- "Das Sozialamt ist montags bis freitags zwischen 9 und 15 Uhr telefonisch ... erreichbar."
- "Die Telefonzentrale ist Montag bis Donnerstag von 8 bis 16 Uhr, Freitag von 8 bis 14 Uhr
  besetzt." "Die Leistungssachbearbeitung ist montags bis freitags von 10 bis 11 Uhr
  telefonisch direkt erreichbar."
- Offices close on public holidays (README). Karfreitag 2024-03-29 is a Friday, Ostermontag
  2024-04-01 a Monday, Fronleichnam 2024-05-30 a Thursday.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from helpers import cli

TERMINAL = {"FORCE_COLOR": "1", "COLUMNS": "100"}

# Hessen 2024: date -> (ISO weekday, words one of which the name contains)
HESSEN_2024 = {
    date(2024, 1, 1): (1, ("Neujahr",)),
    date(2024, 3, 29): (5, ("Karfreitag",)),
    date(2024, 4, 1): (1, ("Ostermontag",)),
    date(2024, 5, 1): (3, ("Mai", "Arbeit")),
    date(2024, 5, 9): (4, ("Himmelfahrt",)),
    date(2024, 5, 20): (1, ("Pfingstmontag",)),
    date(2024, 5, 30): (4, ("Fronleichnam",)),
    date(2024, 10, 3): (4, ("Einheit",)),
    date(2024, 12, 25): (3, ("Weihnacht",)),
    date(2024, 12, 26): (4, ("Weihnacht",)),
}


def easter(year: int) -> date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def hessen(year: int) -> set[date]:
    sunday = easter(year)
    fixed = {date(year, 1, 1), date(year, 5, 1), date(year, 10, 3), date(year, 12, 25),
             date(year, 12, 26)}
    movable = {sunday + timedelta(days=n) for n in (-2, 1, 39, 50, 60)}
    return fixed | movable


def test_easter_algorithm_against_known_dates() -> None:
    assert easter(2024) == date(2024, 3, 31)
    assert easter(2025) == date(2025, 4, 20)
    assert hessen(2024) == set(HESSEN_2024)


# --- the list -----------------------------------------------------------------------------


def test_json_lists_exactly_hessens_holidays_2024() -> None:
    run = cli("holidays", "--year", "2024", "--json")
    assert run.code == 0 and run.err == "", run.err
    rows = json.loads(run.out)
    assert [date.fromisoformat(r["date"]) for r in rows] == sorted(HESSEN_2024)
    for row in rows:
        weekday, words = HESSEN_2024[date.fromisoformat(row["date"])]
        assert row["weekday"] == weekday, row
        assert any(w.lower() in row["name"].lower() for w in words), row


def test_json_holiday_names_stay_german_with_lang_en() -> None:
    rows = json.loads(cli("holidays", "--year", "2024", "--json", "--lang", "en").out)
    names = {r["date"]: r["name"] for r in rows}
    assert "karfreitag" in names["2024-03-29"].lower()
    assert "fronleichnam" in names["2024-05-30"].lower()


@pytest.mark.parametrize("year", [2019, 2025, 2026, 2030])
def test_other_years(year: int) -> None:
    rows = json.loads(cli("holidays", "--year", str(year), "--json").out)
    assert {date.fromisoformat(r["date"]) for r in rows} == hessen(year)
    for row in rows:
        assert row["weekday"] == date.fromisoformat(row["date"]).isoweekday()


def test_default_year_is_the_year_of_when() -> None:
    rows = json.loads(cli("holidays", "--at", "2025-06-01T12:00", "--json").out)
    assert {date.fromisoformat(r["date"]) for r in rows} == hessen(2025)


def test_plain_lines_are_tab_separated() -> None:
    run = cli("holidays", "--year", "2024")
    assert run.code == 0 and run.err == ""
    assert "\x1b" not in run.out
    lines = run.out.splitlines()
    assert len(lines) == len(HESSEN_2024)
    days = []
    for line in lines:
        fields = line.split("\t")
        assert len(fields) == 2, line
        day = date.fromisoformat(fields[0])
        assert any(w.lower() in fields[1].lower() for w in HESSEN_2024[day][1]), line
        days.append(day)
    assert days == sorted(HESSEN_2024)


def test_terminal_view_lists_the_holidays() -> None:
    run = cli("holidays", "--year", "2024", env=TERMINAL)
    assert run.code == 0
    text = run.words
    # each day, and after it (before the next day shown) its name, whichever lines they fill
    dated = {day: text.find(f"{day:%d.%m.%Y}") for day in HESSEN_2024}
    assert -1 not in dated.values(), text
    for day, (_, words) in HESSEN_2024.items():
        start = dated[day]
        after = text[start:min((p for p in dated.values() if p > start), default=len(text))]
        assert any(w.lower() in after.lower() for w in words), (day, after)
    assert "DE-HE" in text


@pytest.mark.parametrize("year", ["1899", "3000", "zwanzig"])
def test_bad_year_is_a_usage_error(year: str) -> None:
    run = cli("holidays", "--year", year)
    assert run.code == 2 and run.out == ""
    assert len(run.err.strip().splitlines()) == 1


# --- the holiday as the reason ------------------------------------------------------------


@pytest.mark.parametrize(("name", "at", "holiday"), [
    ("sozialamt", "2024-03-29T10:00", "Karfreitag"),
    ("mainarbeit/telefonzentrale", "2024-04-01T10:00", "Ostermontag"),
    ("leistungssachbearbeitung", "2024-05-30T10:30", "Fronleichnam"),
])
def test_office_names_the_holiday_as_the_reason(name: str, at: str, holiday: str) -> None:
    run = cli("office", name, "--channel", "phone", "--at", at, env=TERMINAL)
    assert run.code == 0, run.err
    reason = re.search(r"geschlossen: ([^,]+)", run.words)  # "geschlossen: NAME, öffnet ..."
    assert reason and holiday.lower() in reason.group(1).lower(), run.text


@pytest.mark.parametrize(("name", "at", "holiday"), [
    ("sozialamt", "2024-03-29T10:00", "Karfreitag"),
    ("mainarbeit/telefonzentrale", "2024-04-01T10:00", "Ostermontag"),
    ("leistungssachbearbeitung", "2024-05-30T10:30", "Fronleichnam"),
])
def test_next_names_the_holiday_as_the_reason(name: str, at: str, holiday: str) -> None:
    run = cli("next", name, "--channel", "phone", "--at", at, env=TERMINAL)
    assert run.code == 0, run.err
    assert holiday.lower() in run.words.lower(), run.text


def test_no_holiday_reason_on_an_ordinary_day() -> None:
    run = cli("office", "sozialamt", "--channel", "phone", "--at", "2024-03-28T16:00",
              env=TERMINAL)
    assert run.code == 0
    assert "geschlossen" in run.text  # after 15 Uhr
    assert "geschlossen:" not in run.text, run.text  # but not for a holiday
