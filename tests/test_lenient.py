"""The forms people type, read as opening_hours.js reads them (hours/lenient.py), and open
ends evaluated as it evaluates them.

The canonical values are opening_hours.js's: the "reference value for prettify" of a test in
its suite (test/test.js of github.com/opening-hours/opening_hours.js at e041cdf, cited by
line), or what its `prettifyValue()` gives (opening_hours 3.15.0 from npm, run as
`new opening_hours(value, {}).prettifyValue()` under node 20). The expected intervals of
the open ends are its suite's (cited by line) or its `getOpenIntervals(from, to)` with
TZ=Europe/Berlin, for 2012-10-08 (a Monday) to 2012-10-15, a week without holidays in Hessen.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from erreichbar.calendar.civil import Calendar
from erreichbar.data.model import State
from erreichbar.errors import HoursError
from erreichbar.hours import engine
from erreichbar.hours.lenient import standard
from erreichbar.hours.reader import analyse, parse
from helpers import local

# (written, opening_hours.js's canonical value, where it comes from)
SUITE = [
    ("10am-12pm,1pm-8pm", "10:00-12:00,13:00-20:00", "test.js:255-257"),
    ("10:00am-12:00pm,1.00pm-8.00pm", "10:00-12:00,13:00-20:00", "test.js:255-259"),
    ("12:00 a.m. - 12:01am", "00:00-00:01", "test.js:275-277"),
    ("01am-11am", "01:00-11:00", "test.js:285-288"),
    ("11:59a.m.-12:00 p.m.", "11:59-12:00", "test.js:293-295"),
    ("Montags 07:00-18:00", "Mo 07:00-18:00", "test.js:329-331"),
    ("Mo 7-18", "Mo 07:00-18:00", "test.js:329-331"),
    ("Mo,Th,weekend 10:00-12:00", "Mo,Th,Sa,Su 10:00-12:00", "test.js:2805-2806"),
    ("Mo & Th and weekends 10:00-12:00", "Mo,Th,Sa,Su 10:00-12:00", "test.js:2805-2807"),
    ("Mo&We", "Mo,We", "test.js:2821-2822"),
    ("Mo and We", "Mo,We", "test.js:2821-2823"),
    ("24 hours", "00:00-24:00", "test.js:2850-2864"),
    ("januar 10:00-18:00", "Jan 10:00-18:00", "test.js:5208-5209"),
    ("janvier 10:00-18:00", "Jan 10:00-18:00", "test.js:5208-5210"),
    ("jun. 10:00-18:00", "Jun 10:00-18:00", "test.js:5221-5222"),
    ("juin 10:00-18:00", "Jun 10:00-18:00", "test.js:5221-5223"),
    ("lundi,vendredi 10:00-18:00", "Mo,Fr 10:00-18:00", "test.js:5232-5233"),
    ("Montag-Sonntag", "Mo-Su", "test.js:5252-5253"),
    ("Montags bis sonntags", "Mo-Su", "test.js:5252-5254"),
    ("monday-sunday", "Mo-Su", "test.js:5252-5256"),
    ("daily", "Mo-Su", "test.js:5252-5257"),
    ("everyday", "Mo-Su", "test.js:5252-5258"),
    ("every day", "Mo-Su", "test.js:5252-5259"),
    ("all days", "Mo-Su", "test.js:5252-5260"),
    ("7/7", "Mo-Su", "test.js:5252-5263"),
    ("täglich", "Mo-Su", "test.js:5252-5266"),
    ("17:00-late", "17:00+", "test.js:476-477"),
    ("17:00 til late", "17:00+", "test.js:476-478"),
    ("17:00 till late", "17:00+", "test.js:476-479"),
    ("17:00 bis Open End", "17:00+", "test.js:476-480"),
    ("17:00-open end", "17:00+", "test.js:476-481"),
    ("17:00-openend", "17:00+", "test.js:476-483"),
    ("Mo ⁰⁰:³⁰-¹⁴:⁰⁹", "Mo 00:30-14:09", "test.js:374 (prettifyValue)"),
    ("Mo ₀₀:₃₀-₁₄:₀₉", "Mo 00:30-14:09", "test.js:376 (prettifyValue)"),
    ("Mo 12:00→14:00", "Mo 12:00-14:00", "test.js:339 (prettifyValue)"),
    ("Mo 12:00 до 14:00", "Mo 12:00-14:00", "test.js:349 (prettifyValue)"),
    ("Mo 12:00 a 14:00", "Mo 12:00-14:00", "test.js:350 (prettifyValue)"),
    ("always closed", "closed", "test.js:204 (prettifyValue)"),
    ("midnight-24:00", "00:00-24:00", "test.js:2850-2863"),
    ("always", "24/7", "test.js:5273-5274"),
    ("nonstop geöffnet", "24/7", "test.js:5273-5277"),
    ("opening_hours = nonstop geöffnet", "24/7", "test.js:5273-5281"),
    ("Öffnungszeiten: nonstop geöffnet", "24/7", "test.js:5273-5285"),
    ("24x7", "24/7", "test.js:5273-5286"),
    ("all day", "24/7", "test.js:5273-5288"),
    ("24 hours 7 days a week", "24/7", "test.js:5273-5289"),
    ("7 days a week", "Mo-Su", "test.js:5252-5264"),
    ("enero 10:00-18:00", "Jan 10:00-18:00", "test.js:5208-5211"),
    ("lunes,viernes 10:00-18:00", "Mo,Fr 10:00-18:00", "test.js:5232-5234"),
    ("Mo geschl., Tu 14:00-18:00, We-Sa 10:00-18:00",
     "Mo off, Tu 14:00-18:00, We-Sa 10:00-18:00", "test.js:4060-4061"),
    ("Jan 01,Dec 24.-25.; Nov Th[4]", "Jan 01,Dec 24-25; Nov Th[4]",
     "test.js:3533 (prettifyValue)"),
    ("Dec 24.,Jan 02: 18:00-22:00", "Dec 24,Jan 02: 18:00-22:00",
     "test.js:3582 (prettifyValue)"),
    ("Mo-Fr 08:00-12:00 open \"x\", Mo-Fr 13:00-17:00 open nach_vereinbarung",
     "Mo-Fr 08:00-12:00 open \"x\", Mo-Fr 13:00-17:00 open \"Nach Vereinbarung\"",
     "test.js:3877 (prettifyValue)"),
    ("Mo-Fr 13:00-17:00 open on appointment", "Mo-Fr 13:00-17:00 open \"on appointment\"",
     "test.js:3887 (prettifyValue)"),
    ("Mo-Fr 13:00-17:00 open sur_rendez_vous", "Mo-Fr 13:00-17:00 open \"Sur rendez-vous\"",
     "test.js:3896 (prettifyValue)"),
    ("   monday,    Tu, wE,   TH    12:00 - 20:00  ; Off 14:00-16:00\t",
     "Mo,Tu,We,Th 12:00-20:00; 14:00-16:00 off", "test.js:5156 (prettifyValue)"),
    # `°` for a zero, superscript and subscript digits without a colon
    ("Mo 12°°-14:00", "Mo 12:00-14:00", "test.js:336 (prettifyValue)"),
    ("Mo 12°-14:00", "Mo 12:00-14:00", "prettifyValue"),
    ("Mo 00³°-14:09", "Mo 00:30-14:09", "test.js:369 (prettifyValue)"),
    ("Mo 00:³°-14:09", "Mo 00:30-14:09", "test.js:369 (prettifyValue)"),
    ("Mo °°³°-14:09", "Mo 00:30-14:09", "test.js:369 (prettifyValue)"),
    ("Mo ₀₀₃₀-₁₄⁰⁹", "Mo 00:30-14:09", "test.js:369 (prettifyValue)"),
    ("Mo ₀:₃₀-₁₄:₉", "Mo 00:30-14:09", "test.js:369 (prettifyValue)"),
    # the days beside a holiday in words; an hour after a month (no date has a day 0)
    ("day after public holiday", "PH +1 day", "test.js:986 (prettifyValue)"),
    ("one day after public holiday", "PH +1 day", "test.js:986 (prettifyValue)"),
    ("day before public holiday Mo-We", "PH -1 day Mo-We", "test.js:998 (prettifyValue)"),
    ("one day before public holiday", "PH -1 day", "test.js:1033 (prettifyValue)"),
    ("Nov-Feb 00-24", "Nov-Feb 00:00-24:00", "test.js:3507 (prettifyValue)"),
    # selectors in another order: put in the standard one
    (" We,Fr: PH", "PH We,Fr", "test.js:954 (prettifyValue)"),
    ("00:00-24:00 week 05 Feb", "Feb week 05 00:00-24:00", "test.js:3842 (prettifyValue)"),
    ("week 05 00:00-24:00 Feb", "Feb week 05 00:00-24:00", "test.js:3842 (prettifyValue)"),
    ("Mo-Su week 05 Feb 00:00-24:00", "Feb week 05 Mo-Su 00:00-24:00",
     "test.js:3842 (prettifyValue)"),
    ("00:00-24:00 Mo-Su week 05 Feb", "Feb week 05 Mo-Su 00:00-24:00",
     "test.js:3842 (prettifyValue)"),
    ("00:00-24:00 2012 week 05 Feb", "2012 Feb week 05 00:00-24:00",
     "test.js:3842 (prettifyValue)"),
    ("week 05 Feb 2012-2014", "2012-2014 Feb week 05", "test.js:3842 (prettifyValue)"),
    ("open week 06 Feb", "Feb week 06 open", "test.js:3863 (prettifyValue)"),
    ("Mo 10:00-12:00 Jan", "Jan Mo 10:00-12:00", "prettifyValue"),
    ("Mo 10⁰⁰-12⁰⁰", "Mo 10:00-12:00", "prettifyValue"),
    ("Mo-Fr 10:00-12:00 PH off", "PH Mo-Fr 10:00-12:00 off", "prettifyValue"),
    ("Mo Jan-Mar 10:00-11:00", "Jan-Mar Mo 10:00-11:00", "prettifyValue"),
    ("Mo-Fr 08:00-12:00; Mo-Fr Dec 24 off", "Mo-Fr 08:00-12:00; Dec 24 Mo-Fr off",
     "prettifyValue"),
    ("Mo-Fr 08:00-12:00; 10:00-11:00 Sa off", "Mo-Fr 08:00-12:00; Sa 10:00-11:00 off",
     "prettifyValue"),
]
# forms whose opening_hours.js value keeps what the tool writes otherwise: the same days
# and times (its suite's lines), the tool's value named
SAME_MEANING = [
    ("Mo: geschlossen, Di: 14-18Uhr, Mi-Sa: 10-18Uhr",
     "Mo off, Di 14:00-18:00, Mi-Sa 10:00-18:00", "Mo off, Tu 14:00-18:00, We-Sa 10:00-18:00",
     "test.js:4060-4062"),
    # (the reference values keep a form the tool reads with a correction: no reference)
    ("Mo 12:00-14:00 16:00-18:00 20:00-22:00", "Mo 12:00-14:00,16:00-18:00,20:00-22:00",
     None, "test.js:5306"),
    ('24/7: closed "always closed"', '24/7 closed "always closed"', None, "test.js:207"),
]
PRETTIFIED = [  # prettifyValue() of opening_hours 3.15.0
    "Mo – Fr: 9 – 12 Uhr|Mo-Fr 09:00-12:00",
    "Mo. 10:00-12:00|Mo 10:00-12:00",
    "Mon 10:00-12:00|Mo 10:00-12:00",
    "lundi 10:00-12:00|Mo 10:00-12:00",
    "Jan. 10:00-12:00|Jan 10:00-12:00",
    "Dezember 24 off|Dec 24 off",
    "décembre 24 off|Dec 24 off",
    "Mo und We 10:00-12:00|Mo,We 10:00-12:00",
    "Mo 10:00-12:00,|Mo 10:00-12:00",
    "Mo 10:00-11:00;;|Mo 10:00-11:00",
    "Mo-Fr 9:00-12:00,|Mo-Fr 09:00-12:00",
    "Mo-Fr 08:00-12:00 and 13:00-17:00|Mo-Fr 08:00-12:00,13:00-17:00",
    "Mo - Fr 05:00 - 22:00, Su 05:00 - 21:00|Mo-Fr 05:00-22:00, Su 05:00-21:00",
    "Mo, Th 08:00-12:00, 16:00-18:00|Mo,Th 08:00-12:00,16:00-18:00",
    "Mo‑Fr 10:00~12:00|Mo-Fr 10:00-12:00",
    "Mo to Fr 10:00 till 12:00|Mo-Fr 10:00-12:00",
    "Mo bis Fr 10:00-12:00|Mo-Fr 10:00-12:00",
    "lundi à vendredi 10:00-12:00|Mo-Fr 10:00-12:00",
    "10:00 – 12:00|10:00-12:00",
    "10 am - 10 pm|10:00-22:00",
    "Mo-Fr 8h-12h|Mo-Fr 08:00-12:00",
    "sa. 10:00-12:00|Sa 10:00-12:00",
    "Mo-Fr 10:00-12:00, 17:00+|Mo-Fr 10:00-12:00,17:00+",
]
# forms opening_hours.js refuses but that are the words for "daily" and "weekend" it
# reads in other words, or digits it reads in superscript: read as those
BEYOND = [
    ("tous les jours 10:00-12:00", "Mo-Su 10:00-12:00"),
    ("jeden Tag 10:00-12:00", "Mo-Su 10:00-12:00"),
    ("Wochenende 10:00-12:00", "Sa,Su 10:00-12:00"),
    ("week-end 10:00-12:00", "Sa,Su 10:00-12:00"),
    ("０９:００-12:00", "09:00-12:00"),
]


@pytest.mark.parametrize(("written", "canonical", "where"), SUITE)
def test_a_form_of_the_suite_reads_as_its_reference_value(written, canonical, where):
    assert standard(written) == canonical, where
    schedule, [warning, *_others] = analyse(written)
    assert str(warning) == f"not in the standard form: write `{canonical}`"
    assert schedule.days == parse(canonical).days


@pytest.mark.parametrize(("written", "tools", "reference", "where"), SAME_MEANING)
def test_a_form_reads_with_the_meaning_of_its_reference_value(written, tools, reference,
                                                              where):
    assert standard(written) == tools, where
    assert parse(written).days == parse(tools).days
    if reference is not None:
        assert parse(written).days == parse(reference).days


@pytest.mark.parametrize("pair", PRETTIFIED)
def test_a_form_reads_as_opening_hours_js_prettifies_it(pair):
    written, canonical = pair.split("|")
    assert standard(written) == canonical
    assert analyse(written)[1][0].fields == {"value": canonical}


@pytest.mark.parametrize(("written", "canonical"), BEYOND)
def test_words_for_daily_and_weekend_in_german_and_french(written, canonical):
    assert standard(written) == canonical


def test_german_two_letter_days_keep_their_meaning():
    """test.js:4046-4047: its reference value for the German form; the tool reads `Di`
    and `Do` as it always has (Tu, Th), so the value it names keeps them."""
    written = "Mo – Fr: 9 – 12 Uhr und Mo, Di, Do: 15 – 18 Uhr"
    assert standard(written) == "Mo-Fr 09:00-12:00, Mo,Di,Do 15:00-18:00"
    assert parse(written).days == parse("Mo-Fr 09:00-12:00, Mo,Tu,Th 15:00-18:00").days


@pytest.mark.parametrize("written", [
    'Mo-Fr 09:00-12:00 "Mo and We bis 10 Uhr"',
    'Mo-Fr 09:00-12:00 "täglich – 24 hours, Montags"',
])
def test_comments_are_never_altered(written):
    assert standard(written) == written
    assert analyse(written)[1] == ()


@pytest.mark.parametrize("written", ["Mo-Fr 09:00-12:00", "Dec 24-26 off",
                                     "Dec 24-26 10:00-11:00", "Dec 24+ 10:00-11:00",
                                     "week 1-53/2 Mo 10:00-12:00", "PH off", "24/7",
                                     "Mo-Do 08:00-16:00; Fr 08:00-14:00"])
def test_the_standard_form_is_left_as_it_is(written):
    assert standard(written) == written


@pytest.mark.parametrize("written", ["Mo-Fr 25:00-26:00", "Mo-Fr 10:00-12:00 \"x"])
def test_a_value_that_cannot_be_read_still_says_why(written):
    with pytest.raises(HoursError) as info:
        parse(written)
    assert info.value.message


# --- open ends ----------------------------------------------------------------------

CAL = Calendar("Europe/Berlin", "DE-HE")


def _intervals(text: str, start: str, end: str) -> list[tuple[str, str, bool]]:
    """Windows open or unknown in [start, end), as opening_hours.js's intervals: (from, to,
    unknown)."""
    found = engine.windows(parse(text), CAL, local(start), local(end),
                           states=(State.OPEN, State.UNKNOWN))
    return [(_at(w.start), _at(w.end), w.state is State.UNKNOWN) for w in found]


def _at(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _week(*days: tuple[str, str, str, str, bool]) -> list[tuple[str, str, bool]]:
    return [(f"2012-10-{a} {b}", f"2012-10-{c} {d}", u) for a, b, c, d, u in days]


@pytest.mark.parametrize("text", ["17:00+", "17:00-late", "17:00 bis Open End",
                                  "17:00+; 15:00-16:00 off", "15:00-16:00 off; 17:00+"])
def test_an_open_end_from_17_is_unknown_for_ten_hours(text):
    """test.js:468-489 (one day from 2012-10-01, a Monday)."""
    assert _intervals(text, "2012-10-01T00:00", "2012-10-02T00:00") == [
        ("2012-10-01 00:00", "2012-10-01 03:00", True),
        ("2012-10-01 17:00", "2012-10-02 00:00", True)]


@pytest.mark.parametrize("text", ["17:00+ off", "17:00+off"])
def test_an_open_end_that_is_off_is_closed(text):
    """test.js:503-508."""
    assert _intervals(text, "2012-10-01T00:00", "2012-10-02T00:00") == []


def test_an_open_end_keeps_its_comment_and_is_unknown():
    """test.js:468-473."""
    found = engine.windows(parse('07:00+ open "visit their website"'), CAL,
                           local("2012-10-01T00:00"), local("2012-10-02T00:00"),
                           states=(State.OPEN, State.UNKNOWN))
    assert [(_at(w.start), _at(w.end), w.state, w.comment) for w in found] == [
        ("2012-10-01 07:00", "2012-10-02 00:00", State.UNKNOWN, "visit their website")]


@pytest.mark.parametrize("text", ["07:00+,12:00-16:00", "07:00+,12:00-13:00,13:00-16:00"])
def test_an_open_end_before_a_span_ends_where_that_span_begins(text):
    """test.js:510-518."""
    assert _intervals(text, "2012-10-01T00:00", "2012-10-02T05:00") == [
        ("2012-10-01 07:00", "2012-10-01 12:00", True),
        ("2012-10-01 12:00", "2012-10-01 16:00", False)]


@pytest.mark.parametrize("text", ["05:00-06:00,06:45-07:00+,13:00-16:00",
                                  "06:45-07:00+,05:00-06:00,13:00-16:00"])
def test_a_span_with_an_open_end_in_a_list(text):
    """test.js:520-530."""
    assert _intervals(text, "2012-10-01T00:00", "2012-10-02T05:00") == [
        ("2012-10-01 05:00", "2012-10-01 06:00", False),
        ("2012-10-01 06:45", "2012-10-01 07:00", False),
        ("2012-10-01 07:00", "2012-10-01 13:00", True),
        ("2012-10-01 13:00", "2012-10-01 16:00", False)]


@pytest.mark.parametrize("text", ["13:00-17:00+", "13:00-17:00,17:00+",
                                  "13:00-17:00 open, 17:00+"])
def test_a_span_followed_by_an_open_end(text):
    """test.js:542-551."""
    assert _intervals(text, "2012-10-01T00:00", "2012-10-02T05:00") == [
        ("2012-10-01 00:00", "2012-10-01 03:00", True),
        ("2012-10-01 13:00", "2012-10-01 17:00", False),
        ("2012-10-01 17:00", "2012-10-02 03:00", True)]


# getOpenIntervals(2012-10-08, 2012-10-15) of opening_hours 3.15.0 (see the module's text)
@pytest.mark.parametrize(("text", "expected"), [
    ("Mo-Fr 17:00+; Sa 19:00+", _week(
        ("08", "17:00", "09", "03:00", True), ("09", "17:00", "10", "03:00", True),
        ("10", "17:00", "11", "03:00", True), ("11", "17:00", "12", "03:00", True),
        ("12", "17:00", "13", "00:00", True), ("13", "19:00", "14", "05:00", True))),
    ("11:00+", _week(*((f"{d:02d}", "11:00", f"{d + 1:02d}", "00:00", True)
                       for d in range(8, 15)))),
    ("22:30+", _week(("08", "00:00", "08", "06:30", True),
                     *((f"{d:02d}", "22:30", f"{d + 1:02d}", "06:30", True)
                       for d in range(8, 14)),
                     ("14", "22:30", "15", "00:00", True))),
    ("Fr 23:00+; Sa 10:00-12:00", _week(("12", "23:00", "13", "00:00", True),
                                        ("13", "10:00", "13", "12:00", False))),
    ("Mo-Fr 17:00+; We off", _week(
        ("08", "17:00", "09", "03:00", True), ("09", "17:00", "10", "00:00", True),
        ("11", "00:00", "11", "03:00", True), ("11", "17:00", "12", "03:00", True),
        ("12", "17:00", "13", "03:00", True))),
    ("Mo 12:00-12:00", _week(("08", "12:00", "09", "12:00", False))),
    ("00:00-00:00", _week(("08", "00:00", "15", "00:00", False))),
])
def test_open_ends_in_a_week_as_opening_hours_js_evaluates_them(text, expected):
    assert _intervals(text, "2012-10-08T00:00", "2012-10-15T00:00") == expected


# getOpenIntervals(2012-10-08, 2012-10-15) of opening_hours 3.15.0: open ends that begin
# on the next day (the first is a real value of the Berlin extract in ../shared/osm)
NEXT_DAY = {
    'Mo-We 08:00-23:30; Th-Sa 08:00-24:00+; Su 08:00-22:30': [
        ('2012-10-08 08:00', '2012-10-08 23:30', False),
        ('2012-10-09 08:00', '2012-10-09 23:30', False),
        ('2012-10-10 08:00', '2012-10-10 23:30', False),
        ('2012-10-11 08:00', '2012-10-12 00:00', False),
        ('2012-10-12 00:00', '2012-10-12 08:00', True),
        ('2012-10-12 08:00', '2012-10-13 00:00', False),
        ('2012-10-13 00:00', '2012-10-13 08:00', True),
        ('2012-10-13 08:00', '2012-10-14 00:00', False),
        ('2012-10-14 08:00', '2012-10-14 22:30', False),
    ],
    'Tu 23:59-40:00+': [
        ('2012-10-09 23:59', '2012-10-10 16:00', False),
        ('2012-10-10 16:00', '2012-10-11 00:00', True),
    ],
    'Mo 22:00-04:00+': [
        ('2012-10-08 22:00', '2012-10-09 04:00', False),
        ('2012-10-09 04:00', '2012-10-09 12:00', True),
    ],
    'Mo 22:00-28:00+': [
        ('2012-10-08 22:00', '2012-10-09 04:00', False),
        ('2012-10-09 04:00', '2012-10-09 12:00', True),
    ],
    'Fr 11:00-24:00+ open "x"': [
        ('2012-10-12 11:00', '2012-10-13 00:00', False),
        ('2012-10-13 00:00', '2012-10-13 08:00', True),
    ],
    'Fr 11:00-24:00+': [
        ('2012-10-12 11:00', '2012-10-13 00:00', False),
        ('2012-10-13 00:00', '2012-10-13 08:00', True),
    ],
    '08:00-24:00+': [
        ('2012-10-08 00:00', '2012-10-08 08:00', True),
        ('2012-10-08 08:00', '2012-10-09 00:00', False),
        ('2012-10-09 00:00', '2012-10-09 08:00', True),
        ('2012-10-09 08:00', '2012-10-10 00:00', False),
        ('2012-10-10 00:00', '2012-10-10 08:00', True),
        ('2012-10-10 08:00', '2012-10-11 00:00', False),
        ('2012-10-11 00:00', '2012-10-11 08:00', True),
        ('2012-10-11 08:00', '2012-10-12 00:00', False),
        ('2012-10-12 00:00', '2012-10-12 08:00', True),
        ('2012-10-12 08:00', '2012-10-13 00:00', False),
        ('2012-10-13 00:00', '2012-10-13 08:00', True),
        ('2012-10-13 08:00', '2012-10-14 00:00', False),
        ('2012-10-14 00:00', '2012-10-14 08:00', True),
        ('2012-10-14 08:00', '2012-10-15 00:00', False),
    ],
    'Sa 10:00-24:00+; Su 12:00-14:00': [
        ('2012-10-13 10:00', '2012-10-14 00:00', False),
        ('2012-10-14 12:00', '2012-10-14 14:00', False),
    ],
    'Sa 10:00-24:00+, Su 12:00-14:00': [
        ('2012-10-13 10:00', '2012-10-14 00:00', False),
        ('2012-10-14 00:00', '2012-10-14 08:00', True),
        ('2012-10-14 12:00', '2012-10-14 14:00', False),
    ],
}


@pytest.mark.parametrize("text", NEXT_DAY)
def test_an_open_end_from_midnight_on_is_the_next_days(text):
    assert _intervals(text, "2012-10-08T00:00", "2012-10-15T00:00") == NEXT_DAY[text]


def test_an_open_end_from_the_next_day_in_a_rule_of_dates_says_why_it_is_refused():
    with pytest.raises(HoursError) as info:
        parse("Dec 24 08:00-24:00+")
    assert "open end from 24:00 or later in a rule of dates" in info.value.message


def test_a_colon_between_wide_selectors_is_dropped():
    """test.js:3814: opening_hours.js reads the value with a warning about the `:` after
    `Jan 11-Jan 11` (the specification has one `:`, after all of the years, dates and
    weeks) and leaves it as written; the standard value keeps the last one only."""
    written = "Jan 11-Jan 11: week 02: 00:00-24:00"
    assert standard(written) == "Jan 11-Jan 11 week 02: 00:00-24:00"
    assert analyse(written)[1][0].fields == {"value": "Jan 11-Jan 11 week 02: 00:00-24:00"}


@pytest.mark.parametrize("written", ["Mo[1] -1 day 10:00-12:00",
                                     '"Sommer": Mo 10:00-12:00', "Dec 25 -1 day Mo",
                                     'We "Call us." 10:00-16:00',
                                     "Sa 10:00-12:00 Su,PH", "Oct Tu-Su 10:00-14:30 Nov off"])
def test_a_rule_with_a_word_the_order_cannot_place_is_left_as_written(written):
    """Each is left as written by opening_hours.js's prettifyValue too (the last two: a
    selector written twice apart, which it does not reorder)."""
    assert standard(written) == written


@pytest.mark.parametrize("written", ["25am-26pm", "24am-26pm", "23am-49pm", "25pm-26am"])
def test_an_hour_above_12_with_am_or_pm_is_refused(written):
    """test.js's list of values it refuses ("Time range starts outside of the current
    day", "Time spanning more than two midnights")."""
    with pytest.raises(HoursError) as info:
        parse(written)
    assert "am or pm" in info.value.message


@pytest.mark.parametrize("value", ["Dec 1-3,5-7 off", "Mo-Fr 08:00-12:00; Dec 24,27-31 off",
                                   "Mar 1-3,10-12 Mo-Fr 08:00-12:00"])
def test_the_days_of_a_month_after_a_comma_are_days(value):
    """opening_hours.js prettifies `Dec 1-3,5-7 off` as `Dec 01-03,05-07 off`: days, not
    hours; the value reads as written, with no correction to suggest."""
    assert standard(value) == value
    assert not [w for w in analyse(value)[1] if "standard form" in str(w)]
