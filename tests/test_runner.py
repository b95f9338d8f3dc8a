"""How a run ends (runner.py): every exit code is in errors.Exit, the help page and the
README say what each means, and each way a run can end becomes one line on stderr and its
code, in process and in a real process that ends with os._exit."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from erreichbar.cli import controller
from erreichbar.cli.app import app
from erreichbar.errors import DataError, Exit, UsageError
from erreichbar.i18n import translator
from helpers import CLEAN_ENV, ROOT

README = (ROOT / "README.md").read_text("utf-8")
# A child process: the bundled data only, no cache written, the default language.
CHILD_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "ERREICHBAR_NO_CACHE": "1",
             "XDG_CONFIG_HOME": "/nonexistent-erreichbar-test"}


def readme_exit_codes() -> dict[int, str]:
    """The README's exit-code table, its markdown (code spans, escaped pipes) taken off."""
    section = README.split("## Exit codes", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| (\d+) \| (.+?) \|$", section, re.M)
    return {int(code): meaning.replace("`", "").replace("\\|", "|") for code, meaning in rows}


def test_the_readme_table_is_the_enum_with_its_meanings():
    assert readme_exit_codes() == {int(code): code.meaning for code in Exit}


def test_the_codes_a_shell_gives_a_signal_are_those_of_the_signals():
    """130 and 141 are what a shell reports for a program killed by SIGINT and SIGPIPE
    (128 + the signal's number), so a script cannot tell the two apart."""
    import signal

    assert Exit.INTERRUPTED == 128 + signal.SIGINT
    assert Exit.BROKEN_PIPE == 128 + signal.SIGPIPE


@pytest.mark.parametrize("lang", ["en", "de"])
def test_help_lists_every_exit_code_with_its_meaning(lang):
    env = {**CLEAN_ENV, "LANG": {"en": "en_US.UTF-8", "de": "de_DE.UTF-8"}[lang],
           "COLUMNS": "80"}
    result = CliRunner().invoke(app, ["--help"], env=env)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    said = translator(lang)
    for code in Exit:
        assert f"{int(code)} {said(code.meaning)}" in text, (code, text)
    assert ("Exit-Codes:" if lang == "de" else "Exit codes:") in text


def run(monkeypatch, raising: BaseException, args: tuple[str, ...] = ("now",)):
    """`erreichbar ARGS` in process, with the command raising RAISING."""

    def command(*_args, **_kwargs):
        print("part of the answer")
        raise raising

    monkeypatch.setattr(controller, args[0], command)
    return CliRunner().invoke(app, list(args), env=CLEAN_ENV)


def test_ctrl_c_ends_with_130_and_an_empty_line(monkeypatch):
    result = run(monkeypatch, KeyboardInterrupt())
    assert result.exit_code == 130
    assert result.stderr == "\n"  # the shell's prompt on a line of its own, nothing more


def test_a_closed_pipe_in_the_command_ends_with_141_quietly(monkeypatch):
    """Click on its own would end a closed pipe with exit 1, which `check` means as
    "closed"."""
    result = run(monkeypatch, BrokenPipeError(32, "Broken pipe"), ("check", "sozialamt"))
    assert result.exit_code == 141
    assert result.stderr == ""


def test_a_usage_error_of_the_tool_is_one_line_and_2(monkeypatch):
    result = run(monkeypatch, UsageError("--at 'x': not a time"))
    assert result.exit_code == 2
    assert result.stderr == "erreichbar: --at 'x': not a time\n"


def test_a_data_error_is_one_line_per_finding_and_4(monkeypatch):
    from erreichbar.errors import Finding, Report

    report = Report([Finding("a.yaml", 3, 5, "error", "first"),
                     Finding("a.yaml", 9, 1, "error", "second")])
    result = run(monkeypatch, DataError.from_report(report))
    assert result.exit_code == 4
    assert result.stderr.splitlines() == ["erreichbar: a.yaml:3:5: error: first",
                                          "erreichbar: a.yaml:9:1: error: second"]


def test_a_click_usage_error_is_one_line_with_a_pointer_to_the_help():
    result = CliRunner().invoke(app, ["now", "--bogus"], env={**CLEAN_ENV, "LANG": "en_US.UTF-8"})
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("erreichbar: ")
    assert result.stderr.rstrip().endswith("(see 'erreichbar now -h')")


def test_a_bug_is_not_dressed_up_as_an_ending(monkeypatch):
    """An exception the tool does not know keeps its traceback: a tidy line and a code
    from the contract would hide it."""
    result = run(monkeypatch, ZeroDivisionError("bug"))
    assert isinstance(result.exception, ZeroDivisionError)


def test_a_returned_code_is_the_exit_status(monkeypatch):
    monkeypatch.setattr(controller, "check", lambda *_args: int(Exit.UNKNOWN))
    result = CliRunner().invoke(app, ["check", "sozialamt"], env=CLEAN_ENV)
    assert result.exit_code == 3


INTERRUPTED = """
import sys
from erreichbar.cli import app as cli, controller

def interrupted(*args):
    print("half an answer", flush=True)
    raise KeyboardInterrupt

controller.now = interrupted
sys.argv = ["erreichbar", "now"]
cli.main()
"""


def test_ctrl_c_in_a_real_process_ends_it_with_130():
    """Through the console entry point to os._exit: the code is the process's status."""
    proc = subprocess.run([sys.executable, "-c", INTERRUPTED], capture_output=True,
                          timeout=120, env=CHILD_ENV)
    assert proc.returncode == 130
    assert proc.stdout == b"half an answer\n"
    assert proc.stderr == b"\n"


@pytest.mark.parametrize("args, code", [
    (["now", "--at", "x"], Exit.USAGE),
    (["now", "--data", "/nonexistent-erreichbar/offices.yaml"], Exit.DATA),
    (["check", "sozialamt", "--at", "2024-03-06 10:30"], Exit.OK),
])
def test_a_real_process_ends_with_the_code_of_its_ending(args, code):
    """2024-03-06 is a Wednesday; the Sozialamt's phone is open at 10:30 then (tested
    against the city's text in test_cli); a missing file and an unreadable WHEN are 4, 2."""
    proc = subprocess.run([sys.executable, "-m", "erreichbar", *args], capture_output=True,
                          timeout=120, env=CHILD_ENV)
    assert proc.returncode == code, proc.stderr
    assert proc.stderr.count(b"\n") <= 1 and b"Traceback" not in proc.stderr


# --- the standard streams: closed, full, or in an encoding short of characters -----------
# Each in a real process, started the way a shell would start it.

WED = ["--at", "2024-03-06T10:30"]  # Sozialamt's phone is open: "montags bis freitags 9-15"


def child(args: list[str], shell_redirect: str = "", env: dict[str, str] | None = None,
          **popen) -> subprocess.CompletedProcess:
    """`python -m erreichbar ARGS` with SHELL_REDIRECT (e.g. `2>&-`) applied by sh."""
    command = ["sh", "-c", f'exec "$@" {shell_redirect}', "sh", sys.executable, "-m",
               "erreichbar", *args]
    return subprocess.run(command, capture_output="stdout" not in popen, timeout=120,
                          env={**CHILD_ENV, **(env or {})}, check=False, **popen)


@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["now", *WED], ["now", "--json", *WED], ["week", *WED],
                                  ["office", "sozialamt", *WED], ["list"]])
