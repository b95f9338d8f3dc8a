"""What each command does, between the command line and the views.

Every command runs the same steps, in this order:

1. check every option it was given (`--lang`, `--channel`, `--at`, `--format`, ...): a
   mistake is said before any data file is read (context.py's Options);
2. load the data once, printing its warnings; for a command about one NAME, the name is
   resolved once, against the name index, and only its office is decoded (context.py);
3. ask one function in `answers` for the result object;
4. hand it to the view for where the output goes: a terminal, a pipe, JSON or a file.

A command returns its exit code (None for 0); errors are raised and `runner` ends the run
with them. `check`'s exit code is decided by answers.questions.check() (CheckAnswer.exit).

Imports inside the functions here are deliberate, each marked `# start-up`: the data, the
language and the views are imported only by the command that needs them, so that the start
of a run stays as small as the command (tests/test_controller.py measures which modules a
run imports, and bench/run.py the time).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from erreichbar.cli.context import context, options
from erreichbar.cli.runner import set_run_language
from erreichbar.errors import Exit, UsageError
from erreichbar.i18n import _, n_


def complete_name(incomplete: str) -> list[str]:
    """The names a shell may complete NAME to."""
    try:
        from erreichbar.answers.lookup import complete  # start-up: only when a shell asks
        from erreichbar.data.loader import data_files, load  # start-up

        ds, _report = load(data_files(None))
        return complete(ds, incomplete)
    except Exception:  # completion must never break the shell
        return []


def write_utf8(chunks: Iterable[bytes]) -> None:
    """Write pieces of UTF-8 (an answer in JSON) and a newline to standard output: as
    bytes where it has them, after what was written to it as text, else as text."""
    out = sys.stdout
    binary = getattr(out, "buffer", None)
    if binary is None:  # a text-only stand-in (a closed stdout, a test's capture)
        for chunk in chunks:
            out.write(chunk.decode("utf-8", "surrogateescape"))
        out.write("\n")
        return
    out.flush()
    for chunk in chunks:
        binary.write(chunk)
        del chunk  # written: let it go before the next piece is made beside it
    binary.write(b"\n")


def now(channel: str | None, show_all: bool, at: str | None, as_json: bool,
        data: list[str] | None, lang: str | None) -> None:
    checked = options(lang, channel, at)
    if as_json:  # a whole country's channels: from the compiled table, not the model
        from erreichbar.answers.now import now_rows  # start-up: the table path only
        from erreichbar.data.kept_parts import with_parts  # start-up
        from erreichbar.render import json_out  # start-up
        from erreichbar.render.now_json import VERSION, now_json_chunks  # start-up

        ctx = context(checked, as_json, data, table=True)
        table, parts = with_parts(ctx.dataset, json_out.channel_parts, VERSION)
        rows = now_rows(table, ctx.cal, ctx.instant, ctx.kinds, show_all)
        write_utf8(now_json_chunks(parts, rows))
        return
    from erreichbar.answers import questions as answers  # start-up

    ctx = context(checked, as_json, data)
    result = answers.now(ctx.dataset, ctx.cal, ctx.instant, ctx.kinds, show_all)
    if ctx.human:
        ctx.view().now(result, ctx.instant, ctx.dataset, show_all)
    else:
        from erreichbar.render import plain  # start-up: a pipe's view only

        _print_lines(plain.now(result))


def next_(name: str, channel: str | None, at: str | None, as_json: bool,
          data: list[str] | None, lang: str | None) -> None:
    from erreichbar.answers import questions as answers  # start-up

    ctx = context(options(lang, channel, at), as_json, data, name)
    target = ctx.target
    result = answers.next_reachable(ctx.dataset, ctx.cal, target, ctx.instant, ctx.kinds)
    if ctx.as_json:
        from erreichbar.render import json_out  # start-up: the JSON view only

        print(json_out.next_(result))
    elif ctx.human:
        ctx.view().next_(result, ctx.instant, target.name,
                         target.office.as_of or ctx.dataset.as_of)
    else:
        from erreichbar.render import plain  # start-up: a pipe's view only

        _print_lines(plain.next_(result))


def office(name: str, channel: str | None, at: str | None, as_json: bool,
           data: list[str] | None, lang: str | None, svg: str | None,
           html: str | None) -> None:
    from erreichbar.answers import questions as answers  # start-up

    ctx = context(options(lang, channel, at), as_json, data, name)
    view = answers.office_view(ctx.dataset, ctx.cal, ctx.target, ctx.instant, ctx.kinds)
    if ctx.as_json:
        from erreichbar.render import json_out  # start-up: the JSON view only

        print(json_out.office(view, ctx.dataset))
    elif ctx.human or svg or html:
        human = ctx.view(record=bool(svg or html))
        human.office(view, ctx.instant, ctx.dataset)
        ctx.save_pictures(human, svg, html, f"erreichbar office {ctx.target.id}")
    else:
        from erreichbar.render import plain  # start-up: a pipe's view only

        _print_lines(plain.office(view))


def week(name: str | None, channel: str | None, at: str | None, as_json: bool,
         data: list[str] | None, lang: str | None, svg: str | None,
         html: str | None) -> None:
    from erreichbar.answers import week as answers_week  # start-up

    ctx = context(options(lang, channel, at), as_json, data, name)
    target = ctx.target
    result = answers_week.week(ctx.dataset, ctx.cal, target, ctx.instant, ctx.kinds)
    if ctx.as_json:
        from erreichbar.render import json_out  # start-up: the JSON view only

        _emit(json_out.week_chunks(result), None, ())  # a country's channels: as they go
        return
    human = ctx.view(record=bool(svg or html))
    human.week(result, target.office.as_of or ctx.dataset.as_of if target
               else ctx.dataset.as_of)
    ctx.save_pictures(human, svg, html,
                      "erreichbar week" + (f" {target.id}" if target else ""))


def check(name: str, channel: str | None, quiet: bool, at: str | None, as_json: bool,
          data: list[str] | None, lang: str | None) -> int:
    """The exit code is CheckAnswer.exit, decided by answers.questions.check()."""
    from erreichbar.answers import questions as answers  # start-up

    ctx = context(options(lang, channel, at), as_json, data, name)
    result = answers.check(ctx.dataset, ctx.cal, ctx.target, ctx.instant, ctx.kinds)
    if not quiet:
        if ctx.as_json:
            from erreichbar.render import json_out  # start-up: the JSON view only

            print(json_out.check(result))
        elif ctx.human:
            ctx.view().check(result, ctx.instant)
        else:
            from erreichbar.render import plain  # start-up: a pipe's view only

            _print_lines(plain.check(result))
    return int(result.exit)


def ics(name: str | None, channel: str | None, start: str | None, weeks: int,
        output: str | None, data: list[str] | None, lang: str | None) -> None:
    from erreichbar.answers import week as answers_week  # start-up
    from erreichbar.render.ics import calendar_chunks  # start-up: icalendar is imported only here

    ctx = context(options(lang, channel, start), False, data, name)
    first = ctx.instant.date()  # WHEN's day, local: that of --from, else today
    result = answers_week.open_windows(ctx.dataset, ctx.cal, ctx.target, first, weeks,
                                       ctx.kinds)
    stamp = datetime.now(tz=UTC)
    words = dict(ctx.dataset.translations) if ctx.lang == "en" else {}
    chunks = calendar_chunks(result, ctx.lang, stamp, ctx.translator(), words)
    _emit((chunk.decode("utf-8") for chunk in chunks), output, ctx.files)


FORMATS = ("osm", "jsonld", "yaml")


def export(name: str | None, fmt: str, output: str | None, at: str | None,
           data: list[str] | None, lang: str | None) -> None:
    checked = options(lang, None, at)
    if fmt not in FORMATS:
        raise UsageError(_("--format {format}: use osm, jsonld or yaml", format=repr(fmt)))
    from erreichbar.render import export as exporters  # start-up

    ctx = context(checked, False, data, name)
    chunks: Iterable[str]
    if fmt == "jsonld":  # (the days that rules by date change, from today on)
        chunks = exporters.jsonld_chunks(ctx.dataset, ctx.target, ctx.cal,
                                         ctx.cal.local(ctx.instant).date())
    elif fmt == "osm":
        chunks = exporters.osm_chunks(ctx.dataset, ctx.target)
    else:
        from erreichbar.render.export_yaml import dataset_yaml_chunks  # start-up

        chunks = dataset_yaml_chunks(ctx.dataset, ctx.target)
    _emit(chunks, output, ctx.files)


def holidays(year: int | None, at: str | None, as_json: bool, data: list[str] | None,
             lang: str | None) -> None:
    ctx = context(options(lang, None, at), as_json, data)
    days = ctx.cal.holidays_in(year or ctx.instant.year)
    if ctx.as_json:
        from erreichbar.render.holidays import as_json as holidays_json  # start-up

        print(holidays_json(days))
    elif ctx.human:
        ctx.view().holidays(days, ctx.dataset.region)
    else:
        from erreichbar.render.holidays import as_lines  # start-up

        _print_lines(as_lines(days))


def listing(as_json: bool, data: list[str] | None, lang: str | None) -> None:
    ctx = context(options(lang), as_json, data)
    if ctx.as_json:
        from erreichbar.render import json_out  # start-up: the JSON view only

        print(json_out.listing(ctx.dataset))
    elif ctx.human:
        ctx.view().listing(ctx.dataset)
    else:
        from erreichbar.render import plain  # start-up: a pipe's view only

        _print_lines(plain.listing(ctx.dataset))


def validate(files: list[str] | None, strict: bool, as_json: bool, data: list[str] | None,
             lang: str | None, fixing: tuple[bool, str | None, bool] = (False, None, False)
             ) -> int:
    """Check data files; with `fixing` (--fix, -o, --force) given, fix() instead."""
    from erreichbar.data.loader import check as check_files  # start-up
    from erreichbar.data.loader import data_files  # start-up
    from erreichbar.render import findings  # start-up

    if any(fixing):
        if strict or as_json or data:
            set_run_language(lang)
            raise UsageError(_("--fix takes FILE, -o and --force only (not --strict, --json "
                               "or --data)"))
        return fix(files, *fixing, lang)
    set_run_language(lang)
    paths = list(files) if files else data_files(data)
    report = check_files(paths)
    failed = bool(report.errors) or (strict and bool(report.warnings))
    if as_json:
        print(findings.as_json(paths, report, ok=not failed))
    else:
        _print_lines(findings.as_lines(report))
        print(findings.summary(report, len(paths)), file=sys.stderr)
    return int(Exit.DATA) if failed else int(Exit.OK)


def import_osm(source: str, output: str | None, tags: list[str] | None, region: str | None,
               bbox: str | None, force: bool, lang: str | None) -> None:
    from erreichbar.cli import importing  # start-up: only `import` needs the importer

    importing.osm(source, output, tags, region, bbox, force, lang)


def fix(files: list[str] | None, fix: bool, output: str | None, force: bool,
        lang: str | None) -> int:
    """`validate --fix FILE -o OUT`: FILE's hours values in their standard form, written
    to OUT (never over FILE, nor over an existing OUT without --force) or to stdout."""
    from erreichbar.data.files import read_bytes  # start-up: only a run with --fix
    from erreichbar.data.fix import fixed  # start-up: only a run with --fix

    set_run_language(lang)
    if not fix:
        raise UsageError(_("-o and --force belong to --fix"))
    if output is None:
        raise UsageError(_("--fix needs -o FILE (or -o - for stdout): the input is never "
                           "written"))
    if not files or len(files) != 1:
        raise UsageError(_("--fix takes one data file"))
    [path] = files
    if output != "-":
        if os.path.exists(output) and os.path.exists(path) \
                and os.path.samefile(output, path):
            raise UsageError(_("{output}: is the input file; --fix never writes over it",
                               output=output))
        if os.path.lexists(output) and not force:
            raise UsageError(_("{output}: exists; use --force to write over it",
                               output=output))
    text, count = fixed(read_bytes(path), path)
    if output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from erreichbar.cli.atomic import write_text  # start-up: only a run with -o

        write_text(output, text, (path,))
    print(n_("{count} hours value written in the standard form",
             "{count} hours values written in the standard form", count, count=count),
          file=sys.stderr)
    return int(Exit.OK)


def import_overpass(area: str | None, bbox: str | None, output: str | None,
                    tags: list[str] | None, region: str | None, endpoint: str | None,
                    timeout: int, force: bool, lang: str | None) -> None:
    from erreichbar.cli import overpass  # start-up: only `import overpass` needs it

    overpass.overpass(area, bbox, output, tags, region, endpoint, timeout, force, lang)


def _emit(chunks: Iterable[str], output: str | None, protected: tuple[str, ...]) -> None:
    """A text made in pieces (a calendar, an export), each written as it is made, so that
    none is ever held whole: to standard output, or atomically to the file -o names. It
    ends with a newline; an empty text prints nothing, and writes a file of one newline."""
    if output and output != "-":  # `-o -` is standard output, as for most tools
        from erreichbar.cli.atomic import write_chunks  # start-up: only a run with -o

        write_chunks(output, _ended(chunks, always=True), protected)
    else:
        for chunk in _ended(chunks, always=False):
            sys.stdout.write(chunk)


def _ended(chunks: Iterable[str], always: bool) -> Iterator[str]:
    """The pieces with a newline after the last, unless it ends with one (or, ALWAYS
    false, there was no text)."""
    last = ""
    for chunk in chunks:
        if chunk:
            last = chunk
            yield chunk
    if (last or always) and not last.endswith("\n"):
        yield "\n"


def _print_lines(text: str) -> None:
    if text:
        print(text)
