"""s92 validate's contract table showed a Met Patrol Plus contract's whole annual charge
as its "charge" (£171,000 for 3 constables) while the council pays half of it, and the
report's charge_gbp is that half: a council reading both saw two charges. Now the table
shows what the council pays beside the charge."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main

SCENARIO = """
[scenario]
name = "pays"
start = 2026-04-01
end = 2026-06-30

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "MPP"
council = "LB Legacy"
bcu = "XX"
scheme = "met-patrol-plus"
start = 2024-04-01
posts = { constable = 3 }
annual_charge = { constable = 57000 }

[[contract]]
id = "THIRD"
council = "LB Shared"
bcu = "XX"
start = 2026-04-01
posts = { constable = 1 }
annual_charge = { constable = 60000.01 }
match_funding_share = 0.3333

[[officer]]
id = "M-1"
contract = "MPP"
rank = "constable"

[[officer]]
id = "T-1"
contract = "THIRD"
rank = "constable"
"""


def test_the_table_shows_what_the_council_pays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # a row of the table on one line
    toml = tmp_path / "pays.toml"
    toml.write_text(SCENARIO, encoding="utf-8")
    assert main(["validate", str(toml)]) == 0
    out = capsys.readouterr().out
    assert "council pays £" in out
    mpp = next(line for line in out.splitlines() if "MPP" in line and "LB Legacy" in line)
    assert "171,000.00" in mpp  # the charge: 3 × £57,000
    assert "85,500.00" in mpp  # half of it, the council's
    third = next(line for line in out.splitlines() if "THIRD" in line)
    # £60,000.01 less the MPS's 33.33%: 60,000.01 × 0.6667 = 40,002.006667, to the penny
    assert "60,000.01" in third
    assert "40,002.01" in third
