"""`now --json` over a whole dataset's compiled table (see data/now_table.py).

Each line is put together from parts (json_out.channel_parts and status_parts): the parts
of a channel that do not change with time are made once from the model and kept in the
store beside the dataset (data/kept_parts.py, under VERSION); the parts of a status are
made once per distinct status. A cached run so never builds the model.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from erreichbar.answers.now import NowRows
from erreichbar.render.json_out import now_chunks, status_texts

# The version of the parts' layout and content: a change to channel_parts() or to the
# keys it writes must change it, so that parts kept by an earlier version are not used.
# 6: C1, DEL and bidi controls written as \uXXXX escapes; 5: each line ends with the
# channel's source, find_contact, booking, assumption and (a visit's) address, and a
# contact says what is uncertain about it; 4: parts as UTF-8 pieces; 2: a short number's
# tel: URI names its phone-context
VERSION = "json_out 6"
Parts = Sequence[tuple[bytes, bytes, bytes]]  # the parts of each channel, by its position


def now_json(parts: Parts, rows: NowRows) -> str:
    """`now --json` for the rows answers.now.now_rows() lists, in its order, each line the
    bytes of json_out.channel_answer() (tests/test_now_table.py)."""
    return b"".join(now_json_chunks(parts, rows)).decode()


def now_json_chunks(parts: Parts, rows: NowRows) -> Iterator[bytes]:
    """now_json() as UTF-8, in pieces of some thousand lines to be written one after the
    other: a country's answer is never held whole, neither as text nor as its lines."""
    return now_chunks(parts, rows.listed, status_texts(rows.statuses))
