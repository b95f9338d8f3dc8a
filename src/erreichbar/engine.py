"""The scheduling engine: pure functions of a schedule, a calendar and an instant.

It never reads the clock, the environment or a file, so every answer can be reproduced
with `--at` and tested without mocks. Windows are half-open: `10:00-11:00` is open at
10:00 and closed at 11:00. All arithmetic is on wall-clock minutes of local days, turned
into aware datetimes only at the edges, which keeps windows right across DST changes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
    days = _DayTable(schedule, validity, cal, today - timedelta(days=LOOKBACK_DAYS))
    span = LOOKBACK_DAYS + (SEARCH_DAYS if schedule.ever_open else UNTIL_HORIZON_DAYS + 1)
    limit = span * DAY
    here = LOOKBACK_DAYS * DAY + _wall_minute(local, cal)
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


def _wall_minute(local: datetime, cal: Calendar) -> int:
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


class _DayTable:
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


class _NeedsExactWalk(Exception):
    """A clock change lies on the way: status() decides, with its spring-gap checks."""


def statuses(pairs: Sequence[tuple[Schedule, Validity]], cal: Calendar, instant: datetime
             ) -> list[Status]:
    """status() for many (schedule, validity) pairs at one instant, equal to it pair by pair
    (a property test holds them together).

    What status() works out per call — the local day, the minute, the kind of every day
    from a week back to a year ahead, the datetimes of wall-clock minutes — is worked out
    once here, and equal pairs (one Schedule object per distinct hours text) once. A walk
    that would cross a day with a clock change, or a channel with a validity period, is
    left to status() itself.
    """
    local = cal.local(instant)
    today = local.date()
    holiday = cal.holiday(today)
    first = today - timedelta(days=LOOKBACK_DAYS)
    days: list[date] = []
    slots: list[int] = []
    shifts: list[bool] = []

    def grow(n: int) -> None:
        """Know the days up to `n`: most walks need a few, a rare one up to a year."""
        while len(days) <= n:
            d = first + timedelta(days=len(days))
            days.append(d)
            slots.append(cal.slot(d))
            shifts.append(cal.shifts(d))

    grow(LOOKBACK_DAYS + 3)
    minute = _wall_minute(local, cal)
    horizon = (LOOKBACK_DAYS + UNTIL_HORIZON_DAYS) * DAY + minute
    instants: dict[int, datetime] = {}
    # Each distinct day (equal days are one object after parsing) as its pieces of
    # constant state from 00:00 to 24:00, closed ones included and alike neighbours
    # joined, with the first open piece from each piece on: the walk steps over whole
    # pieces and days instead of searching minutes.
    known_days: dict[int, tuple] = {}

    def at(pos: int) -> datetime:
        found = instants.get(pos)
        if found is None:
            found = instants[pos] = cal.at(days[pos // DAY], pos % DAY)
        return found

    touched = [0, 0]  # the first and last day the current walk looked at

    def day_info(table: tuple[tuple[Segment, ...], ...], n: int
                 ) -> tuple[list[tuple[int, int, State, str | None]], list[int]]:
        if n >= len(days):
            grow(n)
        if shifts[n]:
            raise _NeedsExactWalk
        if n < touched[0]:
            touched[0] = n
        elif n > touched[1]:
            touched[1] = n
        day = table[slots[n]]
        known = known_days.get(id(day))
        if known is None:
            pieces = _pieces(day)
            open_from = [-1] * (len(pieces) + 1)
            for k in range(len(pieces) - 1, -1, -1):
                open_from[k] = k if pieces[k][2] is State.OPEN else open_from[k + 1]
            known = known_days[id(day)] = (pieces, open_from, day)  # day: keeps its id taken
        return known[0], known[1]

    def walk(schedule: Schedule) -> Status:
        constant = schedule.constant
        if constant is not None:
            state, comment = constant
            return Status(state, Window(None, None, state, comment), None, holiday)
        table = schedule.days
        last_day = LOOKBACK_DAYS + (SEARCH_DAYS if schedule.ever_open
                                    else UNTIL_HORIZON_DAYS + 1)  # exclusive
        limit = last_day * DAY
        n = LOOKBACK_DAYS
        touched[0] = touched[1] = n
        pieces, _ = day_info(table, n)
        i = 0
        while pieces[i][1] <= minute:
            i += 1
        state, comment = pieces[i][2], pieces[i][3]
        # back to where this state began (a week back at most)
        start = n * DAY + pieces[i][0]
        if i == 0:
            bn = n
            while bn > 0:
                back, _ = day_info(table, bn - 1)
                last = back[-1]
                if last[2] is not state or last[3] != comment:
                    break
                bn -= 1
                start = bn * DAY + last[0]
                if len(back) > 1:
                    break
        # on to where it ends (the search limit at the latest); (fn, fi) is the piece after
        if i < len(pieces) - 1:
            end, fn, fi = n * DAY + pieces[i][1], n, i + 1
        else:
            fn, fi = n + 1, 0
            end = fn * DAY
            while fn < last_day:
                fwd, _ = day_info(table, fn)
                head = fwd[0]
                if head[2] is not state or head[3] != comment:
                    break
                end = fn * DAY + head[1]
                if len(fwd) > 1:
                    fi = 1
                    break
                fn += 1
        current = Window(None if start == 0 else at(start),
                         None if end > horizon or end >= limit else at(end), state, comment)
        next_open = None
        if fn < last_day:
            _, open_from = day_info(table, fn)
            k = open_from[fi]
            while k < 0:
                fn += 1
                if fn == last_day:
                    break
                _, open_from = day_info(table, fn)
                k = open_from[0]
            if k >= 0:
                pieces, _ = day_info(table, fn)
                o_start, o_end, _, o_comment = pieces[k]
                o_start, o_end = fn * DAY + o_start, fn * DAY + o_end
                if k == len(pieces) - 1:  # it may go on over midnight
                    en = fn + 1
                    while en < last_day:
                        nxt, _ = day_info(table, en)
                        head = nxt[0]
                        if head[2] is not State.OPEN or head[3] != o_comment:
                            break
                        o_end = en * DAY + head[1]
                        if len(nxt) > 1:
                            break
                        en += 1
                next_open = Window(at(o_start), None if o_end >= limit else at(o_end),
                                   State.OPEN, o_comment)
        return Status(state, current, next_open, holiday)

    def _one(schedule: Schedule, validity: Validity) -> Status:
        if validity != ALWAYS:
            return status(schedule, cal, instant, validity)
        table = schedule.days
        near_key = None
        if use_near and schedule.constant is None:
            near_key = tuple([id(table[slot]) for slot in near_slots])
            found = by_near.get(near_key)
            if found is not None:
                return found
        try:
            found = walk(schedule)
        except _NeedsExactWalk:
            return status(schedule, cal, instant, validity)
        if near_key is not None and touched[0] >= near[0] and touched[1] <= near[-1]:
            by_near[near_key] = found
        return found

    # A walk that looked only at the days from yesterday to the day after tomorrow (most
    # do) gives the same for every schedule with the same four days there: it is kept
    # under those days, and the next such schedule is not walked at all.
    near = range(LOOKBACK_DAYS - 1, LOOKBACK_DAYS + 3)
    near_slots = [slots[n] for n in near]
    use_near = not any(shifts[n] for n in near)
    by_near: dict[tuple[int, ...], Status] = {}
    memo: dict[tuple[int, int], Status] = {}
    out = []
    for schedule, validity in pairs:
        key = (id(schedule), id(validity))
        found = memo.get(key)
        if found is None:
            found = memo[key] = _one(schedule, validity)
        out.append(found)
    return out


def _pieces(day: tuple[Segment, ...]) -> list[tuple[int, int, State, str | None]]:
    """(start, end, state, comment) from 00:00 to 24:00 of a day, closed gaps included,
    alike neighbours joined."""
    out: list[tuple[int, int, State, str | None]] = []
    pos = 0
    for seg in day:
        if seg.start > pos:
            out.append((pos, seg.start, State.CLOSED, None))
        out.append((seg.start, seg.end, seg.state, seg.comment))
        pos = seg.end
    if pos < DAY:
        out.append((pos, DAY, State.CLOSED, None))
    joined = [out[0]]
    for piece in out[1:]:
        prev = joined[-1]
        if piece[2] is prev[2] and piece[3] == prev[3] and piece[0] == prev[1]:
            joined[-1] = (prev[0], piece[1], prev[2], prev[3])
        else:
            joined.append(piece)
    return joined


def states_at(schedules: list[Schedule], cal: Calendar, instant: datetime) -> list[State]:
    """The state of each schedule at one instant: the day, its kind (holiday or not) and the
    minute are worked out once, then each answer is a look-up in the day table."""
    local = cal.local(instant)
    day = local.date()
    slot = day.weekday() + 7 * (cal.holiday(day) is not None)
    minute = _wall_minute(local, cal)
    closed = State.CLOSED
    out = []
    for schedule in schedules:
        state = closed
        for seg in schedule.days[slot]:
            if minute < seg.start:
                break
            if minute < seg.end:
                state = seg.state
                break
        out.append(state)
    return out


def next_changes(schedules: list[Schedule], cal: Calendar, instant: datetime,
                 days: int = SEARCH_DAYS) -> list[datetime | None]:
    """When the state (or its comment) of each schedule next changes after `instant`, within
    `days` days; None if not. The same as `status(...).current.end` without its 14-day
    horizon. Equal schedules (one object per distinct text) are worked out once."""
    local = cal.local(instant)
    today = local.date()
    minute = _wall_minute(local, cal)
    slots: list[int] = []
    shifts: list[bool] = []

    def slot(n: int) -> int:
        while len(slots) <= n:
            d = today + timedelta(days=len(slots))
            slots.append(d.weekday() + 7 * (cal.holiday(d) is not None))
            shifts.append(cal.shifts(d))
        return slots[n]

    ends: dict[tuple[int, int], datetime] = {}
    memo: dict[int, datetime | None] = {}
    out: list[datetime | None] = []
    for schedule in schedules:
        key = id(schedule)
        if key in memo:
            out.append(memo[key])
            continue
        table = schedule.days
        state, comment, end = _piece_end(table[slot(0)], minute)
        n = 0
        while end == DAY and n + 1 < days:
            first = table[slot(n + 1)]
            if first and first[0].start == 0:
                nxt = (first[0].state, first[0].comment, first[0].end)
            else:
                nxt = (State.CLOSED, None, first[0].start if first else DAY)
            if (nxt[0], nxt[1]) != (state, comment):
                break
            n += 1
            end = nxt[2]
        if any(shifts[: n + 1]):  # a clock change on the way: let the exact walk decide
            result = _exact_change(schedule, cal, instant, days)
        elif end == DAY and n + 1 >= days:
            result = None
        else:
            at = (n, end)
            result = ends.get(at)
            if result is None:
                result = ends[at] = cal.at(today + timedelta(days=n), end)
        memo[key] = result
        out.append(result)
    return out


def _piece_end(segs: tuple[Segment, ...], minute: int) -> tuple[State, str | None, int]:
    for seg in segs:
        if minute < seg.start:
            return State.CLOSED, None, seg.start
        if minute < seg.end:
            return seg.state, seg.comment, seg.end
    return State.CLOSED, None, DAY


def _exact_change(schedule: Schedule, cal: Calendar, instant: datetime, days: int
                  ) -> datetime | None:
    local = cal.local(instant)
    table = _DayTable(schedule, ALWAYS, cal, local.date())
    here = _wall_minute(local, cal)
    state, comment, _, end = table.piece(here)
    end = table.extend(end, state, comment, days * DAY)
    return None if end >= days * DAY else table.datetime(end)
