"""render/plain.py: what goes into a pipe - one tab-separated line per answer, fields in a
fixed order, no markup, colour or drawing, the same in every language.
"""

from __future__ import annotations

import pytest

from helpers import (
    EVERY_COMMAND,
    FRI_AFTERNOON,
    WED,
    assert_plain,
    cli,
    json_out,
    plain,
    row_id,
)


def test_now_plain_lines_match_the_json() -> None:
    rows = json_out("now", "--all", "--at", WED)
    lines = plain("now", "--all", "--at", WED)
    assert len(lines) == len(rows)
    assert len({len(fields) for fields in lines}) == 1
    for fields, r in zip(lines, rows, strict=True):
        assert fields[:3] == [row_id(r), r["channel"], r["state"]]
        assert all(fields), fields  # an empty field is written "-"
        if r["until"]:
            assert r["until"] in fields
        # the four columns added last: source date, where to find a contact, how to book,
        # the assumption deciding the hours
        assert fields[8:] == [
            (r["source"] or {}).get("date") or "-",
            (r["find_contact"] or {}).get("value") or "-",
            ((r["booking"] or {}).get("url") or {}).get("value")
            or (r["booking"] or {}).get("via") or "-",
            (r["assumption"] or {}).get("id") or "-"], fields
    by_id = {(f[0], f[1]): f for f in lines}
    leistung = by_id["mainarbeit/leistungssachbearbeitung", "phone"]
    assert leistung[2:5] == ["open", "2024-03-06T11:00:00+01:00", "2024-03-07T10:00:00+01:00"]
    assert "069 8065-3584" in "\t".join(by_id["sozialamt", "phone"])


def test_next_plain_lines() -> None:
    lines = plain("next", "mainarbeit", "--at", FRI_AFTERNOON)
    assert [f[:5] for f in lines] == [
        ["mainarbeit", "visit", "closed", "2024-03-11T07:30:00+01:00",
         "2024-03-11T16:30:00+01:00"],
        ["mainarbeit/telefonzentrale", "phone", "closed", "2024-03-11T08:00:00+01:00",
         "2024-03-11T16:00:00+01:00"],
        ["mainarbeit/leistungssachbearbeitung", "phone", "closed",
         "2024-03-11T10:00:00+01:00", "2024-03-11T11:00:00+01:00"],
        # no times ("während ihrer Arbeitszeit"), assumed within the opening hours, which
        # end at 14 on a Friday: closed, and no open window known
        ["mainarbeit/ansprechpersonen", "phone", "closed", "-", "-"],
    ]


def test_next_plain_lines_end_with_the_contacts() -> None:
    """Sozialamt: "telefonisch unter 069 8065-3584 oder -2686"; no contact given for visits.
    Then the four columns added last: the date of the channel's source (the office's text of
    01.03.2024; the ZeBuSS's newsletter of 05.01.2026), where to find a contact, how to book
    (the appointment "telefonisch"), the assumption deciding its hours (the ZeBuSS's times are
    not published)."""
    lines = plain("next", "sozialamt", "--at", WED)
    assert [f[:2] + f[5:] for f in lines] == [
        ["sozialamt", "phone", "Sozialamt", "069 8065-3584,069 8065-2686",
         "2024-03-01", "-", "-", "-"],
        ["sozialamt", "visit", "Sozialamt", "-", "2024-03-01", "-", "phone", "-"],
        ["sozialamt/zebuss", "visit",
         "Sozialamt \N{EN DASH} Zentrale Beratungs- und Servicestelle (ZeBuSS)", "-",
         "2026-01-05", "-", "-", "buerozeiten"],
    ]


def test_check_plain_line_ends_with_the_assumption() -> None:
    """id, state, channel, until, next_open, then the assumption that decided the verdict:
    the Ansprechpersonen give no times ("während ihrer Arbeitszeit") and are assumed within
    the MainArbeit's opening hours (Mo-Do 7.30-16.30): unknown on a Wednesday morning, until
    16.30. The Sozialamt's phone has published hours: no assumption."""
    assert plain("check", "ansprechpersonen", "--at", WED, code=3) == [
        ["mainarbeit/ansprechpersonen", "unknown", "phone", "2024-03-06T16:30:00+01:00", "-",
         "arbeitszeit"]]
    assert plain("check", "sozialamt", "-c", "phone", "--at", WED) == [
        ["sozialamt", "open", "phone", "2024-03-06T15:00:00+01:00", "2024-03-07T09:00:00+01:00",
         "-"]]


def test_office_plain_lines() -> None:
    view = json_out("office", "sozialamt", "--at", WED)
    lines = plain("office", "sozialamt", "--at", WED)
    assert len(lines) == len(view["channels"])
    for fields, ch in zip(lines, view["channels"], strict=True):
        assert fields[:3] == [row_id(ch), ch["channel"], ch["state"]]
        # the hours as written, then the four columns added at the end
        assert fields[8] == ch["hours"]
        source_date = ch["source"]["date"] if ch["source"] else None
        assumption = ch["assumption"]["id"] if ch["assumption"] else None
        assert [fields[9], fields[12]] == [source_date or "-", assumption or "-"]
        assert len(fields) == 13


@pytest.mark.parametrize("args", EVERY_COMMAND)
def test_plain_output_in_a_pipe(args: tuple[str, ...]) -> None:
    run = cli(*args)
    assert run.code in (0, 1, 3)
    assert run.err == ""
    assert_plain(run.out)
    lines = run.out.splitlines()
    assert len({line.count("\t") for line in lines}) <= 1
    assert all(line.count("\t") >= 2 for line in lines)
    assert "Stand der Angaben" not in run.out
    assert run.out == cli(*args, env={"NO_COLOR": "1"}).out


def test_plain_output_is_the_same_in_english_apart_from_names() -> None:
    # state words and channel kinds are machine words, not translated
    assert cli("now", "--all", "--at", WED).out == cli("now", "--all", "--at", WED,
                                                       "--lang", "en").out


def test_list_has_the_search_terms_as_a_last_column() -> None:
    """German and English alike, comma-separated, `-` for a unit (which has none)."""
    from test_render_json import bundled_terms

    rows = {f[0]: f for f in plain("list")}
    for office_id, terms in bundled_terms().items():
        assert rows[office_id][3] == ",".join(t["term"] for t in terms)
    assert rows["mainarbeit/telefonzentrale"][3] == "-"
    assert "residence permit" in rows["auslaenderamt"][3].split(",")
