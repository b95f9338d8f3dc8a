"""`erreichbar week`: the week containing WHEN at a glance, and its windows as JSON.

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

Calendar: 2024-03-04 and 2024-03-25 are Mondays; Karfreitag 2024-03-29, Ostermontag
2024-04-01, Fronleichnam 2024-05-30 (a Thursday), 1./2. Weihnachtstag 2024-12-25/26 (Wed,
Thu). Summer time from 2024-03-31 02:00 (+02:00) to 2024-10-27 03:00 (+01:00 again).
So the earliest window of an ordinary week starts at 07:30 and the latest ends at 18:00:
the picture spans the hours 7 to 18, eleven columns a day.
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
UNKNOWN = {
    ("mainarbeit", "ansprechpersonen", "phone"),
    ("sozialamt", None, "visit"),
    ("auslaenderamt", None, "visit"),
    ("wohnungsamt", "geschaeftszimmer", "phone"),
    ("wohnungsamt", None, "visit"),
    ("buergerbuero", None, "visit"),
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
}

# WHEN -> the Monday of its week (by the calendar)
WEEKS = {
    "2024-03-06T10:30": date(2024, 3, 4),  # an ordinary week, winter time
    "2024-03-28T10:30": date(2024, 3, 25),  # Karfreitag; summer time begins on Sunday
    "2024-04-03T10:30": date(2024, 4, 1),  # Ostermontag, summer time
    "2024-05-30T10:30": date(2024, 5, 27),  # Fronleichnam (Hessen only)
    "2024-10-27T12:00": date(2024, 10, 21),  # a Sunday: winter time begins that morning
    "2024-12-23T09:00": date(2024, 12, 23),  # 1. and 2. Weihnachtstag
}


def wall(day: date, minutes: int) -> datetime:
    """A wall-clock minute of a local day as an aware datetime (1440: next midnight)."""
    day, minutes = day + timedelta(days=minutes // (24 * H)), minutes % (24 * H)
    return datetime.combine(day, time(minutes // H, minutes % H), tzinfo=BERLIN)


def expected_windows(key: tuple[str, str | None, str], monday: date
                     ) -> list[tuple[datetime, datetime, str]]:
    """The windows of the week from the texts: known hours on ordinary days; unknown hours
    over whole runs of days that are not holidays."""
    days = [monday + timedelta(days=n) for n in range(7)]
    out = []
    if key in KNOWN:
        for day in days:
            if day in HOLIDAYS_2024:
                continue
            for start, end in KNOWN[key].get(day.weekday(), []):
                out.append((wall(day, start), wall(day, end), "open"))
        return out
    assert key in UNKNOWN
    run: list[date] = []
    for day in [*days, None]:
        if day is not None and day not in HOLIDAYS_2024:
            run.append(day)
            continue
        if run:
            out.append((wall(run[0], 0), wall(run[-1], 24 * H), "unknown"))
            run = []
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


@pytest.mark.parametrize(("at", "monday"), WEEKS.items())
def test_json_windows_match_the_texts_and_the_engine(at, monday, dataset, cal) -> None:
    doc = week_json("--at", at)
    sunday = monday + timedelta(days=6)
    assert doc["start"] == monday.isoformat()
    assert doc["end"] == sunday.isoformat()
    iso = monday.isocalendar()
    assert doc["week"] == f"{iso[0]}-W{iso[1]:02d}"
    holidays = {date.fromisoformat(h["date"]): h["name"] for h in doc["holidays"]}
    expected = {d: n for d, n in HOLIDAYS_2024.items() if monday <= d <= sunday}
    assert set(holidays) == set(expected)
    for day, word in expected.items():
        assert word.lower() in holidays[day].lower(), holidays

    # one row per phone and visit channel of every office (the default channels)
    keys = [key_of(r) for r in doc["channels"]]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(KNOWN) | UNKNOWN

    start, end = cal.at(monday, 0), cal.at(sunday, 24 * H)
    for row in doc["channels"]:
        key = key_of(row)
        got = [(datetime.fromisoformat(w["start"]), datetime.fromisoformat(w["end"]),
                w["state"]) for w in row["windows"]]
        want = expected_windows(key, monday)
        assert len(got) == len(want), (key, row["windows"])
        for (gs, ge, gst), (ws, we, wst) in zip(got, want, strict=True):
            assert (gs, ge, gst) == (ws, we, wst), key
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
    windows = leistung_windows("2024-03-06T10:30")
    assert [(w["start"], w["end"], w["state"]) for w in windows] == [
        (f"2024-03-{d:02d}T10:00:00+01:00", f"2024-03-{d:02d}T11:00:00+01:00", "open")
        for d in (4, 5, 6, 7, 8)]


def test_leistungssachbearbeitung_four_windows_in_easter_week() -> None:
    windows = leistung_windows("2024-03-31T12:00")  # the Sunday belongs to the same week
    assert [w["start"] for w in windows] == [
        f"2024-03-{d:02d}T10:00:00+01:00" for d in (25, 26, 27, 28)]


def test_fronleichnam_week_has_no_window_on_thursday_and_summer_offsets() -> None:
    windows = leistung_windows("2024-05-27T08:00")
    assert [w["start"] for w in windows] == [
        "2024-05-27T10:00:00+02:00", "2024-05-28T10:00:00+02:00", "2024-05-29T10:00:00+02:00",
        "2024-05-31T10:00:00+02:00"]
    assert all(w["end"].endswith("T11:00:00+02:00") for w in windows)


def test_json_for_one_office_or_one_channel_kind() -> None:
    doc = week_json("mainarbeit", "--at", "2024-03-06T10:30")
    assert {key_of(r) for r in doc["channels"]} == {
        k for k in (*KNOWN, *UNKNOWN) if k[0] == "mainarbeit"}
    doc = week_json("--channel", "visit", "--at", "2024-03-06T10:30")
    assert {key_of(r) for r in doc["channels"]} == {
        k for k in (*KNOWN, *UNKNOWN) if k[2] == "visit"}
    assert len(doc["channels"]) == 5  # every office receives visitors


def test_json_is_the_same_in_a_terminal() -> None:
    piped = cli("week", "--json", "--at", "2024-03-28T10:30")
    drawn = cli("week", "--json", "--at", "2024-03-28T10:30", env={"FORCE_COLOR": "1"})
    assert piped.out == drawn.out
    json.loads(drawn.out)


# --- the picture --------------------------------------------------------------------------

DAY_LABEL = re.compile(r"(?:Mo|Di|Mi|Do|Fr|Sa|So)\.? (\d{1,2})\.(?:\d\d\.)?")
COLS = 18 - 7  # hours 7..17, one character each


class Grid:
    """The picture read back: the column of each day, the rows of each office."""

    def __init__(self, lines: list[str], monday: date, cols: int = COLS,
                 offices: tuple[str, ...] = OFFICE_NAMES) -> None:
        self.lines = lines
        self.cols = cols
        self.header_index = next(i for i, line in enumerate(lines) if DAY_LABEL.search(line))
        self.header = lines[self.header_index]
        week = {d.day: d for d in (monday + timedelta(days=n) for n in range(7))}
        self.columns = {week[int(m.group(1))]: m.start()
                        for m in DAY_LABEL.finditer(self.header)}
        self.rows: dict[tuple[str, str], str] = {}
        office = None
        for line in lines[self.header_index + 1:]:
            if line in offices:
                office = line
            elif office and line.startswith("  ") and line.strip():
                self.rows[(office, line.strip())] = line

    def row(self, office: str, label_prefix: str) -> str:
        hits = [line for (o, label), line in self.rows.items()
                if o == office and label.startswith(label_prefix)]
        assert len(hits) == 1, (office, label_prefix, list(self.rows))
        return hits[0]

    def cells(self, line: str, day: date) -> str:
        col = self.columns[day]
        return line[col:col + self.cols].ljust(self.cols)


KARFREITAG_WEEK = "2024-03-28T10:30"  # a Thursday
EASTER_MONDAY = date(2024, 3, 25)  # the Monday of that week


def test_picture_columns_are_monday_to_friday_with_the_holiday_named() -> None:
    grid = Grid(picture(KARFREITAG_WEEK), EASTER_MONDAY)
    assert list(grid.columns) == [date(2024, 3, d) for d in (25, 26, 27, 28, 29)]
    below = grid.lines[grid.header_index + 1]
    # the holiday's name (as the `holidays` package spells it) under its own day only, in
    # place of that day's hour ticks
    for day in grid.columns:
        named = "karfreitag" in grid.cells(below, day).lower()
        assert named == (day == date(2024, 3, 29)), (day, below)
    assert not re.search(r"\d", grid.cells(below, date(2024, 3, 29))), below
    # every row is empty on the holiday
    assert len(grid.rows) == len(KNOWN) + len(UNKNOWN)
    for (office, label), line in grid.rows.items():
        assert grid.cells(line, date(2024, 3, 29)).strip() == "", (office, label, line)


def test_picture_open_half_hours_and_unknown() -> None:
    grid = Grid(picture(KARFREITAG_WEEK), EASTER_MONDAY)
    monday, thursday = date(2024, 3, 25), date(2024, 3, 28)
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
    # unknown: shaded, never a full block
    for office, prefix in ((mainarbeit, "Telefon: Persönl"), ("Sozialamt", "Vorsprache"),
                           ("Wohnungsamt", "Telefon: Gesch"), ("Bürgerbüro", "Vorsprache")):
        line = grid.row(office, prefix)
        assert not set(line) & set("█▌▐"), line
        for day in (monday, thursday):
            assert grid.cells(line, day) == "░" * COLS, (office, prefix, line)


def test_picture_marks_now() -> None:
    lines = picture(KARFREITAG_WEEK)  # Thursday 10:30
    grid = Grid(lines, EASTER_MONDAY)
    marks = [line for line in lines[grid.header_index + 1:] if "▼" in line]
    assert len(marks) == 1, marks
    assert marks[0].index("▼") == grid.columns[date(2024, 3, 28)] + (10 - 7)
    assert set(marks[0].replace("▼", "")) <= {" "}


def test_no_weekend_columns_when_nothing_is_open_then() -> None:
    grid = Grid(picture("2024-03-06T10:30"), date(2024, 3, 4))
    assert list(grid.columns) == [date(2024, 3, d) for d in range(4, 9)]


WEEKEND_DATA = TEST_SOURCE_HEAD + """\
offices:
  - id: "samstagsamt"
    name: "Samstagsamt"
    source: "test"
    channels:
      - kind: "phone"
        hours: "Mo-Fr 09:00-15:00; Sa 10:00-12:00"
      - kind: "visit"
        hours: "Mo-Fr 09:00-12:00"
        valid_from: "2024-03-06"
