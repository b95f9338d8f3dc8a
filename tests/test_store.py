"""The store: sections back byte for byte, a miss for anything not whole, and a shelf kept
to its newest entries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from erreichbar import store


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "erreichbar"


SECTIONS = {"a": [b"first", b"", b"\x00\xff" * 100], "b": [b"only"]}


@pytest.mark.parametrize("whole", [False, True])
def test_sections_come_back_as_written(home, whole):
    store.write("shelf", "some identity", SECTIONS)
    entry = store.read("shelf", "some identity", whole=whole)
    assert entry is not None
    with entry:
        assert entry.count("a") == 3 and entry.count("b") == 1 and entry.count("c") == 0
        assert [entry.get("a", n) for n in range(3)] == SECTIONS["a"]
        assert entry.get("b") == b"only"
        with pytest.raises(store.Miss):
            entry.get("c")
        with pytest.raises(store.Miss):
            entry.get("b", 1)


def test_another_identity_or_shelf_is_a_miss(home):
    store.write("shelf", "some identity", SECTIONS)
    assert store.read("shelf", "another identity") is None
    assert store.read("other", "some identity") is None


def test_a_name_clash_is_a_miss_not_another_entry(home):
    """The identity is kept in full inside: a file under the right name that holds another
    identity is not read."""
    store.write("shelf", "one", SECTIONS)
    written = next(home.iterdir())
    os.replace(written, home / store._file("shelf", "two", None).rsplit("/", 1)[1])
    assert store.read("shelf", "two") is None


def test_a_damaged_section_is_a_miss_and_the_others_are_still_read(home):
    store.write("shelf", "id", {"a": [b"x" * 50], "b": [b"y" * 50]})
    path = next(home.iterdir())
    raw = path.read_bytes()
    path.write_bytes(raw[:-60] + b"z" + raw[-59:])  # one byte of section a
    with store.read("shelf", "id") as entry:
        with pytest.raises(store.Miss):
            entry.get("a")
        assert entry.get("b") == b"y" * 50
    path.write_bytes(raw[:-10])  # truncated: b is not whole
    with store.read("shelf", "id") as entry, pytest.raises(store.Miss):
        entry.get("b")


@pytest.mark.parametrize("damage", [
    lambda raw: b"", lambda raw: raw[:30], lambda raw: b"\x80\x04garbage" * 50,
    lambda raw: raw.replace(b"erreichbar-cache", b"someone-elses-cc"),
], ids=["empty", "truncated-head", "garbage", "foreign"])
def test_a_damaged_entry_is_a_miss(home, damage):
    store.write("shelf", "id", SECTIONS)
    path = next(home.iterdir())
    path.write_bytes(damage(path.read_bytes()))
    assert store.read("shelf", "id") is None


def test_each_shelf_keeps_its_newest_entries(home):
    for n in range(store.KEEP + 3):
        store.write("pruned", f"id {n}", SECTIONS)
        store.write("kept", f"id {n}", SECTIONS, keep=None)
        path = home / store._file("pruned", f"id {n}", None).rsplit("/", 1)[1]
        os.utime(path, ns=(n * 10**9, n * 10**9))  # one second apart, in order
    pruned = [n for n in range(store.KEEP + 3) if store.read("pruned", f"id {n}")]
    assert pruned == list(range(3, store.KEEP + 3))
    assert all(store.read("kept", f"id {n}") for n in range(store.KEEP + 3))
    assert not list(home.glob("*.tmp"))


def test_entries_of_the_layout_before_shelves_go_at_the_next_write(home):
    home.mkdir(parents=True)
    old = home / "0123456789abcdef.bin"
    old.write_bytes(b"erreichbar-cache\n...")
    store.write("shelf", "id", SECTIONS)
    assert not old.exists()


def test_an_unwritable_folder_is_only_a_miss(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    store.write("shelf", "id", SECTIONS)  # no error
    assert store.read("shelf", "id") is None


def test_the_file_key_changes_with_the_content_of_a_file(tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("x", encoding="utf-8")
    assert store.file_key([str(data)], [1]) != store.file_key([str(data)], [2])
    assert str(data.resolve()) in store.file_key([str(data)], [1])
