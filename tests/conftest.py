"""Shared fixtures: the bundled dataset, its calendar, the city's full texts where they are
available, and the Hypothesis profiles."""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The tests must not read or fill the user's own cache; every run gets a fresh one.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="erreichbar-test-cache-")
os.environ.pop("ERREICHBAR_NO_CACHE", None)

from erreichbar import i18n
from erreichbar.calendar.civil import Calendar
from erreichbar.data.loader import bundled_path, load

# Hypothesis: every test names its own example count, which is the same everywhere; the
# profiles only say how a run goes. "ci" (chosen when CI is set) keeps no example database in
# the clean checkout and prints the seed of a failure so it can be replayed; both allow for
# two workers sharing two cores, where a slow example is the machine, not the code.
_SHARED_CORES = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", database=None, print_blob=True, derandomize=False,
                          **_SHARED_CORES)
settings.register_profile("dev", **_SHARED_CORES)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or
                      ("ci" if os.environ.get("CI") else "dev"))

# The city's texts (data/offices.yaml quotes them) live outside the repository. The folder is
# ERREICHBAR_SOURCES if set, else ../shared/sources beside the checkout. Where ERREICHBAR_SOURCES
# is set (as .ci/run does), texts that are not there fail the tests that need them; where it is
# not and the folder is missing, those tests are skipped with the reason.
SOURCE_FILES = {2024: "offenbach-2024-03-01-erreichbarkeit-der-aemter.txt",
                2019: "offenbach-2019-02-13-buergerbuero-bilanz-2018.txt",
                # newer facts from public pages, each with its address, date and a quote
                2026: "offenbach-facts-2026.md"}


# Nothing in the suite may reach the network: a connection to any address but the loopback
# fails as it does offline, and a name other than localhost is not found, as without DNS.
# (`import overpass` is tested against a server on 127.0.0.1; tests/test_overpass.py
# checks that this guard holds.)
LOOPBACK = ("127.0.0.1", "::1", "localhost")
_connect, _connect_ex, _getaddrinfo = (socket.socket.connect, socket.socket.connect_ex,
                                       socket.getaddrinfo)


def _loopback_only(address: object) -> None:
    if isinstance(address, tuple) and address and address[0] not in LOOPBACK:
        raise OSError(errno.ENETUNREACH, f"the tests make no connection to {address[0]}")


def _guarded_connect(self: socket.socket, address: object) -> None:
    _loopback_only(address)
    _connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _loopback_only(address)
    return _connect_ex(self, address)


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    name = host.decode() if isinstance(host, bytes) else host
    if name not in (*LOOPBACK, None) and not _numeric(name):
        raise socket.gaierror(socket.EAI_NONAME, f"the tests look up no name ({host!r})")
    return _getaddrinfo(host, *args, **kwargs)


def _numeric(name: object) -> bool:
    """An address written as numbers: looking it up asks no name server."""
    try:
        ipaddress.ip_address(str(name))
    except ValueError:
        return False
    return True


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
socket.getaddrinfo = _guarded_getaddrinfo  # type: ignore[assignment]

EXHAUSTIVE = Path(__file__).parent / "property"


def pytest_collection_modifyitems(config, items):
    """The property tests, the fuzzers and the oracles (tests/property/) are marked
    `exhaustive`: the README's test command leaves them out, .ci/run runs them as well.

    Each slow test at the head of its own worker's share. xdist's work-stealing schedule
    (addopts) first hands each of N workers one contiguous Nth of this list; a slow test at
    the head of each share starts at once beside the others instead of two running one after
    the other, or last. Every worker computes the same order, as xdist requires."""
    for item in items:
        if EXHAUSTIVE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.exhaustive)
    workers = getattr(config, "workerinput", {}).get("workercount", 1)
    slow = [item for item in items if item.get_closest_marker("slow")]
    rest = [item for item in items if not item.get_closest_marker("slow")]
    share = -(-len(rest) // workers)
    items[:] = [test for k in range(workers)
                for test in slow[k::workers] + rest[k * share:(k + 1) * share]]


@pytest.fixture(autouse=True)
def english_messages():
    """Code called in-process speaks English, as the messages the tests compare are; a
    command run through the CLI takes its language from --lang or the locale as always."""
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.fixture
def server():
    """A local Overpass API server (tests/overpass_server.py), stopped after the test."""
    from overpass_server import Server

    s = Server()
    yield s
    s.close()


@pytest.fixture(scope="session")
def dataset():
    ds, _ = load([bundled_path()])
    return ds


@pytest.fixture(scope="session")
def cal():
    return Calendar("Europe/Berlin", "DE-HE")


@pytest.fixture(scope="session")
def source_texts() -> dict[int, str]:
    """The city's full texts by year of publication."""
    named = os.environ.get("ERREICHBAR_SOURCES")
    folder = Path(named) if named else Path(__file__).resolve().parents[2] / "shared" / "sources"
    missing = [name for name in SOURCE_FILES.values() if not (folder / name).is_file()]
    if missing:
        reason = f"the city's texts are not in {folder} (missing {', '.join(missing)})"
        if named:
            pytest.fail(f"ERREICHBAR_SOURCES is set, but {reason}", pytrace=False)
        pytest.skip(f"{reason}; set ERREICHBAR_SOURCES to the folder that holds them")
    return {year: (folder / name).read_text("utf-8") for year, name in SOURCE_FILES.items()}
