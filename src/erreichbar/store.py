"""Entries of checksummed sections in the user's cache folder: bytes in, bytes out.

What is slow to make and quick to read back (a compiled dataset, a year's public holidays,
the JSON renderer's parts of each line) is kept under `$XDG_CACHE_HOME/erreichbar/`. The
store knows nothing of what it keeps. An entry is found by an identity, a string its
writer makes of everything the content depends on (for what is made of data files,
`file_key` gives the files' part); the file name is a hash of it, the identity itself is
stored in full inside and compared, so a clash of names is a miss, never a wrong answer.

An entry holds named sections, each a list of byte strings, each behind its own CRC-32:
a reader reads only the ones it asks for, and none is handed out unless it is whole.
Entries are written through a temporary file and a rename, and each shelf (a kind of
entry, a prefix of the file name) is pruned to its newest few. Any problem — missing,
corrupt, foreign, stale, unreadable, unwritable — is a miss or a write not made: the store
never changes an answer and never stops the tool.
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
import zlib
from collections.abc import Mapping, Sequence
from typing import BinaryIO

from . import __version__

FORMAT = 10  # of the layout below (9 was one file per dataset, without shelves)
MAGIC = b"erreichbar-cache\n"
KEEP = 8  # entries kept on a shelf that is pruned; older ones go when a new one is written
_LEN = struct.Struct("<I")
_TOC = struct.Struct("<QI")  # length and CRC-32 of the table of contents


class Miss(Exception):
    """A section that is not in the entry, or not whole."""


def directory(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "erreichbar")


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

    def __init__(self, fh: BinaryIO, contents: dict[str, tuple], base: int,
                 whole: bool) -> None:
        self._fh = fh
        self._contents = contents
        self._base = base
        self._body = fh.read() if whole else None  # everything is wanted: one read

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
    try:
        fh = open(_file(shelf, identity, environ), "rb")  # noqa: SIM115 - Entry closes it
    except OSError:
        return None
    try:
        head = _head(shelf, identity)
        if fh.read(len(head)) != head:
            raise Miss("head")
        length, crc = _TOC.unpack(fh.read(_TOC.size))
        raw = fh.read(length)
        if len(raw) != length or zlib.crc32(raw) != crc:
            raise Miss("contents")
        # Written by this tool into the user's own cache folder, and its checksum
        # matches; marshal creates only plain values and runs nothing.
        contents = marshal.loads(raw)  # noqa: S302
        if not isinstance(contents, dict):
            raise Miss("contents")
        return Entry(fh, contents, len(head) + _TOC.size + length, whole)
    except Exception:
        fh.close()
        return None


def write(shelf: str, identity: str, sections: Mapping[str, Sequence[bytes]],
          environ: Mapping[str, str] | None = None, keep: int | None = KEEP) -> None:
    """File `sections` under `identity` on `shelf`, atomically, and prune the shelf to
    its `keep` newest entries (None: never pruned). Failing to write is not an error."""
    try:
        folder = directory(environ)
        os.makedirs(folder, exist_ok=True)
        contents: dict[str, tuple] = {}
        offset = 0
        for name, parts in sections.items():
            spans = []
            for part in parts:
                spans.append((offset, len(part), zlib.crc32(part)))
                offset += len(part)
            contents[name] = tuple(spans)
        raw = marshal.dumps(contents)
        target = _file(shelf, identity, environ)
        tmp = f"{target}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(_head(shelf, identity))
            fh.write(_TOC.pack(len(raw), zlib.crc32(raw)))
            fh.write(raw)
            for parts in sections.values():
                for part in parts:
                    fh.write(part)
        os.replace(tmp, target)
        if keep is not None:
            _prune(folder, shelf, keep, target)
    except Exception:  # noqa: S110 - a store that cannot be written is only slower
        pass


def _prune(folder: str, shelf: str, keep: int, written: str) -> None:
    entries = []
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if not name.endswith(".bin") or path == written:
            continue
        if name.startswith(f"{shelf}-"):
            entries.append((os.path.getmtime(path), path))
        elif len(name) == 20 and all(c in "0123456789abcdef" for c in name[:16]):
            os.unlink(path)  # a dataset kept in the layout before shelves: nothing reads it
    for _, path in sorted(entries, reverse=True)[keep - 1:]:
        os.unlink(path)
