"""Comparing the engine with opening_hours.js, the reference evaluator of the opening_hours
language, through fixtures its own run produced once (scripts/reference/opening_hours_js.js;
tests/data/opening_hours_js/README.md says where they come from and how to make them again).

A timeline is the list of (start, end, state) stretches that cover a range without gaps,
neighbours of one state joined: comments are not compared. The suite's expected intervals
list the open and unknown times; every other time of the range is closed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from erreichbar.calendar.civil import Calendar
from erreichbar.errors import HoursError
from erreichbar.hours import engine
from erreichbar.hours import reader as hours
from erreichbar.hours.values import State

DATA = Path(__file__).parent / "data"
SUITE = DATA / "opening_hours_js" / "suite.json"
RANDOM = DATA / "opening_hours_js" / "random.json"
OSM = DATA / "osm_values" / "values.json"
ZONE = "Europe/Berlin"

# `17:00+`, `open end`, `openend`; not the `+2 days` of a date offset
OPEN_END = re.compile(r"\d\s*\+(?!\s*\d)|open\s*end", re.IGNORECASE)

# `PH +1 day`: a day next to a holiday, which may be a holiday itself; this tool closes a
# holiday that no rule selects with PH (docs/data-format.md), opening_hours.js does not
HOLIDAY_OFFSET = re.compile(r"\bPH\s*[+-]\s*\d")
CAUSES = ("fallback", "lenient form refused", "open end", "spec form refused",
          "holiday closed by design", "other")

Timeline = list[tuple[datetime, datetime, State]]


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def suite_cases(fixture: dict) -> list[dict]:
    """One case per value of the suite's tests: the value, what opening_hours.js says of it,
    and its test's range and expected intervals."""
    return [dict(test, **value) for test in fixture["tests"] for value in test["values"]]


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def _no_holidays(_region: str, _lang: str, _year: int) -> dict[date, str]:
    return {}


def mentions_holidays(value: str) -> bool:
    return re.search(r"\bPH\b", value) is not None


@cache
def calendar(nominatim: str) -> Calendar:
    """The calendar of a test's region: opening_hours.js's suite gives no holidays to a value
    without a place (`{}`), and a German state's (de_bw: Baden-Württemberg) to the others."""
    if nominatim in ("empty", "none"):
        return Calendar(ZONE, "DE-BW", tables=_no_holidays)
    country, _, state = nominatim.partition("_")
    return Calendar(ZONE, f"{country}-{state}".upper())


def joined(pieces: Iterable[tuple[datetime, datetime, State]], start: datetime, end: datetime
           ) -> Timeline:
    """Open and unknown pieces (in order) as a gapless timeline of [start, end)."""
    out: Timeline = []

    def add(s: datetime, e: datetime, state: State) -> None:
        if s >= e:
            return
        if out and out[-1][2] is state and out[-1][1] == s:
            out[-1] = (out[-1][0], e, state)
        else:
            out.append((s, e, state))

    at = start
    for s, e, state in pieces:
        s, e = max(s, start), min(e, end)
        add(at, s, State.CLOSED)
        add(s, e, state)
        at = max(at, e)
    add(at, end, State.CLOSED)
    return out


def expected_timeline(case: dict) -> Timeline:
    """The suite's own expectation for a case, as written in test.js."""
    pieces = [(utc(start), utc(end), State.UNKNOWN if unknown else State.OPEN)
              for _start, _end, unknown, _comment, start, end in case["expected"]]
    return joined(pieces, utc(case["from_utc"]), utc(case["to_utc"]))


def calendar_for(value: str, nominatim: str, corrected_to: str | None = None) -> Calendar:
    """The calendar to evaluate a value in. Holidays change nothing in opening_hours.js unless
    the value says `PH` (or is corrected to a value that does: `public holidays`); here they
    close a value that does not (docs/data-format.md, by design: an office is closed on a
    holiday). That one known difference is left out by giving such a value no holidays,
    which is what opening_hours.js's reading amounts to."""
    says = mentions_holidays(value) or mentions_holidays(corrected_to or "")
    return calendar(nominatim if says else "empty")


def engine_timeline(value: str, nominatim: str, start: datetime, end: datetime,
                    corrected_to: str | None = None) -> Timeline:
    """What the engine makes of a value over [start, end); HoursError if it refuses it."""
    schedule = hours.parse(value)
    found = engine.windows(schedule, calendar_for(value, nominatim, corrected_to), start, end,
                           states=(State.OPEN, State.UNKNOWN))
    return joined(((w.start.astimezone(UTC), w.end.astimezone(UTC), w.state)
                   for w in found if w.start is not None and w.end is not None), start, end)


@dataclass(frozen=True)
class Outcome:
    """How the engine did on one case: agreed, refused (with the reason) or differed (with
    the first interval that differs, as the suite has it and as the engine has it)."""

    case: dict
    refused: str | None = None
    first_difference: str | None = None

    @property
    def agrees(self) -> bool:
        return self.refused is None and self.first_difference is None

    @property
    def cause(self) -> str:
        """The likely cause of a disagreement, for the report."""
        value = self.case["value"]
        if "||" in value:
            return "fallback"
        if self.refused is not None and corrected(self.case):
            return "lenient form refused"
        if OPEN_END.search(value):
            return "open end"
        if self.refused is not None:
            return "spec form refused"  # opening_hours.js reads it as written
        prettified = self.case["opening_hours_js"].get("prettified") or ""
        if HOLIDAY_OFFSET.search(value) or HOLIDAY_OFFSET.search(prettified):
            return "holiday closed by design"  # (`day after public holiday` too)
        return "other"


