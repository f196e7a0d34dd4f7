"""A duty record saved by a US-locale spreadsheet (Excel's m/d/yyyy: ``4/25/2027``) has
its dates month first. Read day first, every date with its day 12 or less was another
day, silently (4/5/2027, 5 April, read as 4 May), and the others were refused one line
each ("there is no month 25"). Now such a record is refused in one line saying the dates
are month first and how to save them; a UK record of the same days reads as before."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from scheduler.accounting.actuals import read_actuals
from scheduler.cli import main
from scheduler.errors import InputError
from scheduler.scenario import load_scenario

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"
HEADER = "officer_id,date,start,end,deployment\n"
FIRST = date(2026, 8, 1)  # days 1-12 read either way, 13-20 only one way
DAYS = [FIRST + timedelta(n) for n in range(20)]


def record(tmp_path: Path, days: list[date], written: str) -> Path:
    path = tmp_path / "duty.csv"
    # as Excel saves a date: no leading zeros (8/1/2026, 1/8/2026)
    shown = [format(d, written).replace("/0", "/").lstrip("0") for d in days]
    rows = [f"HAV-01,{day},07:00,15:00,council" for day in shown]
    path.write_text(HEADER + "\n".join(rows) + "\n")
    return path


@pytest.mark.parametrize(
    ("days", "row", "shown", "why"),
    [
        (DAYS, 14, "8/13/2026", "there is no month 13"),
        # every date reads either way: day first they are twelve months, 8 January ...
        (DAYS[:12], 2, "8/1/2026", "read day first, 8 January 2026 and not 1 August 2026"),
    ],
)
def test_a_record_written_month_first_is_refused_in_one_line(
    tmp_path: Path, days: list[date], row: int, shown: str, why: str
) -> None:
    path = record(tmp_path, days, "%m/%d/%Y")
    with pytest.raises(InputError) as refused:
        read_actuals(path, load_scenario(HAVERING))
    (problem,) = refused.value.problems
    told = str(problem)
    assert "month first" in told
    assert why in told
    assert repr(shown) in told
    assert f"row {row}, column date" in told


def test_the_command_exits_2_writing_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = record(tmp_path, DAYS, "%m/%d/%Y")
    out = tmp_path / "report"
    args = ["--period", "2026-08", "--actuals", str(path), "--out", str(out)]
    code = main(["report", str(HAVERING), *args])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "month first" in err[0]
    assert not out.exists()


@pytest.mark.parametrize("days", [DAYS, DAYS[:12], DAYS[4:5]])
def test_a_record_written_day_first_reads_as_before(tmp_path: Path, days: list[date]) -> None:
    table = read_actuals(record(tmp_path, days, "%d/%m/%Y"), load_scenario(HAVERING))
    assert sorted(table["date"]) == days
