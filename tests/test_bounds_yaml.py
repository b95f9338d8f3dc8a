"""Issue 23, the YAML part: what a file may hold is bounded as it is read, so memory follows
what is kept, not what is read. Each reproducer of the probe is a file run through the CLI
in a child process with 1 GB of address space: exit 4, one clear `FILE:LINE:COL: error:`
line, no traceback, and a few seconds of CPU at most. Where crossing a limit for real
costs more than that, the mechanism is shown with the limit lowered, in process, on both
of PyYAML's composers, and the real size is a `slow` test."""

from __future__ import annotations

import importlib
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from erreichbar.data import yamlnodes
from erreichbar.errors import DataError

HEAD = b'as_of: "2024-03-01"\ntimezone: "Europe/Berlin"\nregion: "DE-HE"\n'
ENV = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "", "LANGUAGE": "",
       "ERREICHBAR_NO_CACHE": "1", "XDG_CONFIG_HOME": "/nonexistent-erreichbar-test"}
GB = 1 << 30


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def refused(path: Path, memory: int = GB, command: tuple[str, ...] = ("list",)
            ) -> tuple[str, float]:
    """The one error line of `erreichbar COMMAND --data PATH` run with MEMORY bytes of
    address space, and the CPU seconds it took; fails unless it exits 4 with one line."""

    def limit() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    before = _cpu_of_children()
    proc = subprocess.run([sys.executable, "-m", "erreichbar", *command, "--data", str(path)],
                          capture_output=True, text=True, env=ENV, timeout=120, check=False,
                          preexec_fn=limit)
    spent = _cpu_of_children() - before
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, \
        proc.stderr[-500:]
    assert proc.returncode == 4, (proc.returncode, proc.stderr[-500:])
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, lines[:5]
    assert re.match(rf"erreichbar: {re.escape(str(path))}:\d+:\d+: error: ", lines[0]), lines[0]
    return lines[0], spent


def write(path: Path, *parts: bytes) -> Path:
    with open(path, "wb") as fh:
        fh.write(HEAD)
        for part in parts:
            fh.write(part)
    return path


# --- the probe's reproducers at the real limits, through the CLI ------------------------------


