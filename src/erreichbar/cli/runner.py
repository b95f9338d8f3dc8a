"""How one run of the tool goes, around whatever command it runs: the language of the run
(from --lang on its command line, else the locale, before Click parses anything, since
--help is answered while parsing), Click's help page in that language with the exit codes
of `errors.Exit`, and every way a run can end, in one place (`_ending`): the tool's own
errors, Click's usage errors (2), Ctrl-C (130), a reader that closed the pipe (141), each
as one line on stderr and its exit code. `main` then ends the process once the output is
out.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from erreichbar.cli.help_page import COMPLETE_VAR, help_in_the_language_of_the_run
from erreichbar.errors import DataError, ErreichbarError, Exit, UsageError, escaped
from erreichbar.i18n import LANGS, N_, _, language, locale_language, set_language


def _language_of(args: Sequence[str], settings: Any) -> str:
    """The language of a run: --lang on its command line (before or after the command; the
    last one wins), else ERREICHBAR_LANG, else the config file's, else the locale."""
    lang = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.partition("=")[2]
    if lang in LANGS:
        return str(lang)
    wanted = os.environ.get("ERREICHBAR_LANG", "")
    if wanted in LANGS:
        return wanted
    if settings is not None and settings.lang:
        return str(settings.lang)
    return locale_language()


def _settings() -> Any:
    """The config file's defaults (None where there is no file); a UsageError for a file
    that cannot be used, or an ERREICHBAR_LANG that names no language of the tool."""
    wanted = os.environ.get("ERREICHBAR_LANG", "")
    if wanted and wanted not in LANGS:
        raise UsageError(_("ERREICHBAR_LANG={lang}: use de or en", lang=wanted))
    from erreichbar.paths import config_file  # (a command that loads data needs it anyway)

    if not os.path.lexists(config_file()):
        return None
    from erreichbar.cli.config import load  # only where there is a file: tomllib is not free

    return load()


def set_run_language(lang: str | None) -> str:
    """A command's --lang (checked), else the language the run started with (from
    ERREICHBAR_LANG, the config file or the locale); every message follows it."""
    if lang is not None and lang not in LANGS:
        raise UsageError(_("--lang {lang}: use de or en", lang=repr(lang)))
    chosen = lang or language()
    set_language(chosen)
    return chosen


# The options every command may take before its name as well as after it.
COMMON_OPTIONS = ("--channel", "--at", "--json", "--data", "--lang")


def common_options(ctx: Any) -> None:
    """The common options given before the command become defaults of the command's own,
    so that one given after the command wins; the config file's channels are defaults
    below both. One that the command does not take is Click's own usage error, the same
    as after the command."""
    name = ctx.invoked_subcommand
    command = ctx.command.get_command(ctx, name) if name else None
    if command is None:
        return
    if hasattr(command, "commands"):  # a group (`import`): its commands take them
        _to_group(ctx, name, command)
        return
    own = {opt: param for param in command.params for opt in getattr(param, "opts", ())}
    defaults: dict[str, Any] = {}
    for param in ctx.command.params:
        option = next((o for o in getattr(param, "opts", ()) if o in COMMON_OPTIONS), None)
        source = ctx.get_parameter_source(param.name)
        if option is None or source is None or source.name != "COMMANDLINE":
            continue
        if option not in own:
            from difflib import get_close_matches  # start-up: only for a mistyped option

            from typer._click.exceptions import NoSuchOption  # start-up: only for a mistyped option

            # worded as Click's parser words it after the command, "did you mean" included
            sub = type(ctx)(command, parent=ctx, info_name=name)
            longs = [o for p in command.get_params(sub) for o in p.opts if o.startswith("--")]
            raise NoSuchOption(option, possibilities=get_close_matches(option, longs), ctx=sub)
        defaults[own[option].name] = ctx.params[param.name]
    settings = ctx.obj
    channel = own.get("--channel")
    if settings is not None and settings.channel and channel is not None:
        defaults.setdefault(channel.name, settings.channel)
    if defaults:
        every = dict(ctx.default_map or {})
        every[name] = {**every.get(name, {}), **defaults}
        ctx.default_map = every


