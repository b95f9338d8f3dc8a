"""The compiled cache: the same answers byte for byte, and never a reason to fail."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from erreichbar.cache import store
from erreichbar.cli.app import app
from erreichbar.data.codec import KEPT_WARNINGS
from erreichbar.data.loader import bundled_path, load
from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate

INSTANTS = ["2024-03-06T10:30", "2024-03-29T10:00", "2024-10-27T02:30", "2024-03-09T09:00"]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env or {})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text(generate(1500, seed=7), encoding="utf-8")
    return path


def outputs(data: str, env: dict[str, str] | None = None) -> list[tuple[int, str]]:
    out = []
    for at in INSTANTS:
        for args in (["now", "--all", "--json"], ["list", "--json"],
                     ["next", "office-3", "--json"], ["office", "office-2", "--json"]):
            if data == "bundled" and args[0] in ("next", "office"):
                args = [args[0], "mainarbeit", "--json"]
            extra = [] if data == "bundled" else ["--data", data]
            at_args = [] if args[0] == "list" else ["--at", at]
            code, stdout, _ = run(*args, *extra, *at_args, env=env)
            out.append((code, stdout))
    return out


@pytest.mark.parametrize("which", ["bundled", "generated"])
def test_cached_and_uncached_json_are_byte_identical(which, cache_home, big_file):
    data = "bundled" if which == "bundled" else str(big_file)
    uncached = outputs(data, {"ERREICHBAR_NO_CACHE": "1"})
    first = outputs(data)  # fills the cache
    assert list(cache_home.glob("erreichbar/*.bin")), "the cache was written"
    second = outputs(data)  # reads it
    assert uncached == first == second
    assert all(code == 0 for code, _ in uncached)


def test_cached_load_returns_an_equal_dataset(cache_home):
    fresh, _ = load([bundled_path()], use_cache=False)
    load([bundled_path()])
    cached, _ = load([bundled_path()])
    assert cached == fresh


def corrupt_all(home: Path, how) -> None:
    files = list(home.glob("erreichbar/*.bin"))
    assert files
    for f in files:
        how(f)


@pytest.mark.parametrize("damage", [
    lambda f: f.write_bytes(b""),
    lambda f: f.write_bytes(f.read_bytes()[:-100]),
    lambda f: f.write_bytes(f.read_bytes()[:-1] + b"\x00"),
    lambda f: f.write_bytes(b"\x80\x04garbage" * 50),
    lambda f: f.write_bytes(f.read_bytes().replace(b"erreichbar-cache", b"someone-elses-cc")),
], ids=["empty", "truncated", "flipped-byte", "garbage", "foreign"])
def test_a_damaged_cache_is_ignored(cache_home, damage):
    expected = run("now", "--all", "--json", "--at", INSTANTS[0])
    corrupt_all(cache_home, damage)
    assert run("now", "--all", "--json", "--at", INSTANTS[0]) == expected


def test_an_edited_file_is_never_answered_from_the_cache(cache_home, tmp_path):
    data = tmp_path / "offices.yaml"
    text = Path(bundled_path()).read_text("utf-8")
    data.write_text(text, encoding="utf-8")
    code, before, _ = run("now", "--json", "--data", str(data), "--at", INSTANTS[0])
    assert code == 0 and '"sozialamt"' in before
    # the same size and mtime, other content: the hash tells them apart
    edited = text.replace('hours: "Mo-Fr 09:00-15:00"', 'hours: "Mo-Fr 09:00-09:30"')
    assert edited != text and len(edited) == len(text)
    stat = data.stat()
    data.write_text(edited, encoding="utf-8")
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    code, after, _ = run("now", "--json", "--data", str(data), "--at", INSTANTS[0])
    assert code == 0
    assert [line for line in after.splitlines() if '"office": "sozialamt"' in line
            and '"channel": "phone"' in line] == []  # 10:30 is after 09:30: closed now


def test_an_unwritable_cache_folder_is_no_problem(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    code, stdout, stderr = run("now", "--json", "--at", INSTANTS[0])
    assert code == 0 and stdout.startswith("[") and stderr == ""


def test_cache_is_written_atomically_and_pruned(cache_home, tmp_path, big_file):
    for n in range(store.KEEP + 3):
        path = tmp_path / f"d{n}.yaml"
        path.write_text(Path(bundled_path()).read_text("utf-8"), encoding="utf-8")
        assert run("list", "--data", str(path))[0] == 0
    files = list((cache_home / "erreichbar").iterdir())
    assert len(files) <= store.KEEP
    assert not [f for f in files if f.name.endswith(".tmp")]


def test_warnings_are_the_same_from_the_cache(cache_home, tmp_path):
    data = tmp_path / "warn.yaml"
    data.write_text(Path(bundled_path()).read_text("utf-8").replace(
        'hours: "Mo-Fr 10:00-11:00"', 'hours: "Mo-Fr 10:00-11:00; Mo 12:00-13:00"'),
        encoding="utf-8")
    english = {"LANG": "en_US.UTF-8"}
    first = run("list", "--data", str(data), env=english)
    second = run("list", "--data", str(data), env=english)  # from the cache
    assert "warning:" in first[2] and "replaces" in first[2]
    assert first == second
    # validate always shows them
    code, stdout, _ = run("validate", str(data), env=english)
    assert code == 0 and "warning:" in stdout


def test_a_layer_that_redefines_a_line_keeps_each_channel_on_its_own(cache_home, tmp_path):
    """The bundled offices go via the bundled 115; a layer's office via its own 115."""
    layer = tmp_path / "mine.yaml"
    layer.write_text("""\
sources:
  s: {title: "Aushang", publisher: "Beratungsstelle"}
lines:
  - id: "115"
    name: "Eigene Nummer"
    hours: "Mo 09:00-10:00"
    contacts: [{phone: "069 999999"}]
    source: "s"
offices:
  - id: "beratung"
    name: "Beratung"
    source: "s"
    channels:
      - {kind: "phone", via: "115"}
""", encoding="utf-8")
    args = ["now", "--all", "--json", "--data", str(layer), "--at", "2024-03-04T09:30"]
    uncached = run(*args, env={"ERREICHBAR_NO_CACHE": "1"})
    assert uncached[0] == 0
    assert run(*args) == uncached  # fills the cache
    assert run(*args) == uncached  # reads it
    rows = {(r["office"], r["channel"]): r for r in json.loads(uncached[1])}
    assert [c["value"] for c in rows[("auslaenderamt", "phone")]["contacts"]] == ["069 115", "115"]
    assert [c["value"] for c in rows[("beratung", "phone")]["contacts"]] == ["069 999999"]


