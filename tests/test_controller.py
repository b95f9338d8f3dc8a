"""The layers around the controller: cli.py declares, controller.py loads and chooses,
the renderers write; and the renderers of `holidays` and `validate`."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from datetime import date

import pytest

from erreichbar.errors import Finding, Report
from erreichbar.render import findings, holidays
from helpers import ROOT, cli

PACKAGE = ROOT / "src" / "erreichbar"


def imported_by(path) -> set[str]:
    """The modules of the package that PATH imports, anywhere in it, as dotted names
    relative to the package (`render.text`)."""
    here = path.relative_to(PACKAGE).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(here[:len(here) - node.level + 1])
            if node.module:
                found.add(".".join([*base, node.module]))
            else:
                found |= {".".join([*base, alias.name]) for alias in node.names}
    return found


def test_nothing_below_the_command_line_imports_it_or_the_controller():
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        above = {"cli"} if name in ("cli", "__main__") else set()
        above |= {"controller"} if name == "cli" else set()
        assert imported_by(path) & {"cli", "controller"} <= above, name


def test_cli_declares_and_imports_no_data_and_no_engine():
    """`--help` and a mistyped command load nothing; a command imports what it needs."""
    code = ("import sys, erreichbar.cli.app, erreichbar.cli.controller; "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('erreichbar'))))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True, timeout=120).stdout.split())
    assert loaded == {"erreichbar", "erreichbar.cli", "erreichbar.cli.app",
                      "erreichbar.cli.controller", "erreichbar.cli.context",
                      "erreichbar.cli.help_page", "erreichbar.errors", "erreichbar.i18n",
                      "erreichbar.cli.runner"}
    assert "rich" not in loaded


def test_a_cached_now_json_builds_no_records(tmp_path):
    """`now --json` from the store reads the compiled table: it neither builds nor even
    defines the model's records or the other answers (values.py), nor imports json, yaml,
    rich or tempfile, each a piece of every start-up, nor reads the German catalogue (its
    output has no words; the help is translated only when shown). The first run fills the
    store."""
    code = ("import sys, runpy; sys.argv = ['erreichbar', 'now', '--json']\n"
            "import erreichbar.cli.runner as r, erreichbar.i18n as i\n"
            "r.os._exit = lambda code: (print(' '.join(sorted(sys.modules)), file=sys.stderr),"
            " print('catalogues', i._catalogue.cache_info().currsize, file=sys.stderr),"
            " sys.exit(code))\n"
            "from erreichbar.cli.app import main\nmain()\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "ERREICHBAR_LANG": "de"}
    env.pop("ERREICHBAR_NO_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, timeout=120) for _ in range(2)]
    assert [run.returncode for run in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout and json.loads(runs[1].stdout)
    first = set(runs[0].stderr.split())
    loaded = set(runs[1].stderr.split())
    assert {"erreichbar.data.model", "yaml"} <= first  # the test can see what it looks for
    assert not loaded & {"erreichbar.data.model", "erreichbar.answers.questions",
                         "erreichbar.data.schema", "json", "yaml", "rich", "tempfile"}
    assert {"erreichbar.hours.values", "erreichbar.answers.now", "erreichbar.hours.batch"} <= loaded
    assert "catalogues 0" in runs[1].stderr


def test_now_in_a_terminal_imports_no_rich_console(tmp_path):
    """The terminal view of `now` lays its lines out itself (render/layout.py) and draws
    them with escape codes (render/terminal.py): rich's Console and Text, a third of
    `import typer`, are not imported; its widths of characters are."""
    code = ("import sys; sys.argv = ['erreichbar', 'now']\n"
            "import erreichbar.cli.runner as r\n"
            "r.os._exit = lambda code: (print(' '.join(sorted(sys.modules)), file=sys.stderr),"
            " sys.exit(code))\n"
            "from erreichbar.cli.app import main\nmain()\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "FORCE_COLOR": "1",
           "COLUMNS": "100"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode in (0, 1, 3) and "\x1b[" in run.stdout  # drawn for a terminal
    loaded = set(run.stderr.split())
    assert "rich.cells" in loaded
    assert not {"rich.console", "rich.text", "rich.style", "rich.table"} & loaded


def test_cli_is_declarations_only():
    """Every command's body is one call into the controller."""
    tree = ast.parse((PACKAGE / "cli" / "app.py").read_text("utf-8"))
    commands = [node for node in tree.body if isinstance(node, ast.FunctionDef)
                and any("command" in ast.unparse(d) for d in node.decorator_list)]
    assert len(commands) == 12
    for command in commands:
        body = [n for n in command.body if not isinstance(n, ast.ImportFrom)]
        assert len(body) == 1, command.name
        call = body[0].value
        assert ast.unparse(call.func).startswith("controller."), command.name


