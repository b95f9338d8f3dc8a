"""The dataset as a product: data files are read literally and safely, checked whole,
layered, shown as text only, and never written.

Every command runs in-process through the shared runner (helpers.run_cli); a few cases
that need a real process (a device file, timing with start-up) use the installed entry
point.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from erreichbar.data import yamlnodes
from erreichbar.data.loader import bundled_path, load
from erreichbar.data.model import Segment, State
from erreichbar.errors import DataError
from helpers import DATA_HEAD, Run, run_cli

AT = "2024-03-04 10:00"  # a Monday in Offenbach
FINDING = re.compile(
    r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")

MINIMAL = DATA_HEAD + """\
offices:
  - id: "amt"
    name: "Amt"
    source: "s"
    channels:
      - kind: "phone"
        hours: "Mo-Fr 09:00-12:00"
        contacts:
          - phone: "069 1234"
"""


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    """No user data, no data from the environment, no colour unless a test asks, a cache
    of our own, and English (the messages compared here are; --lang de where it matters)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("ERREICHBAR_DATA", "ERREICHBAR_NO_CACHE", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args: str, env: dict[str, str] | None = None) -> Run:
    """In the environment the fixture above made (not CLEAN_ENV: its English, its cache)."""
    return run_cli(args, env, clean=False)


def one_error_line(result, path: str) -> str:
    """The run failed with exit 4 and exactly one clean line on stderr naming the file."""
    assert result.code == 4, result.output
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"erreichbar: {path}:"), lines
    return lines[0]


# --- 1. validate ---------------------------------------------------------------------------

def test_validate_ok_file(tmp_path):
    path = write(tmp_path / "ok.yaml", MINIMAL)
    result = run("validate", path)
    assert result.code == 0
    assert result.out == ""
    assert "0 errors, 0 warnings in 1 file" in result.err


def test_validate_reports_all_findings_at_once_in_file_order(tmp_path):
    text = MINIMAL.replace('kind: "phone"', 'kind: "fax"').replace(
        '    name: "Amt"\n', '    name: "Amt"\n    colour: "red"\n') + """\
      - kind: "visit"
        hours: "Mo-Fr 25:00-26:00"
        valid_from: "1.4.2024"
"""
    path = write(tmp_path / "bad.yaml", text)
    result = run("validate", path)
    assert result.code == 4
    findings = [FINDING.match(line) for line in result.out.splitlines()]
    assert all(findings), result.out
    assert [(int(m["line"]), m["sev"]) for m in findings] == [
        (11, "error"), (14, "error"), (19, "error"), (20, "error")]
    assert {m["file"] for m in findings} == {path}
    assert "4 errors, 0 warnings in 1 file" in result.err


def test_validate_several_files(tmp_path):
    good = write(tmp_path / "good.yaml", MINIMAL)
    bad = write(tmp_path / "bad.yaml", MINIMAL.replace("09:00-12:00", "12:60-13:00"))
    worse = write(tmp_path / "worse.yaml", MINIMAL.replace('"2024-03-01"', '"2024-02-30"'))
    result = run("validate", worse, good, bad)
    assert result.code == 4
    files = [FINDING.match(line)["file"] for line in result.out.splitlines()]
    assert files == [worse, bad]


WARNING_HOURS = '"Mo-Fr 08:00-12:00; Mo 14:00-16:00"'


def test_contradicting_rules_are_a_warning_and_strict_makes_them_errors(tmp_path):
    path = write(tmp_path / "warn.yaml", MINIMAL.replace('"Mo-Fr 09:00-12:00"', WARNING_HOURS))
    result = run("validate", path)
    assert result.code == 0
    (line,) = result.out.splitlines()
    m = FINDING.match(line)
    assert (m["file"], m["line"], m["col"], m["sev"]) == (path, "14", "16", "warning")
    assert "'Mo 14:00-16:00' replaces 'Mo-Fr 08:00-12:00'" in m["msg"]
    assert run("validate", "--strict", path).code == 4
    report = json.loads(run("validate", "--json", "--strict", path).out)
    assert report["ok"] is False and report["errors"] == 0 and report["warnings"] == 1
    assert report["findings"][0]["severity"] == "warning"
    assert (report["findings"][0]["line"], report["findings"][0]["column"]) == (14, 16)


def test_warnings_do_not_stop_a_command(tmp_path):
    path = write(tmp_path / "warn.yaml", MINIMAL.replace('"Mo-Fr 09:00-12:00"', WARNING_HOURS))
    result = run("check", "amt", "--data", path, "--at", "2024-03-04 15:00")
    assert result.code == 0  # Monday: the later rule wins, 14:00-16:00
    assert re.match(rf"^{re.escape(path)}:14:16: warning: ", result.err)


def test_validate_json(tmp_path):
    path = write(tmp_path / "bad.yaml", MINIMAL.replace('"phone"', '"fax"'))
    result = run("validate", "--json", path)
    assert result.code == 4
    report = json.loads(result.out)
    assert report["files"] == [path]
    assert report["ok"] is False and report["errors"] == 1
    assert report["findings"] == [{
        "file": path, "line": 13, "column": 15, "severity": "error",
        "message": "unknown channel kind 'fax'; use one of phone, visit, email, online"}]


def test_validate_without_files_checks_the_data_in_use():
    result = run("validate")
    assert result.code == 0, result.output
    assert "in 1 file" in result.err


@pytest.mark.parametrize("command", [
    ["now"], ["now", "--all", "--json"], ["next", "amt"], ["office", "amt"], ["check", "amt"],
])
def test_every_command_stops_on_errors(tmp_path, command):
    path = write(tmp_path / "bad.yaml", MINIMAL.replace("09:00-12:00", "25:00-26:00"))
    result = run(*command, "--data", path, "--at", AT)
    line = one_error_line(result, path)
    assert line == (f"erreichbar: {path}:14:23: error: hours 'Mo-Fr 25:00-26:00': 25:00 is not "
                    "a time: hours go up to 23 (24:00 only as an end)")


