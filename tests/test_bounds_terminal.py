"""Issue 23, the terminal's part: nothing from a data file or an argument reaches the reader's
terminal as a control sequence, a data file's errors are capped as its warnings are, the
help and the version end as any answer does when the reader has gone, and the week shows
its days at any width. Each case is a reproducer of the probe, run through the CLI."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from erreichbar.errors import Exit
from helpers import ANSI, TEST_SOURCE_HEAD, cli, run_cli

# What must never reach a terminal raw: C0 (but the line breaks and tabs of the output
# itself) and C1 controls, DEL, and the bidi controls.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# An office name with a C1 CSI, a bidi override, an isolate, a mark and an OSC with a BEL
HOSTILE_NAME = "Amt \x9b31m \u202eevil\u202c \u2066iso\u2069 \u200fmark \x1b]0;T\x07 end"
HOSTILE_DATA = TEST_SOURCE_HEAD + """\
offices:
  - id: "testamt"
    name: "Amt \\x9b31m \\u202eevil\\u202c \\u2066iso\\u2069 \\u200fmark \\e]0;T\\a end"
    source: "test"
    channels:
      - kind: "phone"
        hours: "Mo-Fr 09:00-15:00"
        contacts: [{phone: "069 1234"}]
"""
WED = "2024-03-06T10:30"
NO_CACHE = {"ERREICHBAR_NO_CACHE": "1"}


@pytest.fixture()
def hostile(tmp_path: Path) -> str:
    path = tmp_path / "feindlich.yaml"
    path.write_text(HOSTILE_DATA, encoding="utf-8")
    return str(path)


def assert_no_raw_controls(*streams: str) -> None:
    for stream in streams:
        raw = sorted({hex(ord(c)) for c in RAW.findall(ANSI.sub("", stream))})
        assert not raw, (raw, stream)


def cpu() -> float:
    """CPU time of this process and the children it waited for."""
    own, children = (resource.getrusage(who) for who in
                     (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# --- control characters from the data -----------------------------------------------------


@pytest.mark.parametrize("args", [
    ("now", "--all"), ("office", "testamt"), ("next", "testamt"), ("week",),
    ("check", "testamt"), ("list",), ("validate",)])
@pytest.mark.parametrize("terminal", [False, True])
def test_the_views_for_a_person_show_controls_escaped(hostile: str, args: tuple[str, ...],
                                                      terminal: bool) -> None:
    at = () if args[0] in ("list", "validate") else ("--at", WED)
    run = run_cli([*args, *at, "--data", hostile], NO_CACHE, terminal=terminal)
    assert run.code in (0, 1), run.err
    assert_no_raw_controls(run.out, run.err)
    if terminal and args[0] != "validate":
        assert "Amt" in run.out and "evil" in run.out and "end" in run.out


@pytest.mark.parametrize("args", [
    ("now", "--all"), ("office", "testamt"), ("next", "testamt"), ("week",), ("list",)])
def test_json_writes_controls_as_escapes_that_read_back_the_same(
        hostile: str, args: tuple[str, ...]) -> None:
    at = () if args[0] == "list" else ("--at", WED)
    run = cli(*args, *at, "--json", "--data", hostile, env=NO_CACHE)
    assert run.code == 0, run.err
    assert_no_raw_controls(run.out)
    assert "\\u202e" in run.out and "\\u009b" in run.out
    assert HOSTILE_NAME in strings(json.loads(run.out))


def strings(value: object) -> set[str]:
    """Every string in a JSON document."""
    if isinstance(value, str):
        return {value}
    items = value.values() if isinstance(value, dict) else value \
        if isinstance(value, list) else ()
    return set().union(*map(strings, items))


def test_now_json_from_kept_parts_escapes_too(hostile: str, tmp_path: Path) -> None:
    """The second run writes the parts kept by the first (the cache), the same bytes."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    first, second = (cli("now", "--all", "--json", "--at", WED, "--data", hostile, env=env)
                     for _ in range(2))
    assert first.code == second.code == 0, (first.err, second.err)
    assert first.out == second.out
    assert_no_raw_controls(second.out)
    assert [row["name"] for row in json.loads(second.out)] == [HOSTILE_NAME]


def test_other_text_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "amt.yaml"
    path.write_text(HOSTILE_DATA.replace("Amt \\x9b31m", "Bürgeramt"), encoding="utf-8")
    run = cli("now", "--all", "--json", "--at", WED, "--data", str(path), env=NO_CACHE)
    assert '"name": "Bürgeramt ' in run.out, run.out


def test_yaml_export_escapes_controls_and_reads_back_the_same(hostile: str) -> None:
    run = cli("export", "--format", "yaml", "--data", hostile, env=NO_CACHE)
    assert run.code == 0, run.err
    assert_no_raw_controls(run.out, run.err)
    assert yaml.safe_load(run.out)["offices"][0]["name"] == HOSTILE_NAME


