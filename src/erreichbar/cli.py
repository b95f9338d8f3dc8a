"""The command line: declares the commands and wires their options to the modules.

No logic lives here that a test would want to reach without a terminal: each command
loads the data, asks one function in `answers`, and hands the result to a view.
Errors of the tool's own hierarchy become one line on stderr and their exit code.

The help texts are English message ids (marked with N_); runner.py shows them in the
language of the run and turns every way a run can end into one line and an exit code.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from . import __version__
from .errors import ErreichbarError, Exit, UsageError
from .i18n import N_, _
from .runner import Group, set_run_language, silence_stdout

SHOWN_WARNINGS = 10  # warnings printed by a command that loads data; validate shows all

APP_HELP = N_(
    "Which public office in Offenbach am Main can you reach right now, by which channel "
    "(phone, visit, e-mail, online), and when next?\n\n"
    "Examples:\n\n"
    "  erreichbar now\n\n"
    "  erreichbar next leistungssachbearbeitung\n\n"
    "  erreichbar office sozialamt --at 'Fr 14:30'\n\n"
    "  erreichbar check wohngeld --channel phone -q && echo 'call now'\n\n"
    "Exit codes: 0 ok (check: open) · 1 check: closed · 2 usage error (bad option, unknown or "
    "ambiguous NAME, WHEN not understood) · 3 check: unknown · 4 data file missing or invalid."
)
app = typer.Typer(
    name="erreichbar",
    cls=Group,
    help=APP_HELP,
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _complete_name(incomplete: str) -> list[str]:
    try:
        from .dataset import data_files, load
        from .lookup import candidates

        ds, _ = load(data_files(None))
        return [c for c in candidates(ds) if c.startswith(incomplete.lower())]
    except Exception:  # completion must never break the shell
        return []


AtOpt = Annotated[str | None, typer.Option(
    "--at", metavar="WHEN",
    help=N_("The time to answer for (default: now), e.g. 2024-03-06T10:30, '6.3.2024 10:30', "
            "'tomorrow 9:00', 'Mo 10:00'. Without an offset: local time of the data."))]
JsonOpt = Annotated[bool, typer.Option("--json", help=N_("Print JSON (a stable contract)."))]
DataOpt = Annotated[list[str] | None, typer.Option(
    "--data", metavar="FILE",
    help=N_("Data file to use instead of the bundled data; repeat to layer files "
            "(default: $ERREICHBAR_DATA)."))]
LangOpt = Annotated[str | None, typer.Option(
    "--lang", metavar="de|en",
    help=N_("Language of the output (default: from the locale, else de)."))]
ChannelOpt = Annotated[str | None, typer.Option(
    "--channel", "-c", metavar="KIND",
    help=N_("phone, visit, email or online (also telefon, vorsprache, e-mail); "
            "comma-separated for several."))]
SvgOpt = Annotated[str | None, typer.Option(
    "--svg", metavar="FILE",
    help=N_("Also save the picture as SVG (exactly what the terminal shows)."))]
HtmlOpt = Annotated[str | None, typer.Option(
    "--html", metavar="FILE", help=N_("Also save the picture as HTML."))]
NameArg = Annotated[str, typer.Argument(
    metavar="NAME",
    help=N_("An office or unit id, a name, an alias or a service, e.g. wohngeld."),
    autocompletion=_complete_name)]
OptionalNameArg = Annotated[str | None, typer.Argument(
    metavar="[NAME]", help=N_("An office or unit (default: all)."),
    autocompletion=_complete_name)]


@dataclass
class Context:
    """Everything a command needs besides its own arguments, resolved once."""

    dataset: Any  # the model, or for `now --json` the NowTable
    cal: Any
    instant: datetime
    lang: str
    as_json: bool
    human: bool

    def translator(self) -> Callable[..., str]:
        from .i18n import translator

        return translator(self.lang)

    def view(self, record: bool = False) -> Any:
        from rich.console import Console

        from .render.human import HumanView

        console = Console(file=sys.stdout, highlight=False, emoji=False, record=record,
                          force_terminal=True if os.environ.get("FORCE_COLOR") else None)
        return HumanView(console, self.lang, self.translator())

    def save_pictures(self, view: Any, svg: str | None, html: str | None, title: str) -> None:
        """Save what the terminal showed, for printing or a notice board."""
        from .atomic import write_text

        if svg:
            write_text(svg, view.console.export_svg(title=title, clear=False),
                       self.dataset.files)
        if html:
            write_text(html, view.console.export_html(clear=False), self.dataset.files)


def _human_output() -> bool:
    """A terminal gets the drawn view; a pipe gets plain lines (FORCE_COLOR draws anyway)."""
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _context(at: str | None, as_json: bool, data: list[str] | None, lang: str | None,
             name: str | None = None, table: bool = False) -> Context:
    """The data (for a command about one NAME, as little as answers it; with `table`, the
    `now` table instead of the model), the calendar and the instant asked about."""
    from .calendar import Calendar
    from .dataset import data_files, load, load_table
    from .holiday_tables import cached

    chosen = set_run_language(lang)
    if table:
        dataset, report = load_table(data_files(data))
    else:
        dataset, report = load(data_files(data), select=_only(name) if name else None)
    # A few warnings help; thousands (a big dataset) would bury the answer: the rest are
    # counted, and `validate` lists them all.
    shown = report.warnings if len(report.warnings) <= SHOWN_WARNINGS + 1 else \
        report.warnings[:SHOWN_WARNINGS]
    for finding in shown:
        print(str(finding), file=sys.stderr)
    hidden = len(report.warnings) - len(shown)
    if hidden:
        print(_("erreichbar: {count} more warnings; erreichbar validate lists them all",
                count=hidden), file=sys.stderr)
    # --json is a contract: holiday names in it stay the region's own, whatever the language
    cal = Calendar(dataset.timezone, dataset.region, "de" if as_json else chosen, cached)
    now = datetime.now(tz=UTC).astimezone(cal.tz)
    if at is None:
        instant = now
    else:
        from .when import parse_when

        instant = parse_when(at, now, cal.tz)
    return Context(dataset, cal, cal.local(instant), chosen, as_json, _human_output())


def _only(name: str) -> Callable[[Any], set[str]]:
    """For a command about one NAME: a cached dataset need decode only its office (the
    name index says which; a NAME that matches nothing fails here as it would later)."""

    def select(index: Any) -> set[str]:
        from .lookup import resolve

        return {resolve(index, name)[0]}

    return select


def _kinds(channel: str | None) -> tuple[str, ...] | None:
    if channel is None:
        return None
    from .lookup import channel_kind

    return tuple(channel_kind(part) for part in channel.split(",") if part.strip())


def _run(fn: Callable[[], int | None]) -> None:
    """Run a command body; the tool's own errors become one line on stderr and an exit code."""
    try:
        code = fn()
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(141) from None
    except ErreichbarError as exc:
        lines = exc.lines() if hasattr(exc, "lines") else [str(exc)]
        for line in lines:
            print(f"erreichbar: {line}", file=sys.stderr)
        raise typer.Exit(int(exc.exit_code)) from None
    if code:
        raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        print(f"erreichbar {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option(
        "--version", help=N_("Show the version and exit."), callback=_version,
        is_eager=True)] = False,
) -> None:
    """Which public office can you reach now, by which channel, and when next?"""


