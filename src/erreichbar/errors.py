"""Every exit code of the tool, and one small hierarchy of errors, each carrying its exit
code; `runner.py` prints them as one line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache

from erreichbar.i18n import N_

# The characters that let text take over a terminal or read otherwise than it is: C0 and
# C1 controls (ESC starts ANSI and OSC sequences, 0x9b is a CSI on its own), DEL, and the
# bidi controls (marks, embeddings, overrides, isolates). JSON and YAML escape C0 of their
# own accord, so their writers need only the others (OTHER_CONTROLS).
OTHER_CONTROLS = "\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
CONTROLS = "\x00-\x1f" + OTHER_CONTROLS


@cache
def controls(which: str = CONTROLS) -> re.Pattern[str]:
    """The pattern of the characters WHICH lists, compiled when first needed (every run
    imports this module; few print a message or write a control character)."""
    return re.compile(f"[{which}]")


def escaped(text: str, pattern: re.Pattern[str] | None = None) -> str:
    """TEXT with each character PATTERN matches (by default every control character) written
    as `\\uXXXX`, the escape JSON and YAML read back as the character itself: a message or
    a file shows what a path or value holds, and the terminal shows it, not obeys it."""
    return (pattern or controls()).sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


class Exit(IntEnum):
    """Exit codes: a contract with the scripts that call the tool. The help page and the
    README's table say what `meaning` says (tests/test_runner.py holds the README to it)."""

    OK = 0
    CLOSED = 1
    USAGE = 2
    UNKNOWN = 3
    DATA = 4
    NETWORK = 69  # EX_UNAVAILABLE of sysexits.h: the server asked for data gave none
    OUTPUT = 74  # EX_IOERR of sysexits.h: the answer could not be written
    INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a program stopped by Ctrl-C
    BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a program whose reader went away

    @property
    def meaning(self) -> str:
        """What the code tells a script, as an English message id."""
        return _MEANINGS[self]


_MEANINGS = {
    Exit.OK: N_("ok; check: open (a matching channel is open)"),
    Exit.CLOSED: N_("check: closed (none is open and none unknown)"),
    Exit.USAGE: N_("usage error: bad option, unknown or ambiguous NAME, WHEN not understood"),
    Exit.UNKNOWN: N_("check: unknown (none is open, but at least one has unknown "
                      "hours)"),
    Exit.DATA: N_("a data file is missing or invalid (the message names file and line)"),
    Exit.NETWORK: N_("import overpass: the server could not be reached, did not answer in "
                     "time, or answered with an error instead of data"),
    Exit.OUTPUT: N_("the answer could not be written (disk full, device error)"),
    Exit.INTERRUPTED: N_("interrupted (Ctrl-C)"),
    Exit.BROKEN_PIPE: N_("stdout was closed early (erreichbar now | head -1); "
                         "nothing is printed"),
}


class ErreichbarError(Exception):
    exit_code: Exit = Exit.USAGE


class UsageError(ErreichbarError):
    exit_code = Exit.USAGE


@dataclass(slots=True)
class Finding:
    """One problem in a data file, printed the way editors and CI annotate:
    `FILE:LINE:COL: error|warning: message`."""

    file: str
    line: int
    column: int
    severity: str  # "error" | "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"


@dataclass(slots=True)
class Report:
    """All findings about one or more files; checking goes on after an error where it can.
    `unlisted`: warnings counted but not kept (a cached run's report keeps the first few
    hundred of a big dataset's warnings; `validate` reads the files and lists them all)."""

    findings: list[Finding] = field(default_factory=list)
    unlisted: int = 0

    def sort(self, files: list[str]) -> None:
        """In file order, then by position: the order an editor walks them; a finding
        repeated at the same place (values shared through aliases) is kept once."""
        rank = {f: i for i, f in enumerate(files)}
        unique = {(f.file, f.line, f.column, f.severity, f.message): f for f in self.findings}
        self.findings[:] = sorted(unique.values(),
                                  key=lambda f: (rank.get(f.file, len(rank)), f.line, f.column))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


class DataError(ErreichbarError):
    """A data file cannot be used. Carries file, line and column, or every finding of a check."""

    exit_code = Exit.DATA

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: int | None = None, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.findings = findings or []

    @classmethod
    def from_report(cls, report: Report) -> DataError:
        first = report.errors[0]
        return cls(first.message, first.file, first.line, first.column, report.errors)

    def as_finding(self) -> Finding:
        return Finding(self.file or "-", self.line or 1, self.column or 1, "error", self.message)

    def lines(self) -> list[str]:
        """What the user sees: one line per error."""
        return [str(f) for f in self.findings] or [str(self.as_finding())]

    def __str__(self) -> str:
        return self.lines()[0]


class InputError(ErreichbarError):
    """What an import reads is no OpenStreetMap data it can use: an empty or damaged file,
    an HTML page, an Overpass reply that reports an error. Exit 4, as for a data file."""

    exit_code = Exit.DATA


class HoursError(ValueError):
    """An hours string outside the supported subset; `column` is 1-based within the string."""

    def __init__(self, message: str, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.column = column
