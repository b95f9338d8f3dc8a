"""One OpenStreetMap object's tags -> an office of the data format (a plain mapping, as
the YAML file writes it), and the warnings about values that could not be read.

- `opening_hours` is the visit channel (none: `unknown`), `opening_hours:phone` the phone
  channel's hours; `phone`/`contact:phone` the phone contacts, `email`/`contact:email` an
  e-mail channel, `website`/`contact:website` an online channel (both `24/7`, as the
  bundled data has them: they take messages at any hour);
- `addr:*` the address, `wheelchair` and `description` notes;
- `check_date` the date of the office's facts, `check_date:opening_hours` of its hours
  (also where it confirms that there are none: `opening_hours:signed=no`, a note).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from erreichbar.data.contacts import usable
from erreichbar.errors import HoursError
from erreichbar.hours.reader import standard_value
from erreichbar.i18n import _
from erreichbar.importer.objects import CREDIT, OsmObject

# What `wheelchair` says, as a note in German (the data's language) and its English
WHEELCHAIR = {
    "yes": ("Rollstuhlgerecht (OpenStreetMap: wheelchair=yes)",
            "Wheelchair accessible (OpenStreetMap: wheelchair=yes)"),
    "limited": ("Eingeschränkt rollstuhlgerecht (OpenStreetMap: wheelchair=limited)",
                "Partly wheelchair accessible (OpenStreetMap: wheelchair=limited)"),
    "no": ("Nicht rollstuhlgerecht (OpenStreetMap: wheelchair=no)",
           "Not wheelchair accessible (OpenStreetMap: wheelchair=no)"),
}
UNSIGNED = ("Öffnungszeiten nicht ausgeschildert (OpenStreetMap: opening_hours:signed=no)",
            "Opening hours not posted (OpenStreetMap: opening_hours:signed=no)")
UNREAD = "Öffnungszeiten in OpenStreetMap, nicht lesbar: {value}"
UNREAD_EN = "Opening hours in OpenStreetMap, not readable: {value}"
# Each channel whose hours a key gives
HOURS_KEYS = {"visit": "opening_hours", "phone": "opening_hours:phone"}
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(slots=True)
class Office:
    """An office as it is written, the sources it names, the English of its notes."""

    entry: dict[str, Any]
    sources: dict[str, dict[str, str]]
    translations: dict[str, str] = field(default_factory=dict)


def office(obj: OsmObject, warn: Callable[[str], None]) -> Office:
    """The office OBJ describes; WARN hears of each value that could not be read (it names
    the object and links to it, so that someone can fix it there)."""
    t = obj.tags
    key = f"osm-{obj.ref}"
    sources = {key: source(obj, _checked(t.get("check_date")))}
    out = Office({"id": key, "name": name(obj)}, sources)
    out.entry["source"] = key
    notes = _notes(obj, out)
    channels = [ch for ch in (_timed("visit", obj, out, warn), _timed("phone", obj, out, warn),
                              _always("email", obj, warn), _always("online", obj, warn))
                if ch is not None]
    out.entry["channels"] = channels
    address = _address(t)
    if address:
        out.entry["address"] = address
    if notes:
        out.entry["notes"] = notes
    return out


def source(obj: OsmObject, checked: str | None = None, what: str = "") -> dict[str, str]:
    """The source of OBJ's facts: type, id, version and time of its last edit, the credit
    the ODbL asks for, its link; dated by the check_date given, else by that edit."""
    title = f"OpenStreetMap {obj.kind} {obj.id}"
    if obj.version is not None:
        title += f", version {obj.version}"
    if obj.timestamp is not None:
        title += f", {obj.timestamp.strftime('%Y-%m-%dT%H:%M:%SZ')}"
    out = {"title": title + what, "publisher": CREDIT}
    when = checked or (obj.timestamp.date().isoformat() if obj.timestamp else None)
    if when:
        out["date"] = when
    out["url"] = obj.link
    return out


def name(obj: OsmObject) -> str:
    t = obj.tags
    for k in ("name", "official_name", "short_name", "operator"):
        if t.get(k, "").strip():
            return t[k].strip()
    kind = t.get("government") or t.get("amenity") or t.get("office") or "office"
    return f"{kind} {obj.ref}"


def slug(text: str) -> str:
    """A readable id for TEXT: `Rotes Rathaus` -> `rotes-rathaus`.

    >>> slug("Bürgeramt Hoyerswerda"), slug("Finanzamt (Außenstelle)")
    ('buergeramt-hoyerswerda', 'finanzamt-aussenstelle')
    """
    text = text.lower().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _checked(value: str | None) -> str | None:
    """A check_date as the data format writes dates, where it is a real date."""
    if value is None or not _DATE.fullmatch(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def _timed(kind: str, obj: OsmObject, out: Office, warn: Callable[[str], None]
           ) -> dict[str, Any] | None:
    """The visit or phone channel, its hours from its key (or `unknown`)."""
    t = obj.tags
    contacts = _contacts("phone", obj, warn) if kind == "phone" else []
    written = t.get(HOURS_KEYS[kind])
    if kind == "phone" and not contacts and written is None:
        return None
    channel: dict[str, Any] = {"kind": kind, "hours": "unknown"}
    if written is not None:
        hours = readable_hours(written)
        if hours is None:
            warn(_("{link}: {key}={value} cannot be read; imported as unknown hours, "
                   "the value kept in a note", link=obj.link, key=HOURS_KEYS[kind],
                   value=repr(written)))
            note = UNREAD.format(value=written)
            out.translations[note] = UNREAD_EN.format(value=written)
            channel["notes"] = [note]
        else:
            channel["hours"] = hours
    checked = _checked(t.get(f"check_date:{HOURS_KEYS[kind]}"))
    if checked is not None:  # (also where it confirms that no hours are given)
        key = f"osm-{obj.ref}-{kind}"
        out.sources[key] = source(obj, checked, f", {HOURS_KEYS[kind]} checked")
        channel["source"] = key
    if contacts:
        channel["contacts"] = contacts
    return channel


def readable_hours(value: str) -> str | None:
    """VALUE in the standard form where the hours language reads it, else None."""
    try:
        return standard_value(value)
    except HoursError:
        return None


def _always(kind: str, obj: OsmObject, warn: Callable[[str], None]) -> dict[str, Any] | None:
    contacts = _contacts("email" if kind == "email" else "url", obj, warn)
    if not contacts:
        return None
    return {"kind": kind, "hours": "24/7", "contacts": contacts}


def _contacts(kind: str, obj: OsmObject, warn: Callable[[str], None]) -> list[dict[str, str]]:
    """The values of `KIND` and `contact:KIND` (`;` between several), each once."""
    key = {"phone": "phone", "email": "email", "url": "website"}[kind]
    values: list[str] = []
    # `;` separates values in OpenStreetMap; mappers also write `,` between e-mail
    # addresses, which no address contains
    separators = r"[;,]" if kind == "email" else ";"
    for k in (key, f"contact:{key}"):
        values += [v.strip() for v in re.split(separators, obj.tags.get(k, "")) if v.strip()]
    out = []
    for value in dict.fromkeys(values):
        written = _phone(value) if kind == "phone" else value
        if usable(kind, written):
            out.append({kind: written})
        else:
            warn(_("{link}: {key}={value} cannot be read; left out", link=obj.link,
                   key=key, value=repr(value)))
    return out


def _phone(value: str) -> str:
    """A number as mappers write it, in the form the data format reads: `+49 (0)30 123`
    and `+49 30.123` -> `+49 30 123`."""
    value = value.replace("(0)", "").replace(".", " ")
    return re.sub(r"\s+", " ", value).strip()


def _address(t: dict[str, str]) -> dict[str, str] | None:
    street = t.get("addr:street") or t.get("addr:place")
    postcode, city = t.get("addr:postcode"), t.get("addr:city")
    if not (street and postcode and city):
        return None
    number = t.get("addr:housenumber")
    return {"street": f"{street} {number}" if number else street, "postcode": postcode,
            "city": city}


def _notes(obj: OsmObject, out: Office) -> list[str]:
    notes = []
    wheelchair = WHEELCHAIR.get(obj.tags.get("wheelchair", ""))
    if wheelchair is not None:
        notes.append(wheelchair[0])
        out.translations[wheelchair[0]] = wheelchair[1]
    if obj.tags.get("opening_hours:signed") == "no":
        notes.append(UNSIGNED[0])
        out.translations[UNSIGNED[0]] = UNSIGNED[1]
    description = obj.tags.get("description", "").strip()
    if description:
        notes.append(description)
    return notes
