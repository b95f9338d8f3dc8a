"""Every channel as one row of a few columns: what `now --json` reads for a whole dataset.

Over a country-sized dataset, `now --json` needs of each channel only its hours, its
validity, its kind and the parts of its JSON line that do not change with time. Kept as
columns in the cache, they are read without building the model (a few hundred thousand
objects on every run); the engine then works once per distinct schedule, and each line
is put together from its parts. Built from the model by `from_dataset`, so the table
and the model say the same (a test compares their output byte for byte).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import batch
from .answers import listed_now
from .calendar import Calendar
from .model import CHANNEL_KINDS, Dataset, Schedule, Validity


@dataclass(slots=True)
class NowTable:
    timezone: str
    region: str
    # each distinct week of days once: channels whose hours are written differently but
    # mean the same days share one (its text is the first one's; `now --json` shows none)
    schedules: list[Schedule]
    validities: list[Validity]  # each distinct one once
    schedule: tuple[int, ...]  # per channel, in data order: index into schedules
    validity: tuple[int, ...]  # index into validities
    kind: tuple[int, ...]  # index into CHANNEL_KINDS
    parts: list[tuple[str, str, str]]  # the time-independent parts of its JSON line


def from_dataset(dataset: Dataset) -> NowTable:
    from .render.json_out import channel_parts

    schedules: dict[tuple[int, ...], int] = {}
    schedule_list: list[Schedule] = []
    validities: dict[Validity, int] = {}
    columns: tuple[list[int], list[int], list[int]] = ([], [], [])
    parts = []
    kind_index = {kind: n for n, kind in enumerate(CHANNEL_KINDS)}
    for office in dataset.offices:
        for channel in office.channels:
            days = tuple(map(id, channel.hours.days))  # equal days are one object
            number = schedules.get(days)
            if number is None:
                number = schedules[days] = len(schedule_list)
                schedule_list.append(channel.hours)
            columns[0].append(number)
            columns[1].append(validities.setdefault(channel.validity, len(validities)))
            columns[2].append(kind_index[channel.kind])
            parts.append(channel_parts(office, channel))
    return NowTable(dataset.timezone, dataset.region, schedule_list, list(validities),
                    tuple(columns[0]), tuple(columns[1]), tuple(columns[2]), parts)


def now_json(table: NowTable, cal: Calendar, instant: datetime,
             kinds: tuple[str, ...] | None = None, include_closed: bool = False) -> str:
    """`now --json` for the whole table: the channels answers.now() lists, in its order,
    each line the bytes of json_out.channel_answer() (tests/test_now_table.py)."""
    from .render.json_out import now_lines, status_texts

    # each channel's (schedule, validity) as one number, worked out once per distinct one
    count = len(table.validities)
    keys = table.schedule if count == 1 else \
        [s * count + v for s, v in zip(table.schedule, table.validity, strict=True)]
    distinct = sorted(set(keys))
    found = batch.statuses([(table.schedules[k // count], table.validities[k % count])
                             for k in distinct], cal, instant)
    statuses = list(map(dict(zip(distinct, found, strict=True)).__getitem__, keys))
    listed = listed_now([CHANNEL_KINDS[k] for k in table.kind], statuses, kinds,
                        include_closed)
    return now_lines([table.parts[i] for i in listed],
                     status_texts([statuses[i] for i in listed]))
