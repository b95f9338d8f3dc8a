"""The bundled dataset against the city's texts: every time, number and address in it is
found in a source text, and every channel without published times is unknown."""

from __future__ import annotations

import re
from datetime import date

import pytest

from erreichbar.model import State
from helpers import SOURCES

TEXT_2024 = (SOURCES / "offenbach-2024-03-01-erreichbarkeit-der-aemter.txt").read_text("utf-8")
TEXT_2019 = (SOURCES / "offenbach-2019-02-13-buergerbuero-bilanz-2018.txt").read_text("utf-8")
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
    sentence, expected = HOURS_FROM_TEXT[key]
    assert normalise(sentence) in normalise(TEXT_2024), "the quoted sentence is in the text"
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
    assert "montags bis freitags über die Telefonnummer 069 115" in normalise(TEXT_2024)


def test_phone_numbers_are_in_the_text(dataset):
    for office in dataset.offices:
        for ch in office.channels:
            for c in ch.contacts:
                if c.kind != "phone":
                    continue
                _, _, rest = c.value.partition(" ")
                # "069 8065-3584 oder -2686": the second number is written by its extension
                assert c.value in TEXT_2024 or f"-{rest.split('-')[-1]}" in TEXT_2024, c.value


def test_phone_uris_follow_rfc3966(dataset):
    uris = {c.value: c.uri for o in dataset.offices for ch in o.channels for c in ch.contacts}
    assert uris["069 8065-3584"] == "tel:+496980653584"
    assert uris["069 8065-2686"] == "tel:+496980652686"
    assert uris["069 8065-2871"] == "tel:+496980652871"
    assert uris["069 115"] == "tel:+4969115"


def test_web_addresses_are_in_the_text(dataset):
    for office in dataset.offices:
        for ch in office.channels:
            for c in ch.contacts:
                if c.kind == "url":
                    assert c.value in TEXT_2024, c.value


def test_email_address_of_the_auslaenderamt(dataset):
    # The stored text lost '@' and '.': "auslaenderamtoffenbachde"
    assert "auslaenderamtoffenbachde" in TEXT_2024
    ch = all_channels(dataset)[("auslaenderamt", None, "email")]
    assert [c.value for c in ch.contacts] == ["auslaenderamt@offenbach.de"]


def test_sources_and_dates(dataset):
    assert dataset.as_of == date(2024, 3, 1)
    assert dataset.timezone == "Europe/Berlin" and dataset.region == "DE-HE"
    by_id = {o.id: o for o in dataset.offices}
    assert set(by_id) == {"mainarbeit", "sozialamt", "auslaenderamt", "wohnungsamt",
                          "buergerbuero"}
    for oid in ("mainarbeit", "sozialamt", "auslaenderamt", "wohnungsamt"):
        [src] = by_id[oid].sources
        assert src.title in TEXT_2024 and src.date == date(2024, 3, 1)
    [src] = by_id["buergerbuero"].sources
    assert src.title in TEXT_2019 and src.date == date(2019, 2, 13)


def test_every_office_has_email_any_time(dataset):
    # "Alle Ämter sowie die MainArbeit sind außerdem per E-Mail zu erreichen"
    assert "Alle Ämter sowie die MainArbeit sind außerdem per E-Mail zu erreichen" in TEXT_2024
    for office in dataset.offices:
        assert [c.hours.text for c in office.channels if c.kind == "email"] == ["24/7"]


def test_unit_ids_and_aliases_are_stable(dataset):
    units = {(o.id, u.id) for o in dataset.offices for u in o.units}
    assert units == {("mainarbeit", "telefonzentrale"), ("mainarbeit", "leistungssachbearbeitung"),
                     ("mainarbeit", "ansprechpersonen"), ("wohnungsamt", "sachbearbeitung"),
                     ("wohnungsamt", "geschaeftszimmer")}
    assert "Jobcenter" in dataset.office("mainarbeit").aliases


def test_planned_items_have_no_times(dataset):
    texts = {p.text for p in dataset.planned}
    assert any("ZeBuSS" in t for t in texts) and any("Familienberatung" in t for t in texts)
    for p in dataset.planned:
        assert not re.search(r"\d{1,2}[:.]\d{2}", p.text)
    assert {p.offices for p in dataset.planned if "Familienberatung" in p.text} == {
        ("mainarbeit", "sozialamt", "wohnungsamt")}


def test_services_lead_to_the_office(dataset):
    from erreichbar.lookup import find

    for service, office in [("Wohngeld", "wohnungsamt"), ("Bürgergeld", "mainarbeit"),
                            ("Aufenthaltstitel", "auslaenderamt"), ("Sozialhilfe", "sozialamt"),
                            ("Grundsicherung", "sozialamt"), ("Personalausweis", "buergerbuero"),
                            ("Reisepass", "buergerbuero"), ("Ummeldung", "buergerbuero"),
                            ("Kfz-Zulassung", "buergerbuero"), ("Führerschein", "buergerbuero")]:
        assert find(dataset, service).office.id == office
