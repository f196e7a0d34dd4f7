"""One share of the solver's time set to several values, side by side: each run a whole
solve with that share, re-scored by the independent scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from work_alone import work_alone

from benchmarks import shares_ab
from benchmarks.curtois import best_known

DATA = Path(__file__).resolve().parents[1] / "data" / "curtois"


def test_each_value_runs_a_whole_solve_scored_by_the_scorer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ab.jsonl"
    args = [str(DATA / "Instance1.txt"), "--share", "direct=0.1,0.5"]
    # ten units of work (Instance1 is proved optimal with one), the clock far off: a
    # busy machine takes longer for the same solve (before, 20 s of wall time, which a
    # load of 20 cut short of the proof)
    args += ["--time-limit", "10", "--work", "--workers", "1", "--json", str(out)]
    with work_alone():
        assert shares_ab.main(args) == 0  # 1: a roster the scorer rejects
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["direct"] for r in rows] == [0.1, 0.5]
    optimum = best_known(DATA / "best_known.csv")["Instance1"]
    assert [r["objective"] for r in rows] == [optimum, optimum]
    assert all(r["status"] == "OPTIMAL" for r in rows)
    assert f"| Instance1 | {optimum:,} | {optimum:,} |" in capsys.readouterr().out


def test_a_share_that_does_not_exist_is_refused() -> None:
    with pytest.raises(SystemExit) as stop:
        shares_ab.main(["x.txt", "--share", "no_such_share=1"])
    assert stop.value.code == 2
