"""The standard streams of a run, made safe to write whatever the run was started with:
closed, or in an encoding that cannot hold every character the answers use."""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys
from collections.abc import Sequence


def silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test's buffer)
        pass


class _ClosedStdout(io.TextIOBase):
    """Stands for a standard output that was closed before the run (`>&-`): writing an
    answer to it is a reader gone away (exit 141, as for a closed pipe); writing nothing
    (`check -q`) is fine."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text:
            raise BrokenPipeError(errno.EPIPE, "standard output is closed")
        return 0

    def fileno(self) -> int:
        raise io.UnsupportedOperation("closed")


def prepare_streams(argv: Sequence[str]) -> None:
    """Make the standard streams safe to write, whatever the run was started with.

    - A closed stderr (`2>&-`): Python leaves `sys.stderr` None, and `print(file=None)`
      writes to stdout, so error lines would turn up in the answer. They go nowhere
      instead; the exit code still tells.
    - A closed stdout: see _ClosedStdout.
    - An encoding that cannot hold every character (a Latin-1 or cp1252 locale): --json is
      written as UTF-8, the encoding of JSON itself, so its bytes never depend on the
      locale; text replaces what the encoding lacks with "?".
    - On Windows a file or pipe gets the ANSI code page (cp1252), which has no `█` for the
      week, whatever the console shows (Python writes to the console itself in Unicode):
      there everything is written as UTF-8, which Windows' own editors and shells read.
    """
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the run
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not encoding or not hasattr(stream, "reconfigure"):
            continue
        try:
            if codecs.lookup(encoding).name == "utf-8":
                continue
        except LookupError:
            pass
        if sys.platform == "win32" or (stream is sys.stdout and "--json" in argv):
            stream.reconfigure(encoding="utf-8")
        else:
            stream.reconfigure(errors="replace")
