"""Writing an output file: the text exactly as given, the mode `>` would give, and no
temporary file left behind on any way out, on systems without os.fchmod too (Windows); a
path that cannot take the answer is a usage error (2), a failed write an output error (74),
and a file its user could not write to is refused, as cp refuses it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from erreichbar.cli import atomic
from erreichbar.errors import Exit, UsageError

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

        def close(self):
            self.fh.close()

        def fileno(self):
            return self.fh.fileno()

        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(atomic.OutputError, match="No space left on device") as caught:
        atomic.write_text(str(target), TEXT)
    assert caught.value.exit_code == Exit.OUTPUT == 74  # as for a full stdout
    assert leftovers(tmp_path) == []
    assert target.read_text(encoding="utf-8") == "old"


def test_ctrl_c_while_writing_leaves_no_temporary_file_and_is_not_swallowed(
        tmp_path, monkeypatch):
    monkeypatch.setattr(os, "replace", failing(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text(str(tmp_path / "out.txt"), TEXT)
    assert leftovers(tmp_path) == []


def test_a_folder_that_cannot_be_written_is_one_usage_error(tmp_path):
    with pytest.raises(UsageError, match="cannot write here"):
        atomic.write_text(str(tmp_path / "missing-folder" / "out.txt"), TEXT)


# --- pieces written as they are made -------------------------------------------------------

def test_pieces_go_into_a_temporary_file_as_they_come_and_the_file_appears_whole(tmp_path):
    """Each piece is asked for while the temporary file beside the target is open (the
    answer is never held whole); the target changes only once the last is written."""
    target = tmp_path / "out.ics"
    target.write_text("old", encoding="utf-8")
    seen = []

    def pieces():
        for n in range(3):
            seen.append((leftovers(tmp_path) != [], target.read_text(encoding="utf-8")))
            yield f"piece {n}\n"

    atomic.write_chunks(str(target), pieces())
    assert seen == [(True, "old")] * 3
    assert target.read_text(encoding="utf-8") == "piece 0\npiece 1\npiece 2\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("error", [ValueError("a bug"), OSError(errno.ENOSPC, "made up")],
                         ids=["any error", "an OSError of the making"])
def test_an_error_in_making_a_piece_ends_the_run_as_it_is(tmp_path, error):
    """An error raised while a piece is made is no error of writing (not even an OSError):
    it passes unchanged, the old file stays and no temporary file is left."""
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def pieces():
        yield "new"
        raise error

    with pytest.raises(type(error)) as caught:
        atomic.write_chunks(str(target), pieces())
    assert caught.value is error
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("code", "kind", "exit_code"), [
    (errno.ENOSPC, atomic.OutputError, Exit.OUTPUT), (errno.EDQUOT, atomic.OutputError, 74),
    (errno.EIO, atomic.OutputError, 74), (errno.EFBIG, atomic.OutputError, 74),
    (errno.EACCES, UsageError, Exit.USAGE), (errno.EROFS, UsageError, 2)])
def test_a_failed_write_is_74_and_a_place_that_cannot_take_it_is_2(tmp_path, monkeypatch,
                                                                     code, kind, exit_code):
    monkeypatch.setattr(os, "replace", failing(OSError(code, os.strerror(code))))
    with pytest.raises(kind, match="cannot write") as caught:
        atomic.write_text(str(tmp_path / "out.txt"), TEXT)
    assert type(caught.value) is kind and caught.value.exit_code == exit_code
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_device_that_is_full_is_74():
    with pytest.raises(atomic.OutputError, match="/dev/full: cannot write"):
        atomic.write_chunks("/dev/full", ["x" * 100_000, "y"])


def test_a_pipe_whose_reader_left_is_a_reader_gone_as_for_stdout(tmp_path):
    """`-o` naming a FIFO (or /dev/stdout in a pipe) whose reader went away: the run ends
    as for stdout, with 141 and no line (cli/runner.py's reader_gone)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)

    def pieces():
        yield "first\n"
        os.close(reader)  # the reader goes away while the answer is written
        yield "x" * (1 << 20)

    with pytest.raises(BrokenPipeError):
        atomic.write_chunks(str(fifo), pieces())


# --- the user's file modes, as cp respects them ----------------------------------------------

def test_a_file_the_user_may_not_write_is_refused_though_the_folder_allows_a_rename(
        tmp_path, monkeypatch):
    """The kernel's answer stood in for (a root run would be allowed, see below): the file
    is left as it was, and nothing is made beside it. A usage error, not 74: nothing has
    been written, and the command line (or the file's mode) has to change, as for a folder
    that cannot be written."""
    target = tmp_path / "theirs.ics"
    target.write_text("theirs", encoding="utf-8")
    asked = []
    real_access = os.access

    def access(path, mode, **kwargs):
        asked.append((str(path), mode))
        return False if str(path) == str(target) else real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    with pytest.raises(UsageError, match="not writable for you"):
        atomic.write_text(str(target), TEXT)
    assert (str(target), os.W_OK) in asked
    assert target.read_text(encoding="utf-8") == "theirs"
    assert leftovers(tmp_path) == []


def test_root_replaces_a_read_only_file_as_cp_does(tmp_path):
    """cp run by root overwrites a file without write permission; so does -o (for
    another user the kernel says no, as the tests as `nobody` show)."""
    if os.geteuid() != 0:
        pytest.skip("needs root")
    target = tmp_path / "readonly.ics"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    atomic.write_text(str(target), TEXT)
    assert target.read_bytes() == TEXT.encode("utf-8")
    assert target.stat().st_mode & 0o777 == 0o444  # its mode kept, as cp keeps it


def _write_as_nobody(path: str) -> str:
    try:
        atomic.write_text(path, "nobody's answer\n")
    except UsageError as exc:
        return f"refused: {exc}"
    return "written"


@pytest.fixture
def shared_folder():
    """A folder everyone may write to, without the sticky bit: the kernel lets anyone
    rename over any file in it, as the issue's probe found."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp())
    os.chmod(folder, 0o777)  # noqa: S103 - open to the other user on purpose
    yield folder
    shutil.rmtree(folder)


@pytest.mark.parametrize("owner", ["root's", "nobody's own"])
def test_another_user_cannot_replace_a_file_it_may_not_write(shared_folder, owner):
    """Really as another user (a child that gave up root): a read-only file in a folder
    without the sticky bit, where a rename would replace it, is refused as cp refuses it,
    whether another user's (0644) or its own (0444); a file it may write is written."""
    from helpers import NOBODY, as_another_user

    target = shared_folder / "answer.ics"
    target.write_text("before\n", encoding="utf-8")
    if owner == "root's":
        target.chmod(0o644)
    else:
        os.chown(target, NOBODY, NOBODY)
        target.chmod(0o444)
    outcome = as_another_user(_write_as_nobody, str(target))
    assert outcome.startswith("refused: ") and "not writable for you" in outcome, outcome
    assert target.read_text(encoding="utf-8") == "before\n"
    assert leftovers(shared_folder) == []
    target.chmod(0o666)  # now the kernel lets it write the file: -o may replace it
    assert as_another_user(_write_as_nobody, str(target)) == "written"
    assert target.read_text(encoding="utf-8") == "nobody's answer\n"
