"""The engine for many schedules at one instant: what `now` over a whole dataset asks.

statuses() gives, pair by pair, what engine.status() gives (a property test holds them
together), by the same walk over the same compiled days; the work that one call of
status() does on its own — the local day, the minute, the kind of each day, the
datetimes of positions — is done once for all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from .calendar import Calendar
from .compiled import DAY, Days
from .engine import LOOKBACK_DAYS, Status, status_from, status_in, walk, wall_minute
from .model import ALWAYS, Schedule, Validity

# A walk that looked only at the days from yesterday to the day after tomorrow (most do)
# gives the same answer for every schedule with the same four days there.
_NEAR = range(LOOKBACK_DAYS - 1, LOOKBACK_DAYS + 3)


def statuses(pairs: Sequence[tuple[Schedule, Validity]], cal: Calendar, instant: datetime
             ) -> list[Status]:
    """status() for many (schedule, validity) pairs at one instant, equal to it pair by pair.

    Equal pairs (one Schedule object per distinct hours text) are answered once, and so is
    every schedule whose four near days are those of one already walked, if that walk
    looked at no other day (near days without a clock change only).
    """
    local = cal.local(instant)
    today = local.date()
    holiday = cal.holiday(today)
    days = Days(cal, today - timedelta(days=LOOKBACK_DAYS))
    days.grow(_NEAR[-1])
    here = LOOKBACK_DAYS * DAY + wall_minute(local, cal)
    near_kinds = [days.kinds[n] for n in _NEAR]
    use_near = not any(days.shifts[n] for n in _NEAR)
    by_near: dict[tuple[int, ...], Status] = {}
    memo: dict[tuple[int, int], Status] = {}
    out = []
    for schedule, validity in pairs:
        key = (id(schedule), id(validity))
        found = memo.get(key)
        if found is None:
            if use_near and schedule.constant is None and validity == ALWAYS:
                table = schedule.days
                near_key = tuple([id(table[kind]) for kind in near_kinds])
                found = by_near.get(near_key)
                if found is None:
                    walked = walk(schedule, validity, days, here)
                    found = status_from(walked, validity, days, here, holiday)
                    if walked.lowest >= _NEAR[0] and walked.highest <= _NEAR[-1]:
                        by_near[near_key] = found
            else:
                found = status_in(schedule, validity, days, here, holiday)
            memo[key] = found
        out.append(found)
    return out
