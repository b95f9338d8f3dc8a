"""`erreichbar week`: the seven days from WHEN's day on at a glance, and their windows as
JSON.

Every expected value comes from the city's texts in shared/sources and a calendar, never
from the program's own output:

- MainArbeit: "Öffnungszeiten Montag bis Donnerstag 7.30 bis 16.30 Uhr, Freitag 7.30 bis
  14 Uhr" (visits); "Die Telefonzentrale ist Montag bis Donnerstag von 8 bis 16 Uhr, Freitag
  von 8 bis 14 Uhr besetzt."; "Die Leistungssachbearbeitung ist montags bis freitags von 10
  bis 11 Uhr telefonisch direkt erreichbar."; the persönliche Ansprechpersonen "während
  ihrer Arbeitszeit" (no times: unknown).
- "Das Sozialamt ist montags bis freitags zwischen 9 und 15 Uhr telefonisch ... erreichbar."
  Visits "nach vorheriger Terminvereinbarung" (no times).
- Ausländeramt and Bürgerbüro by phone through the 115 (Land Hessen: Mo-Fr 08:00-18:00);
  their visits have no published times.
- Wohnungsamt: "persönliche Sachbearbeitung ... montags bis freitags zwischen 9 und 12 Uhr",
  the Geschäftszimmer without times, visits "im Einzelfall" (no times).
- Offices close on Hessen's public holidays (README); every channel above is phone or visit.
- Where the texts give no times, the data's assumptions (data/offices.yaml `assumptions:`)
  frame them: the Ansprechpersonen are unknown only within the MainArbeit's opening hours
  ("arbeitszeit": Mo-Do 7.30-16.30, Fr 7.30-14), the Geschäftszimmer only on working days
  from 7 to 18 ("buerozeiten"), closed outside. The ZeBuSS visits of the Sozialamt begin in
  January 2026 ("Ab Januar 2026", offenbach-facts-2026.md): no window in 2024.
- 24 and 31 December (`special_days:`, TVöD § 6 Abs. 3: staff are usually released): every
  phone and visit of an office, not the 115 line, is unknown where it would be open or
  unknown, with the reason as the comment.

Calendar: 2024-03-04 and 2024-03-25 are Mondays, 2024-03-10 and 2024-03-31 (Easter)
Sundays, 2024-03-28 a Thursday; Karfreitag 2024-03-29, Ostermontag 2024-04-01, Fronleichnam
2024-05-30 (a Thursday), 1./2. Weihnachtstag 2024-12-25/26 (Wed,
Thu). Summer time from 2024-03-31 02:00 (+02:00) to 2024-10-27 03:00 (+01:00 again).
So the earliest window of an ordinary week starts at 07:30 and the latest ends at 18:00:
the picture spans the hours 7 to 18, eleven columns a day. A day with nothing open (a
Saturday, a Sunday, a holiday here) is a narrow column, as wide as its date ("Sa 30.").
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from erreichbar.data.loader import bundled_path
from erreichbar.data.model import State
from erreichbar.hours import engine
from helpers import ANSI, BERLIN, TEST_SOURCE_HEAD, cli

SGR = re.compile(r"\x1b\[([0-9;]*)m")

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
H = 60


def hm(hours: int, minutes: int = 0) -> int:
    return hours * H + minutes


# --- what the texts say -------------------------------------------------------------------

# (office, unit, channel) -> weekday -> [(start, end)] in wall-clock minutes
KNOWN: dict[tuple[str, str | None, str], dict[int, list[tuple[int, int]]]] = {
    ("mainarbeit", None, "visit"): {
        **{d: [(hm(7, 30), hm(16, 30))] for d in (MON, TUE, WED, THU)},
        FRI: [(hm(7, 30), hm(14))]},
    ("mainarbeit", "telefonzentrale", "phone"): {
        **{d: [(hm(8), hm(16))] for d in (MON, TUE, WED, THU)}, FRI: [(hm(8), hm(14))]},
    ("mainarbeit", "leistungssachbearbeitung", "phone"): {
        d: [(hm(10), hm(11))] for d in range(5)},
    ("sozialamt", None, "phone"): {d: [(hm(9), hm(15))] for d in range(5)},
    ("auslaenderamt", None, "phone"): {d: [(hm(8), hm(18))] for d in range(5)},
    ("wohnungsamt", "sachbearbeitung", "phone"): {d: [(hm(9), hm(12))] for d in range(5)},
    ("buergerbuero", None, "phone"): {d: [(hm(8), hm(18))] for d in range(5)},
}
# no times published: unknown inside the frame the data's assumption gives, closed outside
FRAMED: dict[tuple[str, str | None, str], dict[int, list[tuple[int, int]]]] = {
    # "arbeitszeit": within the MainArbeit's own opening hours
    ("mainarbeit", "ansprechpersonen", "phone"): KNOWN["mainarbeit", None, "visit"],
    # "buerozeiten": Mo-Fr 07:00-18:00
    ("wohnungsamt", "geschaeftszimmer", "phone"): {d: [(hm(7), hm(18))] for d in range(5)},
}
# no times published and no assumption: unknown all day, every day but the holidays
UNKNOWN = {
    ("sozialamt", None, "visit"),
    ("auslaenderamt", None, "visit"),
    ("wohnungsamt", None, "visit"),
    ("buergerbuero", None, "visit"),
}
# the ZeBuSS visits, valid from 2026-01-01: no window in the weeks of 2024
LATER = {("sozialamt", "zebuss", "visit")}
EVERY = {*KNOWN, *FRAMED, *UNKNOWN, *LATER}
# reached through the 115, whose hours 24 and 31 December do not change
VIA_115 = {("auslaenderamt", None, "phone"), ("buergerbuero", None, "phone")}
# (month, day) -> the reason, as the data's `special_days:` words it
SPECIAL_DAYS = {
    (12, 24): "Heiligabend: Beschäftigte sind in der Regel freigestellt (TVöD § 6 Abs. 3)",
    (12, 31): "Silvester: Beschäftigte sind in der Regel freigestellt (TVöD § 6 Abs. 3)",
}
OFFICE_NAMES = ("Kommunales Jobcenter MainArbeit", "Sozialamt", "Ausländeramt", "Wohnungsamt",
                "Bürgerbüro")

HOLIDAYS_2024 = {
    date(2024, 1, 1): "Neujahr",
    date(2024, 3, 29): "Karfreitag",
    date(2024, 4, 1): "Ostermontag",
    date(2024, 5, 1): "Mai",
    date(2024, 5, 9): "Himmelfahrt",
    date(2024, 5, 20): "Pfingstmontag",
    date(2024, 5, 30): "Fronleichnam",
    date(2024, 10, 3): "Einheit",
    date(2024, 12, 25): "Weihnacht",
    date(2024, 12, 26): "Weihnacht",
    date(2025, 1, 1): "Neujahr",
}

# WHEN -> the first of the seven days shown: WHEN's own day (by the calendar)
WEEKS = {
    "2024-03-06T10:30": date(2024, 3, 6),  # a Wednesday to Tuesday, winter time
    "2024-03-10T12:00": date(2024, 3, 10),  # a Sunday: that Sunday to Saturday 16.03.
    "2024-03-28T10:30": date(2024, 3, 28),  # Karfreitag, summer time from Sunday, Ostermontag
    "2024-04-01T10:30": date(2024, 4, 1),  # Ostermontag, summer time
    "2024-05-30T10:30": date(2024, 5, 30),  # Fronleichnam (Hessen only)
    "2024-10-27T12:00": date(2024, 10, 27),  # a Sunday: winter time begins that morning
    "2024-12-23T09:00": date(2024, 12, 23),  # Heiligabend, 1. and 2. Weihnachtstag
    "2024-12-30T09:00": date(2024, 12, 30),  # Silvester, Neujahr 2025
}


def wall(day: date, minutes: int) -> datetime:
    """A wall-clock minute of a local day as an aware datetime (1440: next midnight)."""
    day, minutes = day + timedelta(days=minutes // (24 * H)), minutes % (24 * H)
    return datetime.combine(day, time(minutes // H, minutes % H), tzinfo=BERLIN)


def special_day(key: tuple[str, str | None, str], day: date) -> str | None:
    """The reason KEY's channel is unknown all DAY long (24 and 31 December), or None."""
    return None if key in VIA_115 else SPECIAL_DAYS.get((day.month, day.day))


