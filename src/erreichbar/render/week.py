"""The week at a glance: one row per channel, a column per day, an hour per character.

Each character holds two half-hours (`█` both open, `▌` / `▐` one of them), unknown time
is `░` (never a full block, so it cannot be mistaken for open), closed time `·`. Public
holidays are named on their day and left empty. The picture reads the same without
colour; it is drawn from plain data and never truncates a line: a narrow terminal gets
fewer days.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from erreichbar.hours.values import Segment, State
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


def _shown_days(week: WeekAnswer) -> list[int]:
    weekend = [d for d in (5, 6) if any(
        seg.state is State.OPEN for row in week.rows for seg in row.days[d])]
    return [0, 1, 2, 3, 4, *weekend]


def _fit(days: list[int], cols: int, width: int, today: int | None) -> list[int]:
    """Drop days until the picture fits: from the end, but keep the day asked about."""
    days = list(days)
    while len(days) > 1 and MIN_LABEL + len(days) * (cols + 1) > width:
        if today is not None and today in days and days.index(today) == len(days) - 1:
            days.pop(0)
        else:
            days.pop()
    return days


def _label(row: WeekRow, lang: str, width: int) -> str:
    kind = kind_name(row.channel.kind, lang)
    unit = row.office.unit(row.channel.unit) if row.channel.unit else None
    text = safe(f"{kind}: {unit.name}" if unit else kind)
    return text if len(text) <= width else text[: width - 1] + "…"


def _fmt_day(day: date, lang: str, cols: int) -> str:
    name = weekday_abbr(day.weekday(), lang)
    for text in (f"{name} {day:%d.%m.}", f"{name} {day.day}.", name[:2]):
        if len(text) <= cols:
            return text
    return name[:cols]


def render(week: WeekAnswer, lang: str, width: int, _: Callable[..., str]) -> list[Text]:
    """The picture as lines of styled text, at most `width` characters each."""
    all_days = _shown_days(week)
    h0, h1 = _hour_range(week, all_days)
    cols = h1 - h0
    instant: datetime = week.instant
    offset = (instant.date() - week.monday).days
    today = offset if 0 <= offset < 7 else None
    days = _fit(all_days, cols, width, today)
    label_width = max(MIN_LABEL, min(32, width - len(days) * (cols + 1)))
    dates = [week.monday.fromordinal(week.monday.toordinal() + d) for d in range(7)]

    lines: list[Text] = []
    last = dates[6]
    first = dates[0]
    span = (f"{first:%d.%m.}–{last:%d.%m.%Y}" if lang == "de"
            else f"{first.isoformat()} – {last.isoformat()}")
    lines.append(Text(_("Week {number} · {span}", number=first.isocalendar()[1], span=span),
                      style="bold"))
    legend = Text()
    for mark, state, word in (("█", State.OPEN, _("open")), ("░", State.UNKNOWN, _("unknown")),
                              ("·", State.CLOSED, _("closed"))):
        legend.append(mark, style=STYLE[state])
        legend.append(f" {word}  ")
    marked = today is not None and today in days and h0 * 60 <= (
        instant.hour * 60 + instant.minute) < h1 * 60
    if marked:
        legend.append("▼ " + _("now"))
    lines.append(legend)
    lines.append(Text())

    header = Text(" " * label_width)
    ticks = Text(" " * label_width)
    marker = Text(" " * label_width)
    for d in days:
        day = dates[d]
        holiday = week.holidays.get(day)
        style = "bold reverse" if d == today else "bold"
        header.append(" ")
        header.append(_fmt_day(day, lang, cols).ljust(cols), style=style)
        ticks.append(" ")
        marker.append(" ")
        marker.append(_now_marker(h0, h1, instant) if d == today else " " * cols)
        if holiday:
            name = safe(holiday)
            ticks.append((name if len(name) <= cols else name[: cols - 1] + "…").ljust(cols),
                         style="bold magenta")
            continue
        ticks.append(_ticks(h0, h1))
    lines.append(header)
    lines.append(ticks)
    if marked:
        lines.append(marker)

    office_id = None
    for row in week.rows:
        if row.office.id != office_id:
            office_id = row.office.id
            lines.append(Text(safe(row.office.name)[:width], style="bold cyan"))
        line = Text(("  " + _label(row, lang, label_width - 2)).ljust(label_width))
        for d in days:
            line.append(" ")
            reachable = [s for s in row.days[d] if s.state is not State.CLOSED]
            closure = row.closures[d]
            if closure and not reachable:  # closed by a rule for that date: marked
                name = safe(closure)  # like a holiday, with its reason
                line.append((name if len(name) <= cols else name[: cols - 1] + "…").ljust(cols),
                            style="magenta")
                continue
            if dates[d] in week.holidays and not reachable:
                line.append(" " * cols)
                continue
            for hour in range(h0, h1):
                mark, state = _cell(_half_state(row.days[d], hour * 60),
                                    _half_state(row.days[d], hour * 60 + 30))
                line.append(mark, style=STYLE[state])
        lines.append(line)
    fits = label_width + len(days) * (cols + 1) <= width
    if len(days) < len(all_days) or not fits:
        # what does not fit is left out, never squeezed: say so, and where the rest is; the
        # notice is broken at spaces (no_wrap=False) where the picture is cut at the edge
        lines.append(Text(""))
        shown = len(days) if fits else 0
        lines.append(Text(n_("{shown} of {total} days fits this terminal; a wider one, or "
                             "--json, shows them all",
                             "{shown} of {total} days fit this terminal; a wider one, or "
                             "--json, shows them all", shown, shown=shown,
                             total=len(all_days)), style="yellow", no_wrap=False))
    return lines


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
