"""The opening_hours subset: what parses to what, and what is refused with which column."""

from __future__ import annotations

import pytest

from erreichbar.data.model import State
from erreichbar.errors import HoursError
from erreichbar.hours.reader import parse

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


def test_additional_rules_after_a_comma_add_to_the_day():
    """Specification: `,` joins an additional rule, which adds its times without replacing
    what earlier rules said (`;` replaces)."""
    text = "Mo-Th 08:00-16:00, Fr 08:00-12:00"
    assert spans(text, TH) == [("08:00", "16:00", "open")]
    assert spans(text, FR) == [("08:00", "12:00", "open")]
    assert spans("Mo 08:00-12:00, Mo 14:00-16:00", MO) == [("08:00", "12:00", "open"),
                                                          ("14:00", "16:00", "open")]
    assert spans("Mo 08:00-12:00; Mo 14:00-16:00", MO) == [("14:00", "16:00", "open")]
    assert spans("Mo 10:00-12:00, Mo 11:00-13:00 unknown", MO) == [
        ("10:00", "11:00", "open"), ("11:00", "13:00", "unknown")]


def test_off_with_times_closes_only_those_times():
    """A lunch break: `off` with times closes just them, after `;` as after `,`
    (opening_hours.js: `open; Tu-Su 08:30-09:00 off` is a shop with a break)."""
    lunch = [("08:00", "12:00", "open"), ("13:00", "18:00", "open")]
    assert spans("Mo-Fr 08:00-18:00; Mo-Fr 12:00-13:00 off", WE) == lunch
    assert spans("Mo-Fr 08:00-18:00, Mo-Fr 12:00-13:00 off", WE) == lunch
    assert spans("Mo-Fr 08:00-18:00; We 12:00-13:00 closed", TU) == [("08:00", "18:00", "open")]
    # a later open rule for the day still replaces it whole, break included
    assert spans("Mo 08:00-18:00; Mo 12:00-13:00 off; Mo 14:00-15:00", MO) == [
        ("14:00", "15:00", "open")]
    assert spans("Mo unknown; Mo 10:00-12:00 off", MO) == [("00:00", "10:00", "unknown"),
                                                            ("12:00", "24:00", "unknown")]


def test_fallback_rule_fills_what_the_rules_before_it_leave_closed():
    """`||` as opening_hours.js evaluates it: its test/test.js (commit e041cdf), "Fallback
    group rules, with some closed times" (2013-10-01 is a Tuesday)."""
    text = 'Mo,Tu,Th 09:00-12:00; Fr 14:00-17:30 || "Termine nach Vereinbarung"; We off'
    called = [("00:00", "09:00", "unknown"), ("09:00", "12:00", "open"),
              ("12:00", "24:00", "unknown")]
    assert spans(text, TU) == spans(text, TH) == spans(text, MO) == called
    assert spans(text, WE) == []  # `; We off` after the fallback closes the whole day
    assert spans(text, FR) == [("00:00", "14:00", "unknown"), ("14:00", "17:30", "open"),
                               ("17:30", "24:00", "unknown")]
    assert spans(text, SA) == spans(text, SU) == [("00:00", "24:00", "unknown")]
    assert parse(text).day(SA, False)[0].comment == "Termine nach Vereinbarung"


def test_fallback_rule_chain_fills_only_closed_times():
    """test.js, "Fallback group rules": a second fallback fills what the first left closed;
    "Fallback group rules (unknown)": one after an unknown or open time never shows."""
    text = 'We-Fr 10:00-24:00 open "first" || We "please call" || open "we are open!!!"'
    assert spans(text, WE) == [("00:00", "10:00", "unknown"), ("10:00", "24:00", "open")]
    assert [(s.start, s.end, s.state.value, s.comment) for s in parse(text).day(TH, False)] \
        == [(0, 600, "open", "we are open!!!"), (600, 1440, "open", "first")]
    assert spans(text, MO) == [("00:00", "24:00", "open")]
    for last in ('closed "x"', 'unknown "x"', 'open "x"'):
        text = f'We-Fr 10:00-24:00 open "it is open" || "please call" || {last}'
        assert spans(text, WE) == [("00:00", "10:00", "unknown"), ("10:00", "24:00", "open")]
        assert spans(text, SA) == [("00:00", "24:00", "unknown")]


