"""The subset of the OpenStreetMap `opening_hours` syntax that office hours need.

    >>> s = parse("Mo-Do 08:00-16:00; Fr 08:00-14:00")
    >>> [(x.start, x.end) for x in s.day(4, holiday=False)]
    [(480, 840)]

Supported: weekday selectors (`Mo-Fr`, `Mo,We`, `Sa`; German `Di Mi Do So` too), `PH`,
one or more time spans per rule, `;` between rules (a later rule for a day replaces an
earlier one), the modifiers `open`, `off`/`closed` and `unknown`, `24/7`, and a quoted
comment per rule. A rule with a comment but no state is `unknown`, as the specification
and opening_hours.js read it (`Mo-Fr 10:00-11:00 open "Rückruf"` is open). Public
holidays are closed unless a rule selects `PH` (or the hours are `24/7`): offices keep
their holidays even where the hours do not say so.

Anything else is an `HoursError` naming the column, never a guess.

A little over 400 lines: the tokenizer, the parser, its fast path for the common rule (which
must accept exactly what the parser accepts) and the compilation into a Schedule are one
grammar, read together. Writing a Schedule back as OSM text is render/export.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import HoursError
from .i18n import N_, Message, _
from .model import DAY_MINUTES, Schedule, Segment, State

WEEKDAYS = {
    "mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6,
    "di": 1, "mi": 2, "do": 3, "so": 6,
}

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>"[^"]*")
  | (?P<time>[0-9]{1,2}:[0-9]{2})
  | (?P<dotted>[0-9]{1,2}[.][0-9]{2})
  | (?P<word>[A-Za-z]+|24/7)
  | (?P<dash>[-–])
  | (?P<comma>,)
  | (?P<semi>;)
  | (?P<other>.)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str
    column: int  # 1-based


@dataclass(frozen=True, slots=True)
class Rule:
    weekdays: frozenset[int] | None  # None: no selector, every day
    holidays: bool  # PH in the selector
    spans: tuple[tuple[int, int], ...]  # empty: the whole day
    state: State
    comment: str | None
    always: bool = False  # 24/7
    text: str = ""  # the rule as written, for messages

    def matches(self, weekday: int, holiday: bool) -> bool:
        if self.weekdays is None and not self.holidays:
            return True
        return (self.weekdays is not None and weekday in self.weekdays) or (
            self.holidays and holiday
        )


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind == "space":
            continue
        if kind == "dotted":
            hour, minute = m.group().split(".")
            raise HoursError(_("{text} is not a time: write HH:MM, e.g. {example}",
                               text=m.group(), example=f"{int(hour):02d}:{minute}"),
                             m.start() + 1)
        if kind == "other":
            if m.group() == '"':
                raise HoursError(_("comment is not closed: a closing '\"' is missing"),
                                 m.start() + 1)
            raise HoursError(_("unexpected character {char}", char=repr(m.group())),
                             m.start() + 1)
        out.append(_Token(kind, m.group(), m.start() + 1))
    return out


def _minutes(tok: _Token, is_end: bool) -> int:
    hours_s, minutes_s = tok.text.split(":")
    hours, minutes = int(hours_s), int(minutes_s)
    if minutes > 59:
        raise HoursError(_("{time} is not a time: minutes go up to 59", time=tok.text),
                         tok.column)
    if hours > 24 or (hours == 24 and (minutes or not is_end)):
        raise HoursError(
            _("{time} is not a time: hours go up to 23 (24:00 only as an end)", time=tok.text),
            tok.column,
        )
    return hours * 60 + minutes


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.i = 0

    def peek(self) -> _Token | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Token:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def end_column(self) -> int:
        return len(self.text) + 1

    def rules(self) -> list[Rule]:
        rules = [self.rule()]
        while self.peek() is not None:
            tok = self.take()
            if tok.kind != "semi":
                raise HoursError(_("expected ';' between rules, found {found}",
                                   found=repr(tok.text)), tok.column)
            rules.append(self.rule())
        return rules

    def rule(self) -> Rule:
        start = self.peek()
        if start is None or start.kind == "semi":
            col = start.column if start else self.end_column()
            raise HoursError(_("empty rule: write days and times, 'off' or 'unknown'"), col)
        always = False
        weekdays: frozenset[int] | None = None
        holidays = False
        if start.kind == "word" and start.text == "24/7":
            self.take()
            always = True
        elif start.kind == "word" and (_weekday(start.text) is not None
                                       or start.text.upper() == "PH"):
            weekdays, holidays = self.selector()
        spans = self.spans() if not always else ()
        state, modifier = self.modifier()
        if modifier is not None and modifier.text.lower() in ("off", "closed") and spans:
            raise HoursError(
                _("'off' with times is not supported: write the open times instead"),
                modifier.column,
            )
        comment = None
        tok = self.peek()
        if tok is not None and tok.kind == "comment":
            comment = self.take().text[1:-1].strip() or None
            if modifier is None:  # a comment without a state: unknown, by the specification
                state = State.UNKNOWN
        tok = self.peek()
        if tok is not None and tok.kind != "semi":
            if tok.kind == "word" and (_weekday(tok.text) is not None or tok.text == "PH"):
                raise HoursError(_("expected ';' between rules, found {found}",
                                   found=repr(tok.text)), tok.column)
            raise HoursError(_unexpected(tok), tok.column)
        if weekdays is None and not holidays and not spans and not always and modifier is None:
            col = tok.column if tok else start.column
            raise HoursError(_("a rule needs days, times, 'off' or 'unknown'"), col)
        end = tok.column - 1 if tok is not None else len(self.text)
        written = self.text[start.column - 1:end].strip()
        return Rule(weekdays, holidays, spans, state, comment, always, written)

    def selector(self) -> tuple[frozenset[int] | None, bool]:
        days: set[int] = set()
        holidays = False
        while True:
            tok = self.take()
            if tok.kind == "word" and tok.text.upper() == "PH":
                holidays = True
            else:
                first = _weekday(tok.text) if tok.kind == "word" else None
                if first is None:
                    raise HoursError(_("expected a weekday (Mo Tu We Th Fr Sa Su), found "
                                       "{found}", found=repr(tok.text)), tok.column)
                last = first
                nxt = self.peek()
                if nxt is not None and nxt.kind == "dash":
                    self.take()
                    end_tok = self.peek()
                    last_day = (_weekday(end_tok.text)
                                if end_tok and end_tok.kind == "word" else None)
                    if end_tok is None or last_day is None:
                        col = end_tok.column if end_tok else self.end_column()
                        raise HoursError(_("a weekday range needs a weekday after '-'"), col)
                    self.take()
                    last = last_day
                days.update((first + k) % 7 for k in range((last - first) % 7 + 1))
            nxt = self.peek()
            if nxt is None or nxt.kind != "comma":
                break
            after = self.toks[self.i + 1] if self.i + 1 < len(self.toks) else None
            if after is None or after.kind != "word":
                break
            self.take()
        return (frozenset(days) if days else None), holidays

    def spans(self) -> tuple[tuple[int, int], ...]:
        spans: list[tuple[int, int]] = []
        comma_column = 0
        while True:
            tok = self.peek()
            if tok is None or tok.kind != "time":
                if spans and tok is not None and tok.kind == "word":
                    raise HoursError(_("a ',' between rules (an additional rule) is not "
                                       "supported: separate rules with ';'"), comma_column)
                if spans:
                    col = tok.column if tok else self.end_column()
                    raise HoursError(_("expected a time span like 08:00-12:00 after ','"),
                                     col)
                return ()
            start_tok = self.take()
            dash = self.peek()
            if dash is None or dash.kind != "dash":
                col = dash.column if dash else self.end_column()
                raise HoursError(_("time {time} needs an end: write {time}-HH:MM",
                                   time=start_tok.text), col)
            self.take()
            end_tok = self.peek()
            if end_tok is None or end_tok.kind != "time":
                col = end_tok.column if end_tok else self.end_column()
                raise HoursError(_("expected an end time (HH:MM) after '-'"), col)
            self.take()
            start, end = _minutes(start_tok, False), _minutes(end_tok, True)
            if end <= start:
                raise HoursError(
                    _("span {start}-{end} ends before it starts (spans past midnight are "
                      "not supported)", start=start_tok.text, end=end_tok.text),
                    start_tok.column,
                )
            spans.append((start, end))
            nxt = self.peek()
            if nxt is None or nxt.kind != "comma":
                return tuple(spans)
            comma_column = self.take().column

    def modifier(self) -> tuple[State, _Token | None]:
        tok = self.peek()
        if tok is None or tok.kind != "word":
            return State.OPEN, None
        word = tok.text.lower()
        states = {"open": State.OPEN, "off": State.CLOSED, "closed": State.CLOSED,
                  "unknown": State.UNKNOWN}
        if word not in states:
            if _weekday(tok.text) is not None or tok.text == "PH":
                raise HoursError(_("expected ';' between rules, found {found}",
                                   found=repr(tok.text)), tok.column)
            raise HoursError(_unexpected(tok), tok.column)
        self.take()
        return states[word], tok


def _weekday(word: str) -> int | None:
    return WEEKDAYS.get(word.lower()) if len(word) == 2 else None


def _unexpected(tok: _Token) -> str:
    if tok.kind == "word":
        return _("{word} is not supported here (supported: weekdays, PH, times, off, "
                 "unknown, 24/7, \"comment\")", word=repr(tok.text))
    if tok.kind == "time":
        return _("unexpected time {time}: times follow the days, e.g. Mo-Fr 08:00-12:00",
                 time=tok.text)
    return _("unexpected {found}", found=repr(tok.text))


def parse_rules(text: str) -> list[Rule]:
    if not text.strip():
        raise HoursError(_("hours are empty: write 'unknown' when no times are published"))
    fast = _fast_rules(text)
    return fast if fast is not None else _Parser(text).rules()


# The everyday forms (`Mo-Fr 08:00-12:00,13:00-16:00; PH off`) in one regular expression
# per rule; anything it does not take whole goes to the full parser, which also gives the
# error messages. Both build the same Rules (a property test holds them to it).
_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su|Di|Mi|Do|So)"
_TIMES = r"[0-9][0-9]:[0-9][0-9]-[0-9][0-9]:[0-9][0-9]"
_FAST_RULE = re.compile(
    rf"(?P<sel>(?:{_DAY}(?:-{_DAY})?|PH)(?:,(?:{_DAY}(?:-{_DAY})?|PH))*)?"
    rf"(?:(?:^| +)(?P<spans>{_TIMES}(?:,{_TIMES})*))?"
    r"(?:(?:^| +)(?P<mod>open|off|closed|unknown))?"
    r'(?:(?:^| +)"(?P<comment>[^"]*)")?'
)
_FAST_STATES = {None: State.OPEN, "open": State.OPEN, "off": State.CLOSED,
                "closed": State.CLOSED, "unknown": State.UNKNOWN}


def _fast_rules(text: str) -> list[Rule] | None:
    rules = []
    for part in text.split(";"):
        written = part.strip()
        if written == "24/7":
            rules.append(Rule(None, False, (), State.OPEN, None, True, written))
            continue
        m = _FAST_RULE.fullmatch(written)
        if m is None or not written or (m["sel"] is None and m["spans"] is None
                                        and m["mod"] is None):
            return None
        weekdays: frozenset[int] | None = None
        holidays = False
        if m["sel"]:
            days: set[int] = set()
            for item in m["sel"].split(","):
                if item == "PH":
                    holidays = True
                    continue
                first, _dash, last = item.partition("-")
                a = WEEKDAYS[first.lower()]
                b = WEEKDAYS[last.lower()] if last else a
                days.update((a + k) % 7 for k in range((b - a) % 7 + 1))
            weekdays = frozenset(days) if days else None
        spans: tuple[tuple[int, int], ...] = ()
        if m["spans"]:
            out = []
            for span in m["spans"].split(","):
                start = int(span[0:2]) * 60 + int(span[3:5])
                end = int(span[6:8]) * 60 + int(span[9:11])
                if not (int(span[3:5]) < 60 and int(span[9:11]) < 60 and start < end
                        and start < DAY_MINUTES and end <= DAY_MINUTES):
                    return None  # let the full parser say what is wrong
                out.append((start, end))
            spans = tuple(out)
        state = _FAST_STATES[m["mod"]] if m["mod"] or m["comment"] is None else State.UNKNOWN
        if state is State.CLOSED and spans:
            return None
        comment = m["comment"].strip() or None if m["comment"] is not None else None
        rules.append(Rule(weekdays, holidays, spans, state, comment, False, written))
    return rules


_INTERNED: dict[tuple, tuple[Segment, ...]] = {}


def compile_rules(text: str, rules: list[Rule]) -> Schedule:
    # Offices close on public holidays unless the hours say otherwise (a PH rule, or 24/7).
    implicit_ph_off = not any(r.holidays or r.always for r in rules)
    days: list[tuple[Segment, ...]] = [()] * 14
    for rule in rules:  # in order: a later rule replaces an earlier one for its days
        segs = _segments(rule)
        for slot in _slots(rule):
            days[slot] = segs
    if implicit_ph_off:
        days[7:] = [()] * 7
    return Schedule(text=text, days=tuple(days))


_EVERY_SLOT = tuple(range(14))


def _slots(rule: Rule) -> tuple[int, ...]:
    """The day kinds a rule applies to (weekday, or 7 + weekday on a public holiday), the
    same as `Rule.matches` for each of them."""
    if rule.weekdays is None and not rule.holidays:
        return _EVERY_SLOT
    ordinary = tuple(sorted(rule.weekdays or ()))
    holiday = tuple(range(7, 14)) if rule.holidays else tuple(d + 7 for d in ordinary)
    return ordinary + holiday


def _segments(rule: Rule) -> tuple[Segment, ...]:
    """The rule's day as segments; equal days share one tuple across all schedules, which
    keeps a big dataset small in memory and in the cache."""
    if rule.state is State.CLOSED:
        return ()
    spans = rule.spans or ((0, DAY_MINUTES),)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    key = (tuple(map(tuple, merged)), rule.state, rule.comment)
    known = _INTERNED.get(key)
    if known is None:
        if len(_INTERNED) > 1 << 16:
            _INTERNED.clear()
        known = _INTERNED[key] = tuple(Segment(s, e, rule.state, rule.comment)
                                       for s, e in merged)
    return known


def parse(text: str) -> Schedule:
    """Parse an hours string into a Schedule; raises HoursError."""
    return analyse(text)[0]


@lru_cache(maxsize=1 << 16)
def analyse(text: str) -> tuple[Schedule, tuple[Message, ...]]:
    """The Schedule and the warnings for an hours string, computed once per distinct text:
    a dataset repeats the same hours many times, and equal texts then share one Schedule.
    The warnings are translated when shown (`str()`), so the cache serves every language."""
    rules = parse_rules(text)
    return compile_rules(text, rules), tuple(rule_warnings(rules))


def rule_warnings(rules: list[Rule]) -> list[Message]:
    """Rules that are legal but probably not meant: a later rule that replaces the times of
    an earlier one on some day (a clerk writing `Mo-Fr 08:00-12:00; Mo 14:00-16:00` may
    expect both on Monday), a rule that never applies, and `PH off` undone by a later rule."""
    out: list[Message] = []
    if len(rules) < 2:
        return out
    every = frozenset(range(7))
    for j, later in enumerate(rules):
        later_days = later.weekdays if later.weekdays is not None else (
            frozenset() if later.holidays else every)
        for i in range(j):
            earlier = rules[i]
            days = earlier.weekdays if earlier.weekdays is not None else (
                frozenset() if earlier.holidays else every)
            common = days & later_days
            if earlier.holidays and not earlier.weekdays and earlier.state is State.CLOSED \
                    and later_days and not later.holidays:
                out.append(Message(N_("'{earlier}' comes before '{later}', which applies on "
                                      "holidays too and so undoes it: put 'PH off' last"),
                                   earlier=earlier.text, later=later.text))
            if not common or earlier.always or later.always:
                continue
            if earlier.state is State.CLOSED or later.state is State.CLOSED:
                continue
            if (earlier.spans, earlier.state) != (later.spans, later.state):
                names = ",".join(_DAY_NAMES[d] for d in sorted(common))
                out.append(Message(N_("on {days}, '{later}' replaces '{earlier}' (a later rule "
                                      "wins for its days); if both apply, write the times in "
                                      "one rule"),
                                   days=names, later=later.text, earlier=earlier.text))
    for i, rule in enumerate(rules):
        days = rule.weekdays if rule.weekdays is not None else (
            frozenset() if rule.holidays else every)
        if not days or rule.holidays:
            continue
        replaced = all(any(later.matches(d, False) for later in rules[i + 1:]) for d in days)
        if replaced and rules[i + 1:]:
            out.append(Message(N_("'{rule}' never applies: later rules replace it on all its "
                                  "days"), rule=rule.text))
    return out


_DAY_NAMES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
