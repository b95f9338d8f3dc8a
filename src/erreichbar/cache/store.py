"""Entries of checksummed sections in the user's cache folder: bytes in, bytes out.

What is slow to make and quick to read back (a compiled dataset, a year's public holidays,
the JSON renderer's parts of each line) is kept in the cache folder (`paths.cache_dir`:
`$XDG_CACHE_HOME/erreichbar/` where that is set). The
store knows nothing of what it keeps. An entry is found by an identity, a string its
writer makes of everything the content depends on (for what is made of data files,
`file_key` gives the files' part); the file name is a hash of it, the identity itself is
stored in full inside and compared, so a clash of names is a miss, never a wrong answer.

An entry holds named sections, each a list of byte strings, each behind its own CRC-32:
a reader reads only the ones it asks for, and none is handed out unless it is whole. The
parts are written as their writer makes them, one after the other, and the table of
contents (where each part lies, and its CRC) after them, with its own length and CRC as
the file's last bytes: a country-sized dataset is never held encoded whole.
Entries are written through a temporary file and a rename, and each shelf (a kind of
entry, a prefix of the file name) is pruned to its newest few. Any problem — missing,
corrupt, foreign, stale, unreadable, unwritable — is a miss or a write not made: the store
never changes an answer and never stops the tool.

The folder is the user's own, and nobody else's files are trusted or touched in it: it is
made 0700; an entry is read only when it is a regular file owned by the user (opened
without following a link and without waiting on a FIFO); a temporary file is made by
`mkstemp` (a fresh name, O_EXCL, so a planted link is never written through) and removed
on every way out; pruning removes only names this store writes.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import stat
import struct
import sys
import time
import zlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, BinaryIO

from erreichbar import __version__
from erreichbar.paths import cache_dir

if TYPE_CHECKING:
    from typing import TypeAlias

    # An entry's table of contents: for each section, where each of its parts lies (offset
    # from the end of the head), its length and its CRC-32
    Contents: TypeAlias = dict[str, tuple[tuple[int, int, int], ...]]

FORMAT = 14  # of the layout below (13 had one monthday selector in a rule, not `Jan-Feb
# Jan 09-15`; 12 had no nth weekday in a date, `Mar Su[-1]`; 11 no weekdays for
# `PH +1 day Mo`; 10 had the table of contents first; 9 no shelves)
MAGIC = b"erreichbar-cache\n"
KEEP = 8  # entries kept on a shelf that is pruned; older ones go when a new one is written
_LEN = struct.Struct("<I")
_TOC = struct.Struct("<QI")  # length and CRC-32 of the table of contents


# the names this store writes: "<shelf>-<16 hex digits>.bin", and its temporary files
# (patterns, compiled by re on their first use: a run that prunes nothing never pays for them)
_ENTRY = r"(?P<shelf>[a-z_]+)-[0-9a-f]{16}\.bin"
_TEMPORARY = r"[a-z_]+-[0-9a-f]{16}\.bin\.[A-Za-z0-9_]+\.tmp"
_BEFORE_SHELVES = r"[0-9a-f]{16}\.bin"  # a dataset of the older layout
STALE_SECONDS = 3600  # a temporary file this old was left by a run that was killed


class Miss(Exception):
    """A section that is not in the entry, or not whole."""


def _mine(st: os.stat_result) -> bool:
    """Owned by the user running the tool (where the system knows owners)."""
    return not hasattr(os, "getuid") or st.st_uid == os.getuid()


def _open_entry(path: str) -> BinaryIO | None:
    """PATH opened for reading if it is a regular file of the user's, else None: a link is
    not followed, a FIFO not waited on, a device (/dev/zero) not read without end."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | \
        getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _mine(st):
            os.close(fd)
            return None
        return os.fdopen(fd, "rb")
    except OSError:
        os.close(fd)
        return None


def _folder(environ: Mapping[str, str] | None) -> str | None:
    """The cache folder, made 0700 if missing; None if it is not the user's own."""
    folder = directory(environ)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    st = os.stat(folder)
    return folder if stat.S_ISDIR(st.st_mode) and _mine(st) else None


def directory(environ: Mapping[str, str] | None = None) -> str:
    return cache_dir(environ)


def file_key(paths: list[str], checksums: list[int]) -> str:
    """The part of an identity that says which files were read, by which tool: the tool's
    version, the Python version, and for every file its real path, size, mtime and a CRC-32
    of its content. CRC-32 rather than a cryptographic hash: it guards against an edit that
    keeps size and mtime, not against an attacker who can write the data files anyway, and
    it keeps hashlib's OpenSSL import (a few milliseconds) off every start."""
    parts = [__version__, f"{sys.version_info[0]}.{sys.version_info[1]}"]
    for path, crc in zip(paths, checksums, strict=True):
        st = os.stat(path)
        parts.append(f"{os.path.realpath(path)}|{st.st_size}|{st.st_mtime_ns}|{crc:08x}")
    return "\0".join(parts)


def _file(shelf: str, identity: str, environ: Mapping[str, str] | None) -> str:
    raw = identity.encode("utf-8", "surrogateescape")
    return os.path.join(directory(environ),
                        f"{shelf}-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.bin")


