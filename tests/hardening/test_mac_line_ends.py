"""CSV files whose lines end in a lone carriage return, as Excel for Mac's 'CSV
(Macintosh)' saves them, read as the same files with Windows line ends: the separator was
judged on the whole file (one "line"), so a semicolon file with a comma in any cell was
split at commas, and a ``sep=;`` first line was read as a header cell."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hardening_helpers import run, tiny_toml

ENTRIES = [
    "officer_id;date;kind;reason;authorised_by;notified;start;end",
    "T-C0;08/10/2026;court;Crown Court, R v Smith;Insp Lane;01/09/2026;09:00;17:00",
    "T-S0;09.10.2026;training;First aid;Insp Lane;01/09/2026;0800;1600",
]


@pytest.mark.parametrize("first", ["", "sep=;\r"], ids=["no sep line", "sep line"])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16"])
def test_an_entry_log_with_mac_line_ends_imports_as_with_windows_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, first: str, encoding: str
) -> None:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml(), encoding="utf-8")
    reasons = {}
    for name, end in (("mac", "\r"), ("windows", "\r\n")):
        text = first.replace("\r", end) + end.join(ENTRIES) + end
        csv = tmp_path / f"{name}.csv"
        csv.write_bytes(text.encode(encoding))
        db = tmp_path / f"{name}.db"
        result = run(capsys, "abstract", "import", scenario, csv, "--db", db)
        assert result.code == 0, result.err
        con = sqlite3.connect(db)
        reasons[name] = con.execute("SELECT officer_id, reason FROM abstraction").fetchall()
        con.close()
    assert reasons["mac"] == reasons["windows"]
    assert ("T-C0", "Crown Court, R v Smith") in reasons["mac"]


def test_hr_sheets_with_mac_line_ends_build_a_scenario(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    officers = tmp_path / "officers.csv"
    officers.write_bytes(b"sep=;\rOfficer ID;Contract;Rank\rTH-01;TOW-PP;PC\rTH-02;TOW-PP;PS\r")
    leave = tmp_path / "leave.csv"
    leave.write_bytes(
        b"Officer ID;Leave type;Start date;End date;Notes\r"
        b"TH-01;Annual;01/05/2026;03/05/2026;Family, abroad\r"
    )
    out = tmp_path / "built.toml"
    argv = ["scenario", "import", "--officers", officers, "--leave", leave, "--out", out]
    result = run(capsys, *argv, "--start", "2026-04-01")
    assert result.code == 0, result.err
    assert "2 officers, 1 contract, 1 leave booking" in result.out
