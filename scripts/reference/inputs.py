"""What scripts/reference/opening_hours_js.js is asked about (its `states` command): the
real values of the OpenStreetMap extracts, and random values, each at fixed instants.

    python scripts/reference/inputs.py osm OUT_FOLDER      # osm_<extract>.in.json
    python scripts/reference/inputs.py random OUT.json     # 300 random values, seed 2026

The random values are in the standard syntax (no lenient forms): weekdays and their ranges,
PH, months, day ranges of a month, weeks with a step, times (also past midnight), the
states off/unknown/open, comments, and rules joined by `;`, `,` and `||`.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

SEED = 2026
COUNT = 300
DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
COMMENTS = ("nach Vereinbarung", "Termine", "nur Notfälle")
# The extracts and the German state whose holidays they have (opening_hours.js's place)
EXTRACTS = {"berlin-alexanderplatz.osm.pbf": "de_be", "hoyerswerda.osm.pbf": "de_sn"}
# Where a wall-clock time is ambiguous or does not exist (the DST changes of 2024 and 2025)
DST_DAYS = (date(2024, 3, 31), date(2024, 10, 27), date(2025, 3, 30), date(2025, 10, 26))


def osm_instants() -> list[str]:
    """Every three hours through a week of March 2024 (at :30), and 10:30 on some public
    holidays of 2024 (Good Friday, 1 May, 3 October, Christmas)."""
    start = datetime(2024, 3, 4, 1, 30)
    week = [start + timedelta(hours=3 * k) for k in range(7 * 8)]
    holidays = [datetime(2024, 3, 29, 10, 30), datetime(2024, 5, 1, 10, 30),
                datetime(2024, 10, 3, 10, 30), datetime(2024, 12, 25, 10, 30)]
    return [t.strftime("%Y-%m-%dT%H:%M") for t in week + holidays]


def random_instants(rng: random.Random, count: int = 80) -> list[str]:
    out = []
    while len(out) < count:
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(731))
        hour, minute = rng.randrange(24), rng.choice((0, 15, 30, 59))
        if day in DST_DAYS and hour in (2, 3):
            continue
        out.append(f"{day.isoformat()}T{hour:02d}:{minute:02d}")
    return sorted(out)


def _time(rng: random.Random) -> str:
    start = rng.randrange(0, 23 * 60, 15)
    end = start + rng.randrange(15, 12 * 60, 15)  # up to 12 hours, so at most 34:45
    if rng.random() < 0.85:
        end = min(end, 24 * 60)
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


def _weekdays(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.choice((1, 1, 2))):
        a = rng.randrange(7)
        if rng.random() < 0.5:
            b = (a + rng.randrange(1, 6)) % 7
            parts.append(f"{DAYS[a]}-{DAYS[b]}")
        else:
            parts.append(DAYS[a])
    if rng.random() < 0.15:
        parts.append("PH")
    return ",".join(parts)


def _dates(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.6:
        return ""
    if kind < 0.75:
        a = rng.randrange(12)
        return f"{MONTHS[a]}-{MONTHS[(a + rng.randrange(1, 6)) % 12]} "
    if kind < 0.9:
        month = rng.randrange(12)
        first = rng.randrange(1, 20)
        return f"{MONTHS[month]} {first:02d}-{first + rng.randrange(1, 9):02d} "
    first = rng.randrange(1, 40)
    return f"week {first:02d}-{first + rng.randrange(2, 12):02d}/{rng.choice((2, 3))} "


def _rule(rng: random.Random, first: bool = False) -> str:
    # Only a first rule goes without weekdays: opening_hours.js does not let a later rule of
    # times alone (`We 10:00-20:00; 01:00-02:00`) replace the days that earlier rules name,
    # where the specification and opening-hours-py (and this tool) read it as every day; a
    # known difference (docs/data-format.md), left out of the sample.
    wide = _dates(rng)
    selector = wide + (_weekdays(rng) if rng.random() < 0.85 or not (first or wide) else "")
    times = ",".join(_time(rng) for _ in range(rng.choice((1, 1, 2))))
    state = rng.choice(("", "", "", "", " off", " unknown", " open"))
    if state == " off":
        times = times if rng.random() < 0.5 else ""
    comment = f' "{rng.choice(COMMENTS)}"' if rng.random() < 0.2 else ""
    text = f"{selector.strip()} {times}".strip() + state + comment
    return text.strip() or "24/7"


def _fallback(rng: random.Random) -> str:
    return rng.choice(('"nach Vereinbarung"', "unknown", 'unknown "Termine"', "off",
                       _rule(rng)))


def random_value(rng: random.Random) -> str:
    text = _rule(rng, first=True)
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        join = rng.choice(("; ", "; ", "; ", ", ", " || "))
        text += join + (_fallback(rng) if join == " || " else _rule(rng))
    if "||" not in text and rng.random() < 0.15:
        text += " || " + _fallback(rng)
    return text


def main(command: str, out: Path) -> None:
    if command == "osm":
        values = json.loads((out / "values.json").read_text(encoding="utf-8"))["values"]
        for extract, place in EXTRACTS.items():
            found = [v["value"] for v in values
                     if any(o["file"] == extract for o in v["occurrences"])]
            name = extract.split(".")[0].split("-")[0]
            (out / f"osm_{name}.in.json").write_text(json.dumps(
                {"nominatim": place, "instants": osm_instants(), "values": found},
                ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    elif command == "random":
        rng = random.Random(SEED)  # noqa: S311 -- a reproducible sample, not a secret
        instants = random_instants(rng)
        values = list(dict.fromkeys(random_value(rng) for _ in range(COUNT)))
        out.write_text(json.dumps({"nominatim": "de_he", "seed": SEED, "instants": instants,
                                   "values": values}, ensure_ascii=False, indent=0) + "\n",
                       encoding="utf-8")
    else:
        raise SystemExit("usage: inputs.py osm FOLDER | random OUT.json")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
