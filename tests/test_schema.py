"""schema.py: a data file's node tree into model objects, each mistake a finding at its line
and column, the walk going on after it.

The places are counted in the texts below (line 1 is the first line, column 1 its first
character); the dates are the calendar's (2024 is a leap year, 2023 is not); the phone
numbers are written as in Germany, where 069 is Frankfurt's and Offenbach's area code and
+49 the country's (RFC 3966 writes them as tel:+49...).
"""

from __future__ import annotations

from datetime import date

import pytest

from erreichbar.data.model import Validity
from erreichbar.data.schema import Builder, FileData
from erreichbar.data.yamlnodes import compose
from erreichbar.errors import Report
from helpers import DATA_HEAD, ROOT

HEAD = DATA_HEAD + """\
offices:
"""
HEAD_LINES = HEAD.count("\n")  # the first office starts on line HEAD_LINES + 1


def build(text: str) -> tuple[FileData, list[tuple[int, int, str, str]]]:
    report = Report()
    data = Builder("f.yaml", report, text).file(compose(text, "f.yaml"))
    return data, [(f.line, f.column, f.severity, f.message) for f in report.findings]


def office(*lines: str) -> str:
    """HEAD and one office written out line by line (indentation as given)."""
    return HEAD + "".join(f"{line}\n" for line in lines)


