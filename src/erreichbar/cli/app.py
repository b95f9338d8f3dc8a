"""The command line: declares the commands, their options and help texts, and nothing else.

Each command hands its arguments to the function of the same name in `controller`, which
loads the data, asks `answers` and picks the view; `runner` runs the commands, shows the
help in the language of the run and turns every way a run can end into one line on stderr
and an exit code. The help texts are English message ids (marked with N_).

`controller` is imported by the command that runs, not here: `--help` and a mistyped
command need no more than this file.

The annotations are objects, not strings (no `from __future__ import annotations`): Typer
reads the signature of the command being run, and each annotation left as a string is
compiled and evaluated there, twice (a twentieth of a cached `now --json`).
"""

from typing import Annotated, Any

import typer
from typer._click.types import StringParamType  # typer carries its own Click (see pyproject)

from erreichbar import __version__
from erreichbar.cli import controller, runner
from erreichbar.cli.runner import Group
from erreichbar.i18n import LANGS, N_

APP_HELP = N_(
    "Which public office in Offenbach am Main can you reach right now, by which channel "
    "(phone, visit, e-mail, online), and when next?\n\n"
    "Examples:\n\n"
    "  erreichbar now\n\n"
    "  erreichbar next leistungssachbearbeitung\n\n"
    "  erreichbar office sozialamt --at 'Fr 14:30'\n\n"
    "  erreichbar check wohngeld --channel phone -q && echo 'call now'"
)  # runner adds the exit codes, from errors.Exit
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
    return controller.complete_name(incomplete)


CHANNELS = ("phone", "visit", "email", "online")
CHANNEL_WORDS = ("telefon", "vorsprache", "e-mail")  # the German words --channel takes too
FORMATS = ("osm", "jsonld", "yaml")


def _complete_channel(incomplete: str) -> list[str]:
    """The channel after the last comma (`phone,vi` -> `phone,visit`), none named twice;
    the German words where no English one fits what is typed."""
    done, comma, word = incomplete.rpartition(",")
    named = {part.strip().lower() for part in done.split(",")}
    fitting = [w for w in CHANNELS if w.startswith(word.lower()) and w not in named] or \
        [w for w in CHANNEL_WORDS if w.startswith(word.lower()) and w not in named]
    return [done + comma + w for w in fitting]


def _complete_lang(incomplete: str) -> list[str]:
    return [lang for lang in LANGS if lang.startswith(incomplete)]


def _complete_format(incomplete: str) -> list[str]:
    return [fmt for fmt in FORMATS if fmt.startswith(incomplete)]


class _FileName(StringParamType):
    """Text naming a file: kept as typed, and completed by the shell as a path."""

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from typer._click.shell_completion import CompletionItem  # start-up: only when a shell asks

        return [CompletionItem(incomplete, type="file")]


FILE = _FileName()


AtOpt = Annotated[str | None, typer.Option(
    "--at", metavar="WHEN",
    help=N_("The time to answer for (default: now), e.g. 2024-03-06T10:30, '6.3.2024 10:30', "
            "'tomorrow 9:00', 'Mo 10:00'. Without an offset: local time of the data."))]
JsonOpt = Annotated[bool, typer.Option("--json", help=N_("Print JSON (a stable contract)."))]
DataOpt = Annotated[list[str] | None, typer.Option(
    "--data", metavar="FILE", click_type=FILE,
    help=N_("Data file to use instead of the bundled data; repeat to layer files "
            "(default: $ERREICHBAR_DATA)."))]
LangOpt = Annotated[str | None, typer.Option(
    "--lang", metavar="de|en", autocompletion=_complete_lang,
    help=N_("Language of the output (default: $ERREICHBAR_LANG, else the config file, "
            "else the locale, else de)."))]
ChannelOpt = Annotated[str | None, typer.Option(
    "--channel", "-c", metavar="KIND", autocompletion=_complete_channel,
    help=N_("phone, visit, email or online (also telefon, vorsprache, e-mail); "
            "comma-separated for several."))]
