"""A status line on a terminal for work that takes more than a second.

Reading a country-sized dataset for the first time takes a while; after a second, a
line on stderr says what is being done and for how long, and it is wiped when the work
is done. Nothing is written when stderr is not a terminal (a script sees only the
answer), or when the work is done within the second.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

DELAY = 1.0  # seconds of silence before the line appears: a quick read shows nothing


class Progress:
    """`with Progress() as p: p.step("reading …"); …` — the line follows the steps."""

    def __init__(self, stream: TextIO | None = None, delay: float | None = None,
                 every: float = 0.25) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.delay = DELAY if delay is None else delay
        self.every = every
        self.text = ""
        self.shown = 0  # width of the line on screen
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._start = 0.0

    def __enter__(self) -> Progress:
        try:
            terminal = self.stream.isatty()
        except (AttributeError, ValueError):
            terminal = False
        if terminal:
            self._start = time.monotonic()
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def step(self, text: str) -> None:
        self.text = text

    def _run(self) -> None:
        if self._done.wait(self.delay):
            return
        while not self._done.is_set():
            line = f"erreichbar: {self.text} … {time.monotonic() - self._start:.0f} s"
            self._write("\r" + line.ljust(self.shown))
            self.shown = len(line)
            self._done.wait(self.every)

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a terminal that went away: the work goes on
            self._done.set()

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        if self.shown:
            self._write("\r" + " " * self.shown + "\r")