def test_validate_and_loading_agree_on_the_region(tmp_path):
    """A region the holiday calendar does not know passes neither validate nor a command —
    and the command's error names the file and the line, like every data error."""
    path = write(tmp_path / "region.yaml", MINIMAL.replace('"DE-HE"', '"DE-XX"'))
    checked = run("validate", path)
    used = run("now", "--data", path, "--at", AT)
    assert (checked.code, used.code) == (4, 4), (checked.output, used.output)
    line = next(n for n, text in enumerate(MINIMAL.splitlines(), 1) if text.startswith("region"))
    assert any(out.startswith(f"{path}:{line}:9: error: region 'DE-XX': no public holidays")
               for out in checked.out.splitlines()), checked.out


# --- 2. YAML 1.1 pitfalls ---------------------------------------------------------------

PITFALLS = """\
as_of: 2024-03-01
timezone: Europe/Berlin
region: DE-HE
sources:
  s: {title: T, publisher: P, date: 2019-02-13}
lines:
  - id: 115
    name: Behördennummer 115
    hours: Mo-Fr 08:00-18:00
    source: s
offices:
  - id: amt
    name: Amt
    aliases: [no, off, on, yes, 7.30, 0x1F, 1e3]
    source: s
    channels:
      - kind: visit
        hours: Mo-Fr 07:30-16:30
        valid_from: 2024-03-01
      - kind: phone
        hours: off
        contacts:
          - phone: 0698065123
          - phone: 0612345670
  - id: buero
    name: Büro
    source: s
    channels:
      - kind: phone
        via: 115
"""


@pytest.fixture
def pitfalls(tmp_path):
    return write(tmp_path / "pitfalls.yaml", PITFALLS)


def test_pitfalls_are_read_as_written(pitfalls):
    ds, report = load([pitfalls])
    assert report.findings == []
    assert ds.as_of == date(2024, 3, 1)
    amt, buero = ds.offices
    assert amt.sources[0].date == date(2019, 2, 13)
    assert amt.aliases == ("no", "off", "on", "yes", "7.30", "0x1F", "1e3")
    visit, phone = amt.channels
    # unquoted 07:30 is not the sexagesimal number 450 but half past seven
    assert visit.hours.text == "Mo-Fr 07:30-16:30"
    assert visit.hours.day(0, False) == (Segment(450, 990, State.OPEN),)
    assert visit.hours.day(5, False) == ()
    assert visit.validity.valid_from == date(2024, 3, 1)
    # unquoted off is not False but closed
    assert phone.hours.text == "off"
    assert all(day == () for day in phone.hours.days)
    # a number with a leading zero is a phone number, not an (octal) int
    assert [(c.value, c.uri) for c in phone.contacts] == [
        ("0698065123", "tel:+49698065123"), ("0612345670", "tel:+49612345670")]
    # an unquoted line id 115 is the text "115", and via finds it
    assert buero.channels[0].via is not None and buero.channels[0].via.id == "115"


def test_pitfalls_through_the_cli(pitfalls):
    def check(*args):
        return run("check", *args, "--data", pitfalls).code

    assert run("validate", pitfalls).code == 0
    assert check("amt", "-c", "visit", "--at", "2024-03-04 07:30") == 0
    assert check("amt", "-c", "visit", "--at", "2024-03-04 07:29") == 1
    assert check("amt", "-c", "visit", "--at", "2024-03-04 16:30") == 1
    assert check("amt", "-c", "phone", "--at", "2024-03-04 10:00") == 1  # hours: off
    assert check("buero", "--at", "2024-03-04 17:59") == 0  # via 115: Mo-Fr 08:00-18:00

    office = json.loads(run("office", "amt", "--json", "--data", pitfalls, "--at", AT).out)
    assert office["as_of"] == "2024-03-01"
    assert office["aliases"] == ["no", "off", "on", "yes", "7.30", "0x1F", "1e3"]
    assert office["source"]["date"] == "2019-02-13"
    phone, visit = sorted(office["channels"], key=lambda c: c["channel"])
    assert (visit["hours"], visit["state"], visit["until"], visit["valid_from"]) == (
        "Mo-Fr 07:30-16:30", "open", "2024-03-04T16:30:00+01:00", "2024-03-01")
    assert (phone["hours"], phone["state"]) == ("off", "closed")
    assert [c["value"] for c in phone["contacts"]] == ["0698065123", "0612345670"]

    # the alias "no" names the office: it was never turned into False
    assert json.loads(run("office", "no", "--json", "--data", pitfalls, "--at", AT).out)[
        "office"] == "amt"
    nxt = json.loads(run("next", "buero", "--json", "--data", pitfalls,
                         "--at", "2024-03-02 10:00").out)
    assert nxt[0]["start"] == "2024-03-04T08:00:00+01:00"
    plain = run("office", "amt", "--data", pitfalls, "--at", AT).out.splitlines()
    # (the hours are the ninth column; the columns after them say where facts come from)
    assert sorted(line.split("\t")[8] for line in plain) == ["Mo-Fr 07:30-16:30", "off"]
    assert any("0698065123,0612345670" in line.split("\t") for line in plain)


def test_dotted_times_are_read_with_a_warning_naming_the_standard_form(tmp_path):
    """`7.30-16.30` (unquoted, as clerks write it) is read as 07:30-16:30, as opening_hours.js
    reads it, with a warning where the value stands; `validate --strict` refuses it."""
    path = write(tmp_path / "dots.yaml", MINIMAL.replace('"Mo-Fr 09:00-12:00"', "7.30-16.30"))
    data, report = load([path])
    assert data.offices[0].channels[0].hours.days[0][0].start == 7 * 60 + 30
    [finding] = report.warnings
    assert (finding.line, finding.column) == (14, 16)
    assert "write `07:30-16:30`" in finding.message
    result = run("validate", path)
    assert result.code == 0 and f"{path}:14:16: warning: hours '7.30-16.30': " in result.out
    assert run("validate", "--strict", path).code == 4


# --- 3. safe loading ---------------------------------------------------------------------

def test_python_tags_are_refused_and_nothing_runs(tmp_path):
    marker = tmp_path / "was-run"
    path = write(tmp_path / "evil.yaml", MINIMAL.replace(
        'name: "Amt"', f'name: !!python/object/apply:os.system ["touch {marker}"]'))
    with pytest.raises(DataError, match=r"the tag !!python/object/apply:os.system is not allowed"):
        load([path])
    for command in (["validate", path], ["now", "--data", path]):
        result = run(*command)
        assert result.code == 4
    line = one_error_line(run("list", "--data", path), path)
    assert line.startswith(f"erreichbar: {path}:10:11: error: the tag !!python/object")
    assert not marker.exists()


