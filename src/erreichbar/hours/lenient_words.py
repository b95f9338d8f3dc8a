"""The words people type in hours, in German, English and French, and what each stands
for in the `opening_hours` syntax: the tables lenient.py reads a value with.

The forms and their meanings are those opening_hours.js corrects with a warning (its
`word_error_correction` table); `tous les jours`, `jeden Tag`, `Wochenende` and `week-end`
are read here too, as the words for "daily" and "weekend" they are.
"""

from __future__ import annotations

import re

# a day's or a month's name, whole or cut short (`Montags`, `Mon`, `lundi`, `januar`)
_DAY_WORDS = {
    "Mo": ("mo", "mon", "monday", "mondays", "montag", "montags", "lun", "lundi", "lundis",
           "lunes", "lunedì", "lunedi"),
    "Tu": ("tu", "tue", "tues", "tuesday", "tuesdays", "dienstag", "dienstags", "mardi",
           "mardis", "martes", "martedì", "martedi"),
    "We": ("we", "wed", "weds", "wednesday", "wednesdays", "mittwoch", "mittwochs", "mer",
           "mercredi", "mercredis", "miércoles", "miercoles", "mercoledì", "mercoledi"),
    "Th": ("th", "thu", "thur", "thurs", "thursday", "thursdays", "donnerstag",
           "donnerstags", "jeu", "jeudi", "jeudis", "jueves", "giovedì", "giovedi"),
    "Fr": ("fr", "fri", "friday", "fridays", "freitag", "freitags", "ven", "vendredi",
           "vendredis", "viernes", "venerdì", "venerdi"),
    "Sa": ("sa", "sat", "saturday", "saturdays", "samstag", "samstags", "sonnabend",
           "sonnabends", "sam", "samedi", "samedis", "sábado", "sabado", "sabato"),
    "Su": ("su", "sun", "sunday", "sundays", "sonntag", "sonntags", "dim", "dimanche",
           "dimanches", "domingo", "domenica"),
}
_MONTH_WORDS = {
    "Jan": ("jan", "january", "januar", "jänner", "jän", "janvier", "janv", "enero", "gennaio"),
    "Feb": ("feb", "february", "februar", "févr", "fevr", "février", "fevrier", "febrero",
            "febbraio"),
    "Mar": ("mar", "march", "märz", "maerz", "mär", "mrz", "mars", "marzo"),
    "Apr": ("apr", "april", "avr", "avril", "abril", "aprile"),
    "May": ("may", "mai", "mayo", "maggio"),
    "Jun": ("jun", "june", "juni", "juin", "junio", "giugno"),
    "Jul": ("jul", "july", "juli", "juil", "juillet", "julio", "luglio"),
    "Aug": ("aug", "august", "août", "aout", "agosto"),
    "Sep": ("sep", "sept", "september", "septembre", "septiembre", "settembre"),
    "Oct": ("oct", "october", "okt", "oktober", "octobre", "octubre", "ottobre"),
    "Nov": ("nov", "november", "novembre", "noviembre"),
    "Dec": ("dec", "december", "dez", "dezember", "déc", "décembre", "decembre", "diciembre",
            "dicembre"),
}
# words for "to" and "and" between days or times (`Mo bis Fr`, `Mo and We`; Spanish and
# Portuguese `a`, `as`, `á`, `às`, `ate`, Russian `до`, as opening_hours.js reads them)
_TO_WORDS = ("to", "till", "til", "until", "through", "thru", "bis", "à", "au", "a", "as",
             "á", "ás", "às", "ate", "до")
_AND_WORDS = ("and", "und", "et", "u", "auch")
# words that say nothing the syntax needs (`9-12 Uhr`, `von 9 bis 12`)
_SILENT_WORDS = ("uhr", "hours", "hrs", "von", "from", "ab", "geöffnet", "durchgehend",
                 "zwischen", "ist", "season")
# words for closed, for holidays and for days of work
_OTHER_WORDS = {
    "off": ("geschlossen", "geschl", "ruhetag", "ruhetage", "except", "fermé", "ferme",
            "gesloten"),
    "PH": ("feiertag", "feiertage", "feiertags", "feiertagen", "holiday", "holidays"),
    "SH": ("ferien", "schulferien"),
    "Mo-Sa": ("werktag", "werktags"),
    "Mo-Fr": ("weekday", "weekdays", "wd"),
    "24/7": ("always", "nonstop", "anytime", "24x7"),
    "00:00": ("midnight",),
    "12:00": ("midday",),
}

WORDS: dict[str, str] = {}
for _standard, _words in (*_DAY_WORDS.items(), *_MONTH_WORDS.items()):
    WORDS.update((word, _standard) for word in _words)
WORDS.update((word, "-") for word in _TO_WORDS)
WORDS.update((word, ",") for word in _AND_WORDS)
WORDS.update((word, "") for word in _SILENT_WORDS)
for _standard, _words in _OTHER_WORDS.items():
    WORDS.update((word, _standard) for word in _words)

# a word of the table, with the dot of an abbreviation (`Mo.`, `Jan.`); longest first, so
# that `Montags` is read whole and not as `Mon` and a rest
WORD = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, WORDS), key=len, reverse=True))
                  + r")(\.(?!\d))?(?!\w)", re.IGNORECASE)

