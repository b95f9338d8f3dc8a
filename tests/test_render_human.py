"""render/human.py: the drawn terminal view - its wording in German and English, the date of
the data and the warning when it is old, colour and NO_COLOR, and text from a data file that
never becomes markup or escape sequences. Whitespace is collapsed before comparing, since
where the view breaks a line says nothing.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from helpers import (
    ANSI,
    CLEAN_ENV,
    CUSTOM_DATA,
    CUSTOM_NAME,
    FRI_AFTERNOON,
    ROOT,
    STALE,
    WED,
    assert_plain,
    cli,
    colours,
    json_out,
    terminal,
    write_custom_data,
)


def test_check_one_line_in_the_terminal() -> None:
    de = terminal("check", "sozialamt", "-c", "phone", "--at", WED)
    assert len(de.text.strip().splitlines()) == 1
    assert "Sozialamt" in de.text
    assert "bis 15:00" in de.text
    en = terminal("check", "sozialamt", "-c", "phone", "--at", WED, "--lang", "en")
    assert len(en.text.strip().splitlines()) == 1
    assert "until 15:00" in en.text


@pytest.fixture
def custom_data(tmp_path: Path) -> Path:
    return write_custom_data(tmp_path)


def test_text_from_a_data_file_never_becomes_markup_or_escapes(custom_data: Path) -> None:
    data = ("--data", str(custom_data))
    rows = json_out("now", "--at", WED, *data)
    assert rows[0]["name"] == CUSTOM_NAME  # JSON keeps the text intact
    for args in (("now", "--at", WED), ("list",), ("office", "testamt", "--at", WED),
                 ("next", "testamt", "--at", WED)):
        run = cli(*args, *data)
        assert run.code == 0
        assert_plain(run.out.replace("[bold red]rot[/]", ""))
        assert "[bold red]rot[/]" in run.out
        drawn = terminal(*args, *data)
        assert "[bold red]rot[/]" in drawn.text
        assert "\x1b[31mESC" not in drawn.out


# --- the sources in the footer: data/offices.yaml, read with a YAML parser of its own ------


def data_file() -> dict:
    import yaml

    return yaml.safe_load((ROOT / "data" / "offices.yaml").read_text(encoding="utf-8"))


def source_line(source_id: str, lang: str = "de") -> str:
    """The footer's line for a source of the data file: `Quelle: <publisher>: „<title>“,
    <date or 'ohne Datum'>[, url]` (docs: the date as 01.03.2024, in English 2024-03-01)."""
    s = data_file()["sources"][source_id]
    if s.get("date"):
        day = date.fromisoformat(s["date"])
        when = day.strftime("%d.%m.%Y") if lang == "de" else day.isoformat()
    else:
        when = "ohne Datum" if lang == "de" else "undated"
    label = "Quelle" if lang == "de" else "Source"
    return f"{label}: {s['publisher']}: „{s['title']}“, {when}" + (
        f", {s['url']}" if s.get("url") else "")


def footer_sources(text: str, lang: str = "de") -> list[str]:
    """The footer's source lines of a drawn view (each with its whitespace collapsed, since
    a long one is broken over lines): its last paragraph, up to a warning."""
    label = "Quelle: " if lang == "de" else "Source: "
    last = " ".join(text.rstrip("\n").split("\n\n")[-1].split())
    assert last.startswith(label), last
    return [part.strip() for part in re.split(r"(?=Quelle: |Source: |⚠ )", last)
            if part.startswith(label)]


# The sources each channel's facts rest on: the line's for a channel via the 115, else its
# own `source`, else its office's (data/offices.yaml).
OFFENBACH_2024 = "offenbach-2024"  # "Telefonische Erreichbarkeit ...", 01.03.2024
HESSEN_115 = "hessen-115"  # the 115 line's hours; no date
ZUWANDERER = "offenbach-zuwandererbroschuere"  # the Bürgerbüro's visit and booking link
BUERGERBUERO_2020 = "offenbach-2020-buergerbuero"  # the Bürgerbüro's e-mail, 17.03.2020
ZEBUSS_2026 = "offenbach-2026-zebuss"  # the ZeBuSS visit from January 2026
AUSLAENDERAMT = "offenbach-auslaenderamt"  # its page: visits by appointment, how to book
# `now` at a weekday morning: every phone line (two via the 115), the visits by
# appointment (the Bürgerbüro's from the Zuwandererbroschüre), the e-mails (the
# Bürgerbüro's from the page of 2020) and the online forms; the ZeBuSS visit is not yet
# valid in 2024, so not shown
NOW_SOURCES = {OFFENBACH_2024, HESSEN_115, ZUWANDERER, BUERGERBUERO_2020, AUSLAENDERAMT}


def in_order(words: list[str], among: list[str]) -> bool:
    """Whether WORDS stand in AMONG in their order, other words between them or not."""
    rest = iter(among)
    return all(any(w == x for x in rest) for w in words)


def test_terminal_view_german() -> None:
    run = terminal("now", "--at", WED)
    assert "\x1b[" in run.out  # drawn, with colour
    text = run.words
    for word in ("Telefon", "Vorsprache", "E-Mail", "Sozialamt", "Leistungssachbearbeitung",
                 "bis 11:00", "bis 15:00", "unbekannt", "Termin", "nur mit Termin",
                 source_line(OFFENBACH_2024)):
        assert word in text, word
    assert "069 8065-3584" in text
    # how to get an appointment (data: `book`): the Sozialamt's by its phone, open now
    # (Mo-Fr 9-15); the Bürgerbüro's by its booking link
    assert "Termin: Telefon 069 8065-3584, 069 8065-2686, jetzt" in text
    assert "Termin: https://tevis.ekom21.de/off/select2?md=1" in text
    # where to find a contact the sources do not give, and the assumption that decides
    # (the label, then the page on a line of its own in the contact column)
    assert re.search(r"Mailadresse auf: (\S+ )*?www\.offenbach\.de/sozialamt(\s|$)", text), text
    # (in its column, which the grid lays out beside the others: its words in their order)
    assert in_order(data_file()["assumptions"]["arbeitszeit"]["text"].split(), text.split())
    assert "\t" not in run.text
    assert set(footer_sources(run.text)) == {source_line(s) for s in NOW_SOURCES}
    # only the Bürgerbüro's e-mail rests on a source more than a year before 06.03.2024
    assert [date_in(line) for line in stale_lines(run.text)] == ["17.03.2020"]


def test_terminal_view_english() -> None:
    for run in (terminal("now", "--at", WED, "--lang", "en"),
                terminal("now", "--at", WED, env={"LANG": "en_US.UTF-8"}),
                terminal("now", "--at", WED, env={"LC_ALL": "en_GB.UTF-8", "LANG": "de_DE"})):
        text = run.words
        for word in ("Phone", "Visit", "until 11:00", "until 15:00", "unknown",
                     "by appointment only", source_line(OFFENBACH_2024, "en")):
            assert word in text, word
        assert set(footer_sources(run.text, "en")) == {source_line(s, "en")
                                                       for s in NOW_SOURCES}
        assert "Quelle:" not in text
        assert "unbekannt" not in text
        assert "nur mit Termin" not in text


@pytest.mark.parametrize("args", [
    ("now",),
    ("now", "--all"),
    ("next", "mainarbeit"),
    ("office", "sozialamt"),
    ("office", "mainarbeit/telefonzentrale"),
])
def test_terminal_views_show_the_date_of_the_data(args: tuple[str, ...]) -> None:
    """Each view names the sources of the rows it shows, each with its date."""
    de = terminal(*args, "--at", FRI_AFTERNOON).text
    want = SOURCES_SHOWN[args]
    assert set(footer_sources(de)) == {source_line(s) for s in want}
    en = terminal(*args, "--at", FRI_AFTERNOON, "--lang", "en").text
    assert set(footer_sources(en, "en")) == {source_line(s, "en") for s in want}


SOURCES_SHOWN = {
    # Friday 14:30: as on any weekday (the MainArbeit's rows closed, but others of the
    # same source shown)
    ("now",): NOW_SOURCES,
    # every channel, the ZeBuSS visit (not yet valid) too
    ("now", "--all"): NOW_SOURCES | {ZEBUSS_2026},
    ("next", "mainarbeit"): {OFFENBACH_2024},
    ("office", "sozialamt"): {OFFENBACH_2024, ZEBUSS_2026},
    ("office", "mainarbeit/telefonzentrale"): {OFFENBACH_2024},
}


# one sentence: no sentence end ('.', '!' or '?' before a space or the end) in between
_IN_SENTENCE = r"(?:(?![.!?](?:\s|$)).)*?"


STALE_WARNING = re.compile(
    rf"\b(?:Achtung|Warning):{_IN_SENTENCE}\b(?:Jahr|year)\b{_IN_SENTENCE}[.!?](?=\s|$)")


def stale_lines(text: str) -> list[str]:
    """The warning that the data may be out of date (a warning that speaks of a year), each
    as one sentence: the text's whitespace is collapsed first, so the warning is found
    wherever the view breaks its lines."""
    return STALE_WARNING.findall(" ".join(text.split()))


def date_in(warning: str) -> str:
    """The date of the facts a warning speaks of: the first date in it."""
    return re.search(r"\d\d\.\d\d\.\d{4}|\d{4}-\d\d-\d\d", warning).group()


def more_than_a_year_before(source_id: str, at: str) -> bool:
    """By the calendar: the source's date lies more than a year before the day AT."""
    day = date.fromisoformat(data_file()["sources"][source_id]["date"])
    return datetime.fromisoformat(at).date() > day.replace(year=day.year + 1)


# the dated sources each view rests on (the 115 line and the Zuwandererbroschüre have none)
DATED_SOURCES = {("now",): (OFFENBACH_2024, BUERGERBUERO_2020),
                 ("next", "sozialamt"): (OFFENBACH_2024, ZEBUSS_2026),
                 ("office", "sozialamt"): (OFFENBACH_2024, ZEBUSS_2026)}


@pytest.mark.parametrize("args", [("now",), ("next", "sozialamt"), ("office", "sozialamt")])
def test_stale_data_warning(args: tuple[str, ...]) -> None:
    """A warning for each source of the rows shown that is more than a year older than
    the instant: the city's text of 01.03.2024 from 02.03.2025 on, the Bürgerbüro's page of
    17.03.2020 (its e-mail, in `now`) always in these years."""
    for at in ("2025-02-28T10:30", "2025-03-02T10:30", STALE):
        stale = [s for s in DATED_SOURCES[args] if more_than_a_year_before(s, at)]
        assert (OFFENBACH_2024 in stale) == (at != "2025-02-28T10:30")
        dates = [date.fromisoformat(data_file()["sources"][s]["date"]) for s in stale]
        de = terminal(*args, "--at", at).text
        assert sorted(date_in(w) for w in stale_lines(de)) == sorted(
            d.strftime("%d.%m.%Y") for d in dates), de
        en = terminal(*args, "--at", at, "--lang", "en").text
        assert sorted(date_in(w) for w in stale_lines(en)) == sorted(
            d.isoformat() for d in dates), en
    # a pipe carries only the answer
    assert not stale_lines(cli(*args, "--at", STALE).out)
    assert "Quelle" not in cli(*args, "--at", STALE).out


def test_terminal_views_of_next_office_and_list() -> None:
    text = terminal("next", "leistungssachbearbeitung", "--at", WED).words
    assert "Leistungssachbearbeitung" in text
    assert "11:00" in text
    text = terminal("office", "sozialamt", "--at", WED).words
    for word in ("Sozialamt", "Telefon", "069 8065-3584", "ZeBuSS", "bis 15:00",
                 source_line(OFFENBACH_2024), source_line(ZEBUSS_2026)):
        assert word in text, word
    text = terminal("office", "sozialamt", "--at", WED, "--lang", "en").words
    for word in ("Phone", "until 15:00", source_line(OFFENBACH_2024, "en")):
        assert word in text, word
    text = terminal("list").words
    for word in ("mainarbeit", "Sozialamt", "Ausländeramt", "Telefon"):
        assert word in text, word
    assert "Phone" in terminal("list", "--lang", "en").words


def test_no_color_turns_colour_off() -> None:
    assert colours(terminal("now", "--at", WED).out)
    for args in (("now",), ("office", "sozialamt"), ("next", "mainarbeit"),
                 ("check", "sozialamt")):
        run = terminal(*args, "--at", WED, env={"NO_COLOR": "1"})
        assert not colours(run.out), args
        assert "Sozialamt" in run.text or "MainArbeit" in run.text


# --- the night answer: when the offices left out are next reachable ------------------------
# Expected times from the city's texts (helpers.py) and a calendar: 2024-03-05 is a Tuesday,
# 2024-03-08 a Friday. Telefonzentrale Mo-Do 8-16, Fr 8-14; Ausländeramt and Bürgerbüro
# through the 115 line, Mo-Fr 8-18; Sozialamt Mo-Fr 9-15; Wohnungsamt Sachbearbeitung
# Mo-Fr 9-12; Leistungssachbearbeitung Mo-Fr 10-11; MainArbeit's visits Mo-Do 7.30-16.30.
# the custom data's office name as a terminal shows it: the escape made a visible mark
CUSTOM_NAME_SHOWN = CUSTOM_NAME.replace("\x1b", "\ufffd")
PHONES_OPENING = {
    "Kommunales Jobcenter MainArbeit – Telefonzentrale": "08:00",
    "Ausländeramt": "08:00",
    "Bürgerbüro": "08:00",
    "Sozialamt": "09:00",
    "Wohnungsamt – Persönliche Sachbearbeitung": "09:00",
    "Kommunales Jobcenter MainArbeit – Leistungssachbearbeitung": "10:00",
}


# a name, then the time: 09:00, Mi 09:00, Mi 20.03. 09:00, Wed 20 Mar 09:00
_NAMED_TIME = (r"(.+?) ((?:(?:Mo|Di|Mi|Do|Fr|Sa|So|Mon|Tue|Wed|Thu|Fri|Sat|Sun) "
               r"(?:\d\d\.\d\d\. |\d{1,2} [A-Z][a-z]{2} )?)?\d\d:\d\d)")


def night_line(text: str, head: str) -> str:
    """The night line that begins with HEAD, with the lines it is broken into (indented
    under it), its whitespace collapsed."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(head)]
    assert len(starts) == 1, text
    i = starts[0]
    found = [lines[i]]
    while i + 1 < len(lines) and lines[i + 1].startswith("  "):
        i += 1
        found.append(lines[i])
    return " ".join(" ".join(found).split())


def night_list(text: str, head: str) -> list[tuple[str, str]]:
    """The offices of a night line, in its order, each as (name, when)."""
    listed = night_line(text, head)[len(head):].strip()
    out = []
    for item in listed.split(" · "):
        match = re.fullmatch(_NAMED_TIME, item)
        assert match, (item, listed)
        out.append(match.groups())
    return out


# Published times only: the Persönliche Ansprechpersonen (MainArbeit) and the
# Geschäftszimmer (Wohnungsamt) have none. By the data's assumptions they are unknown only
# within a frame, closed outside it: the MainArbeit's opening hours (Mo-Do 7.30-16.30,
# Fr 7.30-14) and the Bürozeiten (Mo-Fr 07:00-18:00).
UNPUBLISHED = {"mainarbeit/ansprechpersonen": "Kommunales Jobcenter MainArbeit – "
                                              "Persönliche Ansprechpersonen",
               "wohnungsamt/geschaeftszimmer": "Wohnungsamt – Geschäftszimmer"}


def test_at_night_now_says_when_each_phone_line_left_out_opens() -> None:
    # Tuesday evening: no line open, none unknown (20:14 is outside both frames): all eight
    # left out; the six with published hours named with their opening, the two that have
    # no open window at all not named (user guide: "A closed channel with no opening in
    # the year ahead is not named")
    run = terminal("now", "--channel", "phone", "--at", "2024-03-05T20:14")
    assert "Zu dieser Zeit ist nichts erreichbar." in run.words
    listed = night_list(run.text, "Telefon: jetzt nicht erreichbar. Als Nächstes:")
    assert dict(listed) == {name: f"Mi {time}" for name, time in PHONES_OPENING.items()}
    assert len(listed) == len(PHONES_OPENING)
    times = [when for _name, when in listed]
    assert times == sorted(times)  # soonest first
    # the two without published times are not shown as rows at this hour
    assert "unbekannt" not in run.words
    for name in UNPUBLISHED.values():
        assert name not in run.words
    en = terminal("now", "--channel", "phone", "--at", "2024-03-05T20:14", "--lang", "en")
    listed = night_list(en.text, "Phone: not reachable now. Next:")
    assert dict(listed) == {name: f"Wed {time}" for name, time in PHONES_OPENING.items()}


def test_over_the_weekend_the_night_answer_names_monday() -> None:
    run = terminal("now", "--channel", "phone,visit", "--at", "2024-03-08T20:14")
    phones = night_list(run.text, "Telefon: jetzt nicht erreichbar. Als Nächstes:")
    assert dict(phones) == {name: f"Mo {time}" for name, time in PHONES_OPENING.items()}
    # the visits by appointment whose hours are not published are shown (nur mit Termin),
    # the MainArbeit's, closed outside its hours, is named with its opening
    visits = night_list(run.text, "Vorsprache: jetzt nicht erreichbar. Als Nächstes:")
    assert visits == [("Kommunales Jobcenter MainArbeit", "Mo 07:30")]
    assert run.words.count("nur mit Termin") == 4  # Sozial-, Ausländer-, Wohnungsamt, BB
    # the Sozialamt's appointments are made by phone, Mo-Fr 9-15
    assert "Termin: Telefon 069 8065-3584, 069 8065-2686, ab Mo 09:00" in run.words


def test_when_some_are_open_the_others_are_named_with_their_opening() -> None:
    # Wednesday 15:30: the Telefonzentrale (to 16:00) and the 115 lines (to 18:00) are
    # open, the two without published times unknown (within their frames); Sozialamt
    # (to 15:00), Wohnungsamt (to 12:00) and Leistungssachbearbeitung (to 11:00) are
    # closed until Thursday
    run = terminal("now", "--channel", "phone", "--at", "2024-03-06T15:30")
    listed = night_list(run.text, "Telefon, die übrigen: jetzt geschlossen. Als Nächstes:")
    assert listed == [("Sozialamt", "Do 09:00"),
                      ("Wohnungsamt – Persönliche Sachbearbeitung", "Do 09:00"),
                      ("Kommunales Jobcenter MainArbeit – Leistungssachbearbeitung",
                       "Do 10:00")]
    assert "nicht erreichbar" not in run.words


def test_an_opening_more_than_a_week_ahead_is_shown_with_its_date(tmp_path: Path) -> None:
    data = tmp_path / "neu.yaml"
    data.write_text(CUSTOM_DATA.replace('hours: "Mo-Fr 09:00-15:00"',
                                        'hours: "Mo-Fr 09:00-15:00"\n'
                                        '        valid_from: "2024-03-20"'), encoding="utf-8")
    # Wednesday 6 March; the line's hours hold from Wednesday 20 March, 09:00
    at = ("--at", "2024-03-06T20:14", "--data", str(data))
    de = terminal("now", *at).words
    assert f"Telefon: jetzt nicht erreichbar. Als Nächstes: {CUSTOM_NAME_SHOWN} Mi 20.03. " \
           "09:00" in de
    en = terminal("now", *at, "--lang", "en").words
    assert f"Phone: not reachable now. Next: {CUSTOM_NAME_SHOWN} Wed 20 Mar 09:00" in en


def test_nothing_is_left_out_with_all_and_a_pipe_lists_only_the_rows() -> None:
    every = terminal("now", "--all", "--channel", "phone", "--at", "2024-03-05T20:14").words
    assert "Als Nächstes" not in every
    assert "nicht erreichbar" not in every
    # Tuesday: at 20:14 no line is open or unknown; at 07:15 only the Geschäftszimmer
    # (Bürozeiten from 07:00); at 07:45 the Ansprechpersonen too (MainArbeit from 07:30),
    # while the Telefonzentrale opens at 08:00
    for at, shown in (("2024-03-05T20:14", set()),
                      ("2024-03-05T07:15", {"wohnungsamt/geschaeftszimmer"}),
                      ("2024-03-05T07:45", set(UNPUBLISHED))):
        lines = cli("now", "--channel", "phone", "--at", at).out.splitlines()
        assert {line.split("\t")[0] for line in lines} == shown, at


def test_next_shows_the_contacts_in_the_terminal() -> None:
    text = terminal("next", "sozialamt", "--at", WED).words
    assert "069 8065-3584" in text
    assert "069 8065-2686" in text


# --- any terminal: the real command in a pseudo-terminal of 40 to 120 columns ---------------

WIDTHS = (40, 60, 80, 120)
# every office (the Bürgerbüro's and Ausländeramt's views show the 115 line's source), all
# channels by day, and the phone lines at night
PTY_RUNS = [("now", "--all", "--at", WED), ("now", "-c", "phone", "--at", "2024-03-05T20:14"),
            ("next", "wohngeld", "--at", WED),
            *[("office", office, "--at", WED) for office in
              ("mainarbeit", "sozialamt", "auslaenderamt", "wohnungsamt", "buergerbuero")]]


def data_contacts() -> set[str]:
    """Every phone number, e-mail address and URL written in the bundled data file for the
    views to show, read with a YAML parser of its own (not the program's loader): those of
    the offices, their channels and the lines (contacts, where to find one, booking links),
    and the address of each source an office, a channel or a line rests on. (A source named
    by no channel, office or line, or only by an office's address, which no view shows, is
    not in any view: see the report.)"""
    doc = data_file()
    found: set[str] = set()
    used: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in {"phone", "email", "url"} and isinstance(value, str):
                    found.add(value)
                elif key == "source" and isinstance(value, str):
                    used.add(value)
                if key != "address":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(doc["offices"])
    walk(doc["lines"])
    found |= {doc["sources"][s]["url"] for s in used if doc["sources"][s].get("url")}
    return found


def in_pty(args: tuple[str, ...], columns: int, cache: Path) -> list[str]:
    """The lines `erreichbar ARGS` draws in a terminal COLUMNS wide: the venv's own
    command, run in a pseudo-terminal of that size (COLUMNS set too), escapes removed."""
    import fcntl
    import os
    import pty
    import struct
    import sys
    import termios

    command = Path(sys.executable).with_name("erreichbar")
    env = {key: value for key, value in os.environ.items() if key not in CLEAN_ENV}
    env.update({k: v for k, v in CLEAN_ENV.items() if v is not None})
    env.update({"COLUMNS": str(columns), "LINES": "40", "XDG_CACHE_HOME": str(cache)})
    errors = cache / "stderr"
    pid, fd = pty.fork()
    if pid == 0:  # the child: its terminal is the pty, sized before anything is drawn
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        # stderr apart: a progress line there (a slow first read) is no part of the view
        os.dup2(os.open(errors, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
        os.execve(command, [str(command), *args], env)  # noqa: S606
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child ended and closed its side
            break
        if not chunk:
            break
        out += chunk
    os.close(fd)
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, (args, out, errors.read_text())
    text = ANSI.sub("", out.decode("utf-8")).replace("\r\n", "\n")
    assert "\x1b" not in text
    return text.split("\n")


@pytest.mark.parametrize("columns", WIDTHS)
def test_no_contact_is_broken_and_no_line_is_too_wide(columns: int, tmp_path: Path) -> None:
    contacts = data_contacts()
    assert {"069 8065-3584", "115", "auslaenderamt@offenbach.de",
            "www.offenbach.de/vv/produkte/tsabus/wohngeld_antrag.php",
            "https://digitales.hessen.de/Moderne-Verwaltung/Behoerdennummer-115"} <= contacts
    seen = set()
    for args in PTY_RUNS:
        lines = in_pty(args, columns, tmp_path)
        for line in lines:
            # only a word longer than the whole terminal runs on, alone on its line
            assert len(line) <= columns or (line.strip() == line and " " not in line), \
                (args, columns, line)
        seen |= {c for c in contacts if any(c in line for line in lines)}
        for word in ("Leistungssachbearbeitung", "Online-Terminvereinbarung"):
            if word in " ".join("".join(lines).split()):
                assert any(word in line for line in lines), (args, columns, word)
    assert seen == contacts, contacts - seen


def test_below_80_columns_name_state_and_contacts_are_stacked(tmp_path: Path) -> None:
    # Sozialamt: "montags bis freitags zwischen 9 und 15 Uhr telefonisch unter
    # 069 8065-3584 oder -2686"
    for columns in (40, 60):
        lines = in_pty(("now", "-c", "phone", "--at", WED), columns, tmp_path)
        at = lines.index("Sozialamt")
        assert [line.strip() for line in lines[at + 1:at + 4]] == [
            "● bis 15:00", "069 8065-3584", "069 8065-2686"]
        assert all(line.startswith("  ") for line in lines[at + 1:at + 4])
    for columns in (80, 120):
        lines = in_pty(("now", "-c", "phone", "--at", WED), columns, tmp_path)
        row = next(line for line in lines if line.startswith("Sozialamt"))
        assert re.fullmatch(r"Sozialamt +● bis 15:00 +069 8065-3584", row), row


def test_a_wide_terminal_gives_a_long_contact_its_room(tmp_path: Path) -> None:
    # Wohnungsamt's Sachbearbeitung is open Mo-Fr 9-12; the text names no number for it,
    # only the page with its Ansprechpersonen (its find_contact), a 55-character URL
    url = "www.offenbach.de/vv/produkte/tsabus/wohngeld_antrag.php"
    wide = in_pty(("now", "-c", "phone", "--at", WED), 120, tmp_path)
    at = next(n for n, line in enumerate(wide)
              if "● bis 12:00" in line and line.endswith("Nummer auf:"))
    assert wide[at + 1].endswith(url), wide  # the link whole, in the contact column
    narrow = in_pty(("now", "-c", "phone", "--at", WED), 80, tmp_path)
    assert any(line.endswith(url) and len(line) <= 80 for line in narrow), narrow


def test_phone_links_in_the_terminal_are_the_tel_uris_of_the_json() -> None:
    """Each phone number is an OSC 8 link to the same RFC 3966 URI that --json gives it:
    the 115 as a local number with its context (tel:115;phone-context=+49)."""
    from helpers import assert_tel_uri

    run = terminal("now", "--at", WED)
    links = set(re.findall(r"\x1b\]8;[^;\x1b]*;(tel:[^\x1b\x07]*)", run.out))
    uris = {c["uri"] for row in json_out("now", "--at", WED) for c in row["contacts"]
            if c["kind"] == "phone"}
    assert links == uris
    assert "tel:115;phone-context=+49" in links
    for uri in links:
        assert_tel_uri(uri)


DESCRIBED = {  # data/offices.yaml, units of the MainArbeit
    "Telefonzentrale": "Beantwortet Fragen zu Leistungsanträgen und erstellt Rückruftickets "
                       "für die Leistungssachbearbeitung.",
    "Persönliche Ansprechpersonen": "Unterstützen bei der Integration in den Arbeitsmarkt.",
}


def test_office_shows_what_a_unit_does_under_its_name() -> None:
    """Under each unit's name (the title of its channel, or the heading when the unit alone
    is asked about), its description from the data; not in a pipe, whose columns are
    fixed (README: Output)."""
    words = terminal("office", "mainarbeit", "--at", WED).words
    for unit, description in DESCRIBED.items():
        assert f"Telefon – {unit} {description} Zeiten" in words, words
    assert words.count("Rückruftickets") == 1
    alone = terminal("office", "mainarbeit/telefonzentrale", "--at", WED).words
    assert alone.startswith("Kommunales Jobcenter MainArbeit – Telefonzentrale "
                            + DESCRIBED["Telefonzentrale"] + " id "), alone
    piped = cli("office", "mainarbeit", "--at", WED)
    assert piped.code == 0 and "Rückruftickets" not in piped.out
    # the 8 columns of `now` and the hours, then source_date, find_contact, booking and
    # assumption (added last)
    assert len(piped.out.splitlines()[0].split("\t")) == 13


def test_a_units_description_is_shown_as_text(tmp_path: Path) -> None:
    data = tmp_path / "einheit.yaml"
    data.write_text(Path(write_custom_data(tmp_path)).read_text("utf-8").replace(
        '    source: "test"\n',
        '    source: "test"\n    units:\n      - id: "stelle"\n        name: "Stelle"\n'
        '        description: "Berät [bold]fett[/] \\e[31mESC"\n').replace(
        '      - kind: "phone"\n', '      - kind: "phone"\n        unit: "stelle"\n'),
        encoding="utf-8")
    run = terminal("office", "testamt", "--data", str(data), "--at", WED)
    assert "Berät [bold]fett[/]" in run.words
    assert "\x1b[31mESC" not in run.out


def test_office_shows_its_search_terms_by_language_and_list_those_of_the_view() -> None:
    text = terminal("office", "auslaenderamt", "--at", WED).words
    assert "Suchbegriffe" in text
    assert "de: Ausländerbehörde, Aufenthaltserlaubnis; en: immigration office" in text
    german = terminal("list").words
    english = terminal("list", "--lang", "en").words
    assert "Ausländerbehörde" in german and "residence permit" not in german
    assert "residence permit" in english and "Ausländerbehörde" not in english


def test_a_comment_that_comes_before_the_state_ends_is_said_under_the_row(tmp_path) -> None:
    """`Mo-Fr 08:00-14:00, Mo-Fr 14:00-16:00 open "nur Notfälle"` on Monday 4 March 2024
    at 10:00: open until 16:00 (`until` runs on over the comment), and from 14:00 only for
    emergencies: the terminal says so under the row, `--json` as comment_until and
    next_comment."""
    from helpers import DATA_HEAD, terminal

    data = tmp_path / "notfall.yaml"
    data.write_text(DATA_HEAD + """\
offices:
  - id: "amt"
    name: "Amt"
    source: "s"
    channels:
      - kind: "phone"
        hours: 'Mo-Fr 08:00-14:00, Mo-Fr 14:00-16:00 open "nur Notfälle"'
        contacts: [{phone: "069 1234"}]
""", encoding="utf-8")
    shown = ANSI.sub("", terminal("now", "--data", str(data), "--at", "2024-03-04T10:00").out)
    assert "bis 16:00" in shown and "ab 14:00: nur Notfälle" in shown
    (row,) = json_out("now", "--data", str(data), "--at", "2024-03-04T10:00")
    assert (row["until"], row["comment"], row["comment_until"], row["next_comment"]) == (
        "2024-03-04T16:00:00+01:00", None, "2024-03-04T14:00:00+01:00", "nur Notfälle")
