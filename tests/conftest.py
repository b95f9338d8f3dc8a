"""Shared fixtures: the bundled dataset, its calendar, and instants in Offenbach's local time."""

from __future__ import annotations

import os
import tempfile

import pytest

# The tests must not read or fill the user's own cache; every run gets a fresh one.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="erreichbar-test-cache-")
os.environ.pop("ERREICHBAR_NO_CACHE", None)

from erreichbar import i18n
from erreichbar.calendar import Calendar
from erreichbar.dataset import bundled_path, load


@pytest.fixture(autouse=True)
def english_messages():
    """Code called in-process speaks English, as the messages the tests compare are; a
    command run through the CLI takes its language from --lang or the locale as always."""
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.fixture(scope="session")
def dataset():
    ds, _ = load([bundled_path()])
    return ds


@pytest.fixture(scope="session")
def cal():
    return Calendar("Europe/Berlin", "DE-HE")
