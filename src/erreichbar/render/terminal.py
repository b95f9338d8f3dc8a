"""Where the terminal views draw their lines: ANSI escape codes written straight to stdout,
or rich's Console.

Why two. A view is a list of lines of `styled.Text` in a handful of styles (bold, dim,
italic, reverse, eight colours, hyperlinks), laid out by `layout.py` to the width: drawing
them takes an escape code before and after a piece, which every terminal of Linux and
macOS reads. rich's Console does the same and much more, at 15 ms of imports on every
start: as much as a third of `import typer`, and the measure of a terminal's `now` (see
docs/performance.md). So `Ansi` draws on those systems, and rich draws

- on Windows, where a console may want the Win32 API instead of escape codes (rich knows
  which one it is and how to speak to it), and
- a view saved as a picture (`--svg`, `--html`): rich records what it draws.

`Ansi` reads the environment as rich's Console does (FORCE_COLOR, TTY_COMPATIBLE,
NO_COLOR, TERM=dumb, COLUMNS, the terminal's size), and writes the same codes for a
style; `tests/test_render_terminal.py` holds the two to the same characters in the same
styles.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any, TextIO

from erreichbar.render.styled import Text, cell_len

ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "reverse": "7"}
COLOURS = {"black": "30", "red": "31", "green": "32", "yellow": "33", "blue": "34",
           "magenta": "35", "cyan": "36", "white": "37"}
_CODES: dict[tuple[str, bool], str] = {}


def codes(style: str, colour: bool = True) -> str:
    """The SGR parameters of STYLE, as rich orders them: attributes, then the colour (the
    last one named); without COLOUR (NO_COLOR), the attributes only."""
    key = (style, colour)
    if key not in _CODES:
        words = style.split()
        unknown = [w for w in words if w not in ATTRIBUTES and w not in COLOURS]
        if unknown:
            raise ValueError(f"a style this terminal does not draw: {unknown}")
        out = [code for name, code in ATTRIBUTES.items() if name in words]
        named = [COLOURS[w] for w in words if w in COLOURS]
        if named and colour:
            out.append(named[-1])
        _CODES[key] = ";".join(out)
    return _CODES[key]


def _is_terminal(env: Mapping[str, str], stream: Any) -> bool:
    """Whether escape codes go to STREAM, read as rich reads it (FORCE_COLOR set: yes)."""
    if env.get("FORCE_COLOR"):
        return True
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    if env.get("FORCE_COLOR") is not None:
        return False  # set but empty
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _number(value: str | None) -> bool:
    """Whether an environment variable holds a number of cells: ASCII digits only (`²` and
    `٣` are digits to str.isdigit, and rich's int() of them fails)."""
    return value is not None and value.isascii() and value.isdigit()


def _width(env: Mapping[str, str], dumb: bool) -> int:
    """COLUMNS, else the size of the first standard stream that is a terminal, else 80 (a
    dumb terminal: 80 unless both COLUMNS and LINES say otherwise), as rich has it."""
    columns = env.get("COLUMNS")
    given = int(columns) if columns is not None and _number(columns) else None
    if given is not None and (_number(env.get("LINES")) or not dumb):
        return given
    if dumb:
        return 80
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


class Ansi:
    """Lines drawn with escape codes: a style around each piece, hyperlinks as OSC 8."""

    def __init__(self, file: TextIO, env: Mapping[str, str]) -> None:
        self.file = file
        terminal = _is_terminal(env, file)
        dumb = terminal and env.get("TERM", "").lower() in ("dumb", "unknown")
        self.styled = terminal and not dumb  # a dumb terminal gets the words only
        self.colour = env.get("NO_COLOR", "") == ""
        self.width = _width(env, dumb)

    def print(self, line: Text | None = None, crop: bool = False) -> None:
        """LINE as it is (the layout has fitted it), or cut to the width (CROP)."""
        if line is None:
            self.file.write("\n")
            return
        if crop:
            line = _cropped(line, self.width)
        self.file.write(self.draw(line) + "\n")

    def draw(self, line: Text) -> str:
        if not self.styled:
            return line.plain
        runs: list[list[str]] = []  # [text, SGR parameters, link]; neighbours alike as one
        for text, style, link in line.runs():
            sgr, target = codes(style, self.colour) if style else "", link or ""
            if runs and runs[-1][1:] == [sgr, target]:
                runs[-1][0] += text
            else:
                runs.append([text, sgr, target])
        out = []
        for text, sgr, target in runs:
            piece = f"\x1b[{sgr}m{text}\x1b[0m" if sgr else text
            out.append(f"\x1b]8;;{target}\x1b\\{piece}\x1b]8;;\x1b\\" if target else piece)
        return "".join(out)


def _cropped(line: Text, width: int) -> Text:
    """LINE's first WIDTH cells (a wide character that would straddle the edge left out)."""
    used, end = 0, 0
    for char in line.plain:
        size = cell_len(char)
        if used + size > width:
            break
        used, end = used + size, end + 1
    return line[:end]


class Rich:
    """Lines drawn by rich's Console (see the module's docstring for when)."""

    def __init__(self, file: TextIO, env: Mapping[str, str], record: bool) -> None:
        from rich.console import Console  # start-up: rich only on Windows and for pictures

        class QuietConsole(Console):
            def on_broken_pipe(self) -> None:
                # rich would exit 1, which a script reads as "closed": hand the closed pipe
                # to the runner, which ends the run as every command does (141)
                self.quiet = True
                raise BrokenPipeError(32, "the reader went away")

        # a COLUMNS or LINES that rich would take for a number and fail to read is ignored,
        # as everywhere else, by giving rich the size itself
        garbled = any(env.get(name, "").isdigit() and not _number(env.get(name))
                      for name in ("COLUMNS", "LINES"))
        width = _width({k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")},
                       False) if garbled else None
        height = 25 if garbled else None
        self.console = QuietConsole(file=file, highlight=False, emoji=False, record=record,
                                    force_terminal=True if env.get("FORCE_COLOR") else None,
                                    width=width, height=height)

    @property
    def width(self) -> int:
        return int(self.console.width)

    def print(self, line: Text | None = None, crop: bool = False) -> None:
        if line is None:
            self.console.print()
        elif crop:
            self.console.print(to_rich(line), no_wrap=True, overflow="crop")
        else:
            self.console.print(to_rich(line), soft_wrap=True)


def to_rich(line: Text) -> Any:
    """LINE as rich's Text."""
    from rich.style import Style  # start-up: rich only on Windows and for pictures
    from rich.text import Text as RichText  # start-up

    out = RichText()
    for text, style, link in line.runs():
        drawn = Style.parse(style) if style else Style()
        out.append(text, style=drawn + Style(link=link) if link else drawn)
    return out


def open_terminal(record: bool = False, file: TextIO | None = None,
                  env: Mapping[str, str] | None = None, system: str = sys.platform
                  ) -> Ansi | Rich:
    """Where a view draws: rich on Windows and for a picture, else escape codes."""
    file = sys.stdout if file is None else file
    env = os.environ if env is None else env
    if record or system == "win32":
        return Rich(file, env, record)
    return Ansi(file, env)
