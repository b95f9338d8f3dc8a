"""Words the tool prints, in German (default) and English.

Message ids are the English texts; `TRANSLATIONS` holds the German ones. The language is
`--lang`, else the locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE: English when it starts
with "en"), else German, the language of the city's own texts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

LANGS = ("de", "en")

KIND_NAMES = {
    "de": {"phone": "Telefon", "visit": "Vorsprache", "email": "E-Mail", "online": "Online"},
    "en": {"phone": "Phone", "visit": "Visit", "email": "E-mail", "online": "Online"},
}
STATE_NAMES = {
    "de": {"open": "offen", "closed": "geschlossen", "unknown": "unbekannt"},
    "en": {"open": "open", "closed": "closed", "unknown": "unknown"},
}
WEEKDAY_ABBR = {
    "de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
APPOINTMENT_NAMES = {
    "de": {"required": "nur mit Termin", "optional": "Termin möglich", "none": "ohne Termin"},
    "en": {"required": "appointment only", "optional": "appointment possible",
           "none": "no appointment"},
}

TRANSLATIONS: dict[str, str] = {
    "Reachable at {when}": "Erreichbar am {when}",
    "All channels at {when}": "Alle Kanäle am {when}",
    "Next reachable after {when}": "Als Nächstes erreichbar nach {when}",
    "Data as of {date}": "Stand der Angaben: {date}",
    "Warning: the data is from {date}, more than a year before {when}; hours may have changed.":
        "Achtung: Die Angaben sind vom {date}, mehr als ein Jahr vor dem {when}; "
        "die Zeiten können sich geändert haben.",
    "until {time}": "bis {time}",
    "closes in {minutes} min": "schließt in {minutes} Min.",
    "opens {time}": "öffnet {time}",
    "open now, until {time}": "jetzt offen, bis {time}",
    "open now": "jetzt offen",
    "from {start} to {end}": "{start} bis {end}",
    "no open window known": "kein offenes Zeitfenster bekannt",
    "times not published": "Zeiten nicht veröffentlicht",
    "closed: {holiday}": "geschlossen: {holiday}",
    "not yet valid (from {date})": "noch nicht gültig (ab {date})",
    "no longer valid (until {date})": "nicht mehr gültig (bis {date})",
    "Office": "Stelle",
    "State": "Status",
    "Contact": "Kontakt",
    "Appointment": "Termin",
    "Hours": "Zeiten",
    "Channel": "Kanal",
    "Channels": "Kanäle",
    "Name": "Name",
    "Notes": "Hinweise",
    "Planned": "Geplant",
    "Source": "Quelle",
    "Aliases": "Auch",
    "Services": "Leistungen",
    "File": "Datei",
    "Nothing is reachable at this time.": "Zu dieser Zeit ist nichts erreichbar.",
    "via {line}": "über {line}",
    "from {date}": "ab {date}",
    "until {date}": "bis {date}",
    "always": "immer",
    "public holidays": "Feiertage",
    "closed": "geschlossen",
    "unknown": "unbekannt",
    "closed on public holidays": "an Feiertagen geschlossen",
    "open": "offen",
    "{state}: {name} ({kind})": "{state}: {name} ({kind})",
    "contact on the office's pages": "Kontakt auf den Seiten des Amtes",
    "today": "heute",
    "Week {number} · {span}": "Woche {number} · {span}",
    "now": "jetzt",
    "Public holidays ({region})": "Feiertage ({region})",
    "tomorrow": "morgen",
}


def detect(lang: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language to use: --lang, else the locale, else German."""
    if lang:
        return lang
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "de"
    return "de"


def translator(lang: str) -> Callable[..., str]:
    """`_(msgid, **fields)`: the message in `lang`, formatted with the fields."""

    def _(msgid: str, **fields: object) -> str:
        text = TRANSLATIONS.get(msgid, msgid) if lang == "de" else msgid
        return text.format(**fields) if fields else text

    return _
