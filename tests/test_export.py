"""`erreichbar export`: OpenStreetMap opening_hours values, schema.org JSON-LD and the dataset
as normalised YAML.

Expected values come from the city's texts in shared/sources, a calendar and independent
checkers (the `opening_hours` parser of opening-hours-py, `erreichbar validate`, and the
answers of the bundled data):

- "Das Sozialamt ist montags bis freitags zwischen 9 und 15 Uhr telefonisch unter
  069 8065-3584 oder -2686 ... erreichbar."
- "Die Telefonzentrale ist Montag bis Donnerstag von 8 bis 16 Uhr, Freitag von 8 bis 14 Uhr
  besetzt." "Die Leistungssachbearbeitung ist montags bis freitags von 10 bis 11 Uhr
  telefonisch direkt erreichbar."
- Wohnungsamt: "persönliche Sachbearbeitung ... montags bis freitags zwischen 9 und 12 Uhr,
  sowie über das Geschäftszimmer (069 8065-2871)"; "Telefonnummer 069 115" (Ausländeramt);
  "E-Mail-Adresse auslaenderamtoffenbachde" (auslaenderamt@offenbach.de).
- No times for the persönliche Ansprechpersonen, the Geschäftszimmer and the visits of the
  Sozialamt, Ausländeramt, Wohnungsamt and Bürgerbüro. The data's assumptions frame two of
  them: the Ansprechpersonen are unknown only within the MainArbeit's opening hours
  ("arbeitszeit": Mo-Do 7.30-16.30, Fr 7.30-14), the Geschäftszimmer only on working days
  from 7 to 18 ("buerozeiten"), closed outside.
- 24 and 31 December (`special_days:`, TVöD § 6 Abs. 3): every phone line and visit of an
  office, not one through the 115, is unknown where it would be open or unknown. Both are
  Tuesdays in 2024.

Nationwide public holidays 2024 (which opening_hours knows for country DE): 01.01., 29.03.
(Karfreitag), 01.04., 01.05., 09.05., 20.05., 03.10., 25.12., 26.12.; Fronleichnam (30.05.)
is a holiday in Hessen only and is left out of the comparison with opening_hours.
"""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import opening_hours
import pytest
import yaml

from erreichbar.data.loader import bundled_path
from erreichbar.data.model import State
from erreichbar.hours import engine
from erreichbar.hours.reader import parse
from helpers import BERLIN, cli

OFFICES = ("mainarbeit", "sozialamt", "auslaenderamt", "wohnungsamt", "buergerbuero")


def export(*args: str) -> str:
    run = cli("export", *args)
    assert run.code == 0, run.err
    # nothing on stderr but the data's own warnings (a file of odd hours has some)
    assert all(": warning: " in line for line in run.err.splitlines()), run.err
    return run.out


def osm_lines(*args: str) -> list[tuple[str, str, str]]:
    out = []
    for line in export("--format", "osm", *args).splitlines():
        target, kind, value = line.split("\t")
        out.append((target, kind, value))
    return out


def all_channels(dataset):
    return [ch for office in dataset.offices for ch in office.channels]


# --- osm ----------------------------------------------------------------------------------


def test_osm_one_line_per_channel_reading_back_to_the_same_schedule(dataset) -> None:
    lines = osm_lines()
    channels = all_channels(dataset)
    assert [(t, k) for t, k, _ in lines] == [(ch.target, ch.kind) for ch in channels]
    for (target, kind, value), ch in zip(lines, channels, strict=True):
        assert parse(value).days == ch.hours.days, (target, kind, value, ch.hours.text)
        opening_hours.OpeningHours(value)  # valid for the independent parser


