"""The words the tool prints, in German (default) and English, from gettext catalogues.

Message ids are the English texts; the German ones live in
`locale/de/LC_MESSAGES/erreichbar.po`, compiled to the `.mo` beside it (see README,
"Translations"). The language is `--lang`, else the locale (LC_ALL, LC_MESSAGES, LANG,
LANGUAGE: English when it starts with "en"), else German, the language of the city's texts.

Messages raised deep inside (errors about a data file, an unknown NAME, a WHEN not
understood) use `_()`, which follows the language the command set with `set_language`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

LANGS = ("de", "en")
DOMAIN = "erreichbar"
LOCALE_DIR = Path(__file__).parent / "locale"

_current = {"lang": "de"}


def N_(msgid: str) -> str:
    return msgid


KINDS = {"phone": N_("Phone"), "visit": N_("Visit"), "email": N_("E-mail"),
         "online": N_("Online")}
STATES = {"open": N_("open"), "closed": N_("closed"), "unknown": N_("unknown")}
APPOINTMENTS = {"required": N_("appointment only"), "optional": N_("appointment possible"),
                "none": N_("no appointment")}
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
MONTHS = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"),
          N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))


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


@lru_cache(maxsize=4)
def _catalogue(lang: str):  # -> gettext.NullTranslations
    import gettext

    # English is the message ids themselves: no catalogue, and none is looked for.
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang],
                               fallback=True)


def translator(lang: str) -> Callable[..., str]:
    """`_(msgid, **fields)`: the message in `lang`, formatted with the fields."""
    catalogue = _catalogue(lang)

    def _(msgid: str, **fields: object) -> str:
        text = catalogue.gettext(msgid) if msgid else msgid  # "" is the catalogue's header
        return text.format(**fields) if fields else text

    return _


def set_language(lang: str) -> None:
    _current["lang"] = lang


def language() -> str:
    return _current["lang"]


def _(msgid: str, **fields: object) -> str:
    """The message in the language of the running command."""
    # (the body of translator()'s function, inline: checking a big file calls this often);
    # gettext("") would be the catalogue's header, not an empty text
    text = _catalogue(_current["lang"]).gettext(msgid) if msgid else msgid
    return text.format(**fields) if fields else text


def n_(singular: str, plural: str, n: int, **fields: object) -> str:
    """The form of a message for the number `n` (ngettext), in the language of the running
    command, formatted with the fields: `n_("{count} file", "{count} files", n, count=n)`.
    German has English's two forms (Plural-Forms: nplurals=2; plural=(n != 1))."""
    text = _catalogue(_current["lang"]).ngettext(singular, plural, n)
    return text.format(**fields) if fields else text


class Message:
    """A message translated when it is shown, not when it is made: for results that are
    kept across commands in other languages (the analysed hours are cached per text).
    Mark the id with N_() so that it is collected: `Message(N_("on {days}, ..."), days=...)`.
    """

    __slots__ = ("fields", "msgid")

    def __init__(self, msgid: str, **fields: object) -> None:
        self.msgid = msgid
        self.fields = fields

    def __str__(self) -> str:
        return _(self.msgid, **self.fields)

    def __repr__(self) -> str:
        return f"Message({self.msgid!r}, **{self.fields!r})"


def kind_name(kind: str, lang: str) -> str:
    return translator(lang)(KINDS[kind])


def state_name(state: str, lang: str) -> str:
    return translator(lang)(STATES[state])


def appointment_name(rule: str | None, lang: str) -> str:
    return translator(lang)(APPOINTMENTS[rule]) if rule else ""


def weekday_abbr(weekday: int, lang: str) -> str:
    return translator(lang)(WEEKDAYS[weekday])


def month_abbr(month: int, lang: str) -> str:
    return translator(lang)(MONTHS[month - 1])
