"""The command line as people and scripts meet it: every command in --json, in plain lines
for a pipe and in the drawn terminal view, exit codes, NAME and WHEN, data files, locale and
time zone, closed pipes.

Every expected value below comes from the city's texts in shared/sources and a calendar,
never from the program's own output:

- "Die Leistungssachbearbeitung ist montags bis freitags von 10 bis 11 Uhr telefonisch
  direkt erreichbar."
- "Die Telefonzentrale ist Montag bis Donnerstag von 8 bis 16 Uhr, Freitag von 8 bis 14 Uhr
  besetzt."
- MainArbeit: "Öffnungszeiten Montag bis Donnerstag 7.30 bis 16.30 Uhr, Freitag 7.30 bis
  14 Uhr", "Vorsprachen erfolgen nach vorheriger Terminvereinbarung."
- "Das Sozialamt ist montags bis freitags zwischen 9 und 15 Uhr telefonisch unter
  069 8065-3584 oder -2686 ... erreichbar."
- Wohnungsamt: "Telefonische Beratungen sind bei der persönlichen Sachbearbeitung möglich,
  montags bis freitags zwischen 9 und 12 Uhr, sowie über das Geschäftszimmer (069 8065-2871)"
  (no times for the Geschäftszimmer); the persönliche Ansprechpersonen of the MainArbeit are
  reachable "während ihrer Arbeitszeit" (no times either).
- "Weiterhin ist das Ausländeramt telefonisch montags bis freitags über die Telefonnummer
  069 115 erreichbar."
- The data are "Stand 01.03.2024"; the Bürgerbüro text is of 13.02.2019.

Calendar: 2024-03-06 is a Wednesday, 2024-03-08 a Friday, 2024-03-09 a Saturday; public
holidays in Hessen: Karfreitag 2024-03-29, Ostermontag 2024-04-01, Fronleichnam 2024-05-30.
Summer time (+02:00) runs from 2024-03-31 to 2024-10-27.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from erreichbar.cli import app

BERLIN = ZoneInfo("Europe/Berlin")

# Instants used throughout, in Offenbach's wall-clock time.
WED = "2024-03-06T10:30"  # Mittwoch
FRI_AFTERNOON = "2024-03-08T14:30"  # Freitag, after the Telefonzentrale's Friday hours
SAT = "2024-03-09T10:30"  # Samstag
KARFREITAG = "2024-03-29T10:30"
OSTERMONTAG = "2024-04-01T10:30"
FRONLEICHNAM = "2024-05-30T10:30"
SUMMER_WED = "2024-06-05T10:30"
STALE = "2025-06-06T10:30"  # more than a year after 01.03.2024

KINDS = {"phone", "visit", "email", "online"}
STATES = {"open", "unknown", "closed"}

# Every phone channel the texts name (ids as in the CLI contract: office or office/unit).
PHONE_TARGETS = {
    "mainarbeit/telefonzentrale",
    "mainarbeit/leistungssachbearbeitung",
    "mainarbeit/ansprechpersonen",
    "sozialamt",
    "auslaenderamt",
    "wohnungsamt/sachbearbeitung",
    "wohnungsamt/geschaeftszimmer",
    "buergerbuero",
}

ANY: Any = object()  # "don't care" for the helpers' keyword arguments

# A clean, known environment for every run: not a terminal, German, bundled data, wide.
BASE_ENV: dict[str, str | None] = {
    "FORCE_COLOR": None,
    "NO_COLOR": None,
    "CLICOLOR_FORCE": None,
    "TTY_COMPATIBLE": None,
    "ERREICHBAR_DATA": None,
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANGUAGE": None,
    "LANG": "C.UTF-8",
    "COLUMNS": "200",
    "TERM": "xterm-256color",
}
# a terminal wide enough that rich need not fold a table cell, whatever runs the tests
TERMINAL = {"FORCE_COLOR": "1", "COLUMNS": "200"}

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
BOX_DRAWING = re.compile("[\u2500-\u257f]")


# --- running the CLI ----------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        """stdout without escape sequences, as a person reads it."""
        return ANSI.sub("", self.out)

    @property
    def words(self) -> str:
        """`text` with every run of whitespace one space: where rich breaks a line (or pads
        a table cell) does not matter for what the text says."""
        return " ".join(self.text.split())


def cli(*args: str, env: dict[str, str | None] | None = None) -> Run:
    """Run `erreichbar ARGS` in-process; stdout and stderr are kept apart."""
    result = CliRunner().invoke(app, list(args), env={**BASE_ENV, **(env or {})})
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        raise AssertionError(f"erreichbar {' '.join(args)} crashed: {exc!r}") from exc
    run = Run(result.exit_code, result.stdout, result.stderr)
    assert_no_traceback(run)
    return run


def assert_no_traceback(run: Run) -> None:
    for stream in (run.out, run.err):
        assert "Traceback" not in stream, stream
        assert 'File "' not in stream, stream


def json_out(*args: str, code: int = 0, env: dict[str, str | None] | None = None) -> Any:
    run = cli(*args, "--json", env=env)
    assert run.code == code, (args, run.code, run.err)
    assert run.err == "", run.err
    return json.loads(run.out)


def plain(*args: str, code: int = 0, env: dict[str, str | None] | None = None) -> list[list[str]]:
    """The tab-separated lines of a run in a pipe, split into fields."""
    run = cli(*args, env=env)
    assert run.code == code, (args, run.code, run.err)
    assert_plain(run.out)
    return [line.split("\t") for line in run.out.splitlines()]


def terminal(*args: str, code: int = 0, env: dict[str, str | None] | None = None) -> Run:
    run = cli(*args, env={**TERMINAL, **(env or {})})
    assert run.code == code, (args, run.code, run.err)
    return run


def assert_plain(out: str) -> None:
    """What a pipe may carry: text and tabs, no escape sequences, markup or drawn boxes."""
    assert "\x1b" not in out, repr(out)
    assert not BOX_DRAWING.search(out), out
    for mark in ("●", "○", "[bold", "[/", "[dim", "[green"):
        assert mark not in out, out


def row_id(row: dict[str, Any]) -> str:
    return f"{row['office']}/{row['unit']}" if row["unit"] else row["office"]


def one_line_error(run: Run, code: int) -> str:
    """A failed run: the exit code, nothing on stdout, exactly one line on stderr."""
    assert run.code == code, (run.code, run.out, run.err)
    assert run.out == "", run.out
    lines = [line for line in run.err.splitlines() if line.strip()]
    assert len(lines) == 1, run.err
    return lines[0]


# --- assertions that read like the specification -------------------------------------------


def assert_state(target: str, channel: str, at: str, state: str, *, until: Any = ANY,
                 next_open: Any = ANY, holiday: Any = ANY) -> None:
    """At AT, TARGET's CHANNEL is STATE (until UNTIL; next opening NEXT_OPEN) - and `now`,
    `now --all` and `office` agree on it."""
    every = [r for r in json_out("now", "--all", "--channel", channel, "--at", at)
             if row_id(r) == target]
    assert len(every) == 1, f"{target} {channel}: {every}"
    row = every[0]
    where = f"{target} {channel} at {at}"
    assert row["state"] == state, f"{where}: {row['state']!r}, expected {state!r}"
    if until is not ANY:
        assert row["until"] == until, f"{where}: until {row['until']!r}, expected {until!r}"
    if next_open is not ANY:
        assert row["next_open"] == next_open, (
            f"{where}: next_open {row['next_open']!r}, expected {next_open!r}")
    if holiday is not ANY:
        assert names(row["holiday"], holiday), f"{where}: holiday {row['holiday']!r}"

    shown = {row_id(r) for r in json_out("now", "--channel", channel, "--at", at)}
    assert (target in shown) == (state != "closed"), f"{where}: `now` without --all"

    office, _, unit = target.partition("/")
    view = json_out("office", target, "--at", at)
    same = [c for c in view["channels"]
            if c["channel"] == channel and c["unit"] == (unit or None)]
    assert len(same) == 1, view["channels"]
    assert view["office"] == office
    for key in ("state", "until", "next_open"):
        assert same[0][key] == row[key], f"{where}: office says {key} {same[0][key]!r}"


def names(holiday: str | None, word: str | None) -> bool:
    """HOLIDAY (a name from the `holidays` package, in its German spelling) is the holiday
    WORD says, e.g. "Karfreitag"; None: no holiday. The package's spelling is its own."""
    if word is None or holiday is None:
        return holiday is word
    return word.lower() in holiday.lower()