def test_osm_values_follow_the_texts() -> None:
    values = {(t, k): v for t, k, v in osm_lines()}
    sozial = opening_hours.OpeningHours(values[("sozialamt", "phone")], country="DE")
    wed = datetime(2024, 3, 6)
    assert sozial.is_open(datetime.combine(wed, time(9, 0)))
    assert sozial.is_open(datetime.combine(wed, time(14, 59)))
    assert sozial.is_closed(datetime.combine(wed, time(15, 0)))
    assert sozial.is_closed(datetime(2024, 3, 9, 10))  # Saturday
    assert sozial.is_closed(datetime(2024, 3, 29, 10))  # Karfreitag
    zentrale = opening_hours.OpeningHours(values[("mainarbeit/telefonzentrale", "phone")])
    assert zentrale.is_open(datetime(2024, 3, 7, 15, 30))  # Thursday until 16:00
    assert zentrale.is_closed(datetime(2024, 3, 8, 15, 30))  # Friday until 14:00
    persons = opening_hours.OpeningHours(values[("mainarbeit/ansprechpersonen", "phone")])
    assert persons.is_unknown(datetime(2024, 3, 6, 10, 30))
    assert not persons.is_open(datetime(2024, 3, 6, 10, 30))
    # assumed within the MainArbeit's opening hours: Wednesday until 16.30, Friday until 14
    assert persons.is_unknown(datetime(2024, 3, 6, 7, 30))
    assert persons.is_closed(datetime(2024, 3, 6, 7, 29))
    assert persons.is_closed(datetime(2024, 3, 6, 16, 30))
    assert persons.is_unknown(datetime(2024, 3, 8, 13, 59))
    assert persons.is_closed(datetime(2024, 3, 8, 14, 0))
    assert persons.is_closed(datetime(2024, 3, 9, 10, 30))  # Saturday
    # the Geschäftszimmer on working days from 7 to 18 ("buerozeiten")
    zimmer = opening_hours.OpeningHours(values[("wohnungsamt/geschaeftszimmer", "phone")])
    assert zimmer.is_closed(datetime(2024, 3, 6, 6, 59))
    assert zimmer.is_unknown(datetime(2024, 3, 6, 7, 0))
    assert zimmer.is_unknown(datetime(2024, 3, 6, 17, 59))
    assert zimmer.is_closed(datetime(2024, 3, 6, 18, 0))
    assert zimmer.is_closed(datetime(2024, 3, 10, 10, 30))  # Sunday
    # 24 and 31 December (Tuesdays): unknown where open, not open; the 115 keeps its hours
    for day in (24, 31):
        assert sozial.is_unknown(datetime(2024, 12, day, 10, 0))
        assert sozial.is_closed(datetime(2024, 12, day, 15, 0))
        assert zentrale.is_unknown(datetime(2024, 12, day, 15, 30))  # a Tuesday: until 16
        assert zentrale.is_closed(datetime(2024, 12, day, 16, 0))
        for via_115 in ("auslaenderamt", "buergerbuero"):
            line = opening_hours.OpeningHours(values[(via_115, "phone")])
            assert line.is_open(datetime(2024, 12, day, 10, 0)), via_115
    assert sozial.is_open(datetime(2024, 12, 23, 10, 0))  # the Monday before


NATIONWIDE = [date(2024, 1, 1), date(2024, 3, 29), date(2024, 4, 1), date(2024, 5, 1),
              date(2024, 5, 9), date(2024, 5, 20), date(2024, 10, 3), date(2024, 12, 25),
              date(2024, 12, 26)]
ORDINARY = [date(2024, 3, d) for d in range(4, 11)] + [  # Mo 04.03. - So 10.03.
    date(2024, 3, 31),  # Sunday, summer time begins
    date(2024, 7, 5),  # Friday in summer
    date(2024, 10, 27), date(2024, 10, 28),  # winter time begins; Monday after
    date(2024, 12, 24), date(2024, 12, 31)]  # ordinary days, not public holidays
TIMES = [time(0, 30), time(7, 45), time(8, 15), time(9, 0), time(10, 30), time(11, 59),
         time(13, 0), time(14, 30), time(15, 45), time(16, 15), time(17, 59), time(20, 0)]
OH_STATE = {"open": State.OPEN, "closed": State.CLOSED, "unknown": State.UNKNOWN}


def test_osm_agrees_with_the_engine_at_sample_instants(dataset, cal) -> None:
    lines = osm_lines()
    channels = all_channels(dataset)
    assert date(2024, 5, 30) not in NATIONWIDE  # Fronleichnam: Hessen only
    checked = 0
    for (target, kind, value), ch in zip(lines, channels, strict=True):
        oh = opening_hours.OpeningHours(value, country="DE")
        for day in NATIONWIDE + ORDINARY:
            for t in TIMES:
                naive = datetime.combine(day, t)  # opening_hours wants naive local time
                ours = engine.status(ch.hours, cal, naive.replace(tzinfo=BERLIN),
                                     ch.validity).state
                theirs = OH_STATE[str(oh.state(naive)[0]).rsplit(".", 1)[-1].lower()]
                assert ours is theirs, (target, kind, value, naive, ours, theirs)
                checked += 1
    assert checked > 1000


