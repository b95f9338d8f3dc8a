"""Every channel as one row of a few columns: what `now --json` reads for a whole dataset.

Over a country-sized dataset, `now --json` needs of each channel only its hours, its
validity and its kind (and the parts of its JSON line that do not change with time, which
the JSON renderer makes and keeps itself: render/now_json.py). Kept as columns in the
store, they are read without building the model (a few hundred thousand objects on every
run); the engine then works once per distinct schedule. Built from the model by
`from_dataset`, so the table and the model say the same (a test compares their output
byte for byte).
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, cast

from erreichbar.data.codec import (
    STATES,
    Days,
    Packed,
    day,
    from_iso,
    iso,
    school_codes,
    school_from,
    state_code,
)
from erreichbar.hours.values import CHANNEL_KINDS, Schedule, Validity

if TYPE_CHECKING:
    from erreichbar.data.model import Dataset

# The store's section of a table, with the version of its layout (see dataset.py)
# 7: the visits only by appointment as their positions, not a column of every channel;
# 6: which channels are visits only by appointment; 5: the rules of schedules that depend
# on the date
SECTION = "now table 7"
# the array type of the columns: unsigned and 32 bits wide where C's int is (everywhere
# this runs); the store is kept per machine and Python version, so it reads back the same
_ITEM = "I" if array("I").itemsize >= 4 else "L"


@dataclass(slots=True)
class NowTable:
    timezone: str
    region: str
    # each distinct week of days once: channels whose hours are written differently but
    # mean the same days share one (its text is the first one's, and a table read from
    # the store has none: `now --json` shows no hours text)
    schedules: list[Schedule]
    validities: list[Validity]  # each distinct one once
    # per channel, in data order (arrays of machine integers when read from the store: a
    # country's columns as tuples would hold a few hundred thousand int objects):
    schedule: Sequence[int]  # index into schedules
    validity: Sequence[int]  # index into validities
    kind: Sequence[int]  # index into CHANNEL_KINDS
    # The dataset the table was made from, built only when asked for (what a view needs
    # beyond these columns is made from it), and its identity in the store (None: nothing
    # made of it is kept). The identity given with the dataset is that of the files as
    # read then: it differs from `key` only if a file was edited in between.
    source: Callable[[], tuple[Dataset, str | None]]
    key: str | None = None
    school_holidays: tuple[tuple[date, date, str], ...] = ()  # (what SH means)
    # the positions of the visits only by appointment (Channel.needs_appointment), in data
    # order: a few of a country's channels, where a column would hold every one of them
    by_appointment: Sequence[int] = ()


def from_dataset(dataset: Dataset, key: str | None = None) -> NowTable:
    schedules: dict[tuple[int, ...], int] = {}
    schedule_list: list[Schedule] = []
    validities: dict[Validity, int] = {}
    columns: tuple[list[int], list[int], list[int]] = ([], [], [])
    by_appointment: list[int] = []
    kind_index = {kind: n for n, kind in enumerate(CHANNEL_KINDS)}
    for office in dataset.offices:
        for channel in office.channels:
            days = tuple(map(id, channel.hours.days))  # equal days are one object
            if channel.hours.dated is not None:  # (and rules by date are the object's own)
                days += (id(channel.hours.dated),)
            number = schedules.get(days)
            if number is None:
                number = schedules[days] = len(schedule_list)
                schedule_list.append(channel.hours)
            columns[0].append(number)
            columns[1].append(validities.setdefault(channel.validity, len(validities)))
            columns[2].append(kind_index[channel.kind])
            if channel.needs_appointment:
                by_appointment.append(len(columns[2]) - 1)
    return NowTable(dataset.timezone, dataset.region, schedule_list, list(validities),
                    tuple(columns[0]), tuple(columns[1]), tuple(columns[2]),
                    lambda: (dataset, key), key, dataset.school_holidays, tuple(by_appointment))


def encode(table: NowTable) -> list[bytes]:
    """Two parts: the schedules (each day once), and the columns."""
    days = Days()
    refs = [days.ref(d) for s in table.schedules
            for d in (s.days if s.dated is None else s.dated.regular)]
    return [
        marshal.dumps((
            tuple(days.rows), _packed(refs),
            tuple(None if s.constant is None else (state_code(s.constant[0]), s.constant[1])
                  for s in table.schedules),
            tuple(s.ever_open for s in table.schedules),
            # how many days each has: 14, or more where spans pass midnight (hours_rules)
            tuple(len(s.days if s.dated is None else s.dated.regular)
                  for s in table.schedules),
            # the rules of those that depend on the date (dated_days)
            tuple(None if s.dated is None else cast(Packed, s.dated.pack())  # (see Packed)
                  for s in table.schedules))),
        marshal.dumps((
            table.timezone, table.region, school_codes(table.school_holidays),
            tuple((iso(v.valid_from), iso(v.valid_until)) for v in table.validities),
            _packed(table.schedule), _packed(table.validity), _packed(table.kind),
            _packed(table.by_appointment))),
    ]


def _packed(numbers: Sequence[int]) -> bytes:
    return array(_ITEM, numbers).tobytes()


def _unpacked(data: bytes) -> array[int]:
    numbers = array(_ITEM)
    numbers.frombytes(data)
    return numbers


def decode(read: Callable[[int], bytes], source: Callable[[], tuple[Dataset, str | None]],
           key: str | None) -> NowTable:
    """The table from the parts encode() made (`read(n)` gives part n)."""
    # the parts come from the store, which checked them; marshal runs nothing
    days_raw, packed_refs, constants, ever_open, lengths, dated = \
        marshal.loads(read(0))  # noqa: S302
    timezone, region, school, validities, schedule, validity, kind, by_appointment = \
        marshal.loads(read(1))  # noqa: S302
    refs = _unpacked(packed_refs)
    days = [day(raw) for raw in days_raw]
    restored = Schedule.restored
    starts = [0]
    for length in lengths:
        starts.append(starts[-1] + length)
    # (without their texts, which `now --json` never shows: a country's are megabytes)
    schedules = [restored("", tuple(map(days.__getitem__, refs[starts[i]:starts[i + 1]])),
                          None if constant is None else (STATES[constant[0]], constant[1]),
                          opens)
                 for i, (constant, opens) in enumerate(zip(constants, ever_open, strict=True))]
    if any(dated):
        from erreichbar.hours.dated_days import unpack  # (only where a rule depends on the date)

        for i, found in enumerate(dated):
            if found is not None:
                schedules[i] = unpack("", found, schedules[i].days)
    booked = _unpacked(by_appointment)
    channels = _unpacked(schedule)
    if max(booked, default=-1) >= len(channels):
        raise ValueError("a visit by appointment beyond the channels")
    return NowTable(timezone, region, schedules,
                    [Validity(from_iso(f), from_iso(u)) for f, u in validities],
                    channels, _unpacked(validity), _unpacked(kind), source, key,
                    school_from(school), booked)
