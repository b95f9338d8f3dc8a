"""The engine for many schedules at one instant: what `now` over a whole dataset asks.

statuses() gives, pair by pair, what engine.status() gives (a property test holds them
together), by the same walk over the same compiled days; the work that one call of
status() does on its own — the local day, the minute, the kind of each day, the
datetimes of positions — is done once for all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from erreichbar.calendar.civil import Calendar
from erreichbar.hours.compiled import DAY, KINDS, Days
from erreichbar.hours.engine import (
    LOOKBACK_DAYS,
    Status,
    status_from,
    status_in,
    walk,
    wall_minute,
)
from erreichbar.hours.values import ALWAYS, Schedule, Validity

if TYPE_CHECKING:
    from erreichbar.hours.values import Segment

TODAY = LOOKBACK_DAYS  # the number of the instant's day among the days walked


def statuses(pairs: Sequence[tuple[Schedule, Validity]], cal: Calendar, instant: datetime
             ) -> list[Status]:
    """status() for many (schedule, validity) pairs at one instant, equal to it pair by pair.

    Equal pairs (one Schedule object per distinct hours text) are answered once. A walk
    reads the compiled days one after another and stops when it knows the answer, so its
    answer holds for every schedule that has the same days where it looked: one that
    looked only at today is kept under today's day, one that looked at today and
    tomorrow under those two, one that looked from yesterday to the day after tomorrow
    under those four (near days without a clock change only), and the next schedule
    with those days is not walked at all.
    """
    local = cal.local(instant)
    today = local.date()
    holiday = cal.holiday(today)
    days = Days(cal, today - timedelta(days=LOOKBACK_DAYS))
    days.grow(TODAY + 2)
    here = TODAY * DAY + wall_minute(local, cal)
    kinds = days.kinds
    k_before, k_today, k_next, k_after = (kinds[TODAY - 1], kinds[TODAY], kinds[TODAY + 1],
                                          kinds[TODAY + 2])
    reuse = not any(days.shifts[TODAY - 1:TODAY + 3])
    by_today: dict[int, Status] = {}
    by_two: dict[tuple[int, int], Status] = {}
    by_four: dict[tuple[int, int, int, int], Status] = {}
    unbounded: dict[int, bool] = {}  # id(validity): no validity period
    memo: dict[tuple[int, int], Status] = {}
    out = []
    for schedule, validity in pairs:
        key = (id(schedule), id(validity))
        found = memo.get(key)
        if found is None:
            always = unbounded.get(id(validity))
            if always is None:
                always = unbounded[id(validity)] = validity == ALWAYS
            dated = schedule.dated
            if not always or not reuse or schedule.constant is not None \
                    or len(schedule.days) != KINDS or (dated is not None and dated.night):
                # (a day that depends on the day before)
                found = status_in(schedule, validity, days, here, holiday)
            else:
                near: tuple[tuple[Segment, ...], ...]  # the days before, of, after, after next
                if dated is None:
                    table = schedule.days
                    near = (table[k_before], table[k_today], table[k_next], table[k_after])
                else:  # (rules by date: the days of those dates)
                    near = tuple(dated.day(cal, d) for d in days.dates[TODAY - 1:TODAY + 3])
                one = id(near[1])
                two = (one, id(near[2]))
                four = (id(near[0]), one, two[1], id(near[3]))
                found = by_today.get(one) or by_two.get(two) or by_four.get(four)
                if found is None:
                    walked = walk(schedule, ALWAYS, days, here)
                    found = status_from(walked, ALWAYS, days, here, holiday)
                    lowest, highest = walked[-2], walked[-1]
                    if lowest == TODAY and highest == TODAY:
                        by_today[one] = found
                    elif lowest == TODAY and highest == TODAY + 1:
                        by_two[two] = found
                    elif lowest >= TODAY - 1 and highest <= TODAY + 2:
                        by_four[four] = found
            memo[key] = found
        out.append(found)
    return out