def test_a_full_disk_is_one_line_and_74(args):
    done = child(args, "> /dev/full")
    assert done.returncode == Exit.OUTPUT == 74
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("erreichbar: ") and "Traceback" not in lines[0]


@pytest.mark.parametrize(("args", "code"), [(["now", *WED], 0), (["now", "--at", "x"], 2),
                                            (["check", "sozialamt", *WED], 0),
                                            (["office", "no-such-office"], 2)])
def test_a_closed_stderr_changes_no_exit_code_and_puts_no_error_into_the_answer(args, code):
    done = child(args, "2>&-")
    assert done.returncode == code
    if code:
        assert done.stdout == b""  # the error line went nowhere, not into the answer


@pytest.mark.parametrize(("args", "code"), [(["now", *WED], 141),
                                            (["check", "sozialamt", "-q", *WED], 0)])
def test_a_closed_stdout_is_a_reader_gone_away_once_there_is_an_answer(args, code):
    done = child(args, ">&-")
    assert done.returncode == code
    assert done.stderr == b""


@pytest.mark.parametrize("args", [["now", *WED], ["now", "--json", *WED], ["week", *WED],
                                  ["office", "sozialamt", *WED], ["next", "sozialamt", *WED]])
@pytest.mark.parametrize("terminal", [False, True])
def test_a_reader_gone_before_the_answer_ends_every_view_with_141(args, terminal):
    import os

    read, write = os.pipe()
    os.close(read)  # the reader is gone before a byte is written
    try:
        done = child(args, env={"FORCE_COLOR": "1"} if terminal else None, stdout=write,
                     stderr=subprocess.PIPE)
    finally:
        os.close(write)
    assert done.returncode == Exit.BROKEN_PIPE == 141
    assert done.stderr == b""