SvgOpt = Annotated[str | None, typer.Option(
    "--svg", metavar="FILE", click_type=FILE,
    help=N_("Also save the picture as SVG (exactly what the terminal shows)."))]
HtmlOpt = Annotated[str | None, typer.Option(
    "--html", metavar="FILE", click_type=FILE, help=N_("Also save the picture as HTML."))]
NameArg = Annotated[str, typer.Argument(
    metavar="NAME",
    help=N_("An office or unit id, a name, an alias or a service, e.g. wohngeld."),
    autocompletion=_complete_name)]
OptionalNameArg = Annotated[str | None, typer.Argument(
    metavar="[NAME]", help=N_("An office or unit (default: all)."),
    autocompletion=_complete_name)]


def _version(value: bool) -> None:
    if value:
        print(f"erreichbar {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option(
        "--version", help=N_("Show the version and exit."), callback=_version,
        is_eager=True)] = False,
    # the common options, before the command as well as after it (after it wins)
    channel: ChannelOpt = None,
    at: AtOpt = None, as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
) -> None:
    """Which public office can you reach now, by which channel, and when next?"""
    runner.common_options(ctx)


@app.command(help=N_(
    "Every channel that is open or unknown at WHEN (with --all: closed ones too).\n\n"
    "Examples: erreichbar now · erreichbar now --channel phone · erreichbar now --json"))
def now(
    channel: ChannelOpt = None,
    show_all: Annotated[bool, typer.Option("--all", "-a",
                                           help=N_("Also list closed channels."))] = False,
    at: AtOpt = None, as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
) -> None:
    controller.now(channel, show_all, at, as_json, data, lang)


@app.command("next", help=N_(
    "When NAME is next reachable by phone or visit (or by --channel), soonest first.\n\n"
    "Examples: erreichbar next leistungssachbearbeitung · "
    "erreichbar next sozialamt --at 'Sa 10:00'"))
def next_(
    name: NameArg,
    channel: ChannelOpt = None,
    at: AtOpt = None, as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
) -> None:
    controller.next_(name, channel, at, as_json, data, lang)


@app.command(help=N_(
    "Everything known about an office or unit: hours, state, contacts, notes, source.\n\n"
    "Examples: erreichbar office sozialamt · erreichbar office mainarbeit/telefonzentrale"))
def office(
    name: NameArg,
    channel: ChannelOpt = None,
    at: AtOpt = None, as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
    svg: SvgOpt = None, html: HtmlOpt = None,
) -> None:
    controller.office(name, channel, at, as_json, data, lang, svg, html)


@app.command(help=N_(
    "The seven days from WHEN's day at a glance: a row per channel, a column per day.\n\n"
    "Phone and visit unless --channel says otherwise. The picture is drawn in a pipe too "
    "(without colour); --json gives the windows of the week.\n\n"
    "Examples: erreichbar week · erreichbar week mainarbeit --at 2024-03-28 --svg week.svg"))
def week(
    name: OptionalNameArg = None,
    channel: ChannelOpt = None,
    at: AtOpt = None, as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
    svg: SvgOpt = None, html: HtmlOpt = None,
) -> None:
    controller.week(name, channel, at, as_json, data, lang, svg, html)


@app.command(help=N_(
    "For scripts: can NAME be reached at WHEN, by phone or by walking in (or by the channels "
    "of --channel)? Exit 0 if one of them is open; 3 if none is, but one could be (its "
    "hours are unknown then); 1 if none can be: closed, at night, on a holiday, or only by "
    "appointment. E-mail and online forms are always there, so they are no answer to "
    "\"now\" unless --channel names them.\n\n"
    "Examples: erreichbar check sozialamt -c phone -q && echo 'call now' · "
    "erreichbar check sozialamt --at 'So 03:00' (exit 1)"))