def assert_check(name: str, at: str, code: int, *options: str) -> None:
    """`check NAME` exits CODE (0 open, 1 closed, 3 unknown), also with -q (then silently)."""
    run = cli("check", name, "--at", at, *options)
    assert run.code == code, f"check {name} at {at}: exit {run.code}, expected {code}: {run.err}"
    assert len(run.out.splitlines()) == 1, run.out
    quiet = cli("check", name, "--at", at, *options, "-q")
    assert (quiet.code, quiet.out, quiet.err) == (code, "", "")


def next_windows(name: str, at: str, *options: str) -> list[tuple[str, str, str, str | None,
                                                                  str | None]]:
    """`next NAME --json` as (id, channel, state, start, end)."""
    rows = json_out("next", name, "--at", at, *options)
    return [(row_id(r), r["channel"], r["state"], r["start"], r["end"]) for r in rows]


# --- the calendar the expectations rest on -------------------------------------------------


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


# --- now: states from the texts -------------------------------------------------------------


def test_wednesday_morning() -> None:
    assert_state("mainarbeit/leistungssachbearbeitung", "phone", WED, "open",
                 until="2024-03-06T11:00:00+01:00", next_open="2024-03-07T10:00:00+01:00")
    assert_state("mainarbeit/telefonzentrale", "phone", WED, "open",
                 until="2024-03-06T16:00:00+01:00", next_open="2024-03-07T08:00:00+01:00")
    assert_state("sozialamt", "phone", WED, "open", until="2024-03-06T15:00:00+01:00",
                 next_open="2024-03-07T09:00:00+01:00")
    assert_state("wohnungsamt/sachbearbeitung", "phone", WED, "open",
                 until="2024-03-06T12:00:00+01:00")
    assert_state("mainarbeit", "visit", WED, "open", until="2024-03-06T16:30:00+01:00",
                 next_open="2024-03-07T07:30:00+01:00")
    # no times in the texts: unknown, never open, and no end to report
    assert_state("mainarbeit/ansprechpersonen", "phone", WED, "unknown", until=None)
    assert_state("wohnungsamt/geschaeftszimmer", "phone", WED, "unknown", until=None)
    assert_state("sozialamt", "visit", WED, "unknown", until=None)
    # "Alle Ämter sowie die MainArbeit sind außerdem per E-Mail zu erreichen"
    for office in ("mainarbeit", "sozialamt", "auslaenderamt", "wohnungsamt", "buergerbuero"):
        assert_state(office, "email", WED, "open", until=None)


def test_friday_afternoon_the_telefonzentrale_has_closed_the_sozialamt_not() -> None:
    assert_state("mainarbeit/telefonzentrale", "phone", FRI_AFTERNOON, "closed",
                 until="2024-03-11T08:00:00+01:00", next_open="2024-03-11T08:00:00+01:00")
    assert_state("sozialamt", "phone", FRI_AFTERNOON, "open",
                 until="2024-03-08T15:00:00+01:00", next_open="2024-03-11T09:00:00+01:00")
    assert_state("mainarbeit", "visit", FRI_AFTERNOON, "closed",
                 next_open="2024-03-11T07:30:00+01:00")
    assert_state("mainarbeit/leistungssachbearbeitung", "phone", FRI_AFTERNOON, "closed",
                 next_open="2024-03-11T10:00:00+01:00")


@pytest.mark.parametrize(("at", "state"), [
    ("2024-03-08T07:59", "closed"),
    ("2024-03-08T08:00", "open"),  # windows are half-open: open at their start ...
    ("2024-03-08T13:59", "open"),
    ("2024-03-08T14:00", "closed"),  # ... and closed at their end
    ("2024-03-07T15:59", "open"),  # Thursday: until 16
    ("2024-03-07T16:00", "closed"),
])
def test_telefonzentrale_window_edges(at: str, state: str) -> None:
    assert_state("mainarbeit/telefonzentrale", "phone", at, state)


def test_on_saturday_nothing_by_phone_is_open() -> None:
    rows = json_out("now", "--all", "--channel", "phone", "--at", SAT)
    assert {row_id(r) for r in rows} == PHONE_TARGETS
    assert [r for r in rows if r["state"] == "open"] == []
    assert all(r["state"] in {"closed", "unknown"} for r in rows)
    assert not [r for r in json_out("now", "-c", "phone", "--at", SAT) if r["state"] == "open"]
    assert_state("sozialamt", "phone", SAT, "closed", next_open="2024-03-11T09:00:00+01:00")
    # "montags bis freitags über die Telefonnummer 069 115"
    assert_state("auslaenderamt", "phone", SAT, "closed")


