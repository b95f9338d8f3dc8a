"""`erreichbar ics`: the open windows as an iCalendar file, read back with `icalendar`.

Expected values come from the city's texts in shared/sources and a calendar, and every
event is compared with the engine's open windows for the same range:

- "Die Leistungssachbearbeitung ist montags bis freitags von 10 bis 11 Uhr telefonisch
  direkt erreichbar."
- "Das Sozialamt ist montags bis freitags zwischen 9 und 15 Uhr telefonisch unter
  069 8065-3584 oder -2686 ... erreichbar."
- "Weiterhin ist das Ausländeramt telefonisch montags bis freitags über die Telefonnummer
  069 115 erreichbar."
- Offices close on Hessen's public holidays: Karfreitag 2024-03-29, Ostermontag 2024-04-01,
  Fronleichnam 2024-05-30. Summer time begins 2024-03-31 at 02:00: 10:00 in Offenbach is
  09:00 UTC before and 08:00 UTC after.
- 24 and 31 December (the data's `special_days:`, TVöD § 6 Abs. 3): the phone lines and
  visits of every office, not the 115 line, are unknown where they would be open: no event.
  Both are Tuesdays in 2024; 25 and 26 December 2024 and 1 January 2025 are holidays.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject

from erreichbar.data.loader import bundled_path, load
from erreichbar.hours import engine
from helpers import BERLIN, TEST_SOURCE_HEAD, cli

KIND_DE = {"phone": "Telefon", "visit": "Vorsprache"}
HOLIDAYS = (date(2024, 3, 29), date(2024, 4, 1), date(2024, 5, 30))

LEISTUNG = "Kommunales Jobcenter MainArbeit – Leistungssachbearbeitung – Telefon"


def ics(*args: str) -> tuple[str, icalendar.Calendar]:
    run = cli("ics", *args)
    assert run.code == 0, run.err
    assert run.err == "", run.err
    return run.out, icalendar.Calendar.from_ical(run.out)


def events(cal: icalendar.Calendar) -> list[Any]:
    return list(cal.walk("VEVENT"))


def span(event: Any) -> tuple[datetime, datetime]:
    return event["DTSTART"].dt, event["DTEND"].dt


def wall(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


def summary_of(office, channel) -> str:
    unit = office.unit(channel.unit) if channel.unit else None
    name = f"{office.name} – {unit.name}" if unit else office.name
    return f"{name} – {KIND_DE[channel.kind]}"


def engine_windows(dataset, cal, first: date, weeks: int) -> dict[str, list]:
    """The engine's open windows of every phone and visit channel, keyed by SUMMARY."""
    start, end = cal.at(first, 0), cal.at(first + timedelta(weeks=weeks), 0)
    out = {}
    for office in dataset.offices:
        for ch in office.channels:
            if ch.kind in KIND_DE:
                out[summary_of(office, ch)] = [
                    (w.start, w.end)
                    for w in engine.windows(ch.hours, cal, start, end, ch.validity)]
    return out


def by_summary(cal: icalendar.Calendar) -> dict[str, list[tuple[datetime, datetime]]]:
    out: dict[str, list[tuple[datetime, datetime]]] = {}
    for ev in events(cal):
        out.setdefault(str(ev["SUMMARY"]), []).append(span(ev))
    return {k: sorted(v) for k, v in out.items()}


# --- window for window --------------------------------------------------------------------


