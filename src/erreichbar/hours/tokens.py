"""The words of an `opening_hours` value: its tokens, each with the column it starts at,
and the two readings every part of the parser shares (a time in minutes, a weekday).

The messages here name the column of what is wrong; a form people type that the tokens
cannot hold (`24.12.`, `24th`) gets a message that says what to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from erreichbar.errors import HoursError
from erreichbar.hours.values import DAY_MINUTES
from erreichbar.i18n import _

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
class Token:
    kind: str
    text: str
    column: int  # 1-based


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
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
        if kind == "word" and m.group().lower() in ("am", "pm") and out \
                and out[-1].kind in ("number", "time") \
                and int(out[-1].text.split(":")[0]) > 12:  # `25am`: no hour of a 12-hour clock
            raise HoursError(_("{text} is not a time: with am or pm the hour goes up to 12",
                               text=out[-1].text + m.group()), out[-1].column)
        if kind == "slash" and out and out[-1].kind == "time":
            raise HoursError(_("intervals (a span with '/') are not supported: write "
                               "the times"), m.start() + 1)
        if kind == "other":
            if m.group() == '"':
                raise HoursError(_("comment is not closed: a closing '\"' is missing"),
                                 m.start() + 1)
            sun = _sun_time_at(text, m.end())
            if m.group() == "(" and sun:  # `(sunrise+01:00)`: a sun time with an offset
                raise HoursError(sun_times_refused(sun), m.start() + 1)
            raise HoursError(_("unexpected character {char}", char=repr(m.group())),
                             m.start() + 1)
        out.append(Token(kind, m.group(), m.start() + 1))
    return out


def minutes(tok: Token, is_end: bool) -> int:
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



def weekday(word: str) -> int | None:
    return WEEKDAYS.get(word.lower()) if len(word) == 2 else None


SUN_TIMES = ("sunrise", "sunset", "dawn", "dusk")


def sun_times_refused(word: str) -> str:
    """Why a sun time is refused: offices keep clock times, and the tool knows no place's
    sunrise (the specification's sun times need a position)."""
    return _("sun times ({word}) are not supported: write clock times", word=repr(word))


def _sun_time_at(text: str, at: int) -> str:
    """The sun time that begins at `at` (after spaces), or ''."""
    rest = text[at:at + 16].lstrip().lower()
    return next((w for w in SUN_TIMES if rest.startswith(w)), "")


_DATE_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
               "dec", "week", "easter")


def unexpected(tok: Token) -> str:
    """What is wrong with a token where the grammar has no place for it."""
    if tok.kind == "word" and tok.text.lower() in SUN_TIMES:
        return sun_times_refused(tok.text)
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

