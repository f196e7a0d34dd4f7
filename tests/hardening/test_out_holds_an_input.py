"""An input kept in the output folder under the name of a file the command writes there
(a duty record saved as report.csv beside last month's report, a roster saved as
runs.csv) was read and then replaced by the command's own file: the council's duty
record was gone. Now it is refused before any work, one line naming it, exit 2, the
file as it was."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hardening_helpers import published_tiny, run


def _duty_record(roster: Path, to: Path) -> None:
    """The MPS's duty record of the published roster: what was planned, done."""
    with roster.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    lines = ["officer_id,date,start,end,deployment,reason"]
    for r in rows:
        if r["state"] == "DUTY":
            lines.append(f"{r['officer_id']},{r['date']},{r['start']},{r['end']},council,")
        else:
            lines.append(f"{r['officer_id']},{r['date']},,,rest,")
    to.parent.mkdir(parents=True, exist_ok=True)
    to.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("name", ["report.csv", "differences.csv"])
def test_a_duty_record_in_the_report_folder_is_not_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    out = tmp_path / "october"
    record = out / name
    _duty_record(tiny.roster, record)
    before = record.read_bytes()
    argv = ["report", tiny.scenario, "--period", "2026-10", "--out", out, "--db", tiny.db]
    result = run(capsys, *argv, "--actuals", record)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{record}: --out: is the duty record ({record}), which the command writes over: "
        "move it, or give another --out"
    ]
    assert record.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [name]


def test_a_roster_in_the_sweep_folder_is_not_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    out = tmp_path / "sweep"
    out.mkdir()
    roster = out / "runs.csv"
    roster.write_bytes(tiny.roster.read_bytes())
    result = run(capsys, "sweep", tiny.scenario, "--runs", "1", "--roster", roster, "--out", out)
    assert result.code == 2
    assert result.err.splitlines()[-1].startswith(f"{roster}: --out: is the roster ({roster})")
    assert roster.read_bytes() == tiny.roster.read_bytes()