@pytest.mark.parametrize(("first", "weeks"), [
    (date(2024, 3, 25), 3),  # Karfreitag, Ostermontag, summer time
    (date(2024, 5, 27), 1),  # Fronleichnam
    (date(2024, 10, 21), 2),  # winter time again
    (date(2024, 12, 23), 2),  # Heiligabend, Weihnachten, Silvester, Neujahr
])
def test_every_event_is_an_engine_window(dataset, cal, first: date, weeks: int) -> None:
    _, parsed = ics("--from", first.isoformat(), "--weeks", str(weeks))
    expected = engine_windows(dataset, cal, first, weeks)
    got = by_summary(parsed)
    # channels with open windows have exactly those windows; unknown ones have no events
    assert got == {k: v for k, v in expected.items() if v}
    for ev in events(parsed):
        start, end = span(ev)
        assert start.tzinfo is not None and end.tzinfo is not None
        assert first <= start.astimezone(BERLIN).date() < first + timedelta(weeks=weeks)
        assert start.astimezone(BERLIN).date() not in HOLIDAYS, ev["SUMMARY"]
        assert ev["DTSTART"].params.get("TZID") == "Europe/Berlin"
        assert ev["DTEND"].params.get("TZID") == "Europe/Berlin"
        assert "DTSTAMP" in ev
    # every start is Offenbach's wall-clock time with the zone the file itself defines
    zones = {str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")}
    assert zones == {"Europe/Berlin"}
    tzids = [ev["DTSTART"].params.get("TZID") for ev in events(parsed)]
    assert tzids.count("Europe/Berlin") == len(events(parsed)) > 0


def test_leistungssachbearbeitung_three_weeks_from_the_text(dataset, cal) -> None:
    _, parsed = ics("leistungssachbearbeitung", "--from", "2024-03-25", "--weeks", "3")
    days = [date(2024, 3, 25) + timedelta(days=n) for n in range(21)]
    want = [(wall(d, 10), wall(d, 11)) for d in days if d.weekday() < 5 and d not in HOLIDAYS]
    assert len(want) == 4 + 4 + 5
    assert sorted(span(ev) for ev in events(parsed)) == want
    assert {str(ev["SUMMARY"]) for ev in events(parsed)} == {LEISTUNG}
    # the same as the engine's windows
    assert sorted(span(ev) for ev in events(parsed)) == engine_windows(
        dataset, cal, date(2024, 3, 25), 3)[LEISTUNG]


def test_across_the_spring_clock_change() -> None:
    _, parsed = ics("leistungssachbearbeitung", "--from", "2024-03-25", "--weeks", "2")
    starts = sorted(span(ev)[0] for ev in events(parsed))
    assert [s.date() for s in starts] == [date(2024, 3, d) for d in (25, 26, 27, 28)] + [
        date(2024, 4, d) for d in (2, 3, 4, 5)]
    for start in starts:
        assert (start.hour, start.minute) == (10, 0)  # local wall-clock time
        utc = start.astimezone(UTC)
        assert utc.hour == (9 if start.date() < date(2024, 3, 31) else 8), start
        assert start.utcoffset() == timedelta(hours=1 if start.date() < date(2024, 3, 31)
                                              else 2)


def test_on_24_and_31_december_only_the_115_lines_have_events() -> None:
    """From Monday 23.12.2024 for two weeks: the Ausländeramt and the Bürgerbüro are
    reached through the 115 (Mo-Fr 8-18), whose hours those days do not change; every other
    phone and visit is unknown then (staff "am 24.12. und am 31.12. ... freigestellt"), so no
    event. On the holidays (25./26.12., 01.01.) nothing; on the other working days the
    Sozialamt's phone 9-15 as ever."""
    _, parsed = ics("--from", "2024-12-23", "--weeks", "2")
    by_day: dict[date, set[str]] = {}
    for ev in events(parsed):
        by_day.setdefault(span(ev)[0].astimezone(BERLIN).date(), set()).add(str(ev["SUMMARY"]))
    for day in (date(2024, 12, 24), date(2024, 12, 31)):
        assert by_day[day] == {"Ausländeramt – Telefon", "Bürgerbüro – Telefon"}, day
        for ev in events(parsed):
            if span(ev)[0].date() == day:
                assert span(ev) == (wall(day, 8), wall(day, 18)), ev["SUMMARY"]
    assert not set(by_day) & {date(2024, 12, 25), date(2024, 12, 26), date(2025, 1, 1)}
    for day in (date(2024, 12, 23), date(2024, 12, 27), date(2024, 12, 30), date(2025, 1, 2)):
        assert "Sozialamt – Telefon" in by_day[day], day
        sozial = [span(ev) for ev in events(parsed) if str(ev["SUMMARY"]) == "Sozialamt – Telefon"
                  and span(ev)[0].date() == day]
        assert sozial == [(wall(day, 9), wall(day, 15))], day


def test_no_events_on_holidays_for_weekday_channels() -> None:
    for first, weeks, holidays in (("2024-03-25", 2, HOLIDAYS[:2]),
                                   ("2024-05-27", 1, HOLIDAYS[2:])):
        _, parsed = ics("--from", first, "--weeks", str(weeks))
        days = {span(ev)[0].astimezone(BERLIN).date() for ev in events(parsed)}
        assert not days & set(holidays), days
        # the ordinary weekdays around them do have events
        assert len(days) == weeks * 5 - len(holidays)


# --- the file -------------------------------------------------------------------------------


def test_timezone_stamp_and_summaries() -> None:
    _, parsed = ics("--from", "2024-03-25", "--weeks", "1")
    zones = [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")]
    assert zones == ["Europe/Berlin"]
    assert str(parsed["VERSION"]) == "2.0"
    assert parsed.get("PRODID")
    for ev in events(parsed):
        stamp = ev["DTSTAMP"].dt
        assert stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0)
    # the zone's rules as the file states them: CET, +01:00, in winter and CEST, +02:00,
    # in summer; summer time 2024 from 31 March 02:00 to 27 October 03:00
    (zone,) = parsed.walk("VTIMEZONE")
    offsets = {(part.name, part["TZOFFSETTO"].td) for part in zone.subcomponents}
    assert offsets >= {("STANDARD", timedelta(hours=1)), ("DAYLIGHT", timedelta(hours=2))}
    rules = zone.to_tz(lookup_tzid=False)  # from the file's rules, not from a database
    for wall_clock, offset in ((datetime(2024, 3, 31, 1, 59), 1),
                               (datetime(2024, 3, 31, 3, 0), 2),
                               (datetime(2024, 10, 27, 1, 59), 2),
                               (datetime(2024, 10, 27, 3, 0), 1)):
        assert wall_clock.replace(tzinfo=rules).utcoffset() == timedelta(hours=offset)
    summaries = {str(ev["SUMMARY"]) for ev in events(parsed)}
    assert "Sozialamt – Telefon" in summaries
    assert "Kommunales Jobcenter MainArbeit – Vorsprache" in summaries
    assert "Kommunales Jobcenter MainArbeit – Telefonzentrale – Telefon" in summaries
    # channels without published times are not calendar events
    assert "Sozialamt – Vorsprache" not in summaries
    assert "Wohnungsamt – Geschäftszimmer – Telefon" not in summaries


def test_phone_numbers_in_location_and_description() -> None:
    _, parsed = ics("--from", "2024-03-25", "--weeks", "1")
    sozial = [ev for ev in events(parsed) if str(ev["SUMMARY"]) == "Sozialamt – Telefon"]
    assert len(sozial) == 4  # Mo-Do; Friday is Karfreitag
    for ev in sozial:
        for number in ("069 8065-3584", "069 8065-2686"):
            assert number in str(ev["LOCATION"])
            assert number in str(ev["DESCRIPTION"])
    auslaender = [ev for ev in events(parsed) if str(ev["SUMMARY"]) == "Ausländeramt – Telefon"]
    assert auslaender
    for ev in auslaender:
        assert "069 115" in str(ev["LOCATION"])
        assert "069 115" in str(ev["DESCRIPTION"])
        assert span(ev) == (wall(span(ev)[0].date(), 8), wall(span(ev)[0].date(), 18))


def test_uids_unique_within_a_file_and_stable_between_runs() -> None:
    _, first = ics("--from", "2024-03-25", "--weeks", "3")
    _, second = ics("--from", "2024-03-25", "--weeks", "3")

    def uids(cal: icalendar.Calendar) -> dict[str, tuple]:
        return {str(ev["UID"]): (str(ev["SUMMARY"]), *span(ev)) for ev in events(cal)}

    a, b = uids(first), uids(second)
    assert len(a) == len(events(first))  # unique
    assert a == b  # the same window has the same UID in every run
    # an overlapping range gives the shared windows the same UIDs
    _, later = ics("--from", "2024-04-01", "--weeks", "1")
    c = uids(later)
    assert c and set(c) <= set(a)
    for uid, value in c.items():
        assert a[uid] == value


def test_notes_in_the_description_are_those_in_force() -> None:
    """The MainArbeit note "Ab April: Neukundinnen und Neukunden erhalten ... einen Termin"
    is valid from 2024-04-01: it belongs on an April visit, not on one in March."""
    _, parsed = ics("mainarbeit", "--channel", "visit", "--from", "2024-03-25", "--weeks", "2")
    marker = "Neukundinnen und Neukunden"
    for ev in events(parsed):
        day = span(ev)[0].date()
        description = str(ev["DESCRIPTION"])
        assert (marker in description) == (day >= date(2024, 4, 1)), (day, description)


def test_appointment_rule_in_words() -> None:
    """"Vorsprachen erfolgen nach vorheriger Terminvereinbarung": the description says so in
    the words the terminal uses (README: `nur mit Termin`), not the data's code `required`."""
    _, parsed = ics("mainarbeit", "--channel", "visit", "--from", "2024-03-04", "--weeks", "1")
    assert len(events(parsed)) == 5
    for ev in events(parsed):
        description = str(ev["DESCRIPTION"])
        assert "nur mit Termin" in description, description
        assert "required" not in description, description


# --- validity dates -----------------------------------------------------------------------

VALIDITY_DATA = TEST_SOURCE_HEAD + """\
offices:
  - id: "befristet"
    name: "Befristetes Amt"
    source: "test"
    channels:
      - kind: "phone"
        hours: "Mo-Fr 09:00-10:00"
        valid_from: "2024-03-13"
        valid_until: "2024-03-20"
        contacts:
          - phone: "069 8065-0"
"""


def test_validity_dates_are_respected(tmp_path: Path, cal) -> None:
    data = tmp_path / "befristet.yaml"
    data.write_text(VALIDITY_DATA, encoding="utf-8")
    _, parsed = ics("--data", str(data), "--from", "2024-03-11", "--weeks", "2")
    # valid from Wednesday 13.03. to Wednesday 20.03. inclusive
    want = [(wall(date(2024, 3, d), 9), wall(date(2024, 3, d), 10))
            for d in (13, 14, 15, 18, 19, 20)]
    assert sorted(span(ev) for ev in events(parsed)) == want
    ds, _ = load([str(data)])
    assert by_summary(parsed) == {"Befristetes Amt – Telefon": want} == {
        k: v for k, v in engine_windows(ds, cal, date(2024, 3, 11), 2).items()}
    for ev in events(parsed):
        assert "069 8065-0" in str(ev["LOCATION"])


TWO_LINES_DATA = TEST_SOURCE_HEAD + """\
offices:
  - id: "zweiamt"
    name: "Zweiamt"
    source: "test"
    channels:
      - kind: "phone"
        hours: "Mo-Fr 09:00-10:00"
        contacts:
          - phone: "069 8065-1"
      - kind: "phone"
        hours: "Mo-Fr 09:00-12:00"
        contacts:
          - phone: "069 8065-2"
"""


def test_uids_unique_for_two_channels_of_one_kind(tmp_path: Path) -> None:
    """Two phone lines of one office (a valid file: `validate` finds nothing) open at the
    same time are two events, and a calendar must not merge them: two UIDs."""
    data = tmp_path / "zwei.yaml"
    data.write_text(TWO_LINES_DATA, encoding="utf-8")
    check = cli("validate", str(data))
    assert check.code == 0, check.out
    _, parsed = ics("--data", str(data), "--from", "2024-03-04", "--weeks", "1")
    assert len(events(parsed)) == 10
    uids = [str(ev["UID"]) for ev in events(parsed)]
    assert len(set(uids)) == len(uids), sorted(uids)


# --- where the calendar starts ---------------------------------------------------------------

DAILY_DATA = TEST_SOURCE_HEAD + """\
offices:
  - id: "taeglich"
    name: "Täglich"
    source: "test"
    channels:
      - kind: "phone"
        hours: "Mo-Su 09:00-10:00"
        contacts:
          - phone: "069 8065-0"
"""


def daily(tmp_path: Path) -> str:
    data = tmp_path / "taeglich.yaml"
    data.write_text(DAILY_DATA, encoding="utf-8")
    return str(data)


def event_days(parsed: icalendar.Calendar) -> list[date]:
    return sorted(span(ev)[0].astimezone(BERLIN).date() for ev in events(parsed))


def test_without_from_it_starts_today_not_on_monday(tmp_path: Path, cal) -> None:
    """Without --from the calendar begins on WHEN's day, today (whatever weekday it is),
    at 00:00, and runs --weeks weeks from there: a window every day but on public holidays
    (offices close on them), none before today."""
    for _attempt in range(2):  # (once more if midnight passed during the run)
        before = datetime.now(BERLIN).date()
        _, parsed = ics("--data", daily(tmp_path), "--weeks", "2")
        today = datetime.now(BERLIN).date()
        if today == before:
            break
    days = [today + timedelta(days=n) for n in range(14)]
    assert event_days(parsed) == [d for d in days if not cal.holiday(d)]


@pytest.mark.parametrize(("first", "weeks", "want"), [
    # Sunday 10.03.2024: that Sunday to Saturday 16.03.
    ("2024-03-10", 1, [date(2024, 3, d) for d in range(10, 17)]),
    # Thursday 28.03.2024 for two weeks, to Wednesday 10.04.: not Karfreitag (29.03.) nor
    # Ostermontag (01.04.)
    ("2024-03-28", 2, [date(2024, 3, d) for d in (28, 30, 31)]
     + [date(2024, 4, d) for d in range(2, 11)]),
])
def test_from_sets_the_first_day_whatever_its_weekday(tmp_path: Path, first: str, weeks: int,
                                                      want: list[date]) -> None:
    _, parsed = ics("--data", daily(tmp_path), "--from", first, "--weeks", str(weeks))
    assert event_days(parsed) == want


def test_from_a_wednesday_for_the_leistungssachbearbeitung() -> None:
    """"montags bis freitags von 10 bis 11 Uhr", from Wednesday 13.03.2024 for two weeks:
    to Tuesday 26.03. (Karfreitag, 29.03., is after it)."""
    _, parsed = ics("leistungssachbearbeitung", "--from", "2024-03-13", "--weeks", "2")
    assert event_days(parsed) == [date(2024, 3, d) for d in (13, 14, 15, 18, 19, 20, 21, 22,
                                                              25, 26)]


# --- options and output -------------------------------------------------------------------


@pytest.mark.parametrize("weeks", ["0", "105", "x"])
def test_bad_weeks_is_a_usage_error(weeks: str) -> None:
    run = cli("ics", "--from", "2024-03-25", "--weeks", weeks)
    assert run.code == 2
    assert run.out == ""


def test_output_file_and_data_file_protection(tmp_path: Path) -> None:
    out = tmp_path / "telefon.ics"
    run = cli("ics", "sozialamt", "--from", "2024-03-04", "--weeks", "1", "-o", str(out))
    assert run.code == 0 and run.out == "", run.err
    parsed = icalendar.Calendar.from_ical(out.read_text(encoding="utf-8"))
    assert len(events(parsed)) == 5
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".erreichbar-")]

    data = tmp_path / "offices.yaml"
    data.write_bytes(Path(bundled_path()).read_bytes())
    before = data.read_bytes()
    run = cli("ics", "--data", str(data), "--from", "2024-03-04", "-o", str(data))
    assert run.code == 2, run.err
    assert len(run.err.strip().splitlines()) == 1
    assert data.read_bytes() == before