"""


def test_saturday_shown_when_open_and_validity_respected(tmp_path: Path, cal) -> None:
    data = tmp_path / "samstag.yaml"
    data.write_text(WEEKEND_DATA, encoding="utf-8")
    lines = picture("2024-03-06T10:30", "--data", str(data))
    # windows from 9 to 15 Uhr, widened to the picture's minimum of 8 hours: 8 to 16 Uhr
    grid = Grid(lines, date(2024, 3, 4), cols=16 - 8, offices=("Samstagsamt",))
    # Saturday 09.03. is shown, Sunday 10.03. is not
    assert list(grid.columns) == [date(2024, 3, d) for d in range(4, 10)]
    (phone,) = [line for (o, label), line in grid.rows.items() if label.startswith("Telefon")]
    (visit,) = [line for (o, label), line in grid.rows.items() if label.startswith("Vorsprache")]
    sat = grid.cells(phone, date(2024, 3, 9))
    # the hours run from 8 to 16 here: 10-12 Uhr are the third and fourth columns
    assert sat[:4] == "··██", sat
    for day in (4, 5):  # the visit channel is valid from Wednesday 06.03.
        assert "█" not in grid.cells(visit, date(2024, 3, day)), visit
    assert grid.cells(visit, date(2024, 3, 6)) == "·███····", visit

    doc = week_json("--data", str(data), "--at", "2024-03-06T10:30")
    by_key = {r["channel"]: r["windows"] for r in doc["channels"]}
    assert [w["start"] for w in by_key["visit"]] == [
        f"2024-03-{d:02d}T09:00:00+01:00" for d in (6, 7, 8)]
    assert by_key["phone"][-1] == {"start": "2024-03-09T10:00:00+01:00",
                                   "end": "2024-03-09T12:00:00+01:00", "state": "open",
                                   "comment": None}


def test_week_of_a_short_window_stays_readable() -> None:
    """The Leistungssachbearbeitung's one hour a day (10-11 Uhr) must still give day columns
    that say which day they are, and the holiday's name on Karfreitag."""
    lines = picture(KARFREITAG_WEEK, "leistungssachbearbeitung")
    text = "\n".join(lines)
    assert "karfr" in text.lower(), text  # the holiday's name, as far as it fits
    header = next((line for line in lines if DAY_LABEL.search(line)), None)
    assert header is not None, text
    assert [int(m.group(1)) for m in DAY_LABEL.finditer(header)] == [25, 26, 27, 28, 29], header
    row = next(line for line in lines if line.strip().startswith("Telefon"))
    assert row.count("█") == 4, row  # Monday to Thursday, 10-11 Uhr


