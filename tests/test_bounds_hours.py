"""Issue 23, the hours' part: the work on one hours value grows linearly with its rules, and
a value longer than a data file's hours may be (reader.MAX_LENGTH, docs/data-format.md) is
refused with one line naming its file, line and column before anything reads it.

The probe's reproducers are run through the CLI; CPU time (this process's, through
`resource`) is what is bounded, generously for two workers sharing two cores: the quadratic
reading took 16 to 86 s on these values, the linear one takes a fraction of a second."""

from __future__ import annotations

import re
import resource
from datetime import date, timedelta
from pathlib import Path

import pytest

from erreichbar.calendar.civil import Calendar
from erreichbar.errors import Exit, HoursError
from erreichbar.hours import reader
from erreichbar.hours.lenient import standard
from erreichbar.hours.reader import MAX_LENGTH, analyse, check_size, parse_rules
from helpers import DATA_HEAD, one_line_error, run_cli

NO_CACHE = {"ERREICHBAR_NO_CACHE": "1"}
MIXED = "Mo-Fr 08:00-18:00; Mo-Fr 12:00-13:00 off, Sa 10:00-12:00 || PH off"

# the probe's values: (name, value)
PROBE = [
    ("10,000 ';' rules", "; ".join(["Mo-Fr 08:00-12:00"] * 10_000)),
    ("10,000 ',' rules", ", ".join(["Mo-Fr 08:00-12:00"] * 10_000)),
    ("5,000 '||' rules", " || ".join(["Mo-Fr 08:00-12:00"] * 5_000)),
    ("136 KB mixed", "; ".join([MIXED] * 2_000)),
    ("Dec 24 x 10,000 off", "Mo-Fr 08:00-16:00; " + "; ".join(["Dec 24 off"] * 10_000)),
]


def cpu() -> float:
    """CPU time of this process so far (the CLI runs in it)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def data_file(folder: Path, hours: str) -> Path:
    """A data file of one office whose phone has HOURS, on line 12 of the file from column
    17 (inside the quotes of `hours: "…"`)."""
    path = folder / "stunden.yaml"
    path.write_text(DATA_HEAD + f"""\
offices:
  - id: "amt"
    name: "Amt"
    source: "s"
    channels:
      - kind: "phone"
        hours: "{hours}"
        contacts: [{{phone: "069 1234"}}]
