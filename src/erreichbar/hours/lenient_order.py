"""The selectors of a rule in the standard order, as opening_hours.js puts them when they are
written in another (with a warning): years, months and dates, weeks, holidays, weekdays,
times, then the state and the comment.

    >>> in_order("00:00-24:00 week 05 Feb")
    'Feb week 05 00:00-24:00'
    >>> in_order("We,Fr PH")
    'PH We,Fr'
    >>> in_order("Jan 11-Jan 11: week 02: 00:00-24:00")
    'Jan 11-Jan 11 week 02: 00:00-24:00'

A rule is cut into its words (a comment is one word); each word is a part of one selector.
A rule with a word this cannot place (`easter`, `Su[-1]-Oct`, a sun time) is left as it is,
for the parser to read or refuse: only what can be placed whole is moved. A `:` between
wide selectors (`Jan 11: week 02`) is dropped: the specification has one, after them all.
"""

from __future__ import annotations

import re

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su|Di|Mi|Do|So)(?:\[[-\d,]+\])?"
_HOLIDAY = r"(?:PH|SH)"
_DAY_ITEM = rf"(?:{_HOLIDAY}|{_DAY}(?:-{_DAY})?)"
_YEAR = r"\d{4}(?:-\d{4})?(?:/\d+)?\+?"

# the places of the selectors, in the standard order
YEAR, MONTH, WEEK, HOLIDAY, WEEKDAY, TIME, STATE, COMMENT = range(8)
_WIDE = (YEAR, MONTH, WEEK)

# a word that begins a selector, and its place
_STARTS = (
    (re.compile(rf"{_YEAR}(?:,{_YEAR})*"), YEAR),
    (re.compile(rf"{_MONTH}(?:[-,]{_MONTH})*"), MONTH),
    (re.compile(r"week"), WEEK),
    (re.compile(rf"{_HOLIDAY}(?:,{_DAY_ITEM})*"), HOLIDAY),
    (re.compile(rf"{_DAY}(?:-{_DAY})?(?:,{_DAY_ITEM})*"), WEEKDAY),
    (re.compile(r"\d\d:\d\d[-\d:,+]*"), TIME),
    (re.compile(r"open|off|closed|unknown", re.IGNORECASE), STATE),
    (re.compile(r'"[^"]*"'), COMMENT),
)
# words that continue the selector before them: the days of a month (`Jan 09-15`,
# `Jan 11-Jan`, `11`), the numbers of a week, a holiday's offset (`PH +1 day`)
_MONTH_DAYS = re.compile(rf"\d{{1,2}}(?:[-,](?:\d{{1,2}}|{_MONTH}))*(?:\+)?")
_WEEKS = re.compile(r"\d{1,2}(?:[-,/]\d{1,2})*")
_OFFSET = re.compile(r"[-+]\d+|days?")

_WORDS = re.compile(r'"[^"]*"|[^\s"]+')
# where one rule ends and the next begins: `;`, `||`, and a `,` with a space after it
_RULE_END = re.compile(r'("[^"]*")|(\s*(?:;|\|\|)\s*|,\s+)')


def _continues(place: int, word: str, last: str) -> bool:
    """Whether `word` continues the selector in `place` whose last word is `last`."""
    if place == MONTH:
        return _MONTH_DAYS.fullmatch(word) is not None and not re.fullmatch(_YEAR, word)
    if place == WEEK:
        return last == "week" and _WEEKS.fullmatch(word) is not None
    if place == HOLIDAY:
        return _OFFSET.fullmatch(word) is not None
    return False


def _selectors(rule: str) -> list[tuple[int, list[str], bool]] | None:
    """The selectors of a rule: each its place, its words and whether a `:` followed it;
    None where a word has no place."""
    found: list[tuple[int, list[str], bool]] = []
    for word in _WORDS.findall(rule):
        colon = word.endswith(":") and not word.startswith('"')
        bare = word[:-1] if colon else word
        if found and not found[-1][2] and _continues(found[-1][0], bare, found[-1][1][-1]):
            found[-1][1].append(bare)
            found[-1] = (found[-1][0], found[-1][1], colon)
            continue
        place = next((p for pattern, p in _STARTS if pattern.fullmatch(bare)), None)
        if place is None:
            return None
        found.append((place, [bare], colon))
    return found


def _rule_in_order(rule: str) -> str:
    """One rule with its selectors in the standard order (itself where they are, or where
    a word has no place)."""
    found = _selectors(rule)
    if not found:
        return rule
    places = [place for place, _words, _colon in found]
    moved = places != sorted(places)
    stray_colon = any(colon and i + 1 < len(found) and found[i + 1][0] in _WIDE
                      for i, (_p, _w, colon) in enumerate(found))
    if not (moved or stray_colon) or COMMENT in places[:-1] \
            or (moved and len(set(places)) < len(places)):
        # (a comment before the times is the parser's: a form of the grammar; a selector
        # written twice apart, `Oct Tu-Su 10:00-14:30 Nov off`, opening_hours.js leaves
        # where it is, and so does this)
        return rule
    ordered = sorted(found, key=lambda selector: selector[0])
    out = []
    for i, (place, words, colon) in enumerate(ordered):
        after = ordered[i + 1][0] if i + 1 < len(ordered) else None
        keep_colon = colon and not moved and place in _WIDE and after not in _WIDE
        out.append(" ".join(words) + (":" if keep_colon else ""))
    return " ".join(out)


def in_order(text: str) -> str:
    """A value with the selectors of each rule in the standard order."""
    parts = _RULE_END.split(text)
    out: list[str] = []
    rule = ""
    for i, part in enumerate(parts):
        if part is None:
            continue
        if i % 3 == 2:  # a rule's end: the rule before it is complete
            out += [_rule_in_order(rule), part]
            rule = ""
        else:
            rule += part
    out.append(_rule_in_order(rule))
    return "".join(out)
