"""Helpers shared by the tests (importable as `helpers`: tests/ is on pytest's pythonpath):
running the CLI in process, and the instants, ids and assertions that the tests of the
city's texts share.

The expected values the assertions are given come from the city's texts in
shared/sources and a calendar, never from the program's own output:

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
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
BERLIN = ZoneInfo("Europe/Berlin")


def local(text: str) -> datetime:
    """A wall-clock time in Offenbach: local('2024-03-06T10:30')."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


# --- running the CLI in process ------------------------------------------------------------

# A clean environment: no colour forcing, no data from the environment, no user layer, the
# German default locale, 80 columns.
CLEAN_ENV: dict[str, str | None] = {
    "FORCE_COLOR": None,
    "NO_COLOR": None,
    "CLICOLOR_FORCE": None,
    "TTY_COMPATIBLE": None,
    "ERREICHBAR_DATA": None,
    "XDG_CONFIG_HOME": "/nonexistent-erreichbar-test",
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANGUAGE": None,
    "LANG": "C.UTF-8",
    "COLUMNS": "80",
    "TERM": "xterm-256color",
}
# a colour terminal wide enough that a view's columns stand side by side, whatever runs the
# tests
TERMINAL: dict[str, str | None] = {"FORCE_COLOR": "1", "COLUMNS": "200"}

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        """stdout, then stderr."""
        return self.out + self.err

    @property
    def text(self) -> str:
        """stdout without escape sequences, as a person reads it."""
        return ANSI.sub("", self.out)

    @property
    def words(self) -> str:
        """`text` with every run of whitespace one space: where the view breaks a line does
        not matter for what the text says."""
        return " ".join(self.text.split())


def run_cli(args: tuple[str, ...] | list[str], env: dict[str, str | None] | None = None, *,
            terminal: bool = False, clean: bool = True, stdin: bytes | str | None = None
            ) -> Run:
    """`erreichbar ARGS` through typer's CliRunner, stdout and stderr kept apart.

    ENV is merged over CLEAN_ENV (a None removes a variable); with `terminal`, over a wide
    colour terminal (TERMINAL) too; with `clean=False` over the process's own environment
    instead, as a test's monkeypatch left it. STDIN is what standard input holds. Fails on
    any escaped exception and on a traceback in either stream."""
    from typer.testing import CliRunner

    from erreichbar.cli.app import app

    merged = {**CLEAN_ENV, **(TERMINAL if terminal else {})} if clean else {}
    result = CliRunner().invoke(app, list(args), input=stdin, env={**merged, **(env or {})})
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        raise AssertionError(f"erreichbar {' '.join(args)} crashed: {exc!r}") from exc
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream
        assert 'File "' not in stream, stream
    return Run(result.exit_code, result.stdout, result.stderr)


# --- the answers to the city's texts, through the command line ------------------------------

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

# A tel: URI as RFC 3966 (section 3) defines it, its ABNF written out rule by rule:
#   telephone-uri = "tel:" ( global-number / local-number )
#   global-number = global-number-digits *par
#   local-number = local-number-digits *par context *par
_VISUAL_SEPARATOR = r"[-.()]"
_PHONEDIGIT = rf"(?:[0-9]|{_VISUAL_SEPARATOR})"
_PHONEDIGIT_HEX = rf"(?:[0-9A-Fa-f*#]|{_VISUAL_SEPARATOR})"
_GLOBAL_NUMBER_DIGITS = rf"\+{_PHONEDIGIT}*[0-9]{_PHONEDIGIT}*"
_LOCAL_NUMBER_DIGITS = rf"{_PHONEDIGIT_HEX}*[0-9A-Fa-f*#]{_PHONEDIGIT_HEX}*"
_ALPHANUM = "[A-Za-z0-9]"
_DOMAINLABEL = rf"(?:{_ALPHANUM}(?:(?:{_ALPHANUM}|-)*{_ALPHANUM})?)"
_TOPLABEL = rf"(?:[A-Za-z](?:(?:{_ALPHANUM}|-)*{_ALPHANUM})?)"
_DOMAINNAME = rf"(?:{_DOMAINLABEL}\.)*{_TOPLABEL}\.?"
_PCT_ENCODED = "%[0-9A-Fa-f]{2}"
_PARAMCHAR = rf"(?:[\[\]/:&+$]|[A-Za-z0-9\-_.!~*'()]|{_PCT_ENCODED})"
_URIC = rf"(?:[;/?:@&=+$,]|[A-Za-z0-9\-_.!~*'()]|{_PCT_ENCODED})"
_PAR = (rf"(?:;ext={_PHONEDIGIT}+|;isub={_URIC}+"
        rf"|;[A-Za-z0-9-]+(?:={_PARAMCHAR}+)?)")
_CONTEXT = rf";phone-context=(?:{_DOMAINNAME}|{_GLOBAL_NUMBER_DIGITS})"
TEL_URI = re.compile(rf"tel:(?:(?P<global>{_GLOBAL_NUMBER_DIGITS}){_PAR}*"
                     rf"|(?P<local>{_LOCAL_NUMBER_DIGITS}){_PAR}*{_CONTEXT}{_PAR}*)")


