"""Fuzzing data files: random files, valid and broken, through loading, validation and every
command, in-process.

The files are mostly shaped like the schema (so that deep checks are reached), with values
drawn from the YAML 1.1 pitfalls, hours strings mixing valid tokens and junk, random text,
random structures in place of values, keys dropped or added, hostile YAML snippets, and
sometimes no schema at all. Scalars are written plain, single- or double-quoted.

The only allowed outcomes: exit 0, 1 or 3 with an answer, or exit 2 or 4 with clean
`erreichbar: ...` lines on stderr (4: each naming the file, line and column); never an
exception, never a traceback; and the same input gives the same output twice.
`validate` and loading agree: a file has errors for one exactly when it has for the other.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
import typer.main
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from erreichbar.cli.app import app
from erreichbar.data.loader import check as check_files
from erreichbar.data.loader import load
from erreichbar.errors import DataError

AT = "2024-03-04 10:00"
ENV = {"ERREICHBAR_DATA": None, "NO_COLOR": None, "FORCE_COLOR": None, "LANG": "de_DE.UTF-8",
       "XDG_CONFIG_HOME": "/nonexistent-erreichbar-fuzz"}


# --- a tiny YAML writer, so that the style of every scalar is chosen by the test ----------

@dataclass(frozen=True)
class S:
    """A scalar and how it is written: plain, 'single' or "double" quoted."""

    text: str
    style: str = "plain"

    def render(self) -> str:
        if self.style == "double":
            return json.dumps(self.text, ensure_ascii=False)
        if self.style == "single":
            return "'" + self.text.replace("'", "''") + "'"
        return self.text


@dataclass(frozen=True)
class Raw:
    """A piece of YAML text appended to the file as written (hostile snippets)."""

    text: str


def render_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", key) else json.dumps(key)


def emit(value: object, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return pad + "{}\n"
        out = []
        for key, item in value.items():
            head = f"{pad}{render_key(key)}:"
            out.append(head + _tail(item, indent))
        return "".join(out)
    if isinstance(value, list):
        if not value:
            return pad + "[]\n"
        return "".join(f"{pad}-" + _tail(item, indent) for item in value)
    assert isinstance(value, S)
    return pad + value.render() + "\n"


def _tail(item: object, indent: int) -> str:
    if isinstance(item, S):
        return " " + item.render() + "\n"
    if isinstance(item, (dict, list)) and not item:
        return " " + ("{}" if isinstance(item, dict) else "[]") + "\n"
    return "\n" + emit(item, indent + 2)


def document(tree: object, extras: list[Raw]) -> str:
    return emit(tree) + "".join(r.text for r in extras)


# --- strategies -------------------------------------------------------------------------------
#
# A file is drawn valid first (consistent ids, units, lines and sources) and then broken by
# 0-3 mutations at random places; a few files have no schema at all or are not even YAML.

STYLES = st.sampled_from(["double", "plain", "single"])
PITFALLS = ["off", "on", "no", "yes", "Off", "NO", "07:30", "7.30", "2024-03-01", "0698065",
            "0612345670", "~", "null", "", " ", "1e3", "0x1F", ".inf", ".nan", "115", "24/7",
            "unknown", "[bold]x[/]", "\x1b[31mred", "\x1b]52;c;SGVsbG8=\x07", "\u202eevil",
            "a\rb", "a\x7fb", "- x", "a: b", "#", "&a", "*a", "!x", "%", "@", "`", "'", '"',
            "\\", "\t", "Mo-Fr 07:30-16:30", "Mo-Fr 7.30-16.30", "Sa 25:00-26:00"]
TEXT = st.one_of(st.sampled_from(PITFALLS), st.text(max_size=12))
# text that a valid file can hold: not empty, no characters YAML refuses in a stream
NICE = st.one_of(
    st.sampled_from(["Amt", "Sozialamt", "Bürgerbüro – Kaiserstraße", "[bold]fett[/]",
                     "\x1b[31mrot", "\x1b]52;c;SGVsbG8=\x07", "\u202eevil", "a\rb", "off",
                     "07:30", "2024-03-01", "0698065", "Wohngeld"]),
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=12)
    .filter(str.strip),
)


def scalar(texts=TEXT):
    return st.builds(S, texts, STYLES)


def nice(texts=NICE):
    """Text written so that YAML reads it back as it is."""
    return texts.map(lambda t: S(t, "double"))


HOUR_TOKENS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "Di", "Mi", "Do", "So", "PH", "ph",
               "-", "–", ",", ";", " ", "off", "closed", "open", "unknown", "24/7", "09:00",
               "12:00", "7:30", "24:00", "00:00", "23:59", "25:00", "12:60", "7.30", "8",
               '"Rückruf"', '"', "|", "||", "Jan", "sunrise", "x", ":", "\t", "\n"]
DAYS = st.sampled_from(["Mo", "Mo-Fr", "Sa", "Sa,Su", "Fr-Mo", "Di-Do", "PH", "Mo,We,Fr",
                        "Mo-Fr,PH", "mo-fr", "Mo–Fr"])


def clock(quarters: int) -> str:
    return f"{quarters // 4:02d}:{quarters % 4 * 15:02d}"


@st.composite
def span(draw):
    start = draw(st.integers(0, 24 * 4 - 1))
    end = draw(st.integers(start + 1, 24 * 4))
    return f"{clock(start)}-{clock(end)}"


RULE = st.one_of(
    st.builds(lambda d, s, c: f"{d} {s}{c}", DAYS,
              st.lists(span(), min_size=1, max_size=3).map(",".join),
              st.sampled_from(["", ' "Rückruf"', " unknown", ' unknown "x"'])),
    st.builds(lambda d, m: f"{d} {m}", DAYS, st.sampled_from(["off", "closed", "unknown"])),
    st.sampled_from(["24/7", "unknown", 'unknown "nach Vereinbarung"', "off",
                     '24/7 "[bold]x[/]"']),
)
VALID_HOURS = st.lists(RULE, min_size=1, max_size=4).map("; ".join)
HOURS = st.one_of(
    VALID_HOURS,
    st.lists(st.sampled_from(HOUR_TOKENS), max_size=10).map("".join),
    st.builds(lambda a, b: a + b, VALID_HOURS,
              st.lists(st.sampled_from(HOUR_TOKENS), max_size=3).map("".join)),
    TEXT,
)
DATE = st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31))
BAD_DATES = st.sampled_from(["2024-13-01", "1.4.2024", "2024-02-30", "2024-3-1", "heute"])
IDS = ["amt", "sozialamt", "buero", "b-2", "x_3"]
PHONES = st.sampled_from(["069 8065-3584", "115", "+49 69 8065-0", "0698065", "(069) 80 65/1"])
EMAILS = st.sampled_from(["amt@offenbach.de", "a.b@example.org"])
URLS = st.sampled_from(["www.offenbach.de/amt", "https://offenbach.de", "http://a.example/x?y=1"])

ANY = st.recursive(
    scalar(),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.one_of(st.sampled_from(["id", "name", "hours", "kind"]), TEXT),
                      inner, max_size=3),
    max_leaves=8,
)
CONTACT = st.one_of(
    st.builds(lambda v: {"phone": v}, scalar(PHONES)),
    st.builds(lambda v: {"email": v}, scalar(EMAILS)),
    st.builds(lambda v: {"url": v}, scalar(URLS)),
)


@st.composite
def validity(draw, into: dict) -> None:
    dates = sorted(draw(st.lists(DATE, max_size=2)))
    keys = draw(st.sampled_from([("valid_from", "valid_until"), ("valid_until",), ("valid_from",)]))
    for key, day in zip(keys, dates, strict=False):
        into[key] = S(day.isoformat(), draw(STYLES))


@st.composite
def notes(draw) -> list:
    out = []
    for text in draw(st.lists(nice(), max_size=2)):
        if draw(st.booleans()):
            out.append(text)
        else:
            note = {"text": text}
            draw(validity(note))
            out.append(note)
    return out


@st.composite
def channel(draw, units: list[str], has_line: bool) -> dict:
    ch: dict = {"kind": S(draw(st.sampled_from(["phone", "visit", "email", "online"])),
                          draw(STYLES))}
    if units and draw(st.booleans()):
        ch["unit"] = S(draw(st.sampled_from(units)), draw(STYLES))
    if has_line and ch["kind"].text == "phone" and draw(st.booleans()):
        ch["via"] = S("115", draw(STYLES))
    else:
        ch["hours"] = draw(scalar(VALID_HOURS))
    if draw(st.booleans()):
        ch["contacts"] = draw(st.lists(CONTACT, max_size=3))
    if draw(st.booleans()):
        ch["appointment"] = S(draw(st.sampled_from(["required", "optional", "none"])))
    if draw(st.booleans()):
        ch["notes"] = draw(notes())
    if draw(st.booleans()):
        draw(validity(ch))
    return ch


@st.composite
def office(draw, office_id: str, has_line: bool) -> dict:
    units = draw(st.lists(st.sampled_from(["u1", "u2", "zentrale"]), max_size=2, unique=True))
    o: dict = {"id": S(office_id, draw(STYLES)), "name": draw(nice()),
               "source": S("s", draw(STYLES))}
    if draw(st.booleans()):
        o["aliases"] = draw(st.lists(nice(), max_size=2))
    if draw(st.booleans()):
        o["services"] = draw(st.lists(nice(), max_size=2))
    if units:
        o["units"] = [{"id": S(u), "name": draw(nice())} for u in units]
    if draw(st.booleans()):
        o["notes"] = draw(notes())
    channels = draw(st.lists(channel(units, has_line), min_size=1, max_size=4))
    for u in units:  # a unit without channels is a warning; usually give it one
        if draw(st.integers(0, 3)) and not any(c.get("unit") == S(u) for c in channels):
            channels.append({"kind": S("phone"), "unit": S(u), "hours": draw(scalar(VALID_HOURS))})
    o["channels"] = channels
    return o


@st.composite
def valid_file(draw) -> dict:
    has_line = draw(st.booleans())
    ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True))
    tree: dict = {
        "as_of": S(draw(DATE).isoformat(), draw(STYLES)),
        "timezone": S("Europe/Berlin", draw(STYLES)),
        "region": S(draw(st.sampled_from(["DE-HE", "DE-HE", "DE", "DE-BY"])), draw(STYLES)),
        "sources": {"s": {"title": draw(nice()), "publisher": draw(nice())}},
    }
    if draw(st.booleans()):
        tree["sources"]["s"]["url"] = draw(scalar(URLS))
    if draw(st.booleans()):
        tree["sources"]["s"]["date"] = S(draw(DATE).isoformat())
    if has_line:
        tree["lines"] = [{"id": S("115", draw(STYLES)), "name": draw(nice()),
                          "hours": draw(scalar(VALID_HOURS)), "source": S("s")}]
    tree["offices"] = [draw(office(i, has_line)) for i in ids]
    if draw(st.booleans()):
        tree["planned"] = [{"text": draw(nice()), "source": S("s"),
                            "offices": [S(i) for i in draw(st.lists(st.sampled_from(ids),
                                                                    max_size=2))]}]
    return tree


def places(tree: object, path: tuple = ()) -> list[tuple]:
    """Every (container, key) in the tree, as paths."""
    out = []
    if isinstance(tree, dict):
        for key, value in tree.items():
            out.append((*path, key))
            out.extend(places(value, (*path, key)))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            out.append((*path, i))
            out.extend(places(value, (*path, i)))
    return out


def at(tree: object, path: tuple) -> object:
    for step in path:
        tree = tree[step]  # type: ignore[index]
    return tree


REPLACEMENTS = st.one_of(scalar(), scalar(HOURS), scalar(BAD_DATES), ANY,
                         st.sampled_from([S("2024-03-01"), S("off"), S(""), S("~"), S("115"),
                                          S("u9"), S("fax"), S("06980 65"), S("1.4.2024"),
                                          S("DE-XX"), S("XX"), S("Europe/Vienna")]))


@st.composite
def mutated(draw, tree: dict) -> object:
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2, 3]))):
        spots = places(tree)
        if not spots:
            break
        path = draw(st.sampled_from(spots))
        parent, key = at(tree, path[:-1]), path[-1]
        op = draw(st.sampled_from(["replace", "replace", "delete", "add", "duplicate", "plain"]))
        if op == "replace":
            parent[key] = draw(REPLACEMENTS)
        elif op == "delete":
            del parent[key]
        elif op == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["colour", "hour", "channel", "id", "x y"]))] = draw(ANY)
        elif op == "duplicate" and isinstance(parent, list):
            parent.append(parent[key])
        elif op == "plain" and isinstance(parent[key], S):
            parent[key] = S(parent[key].text, "plain")
    return tree


HOSTILE = st.sampled_from([
    "x: !!python/object/apply:os.system ['true']\n",
    "x: &a [*a]\n",
    "x: *nowhere\n",
    "x: !include other.yaml\n",
    "x: &a {k: v}\ny:\n  <<: *a\n",
    "offices: []\n",  # a duplicate key
    "x: [unclosed\n",
    "\tx: tab\n",
    "---\nsecond: document\n",
    "x: &l [a, a, a, a, a, a, a, a]\ny: &m [*l, *l, *l, *l, *l, *l, *l, *l]\n",
    "x: \"\x7f\"\n",
])


@st.composite
def data_files(draw) -> tuple[str, list[str]]:
    """(the file's text, the NAMEs to ask about)."""
    shape = draw(st.sampled_from(["schema"] * 8 + ["any", "text"]))
    if shape == "text":
        return draw(st.text(max_size=80)), ["amt"]
    tree = draw(mutated(draw(valid_file()))) if shape == "schema" else draw(ANY)
    extras = draw(st.lists(st.builds(Raw, HOSTILE), max_size=1)) if draw(
        st.integers(0, 9)) == 0 else []
    names = ["amt"]
    offices = tree.get("offices") if isinstance(tree, dict) else None
    if isinstance(offices, list):
        for o in offices:
            if isinstance(o, dict) and isinstance(o.get("id"), S):
                names.append(o["id"].text)
                units = o.get("units")
                if isinstance(units, list) and units and isinstance(units[0], dict) \
                        and isinstance(units[0].get("id"), S):
                    names.append(f"{o['id'].text}/{units[0]['id'].text}")
    name = draw(st.sampled_from([*(names[1:] or names), "nichts"]))
    return document(tree, extras), [name]


# --- the test -------------------------------------------------------------------------------

FINDING = r":\d+:\d+: (error|warning): .+"


def invoke(args: list[str], env: dict, human: bool = False):
    env = dict(env, FORCE_COLOR="1") if human else env
    result = CliRunner(env=env).invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args, repr(result.exception))
    # rich gives every terminal hyperlink a random id (in the link's parameters, whatever
    # their form); the rest must be the same every time
    out = (result.exit_code, re.sub(r"\x1b\]8;[^;\x1b\x07]*;", "\x1b]8;;", result.stdout),
           result.stderr)
    assert "Traceback" not in result.stdout + result.stderr, args
    return out


