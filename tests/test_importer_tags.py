"""importer/tags.py: an object's tags -> an office. The expected values are the tags'
meanings on the OpenStreetMap wiki (Key:opening_hours, Key:contact, Key:addr, Key:wheelchair,
Key:check_date) and RFC 3966 for the numbers, never the importer's own output."""

from __future__ import annotations

from datetime import UTC, datetime

from erreichbar.data.contacts import phone_uri
from erreichbar.importer.objects import OsmObject
from erreichbar.importer.tags import office, slug
from helpers import assert_tel_uri

EDITED = datetime(2022, 5, 4, 12, 0, tzinfo=UTC)


def convert(tags: dict[str, str], kind: str = "node", oid: int = 42):
    warnings: list[str] = []
    made = office(OsmObject(kind, oid, tags, 3, EDITED), warnings.append)
    return made, warnings


def channel(made, kind):
    found = [c for c in made.entry["channels"] if c["kind"] == kind]
    return found[0] if found else None


def test_the_office_is_named_by_type_and_id_and_sourced_with_the_odbl_credit():
    made, warnings = convert({"amenity": "townhall", "name": "Rathaus"}, "way", 7)
    assert warnings == []
    assert made.entry["id"] == "osm-w7" and made.entry["name"] == "Rathaus"
    src = made.sources[made.entry["source"]]
    assert src["url"] == "https://www.openstreetmap.org/way/7"
    assert "ODbL" in src["publisher"] and "OpenStreetMap contributors" in src["publisher"]
    assert "way 7" in src["title"] and "version 3" in src["title"]
    assert "2022-05-04T12:00:00Z" in src["title"]
    assert src["date"] == "2022-05-04"  # the last edit, where no check_date is given


def test_check_date_dates_the_office_and_check_date_opening_hours_its_hours():
    made, _ = convert({"name": "Amt", "opening_hours": "Mo-Fr 08:00-12:00",
                       "check_date": "2024-01-15", "check_date:opening_hours": "2024-02-01"})
    assert made.sources[made.entry["source"]]["date"] == "2024-01-15"
    visit = channel(made, "visit")
    assert made.sources[visit["source"]]["date"] == "2024-02-01"


def test_a_check_date_that_is_no_date_is_not_taken():
    made, _ = convert({"name": "Amt", "check_date": "2024-13-45"})
    assert made.sources[made.entry["source"]]["date"] == "2022-05-04"


def test_opening_hours_is_the_visit_channel_and_opening_hours_phone_the_phone_channel():
    made, _ = convert({"name": "Amt", "opening_hours": "Mo-Fr 08:00-12:00",
                       "opening_hours:phone": "Mo-Th 09:00-15:00",
                       "phone": "+49 69 8065-0"})
    assert channel(made, "visit")["hours"] == "Mo-Fr 08:00-12:00"
    phone = channel(made, "phone")
    assert phone["hours"] == "Mo-Th 09:00-15:00"
    assert phone["contacts"] == [{"phone": "+49 69 8065-0"}]


def test_without_opening_hours_the_office_is_imported_with_unknown_hours_and_its_contacts():
    made, warnings = convert({"name": "Amt", "contact:phone": "+49 30 902272976"})
    assert warnings == []
    assert channel(made, "visit")["hours"] == "unknown"
    assert channel(made, "phone") == {"kind": "phone", "hours": "unknown",
                                      "contacts": [{"phone": "+49 30 902272976"}]}


def test_phone_and_contact_phone_are_both_taken_each_once_and_as_e164():
    made, _ = convert({"name": "Amt", "phone": "+49 (0)30 1234-5; 030 555",
                       "contact:phone": "030 555"})
    numbers = [c["phone"] for c in channel(made, "phone")["contacts"]]
    assert numbers == ["+49 30 1234-5", "030 555"]
    # RFC 3966 global numbers (E.164): the trunk 0 of "(0)" is dropped, 030 is +4930
    assert [phone_uri(n) for n in numbers] == ["tel:+493012345", "tel:+4930555"]
    for n in numbers:
        assert_tel_uri(phone_uri(n))


