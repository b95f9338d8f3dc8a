"""The layers of the package, as the import-linter contracts in pyproject.toml write them
down: no import circle (deferred imports count), the engine and the codecs keep nothing,
the store knows nothing of what it keeps. The contracts are checked on the code as it is,
and shown to catch the breaches they are there for."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

from helpers import ROOT

LINT = ("import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(no_cache=True))")


def test_the_package_keeps_its_contracts(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def lint_with(tmp_path: Path, module: str, old: str, new: str) -> subprocess.CompletedProcess:
    """import-linter run on a copy of the package with one change made to `module`."""
    shutil.copytree(ROOT / "src" / "erreichbar", tmp_path / "src" / "erreichbar",
                    ignore=shutil.ignore_patterns("__pycache__", "locale", "data"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    path = tmp_path / "src" / "erreichbar" / module
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src")}
    return subprocess.run([sys.executable, "-c", LINT], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


DEFERRED = "\n\ndef _later():\n    from {0} import {1}  # noqa\n\n    return {1}\n"


@pytest.mark.parametrize(("module", "imports", "broken"), [
    # the calendar reading the store, even from inside a function (the engine is pure)
    ("calendar.py", (".holiday_tables", "cached"), ["The engine, the answers", "Layers"]),
    ("calendar.py", (".store", "read"), ["The engine, the answers"]),
    # the now table rendering JSON: a circle through the view that reads it
    ("now_table.py", (".render.json_out", "channel_parts"), ["No import circle", "Layers"]),
    # the loader building a view's output
    ("dataset.py", (".render.json_out", "channel_parts"), ["Layers"]),
    # the store knowing what it keeps
    ("store.py", (".model", "Dataset"), ["Layers"]),
    ("store.py", (".lookup", "NameIndex"), ["Layers"]),
], ids=["calendar-holiday-tables", "calendar-store", "now-table-json", "loader-json",
        "store-model", "store-lookup"])
def test_a_breach_breaks_a_contract(tmp_path, module, imports, broken):
    text = (ROOT / "src" / "erreichbar" / module).read_text("utf-8")
    # appended at the very end (the module's last line may appear earlier in it too)
    run = lint_with(tmp_path, module, text, text.rstrip("\n") + DEFERRED.format(*imports))
    assert run.returncode == 1, run.stdout + run.stderr
    for name in broken:
        assert any(name in line and "BROKEN" in line for line in run.stdout.splitlines()), \
            run.stdout


def test_an_import_for_type_checking_only_breaks_nothing(tmp_path):
    run = lint_with(tmp_path, "calendar.py", "from .errors import",
                    "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
                    "    from .holiday_tables import cached  # noqa: F401\n"
                    "from .errors import")
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_module_has_its_place_in_the_layers():
    """A new module is checked only once the contracts name it: each module of the package
    is in the main layers or in the loading stack."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    named: set[str] = set()
    for contract in config["contracts"]:
        for layer in contract.get("layers", []):
            named.update(part.strip() for part in layer.replace(":", "|").split("|"))
    package = ROOT / "src" / "erreichbar"
    modules = {path.stem for path in package.glob("*.py")} | {
        path.name for path in package.iterdir() if (path / "__init__.py").exists()}
    assert sorted(modules - named - {"__init__", "__main__"}) == []
