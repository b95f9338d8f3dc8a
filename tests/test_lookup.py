"""lookup.py: NAME -> an office or a unit (ids, names, aliases and services, folded for case,
umlauts and decomposed characters; a unique prefix too), and the words for channel kinds.

The names are those of data/offices.yaml, which quotes the city's texts: the MainArbeit is
the "Kommunales Jobcenter", the Bürgerbüro issues the Personalausweis and the Führerschein
and does the Kfz-Zulassung, the Wohnungsamt handles the Wohngeld.
"""

from __future__ import annotations

import pytest

from helpers import (
    WED,
    cli,
    json_out,
    one_line_error,
)


@pytest.mark.parametrize(("word", "kind"), [
    ("phone", "phone"), ("telefon", "phone"), ("Telefon", "phone"),
    ("visit", "visit"), ("vorsprache", "visit"),
    ("email", "email"), ("e-mail", "email"), ("online", "online"),
])
def test_now_channel_words(word: str, kind: str) -> None:
    rows = json_out("now", "--all", "--channel", word, "--at", WED)
    assert rows
    assert {r["channel"] for r in rows} == {kind}
    assert rows == json_out("now", "--all", "--channel", kind, "--at", WED)


@pytest.mark.parametrize(("name", "office", "unit"), [
    ("mainarbeit", "mainarbeit", None),
    ("mainarbeit/leistungssachbearbeitung", "mainarbeit", "leistungssachbearbeitung"),
    ("leistungssachbearbeitung", "mainarbeit", "leistungssachbearbeitung"),
    ("Telefonzentrale", "mainarbeit", "telefonzentrale"),
    ("jobcenter", "mainarbeit", None),
    ("JOBCENTER", "mainarbeit", None),
    ("Kommunales Jobcenter MainArbeit", "mainarbeit", None),
    ("Wohngeld", "wohnungsamt", None),
    ("wohngeld", "wohnungsamt", None),
    ("Personalausweis", "buergerbuero", None),
    ("Kfz-Zulassung", "buergerbuero", None),
    ("Führerschein", "buergerbuero", None),
    ("fuehrerschein", "buergerbuero", None),
    ("Ausländeramt", "auslaenderamt", None),
    ("auslaenderamt", "auslaenderamt", None),
    ("AUSLÄNDERAMT", "auslaenderamt", None),
    ("ausländeramt", "auslaenderamt", None),
    ("Bürgerbüro", "buergerbuero", None),
    ("BÜRGERBÜRO", "buergerbuero", None),
    ("Geschäftszimmer", "wohnungsamt", "geschaeftszimmer"),
    ("  Sozialamt ", "sozialamt", None),
    # a unique prefix
    ("sozial", "sozialamt", None),
    ("ausl", "auslaenderamt", None),
    ("Auslä", "auslaenderamt", None),
    ("tele", "mainarbeit", "telefonzentrale"),
    ("bürgerb", "buergerbuero", None),
    ("personal", "buergerbuero", None),
])
def test_name_matches(name: str, office: str, unit: str | None) -> None:
    view = json_out("office", name, "--at", WED)
    assert (view["office"], view.get("unit")) == (office, unit)


def test_name_with_decomposed_umlauts() -> None:
    """An ä typed as a + combining diaeresis (as macOS file names and some keyboards produce
    it) is the same Ausländeramt."""
    view = json_out("office", "Ausla\u0308nderamt", "--at", WED)
    assert view["office"] == "auslaenderamt"


@pytest.mark.parametrize(("prefix", "office"), [
    ("wohnungs", "wohnungsamt"),
    ("mainarb", "mainarbeit"),
])
def test_prefix_of_an_office_with_units_means_the_office(prefix: str, office: str) -> None:
    """`wohnungs` starts only the Wohnungsamt's names: its own id and the ids of its own units
    (`wohnungsamt/...`). It is a unique prefix of one office, not ambiguous."""
    view = json_out("office", prefix, "--at", WED)
    assert (view["office"], view.get("unit")) == (office, None)


@pytest.mark.parametrize(("name", "candidates"), [
    ("bürger", ["buergerbuero", "mainarbeit"]),  # Bürgerbüro or Bürgergeld (Jobcenter)
    ("BUERGER", ["buergerbuero", "mainarbeit"]),
    ("s", ["sozialamt", "wohnungsamt/sachbearbeitung"]),
    ("a", ["auslaenderamt", "mainarbeit"]),  # Ausländeramt, Arbeitsuche, Ansprechpersonen
])
@pytest.mark.parametrize("command", ["next", "office", "check"])
def test_ambiguous_name_lists_candidates_and_exits_2(name: str, candidates: list[str],
                                                     command: str) -> None:
    run = cli(command, name, "--at", WED)
    line = one_line_error(run, 2)
    for candidate in candidates:
        assert candidate in line
    quiet = cli("check", name, "--at", WED, "-q")
    assert quiet.code == 2


@pytest.mark.parametrize("command", ["next", "office", "check"])
def test_unknown_name_exits_2_with_closest_matches(command: str) -> None:
    line = one_line_error(cli(command, "sozialamtt", "--at", WED), 2)
    assert "sozialamtt" in line
    assert "Sozialamt" in line or "sozialamt" in line
    line = one_line_error(cli(command, "xyzzy", "--at", WED), 2)
    assert "xyzzy" in line


@pytest.mark.parametrize("name", ["", "/", "mainarbeit/", "mainarbeit/unbekannt", "a\tb",
                                  "\x1b[31m", "[bold]x[/bold]", "x" * 2000])
def test_odd_names_are_usage_errors(name: str) -> None:
    line = one_line_error(cli("check", name, "--at", WED), 2)
    assert "\x1b" not in line


@pytest.mark.parametrize("channel", ["fax", "brief", "phone,fax"])
def test_bad_channel_is_a_usage_error(channel: str) -> None:
    line = one_line_error(cli("now", "--channel", channel, "--at", WED), 2)
    assert "phone" in line


def test_several_channels_comma_separated() -> None:
    rows = json_out("now", "--all", "--channel", "telefon,vorsprache", "--at", WED)
    assert {r["channel"] for r in rows} == {"phone", "visit"}