BOMB = "".join(
    [MINIMAL, 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n']
    + [f"{k}: &{k} [{', '.join([f'*{p}'] * 9)}]\n"
       for p, k in zip("abcdefgh", "bcdefghi", strict=True)]
)


def test_billion_laughs_is_refused_quickly(tmp_path):
    path = write(tmp_path / "bomb.yaml", BOMB)
    start = time.perf_counter()
    with pytest.raises(DataError, match="alias bomb"):
        load([path])
    assert time.perf_counter() - start < 0.5
    start = time.perf_counter()
    line = one_error_line(run("now", "--data", path), path)
    assert time.perf_counter() - start < 0.5
    assert "too many values once aliases are expanded" in line


def amplified(n: int) -> str:
    """A 3 kB file whose aliases expand to about 22·n² values: below MAX_NODES for n=200."""
    channel = ('x: &ch {kind: phone, hours: "Mo-Fr 09:00-12:00; Mo 13:00-14:00", '
               'contacts: [{phone: "069 1"}], notes: ["a"]}\n')
    return (DATA_HEAD + channel + "y: &cl [" + ", ".join(["*ch"] * n) + "]\n"
            + "z: &o {id: amt, name: A, source: s, channels: *cl}\n"
            + "offices: [" + ", ".join(["*o"] * n) + "]\n")


def test_alias_amplification_is_refused_too(tmp_path):
    """A 3 kB file whose aliases expand to 40,000 channels: refused like a bomb (it
    multiplies what it says a thousandfold), at once and in one line."""
    path = write(tmp_path / "amplified.yaml", amplified(200))
    assert len(Path(path).read_bytes()) < 4000
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "erreichbar", "validate", path],
                              capture_output=True, text=True, timeout=5, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("validating a 4 kB file with aliases took more than 5 s")
    del start  # the 5 s timeout above is the guard against a hang; no timing is asserted
    assert proc.returncode == 4
    lines = proc.stdout.splitlines()
    assert len(lines) == 1 and "too many values once aliases are expanded" in lines[0], lines


def test_recursive_alias_is_refused(tmp_path):
    path = write(tmp_path / "rec.yaml", MINIMAL.replace(
        '    name: "Amt"\n', '    name: "Amt"\n    aliases: &a ["Amt", *a]\n'))
    line = one_error_line(run("now", "--data", path), path)
    assert line == f"erreichbar: {path}:11:14: error: an alias refers to the value that contains it"
    assert run("validate", path).code == 4


@pytest.mark.parametrize("raw, message", [
    (MINIMAL.replace("Amt", "Ausl\xe4nderamt").encode("latin-1"), "not UTF-8 text (byte 0xe4)"),
    (b"", "data file is empty"),
    (b"# nothing but a comment\n\n", "data file is empty"),
    (b"\xef\xbb\xbf", "data file is empty"),
    (MINIMAL.encode("utf-16"), "not UTF-8 text"),
])
def test_unreadable_contents(tmp_path, raw, message):
    path = tmp_path / "bad.yaml"
    path.write_bytes(raw)
    for command in (["now", "--at", AT], ["list"], ["office", "amt"]):
        line = one_error_line(run(*command, "--data", str(path)), str(path))
        assert message in line
    result = run("validate", str(path))
    assert result.code == 4
    assert len(result.out.splitlines()) == 1 and message in result.out


def test_a_directory(tmp_path):
    line = one_error_line(run("now", "--data", str(tmp_path)), str(tmp_path))
    assert line == f"erreichbar: {tmp_path}:1:1: error: is a directory, not a data file"


def test_a_missing_file(tmp_path):
    path = str(tmp_path / "nope.yaml")
    line = one_error_line(run("list", "--data", path), path)
    assert line == f"erreichbar: {path}:1:1: error: data file not found"
    assert run("validate", path).code == 4


def reading_modules() -> list:
    """The modules that read data files: yamlnodes, and files.py where it has moved to."""
    import importlib

    out = [yamlnodes]
    with contextlib.suppress(ImportError):
        out.append(importlib.import_module("erreichbar.data.files"))
    return out


def test_an_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.yaml", MINIMAL)
    real_open = open

    def deny(file, *args, **kwargs):
        if str(file) == path:
            raise PermissionError(13, "Permission denied", path)
        return real_open(file, *args, **kwargs)

    for module in reading_modules():
        monkeypatch.setattr(module, "open", deny, raising=False)
    line = one_error_line(run("now", "--data", path), path)
    assert line == f"erreichbar: {path}:1:1: error: data file cannot be read: permission denied"
    result = run("validate", path)
    assert result.code == 4 and "permission denied" in result.out


def test_a_file_over_the_size_limit(tmp_path, monkeypatch):
    path = write(tmp_path / "big.yaml", MINIMAL)
    for module in reading_modules():
        monkeypatch.setattr(module, "MAX_BYTES", 100)
    line = one_error_line(run("list", "--data", path), path)
    assert "larger than the limit" in line
    for module in reading_modules():
        monkeypatch.setattr(module, "MAX_BYTES", len(MINIMAL.encode()))
    assert run("list", "--data", path).code == 0


def _limit_memory():  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_that_never_ends_is_refused():
    """The size limit holds for files whose size the file system cannot tell."""
    try:
        proc = subprocess.run([sys.executable, "-m", "erreichbar", "now", "--data", "/dev/zero"],
                              capture_output=True, text=True, timeout=10, check=False,
                              preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        pytest.fail("reading /dev/zero did not stop")
    assert "Traceback" not in proc.stderr, proc.stderr[-300:]
    assert proc.returncode == 4
    assert proc.stderr.startswith("erreichbar: /dev/zero:")


def test_a_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert run("validate", str(path)).code == 0
    ds, _ = load([str(path)])
    assert ds.as_of == date(2024, 3, 1)
    assert run("check", "amt", "--data", str(path), "--at", AT).code == 0


# --- 4. text from data files is text --------------------------------------------------------

OSC52 = "\x1b]52;c;SGVsbG8=\x07"
OSC8 = "\x1b]8;;http://evil\x1b\\"
RED = "\x1b[31m"
NASTY = f"[bold]fett[/] {RED}rot\x1b[0m {OSC8}link{OSC8} {OSC52} \r\u202eevil\u202c [/]"
# the data's own control sequences; none may reach the terminal
FORBIDDEN = ("\x1b]52", "\x1b]8;;http://evil", RED, "\u202e", "\u202c", "\r", "\x07")


def yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=True)  # a JSON string is a YAML double-quoted one


