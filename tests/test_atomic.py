"""Writing an output file: the text exactly as given, the mode `>` would give, and no
temporary file left behind on any way out, on systems without os.fchmod too (Windows)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from erreichbar.cli import atomic
from erreichbar.errors import UsageError

TEXT = "BEGIN:VCALENDAR\r\nSUMMARY:Bürgerbüro – Vorsprache\r\nEND:VCALENDAR\r\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".erreichbar-"))


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("has_fchmod", [True, False], ids=["posix", "without-fchmod"])
def test_a_new_file_gets_the_text_as_given_and_the_mode_of_the_umask(
        tmp_path, monkeypatch, umask_022, has_fchmod):
    if not has_fchmod:
        monkeypatch.delattr(os, "fchmod")
    target = tmp_path / "out.ics"
    atomic.write_text(str(target), TEXT)
    # the bytes of the text in UTF-8, CRLF kept as it is (no text-mode translation)
    assert target.read_bytes() == TEXT.encode("utf-8")
    assert target.stat().st_mode & 0o777 == 0o644  # 0666 less the umask 022
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("has_fchmod", [True, False], ids=["posix", "without-fchmod"])
def test_a_replaced_file_keeps_its_mode(tmp_path, monkeypatch, has_fchmod):
    if not has_fchmod:
        monkeypatch.delattr(os, "fchmod")
    target = tmp_path / "out.svg"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    atomic.write_text(str(target), "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o600


def failing(exc: BaseException):
    def fail(*args, **kwargs):
        raise exc

    return fail


# os.chmod is what a system without os.fchmod uses instead
@pytest.mark.parametrize(("has_fchmod", "where"), [
    (True, "os.replace"), (True, "os.fchmod"), (True, "os.stat"),
    (False, "os.replace"), (False, "os.chmod"), (False, "os.stat"),
])
def test_an_error_on_the_way_is_one_usage_error_and_leaves_no_temporary_file(
        tmp_path, monkeypatch, where, has_fchmod):
    if not has_fchmod:
        monkeypatch.delattr(os, "fchmod")
    target = tmp_path / "out.txt"
    real_stat = os.stat
    if where == "os.stat":  # the target's mode cannot be read (a folder not searchable)
        monkeypatch.setattr(os, "stat", lambda p, *a, **k: failing(
            PermissionError(errno.EACCES, "Permission denied"))() if str(p) == str(target)
            else real_stat(p, *a, **k))
    else:
        monkeypatch.setattr(os, where.split(".")[1],
                            failing(PermissionError(errno.EACCES, "Permission denied")))
    with pytest.raises(UsageError, match="cannot write"):
        atomic.write_text(str(target), TEXT)
    monkeypatch.undo()
    assert leftovers(tmp_path) == []
    assert not target.exists()


def test_a_full_disk_while_writing_leaves_no_temporary_file(tmp_path, monkeypatch):
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def fileno(self):
            return self.fh.fileno()

        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    with pytest.raises(UsageError, match="No space left on device"):
        atomic.write_text(str(tmp_path / "out.txt"), TEXT)
    assert leftovers(tmp_path) == []


def test_ctrl_c_while_writing_leaves_no_temporary_file_and_is_not_swallowed(
        tmp_path, monkeypatch):
    monkeypatch.setattr(os, "replace", failing(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text(str(tmp_path / "out.txt"), TEXT)
    assert leftovers(tmp_path) == []


def test_a_folder_that_cannot_be_written_is_one_usage_error(tmp_path):
    with pytest.raises(UsageError, match="cannot write here"):
        atomic.write_text(str(tmp_path / "missing-folder" / "out.txt"), TEXT)
