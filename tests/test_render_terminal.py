"""render/terminal.py and render/styled.py: lines drawn with escape codes show what rich
shows for the same text. rich is the independent side: each line is built twice, once as
our Text and once with rich's own Text API, and drawn by our writer and by rich's Console
in the same environment; the two must show the same characters in the same styles and
links (compared by `helpers.drawn`, not byte for byte: where an escape code starts or ends
is no part of what a terminal shows)."""

from __future__ import annotations

import io
import os
import sys
from importlib.metadata import version

import pytest
from rich.console import Console
from rich.style import Style
from rich.text import Text as RichText

from erreichbar.render import terminal as term
from erreichbar.render.styled import Text
from helpers import WED, drawn, run_cli

URL = "tel:+496980653584"

# Each: a line built with our Text and the same line built with rich's.
LINES = {
    "plain": (lambda: Text("Sozialamt"), lambda: RichText("Sozialamt")),
    "whole style, piece unstyled": (
        lambda: Text("● ", style="bold green").append("bis 11:00"),
        lambda: RichText("● ", style="bold green").append("bis 11:00")),
    "whole style, piece styled": (
        lambda: Text("? ", style="bold yellow").append("unbekannt", style="bold yellow"),
        lambda: RichText("? ", style="bold yellow").append("unbekannt", style="bold yellow")),
    "colour over colour": (
        lambda: Text("a ", style="bold green").append("b", style="red").append(" c", "dim"),
        lambda: RichText("a ", style="bold green").append("b", style="red")
        .append(" c", "dim")),
    "appended text keeps its styles": (
        lambda: Text("  ").append_text(Text("x ", style="dim").append("y", "bold cyan")),
        lambda: RichText("  ").append_text(RichText("x ", style="dim")
                                           .append("y", "bold cyan"))),
    "link": (
        lambda: Text("Tel. ").append_text(Text("069 8065-3584", link=URL)),
        lambda: RichText("Tel. ").append_text(RichText("069 8065-3584",
                                                       style=Style(link=URL)))),
    "slice across pieces": (
        lambda: Text("Mo ", style="italic").append("09:00", "bold reverse")
        .append("-15:00", "magenta")[2:10],
        lambda: RichText("Mo ", style="italic").append("09:00", "bold reverse")
        .append("-15:00", "magenta")[2:10]),
    "wide characters": (
        lambda: Text("日本 ", style="yellow").append("Amt", "underline"),
        lambda: RichText("日本 ", style="yellow").append("Amt", "underline")),
}

# rich reads TTY_COMPATIBLE, and an empty FORCE_COLOR as unset (https://force-color.org),
# from release 14 on; our writer always does. With an older rich, these are held to the
# rules as written there: TTY_COMPATIBLE=1 draws, an empty FORCE_COLOR does not force.
RICH_14 = int(version("rich").split(".")[0]) >= 14
NEWER_RULES = {"TTY_COMPATIBLE=1": True, "FORCE_COLOR=": False}

ENVIRONMENTS = [
    {"FORCE_COLOR": "1"},
    {"FORCE_COLOR": "1", "NO_COLOR": "1"},
    {"FORCE_COLOR": "1", "TERM": "dumb"},
    {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "0"},
    {"TTY_COMPATIBLE": "1"},
    {"TTY_COMPATIBLE": "0"},
    {"FORCE_COLOR": ""},
    {},
]
ALL_VARIABLES = ("FORCE_COLOR", "NO_COLOR", "TERM", "TTY_COMPATIBLE", "COLUMNS", "LINES")


