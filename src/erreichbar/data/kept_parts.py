"""Parts of a view kept in the store beside the dataset they were made from.

`now --json` writes each channel's line from three parts that do not change with time (see
render/now_json.py). They are made once from the model, by a function the caller hands in,
and kept under the caller's version; a later run slices out only the channels it lists,
straight from the bytes read. This module keeps bytes and knows no view.
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from erreichbar.cache import store
from erreichbar.data.now_table import NowTable, from_dataset

if TYPE_CHECKING:  # a cached `now --json` builds no records, so it does not import them
    from erreichbar.data.model import Channel, Office

SHELF = "json"
_SECTION = "channel parts"
ChannelParts = tuple[bytes, bytes, bytes]  # the first, the middle and the last part
Parts = Sequence[ChannelParts]  # the parts of each channel, by its position
MakeParts = Callable[["Office", "Channel"], tuple[str, str, str]]


def with_parts(table: NowTable, make: MakeParts, version: str) -> tuple[NowTable, Parts]:
    """The table and the time-independent parts of each channel's line: kept ones if the
    store has them for this dataset and VERSION, else made by MAKE from the model (and
    kept). If a file was edited since the table was read, both come anew from the files."""
    identity = None if table.key is None else f"{table.key}\0{version}"
    if identity is not None:
        entry = store.read(SHELF, identity)
        if entry is not None:
            with entry:
                try:
                    return table, _Kept([entry.get(_SECTION, n) for n in range(_PIECES)])
                except Exception:  # noqa: S110 - not whole: made again below
                    pass
    dataset, key = table.source()
    if key != table.key:  # a file was edited since the table was read: take both anew
        table = from_dataset(dataset, key)
        identity = None if key is None else f"{key}\0{version}"
    pieces = _encode(make(office, channel) for office in dataset.offices
                     for channel in office.channels)
    if identity is not None:
        store.write(SHELF, identity, {_SECTION: pieces})
    return table, _Kept(pieces)


# Kept as the store's pieces of one section: the first and the middle parts of every
# channel, each as one long UTF-8 text with where each channel's part starts, and the
# last part (via, origin), which whole files share, once each. A run slices out only the
# channels it lists, straight from the bytes read, so a country's parts are never a few
# hundred thousand strings, nor a second copy of what was read.
_ITEM = "I" if array("I").itemsize >= 4 else "L"
_PIECES = 6


def _encode(parts: Iterable[tuple[str, str, str]]) -> list[bytes]:
    """The pieces of PARTS, made as the parts come: a country's parts are never held as
    strings, nor as a list of them."""
    heads, mids = bytearray(), bytearray()
    head_starts, mid_starts, tail_index = array(_ITEM, [0]), array(_ITEM, [0]), array(_ITEM)
    tails: dict[str, int] = {}
    for head, mid, tail in parts:
        heads += head.encode("utf-8", "surrogateescape")
        head_starts.append(len(heads))
        mids += mid.encode("utf-8", "surrogateescape")
        mid_starts.append(len(mids))
        tail_index.append(tails.setdefault(tail, len(tails)))
    # (the two texts stay bytearrays: a copy into bytes would be a second one of each)
    return [heads,  # type: ignore[list-item]  # a bytearray, read as bytes: not copied
            head_starts.tobytes(),
            mids,  # type: ignore[list-item]  # a bytearray too, as heads
            mid_starts.tobytes(), tail_index.tobytes(), marshal.dumps(tuple(tails))]


class _Kept(Sequence[ChannelParts]):
    """The kept parts, each channel's sliced out when asked for."""

    __slots__ = ("head_starts", "heads", "mid_starts", "mids", "tail_index", "tails")

    def __init__(self, pieces: list[bytes]) -> None:
        self.heads, self.mids = pieces[0], pieces[2]
        self.head_starts, self.mid_starts, self.tail_index = (
            _array(pieces[1]), _array(pieces[3]), _array(pieces[4]))
        # checked by the store; marshal runs nothing
        self.tails = tuple(t.encode("utf-8", "surrogateescape")
                           for t in marshal.loads(pieces[5]))  # noqa: S302
        if not len(self.head_starts) == len(self.mid_starts) == len(self.tail_index) + 1 \
                or self.head_starts[-1] != len(self.heads) \
                or self.mid_starts[-1] != len(self.mids) \
                or max(self.tail_index, default=-1) >= len(self.tails):
            raise ValueError("parts not whole")

    def __len__(self) -> int:
        return len(self.tail_index)

    # By position only: a slice is never asked for, and a test for one would cost every
    # channel listed.
    def __getitem__(self, n: int) -> ChannelParts:  # type: ignore[override]  # no slices
        starts, mids = self.head_starts, self.mid_starts
        return (self.heads[starts[n]:starts[n + 1]], self.mids[mids[n]:mids[n + 1]],
                self.tails[self.tail_index[n]])


def _array(data: bytes) -> array[int]:
    numbers = array(_ITEM)
    numbers.frombytes(data)
    return numbers
