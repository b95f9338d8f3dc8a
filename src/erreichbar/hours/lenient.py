"""The forms of hours that people type but the `opening_hours` syntax does not have, and
the standard value each stands for, as opening_hours.js reads them (with a warning):

    >>> standard("Mon-Fri 8-12 Uhr")
    'Mo-Fr 08:00-12:00'
    >>> standard("Mo-Fr: 08.00–12.00;")
    'Mo-Fr 08:00-12:00'
    >>> standard("Montags und Mittwochs 10am-12pm")
    'Mo,We 10:00-12:00'

Day and month names in German, English and French, whole or cut short, with or without a
dot (the tables are lenient_words.py's); words for "to", "and", "daily" and "weekend";
the 12-hour clock; a bare hour or a one-digit one in a span, `08.00` for `08:00`, `9h`;
other dashes, `~`, `&`, full-width and superscript digits; `Uhr` after a time, a colon
after the days, spaces around the `-` of a range and the `,` of a list; an open end as a
word (`17:00-late`); `24/7` after days; `°` for a zero and other digits without a colon
(`12°°`, `₀₀₃₀`); the days beside a holiday in words (`day after public holiday`); and a
`;` or `,` at the end. The selectors of a rule written in another order are put in the
standard one (lenient_order.py). Comments are left as they are.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from erreichbar.hours import lenient_words as words
from erreichbar.hours.lenient_order import in_order

_UHR = re.compile(r"\s*(?<![^\W\d])Uhr\b", re.IGNORECASE)  # (`18Uhr` too)
_COLON_AFTER_DAYS = re.compile(r"\b((?:Mo|Tu|We|Th|Fr|Sa|Su|Di|Mi|Do|So|PH)(?:\[[^\]]*\])?)"
                               r"\s*:(?=\s)", re.IGNORECASE)
_SPAN = re.compile(r"(?<![\w:.])(\d{1,2})(?:[:.](\d{2}))?\s*-\s*(\d{1,2})(?:[:.](\d{2}))?"
                   r"(?![\w:.])")
_COMMENT = re.compile(r'("[^"]*")')


# numbers right after a month, in a `week` list or in `[…]` are days, weeks and nths
# (`Dec 24-26`, `week 1-53/2`, `Sa[1-2]`), never hours; `Dec 24 8-12` has hours
_MONTHS = frozenset(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                     "nov", "dec"))
_SPACES = re.compile(r"\s+")
# a month and the list of its days (`Dec 1-3,5-7`, `Dec 24,27-31`): every number in it is a
# day, also after a `,` (`Dec 24 8-12` has no `,`: its `8-12` are hours)
_MONTH_DAYS = re.compile(r"(?<![^\W\d_])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                         r"\s*\d{1,2}(?:\s*-\s*\d{1,2})?(?:\s*,\s*\d{1,2}(?:\s*-\s*\d{1,2})?)+"
                         r"(?![\d:.])", re.IGNORECASE)
_WEEK_LIST = re.compile(r"[\d\s,\-/]+")  # what may follow `week ` up to a span
_NTH_LIST = re.compile(r"[\d\s,\-]+")  # and `[`


class _Runs:
    """The stretches of a text that a pattern matches whole, to ask where the one that ends
    at a position begins: found once per text, so that asking at every span is a bisection,
    not a search back to the start of the text (which made long values quadratic)."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        found = [m.span() for m in pattern.finditer(text)]
        self.starts = [s for s, _e in found]
        self.ends = [e for _s, e in found]

    def start(self, pos: int) -> int:
        """Where the stretch that holds text[pos - 1] begins (pos if there is none)."""
        i = bisect_left(self.ends, pos)
        return self.starts[i] if i < len(self.ends) and self.starts[i] < pos else pos


def _word_before(text: str, at: int) -> bool:
    """Whether a word character (`\\w`) stands before position `at`."""
    return at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_")


def _in_dates(text: str, pos: int, runs: tuple[_Runs, _Runs, _Runs]) -> bool:
    """Whether what begins at `pos` follows a month (`Dec 24-26`), the list of a `week`
    (`week 1-53/2`) or a `[` (`Sa[1-2]`): each word standing right before the run of spaces,
    of digits and signs that ends at `pos` (a word casefolded, as re.IGNORECASE compares)."""
    spaces, week_list, nth_list = runs
    at = spaces.start(pos)
    if at >= 3 and text[at - 3:at].casefold() in _MONTHS and not _word_before(text, at - 3):
        return True
    at = week_list.start(pos)
    if at < pos and text[at].isspace() and at >= 4 \
            and text[at - 4:at].casefold() == "week" and not _word_before(text, at - 4):
        return True
    at = nth_list.start(pos)
    return at >= 1 and text[at - 1] == "["


def _spans(text: str) -> str:
    """The spans of a text outside comments in the standard form."""
    runs = (_Runs(_SPACES, text), _Runs(_WEEK_LIST, text), _Runs(_NTH_LIST, text))
    day_lists = [m.span() for m in _MONTH_DAYS.finditer(text)]

    def span(m: re.Match[str]) -> str:
        if _in_dates(text, m.start(), runs) and int(m[1]):  # (no date has a day 0)
            return m.group()
        if any(start < m.start() and m.end() <= end for start, end in day_lists):
            return m.group()
        start_h, start_m, end_h, end_m = m.groups()
        return f"{int(start_h):02d}:{start_m or '00'}-{int(end_h):02d}:{end_m or '00'}"

    return _SPAN.sub(span, text)


