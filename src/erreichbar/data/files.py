"""Reading a data file's bytes and text: every way that can fail is one DataError line.

Kept apart from the YAML reading so that a dataset answered from the cache does not
import PyYAML at all.
"""

from __future__ import annotations

import os
import stat
import sys
import zlib
from collections.abc import Iterator

from erreichbar.errors import DataError
from erreichbar.i18n import _

MAX_BYTES = 50 * 1024 * 1024  # a larger file is refused before it is read
STDIN = "-"  # the data file named "-" is standard input (`--data -`)


def read_text(path: str) -> str:
    """The file's text; every way a file cannot be read is one DataError line."""
    return decode(read_bytes(path), path)


def read_bytes(path: str) -> bytes:
    """The file's bytes, within the size limit; DataError for every way that fails."""
    if path == STDIN:
        return _read_stdin()
    chunks = list(_pieces(path, MAX_BYTES + 1))
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def checksum(path: str) -> int:
    """CRC-32 of the file's bytes, read piece by piece (a cache hit needs no more), with
    the same checks and the same errors as read_bytes()."""
    crc = 0
    for chunk in _pieces(path, 1 << 20):
        crc = zlib.crc32(chunk, crc)
    return crc


def _pieces(path: str, size: int) -> Iterator[bytes]:
    def limit() -> str:  # (worded only when it is said: a cached run reads no catalogue)
        return _("file is larger than the limit of {size} MiB", size=MAX_BYTES // (1024 * 1024))

    try:
        if os.path.isdir(path):
            raise DataError(_("is a directory, not a data file"), path)
        if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):
            # /dev/zero or a pipe has no size to check and may never end
            raise DataError(_("is not a regular file"), path)
        if os.path.getsize(path) > MAX_BYTES:
            raise DataError(limit(), path)
        total = 0
        with open(path, "rb") as fh:
            while chunk := fh.read(size):
                total += len(chunk)
                if total > MAX_BYTES:  # the file may have grown since
                    raise DataError(limit(), path)
                yield chunk
    except FileNotFoundError as exc:
        raise DataError(_("data file not found"), path) from exc
    except PermissionError as exc:
        raise DataError(_("data file cannot be read: permission denied"), path) from exc
    except OSError as exc:
        raise DataError(_("data file cannot be read: {reason}", reason=exc.strerror or exc),
                        path) from exc


def _read_stdin() -> bytes:
    """Standard input to its end, in one read of at most the size limit and a byte more:
    it can be read only once, so the loader keeps what it read and never caches it."""
    stream = sys.stdin
    if stream is None:  # closed before the run (`<&-`)
        raise DataError(_("standard input is closed"), STDIN)
    try:
        raw = stream.buffer.read(MAX_BYTES + 1) if hasattr(stream, "buffer") else \
            stream.read(MAX_BYTES + 1).encode("utf-8", "surrogateescape")
    except (OSError, ValueError) as exc:  # ValueError: a closed stream object
        reason = getattr(exc, "strerror", None) or exc
        raise DataError(_("data file cannot be read: {reason}", reason=reason),
                        STDIN) from exc
    if len(raw) > MAX_BYTES:
        raise DataError(_("file is larger than the limit of {size} MiB",
                          size=MAX_BYTES // (1024 * 1024)), STDIN)
    return raw


def decode(raw: bytes, path: str) -> str:
    """UTF-8 text (a BOM is fine); DataError naming the line of the first bad byte."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        raise DataError(_("not UTF-8 text (byte 0x{byte}); save the file as UTF-8",
                          byte=f"{raw[exc.start]:02x}"), path, line, column) from exc
    if not text.strip():
        raise DataError(_("data file is empty"), path)
    return text


