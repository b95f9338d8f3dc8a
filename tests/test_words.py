"""The words people type for what they need, and what `office WORD` answers: an office of
the data, an office that is not in it (`elsewhere`), or nothing and no suggestion, since a
wrong office is worse than none.

The offices are those the texts name (data/offices.yaml quotes them): the Bürgerbüro's
"Melde- und Passangelegenheiten" and "Kfz-Zulassungen", the Ausländeramt, the "Kommunales
Jobcenter MainArbeit" (whose Bürgergeld replaced the Arbeitslosengeld II, Hartz IV, in
2023: general knowledge), the Sozialamt, the Wohnungsamt ("wohngeld_antrag.php"). The
Familienkasse is named in the Familienberatung paragraph of the 2024 text, not in the
data; that it pays the Kindergeld is general knowledge. The texts name no Standesamt and
no office for the Einbürgerung.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from erreichbar.answers.lookup import find, stem
from erreichbar.data.model import Channel, Dataset, Office
from erreichbar.errors import UsageError
from erreichbar.hours.reader import parse
from helpers import WED, cli, json_out

AT = "2024-03-06T10:30"  # a Wednesday morning

OFFICE = {
    "buergerbuero": [
        # register an address
        "Anmeldung", "anmelden", "ummelden", "Ummeldung", "Wohnsitz anmelden",
        "meinen Wohnsitz ummelden", "Wohnsitzanmeldung", "Adresse ändern", "Adressänderung",
        "Umzug", "register my address", "change of address", "registration",
        "address registration",
        # the identity card and the passport
        "Ausweis", "Personalausweis", "Perso", "Personalausweis beantragen", "ID card",
        "identity card", "passport", "Reisepass", "renew my passport",
        # a car
        "Auto zulassen", "Auto anmelden", "Kfz anmelden", "Zulassung", "Zulassungsstelle",
        "Autozulassung", "register a car", "car registration", "vehicle registration",
        # the office itself
        "Bürgerbüro", "Bürgeramt", "Einwohnermeldeamt", "Meldestelle",
    ],
    "auslaenderamt": [
        "Aufenthaltstitel", "Aufenthaltstitel verlängern", "Aufenthaltserlaubnis",
        "residence permit", "extend my residence permit", "Ausländerbehörde", "auslanderamt",
        "immigration office",
    ],
    "mainarbeit": [
        "Hartz IV", "Hartz 4", "hartz4", "Hartz-IV", "ALG II", "ALG 2", "Arbeitslosengeld II",
        "Arbeitslosengeld 2", "unemployment benefit II", "Bürgergeld",
        "Bürgergeld beantragen", "Jobcenter", "jobcentre", "job centre", "citizen's income",
    ],
    "sozialamt": ["Sozialhilfe", "Sozialamt", "social assistance", "Grundsicherung"],
    "wohnungsamt": ["Wohngeld", "Wohngeld beantragen", "housing benefit", "Wohngeldstelle"],
}

# word -> the office that is not in the data, and the office it points to (or None)
ELSEWHERE = {
    "Kindergeld": ("Familienkasse", None),
    "Kindergeld beantragen": ("Familienkasse", None),
    "child benefit": ("Familienkasse", None),
    "Familienkasse": ("Familienkasse", None),
    "Einbürgerung": ("Einbürgerungsbehörde", None),
    "naturalisation": ("Einbürgerungsbehörde", None),
    "citizenship": ("Einbürgerungsbehörde", None),
    "Standesamt": ("Standesamt", None),
    "registry office": ("Standesamt", None),
    "Jugendamt": ("Jugendamt", None),
    "Arbeitslosengeld": ("Agentur für Arbeit", "mainarbeit"),
    "unemployment benefit": ("Agentur für Arbeit", "mainarbeit"),
    "Arbeitsamt": ("Agentur für Arbeit", "mainarbeit"),
}

# what the data does not answer, without a suggestion that would mislead
NOTHING = [
    "Visum verlängern", "Visum", "visa", "Hund anmelden", "Gewerbe anmelden", "Kind anmelden",
    "Kinderzuschlag", "Kinderarzt", "Anmeldebestätigung",
]

# a typo names what was meant
SUGGESTS = {
    "sozalamt": "Sozialamt", "Wohngelt": "Wohngeld", "Auslenderamt": "Ausländeramt",
    "Personalauswies": "Personalausweis", "Kindergelt": "Kindergeld",
    "Ausweis verloren": "Ausweis",
}


def office(word: str) -> tuple[int, str, str]:
    run = cli("office", word, "--json", "--at", AT, "--lang", "en")
    return run.code, run.out, run.err


@pytest.mark.parametrize(("word", "office_id"),
                         [(word, oid) for oid, words in OFFICE.items() for word in words])
def test_a_word_finds_its_office(word: str, office_id: str) -> None:
    code, out, err = office(word)
    assert code == 0, err
    assert json.loads(out)["office"] == office_id


@pytest.mark.parametrize(("word", "body", "see"),
                         [(word, body, see) for word, (body, see) in ELSEWHERE.items()])
def test_a_word_of_an_office_not_in_the_data_says_so(word: str, body: str,
                                                     see: str | None) -> None:
    code, out, err = office(word)
    assert (code, out) == (2, "")
    assert f"{body} is not in the data" in err
    if see:
        assert f"the nearest office in it is {see}" in err
    else:
        assert "nearest" not in err
    assert "closest" not in err and "ambiguous" not in err


@pytest.mark.parametrize("word", NOTHING)
def test_a_word_of_nothing_in_the_data_finds_nothing_and_suggests_nothing(word: str) -> None:
    code, out, err = office(word)
    assert (code, out) == (2, "")
    assert err == f"erreichbar: no office, unit or service matches {word!r} (erreichbar " \
                  "list shows all)\n"


@pytest.mark.parametrize(("word", "meant"), SUGGESTS.items())
def test_a_typo_suggests_what_was_meant_first(word: str, meant: str) -> None:
    code, out, err = office(word)
    assert (code, out) == (2, "")
    assert f"closest: {meant}" in err


def test_the_german_message_says_the_same():
    run = cli("office", "Einbürgerung", "--at", AT, "--lang", "de")
    assert run.code == 2
    assert "Einbürgerungsbehörde" in run.err and "Bürgergeld" not in run.err


# --- the rules, called directly -----------------------------------------------------------


@pytest.mark.parametrize(("typo", "office"), [
    ("Ausländerbehöre", "auslaenderamt"), ("Wohngeldstele", "wohnungsamt"),
])
def test_a_typo_in_the_last_letters_is_found_by_the_stem(typo: str, office: str) -> None:
    """The ending a stem leaves off (stem()) may hold the typo: the rest begins the name."""
    assert json_out("office", typo, "--at", WED)["office"] == office


@pytest.mark.parametrize(("word", "stemmed"), [
    ("anmelden", "anmeld"), ("anmeldung", "anmeld"), ("zulassen", "zulass"),
    ("zulassung", "zulass"), ("andern", "ander"), ("anderung", "ander"),
    ("registering", "register"), ("registration", "registr"), ("auto", "auto"),
    ("amt", "amt"), ("wohnsitz", "wohnsitz"),
])
def test_stem_cuts_an_ending_and_leaves_four_letters(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def dataset_of(offices: dict[str, list[str]]) -> Dataset:
    """Offices by id, each with the services given."""
    schedule = parse("Mo-Fr 09:00-12:00")
    return Dataset(as_of=date(2024, 3, 1), timezone="Europe/Berlin", region="DE-HE",
                   offices=tuple(Office(id=oid, name=oid.capitalize(), aliases=(),
                                        services=tuple(services), sources=(), units=(),
                                        channels=(Channel(oid, None, "phone", schedule),))
                                 for oid, services in offices.items()))


def test_a_phrase_whose_words_are_spread_over_the_names_of_one_office_finds_it():
    data = dataset_of({"amt": ["Autozulassung", "Anmeldung"], "kasse": ["Hundesteuer"]})
    assert find(data, "Auto anmelden").office.id == "amt"
    assert find(data, "mein Auto anmelden").office.id == "amt"  # a filler word
    assert find(data, "anmelden Auto").office.id == "amt"  # in any order


@pytest.mark.parametrize("phrase", ["Hund anmelden", "Hundesteuer Anmeldung", "Boot anmelden"])
def test_a_phrase_with_a_word_of_no_office_or_of_another_finds_nothing(phrase):
    """Every word must lead to the one office: a word that leads nowhere, or to another,
    may mean what the data does not hold."""
    data = dataset_of({"amt": ["Autozulassung", "Anmeldung"], "kasse": ["Hundesteuer"]})
    with pytest.raises(UsageError) as caught:
        find(data, phrase)
    assert "matches" in str(caught.value)


def test_a_miss_suggests_a_name_it_holds_and_no_name_that_only_shares_letters():
    data = dataset_of({"buero": ["Bürgerbüro", "Ausweis"], "jobcenter": ["Bürgergeld"],
                       "amt": ["Ausländeramt"]})
    with pytest.raises(UsageError) as caught:
        find(data, "Ausweis verloren")
    assert "closest: Ausweis " in str(caught.value)
    for unrelated in ("Einbürgerung", "Standesamt"):
        with pytest.raises(UsageError) as caught:
            find(data, unrelated)
        assert "closest" not in str(caught.value)