# 2024 as a calendar has it: 1 January was a Monday, 25 December a Wednesday.
DAYS = {date(2024, 12, 25): "1. Weihnachtstag", date(2024, 1, 1): "Neujahr"}


def test_holidays_in_a_pipe_are_one_tab_separated_line_each_in_date_order():
    assert holidays.as_lines(DAYS) == "2024-01-01\tNeujahr\n2024-12-25\t1. Weihnachtstag"
    assert holidays.as_lines({}) == ""


def test_holidays_as_json_give_the_iso_weekday():
    assert json.loads(holidays.as_json(DAYS)) == [
        {"date": "2024-01-01", "name": "Neujahr", "weekday": 1},
        {"date": "2024-12-25", "name": "1. Weihnachtstag", "weekday": 3}]


REPORT = Report([Finding("a.yaml", 3, 5, "error", "office: unknown key 'colour'"),
                 Finding("a.yaml", 9, 1, "warning", "name with a bell\x07")])


def test_findings_are_lines_an_editor_can_jump_to_and_harmless_to_a_terminal():
    assert findings.as_lines(REPORT).splitlines() == [
        "a.yaml:3:5: error: office: unknown key 'colour'",
        "a.yaml:9:1: warning: name with a bell\ufffd"]
    assert findings.as_lines(Report()) == ""


def test_findings_as_json_count_and_list_them():
    data = json.loads(findings.as_json(["a.yaml"], REPORT, ok=False))
    assert data == {"files": ["a.yaml"], "ok": False, "errors": 1, "warnings": 1,
                    "findings": [
                        {"file": "a.yaml", "line": 3, "column": 5, "severity": "error",
                         "message": "office: unknown key 'colour'"},
                        {"file": "a.yaml", "line": 9, "column": 1, "severity": "warning",
                         "message": "name with a bell\x07"}]}


def test_findings_summary_counts_errors_warnings_and_files():
    from erreichbar.i18n import language, set_language

    previous = language()
    set_language("en")
    try:
        # each count with the form of its number (ngettext): one error, but two files
        assert findings.summary(REPORT, 2) == "1 error, 1 warning in 2 files"
        set_language("de")
        assert findings.summary(REPORT, 2) == "1 Fehler, 1 Warnung in 2 Dateien"
    finally:
        set_language(previous)


# --- options before data, NAME once ------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["now", "--channel", "fax"],
    ["now", "--channel", ","],
    ["now", "--at", "gestern um drei"],
    ["next", "sozialamt", "--at", "2024-13-45 10:00"],
    ["office", "sozialamt", "--channel", "fax"],
    ["check", "sozialamt", "--channel", "brief"],
    ["week", "--channel", "fax"],
    ["ics", "--from", "bald"],
    ["export", "--format", "pdf"],
    ["holidays", "--at", "irgendwann"],
], ids=lambda args: " ".join(args))
def test_every_option_is_checked_before_any_data_file_is_read(tmp_path, args):
    """A mistake in an option is said (exit 2) even where the data file is missing, which
    would be exit 4: the option was checked before the loader looked for the file."""
    from helpers import one_line_error

    missing = tmp_path / "not-there.yaml"
    one_line_error(cli(*args, "--data", str(missing)), 2)
    assert one_line_error(cli("now", "--data", str(missing)), 4)  # the file is missing


@pytest.mark.parametrize("cached", [True, False], ids=["cached", "read from YAML"])
def test_a_name_is_looked_up_once(tmp_path, monkeypatch, cached):
    """`office NAME` resolves NAME once: against the stored name index while loading (which
    office to decode), or, when the files are read whole, in the model; never both."""
    from erreichbar.answers import lookup

    calls = []
    real = lookup.resolve

    def counting(index, name):
        calls.append(name)
        return real(index, name)

    monkeypatch.setattr(lookup, "resolve", counting)
    env = {"XDG_CACHE_HOME": str(tmp_path), "ERREICHBAR_NO_CACHE": None if cached else "1"}
    for _ in range(2):  # the first run fills the store; the second reads it
        calls.clear()
        run = cli("office", "sozialamt", "--json", "--at", "2024-03-06T10:30", env=env)
        assert run.code == 0, run.err
        assert calls == ["sozialamt"]