@pytest.mark.parametrize(("at", "holiday", "next_day"), [
    (KARFREITAG, "Karfreitag", "2024-04-02"),  # then the weekend and Ostermontag
    (OSTERMONTAG, "Ostermontag", "2024-04-02"),
    (FRONLEICHNAM, "Fronleichnam", "2024-05-31"),
])
def test_on_public_holidays_every_phone_is_closed(at: str, holiday: str, next_day: str) -> None:
    rows = json_out("now", "--all", "--channel", "phone", "--at", at)
    assert {row_id(r) for r in rows} == PHONE_TARGETS
    assert {r["state"] for r in rows} == {"closed"}
    named = {r["holiday"] for r in rows}
    assert len(named) == 1 and names(next(iter(named)), holiday), named
    assert json_out("now", "--channel", "phone", "--at", at) == []
    assert plain("now", "--channel", "phone", "--at", at) == []
    # the next working day is in summer time
    assert_state("sozialamt", "phone", at, "closed", next_open=f"{next_day}T09:00:00+02:00",
                 holiday=holiday)
    assert_state("mainarbeit/telefonzentrale", "phone", at, "closed",
                 next_open=f"{next_day}T08:00:00+02:00")


def test_summer_time_offsets() -> None:
    assert_state("mainarbeit/leistungssachbearbeitung", "phone", SUMMER_WED, "open",
                 until="2024-06-05T11:00:00+02:00", next_open="2024-06-06T10:00:00+02:00")
    # the clocks go back on Sunday 2024-10-27: Friday is +02:00, Monday +01:00
    assert_state("mainarbeit/telefonzentrale", "phone", "2024-10-25T14:30", "closed",
                 next_open="2024-10-28T08:00:00+01:00")
    assert_state("sozialamt", "phone", "2024-10-25T14:30", "open",
                 until="2024-10-25T15:00:00+02:00")


# --- now: the JSON contract -----------------------------------------------------------------

NOW_KEYS = {"office", "unit", "name", "channel", "state", "until", "next_open", "contacts",
            "appointment"}


def test_now_json_objects() -> None:
    rows = json_out("now", "--all", "--at", WED)
    assert isinstance(rows, list)
    assert rows
    for r in rows:
        assert r.keys() >= NOW_KEYS, r
        assert r["channel"] in KINDS
        assert r["state"] in STATES
        assert r["appointment"] in {"required", "optional", "none", None}
        for key in ("until", "next_open"):
            if r[key] is not None:
                parsed = datetime.fromisoformat(r[key])
                assert parsed.utcoffset() is not None, r
                assert parsed > datetime(2024, 3, 6, 10, 30, tzinfo=BERLIN)
        for c in r["contacts"]:
            assert set(c) >= {"kind", "value", "uri"}
    # every office the texts name appears
    names = {r["name"] for r in rows}
    for name in ("Sozialamt", "Ausländeramt", "Wohnungsamt", "Bürgerbüro"):
        assert name in names
    assert any("MainArbeit" in n for n in names)


def test_now_without_all_leaves_out_closed_channels() -> None:
    every = json_out("now", "--all", "--at", FRI_AFTERNOON)
    shown = json_out("now", "--at", FRI_AFTERNOON)
    assert {r["state"] for r in shown} <= {"open", "unknown"}
    assert shown == [r for r in every if r["state"] != "closed"]
    assert any(r["state"] == "closed" for r in every)


def test_now_contacts_and_appointments_from_the_text() -> None:
    rows = {(row_id(r), r["channel"]): r for r in json_out("now", "--all", "--at", WED)}
    sozialamt = rows["sozialamt", "phone"]
    assert [(c["kind"], c["value"], c["uri"]) for c in sozialamt["contacts"]] == [
        ("phone", "069 8065-3584", "tel:+496980653584"),
        ("phone", "069 8065-2686", "tel:+496980652686"),
    ]
    assert sozialamt["unit"] is None
    assert sozialamt["appointment"] is None
    assert "069 8065-2871" in [c["value"] for c in
                               rows["wohnungsamt/geschaeftszimmer", "phone"]["contacts"]]
    assert "069 115" in [c["value"] for c in rows["auslaenderamt", "phone"]["contacts"]]
    assert "www.offenbach.de/sozialamt" in [c["value"] for c in
                                            rows["sozialamt", "online"]["contacts"]]
    # "Vorsprachen erfolgen nach vorheriger Terminvereinbarung."
    assert rows["mainarbeit", "visit"]["appointment"] == "required"
    assert rows["sozialamt", "visit"]["appointment"] == "required"
    assert rows["auslaenderamt", "visit"]["appointment"] == "required"
    assert rows["mainarbeit/leistungssachbearbeitung", "phone"]["unit"] == \
        "leistungssachbearbeitung"


@pytest.mark.parametrize(("word", "kind"), [
    ("phone", "phone"), ("telefon", "phone"), ("Telefon", "phone"),
    ("visit", "visit"), ("vorsprache", "visit"),
    ("email", "email"), ("e-mail", "email"), ("online", "online"),
])
def test_now_channel_words(word: str, kind: str) -> None:
    rows = json_out("now", "--all", "--channel", word, "--at", WED)
    assert rows
    assert {r["channel"] for r in rows} == {kind}
    assert rows == json_out("now", "--all", "--channel", kind, "--at", WED)


def test_now_online_forms_named_in_the_text() -> None:
    offices = {r["office"] for r in json_out("now", "-c", "online", "--at", SAT)}
    assert {"sozialamt", "auslaenderamt", "wohnungsamt"} <= offices


def test_now_plain_lines_match_the_json() -> None:
    rows = json_out("now", "--all", "--at", WED)
    lines = plain("now", "--all", "--at", WED)
    assert len(lines) == len(rows)
    assert len({len(fields) for fields in lines}) == 1
    for fields, r in zip(lines, rows, strict=True):
        assert fields[:3] == [row_id(r), r["channel"], r["state"]]
        assert all(fields), fields  # an empty field is written "-"
        if r["until"]:
            assert r["until"] in fields
    by_id = {(f[0], f[1]): f for f in lines}
    leistung = by_id["mainarbeit/leistungssachbearbeitung", "phone"]
    assert leistung[2:5] == ["open", "2024-03-06T11:00:00+01:00", "2024-03-07T10:00:00+01:00"]
    assert "069 8065-3584" in "\t".join(by_id["sozialamt", "phone"])


# --- next -----------------------------------------------------------------------------------


