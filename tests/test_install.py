"""The package installs from the repository into a fresh virtual environment and answers
from there, with its bundled data, run from a directory outside the checkout.

"Das Sozialamt ist montags bis freitags zwischen 9 und 15 Uhr telefonisch ... erreichbar":
on Wednesday 2024-03-06 at 10:30 its phone is open until 15:00 (+01:00, winter time).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_installs_into_a_fresh_venv_and_answers(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    # Nothing of this checkout or of the test's own environment may leak into the new one.
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "ERREICHBAR_DATA",
                        "FORCE_COLOR", "NO_COLOR"}}

    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120,
                   capture_output=True)
    python = bindir / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         str(REPO)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600, check=False)
    assert install.returncode == 0, install.stdout + install.stderr

    work = tmp_path / "elsewhere"
    work.mkdir()
    run = subprocess.run(
        [str(bindir / "erreichbar"), "now", "--json", "--at", "2024-03-06T10:30"],
        capture_output=True, text=True, env=env, cwd=work, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    rows = json.loads(run.stdout)
    phone = [r for r in rows if r["office"] == "sozialamt" and r["channel"] == "phone"]
    assert len(phone) == 1, rows
    assert phone[0]["state"] == "open"
    assert phone[0]["until"] == "2024-03-06T15:00:00+01:00"
    assert [c["value"] for c in phone[0]["contacts"]] == ["069 8065-3584", "069 8065-2686"]
    # the data came with the package, not from the checkout
    origin = phone[0].get("origin")
    if origin:
        assert Path(origin).resolve().is_relative_to(venv.resolve()), origin

    # the module runs too, and knows its version
    version = subprocess.run([str(python), "-m", "erreichbar", "--version"],
                             capture_output=True, text=True, env=env, cwd=work, timeout=120,
                             check=False)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("erreichbar ")