def expected_windows(key: tuple[str, str | None, str], first: date
                     ) -> list[tuple[datetime, datetime, str, str | None]]:
    """The windows of the seven days from FIRST from the texts and the data's rules, with
    the reason of a special day (None elsewhere): known hours on ordinary days, open;
    framed hours, unknown; unknown hours over whole runs of days that are not holidays
    (a special day a window of its own, with its reason); a window open on a special day
    unknown there."""
    days = [first + timedelta(days=n) for n in range(7)]
    out = []
    if key in LATER:
        return []
    hours = KNOWN.get(key) or FRAMED.get(key)
    if hours is not None:
        for day in days:
            if day in HOLIDAYS_2024:
                continue
            reason = special_day(key, day)
            state = "open" if key in KNOWN and reason is None else "unknown"
            for start, end in hours.get(day.weekday(), []):
                out.append((wall(day, start), wall(day, end), state, reason))
        return out
    assert key in UNKNOWN
    run: list[date] = []
    for day in [*days, None]:
        if day is not None and day not in HOLIDAYS_2024 and special_day(key, day) is None:
            run.append(day)
            continue
        if run:
            out.append((wall(run[0], 0), wall(run[-1], 24 * H), "unknown", None))
            run = []
        if day is not None and (reason := special_day(key, day)) and day not in HOLIDAYS_2024:
            out.append((wall(day, 0), wall(day, 24 * H), "unknown", reason))
    return out