def test_next_leistungssachbearbeitung_open_now() -> None:
    assert next_windows("leistungssachbearbeitung", WED) == [
        ("mainarbeit/leistungssachbearbeitung", "phone", "open",
         "2024-03-06T10:00:00+01:00", "2024-03-06T11:00:00+01:00"),
    ]
    # the window's start lies before WHEN when it is open now
    start = datetime.fromisoformat(next_windows("leistungssachbearbeitung", WED)[0][3] or "")
    assert start < datetime(2024, 3, 6, 10, 30, tzinfo=BERLIN)


def test_next_leistungssachbearbeitung_after_its_hour() -> None:
    assert next_windows("leistungssachbearbeitung", "2024-03-06T11:00") == [
        ("mainarbeit/leistungssachbearbeitung", "phone", "closed",
         "2024-03-07T10:00:00+01:00", "2024-03-07T11:00:00+01:00"),
    ]


def test_next_mainarbeit_from_friday_afternoon_sorted_by_start() -> None:
    assert next_windows("mainarbeit", FRI_AFTERNOON) == [
        ("mainarbeit", "visit", "closed", "2024-03-11T07:30:00+01:00",
         "2024-03-11T16:30:00+01:00"),
        ("mainarbeit/telefonzentrale", "phone", "closed", "2024-03-11T08:00:00+01:00",
         "2024-03-11T16:00:00+01:00"),
        ("mainarbeit/leistungssachbearbeitung", "phone", "closed",
         "2024-03-11T10:00:00+01:00", "2024-03-11T11:00:00+01:00"),
        # "während ihrer Arbeitszeit": no times known
        ("mainarbeit/ansprechpersonen", "phone", "unknown", None, None),
    ]


def test_next_json_keys_and_only_phone_and_visit_by_default() -> None:
    rows = json_out("next", "sozialamt", "--at", WED)
    for r in rows:
        assert {"office", "unit", "channel", "state", "start", "end"} <= r.keys()
    assert [(r["channel"], r["state"], r["start"], r["end"]) for r in rows] == [
        ("phone", "open", "2024-03-06T09:00:00+01:00", "2024-03-06T15:00:00+01:00"),
        ("visit", "unknown", None, None),
    ]
    online = json_out("next", "sozialamt", "--channel", "online", "--at", WED)
    assert {r["channel"] for r in online} == {"online"}


def test_next_after_karfreitag() -> None:
    assert next_windows("sozialamt", KARFREITAG, "-c", "phone") == [
        ("sozialamt", "phone", "closed", "2024-04-02T09:00:00+02:00",
         "2024-04-02T15:00:00+02:00"),
    ]


def test_next_plain_lines() -> None:
    lines = plain("next", "mainarbeit", "--at", FRI_AFTERNOON)
    assert [f[:5] for f in lines] == [
        ["mainarbeit", "visit", "closed", "2024-03-11T07:30:00+01:00",
         "2024-03-11T16:30:00+01:00"],
        ["mainarbeit/telefonzentrale", "phone", "closed", "2024-03-11T08:00:00+01:00",
         "2024-03-11T16:00:00+01:00"],
        ["mainarbeit/leistungssachbearbeitung", "phone", "closed",
         "2024-03-11T10:00:00+01:00", "2024-03-11T11:00:00+01:00"],
        ["mainarbeit/ansprechpersonen", "phone", "unknown", "-", "-"],
    ]


# --- office ---------------------------------------------------------------------------------

OFFICE_KEYS = {"office", "name", "aliases", "services", "source", "as_of", "channels",
               "planned"}
OFFICE_CHANNEL_KEYS = {"unit", "channel", "hours", "state", "until", "next_open", "contacts",
                       "appointment", "notes"}


def test_office_sozialamt_json() -> None:
    view = json_out("office", "sozialamt", "--at", WED)
    assert view.keys() >= OFFICE_KEYS
    assert view["office"] == "sozialamt"
    assert view["name"] == "Sozialamt"
    assert view["as_of"] == "2024-03-01"
    assert view["source"]["title"] == "Telefonische Erreichbarkeit und Sprechstunden der Ämter"
    assert view["source"]["date"] == "2024-03-01"
    for ch in view["channels"]:
        assert ch.keys() >= OFFICE_CHANNEL_KEYS, ch
        assert isinstance(ch["hours"], str)
        assert isinstance(ch["notes"], list)
    by_kind = {c["channel"]: c for c in view["channels"]}
    assert set(by_kind) == KINDS
    assert by_kind["phone"]["state"] == "open"
    assert by_kind["phone"]["until"] == "2024-03-06T15:00:00+01:00"
    assert [c["value"] for c in by_kind["phone"]["contacts"]] == ["069 8065-3584",
                                                                  "069 8065-2686"]
    assert by_kind["visit"]["state"] == "unknown"
    assert by_kind["visit"]["appointment"] == "required"
    # planned: fixed ZeBuSS hours and the joint Familienberatung, without times
    planned = " ".join(p["text"] for p in view["planned"])
    assert "ZeBuSS" in planned
    assert "Familienberatung" in planned


def test_office_mainarbeit_note_valid_from_april() -> None:
    view = json_out("office", "jobcenter", "--at", WED)
    assert view["office"] == "mainarbeit"
    assert {"Jobcenter", "MainArbeit"} <= set(view["aliases"])
    visit = [c for c in view["channels"] if c["channel"] == "visit"]
    assert len(visit) == 1
    # "Ab April: Neukundinnen und Neukunden erhalten ... einen Termin"
    dated = [n for n in visit[0]["notes"] if "Neukund" in n["text"]]
    assert len(dated) == 1
    assert dated[0]["valid_from"] == "2024-04-01"


def test_office_of_a_unit_shows_only_its_channels() -> None:
    view = json_out("office", "mainarbeit/leistungssachbearbeitung", "--at", WED)
    assert view["office"] == "mainarbeit"
    assert [(c["unit"], c["channel"], c["state"], c["until"]) for c in view["channels"]] == [
        ("leistungssachbearbeitung", "phone", "open", "2024-03-06T11:00:00+01:00"),
    ]


def test_office_buergerbuero_comes_from_the_2019_text() -> None:
    view = json_out("office", "buergerbuero", "--at", WED)
    assert view["name"] == "Bürgerbüro"
    assert view["source"]["title"].startswith("Bürgerbüro zieht positive Bilanz zu 2018")
    assert view["source"]["date"] == "2019-02-13"
    assert {"phone", "visit", "email"} <= {c["channel"] for c in view["channels"]}


def test_office_plain_lines() -> None:
    view = json_out("office", "sozialamt", "--at", WED)
    lines = plain("office", "sozialamt", "--at", WED)
    assert len(lines) == len(view["channels"])
    for fields, ch in zip(lines, view["channels"], strict=True):
        assert fields[:3] == ["sozialamt", ch["channel"], ch["state"]]
        assert ch["hours"] in fields