def nasty_file(tmp_path) -> tuple[str, dict[str, str]]:
    s = {k: f"{k} {NASTY}" for k in (
        "title", "publisher", "line", "line_note", "name", "alias", "service", "note",
        "dated_note", "unit", "description", "comment", "channel_note", "always", "planned")}
    text = f"""\
as_of: "2024-03-01"
timezone: "Europe/Berlin"
region: "DE-HE"
sources:
  s:
    title: {yaml_str(s["title"])}
    publisher: {yaml_str(s["publisher"])}
lines:
  - id: "l1"
    name: {yaml_str(s["line"])}
    hours: "Mo-Fr 08:00-18:00"
    source: "s"
    notes: [{yaml_str(s["line_note"])}]
offices:
  - id: "amt"
    name: {yaml_str(s["name"])}
    aliases: [{yaml_str(s["alias"])}]
    services: [{yaml_str(s["service"])}]
    source: "s"
    notes:
      - {yaml_str(s["note"])}
      - text: {yaml_str(s["dated_note"])}
        valid_from: "2024-01-01"
    units:
      - id: "u"
        name: {yaml_str(s["unit"])}
        description: {yaml_str(s["description"])}
    channels:
      - kind: "phone"
        unit: "u"
        hours: {yaml_str('Mo-Fr 09:00-12:00 "' + s["comment"].replace('"', "") + '"')}
        notes: [{yaml_str(s["channel_note"])}]
        contacts:
          - phone: "069 8065-0"
      - kind: "visit"
        via: "l1"
      - kind: "email"
        hours: {yaml_str('24/7 "' + s["always"] + '"')}
      - kind: "online"
        hours: 'unknown "{s["comment"][:7]}"'
planned:
  - text: {yaml_str(s["planned"])}
    offices: ["amt"]
    source: "s"
"""
    return write(tmp_path / "nasty.yaml", text), s


COMMANDS = [
    ["now"], ["now", "--all"], ["next", "amt"], ["next", "amt/u"], ["office", "amt"],
    ["office", "amt/u"], ["check", "amt"], ["check", "amt", "-c", "email"], ["list"],
    ["now", "--all", "--lang", "de"], ["office", "amt", "--lang", "de"],
]


def assert_harmless(output: str) -> None:
    for seq in FORBIDDEN:
        assert seq not in output, f"{seq!r} reached the terminal"


# the view's own styling and hyperlinks (the data's own sequences are checked by
# assert_harmless)
STYLING = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")


def shown(output: str) -> str:
    """What a reader sees, without the view's styling and without any whitespace: where
    the view breaks a long text into lines does not matter."""
    return "".join(STYLING.sub("", output).split())