@app.command(help=N_(
    "Every channel that is open or unknown at WHEN (with --all: closed ones too).\n\n"
    "Examples: erreichbar now · erreichbar now --channel phone · erreichbar now --json"))
def now(
    channel: ChannelOpt = None,
    show_all: Annotated[bool, typer.Option("--all", "-a",
                                           help=N_("Also list closed channels."))] = False,
    at: AtOpt = None, as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
) -> None:

    def body() -> None:
        from . import answers

        if as_json:  # a whole country's channels: from the compiled table, not the model
            from .render.now_json import now_json

            ctx = _context(at, as_json, data, lang, table=True)
            print(now_json(ctx.dataset, ctx.cal, ctx.instant, _kinds(channel), show_all))
            return
        ctx = _context(at, as_json, data, lang)
        result = answers.now(ctx.dataset, ctx.cal, ctx.instant, _kinds(channel), show_all)
        if ctx.human:
            ctx.view().now(result, ctx.instant, ctx.dataset, show_all)
        else:
            from .render import plain

            _print_lines(plain.now(result))

    _run(body)


@app.command("next", help=N_(
    "When NAME is next reachable by phone or visit (or by --channel), soonest first.\n\n"
    "Examples: erreichbar next leistungssachbearbeitung · "
    "erreichbar next sozialamt --at 'Sa 10:00'"))