def joined(windows: list[tuple[datetime, datetime, str, str | None]]
           ) -> list[tuple[datetime, datetime, str, str | None, list[tuple[datetime, str | None]]]]:
    """The windows as `week` gives them: one where the state goes on (README, `until`), with
    the reason at its start and the later changes of reason inside it."""
    out: list[tuple[datetime, datetime, str, str | None, list[tuple[datetime, str | None]]]] = []
    for start, end, state, reason in windows:
        if out and out[-1][2] == state and out[-1][1] == start:
            before = out[-1]
            last = before[4][-1][1] if before[4] else before[3]
            changes = before[4] + ([(start, reason)] if reason != last else [])
            out[-1] = (before[0], end, state, before[3], changes)
            continue
        out.append((start, end, state, reason, []))
    return out


# --- running the CLI ----------------------------------------------------------------------


def week_json(*args: str) -> dict[str, Any]:
    run = cli("week", *args, "--json")
    assert run.code == 0, run.err
    assert run.err == "", run.err
    return json.loads(run.out)


def picture(at: str, *args: str, columns: int = 80,
            env: dict[str, str | None] | None = None) -> list[str]:
    run = cli("week", *args, "--at", at, env={"COLUMNS": str(columns), **(env or {})})
    assert run.code == 0, run.err
    return run.out.splitlines()


def key_of(row: dict[str, Any]) -> tuple[str, str | None, str]:
    return row["office"], row["unit"], row["channel"]


def channel_of(dataset, key):
    office, unit, kind = key
    (ch,) = [c for o in dataset.offices if o.id == office for c in o.channels
             if c.unit == unit and c.kind == kind]
    return ch


# --- --json -------------------------------------------------------------------------------


@pytest.mark.parametrize(("at", "first"), WEEKS.items())
def test_json_windows_match_the_texts_and_the_engine(at, first, dataset, cal) -> None:
    doc = week_json("--at", at)
    last = first + timedelta(days=6)
    assert doc["start"] == first.isoformat()
    assert doc["end"] == last.isoformat()
    iso = first.isocalendar()  # the ISO week of the first day
    assert doc["week"] == f"{iso[0]}-W{iso[1]:02d}"
    holidays = {date.fromisoformat(h["date"]): h["name"] for h in doc["holidays"]}
    expected = {d: n for d, n in HOLIDAYS_2024.items() if first <= d <= last}
    assert set(holidays) == set(expected)
    for day, word in expected.items():
        assert word.lower() in holidays[day].lower(), holidays

    # one row per phone and visit channel of every office (the default channels)
    keys = [key_of(r) for r in doc["channels"]]
    assert len(keys) == len(set(keys))
    assert set(keys) == EVERY

    start, end = cal.at(first, 0), cal.at(last, 24 * H)
    for row in doc["channels"]:
        key = key_of(row)
        got = [(datetime.fromisoformat(w["start"]), datetime.fromisoformat(w["end"]),
                w["state"]) for w in row["windows"]]
        want = joined(expected_windows(key, first))
        assert len(got) == len(want), (key, row["windows"])
        for (gs, ge, gst), (ws, we, wst, reason, changes), w in zip(got, want, row["windows"],
                                                                    strict=True):
            assert (gs, ge, gst) == (ws, we, wst), key
            if reason is not None:  # a special day says why
                assert w["comment"] == reason, (key, w)
            got_changes = [(datetime.fromisoformat(c["from"]), c["comment"])
                           for c in w["comments"]]
            assert [when for when, _ in got_changes] == [when for when, _ in changes], key
            for (_, got_reason), (_, reason_then) in zip(got_changes, changes, strict=True):
                if reason_then is not None:
                    assert got_reason == reason_then, (key, w)
            # the offsets too: an instant alone could hide a wall-clock shift
            assert gs.utcoffset() == ws.utcoffset(), (key, gs, ws)
            assert ge.utcoffset() == we.utcoffset(), (key, ge, we)

        ch = channel_of(dataset, key)
        by_engine = engine.windows(ch.hours, cal, start, end, ch.validity,
                                   (State.OPEN, State.UNKNOWN))
        assert [(w.start, w.end, w.state.value, w.comment) for w in by_engine] == [
            (datetime.fromisoformat(w["start"]), datetime.fromisoformat(w["end"]), w["state"],
             w["comment"]) for w in row["windows"]], key


def leistung_windows(at: str) -> list[dict[str, Any]]:
    doc = week_json("leistungssachbearbeitung", "--at", at)
    (row,) = doc["channels"]
    assert key_of(row) == ("mainarbeit", "leistungssachbearbeitung", "phone")
    return row["windows"]


