"""Hypothesis strategies shared by the property tests: schedules in the subset of the
`opening_hours` syntax that `erreichbar.hours.reader` supports, and instants in Europe/Berlin.

A generated schedule comes as a `Spec`: the text for erreichbar (with the variations our
parser accepts: German weekday names, odd case, en dashes, extra spaces, one-digit hours),
the same schedule in canonical OSM syntax for the `opening_hours` oracle, and the rules as
data for a small reference model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter as _easter
from hypothesis import strategies as st

from erreichbar.data.model import Segment, State

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
        rule gives its state to the minutes the rules before it left closed, as
        opening_hours.js evaluates it. Holidays are closed unless some rule selects PH or is
        24/7."""
        implicit_ph_off = not any(r.holidays or r.always for r in self.rules)
        kinds = [(weekday, holiday) for holiday in (False, True) for weekday in range(7)]

        def applying(weekday: int, holiday: bool) -> list[bool]:
            return [rule.matches(weekday, holiday) for rule in self.rules]

        def closed(minute: tuple[State, str | None] | None) -> bool:
            return minute is None or minute[0] is State.CLOSED

        # a `,` rule after a `||` rule is a fallback rule too (opening_hours.js)
        joins: list[str] = []
        for rule in self.rules:
            joins.append("||" if rule.join == "," and joins and joins[-1] == "||"
                         else rule.join)

        def day(kind: tuple[int, bool], before: tuple[int, bool] | None) -> tuple:
            if kind[1] and implicit_ph_off:
                return ()
            today, yesterday = applying(*kind), applying(*before) if before else None
            minutes: list[tuple[State, str | None] | None] = [None] * DAY
            for n, rule in enumerate(self.rules):
                value = None if rule.state is State.CLOSED and not rule.comment \
                    else (rule.state, rule.comment)  # (closed keeps a comment it has)
                fills = joins[n] == "||"
                if today[n]:
                    if rule.join == ";" and not (rule.state is State.CLOSED and rule.spans):
                        minutes = [None] * DAY
                    for start, end in rule.spans or ((0, DAY),):
                        for m in range(start, min(end, DAY)):
                            if not fills or closed(minutes[m]):
                                minutes[m] = value
                if yesterday is not None and yesterday[n]:
                    for start, end in rule.spans:  # the part past midnight
                        for m in range(max(start, DAY), end):
                            if not fills or closed(minutes[m - DAY]):
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
_NO_FALLBACK = st.sampled_from((";", ";", ";", ","))


def _joined(draw, rule: RuleSpec, earlier: list[RuleSpec], fallback: bool) -> RuleSpec:
    """The rule with how it follows the rules before it: `,` and `||` only where the text
    stays one reading (an additional rule begins with days, after a rule that ends in
    times, a state or a comment); `||` only where `fallback` says (opening-hours-py reads
    it otherwise than opening_hours.js: docs/data-format.md), before a rule with days and
    after no `off` rule."""
    before = earlier[-1]
    join = draw(_JOIN if fallback else _NO_FALLBACK)
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
def schedules(draw, dst: str = "any", max_rules: int = 4, fallback: bool = True) -> Spec:
    """A value, its text for opening-hours-py and the rules it was drawn from; `||` rules
    only with `fallback` (not where opening-hours-py is the oracle)."""
    drawn = draw(st.lists(rules(dst), min_size=1, max_size=max_rules))
    rule_list = tuple(drawn[:1] + [_joined(draw, r, drawn[:i + 1], fallback)
                                   for i, r in enumerate(drawn[1:])])
    # spans past midnight in the first rule and in additional rules, not `off`, and not
    # with a fallback rule: where opening-hours-py places their rest on the next day as
    # opening_hours.js does (docs/data-format.md)
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


# --- the date part of the grammar --------------------------------------------------------
#
# `dated_schedules()` draws values from the whole grammar the parser accepts: rules with
# wide selectors (years, months, dates, date ranges, `easter`, weeks) before the weekdays,
# weekdays with nth entries and day offsets (`Sa[-1]`, `Mo[1] -1 day`), PH with an offset
# or with weekdays (`PH +1 day`, `PH Mo-Fr`). Each value comes with the days it names, so
# that the instants it is asked about can crowd around them (`dated_instants`).

