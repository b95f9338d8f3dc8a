"""Issue 23, the output's part: the long answers (`ics`, `export`, `week --json`) are
written as they are made, so `ics --weeks 104 | head -1` ends at once and its memory does
not grow with the weeks; a write error on -o, --svg, --html or stdout exits 74 with one
line, leaving the old file as it was and no temporary file; and -o refuses a file its user
could not write to, as cp does.

The probes run in real processes (a pipe, a full device, a file size limit). Their CPU time
and peak memory are measured by a process of their own (MEASURE), whose only children are
the pipeline's: `resource.getrusage(RUSAGE_CHILDREN)` in the test's own process would count
every child the suite started before, and keeps the largest peak of them all.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from erreichbar.cli.atomic import OutputError
from erreichbar.errors import Exit
from helpers import one_line_error, run_cli

ROOT = Path(__file__).resolve().parents[1]
CHANNELS = 3000  # a few thousand: big enough that building everything shows, loaded fast
CPU_LIMIT = 30  # seconds: a regression is cut short (the probe's run took 8 minutes)
MiB = 1 << 20

# The command line (for sh) in a process of its own, with a CPU limit; prints its exit
# code, output, errors, CPU time and peak memory (ru_maxrss: KiB on Linux, where the suite
# runs) as JSON.
MEASURE = f"""
import json, resource, signal, subprocess, sys

def limits():
    resource.setrlimit(resource.RLIMIT_CPU, ({CPU_LIMIT}, {CPU_LIMIT}))
    if len(sys.argv) > 2:  # a file size limit: a write past it fails with EFBIG, as on a
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # full disk, instead of a signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))

done = subprocess.run(["sh", "-c", sys.argv[1]], capture_output=True, preexec_fn=limits)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({{"code": done.returncode, "out": done.stdout.decode("utf-8", "replace"),
                  "err": done.stderr.decode("utf-8", "replace"),
                  "cpu": usage.ru_utime + usage.ru_stime, "peak": usage.ru_maxrss * 1024}}))
