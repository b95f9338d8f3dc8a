"""Shell completion: what a shell asks through `_ERREICHBAR_COMPLETE`, answered in both
protocols that exist for a Typer program.

- Typer's, `complete_bash` / `source_bash` (the action first): what `erreichbar
  --install-completion` installs for bash, zsh, fish and PowerShell. It prints values
  only; where it offers none, its scripts let the shell complete a path.
- Click's, `bash_complete` (the shell first), for bash, zsh and fish: what the scripts
  Click writes ask. Each answer carries its kind (`plain,phone`; `file,` for a path, which
  the script completes itself). `bash_source` prints Typer's script.

Typer reads every instruction in its own order, so Click's came out as the shell
"complete" ("Shell complete not supported."); here the order tells which one is meant.
Value completion lives with the options in `cli`; the answer goes out and the run ends.
"""

from __future__ import annotations

import os
import sys
from typing import Any

ACTIONS = ("source", "complete")


def answer(command: Any, ctx_args: Any, prog_name: str, complete_var: str) -> None:
    """Answer the instruction in `complete_var`, if there is one, and end the run."""
    instruction = os.environ.get(complete_var)
    if not instruction:
        return
    first, _, second = instruction.partition("_")
    if first in ACTIONS:  # Typer's order
        action, shell, classes = first, second, _typer_classes()
    else:  # Click's order; its scripts are Typer's, which ask in Typer's order
        action, shell = second, first
        classes = _typer_classes() if action == "source" else _click_classes()
    cls = classes.get(shell)
    if cls is None or action not in ACTIONS:
        print(f"erreichbar: completion instruction {instruction!r} not supported "
              "(use complete_SHELL or SHELL_complete)", file=sys.stderr)
        sys.exit(1)
    comp = cls(command, ctx_args, prog_name, complete_var)
    print(comp.source() if action == "source" else comp.complete())
    sys.exit(0)


def _click_classes() -> dict[str, Any]:
    """Click's answers, as Click 8 words them (Typer's own copy of Click leaves them
    out): `kind,value` lines for bash, `kind`, `value`, `help` lines for zsh,
    `kind,value<TAB>help` for fish; the words come in COMP_WORDS and COMP_CWORD."""
    # start-up: only when a shell asks
    from typer._click.shell_completion import ShellComplete, split_arg_string

    class Bash(ShellComplete):
        name = "bash"
        source_template = ""

        def source_vars(self) -> dict[str, Any]:  # the scripts are Typer's (see answer)
            return {}

        def get_completion_args(self) -> tuple[list[str], str]:
            words = split_arg_string(os.environ.get("COMP_WORDS", ""))
            try:
                current = int(os.environ.get("COMP_CWORD", ""))
            except ValueError:
                current = len(words)
            incomplete = words[current] if 0 <= current < len(words) else ""
            return words[1:current], incomplete

        def format_completion(self, item: Any) -> str:
            return f"{item.type},{item.value}"

    class Zsh(Bash):
        name = "zsh"

        def format_completion(self, item: Any) -> str:
            help_ = item.help or "_"
            # with a help text zsh splits at the first unescaped colon
            value = item.value.replace(":", r"\:") if help_ != "_" else item.value
            return f"{item.type}\n{value}\n{help_}"

    class Fish(Bash):
        name = "fish"

        def get_completion_args(self) -> tuple[list[str], str]:
            # fish hands the whole line in COMP_WORDS and the word being typed in
            # COMP_CWORD
            args = split_arg_string(os.environ.get("COMP_WORDS", ""))[1:]
            incomplete = os.environ.get("COMP_CWORD", "")
            if incomplete:
                incomplete = (split_arg_string(incomplete) or [""])[0]
            if incomplete and args and args[-1] == incomplete:
                args.pop()
            return args, incomplete

        def format_completion(self, item: Any) -> str:
            if item.help:
                return f"{item.type},{item.value}\t{item.help}"
            return f"{item.type},{item.value}"

    return {"bash": Bash, "zsh": Zsh, "fish": Fish}


def _typer_classes() -> dict[str, Any]:
    from typer import _completion_classes as typer_classes  # start-up: only when a shell asks

    def values_only(base: Any) -> Any:
        class ValuesOnly(base):  # type: ignore[misc]  # a Typer class known only at run time
            """Typer prints values without their kind: a path to complete would come out
            as the word typed so far. Offering nothing instead hands the word to the
            shell's own path completion."""

            def get_completions(self, args: list[str], incomplete: str) -> list[Any]:
                return [item for item in super().get_completions(args, incomplete)
                        if item.type == "plain"]

        return ValuesOnly

    powershell = values_only(typer_classes.PowerShellComplete)
    return {"bash": values_only(typer_classes.BashComplete),
            "zsh": values_only(typer_classes.ZshComplete),
            "fish": values_only(typer_classes.FishComplete),
            "powershell": powershell, "pwsh": powershell}