def next_(
    name: NameArg,
    channel: ChannelOpt = None,
    at: AtOpt = None, as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
) -> None:

    def body() -> None:
        from . import answers
        from .lookup import find

        ctx = _context(at, as_json, data, lang, name)
        target = find(ctx.dataset, name)
        result = answers.next_reachable(ctx.dataset, ctx.cal, target, ctx.instant,
                                        _kinds(channel))
        if ctx.as_json:
            from .render import json_out

            print(json_out.next_(result))
        elif ctx.human:
            ctx.view().next_(result, ctx.instant, target.name,
                             target.office.as_of or ctx.dataset.as_of)
        else:
            from .render import plain

            _print_lines(plain.next_(result))

    _run(body)


@app.command(help=N_(
    "Everything known about an office or unit: hours, state, contacts, notes, source.\n\n"
    "Examples: erreichbar office sozialamt · erreichbar office mainarbeit/telefonzentrale"))
def office(
    name: NameArg,
    channel: ChannelOpt = None,
    at: AtOpt = None, as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
    svg: SvgOpt = None, html: HtmlOpt = None,
) -> None:

    def body() -> None:
        from . import answers
        from .lookup import find

        ctx = _context(at, as_json, data, lang, name)
        target = find(ctx.dataset, name)
        view = answers.office_view(ctx.dataset, ctx.cal, target, ctx.instant, _kinds(channel))
        if ctx.as_json:
            from .render import json_out

            print(json_out.office(view, ctx.dataset))
        elif ctx.human or svg or html:
            human = ctx.view(record=bool(svg or html))
            human.office(view, ctx.instant, ctx.dataset)
            ctx.save_pictures(human, svg, html, f"erreichbar office {target.id}")
        else:
            from .render import plain

            _print_lines(plain.office(view))

    _run(body)


@app.command(help=N_(
    "The week containing WHEN at a glance: a row per channel, a column per day.\n\n"
    "Phone and visit unless --channel says otherwise. The picture is drawn in a pipe too "
    "(without colour); --json gives the windows of the week.\n\n"
    "Examples: erreichbar week · erreichbar week mainarbeit --at 2024-03-28 --svg week.svg"))
def week(
    name: OptionalNameArg = None,
    channel: ChannelOpt = None,
    at: AtOpt = None, as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
    svg: SvgOpt = None, html: HtmlOpt = None,
) -> None:

    def body() -> None:
        from . import answers_week
        from .lookup import find

        ctx = _context(at, as_json, data, lang, name)
        target = find(ctx.dataset, name) if name else None
        result = answers_week.week(ctx.dataset, ctx.cal, target, ctx.instant, _kinds(channel))
        if ctx.as_json:
            from .render import json_out

            print(json_out.week(result))
            return
        human = ctx.view(record=bool(svg or html))
        human.week(result, target.office.as_of or ctx.dataset.as_of if target
                   else ctx.dataset.as_of)
        ctx.save_pictures(human, svg, html, "erreichbar week" + (f" {target.id}" if target
                                                                   else ""))

    _run(body)


@app.command(help=N_(
    "For scripts: exit 0 if NAME is open at WHEN (phone or visit unless --channel), "
    "3 if not open but unknown, 1 if closed.\n\n"
    "Example: erreichbar check sozialamt -c phone -q && echo 'call now'"))
