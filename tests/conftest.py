"""Shared fixtures: the bundled dataset, its calendar, and instants in Offenbach's local time."""

from __future__ import annotations

import pytest

from erreichbar.calendar import Calendar
from erreichbar.dataset import bundled_path, load


@pytest.fixture(scope="session")
def dataset():
    ds, _ = load([bundled_path()])
    return ds


@pytest.fixture(scope="session")
def cal():
    return Calendar("Europe/Berlin", "DE-HE")
