"""Both languages complete: the catalogue matches the code, and no word of the other
language's interface shows up in a rendered command (text from the data excepted)."""

from __future__ import annotations

import codecs
import re
import sys

import pytest

from helpers import DATA_HEAD, ROOT, WED, run_cli, terminal

sys.path.insert(0, str(ROOT / "scripts"))
import i18n as catalogue_tool

WHEN = ["--at", "2024-03-28T10:50"]  # a Thursday before Karfreitag; a window closes soon
COMMANDS = [
    ["now", *WHEN], ["now", "--all", *WHEN], ["next", "mainarbeit", *WHEN],
    ["next", "sozialamt", "--at", "2024-03-29T10:00"], ["office", "mainarbeit", *WHEN],
    ["office", "auslaenderamt", "--at", "2024-03-29T10:00"], ["check", "sozialamt", *WHEN],
    ["check", "mainarbeit/telefonzentrale", "--at", "2024-03-29T10:00"], ["list"],
    ["week", *WHEN], ["holidays", "--year", "2024"], ["office", "sozialamt", "--at",
                                                     "2026-11-22T10:00"],
    # 24 and 31 December (special days), the ZeBuSS visit, visits by appointment at night
    ["now", "--at", "2026-12-24T10:00"], ["office", "wohnungsamt", "--at", "2026-12-31T10:00"],
    ["now", "-c", "visit", "--at", "2026-01-05T20:00"],
]
GERMAN_UI = ["Telefon", "Vorsprache", "geschlossen", "offen", "unbekannt", "bis", "Stand",
             "Angaben", "Termin", "Woche", "jetzt", "öffnet", "Feiertage", "Hinweise",
             "Quelle", "Zeiten", "Leistungen", "Geplant", "Erreichbar", "morgen", "schließt",
             "Kanäle", "Stelle", "immer", "Achtung", "Di", "Mi", "Do", "So", "Karfreitag",
             "Nummer", "Mailadresse", "Datum", "veröffentlicht"]
ENGLISH_UI = ["Phone", "Visit", "closed", "open", "unknown", "until", "Data as of", "Week",
              "now", "opens", "Notes", "Source", "Hours", "Services", "Planned", "Reachable",
              "tomorrow", "closes", "Channels", "always", "Warning", "Tue", "Wed", "Thu",
              "Good Friday", "appointment", "Appointment", "undated", "Number", "address",
              "published"]


def data_texts() -> list[str]:
    """Every piece of text the data file contributes (it is German whatever the language)."""
    import yaml

    doc = yaml.safe_load((ROOT / "data" / "offices.yaml").read_text("utf-8"))
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            out.append(node)
            out.extend(re.findall(r'"([^"]*)"', node))  # comments inside hours

    walk(doc)
    return sorted(set(out), key=len, reverse=True)


def flat(text: str) -> str:
    """TEXT with every run of whitespace (a line break too) one space."""
    return " ".join(text.split())


