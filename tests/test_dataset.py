"""The bundled dataset against the city's texts: every quoted passage, time, number and
address in it is found in a source text, and every channel without published times is unknown.

The tests that read the texts take them from the `source_texts` fixture (conftest.py): they run
wherever the texts are, and are skipped, with the reason, in a clone that has none beside it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from erreichbar.data.model import State
from helpers import ROOT, WED, assert_tel_uri, json_out

MO, TU, WE, TH, FR, SA, SU = range(7)

# (office, unit, kind): the sentence of the 2024 text that gives the hours, and the hours
# per weekday written out by hand from that sentence (minutes after midnight).
HOURS_FROM_TEXT = {
    ("mainarbeit", None, "visit"): (
        "Öffnungszeiten Montag bis Donnerstag 7.30 bis 16.30 Uhr, Freitag 7.30 bis 14 Uhr",
        {MO: (450, 990), TU: (450, 990), WE: (450, 990), TH: (450, 990), FR: (450, 840)},
    ),
    ("mainarbeit", "telefonzentrale", "phone"): (
        "Die Telefonzentrale ist Montag bis Donnerstag von 8 bis 16 Uhr, Freitag von 8 bis "
        "14 Uhr besetzt.",
        {MO: (480, 960), TU: (480, 960), WE: (480, 960), TH: (480, 960), FR: (480, 840)},
    ),
    ("mainarbeit", "leistungssachbearbeitung", "phone"): (
        "Die Leistungssachbearbeitung ist montags bis freitags von 10 bis 11 Uhr telefonisch "
        "direkt erreichbar.",
        {d: (600, 660) for d in (MO, TU, WE, TH, FR)},
    ),
    ("sozialamt", None, "phone"): (
        "Das Sozialamt ist montags bis freitags zwischen 9 und 15 Uhr telefonisch",
        {d: (540, 900) for d in (MO, TU, WE, TH, FR)},
    ),
    ("wohnungsamt", "sachbearbeitung", "phone"): (
        "Telefonische Beratungen sind bei der persönlichen Sachbearbeitung möglich, montags bis "
        "freitags zwischen 9 und 12 Uhr",
        {d: (540, 720) for d in (MO, TU, WE, TH, FR)},
    ),
}

# Phone channels that go through the Behördennummer 115 (hours from the Land Hessen).
VIA_115 = {("auslaenderamt", None, "phone"), ("buergerbuero", None, "phone")}
ALWAYS = {"email", "online"}


def all_channels(dataset):
    return {(o.id, c.unit, c.kind): c for o in dataset.offices for c in o.channels}


def normalise(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("key", sorted(HOURS_FROM_TEXT, key=str))
def test_published_hours_match_the_sentence(dataset, key):
    _, expected = HOURS_FROM_TEXT[key]
    ch = all_channels(dataset)[key]
    for weekday in range(7):
        segs = ch.hours.day(weekday, False)
        if weekday in expected:
            assert [(s.start, s.end, s.state) for s in segs] == [(*expected[weekday],
                                                                  State.OPEN)]
        else:
            assert segs == ()


def test_every_channel_is_accounted_for(dataset):
    """A channel has hours from a sentence, goes via 115, is e-mail/online, or is unknown."""
    for key, ch in all_channels(dataset).items():
        if key in HOURS_FROM_TEXT:
            continue
        if key in VIA_115:
            assert ch.via is not None and ch.via.id == "115"
            continue
        if ch.kind in ALWAYS:
            assert ch.hours.text.startswith("24/7"), key
            continue
        if ch.assumption is not None:  # no time in the texts: unknown only inside the
            # assumption's frame (office hours, or the office's own), closed on Sunday
            states = {s.state for d in ch.hours.days[:7] for s in d}
            assert State.UNKNOWN in states and State.OPEN not in states, key
            assert all(s.state is State.CLOSED for s in ch.hours.day(6, False)), key
            continue
        states = {s.state for d in ch.hours.days[:7] for s in d}
        assert states == {State.UNKNOWN}, f"{key}: no time in the texts, so unknown"
        assert all(s.start == 0 and s.end == 24 * 60 for d in ch.hours.days[:7] for s in d)


def test_115_line_has_the_land_hessen_hours_and_source(dataset):
    [line] = dataset.lines
    assert line.id == "115"
    assert line.source.publisher == "Land Hessen"
    assert line.source.url == "https://digitales.hessen.de/Moderne-Verwaltung/Behoerdennummer-115"
    for weekday in range(5):
        assert [(s.start, s.end) for s in line.hours.day(weekday, False)] == [(480, 1080)]
    assert line.hours.day(5, False) == () and line.hours.day(6, False) == ()


def test_phone_numbers_are_in_the_text(dataset, source_texts):
    text_2024 = source_texts[2024]
    for office in dataset.offices:
        for ch in office.channels:
            for c in ch.contacts:
                if c.kind != "phone":
                    continue
                _, _, rest = c.value.partition(" ")
                # "069 8065-3584 oder -2686": the second number is written by its extension
                assert c.value in text_2024 or f"-{rest.split('-')[-1]}" in text_2024, c.value


def test_phone_uris_follow_rfc3966(dataset):
    uris = {c.value: c.uri for o in dataset.offices for ch in o.channels for c in ch.contacts}
    assert uris["069 8065-3584"] == "tel:+496980653584"
    assert uris["069 8065-2686"] == "tel:+496980652686"
    assert uris["069 8065-2871"] == "tel:+496980652871"
    assert uris["069 115"] == "tel:+4969115"
    for line in dataset.lines:
        for c in line.contacts:
            uris[c.value] = c.uri
    assert uris["115"] == "tel:115;phone-context=+49"
    for uri in uris.values():
        if uri.startswith("tel:"):
            assert_tel_uri(uri)


def test_every_number_of_the_texts_is_a_tel_uri_in_the_answers(source_texts):
    """The numbers as the 2024 text writes them ("069 8065-3584 oder -2686", "069 115",
    "(069 8065-2871)") are global numbers: Germany's +49 before the area code 069 without
    its trunk prefix 0 (E.164); "das Service-Center der 115" of the 2019 text is the short
    number 115, dialled as it is anywhere in Germany: local to +49. `now --all --json`
    gives each of them that URI, and every URI it gives follows RFC 3966's grammar."""
    text = source_texts[2024]
    written = re.findall(r"\b0\d{2,4} \d+(?:-\d+)?", text)
    for number, extension in re.findall(r"(0\d{2,4} \d+-)\d+ oder -(\d+)", text):
        written.append(number + extension)
    assert sorted(written) == ["069 115", "069 8065-2686", "069 8065-2871", "069 8065-3584"]
    want = {w: "tel:+49" + re.sub(r"\D", "", w)[1:] for w in written}
    assert "der 115 " in source_texts[2019]
    want["115"] = "tel:115;phone-context=+49"
    got = {c["value"]: c["uri"] for row in json_out("now", "--all", "--at", WED)
           for c in row["contacts"] if c["kind"] == "phone"}
    assert got == want
    for uri in got.values():
        assert_tel_uri(uri)


