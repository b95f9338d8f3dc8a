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
        ["mainarbeit/ansprechpersonen", "phone", "unknown", "-", "-"],
    ]


def test_next_plain_lines_end_with_the_contacts() -> None:
    # Sozialamt: "telefonisch unter 069 8065-3584 oder -2686"; no contact given for visits
    lines = plain("next", "sozialamt", "--at", WED)
    assert [f[:2] + f[5:] for f in lines] == [
        ["sozialamt", "phone", "Sozialamt", "069 8065-3584,069 8065-2686"],
        ["sozialamt", "visit", "Sozialamt", "-"],
    ]


def test_office_plain_lines() -> None:
    view = json_out("office", "sozialamt", "--at", WED)
    lines = plain("office", "sozialamt", "--at", WED)
    assert len(lines) == len(view["channels"])
    for fields, ch in zip(lines, view["channels"], strict=True):
        assert fields[:3] == ["sozialamt", ch["channel"], ch["state"]]
        assert ch["hours"] in fields


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
