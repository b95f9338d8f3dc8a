"""iCalendar (RFC 5545) export of open windows: one event per window, so the file matches
the engine window for window, holidays and validity dates included, with no recurrence
rule for a calendar program to misread. Imported only by `erreichbar ics`.

The zone is written in the compact form calendar programs expect: one STANDARD and one
DAYLIGHT component, each with a yearly RRULE (Europe/Berlin: the last Sunday of March and
of October). icalendar's own VTIMEZONE lists every clock change as an RDATE, valid only
until 2038, and ical.js (Thunderbird) reads only the first RDATE of such a list, which
puts every summer event an hour late.
"""

from __future__ import annotations

import calendar as gregorian
import hashlib
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, cast

import icalendar

from erreichbar.i18n import appointment_name, kind_name
from erreichbar.render.text import safe

if TYPE_CHECKING:
    from erreichbar.answers.week import WindowsAnswer

PRODID = "-//erreichbar//erreichbar//DE"


def uid(office: str, unit: str | None, kind: str, start: datetime, sibling: int = 0) -> str:
    """Stable across runs: the same window always has the same UID, so a re-import updates
    events instead of doubling them. `sibling` tells apart two channels of one kind."""
    key = f"{office}/{unit or ''}/{kind}/{start.isoformat()}" + (f"/{sibling}" if sibling else "")
    return hashlib.sha256(key.encode()).hexdigest()[:32] + "@erreichbar"


def calendar(answer: WindowsAnswer, lang: str, stamp: datetime,
             _: Callable[..., str], words: Mapping[str, str] | None = None) -> bytes:
    """The windows as iCalendar; the data's texts in English where WORDS (its translations,
    for a calendar in English) give them."""
    return b"".join(calendar_chunks(answer, lang, stamp, _, words))


_END = b"END:VCALENDAR\r\n"


def calendar_chunks(answer: WindowsAnswer, lang: str, stamp: datetime,
                    _: Callable[..., str], words: Mapping[str, str] | None = None
                    ) -> Iterator[bytes]:
    """calendar() in pieces, each written as it is made: the calendar's head, its zone,
    each event, the end. The bytes are those icalendar writes for the whole calendar
    (each component serialises alone as it does within it), but neither the calendar nor
    its text is ever held whole: `ics --weeks 104 | head -1` over a country's channels
    ends at once."""
    head = icalendar.Calendar()
    head.add("prodid", PRODID)
    head.add("version", "2.0")
    head.add("calscale", "GREGORIAN")
    head.add("x-wr-timezone", answer.timezone)
    yield head.to_ical().removesuffix(_END)
    events = _events(answer, lang, stamp, _, words or {})
    # The zone comes before the events, as icalendar places it, and only in a calendar with
    # a timed event: the all-day events of closures before the first window wait for it.
    waiting = []
    for timed, event in events:
        waiting.append(event)
        if timed:
            yield from (zone.to_ical() for zone in _zones(answer, event))
            break
    yield from (event.to_ical() for event in waiting)
    yield from (event.to_ical() for _timed, event in events)
    yield _END


def _zones(answer: WindowsAnswer, timed: icalendar.Event) -> list[icalendar.Timezone]:
    """The VTIMEZONE of a calendar whose events are in the zone of TIMED: the compact one
    of yearly rules, else icalendar's own (every change an RDATE), as add_missing_timezones
    makes it for such an event."""
    probe = icalendar.Calendar()
    zone = yearly_zone(answer.timezone, answer.start.year - 1, answer.end.year)
    if zone is not None:
        probe.add_component(zone)
    probe.add_component(timed)
    probe.add_missing_timezones()  # a zone whose changes follow no yearly rule
    zones: list[icalendar.Timezone] = probe.timezones
    return zones


