"""The help page in the language of the run: Click's and Typer's own words (headings,
notes), each command's help, and the exit codes of `errors.Exit` at the end of the tool's.
Translated only when a help page is shown (or a shell asks for completions): a run that
shows none need not read the catalogue at all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from typer.core import TyperGroup

from erreichbar.errors import Exit
from erreichbar.i18n import N_, _

if TYPE_CHECKING:  # the classes Typer's own Click defines; named through TyperGroup at run time
    from typer._click.core import Context as _ClickContext
    from typer._click.formatting import HelpFormatter as _ClickFormatter
else:
    _ClickContext = TyperGroup.context_class
    _ClickFormatter = _ClickContext.formatter_class

COMPLETE_VAR = "_ERREICHBAR_COMPLETE"  # set by the shell when it asks for completions

# What Click and Typer write on a help page themselves, translated as it is written.
CLICK_WORDS = (N_("Usage: "), N_("Arguments"), N_("Options"), N_("Commands"),
               N_("Show this message and exit."),
               N_("Install completion for the current shell."),
               N_("Show completion for the current shell, to copy it or customize the "
                  "installation."))


# Patterns are kept as text (re compiles and caches them on first use): help pages and
# usage errors are rare, and compiling them all would slow every start.
_NOTES = r"(?s)^(?P<help>.*?)\s*\[(?P<notes>[^\[\]]*)\]$"


def _help_entry(text: str) -> str:
    """An option's help and Click's notes after it (`[default: 4; required]`), translated."""
    m = re.match(_NOTES, text)
    if m is None:
        return _(text)
    notes = []
    for note in m["notes"].split("; "):
        key, colon, value = note.partition(": ")
        if key == "default" and colon:
            notes.append(_("default: {default}", default=value))
        else:
            notes.append(_("required") if note == "required" else note)
    shown = f"[{'; '.join(notes)}]"
    return f"{_(m['help'])}  {shown}" if m["help"] else shown


class _HelpFormatter(_ClickFormatter):
    """Click's help page with its own words (headings, notes) in the language of the run."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().write_dl([(term, _help_entry(text)) for term, text in rows], *args, **kwargs)


class _HelpContext(_ClickContext):
    formatter_class = _HelpFormatter

    def get_help(self) -> str:
        # translated only when a help page is shown: a run that shows none (nearly every
        # run) need not read the catalogue at all, which `now --json` never does otherwise
        _translate_help(self.find_root().command)
        return str(super().get_help())


def help_in_the_language_of_the_run(group: Any) -> None:
    """The help of the tool and of each command in the language of this run, when it is
    shown: help pages come from _HelpContext, completions' descriptions right away."""
    for command in _every_command(group):
        command.context_class = _HelpContext
    if os.environ.get(COMPLETE_VAR):
        _translate_help(group)


def _every_command(group: Any) -> list[Any]:
    """GROUP and its commands, and the commands of a group among them (`import osm`)."""
    out = [group]
    for command in group.commands.values():
        out += _every_command(command) if hasattr(command, "commands") else [command]
    return out


def _translate_help(group: Any) -> None:
    """Put the help of the tool and of each command into the language of this run (the
    command objects keep their English, so a second run in another language works too)."""
    for command in _every_command(group):
        english = command.__dict__.setdefault("_english_help", command.help)
        if english:
            command.help = _(english)
    group.help = f"{group.help}\n\n{exit_codes()}" if group.help else exit_codes()


def exit_codes() -> str:
    """The paragraph of the help page that lists every exit code, from `errors.Exit`."""
    return _("Exit codes: {codes}.",
             codes=" · ".join(f"{int(code)} {_(code.meaning)}" for code in Exit))


