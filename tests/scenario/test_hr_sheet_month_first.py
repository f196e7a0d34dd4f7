"""HR spreadsheets saved by a US-locale spreadsheet have their dates month first (Excel's
m/d/yyyy). Read day first, every date past the 12th was refused on its own ("there is no
month 14 (dates are day first)"), one line each, and those of the 12th or before read as
other days. Now such a sheet is refused in one line naming the row, the column and the
date and saying the dates are month first, as the duty record, the entry log and the
roster CSV are (``calendars.month_first_problem``, the one rule); scattered UK dates that
read either way are read day first, as before (nothing shows them month first)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main

LEAVE = """Officer ID,Leave type,Start date,End date
TH-01,Annual leave,2026-08-03,2026-08-14
"""
OFFICERS = """Officer ID,Contract,Rank,Service start date,In post from,In post until
TH-01,TOW-PP,PS,3/14/2014,,
TH-02,TOW-PP,PC,4/2/2020,,
"""
US_LEAVE = """Officer ID,Leave type,Start date,End date
TH-02,Annual Leave,5/4/2026,5/8/2026
"""


def files(tmp_path: Path, officers: str, leave: str) -> list[str]:
    (tmp_path / "officers.csv").write_text(officers)
    (tmp_path / "leave.csv").write_text(leave)
    return [
        "scenario",
        "import",
        "--officers",
        str(tmp_path / "officers.csv"),
        "--leave",
        str(tmp_path / "leave.csv"),
    ]


@pytest.mark.parametrize(
    ("officers", "leave", "where", "shown"),
    [
        (
            OFFICERS,
            LEAVE,
            "row 2, column Service start date",
            "3/14/2014",
        ),
        (
            OFFICERS.replace("3/14/2014", "2014-03-14"),
            US_LEAVE + "TH-01,Annual Leave,6/1/2026,6/19/2026\n",
            "row 3, column End date",
            "6/19/2026",
        ),
    ],
)
def test_a_sheet_written_month_first_is_refused_in_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    officers: str,
    leave: str,
    where: str,
    shown: str,
) -> None:
    out = tmp_path / "s.toml"
    assert main([*files(tmp_path, officers, leave), "--out", str(out)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert f": {where}: the dates are written month first" in line
    assert line.endswith(f"(got {shown!r})")
    assert not out.exists()


def test_scattered_days_that_read_either_way_are_read_day_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    officers = OFFICERS.replace("3/14/2014", "01/03/2014").replace("4/2/2020", "02/04/2020")
    leave = "Officer ID,Leave type,Start date,End date\nTH-02,Annual Leave,01/05/2026,05/05/2026\n"
    out = tmp_path / "s.toml"
    assert main([*files(tmp_path, officers, leave), "--out", str(out)]) == 0
    assert 'leave = ["2026-05-01/2026-05-05"]' in out.read_text()