def test_leistungssachbearbeitung_five_windows_in_an_ordinary_week() -> None:
    # Wednesday 06.03. to Tuesday 12.03.: Wed, Thu, Fri, then Mon and Tue of the next week
    windows = leistung_windows("2024-03-06T10:30")
    assert [(w["start"], w["end"], w["state"]) for w in windows] == [
        (f"2024-03-{d:02d}T10:00:00+01:00", f"2024-03-{d:02d}T11:00:00+01:00", "open")
        for d in (6, 7, 8, 11, 12)]


def test_leistungssachbearbeitung_four_windows_after_easter_sunday() -> None:
    # Easter Sunday 31.03. to Saturday 06.04.: Ostermontag is a holiday, Tuesday to Friday
    # are ordinary days, in summer time
    windows = leistung_windows("2024-03-31T12:00")
    assert [w["start"] for w in windows] == [
        f"2024-04-{d:02d}T10:00:00+02:00" for d in (2, 3, 4, 5)]


def test_a_sunday_shows_that_sunday_and_the_six_days_after_it() -> None:
    """On Sunday 10.03.2024 the week ahead: 10.03. to Saturday 16.03. (not the week that
    ended that day), the weekend drawn as closed, the days Monday to Friday open."""
    doc = week_json("sozialamt", "--at", "2024-03-10T12:00")
    assert (doc["start"], doc["end"]) == ("2024-03-10", "2024-03-16")
    (phone,) = [r for r in doc["channels"] if r["channel"] == "phone"]
    assert [w["start"] for w in phone["windows"]] == [
        f"2024-03-{d:02d}T09:00:00+01:00" for d in (11, 12, 13, 14, 15)]
    lines = picture("2024-03-10T12:00", columns=120)
    assert lines[0] == "Woche 10–11 · 10.03.–16.03.2024"
    grid = Grid(lines, date(2024, 3, 10))
    assert list(grid.columns) == [date(2024, 3, d) for d in range(10, 17)]
    assert grid.labels == ["So 10.", "Mo 11.03.", "Di 12.03.", "Mi 13.03.", "Do 14.03.",
                           "Fr 15.03.", "Sa 16."]
    telefon = grid.row("Sozialamt", "Telefon")
    for day in (10, 16):  # Sunday and Saturday: closed, a narrow column
        assert grid.cells(telefon, date(2024, 3, day)) == "······", telefon
    assert grid.cells(telefon, date(2024, 3, 11))[9 - 7:15 - 7] == "█" * 6, telefon
    # unknown all the weekend: shaded, never a full block
    assert grid.cells(grid.row("Sozialamt", "Vorsprache"), date(2024, 3, 16)) == "░" * 6
    # the ZeBuSS visits begin in January 2026: closed all that week
    zebuss = grid.row("Sozialamt", "Vorsprache: Zentrale")
    assert grid.cells(zebuss, date(2024, 3, 16)) == "·" * 6, zebuss
    assert grid.cells(zebuss, date(2024, 3, 11)) == "·" * COLS, zebuss


def test_fronleichnam_week_has_no_window_on_thursday_and_summer_offsets() -> None:
    windows = leistung_windows("2024-05-27T08:00")
    assert [w["start"] for w in windows] == [
        "2024-05-27T10:00:00+02:00", "2024-05-28T10:00:00+02:00", "2024-05-29T10:00:00+02:00",
        "2024-05-31T10:00:00+02:00"]
    assert all(w["end"].endswith("T11:00:00+02:00") for w in windows)


def test_json_for_one_office_or_one_channel_kind() -> None:
    doc = week_json("mainarbeit", "--at", "2024-03-06T10:30")
    assert {key_of(r) for r in doc["channels"]} == {k for k in EVERY if k[0] == "mainarbeit"}
    doc = week_json("--channel", "visit", "--at", "2024-03-06T10:30")
    assert {key_of(r) for r in doc["channels"]} == {k for k in EVERY if k[2] == "visit"}
    # every office receives visitors, the Sozialamt in its ZeBuSS too (from 2026)
    assert len(doc["channels"]) == 6
    assert {r["office"] for r in doc["channels"]} == {
        "mainarbeit", "sozialamt", "auslaenderamt", "wohnungsamt", "buergerbuero"}


def test_json_is_the_same_in_a_terminal() -> None:
    piped = cli("week", "--json", "--at", "2024-03-28T10:30")
    drawn = cli("week", "--json", "--at", "2024-03-28T10:30", env={"FORCE_COLOR": "1"})
    assert piped.out == drawn.out
    json.loads(drawn.out)


# --- the picture --------------------------------------------------------------------------

DAY_LABEL = re.compile(r"(?:Mo|Di|Mi|Do|Fr|Sa|So)\.? (\d{1,2})\.(?:\d\d\.)?")
COLS = 18 - 7  # hours 7..17, one character each
NARROW = len("Sa 30.")  # a day with nothing open: as wide as its date