@pytest.mark.parametrize("human", [True, False], ids=["terminal", "pipe"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_markup_and_escapes_in_the_data_stay_text(tmp_path, command, human):
    path, _ = nasty_file(tmp_path)
    at = [] if command[0] == "list" else ["--at", AT]
    # a wide terminal of a known width, whatever the one running the tests is
    env = {"FORCE_COLOR": "1", "COLUMNS": "200"} if human else None
    result = run(*command, "--data", path, *at, env=env)
    assert result.code in (0, 1, 3), result.output
    assert_harmless(result.out + result.err)
    if human or command[0] != "check":  # (plain `check` prints no names)
        # rich markup is shown, not interpreted
        assert "[bold]fett[/]" in shown(result.out), result.out
    if human:
        assert "\x1b[" in result.out  # the terminal view it is (its own styling)
    else:
        assert "\x1b" not in result.out


def test_the_terminal_view_also_in_a_narrow_terminal(tmp_path):
    path, _ = nasty_file(tmp_path)
    for command in COMMANDS:
        at = [] if command[0] == "list" else ["--at", AT]
        result = run(*command, "--data", path, *at, env={"FORCE_COLOR": "1", "COLUMNS": "20"})
        assert result.code in (0, 1, 3), result.output
        assert_harmless(result.out)


def test_json_keeps_the_text_intact(tmp_path):
    path, s = nasty_file(tmp_path)
    office = json.loads(run("office", "amt", "--json", "--data", path, "--at", AT).out)
    assert office["name"] == s["name"]
    assert office["aliases"] == [s["alias"]]
    assert office["services"] == [s["service"]]
    assert office["source"]["title"] == s["title"]
    assert office["source"]["publisher"] == s["publisher"]
    assert [n["text"] for n in office["notes"]] == [s["note"], s["dated_note"]]
    phone, visit, email, _online = office["channels"]
    assert phone["name"] == f"{s['name']} – {s['unit']}"
    assert phone["comment"] == s["comment"].replace('"', "")
    assert [n["text"] for n in phone["notes"]] == [s["channel_note"]]
    assert [n["text"] for n in visit["via_notes"]] == [s["line_note"]]
    assert email["comment"] == s["always"]
    assert office["planned"][0]["text"] == s["planned"]
    listing = json.loads(run("list", "--json", "--data", path).out)
    assert [row["name"] for row in listing] == [s["name"], s["unit"]]
    now = json.loads(run("now", "--all", "--json", "--data", path, "--at", AT).out)
    assert {row["name"] for row in now} == {s["name"], f"{s['name']} – {s['unit']}"}
    output = run("office", "amt", "--json", "--data", path, "--at", AT).out
    for seq in ("\x1b", "\x07", "\r"):
        assert seq not in output  # JSON escapes control characters: \u001b, \u0007, \r


CONTACT_TEMPLATE = MINIMAL + """\
      - kind: "online"
        hours: "24/7"
        contacts:
          - {kind}: {value}
"""


@pytest.mark.parametrize("kind, value", [
    ("url", "https://www.offenbach.de/x\x1b\\" + OSC52),
    ("url", "https://www.offenbach.de/\u202eexe.amt"),
    ("email", "amt" + OSC52 + "@offenbach.de"),
], ids=["url-osc52", "url-bidi", "email-osc52"])
def test_contacts_with_control_characters_never_reach_the_terminal(tmp_path, kind, value):
    """Refused by validate, or shown harmlessly — never sent as an OSC 8 link target."""
    path = write(tmp_path / "c.yaml", CONTACT_TEMPLATE.format(kind=kind, value=yaml_str(value)))
    for command in (["now"], ["office", "amt"], ["next", "amt", "-c", "online"]):
        result = run(*command, "--data", path, "--at", AT, env={"FORCE_COLOR": "1"})
        assert_harmless(result.out + result.err)


def test_a_source_url_with_control_characters_never_reaches_the_terminal(tmp_path):
    url = yaml_str("https://www.offenbach.de/" + OSC52)
    text = MINIMAL.replace('    publisher: "P"\n', f'    publisher: "P"\n    url: {url}\n')
    path = write(tmp_path / "src.yaml", text)
    result = run("office", "amt", "--data", path, "--at", AT, env={"FORCE_COLOR": "1"})
    assert_harmless(result.out + result.err)


def test_validate_shows_findings_harmlessly(tmp_path):
    kind = yaml_str("fax" + OSC52 + "\u202e")
    path = write(tmp_path / "v.yaml", MINIMAL.replace('kind: "phone"', f"kind: {kind}"))
    for args in (["validate", path], ["now", "--data", path]):
        result = run(*args)
        assert result.code == 4
        assert_harmless(result.out + result.err)
    report = json.loads(run("validate", "--json", path).out)
    assert "fax" in report["findings"][0]["message"]


# --- 5. layering ---------------------------------------------------------------------------

def office_yaml(office_id: str, name: str, hours: str = "Mo-Fr 09:00-12:00") -> str:
    return f"""\
  - id: "{office_id}"
    name: "{name}"
    source: "s"
    channels:
      - kind: "phone"
        hours: "{hours}"
"""


def layer(tmp_path, filename: str, *offices: str, head: str = DATA_HEAD) -> str:
    return write(tmp_path / filename, head + "offices:\n" + "".join(offices))


SOURCES_ONLY = 'sources:\n  s:\n    title: "T2"\n    publisher: "P2"\n'


def listing(*args: str) -> list[tuple[str, str, str]]:
    result = run("list", "--json", *args)
    assert result.code == 0, result.output
    return [(row["id"], row["name"], row["origin"]) for row in json.loads(result.out)]


def test_data_given_several_times_layers_in_order(tmp_path):
    base = layer(tmp_path, "base.yaml", office_yaml("a", "A"), office_yaml("b", "B"),
                 office_yaml("c", "C"))
    mine = layer(tmp_path, "mine.yaml", office_yaml("b", "B neu", "Sa 10:00-12:00"),
                 office_yaml("d", "D"), head=SOURCES_ONLY)
    rows = listing("--data", base, "--data", mine)
    assert sorted(rows) == [("a", "A", base), ("b", "B neu", mine), ("c", "C", base),
                            ("d", "D", mine)]
    assert run("check", "b", "--data", base, "--data", mine, "--at", "2024-03-09 11:00"
               ).code == 0  # the replacing office's hours, not the replaced one's
    # a file given again comes last and wins again
    rows = listing("--data", base, "--data", mine, "--data", base)
    assert sorted(rows) == [("a", "A", base), ("b", "B", base), ("c", "C", base),
                            ("d", "D", mine)]


def test_now_json_says_where_each_office_comes_from(tmp_path):
    base = layer(tmp_path, "base.yaml", office_yaml("a", "A"), office_yaml("b", "B"))
    mine = layer(tmp_path, "mine.yaml", office_yaml("b", "B2"), head=SOURCES_ONLY)
    rows = json.loads(run("now", "--all", "--json", "--data", base, "--data", mine,
                          "--at", AT).out)
    assert {(r["office"], r["origin"]) for r in rows} == {("a", base), ("b", mine)}
    office = json.loads(run("office", "b", "--json", "--data", base, "--data", mine,
                            "--at", AT).out)
    assert office["origin"] == mine


def test_user_file_is_layered_over_the_bundled_data(tmp_path, monkeypatch):
    config = tmp_path / "config"
    (config / "erreichbar").mkdir(parents=True)
    user = layer(config / "erreichbar", "offices.yaml",
                 office_yaml("sozialamt", "Sozialamt (mein Stand)", "Sa 10:00-12:00"),
                 office_yaml("beratung", "Beratungsstelle"), head=SOURCES_ONLY)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    bundled = bundled_path()
    rows = {r[0]: r for r in listing()}
    assert rows["sozialamt"] == ("sozialamt", "Sozialamt (mein Stand)", user)
    assert rows["beratung"] == ("beratung", "Beratungsstelle", user)
    assert rows["mainarbeit"][2] == bundled
    now = json.loads(run("now", "--all", "--json", "--at", "2024-03-09 11:00").out)
    origins = {(r["office"], r["origin"]) for r in now}
    assert ("sozialamt", user) in origins and ("mainarbeit", bundled) in origins
    assert run("check", "sozialamt", "--at", "2024-03-09 11:00").code == 0
    # validate without files checks both
    result = run("validate")
    assert result.code == 0 and "in 2 files" in result.err


def test_a_broken_user_file_stops_every_command(tmp_path, monkeypatch):
    config = tmp_path / "config"
    (config / "erreichbar").mkdir(parents=True)
    user = write(config / "erreichbar" / "offices.yaml",
                 SOURCES_ONLY + "offices:\n" + office_yaml("x", "X", "Mo-Fr 09:00-12:60"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    line = one_error_line(run("now", "--at", AT), user)
    assert line == (f"erreichbar: {user}:11:29: error: hours 'Mo-Fr 09:00-12:60': 12:60 is not a "
                    "time: minutes go up to 59")
    assert run("validate").code == 4


def test_a_user_file_can_use_the_lines_of_the_bundled_data(tmp_path, monkeypatch):
    """The Behördennummer 115 is recorded once, in the bundled data; an office of the
    user's own file that is reached through it says `via: "115"`."""
    config = tmp_path / "config"
    (config / "erreichbar").mkdir(parents=True)
    write(config / "erreichbar" / "offices.yaml", SOURCES_ONLY + """\
offices:
  - id: "standesamt"
    name: "Standesamt"
    source: "s"
    channels:
      - kind: "phone"
        via: "115"
""")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    result = run("check", "standesamt", "--at", "2024-03-04 17:00")
    assert result.code == 0, result.output


def test_erreichbar_data_names_files_instead_of_the_bundled_data(tmp_path, monkeypatch):
    base = layer(tmp_path, "base.yaml", office_yaml("a", "A"), office_yaml("b", "B"))
    mine = layer(tmp_path, "mine.yaml", office_yaml("b", "B2"), head=SOURCES_ONLY)
    config = tmp_path / "config"
    (config / "erreichbar").mkdir(parents=True)
    layer(config / "erreichbar", "offices.yaml", office_yaml("u", "U"), head=SOURCES_ONLY)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))  # not used: ERREICHBAR_DATA wins
    monkeypatch.setenv("ERREICHBAR_DATA", os.pathsep.join([base, mine]))
    assert sorted(listing()) == [("a", "A", base), ("b", "B2", mine)]
    # --data wins over ERREICHBAR_DATA
    assert sorted(listing("--data", base)) == [("a", "A", base), ("b", "B", base)]
    # ... and validate checks what would be used
    assert "in 2 files" in run("validate").err


def test_erreichbar_data_with_a_missing_file(tmp_path, monkeypatch):
    missing = str(tmp_path / "missing.yaml")
    monkeypatch.setenv("ERREICHBAR_DATA", missing)
    line = one_error_line(run("now", "--at", AT), missing)
    assert line.endswith("data file not found")


def test_layered_files_must_share_the_zone(tmp_path):
    base = layer(tmp_path, "base.yaml", office_yaml("a", "A"))
    other = layer(tmp_path, "other.yaml", office_yaml("b", "B"),
                  head=DATA_HEAD.replace("Europe/Berlin", "Europe/Vienna"))
    result = run("list", "--data", base, "--data", other)
    assert result.code == 4
    assert "differs" in result.err and other in result.err
    assert run("validate", base, other).code == 4


def test_a_file_without_date_zone_and_region_is_a_layer(tmp_path):
    """A first file without as_of, timezone and region cannot stand alone: it is your own
    layer, and --data puts it on top of the bundled data, as validate checks it."""
    only = layer(tmp_path, "only.yaml", office_yaml("b", "B"), head=SOURCES_ONLY)
    listed = run("list", "--data", only)
    assert listed.code == 0, listed.err
    ids = [line.split("\t")[0] for line in listed.out.splitlines()]
    assert "sozialamt" in ids and "b" in ids  # the bundled offices, then the layer's
    assert run("validate", only).code == 0
    assert run("validate", bundled_path(), only).code == 0
    assert run("list", "--data", bundled_path(), "--data", only).code == 0


# --- 6. data files are never written -----------------------------------------------------

ALL_COMMANDS = [
    ["now"], ["now", "--all"], ["now", "--json"], ["next", "amt"], ["next", "amt", "--json"],
    ["office", "amt"], ["office", "amt", "--json"], ["check", "amt"], ["check", "amt", "-q"],
    ["list"], ["list", "--json"], ["validate"], ["validate", "--strict", "--json"],
]


@pytest.mark.parametrize("broken", [False, True], ids=["valid", "broken"])
def test_data_files_are_never_written(tmp_path, broken):
    text = MINIMAL.replace('"Mo-Fr 09:00-12:00"', WARNING_HOURS)
    if broken:
        text = text.replace('"phone"', '"fax"')
    data = tmp_path / "data"
    data.mkdir()
    path = write(data / "offices.yaml", text)
    old = 1_000_000_000_000_000_000  # a fixed mtime in 2001, so a rewrite would show
    os.utime(path, ns=(old, old))
    before = (Path(path).read_bytes(), os.stat(path).st_mtime_ns, sorted(os.listdir(data)))
    for command in ALL_COMMANDS:
        for human in (False, True):
            if command[0] == "validate":
                args = [*command, path]
            elif command[0] == "list":
                args = [*command, "--data", path]
            else:
                args = [*command, "--data", path, "--at", AT]
            run(*args, env={"FORCE_COLOR": "1"} if human else None)
    after = (Path(path).read_bytes(), os.stat(path).st_mtime_ns, sorted(os.listdir(data)))
    assert after == before


# --- PyYAML without libyaml ----------------------------------------------------------------

@pytest.fixture
def without_libyaml(monkeypatch):
    """yamlnodes as it is when PyYAML was built without its C extension."""
    import importlib

    import yaml

    monkeypatch.setitem(sys.modules, "yaml.cyaml", None)
    for name in ("CParser", "CLoader", "CSafeLoader", "CBaseLoader", "CFullLoader"):
        monkeypatch.delattr(yaml, name, raising=False)
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    importlib.reload(yamlnodes)
    yield
    monkeypatch.undo()
    importlib.reload(yamlnodes)


def test_without_libyaml_the_pitfalls_are_read_the_same(pitfalls, without_libyaml):
    test_pitfalls_are_read_as_written(pitfalls)
    test_pitfalls_through_the_cli(pitfalls)


def test_without_libyaml_escaped_surrogates_do_not_crash(tmp_path, without_libyaml):
    """`"\\ud83d\\ude00"` is how JSON writes an emoji; YAML's pure-Python scanner turns the
    two escapes into two lone surrogates, which cannot be printed."""
    emoji = r'name: "Amt \ud83d\ude00"'
    path = write(tmp_path / "emoji.yaml", MINIMAL.replace('name: "Amt"', emoji))
    for command in (["list"], ["now", "--at", AT], ["office", "amt", "--at", AT]):
        result = run(*command, "--data", path)
        if result.code == 4:
            one_error_line(result, path)
        else:
            assert result.code == 0
    assert run("validate", path).code in (0, 4)


# --- the cache never decides what is protected or what is printed ------------------------

@pytest.fixture
def data_elsewhere(tmp_path, monkeypatch):
    """A copy of the bundled data in tmp/, read first from tmp/a/ as ../d.yaml, which fills
    the cache; the test then runs from tmp/b/c/."""
    data = tmp_path / "d.yaml"
    data.write_bytes(Path(bundled_path()).read_bytes())
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "c").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a")
    assert run("list", "--data", "../d.yaml").code == 0
    assert list((tmp_path / "cache").rglob("*.bin")), "the first run filled the cache"
    monkeypatch.chdir(tmp_path / "b" / "c")
    return data


@pytest.mark.parametrize("args", [
    ["office", "sozialamt", "--svg"], ["office", "sozialamt", "--html"], ["week", "--svg"],
    ["export", "--format", "osm", "-o"], ["ics", "sozialamt", "-o"],
])
@pytest.mark.parametrize("spelled", ["absolute", "relative"])
def test_an_output_never_replaces_the_data_in_use_whoever_filled_the_cache(
        data_elsewhere, args, spelled):
    before = data_elsewhere.read_bytes()
    path = str(data_elsewhere) if spelled == "absolute" else "../../d.yaml"
    result = run(*args, path, "--data", path)
    assert result.code == 2, (result.out, result.err)
    assert "data file in use" in result.err
    assert data_elsewhere.read_bytes() == before


def test_origin_is_the_path_given_whichever_run_filled_the_cache(tmp_path, monkeypatch):
    """`origin` names the data file as this run was given it: a cached run answers what an
    uncached one does."""
    (tmp_path / "d.yaml").write_bytes(Path(bundled_path()).read_bytes())
    monkeypatch.chdir(tmp_path)
    at = ["--at", "2024-03-06T10:30", "--json"]
    assert run("now", *at, "--data", "./d.yaml").code == 0  # fills the cache
    for spelled in ("d.yaml", "./d.yaml", str(tmp_path / "d.yaml")):
        cached = run("now", *at, "--data", spelled)
        uncached = run("now", *at, "--data", spelled, env={"ERREICHBAR_NO_CACHE": "1"})
        origins = {row["origin"] for row in json.loads(cached.out)}
        assert origins == {spelled}, origins
        assert cached.out == uncached.out


# --- outputs that are not regular files, and options that name nothing -------------------

def test_an_output_into_a_fifo_is_written_into_it_and_the_fifo_stays(tmp_path):
    import stat

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # the reader is there first, and never blocks: should the FIFO be replaced by a file,
    # this end sees nothing instead of waiting forever (the answer is far below a pipe's
    # buffer, so the writer never waits either)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = run("export", "sozialamt", "--format", "osm", "-o", str(fifo))
        try:
            got = os.read(reader, 1 << 16)
        except BlockingIOError:
            got = b""
    finally:
        os.close(reader)
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "still a FIFO, not a file"
    # "Das Sozialamt ist montags bis freitags zwischen 9 und 15 Uhr telefonisch ... erreichbar"
    assert b"sozialamt\tphone\tMo-Fr 09:00-15:00" in got


def test_dash_as_output_is_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", "sozialamt", "--format", "osm", "-o", "-")
    assert result.code == 0
    assert "sozialamt\tphone\tMo-Fr 09:00-15:00" in result.out
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("args", [["--channel", ""], ["--channel", ","], ["--channel", " , "],
                                  ["--data", ""]])
def test_an_option_that_names_nothing_is_a_usage_error_not_everything(args):
    result = run("now", "--at", "2024-03-06T10:30", *args)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.splitlines()) == 1 and result.err.startswith("erreichbar: ")


