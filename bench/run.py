"""Speed and memory of erreichbar, measured side by side with their references in one run.

    python bench/run.py              # the full run: 1,000 / 10,000 / 100,000 channels
    python bench/run.py --quick      # a smoke run at 1,000 channels (CI)

and `erreichbar import osm` on an extract the size of a German state (8 million nodes,
`--quick`: 400,000) beside `osmium tags-filter` (bench/import_osm.py).

Every figure is printed beside the reference it is held to (a bare `import typer`, a bare
`yaml.load` of the same file, opening-hours-py on the same schedules), measured in the
same run on the same machine, so the ratio means something on a shared, noisy machine;
no absolute number is hard-coded. Runs are interleaved and the median is taken.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import import_osm  # noqa: E402
from generate import generate, generate_plain, hours, office_hours  # noqa: E402

PY = sys.executable
TOOL = shutil.which("erreichbar", path=str(Path(PY).parent)) or ""
AT = "2024-03-06T10:30"


@dataclass
class Row:
    figure: str
    target: str
    measured: str
    reference: str
    ratio: float | None
    ok: bool | None

    def cells(self) -> list[str]:
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}"
        verdict = {True: "pass", False: "MISS", None: "info"}[self.ok]
        return [self.figure, self.target, self.measured, self.reference, ratio, verdict]


def tool(*args: str) -> list[str]:
    return [TOOL, *args] if TOOL else [PY, "-m", "erreichbar", *args]


# Each measured command is started by a small Python process that times it and reads its
# peak memory, not by this one. A child started by a big process reports that process's
# resident size as its own peak when it is the larger: Linux carries the high-water mark
# of the memory a child shares with its parent until exec (vfork, posix_spawn, which
# subprocess uses) into the child's ru_maxrss. This process holds a country's YAML and
# results (several hundred MB), which would be read as the peak of a cached `now --json`.
_MEASURE = """
import os, subprocess, sys, time
quiet = {} if sys.argv[1] == "tty" else {"stdout": subprocess.DEVNULL,
                                        "stderr": subprocess.DEVNULL}
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:], **quiet)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - start
os.write(int(os.environ["BENCH_RESULT_FD"]),
         f"{wall} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}".encode())
"""


def run(cmd: list[str], env: dict[str, str] | None = None, tty: bool = False,
        codes: tuple[int, ...] = (0, 1, 3)) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run of `cmd` (see _MEASURE)."""
    read_end, write_end = os.pipe()
    full_env = {**os.environ, **(env or {}), "BENCH_RESULT_FD": str(write_end)}
    wrapper = [PY, "-c", _MEASURE, "tty" if tty else "quiet", *cmd]
    if tty:
        import pty

        master, slave = pty.openpty()
        proc = subprocess.Popen(wrapper, stdin=slave, stdout=slave, stderr=slave,
                                env=full_env, pass_fds=(write_end,))
        os.close(slave)
        try:
            while True:
                try:
                    if not os.read(master, 65536):
                        break
                except OSError:
                    break
        finally:
            os.close(master)
    else:
        proc = subprocess.Popen(wrapper, env=full_env, pass_fds=(write_end,))
    os.close(write_end)
    proc.wait()
    with os.fdopen(read_end, "rb") as fh:
        wall, rss, code = fh.read().split()
    if int(code) not in codes:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return float(wall), int(rss)


