"""A month as council papers and UK spreadsheets write it: `--period "August 2026"`,
"Aug 2026", "08/2026" and "2026-8" were refused as "not a report period" (only 2026-08
was read). A year-first month with a slash stays a financial year (2011/12 is FY2011)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.accounting.periods import parse_period
from scheduler.cli import main


@pytest.mark.parametrize(
    "text",
    ["August 2026", "Aug 2026", "aug-2026", "AUG. 2026", "08/2026", "8/2026", "08.2026", "2026-8"],
)
def test_a_month_as_a_council_paper_writes_it(text: str) -> None:
    period = parse_period(text)
    assert (period.kind, period.label, period.year, period.month) == ("month", "2026-08", 2026, 8)


def test_september_is_sep_or_sept() -> None:
    assert parse_period("Sept 2026").label == parse_period("Sep 2026").label == "2026-09"


@pytest.mark.parametrize("text", ["13/2026", "0/2026", "Augst 2026", "2026/08x"])
def test_what_is_not_a_month_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a"):
        parse_period(text)


def test_a_year_first_slash_is_still_a_financial_year() -> None:
    assert parse_period("2011/12").label == "FY2011"


def test_the_report_reads_the_month_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"
    db = tmp_path / "none.db"
    # no store: refused for the store, not for the period (which is read first)
    argv = ["report", str(scenario), "--period", "August 2026", "--out", str(tmp_path / "o")]
    assert main([*argv, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "--period" not in err
    assert "no such store file" in err
