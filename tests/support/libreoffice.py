"""LibreOffice for tests that need a spreadsheet's formulas computed or a real program's
save: convert a file headless, with a profile of its own (runs may overlap)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def convert(path: Path, to: str, out: Path) -> Path:
    """``path`` converted to format ``to`` (e.g. 'xlsx', 'pdf') in folder ``out``; the test
    is skipped where LibreOffice is not installed."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(out / '.profile').as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return out / f"{path.stem}.{to}"