def test_fallback_rule_past_midnight_fills_the_next_morning():
    """test.js, "Fallback group rules" (example from Netzwolf), written with 30:00 for the
    06:00-06:00 there: the emergency service runs from Tuesday 06:00 to Wednesday 06:00
    wherever the office is closed."""
    text = ('Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-13:00; PH off || '
            'Tu 06:00-30:00 open "Notdienst"')
    assert spans(text, TU) == [("06:00", "08:00", "open"), ("08:00", "12:00", "open"),
                               ("12:00", "14:00", "open"), ("14:00", "18:00", "open"),
                               ("18:00", "24:00", "open")]
    wednesday = parse(text).days[14 + 14 * TU + WE]  # a Wednesday after a Tuesday
    assert [(s.start, s.end, s.comment) for s in wednesday] == [
        (0, 360, "Notdienst"), (480, 720, None), (840, 1080, None)]


def test_fallback_rule_is_replaced_by_a_later_rule_for_the_day():
    """Checked with opening_hours.js 3.x (npm `opening_hours`): the `;` rule for Tuesday
    after the fallback replaces what the fallback said of Tuesday; and a fallback with its
    own days and times fills the closed times of those (`Mo 10-12 || Mo-Tu 14-16`)."""
    assert spans("Mo 10:00-12:00 || unknown", MO) == [
        ("00:00", "10:00", "unknown"), ("10:00", "12:00", "open"), ("12:00", "24:00", "unknown")]
    assert spans("Mo 10:00-12:00 || unknown; Tu 08:00-09:00", TU) == [
        ("08:00", "09:00", "open")]
    assert spans("Mo 10:00-12:00 || unknown; Tu 08:00-09:00", WE) == [
        ("00:00", "24:00", "unknown")]
    assert spans("Mo 10:00-12:00 || Mo-Tu 14:00-16:00", MO) == [
        ("10:00", "12:00", "open"), ("14:00", "16:00", "open")]
    assert spans("Mo 10:00-12:00 || Mo-Tu 14:00-16:00", TU) == [("14:00", "16:00", "open")]


def test_comment_only_open_and_unknown_rules():
    assert spans('"nach Vereinbarung"', SU) == [("00:00", "24:00", "unknown")]
    assert spans('Mo-Fr 10:00-12:00; "nach Vereinbarung"', MO) == [("00:00", "24:00",
                                                                     "unknown")]
    assert spans("open", WE) == [("00:00", "24:00", "open")]
    assert spans("Mo-Fr 10:00-12:00 unknown", MO) == [("10:00", "12:00", "unknown")]
    assert spans("Sa unknown", SA) == [("00:00", "24:00", "unknown")]


def test_ph_followed_by_weekdays_is_a_holiday_on_those_weekdays():
    """`PH Mo-Fr` (no comma) is a public holiday that falls on a weekday, `PH,Mo-Fr` any
    public holiday and any weekday."""
    text = "Mo-Fr 08:00-12:00; PH Mo-Fr 10:00-11:00"
    assert spans(text, MO, holiday=True) == [("10:00", "11:00", "open")]
    assert spans(text, MO) == [("08:00", "12:00", "open")]
    assert spans(text, SA, holiday=True) == []
    assert spans("PH,Sa 10:00-11:00", SA) == [("10:00", "11:00", "open")]


