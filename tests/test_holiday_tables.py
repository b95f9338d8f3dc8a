"""Holiday tables kept between runs: the same table as computed, keyed by what it depends on,
and handed to the calendar by whoever builds it (the calendar itself keeps nothing)."""

from __future__ import annotations

from datetime import date
from importlib.metadata import version
from pathlib import Path

import pytest

from erreichbar.calendar import civil as calendar
from erreichbar.calendar import holiday_tables
from erreichbar.calendar.civil import Calendar


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def test_holiday_tables_are_keyed_by_the_installed_holidays_version():
    # a table computed by another release of `holidays` must not be reused
    assert holiday_tables.holidays_version() == version("holidays")


@pytest.mark.parametrize(("files", "expected"), [
    ({"holidays/version.py": '"""v"""\n__version__ = "0.55"  # the release\n'}, "0.55"),
    ({"holidays/__init__.py": "from x import y\n__version__ = '0.31'\n"}, "0.31"),
    ({"holidays/__init__.py": "", "holidays-0.84.dist-info/METADATA": ""}, "0.84"),
    ({"holidays/__init__.py": "__version__ = VERSION\n"}, "?"),
])
def test_the_version_is_read_where_each_release_keeps_it(tmp_path, monkeypatch, files,
                                                         expected):
    import importlib.machinery
    import importlib.util

    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    origin = tmp_path / "holidays" / "__init__.py"
    origin.touch()
    spec = importlib.machinery.ModuleSpec("holidays", None, origin=str(origin))
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    holiday_tables.holidays_version.cache_clear()
    try:
        assert holiday_tables.holidays_version() == expected
    finally:
        holiday_tables.holidays_version.cache_clear()


def test_a_kept_table_is_the_computed_one_and_is_used_the_next_time(cache_home, monkeypatch):
    first = holiday_tables.cached("DE-HE", "de", 2024)
    # Hessen 2024 (Feiertagsgesetz): Karfreitag, Ostermontag, Fronleichnam among ten
    assert len(first) == 10
    assert {date(2024, 3, 29), date(2024, 4, 1), date(2024, 5, 30)} <= set(first)
    assert list(cache_home.glob("erreichbar/holidays-*.bin"))

    def fail(*args: object) -> dict[date, str]:
        raise AssertionError("computed again")

    monkeypatch.setattr(holiday_tables, "compute", fail)
    assert holiday_tables.cached("DE-HE", "de", 2024) == first
    with pytest.raises(AssertionError):  # another language is another table
        holiday_tables.cached("DE-HE", "en", 2024)


def test_a_damaged_table_is_computed_again(cache_home):
    first = holiday_tables.cached("DE-HE", "de", 2025)
    for path in cache_home.glob("erreichbar/holidays-*.bin"):
        path.write_bytes(path.read_bytes()[:-3] + b"xyz")
    assert holiday_tables.cached("DE-HE", "de", 2025) == first


def test_the_calendar_asks_the_tables_it_is_given_once_a_year(cache_home):
    asked = []

    def tables(region: str, lang: str, year: int) -> dict[date, str]:
        asked.append((region, lang, year))
        return {date(year, 1, 1): "Neujahr"}

    cal = Calendar("Europe/Berlin", "DE-HE", "en", tables)
    assert cal.holiday(date(2024, 1, 1)) == "Neujahr"
    assert cal.holiday(date(2024, 3, 29)) is None  # not in the table given
    assert cal.holiday(date(2025, 1, 1)) == "Neujahr"
    assert asked == [("DE-HE", "en", 2024), ("DE-HE", "en", 2025)]


def test_a_calendar_built_without_tables_computes_them_and_writes_nothing(cache_home):
    cal = Calendar("Europe/Berlin", "DE-HE")
    assert cal.holidays_in(2024) == calendar.compute("DE-HE", "de", 2024)
    assert cal.holiday(date(2024, 10, 3)) is not None  # Tag der Deutschen Einheit
    assert not cache_home.exists()


def test_a_table_under_another_years_name_is_not_served(cache_home):
    """2025's table copied over 2024's file: 2024 is computed again, so Karfreitag 2024
    (29 March) stays a holiday; 2025's was on 18 April."""
    holiday_tables.cached("DE-HE", "de", 2024)
    before = set(cache_home.glob("erreichbar/holidays-*.bin"))
    holiday_tables.cached("DE-HE", "de", 2025)
    [of_2025] = set(cache_home.glob("erreichbar/holidays-*.bin")) - before
    [of_2024] = before
    of_2024.write_bytes(of_2025.read_bytes())
    table = holiday_tables.cached("DE-HE", "de", 2024)
    assert date(2024, 3, 29) in table and date(2025, 4, 18) not in table