def _to_group(ctx: Any, name: str, group: Any) -> None:
    """The common options given before a group of commands (`erreichbar --lang en import
    osm`) become defaults of each of its commands that takes them; one that none of them
    takes is a usage error, as after the command."""
    given = {o: ctx.params[p.name] for p in ctx.command.params for o in getattr(p, "opts", ())
             if o in COMMON_OPTIONS and (src := ctx.get_parameter_source(p.name)) is not None
             and src.name == "COMMANDLINE"}
    if not given:
        return
    every = dict(ctx.default_map or {})
    nested = dict(every.get(name, {}))
    taken: set[str] = set()
    for sub_name, sub in group.commands.items():
        own = {opt: param for param in sub.params for opt in getattr(param, "opts", ())}
        defaults = {own[o].name: v for o, v in given.items() if o in own}
        taken |= {o for o in given if o in own}
        if defaults:
            nested[sub_name] = {**nested.get(sub_name, {}), **defaults}
    for option in given:
        if option not in taken:
            from typer._click.exceptions import NoSuchOption  # start-up: only for a mistyped option

            raise NoSuchOption(option, ctx=type(ctx)(group, parent=ctx, info_name=name))
    every[name] = nested
    ctx.default_map = every


class Group(TyperGroup):
    """The tool's command group: every run in the language it asks for, and every way it
    ends through `_ending`."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        argv = kwargs.get("args", args[0] if args else None)
        previous = language()
        try:
            settings, broken = _settings(), False
        except UsageError:
            settings, broken = None, True  # said once the language of the run is known
        set_language(_language_of(sys.argv[1:] if argv is None else list(argv), settings))
        help_in_the_language_of_the_run(self)
        try:
            return self._main(*args, standalone_mode=standalone_mode, obj=settings,
                              broken=broken, **kwargs)
        finally:
            set_language(previous)  # the language belongs to the run, not to the process

    def _main(self, *args: Any, standalone_mode: bool = True, broken: bool = False,
              **kwargs: Any) -> Any:
        try:
            if broken and not os.environ.get(COMPLETE_VAR):  # completion never fails
                _settings()  # raises what is wrong, in the language of the run
            # (ARGS never holds standalone_mode: main() above took it as a keyword)
            rv = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
            code = rv if isinstance(rv, int) else int(Exit.OK)
        except (Exception, KeyboardInterrupt) as exc:
            code = int(_ending(exc.ending if isinstance(exc, _Carried) else exc))
        if standalone_mode:
            sys.exit(code)
        return code

    def _main_shell_completion(self, ctx_args: Any, prog_name: str,
                               complete_var: str | None = None) -> None:
        """A shell asking for completions: answered in Typer's protocol and in Click's."""
        complete_var = complete_var or COMPLETE_VAR
        if os.environ.get(complete_var):  # (every run passes here: import only when asked)
            from erreichbar.cli.completion import answer  # start-up: only when a shell asks

            answer(self, ctx_args, prog_name, complete_var)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        """Parse the command line: `--help` and `--version` are answered here, before any
        command runs, and a reader gone while they are written is carried as in `invoke`."""
        try:
            return super().make_context(*args, **kwargs)
        except OSError as exc:
            _carry(exc)
            raise

    def invoke(self, ctx: Any) -> Any:
        """Run the command. Click would make a closed pipe exit 1 and Ctrl-C its own Abort,
        so both are carried past it, unchanged, to `_ending`."""
        try:
            return super().invoke(ctx)
        except (OSError, KeyboardInterrupt) as exc:
            _carry(exc)
            raise


def _carry(exc: BaseException) -> None:
    """Raise EXC carried past Click's own handling when it is one that `_ending` must see
    unchanged: a reader gone away, or Ctrl-C. Any other error returns, to be raised as is."""
    if isinstance(exc, KeyboardInterrupt) or reader_gone(exc):
        raise _Carried(exc) from exc


class _Carried(Exception):
    """An ending that must pass Click's own handling untouched."""

    def __init__(self, ending: BaseException) -> None:
        super().__init__(ending)
        self.ending = ending