def _show(piece: tuple[datetime, datetime, State] | None) -> str:
    if piece is None:
        return "nothing"
    zone = calendar("empty").tz
    s, e, state = piece
    return (f"{s.astimezone(zone):%Y-%m-%d %H:%M}–{e.astimezone(zone):%Y-%m-%d %H:%M} "
            f"{state.value}")


def first_difference(want: Timeline, got: Timeline) -> str | None:
    for k in range(max(len(want), len(got))):
        w = want[k] if k < len(want) else None
        g = got[k] if k < len(got) else None
        if w != g:
            return f"suite {_show(w)}, engine {_show(g)}"
    return None


def compare(case: dict) -> Outcome:
    start, end = utc(case["from_utc"]), utc(case["to_utc"])
    try:
        got = engine_timeline(case["value"], case["nominatim"], start, end,
                              case["opening_hours_js"].get("prettified"))
    except HoursError as exc:
        return Outcome(case, refused=str(exc) or "(no reason given)")
    return Outcome(case, first_difference=first_difference(expected_timeline(case), got))


def corrected(case: dict) -> bool:
    """Whether opening_hours.js accepts the value only in a corrected form: its prettified
    value is another text. (Its other warnings are advice, `The year is in the past`, `Please
    add a time selector`, on values it reads as written.)"""
    reference = case["opening_hours_js"]
    return bool(reference.get("accepted")) and reference.get("prettified") != case["value"]


def outcomes(cases: list[dict]) -> list[Outcome]:
    return [compare(case) for case in cases]


def describe(outcome: Outcome) -> str:
    case = outcome.case
    what = (f"refused: {outcome.refused}" if outcome.refused is not None
            else outcome.first_difference)
    return f"  test.js:{case['line']} {case['value']!r} [{outcome.cause}]: {what}"


def report(outcomes: list[Outcome]) -> str:
    """The disagreements grouped by cause, one line each."""
    lines = []
    for cause in CAUSES:
        group = [o for o in outcomes if not o.agrees and o.cause == cause]
        if group:
            lines.append(f"{cause}: {len(group)}")
            lines.extend(describe(o) for o in group)
    return "\n".join(lines)


LETTER = {State.OPEN: "o", State.CLOSED: "c", State.UNKNOWN: "u"}


def instant(wall: str) -> datetime:
    """A Berlin wall-clock time of a fixture (never in a DST change's ambiguous hour)."""
    return datetime.fromisoformat(wall).replace(tzinfo=calendar("empty").tz)


def engine_states(value: str, nominatim: str, walls: list[str],
                  corrected_to: str | None = None) -> str:
    """The engine's state at each instant, one letter each as the fixtures write them
    (o, c, u); HoursError if it refuses the value."""
    schedule = hours.parse(value)
    cal = calendar_for(value, nominatim, corrected_to)
    return "".join(LETTER[engine.status(schedule, cal, instant(w)).state] for w in walls)


@dataclass(frozen=True)
class StateOutcome:
    """The engine against opening_hours.js's states of one value at a fixture's instants."""

    value: str
    reference: str  # opening_hours.js's letters
    got: str | None  # the engine's, None where it refuses the value
    refused: str | None = None

    @property
    def agrees(self) -> bool:
        return self.got == self.reference

    @property
    def cause(self) -> str:
        if "||" in self.value:
            return "fallback"
        if OPEN_END.search(self.value):
            return "open end"
        if self.got is None:
            return "lenient form refused"
        return "other"

    def describe(self, walls: list[str]) -> str:
        if self.got is None:
            return f"  {self.value!r} [{self.cause}]: refused: {self.refused}"
        k = next(k for k, (a, b) in enumerate(zip(self.reference, self.got, strict=True))
                 if a != b)
        return (f"  {self.value!r} [{self.cause}]: at {walls[k]} opening_hours.js "
                f"{self.reference[k]}, engine {self.got[k]}")


def compare_states(fixture: dict) -> list[StateOutcome]:
    """Every value opening_hours.js accepted, against its states."""
    out = []
    for result in fixture["results"]:
        if not result["accepted"]:
            continue
        try:
            got = engine_states(result["value"], fixture["nominatim"], fixture["instants"],
                                result.get("prettified"))
        except HoursError as exc:
            out.append(StateOutcome(result["value"], result["states"], None, str(exc)))
            continue
        out.append(StateOutcome(result["value"], result["states"], got))
    return out


def state_report(fixture: dict, results: list[StateOutcome]) -> str:
    """The values that differ at some instant, grouped by likely cause."""
    lines = []
    for cause in CAUSES:
        group = [o for o in results if not o.agrees and o.cause == cause]
        if group:
            lines.append(f"{cause}: {len(group)}")
            lines.extend(o.describe(fixture["instants"]) for o in group)
    return "\n".join(lines)