ODD_HOURS = [
    "Di 09:00-12:00; Do 14:00-16:00",  # German weekday names
    "Fr-Mo 10:00-12:00",  # a range across the weekend
    "mo–fr 9:00-12:00, 13:00-15:30",  # lower case, en dash, one-digit hour, spaces
    "Mo-Fr 08:00-12:00; Mi 08:00-12:00 unknown \"Teamtag\"",
    "Mo-Fr 09:00-12:00; PH 10:00-11:00",
    "Mo 08:00-12:00,13:00-24:00; Sa off",
    "PH off; Mo-Fr 09:00-12:00",  # holidays follow the weekday (open on a weekday holiday)
    "PH off; Di 09:00-12:00",  # the same, written with a German weekday name
    "PH off; Mo–Fr 09:00-12:00",  # the same, with an en dash
    "Mo-Th 08:00-16:00, Fr 08:00-12:00",  # an additional rule
    "Mo-Fr 08:00-18:00; Mo-Fr 12:00-13:00 off",  # a lunch break
    "Mo-Fr 22:00-02:00",  # nights
    "Mo 10:00-12:00, Mo 11:00-13:00 unknown",  # two states on one day
    'Mo-Fr 09:00-12:00 || Sa unknown "nach Vereinbarung"',  # a fallback rule
    "Mon-Fri 8-12 Uhr",  # as people type it
]


def odd_data(tmp_path: Path) -> Path:
    channels = "".join(f"      - kind: \"phone\"\n        hours: '{h}'\n"
                       "        contacts: [{phone: \"069 1234\"}]\n" for h in ODD_HOURS)
    path = tmp_path / "odd.yaml"
    path.write_text(
        'as_of: "2024-03-01"\ntimezone: "Europe/Berlin"\nregion: "DE-HE"\n'
        'sources:\n  test:\n    title: "Testquelle"\n    publisher: "Test"\n'
        'offices:\n  - id: "odd"\n    name: "Amt"\n    source: "test"\n    channels:\n'
        + channels, encoding="utf-8")
    return path


def test_osm_of_hours_as_people_write_them(tmp_path: Path, cal) -> None:
    """Hours written in the forms our parser accepts become values that opening_hours
    reads, with the same meaning (weekday holidays too, in the PH-first forms)."""
    path = odd_data(tmp_path)
    lines = osm_lines("--data", str(path))
    assert cli("export", "--format", "osm").err == ""  # the bundled data warns of nothing
    assert len(lines) == len(ODD_HOURS)
    days = NATIONWIDE + ORDINARY
    for (_, _, value), written in zip(lines, ODD_HOURS, strict=True):
        ours = parse(written)
        assert parse(value).days == ours.days, (written, value)
        try:
            oh = opening_hours.OpeningHours(value, country="DE")
        except Exception as exc:  # report which value, whatever the error
            pytest.fail(f"{written!r} exported as {value!r}, not valid OSM: {exc}")
        for day in days:
            for t in TIMES:
                naive = datetime.combine(day, t)
                mine = engine.status(ours, cal, naive.replace(tzinfo=BERLIN)).state
                theirs = OH_STATE[str(oh.state(naive)[0]).rsplit(".", 1)[-1].lower()]
                assert mine is theirs, (written, value, naive, mine, theirs)


# --- jsonld -------------------------------------------------------------------------------


def e164(number: str) -> str:
    """A German number as written (069 8065-3584) in E.164 (+496980653584); a short service
    number such as 115 has no international form and stays as it is."""
    digits = re.sub(r"\D", "", number)
    return "+49" + digits[1:] if digits.startswith("0") else digits


def jsonld(*args: str) -> dict[str, Any]:
    return json.loads(export("--format", "jsonld", *args))


def office_of(doc: dict[str, Any], office_id: str) -> dict[str, Any]:
    hits = [o for o in doc["@graph"] if o.get("identifier") == office_id
            or o.get("@id", "").endswith(office_id)]
    assert len(hits) == 1, office_id
    return hits[0]


def points(office: dict[str, Any], contact_type: str) -> list[dict[str, Any]]:
    return [p for p in office["contactPoint"] if contact_type in p["contactType"]]


