"""Formatting shared by the views: safe text, times and the words for a channel's state."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from erreichbar.errors import CONTROLS
from erreichbar.hours.compiled import day_of
from erreichbar.hours.values import DAY_MINUTES as DAY
from erreichbar.hours.values import Schedule, Segment, State, fmt_minutes
from erreichbar.i18n import appointment_name as _appointment_name
from erreichbar.i18n import kind_name as _kind_name
from erreichbar.i18n import month_abbr, weekday_abbr
from erreichbar.i18n import state_name as _state_name

if TYPE_CHECKING:
    from erreichbar.answers.questions import ChannelAnswer

CLOSING_SOON_MINUTES = 15

# C0/C1 controls (ESC starts ANSI and OSC sequences), DEL, and the bidi controls that can
# make text read differently from what it is.
_CONTROL = re.compile(f"[{CONTROLS}]")


def safe(text: str) -> str:
    """Text from a data file made harmless for a terminal or a tab-separated line:
    every control character becomes a visible U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def fmt_date(day: date, lang: str) -> str:
    return f"{day:%d.%m.%Y}" if lang == "de" else day.isoformat()


def fmt_instant(dt: datetime, lang: str) -> str:
    """A full local time: `Mi 06.03.2024 10:30` / `Wed 2024-03-06 10:30`."""
    return f"{weekday_abbr(dt.weekday(), lang)} {fmt_date(dt.date(), lang)} {dt:%H:%M}"


def fmt_time(dt: datetime, ref: datetime, lang: str, _: Callable[..., str]) -> str:
    """A time relative to the instant asked about: 11:00, morgen 08:00, Do 08:00,
    Do 14.03. 08:00."""
    if (dt.date() - ref.date()).days == 1:
        tomorrow = _("tomorrow")
        return f"{tomorrow} {dt:%H:%M}"
    return fmt_day_time(dt, ref, lang)


def fmt_day_time(dt: datetime, ref: datetime, lang: str) -> str:
    """A time named by its weekday, as a person says when an office opens again: 11:00
    (the same day), Mi 08:00 (within a week), Mi 13.03. 08:00 / Wed 13 Mar 08:00 (later).

    >>> from datetime import datetime
    >>> fmt_day_time(datetime(2024, 3, 7, 8), datetime(2024, 3, 6, 20, 14), "de")
    'Do 08:00'
    >>> fmt_day_time(datetime(2024, 3, 13, 8), datetime(2024, 3, 6, 20, 14), "en")
    'Wed 13 Mar 08:00'
    """
    days = (dt.date() - ref.date()).days
    clock = f"{dt:%H:%M}"
    if days == 0:
        return clock
    wd = weekday_abbr(dt.weekday(), lang)
    if 0 < days < 7:
        return f"{wd} {clock}"
    if lang == "de":
        return f"{wd} {dt:%d.%m.} {clock}"
    return f"{wd} {dt.day} {month_abbr(dt.month, lang)} {clock}"


def kind_name(kind: str, lang: str) -> str:
    return _kind_name(kind, lang)


def state_name(state: State, lang: str) -> str:
    return _state_name(state.value, lang)


def appointment_name(rule: str | None, lang: str) -> str:
    return _appointment_name(rule, lang)


