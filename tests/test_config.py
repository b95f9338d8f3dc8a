"""The config file: defaults for the language and the channels, below the options and the
environment; a file that cannot be used is one line naming file, line and column, exit 2;
no file costs no TOML parser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from erreichbar.cli import config
from helpers import WED, cli, one_line_error


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An XDG config home with the tool's folder in it."""
    (tmp_path / "erreichbar").mkdir()
    return tmp_path


def write(home: Path, text: str | bytes) -> Path:
    file = home / "erreichbar" / "config.toml"
    if isinstance(text, bytes):
        file.write_bytes(text)
    else:
        file.write_text(text, encoding="utf-8")
    return file


def run(home: Path, *args: str, **env: str | None):
    return cli(*args, env={"XDG_CONFIG_HOME": str(home), **env})


# The Sozialamt's e-mail channel is always there; it is no phone or visit channel.
def channels_of(out: str) -> set[str]:
    return {line.split("\t")[1] for line in out.splitlines()}


def test_the_channels_of_the_config_file_are_the_default(home):
    write(home, 'channel = ["email"]\n')
    assert channels_of(run(home, "now", "--at", WED).out) == {"email"}
    write(home, 'channel = "telefon, email"\n')  # as --channel takes it, German words too
    assert channels_of(run(home, "now", "--at", WED).out) == {"phone", "email"}


def test_an_option_beats_the_config_file_before_or_after_the_command(home):
    write(home, 'channel = "email"\n')
    assert channels_of(run(home, "now", "--at", WED, "-c", "visit").out) == {"visit"}
    assert channels_of(run(home, "-c", "visit", "now", "--at", WED).out) == {"visit"}


def test_the_language_of_the_config_file_is_below_the_environment_and_the_option(home):
    write(home, 'lang = "en"\n')
    # "Usage:" is Click's English; the German help says "Aufruf:"
    english, german = "Usage:", "Aufruf:"
    assert english in run(home, "now", "-h").out
    assert german in run(home, "now", "-h", ERREICHBAR_LANG="de").out
    assert german in run(home, "now", "-h", "--lang", "de").out
    write(home, 'lang = "de"\n')
    assert german in run(home, "now", "-h", LANG="en_GB.UTF-8").out  # the file beats the locale


def test_a_config_file_without_keys_changes_nothing(home):
    write(home, "# nothing set yet\n")
    assert run(home, "now", "--at", WED).out == cli("now", "--at", WED).out


@pytest.mark.parametrize(("text", "line", "column", "words"), [
    ('lang = "en"\nlang = en\n', 2, 8, "TOML"),             # no quotes: not a TOML value
    ('lang = "en"\n# note\n"lnag" = "en"\n', 3, 1, "lnag"),  # an unknown key, quoted
    ("  lang = 3\n", 1, 10, "lang"),                         # a number is no language
    ('lang = "fr"\n', 1, 8, "'fr'"),
    ('channel = ["phone", 3]\n', 1, 11, "channel"),
    ('channel = "phone,fax"\n', 1, 11, "'fax'"),
    ('channel = ","\n', 1, 11, "channel"),                   # names no channel at all
    ("[channel]\nkind = 'phone'\n", 1, 2, "channel"),       # a table is no channel
])
def test_a_broken_config_file_is_one_line_with_its_place_and_exit_2(home, text, line, column,
                                                                      words):
    file = write(home, text)
    for args in (("now", "--at", WED), ("check", "sozialamt"), ("list", "--json")):
        message = one_line_error(run(home, *args), 2)
        assert message.startswith(f"erreichbar: {file}:{line}:{column}: error: "), message
        assert words in message


def test_a_config_file_that_is_not_text_or_not_a_file(home):
    file = write(home, b'lang = "en"\n# \xff\n')
    message = one_line_error(run(home, "list"), 2)
    assert message.startswith(f"erreichbar: {file}:2:1: error: ") and "UTF-8" in message
    file.unlink()
    file.mkdir()
    message = one_line_error(run(home, "list"), 2)
    assert message.startswith(f"erreichbar: {file}: error: "), message


def test_the_error_is_in_the_language_of_the_run(home):
    write(home, 'lnag = "en"\n')
    english = one_line_error(run(home, "list", "--lang", "en"), 2)
    german = one_line_error(run(home, "list"), 2)
    assert "unknown key" in english and "unknown key" not in german


def test_a_broken_config_file_never_breaks_completion(home):
    write(home, "lang = \n")
    result = cli("now", env={"XDG_CONFIG_HOME": str(home),
                             "_ERREICHBAR_COMPLETE": "complete_bash",
                             "COMP_WORDS": "erreichbar now --lang ", "COMP_CWORD": "3"})
    assert result.code == 0 and result.out.split() == ["de", "en"], result


def test_a_bad_erreichbar_lang_is_one_line_and_exit_2():
    message = one_line_error(cli("list", env={"ERREICHBAR_LANG": "fr"}), 2)
    assert "ERREICHBAR_LANG" in message and "fr" in message


def test_parse_reads_what_toml_says():
    assert config.parse(b'lang = "en"\nchannel = ["vorsprache", "phone"]\n', "c.toml") == \
        config.Config("en", "vorsprache,phone", "c.toml")


def toml_imported(env: dict[str, str]) -> bool:
    code = ("import sys, os; from erreichbar.cli import app as cli; "
            "sys.argv = ['erreichbar', 'list'];"
            "import contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try: cli.app(args=['list'], standalone_mode=False)\n"
            "    except SystemExit: pass\n"
            "print('tomllib' in sys.modules, 'erreichbar.cli.config' in sys.modules,"
            " file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)
    return done.stderr.split() == ["True", "True"]


def test_tomllib_is_imported_only_where_there_is_a_config_file(home):
    import os

    env = {**os.environ, "XDG_CONFIG_HOME": str(home), "ERREICHBAR_NO_CACHE": "1"}
    assert not toml_imported(env)
    write(home, 'lang = "en"\n')
    assert toml_imported(env)
