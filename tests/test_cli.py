"""The command line itself: `check`'s exit codes and its one line, `list`, where the data
come from (--data, ERREICHBAR_DATA) and how a bad file ends a run, options, help and
version, the machine's time zone, closed pipes, a real terminal, and never a traceback.
What the answers say is tested with the module that makes them (test_answers.py,
test_lookup.py, test_when.py, the test_render_*.py files); values from the city's texts and
the calendar (helpers.py).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from helpers import (
    ANSI,
    CLEAN_ENV,
    FRI_AFTERNOON,
    FRONLEICHNAM,
    KARFREITAG,
    KINDS,
    PHONE_TARGETS,
    SAT,
    STALE,
    TERMINAL,
    WED,
    cli,
    colours,
    json_out,
    one_line_error,
    plain,
    row_id,
    run_cli,
    write_custom_data,
)


def assert_check(name: str, at: str, code: int, *options: str) -> None:
    """`check NAME` exits CODE (0 open, 1 closed, 3 unknown), also with -q (then silently)."""
    run = cli("check", name, "--at", at, *options)
    assert run.code == code, f"check {name} at {at}: exit {run.code}, expected {code}: {run.err}"
    assert len(run.out.splitlines()) == 1, run.out
    quiet = cli("check", name, "--at", at, *options, "-q")
    assert (quiet.code, quiet.out, quiet.err) == (code, "", "")


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
    # Wednesday 07:45: the Telefonzentrale opens at 8, the Leistungssachbearbeitung at 10;
    # the Ansprechpersonen are unknown within the MainArbeit's hours (from 7.30), and its
    # visit, open then but only by appointment, is no way to reach it now
    assert_check("mainarbeit", "2024-03-06T07:45", 3)
    # and on 16:00-16:30, after the Telefonzentrale has closed
    assert_check("mainarbeit", "2024-03-06T16:15", 3)


def test_check_exit_1_outside_the_frame_of_unpublished_hours() -> None:
    """Hours not published are unknown only within a frame (data: `assumptions`), closed
    outside it: the Ansprechpersonen within the MainArbeit's opening hours (Mo-Do
    7.30-16.30, Fr 7.30-14), the Geschäftszimmer within Mo-Fr 07:00-18:00."""
    assert_check("mainarbeit", SAT, 1)
    assert_check("mainarbeit/ansprechpersonen", SAT, 1)
    assert_check("mainarbeit/ansprechpersonen", FRI_AFTERNOON, 1)  # Friday after 14:00
    assert_check("mainarbeit/ansprechpersonen", "2024-03-06T07:15", 1)
    assert_check("wohnungsamt/geschaeftszimmer", "2024-03-06T07:15", 3)
    assert_check("wohnungsamt/geschaeftszimmer", "2024-03-06T18:30", 1)
    assert_check("wohnungsamt/geschaeftszimmer", SAT, 1)
    # the Sozialamt's ZeBuSS visit, from 2026-01-01, times not published: unknown within
    # the Bürozeiten (Monday 2026-01-05), closed outside them and before it is valid
    assert_check("sozialamt/zebuss", "2026-01-05T10:00", 3)
    assert_check("sozialamt/zebuss", "2026-01-05T20:00", 1)
    assert_check("sozialamt/zebuss", "2025-12-29T10:00", 1)


def test_check_on_24_and_31_december() -> None:
    """Staff are usually released then (TVöD § 6 Abs. 3; data: `special_days`): an office's
    phone lines are unknown where they would be open, closed elsewhere; the 115 line is
    not the office's. 2024-12-24 and 2024-12-31 are Tuesdays."""
    for day in ("2024-12-24", "2024-12-31"):
        assert_check("sozialamt", f"{day}T10:00", 3, "-c", "phone")  # Mo-Fr 9-15
        assert_check("sozialamt", f"{day}T16:00", 1, "-c", "phone")
        assert_check("auslaenderamt", f"{day}T10:00", 0, "-c", "phone")  # via the 115
    assert_check("sozialamt", "2024-12-23T10:00", 0, "-c", "phone")  # the Monday before


def test_check_never_counts_a_visit_by_appointment() -> None:
    """A visit that needs an appointment is never a way to reach the office now: `check`
    counts only open (0) and unknown (3) phone and visit channels. The Sozialamt's visits
    are by appointment (hours not published), its phone Mo-Fr 9-15: at night, closed."""
    assert_check("sozialamt", "2024-03-06T20:00", 1)
    assert_check("sozialamt", "2024-03-06T20:00", 1, "-c", "visit")
    assert_check("mainarbeit", WED, 1, "-c", "visit")  # within its hours, by appointment


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


def test_list_json_and_plain() -> None:
    rows = json_out("list")
    ids = [r["id"] for r in rows]
    # every office, every unit with a phone line, and the Sozialamt's ZeBuSS (its visit
    # from January 2026)
    assert set(ids) == {"mainarbeit", "sozialamt", "auslaenderamt", "wohnungsamt",
                        "buergerbuero", "sozialamt/zebuss"} | PHONE_TARGETS
    names = {r["name"] for r in rows}
    assert {"Sozialamt", "Ausländeramt", "Wohnungsamt", "Bürgerbüro", "Telefonzentrale",
            "Leistungssachbearbeitung", "Geschäftszimmer",
            "Zentrale Beratungs- und Servicestelle (ZeBuSS)"} <= names
    lines = plain("list")
    assert [f[0] for f in lines] == ids
    assert len({len(f) for f in lines}) == 1
    assert all(len(f) >= 3 for f in lines)