# --- check ----------------------------------------------------------------------------------


def test_check_exit_0_when_open() -> None:
    assert_check("sozialamt", WED, 0, "-c", "phone")
    assert_check("leistungssachbearbeitung", WED, 0)
    assert_check("mainarbeit", WED, 0)  # open beats unknown
    assert_check("auslaenderamt", SAT, 0, "-c", "email")  # e-mail any time


def test_check_exit_1_when_closed() -> None:
    assert_check("mainarbeit/telefonzentrale", FRI_AFTERNOON, 1)
    assert_check("leistungssachbearbeitung", SAT, 1)
    assert_check("sozialamt", KARFREITAG, 1, "-c", "phone")
    assert_check("sozialamt", FRONLEICHNAM, 1, "--channel", "telefon")


def test_check_exit_3_when_unknown() -> None:
    assert_check("mainarbeit/ansprechpersonen", WED, 3)
    assert_check("wohnungsamt/geschaeftszimmer", WED, 3)
    # on Saturday every MainArbeit window is closed, only the Ansprechpersonen are unknown
    assert_check("mainarbeit", SAT, 3)


def test_check_json_and_plain() -> None:
    result = json_out("check", "sozialamt", "-c", "phone", "--at", WED)
    assert result["state"] == "open"
    assert result["until"] == "2024-03-06T15:00:00+01:00"
    closed = json_out("check", "telefonzentrale", "--at", FRI_AFTERNOON, code=1)
    assert closed["state"] == "closed"
    assert closed["next_open"] == "2024-03-11T08:00:00+01:00"
    unknown = json_out("check", "mainarbeit/ansprechpersonen", "--at", WED, code=3)
    assert unknown["state"] == "unknown"

    [line] = plain("check", "sozialamt", "-c", "phone", "--at", WED)
    assert line[:3] == ["sozialamt", "open", "phone"]
    assert "2024-03-06T15:00:00+01:00" in line
    [line] = plain("check", "mainarbeit/telefonzentrale", "--at", FRI_AFTERNOON, code=1)
    assert line[:2] == ["mainarbeit/telefonzentrale", "closed"]
    assert "2024-03-11T08:00:00+01:00" in line


def test_check_one_line_in_the_terminal() -> None:
    de = terminal("check", "sozialamt", "-c", "phone", "--at", WED)
    assert len(de.text.strip().splitlines()) == 1
    assert "Sozialamt" in de.text
    assert "bis 15:00" in de.text
    en = terminal("check", "sozialamt", "-c", "phone", "--at", WED, "--lang", "en")
    assert len(en.text.strip().splitlines()) == 1
    assert "until 15:00" in en.text


# --- list -----------------------------------------------------------------------------------


def test_list_json_and_plain() -> None:
    rows = json_out("list")
    ids = [r["id"] for r in rows]
    assert set(ids) == {"mainarbeit", "sozialamt", "auslaenderamt", "wohnungsamt",
                        "buergerbuero"} | PHONE_TARGETS
    names = {r["name"] for r in rows}
    assert {"Sozialamt", "Ausländeramt", "Wohnungsamt", "Bürgerbüro", "Telefonzentrale",
            "Leistungssachbearbeitung", "Geschäftszimmer"} <= names
    lines = plain("list")
    assert [f[0] for f in lines] == ids
    assert len({len(f) for f in lines}) == 1
    assert all(len(f) >= 3 for f in lines)


# --- NAME -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "office", "unit"), [
    ("mainarbeit", "mainarbeit", None),
    ("mainarbeit/leistungssachbearbeitung", "mainarbeit", "leistungssachbearbeitung"),
    ("leistungssachbearbeitung", "mainarbeit", "leistungssachbearbeitung"),
    ("Telefonzentrale", "mainarbeit", "telefonzentrale"),
    ("jobcenter", "mainarbeit", None),
    ("JOBCENTER", "mainarbeit", None),
    ("Kommunales Jobcenter MainArbeit", "mainarbeit", None),
    ("Wohngeld", "wohnungsamt", None),
    ("wohngeld", "wohnungsamt", None),
    ("Personalausweis", "buergerbuero", None),
    ("Kfz-Zulassung", "buergerbuero", None),
    ("Führerschein", "buergerbuero", None),
    ("fuehrerschein", "buergerbuero", None),
    ("Ausländeramt", "auslaenderamt", None),
    ("auslaenderamt", "auslaenderamt", None),
    ("AUSLÄNDERAMT", "auslaenderamt", None),
    ("ausländeramt", "auslaenderamt", None),
    ("Bürgerbüro", "buergerbuero", None),
    ("BÜRGERBÜRO", "buergerbuero", None),
    ("Geschäftszimmer", "wohnungsamt", "geschaeftszimmer"),
    ("  Sozialamt ", "sozialamt", None),
    # a unique prefix
    ("sozial", "sozialamt", None),
    ("ausl", "auslaenderamt", None),
    ("Auslä", "auslaenderamt", None),
    ("tele", "mainarbeit", "telefonzentrale"),
    ("bürgerb", "buergerbuero", None),
    ("personal", "buergerbuero", None),
])
def test_name_matches(name: str, office: str, unit: str | None) -> None:
    view = json_out("office", name, "--at", WED)
    assert (view["office"], view.get("unit")) == (office, unit)


def test_name_with_decomposed_umlauts() -> None:
    """An ä typed as a + combining diaeresis (as macOS file names and some keyboards produce
    it) is the same Ausländeramt."""
    view = json_out("office", "Ausla\u0308nderamt", "--at", WED)
    assert view["office"] == "auslaenderamt"


@pytest.mark.parametrize(("prefix", "office"), [
    ("wohnungs", "wohnungsamt"),
    ("mainarb", "mainarbeit"),
])
def test_prefix_of_an_office_with_units_means_the_office(prefix: str, office: str) -> None:
    """`wohnungs` starts only the Wohnungsamt's names: its own id and the ids of its own units
    (`wohnungsamt/...`). It is a unique prefix of one office, not ambiguous."""
    view = json_out("office", prefix, "--at", WED)
    assert (view["office"], view.get("unit")) == (office, None)