class Grid:
    """The picture read back: the column of each day and its width (up to the next day's
    column), the rows of each office."""

    def __init__(self, lines: list[str], first: date, cols: int = COLS,
                 offices: tuple[str, ...] = OFFICE_NAMES) -> None:
        self.lines = lines
        self.cols = cols
        self.header_index = next(i for i, line in enumerate(lines) if DAY_LABEL.search(line))
        self.header = lines[self.header_index]
        week = {d.day: d for d in (first + timedelta(days=n) for n in range(7))}
        found = list(DAY_LABEL.finditer(self.header))
        self.labels = [m.group(0) for m in found]
        self.columns = {week[int(m.group(1))]: m.start() for m in found}
        ends = [m.start() - 1 for m in found[1:]] + [len(self.header)]  # (padded to its end)
        self.widths = {day: min(cols, end - col) for (day, col), end
                       in zip(self.columns.items(), ends, strict=True)}
        self.rows: dict[tuple[str, str], str] = {}
        office = None
        for line in lines[self.header_index + 1:]:
            if line in offices:
                office = line
            elif office and line.startswith("  ") and line.strip():
                self.rows[(office, line.strip())] = line

    def row(self, office: str, label_prefix: str) -> str:
        """The row of OFFICE whose label is LABEL_PREFIX (drawn "Vorsprache  ░░…"), else the
        one it begins."""
        labels = {(o, label.split("  ")[0]): line for (o, label), line in self.rows.items()}
        if (office, label_prefix) in labels:
            return labels[office, label_prefix]
        hits = [line for (o, label), line in self.rows.items()
                if o == office and label.startswith(label_prefix)]
        assert len(hits) == 1, (office, label_prefix, list(self.rows))
        return hits[0]

    def cells(self, line: str, day: date) -> str:
        col, width = self.columns[day], self.widths[day]
        return line[col:col + width].ljust(width)


KARFREITAG_WEEK = "2024-03-28T10:30"  # a Thursday
KARFREITAG_DAYS = [date(2024, 3, d) for d in (28, 29, 30, 31)] + [
    date(2024, 4, d) for d in (1, 2, 3)]  # the seven days from that Thursday
THURSDAY, TUESDAY = date(2024, 3, 28), date(2024, 4, 2)
HOLIDAYS = {date(2024, 3, 29): "karfreitag", date(2024, 4, 1): "ostermontag"}


def test_picture_columns_are_the_seven_days_from_when_with_the_holidays_named() -> None:
    grid = Grid(picture(KARFREITAG_WEEK), THURSDAY)
    assert list(grid.columns) == KARFREITAG_DAYS  # at 80 columns, Saturday and Sunday too
    assert grid.labels == ["Do 28.03.", "Fr 29.", "Sa 30.", "So 31.", "Mo 01.", "Di 02.04.",
                           "Mi 03.04."]
    # the days with nothing open are narrow: the holidays and the weekend
    assert [grid.widths[d] for d in KARFREITAG_DAYS] == [COLS, *[NARROW] * 4, COLS, COLS]
    below = grid.lines[grid.header_index + 1]
    # the holiday's name (as the `holidays` package spells it, cut to its column) under its
    # own day only, in place of that day's hour ticks
    for day in grid.columns:
        cell = grid.cells(below, day).lower()
        if day in HOLIDAYS:
            assert cell.startswith(HOLIDAYS[day][:NARROW - 1]), (day, below)
            assert not re.search(r"\d", cell), below
        else:
            assert not any(name[:4] in cell for name in HOLIDAYS.values()), (day, below)
    # and in full below the picture, with its date
    full = [line for line in grid.lines if re.match(r"(Fr|Mo) \d\d\.\d\d\. ", line)]
    assert [line.lower() for line in full] == ["fr 29.03. karfreitag", "mo 01.04. ostermontag"]
    # every row is empty on the holidays; Saturday and Sunday are closed or unknown all day
    assert len(grid.rows) == len(EVERY)
    for (office, label), line in grid.rows.items():
        for day in HOLIDAYS:
            assert grid.cells(line, day).strip() == "", (office, label, line)
        for day in (date(2024, 3, 30), date(2024, 3, 31)):
            assert grid.cells(line, day) in ("·" * NARROW, "░" * NARROW), (office, label)


