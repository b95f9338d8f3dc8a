"""Differential tests: erreichbar's engine against the independent `opening_hours`
implementation (PyPI opening-hours-py), on random schedules and instants.

How the two are made comparable:

* Our public holidays are closed unless a rule selects PH or the hours are 24/7; the
  oracle gets '; PH off' appended in the other cases (see hours_gen.Spec.oracle).
* The oracle is fed naive local wall-clock times and answers in wall-clock times, which is
  the semantics of our engine too (segments are wall-clock minutes). Its answers are turned
  into instants as the first instant whose wall clock shows that time or later (the first
  occurrence in the repeated autumn hour, the end of the gap for a time skipped in spring),
  the rule `Calendar.at` documents.
* With country="DE" the oracle knows exactly the nationwide German holidays (checked below);
  Hessen adds Fronleichnam. Instants are skipped when a Hessen-only holiday lies between the
  instant and the times compared.
* A closed rule with a comment keeps it (`PH off "Feiertag"`), in both.
* No fallback rules (`||`): opening-hours-py applies one only on days no earlier rule
  selects, opening_hours.js (the reference, and this tool) at every time the earlier rules
  leave closed. Fallback rules are held against the model in hours_gen (test_invariants)
  and against opening_hours.js's own expectations (tests/test_reference_*.py).
* In the second pass through the repeated autumn hour the oracle is asked about the last
  minute of that hour (see `oracle_wall`): boundaries there mean their first occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import holidays
import opening_hours
import pytest
from hours_gen import BERLIN, YEARS, instants, schedules, utc
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from erreichbar.calendar.civil import Calendar
from erreichbar.data.model import State
from erreichbar.hours import engine
from erreichbar.hours import reader as hours

CAL = Calendar("Europe/Berlin", "DE-HE")
_ALL_YEARS = range(YEARS[0], YEARS[-1] + 3)
NATIONWIDE = frozenset(holidays.country_holidays("DE", years=_ALL_YEARS))
HESSEN = frozenset(holidays.country_holidays("DE", subdiv="HE", years=_ALL_YEARS))
HESSEN_ONLY = HESSEN - NATIONWIDE
HORIZON = timedelta(days=engine.UNTIL_HORIZON_DAYS)
LOOK = 120  # days of oracle intervals looked at for the next open window
# Without a limit the oracle looks for a change up to the year 9999, seconds for a schedule
# like "Mo-Su; PH"; further than the 14-day horizon we only need to know "beyond".
ORACLE_LIMIT_DAYS = engine.UNTIL_HORIZON_DAYS + 7


def oracle(text: str, limited: bool = True) -> opening_hours.OpeningHours:
    return opening_hours.OpeningHours(
        text, country="DE", max_interval_days=ORACLE_LIMIT_DAYS if limited else None
    )


def hessen_only_between(first: date, last: date) -> bool:
    return any(first <= d <= last for d in HESSEN_ONLY)


def wall(instant: datetime) -> datetime:
    """The naive local wall-clock time of an instant, as the oracle wants it."""
    return instant.astimezone(BERLIN).replace(tzinfo=None)


def _repeated(naive: datetime) -> bool:
    return naive.replace(tzinfo=BERLIN, fold=0).utcoffset() != \
        naive.replace(tzinfo=BERLIN, fold=1).utcoffset()


def oracle_wall(instant: datetime) -> datetime:
    """The wall-clock time to ask the oracle about `instant`.

    Boundaries in the repeated autumn hour mean their first occurrence, so during the
    second pass through that hour all of them have been passed: the state is the one of
    the hour's last minute (02:59). Everywhere else it is the wall clock."""
    local = instant.astimezone(BERLIN)
    naive = local.replace(tzinfo=None)
    if local.fold == 1 and _repeated(naive):
        naive = naive.replace(second=0, microsecond=0)
        while _repeated(naive + timedelta(minutes=1)):
            naive += timedelta(minutes=1)
    return naive


def _exists(naive: datetime) -> bool:
    return naive.replace(tzinfo=BERLIN).astimezone(UTC).astimezone(BERLIN).replace(
        tzinfo=None) == naive


