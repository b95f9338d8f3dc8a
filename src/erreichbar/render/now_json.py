"""`now --json` over a whole dataset's compiled table (see now_table.py).

Each line is put together from parts (json_out.channel_parts and status_parts): the parts
of a channel that do not change with time are made once from the model and kept in the
store beside the dataset, under this renderer's own version; the parts of a status are
made once per distinct status. A cached run so never builds the model.
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Iterator, Sequence
from datetime import datetime

from .. import store
from ..answers_now import now_rows
from ..calendar import Calendar
from ..now_table import NowTable, from_dataset
from .json_out import channel_parts, now_chunks, status_texts

SHELF = "json"
# The version of the parts' layout and content: a change to channel_parts() or to the
# keys it writes must change it, so that parts kept by an earlier version are not used.
VERSION = 2
_SECTION = "channel parts"
Parts = Sequence[tuple[str, str, str]]  # the parts of each channel, by its position


def now_json(table: NowTable, cal: Calendar, instant: datetime,
             kinds: tuple[str, ...] | None = None, include_closed: bool = False) -> str:
    """`now --json` for the whole table: the channels answers.now() lists, in its order,
    each line the bytes of json_out.channel_answer() (tests/test_now_table.py)."""
    return "".join(now_json_chunks(table, cal, instant, kinds, include_closed))


def now_json_chunks(table: NowTable, cal: Calendar, instant: datetime,
                    kinds: tuple[str, ...] | None = None, include_closed: bool = False
                    ) -> Iterator[str]:
    """now_json() in pieces of some thousand lines, to be written one after the other:
    a country's answer is never held whole, neither as text nor as its lines."""
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
                    return table, _decode(entry.get(_SECTION))
                except Exception:  # noqa: S110 - not whole: made again below
                    pass
    dataset, key = table.source()
    if key != table.key:  # a file was edited since the table was read: take both anew
        table = from_dataset(dataset, key)
        identity = None if key is None else f"{key}\0json_out {VERSION}"
    parts = [channel_parts(office, channel) for office in dataset.offices
             for channel in office.channels]
    if identity is not None:
        store.write(SHELF, identity, {_SECTION: [_encode(parts)]})
    return table, parts


# Kept as two long texts (the first and the middle parts of every channel, one after the
# other) with where each part starts, and the last part (via, origin), which whole files
# share, once each: a run slices out only the channels it lists, so a country's parts
# are never a few hundred thousand strings.
_ITEM = "I" if array("I").itemsize >= 4 else "L"


def _encode(parts: Parts) -> bytes:
    tails: dict[str, int] = {}
    return marshal.dumps((
        "".join(p[0] for p in parts), _starts(len(p[0]) for p in parts),
        "".join(p[1] for p in parts), _starts(len(p[1]) for p in parts),
        array(_ITEM, [tails.setdefault(p[2], len(tails)) for p in parts]).tobytes(),
        tuple(tails)))


def _starts(lengths: Iterator[int]) -> bytes:
    starts = array(_ITEM, [0])
    for length in lengths:
        starts.append(starts[-1] + length)
    return starts.tobytes()


class _Kept:
    """The kept parts, each channel's sliced out when asked for."""

    __slots__ = ("head_starts", "heads", "mid_starts", "mids", "tail_index", "tails")

    def __init__(self, data: bytes) -> None:
        # checked by the store; marshal runs nothing
        self.heads, head_starts, self.mids, mid_starts, tail_index, self.tails = \
            marshal.loads(data)  # noqa: S302
        self.head_starts, self.mid_starts, self.tail_index = (
            _array(head_starts), _array(mid_starts), _array(tail_index))
        if not len(self.head_starts) == len(self.mid_starts) == len(self.tail_index) + 1:
            raise ValueError("parts not whole")

    def __len__(self) -> int:
        return len(self.tail_index)

    def __getitem__(self, n: int) -> tuple[str, str, str]:
        return (self.heads[self.head_starts[n]:self.head_starts[n + 1]],
                self.mids[self.mid_starts[n]:self.mid_starts[n + 1]],
                self.tails[self.tail_index[n]])


def _array(data: bytes) -> array:
    numbers = array(_ITEM)
    numbers.frombytes(data)
    return numbers


def _decode(data: bytes) -> Parts:
    return _Kept(data)  # type: ignore[return-value]
