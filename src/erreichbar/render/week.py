"""The week at a glance: one row per channel, a column per day, an hour per character.

The seven days from WHEN's day on, weekend included. Each character holds two half-hours
(`█` both open, `▌` / `▐` one of them), unknown time is `░` (never a full block, so it
cannot be mistaken for open), closed time `·`. A day with nothing to draw by the hour
(nothing open, at most unknown all day: a Sunday, a holiday) is a narrow column, as wide
as its date, whole in one mark. Public holidays are named on their day and left empty.
The picture reads the same without colour; it is drawn from plain data and never
truncates a line: a narrow terminal gets fewer days, from the end, and one too narrow for
a single day gets the days as a list, each with its hours in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from erreichbar.hours.values import Segment, State, fmt_minutes
from erreichbar.i18n import kind_name, n_, weekday_abbr
from erreichbar.render.styled import Text
from erreichbar.render.text import safe

if TYPE_CHECKING:
    from erreichbar.answers.week import WeekAnswer, WeekRow

DAY = 24 * 60
MIN_LABEL = 14
MIN_HOURS = 8
HALF_FILLED = 15  # minutes of a half-hour that must be open for it to be drawn open
STYLE = {State.OPEN: "green", State.UNKNOWN: "yellow", State.CLOSED: "dim"}


def _half_state(segs: tuple[Segment, ...], start: int) -> State:
    open_minutes = unknown_minutes = 0
    for seg in segs:
        overlap = min(seg.end, start + 30) - max(seg.start, start)
        if overlap > 0:
            if seg.state is State.OPEN:
                open_minutes += overlap
            elif seg.state is State.UNKNOWN:
                unknown_minutes += overlap
    if open_minutes >= HALF_FILLED:
        return State.OPEN
    if unknown_minutes >= HALF_FILLED:
        return State.UNKNOWN
    return State.CLOSED


def _cell(first: State, second: State) -> tuple[str, State]:
    if first is State.OPEN and second is State.OPEN:
        return "█", State.OPEN
    if first is State.OPEN:
        return "▌", State.OPEN
    if second is State.OPEN:
        return "▐", State.OPEN
    if State.UNKNOWN in (first, second):
        return "░", State.UNKNOWN
    return "·", State.CLOSED


def _hour_range(week: WeekAnswer, days: list[int]) -> tuple[int, int]:
    """From the earliest to the latest window that is not a whole day (those say nothing
    about hours), in whole hours; 8 to 18 when there is none."""
    starts, ends = [], []
    for row in week.rows:
        for d in days:
            for seg in row.days[d]:
                if (seg.start, seg.end) != (0, DAY):
                    starts.append(seg.start)
                    ends.append(seg.end)
    if not starts:
        return 8, 18
    h0, h1 = min(starts) // 60, -(-max(ends) // 60)
    while h1 - h0 < MIN_HOURS:  # a one-hour window would give unreadable one-letter days
        if h0 > 0:
            h0 -= 1
        if h1 - h0 < MIN_HOURS and h1 < 24:
            h1 += 1
    return h0, h1


def _hourly(week: WeekAnswer, d: int) -> bool:
    """Whether day `d` has something to draw by the hour: an open time, or an unknown one
    that is not the whole day. Other days are drawn narrow."""
    return any(seg.state is State.OPEN or (seg.start, seg.end) != (0, DAY)
               for row in week.rows for seg in row.days[d] if seg.state is not State.CLOSED)


def _fit(widths: list[int], width: int) -> int:
    """How many days fit, from the first (WHEN's day, which always stays) on."""
    shown = len(widths)
    while shown > 1 and MIN_LABEL + sum(widths[:shown]) + shown > width:
        shown -= 1
    return shown


def _label(row: WeekRow, lang: str, width: int) -> str:
    kind = kind_name(row.channel.kind, lang)
    unit = row.office.unit(row.channel.unit) if row.channel.unit else None
    text = safe(f"{kind}: {unit.name}" if unit else kind)
    return text if len(text) <= width else text[: width - 1] + "…"


def _fmt_day(day: date, lang: str, cols: int) -> str:
    name = weekday_abbr(day.weekday(), lang)
    for text in (f"{name} {day:%d.%m.}", f"{name} {day:%d}.", name[:2]):
        if len(text) <= cols:
            return text
    return name[:cols]


def _named(name: str, cols: int) -> str:
    """A holiday's or a closure's name in a day's column, cut with … where it is longer."""
    name = safe(name)
    return (name if len(name) <= cols else name[: cols - 1].rstrip() + "…").ljust(cols)


@dataclass(slots=True)
class _Layout:
    """What is drawn where: the days shown, each day's width, the hours of a wide day."""
    dates: list[date]
    hourly: list[bool]  # per day: drawn by the hour (else narrow)
    widths: list[int]  # per day: characters
    shown: int  # how many days fit, from the first on
    h0: int
    h1: int
    label_width: int
    today: int | None  # the day of WHEN among them
    marked: bool  # whether WHEN is marked with ▼ (a day drawn by the hour, within them)


def _layout(week: WeekAnswer, lang: str, width: int) -> _Layout:
    dates = list(week.days)
    hourly = [_hourly(week, d) for d in range(7)]
    h0, h1 = _hour_range(week, [d for d in range(7) if hourly[d]])
    widths = [h1 - h0 if hourly[d] else len(weekday_abbr(day.weekday(), lang)) + 4
              for d, day in enumerate(dates)]  # narrow: "Sa 09."
    shown = _fit(widths, width)
    label_width = max(MIN_LABEL, min(32, width - sum(widths[:shown]) - shown))
    offset = (week.instant.date() - week.first).days
    today = offset if 0 <= offset < shown else None
    minute = week.instant.hour * 60 + week.instant.minute
    marked = today is not None and hourly[today] and h0 * 60 <= minute < h1 * 60
    return _Layout(dates, hourly, widths, shown, h0, h1, label_width, today, marked)


def _title(dates: list[date], lang: str, _: Callable[..., str]) -> Text:
    """"Week 10–11 · 10.03.–16.03.2024": the ISO weeks the seven days fall in, and the days."""
    first, last = dates[0], dates[-1]
    if lang != "de":
        span = f"{first.isoformat()} – {last.isoformat()}"
    elif first.year == last.year:
        span = f"{first:%d.%m.}–{last:%d.%m.%Y}"
    else:
        span = f"{first:%d.%m.%Y}–{last:%d.%m.%Y}"
    weeks = first.isocalendar()[1], last.isocalendar()[1]
    number = str(weeks[0]) if weeks[0] == weeks[1] else f"{weeks[0]}–{weeks[1]}"
    return Text(_("Week {number} · {span}", number=number, span=span), style="bold")


def _legend(marked: bool, _: Callable[..., str]) -> Text:
    legend = Text()
    for mark, state, word in (("█", State.OPEN, _("open")), ("░", State.UNKNOWN, _("unknown")),
                              ("·", State.CLOSED, _("closed"))):
        legend.append(mark, style=STYLE[state])
        legend.append(f" {word}  ")
    if marked:
        legend.append("▼ " + _("now"))
    return legend


def _head(week: WeekAnswer, lay: _Layout, lang: str) -> list[Text]:
    """The days' names and dates, below them the hours (or the holiday), then ▼ at now."""
    header = Text(" " * lay.label_width)
    ticks = Text(" " * lay.label_width)
    marker = Text(" " * lay.label_width)
    for d in range(lay.shown):
        day, cols = lay.dates[d], lay.widths[d]
        header.append(" ")
        header.append(_fmt_day(day, lang, cols).ljust(cols),
                      style="bold reverse" if d == lay.today else "bold")
        ticks.append(" ")
        marker.append(" ")
        marker.append(_now_marker(lay.h0, lay.h1, week.instant) if d == lay.today
                      and lay.hourly[d] else " " * cols)
        holiday = week.holidays.get(day)
        if holiday:
            ticks.append(_named(holiday, cols), style="bold magenta")
        else:
            ticks.append(_ticks(lay.h0, lay.h1) if lay.hourly[d] else " " * cols)
    return [header, ticks, marker] if lay.marked else [header, ticks]


def _day(line: Text, week: WeekAnswer, row: WeekRow, lay: _Layout, d: int) -> None:
    """One row's cells of day `d`."""
    cols = lay.widths[d]
    reachable = [s for s in row.days[d] if s.state is not State.CLOSED]
    closure = row.closures[d]
    if closure and not reachable:  # closed by a rule for that date: marked like a
        line.append(_named(closure, cols), style="magenta")  # holiday, with its reason
    elif lay.dates[d] in week.holidays and not reachable:
        line.append(" " * cols)
    elif not lay.hourly[d]:  # the whole day in one mark: unknown all day, or closed
        state = State.UNKNOWN if reachable else State.CLOSED
        line.append(("░" if reachable else "·") * cols, style=STYLE[state])
    else:
        for hour in range(lay.h0, lay.h1):
            mark, state = _cell(_half_state(row.days[d], hour * 60),
                                _half_state(row.days[d], hour * 60 + 30))
            line.append(mark, style=STYLE[state])


def _rows(week: WeekAnswer, lay: _Layout, lang: str, width: int) -> list[Text]:
    lines: list[Text] = []
    office_id = None
    for row in week.rows:
        if row.office.id != office_id:
            office_id = row.office.id
            lines.append(Text(safe(row.office.name)[:width], style="bold cyan"))
        line = Text(("  " + _label(row, lang, lay.label_width - 2)).ljust(lay.label_width))
        for d in range(lay.shown):
            line.append(" ")
            _day(line, week, row, lay, d)
        lines.append(line)
    return lines


def _holidays_in_full(week: WeekAnswer, lay: _Layout, lang: str) -> list[Text]:
    """The holidays whose names their columns cut short, in full, one a line."""
    lines = []
    for day, cols in zip(lay.dates[:lay.shown], lay.widths, strict=False):
        name = safe(week.holidays.get(day, ""))
        if len(name) > cols:
            line = Text(f"{_fmt_day(day, lang, 99)} ", style="bold", no_wrap=False)
            lines.append(line.append(name, style="magenta"))
    return [Text(""), *lines] if lines else []


def render(week: WeekAnswer, lang: str, width: int, _: Callable[..., str]) -> list[Text]:
    """The picture as lines of styled text, at most `width` characters each; where not
    even one day fits, the days as a list of words, to be broken at spaces."""
    lay = _layout(week, lang, width)
    fits = lay.label_width + sum(lay.widths[:lay.shown]) + lay.shown <= width
    if fits:
        lines = [_title(lay.dates, lang, _), _legend(lay.marked, _), Text()]
        lines += _head(week, lay, lang)
        lines += _rows(week, lay, lang, width)
        lines += _holidays_in_full(week, lay, lang)
    else:
        lines = _as_list(week, lang, width, _)
    total = len(lay.dates)
    if lay.shown < total or not fits:
        # what does not fit is left out, never squeezed: say so, and where the rest is; the
        # notice is broken at spaces (no_wrap=False) where the picture is cut at the edge
        lines.append(Text(""))
        shown = lay.shown if fits else 0
        lines.append(Text(n_("{shown} of {total} days fits this terminal; a wider one, or "
                             "--json, shows them all",
                             "{shown} of {total} days fit this terminal; a wider one, or "
                             "--json, shows them all", shown, shown=shown,
                             total=total), style="yellow", no_wrap=False))
    return lines


def _as_list(week: WeekAnswer, lang: str, width: int, _: Callable[..., str]) -> list[Text]:
    """The week for a terminal too narrow for one day's column: each channel, then each
    day with its hours or its state in words (`Mi 06.03. 09:00–15:00`), broken into the
    width here (a long word too), so that the indents stay."""
    step = 2 if width >= 20 else 1
    lines = _wrapped(_title(list(week.days), lang, _).plain, width, 0, "bold")
    office_id = None
    for row in week.rows:
        if row.office.id != office_id:
            office_id = row.office.id
            lines += [Text(), *_wrapped(safe(row.office.name), width, 0, "bold cyan")]
        lines += _wrapped(_label(row, lang, 99), width, step, "bold")
        for d, day in enumerate(week.days):
            text, state = _day_in_words(week, row, d, _)
            lines += _wrapped(f"{_fmt_day(day, lang, 99)} {text}", width, 2 * step,
                              STYLE[state])
    return lines


def _wrapped(text: str, width: int, indent: int, style: str) -> list[Text]:
    """TEXT broken at spaces into lines of WIDTH at most, indented; a word longer than a
    line is cut into pieces of a line each."""
    from textwrap import wrap  # start-up: only a week too narrow for its picture

    room = max(1, width - indent)
    pieces = " ".join(word[i:i + room] for word in text.split()
                      for i in range(0, len(word), room))
    return [Text(line.rstrip(), style=style) for line in wrap(
        pieces, indent + room, initial_indent=" " * indent, subsequent_indent=" " * indent,
        break_long_words=False, break_on_hyphens=False)]


def _day_in_words(week: WeekAnswer, row: WeekRow, d: int, _: Callable[..., str]
                  ) -> tuple[str, State]:
    """A row's day as words: its open and unknown times, else why it is closed."""
    reachable = [s for s in row.days[d] if s.state is not State.CLOSED]
    if not reachable:
        reason = row.closures[d] or week.holidays.get(week.days[d])
        return (_("closed: {holiday}", holiday=safe(reason)) if reason else _("closed"),
                State.CLOSED)
    parts = []
    for seg in reachable:
        whole = (seg.start, seg.end) == (0, DAY)
        times = "" if whole else f"{fmt_minutes(seg.start)}–{fmt_minutes(seg.end)}"
        if seg.state is State.UNKNOWN:
            times = f"{times} ({_('unknown')})" if times else _("unknown")
        parts.append(times or _("open"))
    state = State.OPEN if any(s.state is State.OPEN for s in reachable) else State.UNKNOWN
    return ", ".join(parts), state


def _ticks(h0: int, h1: int) -> Text:
    """Hour numbers at their columns, as many as fit with a space between them."""
    cols = h1 - h0
    for step in (1, 2, 3, 4, 6, 12):
        chars = [" "] * cols
        fits = True
        for hour in range(h0, h1):
            if hour % step:
                continue
            label, pos = str(hour), hour - h0
            if pos + len(label) > cols or any(c != " " for c in chars[max(0, pos - 1):pos]):
                fits = False
                break
            chars[pos:pos + len(label)] = list(label)
        if fits:
            return Text("".join(chars), style="dim")
    return Text(" " * cols)


def _now_marker(h0: int, h1: int, now: datetime) -> Text:
    minute = now.hour * 60 + now.minute
    if not h0 * 60 <= minute < h1 * 60:
        return Text(" " * (h1 - h0))
    pos = now.hour - h0
    return Text(" " * pos + "▼" + " " * (h1 - h0 - pos - 1), style="bold red")