# --- width and colour ---------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 60, 50, 40])
def test_every_line_fits_and_nothing_wraps(columns: int) -> None:
    wide = picture(KARFREITAG_WEEK, columns=200)
    lines = picture(KARFREITAG_WEEK, columns=columns)
    for line in lines:
        assert len(line) <= columns, (columns, line)
    # fewer days, never wrapped lines; where days are left out, a notice below says so
    notice = next((n for n, line in enumerate(lines) if re.match(r"\d+ von \d+ Tagen", line)),
                  None)
    if notice is not None:  # the notice: a blank line, then its words, up to the next blank
        end = lines.index("", notice)
        picture_lines = lines[:notice - 1] + lines[end:]
    else:
        picture_lines = lines
    assert len(picture_lines) == len(wide)
    grid = Grid(picture_lines, EASTER_MONDAY)
    assert 1 <= len(grid.columns) <= 5
    if columns < 80:
        assert len(grid.columns) < 5
    assert date(2024, 3, 28) in grid.columns  # the day asked about stays
    for line in grid.rows.values():
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
    plain = cli("week", "--at", KARFREITAG_WEEK, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.code == 0
    assert colour_codes(plain.out) == set(), plain.out
    lines = ANSI.sub("", plain.out).splitlines()
    grid = Grid(lines, EASTER_MONDAY)
    cells = grid.cells(grid.row(OFFICE_NAMES[0], "Telefon: Telefonz"), date(2024, 3, 25))
    assert cells[1:9] == "█" * 8
    assert grid.cells(grid.row("Sozialamt", "Vorsprache"), date(2024, 3, 25)) == "░" * COLS
    for line in lines:
        assert len(line) <= 80, line


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
    for label in ("25.03.", "26.03.", "27.03.", "28.03.", "29.03.", "Karfreitag", "█", "░"):
        assert label.lower() in text.lower(), label  # (the holiday's name in any case)

    parser = _Text()
    parser.feed(html.read_text(encoding="utf-8"))
    parser.close()
    assert parser.html_closed, "no complete <html> element"  # a whole page, not a fragment
    text = "".join(parser.parts).replace("\xa0", " ")
    for label in ("25.03.", "29.03.", "Karfreitag", "█", "░"):
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
    """The data's week has hours Monday to Friday ("Montag bis Freitag", 7.30-16.30 and
    8-18 for 115): five days. As many as fit are drawn; the rest are named as left out."""
    run = cli("week", "--at", "2024-03-06T10:30", env={"COLUMNS": str(columns)})
    assert run.code == 0, run.err
    drawn = len(re.findall(r"\b(?:Mo|Di|Mi|Do|Fr|Sa|So) \d\d\.\d\d\.", run.out.split("\n")[3]))
    words = " ".join(run.out.split())
    notice = re.search(r"(\d+) von (\d+) Tagen (passt|passen) in dieses Terminal", words)
    if columns >= 120:
        assert drawn == 5 and notice is None
    else:
        assert notice is not None, run.out
        assert int(notice.group(2)) == 5
        assert int(notice.group(1)) == drawn < 5 or int(notice.group(1)) == 0
        # the verb agrees with the number: "1 von 5 Tagen passt", "0 von 5 Tagen passen"
        assert (notice.group(3) == "passt") == (int(notice.group(1)) == 1)
    assert all(len(line) <= columns for line in run.out.splitlines())