def test_a_span_past_midnight_belongs_to_the_day_it_begins_on():
    """Specification and opening_hours.js: `Mo-Fr 22:00-02:00` is open from Friday 22:00 to
    Saturday 02:00, and so is `Fr 22:00-26:00`; a schedule like that has a day for each
    pair (kind of the day before, kind of the day), at 14 + 14 * before + kind."""
    from erreichbar.hours.compiled import day_of

    def hhmm(day):
        return [(f"{s.start // 60:02d}:{s.start % 60:02d}", f"{s.end // 60:02d}:{s.end % 60:02d}")
                for s in day]

    night = parse("Mo-Fr 22:00-02:00")
    assert night.days == parse("Mo-Fr 22:00-26:00").days
    assert hhmm(day_of(night.days, SA, FR)) == [("00:00", "02:00")]
    assert hhmm(day_of(night.days, FR, TH)) == [("00:00", "02:00"), ("22:00", "24:00")]
    assert hhmm(day_of(night.days, MO, SU)) == [("22:00", "24:00")]
    # a holiday is closed, and what a night before it brought too; the night of a holiday
    # itself still ends on the next morning (as with `; PH off` in OpenStreetMap)
    assert day_of(night.days, SA + 7, FR) == ()
    assert hhmm(day_of(night.days, SA, FR + 7)) == [("00:00", "02:00")]
    # a later rule for the next day replaces what the night brought to it, an earlier not
    assert day_of(parse("Fr 22:00-02:00; Sa 10:00-12:00").days, SA, FR)[0].start == 600
    assert hhmm(day_of(parse("Sa 10:00-12:00; Fr 22:00-02:00").days, SA, FR)) == [
        ("00:00", "02:00"), ("10:00", "12:00")]
    assert hhmm(day_of(parse("Fr 22:00-02:00; Sa 01:00-03:00 off").days, SA, FR)) == [
        ("00:00", "01:00")]
    assert hhmm(day_of(parse("Fr 10:00-48:00").days, SA, FR)) == [("00:00", "24:00")]
    assert len(parse("Mo-Fr 08:00-24:00").days) == 14  # 24:00 ends the day itself


def test_a_semicolon_at_the_end_is_read_with_a_warning():
    from erreichbar.hours.reader import analyse

    schedule, warnings = analyse("Mo-Fr 08:00-12:00;")
    assert schedule.days == parse("Mo-Fr 08:00-12:00").days
    assert [w.fields for w in warnings] == [{"value": "Mo-Fr 08:00-12:00"}]


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("Mo-Fr 25:00-26:00", 7, "hours go up to 23"),
        ("Mo-Fr 12:60-13:00", 7, "minutes go up to 59"),
        ("Mo-Fr 20:00-48:01", 13, "an end goes up to 48:00"),
        ("Tu 23:59-48:00+", 15, "an open end after 48:00"),  # test.js refuses it
        ('We "a" 10:00-12:00 "b"', 20, "one comment"),
        ("Mo-Fr 24:00-26:00", 7, "hours go up to 23"),
        ("Mo-Fr 10:00", 12, "needs an end"),
        ("Mx 10:00-11:00", 1, "not supported"),
        ("Mo-Fr 10:00-11:00 |  Sa 10:00-11:00", 19, "unexpected"),
        ("Mo-Fr 10:00-11:00 ||", 21, "empty rule"),
        ("", 1, "empty"),
        ('Mo "open', 4, "not closed"),
        ("Mo-Fr sunrise-sunset", 7, "sun times ('sunrise') are not supported"),
        ("Mo-Fr (sunrise+01:00)-12:00", 7, "sun times ('sunrise') are not supported"),
        ("Mo-Fr 10:00-sunset", 13, "sun times ('sunset') are not supported"),
        ("Mo-Fr (10:00)", 7, "unexpected character '('"),
        ("Mo-Fr 10:00-16:00/01:00", 18, "intervals (a span with '/') are not supported"),
        ("SH +1 day off", 4, "SH with a day offset is not supported"),
        ("Dec 25 +Mo off", 8, "a weekday offset ('+Mo') is not supported"),
        ("Feb 30 off", 5, "Feb 30 is not a date"),
        ("0000 easter off", 1, "0000 is not a year here: write one from 1900 to 2999"),
        ("2024-9999 Mo", 6, "9999 is not a year here"),
        ("Dec 24 +400 days off", 9, "an offset of 400 days is more than a year"),
        ("Mo-Fr 08:00-16:00; Dec 24th off", 24, "24th: write the day as a number"),
        ("week 5/2 off", 7, "a step needs a range of weeks"),
        ("Mo 31 off", 4, "'31': a number here is no time and no date"),
        ('Dec 24 "x" off', 12, "'off' comes before the comment"),
        ("Dec 24 24/7", 8, "24/7 is a rule of its own"),
        ("24.12. off", 1, "24.12. is not a date here: write the month and day"),
        ("week 54 Mo", 6, "week 54 is not a week"),
        ("week 10-5 Mo", 6, "week range 10-5 runs backwards"),
        ("2026-2024 off", 6, "year range 2026-2024 runs backwards"),
        ("week 1-53/0 Mo", 11, "a step must be 1 or more"),
        ("Sa[6] 10:00-12:00", 4, "[6] is not a weekday of the month"),
        ("Sa[1 10:00-12:00", 6, "expected ',' or ']'"),
        ("Dec 24-Jan off", 12, "a date range needs a day after the month"),
        ("PH SH off", 4, "'SH' after other days: write the days as a list"),
        ("Mo- 10:00-11:00", 5, "needs a weekday"),
    ],
)
def test_outside_the_subset_is_an_error_with_column(text, column, words):
    with pytest.raises(HoursError) as info:
        parse(text)
    assert words in info.value.message
    assert info.value.column == column