@pytest.mark.parametrize("count", [15, KEPT_WARNINGS + 15])
def test_a_command_shows_ten_warnings_and_counts_the_rest(cache_home, tmp_path, count):
    """The same ten and the same count from YAML and from the cache, which keeps only the
    first KEPT_WARNINGS of them (reading thousands back cost a cached `office NAME` of a
    big dataset as much as its answer)."""
    text = Path(bundled_path()).read_text("utf-8")
    # one warning each (the second rule replaces Monday's hours); a number, since a phone
    # line without one is a warning of its own
    channel = ('      - kind: "phone"\n        unit: "leistungssachbearbeitung"\n'
               '        hours: "Mo-Fr 10:00-11:00; Mo 12:00-13:00"\n'
               '        contacts: [{phone: "069 1234"}]\n')
    text = text.replace('    channels:\n', '    channels:\n' + channel * count, 1)
    data = tmp_path / "many.yaml"
    data.write_text(text, encoding="utf-8")
    for args in (["list"], ["now", "--json", "--at", "2024-03-06T10:30"]):
        runs = [run(*args, "--data", str(data), "--lang", "en") for _ in range(2)]
        assert runs[0] == runs[1]  # read from YAML (filling the cache), then from the cache
        code, _, stderr = runs[1]
        lines = stderr.splitlines()
        assert code == 0
        assert len([line for line in lines if ": warning: " in line]) == 10
        assert lines[-1] == (f"erreichbar: {count - 10} more warnings; erreichbar validate "
                             "lists them all")
    assert list(cache_home.glob("erreichbar/*"))  # the second runs were read from it
    code, stdout, _ = run("validate", str(data), "--lang", "en")
    assert code == 0 and stdout.count(": warning: ") == count


@pytest.mark.parametrize("name", ["office-3", "offic", "amt 1", "no-such-office", "sachgebiet 2.1"])
def test_a_name_resolves_the_same_from_the_cache(cache_home, big_file, name):
    # from the cache only the named office is decoded, found through the stored name
    # index: it must pick the same office, and fail with the same words, as the YAML path
    args = ["office", name, "--json", "--data", str(big_file), "--at", INSTANTS[0]]
    uncached = run(*args, env={"ERREICHBAR_NO_CACHE": "1", "LANG": "en_US.UTF-8"})
    run(*args)  # fills the cache (whatever the answer)
    cached = run(*args, env={"LANG": "en_US.UTF-8"})
    assert list(cache_home.glob("erreichbar/*.bin"))
    assert cached == uncached
    assert cached[0] in (0, 2)

