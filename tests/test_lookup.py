"""lookup.py: NAME -> an office or a unit (ids, names, aliases and services, folded for case,
umlauts and decomposed characters; a unique prefix too), and the words for channel kinds.

The names are those of data/offices.yaml, which quotes the city's texts: the MainArbeit is
the "Kommunales Jobcenter", the Bürgerbüro issues the Personalausweis and the Führerschein
and does the Kfz-Zulassung, the Wohnungsamt handles the Wohngeld.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from erreichbar.answers.lookup import channel_kind, find, fold
from erreichbar.data.model import Channel, Dataset, Office
from erreichbar.errors import UsageError
from erreichbar.hours.reader import parse
from helpers import (
    WED,
    cli,
    json_out,
    one_line_error,
    run_cli,
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


# --- the rules, called directly ---------------------------------------------------------------


@pytest.mark.parametrize(("typed", "folded"), [
    ("Ausländeramt", "auslaenderamt"),
    ("AUSLÄNDERAMT", "auslaenderamt"),
    ("Ausla\u0308nderamt", "auslaenderamt"),  # ä as a + combining diaeresis
    ("Bürgerbüro", "buergerbuero"),
    ("Führerschein", "fuehrerschein"),
    ("Straße", "strasse"),
    ("Café", "cafe"),  # other accents are dropped, not spelled out
    ("  Kommunales   Jobcenter\tMainArbeit ", "kommunales jobcenter mainarbeit"),
])
def test_fold(typed, folded):
    assert fold(typed) == folded


def test_find_by_id_name_alias_service_and_unit(dataset):
    """Names as data/offices.yaml has them: the MainArbeit is also "Jobcenter", its service
    "Bürgergeld"; the Wohnungsamt's service is "Wohngeld"; the Telefonzentrale is a unit."""
    assert find(dataset, "mainarbeit").id == "mainarbeit"
    assert find(dataset, "Jobcenter").id == "mainarbeit"
    assert find(dataset, "bürgergeld").id == "mainarbeit"
    assert find(dataset, "Wohngeld").id == "wohnungsamt"
    target = find(dataset, "Telefonzentrale")
    assert (target.office.id, target.unit, target.id) == ("mainarbeit", "telefonzentrale",
                                                          "mainarbeit/telefonzentrale")
    assert target.name == "Kommunales Jobcenter MainArbeit – Telefonzentrale"


def two_offices(first: str, second: str) -> Dataset:
    """A dataset of two offices with the ids FIRST and SECOND and nothing else."""
    schedule = parse("Mo-Fr 09:00-12:00")
    offices = [Office(id=oid, name=oid.capitalize(), aliases=(), services=(), sources=(),
                      units=(), channels=(Channel(oid, None, "phone", schedule),))
               for oid in (first, second)]
    return Dataset(as_of=date(2024, 3, 1), timezone="Europe/Berlin", region="DE-HE",
                   offices=tuple(offices))


def test_an_exact_name_wins_over_a_longer_name_it_begins():
    data = two_offices("amt", "amtsgericht")
    assert find(data, "amt").office.id == "amt"
    assert find(data, "amts").office.id == "amtsgericht"  # a unique prefix
    assert find(data, "AMTSG").office.id == "amtsgericht"


def test_a_prefix_of_two_names_is_ambiguous_and_names_both():
    data = two_offices("sozialamt", "sozialdienst")
    with pytest.raises(UsageError) as caught:
        find(data, "sozial")
    assert "sozialamt" in str(caught.value) and "sozialdienst" in str(caught.value)


def test_nothing_matches_names_the_closest():
    data = two_offices("sozialamt", "wohnungsamt")
    with pytest.raises(UsageError) as caught:
        find(data, "sozialamtt")
    assert "closest: Sozialamt" in str(caught.value)
    with pytest.raises(UsageError):
        find(data, "   ")


@pytest.mark.parametrize(("word", "kind"), [
    ("phone", "phone"), ("Telefon", "phone"), ("TEL", "phone"), ("Anruf", "phone"),
    ("Vorsprache", "visit"), ("Besuch", "visit"), ("vor-ort", "visit"),
    ("E-Mail", "email"), ("mail", "email"),
    ("Formular", "online"), ("web", "online"),
])
def test_channel_kind_words(word, kind):
    assert channel_kind(word) == kind