def test_a_comment_between_days_and_times_is_the_rules_comment():
    """test.js:3920: `We "Maybe open. Call us." 10:00-16:00` is read without a warning, and
    is unknown 10:00-16:00 on Wednesday with that comment, as with the comment after the
    times."""
    text = 'Mo-Fr 10:00-20:00 unknown "Maybe"; We "Maybe open. Call us." 10:00-16:00'
    assert spans(text, WE) == [("10:00", "16:00", "unknown")]
    assert parse(text).day(WE, False)[0].comment == "Maybe open. Call us."
    assert parse('We "x" 10:00-16:00 open').day(WE, False)[0].state is State.OPEN


def test_a_comment_as_selector_makes_the_rule_unknown_with_its_words():
    """`"Sommer": Mo 10:00-12:00`: when the rule applies is said in words, so its times are
    unknown with the words as the reason, whatever state it names; a comment of the rule's
    own is the reason instead. As opening_hours.js 3.x (npm `opening_hours`) evaluates
    each of these on Monday 4 March 2024: unknown 10:00-12:00, closed otherwise."""
    for text in ('"Sommer": Mo 10:00-12:00', '"Sommer" Mo 10:00-12:00',
                 '"Sommer": Mo 10:00-12:00 open', '"Sommer": Mo 10:00-12:00 off',
                 'Mo-Fr 08:00-12:00; "Sommer": Mo 10:00-12:00'):
        assert spans(text, MO) == [("10:00", "12:00", "unknown")], text
        assert parse(text).day(MO, False)[0].comment == "Sommer", text
    assert parse('"Sommer": Mo 10:00-12:00 "x"').day(MO, False)[0].comment == "x"
    assert spans('Mo-Fr 08:00-12:00; "Sommer": Mo 10:00-12:00', TU) == [
        ("08:00", "12:00", "open")]
    with pytest.raises(HoursError):
        parse('"Sommer":')


def test_an_additional_rule_after_a_fallback_rule_is_a_fallback_rule():
    """opening_hours.js 3.x (npm `opening_hours`) reads `A || B, C` as `A || B || C` and
    writes it so: on Monday 4 March 2024, `Mo 10:00-12:00 || unknown "T", Mo 11:00-14:00
    open` is unknown outside 10:00-12:00, the last rule never showing (its times are
    unknown already)."""
    text = 'Mo 10:00-12:00 || unknown "T", Mo 11:00-14:00 open'
    assert spans(text, MO) == [("00:00", "10:00", "unknown"), ("10:00", "12:00", "open"),
                               ("12:00", "24:00", "unknown")]
    text = 'Mo 10:00-12:00 || Mo 13:00-14:00 open "F", Mo 13:30-15:00 unknown "G"'
    assert spans(text, MO) == [("10:00", "12:00", "open"), ("13:00", "14:00", "open"),
                               ("14:00", "15:00", "unknown")]