def _environment(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    for name in ALL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def _draw_with_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every view of the runs that follow drawn by rich's Console, as on Windows."""
    def rich_terminal(record: bool = False) -> term.Rich:
        return term.Rich(sys.stdout, os.environ, record)

    monkeypatch.setattr(term, "open_terminal", rich_terminal)


def _rich_console(file: io.StringIO, **options: object) -> Console:
    """rich's Console as the views used it before they drew themselves."""
    return Console(file=file, highlight=False, emoji=False,
                   force_terminal=True if os.environ.get("FORCE_COLOR") else None, **options)


@pytest.mark.parametrize("env", ENVIRONMENTS, ids=lambda e: ",".join(f"{k}={v}" for k, v in
                                                                       e.items()) or "none")
@pytest.mark.parametrize("name", list(LINES))
def test_a_line_shows_what_rich_shows(monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
                                      name: str) -> None:
    _environment(monkeypatch, env)
    ours, theirs = LINES[name]
    assert ours().plain == theirs().plain
    ansi, rich = io.StringIO(), io.StringIO()
    term.Ansi(ansi, os.environ).print(ours())
    rule = ",".join(f"{k}={v}" for k, v in env.items())
    if not RICH_14 and rule in NEWER_RULES:
        Console(file=rich, highlight=False, emoji=False, force_terminal=NEWER_RULES[rule]
                ).print(theirs(), soft_wrap=True)
    else:
        _rich_console(rich).print(theirs(), soft_wrap=True)
    assert drawn(ansi.getvalue()) == drawn(rich.getvalue())
    # and the styles were drawn at all where rich draws them
    assert ("\x1b[" in ansi.getvalue()) == ("\x1b[" in rich.getvalue())


@pytest.mark.parametrize("width", [1, 2, 3, 5, 8, 12, 40])
def test_a_cut_line_shows_what_rich_shows(monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    _environment(monkeypatch, {"FORCE_COLOR": "1", "COLUMNS": str(width)})
    def line(cls: type) -> Text | RichText:
        return cls("Mo ", style="bold").append("日本語", "green").append(" ░░▌·", "dim")

    ansi, rich = io.StringIO(), io.StringIO()
    term.Ansi(ansi, os.environ).print(line(Text), crop=True)
    _rich_console(rich).print(line(RichText), no_wrap=True, overflow="crop")
    assert drawn(ansi.getvalue()) == drawn(rich.getvalue())


@pytest.mark.parametrize("env", [
    {"COLUMNS": "100"}, {"COLUMNS": "20", "TERM": "dumb"},
    {"COLUMNS": "20", "LINES": "10", "TERM": "dumb"}, {"TERM": "dumb"}, {"COLUMNS": "x"},
    {"COLUMNS": "0"}, {},
])
def test_the_width_is_read_as_rich_reads_it(monkeypatch: pytest.MonkeyPatch,
                                            env: dict[str, str]) -> None:
    _environment(monkeypatch, {"FORCE_COLOR": "1", **env})
    assert term.Ansi(io.StringIO(), os.environ).width == _rich_console(io.StringIO()).width


@pytest.mark.parametrize("name", ["COLUMNS", "LINES"])
@pytest.mark.parametrize("value", ["²", "٣٠"])
@pytest.mark.parametrize("args", [("now", "--at", WED), ("week", "--at", WED),
                                  ("office", "sozialamt", "--at", WED)], ids=" ".join)
def test_a_size_no_one_can_read_is_ignored(monkeypatch: pytest.MonkeyPatch, name: str,
                                           value: str, args: tuple[str, ...]) -> None:
    """`²` and `٣٠` are digits to str.isdigit, but no number int() reads: the size is the
    terminal's, as for any other COLUMNS that is no number; on every way of drawing."""
    env = {"COLUMNS": None, "LINES": None, name: value}
    for view in ({}, {"FORCE_COLOR": None}):  # drawn, and (week) in a pipe
        run = run_cli(args, {**env, **view}, terminal=True)
        assert run.code in (0, 1, 3) and run.err == "", run.err
    drawn_by_us = run_cli(args, env, terminal=True)

    _draw_with_rich(monkeypatch)
    by_rich = run_cli(args, env, terminal=True)
    assert by_rich.code == drawn_by_us.code and by_rich.err == ""
    assert drawn(by_rich.out) == drawn(drawn_by_us.out)


def test_a_style_it_cannot_draw_is_refused() -> None:
    with pytest.raises(ValueError, match="blink"):
        term.codes("bold blink")


def test_rich_draws_on_windows_and_for_pictures() -> None:
    out = io.StringIO()
    assert isinstance(term.open_terminal(file=out, env={}, system="linux"), term.Ansi)
    assert isinstance(term.open_terminal(file=out, env={}, system="darwin"), term.Ansi)
    assert isinstance(term.open_terminal(file=out, env={}, system="win32"), term.Rich)
    assert isinstance(term.open_terminal(True, file=out, env={}, system="linux"), term.Rich)


# Every terminal view, drawn by our writer and by rich (as on Windows): the same picture.
VIEWS = [
    ("now", "--at", WED), ("now", "--all", "--at", "2024-03-29T10:00"),
    ("now", "--at", "2024-03-06T20:14"), ("office", "sozialamt", "--at", WED),
    ("office", "mainarbeit", "--at", WED), ("next", "leistungssachbearbeitung", "--at", WED),
    ("check", "sozialamt", "--at", WED), ("week", "--at", WED),
    ("week", "sozialamt", "--at", "2024-03-29T10:00"), ("list",),
    ("holidays", "--year", "2024"),
]


@pytest.mark.parametrize("width", ["120", "60", "24"])
@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
def test_every_view_shows_the_same_with_rich(monkeypatch: pytest.MonkeyPatch,
                                             args: tuple[str, ...], width: str) -> None:
    env = {"COLUMNS": width}
    ours = run_cli(args, env, terminal=True)

    _draw_with_rich(monkeypatch)
    theirs = run_cli(args, env, terminal=True)
    assert (ours.code, ours.err) == (theirs.code, theirs.err)
    assert ours.code in (0, 1, 3) and "\x1b[" in ours.out
    assert drawn(ours.out) == drawn(theirs.out)