@pytest.fixture
def custom_data(tmp_path: Path) -> Path:
    return write_custom_data(tmp_path)


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


def test_bad_lang_is_a_usage_error() -> None:
    line = one_line_error(cli("now", "--at", WED, "--lang", "fr"), 2)
    assert "fr" in line


# --- the common options, before the command or after it -----------------------------------

# Each common option with a value that changes the answer, and a command that takes it.
BEFORE_OR_AFTER = [
    ("now", ("--lang", "en")),
    ("now", ("--channel", "phone")),
    ("now", ("-c", "visit")),
    ("next", ("--at", SAT)),
    ("office", ("--json",)),
    ("check", ("--at", FRI_AFTERNOON)),
    ("holidays", ("--json",)),
    ("validate", ("--lang", "en")),
]


def names_of(command: str) -> list[str]:
    return {"next": ["sozialamt"], "office": ["sozialamt"], "check": ["telefonzentrale"]} \
        .get(command, [])


@pytest.mark.parametrize(("command", "option"), BEFORE_OR_AFTER)
def test_a_common_option_means_the_same_before_the_command(command, option):
    rest = [*names_of(command), *(["--at", WED] if "--at" not in option and command not in
                                   ("validate",) else [])]
    after = run_cli([command, *rest, *option], terminal=True)
    before = run_cli([*option, command, *rest], terminal=True)
    # (compared as a person reads them: a link's id in the escape sequences is new each run)
    assert (before.code, before.words, before.err) == (after.code, after.words, after.err)
    without = run_cli([command, *rest], terminal=True)
    assert (without.words, without.err) != (after.words, after.err), "the option is no-op"


def test_data_before_the_command(custom_data: Path) -> None:
    rows = json_out("--data", str(custom_data), "list")
    assert [r["id"] for r in rows] == ["testamt"]


@pytest.mark.parametrize(("before", "after"), [
    (("--at", SAT), ("--at", WED)),
    (("--lang", "de"), ("--lang", "en")),
    (("--lang", "en"), ("--lang", "de")),
    (("-c", "visit"), ("--channel", "phone")),
])
def test_given_both_before_and_after_the_command_the_one_after_wins(before, after):
    both = run_cli([*before, "now", *after, *([] if "--at" in after else ["--at", WED])],
                   terminal=True)
    alone = run_cli(["now", *after, *([] if "--at" in after else ["--at", WED])],
                    terminal=True)
    assert (both.code, both.words, both.err) == (alone.code, alone.words, alone.err)


def test_data_after_the_command_replaces_the_data_before_it(custom_data: Path) -> None:
    rows = json_out("--data", "/nonexistent/not-read.yaml", "list", "--data", str(custom_data))
    assert [r["id"] for r in rows] == ["testamt"]


@pytest.mark.parametrize(("option", "command"), [
    (("--json",), "ics"), (("--at", WED), "list"), (("--channel", "phone"), "export"),
    (("--json",), "export"),
])
def test_a_common_option_the_command_does_not_take_is_the_same_error_before_it(
        option, command):
    after = run_cli([command, *option])
    before = run_cli([*option, command])
    one_line_error(after, 2)
    assert (before.code, before.out, before.err) == (after.code, after.out, after.err)
    assert option[0] in before.err


def test_the_tool_and_its_commands_list_the_common_options_in_their_help() -> None:
    top = cli("-h", env={"LANG": "en_US.UTF-8"}).out
    for option in ("--channel", "--at", "--json", "--data", "--lang"):
        assert option in top


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


# the environment of the in-process runs (helpers.run_cli), for a child process
BASE_ENV: dict[str, str | None] = CLEAN_ENV


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


# the footer's line for the city's text of 01.03.2024 (data/offices.yaml, source
# offenbach-2024); whitespace collapsed, since the terminal may break it
SOURCE_2024_DE = ("Quelle: Stadt Offenbach: „Telefonische Erreichbarkeit und Sprechstunden "
                  "der Ämter“, 01.03.2024")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_real_terminal_gets_the_drawn_view_and_the_same_json() -> None:
    code, drawn = _run_in_pty("now", "--at", WED)
    assert code == 0
    assert SOURCE_2024_DE in " ".join(ANSI.sub("", drawn).split())
    assert "\t" not in drawn
    code, as_json = _run_in_pty("now", "--json", "--at", WED)
    assert code == 0
    assert json.loads(as_json) == json.loads(run_module("now", "--json", "--at", WED).stdout)
    assert "\x1b" not in as_json
    code, no_color = _run_in_pty("now", "--at", WED, NO_COLOR="1")
    assert code == 0
    assert not colours(no_color)
    assert SOURCE_2024_DE in " ".join(ANSI.sub("", no_color).split())


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


def test_common_options_without_a_command_are_a_usage_error_in_the_language_of_the_run():
    german = one_line_error(cli("--json"), 2)
    english = one_line_error(cli("--lang", "en", "--at", WED), 2)
    assert "Befehl fehlt" in german and "Missing command" in english
