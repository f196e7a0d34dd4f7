"""A day given as a report period (``--period 2028-02-29``, ``?period=29/02/2028``): it was
refused as "not a report period", naming only the forms of periods; now the refusal says
it is a day and names the month, quarter and financial year that hold it."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.accounting.periods import parse_period
from scheduler.cli import main

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"


@pytest.mark.parametrize(
    ("text", "month", "quarter", "year"),
    [
        ("2028-02-29", "2028-02", "FY2027 Q4", "FY2027"),
        ("29/02/2028", "2028-02", "FY2027 Q4", "FY2027"),
        ("01.04.2026", "2026-04", "FY2026 Q1", "FY2026"),
        ("31-12-2026", "2026-12", "FY2026 Q3", "FY2026"),
    ],
)
def test_a_day_is_refused_naming_the_periods_that_hold_it(
    text: str, month: str, quarter: str, year: str
) -> None:
    with pytest.raises(ValueError, match="is a day") as refused:
        parse_period(text)
    told = str(refused.value)
    assert told.startswith(f"{text!r} is a day, and a report is of a month or longer")
    assert f"{month} for its month, {quarter} for its quarter or {year}" in told
    # each named period is one parse_period reads, and holds the day
    assert [parse_period(p).label for p in (month, quarter, year)] == [month, quarter, year]


def test_what_is_no_day_is_refused_as_before() -> None:
    with pytest.raises(ValueError, match="not a report period: '31/02/2028'"):
        parse_period("31/02/2028")


def test_s92_report_refuses_it_in_one_line_naming_the_day_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    argv = ["report", str(HAVERING), "--period", "2028-02-29", "--out", str(out)]
    assert main([*argv, "--db", str(tmp_path / "s92.db")]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("<command line>: --period: '2028-02-29' is a day")
    assert line.count("2028-02-29") == 1  # not again in a "(got ...)" after the reason
    assert not out.exists()
