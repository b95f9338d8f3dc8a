"""The answers about spans of time: the week at a glance (`week`: the seven days from
WHEN's day on) and the open windows over several weeks (`ics`). Kept apart from
answers.py, which every `now` imports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from erreichbar.answers.questions import (
    DEFAULT_REACH_KINDS,
    channel_name,
    channels_of,
    kind_order,
)
from erreichbar.calendar.civil import Calendar
from erreichbar.data.model import Channel, Dataset, Office, Segment, State
from erreichbar.hours import engine
from erreichbar.hours.compiled import segments_on

if TYPE_CHECKING:
    from erreichbar.answers.lookup import Target


@dataclass(slots=True)
class WeekRow:
    office: Office
    channel: Channel
    name: str
    # the seven days from WHEN's day on: open/unknown wall-clock segments
    days: tuple[tuple[Segment, ...], ...]
    windows: tuple[engine.Window, ...]  # the same as aware datetimes, open and unknown
    # the same seven days: where a rule by date closes the day (`Dec 24 off "Heiligabend"`),
    # its comment, else the rule as written; None on other days
    closures: tuple[str | None, ...] = ()


@dataclass(slots=True)
class WeekAnswer:
    first: date  # WHEN's day, the first of the seven
    instant: datetime
    rows: tuple[WeekRow, ...]
    holidays: dict[date, str]

    @property
    def days(self) -> tuple[date, ...]:
        """The seven days, from `first` on."""
        return tuple(self.first + timedelta(days=n) for n in range(7))


def _rows(dataset: Dataset, target: Target | None, kinds: tuple[str, ...]
          ) -> list[tuple[Office, Channel]]:
    """(office, channel) for the target (every office when None), kinds in order."""
    offices = [target.office] if target else list(dataset.offices)
    out: list[tuple[Office, Channel]] = []
    for office in offices:
        channels = channels_of(target, kinds) if target else [
            c for c in office.channels if c.kind in kinds]
        out.extend((office, channel) for channel in sorted(channels, key=kind_order))
    return out


def week(dataset: Dataset, cal: Calendar, target: Target | None, instant: datetime,
         kinds: tuple[str, ...] | None = None) -> WeekAnswer:
    """The windows of the seven days from the day of `instant` on (that day 00:00 to the
    sixth day after it 24:00), per channel: the week ahead, weekend included."""
    kinds = kinds or DEFAULT_REACH_KINDS
    local = cal.local(instant)
    first = local.date()
    days = [first + timedelta(days=n) for n in range(7)]
    start, end = cal.at(first, 0), cal.at(days[-1], 24 * 60)
    rows = [
        WeekRow(office, channel, channel_name(office, channel),
                tuple(segments_on(channel.hours, channel.validity, cal, d) for d in days),
                tuple(engine.windows(channel.hours, cal, start, end, channel.validity,
                                     (State.OPEN, State.UNKNOWN))),
                tuple(_closure(channel, cal, d) for d in days))
        for office, channel in _rows(dataset, target, kinds)
    ]
    holidays = {d: name for d in days if (name := cal.holiday(d))}
    return WeekAnswer(first, local, tuple(rows), holidays)


def _closure(channel: Channel, cal: Calendar, day: date) -> str | None:
    dated = channel.hours.dated
    if dated is None or not channel.validity.covers(day):
        return None
    found = dated.closure(cal, day)
    return None if found is None else found[1] or found[0]


@dataclass(slots=True)
class WindowsRow:
    office: Office
    channel: Channel
    name: str
    windows: tuple[engine.Window, ...]
    # the days a rule by date closes (`Dec 24 off "Heiligabend"`), with the reason
    closures: tuple[tuple[date, str], ...] = ()


@dataclass(slots=True)
class WindowsAnswer:
    start: datetime
    end: datetime
    timezone: str
    as_of: date
    # made one by one as they are read, once: a calendar over two years of a country's
    # channels is written as it is made, never held whole (see render/ics.py)
    rows: Iterator[WindowsRow]


def open_windows(dataset: Dataset, cal: Calendar, target: Target | None, first: date,
                 weeks: int, kinds: tuple[str, ...] | None = None) -> WindowsAnswer:
    """The open windows from `first` 00:00 for `weeks` weeks, per channel (for calendars),
    each channel's as its row is asked for."""
    kinds = kinds or DEFAULT_REACH_KINDS
    start, end = cal.at(first, 0), cal.at(first + timedelta(weeks=weeks), 0)
    days = [first + timedelta(days=n) for n in range(7 * weeks)]
    rows = (
        WindowsRow(office, channel, channel_name(office, channel), tuple(
            engine.windows(channel.hours, cal, start, end, channel.validity)),
            tuple((d, reason) for d in days
                  if (reason := _closure(channel, cal, d)) is not None)
            if channel.hours.dated is not None else ())
        for office, channel in _rows(dataset, target, kinds)
    )
    return WindowsAnswer(start, end, dataset.timezone, dataset.as_of, rows)