def check(
    name: NameArg,
    channel: ChannelOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q",
                                        help=N_("Print nothing; exit code only."))] = False,
    at: AtOpt = None, as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
) -> int:
    return controller.check(name, channel, quiet, at, as_json, data, lang)


OutputOpt = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="FILE", click_type=FILE, help=N_("Write to FILE instead of stdout."))]


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
        help=N_("First day (default: today, or the day of --at)."))] = None,
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=104, metavar="N",
                                       help=N_("How many weeks (1-104)."))] = 4,
    output: OutputOpt = None,
    data: DataOpt = None, lang: LangOpt = None,
) -> None:
    controller.ics(name, channel, start, weeks, output, data, lang)


@app.command(help=N_(
    "The data for others: OpenStreetMap values, schema.org JSON-LD, or normalised YAML.\n\n"
    "Examples: erreichbar export --format osm · erreichbar export sozialamt --format jsonld"))
def export(
    name: OptionalNameArg = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="osm|jsonld|yaml", autocompletion=_complete_format,
        help=N_("osm: an opening_hours value per channel; jsonld: schema.org GovernmentOffice; "
                "yaml: the dataset, normalised."))] = "yaml",
    output: OutputOpt = None,
    at: AtOpt = None, data: DataOpt = None, lang: LangOpt = None,
) -> None:
    controller.export(name, fmt, output, at, data, lang)


@app.command("holidays", help=N_(
    "The public holidays of the data's region that close the offices.\n\n"
    "Example: erreichbar holidays --year 2024"))
def holidays_(
    year: Annotated[int | None, typer.Option(
        "--year", min=1900, max=2999, metavar="YYYY",
        help=N_("The year (default: the year of WHEN)."))] = None,
    at: AtOpt = None, as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
) -> None:
    controller.holidays(year, at, as_json, data, lang)


@app.command("list", help=N_(
    "All offices and units with their ids, names and channels.\n\n"
    "Example: erreichbar list --json"))
def list_(
    as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
) -> None:
    controller.listing(as_json, data, lang)


@app.command(help=N_(
    "Check data files: every mistake as FILE:LINE:COL: error|warning: message, all at "
    "once.\n\n"
    "Exit 0 when there are no errors (with --strict: no warnings either), 4 when there "
    "are.\n\n"
    "With --fix FILE -o OUT: OUT is FILE with every hours value that is read with a "
    "correction written in its standard form, and nothing else changed; FILE itself is "
    "never written.\n\n"
    "Example: erreichbar validate my-offices.yaml"))
def validate(
    files: Annotated[list[str] | None, typer.Argument(
        metavar="[FILE]...", click_type=FILE,
        help=N_("Data files to check (default: the data in use)."))] = None,
    strict: Annotated[bool, typer.Option("--strict", help=N_("Treat warnings as errors."))]
    = False,
    fix: Annotated[bool, typer.Option("--fix", help=N_(
        "Write FILE with the hours values in their standard form to the file -o names "
        "(-o -: stdout)."))] = False,
    output: OutputOpt = None,
    force: Annotated[bool, typer.Option("--force", help=N_(
        "With --fix: write over the file -o names if it exists."))] = False,
    as_json: JsonOpt = False, data: DataOpt = None, lang: LangOpt = None,
) -> int:
    return controller.validate(files, strict, as_json, data, lang, (fix, output, force))