@pytest.mark.parametrize(("name", "candidates"), [
    ("bürger", ["buergerbuero", "mainarbeit"]),  # Bürgerbüro or Bürgergeld (Jobcenter)
    ("BUERGER", ["buergerbuero", "mainarbeit"]),
    ("s", ["sozialamt", "wohnungsamt/sachbearbeitung"]),
    ("a", ["auslaenderamt", "mainarbeit"]),  # Ausländeramt, Arbeitsuche, Ansprechpersonen
])
@pytest.mark.parametrize("command", ["next", "office", "check"])
def test_ambiguous_name_lists_candidates_and_exits_2(name: str, candidates: list[str],
                                                     command: str) -> None:
    run = cli(command, name, "--at", WED)
    line = one_line_error(run, 2)
    for candidate in candidates:
        assert candidate in line
    quiet = cli("check", name, "--at", WED, "-q")
    assert quiet.code == 2


@pytest.mark.parametrize("command", ["next", "office", "check"])
def test_unknown_name_exits_2_with_closest_matches(command: str) -> None:
    line = one_line_error(cli(command, "sozialamtt", "--at", WED), 2)
    assert "sozialamtt" in line
    assert "Sozialamt" in line or "sozialamt" in line
    line = one_line_error(cli(command, "xyzzy", "--at", WED), 2)
    assert "xyzzy" in line


@pytest.mark.parametrize("name", ["", "/", "mainarbeit/", "mainarbeit/unbekannt", "a\tb",
                                  "\x1b[31m", "[bold]x[/bold]", "x" * 2000])
def test_odd_names_are_usage_errors(name: str) -> None:
    line = one_line_error(cli("check", name, "--at", WED), 2)
    assert "\x1b" not in line


# --- WHEN -----------------------------------------------------------------------------------

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


# --- data files -----------------------------------------------------------------------------

CUSTOM_DATA = """\
as_of: "2024-03-01"
timezone: "Europe/Berlin"
region: "DE-HE"
sources:
  test:
    title: "Testquelle"
    publisher: "Test"
offices:
  - id: "testamt"
    name: "Testamt [bold red]rot[/] \\e[31mESC"
    source: "test"
    channels:
      - kind: "phone"
        hours: "Mo-Fr 09:00-15:00"
"""
CUSTOM_NAME = "Testamt [bold red]rot[/] \x1b[31mESC"


@pytest.fixture
def custom_data(tmp_path: Path) -> Path:
    path = tmp_path / "eigene.yaml"
    path.write_text(CUSTOM_DATA, encoding="utf-8")
    return path


def test_missing_data_file_exits_4_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "gibt-es-nicht.yaml"
    for command in (("now",), ("list",), ("check", "sozialamt"), ("office", "sozialamt")):
        line = one_line_error(cli(*command, "--data", str(missing)), 4)
        assert "gibt-es-nicht.yaml" in line
    line = one_line_error(cli("now", "--json", "--data", str(missing)), 4)
    assert "gibt-es-nicht.yaml" in line


@pytest.mark.parametrize("content", ["", "offices: [\n", "just text", "as_of: 2024\n"])
def test_invalid_data_file_exits_4(tmp_path: Path, content: str) -> None:
    path = tmp_path / "kaputt.yaml"
    path.write_text(content, encoding="utf-8")
    run = cli("now", "--data", str(path))
    assert run.code == 4
    assert run.out == ""
    assert "kaputt.yaml" in run.err


def test_data_file_that_is_a_directory_or_not_utf8(tmp_path: Path) -> None:
    one_line_error(cli("list", "--data", str(tmp_path)), 4)
    binary = tmp_path / "binaer.yaml"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    assert "binaer.yaml" in one_line_error(cli("list", "--data", str(binary)), 4)


def test_erreichbar_data_environment_variable(tmp_path: Path, custom_data: Path) -> None:
    rows = json_out("list", env={"ERREICHBAR_DATA": str(custom_data)})
    assert [r["id"] for r in rows] == ["testamt"]
    missing = tmp_path / "fehlt.yaml"
    line = one_line_error(cli("list", env={"ERREICHBAR_DATA": str(missing)}), 4)
    assert "fehlt.yaml" in line
    # --data wins over the environment
    rows = json_out("list", "--data", str(custom_data), env={"ERREICHBAR_DATA": str(missing)})
    assert [r["id"] for r in rows] == ["testamt"]


def test_text_from_a_data_file_never_becomes_markup_or_escapes(custom_data: Path) -> None:
    data = ("--data", str(custom_data))
    rows = json_out("now", "--at", WED, *data)
    assert rows[0]["name"] == CUSTOM_NAME  # JSON keeps the text intact
    for args in (("now", "--at", WED), ("list",), ("office", "testamt", "--at", WED),
                 ("next", "testamt", "--at", WED)):
        run = cli(*args, *data)
        assert run.code == 0
        assert_plain(run.out.replace("[bold red]rot[/]", ""))
        assert "[bold red]rot[/]" in run.out
        drawn = terminal(*args, *data)
        assert "[bold red]rot[/]" in drawn.text
        assert "\x1b[31mESC" not in drawn.out


# --- the terminal view ----------------------------------------------------------------------


def test_terminal_view_german() -> None:
    run = terminal("now", "--at", WED)
    assert "\x1b[" in run.out  # drawn, with colour
    text = run.words
    for word in ("Telefon", "Vorsprache", "E-Mail", "Sozialamt", "Leistungssachbearbeitung",
                 "bis 11:00", "bis 15:00", "unbekannt", "Termin",
                 "Stand der Angaben: 01.03.2024"):
        assert word in text, word
    assert "069 8065-3584" in text
    assert "\t" not in run.text
    assert not stale_lines(run.text)


def test_terminal_view_english() -> None:
    for run in (terminal("now", "--at", WED, "--lang", "en"),
                terminal("now", "--at", WED, env={"LANG": "en_US.UTF-8"}),
                terminal("now", "--at", WED, env={"LC_ALL": "en_GB.UTF-8", "LANG": "de_DE"})):
        text = run.words
        for word in ("Phone", "Visit", "until 11:00", "until 15:00", "unknown",
                     "Data as of 2024-03-01"):
            assert word in text, word
        assert "Stand der Angaben" not in text
        assert "unbekannt" not in text


def test_lang_option_beats_the_locale() -> None:
    text = terminal("now", "--at", WED, "--lang", "de", env={"LANG": "en_US.UTF-8"}).words
    assert "Stand der Angaben: 01.03.2024" in text
    text = terminal("now", "--at", WED, env={"LANG": "de_DE.UTF-8"}).words
    assert "Stand der Angaben: 01.03.2024" in text


def test_bad_lang_is_a_usage_error() -> None:
    line = one_line_error(cli("now", "--at", WED, "--lang", "fr"), 2)
    assert "fr" in line