def medians(commands: dict[str, tuple[list[str], dict[str, str], bool]], rounds: int
            ) -> dict[str, float]:
    """Median wall time of each command, the commands interleaved round by round (a name
    ending in "miss" is a NAME that matches nothing: exit 2 is its answer)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, (cmd, env, tty) in commands.items():
            codes = (2,) if name.endswith("miss") else (0, 1, 3)
            times[name].append(run(cmd, env, tty, codes)[0])
    return {name: statistics.median(values) for name, values in times.items()}


def startup(rounds: int, cache: str) -> list[Row]:
    env = {"XDG_CACHE_HOME": cache}
    run(tool("now", "--json"), env)  # warm the cache
    m = medians({
        "typer": ([PY, "-c", "import typer"], env, False),
        "json": (tool("now", "--json"), env, False),
        "terminal": (tool("now"), {**env, "COLUMNS": "100"}, True),
    }, rounds)
    ref = f"import typer {m['typer'] * 1000:.0f} ms"
    return [
        Row("start-up: now --json", "≤ 1.15× import typer", f"{m['json'] * 1000:.0f} ms", ref,
            m["json"] / m["typer"], m["json"] / m["typer"] <= 1.15),
        Row("start-up: now in a terminal", "≤ 1.5× import typer",
            f"{m['terminal'] * 1000:.0f} ms", ref, m["terminal"] / m["typer"],
            m["terminal"] / m["typer"] <= 1.5),
    ]


def bare_yaml(path: Path) -> tuple[float, int]:
    code = (f"import yaml\nwith open({str(path)!r}, encoding='utf-8') as fh:\n"
            "    yaml.load(fh, Loader=yaml.CSafeLoader)\n")
    return run([PY, "-c", code])


def scale(sizes: list[int], workdir: Path, rounds: int, first_rounds: int) -> list[Row]:
    rows = []
    growth: dict[int, tuple[float, float]] = {}
    for channels in sizes:
        path = workdir / f"big-{channels}.yaml"
        path.write_text(generate(channels, seed=2024), encoding="utf-8")
        cache = str(workdir / f"cache-{channels}")
        env = {"XDG_CACHE_HOME": cache}
        name = "office-3"
        label = f"{channels:,} channels"
        # the first run and the bare load, interleaved, each first run with an empty cache
        firsts, loads = [], []
        for n in range(first_rounds):
            fresh = {"XDG_CACHE_HOME": f"{cache}-first-{n}"}
            firsts.append(run(tool("now", "--json", "--data", str(path), "--at", AT), fresh))
            loads.append(bare_yaml(path))
        first_wall = statistics.median(w for w, _ in firsts)
        first_rss = statistics.median(r for _, r in firsts)
        yaml_wall = statistics.median(w for w, _ in loads)
        yaml_rss = statistics.median(r for _, r in loads)
        run(tool("now", "--json", "--data", str(path), "--at", AT), env)  # fills the cache
        # The targets are set for the country-sized dataset; on a small file the fixed
        # cost of starting (typer, our imports) outweighs reading it, so those are shown
        # for the growth, not judged.
        judged = channels >= 100_000
        rows.append(Row(f"{label}: first run, time", "≤ 0.8× bare yaml.load",
                        f"{first_wall:.2f} s", f"yaml.load {yaml_wall:.2f} s",
                        first_wall / yaml_wall,
                        first_wall / yaml_wall <= 0.8 if judged else None))
        rows.append(Row(f"{label}: first run, peak memory", "≤ 1.0× bare yaml.load",
                        f"{first_rss / 1024:.0f} MB", f"yaml.load {yaml_rss / 1024:.0f} MB",
                        first_rss / yaml_rss, first_rss / yaml_rss <= 1.0 if judged else None))
        # A command about one NAME must cost what it costs on the bundled data, whatever the
        # size of the dataset: each beside the same command there, interleaved.
        bundled = {"XDG_CACHE_HOME": f"{cache}-bundled"}
        m = medians({
            "now": (tool("now", "--json", "--data", str(path), "--at", AT), env, False),
            "next": (tool("next", name, "--data", str(path), "--at", AT), env, False),
            "office": (tool("office", name, "--data", str(path), "--at", AT), env, False),
            "miss": (tool("next", "no-such-office", "--data", str(path), "--at", AT), env,
                     False),
            "next small": (tool("next", "sozialamt", "--at", AT), bundled, False),
            "office small": (tool("office", "sozialamt", "--at", AT), bundled, False),
            "small miss": (tool("next", "no-such-office", "--at", AT), bundled, False),
        }, rounds)
        _, rss = run(tool("now", "--json", "--data", str(path), "--at", AT), env)
        rows.append(Row(f"{label}: now --json, cached", "shown (per channel below)",
                        f"{m['now']:.2f} s", "", None, None))
        for what, big, small, limit in (("next NAME", "next", "next small", 1.5),
                                        ("office NAME", "office", "office small", 1.5),
                                        ("unknown NAME", "miss", "small miss", 2.0)):
            ratio = m[big] / m[small]
            rows.append(Row(f"{label}: {what}, cached", f"≤ {limit}× on the bundled data",
                            f"{m[big]:.2f} s", f"bundled {m[small]:.2f} s", ratio,
                            ratio <= limit if judged else None))
        theirs_rss = _their_memory(path, workdir)
        rows.append(Row(f"{label}: peak memory, cached now --json",
                        "≤ 0.5× opening-hours-py", f"{rss / 1024:.0f} MB",
                        f"opening-hours-py {theirs_rss / 1024:.0f} MB" if theirs_rss else "",
                        rss / theirs_rss if theirs_rss else None,
                        rss / theirs_rss <= 0.5 if theirs_rss and judged else None))
        growth[channels] = (first_wall, m["now"])
    ordered = sorted(growth)
    for small, big in itertools.pairwise(ordered):
        factor = big / small
        for i, what in enumerate(("first run", "cached now --json")):
            ratio = growth[big][i] / growth[small][i]
            rows.append(Row(f"growth {small:,} → {big:,}: {what}",
                            f"≤ linear (×{factor:.0f})", f"×{ratio:.1f}", "", ratio / factor,
                            ratio <= factor * 1.1))
    return rows


def at_size_limit(workdir: Path) -> list[Row]:
    """The largest file the docs promise to read (files.MAX_BYTES, 50 MiB) of the bench
    generator's offices, its first run beside a bare yaml.load of it: the same ratios as
    the 100,000-channel row, so the time stays linear up to the limit."""
    from erreichbar.data.files import MAX_BYTES

    per_channel = len(generate(10_000, seed=2024).encode("utf-8")) / 10_000
    channels = int(MAX_BYTES / per_channel * 0.99)
    text = generate(channels, seed=2024)
    while len(text.encode("utf-8")) > MAX_BYTES:  # (the estimate a little over)
        channels = int(channels * 0.99)
        text = generate(channels, seed=2024)
    path = workdir / "at-size-limit.yaml"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size / (1024 * 1024)
    del text
    ours = run(tool("now", "--json", "--data", str(path), "--at", AT),
               {"XDG_CACHE_HOME": str(workdir / "cache-at-size-limit")})
    theirs = bare_yaml(path)
    label = f"{size:.0f} MiB, the size limit ({channels:,} channels)"
    return [Row(f"{label}: first run, time", "≤ 0.8× bare yaml.load", f"{ours[0]:.1f} s",
                f"yaml.load {theirs[0]:.1f} s", ours[0] / theirs[0], ours[0] / theirs[0] <= 0.8),
            Row(f"{label}: first run, peak memory", "≤ 1.0× bare yaml.load",
                f"{ours[1] / 1024:.0f} MB", f"yaml.load {theirs[1] / 1024:.0f} MB",
                ours[1] / theirs[1], ours[1] / theirs[1] <= 1.0)]


def _their_memory(path: Path, workdir: Path) -> int | None:
    """Peak memory (KiB) of a process holding opening-hours-py's parsed objects for every
    channel of the dataset at PATH (the values converted beforehand, outside it)."""
    try:
        import opening_hours  # noqa: F401
    except ImportError:
        return None
    from erreichbar.hours import reader as hours_mod
    from erreichbar.render.export import to_osm

    texts = re.findall(r"^\s+hours: ['\"](.*)['\"]$", path.read_text("utf-8"), re.M)
    osm = {t: to_osm(hours_mod.parse(t)) for t in set(texts)}
    values = workdir / f"{path.stem}-osm.txt"
    values.write_text("\n".join(osm[t] for t in texts), encoding="utf-8")
    code = ("import opening_hours\n"
            f"with open({str(values)!r}, encoding='utf-8') as fh:\n"
            "    held = [opening_hours.OpeningHours(v, max_interval_days=366)\n"
            "            for v in fh.read().split('\\n')]\n")
    return run([PY, "-c", code])[1]


def _theirs(texts: list[str]) -> list:
    """opening-hours-py's objects for our hours texts (it reads English weekdays only, and
    has no implied `PH off`). max_interval_days: its documented setting for evaluating
    many expressions; without it a schedule that never changes (24/7) is searched to the
    year 9999."""
    import opening_hours

    from erreichbar.hours import reader as hours_mod
    from erreichbar.render.export import to_osm

    osm = {t: to_osm(hours_mod.parse(t)) for t in set(texts)}
    return [opening_hours.OpeningHours(osm[t], max_interval_days=366) for t in texts]


def _state_and_next(theirs: list, naive) -> None:
    for o in theirs:
        o.state(naive)
        o.next_change(naive)


def per_channel(channels: int, workdir: Path, rounds: int) -> list[Row]:
    """Cached `now --json` per channel on both generators: (time on the big dataset − time
    on the bundled one) / channels, beside opening-hours-py's time per schedule to compute
    state and next change of the same channels' hours, in process and already parsed."""
    try:
        import opening_hours  # noqa: F401
    except ImportError:
        return [Row("now --json per channel", "vs opening-hours-py", "skipped",
                    "opening-hours-py not installed", None, None)]
    from datetime import datetime

    at = datetime.fromisoformat(AT)
    rows = []
    for label, make in (("bench generator", generate), ("plain office hours", generate_plain)):
        text = make(channels)
        path = workdir / f"per-channel-{make.__name__}.yaml"
        path.write_text(text, encoding="utf-8")
        env = {"XDG_CACHE_HOME": str(workdir / f"cache-per-channel-{make.__name__}")}
        run(tool("now", "--json", "--data", str(path), "--at", AT), env)  # fills the cache
        run(tool("now", "--json", "--at", AT), env)
        m = medians({
            "bundled": (tool("now", "--json", "--at", AT), env, False),
            "big": (tool("now", "--json", "--data", str(path), "--at", AT), env, False),
        }, rounds)
        texts = re.findall(r"^\s+hours: ['\"](.*)['\"]$", text, re.M)
        theirs = _theirs(texts)
        t_theirs = min(_timed(partial(_state_and_next, theirs, at)) for _ in range(3))
        ours = (m["big"] - m["bundled"]) / len(texts)
        per = t_theirs / len(texts)
        rows.append(Row(f"now --json per channel, {label}, {len(texts):,} channels",
                        "≤ 1.0× opening-hours-py", f"{ours * 1e6:.1f} µs",
                        f"opening-hours-py {per * 1e6:.1f} µs", ours / per, ours <= per))
    return rows


