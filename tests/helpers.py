"""Helpers shared by the tests (importable as `helpers`: tests/ is on pytest's pythonpath)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"
BERLIN = ZoneInfo("Europe/Berlin")


def local(text: str) -> datetime:
    """A wall-clock time in Offenbach: local('2024-03-06T10:30')."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)
