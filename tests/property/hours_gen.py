"""Hypothesis strategies shared by the property tests: schedules in the subset of the
`opening_hours` syntax that `erreichbar.hours` supports, and instants in Europe/Berlin.

A generated schedule comes as a `Spec`: the text for erreichbar (with the variations our
parser accepts: German weekday names, odd case, en dashes, extra spaces, one-digit hours),
the same schedule in canonical OSM syntax for the `opening_hours` oracle, and the rules as
data for a small reference model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from erreichbar.model import Segment, State

BERLIN = ZoneInfo("Europe/Berlin")
YEARS = (2023, 2024, 2025, 2026, 2027)
DAY = 24 * 60

EN = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DE = {1: "Di", 2: "Mi", 3: "Do", 6: "So"}
COMMENTS = ("nach Vereinbarung", "x", "Termin", "nur Notfälle", "a b")


@dataclass(frozen=True)
class RuleSpec:
    always: bool  # 24/7
    items: tuple[tuple, ...]  # ("day", d) | ("range", a, b) | ("ph",)
    spans: tuple[tuple[int, int], ...]
    modifier: str | None  # None | "open" | "off" | "closed" | "unknown"
    comment: str | None
    join: str = ";"  # how it follows the rule before it: ";", "," (additional), "||" (fallback)

    @property
    def state(self) -> State:
        if self.modifier in ("off", "closed"):
            return State.CLOSED
        if self.modifier == "unknown" or (self.modifier is None and self.comment):
            return State.UNKNOWN  # a comment without a state is unknown (the specification)
        return State.OPEN

    @property
    def holidays(self) -> bool:
        return any(item[0] == "ph" for item in self.items)

    def weekdays(self) -> frozenset[int]:
        days: set[int] = set()
        for item in self.items:
            if item[0] == "day":
                days.add(item[1])
            elif item[0] == "range":
                first, last = item[1], item[2]
                days.update((first + k) % 7 for k in range((last - first) % 7 + 1))
        return frozenset(days)

    def matches(self, weekday: int, holiday: bool) -> bool:
        if self.always or not self.items:
            return True
        return weekday in self.weekdays() or (self.holidays and holiday)


@dataclass(frozen=True)
class Spec:
    text: str  # for erreichbar.hours.parse
    oracle: str  # canonical OSM syntax, '; PH off' appended where our semantics imply it
    rules: tuple[RuleSpec, ...]

    @property
    def has_comments(self) -> bool:
        return any(r.comment for r in self.rules)

    def expected_days(self) -> tuple[tuple[Segment, ...], ...]:
        """Reference model of `Schedule.days`, minute by minute, as the specification reads
        the rules in order: a `;` rule that applies on a day starts the day afresh, unless
        it is `off` with times, which closes just them; a `,` rule adds its times; a `||`
        rule applies only on days no earlier rule selected. Holidays are closed unless some
        rule selects PH or is 24/7."""
        implicit_ph_off = not any(r.holidays or r.always for r in self.rules)
        kinds = [(weekday, holiday) for holiday in (False, True) for weekday in range(7)]

        def applying(weekday: int, holiday: bool) -> list[bool]:
            out, selected = [], False
            for rule in self.rules:
                applies = rule.matches(weekday, holiday) and not (rule.join == "||"
                                                                 and selected)
                selected = selected or applies
                out.append(applies)
            return out

        def day(kind: tuple[int, bool], before: tuple[int, bool] | None) -> tuple:
            if kind[1] and implicit_ph_off:
                return ()
            today, yesterday = applying(*kind), applying(*before) if before else None
            minutes: list[tuple[State, str | None] | None] = [None] * DAY
            for n, rule in enumerate(self.rules):
                value = None if rule.state is State.CLOSED and not rule.comment \
                    else (rule.state, rule.comment)  # (closed keeps a comment it has)
                if today[n]:
                    if rule.join != "," and not (rule.state is State.CLOSED and rule.spans):
                        minutes = [None] * DAY
                    for start, end in rule.spans or ((0, DAY),):
                        for m in range(start, min(end, DAY)):
                            minutes[m] = value
                if yesterday is not None and yesterday[n]:
                    for start, end in rule.spans:  # the part past midnight
                        for m in range(max(start, DAY), end):
                            minutes[m - DAY] = value
            return _runs(minutes)

        out = [day(kind, None) for kind in kinds]
        if any(end > DAY for r in self.rules for _, end in r.spans):
            out += [day(kind, before) for before in kinds for kind in kinds]
        return tuple(out)


def _runs(minutes: list[tuple[State, str | None] | None]) -> tuple[Segment, ...]:
    segments = []
    m = 0
    while m < DAY:
        key = minutes[m]
        start = m
        while m < DAY and minutes[m] == key:
            m += 1
        if key is not None:
            segments.append(Segment(start, m, key[0], key[1]))
    return tuple(segments)


# --- times -----------------------------------------------------------------------------

_GRID = tuple(range(0, DAY + 1, 30))
_DST_BAND = tuple(range(60, 241, 15))  # 01:00-04:00, around both clock changes
_BASE = st.one_of(st.sampled_from(_GRID), st.integers(0, DAY))
_BAND = st.one_of(st.sampled_from(_DST_BAND), st.integers(60, 240))

# Wall-clock minutes 0..1440, for span boundaries.
# "safe": no boundary in (02:00, 03:00], where wall-clock minutes cannot be mapped one-to-one
# onto instants on the days the clocks change; "any": anything, with the 01:00-04:00 band
# now and then; "band": mostly in that band.
MINUTES = {
    "safe": _BASE.filter(lambda m: not 120 < m <= 180),
    "any": st.one_of(_BASE, _BASE, _BASE, _BAND),
    "band": st.one_of(_BAND, _BAND, _BASE),
}


def _span(ab: tuple[int, int]) -> tuple[int, int]:
    a, b = sorted(ab)
    return (a, b) if a < b else (a, DAY) if a < DAY else (0, DAY)


def _night(ab: tuple[int, int]) -> tuple[int, int]:
    """A span past midnight: from the larger to the smaller time of the next day."""
    a, b = sorted(ab)
    return (b, DAY + a) if 0 < a < b < DAY else _span(ab)


_SPAN = {k: st.one_of(st.tuples(m, m).map(_span), st.tuples(m, m).map(_span),
                      st.tuples(m, m).map(_span), st.tuples(m, m).map(_night))
         for k, m in MINUTES.items()}
SPANS = {k: st.lists(s, min_size=1, max_size=3).map(tuple) for k, s in _SPAN.items()}


# --- rules ----------------------------------------------------------------------------

_ITEMS = st.lists(
    st.one_of(
        st.tuples(st.just("day"), st.integers(0, 6)),
        st.tuples(st.just("range"), st.integers(0, 6), st.integers(0, 6)),
    ),
    min_size=1,
    max_size=3,
)
_COMMENT = st.sampled_from(COMMENTS)
_ALWAYS_MODIFIER = st.sampled_from((None, None, "open", "unknown", "off"))
_MODIFIER = st.sampled_from((None, None, None, "open", "unknown", "off", "closed"))
_MODIFIER_NO_SPANS = st.sampled_from((None, None, None, "open", "unknown", "off", "off",
                                      "closed"))
_ONLY_MODIFIER = st.sampled_from(("off", "unknown", "open"))
_ONE_IN = {n: st.integers(0, n - 1) for n in (3, 4, 5, 10, 12)}


@st.composite
def rules(draw, dst: str) -> RuleSpec:
    comment = draw(_COMMENT) if draw(_ONE_IN[10]) == 0 else None
    if draw(_ONE_IN[12]) == 0:
        return RuleSpec(True, (), (), draw(_ALWAYS_MODIFIER), comment)
    if comment and draw(_ONE_IN[10]) == 0:
        return RuleSpec(False, (), (), None, comment)  # a rule that is only a comment
    items: list[tuple] = []
    if draw(_ONE_IN[5]):
        items = draw(_ITEMS)
        if draw(_ONE_IN[4]) == 0:
            items.insert(draw(_ONE_IN[4]) % (len(items) + 1), ("ph",))
    elif draw(_ONE_IN[4]) == 0:
        items = [("ph",)]
    rule_spans = draw(SPANS[dst]) if draw(_ONE_IN[4]) else ()
    modifier = draw(_MODIFIER if rule_spans else _MODIFIER_NO_SPANS)
    if not items and not rule_spans and modifier is None and not comment:
        modifier = draw(_ONLY_MODIFIER)
    return RuleSpec(False, tuple(items), rule_spans, modifier, comment)


_JOIN = st.sampled_from((";", ";", ";", ",", "||"))


def _joined(draw, rule: RuleSpec, earlier: list[RuleSpec]) -> RuleSpec:
    """The rule with how it follows the rules before it: `,` and `||` only where the text
    stays one reading (an additional rule begins with days, after a rule that ends in
    times, a state or a comment), and `||` only where opening-hours-py reads it as
    opening_hours.js does (a fallback rule has days, and no earlier rule is `off`: see the
    README)."""
    before = earlier[-1]
    join = draw(_JOIN)
    days = bool(rule.items) and not rule.always
    if join == "," and not (days and (before.always or before.spans or before.modifier
                                      or before.comment)):
        join = ";"
    if join == "||" and (not days or any(r.state is State.CLOSED for r in earlier)):
        join = ";"
    return RuleSpec(rule.always, rule.items, rule.spans, rule.modifier, rule.comment, join)


def _end(start: int, end: int, wrapped: bool) -> int:
    """An end past midnight as written: `26:00`, or `02:00` (before the start)."""
    return end - DAY if wrapped and end > DAY and end - DAY < start else end


def _without_nights(rule: RuleSpec) -> RuleSpec:
    spans = tuple((a, min(b, DAY)) for a, b in rule.spans)
    return RuleSpec(rule.always, rule.items, spans, rule.modifier, rule.comment, rule.join)


def _fmt(m: int, short: bool = False) -> str:
    return f"{m // 60}:{m % 60:02d}" if short else f"{m // 60:02d}:{m % 60:02d}"


def oracle_rule(rule: RuleSpec) -> str:
    parts = []
    if rule.always:
        parts.append("24/7")
    if rule.items:
        sel = [EN[i[1]] if i[0] == "day" else f"{EN[i[1]]}-{EN[i[2]]}"
               for i in rule.items if i[0] != "ph"]
        parts.append(",".join((["PH"] if rule.holidays else []) + sel))  # OSM: PH first
    if rule.spans:
        parts.append(",".join(f"{_fmt(a)}-{_fmt(b)}" for a, b in rule.spans))
    if rule.modifier:
        parts.append(rule.modifier)
    elif rule.comment:
        # opening_hours.js and the specification read a comment without a state as unknown;
        # opening-hours-py reads it as open, so the oracle is told the state outright
        parts.append("unknown")
    if rule.comment:
        parts.append(f'"{rule.comment}"')
    return " ".join(parts)


_BOOL = st.booleans()
_DASH = st.sampled_from(("-", "-", "-", "–", " - "))
_COMMA = st.sampled_from((",", ",", ", "))
_SEPARATORS = {";": st.sampled_from(("; ", ";", " ; ")),
               ",": st.sampled_from((", ", ",", " , ")),
               "||": st.sampled_from((" || ", "||", " ||"))}
_ORACLE_SEPARATORS = {";": "; ", ",": ", ", "||": " || "}


@st.composite
def our_rule(draw, rule: RuleSpec) -> str:
    """The rule as a clerk might write it; every variation is accepted by hours.py."""

    def day(d: int) -> str:
        name = DE[d] if d in DE and draw(_BOOL) else EN[d]
        return (name, name, name.lower(), name.upper())[draw(_ONE_IN[4])]

    def dash() -> str:
        return draw(_DASH)

    def comma() -> str:
        return draw(_COMMA)

    parts = []
    if rule.always:
        parts.append("24/7")
    if rule.items:
        sel = []
        for item in rule.items:
            if item[0] == "ph":
                sel.append(("PH", "PH", "ph")[draw(_ONE_IN[3])])
            elif item[0] == "day":
                sel.append(day(item[1]))
            else:
                sel.append(f"{day(item[1])}{dash()}{day(item[2])}")
        parts.append(comma().join(sel))
    if rule.spans:
        parts.append(comma().join(
            f"{_fmt(a, draw(_BOOL))}{dash()}{_fmt(_end(a, b, draw(_BOOL)), draw(_BOOL))}"
            for a, b in rule.spans))
    if rule.modifier:
        parts.append(rule.modifier)
    if rule.comment:
        pad = ("", "", " ")[draw(_ONE_IN[3])]
        parts.append(f'"{pad}{rule.comment}{pad}"')
    return (" ", " ", "  ")[draw(_ONE_IN[3])].join(parts)


@st.composite
def schedules(draw, dst: str = "any", max_rules: int = 4) -> Spec:
    drawn = draw(st.lists(rules(dst), min_size=1, max_size=max_rules))
    rule_list = tuple(drawn[:1] + [_joined(draw, r, drawn[:i + 1])
                                   for i, r in enumerate(drawn[1:])])
    # spans past midnight in the first rule and in additional rules, not `off`, and not
    # with a fallback rule: where opening-hours-py places their rest on the next day as
    # opening_hours.js does (README)
    fallback = any(r.join == "||" for r in rule_list)
    rule_list = tuple(r if (i == 0 or r.join == ",") and r.state is not State.CLOSED
                      and not fallback else _without_nights(r)
                      for i, r in enumerate(rule_list))
    text = "".join(
        (draw(_SEPARATORS[r.join]) if i else "") + draw(our_rule(r))
        for i, r in enumerate(rule_list)
    )
    oracle = "".join((_ORACLE_SEPARATORS[r.join] if i else "") + oracle_rule(r)
                     for i, r in enumerate(rule_list))
    if not any(r.holidays or r.always for r in rule_list):
        oracle += "; PH off"
    return Spec(text, oracle, rule_list)


# --- instants ---------------------------------------------------------------------------

def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


DST_SUNDAYS = tuple(last_sunday(y, m) for y in YEARS for m in (3, 10))


def _from_local_midnight(day: date, minute: int, second: int) -> datetime:
    """`minute` minutes of real time after local midnight (midnight exists and is unique
    in Europe/Berlin), so both passes through the repeated autumn hour occur."""
    midnight = datetime.combine(day, time(0), tzinfo=BERLIN).astimezone(UTC)
    return (midnight + timedelta(minutes=minute, seconds=second)).astimezone(BERLIN)


_SECOND = st.sampled_from((0, 0, 0, 30, 59))
_YEAR = st.sampled_from(YEARS)
_DAY_OF_YEAR = st.integers(0, 364)
_MINUTE_OF_DAY = st.integers(0, DAY - 1)
_DST_SUNDAY = st.sampled_from(DST_SUNDAYS)
_WEEK = st.integers(-7, 7)
_NIGHT = st.integers(0, 6 * 60)


@st.composite
def _instant(draw, kinds: st.SearchStrategy[str]) -> datetime:
    kind = draw(kinds)
    second = draw(_SECOND)
    if kind == "any":
        day = date(draw(_YEAR), 1, 1) + timedelta(days=draw(_DAY_OF_YEAR))
        return _from_local_midnight(day, draw(_MINUTE_OF_DAY), second)
    sunday = draw(_DST_SUNDAY)
    if kind == "dst_week":
        day = sunday + timedelta(days=draw(_WEEK))
        return _from_local_midnight(day, draw(_MINUTE_OF_DAY), second)
    return _from_local_midnight(sunday, draw(_NIGHT), second)


def instants(kinds: tuple[str, ...] = ("any", "any", "dst_week", "dst_night")
             ) -> st.SearchStrategy[datetime]:
    """Aware instants in Europe/Berlin, 2023-2027, often in the weeks of a clock change
    ("dst_week": the week before or after one, "dst_night": 00:00-06:00 of that Sunday)."""
    return _instant(st.sampled_from(kinds))


def utc(dt: datetime) -> datetime:
    """Compare aware datetimes only in UTC: two datetimes sharing a tzinfo are compared
    by wall clock, which ignores `fold` in the repeated autumn hour."""
    return dt.astimezone(UTC)