def column_of(text: str, needle: str) -> tuple[int, int]:
    """Line and column (1-based) where NEEDLE first starts in TEXT."""
    before = text[:text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


AMT = ('  - id: "amt"', '    name: "Amt"', '    source: "s"', "    channels:",
       '      - kind: "phone"', '        hours: "Mo-Fr 09:00-12:00"',
       '        contacts: [{phone: "069 1234"}]')


def test_a_correct_file_gives_its_objects_and_no_finding():
    data, found = build(office(*AMT))
    assert found == []
    assert data.as_of == date(2024, 3, 1)
    assert (data.timezone, data.region) == ("Europe/Berlin", "DE-HE")
    [amt] = data.offices
    assert (amt.id, amt.name, amt.origin) == ("amt", "Amt", "f.yaml")
    assert [s.title for s in amt.sources] == ["T"]
    [phone] = amt.channels
    assert (phone.office, phone.unit, phone.kind) == ("amt", None, "phone")
    # Monday to Friday 9 to 12: 540 to 720 minutes after midnight, nothing at the weekend
    assert [(s.start, s.end) for s in phone.hours.days[0]] == [(540, 720)]
    assert phone.hours.days[5] == phone.hours.days[6] == ()


def test_the_bundled_data_file_has_no_finding():
    path = ROOT / "data" / "offices.yaml"
    text = path.read_text("utf-8")
    report = Report()
    data = Builder(str(path), report, text).file(compose(text, str(path)))
    assert report.findings == []
    # the five offices of the city's texts
    assert {o.id for o in data.offices} == {"mainarbeit", "sozialamt", "auslaenderamt",
                                            "wohnungsamt", "buergerbuero"}


def test_a_misspelt_key_is_found_where_it_stands_with_the_key_it_resembles():
    text = office('  - id: "amt"', '    nmae: "Amt"', *AMT[2:])
    _, found = build(text)
    line, column = column_of(text, "nmae")
    assert (line, column, "error") == found[0][:3]
    assert "'nmae'" in found[0][3] and "did you mean 'name'" in found[0][3]
    # and the office now lacks its name, reported at the office's mapping
    assert any("'name' is missing" in message for *_, message in found)


def test_a_key_twice_is_an_error_at_the_second():
    text = office(*AMT[:2], '    name: "Amt noch einmal"', *AMT[2:])
    _, found = build(text)
    assert [(line, severity) for line, _, severity, m in found if "twice" in m] == \
        [(HEAD_LINES + 3, "error")]


@pytest.mark.parametrize(("written", "complaint"), [
    ("2023-02-29", "not a date of the calendar"),  # 2023 is no leap year
    ("2024-13-01", "not a date of the calendar"),
    ("1.3.2024", "write YYYY-MM-DD"),
    ("2024-3-1", "write YYYY-MM-DD"),
])
def test_a_date_that_is_not_one(written, complaint):
    text = HEAD.replace('as_of: "2024-03-01"', f'as_of: "{written}"') + "".join(
        f"{line}\n" for line in AMT)
    data, found = build(text)
    assert data.as_of is None
    [(line, column, severity, message)] = found
    assert (line, column, severity) == (1, 8, "error")
    assert complaint in message and repr(written) in message


def test_the_29th_of_february_of_a_leap_year_is_a_date():
    text = HEAD.replace('"2024-03-01"', '"2024-02-29"') + "".join(f"{x}\n" for x in AMT)
    data, found = build(text)
    assert found == []
    assert data.as_of == date(2024, 2, 29)


def test_a_mistake_in_the_hours_is_found_at_its_character():
    text = office(*AMT[:5], '        hours: "Mo-Fr 09:00-12:00; Xy 10:00-11:00"')
    _, found = build(text)
    [(line, column, severity, message)] = found
    assert (line, column) == column_of(text, "Xy")
    assert severity == "error"
    assert message.startswith("hours 'Mo-Fr 09:00-12:00; Xy 10:00-11:00': ")


def test_hours_in_a_block_scalar_are_found_on_their_own_line():
    text = office(*AMT[:5], "        hours: >-", "          Mo-Fr 09:00-12:00;",
                  "          Xy 10:00-11:00")
    _, found = build(text)
    [(line, column, _, _)] = found
    assert (line, column) == column_of(text, "Xy")


def test_a_note_valid_from_after_its_end_is_an_error():
    text = office(*AMT, "        notes:", '          - text: "Umzug"',
                  '            valid_from: "2024-05-01"', '            valid_until: "2024-04-30"')
    _, found = build(text)
    [(line, _, severity, message)] = found  # (the note's valid_from, after AMT's 7 lines)
    assert (line, severity) == (HEAD_LINES + 10, "error")
    assert "2024-05-01" in message and "2024-04-30" in message


def test_a_dated_note_keeps_its_dates():
    text = office(*AMT, "        notes:", '          - text: "Ab April"',
                  '            valid_from: "2024-04-01"')
    data, found = build(text)
    assert found == []
    [note] = data.offices[0].channels[0].notes
    assert (note.text, note.validity) == ("Ab April", Validity(date(2024, 4, 1), None))


def test_a_unit_without_channels_is_a_warning_not_an_error():
    text = office(*AMT[:3], "    units:", '      - id: "leer"', '        name: "Leer"', *AMT[3:])
    data, found = build(text)
    [(line, _, severity, message)] = found
    assert (line, severity) == (HEAD_LINES + 5, "warning")
    assert "'leer'" in message
    assert [o.id for o in data.offices] == ["amt"]  # a warning keeps the office


def test_a_channel_of_an_unknown_unit_names_the_units_there_are():
    text = office(*AMT[:3], "    units:", '      - id: "a"', '        name: "A"', *AMT[3:],
                  '      - kind: "visit"', '        unit: "b"', '        hours: "unknown"')
    _, found = build(text)
    errors = [(line, m) for line, _, severity, m in found if severity == "error"]
    assert errors == [(column_of(text, 'unit: "b"')[0],
                       "unit 'b' is not defined under this office's 'units' (a)")]


@pytest.mark.parametrize(("region", "complaint"), [
    ("Hessen", "write a country code"),
    ("DE-XX", "no public holidays are known"),  # Germany has no subdivision XX
])
def test_a_region_must_be_one_with_known_holidays(region, complaint):
    text = HEAD.replace('"DE-HE"', f'"{region}"') + "".join(f"{x}\n" for x in AMT)
    _, found = build(text)
    [(line, column, severity, message)] = found
    assert (line, column, severity) == (3, 9, "error")
    assert complaint in message


def test_every_mistake_of_a_file_is_reported_at_once():
    text = office('  - id: "Amt!"', '    name: "Amt"', '    source: "nirgends"', "    channels:",
                  '      - kind: "fax"', '        hours: "Mo-Fr 09:00-12:00"')
    _, found = build(text)
    assert [line for line, *_ in found] == [HEAD_LINES + 1, HEAD_LINES + 3, HEAD_LINES + 5]


def test_search_terms_are_read_by_language_in_the_order_written():
    data, found = build(office(*AMT[:3], "    terms:", '      en: ["office", "bureau"]',
                               '      de: ["Amtsstube"]', *AMT[3:]))
    assert found == []
    assert data.offices[0].terms == (("en", "office"), ("en", "bureau"), ("de", "Amtsstube"))


def test_a_search_term_of_an_unknown_language_is_an_error_at_its_key():
    text = office(*AMT[:3], "    terms:", '      fr: ["bureau"]', *AMT[3:])
    _, found = build(text)
    assert [(line, severity) for line, _, severity, _ in found] == \
        [(column_of(text, "fr:")[0], "error")]
    assert "fr" in found[0][3]


def test_an_office_elsewhere_is_read_with_its_terms_and_pointer():
    data, found = build(office(*AMT) + "elsewhere:\n  - name: \"Agentur für Arbeit\"\n"
                        "    terms: {de: [\"Arbeitsamt\"]}\n    see: \"amt\"\n")
    assert found == []
    [item] = data.elsewhere
    assert (item.name, item.terms, item.see) == ("Agentur für Arbeit", (("de", "Arbeitsamt"),),
                                                 "amt")


def test_an_office_elsewhere_pointing_to_no_office_stops_loading(tmp_path):
    from helpers import cli

    path = tmp_path / "d.yaml"
    path.write_text(office(*AMT) + "elsewhere:\n  - name: \"X\"\n    terms: {de: [\"Y\"]}\n"
                    "    see: \"nirgends\"\n", encoding="utf-8")
    run = cli("list", "--data", str(path), "--lang", "en")
    assert run.code == 4
    assert "'nirgends'" in run.err and "not in the data" in run.err


@pytest.mark.parametrize(("written", "standard"), [
    ("Mon-Fri 8-12", "Mo-Fr 08:00-12:00"),
    ("Mo-Fr 08.00-12.00", "Mo-Fr 08:00-12:00"),
    ("Mo-Fr: 08:00-12:00", "Mo-Fr 08:00-12:00"),
    ("Mo-Fr 09:00–12:00 Uhr", "Mo-Fr 09:00-12:00"),
    ("Mo-Fr 08:00-12:00;", "Mo-Fr 08:00-12:00"),
])
def test_hours_as_people_type_them_are_read_with_a_warning_naming_the_standard_form(
        written, standard):
    """opening_hours.js reads these forms and says what to write instead; so does the
    schema, where the value stands (`validate --strict` makes it an error)."""
    from erreichbar.hours.reader import parse

    text = office(*AMT[:5], f'        hours: "{written}"', AMT[6])
    data, found = build(text)
    [(line, column, severity, message)] = found
    assert (line, column) == column_of(text, f'"{written}')
    assert severity == "warning"
    assert f"write `{standard}`" in message
    assert data.offices[0].channels[0].hours.days == parse(standard).days
