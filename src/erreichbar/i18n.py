"""The words the tool prints, in German (default) and English, from gettext catalogues.

Message ids are the English texts; the German ones live in
`locale/de/LC_MESSAGES/erreichbar.po`, compiled to the `.mo` beside it (see CONTRIBUTING.md,
"Translations"). The language of a run is `--lang`, else `ERREICHBAR_LANG`, else the config
file's (`runner` settles that order), else the locale (`locale_language`), else German,
the language of the city's texts.

Messages raised deep inside (errors about a data file, an unknown NAME, a WHEN not
understood) use `_()`, which follows the language the command set with `set_language`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

LANGS = ("de", "en")
DOMAIN = "erreichbar"
LOCALE_DIR = Path(__file__).parent / "locale"

_current = {"lang": "de"}


def N_(msgid: str) -> str:
    return msgid


KINDS = {"phone": N_("Phone"), "visit": N_("Visit"), "email": N_("E-mail"),
         "online": N_("Online")}
STATES = {"open": N_("open"), "closed": N_("closed"), "unknown": N_("unknown"),
          "appointment": N_("by appointment only")}
APPOINTMENTS = {"required": N_("appointment only"), "optional": N_("appointment possible"),
                "none": N_("no appointment")}
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
MONTHS = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"),
          N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for, read as gettext reads it for messages.

    `LANGUAGE` first, a colon-separated list of preferences: its first entry in German or
    English (`LANGUAGE=fr:en` is English); ignored, as GNU gettext ignores it, when the
    locale is set to plain "C" or "POSIX" (what a script sets for output that does not
    depend on the user; "C.UTF-8" is only a UTF-8 locale and does not count). Else the
    first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set. On Windows, where none of them
    usually is, the user's display language. English when that is English, else German.

    >>> locale_language({"LANGUAGE": "fr:en", "LANG": "de_DE.UTF-8"})
    'en'
    >>> locale_language({"LANGUAGE": "en", "LC_ALL": "C"})
    'de'
    """
    env = os.environ if environ is None else environ
    locale = next((env[var] for var in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(var)),
                  "")
    if locale not in ("C", "POSIX"):
        for entry in env.get("LANGUAGE", "").split(":"):
            if _language_code(entry) in LANGS:
                return _language_code(entry)
    if not locale and sys.platform == "win32":
        locale = _windows_display_language()
    return "en" if _language_code(locale) == "en" else "de"


def _language_code(locale: str) -> str:
    """"en" of en_GB.UTF-8, "de" of de_AT@euro, "english" of Windows' English_Germany."""
    return locale.lower().replace("-", "_").partition(".")[0].partition("@")[0] \
        .partition("_")[0].replace("english", "en")


def _windows_display_language() -> str:
    """The language of the user's Windows display (GetUserDefaultUILanguage, e.g. de_DE),
    else the language of the user's locale as Python reads it; "" if neither can be had."""
    import locale  # only on Windows

    try:
        import ctypes  # only on Windows

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # on Windows only
        langid = kernel32.GetUserDefaultUILanguage()
        name = locale.windows_locale.get(int(langid), "")
        if name:
            return name
    except (ImportError, AttributeError, OSError, TypeError, ValueError):
        pass
    try:
        return locale.getlocale()[0] or ""
    except (ValueError, TypeError):
        return ""


@lru_cache(maxsize=4)
def _catalogue(lang: str) -> gettext.NullTranslations:
    import gettext  # (only when a message is first translated)

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