def check(
    name: NameArg,
    channel: ChannelOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q",
                                        help=N_("Print nothing; exit code only."))] = False,
    at: AtOpt = None, as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
) -> None:

    def body() -> int:
        from . import answers
        from .lookup import find

        ctx = _context(at, as_json, data, lang, name)
        target = find(ctx.dataset, name)
        result = answers.check(ctx.dataset, ctx.cal, target, ctx.instant, _kinds(channel))
        if not quiet:
            if ctx.as_json:
                from .render import json_out

                print(json_out.check(result))
            elif ctx.human:
                ctx.view().check(result, ctx.instant)
            else:
                from .render import plain

                _print_lines(plain.check(result))
        return int(result.exit)

    _run(body)


OutputOpt = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="FILE", help=N_("Write to FILE instead of stdout."))]


@app.command(help=N_(
    "The open windows as an iCalendar file (RFC 5545), one event per window.\n\n"
    "Phone and visit unless --channel says otherwise; holidays and validity dates are "
    "left out exactly as the engine leaves them out.\n\n"
    "Example: erreichbar ics leistungssachbearbeitung --weeks 8 -o phone.ics"))
def ics(
    name: OptionalNameArg = None,
    channel: ChannelOpt = None,
    start: Annotated[str | None, typer.Option(
        "--from", metavar="DATE",
        help=N_("First day (default: the Monday of this week)."))] = None,
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=104, metavar="N",
                                       help=N_("How many weeks (1-104)."))] = 4,
    output: OutputOpt = None,
    data: DataOpt = None, lang: LangOpt = None,
) -> None:

    def body() -> None:
        from datetime import timedelta

        from . import answers_week
        from .lookup import find
        from .render.ics import calendar

        ctx = _context(start, False, data, lang)
        target = find(ctx.dataset, name) if name else None
        first = ctx.instant.date()
        if start is None:
            first -= timedelta(days=first.weekday())
        result = answers_week.open_windows(ctx.dataset, ctx.cal, target, first, weeks,
                                      _kinds(channel))
        stamp = datetime.now(tz=UTC)
        text = calendar(result, ctx.lang, stamp, ctx.translator()).decode("utf-8")
        _emit(text, output, ctx.dataset.files)

    _run(body)


@app.command(help=N_(
    "The data for others: OpenStreetMap values, schema.org JSON-LD, or normalised YAML.\n\n"
    "Examples: erreichbar export --format osm · erreichbar export sozialamt --format jsonld"))
def export(
    name: OptionalNameArg = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="osm|jsonld|yaml",
        help=N_("osm: an opening_hours value per channel; jsonld: schema.org GovernmentOffice; "
                "yaml: the dataset, normalised."))] = "yaml",
    output: OutputOpt = None,
    data: DataOpt = None, lang: LangOpt = None,
) -> None:

    def body() -> None:
        from .lookup import find
        from .render import export as exporters

        formats = {"osm": exporters.osm, "jsonld": exporters.jsonld,
                   "yaml": exporters.dataset_yaml}
        if fmt not in formats:
            set_run_language(lang)
            raise UsageError(_("--format {format}: use osm, jsonld or yaml", format=repr(fmt)))
        ctx = _context(None, False, data, lang)
        target = find(ctx.dataset, name) if name else None
        _emit(formats[fmt](ctx.dataset, target), output, ctx.dataset.files)

    _run(body)


@app.command("holidays", help=N_(
    "The public holidays of the data's region that close the offices.\n\n"
    "Example: erreichbar holidays --year 2024"))
def holidays_(
    year: Annotated[int | None, typer.Option(
        "--year", min=1900, max=2999, metavar="YYYY",
        help=N_("The year (default: the year of WHEN)."))] = None,
    at: AtOpt = None, as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
) -> None:

    def body() -> None:
        ctx = _context(at, as_json, data, lang)
        days = ctx.cal.holidays_in(year or ctx.instant.year)
        if ctx.as_json:
            import json

            print(json.dumps([{"date": d.isoformat(), "name": n, "weekday": d.isoweekday()}
                              for d, n in sorted(days.items())], ensure_ascii=False, indent=2))
        elif ctx.human:
            ctx.view().holidays(days, ctx.dataset.region)
        else:
            _print_lines("\n".join(f"{d.isoformat()}\t{n}" for d, n in sorted(days.items())))

    _run(body)


