"""The scheduling engine: pure functions of a schedule, a calendar and an instant.

It never reads the clock, the environment or a file, so every answer can be reproduced
with `--at` and tested without mocks. Windows are half-open: `10:00-11:00` is open at
10:00 and closed at 11:00. All arithmetic is on wall-clock minutes of local days, turned
into aware datetimes only at the edges, which keeps windows right across DST changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from .calendar import Calendar, is_ambiguous
from .model import ALWAYS, Channel, Schedule, Segment, State, Validity

DAY = 24 * 60
UNTIL_HORIZON_DAYS = 14  # `until` further away than this is reported as null
SEARCH_DAYS = 366  # how far ahead a next open window is looked for
LOOKBACK_DAYS = 7  # how far back the start of the current state is looked for


@dataclass(slots=True)
class Window:
    """A stretch of constant state. `start`/`end` are None where they lie beyond the search."""

    start: datetime | None
    end: datetime | None
    state: State
    comment: str | None = None


@dataclass(slots=True)
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
    return schedule.days[cal.slot(day)]


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

    It walks the day tables directly, piece by piece, and stops as soon as it knows the
    answer: most answers need today and tomorrow only.
    """
    local = cal.local(instant)
    today = local.date()
    constant = schedule.constant
    if constant is not None and validity == ALWAYS:
        # The same every day, holidays included (24/7, or `unknown` with a PH rule): it
        # never changes, so there is nothing to search for.
        state, comment = constant
        return Status(state, Window(None, None, state, comment), None, cal.holiday(today))
    days = DayTable(schedule, validity, cal, today - timedelta(days=LOOKBACK_DAYS))
    span = LOOKBACK_DAYS + (SEARCH_DAYS if schedule.ever_open else UNTIL_HORIZON_DAYS + 1)
    limit = span * DAY
    here = LOOKBACK_DAYS * DAY + wall_minute(local, cal)
    horizon = here + UNTIL_HORIZON_DAYS * DAY

    state, comment, start, end = days.piece(here)
    start = days.extend_back(start, state, comment)
    end = days.extend(end, state, comment, limit)
    current = Window(
        None if start == 0 else days.datetime(start),
        None if end > horizon or end >= limit else days.datetime(end),
        state,
        comment,
    )
    next_open = None
    pos = end
    while pos < limit:
        p_state, p_comment, p_start, p_end = days.piece(pos)
        if p_state is State.OPEN and not days.vanishes(p_start, p_end):
            p_end = days.extend(p_end, p_state, p_comment, limit)
            next_open = Window(days.datetime(p_start),
                               None if p_end >= limit else days.datetime(p_end),
                               p_state, p_comment)
            break
        pos = p_end
    return Status(
        state=current.state,
        current=current,
        next_open=next_open,
        holiday=cal.holiday(today),
        in_validity=validity.covers(today),
    )


def wall_minute(local: datetime, cal: Calendar) -> int:
    """The wall-clock minute of a local time. In the second pass of the repeated autumn
    hour every boundary inside that hour has already been passed (boundaries mean their
    first occurrence), so the state is the one at the hour's last minute."""
    minute = local.hour * 60 + local.minute
    if local.fold == 1 and is_ambiguous(local.replace(tzinfo=None, fold=0), cal.tz):
        naive = local.replace(tzinfo=None, fold=0, second=0, microsecond=0)
        while is_ambiguous(naive + timedelta(minutes=1), cal.tz):
            naive += timedelta(minutes=1)
        minute = naive.hour * 60 + naive.minute
    return minute


