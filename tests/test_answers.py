"""answers.py: what each question is answered with - the state of every channel at an
instant, its end and next opening, the next windows of a NAME, the view of an office - as
the city's texts and the calendar say (see helpers.py for the passages quoted). Asked through
the command line in --json, the form that carries the answer whole.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from helpers import (
    BERLIN,
    FRI_AFTERNOON,
    FRONLEICHNAM,
    KARFREITAG,
    OSTERMONTAG,
    PHONE_TARGETS,
    SAT,
    SUMMER_WED,
    WED,
    assert_state,
    json_out,
    names,
    plain,
    row_id,
)


def next_windows(name: str, at: str, *options: str) -> list[tuple[str, str, str, str | None,
                                                                  str | None]]:
    """`next NAME --json` as (id, channel, state, start, end)."""
    rows = json_out("next", name, "--at", at, *options)
    return [(row_id(r), r["channel"], r["state"], r["start"], r["end"]) for r in rows]


def test_wednesday_morning() -> None:
    assert_state("mainarbeit/leistungssachbearbeitung", "phone", WED, "open",
                 until="2024-03-06T11:00:00+01:00", next_open="2024-03-07T10:00:00+01:00")
    assert_state("mainarbeit/telefonzentrale", "phone", WED, "open",
                 until="2024-03-06T16:00:00+01:00", next_open="2024-03-07T08:00:00+01:00")
    assert_state("sozialamt", "phone", WED, "open", until="2024-03-06T15:00:00+01:00",
                 next_open="2024-03-07T09:00:00+01:00")
    assert_state("wohnungsamt/sachbearbeitung", "phone", WED, "open",
                 until="2024-03-06T12:00:00+01:00")
    # "Vorsprachen erfolgen nach vorheriger Terminvereinbarung": within its opening hours
    # (Mo-Do 7.30-16.30) the MainArbeit's visit is by appointment only, never open
    assert_state("mainarbeit", "visit", WED, "appointment", until="2024-03-06T16:30:00+01:00",
                 next_open="2024-03-07T07:30:00+01:00")
    # no times in the texts: unknown, never open, but only within the frame the data's
    # assumption gives - the MainArbeit's opening hours ("arbeitszeit": Mo-Do until 16.30),
    # working days 7 to 18 ("buerozeiten") - which ends the unknown stretch
    assert_state("mainarbeit/ansprechpersonen", "phone", WED, "unknown",
                 until="2024-03-06T16:30:00+01:00", next_open=None)
    assert_state("wohnungsamt/geschaeftszimmer", "phone", WED, "unknown",
                 until="2024-03-06T18:00:00+01:00", next_open=None)
    # a visit after an appointment, at times not given: by appointment, with no end
    assert_state("sozialamt", "visit", WED, "appointment", until=None, next_open=None)
    # "Alle Ämter sowie die MainArbeit sind außerdem per E-Mail zu erreichen"
    for office in ("mainarbeit", "sozialamt", "auslaenderamt", "wohnungsamt", "buergerbuero"):
        assert_state(office, "email", WED, "open", until=None)


def test_friday_afternoon_the_telefonzentrale_has_closed_the_sozialamt_not() -> None:
    assert_state("mainarbeit/telefonzentrale", "phone", FRI_AFTERNOON, "closed",
                 until="2024-03-11T08:00:00+01:00", next_open="2024-03-11T08:00:00+01:00")
    assert_state("sozialamt", "phone", FRI_AFTERNOON, "open",
                 until="2024-03-08T15:00:00+01:00", next_open="2024-03-11T09:00:00+01:00")
    assert_state("mainarbeit", "visit", FRI_AFTERNOON, "closed",
                 next_open="2024-03-11T07:30:00+01:00")
    assert_state("mainarbeit/leistungssachbearbeitung", "phone", FRI_AFTERNOON, "closed",
                 next_open="2024-03-11T10:00:00+01:00")


@pytest.mark.parametrize(("at", "state"), [
    ("2024-03-08T07:59", "closed"),
    ("2024-03-08T08:00", "open"),  # windows are half-open: open at their start ...
    ("2024-03-08T13:59", "open"),
    ("2024-03-08T14:00", "closed"),  # ... and closed at their end
    ("2024-03-07T15:59", "open"),  # Thursday: until 16
    ("2024-03-07T16:00", "closed"),
])
def test_telefonzentrale_window_edges(at: str, state: str) -> None:
    assert_state("mainarbeit/telefonzentrale", "phone", at, state)


def test_on_saturday_nothing_by_phone_is_open() -> None:
    rows = json_out("now", "--all", "--channel", "phone", "--at", SAT)
    assert {row_id(r) for r in rows} == PHONE_TARGETS
    assert [r for r in rows if r["state"] == "open"] == []
    assert all(r["state"] in {"closed", "unknown"} for r in rows)
    assert not [r for r in json_out("now", "-c", "phone", "--at", SAT) if r["state"] == "open"]
    assert_state("sozialamt", "phone", SAT, "closed", next_open="2024-03-11T09:00:00+01:00")
    # "montags bis freitags über die Telefonnummer 069 115"
    assert_state("auslaenderamt", "phone", SAT, "closed")


@pytest.mark.parametrize(("at", "holiday", "next_day"), [
    (KARFREITAG, "Karfreitag", "2024-04-02"),  # then the weekend and Ostermontag
    (OSTERMONTAG, "Ostermontag", "2024-04-02"),
    (FRONLEICHNAM, "Fronleichnam", "2024-05-31"),
])
def test_on_public_holidays_every_phone_is_closed(at: str, holiday: str, next_day: str) -> None:
    rows = json_out("now", "--all", "--channel", "phone", "--at", at)
    assert {row_id(r) for r in rows} == PHONE_TARGETS
    assert {r["state"] for r in rows} == {"closed"}
    named = {r["holiday"] for r in rows}
    assert len(named) == 1 and names(next(iter(named)), holiday), named
    assert json_out("now", "--channel", "phone", "--at", at) == []
    assert plain("now", "--channel", "phone", "--at", at) == []
    # the next working day is in summer time
    assert_state("sozialamt", "phone", at, "closed", next_open=f"{next_day}T09:00:00+02:00",
                 holiday=holiday)
    assert_state("mainarbeit/telefonzentrale", "phone", at, "closed",
                 next_open=f"{next_day}T08:00:00+02:00")


def test_summer_time_offsets() -> None:
    assert_state("mainarbeit/leistungssachbearbeitung", "phone", SUMMER_WED, "open",
                 until="2024-06-05T11:00:00+02:00", next_open="2024-06-06T10:00:00+02:00")
    # the clocks go back on Sunday 2024-10-27: Friday is +02:00, Monday +01:00
    assert_state("mainarbeit/telefonzentrale", "phone", "2024-10-25T14:30", "closed",
                 next_open="2024-10-28T08:00:00+01:00")
    assert_state("sozialamt", "phone", "2024-10-25T14:30", "open",
                 until="2024-10-25T15:00:00+02:00")


def test_now_without_all_leaves_out_closed_channels() -> None:
    every = json_out("now", "--all", "--at", FRI_AFTERNOON)
    shown = json_out("now", "--at", FRI_AFTERNOON)
    # a visit by appointment within its hours is listed too, like an unknown one
    assert {r["state"] for r in shown} <= {"open", "unknown", "appointment"}
    assert shown == [r for r in every if r["state"] != "closed"]
    assert any(r["state"] == "closed" for r in every)


def test_now_contacts_and_appointments_from_the_text() -> None:
    rows = {(row_id(r), r["channel"]): r for r in json_out("now", "--all", "--at", WED)}
    sozialamt = rows["sozialamt", "phone"]
    assert [(c["kind"], c["value"], c["uri"]) for c in sozialamt["contacts"]] == [
        ("phone", "069 8065-3584", "tel:+496980653584"),
        ("phone", "069 8065-2686", "tel:+496980652686"),
    ]
    assert sozialamt["unit"] is None
    assert sozialamt["appointment"] is None
    assert "069 8065-2871" in [c["value"] for c in
                               rows["wohnungsamt/geschaeftszimmer", "phone"]["contacts"]]
    assert "069 115" in [c["value"] for c in rows["auslaenderamt", "phone"]["contacts"]]
    assert "www.offenbach.de/sozialamt" in [c["value"] for c in
                                            rows["sozialamt", "online"]["contacts"]]
    # "Vorsprachen erfolgen nach vorheriger Terminvereinbarung."
    assert rows["mainarbeit", "visit"]["appointment"] == "required"
    assert rows["sozialamt", "visit"]["appointment"] == "required"
    assert rows["auslaenderamt", "visit"]["appointment"] == "required"
    assert rows["mainarbeit/leistungssachbearbeitung", "phone"]["unit"] == \
        "leistungssachbearbeitung"


def test_now_online_forms_named_in_the_text() -> None:
    offices = {r["office"] for r in json_out("now", "-c", "online", "--at", SAT)}
    assert {"sozialamt", "auslaenderamt", "wohnungsamt"} <= offices


def test_next_leistungssachbearbeitung_open_now() -> None:
    assert next_windows("leistungssachbearbeitung", WED) == [
        ("mainarbeit/leistungssachbearbeitung", "phone", "open",
         "2024-03-06T10:00:00+01:00", "2024-03-06T11:00:00+01:00"),
    ]
    # the window's start lies before WHEN when it is open now
    start = datetime.fromisoformat(next_windows("leistungssachbearbeitung", WED)[0][3] or "")
    assert start < datetime(2024, 3, 6, 10, 30, tzinfo=BERLIN)


def test_next_leistungssachbearbeitung_after_its_hour() -> None:
    assert next_windows("leistungssachbearbeitung", "2024-03-06T11:00") == [
        ("mainarbeit/leistungssachbearbeitung", "phone", "closed",
         "2024-03-07T10:00:00+01:00", "2024-03-07T11:00:00+01:00"),
    ]


def test_next_mainarbeit_from_friday_afternoon_sorted_by_start() -> None:
    assert next_windows("mainarbeit", FRI_AFTERNOON) == [
        ("mainarbeit", "visit", "closed", "2024-03-11T07:30:00+01:00",
         "2024-03-11T16:30:00+01:00"),
        ("mainarbeit/telefonzentrale", "phone", "closed", "2024-03-11T08:00:00+01:00",
         "2024-03-11T16:00:00+01:00"),
        ("mainarbeit/leistungssachbearbeitung", "phone", "closed",
         "2024-03-11T10:00:00+01:00", "2024-03-11T11:00:00+01:00"),
        # "während ihrer Arbeitszeit": no times known, and assumed within the opening
        # hours (Fr until 14): closed now, and never known to be open
        ("mainarbeit/ansprechpersonen", "phone", "closed", None, None),
    ]


def test_next_after_karfreitag() -> None:
    assert next_windows("sozialamt", KARFREITAG, "-c", "phone") == [
        ("sozialamt", "phone", "closed", "2024-04-02T09:00:00+02:00",
         "2024-04-02T15:00:00+02:00"),
    ]


def test_office_mainarbeit_note_valid_from_april() -> None:
    view = json_out("office", "jobcenter", "--at", WED)
    assert view["office"] == "mainarbeit"
    assert {"Jobcenter", "MainArbeit"} <= set(view["aliases"])
    visit = [c for c in view["channels"] if c["channel"] == "visit"]
    assert len(visit) == 1
    # "Ab April: Neukundinnen und Neukunden erhalten ... einen Termin"
    dated = [n for n in visit[0]["notes"] if "Neukund" in n["text"]]
    assert len(dated) == 1
    assert dated[0]["valid_from"] == "2024-04-01"


def test_office_of_a_unit_shows_only_its_channels() -> None:
    view = json_out("office", "mainarbeit/leistungssachbearbeitung", "--at", WED)
    assert view["office"] == "mainarbeit"
    assert [(c["unit"], c["channel"], c["state"], c["until"]) for c in view["channels"]] == [
        ("leistungssachbearbeitung", "phone", "open", "2024-03-06T11:00:00+01:00"),
    ]


def test_office_buergerbuero_comes_from_the_2019_text() -> None:
    view = json_out("office", "buergerbuero", "--at", WED)
    assert view["name"] == "Bürgerbüro"
    assert view["source"]["title"].startswith("Bürgerbüro zieht positive Bilanz zu 2018")
    assert view["source"]["date"] == "2019-02-13"
    assert {"phone", "visit", "email"} <= {c["channel"] for c in view["channels"]}


def test_now_keeps_the_closed_channels_it_leaves_out_soonest_first(dataset, cal) -> None:
    """now(): beside the rows listed, the closed phone lines, in the order they open. On
    Tuesday 2024-03-05 at 20:14 every phone line with published hours has closed;
    Wednesday: Telefonzentrale (Mo-Do 8-16), Ausländeramt and Bürgerbüro (115, Mo-Fr 8-18)
    at 8, Sozialamt (Mo-Fr 9-15) and Wohnungsamt's Sachbearbeitung (Mo-Fr 9-12) at 9,
    Leistungssachbearbeitung (Mo-Fr 10-11) at 10. The two lines without published times are
    closed too, outside their assumed frames (the MainArbeit's opening hours until 16.30,
    working days 7 to 18), and never known to open: they come last."""
    from erreichbar.answers import questions as answers

    at = datetime(2024, 3, 5, 20, 14, tzinfo=BERLIN)
    result = answers.now(dataset, cal, at, ("phone",))
    listed = {a.channel.target for a in result.rows}
    assert listed == set()
    left = [(a.channel.target, a.status.next_open.start if a.status.next_open else None)
            for a in result.left_out]
    opens = {hour: datetime(2024, 3, 6, hour, tzinfo=BERLIN) for hour in (8, 9, 10)}
    assert dict(left) == {
        "mainarbeit/telefonzentrale": opens[8], "auslaenderamt": opens[8],
        "buergerbuero": opens[8], "sozialamt": opens[9], "wohnungsamt/sachbearbeitung": opens[9],
        "mainarbeit/leistungssachbearbeitung": opens[10],
        "mainarbeit/ansprechpersonen": None, "wohnungsamt/geschaeftszimmer": None}
    known = [start for _target, start in left if start is not None]
    assert [start for _target, start in left[:len(known)]] == sorted(known)
    assert listed | set(dict(left)) == PHONE_TARGETS
    assert all(a.status.state.value == "closed" for a in result.left_out)
    # with --all nothing is left out; without a kind, the closed channels of every kind
    assert answers.now(dataset, cal, at, ("phone",), include_closed=True).left_out == []
    every = answers.now(dataset, cal, at)
    assert {a.channel.kind for a in every.left_out} == {"phone", "visit"}


def test_next_carries_the_contacts_of_each_channel() -> None:
    # "Das Sozialamt ist ... telefonisch unter 069 8065-3584 oder -2686 ... erreichbar."
    rows = json_out("next", "sozialamt", "--at", WED)
    phone = next(r for r in rows if r["channel"] == "phone")
    assert [c["value"] for c in phone["contacts"]] == ["069 8065-3584", "069 8065-2686"]
    assert {c["kind"] for c in phone["contacts"]} == {"phone"}
    visit = next(r for r in rows if r["channel"] == "visit")
    assert visit["contacts"] == []
    # the Ausländeramt's phone is reached through the 115 line: its number, then 115's
    rows = json_out("next", "auslaenderamt", "--channel", "phone", "--at", WED)
    assert [c["value"] for c in rows[0]["contacts"]] == ["069 115", "115"]


def test_a_visit_by_appointment_lasts_until_its_hours_close(tmp_path) -> None:
    """`until` is when the state changes (README): a visit only by appointment whose hours
    are open 08-12 and unknown 12-14 is `appointment` from 08:00 to 14:00 without a break,
    in `now --json` as in `check`'s answer."""
    from helpers import DATA_HEAD

    path = tmp_path / "termine.yaml"
    path.write_text(DATA_HEAD + """\
offices:
  - id: "amt"
    name: "Amt"
    source: "s"
    address: {street: "Weg 1", postcode: "63065", city: "Offenbach am Main"}
    channels:
      - kind: "visit"
        hours: "Mo-Fr 08:00-12:00, Mo-Fr 12:00-14:00 unknown"
        appointment: "required"
        book: {url: "https://example.org/termin"}
""", encoding="utf-8")
    for at in ("2024-03-06T09:00", "2024-03-06T13:00"):
        (row,) = json_out("now", "--data", str(path), "--at", at)
        assert (row["state"], row["until"]) == ("appointment", "2024-03-06T14:00:00+01:00")
