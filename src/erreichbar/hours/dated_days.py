"""The days of a schedule whose rules depend on the date (`Mo-Fr 08:00-16:00; Dec 24 off`).

The date decides only which rules apply on a day; the day is then painted by the same
rules as any other (rules.paint_day). On a date where none of the rules by date
applies (nor, for spans past midnight, on the day before), the day is the schedule's
regular one, compiled once like any schedule's days, so most dates cost a look-up per
rule by date, each answered once per date for all the schedules that share it. Each
combination of rules is painted once per schedule.

A schedule's rules are kept in the store as plain tuples (pack/unpack): parsing its text
again would cost a hundred times more on every cached run.
"""

from __future__ import annotations

import marshal
from datetime import date, timedelta
from typing import TYPE_CHECKING, cast

from erreichbar.hours import date_selectors
from erreichbar.hours.rules import Rule, compile_rules, interned, paint_day
from erreichbar.hours.values import Schedule, Segment, State

if TYPE_CHECKING:
    from typing import TypeAlias

    from erreichbar.calendar.civil import Calendar
    from erreichbar.hours.date_selectors import PackedSelector

    # A rule as the store keeps it (_raw, _rule): weekdays (sorted; None: no selector),
    # holidays, spans, state value, comment, always, text, kind, holiday_weekdays, dates
    RawRule: TypeAlias = tuple[tuple[int, ...] | None, bool, tuple[tuple[int, int], ...], str,
                               str | None, bool, str, str, bool, PackedSelector | None]
    # DatedDays.pack(): implicit_ph_off, night, ever_open, the rules by date, all the rules
    # marshalled
    Packed: TypeAlias = tuple[bool, bool, bool, tuple[RawRule, ...], bytes]
    # the rules that apply on a day and on the day before, and whether it is a holiday closed
    Applying: TypeAlias = tuple[tuple[int, ...], tuple[int, ...], bool]

KINDS = 14
# Whether a rule by date applies on a date, per rule object (with the rule, which keeps its
# id its own) and per calendar: rules are shared by the schedules that end with the same
# text (reader.py), so each is asked once per date however many schedules have it.
_APPLIES: dict[int, tuple[Rule, dict[date, bool]]] = {}
_FOR: list[Calendar | None] = [None]


def applies(rule: Rule, cal: Calendar, day: date) -> bool:
    """Whether `rule` (one that depends on the date) applies on `day`."""
    if _FOR[0] is not cal:
        _reset(cal)
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
    return Schedule(text=text, days=regular if len(regular) == KINDS else regular[:KINDS],
                    dated=DatedDays(rules, implicit_ph_off, regular))