def run_twice(args: list[str], env: dict, human: bool = False):
    """The second run reads the compiled cache the first one wrote: same answer. (Warnings
    are left out of the comparison: whether they are repeated on every run is a test of
    its own, in test_data_safety.py.)"""
    first = invoke(args, env, human)
    second = invoke(args, env, human)

    def answer(out):
        code, stdout, stderr = out
        return code, stdout, [line for line in stderr.splitlines() if ": warning: " not in line]

    assert answer(second) == answer(first), f"{args}: a second run gave another answer"
    return first


def check_validate(path: str, env: dict) -> bool:
    """Runs validate; returns whether the file has errors."""
    code, out, err = run_twice(["validate", "--lang", "en", path], env)
    assert code in (0, 4), (code, err)
    lines = out.splitlines()
    for line in lines:
        assert re.fullmatch(re.escape(path) + FINDING, line), line
    has_errors = any(": error: " in line for line in lines)
    assert (code == 4) == has_errors, out
    summary = re.fullmatch(r"(\d+) errors?, (\d+) warnings? in 1 file\n", err)
    assert summary, err
    # the counts are those of the lines, each in the form of its number
    severities = [re.fullmatch(re.escape(path) + FINDING, line).group(1) for line in lines]
    errors, warnings = severities.count("error"), severities.count("warning")
    assert summary.group(0) == (f"{errors} error{'' if errors == 1 else 's'}, {warnings} "
                                f"warning{'' if warnings == 1 else 's'} in 1 file\n"), err
    json_code, json_out, _ = run_twice(["validate", "--json", path], env)
    report = json.loads(json_out)
    assert json_code == code and report["ok"] == (code == 0)
    return has_errors