def _events(answer: WindowsAnswer, lang: str, stamp: datetime, _: Callable[..., str],
            words: Mapping[str, str]) -> Iterator[tuple[bool, icalendar.Event]]:
    """Each row's events as its row is made, each with whether it is timed (a window) or
    all day (a closure)."""
    seen: dict[tuple[str, str | None, str], int] = {}
    for row in answer.rows:
        ch = row.channel
        key = (row.office.id, ch.unit, ch.kind)
        sibling = seen.get(key, -1) + 1
        seen[key] = sibling
        # (text from a data file: a control character has no place in a calendar either)
        summary = safe(f"{row.name} – {kind_name(ch.kind, lang)}")
        contacts = (*ch.contacts, *(ch.via.contacts if ch.via else ()))
        phones = [c.value for c in contacts if c.kind == "phone"]
        head = [safe(f"{c.value} ({c.uri})") for c in contacts]
        if ch.appointment:
            head.append(_("Appointment") + ": " + appointment_name(ch.appointment, lang))
        tail = [_("Data as of {date}", date=answer.as_of.isoformat())]
        for window in row.windows:
            # (engine.windows() clips each window to the weeks asked: its start is set)
            start = cast(datetime, window.start)
            day = start.date()
            notes = [safe(words.get(n.text, n.text)) for n in ch.notes
                     if n.validity.covers(day)]
            event = icalendar.Event()
            event.add("uid", uid(row.office.id, ch.unit, ch.kind, start, sibling))
            event.add("dtstamp", stamp.astimezone(UTC))
            event.add("dtstart", start)
            event.add("dtend", window.end)
            event.add("summary", summary)
            if phones:
                event.add("location", safe(", ".join(phones)))
            event.add("description", "\n".join([*head, *notes, *tail]))
            event.add("transp", "TRANSPARENT")  # a phone window does not make you busy
            yield True, event
        for day, reason in row.closures:  # a day a rule by date closes: said, all day
            event = icalendar.Event()
            event.add("uid", uid(row.office.id, ch.unit, f"{ch.kind}/closed",
                                 datetime.combine(day, datetime.min.time()), sibling))
            event.add("dtstamp", stamp.astimezone(UTC))
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("summary", f"{summary}: {_('closed')} – {safe(reason)}")
            event.add("description", "\n".join([*head, *tail]))
            event.add("transp", "TRANSPARENT")
            yield False, event


def yearly_zone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone | None:
    """The zone's VTIMEZONE as one STANDARD and one DAYLIGHT component with a yearly RRULE,
    when every clock change from `first_year` to `last_year` follows those two rules (one
    STANDARD without a rule for a zone without changes); None when they do not. Each
    component starts at its change in `first_year`, at the wall-clock time before it."""
    from zoneinfo import ZoneInfo  # start-up: only the ics view

    zone = ZoneInfo(tzid)
    years = range(first_year, last_year + 1)
    changes = [list(_changes(zone, year)) for year in years]
    out = icalendar.Timezone()
    out.add("tzid", tzid)
    if not any(changes):
        start = datetime(first_year, 1, 1)
        offset = start.replace(tzinfo=zone).utcoffset()
        standard = icalendar.TimezoneStandard()
        standard.add("dtstart", start)
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        standard.add("tzname", start.replace(tzinfo=zone).tzname())
        out.add_component(standard)
        return out
    if any(len(year) != 2 for year in changes):
        return None
    for forward, kind in ((False, icalendar.TimezoneStandard),
                          (True, icalendar.TimezoneDaylight)):
        alike = [next(c for c in year if (c[2] > c[1]) == forward) for year in changes]
        rule = _yearly_rule(alike)
        if rule is None:
            return None
        onset, before, after, name = alike[0]
        part = kind()
        part.add("dtstart", onset)
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        part.add("tzname", name)
        part.add("rrule", rule)
        out.add_component(part)
    return out


Change = tuple[datetime, timedelta, timedelta, str]  # wall-clock onset, offsets, new name


def _changes(zone: tzinfo, year: int) -> Iterator[Change]:
    """The zone's clock changes in `year`: found day by day in UTC, then to the second."""

    def at(seconds: int) -> datetime:
        return datetime.fromtimestamp(seconds, UTC).astimezone(zone)

    def offset(seconds: int) -> timedelta:
        return at(seconds).utcoffset() or timedelta(0)

    day = int(datetime(year, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(year + 1, 1, 1, tzinfo=UTC).timestamp())
    while day < end:
        nxt = day + 86400
        if offset(day) != offset(nxt):
            low, high = day, nxt  # the offset changes after low, at or before high
            while high - low > 1:
                mid = (low + high) // 2
                low, high = (mid, high) if offset(mid) == offset(low) else (low, mid)
            before = offset(low)
            onset = datetime.fromtimestamp(high, UTC) + before
            yield onset.replace(tzinfo=None), before, offset(high), at(high).tzname() or ""
        day = nxt


def _yearly_rule(changes: list[Change]) -> dict[str, object] | None:
    """The RRULE that gives each of these changes (one a year, in consecutive years): the
    same month, weekday and time, on the last such weekday of the month or the n-th one;
    None if there is none, or if the offsets or names differ."""
    first, before, after, name = changes[0]
    if any((c[1], c[2], c[3]) != (before, after, name) for c in changes):
        return None
    if any((c[0].month, c[0].weekday(), c[0].time()) != (first.month, first.weekday(),
                                                           first.time()) for c in changes):
        return None
    weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[first.weekday()]
    if all(c[0].day + 7 > gregorian.monthrange(c[0].year, c[0].month)[1] for c in changes):
        nth = -1
    elif len({(c[0].day - 1) // 7 for c in changes}) == 1:
        nth = (first.day - 1) // 7 + 1
    else:
        return None
    return {"freq": "yearly", "bymonth": first.month, "byday": f"{nth}{weekday}"}
