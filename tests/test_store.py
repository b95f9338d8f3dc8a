"""The store: sections back byte for byte, a miss for anything not whole, and a shelf kept
to its newest entries."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from erreichbar.cache import store


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
    at = raw.index(b"x" * 50)
    path.write_bytes(raw[:at + 10] + b"z" + raw[at + 11:])  # one byte of section a
    with store.read("shelf", "id") as entry:
        with pytest.raises(store.Miss):
            entry.get("a")
        assert entry.get("b") == b"y" * 50
    path.write_bytes(raw[:-10])  # truncated: the table of contents is not whole
    assert store.read("shelf", "id") is None


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


# --- the folder is the user's own: nothing planted in it is trusted or written through ----

import stat  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

WED = ("--at", "2024-03-06T10:30")


def tool(cache: Path, *args: str, extra: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess:
    """The tool in a real process (a FIFO would hang an in-process run for good)."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "XDG_CACHE_HOME": str(cache),
           "XDG_CONFIG_HOME": str(cache / "no-config"), **(extra or {})}
    return subprocess.run([sys.executable, "-m", "erreichbar", *args], capture_output=True,
                          env=env, timeout=60, check=False)


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "erreichbar").glob("*.bin"))


def test_the_folder_is_made_for_the_user_alone(tmp_path):
    assert tool(tmp_path, "now", "--json", *WED).returncode == 0
    assert stat.S_IMODE((tmp_path / "erreichbar").stat().st_mode) == 0o700
    assert entries(tmp_path), "the run kept what it read"


def test_no_cache_means_nothing_in_the_folder_holiday_tables_included(tmp_path):
    for args in (["now", *WED], ["now", "--json", *WED], ["office", "sozialamt", *WED],
                 ["week", *WED], ["holidays", "--year", "2024"]):
        assert tool(tmp_path, *args, extra={"ERREICHBAR_NO_CACHE": "1"}).returncode == 0
    assert not (tmp_path / "erreichbar").exists() or entries(tmp_path) == []


@pytest.mark.parametrize("plant", ["link to a file", "link to /dev/zero", "fifo"])
def test_what_is_planted_at_an_entrys_name_is_neither_read_nor_written_through(
        tmp_path, plant):
    first = tool(tmp_path, "now", "--json", *WED)
    kept = entries(tmp_path)
    assert first.returncode == 0 and kept
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's own file\n", encoding="utf-8")
    for path in kept:
        path.unlink()
        if plant == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to(victim if plant == "link to a file" else "/dev/zero")
    again = tool(tmp_path, "now", "--json", *WED)  # would hang on a FIFO, or read 17 GB
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert victim.read_text(encoding="utf-8") == "the user's own file\n"


def test_pruning_removes_only_what_the_store_wrote(home):
    folder = home
    folder.mkdir(mode=0o700, parents=True)
    mine = {"notes.bin": b"a user's notes", "photo.bin": b"\x89PNG", "x.tmp": b"keep"}
    for name, data in mine.items():
        (folder / name).write_bytes(data)
    stale = folder / "dataset-0123456789abcdef.bin.k2j4_x.tmp"  # a killed run's left-over
    stale.write_bytes(b"half an entry")
    os.utime(stale, (1, 1))
    fresh = folder / "dataset-fedcba9876543210.bin.a1b2c3.tmp"  # a run writing right now
    fresh.write_bytes(b"being written")
    for n in range(store.KEEP + 3):  # enough writes to prune
        store.write("dataset", f"identity {n}", {"s": [b"x"]})
    for name, data in mine.items():
        assert (folder / name).read_bytes() == data
    assert not stale.exists() and fresh.exists()
    assert len(list(folder.glob("dataset-*.bin"))) == store.KEEP


def test_an_entry_or_a_folder_of_another_user_is_neither_read_nor_written(home, monkeypatch):
    """Seen as another user (the process's uid other than the files' owner): a valid entry
    is a miss, and nothing is written into the folder. (The machines the tests run on run
    them as root, whose files another user could not be made to own here; the check is the
    same comparison either way.)"""
    store.write("dataset", "identity", SECTIONS)
    with store.read("dataset", "identity") as entry:
        assert entry.get("b") == b"only"  # the owner reads it
    before = sorted(home.iterdir())
    monkeypatch.setattr(os, "getuid", lambda: os.stat(home).st_uid + 4242)
    assert store.read("dataset", "identity") is None
    store.write("dataset", "another identity", SECTIONS)
    assert sorted(home.iterdir()) == before


