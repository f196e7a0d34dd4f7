"""A date column formatted General or Number in Excel or LibreOffice is saved as the day
number the spreadsheet counts from 30 December 1899 (``45982`` for 21/11/2025). It was
refused as "not a date YYYY-MM-DD or DD/MM/YYYY", which the planner could not match to
anything in the sheet; now the line says it is a spreadsheet's day number, the date it
stands for, and how to save it, in every reader of dates (``calendars.day_problem``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendars import NOT_A_DATE, day_problem
from scheduler.accounting.actuals import read_actuals
from scheduler.errors import InputError
from scheduler.scenario import load_scenario

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"


@pytest.mark.parametrize(("text", "shown"), [("45982", "21/11/2025"), ("46243.0", "09/08/2026")])
def test_a_day_number_is_named_with_its_date(text: str, shown: str) -> None:
    problem = day_problem(text)
    assert problem.startswith("a spreadsheet's day number, not a date")
    assert f"is {shown})" in problem


@pytest.mark.parametrize("text", ["4598", "459820", "45982.5", "soon"])
def test_other_text_is_no_date_as_before(text: str) -> None:
    assert day_problem(text) == NOT_A_DATE


def test_a_duty_record_saved_with_day_numbers_says_so(tmp_path: Path) -> None:
    path = tmp_path / "duty.csv"
    path.write_text("officer_id,date,start,end,deployment\nHAV-01,46237,07:00,15:00,council\n")
    with pytest.raises(InputError) as refused:
        read_actuals(path, load_scenario(HAVERING))
    (problem,) = refused.value.problems
    assert problem.field == "row 2, column date"
    assert "day number, not a date (46237 is 03/08/2026)" in problem.message
