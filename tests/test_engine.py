"""The engine against the calendar and the city's texts.

Expected values are read off the 2024 announcement (e.g. "Die Leistungssachbearbeitung ist
montags bis freitags von 10 bis 11 Uhr telefonisch direkt erreichbar") and a calendar of
2024 (Karfreitag 29.3., Ostermontag 1.4., Fronleichnam 30.5. in Hessen; summer time from
31.3. 02:00 to 27.10. 03:00), not from the program's own output.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from erreichbar.data.model import State, Validity
from erreichbar.hours import engine
from erreichbar.hours.reader import parse
from helpers import BERLIN, local


def channel(dataset, target: str, kind: str):
    office, _, unit = target.partition("/")
    found = [c for c in dataset.office(office).channels
             if c.kind == kind and c.unit == (unit or None)]
    assert len(found) == 1, (target, kind)
    return found[0]


@pytest.fixture
def state_of(dataset, cal):
    def _state(target: str, kind: str, when: str) -> engine.Status:
        ch = channel(dataset, target, kind)
        return engine.status(ch.hours, cal, local(when), ch.validity)

    return _state


@pytest.fixture
def assert_open(state_of):
    def _assert(target: str, kind: str, when: str, until: str | None = None) -> None:
        st = state_of(target, kind, when)
        assert st.state is State.OPEN, (target, kind, when, st)
        if until is not None:
            assert st.until == local(until), (target, kind, when, st.until)

    return _assert


@pytest.fixture
def assert_closed(state_of):
    def _assert(target: str, kind: str, when: str, opens: str | None = None) -> None:
        st = state_of(target, kind, when)
        assert st.state is State.CLOSED, (target, kind, when, st)
        if opens is not None:
            assert st.next_open is not None and st.next_open.start == local(opens)

    return _assert


# --- window boundaries: half-open ---------------------------------------------------------

def test_leistungssachbearbeitung_window_is_half_open(assert_open, assert_closed):
    target = "mainarbeit/leistungssachbearbeitung"
    assert_closed(target, "phone", "2024-03-06T09:59", opens="2024-03-06T10:00")
    assert_open(target, "phone", "2024-03-06T10:00", until="2024-03-06T11:00")
    assert_open(target, "phone", "2024-03-06T10:59:59", until="2024-03-06T11:00")
    assert_closed(target, "phone", "2024-03-06T11:00", opens="2024-03-07T10:00")


def test_friday_afternoon(assert_open, assert_closed):
    # "Freitag von 8 bis 14 Uhr" / "montags bis freitags zwischen 9 und 15 Uhr"
    assert_closed("mainarbeit/telefonzentrale", "phone", "2024-03-08T14:30",
                  opens="2024-03-11T08:00")
    assert_open("sozialamt", "phone", "2024-03-08T14:30", until="2024-03-08T15:00")
    assert_open("mainarbeit", "visit", "2024-03-08T13:59", until="2024-03-08T14:00")
    assert_closed("mainarbeit", "visit", "2024-03-08T14:00", opens="2024-03-11T07:30")


def test_thursday_is_long_day_for_mainarbeit(assert_open):
    # "Montag bis Donnerstag 7.30 bis 16.30 Uhr": 7.3.2024 is a Thursday
    assert date(2024, 3, 7).weekday() == 3
    assert_open("mainarbeit", "visit", "2024-03-07T16:00", until="2024-03-07T16:30")


def test_saturday_no_phone_open(dataset, cal):
    at = local("2024-03-09T10:00")
    assert at.weekday() == 5
    for office in dataset.offices:
        for ch in office.channels:
            if ch.kind == "phone":
                assert engine.status(ch.hours, cal, at).state is not State.OPEN, ch


# --- public holidays of Hessen ------------------------------------------------------------

def names(holiday: str | None, word: str) -> bool:
    """HOLIDAY, a name as the `holidays` package spells it in German, is the holiday WORD
    says (case aside): the package's exact spelling is its own."""
    return holiday is not None and word.lower() in holiday.lower()


@pytest.mark.parametrize(("day", "name"), [
    ("2024-03-29", "Karfreitag"), ("2024-04-01", "Ostermontag"),
    ("2024-05-30", "Fronleichnam"), ("2024-10-03", "Einheit"),  # Tag der Deutschen Einheit
])
def test_holidays_close_every_phone_and_visit_window(dataset, cal, day, name):
    at = local(f"{day}T10:30")
    assert at.weekday() < 5  # each of these is a weekday in 2024
    for office in dataset.offices:
        for ch in office.channels:
            if ch.kind in ("phone", "visit"):
                st = engine.status(ch.hours, cal, at, ch.validity)
                assert st.state is State.CLOSED, (office.id, ch.unit, ch.kind, st)
                assert names(st.holiday, name), st.holiday