def spec_table(point: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """Weekday (schema.org name) -> [(opens, closes)] of the regular week (the specs of single
    dates, dated_specs(), apart)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for spec in point.get("hoursAvailable", []):
        assert spec["@type"] == "OpeningHoursSpecification"
        if "dayOfWeek" not in spec:
            continue
        for day in spec["dayOfWeek"]:
            name = day.rsplit("/", 1)[-1]
            out.setdefault(name, []).append((spec["opens"], spec["closes"]))
    return out


def dated_specs(point: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """Date -> [(opens, closes)] of the specs valid from and through one date (a day that
    rules by date change); ("00:00", "00:00"): not open that day."""
    out: dict[str, list[tuple[str, str]]] = {}
    for spec in point.get("hoursAvailable", []):
        if "dayOfWeek" in spec:
            continue
        assert spec["validFrom"] == spec["validThrough"], spec
        out.setdefault(spec["validFrom"], []).append((spec["opens"], spec["closes"]))
    return out


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def test_jsonld_offices_and_context() -> None:
    doc = jsonld()
    assert doc["@context"] in ("https://schema.org", "https://schema.org/")
    offices = [o for o in doc["@graph"] if o["@type"] == "GovernmentOffice"]
    assert len(offices) == len(doc["@graph"]) == len(OFFICES)
    for office_id in OFFICES:
        office = office_of(doc, office_id)
        assert office["name"]
        for point in office["contactPoint"]:
            assert point["@type"] == "ContactPoint"
            assert point["contactType"]
    assert office_of(doc, "sozialamt")["name"] == "Sozialamt"
    assert office_of(doc, "mainarbeit")["name"] == "Kommunales Jobcenter MainArbeit"


def test_jsonld_contacts_from_the_texts() -> None:
    doc = jsonld()
    sozial = office_of(doc, "sozialamt")
    (phone,) = [p for p in sozial["contactPoint"] if "telephone" in p]
    assert sorted(phone["telephone"]) == sorted([e164("069 8065-3584"), e164("069 8065-2686")])
    assert sorted(phone["telephone"]) == ["+496980652686", "+496980653584"]
    urls = [p["url"] for p in sozial["contactPoint"] if "url" in p]
    assert any(u.removeprefix("https://").removeprefix("http://") == "www.offenbach.de/sozialamt"
               for u in urls), urls

    wohnung = office_of(doc, "wohnungsamt")
    (geschaeft,) = points(wohnung, "Geschäftszimmer")
    assert geschaeft["telephone"] == e164("069 8065-2871") == "+496980652871"

    auslaender = office_of(doc, "auslaenderamt")
    (mail,) = [p for p in auslaender["contactPoint"] if "email" in p]
    assert mail["email"] == "auslaenderamt@offenbach.de"
    (phone,) = [p for p in auslaender["contactPoint"] if "telephone" in p]
    numbers = phone["telephone"] if isinstance(phone["telephone"], list) else [phone["telephone"]]
    assert e164("069 115") in numbers  # +4969115
    # the short number of the line it goes via: the number alone, without the tel: URI's
    # ";phone-context=+49" (schema.org's telephone is a number, not a URI)
    assert "115" in numbers
    assert all(n.removeprefix("+").isdigit() for n in numbers), numbers


def test_jsonld_hours_match_the_texts() -> None:
    doc = jsonld()
    sozial = office_of(doc, "sozialamt")
    (phone,) = [p for p in sozial["contactPoint"] if "telephone" in p]
    assert spec_table(phone) == {d: [("09:00", "15:00")] for d in WEEKDAYS}

    mainarbeit = office_of(doc, "mainarbeit")
    (zentrale,) = points(mainarbeit, "Telefonzentrale")
    assert spec_table(zentrale) == {**{d: [("08:00", "16:00")] for d in WEEKDAYS[:4]},
                                    "Friday": [("08:00", "14:00")]}
    (leistung,) = points(mainarbeit, "Leistungssachbearbeitung")
    assert spec_table(leistung) == {d: [("10:00", "11:00")] for d in WEEKDAYS}
    (sachbearbeitung,) = points(office_of(doc, "wohnungsamt"), "Sachbearbeitung")
    assert spec_table(sachbearbeitung) == {d: [("09:00", "12:00")] for d in WEEKDAYS}


def test_jsonld_special_days_are_not_open() -> None:
    """From 06.03.2024 a year ahead, 24 and 31 December 2024 (Tuesdays) are the days the
    data's special days change: the phone lines with hours are unknown then, not open - the
    day spelled out as not open (schema.org cannot say "unknown"); the 115 keeps its hours,
    so the Ausländeramt's phone has no such day."""
    doc = jsonld("--at", "2024-03-06T10:30")
    not_open = {"2024-12-24": [("00:00", "00:00")], "2024-12-31": [("00:00", "00:00")]}
    (sozial,) = [p for p in office_of(doc, "sozialamt")["contactPoint"]
                 if p["contactType"] == "telephone"]
    assert dated_specs(sozial) == not_open
    mainarbeit = office_of(doc, "mainarbeit")
    for name in ("Telefonzentrale", "Leistungssachbearbeitung"):
        (point,) = points(mainarbeit, name)
        assert dated_specs(point) == not_open, name
    (visit,) = [p for p in mainarbeit["contactPoint"] if p["contactType"] == "visit"]
    assert dated_specs(visit) == not_open
    (auslaender,) = [p for p in office_of(doc, "auslaenderamt")["contactPoint"]
                     if p["contactType"] == "telephone"]
    assert dated_specs(auslaender) == {}
    assert spec_table(auslaender) == {d: [("08:00", "18:00")] for d in WEEKDAYS}


def test_jsonld_unknown_channels_have_no_hours() -> None:
    doc = jsonld()
    mainarbeit = office_of(doc, "mainarbeit")
    (persons,) = points(mainarbeit, "Ansprechpersonen")
    assert "hoursAvailable" not in persons
    (geschaeft,) = points(office_of(doc, "wohnungsamt"), "Geschäftszimmer")
    assert "hoursAvailable" not in geschaeft
    for office_id in ("sozialamt", "auslaenderamt", "wohnungsamt", "buergerbuero"):
        visits = [p for p in office_of(doc, office_id)["contactPoint"]
                  if p["contactType"] == "visit"]
        assert len(visits) == 1, office_id
        assert "hoursAvailable" not in visits[0], office_id


# --- yaml ---------------------------------------------------------------------------------

INSTANTS = ["2024-03-06T10:30", "2024-03-08T14:30", "2024-03-09T10:30", "2024-03-29T10:30",
            "2024-05-30T10:30", "2024-06-05T10:30", "2024-03-31T03:30", "2024-10-27T02:30",
            "2024-12-24T23:00",
            # the special days, the assumption frames' edges, the ZeBuSS from January 2026
            "2024-12-24T10:00", "2024-12-31T15:30", "2024-03-06T16:45", "2024-03-06T17:30",
            "2026-01-05T10:00"]


_ANSWERS: dict[tuple[tuple[str, ...], str], str] = {}


def answers(data: list[str], at: str) -> list[dict[str, Any]]:
    """`now --all --json` at AT, without the 'origin' of each row (the file it came from)."""
    key = (tuple(data), at)
    if key not in _ANSWERS:
        args = [a for path in data for a in ("--data", path)]
        run = cli("now", "--all", "--json", "--at", at, *args)
        assert run.code == 0, run.err
        _ANSWERS[key] = run.out
    rows = json.loads(_ANSWERS[key])
    for row in rows:
        row.pop("origin", None)
    return rows


def validate(path: Path) -> None:
    run = cli("validate", str(path), "--json")
    assert run.code == 0, run.out
    report = json.loads(run.out)
    assert report["ok"] and report["errors"] == 0, report


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "exported.yaml"
    run = cli("export", "--format", "yaml", "-o", str(path))
    assert run.code == 0 and run.out == "", run.err
    return path


def test_yaml_export_validates_and_gives_the_same_answers(exported: Path) -> None:
    validate(exported)
    for at in INSTANTS:
        assert answers([str(exported)], at) == answers([bundled_path()], at), at


def test_yaml_export_to_stdout_is_the_file(exported: Path) -> None:
    assert export("--format", "yaml").rstrip("\n") == exported.read_text(
        encoding="utf-8").rstrip("\n")
    doc = yaml.safe_load(exported.read_text(encoding="utf-8"))
    assert [o["id"] for o in doc["offices"]] == list(OFFICES)
    assert (doc["as_of"], doc["timezone"], doc["region"]) == (
        "2024-03-01", "Europe/Berlin", "DE-HE")


LAYER = """\
sources:
  eigene:
    title: "Eigene Angaben"
    publisher: "Beratungsstelle"
    date: "2024-03-15"
offices:
  - id: "sozialamt"
    name: "Sozialamt"
    source: "eigene"
    channels:
      - kind: "phone"
        hours: "Mo-Do 09:00-12:00"
        contacts:
          - phone: "069 8065-3584"
  - id: "beratung"
    name: "Sozialberatung"
    source: "eigene"
    notes:
      - text: "Neu ab April."
        valid_from: "2024-04-01"
    channels:
      - kind: "visit"
        hours: "Tu 14:00-16:00; We unknown"
        appointment: "optional"
        valid_from: "2024-03-11"
        valid_until: "2024-12-31"
"""


def test_yaml_export_of_layered_data(tmp_path: Path) -> None:
    layer = tmp_path / "eigene.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    data = [bundled_path(), str(layer)]
    out = tmp_path / "zusammen.yaml"
    run = cli("export", "--data", data[0], "--data", data[1], "-o", str(out))
    assert run.code == 0, run.err
    validate(out)
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    ids = [o["id"] for o in doc["offices"]]
    assert "beratung" in ids and ids.count("sozialamt") == 1
    (sozial,) = [o for o in doc["offices"] if o["id"] == "sozialamt"]
    assert [c["kind"] for c in sozial["channels"]] == ["phone"]  # the layer's office
    for at in ("2024-03-06T10:30", "2024-03-29T10:30", "2024-03-05T15:00",
               "2024-03-12T15:00", "2024-04-02T15:00", "2025-01-07T15:00"):
        assert answers([str(out)], at) == answers(data, at), at


def test_single_office_exports_only_that_office() -> None:
    doc = yaml.safe_load(export("sozialamt", "--format", "yaml"))
    assert [o["id"] for o in doc["offices"]] == ["sozialamt"]
    assert {t.split("/")[0] for t, _, _ in osm_lines("sozialamt")} == {"sozialamt"}
    assert {t for t, _, _ in osm_lines("leistungssachbearbeitung")} == {
        "mainarbeit/leistungssachbearbeitung"}
    graph = jsonld("sozialamt")["@graph"]
    assert [o["identifier"] for o in graph] == ["sozialamt"]


def test_single_office_yaml_validates_with_the_same_answers(tmp_path: Path) -> None:
    out = tmp_path / "sozialamt.yaml"
    assert cli("export", "sozialamt", "-o", str(out)).code == 0
    validate(out)
    for at in INSTANTS[:4]:
        assert answers([str(out)], at) == [
            r for r in answers([bundled_path()], at) if r["office"] == "sozialamt"]


# --- -o -----------------------------------------------------------------------------------


def test_unknown_format_is_a_usage_error() -> None:
    run = cli("export", "--format", "csv")
    assert run.code == 2 and run.out == ""
    assert len(run.err.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", ["osm", "jsonld", "yaml"])
def test_output_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path,
                                                               fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    out.write_text("alt\n" * 10_000, encoding="utf-8")
    run = cli("export", "--format", fmt, "-o", str(out))
    assert run.code == 0 and run.out == "", run.err
    assert out.read_text(encoding="utf-8").rstrip("\n") == export("--format", fmt).rstrip("\n")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_output_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    """A file written with -o is as readable as one written with `>` (mode 0666 less the
    umask), so an export can be shared; a temporary file's 0600 must not stick to it."""
    umask = os.umask(0o022)
    os.umask(umask)
    out = tmp_path / "export.yaml"
    assert cli("export", "-o", str(out)).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("fmt", ["osm", "jsonld", "yaml"])
def test_refuses_to_write_over_the_data_file_in_use(tmp_path: Path, fmt: str) -> None:
    data = tmp_path / "offices.yaml"
    data.write_bytes(Path(bundled_path()).read_bytes())
    before = data.read_bytes()
    link = tmp_path / "link.yaml"
    os.symlink(data, link)
    for target in (data, link):
        run = cli("export", "--format", fmt, "--data", str(data), "-o", str(target))
        assert run.code == 2, (run.code, run.err)
        assert run.out == ""
        assert len(run.err.strip().splitlines()) == 1, run.err
        assert data.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "offices.yaml"]


def test_every_commented_rule_in_the_osm_export_says_its_state():
    """By the opening_hours specification a rule with a comment and no state is unknown:
    "24/7 \\"Kontaktformular\\"" would tell an OSM reader nothing about the form that
    "über das digitale Kontaktformular" can always be used. Each such rule says `open`."""
    run = cli("export", "--format", "osm")
    assert run.code == 0
    # the rules of a value, split at "; " outside the quotes (a comment may hold one)
    rules = re.compile(r'(?:[^;"]|"[^"]*")+')
    commented = [rule.strip() for line in run.out.splitlines()
                 for rule in rules.findall(line.split("\t")[-1]) if '"' in rule]
    assert commented, "the bundled data has commented rules"
    for rule in commented:
        assert re.search(r'\b(open|unknown|off|closed) "', rule), rule
    assert 'sozialamt\tonline\t24/7 open "Kontaktformular und Rückrufvereinbarung"' in run.out