def describe_state(ans: ChannelAnswer, instant: datetime, lang: str,
                   _: Callable[..., str]) -> str:
    """`bis 11:00`, `schließt in 10 Min.`, `unbekannt – …`, `geschlossen: Karfreitag`,
    `öffnet Do 08:00`: what a person needs to know about the channel at `instant`."""
    st = ans.status
    if st.state is State.OPEN:
        until = st.until
        if until is None:
            return _("open")
        left = until.astimezone(UTC) - instant.astimezone(UTC)  # real minutes, also on DST days
        if left <= timedelta(minutes=CLOSING_SOON_MINUTES):
            minutes = max(1, int(left.total_seconds() + 59) // 60)
            return _("closes in {minutes} min", minutes=minutes)
        return _("until {time}", time=fmt_time(until, instant, lang, _))
    if st.state is State.UNKNOWN:
        return _("unknown")
    if st.state is State.APPOINTMENT:
        return _("by appointment only")
    parts = []
    if st.holiday and holiday_closes(ans, instant):
        parts.append(_("closed: {holiday}", holiday=st.holiday))
    elif not st.in_validity:
        validity = ans.channel.validity
        if validity.valid_from and instant.date() < validity.valid_from:
            parts.append(_("not yet valid (from {date})",
                           date=fmt_date(validity.valid_from, lang)))
        elif validity.valid_until:
            parts.append(_("no longer valid (until {date})",
                           date=fmt_date(validity.valid_until, lang)))
    else:
        parts.append(_("closed"))
    if st.next_open and st.next_open.start:
        parts.append(_("opens {time}", time=fmt_time(st.next_open.start, instant, lang, _)))
    return ", ".join(parts)


NO_WORDS: Mapping[str, str] = {}


def state_detail(ans: ChannelAnswer, _: Callable[..., str],
                 words: Mapping[str, str] = NO_WORDS) -> str | None:
    """The comment of the hours in force (why unknown, what the form is for), if any; in
    English where WORDS (the data's translations, for a view in English) give it."""
    st = ans.status
    if st.comment:
        return safe(words.get(st.comment, st.comment))
    if st.state is State.UNKNOWN:
        return _("times not published")
    return None


def coming_comment(ans: ChannelAnswer, instant: datetime, lang: str, _: Callable[..., str],
                   words: Mapping[str, str] = NO_WORDS) -> str | None:
    """`ab 14:00: nur Notfälle`: the comment the state takes on before it ends (`until`
    runs on over it), if one does."""
    st = ans.status
    if st.comment_until is None or not st.next_comment:
        return None
    return _("from {time}: {comment}", time=fmt_time(st.comment_until, instant, lang, _),
             comment=safe(words.get(st.next_comment, st.next_comment)))


def describe_state_long(ans: ChannelAnswer, instant: datetime, lang: str,
                        _: Callable[..., str], words: Mapping[str, str] = NO_WORDS) -> str:
    """describe_state with the detail: `unbekannt – Zeiten nicht veröffentlicht`."""
    detail = state_detail(ans, _, words)
    head = describe_state(ans, instant, lang, _)
    return f"{head} – {detail}" if detail else head


def holiday_closes(ans: ChannelAnswer, instant: datetime) -> bool:
    """True when the holiday changes this channel's day, so it is the reason it is closed."""
    weekday = instant.weekday()
    return ans.channel.hours.day(weekday, False) != ans.channel.hours.day(weekday, True)


def describe_hours(schedule: Schedule, lang: str, _: Callable[..., str],
                   leave_out: Callable[[str], bool] = lambda text: False,
                   words: Mapping[str, str] = NO_WORDS) -> str:
    """Weekly hours in words: `Mo–Do 08:00–16:00 · Fr 08:00–14:00`; holidays when they differ;
    the rules by date as written, but those LEAVE_OUT says another line describes."""
    days = [weekday_abbr(wd, lang) for wd in range(7)]
    if all(len(d) == 1 and (d[0].start, d[0].end, d[0].state) == (0, DAY, State.OPEN)
           for d in schedule.days):
        comment = schedule.days[0][0].comment
        return _("always") + (f" ({safe(words.get(comment, comment))})" if comment else "")
    groups: list[tuple[int, int, tuple[Segment, ...]]] = []
    for wd in range(7):
        segs = _reachable(_with_night(schedule, wd))
        if groups and groups[-1][2] == segs and groups[-1][1] == wd - 1:
            groups[-1] = (groups[-1][0], wd, segs)
        else:
            groups.append((wd, wd, segs))
    parts = []
    for first, last, segs in groups:
        if not segs:
            continue
        label = days[first] if first == last else f"{days[first]}–{days[last]}"
        parts.append(f"{label} {_segments_text(segs, _, words)}")
    holiday_days = {_reachable(schedule.day(wd, True)) for wd in range(7)}
    if holiday_days == {()}:
        parts.append(_("closed on public holidays"))
    elif holiday_days != {_reachable(schedule.day(wd, False)) for wd in range(7)}:
        parts.append(_("public holidays") + ": "
                     + " / ".join(_segments_text(h, _, words) or _("closed")
                                  for h in holiday_days))
    if schedule.dated is not None:  # the rules by date, as written (`Dec 24 off`)
        parts += [safe(text) for text in schedule.dated.texts if not leave_out(text)]
    return " · ".join(parts) if parts else _("closed")


def _reachable(segs: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """A day's open and unknown segments (not a closed stretch that carries a comment)."""
    return segs if all(s.state is not State.CLOSED for s in segs) else tuple(
        s for s in segs if s.state is not State.CLOSED)


def _with_night(schedule: Schedule, wd: int) -> tuple[Segment, ...]:
    """An ordinary weekday's segments, the last one carried on to where it ends on the next
    morning when it passes midnight (`22:00–02:00`)."""
    segs = schedule.day(wd, False)
    if len(schedule.days) == 14 or not segs or segs[-1].end != DAY:
        return segs
    after, alone = day_of(schedule.days, (wd + 1) % 7, wd), schedule.day((wd + 1) % 7, False)
    if not after or after[0].start or after == alone or (alone and alone[0] == after[0]):
        return segs
    last, night = segs[-1], after[0]
    if (night.state, night.comment) != (last.state, last.comment):
        return segs
    return (*segs[:-1], Segment(last.start, DAY + night.end, last.state, last.comment))


def _segments_text(segs: tuple[Segment, ...], _: Callable[..., str],
                   words: Mapping[str, str]) -> str:
    out = []
    for s in segs:
        if s.state is State.UNKNOWN and (s.start, s.end) == (0, DAY):
            text = _("unknown")
        else:  # (an end past midnight as the time of the next morning)
            text = f"{fmt_minutes(s.start)}–{fmt_minutes(s.end if s.end <= DAY else s.end - DAY)}"
            if s.state is State.UNKNOWN:
                text += " (" + _("unknown") + ")"
        if s.comment:
            text += f" ({safe(words.get(s.comment, s.comment))})"
        out.append(text)
    return ", ".join(out)
