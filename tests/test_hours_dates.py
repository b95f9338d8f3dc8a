"""Rules that depend on the date, as read (hours_dates.py) and answered: each value that
the hours issue quotes validates and is answered as the independent implementation
(opening-hours-py) answers it, and what is answered by date reaches every view."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import opening_hours
import pytest

from erreichbar.calendar.civil import Calendar
from erreichbar.data.model import ALWAYS
from erreichbar.hours import engine
from erreichbar.hours.compiled import segments_on
from erreichbar.hours.lenient import standard
from erreichbar.hours.reader import analyse, parse
from erreichbar.render.export import to_osm
from helpers import DATA_HEAD, run_cli

BERLIN = ZoneInfo("Europe/Berlin")
CAL = Calendar("Europe/Berlin", "DE-HE")

# (the value, the same for the oracle): the oracle is told `; PH off` where the value does
# not mention PH (offices keep their holidays: the README's one exception), and `unknown`
# where a comment stands without a state (the specification's reading, which
# opening-hours-py does not follow: it reads such a rule as open)
QUOTED = [
    ("Dec 24,Dec 31 off", "Dec 24,Dec 31 off; PH off"),
    ("Mo-Fr 08:00-16:00; Dec 24,Dec 31 off", "Mo-Fr 08:00-16:00; Dec 24,Dec 31 off; PH off"),
    ("Mo-Fr 08:00-16:00; 2024 Dec 23-2025 Jan 03 off",
     "Mo-Fr 08:00-16:00; 2024 Dec 23-2025 Jan 03 off; PH off"),
    ("Mo-Fr 08:00-18:00; Mo-Fr 12:00-13:00 off",
     "Mo-Fr 08:00-18:00; Mo-Fr 12:00-13:00 off; PH off"),
    ("Sa[1] 10:00-12:00", "Sa[1] 10:00-12:00; PH off"),
    ("Mo-Fr 08:00-12:00; Sa[-1] 10:00-12:00", "Mo-Fr 08:00-12:00; Sa[-1] 10:00-12:00; PH off"),
    ("week 1-53/2 Mo 10:00-12:00", "week 1-53/2 Mo 10:00-12:00; PH off"),
    ("Jan-Jun Mo-Fr 08:00-12:00", "Jan-Jun Mo-Fr 08:00-12:00; PH off"),
    ("Mo-Th 08:00-16:00, Fr 08:00-12:00", "Mo-Th 08:00-16:00, Fr 08:00-12:00; PH off"),
    # (opening-hours-py applies `||` only on days no earlier rule selects; opening_hours.js,
    # the reference, fills every time the earlier rules leave closed: that in other words)
    ('Mo-Fr 09:00-12:00 || "nach Vereinbarung"',
     'Mo-Fr 09:00-12:00, Mo-Fr 00:00-09:00,12:00-24:00 unknown "nach Vereinbarung"; '
     'Sa,Su unknown "nach Vereinbarung"; PH off'),
    ("Mo-Fr 22:00-02:00", "Mo-Fr 22:00-02:00; PH off"),
    # (a holiday that falls on Mo-Fr, as opening_hours.js reads `PH Mo-Fr`; opening-hours-py
    # reads it as `PH,Mo-Fr`, so the oracle is given the same meaning in other words)
    ("PH Mo-Fr 10:00-12:00", "PH 10:00-12:00; Sa,Su off"),
    ("Mo-Fr 08:00-16:00; easter -2 days off", "Mo-Fr 08:00-16:00; easter -2 days off; PH off"),
    ('"nach Vereinbarung"', 'unknown "nach Vereinbarung"; PH off'),
    ('Mo-Fr 08:00-16:00; Dec 24 off "Heiligabend"',
     'Mo-Fr 08:00-16:00; Dec 24 off "Heiligabend"; PH off'),
    ("Mo-Fr 08:00-16:00; PH +1 day 10:00-12:00",
     "Mo-Fr 08:00-16:00; PH +1 day 10:00-12:00; PH off"),
    ("Mo-Fr 08:00-16:00; Dec 24-26 10:00-11:00; 2025-2030/2 Jan 02 off",
     "Mo-Fr 08:00-16:00; Dec 24-26 10:00-11:00; 2025-2030/2 Jan 02 off; PH off"),
]

# stretches of days where the rules above decide something: the years' turns, Easter 2026
# (with the spring clock change on 29 March), and first and last Saturdays
WINDOWS = [(date(2024, 12, 20), 20), (date(2025, 12, 20), 20), (date(2026, 3, 27), 14),
           (date(2026, 5, 28), 10)]
HESSEN_ONLY = set(holidays.country_holidays("DE", subdiv="HE", years=range(2024, 2028))) - \
    set(holidays.country_holidays("DE", years=range(2024, 2028)))
HORIZON = timedelta(days=engine.UNTIL_HORIZON_DAYS)


def _instants():
    for first, days in WINDOWS:
        wall = datetime.combine(first, datetime.min.time())
        for _ in range(days * 16):  # every 90 minutes
            wall += timedelta(minutes=90)
            aware = wall.replace(tzinfo=BERLIN)
            if aware.astimezone(ZoneInfo("UTC")).astimezone(BERLIN).replace(tzinfo=None) != wall:
                continue  # (in the hour the clocks skip)
            yield wall


@pytest.mark.parametrize(("text", "oracle_text"), QUOTED)
def test_each_quoted_value_validates_and_answers_as_the_reference(text, oracle_text):
    schedule, warnings = analyse(text)
    assert not [w for w in warnings if "standard form" in str(w)]
    oracle = opening_hours.OpeningHours(oracle_text, country="DE",
                                        max_interval_days=HORIZON.days + 7)
    compared = 0
    for wall in _instants():
        if any(wall.date() - timedelta(days=1) <= d <= wall.date() + HORIZON
               for d in HESSEN_ONLY):
            continue  # (the oracle knows Germany's holidays, not Hessen's Fronleichnam)
        ours = engine.status(schedule, CAL, wall.replace(tzinfo=BERLIN))
        state, comment = oracle.state(wall)
        assert (ours.state.value, ours.comment or "") == (str(state), comment), (text, wall)
        change = _next_change_of_state(oracle, wall)
        if change is not None and change - wall <= HORIZON - timedelta(days=1):
            assert ours.until is not None, (text, wall, change)
            assert ours.until.replace(tzinfo=None) == change, (text, wall)
        compared += 1
    assert compared > 800


def _next_change_of_state(oracle: opening_hours.OpeningHours, wall: datetime
                          ) -> datetime | None:
    """The oracle's next change at which the state changes: its `next_change` also stops
    where only the comment changes, which does not end `until` (README)."""
    state = oracle.state(wall)[0]
    change = oracle.next_change(wall)
    while change is not None and oracle.state(change)[0] == state \
            and change - wall <= HORIZON:
        change = oracle.next_change(change)
    return change


@pytest.mark.parametrize("text", [t for t, _ in QUOTED] + [
    "Mo-Fr 08:00-12:00; PH -1 day Mo-We off", "PH +1 day,PH -1 day Mo,Fr 10:00-12:00",
    "week 52-52/2 Mo 10:00-12:00"])
def test_the_osm_export_reads_back_to_the_same_days(text):
    original, again = parse(text), parse(to_osm(parse(text)))
    day = date(2024, 12, 1)
    for _ in range(800):
        assert segments_on(again, ALWAYS, CAL, day) == segments_on(original, ALWAYS, CAL, day)
        day += timedelta(days=1)


def test_dated_rules_warn_nothing_and_are_not_bent_by_the_lenient_reading():
    for text in ("Mo-Fr 08:00-16:00; Dec 24,Dec 31 off", "Mo-Fr 08:00-12:00; Sa[1-2] 10:00-12:00",
                 "week 1-53/2 Mo 10:00-12:00", "Dec 24-26 off"):
        assert analyse(text)[1] == (), text
        assert standard(text) == text
    assert standard("week 1-10 Mo 8-12") == "week 1-10 Mo 08:00-12:00"
    assert standard("Dec 24 8-12") == "Dec 24 08:00-12:00"  # (after the day: hours)
    assert standard("Sa[1-2] 8-12") == "Sa[1-2] 08:00-12:00"


DATED_DATA = DATA_HEAD + """\
offices:
  - id: "testamt"
    name: "Testamt"
    source: "s"
    channels:
      - kind: "phone"
        hours: 'Mo-Fr 09:00-15:00; Dec 24,Dec 31 off "Heiligabend und Silvester"'
      - kind: "visit"
        hours: "Mo-Fr 08:00-12:00; Sa[1] 10:00-12:00"
