"""render/human.py: the drawn terminal view - its wording in German and English, the date of
the data and the warning when it is old, colour and NO_COLOR, and text from a data file that
never becomes markup or escape sequences. Whitespace is collapsed before comparing, since
where rich breaks a line says nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import (
    CUSTOM_NAME,
    FRI_AFTERNOON,
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


def test_terminal_view_german() -> None:
    run = terminal("now", "--at", WED)
    assert "\x1b[" in run.out  # drawn, with colour
    text = run.words
    for word in ("Telefon", "Vorsprache", "E-Mail", "Sozialamt", "Leistungssachbearbeitung",
                 "bis 11:00", "bis 15:00", "unbekannt", "Termin",
                 "Stand der Angaben: 01.03.2024"):
        assert word in text, word
    assert "069 8065-3584" in text
    assert "\t" not in run.text
    assert not stale_lines(run.text)


def test_terminal_view_english() -> None:
    for run in (terminal("now", "--at", WED, "--lang", "en"),
                terminal("now", "--at", WED, env={"LANG": "en_US.UTF-8"}),
                terminal("now", "--at", WED, env={"LC_ALL": "en_GB.UTF-8", "LANG": "de_DE"})):
        text = run.words
        for word in ("Phone", "Visit", "until 11:00", "until 15:00", "unknown",
                     "Data as of 2024-03-01"):
            assert word in text, word
        assert "Stand der Angaben" not in text
        assert "unbekannt" not in text


@pytest.mark.parametrize("args", [
    ("now",),
    ("now", "--all"),
    ("next", "mainarbeit"),
    ("office", "sozialamt"),
    ("office", "mainarbeit/telefonzentrale"),
])
def test_terminal_views_show_the_date_of_the_data(args: tuple[str, ...]) -> None:
    de = terminal(*args, "--at", FRI_AFTERNOON).words
    assert "Stand der Angaben: 01.03.2024" in de
    en = terminal(*args, "--at", FRI_AFTERNOON, "--lang", "en").words
    assert "Data as of 2024-03-01" in en


# one sentence: no sentence end ('.', '!' or '?' before a space or the end) in between
_IN_SENTENCE = r"(?:(?![.!?](?:\s|$)).)*?"


STALE_WARNING = re.compile(
    rf"\b(?:Achtung|Warning):{_IN_SENTENCE}\b(?:Jahr|year)\b{_IN_SENTENCE}[.!?](?=\s|$)")


def stale_lines(text: str) -> list[str]:
    """The warning that the data may be out of date (a warning that speaks of a year), each
    as one sentence: the text's whitespace is collapsed first, so the warning is found
    wherever rich breaks its lines."""
    return STALE_WARNING.findall(" ".join(text.split()))


@pytest.mark.parametrize("args", [("now",), ("next", "sozialamt"), ("office", "sozialamt")])
def test_stale_data_warning(args: tuple[str, ...]) -> None:
    assert not stale_lines(terminal(*args, "--at", "2025-02-28T10:30").text)
    for at in ("2025-03-02T10:30", STALE):
        de = terminal(*args, "--at", at).text
        assert stale_lines(de), de
        assert "01.03.2024" in " ".join(stale_lines(de))
        en = terminal(*args, "--at", at, "--lang", "en").text
        assert stale_lines(en), en
        assert "2024-03-01" in " ".join(stale_lines(en))
    # a pipe carries only the answer
    assert not stale_lines(cli(*args, "--at", STALE).out)
    assert "Stand der Angaben" not in cli(*args, "--at", STALE).out


def test_terminal_views_of_next_office_and_list() -> None:
    text = terminal("next", "leistungssachbearbeitung", "--at", WED).words
    assert "Leistungssachbearbeitung" in text
    assert "11:00" in text
    text = terminal("office", "sozialamt", "--at", WED).words
    for word in ("Sozialamt", "Telefon", "069 8065-3584", "ZeBuSS", "bis 15:00",
                 "Stand der Angaben: 01.03.2024"):
        assert word in text, word
    text = terminal("office", "sozialamt", "--at", WED, "--lang", "en").words
    for word in ("Phone", "until 15:00", "Data as of 2024-03-01"):
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


def test_office_shows_its_search_terms_by_language_and_list_those_of_the_view() -> None:
    text = terminal("office", "auslaenderamt", "--at", WED).words
    assert "Suchbegriffe" in text
    assert "de: Ausländerbehörde, Aufenthaltserlaubnis; en: immigration office" in text
    german = terminal("list").words
    english = terminal("list", "--lang", "en").words
    assert "Ausländerbehörde" in german and "residence permit" not in german
    assert "residence permit" in english and "Ausländerbehörde" not in english
