"""`s92 scenario import --contracts` dropped an `Uplift` column without a word: a council's
3% a year was left out of the scenario it built, and every charge after 2019/20 with it.
The column is read now (a cell formatted as 3%, 0.03 or "3%"), and a value that is no
share refused in one line naming the file, row, column and value."""

from __future__ import annotations

import tomllib
from pathlib import Path

import openpyxl
import pytest

from scheduler.cli import main

OFFICERS = "officer id,contract,rank,service years\nA1,C1,PC,5\nA2,C2,PC,5\nA3,C3,PC,5\n"
LEAVE = "officer id,start date,end date\nA1,2026-05-04,2026-05-08\n"
HEAD = ["contract", "council", "bcu", "start date", "Uplift"]


def imported(tmp_path: Path, contracts: Path) -> list[str]:
    (tmp_path / "officers.csv").write_text(OFFICERS, encoding="utf-8")
    (tmp_path / "leave.csv").write_text(LEAVE, encoding="utf-8")
    return [
        "scenario",
        "import",
        "--officers",
        str(tmp_path / "officers.csv"),
        "--leave",
        str(tmp_path / "leave.csv"),
        "--contracts",
        str(contracts),
        "--out",
        str(tmp_path / "s.toml"),
    ]


def test_the_uplift_column_is_read_from_a_workbook(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.append(HEAD)
    for row in (
        ["C1", "LB One", "EA", "2026-04-01", 0.03],
        ["C2", "LB Two", "EA", "2026-04-01", "2.5%"],
    ):
        sheet.append(row)
    sheet["E2"].number_format = "0%"  # as Excel keeps a percentage: 0.03, shown 3%
    sheet.append(["C3", "LB Three", "EA", "2026-04-01", None])
    book.save(tmp_path / "contracts.xlsx")
    assert main(imported(tmp_path, tmp_path / "contracts.xlsx")) == 0
    data = tomllib.loads((tmp_path / "s.toml").read_text(encoding="utf-8"))
    uplifts = {c["id"]: c.get("uplift") for c in data["contract"]}
    assert uplifts == {"C1": 0.03, "C2": 0.025, "C3": None}


def test_an_uplift_that_is_no_share_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        "C1,LB One,EA,2026-04-01,3",
        "C2,LB Two,EA,2026-04-01,abc",
        "C3,LB Three,EA,2026-04-01,",
    ]
    contracts = tmp_path / "contracts.csv"
    contracts.write_text("\n".join([",".join(HEAD), *rows]) + "\n", encoding="utf-8")
    assert main(imported(tmp_path, contracts)) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    hint = 'a share from 0 to 1: write 3% as 0.03 or "3%"'
    assert lines == [
        f"{contracts}: row 2, column Uplift: {hint} (got '3')",
        f"{contracts}: row 3, column Uplift: {hint} (got 'abc')",
    ]
    assert not (tmp_path / "s.toml").exists()
