"""The search by parts with several sets of move kinds, side by side from one lawful
roster, each roster re-scored by the independent scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import parts_ab

DATA = Path(__file__).resolve().parents[1] / "data" / "curtois"


def test_each_set_of_kinds_searches_from_the_same_lawful_roster_scored_by_the_scorer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ab.jsonl"
    args = [str(DATA / "Instance2.txt"), "--kinds", "windows", "windows,people", "people"]
    args += ["--time-limit", "2", "--work", "--json", str(out)]  # by work: any machine
    assert parts_ab.main(args) == 0  # 1: a roster the scorer rejects
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["kinds"] for r in rows] == ["windows", "windows+people", "people"]
    assert len({r["start"] for r in rows}) == 1
    assert all(r["status"] == "FEASIBLE" for r in rows)
    assert all(r["objective"] < r["start"] for r in rows)
    table = capsys.readouterr().out
    assert "| instance | lawful start | windows | windows+people | people |" in table


def test_a_kind_of_move_that_does_not_exist_is_refused() -> None:
    with pytest.raises(SystemExit) as stop:
        parts_ab.main(["x.txt", "--kinds", "windows,swaps"])
    assert stop.value.code == 2


def test_the_moves_judged_by_what_they_add_keep_every_rule(tmp_path: Path) -> None:
    """``--follow``: each move judged also by what the moves after it gained above their
    kinds' rates (``by_parts.FOLLOW``, off in the solve); every roster re-scored."""
    out = tmp_path / "ab.jsonl"
    args = [str(DATA / "Instance2.txt"), "--kinds", "windows,people,alike", "--follow", "1"]
    args += ["--time-limit", "2", "--work", "--json", str(out)]
    assert parts_ab.main(args) == 0
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["status"] == "FEASIBLE"
    assert row["objective"] < row["start"]
