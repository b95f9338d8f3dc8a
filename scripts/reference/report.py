"""How the engine does on opening_hours.js's suite and the other reference fixtures: the
counts, and every disagreement grouped by its likely cause (fallback, lenient form refused,
open end, spec form refused, holiday closed by design, other), one line each with the first
interval (or instant) that differs.

    python scripts/reference/report.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))

from opening_hours_js import (
    DATA,
    SUITE,
    compare_states,
    load,
    outcomes,
    report,
    state_report,
    suite_cases,
)

STATE_FIXTURES = ("opening_hours_js/random.json", "osm_values/osm_berlin.json",
                  "osm_values/osm_hoyerswerda.json")


def main() -> None:
    results = outcomes(suite_cases(load(SUITE)))
    agreeing = sum(outcome.agrees for outcome in results)
    refused = sum(outcome.refused is not None for outcome in results)
    causes = Counter(outcome.cause for outcome in results if not outcome.agrees)
    print(f"opening_hours.js suite: {len(results)} values in scope, {agreeing} agree on every "
          f"interval, {refused} refused, {len(results) - agreeing - refused} differ")
    print("disagreements by cause: " + ", ".join(f"{k} {v}" for k, v in causes.most_common()))
    print(report(results))
    for name in STATE_FIXTURES:
        fixture = load(DATA / name)
        states = compare_states(fixture)
        agreeing = sum(outcome.agrees for outcome in states)
        print(f"\n{name}: {len(states)} values opening_hours.js reads, {agreeing} agree at "
              f"all {len(fixture['instants'])} instants")
        print(state_report(fixture, states))


if __name__ == "__main__":
    main()