# --- the zone, read back by an independent reader -------------------------------------------
#
# vobject builds each event's zone from the file's own VTIMEZONE (through dateutil's tzical,
# not icalendar), as a calendar program does; the instants it gives must be those zoneinfo
# gives for the same wall-clock times. Summer time in the EU: from the last Sunday of March
# to the last Sunday of October, 01:00 UTC both (Directive 2000/84/EC).


def read_back(text: str) -> list[tuple[str, datetime, datetime]]:
    """SUMMARY, DTSTART and DTEND of each event, as vobject reads the file."""
    # vobject keeps the first VTIMEZONE it reads under its TZID for the whole process and
    # reads every later file's times by that one: each file is read by its own
    getattr(vobject.icalendar, "__tzidMap").pop("Europe/Berlin", None)
    parsed = vobject.readOne(text)
    out = []
    for ev in parsed.vevent_list:
        start, end = ev.dtstart.value, ev.dtend.value
        for value in (start, end):
            if not isinstance(value, datetime):
                continue  # (an all-day event: a date)
            # the zone made from the file, not one looked up by its name
            assert type(value.tzinfo).__module__.startswith("dateutil"), value.tzinfo
        out.append((ev.summary.value, start, end))
    return out


def utc(day: date, hour: int) -> datetime:
    """Wall-clock HOUR of DAY in Offenbach as a UTC instant, by zoneinfo."""
    return datetime.combine(day, time(hour), tzinfo=BERLIN).astimezone(UTC)