DATED_YEARS = (2023, 2024, 2025, 2026, 2027, 2028)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FIRST, _LAST = date(DATED_YEARS[0], 1, 1), date(DATED_YEARS[-1], 12, 31)
# opening-hours-py's PH with country="DE": the nationwide holidays (test_oracle checks it)
_NATIONWIDE = tuple(sorted(holidays.country_holidays("DE", years=range(2022, 2031))))


@dataclass(frozen=True)
class DatedSpec:
    text: str  # for erreichbar.hours.parse
    oracle: str  # the same for opening-hours-py, '; PH off' appended where ours implies it
    anchors: tuple[date, ...]  # the days the value names (starts, ends, the day after)


@dataclass(frozen=True)
class _Part:
    """A piece of a rule as each side writes it, and the days it names."""
    ours: str
    oracle: str
    anchors: tuple[date, ...] = ()


def _around(days) -> tuple[date, ...]:
    return tuple(sorted({d for d in days if _FIRST - timedelta(days=7) <= d <= _LAST}))


def _offset(n: int) -> str:
    return f"{n:+d} day" if abs(n) == 1 else f"{n:+d} days"


# day offsets as opening_hours.js takes them: up to 6 days for dates and the nth weekday,
# one day for PH
_OFFSET = st.sampled_from((-6, -3, -2, -1, -1, 1, 1, 2, 3, 6))
_MAYBE_OFFSET = st.one_of(st.just(0), st.just(0), _OFFSET)
_MAYBE_PH_OFFSET = st.sampled_from((0, 0, 0, -1, 1))
_YEAR_IN_DATE = st.integers(2022, 2028)