class DatedDays:
    """A schedule's rules and regular days. Read back from the store, its rules other than
    those by date stay packed until a date needs them painted (few ever do)."""

    __slots__ = ("_packed", "_painted", "_rules", "dated", "ever_open", "implicit_ph_off",
                 "night", "regular")

    def __init__(self, rules: list[Rule] | None, implicit_ph_off: bool,
                 regular: tuple[tuple[Segment, ...], ...], dated: tuple[Rule, ...] = (),
                 night: bool = False, packed: bytes = b"", ever_open: bool = True) -> None:
        self._rules = None if rules is None else tuple(rules)
        self._packed = packed  # (the rules, marshalled, when `rules` is None)
        self.implicit_ph_off = implicit_ph_off
        self.regular = regular  # 14 kinds, or 14 + 14 * 14 where spans pass midnight
        if rules is not None:
            dated = tuple(r for r in rules if r.dates is not None)
            night = any(end > 24 * 60 for r in rules for _, end in r.spans)
            ever_open = any(r.state is State.OPEN for r in rules)
        self.ever_open = ever_open  # (some rule opens: a walk looks a year ahead)
        # one tuple for all the schedules with the same rules by date (see _hit)
        if len(_DATED) > 1 << 14:
            _DATED.clear()
        self.dated = _DATED.setdefault(tuple(map(id, dated)), dated)
        self.night = night
        # each combination of the rules that apply, painted (made when first needed: most
        # schedules never need one)
        self._painted: dict[Applying, tuple[Segment, ...]] | None = None

    @property
    def rules(self) -> tuple[Rule, ...]:
        if self._rules is None:
            # the store's own bytes, checked by it; marshal runs nothing
            self._rules = tuple(_rule(raw) for raw in marshal.loads(self._packed))  # noqa: S302
            self._packed = b""
        return self._rules

    def __eq__(self, other: object) -> bool:  # (the same rules mean the same days)
        return isinstance(other, DatedDays) and (self.rules, self.regular) == (
            other.rules, other.regular)

    __hash__ = None  # type: ignore[assignment]  # None: unhashable, as Python means it

    @property
    def texts(self) -> tuple[str, ...]:
        """The rules by date as written."""
        return tuple(r.text for r in self.dated)

    @property
    def school(self) -> bool:
        """Whether a rule asks for school holidays (SH)."""
        return any(r.dates is not None and r.dates.school for r in self.dated)

    def _hit(self, cal: Calendar, day: date) -> bool:
        """Whether a rule by date applies on `day` (asked once per date for all the
        schedules that share these rules)."""
        if _FOR[0] is not cal:
            _reset(cal)
        key = (id(self.dated), day)
        found = _HITS.get(key)
        if found is None:
            if len(_HITS) > 1 << 16:
                _HITS.clear()
            found = _HITS[key] = (self.dated, any(applies(rule, cal, day)
                                                  for rule in self.dated))
        return found[1]

    def applying(self, cal: Calendar, day: date) -> tuple[int, ...]:
        """The numbers of the rules that apply on `day`."""
        weekday, holiday = day.weekday(), cal.holiday(day) is not None
        out: list[int] = []
        for number, rule in enumerate(self.rules):
            if applies(rule, cal, day) if rule.dates is not None \
                    else rule.matches(weekday, holiday):
                out.append(number)
        return tuple(out)

    def day(self, cal: Calendar, day: date) -> tuple[Segment, ...]:
        """The segments of `day`."""
        if not self.night:
            if not self._hit(cal, day):
                return self.regular[cal.slot(day)]
            before = day
        else:
            before = day - timedelta(days=1)
            if not self._hit(cal, day) and not self._hit(cal, before):
                return self.regular[KINDS + KINDS * cal.slot(before) + cal.slot(day)] \
                    if len(self.regular) != KINDS else self.regular[cal.slot(day)]
        closed = self.implicit_ph_off and cal.holiday(day) is not None
        key: Applying = (self.applying(cal, day),
                         self.applying(cal, before) if self.night else (), closed)
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
            if rule.dates is not None and rule.state is State.CLOSED:
                return rule.text, rule.comment
        return None

    def pack(self) -> Packed:
        """Plain values for the store: what a look-up needs at once (the rules by date), and
        all the rules as bytes, unpacked only where a date is painted."""
        return (self.implicit_ph_off, self.night, self.ever_open,
                tuple(_raw(r) for r in self.dated),
                marshal.dumps(tuple(_raw(r) for r in self.rules)))


def _raw(r: Rule) -> RawRule:
    return (None if r.weekdays is None else tuple(sorted(r.weekdays)), r.holidays, r.spans,
            r.state.value, r.comment, r.always, r.text, r.kind, r.holiday_weekdays,
            None if r.dates is None else date_selectors.pack(r.dates))


_RULES: dict[RawRule, Rule] = {}  # one object per rule by date read back (see _APPLIES)
_WEEKDAYS: dict[tuple[int, ...], frozenset[int]] = {}  # and per set of weekdays
_DATED: dict[tuple[int, ...], tuple[Rule, ...]] = {}  # the rules by date of schedules
# (id of such a tuple, date): the tuple (which keeps its id its own) and whether one of its
# rules applies
_HITS: dict[tuple[int, date], tuple[tuple[Rule, ...], bool]] = {}


def _reset(cal: Calendar) -> None:
    _APPLIES.clear()
    _HITS.clear()
    _FOR[0] = cal


def _rule(raw: RawRule) -> Rule:
    known = _RULES.get(raw) if raw[9] is not None else None
    if known is not None:
        return known
    days, holidays, spans, state, comment, always, written, kind, holiday_weekdays, dates = raw
    weekdays: frozenset[int] | None = None
    if days is not None:
        weekdays = _WEEKDAYS.get(days)
        if weekdays is None:
            weekdays = _WEEKDAYS[days] = frozenset(days)
    found = Rule(weekdays, holidays, spans, State(state), comment, always, written, kind,
                 holiday_weekdays, None if dates is None else date_selectors.unpack(dates))
    if dates is not None:
        if len(_RULES) > 1 << 14:
            _RULES.clear()
        _RULES[raw] = found
    return found


def unpack(text: str, packed: tuple[object, ...], regular: tuple[tuple[Segment, ...], ...]
           ) -> Schedule:
    """The Schedule that DatedDays.pack() and its regular days were made of (`packed` as
    the store read it back: what pack() made, whole, since the store checks it)."""
    implicit_ph_off, night, ever_open, dated, rules = cast("Packed", packed)
    return Schedule(text=text, days=regular if len(regular) == KINDS else regular[:KINDS],
                    dated=DatedDays(None, implicit_ph_off, regular,
                                    tuple(_rule(r) for r in dated), night, rules, ever_open))
