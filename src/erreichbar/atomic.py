"""Writing files the tool makes (pictures, caches): atomically, never over a data file."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable

from .errors import UsageError
from .i18n import _


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
            with open(path, "w", encoding="utf-8") as fh:
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
    try:
        # mkstemp makes the file 0600; give it what `>` would (or what it had before)
        try:
            mode = os.stat(target).st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        os.unlink(tmp)
        raise UsageError(_("{path}: cannot write: {reason}", path=path,
                           reason=exc.strerror or exc)) from exc
