"""The scheduling engine: pure functions of a schedule, a calendar and an instant.

It never reads the clock, the environment or a file, so every answer can be reproduced
with `--at` and tested without mocks. Windows are half-open: `10:00-11:00` is open at
10:00 and closed at 11:00. All arithmetic is on wall-clock minutes of local days, turned
into aware datetimes only at the edges, which keeps windows right across DST changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .calendar import Calendar
from .model import ALWAYS, Channel, Schedule, Segment, State, Validity

DAY = 24 * 60
UNTIL_HORIZON_DAYS = 14  # `until` further away than this is reported as null
SEARCH_DAYS = 366  # how far ahead a next open window is looked for
LOOKBACK_DAYS = 7  # how far back the start of the current state is looked for


@dataclass(frozen=True, slots=True)
class Window:
    """A stretch of constant state. `start`/`end` are None where they lie beyond the search."""

    start: datetime | None
    end: datetime | None
    state: State
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class Status:
    state: State
    current: Window  # the stretch containing the instant
    next_open: Window | None  # the next open window after the current stretch
    holiday: str | None  # the public holiday on that local day, if there is one
    in_validity: bool = True

    @property
    def until(self) -> datetime | None:
        return self.current.end

    @property
    def comment(self) -> str | None:
        return self.current.comment


def day_segments(schedule: Schedule, validity: Validity, cal: Calendar,
                 day: date) -> tuple[Segment, ...]:
    """The open and unknown segments of one local day (closed outside the validity period)."""
    if not validity.covers(day):
        return ()
    return schedule.day(day.weekday(), cal.holiday(day) is not None)


def _stretches(schedule: Schedule, validity: Validity, cal: Calendar, first: date,
               days: int) -> Iterator[tuple[int, int, State, str | None]]:
    """Maximal stretches of constant (state, comment) from `first` 00:00 for `days` days,
    as wall-clock minute offsets from that midnight; closed stretches included."""
    cur: list | None = None
    for n in range(days):
        day = first + timedelta(days=n)
        base = n * DAY
        pos = 0
        pieces: list[tuple[int, int, State, str | None]] = []
        for seg in day_segments(schedule, validity, cal, day):
            if seg.start > pos:
                pieces.append((base + pos, base + seg.start, State.CLOSED, None))
            pieces.append((base + seg.start, base + seg.end, seg.state, seg.comment))
            pos = seg.end
        if pos < DAY:
            pieces.append((base + pos, base + DAY, State.CLOSED, None))
        for start, end, state, comment in pieces:
            if cur is not None and cur[2] is state and cur[3] == comment and cur[1] == start:
                cur[1] = end
                continue
            if cur is not None:
                yield cur[0], cur[1], cur[2], cur[3]
            cur = [start, end, state, comment]
    if cur is not None:
        yield cur[0], cur[1], cur[2], cur[3]


def _to_datetime(cal: Calendar, first: date, offset: int) -> datetime:
    return cal.at(first + timedelta(days=offset // DAY), offset % DAY)


def status(schedule: Schedule, cal: Calendar, instant: datetime,
           validity: Validity = ALWAYS) -> Status:
    """The state at `instant`, the stretch it lies in, and the next open window.

    `current.start` is None when the state began more than LOOKBACK_DAYS ago,
    `current.end` is None when it lasts beyond UNTIL_HORIZON_DAYS.
    """
    local = cal.local(instant)
    today = local.date()
    constant = _constant_state(schedule)
    if constant is not None and validity == ALWAYS:
        # The same every day, holidays included (24/7, or `unknown` with a PH rule): it
        # never changes, so there is nothing to search for.
        state, comment = constant
        return Status(state, Window(None, None, state, comment), None, cal.holiday(today))
    first = today - timedelta(days=LOOKBACK_DAYS)
    span = LOOKBACK_DAYS + SEARCH_DAYS
    if not _ever_open(schedule):
        span = LOOKBACK_DAYS + UNTIL_HORIZON_DAYS + 1
    here = LOOKBACK_DAYS * DAY + local.hour * 60 + local.minute
    horizon = here + UNTIL_HORIZON_DAYS * DAY
    limit = span * DAY
    current: Window | None = None
    next_open: Window | None = None
    for start, end, state, comment in _stretches(schedule, validity, cal, first, span):
        if current is None:
            if end <= here:
                continue
            current = Window(
                None if start == 0 else _to_datetime(cal, first, start),
                None if end > horizon or end == limit else _to_datetime(cal, first, end),
                state,
                comment,
            )
            continue
        if state is State.OPEN:
            next_open = Window(
                _to_datetime(cal, first, start),
                None if end == limit else _to_datetime(cal, first, end),
                state,
                comment,
            )
            break
    if current is None:  # cannot happen: the stretches cover every minute of the span
        raise RuntimeError("no stretch covers the instant")
    return Status(
        state=current.state,
        current=current,
        next_open=next_open,
        holiday=cal.holiday(today),
        in_validity=validity.covers(today),
    )


def _constant_state(schedule: Schedule) -> tuple[State, str | None] | None:
    first = schedule.days[0]
    if any(day != first for day in schedule.days):
        return None
    if not first:
        return State.CLOSED, None
    if len(first) == 1 and first[0].start == 0 and first[0].end == DAY:
        return first[0].state, first[0].comment
    return None


def _ever_open(schedule: Schedule) -> bool:
    return any(seg.state is State.OPEN for day in schedule.days for seg in day)


def next_window(schedule: Schedule, cal: Calendar, instant: datetime,
                validity: Validity = ALWAYS) -> Window | None:
    """The first open window that ends after `instant` (it may have started before)."""
    st = status(schedule, cal, instant, validity)
    if st.state is State.OPEN:
        return st.current
    return st.next_open


def windows(schedule: Schedule, cal: Calendar, start: datetime, end: datetime,
            validity: Validity = ALWAYS, states: tuple[State, ...] = (State.OPEN,)
            ) -> list[Window]:
    """The windows in the given states that overlap [start, end), clipped to it."""
    first = cal.local(start).date()
    last = cal.local(end).date()
    days = (last - first).days + 1
    out = []
    for s, e, state, comment in _stretches(schedule, validity, cal, first, days):
        if state not in states:
            continue
        ws, we = _to_datetime(cal, first, s), _to_datetime(cal, first, e)
        if we <= start or ws >= end:
            continue
        out.append(Window(max(ws, start), min(we, end), state, comment))
    return out


def channel_status(channel: Channel, cal: Calendar, instant: datetime) -> Status:
    return status(channel.hours, cal, instant, channel.validity)


def notes_in_force(notes, day: date) -> list:
    """The notes whose validity covers `day`."""
    return [n for n in notes if n.validity.covers(day)]
