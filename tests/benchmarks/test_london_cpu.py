"""benchmarks/london.py: the CPU a run takes, beside its wall time."""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks import london


def test_a_case_reports_the_cpu_its_command_and_children_took(
    capsys: pytest.CaptureFixture[str],
) -> None:
    used = london._children_cpu()
    spin = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass"
    subprocess.run([sys.executable, "-c", spin], check=True)
    assert london._children_cpu() - used >= 0.3
    case = london.Case("pinned20", 20, 0.85, pinned=True)
    result = london.Result("pinned20", 24.0, 540.0, (1.0, 1.0), cpu=12.5)
    result.cover_of_bound = {"TOW-PP": 0.95}
    assert not london.report(case, result)  # 24 s is past 20 s + 5 % + 2 s
    assert "wall 24.0 s (limit 20), CPU 12.5 s, peak 540 MB" in capsys.readouterr().out