@pytest.mark.parametrize("word", ["fax", "brief", "", "telefon,visit"])
def test_other_channel_words_are_usage_errors(word):
    with pytest.raises(UsageError):
        channel_kind(word)


def test_an_ambiguous_name_on_a_big_dataset_is_still_one_short_line(tmp_path):
    """A short NAME can match thousands of offices: the line names the first ten, in order,
    and counts the rest."""
    import re
    import sys

    from helpers import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    data = tmp_path / "big.yaml"
    data.write_text(generate(2000, seed=3), encoding="utf-8")
    from erreichbar.answers.lookup import SHOWN_MATCHES, find
    from erreichbar.data.loader import load

    dataset, _ = load([str(data)], use_cache=False)
    ids = sorted(o.id for o in dataset.offices if o.id.startswith("office-"))
    assert len(ids) > 100
    with pytest.raises(UsageError) as err:
        find(dataset, "office-")
    message = str(err.value)
    assert len(message) < 1000
    assert message.count("office-") >= SHOWN_MATCHES
    hidden = int(re.search(r"and (\d+) more", message).group(1))
    assert hidden > 0


# --- search terms: the words people use, leading where the city's texts say -----------------

# What people type, and the office the texts name for it: the Ausländeramt takes the
# appointments of foreigners ("Vorsprachen erfolgen ausschließlich nach vorheriger
# Online-Terminvereinbarung über das Kontaktformular auf www.offenbach.de/auslaenderamt"),
# the Wohngeld is applied for on the Wohnungsamt's pages ("wohngeld_antrag.php"), the
# Bürgerbüro handles "Melde- und Passangelegenheiten", "Kfz-Zulassungen" and "Führerscheinen",
# the "Kommunales Jobcenter MainArbeit" is the Jobcenter.
@pytest.mark.parametrize(("name", "office"), [
    ("residence permit", "auslaenderamt"),
    ("Aufenthaltserlaubnis", "auslaenderamt"),
    ("immigration office", "auslaenderamt"),
    ("Ausländerbehörde", "auslaenderamt"),
    ("auslaender behoerde", "auslaenderamt"),  # a compound typed as two words
    ("behörde ausländer", "auslaenderamt"),  # in any order
    ("Auslanderbehorde", "auslaenderamt"),  # ä typed as a
    ("AUSLAENDERBEHOERDE", "auslaenderamt"),
    ("housing benefit", "wohnungsamt"),
    ("Benefit Housing", "wohnungsamt"),
    ("Wohngeldstelle", "wohnungsamt"),
    ("wohngeld stelle", "wohnungsamt"),
    ("passport", "buergerbuero"),
    ("identity card", "buergerbuero"),
    ("registration certificate", "buergerbuero"),
    ("Meldebescheinigung", "buergerbuero"),
    ("Einwohnermeldeamt", "buergerbuero"),
    ("Meldestelle", "buergerbuero"),
    ("Bürgeramt", "buergerbuero"),
    ("buergeramt", "buergerbuero"),
    ("Burgeramt", "buergerbuero"),
    ("driving licence", "buergerbuero"),
    ("vehicle registration", "buergerbuero"),
    ("citizen's income", "mainarbeit"),
    ("citizens income", "mainarbeit"),
    ("job center", "mainarbeit"),
    ("social assistance", "sozialamt"),
])
def test_a_search_term_finds_the_office_the_texts_name(name: str, office: str) -> None:
    view = json_out("office", name, "--at", WED)
    assert view["office"] == office
    check = cli("check", name, "--at", WED, "--json")  # exits 0, 1 or 3 by the state
    assert check.code in (0, 1, 3)
    assert json.loads(check.out)["office"] == office


@pytest.mark.parametrize("name", ["Arbeitsamt", "Agentur für Arbeit", "agentur fuer arbeit",
                                  "Arbeitsagentur"])
@pytest.mark.parametrize("command", ["next", "office", "check"])
def test_the_agentur_fuer_arbeit_is_not_in_the_data_and_says_where_to_ask(name, command):
    """The texts speak of "den Räumen der Agentur für Arbeit", a federal agency the data does
    not hold; the MainArbeit supports "bei der Integration in den Arbeitsmarkt"."""
    line = one_line_error(cli(command, name, "--at", WED), 2)
    assert "Agentur für Arbeit" in line and "mainarbeit" in line
    assert "ambiguous" not in line and "mehrdeutig" not in line