def render(args: list[str], lang: str) -> str:
    """The output of a drawn run with the data file's texts taken out, as one line: the view
    may break a long text over lines anywhere it finds a space, so the output and each text
    are compared with their whitespace collapsed."""
    result = run_cli([*args, "--lang", lang], {"FORCE_COLOR": "1", "NO_COLOR": "1",
                                               "COLUMNS": "500"})
    text = result.output
    text = flat(re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", text))
    for piece in sorted({flat(p) for p in data_texts()} - {""}, key=len, reverse=True):
        text = text.replace(piece, " ")
    return text


def leaked(text: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_english_output_has_no_german_ui_words(args):
    assert leaked(render(args, "en"), GERMAN_UI) == []


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_german_output_has_no_english_ui_words(args):
    assert leaked(render(args, "de"), ENGLISH_UI) == []


def test_each_language_uses_its_own_words():
    assert leaked(render(["now", *WHEN], "de"), ["Telefon", "bis", "Quelle", "Termin"]) == [
        "Telefon", "bis", "Quelle", "Termin"]
    assert leaked(render(["now", *WHEN], "en"), ["Phone", "until", "Source",
                                                 "Appointment"]) == [
        "Phone", "until", "Source", "Appointment"]


def data_translations() -> list[str]:
    """The English the data file gives for its own texts: of the assumptions, the special
    days and the comments in the hours (`translations:`)."""
    import yaml

    doc = yaml.safe_load((ROOT / "data" / "offices.yaml").read_text("utf-8"))
    return [*(a["en"] for a in doc["assumptions"].values()),
            *(d["en"] for d in doc["special_days"]), *doc["translations"].values()]


DRAWN = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "500"}  # a terminal's view, no escapes


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_german_output_shows_the_data_in_german(args):
    """render() takes the data's texts out, its English too: so here, apart, that a German
    view never shows the English the data gives for a text, and the English view shows it
    where the German view shows the text."""
    flat_de = flat(run_cli([*args, "--lang", "de"], DRAWN).out)
    flat_en = flat(run_cli([*args, "--lang", "en"], DRAWN).out)
    for english in data_translations():
        assert flat(english) not in flat_de, english
    import yaml

    doc = yaml.safe_load((ROOT / "data" / "offices.yaml").read_text("utf-8"))
    pairs = [(a["text"], a["en"]) for a in doc["assumptions"].values()]
    pairs += [(d["reason"], d["en"]) for d in doc["special_days"]]
    for german, english in pairs:
        if flat(german) in flat_de:
            assert flat(english) in flat_en and flat(german) not in flat_en, german


def test_every_message_in_the_code_has_a_german_translation():
    catalogue = catalogue_tool.load()
    translated = {m.id: m.string for m in catalogue if m.id}
    in_code = {m.id for m in catalogue_tool.extract() if m.id}
    # a plural message (its id the pair of English forms) needs every German form
    missing = sorted(in_code - {m.id for m in catalogue if m.id and catalogue_tool.translated(m)},
                     key=str)
    assert missing == [], "run: python scripts/i18n.py update, then translate"
    assert sorted(set(translated) - in_code) == [], "unused messages in the catalogue"


def meaning_of_po(catalogue) -> tuple[dict, str | None]:
    """What a gettext reader should find for the .po: each translated, non-fuzzy message
    under the key gettext uses (msgid, or (msgid, n) for each plural form; a context is
    "ctxt\x04msgid"), and the plural rule."""
    entries = {}
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        key = ids[0] if not message.context else f"{message.context}\x04{ids[0]}"
        if isinstance(message.string, tuple):
            if all(message.string):
                entries.update({(key, n): text for n, text in enumerate(message.string)})
        elif message.string:
            entries[key] = message.string
    return entries, catalogue.plural_forms


def test_compiled_catalogue_says_what_the_po_says():
    """The shipped .mo, read by the same gettext the tool uses, holds exactly the
    translations, plural rule and encoding of the .po: compared by meaning, so a compiler's
    own header bytes (Babel writes its version into it) do not matter."""
    import gettext

    with catalogue_tool.MO.open("rb") as fh:
        shipped = gettext.GNUTranslations(fh)
    entries = {k: v for k, v in shipped._catalog.items() if k != ""}  # "" is the header
    po = catalogue_tool.load()
    want_entries, want_plural = meaning_of_po(po)
    assert entries == want_entries, "run: python scripts/i18n.py compile"
    # the plural rule: the same number of forms, and the same form for every n
    want_n, want_rule = plural_rule(want_plural)
    got_n, _ = plural_rule(shipped.info().get("plural-forms", ""))
    assert got_n == want_n
    assert [shipped.plural(n) for n in range(201)] == [want_rule(n) for n in range(201)]
    assert all(key[1] < want_n for key in entries if isinstance(key, tuple))
    # the encoding: the same codec, however it is spelled
    assert codecs.lookup(shipped.charset()).name == codecs.lookup(po.charset).name
    assert len(entries) > 100


def plural_rule(header: str):
    """A Plural-Forms header ("nplurals=2; plural=(n != 1);") as the number of forms and
    the rule as a function, compiled the way gettext compiles it."""
    import gettext

    m = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", header)
    assert m, header
    return int(m.group(1)), gettext.c2py(m.group(2))


def test_placeholders_survive_translation():
    """Every form of a translation has the placeholders of its message id (a plural
    message: those of its English forms)."""
    catalogue = catalogue_tool.load()
    for message in catalogue:
        if message.id and message.string:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            want = {p for text in ids for p in re.findall(r"{\w+}", text)}
            for form in forms:
                assert set(re.findall(r"{\w+}", form)) == want, message.id


def test_plural_messages_take_the_form_of_their_number():
    """ngettext through n_(): German, like English, has one form for 1 and another for
    every other number, 0 included (Plural-Forms: nplurals=2; plural=(n != 1))."""
    from erreichbar.i18n import n_, set_language

    forms = {"de": ("Warnung", "Warnungen"), "en": ("warning", "warnings")}
    for lang, (one, other) in forms.items():
        set_language(lang)
        for n in (0, 1, 2, 5, 11, 21, 101):
            assert n_("{count} warning", "{count} warnings", n, count=n) == \
                f"{n} {one if n == 1 else other}"
    plurals = [m for m in catalogue_tool.load() if isinstance(m.id, tuple)]
    assert len(plurals) >= 4
    assert all(len(m.string) == 2 and all(m.string) for m in plurals)


def test_validate_counts_in_singular_and_plural(broken, tmp_path):
    """One file with five errors and one warning, two files with the same: each count in
    the form of its number, in both languages."""
    again = tmp_path / "kaputt-2.yaml"
    again.write_text(BROKEN, encoding="utf-8")
    again = str(again)
    for lang, one, two in (
            ("de", "5 Fehler, 1 Warnung in 1 Datei", "10 Fehler, 2 Warnungen in 2 Dateien"),
            ("en", "5 errors, 1 warning in 1 file", "10 errors, 2 warnings in 2 files")):
        assert one in " ".join(run_in(lang, ["validate", broken]).split())
        assert two in " ".join(run_in(lang, ["validate", broken, again]).split())


# --- errors, warnings and help: the tool's own words, in the language of the run ------------

BROKEN = DATA_HEAD + """\
offices:
  - id: "amt"
    name: "Amt"
    source: "s"
    colour: "red"
    channels:
      - kind: "phone"
        hours: "Mo-Fr 25:00-26:00"
      - kind: "visit"
        hours: "Mo-Fr 08:00-12:00; Mo 14:00-16:00"
      - hourz: "Mo-Fr 08:00-12:00"
"""
# Words of English messages and help texts (not command names, option values, YAML keys
# or the tokens of the hours syntax, which stay as they are in both languages)
ENGLISH_WORDS = ["the", "is", "are", "not", "and", "or", "of", "with", "to", "must", "found",
                 "missing", "allowed", "mean", "see", "Usage", "Options", "Commands",
                 "Arguments", "Examples", "Example", "Show", "message", "default", "errors",
                 "warnings", "files", "error(s)", "warning(s)", "file(s)",
                 "accepted", "today", "tomorrow", "matches", "shows",
                 "understand", "Exit codes", "Which", "Language", "replaces", "later"]
GERMAN_WORDS = [*GERMAN_UI, "keine", "passt", "zeigt", "ist", "möglich", "sind", "heute",
                "unbekannter", "Schlüssel", "erlaubt", "Uhrzeit", "fehlt", "Fehler", "Warnung",
                "Datei", "siehe", "Aufruf", "Optionen", "Befehle", "Beispiele", "Hilfe",
                "Sprache", "oder", "und", "nicht", "der", "die", "das", "muss", "Sie", "ersetzt"]
LOCALES = {"de": "de_DE.UTF-8", "en": "en_US.UTF-8"}


def run_in(lang: str, args: list[str], env: dict[str, str | None] | None = None) -> str:
    """stdout and stderr of a run whose locale is LANG's (no --lang), as one text."""
    result = run_cli(args, {"LANG": LOCALES[lang], "NO_COLOR": "1", "COLUMNS": "100",
                            **(env or {})})
    return result.output


@pytest.fixture
def broken(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "kaputt.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return str(path)


def weeks_default_and_range(word: str) -> list[re.Pattern[str]]:
    """What the help of --weeks must say, however Click lays it out: its default, 4, after
    the word WORD, and the range that ends at 104 (not our own "(1-104)" in the text)."""
    option = r"--weeks\b(?:(?!\s-{1,2}[a-z]).)*?"  # within the help of --weeks only
    return [re.compile(rf"{option}\b{word}\b\W{{0,3}}4\b"),
            re.compile(rf"{option}(?<!\(1-)\b104\b")]


ERROR_CASES = {
    "unknown NAME": (["next", "nixda"], {
        "de": ["keine Stelle, Einheit oder Leistung passt zu 'nixda'", "zeigt alle"],
        "en": ["no office, unit or service matches 'nixda'", "shows all"]}),
    "bad --at": (["now", "--at", "foo"], {
        "de": ["--at 'foo' ist keine Zeitangabe", "möglich sind", "morgen 9:00", "jetzt"],
        "en": ["--at 'foo' is not a time", "accepted", "tomorrow 9:00", "now"]}),
    "date that does not exist": (["now", "--at", "30.2.2024 10:00"], {
        "de": ["diesen Tag hat der Monat nicht"], "en": ["day is out of range for month"]}),
    "bad --channel": (["now", "--channel", "fax"], {
        "de": ["--channel 'fax': möglich sind telefon"], "en": ["--channel 'fax': use phone"]}),
    "broken data file": (["validate", "FILE"], {
        "de": ["FILE:12:5: error: Stelle: unbekannter Schlüssel 'colour'", "ist keine Uhrzeit",
               "Kanal: 'hours' fehlt", "warning: hours", "ersetzt",
               "5 Fehler, 1 Warnung in 1 Datei"],
        "en": ["FILE:12:5: error: office: unknown key 'colour'", "is not a time",
               "channel: 'hours' is missing", "warning: hours", "replaces",
               "5 errors, 1 warning in 1 file"]}),
    "broken data file, loaded": (["list", "--data", "FILE"], {
        "de": ["erreichbar: FILE:12:5: error: Stelle: unbekannter Schlüssel 'colour'"],
        "en": ["erreichbar: FILE:12:5: error: office: unknown key 'colour'"]}),
    "bad option": (["now", "--bogus"], {
        "de": ["(siehe 'erreichbar now -h')"], "en": ["(see 'erreichbar now -h')"]}),
    "app help": (["--help"], {
        "de": ["Aufruf: erreichbar", "Welches Amt in Offenbach", "Beispiele:", "Exit-Codes:",
               "Optionen:", "Befehle:", "Diese Hilfe zeigen und beenden."],
        "en": ["Usage: erreichbar", "Which public office in Offenbach", "Examples:",
               "Exit codes:", "Options:", "Commands:", "Show this message and exit."]}),
    "help of now": (["now", "-h"], {
        "de": ["Aufruf: erreichbar now", "Jeder Kanal", "Beispiele:", "Optionen:",
               "Sprache der Ausgabe"],
        "en": ["Usage: erreichbar now", "Every channel", "Examples:", "Options:",
               "Language of the output"]}),
    "help of ics": (["ics", "-h"], {
        "de": ["Argumente:", *weeks_default_and_range("Standard")],
        "en": ["Arguments:", *weeks_default_and_range("default")]}),
}


def error_text(case: str, lang: str, broken: str) -> str:
    args = [broken if a == "FILE" else a for a in ERROR_CASES[case][0]]
    text = run_in(lang, args).replace(broken, "FILE")
    if case == "bad option":  # Click's own sentence before our hint is not ours to translate
        text = text.split("--bogus", 1)[1]
    return " ".join(text.split())


def says(text: str, expected: str | re.Pattern[str]) -> bool:
    """TEXT has the words EXPECTED, or a match of it when it is a pattern."""
    return bool(expected.search(text)) if isinstance(expected, re.Pattern) else expected in text


@pytest.mark.parametrize("case", ERROR_CASES)
def test_errors_and_help_in_german_have_no_english_words(case, broken):
    text = error_text(case, "de", broken)
    for expected in ERROR_CASES[case][1]["de"]:
        assert says(text, expected), (expected, text)
    assert leaked(text, ENGLISH_WORDS) == [], text


@pytest.mark.parametrize("case", ERROR_CASES)
def test_errors_and_help_in_english_have_no_german_words(case, broken):
    text = error_text(case, "en", broken)
    for expected in ERROR_CASES[case][1]["en"]:
        assert says(text, expected), (expected, text)
    assert leaked(text, GERMAN_WORDS) == [], text


def test_lang_on_the_command_line_beats_the_locale_for_help_and_errors():
    assert "Usage: erreichbar now" in run_in("de", ["now", "--help", "--lang", "en"])
    assert "Aufruf: erreichbar now" in run_in("en", ["now", "--lang=de", "-h"])
    assert "zeigt alle" in run_in("en", ["next", "nixda", "--lang", "de"])
    assert "Fehler" in run_in("en", ["validate", "--lang", "de"])
    assert "möglich sind osm" in run_in("en", ["export", "--format", "x", "--lang", "de"])


def test_warnings_follow_the_language_from_the_cache_too(broken, tmp_path):
    warned = tmp_path / "warn.yaml"
    warned.write_text(BROKEN.replace('    colour: "red"\n', "").replace("25:00", "15:00")
                      .replace('      - hourz: "Mo-Fr 08:00-12:00"\n', ""), encoding="utf-8")
    for lang in ("de", "en", "de", "en"):  # the second of each comes from the cache
        text = run_in(lang, ["list", "--data", str(warned)])
        assert ("ersetzt" in text) == (lang == "de") and ("replaces" in text) == (lang == "en")


def test_a_run_leaves_the_language_of_the_process_as_it_was():
    from erreichbar import i18n

    before = i18n.language()
    run_in("de", ["next", "nixda"])
    assert i18n.language() == before


def test_click_usage_errors_are_said_in_german_too():
    """Click's usage errors in our German; in English they are Click's own words, whatever
    they are: one line that names what was wrong."""
    cases = [(["now", "--bogus"], "Unbekannte Option: --bogus", ["--bogus"]),
             (["next"], "Das Argument 'NAME' fehlt.", ["NAME"]),
             (["ics", "--weeks", "0"], "liegt nicht im Bereich", ["--weeks", "0"]),
             (["now", "extra"], "Unerwartete zusätzliche Argumente", ["extra"])]
    for args, german, tokens in cases:
        de = run_cli([*args, "--lang", "de"])
        en = run_cli([*args, "--lang", "en"])
        assert de.code == en.code == 2
        assert german in de.err, de.err
        assert leaked(de.err, ENGLISH_WORDS) == [], de.err
        assert leaked(de.err, tokens) == tokens, de.err
        assert en.out == "" and len(en.err.strip().splitlines()) == 1, en.err
        assert leaked(en.err, tokens) == tokens, en.err
        assert german not in en.err, en.err
        assert leaked(en.err, GERMAN_WORDS) == [], en.err


# --- through the command line --------------------------------------------------------------


# the footer's line for the city's text of 01.03.2024 (data/offices.yaml, source
# offenbach-2024), in German
SOURCE_2024_DE = ("Quelle: Stadt Offenbach: „Telefonische Erreichbarkeit und Sprechstunden "
                  "der Ämter“, 01.03.2024")


def test_lang_option_beats_the_locale() -> None:
    text = terminal("now", "--at", WED, "--lang", "de", env={"LANG": "en_US.UTF-8"}).words
    assert SOURCE_2024_DE in text
    text = terminal("now", "--at", WED, env={"LANG": "de_DE.UTF-8"}).words
    assert SOURCE_2024_DE in text
    text = terminal("now", "--at", WED, "--lang", "en", env={"LANG": "de_DE.UTF-8"}).words
    assert "Source: Stadt Offenbach" in text and "Quelle:" not in text


# --- which language the locale asks for ---------------------------------------------------

# Help pages: "Usage:" is English, "Aufruf:" German.
def help_language(env: dict[str, str | None]) -> str:
    out = run_cli(["now", "-h"], {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None,
                                  "LANGUAGE": None, **env}).out
    assert ("Usage:" in out) != ("Aufruf:" in out), out
    return "en" if "Usage:" in out else "de"


@pytest.mark.parametrize(("env", "lang"), [
    ({"LANGUAGE": "en", "LANG": "de_DE.UTF-8"}, "en"),         # LANGUAGE first, as in gettext
    ({"LANGUAGE": "fr:en:de", "LANG": "de_DE.UTF-8"}, "en"),   # its first entry we have
    ({"LANGUAGE": "en_GB:de", "LANG": "de_DE.UTF-8"}, "en"),
    ({"LANGUAGE": "fr", "LANG": "en_US.UTF-8"}, "en"),         # none we have: the locale
    ({"LANGUAGE": "de", "LC_ALL": "en_US.UTF-8"}, "de"),
    ({"LANGUAGE": "en", "LC_ALL": "C"}, "de"),                 # ignored under C, as gettext
    ({"LANGUAGE": "en", "LANG": "POSIX"}, "de"),
    ({"LANGUAGE": "en", "LANG": "C.UTF-8"}, "en"),             # C.UTF-8 is no such choice
    ({"LANGUAGE": "en"}, "en"),
    ({"LC_ALL": "de_DE.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LANG": "en_US.UTF-8"}, "de"),
    ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, "en"),
    ({"LANG": "en_IE@euro"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "de"),                           # neither: German, the default
    ({}, "de"),
])
def test_the_locale_is_read_as_gettext_reads_it(env, lang):
    from erreichbar.i18n import locale_language

    assert locale_language(env) == lang
    assert help_language(env) == lang


def test_erreichbar_lang_beats_the_locale_and_the_option_beats_it():
    env = {"LANGUAGE": "de", "LANG": "de_DE.UTF-8", "ERREICHBAR_LANG": "en"}
    assert help_language(env) == "en"
    out = run_cli(["now", "-h", "--lang", "de"], env).out
    assert "Aufruf:" in out


class FakeWindll:
    """ctypes.windll as Windows has it, with the user's display language."""

    def __init__(self, langid: int) -> None:
        self.kernel32 = type("Kernel32", (), {
            "GetUserDefaultUILanguage": staticmethod(lambda: langid)})()


@pytest.fixture
def windows(monkeypatch):
    """A Windows without LANG and the rest, as a process started from Explorer has it."""
    monkeypatch.setattr(sys, "platform", "win32")
    return {}


# Language identifiers of Windows (LCIDs): 0x0409 en-US, 0x0809 en-GB, 0x0407 de-DE,
# 0x0C07 de-AT, 0x040C fr-FR.
@pytest.mark.parametrize(("langid", "lang"), [
    (0x0409, "en"), (0x0809, "en"), (0x0407, "de"), (0x0C07, "de"), (0x040C, "de")])
def test_on_windows_the_display_language_is_the_locale(windows, monkeypatch, langid, lang):
    import ctypes

    from erreichbar.i18n import locale_language

    monkeypatch.setattr(ctypes, "windll", FakeWindll(langid), raising=False)
    assert locale_language(windows) == lang
    # a LANG set there (Git Bash, MSYS) still comes first
    assert locale_language({"LANG": "de_DE.UTF-8"}) == "de"


@pytest.mark.parametrize(("python_locale", "lang"), [
    (("English_United States", "1252"), "en"), (("en_GB", "UTF-8"), "en"),
    (("German_Germany", "1252"), "de"), ((None, None), "de")])
def test_on_windows_without_ctypes_the_locale_of_python_is_used(windows, monkeypatch,
                                                                python_locale, lang):
    import ctypes
    import locale

    from erreichbar.i18n import locale_language

    monkeypatch.delattr(ctypes, "windll", raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda *a: python_locale)
    assert locale_language(windows) == lang


def test_on_linux_no_windows_call_is_made(monkeypatch):
    import locale

    from erreichbar.i18n import locale_language

    def fail(*args):
        raise AssertionError("not on this system")

    monkeypatch.setattr(locale, "getlocale", fail)
    assert locale_language({}) == "de"
