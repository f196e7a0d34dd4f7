"""Report periods as a council types them from its papers and spreadsheets (README:
Periods): "Financial Year 2026/27" (a paper's heading), "Apr-26" (a month's date as a
spreadsheet shows it, format mmm-yy), "Q1 26/27" (as "FY26/27" was read) and "Contract
year 2" were refused as "not a report period"; "FY26", the year 2025/26 to some papers and
2026/27 to others, is refused saying how to write each."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from scheduler.accounting.periods import parse_period
from scheduler.cli import main

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Financial Year 2026/27", "FY2026"),
        ("financial year 2026-27", "FY2026"),
        ("Financial Year 2026", "FY2026"),
        ("Q3 Financial Year 2026/27", "FY2026 Q3"),
        ("Apr-26", "2026-04"),
        ("Aug '26", "2026-08"),
        ("Aug \u201926", "2026-08"),
        ("SEPT-26", "2026-09"),
        ("March-28", "2028-03"),
        ("Dec-11", "12/2011"),
        ("Q1 26/27", "FY2026 Q1"),
        ("26-27 Q4", "FY2026 Q4"),
        ("Contract year 2", "Y2"),
        ("contract year 1", "Y1"),
    ],
)
def test_a_period_as_a_council_types_it(text: str, label: str) -> None:
    assert parse_period(text).label == label
    assert parse_period(label).label == label  # named as it is read back


@pytest.mark.parametrize(
    ("text", "told", "labels"),
    [
        (
            "FY26",
            "year 2025/26 or 2026/27: write FY2025 for 2025/26, FY2026 for 2026/27",
            ["FY2025", "FY2026"],
        ),
        (
            "fy 27",
            "year 2026/27 or 2027/28: write FY2026 for 2026/27, FY2027 for 2027/28",
            ["FY2026", "FY2027"],
        ),
        ("Q4 FY26", "FY2025 Q4 for 2025/26, FY2026 Q4 for 2026/27", ["FY2025 Q4", "FY2026 Q4"]),
        ("FY26 Q1", "FY2025 Q1 for 2025/26, FY2026 Q1 for 2026/27", ["FY2025 Q1", "FY2026 Q1"]),
        # a month shown mmm yy, or a day: refused as "not a report period", as if no month
        # were near it
        ("Apr 26", "April 2026 or 26 April: write Apr-26, April 2026 or 2026-04", ["2026-04"]),
        ("sept. 26", "September 2026 or 26 September: write Sep-26", ["2026-09"]),
        (
            "Dec 11",
            "December 2011 or 11 December: write Dec-11, December 2011 or 12/2011",
            ["12/2011"],
        ),
    ],
)
def test_a_period_of_two_readings_is_refused_naming_each(
    text: str, told: str, labels: list[str]
) -> None:
    """A two-digit financial year ('FY26': 2025/26 to some papers, 2026/27 to others) or a
    month and two digits ('Apr 26'), refused saying how to write each reading."""
    with pytest.raises(ValueError, match="could be") as refused:
        parse_period(text)
    assert str(refused.value).startswith(repr(text))
    assert told in str(refused.value)
    for label in labels:  # each way it says to write it is read back as itself
        assert parse_period(label).label == label


@pytest.mark.parametrize("text", ["Foo-26", "Foo 26", "Q1 26/28", "26/27", "Contract 1"])
def test_what_could_be_a_day_or_is_no_period_is_still_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a report period"):
        parse_period(text)


def test_s92_report_reads_a_spreadsheet_month(tmp_path: Path) -> None:
    record = tmp_path / "duty.csv"
    rows = [f"HAV-0{n},03/08/2026,07:00,15:00,council" for n in range(1, 6)]
    record.write_text("officer_id,date,start,end,deployment\n" + "\n".join(rows) + "\n")
    out = tmp_path / "out"
    argv = ["report", str(HAVERING), "--period", "Aug-26", "--out", str(out)]
    assert main([*argv, "--actuals", str(record), "--db", str(tmp_path / "s92.db")]) == 0
    (row,) = pd.read_csv(out / "report.csv", dtype=str).to_dict("records")
    assert (row["period"], row["period_start"], row["delivered_days"]) == (
        "2026-08",
        "2026-08-03",
        "5",
    )


def test_s92_report_refuses_fy26_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    argv = ["report", str(HAVERING), "--period", "FY26", "--out", str(out)]
    assert main([*argv, "--db", str(tmp_path / "s92.db")]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("<command line>: --period: 'FY26' could be the financial year")
    assert not out.exists()