def test_an_office_not_in_the_data_without_a_pointer_says_only_that():
    line = one_line_error(cli("office", "Jugendamt", "--at", WED, "--lang", "en"), 2)
    assert line == "erreichbar: 'Jugendamt': Jugendamt is not in the data (erreichbar list " \
                   "shows all)"


def test_a_word_of_an_office_in_the_data_wins_over_one_that_is_not():
    """`arbeit` begins "Arbeitsuche" (MainArbeit) and "Arbeitsamt" (not in the data): the
    office that is there is meant."""
    assert json_out("office", "arbeit", "--at", WED)["office"] == "mainarbeit"


def test_buergeramt_with_a_typo_suggests_the_buergeramt_first():
    line = one_line_error(cli("office", "Buergeramtt", "--at", WED, "--lang", "en"), 2)
    assert "closest: Bürgeramt " in line or "closest: Bürgeramt," in line
    assert "Bürgergeld" not in line  # it shares letters only: not a typo of it


@pytest.mark.parametrize(("typo", "meant"), [
    ("Ausländrbehörde", "Ausländerbehörde"), ("pasport", "passport"),
    ("Wohngeldsetlle", "Wohngeldstelle"), ("sozialamtt", "Sozialamt"),
    ("sozalamt", "Sozialamt"), ("Wohngelt", "Wohngeld"), ("Auslenderamt", "Ausländeramt"),
])
def test_a_typo_names_what_was_meant_first(typo: str, meant: str) -> None:
    line = one_line_error(cli("office", typo, "--at", WED, "--lang", "en"), 2)
    assert f"closest: {meant}" in line


# --- completion of NAME, through Click's shell completion as a shell asks for it ------------

def completions(*words: str) -> list[str]:
    """What `erreichbar WORDS<TAB>` offers in bash (typer's protocol: the words so far and
    the index of the one being completed, in the environment)."""
    run = run_cli([], env={"_ERREICHBAR_COMPLETE": "complete_bash",
                           "COMP_WORDS": " ".join(["erreichbar", *words]),
                           "COMP_CWORD": str(len(words))})
    assert run.code == 0, run.err
    return run.out.split("\n")[:-1]


@pytest.mark.parametrize(("typed", "offered"), [
    ("aus", {"auslaenderamt", "auslaenderbehoerde"}),
    ("Ausl", {"Ausländeramt", "Ausländerbehörde"}),
    ("auslander", {"auslanderamt", "auslanderbehorde"}),
    ("wohng", {"wohngeld", "wohngeldstelle"}),
    ("job", {"jobcenter", "job centre"}),
    ("Bürgera", {"Bürgeramt"}),
    ("tele", {"telefonzentrale"}),
])
def test_name_completes_from_ids_names_aliases_services_and_terms(typed, offered):
    got = completions("office", typed)
    assert offered <= set(got), got
    assert all(c.startswith(typed) for c in got)  # a shell drops the rest


@pytest.mark.parametrize("typed", ["aus", "Ausl", "wohng", "job", "auslander", "Bürgera"])
def test_every_completion_is_a_name_that_finds_an_office(typed):
    for offered in completions("next", typed):
        assert cli("office", offered, "--at", WED, "--json").code == 0, offered


def test_completion_offers_ids_first_and_not_offices_outside_the_data():
    assert completions("office", "")[0] == "mainarbeit"
    assert not any("Arbeitsamt" in c or "Agentur" in c for c in completions("office", "a"))
    assert not any("arbeitsamt" in c for c in completions("office", "arbeits"))


def test_an_id_wins_over_the_same_word_as_another_offices_name_or_alias(tmp_path) -> None:
    """An imported office named "Sozialamt" (alias `sozialamt`) layered over the bundled
    data: `sozialamt` is the bundled office's id and means it; the other office stays
    reachable by its own id."""
    from erreichbar.data.loader import bundled_path
    from helpers import DATA_HEAD

    layer = tmp_path / "eigene.yaml"
    layer.write_text(DATA_HEAD + """\
offices:
  - id: "osm-n1"
    name: "Sozialamt"
    aliases: ["sozialamt"]
    source: "s"
    channels:
      - kind: "visit"
        hours: "unknown"
""", encoding="utf-8")
    data = ["--data", bundled_path(), "--data", str(layer)]
    rows = json_out("next", "sozialamt", *data, "--at", WED)
    assert rows and {r["office"] for r in rows} == {"sozialamt"}
    assert json_out("office", "osm-n1", *data, "--at", WED)["office"] == "osm-n1"