def read_wall(naive: datetime) -> datetime:
    """A naive wall-clock answer of the oracle as an instant: the first instant whose wall
    clock shows that time or later. In the repeated autumn hour that is the first
    occurrence (fold=0); a time skipped in spring becomes the end of the gap (03:00)."""
    while not _exists(naive):
        naive += timedelta(minutes=1)
    return naive.replace(tzinfo=BERLIN).astimezone(UTC)


@dataclass
class Stretch:
    start: datetime  # naive wall clock, as the oracle says
    end: datetime
    start_u: datetime  # read as instants
    end_u: datetime
    key: tuple[str, str]  # (state, comment)


def oracle_stretches(oh: opening_hours.OpeningHours, start: datetime, days: int,
                     by_comment: bool = True):
    """The oracle's intervals from `start` for `days` days as maximal stretches of constant
    (state, comment) in real time, or of constant state (not `by_comment`: the key keeps
    the comment at the stretch's start): a piece that the spring gap swallows (its start
    and end are the same instant) never happens, and what it separated joins up if alike."""
    cur: Stretch | None = None
    for s, e, state, comment in oh.intervals(start, start + timedelta(days=days)):
        s_u, e_u = read_wall(s), read_wall(e)
        if s_u == e_u and cur is not None:
            continue
        key = (str(state), comment)
        if cur is not None and cur.end_u == s_u \
                and (cur.key == key if by_comment else cur.key[0] == key[0]):
            cur.end, cur.end_u = e, e_u
            continue
        if cur is not None:
            yield cur
        cur = Stretch(s, e, s_u, e_u, key)
    if cur is not None:
        yield cur


def test_oracle_knows_exactly_the_nationwide_holidays():
    """The premise of the skipping rule: PH in the oracle = nationwide holidays, and Hessen
    adds only Fronleichnam to them in these years."""
    oh = opening_hours.OpeningHours("PH", country="DE")
    seen = set()
    first = datetime(YEARS[0], 1, 1)
    for s, e, state, _ in oh.intervals(first, datetime(YEARS[-1] + 1, 1, 1)):
        if str(state) == "open":
            d = s.date()
            while datetime.combine(d, datetime.min.time()) < e:
                seen.add(d)
                d += timedelta(days=1)
    expected = {d for d in NATIONWIDE if YEARS[0] <= d.year <= YEARS[-1]}
    assert seen == expected
    names = holidays.country_holidays("DE", subdiv="HE", years=YEARS)
    assert {names[d] for d in HESSEN_ONLY if d.year in YEARS} == {"Corpus Christi"}


@pytest.mark.parametrize("day", sorted(d for d in HESSEN_ONLY if d.year in YEARS))
def test_hessen_only_holidays_are_closed_for_us(day):
    """Where the oracle cannot help: Fronleichnam is a holiday in Hessen."""
    schedule = hours.parse("Mo-Su 08:00-18:00")
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=BERLIN)
    st = engine.status(schedule, CAL, noon)
    assert st.state is State.CLOSED
    assert st.holiday is not None


@settings(max_examples=300, deadline=None)
@given(spec=schedules(fallback=False), instant=instants())
def test_state_and_end_of_stretch_match_oracle(spec, instant):
    check_state_and_end(spec, instant)


