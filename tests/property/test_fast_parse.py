"""The fast path of the hours parser (one regular expression per everyday rule) builds
exactly the rules the full parser builds, and never takes a text the full parser refuses."""

from __future__ import annotations

from hours_gen import schedules
from hypothesis import given, settings
from hypothesis import strategies as st

from erreichbar.errors import HoursError
from erreichbar.hours.fast import fast_rules as _fast_rules
from erreichbar.hours.reader import Parser as _Parser


@settings(max_examples=400, deadline=None)
@given(spec=schedules())
def test_fast_path_agrees_with_full_parser(spec):
    for text in (spec.text, spec.oracle):
        fast = _fast_rules(text)
        if fast is not None:
            assert fast == _Parser(text).rules(), text


TOKENS = ["Mo", "Fr", "Di", "PH", "-", ",", ";", " ", "08:00", "12:30", "24:00", "25:00",
          "12:60", "off", "unknown", "open", '"x"', '"', "24/7", "Sa", "We", "10:00-11:00"]


@settings(max_examples=600, deadline=None)
@given(parts=st.lists(st.sampled_from(TOKENS), min_size=1, max_size=10))
def test_fast_path_never_accepts_what_the_parser_refuses(parts):
    text = "".join(parts)
    fast = _fast_rules(text)
    if fast is None:
        return
    try:
        slow = _Parser(text).rules()
    except HoursError as exc:  # pragma: no cover - that would be the bug
        raise AssertionError(f"fast path took {text!r}, the parser says {exc.message}") from exc
    assert fast == slow, text
