"""The everyday rules of an `opening_hours` value read without the parser.

`Mo-Fr 08:00-12:00,13:00-16:00; PH off` is most of what offices write; each `;` part of it
is matched by one regular expression. A part the expression does not take (dates, `,` and
`||` rules) is read by the full parser alone, and a value it cannot split safely goes to the
full parser whole, which also gives the error messages. Both build the same Rules (a property
test holds them to it).
"""

from __future__ import annotations

import re
from functools import lru_cache

from erreichbar.errors import HoursError
from erreichbar.hours.lenient import standard
from erreichbar.hours.parser import Parser
from erreichbar.hours.rules import Rule
from erreichbar.hours.tokens import WEEKDAYS
from erreichbar.hours.values import DAY_MINUTES, State

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


PARTS: dict[str, Rule] = {}  # a part read by the expression, per text: many values share it


def fast_rules(text: str) -> list[Rule] | None:
    rules = []
    for part in text.split(";"):
        written = part.strip()
        known = PARTS.get(written)
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
            found = rule_alone(written)
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
        if len(PARTS) > 1 << 16:
            PARTS.clear()
        rules.append(PARTS.setdefault(written, rule))
    return rules


@lru_cache(maxsize=4096)
def rule_alone(written: str) -> tuple[Rule, ...] | None:
    """A `;` part read alone by the parser (None: it is not whole, or not in the standard
    form, or wrong); kept per text, since the same rule by date (`Dec 24,Dec 31 off`)
    ends many values, and equal rules are then one object."""
    if written.count('"') % 2 or standard(written) != written:
        return None
    try:
        return tuple(Parser(written).rules())
    except HoursError:
        return None

