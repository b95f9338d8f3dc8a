"""Save, then compare, the output of every command over a grid of instants: a guard for
changes meant to leave every answer as it was (a redesign of the engine, a move of code).

    python scripts/snapshot.py save DIR      # before the change
    python scripts/snapshot.py compare DIR   # after it: lists every run whose output changed

It runs each command in process (typer's CliRunner, a clean environment, no cache, then the
same with a cache), in a pipe and as a terminal would be drawn, in both languages, on the
bundled data and on a generated dataset, at holidays, DST nights and validity dates. This is
no test of correctness (its expected side is the program's own earlier output); the tests
are that. It only says what a change changed.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

INSTANTS = [
    "2024-03-06T10:30", "2024-03-06T20:14", "2024-03-08T14:30", "2024-03-09T22:30",
    "2024-03-28T16:00", "2024-03-29T10:00", "2024-03-31T01:30", "2024-03-31T02:59",
    "2024-03-31T03:00", "2024-04-01T07:59", "2024-05-30T09:00", "2024-10-03T08:00",
    "2024-10-27T02:30", "2024-10-27T02:30+01:00", "2024-12-24T12:00", "2025-01-01T09:00",
    "2026-11-22T10:00",
]
NAMES = ["sozialamt", "mainarbeit", "mainarbeit/telefonzentrale", "leistungssachbearbeitung",
         "auslaenderamt", "wohngeld", "buergerbuero"]
GENERATED_NAMES = ["office-3", "amt 1", "office-17"]
ENV = {"FORCE_COLOR": None, "NO_COLOR": None, "CLICOLOR_FORCE": None, "TTY_COMPATIBLE": None,
       "ERREICHBAR_DATA": None, "XDG_CONFIG_HOME": "/nonexistent-erreichbar-snapshot",
       "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None, "LANG": "C.UTF-8",
       "COLUMNS": "120", "TERM": "xterm-256color"}
TERMINAL = {"FORCE_COLOR": "1"}


def commands(names: list[str], instants: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    for at in instants:
        when = ["--at", at]
        out += [["now", *when], ["now", "--all", *when], ["now", "-c", "phone", *when],
                ["now", "--json", *when], ["now", "--all", "--json", *when],
                ["now", "-c", "visit,email", "--all", "--json", *when], ["week", *when],
                ["week", "--json", *when]]
        for name in names:
            out += [["next", name, *when], ["next", name, "--json", *when],
                    ["office", name, *when], ["office", name, "--json", *when],
                    ["check", name, *when], ["check", name, "-c", "phone,visit,email", *when]]
    for name in names[:3]:
        out += [["week", name, "--at", INSTANTS[0]], ["ics", name, "--from", "2024-03-25",
                                                      "--weeks", "3"],
                ["export", name, "--format", "osm"], ["export", name, "--format", "jsonld"]]
    out += [["list"], ["list", "--json"], ["holidays", "--year", "2024"],
            ["holidays", "--year", "2024", "--json"], ["export", "--format", "yaml"],
            ["ics", "--from", "2024-03-25", "--weeks", "2"], ["next", "no-such-office"],
            ["office", "amt"], ["now", "--at", "gestern"]]
    return out


def steady(text: str, work: Path) -> str:
    """What differs between two runs of the same program: the folders (a checkout's bundled
    data, the temporary one), the ids rich gives hyperlinks, and an iCalendar's DTSTAMP."""
    from erreichbar.data.loader import bundled_path

    text = text.replace(str(work), "<work>").replace(str(bundled_path()), "<bundled>")
    text = re.sub(r"\x1b\]8;id=[^;]*;", "\x1b]8;id=<id>;", text)
    return re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:<now>", text)


def run_all() -> dict[str, list]:
    from generate import generate
    from typer.testing import CliRunner

    from erreichbar.cli.app import app
    from erreichbar.data.loader import bundled_path

    work = Path(tempfile.mkdtemp(prefix="erreichbar-snapshot-"))
    big = work / "generated.yaml"
    # (without rules by date, so that output saved before they existed compares)
    big.write_text(generate(400, seed=11, dated=0), encoding="utf-8")
    results: dict[str, list] = {}
    runner = CliRunner()
    # the generated data at every third instant: its runs cost most, and differ by data
    for label, data, names, instants in [("bundled", bundled_path(), NAMES, INSTANTS),
                                         ("generated", str(big), GENERATED_NAMES,
                                          INSTANTS[::3])]:
        for cache in ("nocache", "cache"):
            env = {**ENV, "XDG_CACHE_HOME": str(work / f"cache-{label}")}
            if cache == "nocache":
                env["ERREICHBAR_NO_CACHE"] = "1"
            for args in commands(names, instants):
                views = [("pipe", {})]
                if "--json" not in args and args[0] in ("now", "office", "next", "list"):
                    views.append(("terminal", TERMINAL))
                for view, extra in views:
                    for lang in ("de", "en"):
                        if lang == "en" and (view == "terminal" or "--json" in args):
                            continue  # English is checked in the pipe; JSON has no language
                        full = [*args, "--data", data, "--lang", lang]
                        result = runner.invoke(app, full, env={**env, **extra})
                        key = steady(f"{label} {cache} {view} {' '.join(full)}", work)
                        results[key] = [result.exit_code, steady(result.stdout, work),
                                        steady(result.stderr, work)]
    return results


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in ("save", "compare"):
        sys.exit(__doc__)
    folder = Path(sys.argv[2])
    os.environ.pop("ERREICHBAR_DATA", None)
    results = run_all()
    path = folder / "snapshot.json"
    if sys.argv[1] == "save":
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{len(results)} runs saved to {path}")
        return
    before = json.loads(path.read_text(encoding="utf-8"))
    from helpers import drawn

    def same(key: str) -> bool:
        old, new = before[key], results.get(key)
        if new is None or " terminal " not in key:
            return old == new
        return old[0] == new[0] and [drawn(t) for t in old[1:]] == [drawn(t) for t in new[1:]]

    changed = [key for key in before if not same(key)]
    added = [key for key in results if key not in before]
    for key in changed:
        print(f"changed: {key}")
        old, new = before[key], results.get(key)
        print(f"  before: {old!r}"[:400])
        print(f"  after:  {new!r}"[:400])
    for key in added:
        print(f"new: {key}")
    print(f"{len(before)} runs compared: {len(changed)} changed, {len(added)} new")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