def test_the_issues_50_mib_junk_list_is_refused_early(tmp_path):
    """`junk: [1,1,…]` filling the 50 MiB limit: 26 million values, 7.2 GB once built.
    Refused at its millionth item, within 1 GB."""
    room = yamlnodes.MAX_BYTES - len(HEAD) - len(b"junk: [1]\n")
    path = write(tmp_path / "junk.yaml", b"junk: [", b"1," * (room // 2), b"1]\n")
    assert path.stat().st_size <= yamlnodes.MAX_BYTES
    line, spent = refused(path)
    assert line.endswith(":4:7: error: this list has more than 1,000,000 items"), line
    assert spent < 6, f"{spent:.1f} s CPU"


def test_a_block_list_too_long_is_refused(tmp_path):
    items = yamlnodes.MAX_ITEMS + 1
    path = write(tmp_path / "block.yaml", b"offices:\n", b"  - x\n" * items)
    line, spent = refused(path, command=("now", "--json"))
    assert line.endswith(":5:3: error: this list has more than 1,000,000 items"), line
    assert spent < 6, f"{spent:.1f} s CPU"


@pytest.mark.parametrize("opening, closing", [(b"[", b"]"), (b"{a: ", b"}")])
def test_deep_nesting_is_refused(tmp_path, opening, closing):
    depth = yamlnodes.MAX_DEPTH + 5
    path = write(tmp_path / "deep.yaml", b"junk: ", opening * depth, b"x", closing * depth,
                 b"\n")
    line, spent = refused(path)
    assert "error: nested more than 100 levels deep" in line, line
    assert spent < 3, f"{spent:.1f} s CPU"


@pytest.mark.parametrize("value", [b'"%s"', b"!!str %s", b"|\n  %s", b"%s"],
                         ids=["quoted", "tagged", "block", "plain"])
def test_a_huge_value_is_refused_where_it_stands(tmp_path, value):
    path = write(tmp_path / "long.yaml", b'offices: []\nnote: ',
                 value % (b"x" * (yamlnodes.MAX_SCALAR + 1)), b"\n")
    line, spent = refused(path)
    assert line.endswith(":5:7: error: a value of more than 100,000 characters: is it a "
                         "data file?"), line
    assert spent < 3, f"{spent:.1f} s CPU"


def test_a_value_at_the_limit_is_read(tmp_path):
    path = write(tmp_path / "long.yaml", b"offices: []\nnote: ",
                 b"x" * yamlnodes.MAX_SCALAR, b"\n")
    line, _ = refused(path)
    assert "unknown key 'note'" in line, line  # the schema's error, not the reader's


def test_when_memory_runs_out_anyway_it_is_one_line(tmp_path):
    """A machine with less memory than the limits allow for: a MemoryError while composing
    is one line and exit 4 too (the file as a whole: where it ran out says nothing)."""
    row = b"  - [" + b"1," * 900_000 + b"1]\n"
    path = write(tmp_path / "many.yaml", b"junk:\n", row * 4)
    line, _ = refused(path, memory=400 << 20)
    assert line == f"erreichbar: {path}:1:1: error: not enough memory to read the file", line


# --- the mechanism, limits lowered, on libyaml and on PyYAML's own parser ---------------------


@pytest.fixture(params=["libyaml", "pure-python"])
def composer(request, monkeypatch):
    """yamlnodes as it is with libyaml and as it is when PyYAML was built without it."""
    if request.param == "libyaml":
        if not hasattr(yamlnodes, "_CLoader"):
            pytest.skip("PyYAML without libyaml")
        yield yamlnodes
        return
    import yaml

    monkeypatch.setitem(sys.modules, "yaml.cyaml", None)
    for name in ("CParser", "CLoader", "CSafeLoader", "CBaseLoader", "CFullLoader"):
        monkeypatch.delattr(yaml, name, raising=False)
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    importlib.reload(yamlnodes)
    assert hasattr(yamlnodes, "_PyLoader")
    yield yamlnodes
    monkeypatch.undo()
    importlib.reload(yamlnodes)


def compose_error(module, text: str) -> DataError:
    with pytest.raises(DataError) as caught:
        module.compose(text, "f.yaml")
    return caught.value


@pytest.mark.parametrize("text, where", [
    ("a: [" + "1," * 10 + "1]\n", (1, 4)),
    ("a:\n" + "  - 1\n" * 11, (2, 3)),
    ("a: {" + ", ".join(f"k{i}: 1" for i in range(11)) + "}\n", (1, 4)),
    ("a:\n" + "".join(f"  k{i}: 1\n" for i in range(11)), (2, 3)),
])
def test_a_collection_past_max_items_is_refused(composer, monkeypatch, text, where):
    monkeypatch.setattr(composer, "MAX_ITEMS", 10)
    exc = compose_error(composer, text)
    assert (exc.line, exc.column) == where
    assert "more than 10 " in str(exc)
    monkeypatch.setattr(composer, "MAX_ITEMS", 11)
    composer.compose(text, "f.yaml")  # at the limit: read


def test_too_many_values_are_refused(composer, monkeypatch):
    text = "a:\n" + "  - [1, 2, 3]\n" * 10  # 1 + 1 + 1 + 10 * 4 = 43 values
    monkeypatch.setattr(composer, "MAX_FILE_VALUES", 42)
    exc = compose_error(composer, text)
    assert "more than 42 values in one file" in str(exc)
    monkeypatch.setattr(composer, "MAX_FILE_VALUES", 43)
    composer.compose(text, "f.yaml")


def test_depth_is_bounded_on_both_composers(composer, monkeypatch):
    monkeypatch.setattr(composer, "MAX_DEPTH", 5)
    composer.compose("a: [[[1]]]\n", "f.yaml")  # the mapping, 3 lists and 1: 5 deep
    exc = compose_error(composer, "a: [[[[1]]]]\n")
    assert "nested more than 5 levels deep" in str(exc)
    monkeypatch.setattr(composer, "MAX_DEPTH", 100)
    exc = compose_error(composer, "a: " + "[" * 400 + "]" * 400 + "\n")  # no RecursionError
    assert "nested more than 100 levels deep" in str(exc)


@pytest.mark.parametrize("value", ['"xxxxxxxxxxx"', "!!str xxxxxxxxxxx", "[xxxxxxxxxxx]",
                                   "{xxxxxxxxxxx: 1}"])
def test_a_long_scalar_is_refused(composer, monkeypatch, value):
    monkeypatch.setattr(composer, "MAX_SCALAR", 10)
    exc = compose_error(composer, f"a: 1\nb: {value}\n")
    assert exc.line == 2 and exc.column in (4, 5, 10), (exc.line, exc.column)
    assert "more than 10 characters" in str(exc)
    monkeypatch.setattr(composer, "MAX_SCALAR", 11)
    composer.compose(f"a: 1\nb: {value}\n", "f.yaml")


# --- the real size of what the CLI tests above could not cross in a few seconds ---------------


@pytest.mark.slow
def test_a_mapping_too_wide_is_refused_at_real_size(tmp_path):
    keys = b"".join(b"  k%d: 1\n" % i for i in range(yamlnodes.MAX_ITEMS + 1))
    line, spent = refused(write(tmp_path / "wide.yaml", b"junk:\n", keys), memory=2 * GB)
    assert line.endswith(":5:3: error: this mapping has more than 1,000,000 keys"), line
    assert spent < 15, f"{spent:.1f} s CPU"


@pytest.mark.slow
def test_too_many_values_are_refused_at_real_size(tmp_path):
    """Lists each under MAX_ITEMS, together past MAX_FILE_VALUES: about 3 GB when refused,
    the most any file can make this tool hold."""
    row = b"  - [" + b"1," * (yamlnodes.MAX_ITEMS - 1) + b"1]\n"
    rows = yamlnodes.MAX_FILE_VALUES // yamlnodes.MAX_ITEMS + 1
    line, spent = refused(write(tmp_path / "many.yaml", b"junk:\n", row * rows), memory=5 * GB)
    assert "error: more than 10,000,000 values in one file" in line, line
    assert spent < 40, f"{spent:.1f} s CPU"
