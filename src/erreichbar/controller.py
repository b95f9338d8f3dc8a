"""What each command does, between the command line and the views: it loads the data
(printing its warnings), builds the calendar, reads WHEN, asks one function in `answers`
and hands the result to the renderer for where the output goes: a terminal, a pipe, JSON
or a file.

A command returns its exit code (None for 0); errors are raised and `runner` ends the run
with them. The data and the engine are imported only by the command that needs them, so
that the start of a run stays as small as the command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .errors import Exit, UsageError
from .i18n import _
from .runner import set_run_language

SHOWN_WARNINGS = 10  # warnings printed by a command that loads data; validate shows all


@dataclass
class Context:
    """Everything a command needs besides its own arguments, resolved once."""

    dataset: Any  # the model, or for `now --json` the NowTable
    cal: Any
    instant: datetime
    lang: str
    as_json: bool
    human: bool
    # the data files of this run as given (relative to this working directory): what an
    # output file must never replace, whichever run filled the cache
    files: tuple[str, ...] = ()

    def translator(self) -> Callable[..., str]:
        from .i18n import translator

        return translator(self.lang)

    def view(self, record: bool = False) -> Any:
        """The terminal view, drawing with escape codes, or with rich (on Windows, and
        with RECORD: for a picture of it; see render/terminal.py)."""
        from .render.human import HumanView
        from .render.terminal import open_terminal

        return HumanView(open_terminal(record), self.lang, self.translator())

    def save_pictures(self, view: Any, svg: str | None, html: str | None, title: str) -> None:
        """Save what the terminal showed, for printing or a notice board."""
        from .atomic import write_text

        if svg:
            write_text(svg, view.out.console.export_svg(title=title, clear=False), self.files)
        if html:
            write_text(html, view.out.console.export_html(clear=False), self.files)


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
    files = data_files(data)
    if table:
        dataset, report = load_table(files)
    else:
        dataset, report = load(files, select=_only(name) if name else None)
    # A few warnings help; thousands (a big dataset) would bury the answer: the rest are
    # counted, and `validate` lists them all.
    total = len(report.warnings) + report.unlisted
    shown = report.warnings if total <= SHOWN_WARNINGS + 1 else \
        report.warnings[:SHOWN_WARNINGS]
    for finding in shown:
        print(str(finding), file=sys.stderr)
    hidden = total - len(shown)
    if hidden:
        print(_("erreichbar: {count} more warnings; erreichbar validate lists them all",
                count=hidden), file=sys.stderr)
    # --json is a contract: holiday names in it stay the region's own, whatever the language
    # ERREICHBAR_NO_CACHE: nothing is read from or written to the cache folder, holiday
    # tables included (they are computed, as a calendar does by default)
    tables = {} if os.environ.get("ERREICHBAR_NO_CACHE") else {"tables": cached}
    cal = Calendar(dataset.timezone, dataset.region, "de" if as_json else chosen, **tables,
                   school=dataset.school_holidays)
    present = datetime.now(tz=UTC).astimezone(cal.tz)
    if at is None:
        instant = present
    else:
        from .when import parse_when

        instant = parse_when(at, present, cal.tz)
    from .files import STDIN  # (standard input is no file an output could replace)

    return Context(dataset, cal, cal.local(instant), chosen, as_json, _human_output(),
                   tuple(path for path in files if path != STDIN))


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

    words = [part for part in channel.split(",") if part.strip()]
    if not words:  # `--channel ''` or `,`: naming no channel must not mean every channel
        channel_kind(channel)  # raises the usage error that lists the channels
    return tuple(channel_kind(part) for part in words)


def complete_name(incomplete: str) -> list[str]:
    """The names a shell may complete NAME to."""
    try:
        from .dataset import data_files, load
        from .lookup import complete

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
    binary.write(b"\n")


def now(channel: str | None, show_all: bool, at: str | None, as_json: bool,
        data: list[str] | None, lang: str | None) -> None:
    if as_json:  # a whole country's channels: from the compiled table, not the model
        from .render.now_json import now_json_chunks

        ctx = _context(at, as_json, data, lang, table=True)
        write_utf8(now_json_chunks(ctx.dataset, ctx.cal, ctx.instant, _kinds(channel),
                                   show_all))
        return
    from . import answers

    ctx = _context(at, as_json, data, lang)
    result = answers.now(ctx.dataset, ctx.cal, ctx.instant, _kinds(channel), show_all)
    if ctx.human:
        ctx.view().now(result, ctx.instant, ctx.dataset, show_all)
    else:
        from .render import plain

        _print_lines(plain.now(result))


def next_(name: str, channel: str | None, at: str | None, as_json: bool,
          data: list[str] | None, lang: str | None) -> None:
    from . import answers
    from .lookup import find

    ctx = _context(at, as_json, data, lang, name)
    target = find(ctx.dataset, name)
    result = answers.next_reachable(ctx.dataset, ctx.cal, target, ctx.instant, _kinds(channel))
    if ctx.as_json:
        from .render import json_out

        print(json_out.next_(result))
    elif ctx.human:
        ctx.view().next_(result, ctx.instant, target.name,
                         target.office.as_of or ctx.dataset.as_of)
    else:
        from .render import plain

        _print_lines(plain.next_(result))


def office(name: str, channel: str | None, at: str | None, as_json: bool,
           data: list[str] | None, lang: str | None, svg: str | None,
           html: str | None) -> None:
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


def week(name: str | None, channel: str | None, at: str | None, as_json: bool,
         data: list[str] | None, lang: str | None, svg: str | None,
         html: str | None) -> None:
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
    ctx.save_pictures(human, svg, html,
                      "erreichbar week" + (f" {target.id}" if target else ""))


def check(name: str, channel: str | None, quiet: bool, at: str | None, as_json: bool,
          data: list[str] | None, lang: str | None) -> int:
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


def ics(name: str | None, channel: str | None, start: str | None, weeks: int,
        output: str | None, data: list[str] | None, lang: str | None) -> None:
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
    _emit(text, output, ctx.files)


def export(name: str | None, fmt: str, output: str | None, at: str | None,
           data: list[str] | None, lang: str | None) -> None:
    from .lookup import find
    from .render import export as exporters

    formats = {"osm": exporters.osm, "jsonld": exporters.jsonld,
               "yaml": exporters.dataset_yaml}
    if fmt not in formats:
        set_run_language(lang)
        raise UsageError(_("--format {format}: use osm, jsonld or yaml", format=repr(fmt)))
    ctx = _context(at, False, data, lang)
    target = find(ctx.dataset, name) if name else None
    if fmt == "jsonld":  # (the days that rules by date change, from today on)
        text = exporters.jsonld(ctx.dataset, target, ctx.cal, ctx.cal.local(ctx.instant).date())
    else:
        text = formats[fmt](ctx.dataset, target)
    _emit(text, output, ctx.files)


def holidays(year: int | None, at: str | None, as_json: bool, data: list[str] | None,
             lang: str | None) -> None:
    ctx = _context(at, as_json, data, lang)
    days = ctx.cal.holidays_in(year or ctx.instant.year)
    if ctx.as_json:
        from .render.holidays import as_json as holidays_json

        print(holidays_json(days))
    elif ctx.human:
        ctx.view().holidays(days, ctx.dataset.region)
    else:
        from .render.holidays import as_lines

        _print_lines(as_lines(days))


def listing(as_json: bool, data: list[str] | None, lang: str | None) -> None:
    ctx = _context(None, as_json, data, lang)
    if ctx.as_json:
        from .render import json_out

        print(json_out.listing(ctx.dataset))
    elif ctx.human:
        ctx.view().listing(ctx.dataset)
    else:
        from .render import plain

        _print_lines(plain.listing(ctx.dataset))


def validate(files: list[str] | None, strict: bool, as_json: bool, data: list[str] | None,
             lang: str | None) -> int:
    from .dataset import check as check_files
    from .dataset import data_files
    from .render import findings

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


def _emit(text: str, output: str | None, protected: tuple[str, ...]) -> None:
    if output and output != "-":  # `-o -` is standard output, as for most tools
        from .atomic import write_text

        write_text(output, text if text.endswith("\n") else text + "\n", protected)
    else:
        _print_lines(text.rstrip("\n"))


def _print_lines(text: str) -> None:
    if text:
        print(text)
