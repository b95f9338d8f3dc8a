"""A corpus of broken data files, each with the one error line it must produce.

Every file in tests/data/bad/ starts with a YAML comment

    # expect: LINE:COL: error: MESSAGE

naming the place where its mistake was planted (line and column in that same file, the
comment being line 1) and what the mistake is. `erreichbar validate FILE` must print
exactly `FILE:LINE:COL: error: MESSAGE` among its findings and exit 4.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from erreichbar.cli import app
from helpers import ROOT

BAD = ROOT / "tests" / "data" / "bad"
FILES = sorted(BAD.glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+): error: (.+)$")
FINDING = re.compile(r"^.+:\d+:\d+: (error|warning): .+$")


def expectation(path: Path) -> str:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    m = EXPECT.match(first)
    assert m, f"{path.name}: the first line must be '# expect: LINE:COL: error: MESSAGE'"
    line, col, message = m.groups()
    return f"{path}:{line}:{col}: error: {message}"


def test_the_corpus_is_big_enough():
    assert len(FILES) >= 50


@pytest.fixture(autouse=True)
def own_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_bad_file_gives_its_error(path):
    expected = expectation(path)
    result = CliRunner().invoke(app, ["validate", "--lang", "en", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert result.exit_code == 4, result.output
    lines = result.stdout.splitlines()
    assert all(FINDING.match(line) for line in lines), lines
    assert "Traceback" not in result.output
    assert expected in lines, "\n".join(["expected:", expected, "got:", *lines])


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_bad_file_stops_every_command(path):
    """Loading the file for a command stops it with exit 4, its errors on stderr."""
    result = CliRunner().invoke(app, ["list", "--data", str(path)])
    assert result.exit_code == 4, result.output
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    assert errors and all(line.startswith(f"erreichbar: {path}:") for line in errors), errors
