"""A corpus of broken data files, each with the one error line it must produce.

Every file in tests/data/bad/ starts with a YAML comment

    # expect: LINE:COL: error: MESSAGE

naming the place where its mistake was planted (line and column in that same file, the
comment being line 1) and what the mistake is. `erreichbar validate FILE` must print
exactly `FILE:LINE:COL: error: MESSAGE` among its findings and exit 4.

A MESSAGE ending in " ..." is a mistake the YAML parser finds, in the parser's own words:

    # expect: 11:11: error: not valid YAML: ...

Only the words before the "..." are ours and compared exactly; the parser's words after
them (libyaml and the pure-Python PyYAML word the same mistake differently, e.g. "found
undefined alias" and "found undefined alias 'amtname'") must be there, on that line, but
may be any. The place (FILE:LINE:COL) and the severity are compared exactly all the same.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import ROOT, run_cli

BAD = ROOT / "tests" / "data" / "bad"
FILES = sorted(BAD.glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+): error: (.+)$")
FINDING = re.compile(r"^.+:\d+:\d+: (error|warning): .+$")
PARSERS_OWN_WORDS = " ..."  # at the end of an expected MESSAGE: see the docstring


def expectation(path: Path) -> re.Pattern[str]:
    """The finding line the file must give, as a pattern matched against a whole line."""
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    m = EXPECT.match(first)
    assert m, f"{path.name}: the first line must be '# expect: LINE:COL: error: MESSAGE'"
    line, col, message = m.groups()
    ours = f"{path}:{line}:{col}: error: {message.removesuffix(PARSERS_OWN_WORDS)}"
    if message.endswith(PARSERS_OWN_WORDS):
        return re.compile(re.escape(ours) + r" \S.*")  # the parser's words, whatever they are
    return re.compile(re.escape(ours))


def test_the_parsers_own_words_are_marked_only_where_the_parser_speaks():
    """The marker only frees what the YAML parser says; the tool's own messages are compared
    whole."""
    firsts = {p.name: p.read_bytes().split(b"\n", 1)[0].decode("utf-8") for p in FILES}
    marked = {name: first for name, first in firsts.items() if first.endswith(PARSERS_OWN_WORDS)}
    assert marked, "no file of the corpus is about a mistake the YAML parser finds"
    for name, first in marked.items():
        assert re.search(r": error: not valid YAML: (.+ )?\.\.\.$", first), name


def test_the_corpus_is_big_enough():
    assert len(FILES) >= 50


@pytest.fixture(autouse=True)
def own_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_bad_file_gives_its_error(path):
    expected = expectation(path)
    result = run_cli(["validate", "--lang", "en", str(path)])
    assert result.code == 4, result.output
    lines = result.out.splitlines()
    assert all(FINDING.match(line) for line in lines), lines
    assert any(expected.fullmatch(line) for line in lines), "\n".join(
        ["expected:", expected.pattern, "got:", *lines])


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_bad_file_stops_every_command(path):
    """Loading the file for a command stops it with exit 4, its errors on stderr."""
    result = run_cli(["list", "--data", str(path)])
    assert result.code == 4, result.output
    assert result.out == ""
    errors = result.err.splitlines()
    assert errors and all(line.startswith(f"erreichbar: {path}:") for line in errors), errors
