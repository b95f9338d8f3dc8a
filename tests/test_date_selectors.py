"""What of a rule depends on the date (date_selectors.py): the days each selector picks,
checked against the calendar itself."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest

from erreichbar.calendar.civil import Calendar
from erreichbar.data.model import ALWAYS, State
from erreichbar.errors import HoursError
from erreichbar.hours.compiled import segments_on
from erreichbar.hours.lenient import standard
from erreichbar.hours.reader import parse
from test_hours_dates import CAL


def test_a_calendar_decides_the_dated_selectors():
    """The days each selector picks, checked against the calendar itself."""
    def open_days(text: str, first: date, days: int) -> list[date]:
        schedule = parse(text + "; PH 10:00-11:00")  # (holidays like any day here)
        out = []
        for n in range(days):
            d = first + timedelta(days=n)
            if any(s.state is State.OPEN for s in segments_on(schedule, ALWAYS, CAL, d)):
                out.append(d)
        return out

    saturdays = [date(2026, m, 1) + timedelta(days=(5 - date(2026, m, 1).weekday()) % 7)
                 for m in range(1, 13)]
    assert [d for d in open_days("Sa[1] 10:00-12:00", date(2026, 1, 1), 365)
            if d.weekday() == 5 and CAL.holiday(d) is None] == [
        d for d in saturdays if CAL.holiday(d) is None]
    last = open_days("Su[-1] 10:00-12:00", date(2026, 1, 1), 365)
    assert all(d.weekday() == 6 and (d + timedelta(days=7)).month != d.month for d in last
               if d.weekday() == 6)
    weeks = open_days("week 1-53/2 Mo 10:00-12:00", date(2026, 1, 1), 365)
    assert {d.isocalendar()[1] % 2 for d in weeks
            if d.weekday() == 0 and CAL.holiday(d) is None} == {1}
    # a range of one week with a step is that week (the ISO calendar's week 52 of 2026:
    # Monday 21 December), and a week number with a step alone is still refused
    assert [d for d in open_days("week 52-52/2 Mo 10:00-12:00", date(2026, 1, 1), 365)
            if CAL.holiday(d) is None] == [date.fromisocalendar(2026, 52, 1)]
    hessen = holidays.country_holidays("DE", subdiv="HE", years=2026, language="en_US")
    good_friday = next(d for d, n in hessen.items() if n == "Good Friday")
    assert set(open_days("easter -2 days 10:00-12:00", date(2026, 1, 1), 365)) == \
        {good_friday} | set(hessen)  # (and the holidays, which the PH rule opens)
    assert open_days("Dec 24-Jan 02 10:00-12:00", date(2026, 12, 1), 60) == [
        date(2026, 12, 24) + timedelta(days=n) for n in range(10)]


def test_a_day_beside_a_holiday_kept_to_weekdays_is_both():
    """`PH -1 day Mo-We` (no comma) is a day before a holiday that is a Monday to Wednesday:
    opening_hours.js's suite (test/test.js, "Variable days: public holidays", 2014-10-25 to
    2015-01-15) has 24 December and 31 December 2014 (Wednesdays) and not 25 December (a
    Thursday). Here with Hessen's holidays, from the holidays library, over three years."""
    hessen = holidays.country_holidays("DE", subdiv="HE", years=range(2014, 2018))
    first, days = date(2014, 10, 25), 3 * 365
    span = [first + timedelta(days=n) for n in range(days)]

    def picked(text: str) -> set[date]:
        schedule = parse(text)
        return {d for d in span
                if any(s.state is State.OPEN for s in segments_on(schedule, ALWAYS, CAL, d))}

    before = {d for d in span if d + timedelta(days=1) in hessen and d.weekday() <= 2}
    assert picked("PH -1 day Mo-We 10:00-12:00") == before - set(hessen)
    assert picked("Mo-We PH -1 day 10:00-12:00") == before - set(hessen)  # (the suite's too)
    assert {date(2014, 12, 24), date(2014, 12, 31)} <= before
    assert date(2014, 12, 25) not in before | picked("PH -1 day Mo-We 10:00-12:00")
    after = {d for d in span if d - timedelta(days=1) in hessen and d.weekday() == 0}
    assert picked("PH +1 day Mo 10:00-12:00") == after - set(hessen)
    # with a comma, either: a day before a holiday, or a Monday to Wednesday
    either = {d for d in span if d + timedelta(days=1) in hessen or d.weekday() <= 2}
    assert picked("PH -1 day,Mo-We 10:00-12:00") == either - set(hessen)


