"""A report asked for a period none of its contracts has a day in (a year mistyped,
2030-01 for 2026-01) wrote all-nought figures and exited 0 with nothing said on the
terminal: only a note cell in report.csv told. The report stays (its figures are right),
and stderr says, in one line, that no contract has a day in it and why."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from scheduler.cli import main

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"


def duty_record(tmp_path: Path) -> Path:
    rows = [f"HAV-0{n},0{d}/08/2026,07:00,15:00,council" for n in range(1, 6) for d in (3, 4)]
    path = tmp_path / "duty.csv"
    path.write_text("officer_id,date,start,end,deployment\n" + "\n".join(rows) + "\n")
    return path


def report(tmp_path: Path, period: str) -> int:
    argv = ["report", str(HAVERING), "--period", period, "--out", str(tmp_path / period)]
    argv += ["--actuals", str(duty_record(tmp_path)), "--db", str(tmp_path / "s92.db")]
    return main(argv)


def test_a_period_outside_every_contract_is_named_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert report(tmp_path, "2030-01") == 0
    err = capsys.readouterr().err
    (line,) = [x for x in err.splitlines() if "--period" in x]
    assert line.startswith("note: --period 2030-01: no contract of the report has a day in it")
    assert "outside the contract term" in line
    (row,) = pd.read_csv(tmp_path / "2030-01" / "report.csv").to_dict("records")
    assert row["delivered_days"] == 0


def test_a_period_with_days_says_nothing_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert report(tmp_path, "2026-08") == 0
    assert "--period" not in capsys.readouterr().err
    (row,) = pd.read_csv(tmp_path / "2026-08" / "report.csv").to_dict("records")
    assert row["delivered_days"] > 0