def _entries_and_a_write(cache: str) -> tuple[bool, bool, list[str]]:
    """What a run of this user finds in CACHE: whether it reads the entry there, whether
    its own write comes back, and which names are in the folder afterwards."""
    env = {"XDG_CACHE_HOME": cache}
    seen = store.read("dataset", "identity", env)
    store.write("dataset", "nobody's identity", SECTIONS, env)
    again = store.read("dataset", "nobody's identity", env)
    folder = os.path.join(cache, "erreichbar")
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        names = ["(not listable)"]
    return seen is not None, again is not None, names


def test_another_user_neither_reads_nor_writes_a_cache_folder_of_root(home):
    """Really another user (a child process that gave up root): root's 0700 cache folder
    is neither read nor written by it, without an error; its own folder works."""
    from helpers import NOBODY, as_another_user

    store.write("dataset", "identity", SECTIONS)
    before = sorted(p.name for p in home.iterdir())
    assert as_another_user(_entries_and_a_write, str(home.parent)) == \
        (False, False, ["(not listable)"])
    assert sorted(p.name for p in home.iterdir()) == before

    own = Path(tempfile.mkdtemp())  # in /tmp, which everyone may search: nobody's own
    try:
        os.chown(own, NOBODY, NOBODY)
        seen, again, names = as_another_user(_entries_and_a_write, str(own))
        assert (seen, again) == (False, True) and len(names) == 1
        entry = own / "erreichbar" / names[0]
        assert entry.stat().st_uid == NOBODY
        assert (entry.parent.stat().st_mode & 0o777) == 0o700
    finally:
        shutil.rmtree(own)


def test_root_does_not_read_an_entry_another_user_owns(home):
    """The other way round: an entry and a folder owned by another user (here really, by
    chown) are a miss for root, and root writes nothing into that folder; the entries are
    left alone."""
    from helpers import NOBODY

    if os.geteuid() != 0:
        pytest.skip("needs root, to give files to another user")
    store.write("dataset", "identity", SECTIONS)
    (entry,) = home.iterdir()
    os.chown(entry, NOBODY, NOBODY)
    assert store.read("dataset", "identity") is None
    os.chown(entry, 0, 0)
    assert store.read("dataset", "identity") is not None
    os.chown(home, NOBODY, NOBODY)
    os.chown(entry, NOBODY, NOBODY)
    assert store.read("dataset", "identity") is None
    store.write("dataset", "another identity", SECTIONS)
    assert [p.name for p in home.iterdir()] == [entry.name]


def test_another_user_does_not_trust_a_readable_cache_of_root():
    """The owner check itself, for real: root's cache folder and entry opened to everyone
    (0755, 0644), so the kernel would let nobody read them. Nobody's run still reads no
    entry there and writes nothing into it: an entry someone else could have written is
    never trusted."""
    from helpers import as_another_user

    base = Path(tempfile.mkdtemp())
    try:
        os.chmod(base, 0o755)  # noqa: S103 - open to the other user on purpose
        env = {"XDG_CACHE_HOME": str(base)}
        store.write("dataset", "identity", SECTIONS, env)
        folder = base / "erreichbar"
        (entry,) = folder.iterdir()
        os.chmod(folder, 0o755)  # noqa: S103 - the point of the test
        os.chmod(entry, 0o644)
        assert store.read("dataset", "identity", env) is not None  # root's own: read
        seen, again, names = as_another_user(_entries_and_a_write, str(base))
        assert (seen, again, names) == (False, False, [entry.name])
    finally:
        shutil.rmtree(base)
@pytest.mark.parametrize("missing", ["getuid", "O_NOFOLLOW", "O_NONBLOCK"])
def test_a_system_without_a_posix_call_still_reads_and_writes_entries(home, monkeypatch,
                                                                       missing):
    """Windows has no os.getuid (no owners to compare), no O_NOFOLLOW and no O_NONBLOCK:
    the store works there as it does here."""
    monkeypatch.delattr(os, missing)
    store.write("shelf", "identity", SECTIONS)
    with store.read("shelf", "identity") as entry:
        assert [entry.get("a", n) for n in range(3)] == SECTIONS["a"]


@pytest.mark.parametrize("where", ["replace", "fdopen"])
def test_a_write_that_fails_leaves_no_temporary_file(home, monkeypatch, where):
    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    store.write("shelf", "first", SECTIONS)  # the folder exists
    before = sorted(p.name for p in home.iterdir())
    monkeypatch.setattr(os, where, fail)
    store.write("shelf", "second", SECTIONS)  # no error
    monkeypatch.undo()
    assert sorted(p.name for p in home.iterdir()) == before
    assert store.read("shelf", "second") is None


def test_the_folder_is_the_cache_folder_of_the_system_where_xdg_is_unset(monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "/home/someone")
    assert store.directory() == "/home/someone/.cache/erreichbar"
    assert store.directory({"XDG_CACHE_HOME": "/srv/c"}) == "/srv/c/erreichbar"
