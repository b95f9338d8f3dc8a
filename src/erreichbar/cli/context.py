"""The context of a run, made before its command answers: every shared option checked
before any data file is read (Options), then the data loaded once, with its warnings, the
calendar, the instant asked about, and for a command about one NAME the target it means,
resolved once (Context). The commands are controller.py's.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from erreichbar.cli.runner import set_run_language
from erreichbar.errors import Report, escaped
from erreichbar.i18n import _, translator

if TYPE_CHECKING:
    from erreichbar.answers.lookup import Target
    from erreichbar.calendar.civil import Calendar
    from erreichbar.data.model import Dataset
    from erreichbar.data.names import NameIndex
    from erreichbar.data.now_table import NowTable

SHOWN_WARNINGS = 10  # warnings printed by a command that loads data; validate shows all


class Context:
    """Everything a command needs besides its own arguments, resolved once. (A plain class,
    as Options below: defining a dataclass costs every run a fraction of a millisecond.)"""

    __slots__ = ("as_json", "cal", "dataset", "files", "human", "instant", "kinds", "lang",
                 "target")

    def __init__(self, dataset: Any, cal: Calendar, instant: datetime, lang: str,
                 as_json: bool, human: bool, files: tuple[str, ...] = (),
                 kinds: tuple[str, ...] | None = None, target: Any = None) -> None:
        self.dataset = dataset  # the model (Dataset), or for `now --json` the NowTable
        self.cal = cal
        self.instant = instant
        self.lang = lang
        self.as_json = as_json
        self.human = human
        # the data files of this run as given (relative to this working directory): what an
        # output file must never replace, whichever run filled the cache
        self.files = files
        self.kinds = kinds  # --channel, checked
        self.target = target  # the office or unit NAME means (a Target); None without one

    def translator(self) -> Callable[..., str]:
        return translator(self.lang)

    def view(self, record: bool = False) -> Any:
        """The terminal view, drawing with escape codes, or with rich (on Windows, and
        with RECORD: for a picture of it; see render/terminal.py)."""
        from erreichbar.render.human import HumanView  # start-up: a terminal's view only
        from erreichbar.render.terminal import open_terminal  # start-up

        # the English of the data's texts, which the data gives as translations
        words = dict(self.dataset.translations) if self.lang == "en" else {}
        return HumanView(open_terminal(record), self.lang, self.translator(), words)

    def save_pictures(self, view: Any, svg: str | None, html: str | None, title: str) -> None:
        """Save what the terminal showed, for printing or a notice board."""
        from erreichbar.cli.atomic import write_text  # start-up: only a run with --svg/--html

        if svg:
            write_text(svg, view.out.console.export_svg(title=title, clear=False), self.files)
        if html:
            write_text(html, view.out.console.export_html(clear=False), self.files)


def human_output() -> bool:
    """A terminal gets the drawn view; a pipe gets plain lines (FORCE_COLOR draws anyway)."""
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


class Options:
    """The options every command shares, checked before any data file is read."""

    __slots__ = ("at", "kinds", "lang")

    def __init__(self, lang: str, kinds: tuple[str, ...] | None, at: str | None) -> None:
        self.lang = lang
        self.kinds = kinds
        self.at = at


def options(lang: str | None, channel: str | None = None, at: str | None = None) -> Options:
    """Check the shared options: the language first (the messages after it speak it), then
    --channel and WHEN's form. WHEN is read again in the dataset's zone once it is known;
    its form does not depend on the zone, so a mistake in it is said here, before loading."""
    chosen = set_run_language(lang)
    kinds = _kinds(channel)
    if at is not None:
        from zoneinfo import ZoneInfo  # start-up: only a run with --at

        from erreichbar.calendar.when import parse_when  # start-up

        parse_when(at, datetime.now(tz=UTC), ZoneInfo("UTC"))
    return Options(chosen, kinds, at)


def context(options: Options, as_json: bool, data: list[str] | None,
             name: str | None = None, table: bool = False) -> Context:
    """The data (for a command about one NAME, as little as answers it, with the target it
    means; with `table`, the `now` table instead of the model), the calendar and the instant
    asked about."""
    from erreichbar.calendar.civil import Calendar  # start-up: every command below loads data
    from erreichbar.calendar.holiday_tables import cached  # start-up
    from erreichbar.data.files import STDIN  # start-up
    from erreichbar.data.loader import data_files, load, load_table  # start-up

    files = data_files(data)
    dataset: Dataset | NowTable
    target = None
    if table:
        dataset, report = load_table(files)
        _print_warnings(report)
    else:
        resolved: list[tuple[str, str | None]] = []
        model, report = load(files, select=_only(name, resolved) if name is not None else None)
        _print_warnings(report)
        target = _target(model, name, resolved) if name is not None else None
        dataset = model
    # --json is a contract: holiday names in it stay the region's own, whatever the language
    # ERREICHBAR_NO_CACHE: nothing is read from or written to the cache folder, holiday
    # tables included (they are computed, as a calendar does by default)
    tables = {} if os.environ.get("ERREICHBAR_NO_CACHE") else {"tables": cached}
    cal = Calendar(dataset.timezone, dataset.region, "de" if as_json else options.lang,
                   **tables, school=dataset.school_holidays)
    present = datetime.now(tz=UTC).astimezone(cal.tz)
    if options.at is None:
        instant = present
    else:
        from erreichbar.calendar.when import parse_when  # start-up: only a run with --at

        instant = parse_when(options.at, present, cal.tz)
    return Context(dataset, cal, cal.local(instant), options.lang, as_json, human_output(),
                   tuple(path for path in files if path != STDIN), options.kinds, target)


def _print_warnings(report: Report) -> None:
    """A few warnings help; thousands (a big dataset) would bury the answer: the rest are
    counted, and `validate` lists them all."""
    total = len(report.warnings) + report.unlisted
    shown = report.warnings if total <= SHOWN_WARNINGS + 1 else \
        report.warnings[:SHOWN_WARNINGS]
    for finding in shown:
        print(escaped(str(finding)), file=sys.stderr)  # (a path or value from the data)
    hidden = total - len(shown)
    if hidden:
        print(_("erreichbar: {count} more warnings; erreichbar validate lists them all",
                count=hidden), file=sys.stderr)


def _only(name: str, resolved: list[tuple[str, str | None]]
          ) -> Callable[[NameIndex], set[str]]:
    """For a command about one NAME: a cached dataset need decode only its office (the
    name index says which; a NAME that matches nothing fails here). What NAME was resolved
    to is kept in RESOLVED, so that it is looked up once."""

    def select(index: NameIndex) -> set[str]:
        from erreichbar.answers.lookup import resolve  # start-up: only a run with NAME

        resolved.append(resolve(index, name))
        return {resolved[-1][0]}

    return select


def _target(dataset: Dataset, name: str, resolved: list[tuple[str, str | None]]) -> Target:
    """The office or unit NAME means: the one the name index gave while loading, else (the
    data was read from its files, whole) looked up now."""
    from erreichbar.answers.lookup import Target, find  # start-up: only a run with NAME

    if resolved:
        office_id, unit_id = resolved[-1]
        office = dataset.office(office_id)
        if office is not None:
            return Target(office, unit_id)
    return find(dataset, name)


def _kinds(channel: str | None) -> tuple[str, ...] | None:
    if channel is None:
        return None
    from erreichbar.answers.lookup import channel_kind  # start-up: only a run with --channel

    words = [part for part in channel.split(",") if part.strip()]
    if not words:  # `--channel ''` or `,`: naming no channel must not mean every channel
        channel_kind(channel)  # raises the usage error that lists the channels
    return tuple(channel_kind(part) for part in words)