@pytest.mark.parametrize("args", [
    ("now",),
    ("now", "--all"),
    ("next", "mainarbeit"),
    ("office", "sozialamt"),
    ("office", "mainarbeit/telefonzentrale"),
])
def test_terminal_views_show_the_date_of_the_data(args: tuple[str, ...]) -> None:
    de = terminal(*args, "--at", FRI_AFTERNOON).words
    assert "Stand der Angaben: 01.03.2024" in de
    en = terminal(*args, "--at", FRI_AFTERNOON, "--lang", "en").words
    assert "Data as of 2024-03-01" in en


# one sentence: no sentence end ('.', '!' or '?' before a space or the end) in between
_IN_SENTENCE = r"(?:(?![.!?](?:\s|$)).)*?"
STALE_WARNING = re.compile(
    rf"\b(?:Achtung|Warning):{_IN_SENTENCE}\b(?:Jahr|year)\b{_IN_SENTENCE}[.!?](?=\s|$)")


def stale_lines(text: str) -> list[str]:
    """The warning that the data may be out of date (a warning that speaks of a year), each
    as one sentence: the text's whitespace is collapsed first, so the warning is found
    wherever rich breaks its lines."""
    return STALE_WARNING.findall(" ".join(text.split()))


@pytest.mark.parametrize("args", [("now",), ("next", "sozialamt"), ("office", "sozialamt")])
def test_stale_data_warning(args: tuple[str, ...]) -> None:
    assert not stale_lines(terminal(*args, "--at", "2025-02-28T10:30").text)
    for at in ("2025-03-02T10:30", STALE):
        de = terminal(*args, "--at", at).text
        assert stale_lines(de), de
        assert "01.03.2024" in " ".join(stale_lines(de))
        en = terminal(*args, "--at", at, "--lang", "en").text
        assert stale_lines(en), en
        assert "2024-03-01" in " ".join(stale_lines(en))
    # a pipe carries only the answer
    assert not stale_lines(cli(*args, "--at", STALE).out)
    assert "Stand der Angaben" not in cli(*args, "--at", STALE).out


def test_terminal_views_of_next_office_and_list() -> None:
    text = terminal("next", "leistungssachbearbeitung", "--at", WED).words
    assert "Leistungssachbearbeitung" in text
    assert "11:00" in text
    text = terminal("office", "sozialamt", "--at", WED).words
    for word in ("Sozialamt", "Telefon", "069 8065-3584", "ZeBuSS", "bis 15:00",
                 "Stand der Angaben: 01.03.2024"):
        assert word in text, word
    text = terminal("office", "sozialamt", "--at", WED, "--lang", "en").words
    for word in ("Phone", "until 15:00", "Data as of 2024-03-01"):
        assert word in text, word
    text = terminal("list").words
    for word in ("mainarbeit", "Sozialamt", "Ausländeramt", "Telefon"):
        assert word in text, word
    assert "Phone" in terminal("list", "--lang", "en").words


SGR = re.compile(r"\x1b\[([0-9;]*)m")
COLOUR_PARAMS = {*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108)}


def colours(out: str) -> set[int]:
    found = set()
    for params in SGR.findall(out):
        found |= {int(p) for p in params.split(";") if p} & COLOUR_PARAMS
    return found


def test_no_color_turns_colour_off() -> None:
    assert colours(terminal("now", "--at", WED).out)
    for args in (("now",), ("office", "sozialamt"), ("next", "mainarbeit"),
                 ("check", "sozialamt")):
        run = terminal(*args, "--at", WED, env={"NO_COLOR": "1"})
        assert not colours(run.out), args
        assert "Sozialamt" in run.text or "MainArbeit" in run.text


# --- plain and JSON output do not depend on the terminal ---------------------------------

EVERY_COMMAND = [
    ("now", "--at", WED),
    ("now", "--all", "--at", SAT),
    ("now", "-c", "phone", "--at", KARFREITAG),
    ("next", "mainarbeit", "--at", FRI_AFTERNOON),
    ("next", "sozialamt", "--at", WED),
    ("office", "sozialamt", "--at", WED),
    ("office", "mainarbeit", "--at", FRI_AFTERNOON),
    ("check", "sozialamt", "-c", "phone", "--at", WED),
    ("check", "telefonzentrale", "--at", FRI_AFTERNOON),
    ("check", "ansprechpersonen", "--at", WED),
    ("list",),
]


@pytest.mark.parametrize("args", EVERY_COMMAND)
def test_json_is_the_same_in_a_terminal_in_a_pipe_and_in_english(args: tuple[str, ...]) -> None:
    piped = cli(*args, "--json")
    assert piped.code in (0, 1, 3)
    json.loads(piped.out)
    drawn = cli(*args, "--json", env=TERMINAL)
    english = cli(*args, "--json", env={"LANG": "en_US.UTF-8"})
    no_color = cli(*args, "--json", env={**TERMINAL, "NO_COLOR": "1"})
    assert drawn == piped
    assert english == piped
    assert no_color == piped
    assert "\x1b" not in piped.out


@pytest.mark.parametrize("args", EVERY_COMMAND)
def test_plain_output_in_a_pipe(args: tuple[str, ...]) -> None:
    run = cli(*args)
    assert run.code in (0, 1, 3)
    assert run.err == ""
    assert_plain(run.out)
    lines = run.out.splitlines()
    assert len({line.count("\t") for line in lines}) <= 1
    assert all(line.count("\t") >= 2 for line in lines)
    assert "Stand der Angaben" not in run.out
    assert run.out == cli(*args, env={"NO_COLOR": "1"}).out


def test_plain_output_is_the_same_in_english_apart_from_names() -> None:
    # state words and channel kinds are machine words, not translated
    assert cli("now", "--all", "--at", WED).out == cli("now", "--all", "--at", WED,
                                                       "--lang", "en").out


# --- options, help, version -----------------------------------------------------------------


def test_version() -> None:
    run = cli("--version")
    assert run.code == 0
    assert run.out.strip() == f"erreichbar {version('erreichbar')}"
    assert run.err == ""


def test_help_documents_the_exit_codes() -> None:
    run = cli("--help", env={"LANG": "en_US.UTF-8"})
    assert run.code == 0
    text = " ".join(run.out.split())
    assert re.search(r"\b0\b[^0-9]*\bok\b", text), text
    assert re.search(r"\b1\b[^0-9]*closed", text), text
    assert re.search(r"\b2\b[^0-9]*usage", text), text
    assert re.search(r"\b3\b[^0-9]*unknown", text), text
    assert re.search(r"\b4\b[^0-9]*data file", text), text
    for command in ("now", "next", "office", "check", "list"):
        assert command in text
        sub = cli(command, "-h")
        assert sub.code == 0
        assert "--json" in sub.out