def test_the_zone_is_one_standard_and_one_daylight_rule() -> None:
    text, parsed = ics("leistungssachbearbeitung", "--from", "2024-03-25", "--weeks", "1")
    (zone,) = parsed.walk("VTIMEZONE")
    parts = {part.name: part for part in zone.subcomponents}
    assert sorted(parts) == ["DAYLIGHT", "STANDARD"] and len(zone.subcomponents) == 2
    assert "RDATE" not in text
    for name, month, before, after in (("DAYLIGHT", 3, 1, 2), ("STANDARD", 10, 2, 1)):
        part = parts[name]
        rule = part["RRULE"]
        assert rule["FREQ"] == ["YEARLY"] and rule["BYMONTH"] == [month]
        assert [str(d) for d in rule["BYDAY"]] == ["-1SU"]  # the last Sunday
        assert (part["TZOFFSETFROM"].td, part["TZOFFSETTO"].td) == (
            timedelta(hours=before), timedelta(hours=after))
        # the change at 01:00 UTC, written as the wall-clock time before it
        onset = part["DTSTART"].dt
        assert onset.tzinfo is None
        assert onset - timedelta(hours=before) == datetime(onset.year, month, onset.day, 1)
        assert onset.weekday() == 6 and (onset + timedelta(days=7)).month != month