def assert_tel_uri(uri: str) -> None:
    """URI is a tel: URI by RFC 3966's grammar; a global number is an E.164 number (at most
    15 digits, section 5.1.4) and names no phone-context (section 5.1.5)."""
    m = TEL_URI.fullmatch(uri)
    assert m, uri
    if m["global"]:
        assert len(re.sub("[^0-9]", "", m["global"])) <= 15, uri
        assert ";phone-context=" not in uri, uri


ANY: Any = object()  # "don't care" for the helpers' keyword arguments
BOX_DRAWING = re.compile("[\u2500-\u257f]")


def cli(*args: str, env: dict[str, str | None] | None = None) -> Run:
    """`erreichbar ARGS` in CLEAN_ENV (not a terminal, German, 80 columns), ENV merged."""
    return run_cli(args, env)


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
    run = run_cli(args, env, terminal=True)
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


SGR = re.compile(r"\x1b\[([0-9;]*)m")
COLOUR_PARAMS = {*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108)}


def colours(out: str) -> set[int]:
    """The colours (foreground and background SGR parameters) that OUT switches on."""
    found = set()
    for params in SGR.findall(out):
        found |= {int(p) for p in params.split(";") if p} & COLOUR_PARAMS
    return found


_CODE = re.compile(r"\x1b\[([0-9;]*)m|\x1b\]8;[^;\x1b]*;([^\x1b]*)\x1b\\|(.)", re.S)
_SHOWN_ON_SPACE = {"4", "7"}  # underline and reverse; a space shows no colour, bold or dim


def drawn(text: str) -> str:
    """Terminal output as what it shows: each run of characters in one set of SGR
    attributes and one link written the same way, however the program wrote its escape
    codes (two that draw the same characters in the same styles compare equal)."""
    runs: list[list] = []
    attrs: frozenset[str] = frozenset()
    link = ""
    for m in _CODE.finditer(text):
        if m.group(1) is not None:
            params = {p for p in m.group(1).split(";") if p}
            attrs = frozenset() if not params or params == {"0"} else attrs | params
        elif m.group(2) is not None:
            link = m.group(2)
        else:
            char = m.group(3)
            shown = attrs if char != " " else attrs & _SHOWN_ON_SPACE
            key = (frozenset() if char == "\n" else shown, "" if char == "\n" else link)
            if runs and runs[-1][1] == key:
                runs[-1][0] += char
            else:
                runs.append([char, key])
    out = "".join(f"<{';'.join(sorted(a))}|{lk}>{chars}" if a or lk else chars
                  for chars, (a, lk) in runs)
    return re.sub(r" +$", "", out, flags=re.M)


# A command of each kind, for what must hold of all of them (JSON, plain lines).
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

# The head of a small data file of a test's own: its date, zone and region, and one source,
# "s" (DATA_HEAD) or "test" (TEST_SOURCE_HEAD); the offices follow.
DATA_HEAD = """\
as_of: "2024-03-01"
timezone: "Europe/Berlin"
region: "DE-HE"
sources:
  s:
    title: "T"
    publisher: "P"
"""
TEST_SOURCE_HEAD = """\
as_of: "2024-03-01"
timezone: "Europe/Berlin"
region: "DE-HE"
sources:
  test:
    title: "Testquelle"
    publisher: "Test"
"""

# A data file of one's own whose office name holds rich markup and an escape sequence.
CUSTOM_DATA = TEST_SOURCE_HEAD + """\
offices:
  - id: "testamt"
    name: "Testamt [bold red]rot[/] \\e[31mESC"
    source: "test"
    channels:
      - kind: "phone"
        hours: "Mo-Fr 09:00-15:00"
        contacts: [{phone: "069 1234"}]
"""
CUSTOM_NAME = "Testamt [bold red]rot[/] \x1b[31mESC"


def write_custom_data(folder: Path) -> Path:
    path = folder / "eigene.yaml"
    path.write_text(CUSTOM_DATA, encoding="utf-8")
    return path


NOBODY = 65534  # the uid and gid of "nobody" on Linux and the BSDs


def import_everything() -> None:
    """Import every module of the package (and so the libraries they import at their head,
    and the ones they import later, where a module can be asked to)."""
    import importlib
    import pkgutil

    import erreichbar

    for module in pkgutil.walk_packages(erreichbar.__path__, "erreichbar."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    for late in ("yaml", "dateutil.parser", "holidays", "tomllib", "tempfile", "json"):
        importlib.import_module(late)


def as_another_user(fn: Any, *args: Any) -> Any:
    """fn(*args) run as the user "nobody", really: in a forked child that has given up
    root, so the kernel's permission and ownership checks apply to it. Returns what fn
    returned (it must be picklable), or raises what it raised. Only root can do this; a
    test that needs it is skipped elsewhere, with that reason."""
    import os
    import pickle

    import pytest

    if not hasattr(os, "fork") or os.geteuid() != 0:
        pytest.skip("needs root, to become another user")
    # The checkout (and a virtual environment in it) may lie in a folder only its owner may
    # enter (a `mktemp -d`, root's home): the child could then import nothing more. So every
    # module of the package, and what they import, is imported here, before the fork; the
    # test itself arranges any file the child must read.
    import_everything()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: become nobody, run, hand the outcome back, leave at once
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            try:
                outcome = ("returned", fn(*args))
            except BaseException as exc:  # handed to the parent, to raise there
                outcome = ("raised", exc)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(outcome, pipe)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    kind, value = pickle.loads(data)  # noqa: S301 - from our own child
    if kind == "raised":
        raise value
    return value