"""


@pytest.fixture
def dated_data(tmp_path):
    path = tmp_path / "amt.yaml"
    path.write_text(DATED_DATA, encoding="utf-8")
    return str(path)


def test_now_shows_the_closure_with_its_reason_cached_or_not(dated_data):
    # 24 December 2026 is a Thursday: the phone would be open at 10:00 on any other one
    args = ["--data", dated_data, "--at", "2026-12-24T10:00", "--lang", "en"]
    outputs = [run_cli([*args, "office", "testamt", "--json"]).out for _ in range(3)]
    assert outputs[0] == outputs[1] == outputs[2]  # built, then read from the cache
    channels = {c["channel"]: c for c in json.loads(outputs[0])["channels"]}
    assert channels["phone"]["state"] == "closed"
    assert channels["phone"]["comment"] == "Heiligabend und Silvester"
    assert channels["phone"]["next_open"].startswith("2026-12-28T09:00")  # after Christmas
    now = [run_cli([*args, "now", "--json"]).out for _ in range(2)]
    assert now[0] == now[1]
    kinds = [row["channel"] for row in json.loads(now[0])]
    assert kinds == ["visit"]
    sat = json.loads(run_cli(["--data", dated_data, "--at", "2027-01-02T11:00", "now",
                              "--json"]).out)  # the first Saturday of 2027
    assert [row["channel"] for row in sat] == ["visit"]


def test_week_marks_a_closure_like_a_holiday_with_its_reason(dated_data):
    result = run_cli(["--data", dated_data, "--at", "2026-12-24T10:00", "--lang", "en",
                      "week", "testamt", "--json"])
    rows = {r["channel"]: r for r in json.loads(result.out)["channels"]}
    assert rows["phone"]["closures"] == [{"date": "2026-12-24",
                                          "reason": "Heiligabend und Silvester"}]
    assert rows["visit"]["closures"] == []
    assert not [w for w in rows["phone"]["windows"] if w["start"].startswith("2026-12-24")]


def test_jsonld_spells_out_the_days_rules_by_date_change(dated_data):
    doc = json.loads(run_cli(["--data", dated_data, "--at", "2026-12-20T10:00", "export",
                              "--format", "jsonld"]).out)
    points = doc["@graph"][0]["contactPoint"]
    specs = [s for p in points for s in p.get("hoursAvailable", ()) if "validFrom" in s]
    closed = {(s["validFrom"], s["validThrough"]) for s in specs
              if s["opens"] == s["closes"] == "00:00"}
    assert closed == {("2026-12-24", "2026-12-24"), ("2026-12-31", "2026-12-31")}
    first_saturdays = {s["validFrom"] for s in specs if s["opens"] == "10:00"}
    hessen = holidays.country_holidays("DE", subdiv="HE", years=2027)
    expected = set()
    for month in range(1, 13):  # the first Saturdays within a year, but 1 May 2027 (a holiday)
        first = date(2027, month, 1)
        saturday = first + timedelta(days=(5 - first.weekday()) % 7)
        if saturday not in hessen and saturday < date(2027, 12, 20):
            expected.add(saturday.isoformat())
    assert date(2027, 5, 1) in hessen
    assert first_saturdays == expected


SCHOOL_DATA = DATA_HEAD + """\
school_holidays:
  source: "s"
  ranges:
    - {name: "Osterferien", from: "2026-03-30", until: "2026-04-10"}
    - {name: "Sommerferien", from: "2026-06-29", until: "2026-08-07"}
