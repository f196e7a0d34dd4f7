"""The sweep beside a direct CP-SAT model: both arms solved, scored by the independent
scorer, and the direct arm reused from an earlier run's rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import solver_sweep

DATA = Path(__file__).resolve().parents[1] / "data" / "curtois"


def _sweep(tmp_path: Path, out: Path, *extra: str) -> dict[str, object]:
    shared = tmp_path / "shared"  # Instance1 alone (--only matches name prefixes)
    shared.mkdir(exist_ok=True)
    for name in ("Instance1.txt", "best_known.csv"):
        (shared / name).write_bytes((DATA / name).read_bytes())
    args = ["--shared", str(shared), "--generated", "0", "--dir", str(tmp_path)]
    args += ["--time-limit", "30", "--workers", "1", "--json", str(out)]
    assert solver_sweep.main([*args, *extra]) == 0  # 1: a roster the scorer rejects
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 1
    return rows[0]


def test_both_arms_scored_and_the_direct_arm_reused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _sweep(tmp_path, tmp_path / "first.jsonl")
    direct, ours = first["direct"], first["s92"]
    assert isinstance(direct, dict)
    assert isinstance(ours, dict)
    # Instance1's optimum, proven by both and re-scored by the independent scorer
    assert (direct["objective"], ours["objective"], first["best_known"]) == (607, 607, 607)
    assert first["ratio"] == 1.0
    assert first["gap_s92"] == 0.0
    # the CPU each arm received, beside its wall time: under load the same wall time
    # gives arms unequal CPU, and a ratio alone would hide it
    for arm in (direct, ours):
        assert isinstance(arm["cpu"], float)
        assert 0 < arm["cpu"] <= 30 * 2  # one worker, 30 s; the scorer's reading aside
    assert "| Instance1 | 8x14x1 | 607 | 607 | 1.000 |" in capsys.readouterr().out
    again = _sweep(
        tmp_path, tmp_path / "again.jsonl", "--direct-from", str(tmp_path / "first.jsonl")
    )
    assert again["direct"] == direct  # taken from the earlier rows, not solved again
    assert again["direct_build"] == first["direct_build"]
    assert isinstance(again["s92"], dict)
    assert again["s92"]["objective"] == 607