def test_picture_open_half_hours_and_unknown() -> None:
    grid = Grid(picture(KARFREITAG_WEEK, columns=100), THURSDAY)  # (room for the labels)
    monday, thursday = TUESDAY, THURSDAY  # (Tuesday 02.04.: the hours of Monday to Thursday)
    mainarbeit = OFFICE_NAMES[0]
    # Telefonzentrale 8-16 Uhr: the columns of the hours 8..15 full, 7, 16 and 17 not
    for day in (monday, thursday):
        cells = grid.cells(grid.row(mainarbeit, "Telefon: Telefonz"), day)
        assert cells[8 - 7:16 - 7] == "█" * 8, cells
        assert not set(cells[:1] + cells[16 - 7:]) & set("█▌▐"), cells
    # Leistungssachbearbeitung 10-11 Uhr: one full column
    cells = grid.cells(grid.row(mainarbeit, "Telefon: Leistung"), monday)
    assert cells[10 - 7] == "█" and cells.count("█") == 1, cells
    assert not set(cells) & set("▌▐"), cells
    # visits 7.30 to 16.30: half a column at each end
    cells = grid.cells(grid.row(mainarbeit, "Vorsprache"), monday)
    assert cells[0] == "▐" and cells[1:16 - 7] == "█" * 8 and cells[16 - 7] == "▌", cells
    # 115 (Ausländeramt) 8-18 Uhr: up to the last column, which ends the picture
    cells = grid.cells(grid.row("Ausländeramt", "Telefon"), monday)
    assert cells[0] not in "█▌▐" and cells[1:] == "█" * 10, cells
    # unknown: shaded, never a full block; all day where nothing frames the hours, from 7
    # to 18 for the Geschäftszimmer ("buerozeiten"), and within the MainArbeit's opening
    # hours, 7.30 to 16.30, for the Ansprechpersonen ("arbeitszeit"): a half-hour unknown
    # shades its column, the hour from 17 is closed
    for office, prefix, cells in (
            (mainarbeit, "Telefon: Persönl", "░" * (17 - 7) + "·"),
            ("Sozialamt", "Vorsprache", "░" * COLS),
            ("Wohnungsamt", "Telefon: Gesch", "░" * COLS),
            ("Bürgerbüro", "Vorsprache", "░" * COLS)):
        line = grid.row(office, prefix)
        assert not set(line) & set("█▌▐"), line
        for day in (monday, thursday):
            assert grid.cells(line, day) == cells, (office, prefix, line)


def test_picture_marks_now() -> None:
    lines = picture(KARFREITAG_WEEK)  # Thursday 10:30
    grid = Grid(lines, THURSDAY)
    assert next(iter(grid.columns)) == THURSDAY  # WHEN's day comes first
    marks = [line for line in lines[grid.header_index + 1:] if "▼" in line]
    assert len(marks) == 1, marks
    assert marks[0].index("▼") == grid.columns[date(2024, 3, 28)] + (10 - 7)
    assert set(marks[0].replace("▼", "")) <= {" "}


def test_weekend_columns_are_narrow_when_nothing_is_open_then() -> None:
    grid = Grid(picture("2024-03-06T10:30", columns=100), date(2024, 3, 6))
    assert list(grid.columns) == [date(2024, 3, d) for d in range(6, 13)]  # Wed to Tue
    assert grid.labels[3:5] == ["Sa 09.", "So 10."]
    assert [grid.widths[date(2024, 3, d)] for d in range(6, 13)] == [
        COLS, COLS, COLS, NARROW, NARROW, COLS, COLS]
    # an hour's numbers above the days drawn by the hour only
    ticks = grid.lines[grid.header_index + 1]
    assert grid.cells(ticks, date(2024, 3, 9)).strip() == ""
    assert "12" in grid.cells(ticks, date(2024, 3, 11))
    sozial = grid.row("Sozialamt", "Telefon")
    assert [grid.cells(sozial, date(2024, 3, d)) for d in (9, 10)] == ["······"] * 2
    assert grid.cells(sozial, date(2024, 3, 11)) == "··██████···"  # 9 to 15 Uhr


WEEKEND_DATA = TEST_SOURCE_HEAD + """\
offices:
  - id: "samstagsamt"
    name: "Samstagsamt"
    source: "test"
    channels:
      - kind: "phone"
        hours: "Mo-Fr 09:00-15:00; Sa 10:00-12:00"
        contacts: [{phone: "069 1234"}]
      - kind: "visit"
        hours: "Mo-Fr 09:00-12:00"
        valid_from: "2024-03-06"
"""


