"""The OpenStreetMap `opening_hours` syntax, but for what offices do not need (sun times,
intervals, open ends, a weekday as a date's offset).

    >>> s = parse("Mo-Do 08:00-16:00; Fr 08:00-14:00")
    >>> [(x.start, x.end) for x in s.day(4, holiday=False)]
    [(480, 840)]

Supported: years, months, dates, `easter` and weeks at the start of a rule (read by
hours_dates.py), weekday selectors (`Mo-Fr`, `Mo,We`, `Sa`, `Sa[1]`; German `Di Mi Do So`
too), `PH` (`PH Mo-Fr`: a holiday on a weekday; `PH +1 day`), `SH`, time spans (past
midnight too, ends up to 48:00),
rules joined by `;`, `,` (additional) and `||` (fallback), the modifiers `open`,
`off`/`closed` (with times: just those times) and `unknown`, `24/7`, and a quoted comment
per rule; a rule may be only a comment. A rule with a comment but no state is `unknown`,
as the specification and opening_hours.js read it (`Mo-Fr 10:00-11:00 open "Rückruf"` is
open). Public holidays are closed unless a rule selects `PH` (or the hours are `24/7`):
offices keep their holidays even where the hours do not say so. What the rules make of
each day is hours_rules.py's; forms people type (`Mon-Fri 8-12`) are read through
hours_lenient.py, with a warning.

Anything else is an `HoursError` naming the column, never a guess.

The tokenizer, the parser and its fast path for the common rule (which must accept exactly
what the parser accepts) are one grammar, read together: that is why this module is longer
than the others. Writing a Schedule back as OSM text is render/export.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from . import date_selectors, hours_dates
from .dated_days import compile_dated
from .errors import HoursError
from .hours_lenient import standard
from .hours_rules import ADDITIONAL, FALLBACK, NORMAL, Rule, compile_rules, rule_warnings
from .i18n import N_, Message, _
from .model import DAY_MINUTES, Schedule, State

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
  | (?P<number>[0-9]+)
  | (?P<dash>[-–])
  | (?P<comma>,)
  | (?P<semi>;)
  | (?P<fallback>[|][|])
  | (?P<plus>[+])
  | (?P<slash>/)
  | (?P<open>\[)
  | (?P<close>\])
  | (?P<colon>:)
  | (?P<other>.)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str
    column: int  # 1-based


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind == "space":
            continue
        if kind == "dotted":
            hour, minute = m.group().split(".")
            if text[m.end():m.end() + 1] == ".":  # `24.12.`: a German date
                raise HoursError(_("{text} is not a date here: write the month and day, "
                                   "e.g. Dec 24", text=m.group() + "."), m.start() + 1)
            raise HoursError(_("{text} is not a time: write HH:MM, e.g. {example}",
                               text=m.group(), example=f"{int(hour):02d}:{minute}"),
                             m.start() + 1)
        if kind == "word" and out and out[-1].kind == "number" \
                and out[-1].column + len(out[-1].text) == m.start() + 1 \
                and m.group().lower() in ("st", "nd", "rd", "th"):  # `24th`, not Thursday
            raise HoursError(_("{text}: write the day as a number, e.g. Dec 24",
                               text=out[-1].text + m.group()), out[-1].column)
        if kind in ("slash", "plus") and out and out[-1].kind == "time":
            if kind == "slash":
                raise HoursError(_("intervals (a span with '/') are not supported: write "
                                   "the times"), m.start() + 1)
            raise HoursError(_("an open end ('{text}+') is not supported: write the "
                               "end time", text=out[-1].text), m.start() + 1)
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
    if not is_end and hours > 23:
        raise HoursError(
            _("{time} is not a time: hours go up to 23 (24:00 only as an end)", time=tok.text),
            tok.column,
        )
    if hours * 60 + minutes > 2 * DAY_MINUTES:
        raise HoursError(_("{time} is not a time: an end goes up to 48:00 (the next day's "
                           "midnight)", time=tok.text), tok.column)
    return hours * 60 + minutes


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.i = 0

    def peek(self, ahead: int = 0) -> _Token | None:
        at = self.i + ahead
        return self.toks[at] if at < len(self.toks) else None

    def take(self) -> _Token:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def end_column(self) -> int:
        return len(self.text) + 1

    def rules(self) -> list[Rule]:
        rules = [self.rule(NORMAL)]
        while self.peek() is not None:
            tok = self.take()
            if tok.kind not in _JOINS:
                raise HoursError(_("expected ';' between rules, found {found}",
                                   found=repr(tok.text)), tok.column)
            rules.append(self.rule(_JOINS[tok.kind]))
        return rules

    def rule(self, kind: str) -> Rule:
        start = self.peek()
        if start is None or start.kind in _JOINS:
            col = start.column if start else self.end_column()
            raise HoursError(_("empty rule: write days and times, 'off' or 'unknown'"), col)
        always = holiday_weekdays = False
        weekdays: frozenset[int] | None = None
        holidays = False
        dates = more = None
        if start.kind == "word" and start.text == "24/7":
            self.take()
            always = True
        else:
            if hours_dates.starts_wide(self):
                dates = hours_dates.wide(self)
            tok = self.peek()
            if tok is not None and tok.kind == "word" and (
                    _weekday(tok.text) is not None or tok.text.upper() in ("PH", "SH")):
                weekdays, holidays, holiday_weekdays, more = self.selector()
        if more is not None:
            dates = replace(dates or date_selectors.DateSelector(), days=more[0],
                            holiday_offsets=more[1], school=more[2])
        if dates is not None:
            dates = date_selectors.interned(dates)
        spans = self.spans() if not always else ()
        state, modifier = self.modifier()
        comment = None
        tok = self.peek()
        has_comment = tok is not None and tok.kind == "comment"
        if has_comment:
            comment = self.take().text[1:-1].strip() or None
            if modifier is None:  # a comment without a state: unknown, by the specification
                state = State.UNKNOWN
        tok = self.peek()
        if tok is not None and tok.kind not in _JOINS:
            if tok.kind == "word" and (_weekday(tok.text) is not None or tok.text == "PH"):
                raise HoursError(_("expected ';' between rules, found {found}",
                                   found=repr(tok.text)), tok.column)
            raise HoursError(_unexpected(tok), tok.column)
        if weekdays is None and not holidays and not spans and not always and modifier is None \
                and not has_comment and dates is None:
            col = tok.column if tok else start.column
            raise HoursError(_("a rule needs days, times, 'off' or 'unknown'"), col)
        end = tok.column - 1 if tok is not None else len(self.text)
        written = self.text[start.column - 1:end].strip()
        return Rule(weekdays, holidays, spans, state, comment, always, written, kind,
                    holiday_weekdays, dates)

    def selector(self) -> tuple[frozenset[int] | None, bool, bool,
                                tuple[tuple[date_selectors.NthWeekday, ...], tuple[int, ...], int]
                                | None]:
        """The days of a rule, whether they are holidays only (`PH Mo-Fr`, a space and no
        comma, is a public holiday on a weekday; `PH,Mo-Fr` either), and the days that
        depend on the date: nth weekdays (`Sa[1]`), days beside a holiday (`PH +1 day`) and
        school holidays (`SH`; `SH Mo-Fr`: a weekday in them)."""
        days: set[int] = set()
        holidays = False
        nths: list[date_selectors.NthWeekday] = []
        offsets: list[int] = []
        school = 0
        while True:
            tok = self.take()
            if tok.kind == "word" and tok.text.upper() == "SH":
                nxt = self.peek()
                if nxt is not None and nxt.kind in ("plus", "dash"):
                    raise HoursError(_("SH with a day offset is not supported: write the "
                                       "dates"), nxt.column)
                if not (days or nths or offsets or holidays or school) and nxt is not None \
                        and nxt.kind == "word" and _weekday(nxt.text) is not None:
                    weekdays, more_holidays, _inner, more = self.selector()
                    nths_more, offsets_more = more[:2] if more else ((), ())
                    return weekdays, more_holidays, False, (nths_more, offsets_more, 2)
                school = 1
            elif tok.kind == "word" and tok.text.upper() == "PH":
                offset = hours_dates.day_offset(self)
                if offset:
                    offsets.append(offset)
                else:
                    holidays = True
            else:
                first = _weekday(tok.text) if tok.kind == "word" else None
                if first is None:
                    raise HoursError(_("expected a weekday (Mo Tu We Th Fr Sa Su), found "
                                       "{found}", found=repr(tok.text)), tok.column)
                last = first
                nxt = self.peek()
                if nxt is not None and nxt.kind == "open":
                    nths.append(hours_dates.nth(self, first))
                else:
                    if nxt is not None and nxt.kind == "dash":
                        self.take()
                        end_tok = self.peek()
                        last_day = (_weekday(end_tok.text)
                                    if end_tok and end_tok.kind == "word" else None)
                        if end_tok is None or last_day is None:
                            col = end_tok.column if end_tok else self.end_column()
                            raise HoursError(_("a weekday range needs a weekday after '-'"),
                                             col)
                        self.take()
                        last = last_day
                    days.update((first + k) % 7 for k in range((last - first) % 7 + 1))
            nxt = self.peek()
            if nxt is None or nxt.kind != "comma":
                if holidays and not days and not nths and not offsets and nxt is not None \
                        and nxt.kind == "word" and _weekday(nxt.text) is not None:
                    weekdays, more_holidays, _inner, more = self.selector()
                    if not more_holidays and more is None:
                        return weekdays, True, True, None
                break
            after = self.peek(1)
            if after is None or after.kind != "word":
                break
            self.take()
        more = (tuple(nths), tuple(offsets), school) if nths or offsets or school else None
        return (frozenset(days) if days else None), holidays, False, more

    def spans(self) -> tuple[tuple[int, int], ...]:
        spans: list[tuple[int, int]] = []
        while True:
            tok = self.peek()
            if tok is None or tok.kind != "time":
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
            if end < start and end <= DAY_MINUTES:
                end += DAY_MINUTES  # past midnight: the rest belongs to the day it began on
            if end <= start:
                raise HoursError(_("span {start}-{end} is empty: write where it ends",
                                   start=start_tok.text, end=end_tok.text), start_tok.column)
            spans.append((start, end))
            nxt = self.peek()
            after = self.toks[self.i + 1] if self.i + 1 < len(self.toks) else None
            if nxt is None or nxt.kind != "comma" or after is None or after.kind != "time":
                return tuple(spans)  # (a ',' before anything else begins an additional rule)
            self.take()

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


_JOINS = {"semi": NORMAL, "comma": ADDITIONAL, "fallback": FALLBACK}


def _weekday(word: str) -> int | None:
    return WEEKDAYS.get(word.lower()) if len(word) == 2 else None


_SUN_TIMES = ("sunrise", "sunset", "dawn", "dusk")
_DATE_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
               "dec", "week", "easter")


def _unexpected(tok: _Token) -> str:
    if tok.kind == "word" and tok.text.lower() in _SUN_TIMES:
        return _("sun times ({word}) are not supported: write clock times",
                 word=repr(tok.text))
    if tok.kind == "word" and tok.text.lower() in ("open", "off", "closed", "unknown"):
        return _("{word} comes before the comment, e.g. Dec 24 off \"Heiligabend\"",
                 word=repr(tok.text))
    if tok.kind == "word" and tok.text == "24/7":
        return _("24/7 is a rule of its own: it follows no days or dates (write "
                 "00:00-24:00 after them)")
    if tok.kind == "number":
        return _("{word}: a number here is no time and no date: write times as HH:MM and "
                 "each date with its month (Dec 24,Dec 31)", word=repr(tok.text))
    if tok.kind == "word" and tok.text.lower() in _DATE_WORDS:
        return _("{word}: years, dates and weeks go at the start of a rule, before its "
                 "weekdays and times (e.g. 'Dec 24 Mo-Fr 08:00-12:00')", word=repr(tok.text))
    if tok.kind in ("open", "close", "plus", "slash", "colon"):
        return _("unexpected {found}", found=repr(tok.text))
    if tok.kind == "word" and tok.text.upper() in ("SH", "PH"):
        return _("{word} after other days: write the days as a list, e.g. 'PH,SH'",
                 word=repr(tok.text))
    if tok.kind == "word":
        return _("{word} is not supported here (supported: years, months, dates, week, "
                 "weekdays, PH, SH, times, open, off, unknown, 24/7, \"comment\")",
                 word=repr(tok.text))
    if tok.kind == "time":
        return _("unexpected time {time}: times follow the days, e.g. Mo-Fr 08:00-12:00",
                 time=tok.text)
    return _("unexpected {found}", found=repr(tok.text))


def parse_rules(text: str, fast: bool = True) -> list[Rule]:
    if not text.strip():
        raise HoursError(_("hours are empty: write 'unknown' when no times are published"))
    found = _fast_rules(text) if fast else None
    return found if found is not None else _Parser(text).rules()



# The everyday forms (`Mo-Fr 08:00-12:00,13:00-16:00; PH off`) in one regular expression
# per rule; a rule it does not take (dates, `,` and `||` rules) is read by the full parser
# alone, and a value it cannot split safely goes to the full parser whole, which also gives
# the error messages. Both build the same Rules (a property test holds them to it).
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


_PARTS: dict[str, Rule] = {}  # a part read by the expression, per text: many values share it


def _fast_rules(text: str) -> list[Rule] | None:
    rules = []
    for part in text.split(";"):
        written = part.strip()
        known = _PARTS.get(written)
        if known is not None:
            rules.append(known)
            continue
        if written == "24/7":
            rules.append(Rule(None, False, (), State.OPEN, None, True, written))
            continue
        m = _FAST_RULE.fullmatch(written)
        if not written:
            return None
        if m is None or (m["sel"] is None and m["spans"] is None and m["mod"] is None):
            # a rule the expression does not take (dates, `,` or `||` rules): the parser
            # reads that part alone, if it is whole (a `;` in a comment is not a rule's
            # end) and in the standard form; else the parser reads the whole value
            found = _rule_alone(written)
            if found is None:
                return None
            rules += found
            continue
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
        rule = Rule(weekdays, holidays, spans, state, comment, False, written)
        if len(_PARTS) > 1 << 16:
            _PARTS.clear()
        rules.append(_PARTS.setdefault(written, rule))
    return rules


@lru_cache(maxsize=4096)
def _rule_alone(written: str) -> tuple[Rule, ...] | None:
    """A `;` part read alone by the parser (None: it is not whole, or not in the standard
    form, or wrong); kept per text, since the same rule by date (`Dec 24,Dec 31 off`)
    ends many values, and equal rules are then one object."""
    if written.count('"') % 2 or standard(written) != written:
        return None
    try:
        return tuple(_Parser(written).rules())
    except HoursError:
        return None


def parse(text: str) -> Schedule:
    """Parse an hours string into a Schedule; raises HoursError."""
    return analyse(text)[0]


@lru_cache(maxsize=1 << 16)
def analyse(text: str) -> tuple[Schedule, tuple[Message, ...]]:
    """The Schedule and the warnings for an hours string, computed once per distinct text:
    a dataset repeats the same hours many times, and equal texts then share one Schedule.
    The warnings are translated when shown (`str()`), so the cache serves every language."""
    fast = _fast_rules(text) if text.strip() else None
    # (what the fast path takes whole is in the standard form already)
    written = text if fast is not None else standard(text)
    try:
        rules = fast if fast is not None else parse_rules(text, fast=False)
    except HoursError as exc:
        if written == text:
            raise
        try:  # a form people type (`Mon-Fri 8-12 Uhr`), read as the standard one
            rules = parse_rules(written)
        except HoursError:
            raise exc from None  # the error in the value as written
    warnings = rule_warnings(rules)
    if written != text:
        warnings.insert(0, Message(N_("not in the standard form, read as '{value}': write "
                                      "that"), value=written))
    if any(rule.dates is not None for rule in rules):
        return compile_dated(text, rules), tuple(warnings)
    return compile_rules(text, rules), tuple(warnings)


def forget() -> None:
    """Drop what parsing keeps between values (for measuring a first parse)."""
    from . import hours_rules

    analyse.cache_clear()
    _rule_alone.cache_clear()
    _PARTS.clear()
    hours_rules.forget()


def standard_rules(text: str) -> list[Rule]:
    """The rules of an hours value that parse() accepts, read from its standard form."""
    return parse_rules(standard(text))