def test_yaml_export_header_escapes_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "a\x1b[2Jb\nc.yaml"
    path.write_text(HOSTILE_DATA, encoding="utf-8")
    run = cli("export", "--format", "yaml", "--data", str(path), env=NO_CACHE)
    assert run.code == 0, run.err
    assert_no_raw_controls(run.out)
    assert yaml.safe_load(run.out)["offices"][0]["name"] == HOSTILE_NAME


# --- control characters from the arguments ------------------------------------------------


def test_a_missing_data_path_is_echoed_escaped() -> None:
    path = "/nonexistent/\x1b]0;PWNED\x07\x1b[2J\x9b\u202e.yaml"
    run = cli("now", "--data", path)
    assert run.code == Exit.DATA, run.err
    assert_no_raw_controls(run.out, run.err)
    assert "\\u001b]0;PWNED\\u0007" in run.err
    assert len(run.err.splitlines()) == 1, run.err


@pytest.mark.parametrize("args", [("\x1b[2J",), ("office", "\x1b]0;x\x07\u202e"),
                                  ("now", "--at", "\x1b[2J")])
def test_usage_errors_echo_arguments_escaped(args: tuple[str, ...]) -> None:
    run = cli(*args)
    assert run.code == Exit.USAGE, run.err
    assert_no_raw_controls(run.out, run.err)


# --- errors capped as warnings are --------------------------------------------------------


def duplicate_keys(tmp_path: Path, count: int) -> str:
    path = tmp_path / "doppelt.yaml"
    channel = '      - kind: "phone"\n' + '        hours: "Mo-Fr 09:00-15:00"\n' * count
    path.write_text(TEST_SOURCE_HEAD + 'offices:\n  - id: "amt"\n    name: "Amt"\n'
                    '    source: "test"\n    channels:\n' + channel, encoding="utf-8")
    return str(path)


def test_a_thousand_errors_are_capped_with_a_count(tmp_path: Path) -> None:
    path = duplicate_keys(tmp_path, 1001)  # 1,000 errors: each key after the first
    before = cpu()
    run = cli("now", "--data", path, env=NO_CACHE)
    assert run.code == Exit.DATA, run.err
    lines = run.err.splitlines()
    assert len(lines) == 11, lines
    assert all(":9: error: " in line for line in lines[:10]), lines
    assert lines[-1] == ("erreichbar: 990 weitere Fehler; erreichbar validate zeigt sie "
                         "alle"), lines
    assert cpu() - before < 2, "well under 2 s CPU"


def test_eleven_errors_are_all_shown(tmp_path: Path) -> None:
    """No "1 more error": where one line would say it, the error itself is shown."""
    run = cli("now", "--data", duplicate_keys(tmp_path, 12), env=NO_CACHE)
    assert run.code == Exit.DATA
    assert len(run.err.splitlines()) == 11
    assert "weitere" not in run.err


def test_validate_lists_them_all(tmp_path: Path) -> None:
    run = cli("validate", duplicate_keys(tmp_path, 1001))
    assert run.code == Exit.DATA
    assert len([line for line in run.out.splitlines() if ": error: " in line]) == 1000


# --- a reader gone: --help and --version ---------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["now", "--help"]])
def test_help_and_version_into_a_closed_pipe_exit_141(args: list[str]) -> None:
    """As `erreichbar --help | true`: the reader has gone before anything is written."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "erreichbar", *args], stdout=write,
                              stderr=subprocess.PIPE, timeout=60,
                              env={**os.environ, "LANG": "C.UTF-8"})
    finally:
        os.close(write)
    assert done.returncode == Exit.BROKEN_PIPE, done.stderr
    assert done.stderr == b""


# --- the week at any width ---------------------------------------------------------------


@pytest.mark.parametrize("columns", [10, 20, 30])
def test_the_week_shows_its_days_and_their_state_at_any_width(columns: int) -> None:
    run = cli("week", "sozialamt", "--at", "2024-03-29T10:30", env={"COLUMNS": str(columns)})
    assert run.code == 0, run.err
    assert all(len(line) <= columns for line in run.out.splitlines()), run.out
    words = " ".join(run.out.split())
    days = ["Fr", "Sa", "So", "Mo", "Di", "Mi", "Do"]
    shown = [day for day in days if re.search(rf"\b{day} \d\d\.", words)]
    if columns < 30:  # too narrow for a day's column: every day, as a list (at 10
        assert shown == days, run.out  # columns even a word may be cut)
        letters = "".join(words.split())
        for state in ("geschlossen:Karfreitag", "09:00–15:00", "geschlossen", "unbekannt"):
            assert state in letters, run.out
    else:  # the picture of as many days as fit, the rest said to be left out
        assert shown[:1] == ["Fr"], run.out
        assert re.search(r"\d von 7 Tagen", words), run.out
