"""The scheduling engine: pure functions of a schedule, a calendar and an instant.

It never reads the clock, the environment or a file, so every answer can be reproduced
with `--at` and tested without mocks. Windows are half-open: `10:00-11:00` is open at
10:00 and closed at 11:00. All arithmetic is on wall-clock minutes of local days, turned
into aware datetimes only at the edges, which keeps windows right across DST changes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from erreichbar.calendar.civil import Calendar, is_ambiguous
from erreichbar.hours.compiled import (
    DAY,
    KINDS,
    PLANS,
    DayPlan,
    Days,
    day_of,
    days_from,
    plan,
    plan_on,
)
from erreichbar.hours.values import ALWAYS, Schedule, State, Validity

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Protocol, TypeAlias

    from erreichbar.hours.values import Piece, Segment

    PlanAt: TypeAlias = Callable[[int], DayPlan]  # the compiled day of a day number
    # whether a piece of a day continues a stretch of a state (and a comment, where asked)
    Alike: TypeAlias = Callable[[int, Piece, State, str | None], bool]

    class Scheduled(Protocol):
        """What channel_status() reads of a channel (data.model.Channel, which lies above
        this package and is not imported here)."""

        @property
        def hours(self) -> Schedule: ...
        @property
        def validity(self) -> Validity: ...

UNTIL_HORIZON_DAYS = 14  # `until` further away than this is reported as null
SEARCH_DAYS = 366  # how far ahead a next open window is looked for
LOOKBACK_DAYS = 7  # how far back the start of the current state is looked for


@dataclass(slots=True)
class Window:
    """A stretch of constant state. `start`/`end` are None where they lie beyond the search.
    `comment` is the comment at its start; `comments` the later changes of comment inside
    it, (from when, the comment), so that a comment that only changes is not lost."""

    start: datetime | None
    end: datetime | None
    state: State
    comment: str | None = None
    comments: tuple[tuple[datetime, str | None], ...] = ()


@dataclass(slots=True)
class Status:
    state: State
    current: Window  # the stretch containing the instant
    next_open: Window | None  # the next open window after the current stretch
    holiday: str | None  # the public holiday on that local day, if there is one
    in_validity: bool = True
    # when the comment changes while the state stays (None: it holds until `until`, or the
    # change lies beyond UNTIL_HORIZON_DAYS)
    comment_until: datetime | None = None
    next_comment: str | None = None  # the comment from comment_until on (None: none)

    @property
    def until(self) -> datetime | None:
        """When the state next changes: a change of comment alone does not end it."""
        return self.current.end

    @property
    def comment(self) -> str | None:
        return self.current.comment

    @property
    def next_window(self) -> Window | None:
        """The first open window that ends after the instant (it may have begun before):
        what `next` answers."""
        return self.current if self.state is State.OPEN else self.next_open


# What one walk found, in positions (wall-clock minutes since the first day 00:00):
# (state, comment, start of the current stretch of that state (0: at the lookback or
#  before), its end, the end of the comment at the instant and the comment after it, start,
#  end and comment of the next open window (start None: none before the limit), the limit,
#  the first and the last day the walk looked at)
Walked = tuple[State, str | None, int, int, int, str | None, int | None, int, str | None, int,
               int, int]


def walk(schedule: Schedule, validity: Validity, days: Days, here: int) -> Walked:
    """The stretch of constant state that contains position `here`, where the comment at
    `here` ends, and the next open window after it, found piece by piece over the compiled
    days of `days`, which begins LOOKBACK_DAYS before the day of `here`.

    It stops as soon as it knows the answer: most answers need today and tomorrow only.
    Only on a day whose clocks change does a piece need its datetimes: one that lies wholly
    in the spring gap never happens, and what it separated joins up if alike.

    In steps: the piece at `here`, back to where its state began (_stretch_start), on to
    where its comment ends and then its state (_stretch_end), on to the next open window
    (_next_open). The closures the steps share (which day applies, whether a piece
    continues a stretch) are made once here, so the loops of the steps do no more per piece
    than one loop written inline.
    """
    last_day = LOOKBACK_DAYS + (SEARCH_DAYS if schedule.ever_open else UNTIL_HORIZON_DAYS + 1)
    limit = last_day * DAY
    plan_at = _day_plans(schedule, validity, days)
    same_comment, same_state = _continues(days, True), _continues(days, False)

    n = here // DAY
    day = plan_at(n)
    i = bisect_right(day.starts, here - n * DAY) - 1
    _, p_end, state, comment = day.pieces[i]
    start, lowest = _stretch_start(plan_at, same_state, n, i, day, state, comment)
    # (fn, fi) is the piece after the stretch
    fn, fi, fwd, comment_end = _stretch_end(plan_at, same_comment, limit, n, i + 1, day,
                                            n * DAY + p_end, state, comment)
    next_comment = None
    if comment_end < limit:  # (the piece after the comment's stretch, maybe the next day's)
        after = fwd.pieces[fi] if fi < len(fwd.pieces) else plan_at(fn + 1).pieces[0]
        next_comment = after[3] if after[2] is state else None
    fn, fi, fwd, end = _stretch_end(plan_at, same_state, limit, fn, fi, fwd, comment_end,
                                    state, comment)
    open_start, open_end, o_comment, highest = _next_open(plan_at, same_state, days, limit,
                                                          fn, fi, fwd, end)
    return (state, comment, start, end, comment_end, next_comment, open_start, open_end,
            o_comment, limit,
            lowest, highest)


def _day_plans(schedule: Schedule, validity: Validity, days: Days) -> PlanAt:
    """The compiled day of `schedule` on each day number of `days` (grown as needed). Which
    day applies is decided here, once per day a walk reaches: none outside the validity
    period, the day of the date for rules by date, the day after the kind of the day before
    for spans past midnight, else the day of its kind."""
    table = schedule.days
    bounded = validity is not ALWAYS and validity != ALWAYS
    dates, kinds = days.dates, days.kinds
    plans = PLANS
    paired = len(table) != KINDS  # spans past midnight: the day depends on the one before
    dated = schedule.dated  # rules that depend on the date: the day is asked per date

    def plan_at(n: int) -> DayPlan:
        day: tuple[Segment, ...]
        if n >= len(dates):
            days.grow(n)
        if bounded and not validity.covers(dates[n]):
            day = ()
        elif dated is not None:
            day = dated.day(days.cal, dates[n])
        elif paired:
            day = day_of(table, kinds[n], kinds[n - 1] if n else days.before)
        else:
            day = table[kinds[n]]
        return plans.get(id(day)) or plan(day)

    return plan_at


def _vanishes(days: Days, n: int, start: int, end: int) -> bool:
    """Whether [start, end) of day `n` lies wholly in the spring gap (asked only on a day
    whose clocks change)."""
    base = n * DAY
    return days.utc(base + start) == days.utc(base + end)


def _continues(days: Days, by_comment: bool) -> Alike:
    """alike(n, piece, state, comment): whether a piece of day `n` continues a stretch of
    the state (and of the comment, `by_comment`): it is the same, or the spring gap
    swallows it."""
    shifts = days.shifts

    def alike(n: int, piece: Piece, state: State, comment: str | None) -> bool:
        start, end, p_state, p_comment = piece
        return (p_state is state and (not by_comment or p_comment == comment)) or \
            (bool(shifts[n]) and _vanishes(days, n, start, end))

    return alike


def _stretch_start(plan_at: PlanAt, alike: Alike, n: int, i: int, day: DayPlan,
                   state: State, comment: str | None) -> tuple[int, int]:
    """Where the stretch that piece `i` of day `n` lies in began (0: at the lookback or
    before), and the first day looked at."""
    start = n * DAY + day.pieces[i][0]
    bn, bi, back = n, i, day
    while start > 0:
        if bi == 0:
            bn -= 1
            back = plan_at(bn)
            bi = len(back.pieces)
        bi -= 1
        piece = back.pieces[bi]
        if not alike(bn, piece, state, comment):
            break
        start = bn * DAY + piece[0]
    return start, bn


def _stretch_end(plan_at: PlanAt, alike: Alike, limit: int, fn: int, fi: int, fwd: DayPlan,
                 pos: int, state: State, comment: str | None
                 ) -> tuple[int, int, DayPlan, int]:
    """Where a stretch that reaches `pos` really ends (at `limit` at the latest): over
    every following piece alike, and any the spring gap swallows.
    (fn, fi) is the piece after `pos` on entry (piece `fi` of day `fn`, whose plan is
    `fwd`), and the piece after the end on return."""
    while pos < limit:
        if fi == len(fwd.pieces):  # on to the first piece of the next day
            fn += 1
            fi = 0
            fwd = plan_at(fn)
        piece = fwd.pieces[fi]
        if not alike(fn, piece, state, comment):
            break
        pos = fn * DAY + piece[1]
        fi += 1
    return fn, fi, fwd, pos


def _next_open(plan_at: PlanAt, alike: Alike, days: Days, limit: int, fn: int, fi: int,
               fwd: DayPlan, pos: int) -> tuple[int | None, int, str | None, int]:
    """The next open window from `pos` (piece `fi` of day `fn` on): its start (None if
    there is none before `limit`), its end (past midnight too), the comment of the last
    open piece looked at, and the last day looked at."""
    shifts = days.shifts
    o_comment = None
    while pos < limit:
        if fi == len(fwd.pieces):  # on to the first piece of the next day
            fn += 1
            fi = 0
            fwd = plan_at(fn)
        k = fwd.open_from[fi]
        if k < 0:  # nothing open on the rest of this day
            fi = len(fwd.pieces)
            pos = (fn + 1) * DAY
            continue
        o_start, o_end, _, o_comment = fwd.pieces[k]
        fi = k + 1
        pos = fn * DAY + o_end
        if shifts[fn] and _vanishes(days, fn, o_start, o_end):
            continue
        open_start = fn * DAY + o_start
        fn, fi, fwd, open_end = _stretch_end(plan_at, alike, limit, fn, fi, fwd, pos,
                                             State.OPEN, o_comment)  # past midnight
        return open_start, open_end, o_comment, fn
    return None, limit, o_comment, fn


def status(schedule: Schedule, cal: Calendar, instant: datetime,
           validity: Validity = ALWAYS) -> Status:
    """The state at `instant`, the stretch it lies in, and the next open window.

    `current.start` is None when the state began more than LOOKBACK_DAYS ago,
    `current.end` is None when it lasts beyond UNTIL_HORIZON_DAYS.
    """
    local = cal.local(instant)
    today = local.date()
    days = days_from(cal, today - timedelta(days=LOOKBACK_DAYS))
    return status_in(schedule, validity, days, LOOKBACK_DAYS * DAY + wall_minute(local, cal),
                     cal.holiday(today))


def status_in(schedule: Schedule, validity: Validity, days: Days, here: int,
              holiday: str | None) -> Status:
    """status() at position `here` of `days` (the day of `here` is LOOKBACK_DAYS in)."""
    constant = schedule.constant
    if constant is not None and validity == ALWAYS:
        # The same every day, holidays included (24/7, or `unknown` with a PH rule): it
        # never changes, so there is nothing to search for.
        state, comment = constant
        return Status(state, Window(None, None, state, comment), None, holiday)
    return status_from(walk(schedule, validity, days, here), validity, days, here, holiday)


def status_from(found: Walked, validity: Validity, days: Days, here: int,
                holiday: str | None) -> Status:
    """The Status that a walk from position `here` found."""
    (state, comment, start, end, comment_end, next_comment, open_start, open_end,
     open_comment, limit, _, _) = found
    horizon = here + UNTIL_HORIZON_DAYS * DAY
    current = Window(None if start == 0 else days.at(start),
                     None if end > horizon or end >= limit else days.at(end), state, comment)
    next_open = None
    if open_start is not None:
        next_open = Window(days.at(open_start), None if open_end >= limit else days.at(open_end),
                           State.OPEN, open_comment)
    changes = comment_end < end and comment_end <= horizon
    return Status(state, current, next_open, holiday, validity.covers(days.dates[here // DAY]),
                  days.at(comment_end) if changes else None,
                  next_comment if changes else None)


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


def _stretches(schedule: Schedule, validity: Validity, days: Days, count: int
               ) -> Iterator[tuple[int, int, State, str | None]]:
    """Maximal stretches of constant (state, comment) over the first `count` days of
    `days`, as positions; closed stretches included."""
    cur_state: State | None = None  # None: no stretch yet
    cur_start = cur_end = 0
    cur_comment: str | None = None
    for n in range(count):
        base = n * DAY
        for start, end, state, comment in plan_on(schedule, validity, days, n).pieces:
            start += base
            if cur_state is state and cur_comment == comment and cur_end == start:
                cur_end = base + end
                continue
            if cur_state is not None:
                yield cur_start, cur_end, cur_state, cur_comment
            cur_start, cur_end, cur_state, cur_comment = start, base + end, state, comment
    if cur_state is not None:
        yield cur_start, cur_end, cur_state, cur_comment


def windows(schedule: Schedule, cal: Calendar, start: datetime, end: datetime,
            validity: Validity = ALWAYS, states: tuple[State, ...] = (State.OPEN,)
            ) -> list[Window]:
    """The windows in the given states that overlap [start, end), clipped to it: a window
    ends where its state changes, a change of comment alone is one of its `comments`.

    Compared in UTC: aware datetimes of one zone compare by wall clock in Python, which is
    wrong in the repeated autumn hour. A stretch that falls into the spring gap does not
    happen and is left out; what it separated joins up if it is alike.
    """
    first = cal.local(start).date()
    last = cal.local(end).date()
    days = days_from(cal, first)
    start_u, end_u = start.astimezone(UTC), end.astimezone(UTC)
    merged: list[_Merged] = []
    for s, e, state, comment in _stretches(schedule, validity, days, (last - first).days + 1):
        ws_u, we_u = days.utc(s), days.utc(e)
        if ws_u == we_u:
            continue
        if merged and merged[-1].state is state and merged[-1].end_u == ws_u:
            joined = merged[-1]
            joined.end_u, joined.end = we_u, days.at(e)
            if comment != joined.parts[-1][2]:
                joined.parts.append((ws_u, days.at(s), comment))
            continue
        merged.append(_Merged(ws_u, we_u, state, days.at(s), days.at(e),
                              [(ws_u, days.at(s), comment)]))
    return [w for m in merged if m.state in states and m.end_u > start_u and m.start_u < end_u
            for w in (m.clipped(start, start_u, end, end_u),)]


@dataclass(slots=True)
class _Merged:
    """A stretch of one state being joined up by windows(), with the comments it holds:
    (from when in UTC, from when, the comment)."""

    start_u: datetime
    end_u: datetime
    state: State
    start: datetime
    end: datetime
    parts: list[tuple[datetime, datetime, str | None]]

    def clipped(self, start: datetime, start_u: datetime, end: datetime, end_u: datetime
                ) -> Window:
        """The window clipped to [start, end): its comment the one at its (clipped) start,
        its later comments those that begin inside it."""
        inside = [p for p in self.parts if p[0] < end_u]
        before = [p for p in inside if p[0] <= start_u]
        first = before[-1] if before else inside[0]
        later = tuple((when, comment) for when_u, when, comment in inside
                      if when_u > max(start_u, first[0]))
        return Window(self.start if self.start_u >= start_u else start,
                      self.end if self.end_u <= end_u else end, self.state, first[2], later)


def channel_status(channel: Scheduled, cal: Calendar, instant: datetime) -> Status:
    return status(channel.hours, cal, instant, channel.validity)
