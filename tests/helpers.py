"""Helpers shared by the tests (importable as `helpers`: tests/ is on pytest's pythonpath)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
BERLIN = ZoneInfo("Europe/Berlin")


def local(text: str) -> datetime:
    """A wall-clock time in Offenbach: local('2024-03-06T10:30')."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


# --- running the CLI in process ------------------------------------------------------------

# A clean environment: no colour forcing, no data from the environment, no user layer, the
# German default locale, 80 columns.
CLEAN_ENV: dict[str, str | None] = {
    "FORCE_COLOR": None,
    "NO_COLOR": None,
    "CLICOLOR_FORCE": None,
    "TTY_COMPATIBLE": None,
    "ERREICHBAR_DATA": None,
    "XDG_CONFIG_HOME": "/nonexistent-erreichbar-test",
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANGUAGE": None,
    "LANG": "C.UTF-8",
    "COLUMNS": "80",
    "TERM": "xterm-256color",
}


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def run_cli(args: tuple[str, ...] | list[str], env: dict[str, str | None]) -> Run:
    """`erreichbar ARGS` through typer's CliRunner; fails on any escaped exception."""
    from typer.testing import CliRunner

    from erreichbar.cli import app

    result = CliRunner().invoke(app, list(args), env=env)
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        raise AssertionError(f"erreichbar {' '.join(args)} crashed: {exc!r}") from exc
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream
    return Run(result.exit_code, result.stdout, result.stderr)
