"""A contract whose id is Excel's reserved sheet name ("History", the change log of a shared
workbook) got a sheet of that name, and Excel opened roster.xlsx only after a repair that
dropped it; the sheet is now named apart, and the workbook still reads back whole."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from check_builder import roster, scenario

from scheduler.check.workbook import load_roster_xlsx
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.export.xlsx_cells import sheet_title


@pytest.mark.parametrize("contract_id", ["History", "HISTORY", "history"])
def test_no_sheet_takes_excels_reserved_name(contract_id: str, tmp_path: Path) -> None:
    officers = [
        {"id": "T1", "contract": contract_id, "rank": "constable"},
        {"id": "T2", "contract": contract_id, "rank": "sergeant"},
    ]
    s = scenario(contract={"id": contract_id}, officers=officers)
    table = roster(s)
    path = write_roster_xlsx(table, tmp_path / "roster.xlsx", s)
    titles = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert "history" not in [t.lower() for t in titles]
    assert any(t.lower().startswith("history") for t in titles)  # still its contract's name
    back = load_roster_xlsx(path, s).table
    assert sorted(back["date"].astype(str)) == sorted(table["date"])
    assert set(back["contract_id"]) == {contract_id}


def test_a_report_sheet_is_not_named_history_either() -> None:
    taken: set[str] = set()
    assert sheet_title("History", taken).lower() != "history"
    assert sheet_title("Other", taken) == "Other"