import_app = typer.Typer(
    name="import", help=N_("Make a dataset from foreign data (OpenStreetMap)."),
    no_args_is_help=True, rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(import_app)


# the options both imports share
ImportTagsOpt = Annotated[list[str] | None, typer.Option(
    "--tag", metavar="KEY=VALUE",
    help=N_("Import the objects with this tag (KEY=* for any value); repeat for several. "
            "Default: amenity=townhall, office=government, government=*, "
            "amenity=courthouse."))]
ForceOpt = Annotated[bool, typer.Option(
    "--force", help=N_("Replace the output file if it exists."))]


@import_app.command("osm", help=N_(
    "Offices from OpenStreetMap data as a dataset of this tool: town halls, government "
    "offices and courts (or the objects of --tag), each with its source and the ODbL "
    "credit.\n\n"
    "SOURCE is an .osm.pbf, .osm, .osm.bz2 or .osm.gz file, an Overpass API reply (JSON or "
    "XML), or - for standard input. The dataset goes to SOURCE's name with .yaml (berlin.osm"
    ".pbf -> berlin.yaml) unless -o says otherwise; an existing file is replaced only with "
    "--force.\n\n"
    "Example: erreichbar import osm berlin.osm.pbf -o berlin.yaml && "
    "erreichbar now --data berlin.yaml"))
def import_osm(
    source: Annotated[str, typer.Argument(
        metavar="SOURCE", click_type=FILE,
        help=N_("An OpenStreetMap file, an Overpass reply, or - for standard input."))],
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", click_type=FILE,
        help=N_("Write the dataset to FILE (- for stdout; default: SOURCE's name with "
                ".yaml)."))] = None,
    tags: ImportTagsOpt = None,
    region: Annotated[str | None, typer.Option(
        "--region", metavar="CODE",
        help=N_("Whose public holidays apply, as ISO 3166-2 (DE-BE); default: told by the "
                "data (addr:state, the city, the postcode, a state boundary)."))] = None,
    bbox: Annotated[str | None, typer.Option(
        "--bbox", metavar="S,W,N,E",
        help=N_("Only the objects inside this box (degrees: south, west, north, "
                "east)."))] = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    controller.import_osm(source, output, tags, region, bbox, force, lang)


@import_app.command("overpass", help=N_(
    "Offices in a town from an Overpass API server, as `import osm` makes them of a file: "
    "town halls, government offices and courts (or the objects of --tag) in the "
    "administrative boundary of that name, or in a box.\n\n"
    "The server is --endpoint, else ERREICHBAR_OVERPASS_URL, else "
    "https://overpass-api.de/api/interpreter. The dataset goes to the town's name with "
    ".yaml (offenbach-am-main.yaml) unless -o says otherwise; an existing file is replaced "
    "only with --force. A server that cannot be reached, does not answer in time or "
    "answers with an error: exit 69, nothing written.\n\n"
    "Example: erreichbar import overpass --area \"Offenbach am Main\" && "
    "erreichbar now --data offenbach-am-main.yaml"))
def import_overpass(
    area: Annotated[str | None, typer.Option(
        "--area", metavar="NAME",
        help=N_("The town or district: its name as OpenStreetMap writes it "
                "(an administrative boundary)."))] = None,
    bbox: Annotated[str | None, typer.Option(
        "--bbox", metavar="S,W,N,E",
        help=N_("Instead of --area: the objects inside this box (degrees: south, west, "
                "north, east)."))] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", click_type=FILE,
        help=N_("Write the dataset to FILE (- for stdout; default: the town's name with "
                ".yaml)."))] = None,
    tags: ImportTagsOpt = None,
    region: Annotated[str | None, typer.Option(
        "--region", metavar="CODE",
        help=N_("Whose public holidays apply, as ISO 3166-2 (DE-HE); default: the state "
                "of the town's boundary, else told by the data."))] = None,
    endpoint: Annotated[str | None, typer.Option(
        "--endpoint", metavar="URL",
        help=N_("The Overpass API server's interpreter address (default: "
                "ERREICHBAR_OVERPASS_URL, else the public server)."))] = None,
    timeout: Annotated[int, typer.Option(
        "--timeout", metavar="SECONDS",
        help=N_("How long the server may work on the query and the reply may take "
                "to come."))] = 180,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    controller.import_overpass(area, bbox, output, tags, region, endpoint, timeout, force,
                               lang)


def main() -> None:
    """Console entry point (`erreichbar`, `python -m erreichbar`)."""
    runner.main(app)
