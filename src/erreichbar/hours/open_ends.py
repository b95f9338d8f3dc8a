"""Open ends (`17:00+`, `13:00-17:00+`) as opening_hours.js evaluates them, in the rules
the engine knows: how far one reaches, where a span after it cuts it, and the rules a rule
with open ends becomes (the parser reads them, parser.py's Parser._open_end).
"""

from __future__ import annotations

from erreichbar.errors import HoursError
from erreichbar.hours.rules import ADDITIONAL, FALLBACK, Rule
from erreichbar.hours.values import DAY_MINUTES, Schedule, State
from erreichbar.i18n import _


def open_end(start: int) -> int:
    """Where an open end from `start` is taken to end, as opening_hours.js guesses it:
    midnight for one that begins before 17:00, ten hours on from one that begins by
    22:00, eight hours on from a later one."""
    if start >= 22 * 60:
        return start + 8 * 60
    if start >= 17 * 60:
        return start + 10 * 60
    return DAY_MINUTES


def truncated_open_ends(spans: list[tuple[int, int]], open_ends: set[int]
                         ) -> tuple[tuple[int, int], ...]:
    """The spans, each open end that more spans follow cut where the first span to begin
    after it (within its reach) begins: opening_hours.js reads `07:00+,12:00-16:00` as
    unknown from 07:00 to 12:00, open to 16:00, then closed (and the same where the span
    after it is earlier in the day, `06:45-07:00+,05:00-06:00,13:00-16:00`)."""
    out = list(spans)
    for i in open_ends:
        start, end = spans[i]
        later = [s for s, _e in spans if start < s < end]
        if i + 1 < len(spans) and later:
            out[i] = (start, min(later))
    return tuple(out)


def open_end_parts(rule: Rule, open_ends: frozenset[int]) -> list[Rule]:
    """A rule with open ends as the rules the engine knows: its spans in runs of the same
    kind, in the written order, the first run with the rule's join and the others
    additional (`,`), the open ends' state unknown unless the rule is `off`, with the
    rule's comment. (A rule has one state, and an open end's state is another: this is
    the one place the parser makes more than one rule of one.)"""
    if not open_ends:
        return [rule]
    parts: list[Rule] = []
    run: list[tuple[int, int]] = []
    for i, span in enumerate(rule.spans):
        run.append(span)
        last = i + 1 == len(rule.spans)
        if last or (i in open_ends) != (i + 1 in open_ends):
            state = rule.state
            if i in open_ends and state is State.OPEN:
                state = State.UNKNOWN
            parts.append(rule._replace(spans=tuple(run), state=state,
                                       kind=rule.kind if not parts or rule.kind == FALLBACK
                                       else ADDITIONAL))
            run = []
    return parts


def from_next_day(rules: list[Rule]) -> bool:
    """Whether an open end begins on the next day (`Th-Sa 08:00-24:00+`: from 24:00 to
    08:00): its day paints nothing of it, the next day paints it as any span past
    midnight, and the empty stretch its own day is left with is dropped (the Schedule's
    days are rebuilt by without_empty)."""
    return any(start >= DAY_MINUTES for rule in rules for start, _end in rule.spans)


def without_empty(schedule: Schedule) -> Schedule:
    """The schedule without the empty stretches an open end from the next day leaves."""
    days = tuple(tuple(seg for seg in day if seg.start < seg.end) for day in schedule.days)
    return Schedule(text=schedule.text, days=days)


def refuse_dated_from_next_day(rules: list[Rule]) -> None:
    """An open end from the next day in a rule of dates is refused: the days of dates are
    painted elsewhere (dated_days.py), where it would be misread."""
    for rule in rules:
        if rule.dates is not None and from_next_day([rule]):
            raise HoursError(_("an open end from 24:00 or later in a rule of dates is not "
                               "supported: write the end time ({rule})", rule=rule.text))
