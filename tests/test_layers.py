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
                    ignore=shutil.ignore_patterns("__pycache__", "locale", "*.yaml"))
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
    # the calendar reading the store, even from inside a function (the language is pure)
    ("hours/engine.py", ("erreichbar.calendar.holiday_tables", "cached"),
     ["Pure:"]),
    ("hours/compiled.py", ("erreichbar.cache.store", "read"), ["Pure:"]),
    # the now table rendering JSON: a lower layer importing a view
    ("data/now_table.py", ("erreichbar.render.json_out", "channel_parts"), ["Packages by concept"]),
    # the loader building a view's output
    ("data/loader.py", ("erreichbar.render.json_out", "channel_parts"), ["Packages by concept"]),
    # the store knowing what it keeps
    ("cache/store.py", ("erreichbar.data.model", "Dataset"), ["Packages by concept"]),
    ("cache/store.py", ("erreichbar.answers.lookup", "Target"), ["Packages by concept"]),
    # a view touching the cache or the loader
    ("render/now_json.py", ("erreichbar.cache.store", "read"), ["Views only render"]),
    ("render/human.py", ("erreichbar.data.loader", "load"), ["Views only render"]),
    # a circle inside a package
    ("hours/values.py", ("erreichbar.hours.engine", "walk"), ["No import circle"]),
], ids=["engine-holiday-tables", "compiled-store", "now-table-json", "loader-json",
        "store-model", "store-lookup", "view-store", "view-loader", "hours-circle"])
def test_a_breach_breaks_a_contract(tmp_path, module, imports, broken):
    text = (ROOT / "src" / "erreichbar" / module).read_text("utf-8")
    # appended at the very end (the module's last line may appear earlier in it too)
    run = lint_with(tmp_path, module, text, text.rstrip("\n") + DEFERRED.format(*imports))
    assert run.returncode == 1, run.stdout + run.stderr
    for name in broken:
        assert any(name in line and "BROKEN" in line for line in run.stdout.splitlines()), \
            run.stdout


def test_an_import_for_type_checking_only_counts_too(tmp_path):
    """A circle closed only by an import under TYPE_CHECKING is still a circle: the reader
    of the module's head sees it, and the type checker follows it."""
    run = lint_with(tmp_path, "hours/engine.py", "from __future__ import annotations\n",
                    "from __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n\n"
                    "if TYPE_CHECKING:\n"
                    "    from erreichbar.data.model import Channel  # noqa: F401\n")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Packages by concept" in run.stdout


def test_every_package_has_its_place_in_the_layers():
    """A new package is checked only once the contracts name it: each package and shared
    module at the top of erreichbar is a layer."""
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


def test_every_package_says_what_it_is_for_and_what_it_may_import():
    for init in (ROOT / "src" / "erreichbar").glob("*/__init__.py"):
        text = init.read_text("utf-8")
        assert text.startswith('"""'), init
        assert "May import" in text or "may import" in text, init


def test_no_module_is_much_over_400_lines():
    long = {str(path.relative_to(ROOT)): n for path in (ROOT / "src").rglob("*.py")
            if (n := len(path.read_text("utf-8").splitlines())) > 420}
    assert long == {}


def _deferred_imports(tree):
    """The imports made inside a function (those under `if TYPE_CHECKING:` are not run)."""
    import ast

    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    yield inner


def test_every_deferred_import_says_why():
    """An import inside a function hides a dependency from the module's head: each one is
    kept only for start-up time (or for a platform or a rare path), and a comment on its
    line (or the line above it) says so. What a run imports is measured by
    tests/test_controller.py."""
    import ast

    silent = []
    for path in sorted((ROOT / "src" / "erreichbar").rglob("*.py")):
        lines = path.read_text("utf-8").splitlines()
        for node in _deferred_imports(ast.parse("\n".join(lines))):
            said = lines[node.lineno - 2:node.end_lineno] if node.lineno > 1 else lines[:1]
            if not any("#" in line for line in said):
                silent.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert silent == []