def test_web_addresses_are_in_the_text(dataset, source_texts):
    for office in dataset.offices:
        for ch in office.channels:
            for c in ch.contacts:
                if c.kind == "url":
                    assert c.value in source_texts[2024], c.value


def test_email_address_of_the_auslaenderamt(dataset):
    # The stored text lost '@' and '.': "auslaenderamtoffenbachde" (checked against the
    # text in test_the_facts_written_out_here_are_in_the_texts)
    ch = all_channels(dataset)[("auslaenderamt", None, "email")]
    assert [c.value for c in ch.contacts] == ["auslaenderamt@offenbach.de"]


def test_sources_and_dates(dataset):
    """The dates and publishers; that each title is the text's own is checked below."""
    assert dataset.as_of == date(2024, 3, 1)
    assert dataset.timezone == "Europe/Berlin" and dataset.region == "DE-HE"
    by_id = {o.id: o for o in dataset.offices}
    assert set(by_id) == {"mainarbeit", "sozialamt", "auslaenderamt", "wohnungsamt",
                          "buergerbuero"}
    for oid in ("mainarbeit", "sozialamt", "auslaenderamt", "wohnungsamt"):
        [src] = by_id[oid].sources
        assert src.publisher == "Stadt Offenbach" and src.date == date(2024, 3, 1)
    [src] = by_id["buergerbuero"].sources
    assert src.publisher == "Stadt Offenbach" and src.date == date(2019, 2, 13)


def test_source_titles_are_the_texts_own(dataset, source_texts):
    by_id = {o.id: o for o in dataset.offices}
    for oid in ("mainarbeit", "sozialamt", "auslaenderamt", "wohnungsamt"):
        [src] = by_id[oid].sources
        assert src.title in source_texts[2024]
    [src] = by_id["buergerbuero"].sources
    assert src.title in source_texts[2019]


