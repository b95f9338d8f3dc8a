"""The user's config file: defaults for the language and the channels of every run.

It is `config.toml` in the config folder (`$XDG_CONFIG_HOME/erreichbar/`, see `paths`):

    lang = "en"                    # de or en
    channel = "phone,visit"        # what --channel takes; or ["phone", "visit"]

An option beats the environment (`ERREICHBAR_LANG`), which beats this file, which beats
the locale. Most machines have no such file: `runner` then spends one `os.stat` on it,
and neither this module nor tomllib is imported. A file that cannot be used (not TOML,
an unknown key, a value of the wrong type, a language or channel the tool does not know)
is one line,
`FILE:LINE:COL: error: message` (`FILE: error: message` where TOML gives no place), and
exit 2, as for the option it stands in for.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from erreichbar.errors import UsageError
from erreichbar.i18n import LANGS, _
from erreichbar.paths import config_file

MAX_BYTES = 64 * 1024  # a config file is a few lines; anything bigger is not one


@dataclass(frozen=True, slots=True)
class Config:
    """The defaults a config file sets; None where it sets none."""

    lang: str | None = None
    channel: str | None = None  # comma-separated, as --channel takes it
    file: str | None = None


class ConfigError(UsageError):
    """A config file that cannot be used, said as one line that names the file."""


def load(environ: Mapping[str, str] | None = None) -> Config:
    """The config file's defaults; Config() where there is no file. ConfigError for a
    file that is there and cannot be used."""
    file = config_file(environ)
    try:
        kind = os.stat(file).st_mode
    except FileNotFoundError:
        return Config()
    except OSError as exc:  # a folder on the way that may not be searched
        raise _error(file, _("cannot read the config file: {reason}",
                             reason=exc.strerror or exc)) from exc
    if not stat.S_ISREG(kind):  # a FIFO would never end, a folder is no file
        raise _error(file, _("the config file is not a regular file"))
    try:
        with open(file, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _error(file, _("cannot read the config file: {reason}",
                             reason=exc.strerror or exc)) from exc
    if len(raw) > MAX_BYTES:
        raise _error(file, _("the config file is larger than {size} KiB",
                             size=MAX_BYTES // 1024))
    return parse(raw, file)


def parse(raw: bytes, file: str) -> Config:
    """The defaults in RAW, the bytes of FILE."""
    import tomllib  # start-up: only where there is a config file

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _error(file, _("not UTF-8 text; save the file as UTF-8"),
                     raw[:exc.start].count(b"\n") + 1) from exc
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says where as "... (at line 3, column 8)"
        where = re.search(r"\s*\(at line (\d+), column (\d+)\)$", str(exc))
        reason = str(exc)[:where.start()] if where else str(exc)
        line = int(where[1]) if where else None
        column = int(where[2]) if where else None
        raise _error(file, _("not valid TOML: {reason}", reason=reason), line,
                     column) from exc
    for key in table:
        if key not in ("lang", "channel"):
            raise _error(file, _("unknown key {key}; a config file knows lang and channel",
                                 key=repr(key)), *_place(text, key, value=False))
    return Config(_lang(table, text, file), _channel(table, text, file), file)


def _lang(table: dict[str, Any], text: str, file: str) -> str | None:
    if "lang" not in table:
        return None
    value = table["lang"]
    if not isinstance(value, str):
        raise _error(file, _("lang must be text, e.g. lang = \"en\""), *_place(text, "lang"))
    if value not in LANGS:
        raise _error(file, _("lang {lang}: use de or en", lang=repr(value)),
                     *_place(text, "lang"))
    return value


def _channel(table: dict[str, Any], text: str, file: str) -> str | None:
    if "channel" not in table:
        return None
    value = table["channel"]
    words = value.split(",") if isinstance(value, str) else value
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise _error(file, _("channel must be text or a list of texts, e.g. "
                             "channel = [\"phone\", \"visit\"]"), *_place(text, "channel"))
    # start-up: only where the file names a channel
    from erreichbar.answers.lookup import channel_kind

    words = [word.strip() for word in words if word.strip()]
    if not words:  # naming no channel must not mean every channel, as for --channel ''
        raise _error(file, _("channel names no channel"), *_place(text, "channel"))
    for word in words:
        try:
            channel_kind(word)
        except UsageError:
            raise _error(file, _("channel {word}: use phone, visit, email or online (also "
                                 "telefon, vorsprache, e-mail)", word=repr(word)),
                         *_place(text, "channel")) from None
    return ",".join(words)


def _place(text: str, key: str, value: bool = True) -> tuple[int | None, int | None]:
    """Line and column where KEY is set (`key = ...` or a table `[key]`), if found: of its
    value, or with `value=False` of the key itself."""
    name = re.escape(key)
    pattern = (rf"^(?P<key>[ \t]*(?:\[+[ \t]*)?)(?:{name}|\"{name}\"|'{name}')"
               rf"(?P<value>[ \t]*=[ \t]*)?")
    found = re.search(pattern, text, re.MULTILINE)
    if found is None:
        return None, None
    line = text.count("\n", 0, found.start()) + 1
    if value and found["value"] is not None:
        return line, found.end() - found.start() + 1
    return line, len(found["key"]) + 1


def _error(file: str, message: str, line: int | None = None,
           column: int | None = None) -> ConfigError:
    if line is None:
        return ConfigError(f"{file}: error: {message}")
    return ConfigError(f"{file}:{line}:{column or 1}: error: {message}")