SHOWN_ERRORS = 10  # a data file's errors printed by a command; validate lists them all


def _ending(exc: BaseException) -> Exit:
    """How a run that raised EXC ends: one line on stderr (none for a closed pipe; the
    first few for a data file's errors) and the exit code. An exception that is no ending
    the tool knows is a bug, raised again: its traceback is worth more than a tidy line."""
    if reader_gone(exc):
        # Python would complain when flushing into the closed pipe at exit; point stdout
        # at /dev/null and end as a program stopped by SIGPIPE is reported (the signal
        # itself is never relied on: Windows has none).
        from erreichbar.cli.streams import silence_stdout  # start-up: only when the reader has gone

        silence_stdout()
        return Exit.BROKEN_PIPE
    if isinstance(exc, KeyboardInterrupt | typer.Abort):
        print(file=sys.stderr)  # the shell's prompt starts on a line of its own
        return Exit.INTERRUPTED
    if isinstance(exc, OSError) and exc.errno in _OUTPUT_ERRORS:
        # stdout is full or broken (`> /dev/full`, a device error): what is still buffered
        # cannot go out either, and must not fail again when the run ends
        from erreichbar.cli.streams import silence_stdout  # start-up: only when the reader has gone

        silence_stdout()
        _say(_("cannot write the answer: {reason}", reason=exc.strerror or exc))
        return Exit.OUTPUT
    if isinstance(exc, ErreichbarError):
        _say_errors(exc.lines() if isinstance(exc, DataError) else [str(exc)])
        return exc.exit_code
    message = getattr(exc, "format_message", None)  # Click's usage errors
    if message is None:
        raise exc
    if type(exc).__name__ == "NoArgsIsHelpError":  # the help itself, unprefixed
        print(message(), file=sys.stderr)
        return Exit.USAGE
    ctx = getattr(exc, "ctx", None)
    line = _click_message(message())
    if ctx is not None:
        line += " " + _("(see '{command} -h')", command=ctx.command_path)
    _say(line)
    return Exit.USAGE


def _say(line: str) -> None:
    """One line of an ending on stderr. Every such line passes here, once: the paths and
    values it quotes (a --data path, a NAME, a data file's text) show their control
    characters as escapes, so none reaches the terminal as a control sequence."""
    print(f"erreichbar: {escaped(line)}", file=sys.stderr)


def _say_errors(lines: list[str]) -> None:
    """A data file's errors: the first few, as for its warnings (cli/context.py), then how
    many more there are; a hostile file must not bury the terminal under a million lines."""
    shown = lines if len(lines) <= SHOWN_ERRORS + 1 else lines[:SHOWN_ERRORS]
    for line in shown:
        _say(line)
    if len(lines) > len(shown):
        print(_("erreichbar: {count} more errors; erreichbar validate lists them all",
                count=len(lines) - len(shown)), file=sys.stderr)


def reader_gone(exc: BaseException) -> bool:
    """The reader of standard output went away: EPIPE where there are pipes as POSIX has
    them; on Windows a write into a pipe whose reader is gone fails with EINVAL instead.
    (The data and output files turn their own errors into lines before they get here.)"""
    if isinstance(exc, BrokenPipeError):
        return True
    return isinstance(exc, OSError) and (exc.errno == errno.EPIPE or (
        sys.platform == "win32" and exc.errno == errno.EINVAL))


# What writing the answer can fail with, beyond a closed pipe: a full disk or quota, a file
# too big, a device error, a descriptor that is not open for writing.
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF}