def check_command(args: list[str], path: str, env: dict, has_errors: bool,
                  human: bool = False) -> None:
    code, out, err = run_twice(args, env, human)
    errors = [line for line in err.splitlines()
              if not re.fullmatch(re.escape(path) + r":\d+:\d+: warning: .+", line)
              and not re.fullmatch(r"erreichbar: \d+ (more warnings|weitere Warnungen).*", line)]
    if has_errors:
        # the same checks run when a command loads the file
        assert code == 4, (args, code, out, err)
    if code == 4:
        assert out == "", args
        assert errors, args
        for line in errors:
            assert re.fullmatch("erreichbar: " + re.escape(path) + FINDING, line), (args, line)
        assert has_errors, f"{args}: validate found no error, but loading gave: {errors[0]}"
        return
    if code == 2:
        assert out == "", args
        assert len(errors) == 1 and errors[0].startswith("erreichbar: "), (args, errors)
        return
    assert errors == [], (args, errors)
    assert code in ((0, 1, 3) if args[0] == "check" else (0,)), (args, code)
    if "--json" in args:
        json.loads(out)
    elif human:  # rich's own styling and tel: links only, none of the data's sequences
        assert not any(seq in out for seq in ("\x1b]52", "\x1b[31m", "\u202e", "\r")), args
    else:
        assert not any(seq in out for seq in ("\x1b", "\u202e", "\r")), args


