"""`now --json` over a whole dataset's compiled table (see now_table.py).

Each line is put together from parts (json_out.channel_parts and status_parts): the parts
of a channel that do not change with time are made once from the model and kept in the
store beside the dataset, under this renderer's own version; the parts of a status are
made once per distinct status. A cached run so never builds the model.
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from .. import store
from ..answers_now import now_rows
from ..calendar import Calendar
from ..now_table import NowTable, from_dataset
from .json_out import channel_parts, now_chunks, status_texts

SHELF = "json"
# The version of the parts' layout and content: a change to channel_parts() or to the
# keys it writes must change it, so that parts kept by an earlier version are not used.
VERSION = 4  # 4: parts as UTF-8 pieces; 2: a short number's tel: URI names its phone-context
_SECTION = "channel parts"
Parts = Sequence[tuple[bytes, bytes, bytes]]  # the parts of each channel, by its position


def now_json(table: NowTable, cal: Calendar, instant: datetime,
             kinds: tuple[str, ...] | None = None, include_closed: bool = False) -> str:
    """`now --json` for the whole table: the channels answers.now() lists, in its order,
    each line the bytes of json_out.channel_answer() (tests/test_now_table.py)."""
    return b"".join(now_json_chunks(table, cal, instant, kinds, include_closed)).decode()


def now_json_chunks(table: NowTable, cal: Calendar, instant: datetime,
                    kinds: tuple[str, ...] | None = None, include_closed: bool = False
                    ) -> Iterator[bytes]:
    """now_json() as UTF-8, in pieces of some thousand lines to be written one after the
    other: a country's answer is never held whole, neither as text nor as its lines."""
    table, parts = _with_parts(table)
    rows = now_rows(table, cal, instant, kinds, include_closed)  # what every view of now shows
    return now_chunks(parts, rows.listed, status_texts(rows.statuses))


def _with_parts(table: NowTable) -> tuple[NowTable, Parts]:
    """The table and the time-independent parts of each channel's line: kept ones if the
    store has them for this dataset, else made from the model (and kept)."""
    identity = None if table.key is None else f"{table.key}\0json_out {VERSION}"
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
        identity = None if key is None else f"{key}\0json_out {VERSION}"
    pieces = _encode(channel_parts(office, channel) for office in dataset.offices
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
    return [heads, head_starts.tobytes(), mids, mid_starts.tobytes(),  # type: ignore[list-item]
            tail_index.tobytes(), marshal.dumps(tuple(tails))]


class _Kept:
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

    def __getitem__(self, n: int) -> tuple[bytes, bytes, bytes]:
        starts, mids = self.head_starts, self.mid_starts
        return (self.heads[starts[n]:starts[n + 1]], self.mids[mids[n]:mids[n + 1]],
                self.tails[self.tail_index[n]])


def _array(data: bytes) -> array:
    numbers = array(_ITEM)
    numbers.frombytes(data)
    return numbers
