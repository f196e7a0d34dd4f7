"""A duty record with a note under its table ('checked by J Smith' in the reason column,
in a column of its own, or in the first column), as a spreadsheet saves it: the row was refused in three lines, one
per empty column (officer not in the scenario, not a date, unknown deployment, each
"(got '')"); now one line names the row and the text it holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.accounting.actuals import read_actuals
from scheduler.cli import main
from scheduler.errors import InputError
from scheduler.scenario import load_scenario

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"
HEADER = "Officer ID,Date,Start,End,Deployment,Reason,Checked\n"
DAY = "HAV-01,03/08/2026,07:00,15:00,Council,,\n"


@pytest.mark.parametrize(
    ("note", "text"),
    [
        (",,,,,checked by J Smith,\n", "checked by J Smith"),
        (",,,,,,J Smith 07/12/2026\n", "J Smith 07/12/2026"),
        (",,,,,Total,40\n", "Total 40"),
        # in the first column, as often typed there (was three lines, the first "officer
        # not in the scenario")
        ("checked by J Smith,,,,,,\n", "checked by J Smith"),
        ("Total,,,,,,40\n", "Total 40"),
    ],
)
def test_a_note_under_the_table_is_refused_in_one_line(
    note: str, text: str, tmp_path: Path
) -> None:
    record = tmp_path / "duty.csv"
    record.write_text(HEADER + DAY + ",,,,,,\n" + note)
    with pytest.raises(InputError) as refused:
        read_actuals(record, load_scenario(HAVERING))
    (problem,) = refused.value.problems
    told = str(problem)
    assert "row 4" in told
    assert "the row holds only text" in told
    assert repr(text) in told


def test_an_officer_with_nothing_else_is_an_officer_day_unfilled(tmp_path: Path) -> None:
    record = tmp_path / "duty.csv"
    record.write_text(HEADER + DAY + "hav-02,,,,,,\n")
    with pytest.raises(InputError) as refused:
        read_actuals(record, load_scenario(HAVERING))
    columns = [problem.field for problem in refused.value.problems]
    assert columns == ["row 3, column date", "row 3, column deployment"]


def test_the_officer_days_around_it_read_as_before(tmp_path: Path) -> None:
    record = tmp_path / "duty.csv"
    record.write_text(HEADER + DAY + ",,,,,,\n")
    table = read_actuals(record, load_scenario(HAVERING))
    assert list(table["officer_id"]) == ["HAV-01"]


def test_s92_report_says_it_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = tmp_path / "duty.csv"
    record.write_text(HEADER + DAY + ",,,,,checked by J Smith,\n")
    out = tmp_path / "out"
    argv = ["report", str(HAVERING), "--period", "2026-08", "--out", str(out)]
    assert main([*argv, "--actuals", str(record), "--db", str(tmp_path / "s92.db")]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"{record}: row 3, column officer_id, date, deployment: empty")
    assert not out.exists()