def _month_length(month: int) -> int:
    return (date(2023 + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day


@st.composite
def _year_selector(draw) -> tuple[_Part, range]:
    first = draw(st.integers(2022, 2028))
    kind = draw(st.sampled_from(("one", "one", "range", "step", "plus")))
    if kind == "one":
        text, years = f"{first}", range(first, first + 1)
    elif kind == "range":
        last = draw(st.integers(first + 1, 2030))
        text, years = f"{first}-{last}", range(first, last + 1)
    elif kind == "step":
        last, step = draw(st.integers(first + 2, 2032)), draw(st.integers(2, 3))
        text, years = f"{first}-{last}/{step}", range(first, last + 1, step)
    else:
        text, years = f"{first}+", range(first, 2031)
    anchors = _around(date(y + k, 1, 1) for y in years for k in (0, 1))
    return _Part(text, _one_step(text, years, "{0}-{0}"), anchors), years


def _one_step(text: str, selected, form: str = "{0}") -> str:
    """A range with a step no shorter than the range (`2025-2027/3`, `week 1-2/2`) selects
    its first element only; opening-hours-py then ignores the step and takes the whole
    range (README), so it is given that element (a year as `2025-2025`, which stays a year
    selector before a month, where `2025 Jan 02` would be a date)."""
    return form.format(selected[0]) if "/" in text and len(selected) == 1 else text


@st.composite
def _month_day(draw, month: int | None = None) -> tuple[int, int]:
    month = draw(st.integers(1, 12)) if month is None else month
    last = 28 if month == 2 else _month_length(month)
    day = draw(st.one_of(st.integers(1, 28), st.integers(1, 28), st.just(last)))
    return month, day


def _date_text(month: int, day: int, year: int | None = None) -> str:
    return f"{'' if year is None else f'{year} '}{MONTHS[month - 1]} {day:02d}"


def _each_year(year: int | None) -> range:
    return range(2022, 2030) if year is None else range(year, year + 1)


@st.composite
def _monthday_entry(draw, own_years: bool, after_year: bool = False,
                    open_end: bool = True) -> _Part:
    """One entry of a monthday selector. `own_years` (no year selector stands before it):
    dates may carry their year, and ranges may wrap over the end of the year; after a year
    selector either would make the value read two ways. `after_year`: the entry follows a
    year selector directly; `open_end`: it may be `Dec 24+`."""
    kinds = ("month", "months", "date", "date", "dates", "days", "plus", "easter",
             "easter_range")
    kind = draw(st.sampled_from(kinds if open_end else kinds[:6] + kinds[7:]))
    year = draw(_YEAR_IN_DATE) if own_years and draw(_ONE_IN[3]) == 0 else None
    if kind == "month":
        m = draw(st.integers(1, 12))
        anchors = [date(y, m, 1) for y in range(2022, 2030)] + \
            [date(y + m // 12, m % 12 + 1, 1) for y in range(2022, 2030)]
        return _Part(MONTHS[m - 1], MONTHS[m - 1], _around(anchors))
    if kind == "months":  # Jan-Jun, Nov-Feb
        a, b = draw(st.integers(1, 12)), draw(st.integers(1, 12))
        b = b if b != a else a % 12 + 1
        if not own_years and b < a:
            a, b = b, a
        text = f"{MONTHS[a - 1]}-{MONTHS[b - 1]}"
        anchors = [date(y, a, 1) for y in range(2022, 2030)] + \
            [date(y + b // 12, b % 12 + 1, 1) for y in range(2022, 2030)]
        return _Part(text, text, _around(anchors))
    if kind == "date":
        m, d = draw(_month_day())
        off = draw(_MAYBE_OFFSET)
        text = _date_text(m, d, year) + (f" {_offset(off)}" if off else "")
        days = [date(y, m, d) + timedelta(days=off) for y in _each_year(year)]
        return _Part(text, text, _around(x + timedelta(days=k) for x in days for k in (0, 1)))
    if kind == "days":  # Dec 24-26
        m = draw(st.integers(1, 12))
        d = draw(st.integers(1, 27))
        e = draw(st.integers(d + 1, 28 if m == 2 else _month_length(m)))
        text = f"{_date_text(m, d, year)}-{e:02d}"
        anchors = [date(y, m, d) for y in _each_year(year)] + \
            [date(y, m, e) + timedelta(days=1) for y in _each_year(year)]
        return _Part(text, text, _around(anchors))
    if kind == "dates":  # Dec 24-Jan 02, 2024 Dec 23-2025 Jan 03
        (m, d), (n, e) = draw(_month_day()), draw(_month_day())
        if (n, e) == (m, d):
            n, e = (m, d + 1) if d < 28 else (m % 12 + 1, 1)
        if not own_years and (n, e) < (m, d):
            (m, d), (n, e) = (n, e), (m, d)
        if year is not None:
            wraps = (n, e) < (m, d)
            # (now and then over two New Years: `2024 Dec 23-2026 Jan 03`)
            end_year = year + wraps + draw(st.sampled_from((0, 0, 1)))
            text = f"{_date_text(m, d, year)}-{_date_text(n, e, end_year)}"
            anchors = [date(year, m, d), date(end_year, n, e) + timedelta(days=1)] + \
                [date(y, 1, 2) for y in range(year + 1, end_year + 1)]  # past New Year
        else:
            text = f"{_date_text(m, d)}-{_date_text(n, e)}"
            anchors = [date(y, m, d) for y in range(2022, 2030)] + \
                [date(y, n, e) + timedelta(days=1) for y in range(2022, 2030)]
        return _Part(text, text, _around(anchors))
    if kind == "plus":  # Dec 24+: from that day to the end of its year
        m, d = draw(_month_day())
        text = f"{_date_text(m, d, year)}+"
        days = [date(y, m, d) for y in _each_year(year)]
        if year is not None or after_year:
            # a year before it makes it a date of that year: to opening-hours-py open from
            # then on (README), so it is told the end of the year
            end = "Dec 31" if year is None else f"{year} Dec 31"
            return _Part(text, f"{_date_text(m, d, year)}-{end}",
                         _around(days + [date(x.year + 1, 1, k) for x in days for k in (1, 2)]))
        return _Part(text, text, _around(days))
    if kind == "easter":
        off = draw(_MAYBE_OFFSET)
        text = f"{'' if year is None else f'{year} '}easter" + (f" {_offset(off)}" if off
                                                              else "")
        days = [_easter(y) + timedelta(days=off) for y in _each_year(year)]
        return _Part(text, text, _around(x + timedelta(days=k) for x in days for k in (0, 1)))
    # easter as one end of a range, the other end a date that never lies across it
    if draw(_BOOL):
        m, d = draw(_month_day(draw(st.sampled_from((5, 6, 7, 9)))))
        text = f"easter-{_date_text(m, d)}"
        anchors = [_easter(y) for y in range(2022, 2030)] + \
            [date(y, m, d) + timedelta(days=1) for y in range(2022, 2030)]
    else:
        m, d = draw(_month_day(draw(st.sampled_from((1, 2, 3)))))
        d = min(d, 20) if m == 3 else d
        text = f"{_date_text(m, d)}-easter"
        anchors = [date(y, m, d) for y in range(2022, 2030)] + \
            [_easter(y) + timedelta(days=1) for y in range(2022, 2030)]
    return _Part(text, text, _around(anchors))


def _iso_monday(year: int, week: int) -> date | None:
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:  # week 53 in a year of 52
        return None


@st.composite
def _week_selector(draw) -> _Part:
    first = draw(st.integers(1, 53))
    kind = draw(st.sampled_from(("one", "range", "step", "list")))
    pad = (lambda w: f"{w:02d}") if draw(_BOOL) else str
    if kind == "one":
        weeks, text = [first], pad(first)
    elif kind == "list":
        other = draw(st.integers(1, 53).filter(lambda w: w != first))
        weeks = sorted((first, other))
        text = ",".join(pad(w) for w in weeks)
    else:
        first = min(first, 50)
        last = draw(st.integers(first + 1, 53))
        step = draw(st.integers(2, 4)) if kind == "step" else 1
        weeks = list(range(first, last + 1, step))
        text = f"{pad(first)}-{pad(last)}" + (f"/{step}" if step > 1 else "")
    mondays = [_iso_monday(y, w + k) for y in range(2022, 2030) for w in weeks for k in (0, 1)]
    return _Part(f"week {text}", f"week {_one_step(text, weeks)}",
                 _around(m for m in mondays if m))


def _nth_day(year: int, month: int, weekday: int, n: int) -> date | None:
    if n > 0:
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    else:
        last = date(year, month, _month_length(month) if month != 2 else
                    (29 if year % 4 == 0 else 28))
        day = last - timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-n - 1))
    return day if day.month == month else None


@st.composite
def _nth_item(draw) -> _Part:
    """`Sa[1]`, `Sa[-1]`, `Mo[1,3]`, `Mo[1-2]`, each perhaps with a day offset."""
    wd = draw(st.integers(0, 6))
    kind = draw(st.sampled_from(("one", "one", "last", "list", "range")))
    if kind == "one":
        ns = [draw(st.integers(1, 5))]
    elif kind == "last":
        ns = [-draw(st.integers(1, 2))]
    elif kind == "list":
        ns = sorted(draw(st.sets(st.sampled_from((1, 2, 3, 4, -1)), min_size=2, max_size=2)),
                    key=lambda n: (n < 0, n))
    else:
        a = draw(st.integers(1, 4))
        ns = list(range(a, draw(st.integers(a + 1, 5)) + 1))
    inner = f"{ns[0]}-{ns[-1]}" if kind == "range" else ",".join(str(n) for n in ns)
    off = draw(_MAYBE_OFFSET)
    text = f"{EN[wd]}[{inner}]" + (f" {_offset(off)}" if off else "")
    days = [_nth_day(y, m, wd, n) for y in range(2022, 2030) for m in range(1, 13) for n in ns]
    return _Part(text, text, _around(d + timedelta(days=off + k) for d in days if d
                                     for k in (0, 1)))


@st.composite
def _weekday_part(draw, wide: bool) -> tuple[_Part, bool]:
    """The weekday selector, and whether it selects PH. Without wide selectors before it,
    now and then `PH Mo-Fr` (a holiday that falls on one of those days): opening-hours-py
    reads it as `PH,Mo-Fr` (README), so it is told those holidays by date."""

    def day(d: int) -> str:
        name = DE[d] if d in DE and draw(_BOOL) else EN[d]
        return (name, name, name.lower(), name.upper())[draw(_ONE_IN[4])]

    plain = draw(_ITEMS)
    if not wide and draw(_ONE_IN[10]) == 0:  # PH Mo-Fr
        ours = ",".join(day(i[1]) if i[0] == "day" else f"{day(i[1])}-{day(i[2])}"
                        for i in plain)
        chosen = RuleSpec(False, tuple(plain), (), None, None).weekdays()
        days = [d for d in _NATIONWIDE if d.weekday() in chosen]
        oracle = ",".join(f"{d.year} {MONTHS[d.month - 1]} {d.day:02d}" for d in days)
        return _Part(f"PH {ours}", oracle, _around(days)), True
    ours, oracle, anchors = [], [], []
    for item in plain:
        if item[0] == "day" and draw(_ONE_IN[3]) == 0:
            nth = draw(_nth_item())
            ours.append(nth.ours)
            oracle.append(nth.oracle)
            anchors += nth.anchors
        elif item[0] == "day":
            ours.append(day(item[1]))
            oracle.append(EN[item[1]])
        else:
            ours.append(f"{day(item[1])}{draw(_DASH)}{day(item[2])}")
            oracle.append(f"{EN[item[1]]}-{EN[item[2]]}")
    holiday = draw(_ONE_IN[4]) == 0
    if holiday:
        off = draw(_MAYBE_PH_OFFSET)
        holiday = not off  # `PH +1 day` selects the day after, not the holiday (README)
        ph = "PH" + (f" {_offset(off)}" if off else "")
        ours.insert(draw(_ONE_IN[4]) % (len(ours) + 1), ph)
        oracle.insert(0, ph)
        anchors += [d + timedelta(days=off + k) for d in _NATIONWIDE for k in (0, 1)]
    return _Part(",".join(ours), ",".join(oracle), _around(anchors)), holiday


@dataclass(frozen=True)
class _DatedRule:
    always: bool
    selectors: _Part | None  # wide and weekday selectors together
    holidays: bool  # selects PH (`PH +1 day` does not)
    spans: tuple[tuple[int, int], ...]
    modifier: str | None
    comment: str | None
    join: str = ";"

    @property
    def state(self) -> State:
        return RuleSpec(False, (), (), self.modifier, self.comment).state




@st.composite
def _dated_rule(draw) -> _DatedRule:
    comment = draw(_COMMENT) if draw(_ONE_IN[10]) == 0 else None
    if draw(_ONE_IN[12]) == 0:
        return _DatedRule(True, None, False, (), draw(_ALWAYS_MODIFIER), comment)
    if comment and draw(_ONE_IN[10]) == 0:
        return _DatedRule(False, None, False, (), None, comment)  # only a comment
    parts: list[_Part] = []
    has_year, has_monthdays = draw(_ONE_IN[3]) == 0, draw(_ONE_IN[3]) != 0
    has_week = draw(_ONE_IN[4]) == 0
    has_weekdays = not (has_year or has_monthdays or has_week) or draw(_ONE_IN[3]) != 0
    if has_year:
        year, _ = draw(_year_selector())
        parts.append(year)
    if has_monthdays:
        entries = [draw(_monthday_entry(not has_year, after_year=has_year))]
        if draw(_BOOL):  # (after a year selector, `2025 Jan,Dec`: both in 2025)
            entries.append(draw(_monthday_entry(not has_year)))
        parts.append(_Part(",".join(e.ours for e in entries),
                           ",".join(e.oracle for e in entries),
                           sum((e.anchors for e in entries), ())))
    if has_week:
        parts.append(draw(_week_selector()))
    wide = _Part(" ".join(p.ours for p in parts), " ".join(p.oracle for p in parts),
                 sum((p.anchors for p in parts), ()))
    selectors, holiday = wide, False
    if has_weekdays:
        weekdays, holiday = draw(_weekday_part(bool(parts)))
        # the oracle is given the colon the specification allows after wide selectors:
        # without it, opening-hours-py reads `Sep Tu[3] -3 days,Th` as a date
        selectors = _Part(" ".join(filter(None, (wide.ours, weekdays.ours))),
                          ": ".join(filter(None, (wide.oracle, weekdays.oracle))),
                          wide.anchors + weekdays.anchors)
    rule_spans = draw(SPANS["any"]) if draw(_ONE_IN[4]) else ()
    modifier = draw(_MODIFIER if rule_spans else _MODIFIER_NO_SPANS)
    return _DatedRule(False, selectors, holiday, rule_spans, modifier, comment)


def _dated_joined(draw, rule: _DatedRule, earlier: list[_DatedRule], fallback: bool
                  ) -> _DatedRule:
    """As `_joined`: `,` only before a rule that begins with selectors and after one that
    ends in times, a state or a comment; `||` only with `fallback`, before a rule with
    selectors and after no `off` rule."""
    before = earlier[-1]
    join = draw(_JOIN if fallback else _NO_FALLBACK)
    days = rule.selectors is not None
    if join == "," and not (days and (before.always or before.spans or before.modifier
                                      or before.comment)):
        join = ";"
    if join == "||" and (not days or any(r.state is State.CLOSED for r in earlier)):
        join = ";"
    return _DatedRule(rule.always, rule.selectors, rule.holidays, rule.spans, rule.modifier,
                      rule.comment, join)


def _dated_texts(draw, rule: _DatedRule) -> tuple[str, str]:
    ours, oracle = [], []
    if rule.always:
        ours.append("24/7")
        oracle.append("24/7")
    if rule.selectors:
        ours.append(rule.selectors.ours)
        oracle.append(rule.selectors.oracle)
    if rule.spans:
        ours.append(draw(_COMMA).join(
            f"{_fmt(a, draw(_BOOL))}{draw(_DASH)}{_fmt(_end(a, b, draw(_BOOL)), draw(_BOOL))}"
            for a, b in rule.spans))
    as_spec = RuleSpec(False, (), rule.spans, rule.modifier, rule.comment)
    oracle_tail = oracle_rule(as_spec)  # times, state and comment as the oracle wants them
    if oracle_tail:
        oracle.append(oracle_tail)
    if rule.modifier:
        ours.append(rule.modifier)
    if rule.comment:
        ours.append(f'"{rule.comment}"')
    return " ".join(ours), " ".join(oracle)


@st.composite
def dated_schedules(draw, max_rules: int = 4, fallback: bool = True) -> DatedSpec:
    drawn = draw(st.lists(_dated_rule(), min_size=1, max_size=max_rules))
    rule_list = drawn[:1] + [_dated_joined(draw, r, drawn[:i + 1], fallback)
                             for i, r in enumerate(drawn[1:])]
    # spans past midnight where opening-hours-py places them as opening_hours.js does
    # (as in `schedules`: the first rule and additional rules, not `off`, no fallback)
    fallback = any(r.join == "||" for r in rule_list)
    rule_list = [r if (i == 0 or r.join == ",") and r.state is not State.CLOSED
                 and not fallback else
                 _DatedRule(r.always, r.selectors, r.holidays,
                            tuple((a, min(b, DAY)) for a, b in r.spans), r.modifier,
                            r.comment, r.join)
                 for i, r in enumerate(rule_list)]
    texts = [_dated_texts(draw, r) for r in rule_list]
    text = "".join((draw(_SEPARATORS[r.join]) if i else "") + ours
                   for i, (r, (ours, _)) in enumerate(zip(rule_list, texts, strict=True)))
    oracle = "".join((_ORACLE_SEPARATORS[r.join] if i else "") + theirs
                     for i, (r, (_, theirs)) in enumerate(zip(rule_list, texts, strict=True)))
    if not any(r.holidays or r.always for r in rule_list):
        oracle += "; PH off"
    anchors = _around(a for r in rule_list if r.selectors for a in r.selectors.anchors)
    return DatedSpec(text, oracle, anchors)


_DATED_DST = tuple(last_sunday(y, m) for y in DATED_YEARS for m in (3, 10))
_HOLIDAYS_NEAR = tuple(d for d in _NATIONWIDE if _FIRST <= d <= _LAST)
_NEW_YEARS = tuple(date(y, 1, 1) for y in DATED_YEARS[1:])
_EASTERS = tuple(_easter(y) for y in DATED_YEARS)
_NEAR = st.integers(-3, 3)
_AROUND_MIDNIGHT = st.integers(-90, 90).map(lambda m: m % DAY)


@st.composite
def dated_instants(draw, anchors: tuple[date, ...]) -> datetime:
    """Instants in Europe/Berlin, 2023-2028, crowded around the days a value names, public
    holidays, New Year, Easter and the nights the clocks change."""
    kind = draw(st.sampled_from(("anchor", "anchor", "anchor", "holiday", "new_year",
                                 "easter", "dst_night", "dst_week", "any")))
    second = draw(_SECOND)
    if kind == "dst_night":
        return _from_local_midnight(draw(st.sampled_from(_DATED_DST)), draw(_NIGHT), second)
    if kind == "any" or (kind == "anchor" and not anchors):
        day = _FIRST + timedelta(days=draw(st.integers(0, (_LAST - _FIRST).days)))
    else:
        pool = {"anchor": anchors, "holiday": _HOLIDAYS_NEAR, "new_year": _NEW_YEARS,
                "easter": _EASTERS, "dst_week": _DATED_DST}[kind]
        day = draw(st.sampled_from(pool)) + timedelta(days=draw(_NEAR))
    day = min(max(day, _FIRST), _LAST)
    minute = draw(st.one_of(_MINUTE_OF_DAY, _AROUND_MIDNIGHT))
    return _from_local_midnight(day, minute, second)