"""


def measure(command: str, env: dict[str, str], file_size: int | None = None
            ) -> dict[str, object]:
    """`command` run by sh, `$ERREICHBAR` in it being this Python's erreichbar: what
    MEASURE found."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **env}
    command = command.replace("$ERREICHBAR", f"{shlex.quote(sys.executable)} -m erreichbar")
    args = [sys.executable, "-c", MEASURE, command] + ([str(file_size)] if file_size else [])
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300,
                          check=True)
    result: dict[str, object] = json.loads(done.stdout)
    assert "Traceback" not in str(result["err"]), result["err"]
    return result


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """A generated dataset of a few thousand channels (bench/generate.py), with a cache
    folder of its own that one run has filled, and the environment to run with it."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    folder = tmp_path_factory.mktemp("big")
    path = folder / "big.yaml"
    path.write_text(generate.generate(CHANNELS), encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(folder / "cache"), "XDG_CONFIG_HOME": str(folder / "config")}
    assert measure(f"$ERREICHBAR list --data {path} > /dev/null", env)["code"] == 0
    return str(path), env


# --- written as it is made ---------------------------------------------------------------

def test_ics_into_head_ends_at_once_and_its_memory_does_not_grow_with_the_weeks(big):
    """The probe: `ics --weeks 104 | head -1` over 10,000 channels ran 8 minutes and grew to
    8.8 GB; over 3,000 it took 208 s CPU and 7.9 GB, and 4.2 s, 202 MB for 2 weeks. Now
    the calendar is written event by event: about 0.4 s and 60 MB either way, most of it
    the start and the data."""
    data, env = big
    runs = {weeks: measure(f"$ERREICHBAR ics --data {data} --weeks {weeks} | head -1", env)
            for weeks in (2, 104)}
    for weeks, run in runs.items():
        assert run["code"] == 0 and run["out"] == "BEGIN:VCALENDAR\r\n", (weeks, run)
        assert run["cpu"] < 2.0, (weeks, run["cpu"])
        assert run["peak"] < 250 * MiB, (weeks, run["peak"] / MiB)
    # memory does not follow the weeks (before: 202 MB for 2, 7.9 GB for 104)
    assert runs[104]["peak"] < runs[2]["peak"] * 1.25 + 10 * MiB, \
        {weeks: run["peak"] / MiB for weeks, run in runs.items()}


@pytest.mark.parametrize("fmt", ["jsonld", "yaml"])
def test_an_export_into_head_ends_before_the_rest_is_made(big, fmt):
    """Each office is written as it is made: the first line costs a fraction of the whole
    (over 3,000 channels 0.11 of 0.53 s for JSON-LD, 0.16 of 0.88 s for YAML; before, as
    much as the whole, with the whole text held)."""
    data, env = big
    head = measure(f"$ERREICHBAR export --format {fmt} --data {data} | head -1", env)
    whole = measure(f"$ERREICHBAR export --format {fmt} --data {data} > /dev/null", env)
    assert head["code"] == whole["code"] == 0, (head, whole)
    assert head["cpu"] < whole["cpu"] / 2, (head["cpu"], whole["cpu"])


def test_the_pieces_make_the_texts_they_stand_for():
    """The streamed texts are those of the whole documents: `week --json` is week()'s
    text, JSON-LD the document json_out.dumps() writes at once, and the YAML offices
    written in batches are the sequence PyYAML writes under `offices:` in one dump."""
    from erreichbar.answers.week import week as week_answer
    from erreichbar.calendar.civil import Calendar
    from erreichbar.data.loader import bundled_path, load
    from erreichbar.render import export, export_yaml, json_out
    from helpers import local

    dataset, _report = load([bundled_path()])
    cal = Calendar(dataset.timezone, dataset.region, "de")
    answer = week_answer(dataset, cal, None, local("2024-12-23T10:00"))
    assert answer.rows and answer.holidays
    assert "".join(json_out.week_chunks(answer)) == json_out.week(answer)
    empty = week_answer(dataset, cal, None, local("2024-12-23T10:00"), ("no such kind",))
    assert not empty.rows
    assert "".join(json_out.week_chunks(empty)) == json_out.week(empty)

    today = cal.local(local("2024-12-23T10:00")).date()
    graph = [export._government_office(office, None, cal, today) for office in dataset.offices]
    whole = json_out.dumps({"@context": "https://schema.org", "@graph": graph})
    assert "".join(export.jsonld_chunks(dataset, None, cal, today)) == whole

    entries = [export_yaml._office_entry(office, None, {}, {}) for office in dataset.offices]
    batches = [entries[n:n + 3] for n in range(0, len(entries), 3)]
    assert "offices:\n" + "".join(map(export_yaml._dump, batches)) == \
        export_yaml._dump({"offices": entries})
    text = export_yaml.dataset_yaml(dataset, None)
    assert [o["id"] for o in yaml.safe_load(text)["offices"]] == \
        [o.id for o in dataset.offices]


# --- a write error is 74, with the old file kept and nothing left behind -----------------

FULL = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")


@FULL
@pytest.mark.parametrize("args", [
    ["export", "--format", "osm", "-o"], ["ics", "-o"], ["export", "--format", "yaml", "-o"],
    ["ics", "sozialamt", "--weeks", "104", "-o"], ["office", "sozialamt", "--svg"],
    ["office", "sozialamt", "--html"], ["week", "--svg"]])
def test_a_full_device_named_by_an_option_is_74_and_one_line(args):
    """The probe's reproducers (`export --format osm -o /dev/full`, `office sozialamt
    --svg /dev/full`, `ics -o /dev/full`) exited 2, as a usage error. (--svg and --html
    save what the terminal shows: the view itself is on stdout.)"""
    run = run_cli([*args, "/dev/full"], {"ERREICHBAR_NO_CACHE": "1", "ERREICHBAR_LANG": "en"})
    if "-o" in args:
        line = one_line_error(run, Exit.OUTPUT)
    else:
        assert run.code == Exit.OUTPUT, (run.code, run.err)
        (line,) = run.err.splitlines()
    assert line == "erreichbar: /dev/full: cannot write: No space left on device", line


@FULL
@pytest.mark.parametrize("args", [["ics", "--weeks", "104"], ["export", "--format", "yaml"],
                                  ["export", "--format", "jsonld"], ["week", "--json"],
                                  ["now", "--json", "--all"]])
def test_a_full_stdout_is_74_and_one_line_for_the_streamed_answers(args, tmp_path):
    run = measure(f"$ERREICHBAR {' '.join(args)} > /dev/full",
                  {"ERREICHBAR_NO_CACHE": "1", "XDG_CONFIG_HOME": str(tmp_path)})
    lines = str(run["err"]).splitlines()
    assert run["code"] == Exit.OUTPUT == 74, run
    assert len(lines) == 1 and lines[0].startswith("erreichbar: "), lines


def test_a_file_that_cannot_grow_keeps_its_old_text_and_leaves_nothing_behind(tmp_path):
    """A real failed write into a regular file, as on a full disk: a file size limit
    (RLIMIT_FSIZE) makes the write past it fail with EFBIG. 74 and one line; the file
    -o names keeps its old text, and no temporary file is left beside it."""
    out = tmp_path / "phone.ics"
    out.write_text("the old calendar\n", encoding="utf-8")
    run = measure(f"$ERREICHBAR ics --weeks 104 -o {out}",
                  {"ERREICHBAR_NO_CACHE": "1", "ERREICHBAR_LANG": "en",
                   "XDG_CONFIG_HOME": str(tmp_path / "c")},
                  file_size=64 * 1024)
    lines = str(run["err"]).splitlines()
    assert run["code"] == Exit.OUTPUT, run
    assert len(lines) == 1 and lines[0].startswith(f"erreichbar: {out}: cannot write"), lines
    assert out.read_text(encoding="utf-8") == "the old calendar\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phone.ics"]


def test_output_error_is_the_documented_code():
    assert OutputError("x").exit_code == Exit.OUTPUT == 74


# --- the user's file modes ---------------------------------------------------------------

def _export_as_nobody(data: str, out: str) -> tuple[int, str, str]:
    run = run_cli(["export", "sozialamt", "--format", "osm", "--data", data, "-o", out],
                  {"ERREICHBAR_NO_CACHE": "1"})
    return run.code, run.out, run.err


def test_o_refuses_another_users_read_only_file_in_a_folder_that_allows_the_rename(
        tmp_path):
    """The probe: `-o` replaced another user's read-only file in a writable folder without
    the sticky bit, as `mv` would. Now it is refused as `cp` refuses it (really, as the
    user nobody), and the file keeps its text.

    Exit 2, not 74: nothing was written and no device failed; the command names a place
    the answer may not go, as for a folder that cannot be written (also 2), and the user
    must change the command (or the file's mode)."""
    import shutil
    import tempfile

    from erreichbar.data.loader import bundled_path
    from helpers import as_another_user

    folder = Path(tempfile.mkdtemp())  # in /tmp: a folder the other user may reach
    try:
        os.chmod(folder, 0o777)  # noqa: S103 - open to the other user, without sticky bit
        data = folder / "offices.yaml"
        shutil.copyfile(bundled_path(), data)
        os.chmod(data, 0o644)
        theirs = folder / "theirs.txt"
        theirs.write_text("root's own\n", encoding="utf-8")
        os.chmod(theirs, 0o644)
        code, out, err = as_another_user(_export_as_nobody, str(data), str(theirs))
        assert code == Exit.USAGE, (code, err)
        assert out == "" and len(err.splitlines()) == 1 and str(theirs) in err, err
        assert theirs.read_text(encoding="utf-8") == "root's own\n"
        assert sorted(p.name for p in folder.iterdir()) == ["offices.yaml", "theirs.txt"]
    finally:
        shutil.rmtree(folder)
