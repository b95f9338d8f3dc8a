"""iCalendar (RFC 5545) export of open windows: one event per window, so the file matches
the engine window for window, holidays and validity dates included, with no recurrence
rule for a calendar program to misread. Imported only by `erreichbar ics`."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import icalendar

from ..i18n import appointment_name, kind_name

if TYPE_CHECKING:
    from ..answers_week import WindowsAnswer

PRODID = "-//erreichbar//erreichbar//DE"


def uid(office: str, unit: str | None, kind: str, start: datetime, sibling: int = 0) -> str:
    """Stable across runs: the same window always has the same UID, so a re-import updates
    events instead of doubling them. `sibling` tells apart two channels of one kind."""
    key = f"{office}/{unit or ''}/{kind}/{start.isoformat()}" + (f"/{sibling}" if sibling else "")
    return hashlib.sha256(key.encode()).hexdigest()[:32] + "@erreichbar"


def calendar(answer: WindowsAnswer, lang: str, stamp: datetime,
             _: Callable[..., str]) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-timezone", answer.timezone)
    seen: dict[tuple[str, str | None, str], int] = {}
    for row in answer.rows:
        ch = row.channel
        key = (row.office.id, ch.unit, ch.kind)
        sibling = seen.get(key, -1) + 1
        seen[key] = sibling
        summary = f"{row.name} – {kind_name(ch.kind, lang)}"
        contacts = (*ch.contacts, *(ch.via.contacts if ch.via else ()))
        phones = [c.value for c in contacts if c.kind == "phone"]
        head = [f"{c.value} ({c.uri})" for c in contacts]
        if ch.appointment:
            head.append(_("Appointment") + ": " + appointment_name(ch.appointment, lang))
        tail = [_("Data as of {date}", date=answer.as_of.isoformat())]
        for window in row.windows:
            day = window.start.date()
            notes = [n.text for n in ch.notes if n.validity.covers(day)]
            event = icalendar.Event()
            event.add("uid", uid(row.office.id, ch.unit, ch.kind, window.start, sibling))
            event.add("dtstamp", stamp.astimezone(UTC))
            event.add("dtstart", window.start)
            event.add("dtend", window.end)
            event.add("summary", summary)
            if phones:
                event.add("location", ", ".join(phones))
            event.add("description", "\n".join([*head, *notes, *tail]))
            event.add("transp", "TRANSPARENT")  # a phone window does not make you busy
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
