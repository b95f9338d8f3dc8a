"""The config and cache folders: XDG_* where set, on every system; else each system's own
place as platformdirs gives it (Windows and macOS simulated here)."""

from __future__ import annotations

import os
import sys

import platformdirs
import platformdirs.macos
import platformdirs.unix
import platformdirs.windows
import pytest

from erreichbar import paths


@pytest.fixture
def no_xdg(monkeypatch):
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)


def test_xdg_variables_win(monkeypatch):
    env = {"XDG_CONFIG_HOME": "/srv/conf", "XDG_CACHE_HOME": "/srv/cache"}
    for platform in ("linux", "darwin", "win32"):
        monkeypatch.setattr(sys, "platform", platform)
        assert paths.config_dir(env) == os.path.join("/srv/conf", "erreichbar")
        assert paths.cache_dir(env) == os.path.join("/srv/cache", "erreichbar")


def test_an_empty_xdg_variable_is_unset(no_xdg):
    env = {"XDG_CONFIG_HOME": "", "XDG_CACHE_HOME": ""}
    assert paths.config_dir(env) == paths.config_dir({})
    assert paths.cache_dir(env) == paths.cache_dir({})


def test_on_linux_the_places_are_platformdirs_own(no_xdg, monkeypatch):
    monkeypatch.setenv("HOME", "/home/someone")
    monkeypatch.setattr(sys, "platform", "linux")
    unix = platformdirs.unix.Unix("erreichbar", appauthor=False, roaming=True)
    assert paths.config_dir() == unix.user_config_dir == "/home/someone/.config/erreichbar"
    assert paths.cache_dir() == unix.user_cache_dir == "/home/someone/.cache/erreichbar"


def test_on_linux_platformdirs_is_not_imported_for_them(no_xdg):
    import subprocess

    code = ("import sys; from erreichbar import paths; paths.config_dir(); paths.cache_dir(); "
            "print('platformdirs' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_on_windows_the_places_are_appdata_and_localappdata(no_xdg, monkeypatch):
    folders = {"CSIDL_APPDATA": r"C:\Users\Ana\AppData\Roaming",
               "CSIDL_LOCAL_APPDATA": r"C:\Users\Ana\AppData\Local"}
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    # platformdirs' Windows layout: the roaming folder for settings, a Cache folder in the
    # local one
    assert paths.config_dir() == os.path.join(folders["CSIDL_APPDATA"], "erreichbar")
    assert paths.cache_dir() == os.path.join(folders["CSIDL_LOCAL_APPDATA"], "erreichbar",
                                             "Cache")


def test_on_macos_the_places_are_in_the_library(no_xdg, monkeypatch):
    monkeypatch.setenv("HOME", "/Users/ana")
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.macos.MacOS)
    assert paths.config_dir() == "/Users/ana/Library/Application Support/erreichbar"
    assert paths.cache_dir() == "/Users/ana/Library/Caches/erreichbar"