def test_saturday_drawn_by_the_hour_when_open_and_validity_respected(tmp_path: Path,
                                                                      cal) -> None:
    data = tmp_path / "samstag.yaml"
    data.write_text(WEEKEND_DATA, encoding="utf-8")
    lines = picture("2024-03-04T10:30", "--data", str(data))  # a Monday
    # windows from 9 to 15 Uhr, widened to the picture's minimum of 8 hours: 8 to 16 Uhr
    grid = Grid(lines, date(2024, 3, 4), cols=16 - 8, offices=("Samstagsamt",))
    # Saturday 09.03. is drawn by the hour, Sunday 10.03. (closed) narrow
    assert list(grid.columns) == [date(2024, 3, d) for d in range(4, 11)]
    assert grid.widths[date(2024, 3, 9)] == 8 and grid.widths[date(2024, 3, 10)] == NARROW
    (phone,) = [line for (o, label), line in grid.rows.items() if label.startswith("Telefon")]
    (visit,) = [line for (o, label), line in grid.rows.items() if label.startswith("Vorsprache")]
    sat = grid.cells(phone, date(2024, 3, 9))
    # the hours run from 8 to 16 here: 10-12 Uhr are the third and fourth columns
    assert sat[:4] == "··██", sat
    for day in (4, 5):  # the visit channel is valid from Wednesday 06.03.
        assert "█" not in grid.cells(visit, date(2024, 3, day)), visit
    assert grid.cells(visit, date(2024, 3, 6)) == "·███····", visit
    assert grid.cells(phone, date(2024, 3, 10)) == "······", phone

    doc = week_json("--data", str(data), "--at", "2024-03-04T10:30")
    by_key = {r["channel"]: r["windows"] for r in doc["channels"]}
    assert [w["start"] for w in by_key["visit"]] == [
        f"2024-03-{d:02d}T09:00:00+01:00" for d in (6, 7, 8)]
    assert by_key["phone"][-1] == {"start": "2024-03-09T10:00:00+01:00",
                                   "end": "2024-03-09T12:00:00+01:00", "state": "open",
                                   "comment": None, "comments": []}


def test_week_of_a_short_window_stays_readable() -> None:
    """The Leistungssachbearbeitung's one hour a day (10-11 Uhr) must still give day columns
    that say which day they are, and the holiday's name on Karfreitag."""
    lines = picture(KARFREITAG_WEEK, "leistungssachbearbeitung")
    text = "\n".join(lines)
    assert "karfr" in text.lower(), text  # the holiday's name, as far as it fits
    header = next((line for line in lines if DAY_LABEL.search(line)), None)
    assert header is not None, text
    assert [int(m.group(1)) for m in DAY_LABEL.finditer(header)] == [28, 29, 30, 31, 1, 2, 3
                                                                      ], header
    row = next(line for line in lines if line.strip().startswith("Telefon"))
    assert row.count("█") == 3, row  # Thursday, Tuesday and Wednesday, 10-11 Uhr


# --- width and colour ---------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 60, 50, 40])
def test_every_line_fits_and_nothing_wraps(columns: int) -> None:
    wide = picture(KARFREITAG_WEEK, columns=200)
    lines = picture(KARFREITAG_WEEK, columns=columns)
    for line in lines:
        assert len(line) <= columns, (columns, line)
    # fewer days, never wrapped lines; where days are left out, a notice below says so
    notice = any(re.match(r"\d+ von \d+ Tagen", line) for line in lines)
    assert notice == (columns < 80), lines

    def drawn(lines: list[str]) -> list[str]:  # the picture: up to the blank line below it
        return lines[:lines.index("", 3)]

    assert len(drawn(lines)) == len(drawn(wide))
    grid = Grid(drawn(lines), THURSDAY)
    assert 1 <= len(grid.columns) <= 7
    assert (len(grid.columns) == 7) == (columns >= 80)  # 78 characters wide
    assert list(grid.columns) == KARFREITAG_DAYS[:len(grid.columns)]  # from the day asked
    for line in grid.rows.values():  # about on, the last ones left out
        assert line.startswith("  ")


def test_piped_picture_has_no_escapes() -> None:
    run = cli("week", "--at", KARFREITAG_WEEK)
    assert run.code == 0
    assert "\x1b" not in run.out
    assert "█" in run.out and "░" in run.out
    assert "karfreitag" in run.out.lower()


def colour_codes(text: str) -> set[str]:
    codes = set()
    for params in SGR.findall(text):
        parts = params.split(";")
        i = 0
        while i < len(parts):
            p = parts[i]
            if p in ("38", "48"):
                codes.add(p)
                i += 3 if parts[i + 1:i + 2] == ["5"] else 5
                continue
            if p.isdigit() and (30 <= int(p) <= 37 or 40 <= int(p) <= 47
                                or 90 <= int(p) <= 97 or 100 <= int(p) <= 107):
                codes.add(p)
            i += 1
    return codes


def test_no_colour_with_no_color_and_the_picture_still_reads() -> None:
    coloured = cli("week", "--at", KARFREITAG_WEEK, env={"FORCE_COLOR": "1"})
    assert colour_codes(coloured.out)  # the check below can see colour
    plain = cli("week", "--at", KARFREITAG_WEEK, env={"FORCE_COLOR": "1", "NO_COLOR": "1",
                                                      "COLUMNS": "100"})
    assert plain.code == 0
    assert colour_codes(plain.out) == set(), plain.out
    lines = ANSI.sub("", plain.out).splitlines()
    grid = Grid(lines, THURSDAY)
    cells = grid.cells(grid.row(OFFICE_NAMES[0], "Telefon: Telefonz"), TUESDAY)
    assert cells[1:9] == "█" * 8
    assert grid.cells(grid.row("Sozialamt", "Vorsprache"), TUESDAY) == "░" * COLS
    assert grid.cells(grid.row("Sozialamt", "Telefon"), date(2024, 3, 30)) == "·" * NARROW
    for line in lines:
        assert len(line) <= 100, line