def test_json_is_utf8_whatever_the_locale_and_text_replaces_what_it_cannot_hold():
    utf8 = child(["now", "--json", *WED])
    for encoding in ("latin-1", "ascii", "cp1252"):
        other = child(["now", "--json", *WED], env={"PYTHONIOENCODING": encoding})
        assert other.returncode == 0 and other.stdout == utf8.stdout
        text = child(["now", *WED], env={"PYTHONIOENCODING": encoding})
        assert text.returncode == 0, text.stderr
        shown = text.stdout.decode(encoding)
        assert "Sozialamt" in shown and "Traceback" not in text.stderr.decode(encoding)
    week = child(["week", *WED], env={"PYTHONIOENCODING": "ascii"})
    assert week.returncode == 0 and "?" in week.stdout.decode("ascii")


# --- other systems, simulated -------------------------------------------------------------


def test_on_windows_a_cp1252_output_is_written_as_utf8(monkeypatch):
    """`erreichbar week > f` on Windows: Python gives the file the ANSI code page, which
    has no block characters; the run writes UTF-8 instead of failing or losing them."""
    import io

    from erreichbar.cli.streams import prepare_streams

    out = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    err = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    prepare_streams(["week"])
    week = "█▌▐░· – Mo–Fr"
    out.write(week)
    out.flush()
    err.write("Ausländeramt – ")
    err.flush()
    assert out.buffer.getvalue() == week.encode("utf-8")
    assert err.buffer.getvalue() == "Ausländeramt – ".encode()


def test_a_windows_pipe_whose_reader_went_away_ends_with_141(monkeypatch):
    """Windows reports a write into a closed pipe as EINVAL, not EPIPE."""
    import errno

    monkeypatch.setattr(sys, "platform", "win32")
    result = run(monkeypatch, OSError(errno.EINVAL, "Invalid argument"), ("check", "x"))
    assert result.exit_code == 141 and result.stderr == ""


def test_einval_elsewhere_is_no_closed_pipe(monkeypatch):
    import errno

    from erreichbar.cli.runner import reader_gone

    assert not reader_gone(OSError(errno.EINVAL, "Invalid argument"))  # this system
    assert reader_gone(OSError(errno.EPIPE, "Broken pipe"))
    monkeypatch.setattr(sys, "platform", "win32")
    assert reader_gone(OSError(errno.EINVAL, "Invalid argument"))


def test_a_closed_pipe_needs_no_sigpipe(monkeypatch):
    """signal.SIGPIPE does not exist on Windows: nothing the tool does depends on it."""
    import signal

    monkeypatch.delattr(signal, "SIGPIPE")
    result = run(monkeypatch, BrokenPipeError(32, "Broken pipe"), ("check", "sozialamt"))
    assert result.exit_code == 141 and result.stderr == ""
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "src").rglob("*.py"))
    assert re.search(r"^\s*(import signal|from signal)|signal\.SIG", source, re.M) is None