@pytest.mark.parametrize("value", [":", "::", " : "])
def test_erreichbar_data_naming_no_file_is_the_same_as_unset(value):
    at = ("now", "--json", "--at", "2024-03-06T10:30")
    assert run(*at, env={"ERREICHBAR_DATA": value}).out == run(*at).out != ""


def test_a_user_file_that_is_a_dangling_link_is_said_not_skipped(tmp_path):
    """The user's own layer is meant to be read: a link to a file that is gone is an error
    naming it, not an answer quietly given without it."""
    config = tmp_path / "config"
    (config / "erreichbar").mkdir(parents=True)
    (config / "erreichbar" / "offices.yaml").symlink_to(tmp_path / "gone.yaml")
    result = run("now", "--at", "2024-03-06T10:30", env={"XDG_CONFIG_HOME": str(config)})
    assert result.code == 4
    assert result.out == ""
    [line] = result.err.splitlines()
    assert str(config / "erreichbar" / "offices.yaml") in line


def test_an_output_into_a_character_device_writes_into_it_and_the_device_stays(tmp_path):
    """A device node of its own (the numbers of /dev/null, so writing into it is harmless)
    must stay a device: `-o` writes into it as `>` would."""
    import stat

    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    result = run("export", "sozialamt", "--format", "osm", "-o", str(device))
    assert result.code == 0, result.err
    assert stat.S_ISCHR(os.lstat(device).st_mode), "still a device, not a file"