# --- --svg and --html ---------------------------------------------------------------------


class _Text(HTMLParser):
    """The text inside the page's <html> element, and whether that element is closed."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.in_html = self.html_closed = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "html":
            self.in_html = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "html" and self.in_html:
            self.in_html, self.html_closed = False, True

    def handle_data(self, data: str) -> None:
        if self.in_html:
            self.parts.append(data)


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".erreichbar-")]


def test_svg_and_html_are_written(tmp_path: Path) -> None:
    svg, html = tmp_path / "woche.svg", tmp_path / "woche.html"
    svg.write_text("alt", encoding="utf-8")  # replaced, not appended to
    run = cli("week", "--at", KARFREITAG_WEEK, "--svg", str(svg), "--html", str(html))
    assert run.code == 0, run.err
    assert "karfreitag" in run.out.lower()  # the picture is shown as well

    root = ET.fromstring(svg.read_text(encoding="utf-8"))  # noqa: S314 (our own file)
    assert root.tag in ("svg", "{http://www.w3.org/2000/svg}svg")
    text = "".join(root.itertext()).replace("\xa0", " ")
    for label in ("Do 28.03.", "Fr 29.", "Sa 30.", "So 31.", "Mo 01.", "Di 02.04.",
                  "Mi 03.04.", "Karfreitag", "Ostermontag", "█", "░"):
        assert label.lower() in text.lower(), label  # (the holiday's name in any case)

    parser = _Text()
    parser.feed(html.read_text(encoding="utf-8"))
    parser.close()
    assert parser.html_closed, "no complete <html> element"  # a whole page, not a fragment
    text = "".join(parser.parts).replace("\xa0", " ")
    for label in ("28.03.", "So 31.", "03.04.", "Karfreitag", "█", "░"):
        assert label.lower() in text.lower(), label
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("option", ["--svg", "--html"])
@pytest.mark.parametrize("via_symlink", [False, True])
def test_refuses_to_write_over_the_data_file(tmp_path: Path, option: str,
                                            via_symlink: bool) -> None:
    data = tmp_path / "offices.yaml"
    shutil.copyfile(bundled_path(), data)
    before = data.read_bytes()
    mode = stat.S_IMODE(data.stat().st_mode)
    target = data
    if via_symlink:
        target = tmp_path / "bild.svg"
        os.symlink(data, target)
    run = cli("week", "--data", str(data), "--at", KARFREITAG_WEEK, option, str(target))
    assert run.code == 2, (run.code, run.err)
    err = [line for line in run.err.splitlines() if line.strip()]
    assert len(err) == 1 and str(target) in err[0], run.err
    assert data.read_bytes() == before
    assert stat.S_IMODE(data.stat().st_mode) == mode
    assert leftovers(tmp_path) == []


def test_unwritable_picture_path_is_a_usage_error(tmp_path: Path) -> None:
    run = cli("week", "--at", KARFREITAG_WEEK, "--svg", str(tmp_path / "fehlt" / "w.svg"))
    assert run.code == 2, (run.code, run.err)
    assert len([line for line in run.err.splitlines() if line.strip()]) == 1, run.err


@pytest.mark.parametrize("columns", [12, 28, 60, 120])
def test_days_that_do_not_fit_are_left_out_and_said_to_be(columns):
    """Seven days from Wednesday 06.03.: five with hours ("Montag bis Freitag", 7.30-16.30
    and 8-18 for 115), eleven characters each, and a narrow Saturday and Sunday; 88
    characters in all. As many as fit are drawn; the rest are named as left out."""
    run = cli("week", "--at", "2024-03-06T10:30", env={"COLUMNS": str(columns)})
    assert run.code == 0, run.err
    drawn = len(DAY_LABEL.findall(run.out.split("\n")[3]))
    words = " ".join(run.out.split())
    notice = re.search(r"(\d+) von (\d+) Tagen (passt|passen) in dieses Terminal", words)
    if columns >= 120:
        assert drawn == 7 and notice is None
    else:
        assert notice is not None, run.out
        assert int(notice.group(2)) == 7
        assert int(notice.group(1)) == drawn < 7 or int(notice.group(1)) == 0
        # the verb agrees with the number: "1 von 5 Tagen passt", "0 von 5 Tagen passen"
        assert (notice.group(3) == "passt") == (int(notice.group(1)) == 1)
    assert all(len(line) <= columns for line in run.out.splitlines())
