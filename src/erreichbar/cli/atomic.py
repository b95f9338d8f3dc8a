"""Writing files the tool makes (pictures, caches): atomically, never over a data file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable

from erreichbar.errors import UsageError
from erreichbar.i18n import _


def write_text(path: str, text: str, protected: Iterable[str] = ()) -> None:
    """Write `text` to `path` through a temporary file and a rename, so a reader never sees
    half a file; refuse to write over any of the `protected` files (the data in use)."""
    target = os.path.realpath(path)
    if any(os.path.exists(p) and os.path.realpath(p) == target for p in protected):
        raise UsageError(_("{path}: is a data file in use; data files are never written",
                           path=path))
    if os.path.isdir(target):
        raise UsageError(_("{path}: is a directory", path=path))
    try:
        kind = os.stat(path).st_mode  # what PATH leads to: /dev/stdout is the pipe itself
    except OSError:
        kind = None
    if kind is not None and not stat.S_ISREG(kind):
        # a device, a FIFO, a terminal: written to as `>` would, never replaced by a file
        try:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        except OSError as exc:
            raise UsageError(_("{path}: cannot write: {reason}", path=path,
                               reason=exc.strerror or exc)) from exc
        return
    folder = os.path.dirname(target) or "."
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".erreichbar-", suffix=".tmp")
    except OSError as exc:
        raise UsageError(_("{path}: cannot write here: {reason}", path=path,
                           reason=exc.strerror or exc)) from exc
    replaced = False
    try:
        # newline="": the text as it is on every system (an iCalendar file brings its own
        # CRLF, which Windows' text mode would double)
        fchmod = getattr(os, "fchmod", None)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            mode = _mode_for(target)
            if fchmod is not None:  # on the open file: its name cannot be swapped first
                fchmod(fh.fileno(), mode)
            fh.write(text)
        if fchmod is None:  # os.fchmod is POSIX only (on Windows a mode is a read-only
            os.chmod(tmp, mode)  # flag, which a new file does not have anyway)
        os.replace(tmp, target)
        replaced = True
    except OSError as exc:
        raise UsageError(_("{path}: cannot write: {reason}", path=path,
                           reason=exc.strerror or exc)) from exc
    finally:
        if not replaced:  # any way out, Ctrl-C included: no temporary file stays behind
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _mode_for(target: str) -> int:
    """mkstemp makes the file 0600; it gets what `>` would give (or what TARGET had)."""
    try:
        return os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