def test_every_office_has_email_any_time(dataset):
    # "Alle Ämter sowie die MainArbeit sind außerdem per E-Mail zu erreichen"
    for office in dataset.offices:
        assert [c.hours.text for c in office.channels if c.kind == "email"] == ["24/7"]


def test_unit_ids_and_aliases_are_stable(dataset):
    units = {(o.id, u.id) for o in dataset.offices for u in o.units}
    assert units == {("mainarbeit", "telefonzentrale"), ("mainarbeit", "leistungssachbearbeitung"),
                     ("mainarbeit", "ansprechpersonen"), ("wohnungsamt", "sachbearbeitung"),
                     ("wohnungsamt", "geschaeftszimmer"), ("sozialamt", "zebuss")}
    assert "Jobcenter" in dataset.office("mainarbeit").aliases


def test_planned_items_have_no_times(dataset):
    texts = {p.text for p in dataset.planned}
    assert any("ZeBuSS" in t for t in texts) and any("Familienberatung" in t for t in texts)
    for p in dataset.planned:
        assert not re.search(r"\d{1,2}[:.]\d{2}", p.text)
    assert {p.offices for p in dataset.planned if "Familienberatung" in p.text} == {
        ("mainarbeit", "sozialamt", "wohnungsamt")}


def test_services_lead_to_the_office(dataset):
    from erreichbar.answers.lookup import find

    for service, office in [("Wohngeld", "wohnungsamt"), ("Bürgergeld", "mainarbeit"),
                            ("Aufenthaltstitel", "auslaenderamt"), ("Sozialhilfe", "sozialamt"),
                            ("Grundsicherung", "sozialamt"), ("Personalausweis", "buergerbuero"),
                            ("Reisepass", "buergerbuero"), ("Ummeldung", "buergerbuero"),
                            ("Kfz-Zulassung", "buergerbuero"), ("Führerschein", "buergerbuero")]:
        assert find(dataset, service).office.id == office


# --- against the full texts (skipped, with the reason, where they are not available) ------

# Passages the tests above rely on that are not quoted in the data file itself.
WRITTEN_OUT_HERE = [
    "montags bis freitags über die Telefonnummer 069 115",
    "auslaenderamtoffenbachde",
    "Alle Ämter sowie die MainArbeit sind außerdem per E-Mail zu erreichen",
]


def test_the_facts_written_out_here_are_in_the_texts(source_texts):
    text = normalise(source_texts[2024])
    for sentence, _ in HOURS_FROM_TEXT.values():
        assert normalise(sentence) in text, sentence
    for passage in WRITTEN_OUT_HERE:
        assert normalise(passage) in text, passage


def quotations(yaml_text: str) -> list[tuple[int, str]]:
    """Every passage quoted in a comment of the data file, with the line its comment starts
    on. A comment may run over several lines; "..." or "…" inside a quotation leaves words
    out, so each piece is a passage of its own."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(yaml_text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#"):
            if not current:
                start = number
            current.append(stripped.lstrip("#").strip())
            continue
        if current:
            blocks.append((start, " ".join(current)))
            current = []
        if " # " in line:  # a comment after a value
            blocks.append((number, line.split(" # ", 1)[1]))
    if current:
        blocks.append((start, " ".join(current)))
    found = []
    for number, block in blocks:
        for quoted in re.findall(r'"([^"]+)"', block):
            for piece in re.split(r"\.\.\.|…", quoted):
                piece = piece.strip(" ,.")
                if piece:
                    found.append((number, piece))
    return found


def test_every_quoted_passage_in_the_data_is_in_a_source_text(source_texts):
    """The data file quotes, beside each fact, the sentence it comes from: each of those
    passages is found, word for word, in one of the city's full texts. A single quoted word
    is a term the comment speaks about (such as the search keyword "Bürgergeld"), not a
    quotation, and is left out."""
    texts = [normalise(t) for t in source_texts.values()]
    passages = [(n, p) for n, p in quotations((ROOT / "data" / "offices.yaml").read_text("utf-8"))
                if len(p.split()) > 1]
    assert len(passages) >= 25, "the data file quotes its sources"
    missing = [f"offices.yaml:{n}: {p}" for n, p in passages
               if not any(normalise(p) in t for t in texts)]
    assert missing == []


def test_quotations_are_found_in_comments_only():
    found = quotations('a: "x y"  # "eins zwei"\n# "drei\n# vier ... fünf"\nb: 1\n')
    assert found == [(1, "eins zwei"), (2, "drei vier"), (2, "fünf")]
