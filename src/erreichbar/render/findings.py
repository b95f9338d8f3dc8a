"""What `erreichbar validate` found in data files: one `FILE:LINE:COL: severity: message`
line per finding (the form editors and CI annotate), or JSON for scripts."""

from __future__ import annotations

import json

from erreichbar.errors import Report
from erreichbar.i18n import _, n_
from erreichbar.render.json_out import safe_json
from erreichbar.render.text import safe


def as_json(paths: list[str], report: Report, ok: bool) -> str:
    return safe_json(json.dumps({
        "files": paths,
        "ok": ok,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "findings": [{"file": f.file, "line": f.line, "column": f.column,
                      "severity": f.severity, "message": f.message}
                     for f in report.findings],
    }, ensure_ascii=False, indent=2))


def as_lines(report: Report) -> str:
    """Every finding on its own line; a file's text cannot reach the terminal as control
    characters."""
    return "\n".join(safe(str(finding)) for finding in report.findings)


def summary(report: Report, files: int) -> str:
    """The count at the end, for stderr: the lines above it are for editors and grep."""
    errors, warnings = len(report.errors), len(report.warnings)
    # TRANSLATORS: "5 errors, 1 warning in 1 file": each part is a plural message below
    return _("{errors}, {warnings} in {files}",
             errors=n_("{count} error", "{count} errors", errors, count=errors),
             warnings=n_("{count} warning", "{count} warnings", warnings, count=warnings),
             files=n_("{count} file", "{count} files", files, count=files))
