"""Parsed `opening_hours` rules and what they make of each kind of day.

A day is painted rule by rule, in order, as opening_hours.js evaluates it:

* a normal rule (the first, or one after `;`) that applies on a day replaces what earlier
  rules said about it, unless it is `off`/`closed` with times: that closes just those times
  (`Mo-Fr 08:00-18:00; Mo-Fr 12:00-13:00 off` is a lunch break);
* an additional rule (after `,`) adds its times to the day without replacing anything;
* a fallback rule (after `||`) fills the times that the rules before it leave closed (neither
  open nor unknown), on every day it selects: `Mo-Fr 09:00-12:00 || "nach Vereinbarung"` is
  unknown outside 09:00-12:00 every day; a later `;` rule for a day replaces it there too.

A span past midnight (`Mo-Fr 22:00-02:00`, or `Fr 10:00-26:00`) belongs to the day it
begins on, as in opening_hours.js: its rest is painted on the next day where its rule
stands among the rules, so a later `;` rule for that day replaces it and an earlier one
does not. The day of such a schedule therefore depends on the kind of the day before, and it
holds, after the 14 kinds of day, one day for each pair (kind before, kind): index
`14 + 14 * before + kind`.

Offices close on public holidays unless the hours say otherwise (a PH rule, or 24/7).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from erreichbar.hours.values import DAY_MINUTES, Schedule, Segment, State
from erreichbar.i18n import N_, Message

if TYPE_CHECKING:
    from collections.abc import Sequence

    from erreichbar.calendar.civil import Calendar
    from erreichbar.hours.date_selectors import DateSelector
    from erreichbar.hours.values import Piece

NORMAL, ADDITIONAL, FALLBACK = "normal", "additional", "fallback"


class Rule(NamedTuple):
    """One rule of an hours value. (A named tuple, not a frozen dataclass: a run that reads
    rules by date defines it on every start, and it needs only fields, equality, a hash.)"""

    weekdays: frozenset[int] | None  # None: no selector, every day
    holidays: bool  # PH in the selector
    spans: tuple[tuple[int, int], ...]  # empty: the whole day; an end up to 48:00
    state: State
    comment: str | None
    always: bool = False  # 24/7
    text: str = ""  # the rule as written, for messages
    kind: str = NORMAL  # how it joins the rule before it: `;`, `,` or `||`
    holiday_weekdays: bool = False  # `PH Mo-Fr`: a holiday on one of the weekdays
    dates: DateSelector | None = None  # what depends on the date (dates.py)

    def applies_on(self, cal: Calendar, day: date, weekday: int, holiday: bool) -> bool:
        """Whether the rule applies on a date (of that weekday, a public holiday or not)."""
        dates = self.dates
        if dates is None:
            return self.matches(weekday, holiday)
        if dates.wide and not dates.holds(cal, day):
            return False
        if dates.school == 2 and cal.school_holiday(day) is None:
            return False
        if dates.days or dates.holiday_offsets or dates.school == 1:
            if dates.more_days(cal, day):
                return True
            if self.weekdays is None and not self.holidays:
                return False  # (its only days are those)
        return self.matches(weekday, holiday)

    def matches(self, weekday: int, holiday: bool) -> bool:
        if self.holiday_weekdays:
            return holiday and weekday in (self.weekdays or ())
        if self.weekdays is None and not self.holidays:
            return True
        return (self.weekdays is not None and weekday in self.weekdays) or (
            self.holidays and holiday
        )

    def replaces(self) -> bool:
        """Whether, where it applies, the rule replaces what earlier rules said."""
        return self.kind == NORMAL and not (self.state is State.CLOSED and self.spans)


_EVERY_SLOT = tuple(range(14))
_INTERNED: dict[tuple[Piece, ...], tuple[Segment, ...]] = {}


def slots(rule: Rule) -> tuple[int, ...]:
    """The day kinds a rule applies to (weekday, or 7 + weekday on a public holiday), the
    same as `Rule.matches` for each of them."""
    if rule.weekdays is None and not rule.holidays:
        return _EVERY_SLOT
    ordinary = tuple(sorted(rule.weekdays or ()))
    if rule.holiday_weekdays:
        return tuple(d + 7 for d in ordinary)
    holiday = tuple(range(7, 14)) if rule.holidays else tuple(d + 7 for d in ordinary)
    return ordinary + holiday


def _paint(day: list[Piece], start: int, end: int, state: State, comment: str | None
           ) -> None:
    """Give [start, end) of a day (its non-closed pieces, in order, none overlapping) the
    state: the pieces it touches are found by bisection and replaced in place, so a day of
    many pieces costs no more to paint than a day of few."""
    first = bisect_right(day, start, key=_piece_end)  # the first piece that ends after start
    last = bisect_left(day, end, first, key=_piece_start)  # the first that starts at end on
    middle: list[Piece] = []
    if first < last and day[first][0] < start:
        piece = day[first]
        middle.append((piece[0], start, piece[2], piece[3]))
    if state is not State.CLOSED or comment is not None:  # (a closed stretch keeps its
        middle.append((start, end, state, comment))       # comment, as in the reference)
    if first < last and day[last - 1][1] > end:
        piece = day[last - 1]
        middle.append((end, piece[1], piece[2], piece[3]))
    day[first:last] = middle


def _fill(day: list[Piece], start: int, end: int, state: State, comment: str | None) -> None:
    """Give the closed times of [start, end) the state: what a fallback rule paints. (A
    closed piece with a comment is closed too: the fallback replaces it.)"""
    gaps: list[tuple[int, int]] = []
    at = start
    for piece in day[bisect_right(day, start, key=_piece_end):]:
        if piece[0] >= end:
            break
        if piece[2] is State.CLOSED:
            continue
        if piece[0] > at:
            gaps.append((at, piece[0]))
        at = max(at, piece[1])
    if at < end:
        gaps.append((at, end))
    for begin, finish in gaps:
        _paint(day, begin, finish, state, comment)


def _piece_start(piece: Piece) -> int:
    return piece[0]


def _piece_end(piece: Piece) -> int:
    return piece[1]


def _applying(rules: list[Rule]) -> list[set[int]]:
    """For each kind of day, the numbers of the rules that apply on it."""
    out: list[set[int]] = [set() for _ in range(14)]
    for number, rule in enumerate(rules):
        for slot in slots(rule):
            out[slot].add(number)
    return out


def paint_day(rules: Sequence[Rule], today: set[int], yesterday: set[int]) -> list[Piece]:
    """A day painted rule by rule: by the rules that apply on it (`today`), and by the
    spans past midnight of those that applied on the day before (`yesterday`)."""
    day: list[Piece] = []
    for number, rule in enumerate(rules):
        paint = _fill if rule.kind == FALLBACK else _paint
        if number in today:
            if rule.replaces():
                day.clear()
            for begin, end in rule.spans or ((0, DAY_MINUTES),):
                paint(day, begin, min(end, DAY_MINUTES), rule.state, rule.comment)
        if number in yesterday:
            for begin, end in rule.spans:
                if end > DAY_MINUTES:
                    paint(day, max(begin, DAY_MINUTES) - DAY_MINUTES, end - DAY_MINUTES,
                          rule.state, rule.comment)
    return day


def compile_rules(text: str, rules: list[Rule], implicit_ph_off: bool | None = None
                  ) -> Schedule:
    """The Schedule of rules that do not depend on the date (those that do: dated_days).
    Holidays are closed unless a rule selects PH or is 24/7 (`implicit_ph_off` says it
    for them when they are part of a longer value)."""
    if implicit_ph_off is None:
        implicit_ph_off = not any(r.holidays or r.always for r in rules)
    if all(r.kind == NORMAL and r.replaces() for r in rules) \
            and all(end <= DAY_MINUTES for r in rules for _, end in r.spans):
        return _last_rule_wins(text, rules, implicit_ph_off)
    applying = _applying(rules)
    days = [interned(paint_day(rules, applying[slot], set())) for slot in range(14)]
    if implicit_ph_off:
        days[7:] = [()] * 7
    if any(end > DAY_MINUTES for rule in rules for _, end in rule.spans):
        days += [() if implicit_ph_off and kind >= 7
                 else interned(paint_day(rules, applying[kind], applying[before]))
                 for before in range(14) for kind in range(14)]
    return Schedule(text=text, days=tuple(days))


def _last_rule_wins(text: str, rules: list[Rule], implicit_ph_off: bool) -> Schedule:
    """The common case, quickly: only `;` rules that replace a day whole, none past
    midnight, so each day is the one its last rule paints (the painting gives the same)."""
    days: list[tuple[Segment, ...]] = [()] * 14
    for rule in rules:
        known = _PAINTS.get(id(rule))
        if known is None:
            if len(_PAINTS) > 1 << 16:
                _PAINTS.clear()
            closed = rule.state is State.CLOSED and rule.comment is None
            known = _PAINTS[id(rule)] = (rule, _known(() if closed else tuple(_merged(rule))),
                                         slots(rule))
        day = known[1]
        for slot in known[2]:
            days[slot] = day
    if implicit_ph_off:
        days[7:] = [()] * 7
    return Schedule(text=text, days=tuple(days))


# per rule object (kept with it, so that its id stays its own): the day it paints whole and
# the kinds of day it paints, for the many values that share a rule (fast.py keeps one
# object per rule text)
_PAINTS: dict[int, tuple[Rule, tuple[Segment, ...], tuple[int, ...]]] = {}


def forget() -> None:
    """Drop what is kept between values (hours.forget)."""
    _PAINTS.clear()
    _INTERNED.clear()


def _merged(rule: Rule) -> list[Piece]:
    out: list[Piece] = []
    for start, end in sorted(rule.spans or ((0, DAY_MINUTES),)):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end), rule.state, rule.comment)
        else:
            out.append((start, end, rule.state, rule.comment))
    return out


def interned(day: list[Piece]) -> tuple[Segment, ...]:
    """The day as segments, touching pieces alike joined; equal days share one tuple across
    all schedules, which keeps a big dataset small in memory and in the cache."""
    merged: list[Piece] = []
    for start, end, state, comment in day:
        if merged and merged[-1][1] == start and merged[-1][2] is state \
                and merged[-1][3] == comment:
            merged[-1] = (merged[-1][0], end, state, comment)
        else:
            merged.append((start, end, state, comment))
    return _known(tuple(merged))


def _known(key: tuple[Piece, ...]) -> tuple[Segment, ...]:
    """The one tuple of segments for pieces (start, end, state, comment) already joined."""
    known = _INTERNED.get(key)
    if known is None:
        if len(_INTERNED) > 1 << 16:
            _INTERNED.clear()
        known = _INTERNED[key] = tuple(Segment(*piece) for piece in key)
    return known


_DAY_NAMES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def _days(rule: Rule) -> frozenset[int]:
    """The weekdays on which a rule applies when they are not holidays (Rule.matches)."""
    if rule.holiday_weekdays:
        return frozenset()
    if rule.weekdays is not None:
        return rule.weekdays
    return frozenset() if rule.holidays else frozenset(range(7))


def rule_warnings(rules: list[Rule]) -> list[Message]:
    """Rules that are legal but probably not meant: a later rule that replaces the times of
    an earlier one on some day (a clerk writing `Mo-Fr 08:00-12:00; Mo 14:00-16:00` may
    expect both on Monday), a rule that never applies, and `PH off` undone by a later rule.

    A rule is compared with the rules it replaces, not with every rule before it: those
    still in force on each of its weekdays (`_InForce`), and the `PH off` rules that no later
    rule has undone yet. A rule leaves a weekday when it is replaced there, so the work and
    the warnings grow with the number of rules, not with its square; and a warning said
    twice (`Mo-Fr 08:00-12:00` written twice) is said once."""
    if len(rules) < 2:
        return []
    out: dict[tuple[str, tuple[object, ...]], Message] = {}
    in_force = _InForce()
    holidays_off: list[int] = []  # the `PH off` rules no later rule has undone yet
    for j, later in enumerate(rules):
        if later.dates is not None:
            continue  # (a rule for some dates replaces others only on them: meant so)
        later_days = _days(later)
        if later.replaces() and later.kind == NORMAL:
            found = [(i, _replacing(rules[i], later, common))
                     for i, common in in_force.replaced(later_days).items()]
            if later_days and not later.holidays:
                found += [(i, Message(N_("'{earlier}' comes before '{later}', which applies "
                                         "on holidays too and so undoes it: put 'PH off' "
                                         "last"), earlier=rules[i].text, later=later.text))
                          for i in holidays_off]
                holidays_off.clear()
            for _i, message in sorted(found, key=lambda item: item[0]):
                if message is not None:
                    out.setdefault((message.msgid, tuple(message.fields.values())), message)
        in_force.add(j, later_days)
        if later.holidays and not later.weekdays and later.state is State.CLOSED:
            holidays_off.append(j)
    for message in _never_applying(rules):
        out.setdefault((message.msgid, tuple(message.fields.values())), message)
    return list(out.values())


def _replacing(earlier: Rule, later: Rule, common: set[int]) -> Message | None:
    """The warning that `later` replaces `earlier` on the weekdays `common`, where that is
    probably not meant: both open or unknown, neither 24/7, with other times or another
    state."""
    if earlier.always or later.always:
        return None
    if earlier.state is State.CLOSED or later.state is State.CLOSED:
        return None
    if (earlier.spans, earlier.state) == (later.spans, later.state):
        return None
    names = ",".join(_DAY_NAMES[d] for d in sorted(common))
    return Message(N_("on {days}, '{later}' replaces '{earlier}' (a later rule wins for its "
                      "days); if both apply, write the times in one rule"),
                   days=names, later=later.text, earlier=earlier.text)


class _InForce:
    """The numbers of the rules (without dates) in force on each weekday: added as they
    come, and taken off a weekday by the rule that replaces them there."""

    def __init__(self) -> None:
        self.days: list[list[int]] = [[] for _ in range(7)]

    def replaced(self, days: frozenset[int]) -> dict[int, set[int]]:
        """The rules in force on `days`, each with those of the days it is in force on;
        all of them leave those days."""
        common: dict[int, set[int]] = {}
        for day in days:
            for number in self.days[day]:
                common.setdefault(number, set()).add(day)
            self.days[day] = []
        return common

    def add(self, number: int, days: frozenset[int]) -> None:
        for day in days:
            self.days[day].append(number)


def _never_applying(rules: list[Rule]) -> list[Message]:
    """The rules that later rules replace on all their days."""
    never: list[Message] = []
    covered: frozenset[int] = frozenset()  # the ordinary days later rules replace whole
    for i in range(len(rules) - 1, -1, -1):
        rule = rules[i]
        days = _days(rule)
        if days and not rule.holidays and rule.dates is None and i < len(rules) - 1 \
                and days <= covered:
            never.append(Message(N_("'{rule}' never applies: later rules replace it on all "
                                    "its days"), rule=rule.text))
        if rule.replaces() and rule.kind == NORMAL and rule.dates is None:
            covered |= _days(rule)
    return never[::-1]