def test_only_plain_weekdays_may_keep_the_days_beside_a_holiday():
    for text in ("PH +1 day Sa[1] 10:00-12:00", "PH +1 day Mo,PH 10:00-12:00"):
        with pytest.raises(HoursError, match="PH \\+1 day Mo-Fr"):
            parse(text)
    # a holiday without an offset after the weekdays is the holiday on them, put first
    # (opening_hours.js's prettifyValue: `PH Mo-We 10:00-12:00`, with a warning)
    assert standard("Mo-We PH 10:00-12:00") == "PH Mo-We 10:00-12:00"


def test_the_store_keeps_a_selector_whole_and_one_object_per_selector():
    from erreichbar.hours.date_selectors import pack, unpack
    from erreichbar.hours.reader import parse_rules

    for text in ("2024-2030/2 Dec week 1-53/2 Su[-1] -1 day 10:00-12:00",
                 "2024 Dec 23-2025 Jan 03 off", "easter-Jun 01 Mo", "Dec 24+ off",
                 "SH Mo-Fr 09:00-12:00", "PH +1 day,Sa[1,3-4] off", "PH -1 day Mo-We off",
                 "PH +1 day Tu,Th off"):
        selector = parse_rules(text)[0].dates
        again = unpack(pack(selector))
        assert again == selector, text
        assert again is unpack(pack(selector))
        assert parse_rules(text)[0].dates is selector  # (equal selectors: one object)


NO_HOLIDAYS = Calendar("Europe/Berlin", "DE-HE", tables=lambda region, lang, year: {})


@pytest.mark.parametrize(("text", "first", "last", "expected"), [
    # opening_hours.js's test/test.js (commit e041cdf), "Monthday ranges with constrained
    # weekday" and the cases after it: the whole days open, as [from, to) dates
    ("Jan 20-Jan Su[-1]", date(2012, 1, 1), date(2015, 1, 1),
     [(date(2012, 1, 20), date(2012, 1, 30)), (date(2013, 1, 20), date(2013, 1, 28)),
      (date(2014, 1, 20), date(2014, 1, 27))]),
    ("Jan Su[1] +2 days-Jan Su[3] -2 days", date(2012, 1, 1), date(2015, 1, 1),
     [(date(2012, 1, 3), date(2012, 1, 14)), (date(2013, 1, 8), date(2013, 1, 19)),
      (date(2014, 1, 7), date(2014, 1, 18))]),
    ("Dec 20-Dec Su[-1] +4 days", date(2011, 1, 1), date(2015, 1, 1),
     [(date(2011, 12, 20), date(2011, 12, 30)), (date(2012, 12, 20), date(2013, 1, 4)),
      (date(2013, 12, 20), date(2014, 1, 3)), (date(2014, 12, 20), date(2015, 1, 1))]),
    ("Nov Su[-1]-Dec Su[1] -1 day", date(2011, 1, 1), date(2015, 1, 1),
     [(date(2011, 11, 27), date(2011, 12, 4)), (date(2012, 11, 25), date(2012, 12, 2)),
      (date(2013, 11, 24), date(2013, 12, 1)), (date(2014, 11, 30), date(2014, 12, 7))]),
    ("Mar Su[-1]-Oct Su[-1] -1 day open; Oct Su[-1]-Mar Su[-1] -1 day off",
     date(2012, 1, 1), date(2013, 1, 1), [(date(2012, 3, 25), date(2012, 10, 28))]),
    # "Calculations based on variable events" (test.js:4706-4716): a range whose end falls
    # before its start in a year holds from its start to the year's end and from the year's
    # beginning to its end, in each year alone (Easter 2011 fell on 24 April, 2012 on 8 April)
    ("easter-Apr 20", date(2012, 1, 1), date(2012, 10, 8),
     [(date(2012, 4, 8), date(2012, 4, 21))]),
    ("easter-Apr 02", date(2012, 1, 1), date(2012, 10, 8),
     [(date(2012, 1, 1), date(2012, 4, 3)), (date(2012, 4, 8), date(2012, 10, 8))]),
])
def test_an_nth_weekday_of_a_month_as_a_date(text, first, last, expected):
    """`Mar Su[-1]-Oct Su[-1]`: the last Sunday of March to the last of October (the summer
    time of the EU), as opening_hours.js reads such dates; public holidays left out of the
    calendar here, as opening_hours.js reads a value without PH."""
    schedule = parse(text)
    open_days = []
    day = first
    while day < last:
        if any(s.state is State.OPEN for s in segments_on(schedule, ALWAYS, NO_HOLIDAYS, day)):
            if open_days and open_days[-1][1] == day:
                open_days[-1] = (open_days[-1][0], day + timedelta(days=1))
            else:
                open_days.append((day, day + timedelta(days=1)))
        day += timedelta(days=1)
    assert open_days == expected