def _emit(text: str, output: str | None, protected: tuple[str, ...]) -> None:
    if output:
        from .atomic import write_text

        write_text(output, text if text.endswith("\n") else text + "\n", protected)
    else:
        _print_lines(text.rstrip("\n"))


@app.command("list", help=N_(
    "All offices and units with their ids, names and channels.\n\n"
    "Example: erreichbar list --json"))
def list_(
    as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
) -> None:

    def body() -> None:
        ctx = _context(None, as_json, data, lang)
        if ctx.as_json:
            from .render import json_out

            print(json_out.listing(ctx.dataset))
        elif ctx.human:
            ctx.view().listing(ctx.dataset)
        else:
            from .render import plain

            _print_lines(plain.listing(ctx.dataset))

    _run(body)


@app.command(help=N_(
    "Check data files: every mistake as FILE:LINE:COL: error|warning: message, all at "
    "once.\n\n"
    "Exit 0 when there are no errors (with --strict: no warnings either), 4 when there "
    "are.\n\n"
    "Example: erreichbar validate my-offices.yaml"))
def validate(
    files: Annotated[list[str] | None, typer.Argument(
        metavar="[FILE]...",
        help=N_("Data files to check (default: the data in use)."))] = None,
    strict: Annotated[bool, typer.Option("--strict", help=N_("Treat warnings as errors."))]
    = False,
    as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
) -> None:

    def body() -> int:
        from .dataset import check as check_files
        from .dataset import data_files

        set_run_language(lang)
        paths = list(files) if files else data_files(data)
        report = check_files(paths)
        failed = bool(report.errors) or (strict and bool(report.warnings))
        if as_json:
            import json

            print(json.dumps({
                "files": paths,
                "ok": not failed,
                "errors": len(report.errors),
                "warnings": len(report.warnings),
                "findings": [{"file": f.file, "line": f.line, "column": f.column,
                              "severity": f.severity, "message": f.message}
                             for f in report.findings],
            }, ensure_ascii=False, indent=2))
        else:
            from .render.text import safe

            for finding in report.findings:
                print(safe(str(finding)))
            print(_("{errors} error(s), {warnings} warning(s) in {files} file(s)",
                    errors=len(report.errors), warnings=len(report.warnings),
                    files=len(paths)), file=sys.stderr)
        return int(Exit.DATA) if failed else 0

    _run(body)


def _print_lines(text: str) -> None:
    if text:
        print(text)


def main() -> None:
    """Console entry point (`erreichbar`, `python -m erreichbar`)."""
    # A run is short, and what it builds (up to a few million objects for a country-sized
    # dataset) lives until it ends: the cyclic collector would walk all of it again and
    # again, for a third of a big `now`, and find nothing, since the model, the results
    # and the YAML node trees hold no reference cycles. Reference counting still frees
    # everything else as it goes.
    gc.disable()
    everything = app.registered_commands
    wanted = _command_named(sys.argv[1:])
    if wanted is not None:
        # Click needs only the command being run; turning the other nine into Click
        # commands is a tenth of a cached run. The help page, a mistyped command and
        # shell completion still see them all.
        app.registered_commands = [wanted]
    try:
        app()
        code: int = 0
    except SystemExit as end:
        code = end.code if isinstance(end.code, int) else 0 if end.code is None else 1
        if not isinstance(end.code, int | None):
            print(end.code, file=sys.stderr)
    finally:
        app.registered_commands = everything
    _leave(code)


def _leave(code: int) -> None:
    """End the process once its output is out, without tearing the interpreter down:
    freeing every module and object one by one is a tenth of a start-up (more after a big
    dataset) and does nothing for a finished command. Files it wrote are closed by then."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = 141  # the reader went away before the last of the output
    except (OSError, ValueError):
        pass
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def _command_named(args: list[str]) -> Any:
    """The registered command that `args` run, if it is one (the root takes no values)."""
    if os.environ.get("_ERREICHBAR_COMPLETE"):
        return None
    word = next((a for a in args if not a.startswith("-")), None)
    for info in app.registered_commands:
        name = info.name or typer.main.get_command_name(info.callback.__name__)
        if name == word:
            return info
    return None
