"""`--period 2011-12` was read as December 2011, while a council paper writing it means
the financial year 2011/12: a report of the wrong twelve months that looked right. Such a
period (the second number the year after the first's last two digits, and a month) is now
refused in one line saying how to write each, in every command taking a period."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.accounting.periods import parse_period
from scheduler.cli import main

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"


@pytest.mark.parametrize("text", ["2011-12", "2010-11", "2000-01", "1911-12"])
def test_a_year_that_could_be_a_month_is_refused_saying_how_to_write_each(text: str) -> None:
    first = int(text[:4])
    with pytest.raises(ValueError, match="could be") as refused:
        parse_period(text)
    message = str(refused.value)
    assert f"FY{first}" in message
    assert f"{text[5:]}/{first}" in message
    # and each way it names is read as what it says
    assert parse_period(f"FY{first}").kind == "financial_year"
    month = parse_period(f"{text[5:]}/{first}")
    assert (month.kind, month.year, month.month) == ("month", first, int(text[5:]))


def test_months_and_years_that_cannot_be_mistaken_stay_as_they_were() -> None:
    assert parse_period("2026-12").label == "2026-12"
    assert parse_period("2026-27").label == "FY2026"
    assert parse_period("2011/12").label == "FY2011"
    assert parse_period("Dec 2011").label == "12/2011"  # as 2011-12 is refused


def test_a_link_to_december_2011_writes_it_so_it_is_read_back() -> None:
    december = parse_period("12/2011")
    assert parse_period(december.query) == december
    assert parse_period("2026-08").query == "2026-08"


@pytest.mark.parametrize("command", ["report", "sweep"])
def test_every_command_refuses_it_in_one_line(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [command, str(HAVERING), "--period", "2011-12", "--out", str(tmp_path / "o")]
    extra = ["--db", str(tmp_path / "none.db")] if command == "report" else ["--runs", "1"]
    assert main([*argv, *extra]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "--period" in err[0]
    assert "FY2011" in err[0]
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("text", ["Year 2", "year2", "YEAR 2", "Y2"])
def test_a_contract_year_as_papers_write_it(text: str) -> None:
    # "Year 2" was refused as "not a report period"
    period = parse_period(text)
    assert (period.kind, period.label, period.number) == ("contract_year", "Y2", 2)
