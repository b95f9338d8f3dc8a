"""The grammar of an `opening_hours` value, for what offices need: no sun times,
intervals, or a weekday as a date's offset.

Supported: years, months, dates, `easter` and weeks at the start of a rule (read by
dates.py), weekday selectors (`Mo-Fr`, `Mo,We`, `Sa`, `Sa[1]`; German `Di Mi Do So`
too), `PH` (`PH Mo-Fr`: a holiday on a weekday; `PH +1 day`), `SH`, time spans (past
midnight too, ends up to 48:00), rules joined by `;`, `,` (additional) and `||`
(fallback), open ends (`17:00+`, `13:00-17:00+`: unknown up to where opening_hours.js
guesses they end, open_end), the modifiers `open`, `off`/`closed` (with times: just those
times) and `unknown`, `24/7`, and a quoted comment per rule (after the times, or between
the days and the times); a rule may be only a comment. A rule with a comment but no
state is `unknown`, as the specification and opening_hours.js read it
(`Mo-Fr 10:00-11:00 open "Rückruf"` is open). Public holidays are closed unless a rule
selects `PH` (or the hours are `24/7`): offices keep their holidays even where the hours
do not say so. What the rules make of each day is rules.py's.

Anything else is an `HoursError` naming the column, never a guess. The fast path for the
common rule (fast.py) must accept exactly what this parser accepts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from erreichbar.errors import HoursError
from erreichbar.hours import date_selectors
from erreichbar.hours import dates as hours_dates
from erreichbar.hours.open_ends import open_end, open_end_parts, truncated_open_ends
from erreichbar.hours.rules import ADDITIONAL, FALLBACK, NORMAL, Rule
from erreichbar.hours.tokens import (
    SUN_TIMES,
    Token,
    minutes,
    sun_times_refused,
    tokens,
    unexpected,
    weekday,
)
from erreichbar.hours.values import DAY_MINUTES, State
from erreichbar.i18n import _

if TYPE_CHECKING:
    from typing import TypeAlias

    # What of a selector depends on the date: its nth weekdays (`Sa[1]`), its days after or
    # before a public holiday (`PH +1 day`), its school holidays (0 none; 1 one of its
    # days, `SH`; 2 only in them, `SH Mo-Fr`) and the weekdays a day beside a holiday is
    # kept to (`PH +1 day Mo`; empty: any)
    More: TypeAlias = tuple[tuple[date_selectors.NthWeekday, ...], tuple[int, ...], int,
                            frozenset[int]]
    # Parser.selector(): the weekdays (None: none), PH, a holiday on those weekdays only
    # (`PH Mo-Fr`), and what depends on the date (None: nothing)
    Selected: TypeAlias = tuple[frozenset[int] | None, bool, bool, More | None]


class Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokens(text)
        self.i = 0
        self.open_ends: frozenset[int] = frozenset()  # of the last rule's spans, by index

    def peek(self, ahead: int = 0) -> Token | None:
        at = self.i + ahead
        return self.toks[at] if at < len(self.toks) else None

    def take(self) -> Token:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def end_column(self) -> int:
        return len(self.text) + 1

    def rules(self) -> list[Rule]:
        rules = open_end_parts(self.rule(NORMAL), self.open_ends)
        while self.peek() is not None:
            tok = self.take()
            if tok.kind not in _JOINS:
                raise HoursError(_("expected ';' between rules, found {found}",
                                   found=repr(tok.text)), tok.column)
            kind = _JOINS[tok.kind]
            if kind == ADDITIONAL and rules[-1].kind == FALLBACK:
                kind = FALLBACK  # (a `,` rule after `||` is one of the fallback rules, as
                # opening_hours.js reads it and writes it: `A || B, C` is `A || B || C`)
            rules += open_end_parts(self.rule(kind), self.open_ends)
        return rules

    def rule(self, kind: str) -> Rule:
        self.open_ends = frozenset()
        start = self.peek()
        if start is None or start.kind in _JOINS:
            col = start.column if start else self.end_column()
            raise HoursError(_("empty rule: write days and times, 'off' or 'unknown'"), col)
        always = holiday_weekdays = False
        weekdays: frozenset[int] | None = None
        holidays = False
        dates = more = None
        in_words = self._comment_selector()
        start = self.peek() or start
        if start.kind == "word" and start.text == "24/7":
            self.take()
            always = True
        else:
            if hours_dates.starts_wide(self):
                dates = hours_dates.wide(self)
            tok = self.peek()
            if tok is not None and tok.kind == "word" and (
                    weekday(tok.text) is not None or tok.text.upper() in ("PH", "SH")):
                weekdays, holidays, holiday_weekdays, more = self.selector()
        if more is not None:
            dates = (dates or date_selectors.DateSelector())._replace(
                days=more[0], holiday_offsets=more[1], school=more[2],
                offset_weekdays=more[3])
        if dates is not None:
            dates = date_selectors.interned(dates)
        early = self._comment_before_times()
        spans = self.spans() if not always else ()
        state, modifier = self.modifier()
        comment = None
        tok = self.peek()
        if early is not None and tok is not None and tok.kind == "comment":
            raise HoursError(_("a rule has one comment"), tok.column)
        has_comment = early is not None or (tok is not None and tok.kind == "comment")
        if has_comment:
            comment = (early or self.take()).text[1:-1].strip() or None
            if modifier is None:  # a comment without a state: unknown, by the specification
                state = State.UNKNOWN
        tok = self.peek()
        if tok is not None and tok.kind not in _JOINS:
            if tok.kind == "word" and (weekday(tok.text) is not None or tok.text == "PH"):
                raise HoursError(_("expected ';' between rules, found {found}",
                                   found=repr(tok.text)), tok.column)
            raise HoursError(unexpected(tok), tok.column)
        if weekdays is None and not holidays and not spans and not always and modifier is None \
                and not has_comment and dates is None:
            col = tok.column if tok else start.column
            raise HoursError(_("a rule needs days, times, 'off' or 'unknown'"), col)
        if in_words is not None:
            # when the rule applies is said in words the tool cannot read: its times are
            # unknown, with the words (or the rule's own comment) as the reason, whatever
            # state it names, as opening_hours.js reads it
            state, comment = State.UNKNOWN, comment or in_words
        end = tok.column - 1 if tok is not None else len(self.text)
        written = self.text[start.column - 1:end].strip()
        return Rule(weekdays, holidays, spans, state, comment, always, written, kind,
                    holiday_weekdays, dates)

    def _comment_before_times(self) -> Token | None:
        """A comment between the days and the times (`We "Call us." 10:00-16:00`), taken:
        the rule's comment, as opening_hours.js reads it (the same as written after the
        times); None where no comment and then a time follow."""
        tok, after = self.peek(), self.peek(1)
        if tok is None or tok.kind != "comment" or after is None or after.kind != "time":
            return None
        return self.take()

    def _comment_selector(self) -> str | None:
        """A comment that selects when the rule applies (`"Sommer": Mo 10:00-12:00`, the
        colon optional), taken with its colon; None where the rule does not begin so (a
        comment alone is the rule's comment)."""
        tok, after = self.peek(), self.peek(1)
        if tok is None or tok.kind != "comment" or after is None or after.kind in _JOINS:
            return None
        self.take()
        if after.kind == "colon":
            self.take()
            rest = self.peek()
            if rest is None or rest.kind in _JOINS:
                raise HoursError(_("a rule needs days, times, 'off' or 'unknown'"),
                                 after.column)
        return tok.text[1:-1].strip() or None

    def selector(self) -> Selected:
        """The days of a rule, whether they are holidays only (`PH Mo-Fr`, a space and no
        comma, is a public holiday on a weekday; `PH,Mo-Fr` either), and the days that
        depend on the date: nth weekdays (`Sa[1]`), days beside a holiday (`PH +1 day`) and
        school holidays (`SH`; `SH Mo-Fr`: a weekday in them).

        Its items, joined by commas, are read one by one: `SH`, `PH` (with a day offset or
        not), or weekdays (_weekday_item). The two forms with a space, `SH Mo-Fr` and
        `PH Mo-Fr`, are read by _school_holiday_weekdays and _holiday_weekdays."""
        days: set[int] = set()
        holidays = False
        nths: list[date_selectors.NthWeekday] = []
        offsets: list[int] = []
        school = 0
        while True:
            tok = self.take()
            if tok.kind == "word" and tok.text.upper() == "SH":
                self._no_offset_after_school_holidays()
                if not (days or nths or offsets or holidays or school) \
                        and self._weekday_ahead():
                    return self._school_holiday_weekdays()
                school = 1
            elif tok.kind == "word" and tok.text.upper() == "PH":
                offset = hours_dates.day_offset(self)
                if offset:
                    offsets.append(offset)
                else:
                    holidays = True
            else:
                self._weekday_item(tok, days, nths)
            nxt = self.peek()
            if nxt is None or nxt.kind != "comma":
                if holidays and not days and not nths and not offsets \
                        and self._weekday_ahead():
                    found = self._holiday_weekdays()
                    if found is not None:
                        return found
                if offsets and not (days or nths or holidays or school) \
                        and self._weekday_ahead():
                    return None, False, False, ((), tuple(offsets), 0, self._offset_weekdays())
                if days and not (holidays or nths or offsets or school):
                    offset = self._holiday_offset_after_weekdays()
                    if offset:
                        return None, False, False, ((), (offset,), 0, frozenset(days))
                break
            after = self.peek(1)
            if after is None or after.kind != "word":
                break  # (a ',' before anything else begins an additional rule)
            self.take()
        more: More | None = (tuple(nths), tuple(offsets), school, frozenset()) \
            if nths or offsets or school else None
        return (frozenset(days) if days else None), holidays, False, more

    def _weekday_ahead(self) -> bool:
        """Whether a weekday (`Mo`, `Di`) is the next token."""
        nxt = self.peek()
        return nxt is not None and nxt.kind == "word" and weekday(nxt.text) is not None

    def _no_offset_after_school_holidays(self) -> None:
        """`SH +1 day` is refused (unlike `PH +1 day`): the dates must be written."""
        nxt = self.peek()
        if nxt is not None and nxt.kind in ("plus", "dash"):
            raise HoursError(_("SH with a day offset is not supported: write the dates"),
                             nxt.column)

    def _school_holiday_weekdays(self) -> Selected:
        """`SH Mo-Fr` (after the `SH`): the weekdays that follow, on the days of the school
        holidays only (school 2), with the nth weekdays and holiday offsets among them."""
        weekdays, more_holidays, _inner, more = self.selector()
        nths_more, offsets_more, _school, kept_to = more if more else ((), (), 0, frozenset())
        return weekdays, more_holidays, False, (nths_more, offsets_more, 2, kept_to)

    def _holiday_offset_after_weekdays(self) -> int:
        """`Mo-We PH -1 day` (after the `Mo-We`), which opening_hours.js reads as
        `PH -1 day Mo-We`: the offset, read; 0 (nothing read) where no `PH` with an offset
        follows."""
        tok, sign = self.peek(), self.peek(1)
        if tok is None or tok.kind != "word" or tok.text.upper() != "PH" \
                or sign is None or sign.kind not in ("plus", "dash"):
            return 0
        self.take()
        offset = hours_dates.day_offset(self)
        if not offset:
            raise HoursError(_("expected ';' between rules, found {found}",
                               found=repr(tok.text)), tok.column)
        return offset

    def _offset_weekdays(self) -> frozenset[int]:
        """`PH +1 day Mo-We` (after the `PH +1 day`): the weekdays that follow, to which the
        days beside a holiday are kept, as opening_hours.js reads it (a day before or after
        a holiday that is one of those weekdays)."""
        start = self.peek()
        weekdays, more_holidays, _inner, more = self.selector()
        if weekdays is None or more_holidays or more is not None:
            col = start.column if start else self.end_column()
            raise HoursError(_("after PH +1 day only plain weekdays may follow, e.g. "
                               "PH +1 day Mo-Fr"), col)
        return weekdays

    def _holiday_weekdays(self) -> Selected | None:
        """`PH Mo-Fr` (after the `PH`): a public holiday on one of the weekdays that follow.
        None where more than plain weekdays follow: the selector is then PH alone, and what
        follows it has been read (as the selector always read it)."""
        weekdays, more_holidays, _inner, more = self.selector()
        if not more_holidays and more is None:
            return weekdays, True, True, None
        return None

    def _weekday_item(self, tok: Token, days: set[int],
                      nths: list[date_selectors.NthWeekday]) -> None:
        """A weekday (`Mo`) or a range of them (`Mo-Fr`, `Sa-Mo` over the week's end),
        added to `days`; or an nth weekday of the month (`Sa[1]`), added to `nths`. `tok`
        is its first token, already taken."""
        first = weekday(tok.text) if tok.kind == "word" else None
        if first is None:
            raise HoursError(_("expected a weekday (Mo Tu We Th Fr Sa Su), found "
                               "{found}", found=repr(tok.text)), tok.column)
        last = first
        nxt = self.peek()
        if nxt is not None and nxt.kind == "open":
            nths.append(hours_dates.nth(self, first))
            return
        if nxt is not None and nxt.kind == "dash":
            self.take()
            end_tok = self.peek()
            last_day = weekday(end_tok.text) if end_tok and end_tok.kind == "word" else None
            if end_tok is None or last_day is None:
                col = end_tok.column if end_tok else self.end_column()
                raise HoursError(_("a weekday range needs a weekday after '-'"), col)
            self.take()
            last = last_day
        days.update((first + k) % 7 for k in range((last - first) % 7 + 1))

    def spans(self) -> tuple[tuple[int, int], ...]:
        """The time spans of a rule; those that are open ends (`17:00+`, the `+` of
        `13:00-17:00+`) reach as far as opening_hours.js guesses (open_end) and are
        listed, by index, in self.open_ends."""
        spans: list[tuple[int, int]] = []
        open_ends: set[int] = set()
        self.open_ends = frozenset()
        while True:
            tok = self.peek()
            if tok is None or tok.kind != "time":
                return ()
            start_tok = self.take()
            if self._open_end(minutes(start_tok, False), start_tok, spans, open_ends):
                if self._span_follows():
                    continue
                break
            dash = self.peek()
            if dash is None or dash.kind != "dash":
                col = dash.column if dash else self.end_column()
                raise HoursError(_("time {time} needs an end: write {time}-HH:MM",
                                   time=start_tok.text), col)
            self.take()
            end_tok = self.peek()
            if end_tok is None or end_tok.kind != "time":
                col = end_tok.column if end_tok else self.end_column()
                if end_tok is not None and end_tok.text.lower() in SUN_TIMES:
                    raise HoursError(sun_times_refused(end_tok.text), col)
                raise HoursError(_("expected an end time (HH:MM) after '-'"), col)
            self.take()
            start, end = minutes(start_tok, False), minutes(end_tok, True)
            if end <= start and end <= DAY_MINUTES:
                # past midnight: the rest belongs to the day it began on; an end equal to
                # the start (`12:00-12:00`) is a whole day on, as opening_hours.js reads it
                end += DAY_MINUTES
            spans.append((start, end))
            self._open_end(end, end_tok, spans, open_ends)
            if not self._span_follows():
                break
        self.open_ends = frozenset(open_ends)
        return truncated_open_ends(spans, open_ends)

    def _span_follows(self) -> bool:
        """Whether a `,` and another time follow (then the `,` is taken): a ',' before
        anything else begins an additional rule."""
        nxt = self.peek()
        after = self.toks[self.i + 1] if self.i + 1 < len(self.toks) else None
        if nxt is None or nxt.kind != "comma" or after is None or after.kind != "time":
            return False
        self.take()
        return True

    def _open_end(self, start: int, tok: Token, spans: list[tuple[int, int]],
                  open_ends: set[int]) -> bool:
        """An open end from `start` if a `+` follows (taken), added to the spans; whether
        there was one."""
        plus = self.peek()
        if plus is None or plus.kind != "plus":
            return False
        if start >= 2 * DAY_MINUTES:  # (opening_hours.js spans two midnights at most)
            raise HoursError(_("an open end after 48:00: a time reaches up to the next "
                               "day's midnight"), plus.column)
        self.take()
        open_ends.add(len(spans))
        spans.append((start, min(open_end(start), 2 * DAY_MINUTES)))
        return True

    def modifier(self) -> tuple[State, Token | None]:
        tok = self.peek()
        if tok is None or tok.kind != "word":
            return State.OPEN, None
        word = tok.text.lower()
        states = {"open": State.OPEN, "off": State.CLOSED, "closed": State.CLOSED,
                  "unknown": State.UNKNOWN}
        if word not in states:
            if weekday(tok.text) is not None or tok.text == "PH":
                raise HoursError(_("expected ';' between rules, found {found}",
                                   found=repr(tok.text)), tok.column)
            raise HoursError(unexpected(tok), tok.column)
        self.take()
        return states[word], tok


_JOINS = {"semi": NORMAL, "comma": ADDITIONAL, "fallback": FALLBACK}
