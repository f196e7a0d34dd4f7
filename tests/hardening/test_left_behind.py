"""A command killed while it writes (kill -9, a power cut) leaves its temporary files
beside the outputs (``.report.csv.4242.k3j2.tmp``): run again, it removes those of
processes no longer running and keeps those of one that is (another command writing the
same folder). They piled up, one more with each kill."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hardening_helpers import published_tiny, run


def _dead_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(child.stdout)


def test_a_rerun_removes_what_a_killed_run_left(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    scenario, db = tiny.scenario, tiny.db
    out = tmp_path / "report"
    out.mkdir()
    killed = out / f".report.csv.{_dead_pid()}.x1y2z3.tmp"
    killed.write_text("half a report")
    writing = out / f".report.csv.{os.getpid()}.a1b2c3.tmp"  # a live process's
    writing.write_text("being written")
    result = run(capsys, "report", scenario, "--period", "2026-10", "--out", out, "--db", db)
    assert result.code == 0, result.err
    assert not killed.exists()
    assert writing.exists()
    assert sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp")) == [writing.name]