def test_easter_weekend_closes_from_thursday_to_tuesday(assert_closed, assert_open):
    target = "mainarbeit/leistungssachbearbeitung"
    assert_open(target, "phone", "2024-03-28T10:30", until="2024-03-28T11:00")
    assert_closed(target, "phone", "2024-03-28T11:00", opens="2024-04-02T10:00")


def test_fronleichnam_is_a_holiday_in_hessen_but_not_everywhere(cal):
    from erreichbar.calendar.civil import Calendar

    assert names(cal.holiday(date(2024, 5, 30)), "Fronleichnam")
    assert Calendar("Europe/Berlin", "DE-BE").holiday(date(2024, 5, 30)) is None


def test_email_is_open_on_holidays(assert_open):
    assert_open("sozialamt", "email", "2024-03-29T10:30")


# --- daylight saving ----------------------------------------------------------------------

def test_windows_keep_wall_clock_times_in_the_dst_weeks(dataset, cal):
    ch = channel(dataset, "mainarbeit/leistungssachbearbeitung", "phone")
    # Friday before and Monday after the spring change; Friday before and Monday after autumn
    for day, offset in [("2024-03-22", 1), ("2024-04-02", 2), ("2024-10-25", 2),
                        ("2024-10-28", 1)]:
        st = engine.status(ch.hours, cal, local(f"{day}T10:30"))
        assert st.state is State.OPEN
        assert st.current.start.isoformat() == f"{day}T10:00:00+0{offset}:00"
        assert st.until.isoformat() == f"{day}T11:00:00+0{offset}:00"


def test_next_open_across_spring_change_uses_new_offset(dataset, cal):
    ch = channel(dataset, "sozialamt", "phone")
    st = engine.status(ch.hours, cal, local("2024-03-29T16:00"))  # Karfreitag
    # Sat 30.3., Sun 31.3. (clocks go forward), Mon 1.4. Ostermontag -> Tue 2.4. 09:00 CEST
    assert st.next_open.start.isoformat() == "2024-04-02T09:00:00+02:00"


def test_instant_given_in_utc_is_read_in_local_time(dataset, cal):
    ch = channel(dataset, "mainarbeit/leistungssachbearbeitung", "phone")
    utc = datetime.fromisoformat("2024-07-03T08:30:00+00:00")  # 10:30 CEST
    assert engine.status(ch.hours, cal, utc).state is State.OPEN
    utc = datetime.fromisoformat("2024-01-03T09:30:00+00:00")  # 10:30 CET
    assert engine.status(ch.hours, cal, utc).state is State.OPEN
    utc = datetime.fromisoformat("2024-07-03T09:30:00+00:00")  # 11:30 CEST
    assert engine.status(ch.hours, cal, utc).state is State.CLOSED


def test_night_window_over_the_repeated_hour():
    from erreichbar.calendar.civil import Calendar

    cal = Calendar("Europe/Berlin", "DE-HE")
    sched = parse("Su 01:00-04:00")
    [w] = engine.windows(sched, cal, local("2024-10-21T00:00"), local("2024-10-28T00:00"))
    assert w.start.isoformat() == "2024-10-27T01:00:00+02:00"
    assert w.end.isoformat() == "2024-10-27T04:00:00+01:00"
    # one hour is lived twice (aware datetimes of one zone subtract as wall-clock times in
    # Python, so compare in UTC)
    assert w.end.astimezone(UTC) - w.start.astimezone(UTC) == timedelta(hours=4)
    [w] = engine.windows(sched, cal, local("2024-03-25T00:00"), local("2024-04-01T00:00"))
    assert w.end.astimezone(UTC) - w.start.astimezone(UTC) == timedelta(hours=2)  # skipped


# --- unknown, validity ---------------------------------------------------------------------

def test_unknown_hours_are_neither_open_nor_closed(state_of):
    st = state_of("mainarbeit/ansprechpersonen", "phone", "2024-03-06T10:30")
    assert st.state is State.UNKNOWN
    assert st.next_open is None
    assert "Arbeitszeit" in st.comment