@pytest.mark.parametrize("first", ["2024-01-01", "2037-01-05"])
def test_summer_and_winter_events_read_back_at_the_right_instants(first: str) -> None:
    """"Die Leistungssachbearbeitung ist montags bis freitags von 10 bis 11 Uhr ...
    erreichbar": every event of two years, from 2037 on past 2038 too, is 10 to 11 o'clock
    Offenbach time for an independent reader - 08:00 UTC in summer, 09:00 in winter."""
    text, _ = ics("leistungssachbearbeitung", "--from", first, "--weeks", "104")
    events_back = read_back(text)
    assert len(events_back) > 450
    offsets = set()
    for _summary, start, end in events_back:
        day = start.date()
        assert start.astimezone(UTC) == utc(day, 10), start
        assert end.astimezone(UTC) == utc(day, 11), end
        offsets.add(start.utcoffset())
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}


DST_NIGHTS_DATA = VALIDITY_DATA.replace('"Befristetes Amt"', '"Nachtamt"').replace(
    'hours: "Mo-Fr 09:00-10:00"\n        valid_from: "2024-03-13"\n'
    '        valid_until: "2024-03-20"', 'hours: "Sa 22:00-24:00; Su 00:00-04:00"')


@pytest.mark.parametrize(("first", "saturday"), [
    ("2024-03-25", date(2024, 3, 30)),  # 31 March: 02:00 CET becomes 03:00 CEST
    ("2024-10-21", date(2024, 10, 26)),  # 27 October: 03:00 CEST becomes 02:00 CET
])
def test_an_event_across_a_clock_change_reads_back_at_the_right_instants(
        tmp_path: Path, first: str, saturday: date) -> None:
    """Saturday 22:00 to Sunday 04:00 over the night the clocks change: 5 hours of real
    time in spring, 7 in autumn, each end at the instant zoneinfo gives."""
    data = tmp_path / "nacht.yaml"
    data.write_text(DST_NIGHTS_DATA, encoding="utf-8")
    text, _ = ics("--data", str(data), "--from", first, "--weeks", "1")
    ((summary, start, end),) = read_back(text)
    assert summary == "Nachtamt – Telefon"
    sunday = saturday + timedelta(days=1)
    assert start.astimezone(UTC) == utc(saturday, 22)
    assert end.astimezone(UTC) == utc(sunday, 4)
    # (in UTC: Python subtracts two times of one zone object as wall-clock times)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(
        hours=5 if saturday.month == 3 else 7)


