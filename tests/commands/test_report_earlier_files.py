"""A report written into the folder of an earlier one: the earlier report's
unrecorded.csv (or differences.csv) stood beside the new files as if it were theirs (a
council read officer-days as unrecorded that the new report counts in full); it is removed
in the same commit as the new files are put in place, said on stderr, and put back if that
commit fails."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from scheduler.cli import main
from scheduler.files import Staged

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"
HEADER = "officer_id,date,start,end,deployment\n"


def record(tmp_path: Path, days: list[int], gap_for: str = "") -> Path:
    rows = [
        f"HAV-0{n},0{d}/08/2026,07:00,15:00,council"
        for n in range(1, 6)
        for d in days
        if not (f"HAV-0{n}" == gap_for and d == days[1])
    ]
    path = tmp_path / f"duty-{gap_for or 'whole'}.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n")
    return path


def report(tmp_path: Path, duty: Path, out: Path) -> int:
    argv = ["report", str(HAVERING), "--period", "2026-08", "--out", str(out)]
    return main([*argv, "--actuals", str(duty), "--db", str(tmp_path / "s92.db")])


def test_an_earlier_reports_unrecorded_days_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert report(tmp_path, record(tmp_path, [3, 4, 5], gap_for="HAV-02"), out) == 0
    assert (out / "unrecorded.csv").is_file()
    capsys.readouterr()
    assert report(tmp_path, record(tmp_path, [3, 4, 5]), out) == 0
    assert not (out / "unrecorded.csv").exists()
    assert sorted(p.name for p in out.iterdir()) == [
        "monthly.csv",
        "penalties.csv",
        "report.csv",
        "report.html",
        "report.xlsx",
    ]
    assert (
        capsys.readouterr().err.strip()
        == f"note: removed {out / 'unrecorded.csv'}, an earlier report's"
    )
    (row,) = pd.read_csv(out / "report.csv").to_dict("records")
    assert row["unrecorded_days"] == 0


def test_a_file_dropped_comes_back_when_the_commit_fails(tmp_path: Path) -> None:
    (tmp_path / "old.csv").write_text("earlier\n")
    (tmp_path / "kept.csv").write_text("before\n")

    def publish() -> None:
        raise OSError("the store refused")

    out = Staged(tmp_path)
    out.text("kept.csv", "after\n")
    out.drop("old.csv")
    out.on_commit(publish)
    with pytest.raises(OSError, match="the store refused"):
        out.commit()
    assert (tmp_path / "old.csv").read_text() == "earlier\n"
    assert (tmp_path / "kept.csv").read_text() == "before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.csv", "old.csv"]


def test_a_file_dropped_and_written_again_is_the_new_one(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("earlier\n")
    with Staged(tmp_path) as out:
        out.drop("a.csv")
        out.text("a.csv", "new\n")
    assert (tmp_path / "a.csv").read_text() == "new\n"
