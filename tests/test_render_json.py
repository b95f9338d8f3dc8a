"""render/json_out.py: the --json contract scripts rely on - its keys and types, the same
whatever the terminal, colour or language. Values from the city's texts (helpers.py).
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from helpers import (
    BERLIN,
    EVERY_COMMAND,
    KINDS,
    STATES,
    TERMINAL,
    WED,
    cli,
    json_out,
)

NOW_KEYS = {"office", "unit", "name", "channel", "state", "until", "next_open", "contacts",
            "appointment"}
# the keys added last to every line of `now`, `next` and `check` (keys are only ever added,
# at the end): where the channel's facts come from, where to find a contact the sources do
# not give, how to book the appointment a visit needs, the assumption that decides its hours
ADDED_KEYS = ["source", "find_contact", "booking", "assumption", "address"]
CONTACT_KEYS = ["kind", "value", "uri", "uncertain"]
# a visit that needs an appointment is "appointment" while its hours are open or unknown
ANSWER_STATES = STATES | {"appointment"}


def test_now_json_objects() -> None:
    rows = json_out("now", "--all", "--at", WED)
    assert isinstance(rows, list)
    assert rows
    for r in rows:
        assert r.keys() >= NOW_KEYS, r
        assert list(r)[-len(ADDED_KEYS):] == ADDED_KEYS, r
        assert r["channel"] in KINDS
        assert r["state"] in ANSWER_STATES
        if r["state"] == "appointment":
            assert (r["channel"], r["appointment"]) == ("visit", "required"), r
        assert r["appointment"] in {"required", "optional", "none", None}
        for key in ("until", "next_open"):
            if r[key] is not None:
                parsed = datetime.fromisoformat(r[key])
                assert parsed.utcoffset() is not None, r
                assert parsed > datetime(2024, 3, 6, 10, 30, tzinfo=BERLIN)
        for c in r["contacts"]:
            assert list(c) == CONTACT_KEYS
        # every channel's facts have a source, with its id
        assert set(r["source"]) == {"title", "publisher", "date", "url", "id"}, r
    # every office the texts name appears
    names = {r["name"] for r in rows}
    for name in ("Sozialamt", "Ausländeramt", "Wohnungsamt", "Bürgerbüro"):
        assert name in names
    assert any("MainArbeit" in n for n in names)


def test_next_json_keys_and_only_phone_and_visit_by_default() -> None:
    rows = json_out("next", "sozialamt", "--at", WED)
    for r in rows:
        assert {"office", "unit", "channel", "state", "start", "end"} <= r.keys()
        assert list(r)[-len(ADDED_KEYS):] == ADDED_KEYS, r
    # the phone Mo-Fr 9-15; the visit "nach vorheriger Terminvereinbarung", its times not
    # given: by appointment, no open window known; the ZeBuSS visits only from January 2026
    # (times not published): closed in 2024, no open window known
    assert [(r["unit"], r["channel"], r["state"], r["start"], r["end"]) for r in rows] == [
        (None, "phone", "open", "2024-03-06T09:00:00+01:00", "2024-03-06T15:00:00+01:00"),
        (None, "visit", "appointment", None, None),
        ("zebuss", "visit", "closed", None, None),
    ]
    # "Termine für Vorsprachen ... mit der jeweils zuständigen Sachbearbeitung telefonisch"
    assert rows[1]["booking"] == {"via": "phone", "url": None}
    assert rows[2]["assumption"]["id"] == "buerozeiten"
    online = json_out("next", "sozialamt", "--channel", "online", "--at", WED)
    assert {r["channel"] for r in online} == {"online"}


def test_next_json_contacts_have_the_shape_of_nows() -> None:
    now = {(r["office"], r["unit"], r["channel"]): r
           for r in json_out("now", "--all", "--at", WED)}
    for name in ("mainarbeit", "sozialamt", "auslaenderamt", "wohnungsamt", "buergerbuero"):
        for r in json_out("next", name, "--channel", "phone,visit,email,online", "--at", WED):
            assert list(r)[:7] == ["office", "unit", "name", "channel", "state", "start", "end"]
            assert list(r)[7:] == ["contacts", *ADDED_KEYS]
            same = now[r["office"], r["unit"], r["channel"]]
            assert r["contacts"] == same["contacts"]
            for key in ADDED_KEYS:
                assert r[key] == same[key], (r, key)
            for c in r["contacts"]:
                assert list(c) == CONTACT_KEYS


OFFICE_KEYS = {"office", "name", "aliases", "services", "source", "as_of", "channels",
               "planned"}


OFFICE_CHANNEL_KEYS = {"unit", "channel", "hours", "state", "until", "next_open", "contacts",
                       "appointment", "notes"}


def test_office_sozialamt_json() -> None:
    view = json_out("office", "sozialamt", "--at", WED)
    assert view.keys() >= OFFICE_KEYS
    assert view["office"] == "sozialamt"
    assert view["name"] == "Sozialamt"
    assert view["as_of"] == "2024-03-01"
    assert view["source"]["title"] == "Telefonische Erreichbarkeit und Sprechstunden der Ämter"
    assert view["source"]["date"] == "2024-03-01"
    for ch in view["channels"]:
        assert ch.keys() >= OFFICE_CHANNEL_KEYS, ch
        assert isinstance(ch["hours"], str)
        assert isinstance(ch["notes"], list)
    assert {c["channel"] for c in view["channels"]} == KINDS
    by_kind = {(c["unit"], c["channel"]): c for c in view["channels"]}
    assert len(by_kind) == len(view["channels"])
    phone = by_kind[None, "phone"]
    assert phone["state"] == "open"
    assert phone["until"] == "2024-03-06T15:00:00+01:00"
    assert [c["value"] for c in phone["contacts"]] == ["069 8065-3584", "069 8065-2686"]
    # "Vorsprachen ... nach vorheriger Terminvereinbarung", times not given: by appointment
    assert by_kind[None, "visit"]["state"] == "appointment"
    assert by_kind[None, "visit"]["appointment"] == "required"
    # the ZeBuSS visits "ab Januar 2026": not yet in March 2024
    zebuss = by_kind["zebuss", "visit"]
    assert (zebuss["state"], zebuss["valid_from"]) == ("closed", "2026-01-01")
    assert zebuss["source"]["date"] == "2026-01-05"
    # planned: fixed ZeBuSS hours and the joint Familienberatung, without times
    planned = " ".join(p["text"] for p in view["planned"])
    assert "ZeBuSS" in planned
    assert "Familienberatung" in planned


@pytest.mark.parametrize("args", EVERY_COMMAND)
def test_json_is_the_same_in_a_terminal_in_a_pipe_and_in_english(args: tuple[str, ...]) -> None:
    piped = cli(*args, "--json")
    assert piped.code in (0, 1, 3)
    json.loads(piped.out)
    drawn = cli(*args, "--json", env=TERMINAL)
    english = cli(*args, "--json", env={"LANG": "en_US.UTF-8"})
    no_color = cli(*args, "--json", env={**TERMINAL, "NO_COLOR": "1"})
    assert drawn == piped
    assert english == piped
    assert no_color == piped
    assert "\x1b" not in piped.out


def test_office_json_gives_each_units_description() -> None:
    """The data file says what two units of the MainArbeit do (read here with PyYAML, apart
    from the tool's loader): each channel of such a unit carries it as "description", every
    other channel null; the same when the unit alone is asked about."""
    import yaml

    from helpers import ROOT

    raw = yaml.safe_load((ROOT / "data" / "offices.yaml").read_text("utf-8"))
    (mainarbeit,) = [o for o in raw["offices"] if o["id"] == "mainarbeit"]
    described = {u["id"]: u["description"] for u in mainarbeit["units"] if "description" in u}
    assert set(described) == {"telefonzentrale", "ansprechpersonen"}
    view = json_out("office", "mainarbeit", "--at", WED)
    got = {(c["unit"], c["channel"]): c["description"] for c in view["channels"]}
    assert got == {(c["unit"], c["channel"]): described.get(c["unit"])
                   for c in view["channels"]}
    assert sorted(d for d in got.values() if d) == sorted(described.values())
    (alone,) = json_out("office", "mainarbeit/telefonzentrale", "--at", WED)["channels"]
    assert alone["description"] == described["telefonzentrale"]
    for ch in json_out("office", "sozialamt", "--at", WED)["channels"]:
        assert ch["description"] is None


def bundled_terms() -> dict[str, list[dict[str, str]]]:
    """The search terms of each office as data/offices.yaml writes them, read by PyYAML
    itself (not the tool's reader): language by language, in the order written."""
    import yaml

    from helpers import ROOT

    data = yaml.safe_load((ROOT / "data" / "offices.yaml").read_text("utf-8"))
    return {o["id"]: [{"lang": lang, "term": t} for lang, terms in o.get("terms", {}).items()
                      for t in terms] for o in data["offices"]}


def test_office_and_list_json_give_the_search_terms_with_their_language() -> None:
    expected = bundled_terms()
    assert expected["auslaenderamt"]  # the data has them
    for office_id, terms in expected.items():
        assert json_out("office", office_id, "--at", WED)["terms"] == terms
    rows = json_out("list")
    assert {r["id"]: r["terms"] for r in rows if r["unit"] is None} == expected
    assert all(r["terms"] == [] for r in rows if r["unit"] is not None)