def test_other_zones_by_their_own_rules() -> None:
    """New York: summer time from the second Sunday of March to the first Sunday of
    November, 02:00 local (US Energy Policy Act of 2005); Tokyo has none since 1951: one
    STANDARD without a rule. Santiago de Chile changes at local midnight between Saturday
    and Sunday, which no yearly weekday rule names: no compact form, and `calendar` keeps
    icalendar's list of dates for such a zone."""
    from erreichbar.render.ics import yearly_zone

    york = yearly_zone("America/New_York", 2023, 2026)
    assert york is not None
    york = icalendar.Timezone.from_ical(york.to_ical())  # as a reader finds it
    rules = {p.name: (p["RRULE"]["BYMONTH"], [str(d) for d in p["RRULE"]["BYDAY"]],
                      p["DTSTART"].dt) for p in york.subcomponents}
    assert rules == {"DAYLIGHT": ([3], ["2SU"], datetime(2023, 3, 12, 2)),
                     "STANDARD": ([11], ["1SU"], datetime(2023, 11, 5, 2))}
    tokyo = yearly_zone("Asia/Tokyo", 2023, 2026)
    assert tokyo is not None
    (standard,) = tokyo.subcomponents
    assert standard.name == "STANDARD" and "RRULE" not in standard
    assert standard["TZOFFSETFROM"].td == standard["TZOFFSETTO"].td == timedelta(hours=9)
    assert yearly_zone("America/Santiago", 2023, 2026) is None


def test_control_characters_from_a_data_file_do_not_reach_the_calendar(tmp_path: Path) -> None:
    """A name or note with an escape or a bidi override (a data file can hold any) is shown
    as U+FFFD, as in the terminal: RFC 5545 allows no control characters in a text."""
    path = tmp_path / "amt.yaml"
    path.write_text(TEST_SOURCE_HEAD + """\
offices:
  - id: "testamt"
    name: "Test\\e[31mamt \\u202egnp"
    source: "test"
    channels:
      - kind: "phone"
        hours: "Mo-Fr 09:00-15:00"
        notes: ["Hinweis\\u0007"]
""", encoding="utf-8")
    run = cli("--data", str(path), "ics", "--from", "2024-03-04", "--weeks", "1")
    assert run.code == 0, run.err
    assert "\x1b" not in run.out and "\u202e" not in run.out and "\x07" not in run.out
    summaries = {s for s, _start, _end in read_back(run.out)}
    assert summaries == {"Test\ufffd[31mamt \ufffdgnp – Telefon"}
