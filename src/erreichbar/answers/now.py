"""The one result of `now`, apart from the other answers: `now --json` on cached data
asks only this, and so never defines the model's records or the other answers' classes
(see hours/values.py). `answers.now()` gives the same rows with their offices and channels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from erreichbar.hours import batch, engine
from erreichbar.hours.values import CHANNEL_KINDS, State

if TYPE_CHECKING:
    from erreichbar.calendar.civil import Calendar
    from erreichbar.data.now_table import NowTable
    from erreichbar.hours.values import Schedule, Validity


@dataclass(slots=True)
class NowRows:
    """The one result of `now`, whichever view shows it: the channels listed, in their
    order, as positions in data order (office by office, channel by channel), each with its
    status. The terminal and the pipe show them from the model (now()); `--json` from the
    compiled table, never building the model (render/now_json.py)."""

    listed: list[int]
    statuses: list[engine.Status]  # of the listed channels, in the same order
    # every channel's status, in data order: what the terminal says of those left out
    every: list[engine.Status]


def now_rows(table: NowTable, cal: Calendar, instant: datetime,
             kinds: tuple[str, ...] | None = None, include_closed: bool = False) -> NowRows:
    """Every channel open or unknown at `instant` (all of them with include_closed),
    grouped by channel kind, offices in data order: each distinct (schedule, validity) of
    the table asked about once."""
    count = len(table.validities)
    keys = table.schedule if count == 1 else \
        [s * count + v for s, v in zip(table.schedule, table.validity, strict=True)]
    distinct = sorted(set(keys))
    found = batch.statuses([(table.schedules[k // count], table.validities[k % count])
                            for k in distinct], cal, instant)
    statuses = list(map(dict(zip(distinct, found, strict=True)).__getitem__, keys))
    if table.by_appointment:  # (in place: a country's statuses are not copied for a few)
        booked: dict[tuple[int, int, int], engine.Status] = {}  # each made once
        for i in table.by_appointment:
            statuses[i] = by_appointment(statuses[i], table.schedules[table.schedule[i]],
                                         table.validities[table.validity[i]], cal, booked)
    listed = listed_now([CHANNEL_KINDS[k] for k in table.kind], statuses, kinds,
                        include_closed)
    return NowRows(listed, [statuses[i] for i in listed], statuses)


def listed_now(channel_kinds: Sequence[str], found: Sequence[engine.Status],
               kinds: tuple[str, ...] | None, include_closed: bool) -> list[int]:
    """Which channels `now` lists, and in which order: those of the asked kinds that are
    not closed (all with include_closed), grouped by kind in CHANNEL_KINDS order, data
    order within a kind."""
    out = [i for i, kind in enumerate(channel_kinds)
           if (not kinds or kind in kinds)
           and (include_closed or found[i].state is not State.CLOSED)]
    order = {kind: n for n, kind in enumerate(CHANNEL_KINDS)}
    out.sort(key=lambda i: order[channel_kinds[i]])  # stable: data order within a kind
    return out


def by_appointment(status: engine.Status, schedule: Schedule, validity: Validity,
                   cal: Calendar,
                   made: dict[tuple[int, int, int], engine.Status] | None = None
                   ) -> engine.Status:
    """What a visit only by appointment is at an instant: while its hours are open or
    unknown, `appointment` (until they are closed: its `until` runs over open and unknown
    alike; with the comment and next open window of the hours: when the office is there to
    meet), else what its hours say. `check` never counts it as a way to reach the office
    now; the views say how to get an appointment."""
    if status.state is State.CLOSED:
        return status
    # (by the hours too: the engine gives schedules alike today one Status object)
    key = (id(status), id(schedule), id(validity))
    found = made.get(key) if made is not None else None
    if found is None:
        current = status.current
        found = engine.Status(State.APPOINTMENT,
                              engine.Window(current.start,
                                            _closes(status, schedule, validity, cal),
                                            State.APPOINTMENT, current.comment),
                              status.next_open, status.holiday, status.in_validity,
                              status.comment_until, status.next_comment)
        if made is not None:
            made[key] = found
    return found


def _closes(status: engine.Status, schedule: Schedule, validity: Validity, cal: Calendar
            ) -> datetime | None:
    """When hours open or unknown at an instant are next closed (None beyond the engine's
    horizon for `until`): over each change between open and unknown."""
    end = status.until
    if end is None:
        return None
    horizon = end + timedelta(days=engine.UNTIL_HORIZON_DAYS)
    for _ in range(_MOST_CHANGES):
        after = engine.status(schedule, cal, end, validity)
        if after.state is State.CLOSED:
            return end
        if after.until is None or after.until > horizon:
            return None
        end = after.until
    return None


# how many changes between open and unknown `_closes` follows: far more than two weeks of
# office hours have (a change or two a day)
_MOST_CHANGES = 64
