"""The public holidays of `erreichbar holidays`, for a pipe and as JSON (the terminal's
table is `HumanView.holidays`)."""

from __future__ import annotations

import json
from datetime import date

from erreichbar.render.json_out import safe_json
from erreichbar.render.text import safe


def as_json(days: dict[date, str]) -> str:
    """A list of {date, name, weekday (ISO, Monday 1)} in the order of the year."""
    return safe_json(json.dumps([{"date": d.isoformat(), "name": n, "weekday": d.isoweekday()}
                                 for d, n in sorted(days.items())], ensure_ascii=False,
                                indent=2))


def as_lines(days: dict[date, str]) -> str:
    """One line per holiday: the ISO date, a tab, its name."""
    return "\n".join(f"{d.isoformat()}\t{safe(n)}" for d, n in sorted(days.items()))