def test_validity_period_bounds_a_channel(cal):
    sched = parse("Mo-Fr 08:00-12:00")
    valid = Validity(date(2024, 4, 2), date(2024, 4, 30))
    assert engine.status(sched, cal, local("2024-03-28T09:00"), valid).state is State.CLOSED
    st = engine.status(sched, cal, local("2024-03-28T09:00"), valid)
    assert st.next_open.start == local("2024-04-02T08:00")
    assert engine.status(sched, cal, local("2024-04-30T09:00"), valid).state is State.OPEN
    st = engine.status(sched, cal, local("2024-04-30T09:00"), valid)
    assert st.next_open is None  # nothing opens after the validity ends
    assert engine.status(sched, cal, local("2024-05-02T09:00"), valid).state is State.CLOSED


def test_notes_with_validity(dataset):
    ch = channel(dataset, "mainarbeit", "visit")
    dated = [n for n in ch.notes if n.validity.valid_from]
    assert len(dated) == 1 and dated[0].validity.valid_from == date(2024, 4, 1)  # "Ab April"
    assert not dated[0].validity.covers(date(2024, 3, 31))
    assert dated[0].validity.covers(date(2024, 4, 1))


def test_until_is_none_beyond_fourteen_days(cal):
    st = engine.status(parse("unknown"), cal, local("2024-06-03T10:00"))
    # next holiday in Hessen after 3.6.2024 is 3.10.2024: far beyond 14 days
    assert st.state is State.UNKNOWN and st.until is None
    st = engine.status(parse("unknown"), cal, local("2024-05-27T10:00"))
    assert st.until == local("2024-05-30T00:00")  # Fronleichnam closes unknown hours too


def test_always_open_has_no_end(cal):
    st = engine.status(parse("24/7"), cal, local("2024-03-06T10:00"))
    assert st.state is State.OPEN and st.until is None and st.current.start is None


def test_windows_in_a_week_match_the_text(dataset, cal):
    ch = channel(dataset, "mainarbeit/telefonzentrale", "phone")
    ws = engine.windows(ch.hours, cal, local("2024-03-04T00:00"), local("2024-03-11T00:00"))
    got = [(w.start.strftime("%a %H:%M"), w.end.strftime("%H:%M")) for w in ws]
    assert got == [("Mon 08:00", "16:00"), ("Tue 08:00", "16:00"), ("Wed 08:00", "16:00"),
                   ("Thu 08:00", "16:00"), ("Fri 08:00", "14:00")]


def test_engine_never_reads_the_machine_zone(monkeypatch, dataset, cal):
    import time

    ch = channel(dataset, "sozialamt", "phone")
    at = datetime(2024, 3, 6, 14, 30, tzinfo=BERLIN)
    before = engine.status(ch.hours, cal, at)
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert engine.status(ch.hours, cal, at) == before
    finally:
        monkeypatch.undo()
        time.tzset()


# --- the batch behind `now`: the same walk, answers shared only where days are shared ------

def test_batch_answers_a_validity_period_like_status(cal):
    # valid until Tuesday 30.4.2024: open Tuesday 09:00 until 12:00, and nothing after it
    from erreichbar.hours import batch

    sched = parse("Mo-Fr 08:00-12:00")
    valid = Validity(date(2024, 4, 2), date(2024, 4, 30))
    [st] = batch.statuses([(sched, valid)], cal, local("2024-04-30T09:00"))
    assert st.state is State.OPEN and st.until == local("2024-04-30T12:00")
    assert st.next_open is None and st.in_validity
    [before] = batch.statuses([(sched, valid)], cal, local("2024-03-28T09:00"))
    # Karfreitag 29.3. and Ostermontag 1.4. lie between: the period begins Tuesday 2.4.
    assert before.state is State.CLOSED and not before.in_validity
    assert before.next_open.start == local("2024-04-02T08:00")


def test_batch_tells_apart_schedules_alike_today_but_not_tomorrow(cal):
    # Thursday 7.3.2024 13:00: both closed since 12:00; on Friday one opens at 08:00, the
    # other at 09:00, and a third not before Monday 11.3.
    from erreichbar.hours import batch

    texts = ["Mo-Fr 08:00-12:00", "Mo-Th 08:00-12:00; Fr 09:00-12:00",
             "Mo-Th 08:00-12:00", "Mo-Fr 08:00-12:00"]
    found = batch.statuses([(parse(t), Validity()) for t in texts], cal,
                           local("2024-03-07T13:00"))
    assert [st.state for st in found] == [State.CLOSED] * 4
    assert [st.current.start for st in found] == [local("2024-03-07T12:00")] * 4
    assert [st.next_open.start for st in found] == [
        local("2024-03-08T08:00"), local("2024-03-08T09:00"), local("2024-03-11T08:00"),
        local("2024-03-08T08:00")]


