"""A fuzzer over the environment a run is started in: the locale and the encoding of the
streams, the terminal's width, a closed stderr, the working directory, and the state of
the cache folder (empty, filled, damaged, with FIFOs or links at its entries' names, not a
folder at all). Every command holds two promises in each: no traceback, and the same
answer as a run without a cache in a clean environment (the same exit code, and for
--json the same bytes).

Each example runs the tool in a real process: closed descriptors and encodings are what
a process is started with.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

WED = ["--at", "2024-03-06T10:30"]
COMMANDS = [
    ["now", *WED], ["now", "--json", *WED], ["now", "--all", "--json", *WED],
    ["next", "sozialamt", *WED], ["next", "sozialamt", "--json", *WED],
    ["office", "sozialamt", "--json", *WED], ["office", "auslaenderamt", *WED],
    ["check", "sozialamt", *WED], ["check", "mainarbeit", "-c", "phone", "--at",
                                   "2024-03-29T10:00"],
    ["list", "--json"], ["week", *WED], ["week", "--json", *WED],
    ["holidays", "--year", "2024", "--json"], ["export", "--format", "osm"],
    ["ics", "sozialamt", "--from", "2024-03-04", "--weeks", "1"],
    ["office", "no-such-office", *WED], ["now", "--at", "gestern"],
]
LOCALES = [None, "C", "C.UTF-8", "POSIX", "en_US.UTF-8", "de_DE.ISO-8859-1", "de_DE.UTF-8"]
ENCODINGS = [None, "utf-8", "latin-1", "ascii", "cp1252"]
CACHE_STATES = ["empty", "filled", "damaged", "fifos", "links", "not a folder"]


def base_env(cache_home: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(cache_home.parent),
            "XDG_CACHE_HOME": str(cache_home),
            "XDG_CONFIG_HOME": str(cache_home.parent / "no-config")}


def run(args: list[str], env: dict[str, str], cwd: str, close_stderr: bool = False
        ) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "erreichbar", *args]
    if close_stderr:
        command = ["sh", "-c", 'exec "$@" 2>&-', "sh", *command]
    return subprocess.run(command, capture_output=True, env=env, cwd=cwd, timeout=60,
                          check=False)


@cache
def clean_answer(args: tuple[str, ...]) -> tuple[int, bytes]:
    """The answer without a cache, in a clean environment."""
    home = Path(tempfile.mkdtemp(prefix="erreichbar-clean-")) / "cache"
    env = {**base_env(home), "LANG": "C.UTF-8", "ERREICHBAR_NO_CACHE": "1"}
    done = run(list(args), env, str(home.parent))
    return done.returncode, done.stdout


def prepare_cache(home: Path, state: str) -> None:
    """Put the cache folder into STATE, after a run that filled it."""
    if state == "empty":
        return
    if state == "not a folder":
        home.parent.mkdir(parents=True, exist_ok=True)
        home.write_bytes(b"a file where the cache folder would be")
        return
    env = {**base_env(home), "LANG": "C.UTF-8"}
    for args in (["now", "--json", *WED], ["office", "sozialamt", *WED]):
        run(args, env, str(home.parent))
    entries = sorted((home / "erreichbar").glob("*.bin"))
    assert entries, "the filling runs kept what they read"
    victim = home.parent / "victim.txt"
    victim.write_text("the user's own\n", encoding="utf-8")
    for n, path in enumerate(entries):
        if state == "damaged":
            data = bytearray(path.read_bytes())
            data[len(data) * (n + 1) // (len(entries) + 1)] ^= 0xFF
            path.write_bytes(bytes(data))
        elif state == "fifos":
            path.unlink()
            os.mkfifo(path)
        elif state == "links":
            path.unlink()
            path.symlink_to(victim)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(args=st.sampled_from(COMMANDS), locale=st.sampled_from(LOCALES),
       encoding=st.sampled_from(ENCODINGS), columns=st.sampled_from([None, "10", "40", "200"]),
       state=st.sampled_from(CACHE_STATES), close_stderr=st.booleans(),
       cwd_is_root=st.booleans())
def test_no_environment_changes_an_answer_or_shows_a_traceback(
        args, locale, encoding, columns, state, close_stderr, cwd_is_root):
    home = Path(tempfile.mkdtemp(prefix="erreichbar-env-")) / "cache"
    prepare_cache(home, state)
    env = base_env(home)
    for name, value in (("LC_ALL", locale), ("PYTHONIOENCODING", encoding),
                        ("COLUMNS", columns)):
        if value is not None:
            env[name] = value
    cwd = "/" if cwd_is_root else str(home.parent)
    done = run(args, env, cwd, close_stderr)
    code, answer = clean_answer(tuple(args))
    assert b"Traceback" not in done.stderr and b"Traceback" not in done.stdout
    assert done.returncode == code, (done.stderr, args)
    if "--json" in args:
        assert done.stdout == answer
    if close_stderr:
        assert done.stderr == b""
    victim = home.parent / "victim.txt"
    if victim.exists():
        assert victim.read_text(encoding="utf-8") == "the user's own\n"
