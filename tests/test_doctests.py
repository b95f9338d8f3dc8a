"""The examples in the package's docstrings (>>>), run on the package as installed: each
module of it, imported by name, through the standard library's doctest."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import erreichbar

MODULES = sorted(info.name for info in pkgutil.walk_packages(erreichbar.__path__, "erreichbar.")
                 if info.name != "erreichbar.__main__")  # __main__ would run the tool


def test_the_package_has_examples_to_run():
    finder = doctest.DocTestFinder()
    examples = sum(len(test.examples) for name in MODULES
                   for test in finder.find(importlib.import_module(name)))
    assert examples >= 4


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS,
                             report=True, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"
