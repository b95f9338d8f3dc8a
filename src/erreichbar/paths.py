"""Where the user's own files live: the config folder (`config.toml`, `offices.yaml`) and
the cache folder.

`XDG_CONFIG_HOME` and `XDG_CACHE_HOME` win wherever they are set (an empty value counts as
unset), on every system. Otherwise each system's own place, as platformdirs knows it:
`%APPDATA%\\erreichbar` and `%LOCALAPPDATA%\\erreichbar\\Cache` on Windows,
`~/Library/Application Support/erreichbar` and `~/Library/Caches/erreichbar` on macOS.
On Linux and the BSDs those places are the XDG defaults, `~/.config` and `~/.cache`: they
are written here directly, because importing platformdirs would cost every start (the
test suite holds them equal to platformdirs' own answer).

>>> config_dir({"XDG_CONFIG_HOME": "/tmp/cfg"})
'/tmp/cfg/erreichbar'
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

APP = "erreichbar"


def config_dir(environ: Mapping[str, str] | None = None) -> str:
    """The folder of the user's config file and own data file."""
    return _folder("XDG_CONFIG_HOME", ".config", "user_config_dir", environ)


def config_file(environ: Mapping[str, str] | None = None) -> str:
    """The user's config file (see `config`)."""
    return os.path.join(config_dir(environ), "config.toml")


def cache_dir(environ: Mapping[str, str] | None = None) -> str:
    """The folder of the compiled cache."""
    return _folder("XDG_CACHE_HOME", ".cache", "user_cache_dir", environ)


def _folder(variable: str, xdg_default: str, system_dir: str,
            environ: Mapping[str, str] | None) -> str:
    env = os.environ if environ is None else environ
    base = env.get(variable)
    if base:
        return os.path.join(base, APP)
    if _xdg_system():
        return os.path.join(os.path.expanduser("~"), xdg_default, APP)
    return str(getattr(_system_dirs(), system_dir))


def _xdg_system() -> bool:
    """A system whose own places are the XDG defaults (not Windows, macOS, Android, iOS)."""
    android = os.environ.get("ANDROID_DATA") == "/data" and \
        os.environ.get("ANDROID_ROOT") == "/system"  # as platformdirs tells Android
    return sys.platform not in ("win32", "darwin", "ios", "android") and not android


def _system_dirs() -> Any:
    import platformdirs  # start-up: only on Windows and macOS

    # appauthor=False: no vendor folder above the tool's own on Windows; roaming: the
    # config follows a Windows user from machine to machine, the cache stays local
    return platformdirs.PlatformDirs(APP, appauthor=False, roaming=True)