def test_dev_stdout_as_output_works_in_a_pipe(tmp_path):
    done = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m erreichbar export sozialamt --format osm '
                     "-o /dev/stdout | cat"],
        capture_output=True, text=True, timeout=60, check=False,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "ERREICHBAR_NO_CACHE": "1",
             "XDG_CONFIG_HOME": str(tmp_path / "no-config")})
    assert done.returncode == 0 and done.stderr == "", done.stderr
    # "Das Sozialamt ist montags bis freitags zwischen 9 und 15 Uhr telefonisch ... erreichbar"
    assert "sozialamt\tphone\tMo-Fr 09:00-15:00" in done.stdout


def test_a_user_file_behind_a_folder_that_cannot_be_searched_is_said(tmp_path, monkeypatch):
    """Where the user's own file cannot even be looked at (a folder on the way without
    search permission), the run says so instead of answering without it. Root may search
    any folder, so the refusal is made by the stat itself here."""
    from erreichbar.data import loader as dataset

    config = tmp_path / "config"
    mine = str(config / "erreichbar" / "offices.yaml")
    real_stat = os.stat

    def refusing(path, *args, **kwargs):
        if os.fspath(path) == mine:
            raise PermissionError(13, "Permission denied", mine)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(dataset.os, "stat", refusing)
    assert dataset.data_files(None, {"XDG_CONFIG_HOME": str(config)})[-1] == mine


def _files_and_load(config: str, bundled: str) -> tuple[list[str], str]:
    from erreichbar.data import loader as dataset

    dataset.bundled_path = lambda: bundled  # (in the child alone: a copy it may read)
    env = {"XDG_CONFIG_HOME": config}
    files = dataset.data_files(None, env)
    try:
        load(files, use_cache=False)
    except DataError as error:
        return files, str(error)
    return files, ""