def engine(count: int, rounds: int) -> list[Row]:
    """Parsing, and the engine functions the commands call, in process on the same
    schedules side by side with opening-hours-py (the test extra): `now` asks
    batch.statuses, `next`/`office`/`check` ask status() per channel, `week`/`ics` ask
    windows(). Both generators' hours."""
    try:
        import opening_hours
    except ImportError:
        return [Row("engine throughput", "vs opening-hours-py", "skipped",
                    "opening-hours-py not installed", None, None)]
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from erreichbar.calendar.civil import Calendar
    from erreichbar.data.model import ALWAYS, State
    from erreichbar.hours import batch
    from erreichbar.hours import engine as engine_mod
    from erreichbar.hours import reader as hours_mod
    from erreichbar.render.export import to_osm

    tz = ZoneInfo("Europe/Berlin")
    at = datetime(2024, 3, 6, 10, 30, tzinfo=tz)
    naive = at.replace(tzinfo=None)
    monday = datetime(2024, 3, 4, tzinfo=tz)
    sunday_end = monday + timedelta(days=7)
    cal = Calendar("Europe/Berlin", "DE-HE")
    cal.holiday(at.date())

    def best(fn) -> float:
        return min(_timed(fn) for _ in range(rounds))

    def measure(label: str, make) -> list[Row]:
        rows = []
        rng = random.Random(99)
        texts = [make(rng) for _ in range(count)]
        n = f"{count:,} schedules, {label}"
        if label == "bench":
            osm = [to_osm(hours_mod.parse(t)) for t in texts]

            def theirs_parse() -> None:
                for t in osm:
                    opening_hours.OpeningHours(t, max_interval_days=366)

            def ours_parse() -> None:
                hours_mod.forget()  # (each round parses as a first run does)
                for t in texts:
                    hours_mod.parse(t)

            t_parse_theirs, t_parse_ours = best(theirs_parse), best(ours_parse)
            rows.append(Row(f"parse {n}", "≤ 2× opening-hours-py", f"{t_parse_ours:.2f} s",
                            f"opening-hours-py {t_parse_theirs:.2f} s",
                            t_parse_ours / t_parse_theirs, t_parse_ours / t_parse_theirs <= 2))
        hours_mod.analyse.cache_clear()
        schedules = [hours_mod.parse(t) for t in texts]  # equal texts: one Schedule
        theirs = _theirs(texts)
        pairs = [(s, ALWAYS) for s in schedules]
        t_ref = best(lambda: _state_and_next(theirs, naive))
        ref = f"opening-hours-py state + next change {t_ref:.3f} s"
        t_now = best(lambda: batch.statuses(pairs, cal, at))
        t_one = best(lambda: [engine_mod.status(s, cal, at).next_window for s in schedules])
        rows.append(Row(f"now: batch.statuses, {n}", "≤ 1× opening-hours-py",
                        f"{t_now:.3f} s", ref, t_now / t_ref, t_now <= t_ref))
        # shown, not judged: a command about one NAME asks about a handful of channels
        rows.append(Row(f"next/office/check: status() each, {n}", "vs opening-hours-py",
                        f"{t_one:.3f} s", ref, t_one / t_ref, None))
        few = max(1, count // 10)  # a week's windows cost more than a state, on both sides
        t_week_theirs = best(lambda: [list(o.intervals(monday.replace(tzinfo=None),
                                                       sunday_end.replace(tzinfo=None)))
                                      for o in theirs[:few]])
        t_week = best(lambda: [engine_mod.windows(s, cal, monday, sunday_end, ALWAYS,
                                                  (State.OPEN, State.UNKNOWN))
                               for s in schedules[:few]])
        rows.append(Row(f"week/ics: windows of a week, {few:,} schedules, {label}",
                        "vs opening-hours-py", f"{t_week:.3f} s",
                        f"opening-hours-py intervals {t_week_theirs:.3f} s",
                        t_week / t_week_theirs, None))
        return rows

    return [*measure("bench", hours), *measure("plain", office_hours)]


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def table(rows: list[Row]) -> str:
    head = ["figure", "target", "measured", "reference (same run)", "ratio", "verdict"]
    cells = [head, *[r.cells() for r in rows]]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = ["  ".join(c[i].ljust(widths[i]) for i in range(len(head))) for c in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def compile_package() -> None:
    """Byte-compile the tool's modules, as an install does (pip writes the .pyc files). A
    checkout run with PYTHONDONTWRITEBYTECODE set, or after an edit, would otherwise
    compile its changed modules on every start and be timed doing it, while typer, the
    reference, is compiled."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    where = subprocess.run([PY, "-c", "import erreichbar, os; print(os.path.dirname("
                            "erreichbar.__file__))"], capture_output=True, text=True,
                           env=env, check=True).stdout.strip()
    subprocess.run([PY, "-m", "compileall", "-q", where], env=env, check=False,
                   stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1,000 channels, few rounds (CI)")
    parser.add_argument("--rounds", type=int, default=None)
    args = parser.parse_args()
    sizes = [1000] if args.quick else [1000, 10_000, 100_000]
    rounds = args.rounds or (3 if args.quick else 11)
    import_osm.osmium_tool()  # missing, the bench stops here, not after its other figures
    compile_package()
    with tempfile.TemporaryDirectory(prefix="erreichbar-bench-") as tmp:
        work = Path(tmp)
        rows = startup(rounds, str(work / "cache-startup"))
        rows += scale(sizes, work, max(3, rounds // 2), 1 if args.quick else 3)
        if not args.quick:  # a minute or two of its own: the full run only
            rows += at_size_limit(work)
        rows += per_channel(sizes[-1], work, max(3, rounds // 2))
        rows += engine(1000 if args.quick else 100_000, 1 if args.quick else 3)
        rows += import_osm.rows(args.quick, work, 3 if args.quick else 7, run, tool, Row)
    print(table(rows))
    limits = resource.getrusage(resource.RUSAGE_SELF)
    print(f"\n(bench process peak memory {limits.ru_maxrss / 1024:.0f} MB; "
          f"Python {sys.version.split()[0]} on {os.cpu_count()} cores)")
    missed = [r for r in rows if r.ok is False]
    if args.quick:
        return  # a smoke run: it works; the targets are judged on the full run
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