# `9h`, `9h30` (French): an hour
_HOUR_H = re.compile(r"(?<![\d:])(\d{1,2})\s*h(\d{2})?(?!\w)", re.IGNORECASE)
# spaces around the `-` of a range of days or months (`Mo - Fr`) and the `,` of a list of
# days or of numbers (`Mo, Th`, `08:00-12:00 , 16:00-18:00`); a `,` with spaces before
# anything else begins an additional rule, with one space after it (`…22:00, Su 05:00`)
_DASH_BETWEEN_WORDS = re.compile(r"(?<=[A-Za-z\]])\s*-\s*(?=[A-Za-z])")
_DAYLIKE = r"(?:Mo|Tu|We|Th|Fr|Sa|Su|Di|Mi|Do|So|PH|SH|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep" \
    r"|Oct|Nov|Dec)"
_COMMA_BEFORE_RULE = re.compile(r"(?<=[\w\]+])(?:\s+,\s*|,\s+)(?=[A-Za-z\"])")
_COMMA_BETWEEN_DAYS = re.compile(rf"\b({_DAYLIKE}(?:\[[^\]]*\])?),\s+(?={_DAYLIKE}\b)")
_COMMA_BETWEEN_NUMBERS = re.compile(r"(?<=\d)\s*,\s*(?=\d)")
# a dot after the day of a date (`Dec 24.-25.`, `Dec 24.,Jan 02`)
_DOTTED_DAY = re.compile(r"\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2})\."
                         r"(?:-(\d{1,2})\.)?")
# a colon after `24/7` or a state (`24/7: closed`, `closed: "…"`)
_COLON_AFTER_STATE = re.compile(r"(?<![\w/])(24/7|off|closed|open|unknown)\s*:(?=\s|$)",
                                re.IGNORECASE)
# spans with only spaces between them (`12:00-14:00 16:00-18:00`): a list
_SPACE_BETWEEN_SPANS = re.compile(r"(?:(?<=\d\d:\d\d)|(?<=\d\d:\d\d\+))[ \t]+(?=\d\d:\d\d-)")
# a state before the times of a rule (`Off 14:00-16:00`), as opening_hours.js reads it
_SPANS = r"\d\d:\d\d-\d\d:\d\d(?:,\d\d:\d\d-\d\d:\d\d)*"
_STATE_BEFORE_TIMES = re.compile(rf"(^|;\s*)(off|closed|open|unknown)\s+({_SPANS})(?=\s*(?:;|$))",
                                 re.IGNORECASE)
# `Mo,We 24/7`: the whole of those days (opening_hours.js reads it so, with a warning)
_ALWAYS_AFTER_DAYS = re.compile(r"(?<=[A-Za-z\]])\s+24/7(?!\w)")
_SPACES_RUN = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_SEMI = re.compile(r"[ \t]+(?=;)")


def _word(m: re.Match[str]) -> str:
    return words.WORDS[m.group(1).lower()]


def _outside_comments(text: str) -> str:
    text = words.ODD_TIME.sub(words.odd_digit_time, text)
    text = text.translate(words.CHARACTERS)
    text = words.OPEN_END.sub("+", text)
    text = words.TWELVE_HOUR.sub(words.twenty_four_hour, text)
    for pattern, replacement in words.PHRASES:
        text = pattern.sub(replacement, text)
    text = text.translate(words.LINKS)
    text = words.WORD.sub(_word, text)
    text = _HOUR_H.sub(lambda m: f"{m.group(1)}:{m.group(2)}" if m.group(2) else m.group(1),
                       text)
    text = _UHR.sub("", text)
    text = _COLON_AFTER_DAYS.sub(r"\1", text)
    text = _COLON_AFTER_STATE.sub(r"\1", text)
    text = _DOTTED_DAY.sub(lambda m: m[1] + (f"-{m[2]}" if m[2] else ""), text)
    text = _DASH_BETWEEN_WORDS.sub("-", text)
    text = _COMMA_BEFORE_RULE.sub(", ", text)
    text = _COMMA_BETWEEN_DAYS.sub(r"\1,", text)
    text = _COMMA_BETWEEN_NUMBERS.sub(",", text)
    text = _ALWAYS_AFTER_DAYS.sub(" 00:00-24:00", text)
    text = _SPACE_BETWEEN_SPANS.sub(",", _spans(text))
    text = _STATE_BEFORE_TIMES.sub(lambda m: f"{m[1]}{m[3]} {m[2].lower()}", text)
    return _SPACE_BEFORE_SEMI.sub("", _SPACES_RUN.sub(" ", text))


def standard(text: str) -> str:
    """The value in the standard form: `text` itself where it is in it already."""
    parts = _COMMENT.split(text)
    out = "".join(part if i % 2 else _outside_comments(part) for i, part in enumerate(parts))
    out = out.strip()
    while out.endswith((";", ",")):  # (rules that were never written)
        out = out[:-1].rstrip()
    out = in_order(out)
    return out if out.strip() != text.strip() else text
