"""The days of a schedule whose rules depend on the date (`Mo-Fr 08:00-16:00; Dec 24 off`).

The date decides only which rules apply on a day; the day is then painted by the same
rules as any other (hours_rules.paint_day). On a date where none of the rules by date
applies (nor, for spans past midnight, on the day before), the day is the schedule's
regular one, compiled once like any schedule's days, so most dates cost a look-up per
rule by date, each answered once per date for all the schedules that share it. Each
combination of rules is painted once per schedule.

A schedule's rules are kept in the store as plain tuples (pack/unpack): parsing its text
again would cost a hundred times more on every cached run.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from . import hours_dates
from .hours_rules import FALLBACK, Rule, compile_rules, interned, paint_day
from .values import Schedule, Segment, State

if TYPE_CHECKING:
    from .calendar import Calendar

KINDS = 14
# Whether a rule by date applies on a date, per rule object (with the rule, which keeps its
# id its own) and per calendar: rules are shared by the schedules that end with the same
# text (hours.py), so each is asked once per date however many schedules have it.
_APPLIES: dict[int, tuple[Rule, dict[date, bool]]] = {}
_FOR: list[Calendar | None] = [None]


def applies(rule: Rule, cal: Calendar, day: date) -> bool:
    """Whether `rule` (one that depends on the date) applies on `day`."""
    if _FOR[0] is not cal:
        _APPLIES.clear()
        _FOR[0] = cal
    known = _APPLIES.get(id(rule))
    if known is None:
        if len(_APPLIES) > 1 << 14:
            _APPLIES.clear()
        known = _APPLIES[id(rule)] = (rule, {})
    found = known[1].get(day)
    if found is None:
        found = known[1][day] = rule.applies_on(cal, day, day.weekday(),
                                                cal.holiday(day) is not None)
    return found


def compile_dated(text: str, rules: list[Rule]) -> Schedule:
    """The Schedule of rules some of which depend on the date. Its `days` are its regular
    ones: what its other rules make (with holidays closed unless the value says otherwise)."""
    implicit_ph_off = not any(r.holidays or r.always for r in rules)
    plain = [r for r in rules if r.dates is None]
    regular = compile_rules(text, plain, implicit_ph_off).days if plain else ((),) * KINDS
    return Schedule(text=text, days=regular[:KINDS],
                    dated=DatedDays(rules, implicit_ph_off, regular))


class DatedDays:
    __slots__ = ("_painted", "dated", "implicit_ph_off", "night", "regular", "rules",
                 "school", "texts")

    def __init__(self, rules: list[Rule], implicit_ph_off: bool,
                 regular: tuple[tuple[Segment, ...], ...]) -> None:
        self.rules = rules
        self.implicit_ph_off = implicit_ph_off
        self.regular = regular  # 14 kinds, or 14 + 14 * 14 where spans pass midnight
        self.dated = tuple(r for r in rules if r.dates is not None)
        self.night = any(end > 24 * 60 for r in rules for _, end in r.spans)
        self.texts = tuple(r.text for r in self.dated)  # the rules by date as written
        self.school = any(r.dates is not None and r.dates.school for r in rules)  # SH
        # each combination of the rules that apply, painted (made when first needed: most
        # schedules never need one)
        self._painted: dict[tuple, tuple[Segment, ...]] | None = None

    def __eq__(self, other: object) -> bool:  # (the same rules mean the same days)
        return isinstance(other, DatedDays) and (self.rules, self.regular) == (
            other.rules, other.regular)

    __hash__ = None  # type: ignore[assignment]

    def _hit(self, cal: Calendar, day: date) -> bool:
        """Whether a rule by date applies on `day`."""
        return any(applies(rule, cal, day) for rule in self.dated)

    def applying(self, cal: Calendar, day: date) -> tuple[int, ...]:
        """The numbers of the rules that apply on `day` (`||` rules only where no earlier
        rule does)."""
        weekday, holiday = day.weekday(), cal.holiday(day) is not None
        out: list[int] = []
        for number, rule in enumerate(self.rules):
            if rule.kind == FALLBACK and out:
                continue
            if applies(rule, cal, day) if rule.dates is not None \
                    else rule.matches(weekday, holiday):
                out.append(number)
        return tuple(out)

    def day(self, cal: Calendar, day: date) -> tuple[Segment, ...]:
        """The segments of `day`."""
        before = day - timedelta(days=1)
        if not self._hit(cal, day) and not (self.night and self._hit(cal, before)):
            kind = cal.slot(day)
            return self.regular[kind] if len(self.regular) == KINDS else \
                self.regular[KINDS + KINDS * cal.slot(before) + kind]
        closed = self.implicit_ph_off and cal.holiday(day) is not None
        key = (self.applying(cal, day), self.applying(cal, before) if self.night else (),
               closed)
        painted = self._painted
        if painted is None:
            painted = self._painted = {}
        found = painted.get(key)
        if found is None:
            found = painted[key] = () if closed else interned(
                paint_day(self.rules, set(key[0]), set(key[1])))
        return found

    def closure(self, cal: Calendar, day: date) -> tuple[str, str | None] | None:
        """The rule by date that closes `day` entirely (its text and comment), if one does:
        what a week marks like a holiday."""
        if any(seg.state is not State.CLOSED for seg in self.day(cal, day)):
            return None
        for number in reversed(self.applying(cal, day)):
            rule = self.rules[number]
            if rule.dates is not None and rule.dates.wide and rule.state is State.CLOSED:
                return rule.text, rule.comment
        return None

    def pack(self) -> tuple:
        """The rules as plain values, for the store."""
        return (self.implicit_ph_off, tuple(
            (None if r.weekdays is None else tuple(sorted(r.weekdays)), r.holidays, r.spans,
             r.state.value, r.comment, r.always, r.text, r.kind, r.holiday_weekdays,
             None if r.dates is None else hours_dates.pack(r.dates)) for r in self.rules))


_RULES: dict[tuple, Rule] = {}  # one object per rule read back (see _APPLIES)


def _rule(raw: tuple) -> Rule:
    days, holidays, spans, state, comment, always, written, kind, holiday_weekdays, dates = raw
    if len(_RULES) > 1 << 16:
        _RULES.clear()
    found = _RULES[raw] = Rule(
        None if days is None else frozenset(days), holidays, spans, State(state), comment,
        always, written, kind, holiday_weekdays,
        None if dates is None else hours_dates.unpack(dates))
    return found


def unpack(text: str, packed: tuple, regular: tuple[tuple[Segment, ...], ...]) -> Schedule:
    """The Schedule that DatedDays.pack() and its regular days were made of."""
    implicit_ph_off, raw = packed
    rules = [_RULES.get(r) or _rule(r) for r in raw]
    return Schedule(text=text, days=regular[:KINDS],
                    dated=DatedDays(rules, implicit_ph_off, regular))
