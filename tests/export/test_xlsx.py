"""roster.xlsx: a hand-built roster written and read back with openpyxl."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from scheduler.export.xlsx import STATE_COLOURS, write_roster_xlsx
from scheduler.scenario import load_scenario
from scheduler.table import COLUMNS

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
LONG_ID = "SOUTHWARK-PARTNERSHIP-PLUS-2026-EXTENSION"  # 41 characters
DAYS = [date(2026, 8, 28) + timedelta(n) for n in range(5)]  # Fri 28 Aug .. Tue 1 Sep
CARNIVAL = "Notting Hill Carnival (Sunday)"

# officer -> (contract, rank, [(state, shift, event) per day of DAYS]); None = not in post
PLAN = {
    "PC-2": (
        "C-ONE",
        "constable",
        [
            ("DUTY", "E", ""),
            ("REST", "", ""),
            ("HDD_AID", "AID", CARNIVAL),
            ("PUBLIC_HOLIDAY", "", ""),
            ("LEAVE", "", ""),
        ],
    ),
    "PS-1": (
        "C-ONE",
        "sergeant",
        [
            ("DUTY", "L", ""),
            ("SICK", "", ""),
            ("HDD_AID", "AID", CARNIVAL),
            ("TRAINING", "", "course"),
            ("COURT", "", "trial"),
        ],
    ),
    "=1+2": (
        "C-ONE",
        "constable",
        [
            ("EMERGENCY_AID", "", "flood"),
            ("ABSTRACTED", "", '=HYPERLINK("http://x")'),
            ("DUTY", "+N", ""),
            ("DUTY", "-E", ""),
            ("DUTY", "@SUM(A1)", ""),
        ],
    ),
    "LONG-1": (
        LONG_ID,
        "constable",
        [
            None,
            None,
            ("REST", "", ""),
            ("DUTY", "D", ""),
            ("DUTY", "D", ""),
        ],
    ),
}


def roster() -> pd.DataFrame:
    rows = []
    for oid, (cid, rank, days) in PLAN.items():
        for day, entry in zip(DAYS, days, strict=True):
            if entry is None:
                continue
            state, shift, event = entry
            rows.append(
                {
                    "officer_id": oid,
                    "contract_id": cid,
                    "rank": rank,
                    "date": day.isoformat(),
                    "state": state,
                    "shift": shift,
                    "start": "",
                    "end": "",
                    "hours": 8.0,
                    "event": event,
                }
            )
    return pd.DataFrame(rows, columns=list(COLUMNS))


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("xlsx") / "roster.xlsx"
    assert write_roster_xlsx(roster(), path) == path
    return openpyxl.load_workbook(path)


def row_of(ws, label: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)


def test_a_sheet_per_contract_then_the_legend(book) -> None:
    assert book.sheetnames == ["C-ONE", LONG_ID[:31], "Legend"]


def test_headers_are_dates_and_weekdays(book) -> None:
    ws = book["C-ONE"]
    assert ws["A2"].value == "Officer" and ws["B2"].value == "Rank"
    assert [ws.cell(2, 3 + i).value for i in range(5)] == [
        datetime(d.year, d.month, d.day) for d in DAYS
    ]
    assert [ws.cell(3, 3 + i).value for i in range(5)] == ["Fr", "Sa", "Su", "Mo", "Tu"]
    assert ws["C1"].value == "Aug 2026" and ws["G1"].value == "Sep 2026"  # month bands
    assert ws["C1"].fill.fgColor.rgb != ws["G1"].fill.fgColor.rgb


def test_freeze_panes_at_the_first_data_cell(book) -> None:
    assert book["C-ONE"].freeze_panes == "C4"
    assert book[LONG_ID[:31]].freeze_panes == "C4"


def test_officers_in_rank_order_with_codes(book) -> None:
    ws = book["C-ONE"]
    rows = {ws.cell(r, 1).value: r for r in range(4, 7)}
    assert list(rows) == ["PS-1", "=1+2", "PC-2"]  # supervisors first, then by id
    assert ws.cell(rows["PS-1"], 2).value == "PS"
    assert [ws.cell(rows["PC-2"], 3 + i).value for i in range(5)] == ["E", "R", "AID", "BH", "AL"]
    assert [ws.cell(rows["PS-1"], 3 + i).value for i in range(5)] == ["L", "SK", "AID", "TR", "CT"]
    assert [ws.cell(rows["=1+2"], 3 + i).value for i in range(2)] == ["EM", "AB"]


def test_cells_filled_by_state(book) -> None:
    ws = book["C-ONE"]
    r = row_of(ws, "PC-2")
    for i, (state, _, _) in enumerate(PLAN["PC-2"][2]):
        assert ws.cell(r, 3 + i).fill.fgColor.rgb.endswith(STATE_COLOURS[state]), state
    r = row_of(ws, "=1+2")
    assert ws.cell(r, 4).fill.fgColor.rgb.endswith(STATE_COLOURS["ABSTRACTED"])


def test_not_in_post_days_are_blank(book) -> None:
    ws = book[LONG_ID[:31]]
    r = row_of(ws, "LONG-1")
    assert [ws.cell(r, 3 + i).value for i in range(5)] == [None, None, "R", "D", "D"]
    assert ws.cell(r, 3).fill.fill_type is None


def test_totals_rows_count_each_day(book) -> None:
    ws = book["C-ONE"]
    totals = {
        label: [ws.cell(row_of(ws, label), 3 + i).value for i in range(5)]
        for label in ("On duty", "On aid", "Other duty", "Off")
    }
    assert totals == {
        "On duty": [2, 0, 1, 1, 1],
        "On aid": [1, 0, 2, 0, 0],
        "Other duty": [0, 1, 0, 1, 1],
        "Off": [0, 2, 0, 1, 1],
    }


def test_hdd_and_bank_holiday_columns_have_notes(book) -> None:
    ws = book["C-ONE"]
    assert ws["C2"].comment is None
    assert CARNIVAL in ws["E2"].comment.text  # Sun 30 Aug: aid event
    assert "Late Summer Bank Holiday" in ws["F2"].comment.text  # Mon 31 Aug
    assert ws["E2"].fill.fgColor.rgb.endswith(STATE_COLOURS["HDD_AID"])


def test_formula_injection_is_neutralised(book, tmp_path: Path) -> None:
    ws = book["C-ONE"]
    r = row_of(ws, "=1+2")
    cells = [ws.cell(r, 1), *(ws.cell(r, c) for c in (5, 6, 7))]
    assert [c.value for c in cells] == ["=1+2", "+N", "-E", "@SUM(A1)"]
    for cell in cells:
        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    # and no formula element anywhere in the package
    path = tmp_path / "r.xlsx"
    write_roster_xlsx(roster(), path)
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)


def test_legend_lists_every_state_and_the_hdds(book) -> None:
    rows = list(book["Legend"].iter_rows(values_only=True))
    codes = {r[1]: r[0] for r in rows[1:11]}
    assert codes["REST"] == "R" and codes["HDD_AID"] == "AID" and codes["LEAVE"] == "AL"
    assert "E" in codes["DUTY"] and "L" in codes["DUTY"]
    assert ("2026-08-30", "Su", CARNIVAL) in rows
    fill = book["Legend"]["A3"].fill.fgColor.rgb
    assert fill.endswith(STATE_COLOURS["REST"])


def test_no_temporary_file_left_behind(tmp_path: Path) -> None:
    write_roster_xlsx(roster(), tmp_path / "out" / "roster.xlsx")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["roster.xlsx"]


def test_scenario_gives_horizon_heading_and_announced_hdds(tmp_path: Path) -> None:
    scenario = load_scenario(SCENARIOS / "havering.toml")
    table = pd.DataFrame(
        [
            {
                "officer_id": "HAV-01",
                "contract_id": "HAV-PP",
                "rank": "sergeant",
                "date": "2026-04-01",
                "state": "DUTY",
                "shift": "E",
                "start": "",
                "end": "",
                "hours": 8.0,
                "event": "",
            }
        ],
        columns=list(COLUMNS),
    )
    ws = openpyxl.load_workbook(write_roster_xlsx(table, tmp_path / "h.xlsx", scenario))["HAV-PP"]
    assert ws.max_column == 2 + 365
    assert "Havering" in ws["A1"].value
    col = 3 + (date(2026, 6, 13) - date(2026, 4, 1)).days
    assert "Trooping the Colour" in ws.cell(2, col).comment.text


def test_a_london_sized_roster_writes(tmp_path: Path) -> None:
    """330 officers x 365 days (speed is measured in benchmarks, not here)."""
    days = [date(2026, 4, 1) + timedelta(n) for n in range(365)]
    states = ("DUTY", "DUTY", "DUTY", "REST", "REST", "LEAVE", "HDD_AID")
    rows = [
        (
            f"O-{o:03d}",
            f"C-{o // 15:02d}",
            "constable",
            d.isoformat(),
            states[(o + n) % 7],
            "E" if states[(o + n) % 7] == "DUTY" else "",
            "",
            "",
            8.0,
            "",
        )
        for o in range(330)
        for n, d in enumerate(days)
    ]
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    path = write_roster_xlsx(table, tmp_path / "london.xlsx")
    assert path.stat().st_size > 100_000
