"""``s92 roster --out DIR`` into the folder of an earlier re-roster or publication: the
``changes.csv`` s92 wrote there compares another roster with the one before it, and beside
the new roster.csv it read as this roster's changes. It is removed as the new files go into
place; a ``changes.csv`` of the planner's own is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import SOLVE, run, tiny_toml

EARLIER = (
    "officer_id,contract_id,date,was,now,clear_days_notice,compensation,entry_id,reason\n"
    "T-C0,T1,2026-10-08,DUTY E 07:00-15:00,SICK,0,,3,entry 3 (T-C0 sickness 2026-10-08)\n"
)


@pytest.mark.parametrize(
    ("before", "kept"),
    [(EARLIER, False), ("my notes,on changes\n1,2\n", True)],
    ids=["s92's from an earlier run", "the planner's own"],
)
def test_an_earlier_change_notice_is_not_left_beside_a_new_roster(
    before: str, kept: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml(), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "changes.csv").write_text(before, encoding="utf-8")
    result = run(capsys, "roster", scenario, "--out", out, *SOLVE)
    assert result.code == 0, result.err
    names = sorted(p.name for p in out.iterdir())
    assert names == (["changes.csv"] if kept else []) + ["roster.csv", "roster.xlsx"]
    if kept:
        assert (out / "changes.csv").read_text(encoding="utf-8") == before