def check_state_and_end(spec, instant, oracle_change: bool = True) -> None:
    """State, comment and the end of the current stretch at `instant`, ours and the
    oracle's (with `oracle_change`, the oracle's next change is checked against its own
    stretches first). Shared with test_oracle_dates.py."""
    schedule = hours.parse(spec.text)
    oh = oracle(spec.oracle)
    local = oracle_wall(instant)
    today = local.date()
    assume(not hessen_only_between(today, today + HORIZON + timedelta(days=1)))

    ours = engine.status(schedule, CAL, instant)
    state, comment = oh.state(local)
    assert ours.state == str(state), (spec.text, spec.oracle, local)
    assert (ours.comment or "") == comment, (spec.text, spec.oracle, local)

    # where the current state ends (`until`) and where its comment does: the oracle's
    # stretches of state and of (state, comment), read as instants (and joined over a piece
    # that the spring gap swallows); its next change is the end of the latter
    here = local.replace(second=0, microsecond=0)
    by_comment = oracle_stretches(oh, local, HORIZON.days + 2)
    noted = next(by_comment)
    current = next(oracle_stretches(oh, local, HORIZON.days + 2, by_comment=False))
    if oracle_change:
        change = oh.next_change(local)
        assert change is None or change == noted.end or not _exists(change) \
            or change - here > HORIZON
    if current.end - here > HORIZON:
        assert ours.current.end is None, (spec.text, spec.oracle, local, current)
    else:
        assert ours.current.end is not None, (spec.text, spec.oracle, local, current)
        assert utc(ours.current.end) == current.end_u, (spec.text, spec.oracle, local)
    if noted.end_u < current.end_u and noted.end - here <= HORIZON:
        assert ours.comment_until is not None, (spec.text, spec.oracle, local, noted)
        assert utc(ours.comment_until) == noted.end_u, (spec.text, spec.oracle, local)
        then = next(by_comment)
        assert (ours.next_comment or "") == then.key[1], (spec.text, spec.oracle, local)
    else:
        assert ours.comment_until is None, (spec.text, spec.oracle, local, noted)


@settings(max_examples=200, deadline=None)
@given(spec=schedules(fallback=False), instant=instants())
def test_next_open_window_matches_oracle(spec, instant):
    check_next_open(spec, instant)


def check_next_open(spec, instant) -> None:
    """`status(...).next_open`: the first open stretch after the current one, compared
    where it starts within LOOK days. Shared with test_oracle_dates.py."""
    schedule = hours.parse(spec.text)
    oh = oracle(spec.oracle, limited=False)  # intervals() gets an end instead
    local = oracle_wall(instant)
    limit = local + timedelta(days=LOOK - 1)
    ours = engine.status(schedule, CAL, instant).next_open

    stretches = oracle_stretches(oh, local, LOOK, by_comment=False)
    next(stretches)  # the current stretch
    expected = next((s for s in stretches if s.key[0] == "open" and s.start <= limit), None)
    decided = [limit if expected is None else expected.end]
    if ours is not None:
        decided += [wall(t) for t in (ours.start, ours.end) if t is not None]
    assume(not hessen_only_between(local.date(), min(max(decided), limit).date()))

    if expected is None:
        assert ours is None or wall(ours.start) > limit, (spec.text, spec.oracle, local)
        return
    assert ours is not None, (spec.text, spec.oracle, local, expected)
    assert utc(ours.start) == expected.start_u, (spec.text, spec.oracle, local)
    assert (ours.comment or "") == expected.key[1], (spec.text, spec.oracle, local)
    if expected.end < limit:  # not cut off by the look-ahead
        assert ours.end is not None, (spec.text, spec.oracle, local, expected)
        assert utc(ours.end) == expected.end_u, (spec.text, spec.oracle, local)


LONG_STRETCHES = (
    "24/7 unknown; PH off",
    "Mo-Su; PH off",
    "Mo-Su 00:00-24:00; PH off",
    "unknown; PH off",
    "off; PH",
    "off; PH unknown",
    "Mo-Su 00:00-24:00 \"x\"; PH off",
)


@settings(max_examples=150, deadline=None)
@given(
    text=st.sampled_from(LONG_STRETCHES),
    holiday=st.sampled_from(sorted(d for d in NATIONWIDE if d.year in YEARS)),
    before=st.integers(12 * 24 * 60, 16 * 24 * 60),
)
def test_until_horizon_matches_oracle(text, holiday, before):
    """Stretches that end only at the next holiday, seen from 12-16 days before it: the
    14-day horizon of `until` (None beyond it) against the oracle."""
    local = datetime.combine(holiday, datetime.min.time()) - timedelta(minutes=before)
    instant = local.replace(tzinfo=BERLIN)
    assume(wall(instant) == local)  # not in the hour skipped in spring
    assume(not hessen_only_between(local.date(), holiday))
    ours = engine.status(hours.parse(text), CAL, instant)
    change = oracle(text).next_change(local)
    if change is None or change - local > HORIZON:
        assert ours.until is None, (text, local, change)
    else:
        assert ours.until is not None, (text, local, change)
        assert utc(ours.until) == read_wall(change)
