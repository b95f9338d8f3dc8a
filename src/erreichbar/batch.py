"""The engine for many schedules at one instant: what `now` over a whole dataset asks.

Each function here gives, schedule by schedule, what engine.status() gives (a property
test holds them together); the work one call of status() would do on its own — the
local day, the minute, the kind of each day, the datetimes of wall-clock minutes — is
done once for all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from .calendar import Calendar
from .engine import (
    DAY,
    LOOKBACK_DAYS,
    SEARCH_DAYS,
    UNTIL_HORIZON_DAYS,
    DayTable,
    Status,
    Window,
    status,
    wall_minute,
)
from .model import ALWAYS, Schedule, Segment, State, Validity


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
    minute = wall_minute(local, cal)
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
    minute = wall_minute(local, cal)
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
    minute = wall_minute(local, cal)
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
    table = DayTable(schedule, ALWAYS, cal, local.date())
    here = wall_minute(local, cal)
    state, comment, _, end = table.piece(here)
    end = table.extend(end, state, comment, days * DAY)
    return None if end >= days * DAY else table.datetime(end)