def _head(shelf: str, identity: str) -> bytes:
    # marshal's format changes with Python, which file_key() holds for data entries; the
    # version here holds it for every entry
    raw = f"{FORMAT}\0{sys.version_info[0]}.{sys.version_info[1]}\0{shelf}\0{identity}" \
        .encode("utf-8", "surrogateescape")
    return MAGIC + _LEN.pack(len(raw)) + raw


class Entry:
    """An open entry. `get` checks a section before handing it out: whoever decodes it
    (marshal, mostly) must never be given bytes that were not written whole."""

    def __init__(self, fh: BinaryIO, contents: Contents, base: int, length: int,
                 whole: bool) -> None:
        self._fh = fh
        self._contents = contents
        self._base = base
        self._body = None
        if whole:  # everything is wanted: one read
            fh.seek(base)
            self._body = fh.read(length)

    def count(self, name: str) -> int:
        """How many parts the section `name` has (0: there is no such section)."""
        return len(self._contents.get(name, ()))

    def get(self, name: str, part: int = 0) -> bytes:
        try:
            offset, length, crc = self._contents[name][part]
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise Miss(name) from exc
        if self._body is not None:
            data = self._body[offset:offset + length]
        else:
            self._fh.seek(self._base + offset)
            data = self._fh.read(length)
        if len(data) != length or zlib.crc32(data) != crc:
            raise Miss(name)
        return data

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> Entry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read(shelf: str, identity: str, environ: Mapping[str, str] | None = None,
         whole: bool = False) -> Entry | None:
    """The entry filed under `identity` on `shelf`, open for reading (the caller closes
    it), or None if there is none or its table of contents is not whole. With `whole`,
    the entry is read at once (for a reader that wants every section)."""
    fh = _open_entry(_file(shelf, identity, environ))
    if fh is None:
        return None
    try:
        head = _head(shelf, identity)
        if fh.read(len(head)) != head:
            raise Miss("head")
        size = os.fstat(fh.fileno()).st_size
        if size < len(head) + _TOC.size:
            raise Miss("contents")
        fh.seek(size - _TOC.size)
        length, crc = _TOC.unpack(fh.read(_TOC.size))
        toc_start = size - _TOC.size - length
        if toc_start < len(head):  # reads stay within the file
            raise Miss("contents")
        fh.seek(toc_start)
        raw = fh.read(length)
        if len(raw) != length or zlib.crc32(raw) != crc:
            raise Miss("contents")
        # Written by this tool into the user's own cache folder, and its checksum
        # matches; marshal creates only plain values and runs nothing.
        contents = marshal.loads(raw)  # noqa: S302
        if not isinstance(contents, dict):
            raise Miss("contents")
        return Entry(fh, contents, len(head), toc_start - len(head), whole)
    except Exception:
        fh.close()
        return None


def write(shelf: str, identity: str, sections: Mapping[str, Iterable[bytes]],
          environ: Mapping[str, str] | None = None, keep: int | None = KEEP) -> None:
    """File `sections` under `identity` on `shelf`, atomically, and prune the shelf to
    its `keep` newest entries (None: never pruned). A section's parts may be made as they
    are asked for (an iterator): each is written and let go before the next is made.
    Failing to write is not an error."""
    tmp = None
    try:
        folder = _folder(environ)
        if folder is None:
            return
        target = _file(shelf, identity, environ)
        import tempfile  # only to write, which a cached run does not

        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{os.path.basename(target)}.",
                                   suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(_head(shelf, identity))
            contents: Contents = {}
            offset = 0
            for name, parts in sections.items():
                spans = []
                for part in parts:
                    fh.write(part)
                    spans.append((offset, len(part), zlib.crc32(part)))
                    offset += len(part)
                contents[name] = tuple(spans)
            raw = marshal.dumps(contents)
            fh.write(raw)
            fh.write(_TOC.pack(len(raw), zlib.crc32(raw)))
        os.replace(tmp, target)
        tmp = None
        _prune(folder, shelf, keep, target)
    except Exception:  # noqa: S110 - a store that cannot be written is only slower
        pass
    finally:
        if tmp is not None:  # a full disk, an error: no half-written file stays behind
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(folder: str, shelf: str, keep: int | None, written: str) -> None:
    """Keep the shelf's `keep` newest entries (None: all), and remove temporary files that
    killed runs left. Only names this store writes, of the user's own, are ever removed."""
    entries = []
    now = time.time()
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        entry = re.fullmatch(_ENTRY, name)
        old = re.fullmatch(_BEFORE_SHELVES, name) is not None  # nothing reads it any more
        temporary = re.fullmatch(_TEMPORARY, name) is not None
        if not (entry or old or temporary) or path == written:
            continue
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or not _mine(st):
            continue
        if old or (temporary and now - st.st_mtime > STALE_SECONDS):
            os.unlink(path)
        elif entry and entry["shelf"] == shelf:
            entries.append((st.st_mtime, path))
    if keep is not None:
        for _, path in sorted(entries, reverse=True)[keep - 1:]:
            os.unlink(path)