""", encoding="utf-8")
    return path


HOURS_LINE = DATA_HEAD.count("\n") + 7  # the line of `hours:` in data_file()
HOURS_COLUMN = len('        hours: "') + 1


def fill(rule: str, join: str, first: str = "") -> str:
    """FIRST, then RULE joined by JOIN as often as MAX_LENGTH allows."""
    out = first or rule
    while len(out) + len(join) + len(rule) <= MAX_LENGTH:
        out += join + rule
    return out


def limit_line(path: Path, length: int) -> str:
    """The one line that refuses a value of LENGTH characters in PATH: the hours' own limit,
    or, for a value past the limit of any YAML value (data/yamlnodes.py MAX_SCALAR), that one,
    which the reader says before the hours are looked at."""
    from erreichbar.data.yamlnodes import MAX_SCALAR

    if length > MAX_SCALAR:
        return (rf"{re.escape(str(path))}:{HOURS_LINE}:{HOURS_COLUMN - 1}: error: a value of "
                rf"more than {MAX_SCALAR:,} characters: is it a data file\?")
    return (rf"{re.escape(str(path))}:{HOURS_LINE}:{HOURS_COLUMN}: error: hours '.{{40}}'…: "
            rf"{length} characters long, more than the {MAX_LENGTH} an hours value may have")


# --- the probe's values: refused at once, with one line ------------------------------------


@pytest.mark.parametrize(("name", "value"), PROBE, ids=[name for name, _v in PROBE])
def test_each_probe_value_is_refused_by_validate_at_once_in_one_line(
        tmp_path: Path, name: str, value: str) -> None:
    path = data_file(tmp_path, value)
    before = cpu()
    run = run_cli(["--lang", "en", "validate", str(path)])
    spent = cpu() - before
    assert spent < 1.0, f"{name}: {spent:.2f} s CPU"
    assert run.code == Exit.DATA, run.err
    assert re.fullmatch(limit_line(path, len(value)), run.out.strip()), run.out
    assert run.err.strip() == "1 error, 0 warnings in 1 file"


@pytest.mark.parametrize("args", [
    ("ics", "amt", "--weeks", "104", "--from", "2024-01-01"),
    ("now", "--all", "--at", "2024-12-24T10:00"),
    ("week", "amt", "--at", "2024-12-23T10:00"),
])
def test_every_command_refuses_the_dated_probe_value_at_once(tmp_path: Path,
                                                              args: tuple[str, ...]) -> None:
    """`Dec 24` 10,000 times `off` made `ics --weeks 104` take 5.4 s."""
    value = PROBE[-1][1]
    path = data_file(tmp_path, value)
    before = cpu()
    run = run_cli(["--lang", "en", *args, "--data", str(path)], NO_CACHE)
    spent = cpu() - before
    assert spent < 1.0, f"{args[0]}: {spent:.2f} s CPU"
    line = one_line_error(run, Exit.DATA)
    assert re.fullmatch("erreichbar: " + limit_line(path, len(value)), line), line


def test_the_limit_is_the_documented_length_and_counted_before_reading() -> None:
    assert MAX_LENGTH == 4096
    at_limit = fill("Mo-Fr 08:00-12:00", "; ")
    check_size(at_limit + " " * (MAX_LENGTH - len(at_limit)))  # (4,096 characters: taken)
    with pytest.raises(HoursError) as refused:
        check_size("x" * (MAX_LENGTH + 1))  # not hours at all: refused for its size first
    assert refused.value.column == 1
    assert f"{MAX_LENGTH + 1} characters" in refused.value.message
    docs = (Path(__file__).resolve().parents[1] / "docs" / "data-format.md").read_text(
        encoding="utf-8")
    assert "4,096 characters" in docs


def test_a_value_just_over_the_limit_is_refused_and_one_just_under_it_read(
        tmp_path: Path) -> None:
    under = fill("Mo-Fr 08:00-12:00", "; ")
    assert len(under) <= MAX_LENGTH
    run = run_cli(["--lang", "en", "validate", str(data_file(tmp_path, under))])
    assert run.code == 0, (run.out, run.err)
    over = under + "; Sa 10:00-12:00"
    path = data_file(tmp_path, over)
    run = run_cli(["--lang", "en", "validate", str(path)])
    assert run.code == Exit.DATA
    assert re.fullmatch(limit_line(path, len(over)), run.out.strip()), run.out


# --- linear: the reading of many rules -----------------------------------------------------

# each kind of rule list, 3,200 rules long (no limit applies to reader.analyse, which also
# reads the values the tool composes): the quadratic reading took 2 to 30 s on these
MANY = {
    "semicolons": "; ".join(["Mo-Fr 08:00-12:00"] * 3_200),
    "commas": ", ".join(["Mo-Fr 08:00-12:00"] * 3_200),
    "fallbacks": " || ".join(["Mo-Fr 08:00-12:00"] * 3_200),
    "mixed": "; ".join([MIXED] * 800),
    "distinct": "; ".join(f"Mo-Fr {8 + i // 60:02d}:{i % 60:02d}-18:00" for i in range(600)),
    "typed": "; ".join(["Mon-Fri 8-12"] * 3_200),  # read through the standard form
    "spans": "Mo-Su " + ",".join(f"{m // 60:02d}:{m % 60:02d}-{m // 60:02d}:{m % 60 + 1:02d}"
                                 for m in range(0, 1440, 2)),
}


@pytest.mark.parametrize("kind", list(MANY))
def test_reading_many_rules_costs_linear_time(kind: str) -> None:
    text = MANY[kind]
    reader.forget()
    before = cpu()
    schedule, warnings = analyse(text)
    spent = cpu() - before
    assert spent < 1.0, f"{kind}: {spent:.2f} s CPU for {len(text)} characters"
    # and the warnings grow with the rules, not with their square (the quadratic ones gave
    # one for every pair of rules: 179,700 for the 600 distinct ones)
    rules = len(parse_rules(standard(text)))
    assert len(warnings) <= 2 * rules, f"{kind}: {len(warnings)} warnings for {rules} rules"
    assert schedule.days[0], kind


# --- at the limit: fast, and the same answer as the few rules it repeats -------------------

CAL = Calendar("Europe/Berlin", "DE-HE")


def days_of(text: str, first: date, count: int) -> list[tuple[object, ...]]:
    """The segments of COUNT days from FIRST, as the engine is asked for them."""
    schedule = analyse(text)[0]
    out = []
    for n in range(count):
        day = first + timedelta(days=n)
        if schedule.dated is not None:
            out.append(schedule.dated.day(CAL, day))
        else:
            out.append(schedule.days[CAL.slot(day)])
    return out


REPEATED = [
    ("Mo-Fr 08:00-12:00", "; ", ""),
    ("Mo-Fr 08:00-12:00", ", ", ""),
    ("Mo-Fr 08:00-12:00", " || ", ""),
    (MIXED, "; ", ""),
    ("Dec 24 off", "; ", "Mo-Fr 08:00-16:00"),
    ("Sa[1] 10:00-12:00", "; ", "Mo-Fr 08:00-16:00"),
    ("Mo-Fr 22:00-02:00", ", ", ""),
]


@pytest.mark.parametrize(("rule", "join", "first"), REPEATED,
                         ids=[f"{r}{j.strip()}" for r, j, _f in REPEATED])
def test_a_value_at_the_limit_answers_as_the_rules_it_repeats(rule: str, join: str,
                                                              first: str) -> None:
    """A rule said 200 times says what it says once: the same days over a year with its
    holidays, Christmas and the first Saturdays."""
    few = first + join + rule if first else rule
    many = fill(rule, join, first)
    assert len(many) > MAX_LENGTH - len(rule) - len(join) - 1
    assert len(parse_rules(many)) >= 190
    reader.forget()
    before = cpu()
    answer = days_of(many, date(2024, 1, 1), 366)
    spent = cpu() - before
    assert spent < 1.0, f"{spent:.2f} s CPU"
    assert answer == days_of(few, date(2024, 1, 1), 366)


def test_commands_on_values_at_the_limit_finish_at_once(tmp_path: Path) -> None:
    """Every command, on a file whose value is as long as a value may be: `validate` reads
    it and `ics` writes two years of it, each in well under 2 s; the calendar of 200 times
    `Dec 24 off` has the events of one."""
    many = fill("Dec 24 off", "; ", "Mo-Fr 08:00-16:00")
    few = "Mo-Fr 08:00-16:00; Dec 24 off"
    events = []
    for value in (many, few):
        path = data_file(tmp_path, value)
        for args in (("validate", str(path)),
                     ("now", "--all", "--at", "2024-12-24T10:00", "--data", str(path)),
                     ("week", "amt", "--at", "2024-12-23T10:00", "--data", str(path))):
            before = cpu()
            run = run_cli(["--lang", "en", *args], NO_CACHE)
            assert cpu() - before < 1.5, args
            assert run.code == 0, (args, run.err)
        before = cpu()
        run = run_cli(["ics", "amt", "--weeks", "104", "--from", "2024-01-01", "--data",
                       str(path)], NO_CACHE)
        assert cpu() - before < 2.0
        assert run.code == 0, run.err
        events.append(run.out.count("BEGIN:VEVENT"))
    assert events[0] == events[1] > 400
