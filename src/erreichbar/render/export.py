"""Open-data exports: OpenStreetMap `opening_hours` values and schema.org JSON-LD (the
dataset itself as normalised YAML is export_yaml.py's)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from erreichbar.answers.lookup import Target
from erreichbar.data.model import Channel, Contact, Dataset, Office
from erreichbar.hours.compiled import segments_on
from erreichbar.hours.date_selectors import MONTH_NAMES
from erreichbar.hours.reader import standard_rules
from erreichbar.hours.rules import Rule
from erreichbar.hours.values import DAY_MINUTES, Schedule, Segment, State, fmt_minutes
from erreichbar.render import osm_dates

if TYPE_CHECKING:
    from erreichbar.calendar.civil import Calendar

SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CONTACT_TYPES = {"phone": "telephone", "visit": "visit", "email": "e-mail", "online": "online"}


def _offices(dataset: Dataset, target: Target | None) -> list[Office]:
    return [target.office] if target else list(dataset.offices)


def _channels(office: Office, target: Target | None) -> tuple[Channel, ...]:
    return office.channels_of(target.unit if target else None)


def osm_chunks(dataset: Dataset, target: Target | None) -> Iterator[str]:
    """One line per channel: id, channel, the opening_hours value (tab-separated), each
    line as it is made (no newline after the last)."""
    first = True
    for office in _offices(dataset, target):
        for ch in _channels(office, target):
            yield ("" if first else "\n") + \
                f"{ch.target}\t{ch.kind}\t{_with_validity(to_osm(ch.hours), ch)}"
            first = False


def _with_validity(value: str, channel: Channel) -> str:
    """An opening_hours VALUE closed before the channel's first day and after its last, as
    the engine holds it (`...; 1900 Jan 01-2025 Dec 31 off` for a channel from 2026 on)."""
    v = channel.validity
    rules = [value]
    if v.valid_from is not None and v.valid_from.year > 1900:
        rules.append(f"1900 Jan 01-{_osm_date(v.valid_from - timedelta(days=1))} off")
    if v.valid_until is not None and v.valid_until.year < 2999:
        rules.append(f"{_osm_date(v.valid_until + timedelta(days=1))}-2999 Dec 31 off")
    return "; ".join(rules)


def _osm_date(day: date) -> str:
    return f"{day.year} {MONTH_NAMES[day.month - 1]} {day.day:02d}"


def _hours_specs(schedule: Schedule, channel: Channel) -> list[dict[str, Any]]:
    """OpeningHoursSpecification per run of weekdays with the same open spans; unknown and
    closed days have none (schema.org cannot say "unknown")."""
    specs = []
    groups: dict[tuple[tuple[int, int], ...], list[int]] = {}
    for wd in range(7):
        spans = tuple((s.start, s.end) for s in schedule.day(wd, False) if s.state is State.OPEN)
        if spans:
            groups.setdefault(spans, []).append(wd)
    for spans, days in groups.items():
        for start, end in spans:
            spec: dict[str, Any] = {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [f"https://schema.org/{SCHEMA_DAYS[d]}" for d in days],
                "opens": fmt_minutes(start),
                "closes": "23:59" if end == 24 * 60 else fmt_minutes(end),
            }
            if channel.validity.valid_from:
                spec["validFrom"] = channel.validity.valid_from.isoformat()
            if channel.validity.valid_until:
                spec["validThrough"] = channel.validity.valid_until.isoformat()
            specs.append(spec)
    return specs


DATED_DAYS = 366  # how far ahead the days of dated rules are spelled out


def _dated_specs(schedule: Schedule, channel: Channel, cal: Calendar, today: date
                 ) -> list[dict[str, Any]]:
    """The days within a year from `today` on which rules by date (`Dec 24 off`, `Sa[1]
    10:00-12:00`) make the day differ from its regular week: one OpeningHoursSpecification
    per open span, valid from and through that date, or, for a day closed, one that opens
    and closes at 00:00 (schema.org's way to say a special day is closed)."""
    if schedule.dated is None:
        return []
    specs = []
    for n in range(DATED_DAYS):
        day = today + timedelta(days=n)
        if not channel.validity.covers(day):
            continue
        regular = schedule.day(day.weekday(), cal.holiday(day) is not None)
        actual = segments_on(schedule, channel.validity, cal, day)
        # (only where the open times differ: a day whose unknown hours change only their
        # comment, as 24 December's do, is no closed day; schema.org cannot say unknown)
        if _open_spans(actual) == _open_spans(regular):
            continue
        spans = _open_spans(actual) or [(0, 0)]
        for start, end in spans:
            specs.append({
                "@type": "OpeningHoursSpecification",
                "opens": fmt_minutes(start),
                "closes": "23:59" if end >= 24 * 60 else fmt_minutes(end),
                "validFrom": day.isoformat(),
                "validThrough": day.isoformat(),
            })
    return specs


def _open_spans(segments: tuple[Segment, ...]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in segments if s.state is State.OPEN]


def _contact_fields(contacts: tuple[Contact, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind, key in (("phone", "telephone"), ("email", "email"), ("url", "url")):
        values = [c.uri.removeprefix("tel:").removeprefix("mailto:")
                  for c in contacts if c.kind == kind]
        if kind == "phone":  # the number alone, without a short number's ;phone-context=+49
            values = [v.partition(";")[0] for v in values]
        if values:
            out[key] = values[0] if len(values) == 1 else values
    return out


def jsonld_chunks(dataset: Dataset, target: Target | None, cal: Calendar, today: date
                  ) -> Iterator[str]:
    """schema.org GovernmentOffices, each office's as it is made; the days that rules by
    date change are spelled out for a year from `today`. The text is that of the whole
    document as json_out.dumps() writes it (indented by two)."""
    from erreichbar.render.json_out import dumps  # start-up: only for JSON-LD

    before, _key, after = dumps({"@context": "https://schema.org", "@graph": []}
                                ).partition('"@graph": []')
    yield before + '"@graph": '
    n = -1
    for n, office in enumerate(_offices(dataset, target)):
        # an element of the array at depth two, indented as the whole document would be
        item = dumps(_government_office(office, target, cal, today))
        yield ("[\n    " if n == 0 else ",\n    ") + item.replace("\n", "\n    ")
    yield ("[]" if n < 0 else "\n  ]") + after


def _government_office(office: Office, target: Target | None, cal: Calendar, today: date
                       ) -> dict[str, Any]:
    points = []
    for ch in _channels(office, target):
        unit = office.unit(ch.unit) if ch.unit else None
        point: dict[str, Any] = {
            "@type": "ContactPoint",
            "contactType": f"{unit.name} ({CONTACT_TYPES[ch.kind]})" if unit
            else CONTACT_TYPES[ch.kind],
            **_contact_fields((*ch.contacts, *(ch.via.contacts if ch.via else ()))),
        }
        specs = _hours_specs(ch.hours, ch) + _dated_specs(ch.hours, ch, cal, today)
        if specs:
            point["hoursAvailable"] = specs
        if any(s.state is State.UNKNOWN for d in ch.hours.days[:7] for s in d):
            point["description"] = "Zeiten nicht veröffentlicht"
        points.append(point)
    item: dict[str, Any] = {
        "@type": "GovernmentOffice",
        "@id": f"#{office.id}",
        "identifier": office.id,
        "name": office.name,
        "contactPoint": points,
    }
    if office.aliases:
        item["alternateName"] = list(office.aliases)
    if office.services:
        item["knowsAbout"] = list(office.services)
    if office.sources:
        src = office.sources[0]
        item["subjectOf"] = {"@type": "CreativeWork", "name": src.title,
                             "publisher": {"@type": "Organization", "name": src.publisher},
                             **({"datePublished": src.date.isoformat()} if src.date else {}),
                             **({"url": src.url} if src.url else {})}
    return item


# --- a Schedule back to OpenStreetMap opening_hours text ----------------------------------

_OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def _rule_body(segs: tuple[Segment, ...]) -> str:
    """`08:00-12:00,13:00-16:00`, `unknown "comment"`, `off`: one day's segments as a rule."""
    if not segs:
        return "off"
    state, comment = segs[0].state, segs[0].comment
    whole = len(segs) == 1 and (segs[0].start, segs[0].end) == (0, DAY_MINUTES)
    parts = []
    if not (whole and state is not State.OPEN):
        parts.append(",".join(f"{fmt_minutes(s.start)}-{fmt_minutes(s.end)}" for s in segs))
    if state is State.UNKNOWN:
        parts.append("unknown")
    elif state is State.CLOSED:  # (closed with a comment: `off "Betriebsausflug"`)
        parts.append("off")
    elif comment:  # a comment with no state is `unknown` to the specification: say `open`
        parts.append("open")
    if comment:
        parts.append(f'"{comment}"')
    return " ".join(parts)


def to_osm(schedule: Schedule) -> str:
    """The schedule as an OpenStreetMap `opening_hours` value with the same meaning, public
    holidays spelled out (`PH off`), English weekdays; reads back to the same Schedule.

    The Telefonzentrale's hours ("Montag bis Donnerstag von 8 bis 16 Uhr, Freitag von 8 bis
    14 Uhr"), closed on holidays as every office is:

        >>> from erreichbar.hours.reader import parse
        >>> to_osm(parse("Mo-Do 08:00-16:00; Fr 08:00-14:00"))
        'Mo-Th 08:00-16:00; Fr 08:00-14:00; PH off'
    """
    if len(schedule.days) != 14 or schedule.dated is not None:
        # spans past midnight, or rules that depend on the date: the rules as written, in
        # OSM's words
        return _rules_to_osm(standard_rules(schedule.text))
    ordinary = schedule.days[:7]
    holiday = schedule.days[7:14]
    if all(len(d) == 1 and (d[0].start, d[0].end, d[0].state) == (0, DAY_MINUTES, State.OPEN)
           and d == schedule.days[0] for d in schedule.days):
        comment = schedule.days[0][0].comment
        return "24/7" + (f' open "{comment}"' if comment else "")
    rules = []
    wd = 0
    while wd < 7:
        end = wd
        while end + 1 < 7 and ordinary[end + 1] == ordinary[wd]:
            end += 1
        if ordinary[wd]:
            days = _OSM_DAYS[wd] if end == wd else f"{_OSM_DAYS[wd]}-{_OSM_DAYS[end]}"
            rules.append(_day_rules(days, ordinary[wd]))
        wd = end + 1
    if len(set(holiday)) == 1:
        rules.append(_day_rules("PH", holiday[0]))
    else:
        # Holidays that follow the weekday (as after `PH off; Mo-Fr ...`) have no form in
        # the table's terms; the rules as written mean the same in OSM (a later rule wins
        # for its days in both), so spell them out in OSM's words.
        return _rules_to_osm(standard_rules(schedule.text))
    return "; ".join(rules) if rules else "off"


def _day_rules(days: str, segs: tuple[Segment, ...]) -> str:
    """A day's segments as a rule for `days`, and an additional rule (`,`) for each other
    state or comment the day has (`Mo 08:00-12:00, Mo 12:00-13:00 unknown`)."""
    groups: dict[tuple[State, str | None], list[Segment]] = {}
    for seg in segs:
        groups.setdefault((seg.state, seg.comment), []).append(seg)
    return ", ".join(f"{days} {_rule_body(tuple(g))}" for g in groups.values()) \
        if groups else f"{days} off"


_JOINS = {"normal": "; ", "additional": ", ", "fallback": " || "}


def _rules_to_osm(rules: list[Rule]) -> str:
    """The rules as written, in OSM's words; `PH off` added where the tool implies it."""
    text = "".join((_JOINS[r.kind] if i else "") + _rule_to_osm(r) for i, r in enumerate(rules))
    return text if any(r.holidays or r.always for r in rules) else text + "; PH off"


def _rule_to_osm(rule: Rule) -> str:
    parts = []
    if rule.always:
        parts.append("24/7")
    if rule.dates is not None and osm_dates.wide(rule.dates):
        parts.append(osm_dates.wide(rule.dates))
    selector = _selector(rule)
    if selector:
        parts.append(",".join(selector))
    if rule.spans:
        parts.append(",".join(f"{fmt_minutes(s)}-{fmt_minutes(e)}" for s, e in rule.spans))
    if rule.state is State.CLOSED:
        parts.append("off")
    elif rule.state is State.UNKNOWN:
        parts.append("unknown")
    elif not parts or rule.comment:  # `open` said where a comment alone would be unknown
        parts.append("open")
    if rule.comment:
        parts.append(f'"{rule.comment}"')
    return " ".join(parts)


def _selector(rule: Rule) -> list[str]:
    """The days a rule is for, in OSM's words: weekdays, `PH`, dates, as parts of one
    comma-separated selector (`Mo-We,Fr,PH`), or one `PH ...` / `SH ...` around them."""
    selector = [] if rule.weekdays is None else osm_dates.weekday_ranges(rule.weekdays)
    if rule.holiday_weekdays:
        selector = ["PH " + ",".join(selector)]  # a holiday on one of those weekdays
    elif rule.holidays:
        selector.append("PH")
    if rule.dates is not None:
        selector += osm_dates.more_days(rule.dates)
    if rule.dates is not None and rule.dates.school == 2:
        selector = ["SH " + ",".join(selector)]  # a school-holiday day that is such a weekday
    return selector

