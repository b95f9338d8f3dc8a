"""Reading an `opening_hours` value: text -> rules -> a compiled Schedule, with warnings.

    >>> s = parse("Mo-Do 08:00-16:00; Fr 08:00-14:00")
    >>> [(x.start, x.end) for x in s.day(4, holiday=False)]
    [(480, 840)]

The grammar is parser.py's (the forms it takes are listed there), the everyday rules' quick
reading fast.py's, and what the rules make of each day rules.py's and dated_days.py's. A
form people type (`Mon-Fri 8-12`) is read through lenient.py, with a warning. Writing a
Schedule back as OSM text is render/export.py's. A data file's value is first held to
MAX_LENGTH (check_size), before anything reads it.
"""

from __future__ import annotations

from functools import lru_cache

from erreichbar.errors import HoursError
from erreichbar.hours import fast as fast_path
from erreichbar.hours import open_ends
from erreichbar.hours import rules as hours_rules
from erreichbar.hours.dated_days import compile_dated
from erreichbar.hours.lenient import standard
from erreichbar.hours.parser import Parser
from erreichbar.hours.rules import Rule, compile_rules, rule_warnings
from erreichbar.hours.values import Schedule
from erreichbar.i18n import N_, Message, _

# The most characters an hours value in a data file may have (docs/data-format.md, "Hours
# syntax"): OpenStreetMap keeps at most 255 in a tag, real offices' hours take under 100, and
# 4,096 leave room for some 200 rules. The reading is linear in the length, so the bound is
# what keeps a hostile value from costing more than a real one many times over.
MAX_LENGTH = 4096


def check_size(text: str) -> None:
    """HoursError if a data file's hours value is longer than MAX_LENGTH: asked before it is
    read (a value the tool composes of checked ones, compose.py, is not asked)."""
    if len(text) > MAX_LENGTH:
        raise HoursError(_("{length} characters long, more than the {limit} an hours value "
                           "may have", length=len(text), limit=MAX_LENGTH), 1)


def shown(text: str) -> str:
    """An hours value as a message quotes it: whole up to the length of an OpenStreetMap tag,
    else its start, so that a message about a long value stays a line one can read."""
    return repr(text) if len(text) <= _SHOWN_WHOLE else repr(text[:40]) + "…"


_SHOWN_WHOLE = 255


def parse_rules(text: str, fast: bool = True) -> list[Rule]:
    """The rules of an hours value; HoursError (with its column) if it is not one."""
    if not text.strip():
        raise HoursError(_("hours are empty: write 'unknown' when no times are published"))
    found = fast_path.fast_rules(text) if fast else None
    return found if found is not None else Parser(text).rules()


def parse(text: str) -> Schedule:
    """Parse an hours string into a Schedule; raises HoursError."""
    return analyse(text)[0]


@lru_cache(maxsize=1 << 16)
def analyse(text: str) -> tuple[Schedule, tuple[Message, ...]]:
    """The Schedule and the warnings for an hours string, computed once per distinct text:
    a dataset repeats the same hours many times, and equal texts then share one Schedule.
    The warnings are translated when shown (`str()`), so the cache serves every language."""
    fast = fast_path.fast_rules(text) if text.strip() else None
    # (what the fast path takes whole is in the standard form already)
    written = text if fast is not None else standard(text)
    try:
        rules = fast if fast is not None else parse_rules(text, fast=False)
    except HoursError as exc:
        if written == text:
            raise
        try:  # a form people type (`Mon-Fri 8-12 Uhr`), read as the standard one
            rules = parse_rules(written)
        except HoursError:
            raise exc from None  # the error in the value as written
    else:
        if written != text and not _reads_alike(rules, written):
            written = text  # (a value read as it stands is never "corrected" into another)
    warnings = rule_warnings(rules)
    if written != text:
        warnings.insert(0, Message(NOT_STANDARD, value=written))
    if any(rule.dates is not None for rule in rules):
        open_ends.refuse_dated_from_next_day(rules)
        return compile_dated(text, rules), tuple(warnings)
    if open_ends.from_next_day(rules):
        return open_ends.without_empty(compile_rules(text, rules)), tuple(warnings)
    return compile_rules(text, rules), tuple(warnings)


NOT_STANDARD = N_("not in the standard form: write `{value}`")


def _reads_alike(rules: list[Rule], written: str) -> bool:
    """Whether the standard form `written` reads as the same rules (what a rule says, not
    how it was written)."""
    try:
        again = parse_rules(written)
    except HoursError:
        return False
    return [r._replace(text="") for r in again] == [r._replace(text="") for r in rules]


def standard_value(text: str) -> str:
    """The value to write for an hours string: its standard form where it was read with a
    correction, else the text itself; raises HoursError where it cannot be read."""
    for warning in analyse(text)[1]:
        if warning.msgid == NOT_STANDARD:
            return str(warning.fields["value"])
    return text


def forget() -> None:
    """Drop what parsing keeps between values (for measuring a first parse)."""
    analyse.cache_clear()
    fast_path.rule_alone.cache_clear()
    fast_path.PARTS.clear()
    hours_rules.forget()


def standard_rules(text: str) -> list[Rule]:
    """The rules of an hours value that parse() accepts, read from its standard form."""
    return parse_rules(standard(text))
