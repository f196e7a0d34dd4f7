"""What s92 scenario import prints counts in words: "1 leave bookings" and "1 rows of other
absence types left out" were what a planner read."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import run


def test_counts_of_an_import_are_in_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # "1 leave bookings", "1 rows of other absence types left out"
    officers = tmp_path / "officers.csv"
    officers.write_text("officer id,contract,rank,service start\nA-1,C1,PC,28/02/2019\n", "utf-8")
    leave = tmp_path / "leave.csv"
    leave.write_text(
        "officer id,start date,end date,leave type\nA-1,2026-05-01,,AL\nA-1,2026-06-01,,Sick\n",
        "utf-8",
    )
    out = tmp_path / "imported.toml"
    found = run(
        capsys, "scenario", "import", "--officers", officers, "--leave", leave, "--out", out
    )
    assert found.code == 0, found.err
    assert "1 officer, 1 contract, 1 leave booking;" in found.out
    assert f"{leave}: 1 row of other absence types left out" in found.err
