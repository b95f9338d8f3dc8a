"""Hours made from other hours, for the rules a data file writes down once and the tool
applies to many channels (data/schema.py reads them):

- inside(): the hours of a line whose times are not published but which works inside known
  hours (the MainArbeit's Ansprechpersonen "während ihrer Arbeitszeit", inside the
  MainArbeit's opening hours), or inside ordinary office hours: unknown where those hours
  are open, closed where they are closed;
- unknown_on(): hours that are not open on some dates (24 and 31 December, when staff are
  usually released): unknown there wherever they would be open or unknown, closed
  elsewhere on those dates.

Each returns the text of an `opening_hours` value, read as any other (reader.analyse), so
that what the tool evaluates can be shown, exported and checked like what a file says.

    >>> inside("Mo-Do 07:30-16:30; Fr 07:30-14:00", "Arbeitszeit")
    'Mo-Do 07:30-16:30 unknown "Arbeitszeit"; Fr 07:30-14:00 unknown "Arbeitszeit"'
    >>> from erreichbar.hours.reader import parse
    >>> unknown_on(parse("Mo-Fr 09:00-15:00"), [("Dec 24", "Heiligabend")])
    'Mo-Fr 09:00-15:00; Dec 24 Mo-Fr 09:00-15:00 unknown "Heiligabend"'
"""

from __future__ import annotations

from collections.abc import Sequence

from erreichbar.errors import HoursError
from erreichbar.hours.lenient import standard
from erreichbar.hours.reader import check_size, parse_rules
from erreichbar.hours.rules import ADDITIONAL, FALLBACK, Rule
from erreichbar.hours.values import Schedule, State, fmt_minutes
from erreichbar.i18n import _

_JOIN = {ADDITIONAL: ", ", FALLBACK: " || "}
_WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def inside(frame: str, comment: str | None) -> str:
    """FRAME's open times unknown (with COMMENT), its closed times closed. FRAME must be
    plain opening hours (no comments, nothing unknown) of a data file's size: HoursError
    otherwise."""
    check_size(frame)
    rules = parse_rules(standard(frame))
    parts = []
    for n, rule in enumerate(rules):
        parts.append(("" if n == 0 else _JOIN.get(rule.kind, "; ")) + _unknown(rule, comment))
    return "".join(parts)


def _unknown(rule: Rule, comment: str | None) -> str:
    """One rule of a frame, open made unknown."""
    if rule.comment is not None or rule.state is State.UNKNOWN:
        raise HoursError(_("the hours an assumption works inside are plain opening hours: "
                           "no comments, nothing unknown"))
    written = rule.text.strip()
    if rule.state is not State.OPEN:
        return written
    if written.endswith(" open"):
        written = written[:-len(" open")]
    return f'{written} unknown "{comment}"' if comment else f"{written} unknown"


def unknown_on(schedule: Schedule, days: Sequence[tuple[str, str]]) -> str:
    """SCHEDULE's text with a rule for each of DAYS (a date as the hours write it, `Dec 24`,
    and the reason): on it, what the week would have open or unknown is unknown with the
    reason, the rest closed. A day whose week is closed on every weekday adds nothing."""
    extra = []
    for when, reason in days:
        for weekdays, spans in _weekly_spans(schedule):
            extra.append(f'{when} {weekdays} {spans} unknown "{reason}"')
    return "; ".join([schedule.text, *extra])


def _weekly_spans(schedule: Schedule) -> list[tuple[str, str]]:
    """(weekdays, spans) of the times an ordinary week has not closed, weekdays with the
    same spans together: [('Mo-Fr', '09:00-15:00')]."""
    by_spans: dict[str, list[int]] = {}
    for weekday in range(7):
        spans = ",".join(f"{fmt_minutes(s.start)}-{fmt_minutes(s.end)}"
                         for s in schedule.day(weekday, holiday=False)
                         if s.state is not State.CLOSED)
        if spans:
            by_spans.setdefault(spans, []).append(weekday)
    return [(_weekday_list(days), spans) for spans, days in by_spans.items()]


def _weekday_list(days: list[int]) -> str:
    """`Mo-Fr`, `Mo,We`, `Mo-We,Fr` of weekday numbers in order."""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(_WEEKDAYS[r[0]] if len(r) == 1 else
                    f"{_WEEKDAYS[r[0]]}-{_WEEKDAYS[r[-1]]}" for r in runs)