def test_a_user_file_that_another_user_may_not_search_is_said():
    """Really as another user (a child that gave up root): its config folder lies behind a
    folder it may not search, so its own data file cannot be looked at. The run says so,
    naming the file, instead of answering from the bundled data alone."""
    import shutil
    import tempfile

    from helpers import NOBODY, as_another_user

    base = Path(tempfile.mkdtemp())
    try:
        os.chmod(base, 0o755)  # noqa: S103 - open to the other user on purpose
        mine = base / "config" / "erreichbar" / "offices.yaml"
        mine.parent.mkdir(parents=True)
        mine.write_text("offices: []\n")
        os.chown(base / "config", NOBODY, NOBODY)
        os.chmod(mine.parent, 0o700)  # root's, on the way to nobody's file
        # the bundled data where the other user may read it (the checkout may lie in a
        # folder only its owner may enter)
        bundled = base / "offices.yaml"
        shutil.copyfile(bundled_path(), bundled)
        os.chmod(bundled, 0o644)
        files, error = as_another_user(_files_and_load, str(base / "config"), str(bundled))
        assert files[-1] == str(mine)
        assert str(mine) in error and "ermission" in error, error
    finally:
        shutil.rmtree(base)


# --- `--data -`: the data from standard input ----------------------------------------------

WED_MORNING = ("--at", "2024-03-06T10:30")  # a Wednesday: "montags bis freitags" applies


def stdin_run(*args: str, stdin: bytes | str) -> Run:
    return run_cli(args, None, clean=False, stdin=stdin)


def stored_entries(tmp_path: Path) -> list[str]:
    """The cache's entries of datasets and of the JSON view (holiday tables aside)."""
    folder = tmp_path / "cache" / "erreichbar"
    return sorted(p.name for p in folder.glob("*.bin")
                  if p.name.startswith(("dataset-", "json-"))) if folder.is_dir() else []


@pytest.mark.parametrize("args", [("now", "--json"), ("now", "--all"), ("check", "sozialamt"),
                                  ("office", "mainarbeit", "--json"), ("list",)])
def test_data_from_standard_input_answers_as_the_same_file_does(args):
    """The bundled data piped in gives the bundled data's answers, the file named `-`."""
    text = Path(bundled_path()).read_text("utf-8")
    at = WED_MORNING if args[0] != "list" else ()
    piped = stdin_run(*args, *at, "--data", "-", stdin=text)
    named = run(*args, *at, "--data", bundled_path())
    assert (piped.code, piped.err) == (named.code, named.err) == (named.code, "")
    assert piped.out == named.out.replace(json.dumps(bundled_path())[1:-1], "-")
    assert piped.out


def test_data_from_standard_input_is_never_cached(tmp_path):
    """Standard input has no name, size or time that would tell a later run it is the same:
    nothing is kept, and two runs with different data give their own answers."""
    first = stdin_run("check", "amt", "--data", "-", *WED_MORNING, stdin=MINIMAL)
    later = stdin_run("check", "amt", "--data", "-", *WED_MORNING,
                      stdin=MINIMAL.replace("09:00-12:00", "11:00-12:00"))
    json_first = stdin_run("now", "--json", "--data", "-", *WED_MORNING, stdin=MINIMAL)
    assert (first.code, later.code, json_first.code) == (0, 1, 0)  # open at 10:30; closed
    assert stored_entries(tmp_path) == []
    assert run("check", "amt", "--data", write(tmp_path / "amt.yaml", MINIMAL),
               *WED_MORNING).code == 0
    assert stored_entries(tmp_path) != []  # the same data from a file is kept


def test_errors_in_data_from_standard_input_are_named_dash_line_column():
    text = MINIMAL.replace('    name: "Amt"\n', '    name: "Amt"\n    colour: "red"\n')
    row = text.splitlines().index('    colour: "red"') + 1  # its key at column 5
    where = f"-:{row}:5: error:"
    line = one_error_line(stdin_run("list", "--data", "-", stdin=text), "-")
    assert line.startswith(f"erreichbar: {where}"), line
    assert "colour" in line
    checked = stdin_run("validate", "-", stdin=text)
    assert checked.code == 4 and checked.out.startswith(where), checked.out
    checked = stdin_run("validate", "--data", "-", stdin=text)
    assert checked.code == 4 and checked.out.startswith(where), checked.out
    empty = one_error_line(stdin_run("list", "--data", "-", stdin=""), "-")
    assert "empty" in empty


def test_standard_input_is_read_once():
    """Twice `-` would read what the first read left (nothing): a usage error instead."""
    result = stdin_run("list", "--data", "-", "--data", "-", stdin=MINIMAL)
    assert result.code == 2 and result.out == ""
    assert len(result.err.splitlines()) == 1 and "once" in result.err


def test_standard_input_is_no_data_file_an_output_could_replace(tmp_path, monkeypatch):
    """`-` is standard input, not the file named "-" here: writing to ./- is allowed, and
    reading standard input leaves that file as it was when it is not written to."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_text("not data", encoding="utf-8")
    result = stdin_run("export", "--data", "-", "--format", "osm", "-o", "./-", stdin=MINIMAL)
    assert result.code == 0, result.err
    assert "amt\tphone\tMo-Fr 09:00-12:00" in (tmp_path / "-").read_text("utf-8")


@pytest.mark.parametrize(("redirect", "message"), [
    ("<&-", "standard input is closed"),
    ("< /dev/zero", "larger than the limit of 50 MiB"),  # endless: one bounded read
    ("< /dev/null", "empty"),
])
def test_standard_input_closed_endless_or_empty_is_one_line_and_4(redirect, message):
    command = ["sh", "-c", f'exec "$@" {redirect}', "sh", sys.executable, "-m", "erreichbar",
               "list", "--data", "-"]
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LANGUAGE": "en",
           "XDG_CONFIG_HOME": "/nonexistent-erreichbar-test", "LC_ALL": "en_US.UTF-8"}
    done = subprocess.run(command, capture_output=True, timeout=120, env=env, check=False)
    lines = done.stderr.decode().splitlines()
    assert done.returncode == 4 and done.stdout == b"", done.stderr
    assert len(lines) == 1 and lines[0].startswith("erreichbar: -:"), lines
    assert message in lines[0]