# Click's usage errors come in English; the common ones are said in the user's language.
_CLICK_MESSAGES = [
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (r"Missing argument '(?P<name>[^']+)'\.", N_("Missing argument '{name}'.")),
    (r"Missing option '(?P<name>[^']+)'\.", N_("Missing option '{name}'.")),
    (r"No such command '(?P<name>[^']+)'\.", N_("No such command '{name}'.")),
    (r"^Missing command\.", N_("Missing command.")),  # options before no command
    (r"Did you mean '?(?P<name>[^'?]+)'?\?", N_("Did you mean {name}?")),
    (r"\(Possible options: (?P<name>[^)]+)\)", N_("(Possible options: {name})")),
    (r"Option '(?P<name>[^']+)' requires an argument\.",
     N_("Option '{name}' requires an argument.")),
    (r"Invalid value for '(?P<name>[^']+)':", N_("Invalid value for '{name}':")),
    (r"(?P<value>\S+) is not in the range (?P<name>\S+)\.",
     N_("{value} is not in the range {name}.")),
    (r"(?P<value>'[^']*') is not a valid integer\.",
     N_("{value} is not a valid integer.")),
    (r"Got unexpected extra argument(?:s|\(s\))? \((?P<name>[^)]*)\)",
     N_("Got unexpected extra arguments ({name})")),
]


def _click_message(text: str) -> str:
    for pattern, msgid in _CLICK_MESSAGES:
        text = re.sub(pattern, _translated(msgid), text)
    return text


def _translated(msgid: str) -> Callable[[re.Match[str]], str]:
    """The replacement of a Click message by ours, with the values Click named."""
    return lambda m: _(msgid, **m.groupdict())


def main(app: typer.Typer) -> None:
    """Run APP for the command line of this process, then end the process."""
    # A run is short, and what it builds (up to a few million objects for a country-sized
    # dataset) lives until it ends: the cyclic collector would walk all of it again and
    # again, for a third of a big `now`, and find nothing, since the model, the results
    # and the YAML node trees hold no reference cycles. Reference counting still frees
    # everything else as it goes.
    gc.disable()
    if not (_utf8(sys.stdout) and _utf8(sys.stderr)):  # closed, or another encoding
        # start-up: only for a closed or non-UTF-8 stream
        from erreichbar.cli.streams import prepare_streams

        prepare_streams(sys.argv[1:])
    everything = app.registered_commands
    wanted = _command_named(app, sys.argv[1:])
    if wanted is not None:
        # Click needs only the command being run; turning the other nine into Click
        # commands is a tenth of a cached run. The help page, a mistyped command and
        # shell completion still see them all.
        app.registered_commands = [wanted]
    try:
        app()  # Group.main ends every run with sys.exit(code)
        code: int = int(Exit.OK)
    except SystemExit as end:
        code = end.code if isinstance(end.code, int) else 0 if end.code is None else 1
        if not isinstance(end.code, int | None):
            print(escaped(str(end.code)), file=sys.stderr)
    finally:
        app.registered_commands = everything
    _leave(code)


def _utf8(stream: Any) -> bool:
    encoding = getattr(stream, "encoding", None) or ""
    return encoding.lower().replace("-", "").replace("_", "") == "utf8"


def _leave(code: int) -> None:
    """End the process once its output is out, without tearing the interpreter down:
    freeing every module and object one by one is a tenth of a start-up (more after a big
    dataset) and does nothing for a finished command. Files it wrote are closed by then."""
    try:
        sys.stdout.flush()
    except OSError as exc:  # the reader went away, or the disk filled, at the last output
        code = int(_ending(exc)) if reader_gone(exc) or exc.errno in _OUTPUT_ERRORS \
            else code
    except (ValueError, AttributeError):
        pass
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(code)


def _command_named(app: typer.Typer, args: list[str]) -> Any:
    """The registered command that `args` run, if it is one (the root takes no values)."""
    if os.environ.get(COMPLETE_VAR):
        return None
    word = None
    takes_value = False
    for arg in args:  # the first word that is no option and no value of one
        if takes_value:
            takes_value = False
        elif arg in ("--channel", "-c", "--at", "--data", "--lang"):
            takes_value = True
        elif not arg.startswith("-"):
            word = arg
            break
    for info in app.registered_commands:
        if info.callback is None:  # (every command of the tool has one)
            continue
        name = info.name or typer.main.get_command_name(info.callback.__name__)
        if name == word:
            return info
    return None
