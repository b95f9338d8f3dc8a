"""The forms of hours that people type but the `opening_hours` syntax does not have, and
the standard value each stands for, as opening_hours.js reads them (with a warning):

    >>> standard("Mon-Fri 8-12 Uhr")
    'Mo-Fr 08:00-12:00'
    >>> standard("Mo-Fr: 08.00–12.00;")
    'Mo-Fr 08:00-12:00'

English day names of three letters or whole, a bare hour or a one-digit one in a span,
`08.00` for `08:00`, an en or em dash, `Uhr` after a time, a colon after the days, spaces
around the `-` of a span, and a `;` at the end. Comments are left as they are.
"""

from __future__ import annotations

import re

_DAY_NAMES = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\b",
                        re.IGNORECASE)
_DAYS = {"mon": "Mo", "tue": "Tu", "wed": "We", "thu": "Th", "fri": "Fr", "sat": "Sa",
         "sun": "Su"}
_UHR = re.compile(r"\s*\bUhr\b", re.IGNORECASE)
_COLON_AFTER_DAYS = re.compile(r"\b((?:Mo|Tu|We|Th|Fr|Sa|Su|Di|Mi|Do|So|PH)(?:\[[^\]]*\])?)"
                               r"\s*:(?=\s)", re.IGNORECASE)
_SPAN = re.compile(r"(?<![\w:.])(\d{1,2})(?:[:.](\d{2}))?\s*-\s*(\d{1,2})(?:[:.](\d{2}))?"
                   r"(?![\w:.])")
_COMMENT = re.compile(r'("[^"]*")')


# numbers right after a month, in a `week` list or in `[…]` are days, weeks and nths
# (`Dec 24-26`, `week 1-53/2`, `Sa[1-2]`), never hours; `Dec 24 8-12` has hours
_DATE_CONTEXT = re.compile(r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s*"
                           r"|\bweek\s+[\d\s,\-/]*|\[[\d\s,\-]*)$", re.IGNORECASE)


def _span(m: re.Match[str]) -> str:
    if _DATE_CONTEXT.search(m.string, 0, m.start()):
        return m.group()
    start_h, start_m, end_h, end_m = m.groups()
    return f"{int(start_h):02d}:{start_m or '00'}-{int(end_h):02d}:{end_m or '00'}"


def _outside_comments(text: str) -> str:
    text = text.replace("–", "-").replace("—", "-")
    text = _DAY_NAMES.sub(lambda m: _DAYS[m.group(1).lower()], text)
    text = _UHR.sub("", text)
    text = _COLON_AFTER_DAYS.sub(r"\1", text)
    return _SPAN.sub(_span, text)


def standard(text: str) -> str:
    """The value in the standard form: `text` itself where it is in it already."""
    parts = _COMMENT.split(text)
    out = "".join(part if i % 2 else _outside_comments(part) for i, part in enumerate(parts))
    out = out.strip()
    if out.endswith(";"):
        out = out[:-1].rstrip()
    return out if out.strip() != text.strip() else text
