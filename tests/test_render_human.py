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
    assert len(piped.out.splitlines()[0].split("\t")) == 9


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