def test_email_and_website_become_channels_that_are_always_there():
    made, _ = convert({"name": "Amt", "email": "amt@example.org",
                       "contact:website": "https://example.org/amt",
                       "website": "https://example.org/amt"})
    assert channel(made, "email") == {"kind": "email", "hours": "24/7",
                                      "contacts": [{"email": "amt@example.org"}]}
    assert channel(made, "online")["contacts"] == [{"url": "https://example.org/amt"}]


def test_several_email_addresses_separated_by_semicolon_or_comma():
    # as node 4840984955 of the Berlin extract writes them
    made, warnings = convert({"name": "Laden",
                              "email": "post@aus.berlin, onlineshop@ausberlin.de"})
    assert warnings == []
    assert channel(made, "email")["contacts"] == [{"email": "post@aus.berlin"},
                                                  {"email": "onlineshop@ausberlin.de"}]


def test_a_contact_that_cannot_be_right_is_left_out_with_a_warning_naming_the_object():
    made, warnings = convert({"name": "Amt", "email": "amt at example"})
    assert channel(made, "email") is None
    assert len(warnings) == 1 and "https://www.openstreetmap.org/node/42" in warnings[0]


def test_addr_tags_are_the_address():
    made, _ = convert({"name": "Amt", "addr:street": "Rathausstraße", "addr:housenumber": "15",
                       "addr:postcode": "10178", "addr:city": "Berlin"})
    assert made.entry["address"] == {"street": "Rathausstraße 15", "postcode": "10178",
                                     "city": "Berlin"}
    partial, _ = convert({"name": "Amt", "addr:street": "Markt"})
    assert "address" not in partial.entry


def test_wheelchair_and_unsigned_hours_are_notes_with_their_english():
    made, _ = convert({"name": "Amt", "wheelchair": "limited", "opening_hours:signed": "no"})
    notes = made.entry["notes"]
    assert any("wheelchair=limited" in n for n in notes)
    assert any("opening_hours:signed=no" in n for n in notes)
    assert all(n in made.translations for n in notes)


def test_a_value_that_cannot_be_read_is_kept_in_a_note_with_a_warning_and_a_link():
    made, warnings = convert({"name": "Bar", "opening_hours": "Mo-Sa sunrise-sunset"}, "way", 9)
    visit = channel(made, "visit")
    assert visit["hours"] == "unknown"
    assert any("Mo-Sa sunrise-sunset" in n for n in visit["notes"])
    assert len(warnings) == 1
    assert "https://www.openstreetmap.org/way/9" in warnings[0]
    assert "Mo-Sa sunrise-sunset" in warnings[0]


def test_a_value_in_a_form_people_type_is_written_in_the_standard_form():
    # opening_hours.js reads "Mo-Fr 8-12" as 08:00-12:00 (its "prettify" value)
    made, warnings = convert({"name": "Amt", "opening_hours": "Mo-Fr 8-12"})
    assert warnings == []
    assert channel(made, "visit")["hours"] == "Mo-Fr 08:00-12:00"


def test_an_office_without_a_name_is_named_by_what_it_is():
    made, _ = convert({"government": "tax"}, "way", 5)
    assert made.entry["name"] == "tax w5"


def test_slugs_are_readable_ascii():
    assert slug("Rotes Rathaus") == "rotes-rathaus"
    assert slug("Straßenverkehrsamt Köln – Außenstelle") == "strassenverkehrsamt-koeln-aussenstelle"


def test_a_list_of_days_is_written_as_it_reads():
    """`Dec 24,27-31` are days (opening_hours.js: `Dec 24,27-31 off`), never hours: the
    value is written as it stands, and the file written reads it so."""
    value = "Mo-Fr 08:00-12:00; Dec 24,27-31 off"
    made, warnings = convert({"name": "Amt", "opening_hours": value})
    assert warnings == []
    assert channel(made, "visit")["hours"] == value
