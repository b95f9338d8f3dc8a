"""`now --json` over a whole dataset's compiled table (see now_table.py).

Each line is put together from parts (json_out.channel_parts and status_parts): the parts
of a channel that do not change with time are made once from the model and kept in the
store beside the dataset, under this renderer's own version; the parts of a status are
made once per distinct status. A cached run so never builds the model.
"""

from __future__ import annotations

import marshal
from datetime import datetime

from .. import store
from ..answers import now_rows
from ..calendar import Calendar
from ..now_table import NowTable, from_dataset
from .json_out import channel_parts, now_lines, status_texts

SHELF = "json"
# The version of the parts' layout and content: a change to channel_parts() or to the
# keys it writes must change it, so that parts kept by an earlier version are not used.
VERSION = 2  # 2: a short number's tel: URI names its phone-context
_SECTION = "channel parts"


def now_json(table: NowTable, cal: Calendar, instant: datetime,
             kinds: tuple[str, ...] | None = None, include_closed: bool = False) -> str:
    """`now --json` for the whole table: the channels answers.now() lists, in its order,
    each line the bytes of json_out.channel_answer() (tests/test_now_table.py)."""
    table, parts = _with_parts(table)
    rows = now_rows(table, cal, instant, kinds, include_closed)  # what every view of now shows
    return now_lines([parts[i] for i in rows.listed], status_texts(rows.statuses))


def _with_parts(table: NowTable) -> tuple[NowTable, list[tuple[str, str, str]]]:
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


def _encode(parts: list[tuple[str, str, str]]) -> bytes:
    # JSON text holds no raw NUL (the encoder writes \u0000), so NUL can join the parts;
    # the last part (via, origin) is shared by whole files, so it is kept once each
    tails: dict[str, int] = {}
    return marshal.dumps(("\0".join(p[0] for p in parts), "\0".join(p[1] for p in parts),
                          tuple(tails.setdefault(p[2], len(tails)) for p in parts),
                          tuple(tails)))


def _decode(data: bytes) -> list[tuple[str, str, str]]:
    # checked by the store; marshal runs nothing
    heads, mids, tail_index, tails = marshal.loads(data)  # noqa: S302
    if not tail_index:
        return []
    return list(zip(heads.split("\0"), mids.split("\0"), map(tails.__getitem__, tail_index),
                    strict=True))
