"""Loading a dataset: find the files, read them literally, check them, build the model.

Every mistake in a file is reported as `FILE:LINE:COL: error: message`, all of them at
once; a file with errors is never used. Files are layered in order: an office whose id
is already present is replaced, new offices are added.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from erreichbar.data.files import STDIN, checksum, read_bytes
from erreichbar.errors import DataError, Report, UsageError
from erreichbar.i18n import _, language
from erreichbar.paths import config_dir

if TYPE_CHECKING:
    from erreichbar.data.model import (
        Assumption,
        Dataset,
        Elsewhere,
        Line,
        Office,
        Planned,
        SpecialDay,
    )
    from erreichbar.data.names import NameIndex
    from erreichbar.data.now_table import NowTable
    from erreichbar.data.schema import FileData


def bundled_path() -> str:
    """The dataset that ships inside the package (or, in a source checkout, data/)."""
    # A plain path next to this file rather than importlib.resources: the tool is
    # installed as files, and importing importlib.resources costs a twentieth of a run.
    # The wheel puts it beside this module (pyproject.toml's force-include); a checkout keeps
    # it in the repository's data/ folder, three levels up from here.
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "offices.yaml")
    if os.path.isfile(packaged):
        return packaged
    return str(Path(here).parents[2] / "data" / "offices.yaml")


def user_path(environ: Mapping[str, str] | None = None) -> str:
    """`offices.yaml` in the config folder: `$XDG_CONFIG_HOME/erreichbar/` (unset or empty:
    `~/.config/erreichbar/`, or the system's own place on Windows and macOS)."""
    return os.path.join(config_dir(environ), "offices.yaml")


def data_files(explicit: list[str] | None, environ: Mapping[str, str] | None = None
               ) -> list[str]:
    """Which files to load, in layering order: the --data files; else those named by
    $ERREICHBAR_DATA (separated by os.pathsep); else the bundled data with the user's own
    file on top, when there is one."""
    env = os.environ if environ is None else environ
    if explicit:
        if not all(path.strip() for path in explicit):
            raise UsageError(_("--data needs the name of a data file; an empty one names none"))
        if explicit.count(STDIN) > 1:
            raise UsageError(_("--data -: standard input can be read only once"))
        return list(explicit)
    # "$A:$B" with both empty names no file: that is ERREICHBAR_DATA unset, as "" is
    named = [p for p in env.get("ERREICHBAR_DATA", "").split(os.pathsep) if p.strip()]
    if named:
        return named
    files = [bundled_path()]
    mine = user_path(env)
    try:
        os.stat(mine)
    except FileNotFoundError:
        if os.path.islink(mine):  # a link to a file that is gone: said, not skipped
            files.append(mine)
    except OSError:  # a folder on the way that may not be searched: the loader says so
        files.append(mine)
    else:
        files.append(mine)
    return files


SHELF = "dataset"  # the store's shelf of compiled datasets


def load(paths: list[str], use_cache: bool | None = None,
         select: Callable[[NameIndex], set[str]] | None = None) -> tuple[Dataset, Report]:
    """Load and layer the files. Raises DataError (with every finding) if any has errors.

    A dataset read before comes from the store (see store.py), unless use_cache is False
    or $ERREICHBAR_NO_CACHE is set; its warnings come with it, so every load reports the
    same. A first file without as_of, timezone and region is your own layer: it goes on
    top of the bundled data. `select` may narrow a stored dataset to the offices a command
    needs: it is given the name index and returns the ids it wants (it may raise the usage
    error for a NAME that matches nothing); a dataset read from YAML is always whole. Data
    read from standard input (`-`) is never cached: it has no name, size or time that would
    tell a later run it is the same.
    """
    use_cache = _use_cache(use_cache, paths)
    if use_cache:
        hit = _stored(_identity(paths, [checksum(p) for p in paths]), select)
        if hit is not None:
            return hit
    dataset, report, _, _ = _read(paths, use_cache, table=False)
    return dataset, report


def load_table(paths: list[str], use_cache: bool | None = None) -> tuple[NowTable, Report]:
    """What `now --json` needs of every channel, as columns (see now_table.py): from the
    store without building the model, else read like load()."""
    use_cache = _use_cache(use_cache, paths)
    if use_cache:
        from erreichbar.cache import store  # start-up: only a cached load
        from erreichbar.data import now_table  # start-up
        from erreichbar.data.codec import WARNINGS, decode_warnings  # start-up

        identity = _identity(paths, [checksum(p) for p in paths])
        entry = store.read(SHELF, identity)
        if entry is not None:
            with entry:
                try:
                    return (now_table.decode(lambda n: entry.get(now_table.SECTION, n),
                                             _source(paths, identity), identity),
                            decode_warnings(entry.get(WARNINGS)))
                except Exception:  # noqa: S110 - not whole: read from YAML below
                    pass
    _, report, table, _ = _read(paths, use_cache, table=True)
    assert table is not None  # noqa: S101 - asked for
    return table, report


def _use_cache(use_cache: bool | None, paths: list[str]) -> bool:
    if STDIN in paths:  # read once, and nothing says a later run's input is the same
        return False
    return not os.environ.get("ERREICHBAR_NO_CACHE") if use_cache is None else use_cache


def _identity(paths: list[str], checksums: list[int]) -> str:
    from erreichbar.cache import store  # start-up: only a cached load

    # The warnings are stored as text, so each language has its own entry. The files are
    # found by their real paths (store.file_key), and the paths as given are part of the
    # identity too: the answer names them (`origin`, findings), so `--data ./d.yaml` must
    # never be answered from an entry that `--data d.yaml` filled.
    return f"{store.file_key(paths, checksums)}\0{language()}\0" + "\0".join(paths)


def _stored(identity: str, select: Callable[[NameIndex], set[str]] | None = None
            ) -> tuple[Dataset, Report] | None:
    """The stored dataset (with the offices `select` picks) and its warnings, or None."""
    from erreichbar.cache import store  # start-up: only a cached load
    from erreichbar.data.codec import MODEL, WARNINGS, decode, decode_warnings  # start-up

    entry = store.read(SHELF, identity, whole=select is None)
    if entry is None:
        return None
    with entry:
        wanted = None
        if select is not None:
            # start-up: only a command about one NAME
            from erreichbar.data.names import GRAMS, INDEX, stored_index

            try:
                wanted = select(stored_index(lambda n: entry.get(INDEX, n),
                                             lambda n: entry.get(GRAMS, n)))
            except UsageError:
                raise  # NAME matches nothing or several: the answer, not a store problem
            except Exception:
                return None
        try:
            return (decode(lambda n: entry.get(MODEL, n), wanted),
                    decode_warnings(entry.get(WARNINGS)))
        except Exception:
            return None


def _source(paths: list[str], identity: str) -> Callable[[], tuple[Dataset, str | None]]:
    """The whole dataset a stored table was made from, for what needs more than the table:
    from the same entry, or (if it has gone since) read again."""

    def source() -> tuple[Dataset, str | None]:
        hit = _stored(identity)
        if hit is not None:
            return hit[0], identity
        dataset, _, _, read_as = _read(paths, True, table=False)
        return dataset, read_as

    return source


def _read(paths: list[str], use_cache: bool, table: bool
          ) -> tuple[Dataset, Report, NowTable | None, str | None]:
    """Read the files from YAML, and keep what was read in the store (the `now` table
    with it, which is made only then or when asked for), and the identity it is kept
    under (None: not kept). The entry is filed under the bytes read here, so a file
    edited meanwhile cannot be stored under its old identity."""
    from erreichbar.data.now_table import from_dataset  # start-up: only a read from YAML
    from erreichbar.data.progress import Progress  # start-up

    contents = [read_bytes(p) for p in paths]
    identity = _identity(paths, [zlib.crc32(c) for c in contents]) if use_cache else None
    report = Report()
    with Progress() as progress:  # a first read of a big dataset takes a while
        progress.step(_reading(contents))
        parts = _parse_all(paths, contents, report, collect=False)
        contents.clear()  # the files' bytes: not needed again, and as big as the files
        report.sort(paths)
        if report.errors:
            raise DataError.from_report(report)
        dataset = _layer(parts, report)
        now_table = from_dataset(dataset, identity) \
            if table or identity is not None else None
        if identity is not None and now_table is not None:
            progress.step(_("keeping what was read in the cache, for the next run"))
            _keep(identity, dataset, report, now_table)
    return dataset, report, now_table, identity


def _keep(identity: str, dataset: Dataset, report: Report, table: NowTable) -> None:
    """One entry in the store: the model, its name index, its `now` table and the
    warnings, each in its own codec's sections."""
    from erreichbar.cache import store  # start-up: only when a read is kept
    from erreichbar.data import codec as dataset_codec  # start-up
    from erreichbar.data import now_table  # start-up
    from erreichbar.data.codec import MODEL, WARNINGS, encode_warnings  # start-up
    from erreichbar.data.names import (  # start-up
        GRAMS,
        INDEX,
        encode_grams,
        encode_index,
        name_index,
    )

    # Each section is made only when the store comes to it, and let go once written: a
    # country's sections are never all in memory at once.
    store.write(SHELF, identity, {
        WARNINGS: [encode_warnings(report.warnings)],
        MODEL: dataset_codec.encode(dataset),
        INDEX: _when_written(lambda: encode_index(name_index(dataset))),
        GRAMS: _when_written(lambda: encode_grams(dataset)),
        now_table.SECTION: _when_written(lambda: now_table.encode(table)),
    })


def _when_written(make: Callable[[], Iterable[bytes]]) -> Iterator[bytes]:
    yield from make()


def _reading(contents: list[bytes]) -> str:
    size = sum(len(c) for c in contents) / (1024 * 1024)
    return _("reading and checking the data ({size} MB)", size=f"{size:.0f}")


def check(paths: list[str]) -> Report:
    """All findings for the files (each checked whole, after an error too) and for layering
    them, without raising on errors in the data."""
    report = Report()
    contents = []
    readable = []
    for path in paths:
        try:
            contents.append(read_bytes(path))
            readable.append(path)
        except DataError as exc:
            report.findings.append(exc.as_finding())
    from erreichbar.data.progress import Progress  # start-up: only validate

    with Progress() as progress:
        progress.step(_reading(contents))
        parts = _parse_all(readable, contents, report, collect=True)
        if parts and not report.errors:
            try:
                _layer(parts, report)
            except DataError as exc:
                report.findings.append(exc.as_finding())
    report.sort(paths)
    return report


def _layer(parts: list[FileData], report: Report) -> Dataset:
    from erreichbar.data.model import Dataset  # (a cached run builds no records; see values.py)

    base = parts[0]
    if base.as_of is None or base.timezone is None or base.region is None:
        missing = [k for k in ("as_of", "timezone", "region") if getattr(base, k) is None]
        raise DataError(_("the first data file must set {keys}", keys=", ".join(missing)),
                        base.path, 1, 1)
    offices: dict[str, Office] = {}
    lines: dict[str, Line] = {}
    planned: list[Planned] = []
    elsewhere: list[Elsewhere] = []
    translations: dict[str, str] = {}
    special_days: list[SpecialDay] = []
    assumptions: dict[str, Assumption] = {}
    school = school_source = None
    for part in parts:
        for key in ("timezone", "region"):
            value = getattr(part, key)
            if value is not None and value != getattr(base, key):
                raise DataError(_("{key} {value} differs from {base} in {path}: layered "
                                  "files must share it", key=key, value=repr(value),
                                  base=repr(getattr(base, key)), path=base.path),
                                part.path, 1, 1)
        lines.update(part.lines)
        for office in part.offices:
            offices.pop(office.id, None)  # a replaced office moves to its new place
            offices[office.id] = office
        planned.extend(part.planned)
        elsewhere.extend(part.elsewhere)
        translations.update(part.translations)
        special_days.extend(part.special_days)
        assumptions.update((key, a) for key, (a, _w, _f) in part.assumptions.items())
        if part.school_holidays is not None:  # (a later file's replace an earlier file's)
            school, school_source = part.school_holidays, part.school_source
    for part in parts:
        if part.school_asked and not school:
            line, column, value = part.school_asked[0]
            raise DataError(_("hours {hours}: SH (school holidays) needs the school holidays "
                              "of the region: the data gives none (add 'school_holidays' with "
                              "their dates and source)", hours=repr(value)),
                            part.path, line, column)
    for part in parts:  # `see` may name an office of an earlier file, or of a later one
        for item in part.elsewhere:
            if item.see is not None and item.see not in offices:
                raise DataError(_("elsewhere: {name} points to office {id}, which is not in "
                                  "the data", name=repr(item.name), id=repr(item.see)),
                                part.path, 1, 1)
    return Dataset(
        as_of=base.as_of,
        timezone=base.timezone,
        region=base.region,
        offices=tuple(offices.values()),
        lines=tuple(lines.values()),
        planned=tuple(planned),
        files=tuple(p.path for p in parts),
        elsewhere=tuple(elsewhere),
        school_holidays=school or (),
        school_source=school_source,
        translations=tuple(translations.items()),
        special_days=tuple(special_days),
        assumptions=tuple(assumptions.values()),
    )


def _parse_all(paths: list[str], contents: list[bytes], report: Report, collect: bool
               ) -> list[FileData]:
    """Parse the files in order, each seeing the lines of the files before it. A first
    file without as_of, timezone and region is a layer (your own offices) and goes on top
    of the bundled data, as `$XDG_CONFIG_HOME/erreichbar/offices.yaml` does."""
    parts = _parse_in_order(paths, contents, report, collect, {})
    first = parts[0] if parts else None
    if first is not None and None in (first.as_of, first.timezone, first.region) \
            and os.path.realpath(first.path) != os.path.realpath(bundled_path()):
        base = _parse_file(bundled_path(), read_bytes(bundled_path()), Report(), {})
        report.findings.clear()
        parts = [base, *_parse_in_order(paths, contents, report, collect, dict(base.lines))]
    return parts


def _parse_in_order(paths: list[str], contents: list[bytes], report: Report, collect: bool,
                    lines: dict[str, Line]) -> list[FileData]:
    parts = []
    for path, raw in zip(paths, contents, strict=True):
        try:
            part = _parse_file(path, raw, report, lines)
        except DataError as exc:
            if not collect:
                raise
            report.findings.append(exc.as_finding())
            continue
        lines = {**lines, **part.lines}
        parts.append(part)
    return parts


def _parse_file(path: str, raw: bytes, report: Report, lines: dict[str, Line]) -> FileData:
    from erreichbar.data.files import decode  # start-up: only a read from YAML
    from erreichbar.data.schema import Builder  # start-up
    from erreichbar.data.yamlnodes import compose  # start-up

    text = decode(raw, path)
    return Builder(path, report, text, lines).file(compose(text, path, raw))