class DayTable:
    """The pieces of constant state of each local day from `first` on, looked up lazily,
    addressed by wall-clock minutes since `first` 00:00."""

    __slots__ = ("_cache", "_shifts", "cal", "first", "schedule", "validity")

    def __init__(self, schedule: Schedule, validity: Validity, cal: Calendar,
                 first: date) -> None:
        self.schedule = schedule
        self.validity = validity
        self.cal = cal
        self.first = first
        self._cache: dict[int, tuple[Segment, ...]] = {}
        self._shifts: dict[int, bool] = {}

    def segments(self, n: int) -> tuple[Segment, ...]:
        segs = self._cache.get(n)
        if segs is None:
            segs = day_segments(self.schedule, self.validity, self.cal,
                                self.first + timedelta(days=n))
            self._cache[n] = segs
        return segs

    def piece(self, pos: int) -> tuple[State, str | None, int, int]:
        """(state, comment, start, end) of the piece of its day that contains `pos`."""
        n, minute = divmod(pos, DAY)
        base = n * DAY
        prev_end = 0
        for seg in self.segments(n):
            if minute < seg.start:
                return State.CLOSED, None, base + prev_end, base + seg.start
            if minute < seg.end:
                return seg.state, seg.comment, base + seg.start, base + seg.end
            prev_end = seg.end
        return State.CLOSED, None, base + prev_end, base + DAY

    def extend(self, end: int, state: State, comment: str | None, limit: int) -> int:
        """Where a stretch of (state, comment) that reaches `end` really ends (at `limit`
        at the latest): it goes on over midnight while the next day starts the same, and
        over a piece that the spring gap swallows."""
        while end < limit:
            p_state, p_comment, p_start, p_end = self.piece(end)
            if not (p_state is state and p_comment == comment) and \
                    not self.vanishes(p_start, p_end):
                break
            end = p_end
        return min(end, limit)

    def extend_back(self, start: int, state: State, comment: str | None) -> int:
        while start > 0:
            p_state, p_comment, p_start, p_end = self.piece(start - 1)
            if not (p_state is state and p_comment == comment) and \
                    not self.vanishes(p_start, p_end):
                break
            start = p_start
        return start

    def vanishes(self, start: int, end: int) -> bool:
        """True for a piece that lies wholly in the spring gap, so never happens."""
        n = start // DAY
        shift = self._shifts.get(n)
        if shift is None:
            shift = self._shifts[n] = self.cal.shifts(self.first + timedelta(days=n))
        if not shift:
            return False
        return self.datetime(start).astimezone(UTC) == self.datetime(end).astimezone(UTC)

    def datetime(self, pos: int) -> datetime:
        return _to_datetime(self.cal, self.first, pos)


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
    """The windows in the given states that overlap [start, end), clipped to it.

    Compared in UTC: aware datetimes of one zone compare by wall clock in Python, which is
    wrong in the repeated autumn hour. A stretch that falls into the spring gap does not
    happen and is left out; what it separated joins up if it is alike.
    """
    first = cal.local(start).date()
    last = cal.local(end).date()
    days = (last - first).days + 1
    start_u, end_u = start.astimezone(UTC), end.astimezone(UTC)
    merged: list[list] = []  # [start_u, end_u, state, comment, start, end]
    for s, e, state, comment in _stretches(schedule, validity, cal, first, days):
        ws, we = _to_datetime(cal, first, s), _to_datetime(cal, first, e)
        ws_u, we_u = ws.astimezone(UTC), we.astimezone(UTC)
        if ws_u == we_u:
            continue
        if merged and merged[-1][2] is state and merged[-1][3] == comment \
                and merged[-1][1] == ws_u:
            merged[-1][1], merged[-1][5] = we_u, we
            continue
        merged.append([ws_u, we_u, state, comment, ws, we])
    out = []
    for ws_u, we_u, state, comment, ws, we in merged:
        if state not in states or we_u <= start_u or ws_u >= end_u:
            continue
        out.append(Window(ws if ws_u >= start_u else start, we if we_u <= end_u else end,
                          state, comment))
    return out


def channel_status(channel: Channel, cal: Calendar, instant: datetime) -> Status:
    return status(channel.hours, cal, instant, channel.validity)