offices:
  - id: "bad"
    name: "Hallenbad"
    source: "s"
    channels:
      - kind: "visit"
        hours: "Mo-Fr 14:00-18:00; SH Mo-Fr 09:00-18:00; SH Sa 10:00-12:00 open \\"Ferien\\""
      - kind: "phone"
        hours: "SH,Sa 10:00-12:00"
"""


def test_sh_means_the_school_holidays_the_data_gives(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(SCHOOL_DATA, encoding="utf-8")

    def channel(at: str, kind: str = "visit") -> dict:
        out = run_cli(["--data", str(path), "--at", at, "office", "bad", "--json"]).out
        return next(c for c in json.loads(out)["channels"] if c["channel"] == kind)

    # Wednesdays in term time, in the Easter holidays (after Easter Monday), in summer
    assert channel("2026-03-25T10:00")["state"] == "closed"
    assert channel("2026-04-08T10:00")["state"] == "open"
    assert channel("2026-07-15T17:00")["until"].startswith("2026-07-15T18:00")
    assert channel("2026-08-12T10:00")["state"] == "closed"  # (after the last day)
    # `SH Sa`: Saturdays in the holidays only; `SH,Sa`: any day of them, and any Saturday
    assert channel("2026-04-04T11:00")["comment"] == "Ferien"
    assert channel("2026-03-28T11:00")["state"] == "closed"
    assert channel("2026-03-28T11:00", "phone")["state"] == "open"
    assert channel("2026-04-08T11:00", "phone")["state"] == "open"
    assert channel("2026-03-25T11:00", "phone")["state"] == "closed"
    # the table `now --json` keeps in the store knows them too
    now = [run_cli(["--data", str(path), "--at", "2026-04-08T11:00", "now", "--json"]).out
           for _ in range(2)]
    assert now[0] == now[1]
    assert {row["channel"] for row in json.loads(now[1])} == {"visit", "phone"}


def test_sh_without_the_school_holidays_is_an_error_naming_the_value(tmp_path):
    path = tmp_path / "bad.yaml"
    text = SCHOOL_DATA.replace("school_holidays:", "x_unused:").split("offices:")[1]
    path.write_text(DATA_HEAD + "offices:" + text, encoding="utf-8")
    result = run_cli(["--data", str(path), "--lang", "en", "validate"])
    assert result.code != 0
    assert "SH (school holidays) needs the school holidays of the region" in result.out
    assert f"{path}:14:36: error" in result.out  # (at the SH it asks with)


def test_ics_says_a_closure_all_day_and_has_no_window_on_it(dated_data):
    from test_ics import read_back

    result = run_cli(["--data", dated_data, "--lang", "en", "ics", "--from", "2026-12-21",
                      "--weeks", "2"])
    assert result.code == 0, result.err
    events = read_back(result.out)  # (as vobject reads it)
    closed = sorted(start for summary, start, _end in events if "closed" in summary)
    assert closed == [date(2026, 12, 24), date(2026, 12, 31)]  # (dates: all day)
    assert all("Heiligabend und Silvester" in summary for summary, _s, _e in events
               if "closed" in summary)
    phone_days = {start.date() for summary, start, _end in events
                  if "Phone" in summary and "closed" not in summary}
    # Monday to Wednesday and the Monday to Wednesday after; Christmas and New Year are
    # holidays, the 24th and 31st closed by the rule
    assert phone_days == {date(2026, 12, d) for d in (21, 22, 23, 28, 29, 30)}


def test_sh_exports_and_reads_back_with_its_school_holidays(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(SCHOOL_DATA, encoding="utf-8")
    osm = run_cli(["--data", str(path), "export", "--format", "osm"]).out
    assert "SH Sa 10:00-12:00" in osm and "SH,Sa 10:00-12:00" in osm.replace("Sa,SH", "SH,Sa")
    again = tmp_path / "again.yaml"
    again.write_text(run_cli(["--data", str(path), "export", "--format", "yaml"]).out,
                     encoding="utf-8")
    assert run_cli(["--data", str(again), "export", "--format", "osm"]).out == osm
    for at in ("2026-03-25T11:00", "2026-04-04T11:00", "2026-04-08T11:00", "2026-07-15T17:00"):
        answers = [[(c["channel"], c["state"], c["until"], c["next_open"], c["comment"])
                    for c in json.loads(run_cli(["--data", str(p), "--at", at, "office", "bad",
                                                 "--json"]).out)["channels"]]
                   for p in (path, again)]
        assert answers[0] == answers[1], at


def test_a_closure_by_school_holidays_or_beside_a_holiday_is_marked_too(tmp_path):
    path = tmp_path / "amt.yaml"
    path.write_text(SCHOOL_DATA.replace(
        'hours: "Mo-Fr 14:00-18:00; SH Mo-Fr 09:00-18:00; SH Sa 10:00-12:00 open \\"Ferien\\""',
        'hours: "Mo-Fr 14:00-18:00; SH off \\"Ferien\\"; PH +1 day off \\"Brueckentag\\""'),
        encoding="utf-8")
    week = json.loads(run_cli(["--data", str(path), "--at", "2026-03-30T10:00", "week", "bad",
                               "--json"]).out)
    visit = next(r for r in week["channels"] if r["channel"] == "visit")
    # the Easter holidays from Monday 30 March, Good Friday (3 April) among them; Holy
    # Saturday is the day after a public holiday, and that later rule gives the reason
    assert {c["date"]: c["reason"] for c in visit["closures"]} == {
        "2026-03-30": "Ferien", "2026-03-31": "Ferien", "2026-04-01": "Ferien",
        "2026-04-02": "Ferien", "2026-04-03": "Ferien", "2026-04-04": "Brueckentag",
        "2026-04-05": "Ferien"}


NO_HOLIDAYS = Calendar("Europe/Berlin", "DE-HE", tables=lambda _r, _l, _y: {})


def open_days(text: str, year: int) -> list[str]:
    """The days of `year` on which a value is open, as `MM-DD`."""
    start = datetime(year, 1, 1, tzinfo=BERLIN)
    found = engine.windows(parse(text), NO_HOLIDAYS, start, start.replace(year=year + 1))
    days: list[str] = []
    for window in found:
        day = window.start
        while day < window.end:
            days.append(f"{day:%m-%d}")
            day += timedelta(days=1)
    return days


# opening_hours.js's own suite (test/test.js, "Periodical monthdays" and "Month ranges",
# see tests/data/opening_hours_js/README.md) gives these days for 2012
@pytest.mark.parametrize(("text", "days"), [
    ("Jan 01-31/8", ["01-01", "01-09", "01-17", "01-25"]),
    ("Jan 10-31/7", ["01-10", "01-17", "01-24", "01-31"]),
    ("2012 Jan 01-31/8: 00:00-24:00", ["01-01", "01-09", "01-17", "01-25"]),
    ("Jan 01,Dec 24,25", ["01-01", "12-24", "12-25"]),
    ("Jan 01,Dec 11,15-17,19-23/2,24,25",
     ["01-01", "12-11", "12-15", "12-16", "12-17", "12-19", "12-21", "12-23", "12-24",
      "12-25"]),
])
def test_days_of_a_month_with_a_step_or_after_a_comma_are_the_reference_s(text, days):
    assert open_days(text, 2012) == days


def test_a_comma_then_times_still_begins_an_additional_rule():
    assert open_days("Dec 24, 10:00-12:00", 2012)[:2] == ["01-01", "01-02"]


# the same suite ("Monthday ranges with constrained weekday", "... (#632)"): the nth weekday
# of a month, with an offset too, as the start or the end of a date range; both ends count
@pytest.mark.parametrize(("text", "year", "first", "last"), [
    ("Jan Su[2]-Jan 15", 2013, "01-13", "01-15"),
    ("Jan 20-Jan Su[-1]", 2013, "01-20", "01-27"),
    ("Jan Su[1] +2 days-Jan Su[3] -2 days", 2012, "01-03", "01-13"),
    ("Nov Su[-1]-Dec Su[1] -1 day", 2014, "11-30", "12-06"),
    ("Mar Su[-1]-Oct Su[-1] -1 day open", 2012, "03-25", "10-27"),
    ("Aug 02-Aug Mo[1]", 2026, "08-02", "08-03"),
])
def test_an_nth_weekday_begins_or_ends_a_date_range(text, year, first, last):
    days = open_days(text, year)
    assert (days[0], days[-1]) == (first, last)
    assert len(days) == len(set(days))  # one stretch, no gaps


def test_an_nth_weekday_range_runs_over_the_new_year():
    # Dec Su[-1] 2012 is 30 December, four days later 3 January 2013 (the suite's case)
    days = open_days("Dec 20-Dec Su[-1] +4 days", 2013)
    assert days[:3] == ["01-01", "01-02", "01-03"] and "01-04" not in days


@pytest.mark.parametrize("text", ["Jan Su[2]-Jan 15", "Dec 20-Dec Su[-1] +4 days"])
def test_an_nth_weekday_range_exports_and_reads_back(text):
    assert parse(to_osm(parse(text))).days == parse(text).days
    assert open_days(to_osm(parse(text)), 2013) == open_days(text, 2013)


def test_a_month_then_an_nth_weekday_without_a_range_is_still_a_weekday_selector():
    assert open_days("Dec Su[-1] 10:00-12:00", 2012) == ["12-30"]


def test_a_year_with_a_step_is_every_nth_year_from_it_on():
    # the suite's "Full day (with year)": `2013/10` is 2013, 2023, ... (and reads back)
    text = "2013/10 Dec 31; 2014/10 Jan 05"
    assert [open_days(text, year) for year in (2013, 2014, 2023, 2024, 2025)] == [
        ["12-31"], ["01-05"], ["12-31"], ["01-05"], []]
    assert open_days(to_osm(parse(text)), 2033) == ["12-31"]
    assert to_osm(parse(text)).startswith("2013/10 Dec 31")


# test.js:3823 ("Month ranges", its warning "2 not connected months in one rule"): a month
# range and a monthday range side by side both hold, 9 to 15 January 2012 open
@pytest.mark.parametrize("text", ["Jan-Feb Jan 09-15", "Jan-Feb Jan 09-Jan 15",
                                  "Jan-Feb Jan 09-15 00:00-24:00"])
def test_two_monthday_selectors_side_by_side_both_hold(text):
    assert open_days(text, 2012) == [f"01-{d:02d}" for d in range(9, 16)]
    assert analyse(text)[1] == ()  # (the standard form: no correction to offer)


def test_two_monthday_selectors_export_and_read_back():
    text = "Jan-Feb Jan 09-15 10:00-12:00"
    assert open_days(to_osm(parse(text)), 2012) == open_days(text, 2012)