@pytest.mark.slow
@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data_files())
# a character YAML does not allow in a file (DEL); must be one clean line
@example(('as_of: "2024-03-01"\nname: "a\x7fb"\n', ["amt"]))
def test_random_data_files(generated):
    # typer builds the click command anew on every invoke; build it once (saves half the time)
    command = typer.main.get_command(app)
    with mock.patch("typer.testing._get_command", lambda _app: command):
        run_all(*generated)


def run_all(text: str, names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "offices.yaml")
        Path(path).write_text(text, encoding="utf-8", errors="surrogatepass")
        env = dict(ENV, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        with mock.patch.dict(os.environ, {"XDG_CACHE_HOME": env["XDG_CACHE_HOME"]}):
            run_checks(path, names, env)


def run_checks(path: str, names: list[str], env: dict) -> None:
    has_errors = check_validate(path, env)
    event("file with errors" if has_errors else "valid file")

    data = ["--data", path]
    at = ["--at", AT]
    check_command(["now", *data, *at], path, env, has_errors)
    check_command(["now", "--all", "--json", *data, *at], path, env, has_errors)
    check_command(["now", "--all", *data, *at], path, env, has_errors, human=True)
    check_command(["list", *data], path, env, has_errors)
    for name in names[:2]:
        check_command(["next", name, *data, *at], path, env, has_errors)
        check_command(["office", name, *data, *at], path, env, has_errors)
        check_command(["office", name, *data, *at], path, env, has_errors, human=True)
        check_command(["check", name, *data, *at], path, env, has_errors)

    # loading in-process agrees with validate
    try:
        load([path])
        loaded = True
    except DataError as exc:
        loaded = False
        assert exc.lines() and all(line.startswith(path + ":") for line in exc.lines())
    assert loaded != has_errors
    assert bool(check_files([path]).errors) == has_errors
