"""Writing files the tool makes (`-o`, pictures): atomically, from pieces made as they are
written, never over a data file, never over a file its user could not write to.

What goes wrong ends in one of two ways. The place named cannot take the answer (no such
folder, a directory, a data file in use, a folder or file the user may not write to) is a
usage error, exit 2: nothing has been written, and the command line must change. The
answer could not be written (a full disk, a quota, a device error) is an OutputError, exit
74, as for standard output. Either way an existing file is left as it was and no temporary
file stays behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from typing import NoReturn, TextIO

from erreichbar.cli.runner import reader_gone
from erreichbar.errors import ErreichbarError, Exit, UsageError
from erreichbar.i18n import _


class OutputError(ErreichbarError):
    """The answer could not be written to the file named: exit 74, as for stdout."""

    exit_code = Exit.OUTPUT


# What an OSError says about the PATH rather than about the writing: the user's mistake
# (or choice of place), answered as a usage error. Anything else failed while the answer
# was being written.
_PATH_ERRORS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENOTDIR,
                errno.EISDIR, errno.ENAMETOOLONG, errno.ELOOP, errno.ETXTBSY}


def write_text(path: str, text: str, protected: Iterable[str] = ()) -> None:
    """Write `text` to `path` through a temporary file and a rename, so a reader never sees
    half a file; refuse to write over any of the `protected` files (the data in use)."""
    write_chunks(path, (text,), protected)


def write_chunks(path: str, chunks: Iterable[str], protected: Iterable[str] = ()) -> None:
    """write_text() for a text made piece by piece: each piece is written as it comes, so
    an answer of any length is never held whole. The pieces are asked for only once the
    place is known to take them; an error in making one ends the run as it is."""
    target = _checked(path, protected)
    try:
        kind = os.stat(path).st_mode  # what PATH leads to: /dev/stdout is the pipe itself
    except OSError:
        kind = None
    try:
        if kind is not None and not stat.S_ISREG(kind):
            # a device, a FIFO, a terminal: written to as `>` would, never replaced by a file
            device = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - _fill closes it
            _fill(device, _pieces(chunks))
        elif kind is not None and not _may_write(path):
            # as cp refuses it: a rename would replace it where the folder allows, but the
            # file's own mode says its user may not change it (root may, as with cp)
            raise UsageError(_("{path}: the file is not writable for you; it is left "
                               "unchanged", path=path))
        else:
            _replace(path, target, _pieces(chunks))
    except OSError as exc:
        _fail(path, exc)
    except _Made as made:
        raise made.error from None


def _checked(path: str, protected: Iterable[str]) -> str:
    """PATH made real, once it is known to be neither a data file in use nor a folder."""
    target = os.path.realpath(path)
    if any(os.path.exists(p) and os.path.realpath(p) == target for p in protected):
        raise UsageError(_("{path}: is a data file in use; data files are never written",
                           path=path))
    if os.path.isdir(target):
        raise UsageError(_("{path}: is a directory", path=path))
    return target


def _may_write(path: str) -> bool:
    """Whether this process may change the file itself, as open() for writing would find
    (with its effective user and groups, where the system can ask with them)."""
    return os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids)


def _replace(path: str, target: str, chunks: Iterable[str]) -> None:
    """The pieces into a temporary file beside TARGET, then renamed over it."""
    folder = os.path.dirname(target) or "."
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".erreichbar-", suffix=".tmp")
    except OSError as exc:
        _fail(path, exc, here=True)
    replaced = False
    try:
        # newline="": the text as it is on every system (an iCalendar file brings its own
        # CRLF, which Windows' text mode would double)
        fchmod = getattr(os, "fchmod", None)
        fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        try:
            mode = _mode_for(target)
            if fchmod is not None:  # on the open file: its name cannot be swapped first
                fchmod(fh.fileno(), mode)
        except BaseException:
            fh.close()
            raise
        _fill(fh, chunks)
        if fchmod is None:  # os.fchmod is POSIX only (on Windows a mode is a read-only
            os.chmod(tmp, mode)  # flag, which a new file does not have anyway)
        os.replace(tmp, target)
        replaced = True
    finally:
        if not replaced:  # any way out, Ctrl-C included: no temporary file stays behind
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _fill(fh: TextIO, chunks: Iterable[str]) -> None:
    """The pieces into FH, which is then closed (where the last of them is written). On
    any other way out it is closed all the same, what it still holds lost with the run."""
    try:
        for chunk in chunks:
            fh.write(chunk)
    except BaseException:
        with contextlib.suppress(OSError):
            fh.close()
        raise
    fh.close()


class _Made(Exception):
    """An error raised while a piece was being made, carried past the file's own errors:
    an OSError of the making is no error of writing."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


def _pieces(chunks: Iterable[str]) -> Iterator[str]:
    made = iter(chunks)
    while True:
        try:
            chunk = next(made)
        except StopIteration:
            return
        except Exception as exc:
            raise _Made(exc) from exc
        yield chunk


def _fail(path: str, exc: OSError, here: bool = False) -> NoReturn:
    """End the run for EXC: a reader gone away from a pipe named by -o as for stdout (exit
    141), a path that cannot take the answer as a usage error (2), else an output error
    (74). HERE: the file could not even be made in its folder."""
    if reader_gone(exc):
        raise exc
    reason = exc.strerror or exc
    if exc.errno in _PATH_ERRORS:
        raise UsageError(_("{path}: cannot write here: {reason}", path=path, reason=reason)
                         if here else _("{path}: cannot write: {reason}", path=path,
                                        reason=reason)) from exc
    raise OutputError(_("{path}: cannot write: {reason}", path=path, reason=reason)) from exc


def _mode_for(target: str) -> int:
    """mkstemp makes the file 0600; it gets what `>` would give (or what TARGET had)."""
    try:
        return os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