def test_until_is_where_the_state_changes_and_a_comment_has_its_own_end(cal):
    """`until` (README, "What `until` means"): the next change of state. Friday 15 March 2024
    11:00, `Fr 10:00-24:00 open "a"; Sa 00:00-12:00`: open from Friday 10:00 to Saturday
    12:00 without a break, the comment "a" only to midnight (`comment_until`); the next open
    window after it lies a week on."""
    st = engine.status(parse('Fr 10:00-24:00 open "a"; Sa 00:00-12:00'), cal,
                       local("2024-03-15 11:00"))
    assert st.state is State.OPEN and st.comment == "a"
    assert st.until == local("2024-03-16 12:00")
    assert st.comment_until == local("2024-03-16 00:00") and st.next_comment is None
    assert st.next_open is not None and st.next_open.start == local("2024-03-22 10:00")
    # asked on Saturday morning: open since Friday 10:00, the comment gone, nothing to end
    st = engine.status(parse('Fr 10:00-24:00 open "a"; Sa 00:00-12:00'), cal,
                       local("2024-03-16 09:00"))
    assert st.current.start == local("2024-03-15 10:00") and st.comment is None
    assert st.until == local("2024-03-16 12:00") and st.comment_until is None


def test_a_closed_comment_does_not_end_closed(cal):
    """`Mo off "x"` on Sunday 10 March 2024 10:00: closed, and still closed on Monday (with
    the comment "x"); a week of closed time lies ahead, so `until` is not within the 14
    days: null. The comment changes on Monday 00:00."""
    st = engine.status(parse('Mo off "x"'), cal, local("2024-03-10 10:00"))
    assert st.state is State.CLOSED and st.comment is None
    assert st.until is None
    assert st.comment_until == local("2024-03-11 00:00") and st.next_comment == "x"


def test_a_notice_from_14_00_is_kept_beside_until(cal):
    """`Mo-Fr 08:00-14:00, Mo-Fr 14:00-16:00 open "nur Notfälle"` on Monday 4 March 2024
    10:00: open until 16:00; from 14:00 "nur Notfälle" (comment_until 14:00, and the window
    of `week` carries the change)."""
    text = 'Mo-Fr 08:00-14:00, Mo-Fr 14:00-16:00 open "nur Notfälle"'
    st = engine.status(parse(text), cal, local("2024-03-04 10:00"))
    assert (st.state, st.until, st.comment_until, st.next_comment) == (
        State.OPEN, local("2024-03-04 16:00"), local("2024-03-04 14:00"), "nur Notfälle")
    (window, *_) = engine.windows(parse(text), cal, local("2024-03-04 00:00"),
                                  local("2024-03-05 00:00"))
    assert (window.start, window.end, window.comment) == (
        local("2024-03-04 08:00"), local("2024-03-04 16:00"), None)
    assert window.comments == ((local("2024-03-04 14:00"), "nur Notfälle"),)
    # clipped to start inside the notice: the window's comment is the notice
    (window,) = engine.windows(parse(text), cal, local("2024-03-04 15:00"),
                               local("2024-03-04 18:00"))
    assert (window.start, window.comment, window.comments) == (
        local("2024-03-04 15:00"), "nur Notfälle", ())


def test_a_night_span_is_open_past_midnight_and_closed_into_a_holiday(cal):
    """`Mo-Fr 22:00-02:00`: Friday 8 March 2024 22:00 to Saturday 02:00 is one window; asked
    on Saturday at 01:30 (the first day the walk looks at begins with the night before), it
    ends at 02:00 and the next opens on Monday 22:00. Good Friday (29 March 2024) is a
    holiday in Hessen: the Thursday night ends at midnight and Friday stays closed."""
    night = parse("Mo-Fr 22:00-02:00")
    st = engine.status(night, cal, local("2024-03-09 01:30"))
    assert st.state is State.OPEN
    assert st.current.start == local("2024-03-08 22:00")
    assert st.until == local("2024-03-09 02:00")
    assert st.next_open is not None and st.next_open.start == local("2024-03-11 22:00")
    st = engine.status(night, cal, local("2024-03-28 23:00"))
    assert st.until == local("2024-03-29 00:00")
    assert engine.status(night, cal, local("2024-03-29 00:30")).state is State.CLOSED
    windows = engine.windows(night, cal, local("2024-03-08 00:00"), local("2024-03-10 00:00"))
    assert [(w.start, w.end) for w in windows] == [
        (local("2024-03-08 00:00"), local("2024-03-08 02:00")),
        (local("2024-03-08 22:00"), local("2024-03-09 02:00"))]
