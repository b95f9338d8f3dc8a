"""English means English: every view in English, of every office, at ordinary and awkward
times, shows no German sentence, but for names (of offices, units, lines, sources, streets,
holidays) and the words the data lists as German search terms, aliases and services.

The data's texts (notes, comments in hours, descriptions, plans, doubts, assumptions,
special days) are German; the data file gives each an English translation, marked as one,
and a view in English shows that.
"""

from __future__ import annotations

import re

import pytest

from erreichbar.data.loader import bundled_path, load
from helpers import TERMINAL, drawn, run_cli

INSTANTS = ["2024-03-06T10:30", "2024-03-10T03:00", "2024-12-24T10:00", "2024-12-31T09:00",
            "2026-02-02T10:00", "2024-03-29T10:00"]
# Words that only a German sentence has (function words and the tool's German words); a
# name that holds one is taken out before looking
GERMAN = {"und", "der", "die", "das", "den", "dem", "des", "nicht", "ist", "sind", "mit",
          "nach", "zu", "zur", "von", "vom", "für", "auf", "werden", "wird", "über", "bei",
          "ab", "bis", "im", "ohne", "oder", "eine", "einer", "ein", "Zeiten", "Termin",
          "Annahme", "unsicher", "Faustregel", "Beschäftigte", "steht", "stehen", "Seiten",
          "Mailadresse", "Nummer", "Quelle", "Stand", "geschlossen", "offen", "unbekannt",
          "erreichbar", "heute", "morgen", "nur", "Vorsprache", "Telefon", "Achtung",
          "freigestellt", "angegeben", "veröffentlicht", "Terminvereinbarung", "Kontaktformular"}


def names() -> list[str]:
    """Every name the data gives, longest first (a name may hold a shorter one)."""
    dataset, _ = load([bundled_path()], use_cache=False)
    found: set[str] = set()
    for o in dataset.offices:
        found |= {o.name, *o.aliases, *o.services, *(t for _lang, t in o.terms)}
        found |= {u.name for u in o.units}
        for s in o.sources:
            found |= {s.title, s.publisher}
        if o.address is not None:
            found |= {o.address.street, o.address.city, o.address.text}
        for c in o.channels:
            src = c.facts_source(o)
            if src is not None:
                found |= {src.title, src.publisher}
    found |= {ln.name for ln in dataset.lines} | {e.name for e in dataset.elsewhere}
    found |= {p.source.title for p in dataset.planned}
    found |= {x for d in dataset.special_days if d.source for x in (d.source.title,
                                                                    d.source.publisher)}
    return sorted((n for n in found if n), key=len, reverse=True)


NAMES = names()


def german_words(text: str) -> set[str]:
    text = re.sub(r"<[^<>|]*\|>", "", text)  # drawn()'s marks of styles and links
    for name in NAMES:
        text = text.replace(name, " ")
    text = re.sub(r"\S+://\S+|www\.\S+|\S+@\S+", " ", text)  # links and addresses
    return {w for w in re.findall(r"[^\W\d_]+", text) if w in GERMAN}


def plain_words(out: str, command: str) -> str:
    """Plain lines but for the hours value `office` gives in its ninth column: an
    opening_hours value as the data writes it, comments and all (a machine's field)."""
    if command != "office":
        return out
    return "\n".join("\t".join(f for n, f in enumerate(line.split("\t")) if n != 8)
                     for line in out.splitlines())


COMMANDS = [["now"], ["now", "--all"], ["office", "mainarbeit"], ["office", "sozialamt"],
            ["office", "auslaenderamt"], ["office", "wohnungsamt"], ["office", "buergerbuero"],
            ["next", "mainarbeit"], ["next", "sozialamt"], ["next", "wohngeld"],
            ["check", "mainarbeit"], ["check", "wohnungsamt"], ["check", "buergerbuero"],
            ["week"], ["list"]]


@pytest.mark.parametrize("at", INSTANTS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_view_in_english_has_no_german_sentence(args, at):
    for terminal in (True, False):
        # wide enough that no name is broken over two lines (a broken name is no name)
        when = [] if args == ["list"] else ["--at", at]  # (list takes no time)
        run = run_cli([*args, "--lang", "en", *when], {"COLUMNS": "400"}, terminal=terminal)
        assert run.code in (0, 1, 3), run.err
        shown = drawn(run.out) if terminal else plain_words(run.out, args[0])
        assert german_words(shown + run.err) == set(), (args, at, terminal)


def test_the_detector_finds_german():
    """The test above can fail: German is found, a name is not taken for it."""
    assert german_words("Die Mailadresse steht auf den Seiten des Sozialamtes.") >= {
        "Die", "Mailadresse", "steht"} - {"Die"}
    assert german_words("Kommunales Jobcenter MainArbeit – Persönliche Ansprechpersonen") \
        == set()
    assert german_words("nur mit Termin") == {"nur", "mit", "Termin"}


def test_a_view_in_german_shows_the_german_texts():
    """The translations are the data's, shown only in English: German stays German."""
    run = run_cli(["office", "sozialamt", "--at", INSTANTS[0], "--lang", "de"], terminal=True)
    assert "Die Mailadresse steht auf den Seiten des Sozialamtes." in drawn(run.out)
    run = run_cli(["office", "sozialamt", "--at", INSTANTS[0], "--lang", "en"], terminal=True)
    assert "The e-mail address is on the Sozialamt's pages." in drawn(run.out)
    assert TERMINAL  # (the terminal the views are drawn for)


def test_every_text_of_the_data_has_its_english():
    """Every note, comment in hours, description, plan, doubt, assumption and special day of
    the bundled data has an English text beside the German one (`translations:`, `en:`)."""
    dataset, _ = load([bundled_path()], use_cache=False)
    english = dict(dataset.translations)
    texts: set[str] = {p.text for p in dataset.planned}
    for o in dataset.offices:
        texts |= {n.text for n in o.notes} | {u.description for u in o.units if u.description}
        for c in o.channels:
            texts |= {n.text for n in c.notes}
            texts |= {x.uncertain for x in (*c.contacts, c.find) if x and x.uncertain}
            texts |= {s.comment for d in c.hours.days for s in d if s.comment}
            assert c.assumption is None or c.assumption.text_en, c.target
    for line in dataset.lines:
        texts |= {n.text for n in line.notes}
    assert all(d.en for d in dataset.special_days)
    assert sorted(texts - english.keys()) == []