# phrases of more than one word, read before the words: "daily", "weekend", "all day"
PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), standard) for pattern, standard in (
        (r"(?<!\w)opening_hours\s*=|(?<!\w)öffnungszeit(?:en)?(?!\w):?", ""),
        (r"(?<!\w)(?:24\s*hours\s*7\s*days\s*a\s*week|always\s+open|all\s+day)(?!\w)",
         "24/7"),
        (r"(?<!\w)always\s+closed(?!\w)", "closed"),
        (r"(?<!\w)7\s*days\s*(?:a|/)\s*week(?!\w)", "Mo-Su"),
        (r"(?<!\w)24\s*(?:hours|hrs|h|std\.?|stunden)(?:\s*(?:/|a)\s*24)?(?!\w)",
         "00:00-24:00"),
        (r"(?<!\w)(?:an|nur)?\s?sonn-?(?:\s+und\s+|/)feiertag(?:s|en?)?(?!\w)", "PH,Su"),
        (r"(?<!\w)(?:one\s+)?day\s+after\s+(?:public\s+)?holidays?(?!\w)", "PH +1 day"),
        (r"(?<!\w)(?:one\s+)?day\s+before\s+(?:public\s+)?holidays?(?!\w)", "PH -1 day"),
        (r"(?<!\w)(?:public\s+holidays?|jours\s+fériés)(?!\w)", "PH"),
        (r"(?<!\w)school\s*holidays?(?!\w)", "SH"),
        (r"(?<!\w)on\s+work\s+days?(?!\w)", "Mo-Fr"),
        (r"(?<!\w)nach[ _]vereinbarung(?!\w)", '"Nach Vereinbarung"'),
        (r"(?<!\w)nach[ _]absprache(?!\w)", '"Nach Absprache"'),
        (r"(?<!\w)on[ _]appointments?(?!\w)", '"on appointment"'),
        (r"(?<!\w)by[ _]appointments?(?!\w)", '"by appointment"'),
        (r"(?<!\w)sur[ _](?:rendez[ _-]?vous|rdv)(?!\w)", '"Sur rendez-vous"'),
        (r"(?<!\w)(?:daily|every\s*day|all\s+days|täglich|tous\s+les\s+jours"
         r"|jeden\s+tag|7\s*j?\s*/\s*7)(?!\w)", "Mo-Su"),
        (r"(?<!\w)(?:week-?ends?|wochenenden?|fins?\s+de\s+semaine)(?!\w)", "Sa,Su"),
    ))

# an open end written as a word: `17:00-late`, `17:00 bis Open End`, `17:00-openend`
OPEN_END = re.compile(r"(?:\s*(?:-|\bbis\b|\btill?\b)\s*|\s+)(?:open\s*end|late)(?!\w)",
                      re.IGNORECASE)

# the 12-hour clock: `10am`, `12:00 a.m.`, `10 pm`
TWELVE_HOUR = re.compile(r"(?<![\d:.])(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\.?(?!\w)",
                         re.IGNORECASE)


def twenty_four_hour(m: re.Match[str]) -> str:
    """`10pm` as `22:00`, `12am` as `00:00`, `12pm` as `12:00`; `25am` as it is (no hour
    of a 12-hour clock: the value is refused, as opening_hours.js refuses it)."""
    if int(m.group(1)) > 12:
        return m.group()
    hour = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0)
    return f"{hour:02d}:{m.group(2) or '00'}"


# a time in superscript or subscript digits, or with `°` for a zero (`₀₀₃₀`, `12°°`,
# `00³°`, `₀:₃₀`): its hour and minutes, as opening_hours.js reads them
_ODD = "⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉°"
ODD_TIME = re.compile(rf"(?<![\w:])([0-9{_ODD}]+)(?::([0-9{_ODD}]+))?(?![\w:])")
_ODD_DIGITS = str.maketrans(dict(zip(_ODD, "01234567890123456789" + "0", strict=True)))
_SUBSCRIPT = frozenset("₀₁₂₃₄₅₆₇₈₉")


def odd_digit_time(m: re.Match[str]) -> str:
    """`HH:MM` for a time written in other digits; the text as it is where it has none (or
    is no time): the hour before the `:`, or before the first of the other digits after
    ordinary ones (`12°°`), or before a change between superscript and subscript
    (`₁₄⁰⁹`), or the first two of four."""
    text, minutes = m.group(1), m.group(2)
    if not any(c in _ODD for c in m.group()):
        return m.group()
    if minutes is None:
        cut = next((i for i, c in enumerate(text) if c in _ODD), 0) or next(
            (i for i in range(1, len(text))
             if (text[i] in _SUBSCRIPT) != (text[i - 1] in _SUBSCRIPT)), 0)
        if not cut and len(text) == 4:
            cut = 2
        if not cut:
            return text.translate(_ODD_DIGITS)
        text, minutes = text[:cut], text[cut:]
    hour, minute = int(text.translate(_ODD_DIGITS)), int(minutes.translate(_ODD_DIGITS))
    if hour > 48 or minute > 59:
        return m.group().translate(_ODD_DIGITS)
    return f"{hour:02d}:{minute:02d}"


# characters that stand for others: dashes, tildes and `→` for `-`, full-width, superscript
# and subscript digits for digits, a full-width colon for `:`, `&` for `,` (as
# opening_hours.js reads them)
CHARACTERS = str.maketrans({
    "–": "-", "—": "-", "‑": "-", "‐": "-", "‒": "-", "−": "-", "~": "-", "～": "-",
    "→": "-", "ー": "-",
    "：": ":", "&": ",",
    **{chr(0xFF10 + d): str(d) for d in range(10)},
    **dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789", strict=True)),
    **dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789", strict=True)),
})
# and, read after the phrases that hold them (`nach_vereinbarung`, `opening_hours=`), `=`
# and `_` for `-`
LINKS = str.maketrans({"=": "-", "_": "-"})
