"""The status line for long work: only on a terminal, only after the delay, wiped after."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import time

from erreichbar.data.progress import Progress
from helpers import CLEAN_ENV, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_step_is_shown_then_wiped():
    screen = Terminal()
    with Progress(screen, delay=0.05, every=0.02) as progress:
        progress.step("reading and checking the data (17 MB)")
        time.sleep(0.3)
    text = screen.getvalue()
    assert "erreichbar: reading and checking the data (17 MB) … 0 s" in text
    *_, last, wipe, end = text.split("\r")
    assert last.startswith("erreichbar: ")
    assert (wipe, end) == (" " * len(last), "")  # nothing is left behind


def test_quick_work_and_pipes_show_nothing():
    quick = Terminal()
    with Progress(quick, delay=5) as progress:
        progress.step("reading")
    assert quick.getvalue() == ""
    pipe = io.StringIO()  # not a terminal
    with Progress(pipe, delay=0) as progress:
        progress.step("reading")
        time.sleep(0.05)
    assert pipe.getvalue() == ""


def test_a_first_read_of_a_big_file_says_so_on_a_terminal(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text(generate(20_000, seed=5), encoding="utf-8")
    env = {k: v for k, v in {**os.environ, **CLEAN_ENV, "LANG": "en_US.UTF-8",
                             "XDG_CACHE_HOME": str(tmp_path / "cache")}.items() if v is not None}
    # How long a read takes depends on the machine; the line's delay is set to nothing here
    # so that whether it shows does not (the delay itself is tested above, in process).
    start = ("import sys; from erreichbar.data import progress; progress.DELAY = 0.0; "
             "from erreichbar.cli.app import main; sys.argv[0] = 'erreichbar'; main()")
    cmd = [sys.executable, "-c", start, "now", "--json", "--data", str(big),
           "--at", "2024-03-06T10:30"]
    master, slave = pty.openpty()
    answer = tmp_path / "answer.json"  # stdout to a file, stderr to the terminal
    with answer.open("wb") as out:
        proc = subprocess.Popen(cmd, stdin=slave, stdout=out, stderr=slave, env=env)
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        proc.wait(timeout=120)
    os.close(master)
    assert proc.returncode == 0
    assert answer.read_bytes().startswith(b"[\n{")  # the answer itself is untouched
    assert b"erreichbar: reading and checking the data (3 MB)" in seen
