"""The opening_hours subset: what parses to what, and what is refused with which column."""

from __future__ import annotations

import pytest

from erreichbar.errors import HoursError
from erreichbar.hours import parse
from erreichbar.model import State

MO, TU, WE, TH, FR, SA, SU = range(7)


def spans(text: str, weekday: int, holiday: bool = False) -> list[tuple[str, str, str]]:
    def hhmm(m: int) -> str:
        return f"{m // 60:02d}:{m % 60:02d}"

    return [(hhmm(s.start), hhmm(s.end), s.state.value)
            for s in parse(text).day(weekday, holiday)]


def test_weekday_range_and_single_day():
    text = "Mo-Do 08:00-16:00; Fr 08:00-14:00"
    for day in (MO, TU, WE, TH):
        assert spans(text, day) == [("08:00", "16:00", "open")]
    assert spans(text, FR) == [("08:00", "14:00", "open")]
    assert spans(text, SA) == [] and spans(text, SU) == []


def test_german_and_english_abbreviations_mean_the_same_days():
    assert parse("Di,Mi,Do,So 09:00-10:00").days == parse("Tu,We,Th,Su 09:00-10:00").days


def test_list_of_days_and_wrapping_range():
    assert [d for d in range(7) if spans("Mo,We 10:00-11:00", d)] == [MO, WE]
    assert [d for d in range(7) if spans("Fr-Mo 10:00-11:00", d)] == [MO, FR, SA, SU]


def test_several_spans_per_rule_sorted_and_merged():
    assert spans("Mo 13:00-16:00,08:00-12:00", MO) == [("08:00", "12:00", "open"),
                                                       ("13:00", "16:00", "open")]
    assert spans("Mo 08:00-12:00,11:00-13:00", MO) == [("08:00", "13:00", "open")]


def test_later_rule_replaces_earlier_for_its_days():
    text = "Mo-Fr 08:00-12:00; We 14:00-16:00"
    assert spans(text, WE) == [("14:00", "16:00", "open")]
    assert spans(text, TU) == [("08:00", "12:00", "open")]
    assert spans("Mo-Fr 08:00-12:00; We off", WE) == []


def test_a_comment_without_a_state_is_unknown_as_the_specification_says():
    """opening_hours specification (and opening_hours.js): a rule whose comment is not
    preceded by `open` or `off` is unknown; `open "…"` keeps it open."""
    assert spans('Mo-Fr 10:00-11:00 "Rückruf"', MO) == [("10:00", "11:00", "unknown")]
    assert spans('Mo-Fr 10:00-11:00 open "Rückruf"', MO) == [("10:00", "11:00", "open")]
    assert spans('24/7 "Kontaktformular"', SU) == [("00:00", "24:00", "unknown")]
    assert spans('24/7 open "Kontaktformular"', SU) == [("00:00", "24:00", "open")]
    assert spans('Mo-Fr "nach Vereinbarung"', TU) == [("00:00", "24:00", "unknown")]
    assert parse('Mo-Fr 10:00-11:00 "Rückruf"').day(MO, False)[0].comment == "Rückruf"


def test_public_holidays_closed_unless_a_rule_says_otherwise():
    assert spans("Mo-Fr 10:00-11:00", MO, holiday=True) == []
    assert spans("Mo-Fr 10:00-11:00; PH off", MO, holiday=True) == []
    assert spans("Mo-Fr 10:00-11:00; PH 12:00-13:00", MO, holiday=True) == [
        ("12:00", "13:00", "open")]
    # a later weekday rule wins over an earlier PH rule, as in OpenStreetMap
    assert spans("PH off; Mo-Fr 10:00-11:00", MO, holiday=True) == [("10:00", "11:00", "open")]
    assert spans("24/7", MO, holiday=True) == [("00:00", "24:00", "open")]


def test_unknown_whole_week_days_and_with_comment():
    assert spans("unknown", SA) == [("00:00", "24:00", "unknown")]
    assert spans("Mo-Fr unknown", SA) == []
    assert spans("Mo-Fr unknown", MO) == [("00:00", "24:00", "unknown")]
    segment = parse('Mo-Fr unknown "nach Vereinbarung"').day(MO, False)[0]
    assert segment.state is State.UNKNOWN and segment.comment == "nach Vereinbarung"


def test_end_of_day_and_open_modifier():
    assert spans("Sa 20:00-24:00 open", SA) == [("20:00", "24:00", "open")]


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("Mo-Fr 25:00-26:00", 7, "hours go up to 23"),
        ("Mo-Fr 12:60-13:00", 7, "minutes go up to 59"),
        ("Mo-Fr 16:00-08:00", 7, "ends before it starts"),
        ("Mo-Fr 10:00-10:00", 7, "ends before it starts"),
        ("Mo-Fr 10:00", 12, "needs an end"),
        ("Mx 10:00-11:00", 1, "not supported"),
        ("Mo-Fr 10:00-11:00 ||  Sa 10:00-11:00", 19, "unexpected"),
        ("Jan-Mar Mo 10:00-11:00", 1, "not supported"),
        ("Mo-Fr 10:00-11:00;", 19, "empty rule"),
        ("", 1, "empty"),
        ('Mo "open', 4, "not closed"),
        ("Mo-Fr 08:00-12:00 off", 19, "'off' with times"),
        ("Mo-Fr sunrise-sunset", 7, "not supported"),
        ("Mo-Fr 10:00-11:00, Sa 10:00-11:00", 18, "not supported"),
        ("Mo- 10:00-11:00", 5, "needs a weekday"),
    ],
)
def test_outside_the_subset_is_an_error_with_column(text, column, words):
    with pytest.raises(HoursError) as info:
        parse(text)
    assert words in info.value.message
    assert info.value.column == column
