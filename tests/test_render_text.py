"""Weekly hours in words (render/text.py), read against the hours as written."""

from __future__ import annotations

from erreichbar.hours.reader import parse
from erreichbar.i18n import translator
from erreichbar.render.text import describe_hours

EN = translator("en")


def words(hours: str) -> str:
    return describe_hours(parse(hours), "en", EN)


def test_a_night_is_shown_from_its_start_to_the_next_morning():
    assert words("Mo-Fr 22:00-02:00") == "Mon–Fri 22:00–02:00 · closed on public holidays"
    assert words("Fr 20:00-26:00") == "Fri 20:00–02:00 · closed on public holidays"
    # a later rule for Saturday replaces the night's end: it is shown as Saturday has it
    assert words("Fr 22:00-02:00; Sa 10:00-12:00") == \
        "Fri 22:00–24:00 · Sat 10:00–12:00 · closed on public holidays"


def test_a_lunch_break_and_added_rules_show_as_the_day_is():
    assert words("Mo-Fr 08:00-18:00; Mo-Fr 12:00-13:00 off") == \
        "Mon–Fri 08:00–12:00, 13:00–18:00 · closed on public holidays"
    assert words("Mo-Th 08:00-16:00, Fr 08:00-12:00") == \
        "Mon–Thu 08:00–16:00 · Fri 08:00–12:00 · closed on public holidays"
