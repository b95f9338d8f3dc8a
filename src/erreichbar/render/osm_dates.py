"""The date part of a rule (date_selectors.DateSelector) written back in OpenStreetMap's words,
so that an exported value reads back to the same rule:

    >>> from erreichbar.hours.reader import parse_rules
    >>> def back(text): return wide(parse_rules(text)[0].dates)
    >>> back("2024 Dec 23-2025 Jan 3 off"), back("Nov-Feb off"), back("easter -2 days off")
    ('2024 Dec 23-2025 Jan 03', 'Nov-Feb', 'easter -2 days')
    >>> back("2020-2030/2 week 1-53/2 Mo"), back("Dec 24+ off")
    ('2020-2030/2 week 01-53/2', 'Dec 24+')
"""

from __future__ import annotations

from erreichbar.hours.date_selectors import (
    LAST,
    MONTH_NAMES,
    DatePoint,
    DateSelector,
    MonthdayRange,
)

_OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def offset(days: int) -> str:
    """` +2 days`, ` -1 day`, or nothing."""
    if not days:
        return ""
    return f" {'+' if days > 0 else '-'}{abs(days)} day{'s' if abs(days) != 1 else ''}"


def _point(p: DatePoint, with_year: bool = True) -> str:
    year = f"{p.year} " if p.year is not None and with_year else ""
    if p.month is None:
        return f"{year}easter{offset(p.offset)}"
    if p.nth is not None:  # `Jan Su[2]`
        day, n = p.nth
        return f"{year}{MONTH_NAMES[p.month - 1]} {_OSM_DAYS[day]}[{n}]{offset(p.offset)}"
    return f"{year}{MONTH_NAMES[p.month - 1]} {p.day:02d}{offset(p.offset)}"


def _monthday(r: MonthdayRange) -> str:
    first, last = r.first, r.last
    if first.month is not None and first.day == 1 and not first.offset and first.nth is None \
            and last.month is not None and last.day == LAST and not last.offset:
        year = f"{first.year} " if first.year is not None else ""
        months = MONTH_NAMES[first.month - 1]
        if last.month != first.month:
            months += f"-{MONTH_NAMES[last.month - 1]}"
        return year + months
    if r.to_year_end:
        return _point(first) + "+"
    if last == first:
        return _point(first)
    return f"{_point(first)}-{_point(last)}"


def _runs(numbers: list[int]) -> list[str]:
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return [str(a) if a == b else f"{a}-{b}" for a, b in runs]


def wide(sel: DateSelector) -> str:
    """The year, monthday and week selectors: `2024 Dec 23-2025 Jan 03`, `week 01-53/2`."""
    parts = []
    if sel.years:
        parts.append(",".join(
            (f"{r.first}+" if r.step == 1 else f"{r.first}/{r.step}") if r.last is None
            else str(r.first) if r.last == r.first
            else f"{r.first}-{r.last}" + (f"/{r.step}" if r.step != 1 else "")
            for r in sel.years))
    if sel.monthdays:
        parts.append(",".join(_monthday(r) for r in sel.monthdays))
    if sel.also_monthdays:
        parts.append(",".join(_monthday(r) for r in sel.also_monthdays))
    if sel.weeks:
        parts.append("week " + ",".join(
            f"{r.first:02d}" + (f"-{r.last:02d}" if r.last != r.first else "")
            + (f"/{r.step}" if r.step != 1 and r.last != r.first else "")  # (no `week 52/2`)
            for r in sel.weeks))
    return " ".join(parts)


def more_days(sel: DateSelector) -> list[str]:
    """The nth weekdays (`Sa[1]`, `Su[-1] -1 day`), days beside holidays (`PH +1 day`) and
    school holidays as one of the days (`SH`)."""
    out = []
    for d in sel.days:
        nths = _runs([n for n in d.nths if n > 0]) + [str(n) for n in sorted(d.nths) if n < 0]
        out.append(f"{_OSM_DAYS[d.weekday]}[{','.join(nths)}]{offset(d.offset)}")
    beside = [f"PH{offset(k)}" for k in sel.holiday_offsets]
    if sel.offset_weekdays:  # `PH +1 day Mo-We`: the offsets are then the only days
        beside = [",".join(beside) + " " + ",".join(weekday_ranges(sel.offset_weekdays))]
    return out + beside + (["SH"] if sel.school == 1 else [])


def weekday_ranges(weekdays: frozenset[int]) -> list[str]:
    """`Mo-We`, `Fr`: each run of consecutive weekdays as one range."""
    runs: list[list[int]] = []
    for d in sorted(weekdays):
        if runs and runs[-1][1] == d - 1:
            runs[-1][1] = d
        else:
            runs.append([d, d])
    return [_OSM_DAYS[a] if a == b else f"{_OSM_DAYS[a]}-{_OSM_DAYS[b]}" for a, b in runs]
