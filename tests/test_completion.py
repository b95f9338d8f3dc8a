"""Shell completion through the protocol a shell speaks (`_ERREICHBAR_COMPLETE`, the words
in COMP_WORDS/COMP_CWORD or _TYPER_COMPLETE_ARGS), in process: the values of --channel,
--lang and --format; paths (not values) for the options that name a file.

Click's protocol (`bash_complete`) prints `kind,value` lines; Typer's (`complete_bash`,
what --install-completion installs) prints values alone, and nothing where the shell is to
complete a path itself (its bash script is `complete -o default`, zsh's falls back to
`_files`, fish's allows files when it is told no values)."""

from __future__ import annotations

import pytest

from erreichbar.cli.app import CHANNELS
from helpers import run_cli


def click_bash(line: str) -> list[str]:
    """What Click's bash protocol answers for LINE (the cursor at its end)."""
    words = line.split(" ")
    run = run_cli([], {"_ERREICHBAR_COMPLETE": "bash_complete", "COMP_WORDS": line,
                       "COMP_CWORD": str(len(words) - 1)})
    assert run.code == 0 and run.err == "", run
    return run.out.splitlines()


def typer_bash(line: str) -> list[str]:
    words = line.split(" ")
    run = run_cli([], {"_ERREICHBAR_COMPLETE": "complete_bash", "COMP_WORDS": line,
                       "COMP_CWORD": str(len(words) - 1)})
    assert run.code == 0 and run.err == "", run
    return [line for line in run.out.splitlines() if line]


@pytest.mark.parametrize("where", ["erreichbar now", "erreichbar", "erreichbar check x"])
def test_channel_values(where):
    assert click_bash(f"{where} --channel ") == [f"plain,{kind}" for kind in CHANNELS]
    assert click_bash(f"{where} -c vi") == ["plain,visit"]
    assert typer_bash(f"{where} --channel ph") == ["phone"]


def test_several_channels_complete_the_one_after_the_last_comma():
    assert typer_bash("erreichbar now --channel phone,") == [
        "phone,visit", "phone,email", "phone,online"]
    assert typer_bash("erreichbar now --channel phone,e") == ["phone,email"]
    # the German words the option takes too, where no English one fits
    assert typer_bash("erreichbar now --channel phone,vor") == ["phone,vorsprache"]


@pytest.mark.parametrize("where", ["erreichbar list", "erreichbar"])
def test_language_values(where):
    assert click_bash(f"{where} --lang ") == ["plain,de", "plain,en"]
    assert typer_bash(f"{where} --lang e") == ["en"]


def test_format_values():
    assert click_bash("erreichbar export --format ") == [
        "plain,osm", "plain,jsonld", "plain,yaml"]
    assert typer_bash("erreichbar export -f j") == ["jsonld"]


@pytest.mark.parametrize("line", [
    "erreichbar now --data da", "erreichbar --data da", "erreichbar office x --svg da",
    "erreichbar week --html da", "erreichbar ics -o da", "erreichbar export --output da",
    "erreichbar validate da",
])
def test_file_options_complete_paths_not_values(line):
    assert click_bash(line) == ["file,da"]  # Click's script completes the path itself
    assert typer_bash(line) == []  # Typer's script leaves it to the shell's own


def test_zsh_and_fish_in_clicks_protocol():
    run = run_cli([], {"_ERREICHBAR_COMPLETE": "zsh_complete",
                       "COMP_WORDS": "erreichbar now --lang ", "COMP_CWORD": "3"})
    assert run.out.splitlines() == ["plain", "de", "_", "plain", "en", "_"]
    run = run_cli([], {"_ERREICHBAR_COMPLETE": "fish_complete",
                       "COMP_WORDS": "erreichbar now --lang e", "COMP_CWORD": "e"})
    assert run.out.splitlines() == ["plain,en"]


def test_zsh_and_fish_in_typers_protocol():
    run = run_cli([], {"_ERREICHBAR_COMPLETE": "complete_zsh",
                       "_TYPER_COMPLETE_ARGS": "erreichbar now --lang "})
    assert run.code == 0 and '"de"' in run.out and '"en"' in run.out
    run = run_cli([], {"_ERREICHBAR_COMPLETE": "complete_zsh",
                       "_TYPER_COMPLETE_ARGS": "erreichbar now --data "})
    assert run.out.strip() == "_files"
    run = run_cli([], {"_ERREICHBAR_COMPLETE": "complete_fish",
                       "_TYPER_COMPLETE_FISH_ACTION": "get-args",
                       "_TYPER_COMPLETE_ARGS": "erreichbar export --format y"})
    assert run.out.split() == ["yaml"]


@pytest.mark.parametrize("instruction", ["bash_source", "source_bash"])
def test_the_script_for_bash_in_either_order(instruction):
    run = run_cli([], {"_ERREICHBAR_COMPLETE": instruction})
    assert run.code == 0
    assert "complete -o default -F _erreichbar_completion erreichbar" in run.out
    assert "_ERREICHBAR_COMPLETE=complete_bash" in run.out


def test_an_unknown_instruction_is_one_line_and_1():
    run = run_cli([], {"_ERREICHBAR_COMPLETE": "tcsh_complete"})
    assert run.code == 1 and run.out == ""
    assert len(run.err.splitlines()) == 1 and "tcsh_complete" in run.err