@pytest.mark.parametrize("args", [
    ("now", "--bogus"),
    ("next",),  # NAME missing
    ("check", "sozialamt", "--channel"),  # value missing
    ("frobnicate",),
])
def test_bad_options_are_one_line_usage_errors(args: tuple[str, ...]) -> None:
    """"errors go to stderr as one line"; exit 2."""
    one_line_error(cli(*args), 2)


@pytest.mark.parametrize("channel", ["fax", "brief", "phone,fax"])
def test_bad_channel_is_a_usage_error(channel: str) -> None:
    line = one_line_error(cli("now", "--channel", channel, "--at", WED), 2)
    assert "phone" in line


def test_several_channels_comma_separated() -> None:
    rows = json_out("now", "--all", "--channel", "telefon,vorsprache", "--at", WED)
    assert {r["channel"] for r in rows} == {"phone", "visit"}


# --- subprocesses: time zone of the machine, closed pipes, a real terminal -------------------


def subprocess_env(**extra: str | None) -> dict[str, str]:
    """The clean environment of BASE_ENV for a child process; a None in EXTRA removes."""
    env = {k: v for k, v in os.environ.items() if k not in BASE_ENV}
    env.update({k: v for k, v in BASE_ENV.items() if v is not None})
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_module(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "erreichbar", *args], capture_output=True,
                          text=True, env=subprocess_env(**env), timeout=120, check=False)


def test_output_does_not_depend_on_the_machines_time_zone() -> None:
    commands = [
        ("now", "--all", "--json", "--at", WED),
        ("now", "--all", "--at", "2024-03-06T09:30Z"),
        ("next", "mainarbeit", "--at", FRI_AFTERNOON),
        ("check", "sozialamt", "-c", "phone", "--at", "Fr 14:30"),
        ("office", "sozialamt", "--json", "--at", KARFREITAG),
    ]
    for args in commands:
        results = [run_module(*args, TZ=tz) for tz in ("UTC", "America/New_York",
                                                       "Asia/Tokyo")]
        for r in results:
            assert "Traceback" not in r.stderr
        assert len({(r.returncode, r.stdout, r.stderr) for r in results}) == 1, args
    # WHEN without an offset is Offenbach's time, wherever the machine is
    r = run_module("now", "--all", "--json", "-c", "phone", "--at", WED, TZ="America/New_York")
    rows = {row_id(x): x for x in json.loads(r.stdout)}
    assert rows["mainarbeit/leistungssachbearbeitung"]["until"] == "2024-03-06T11:00:00+01:00"


@pytest.mark.parametrize("unbuffered", ["1", None], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize("args", [
    ("now", "--all", "--json", "--at", WED),
    ("list",),
    ("check", "sozialamt", "-c", "phone", "--at", WED),
])
def test_closed_pipe_ends_quietly(args: tuple[str, ...], unbuffered: str | None) -> None:
    """`erreichbar ... | head -1`: the reader is gone before anything is written."""
    proc = subprocess.Popen([sys.executable, "-m", "erreichbar", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=subprocess_env(PYTHONUNBUFFERED=unbuffered))
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    proc.wait(timeout=120)
    assert err == b"", err.decode(errors="replace")


@pytest.mark.parametrize("unbuffered", ["1", None], ids=["unbuffered", "buffered"])
def test_closed_pipe_exit_status_is_141_not_a_check_verdict(unbuffered: str | None) -> None:
    """README: 141 when stdout was closed early. Exit 1 would tell a script that runs
    `check` (whose answer here is "open") that the office is closed. With PYTHONUNBUFFERED
    the pipe breaks inside the command, without it when stdout is flushed."""
    proc = subprocess.Popen([sys.executable, "-m", "erreichbar", "check", "sozialamt", "-c",
                             "phone", "--at", WED],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=subprocess_env(PYTHONUNBUFFERED=unbuffered))
    assert proc.stdout is not None
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert err == b""
    assert proc.returncode == 141


def test_head_reads_the_first_line() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "erreichbar", "now", "--all", "--at", WED],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=subprocess_env())
    assert proc.stdout is not None
    first = proc.stdout.readline().decode()
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert err == b""
    assert first.count("\t") >= 2
    assert first.split("\t")[1] in KINDS


def _run_in_pty(*args: str, **env: str) -> tuple[int, str]:
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "erreichbar", *args], stdout=slave,
                                stderr=subprocess.PIPE, env=subprocess_env(**env))
    finally:
        os.close(slave)
    chunks = []
    try:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO once the child has closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    code = proc.wait(timeout=120)
    return code, b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_real_terminal_gets_the_drawn_view_and_the_same_json() -> None:
    code, drawn = _run_in_pty("now", "--at", WED)
    assert code == 0
    assert "Stand der Angaben: 01.03.2024" in ANSI.sub("", drawn)
    assert "\t" not in drawn
    code, as_json = _run_in_pty("now", "--json", "--at", WED)
    assert code == 0
    assert json.loads(as_json) == json.loads(run_module("now", "--json", "--at", WED).stdout)
    assert "\x1b" not in as_json
    code, no_color = _run_in_pty("now", "--at", WED, NO_COLOR="1")
    assert code == 0
    assert not colours(no_color)
    assert "Stand der Angaben: 01.03.2024" in ANSI.sub("", no_color)


# --- never a traceback ----------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    (),
    ("now", "--at", "jetzt"),
    ("now", "--at", "now"),
    ("now", "--at", "heute"),
    ("now", "--at", "10:30"),
    ("now", "--at", "2024-03-06"),
    ("now", "--at", "2024-10-27 02:30"),
    ("now", "--at", "2024-03-06T10:30+0100"),
    ("next", "ansprechpersonen", "--at", WED),
    ("next", "sozialamt", "-c", "email", "--at", WED),
    ("next", "auslaenderamt", "-c", "online", "--at", KARFREITAG),
    ("office", "auslaenderamt", "--at", STALE),
    ("office", "buergerbuero", "--at", KARFREITAG, "--lang", "en"),
    ("check", "buergerbuero", "--at", "1900-01-01 10:00"),
    ("list", "--lang", "en"),
])
@pytest.mark.parametrize("mode", ["plain", "json", "terminal"])
def test_never_a_traceback(args: tuple[str, ...], mode: str) -> None:
    if mode == "json" and args and args[0] in ("now", "next", "office", "check", "list"):
        run = cli(*args, "--json")
        if run.code in (0, 1, 3):
            json.loads(run.out)
    else:
        run = cli(*args, env=TERMINAL if mode == "terminal" else None)
    assert run.code in (0, 1, 2, 3, 4)
    if run.code in (2, 4) and args:
        one_line_error(run, run.code)
