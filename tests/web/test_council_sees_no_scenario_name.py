"""A scenario's name is the planners' own, and may name every council it holds ("Havering
and Redbridge s92"): a council's API answer and roster.xlsx leave it out; a planner's keep
it."""

from __future__ import annotations

import io

import openpyxl
from web_fixtures import ReadOnlyClient, login

from scheduler.table import DATA_SHEET


def _workbook_scenario(reader: ReadOnlyClient) -> object:
    r = reader.get("/contracts/EAST-A/roster.xlsx")
    assert r.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    return book[DATA_SHEET]["C1"].value


def test_a_council_is_not_given_the_scenarios_name(reader: ReadOnlyClient) -> None:
    login(reader, "council-a")
    [contract] = reader.get("/api/contracts").json()
    assert contract["id"] == "EAST-A"
    assert contract["scenario"] is None
    assert _workbook_scenario(reader) is None


def test_a_planner_still_is(reader: ReadOnlyClient) -> None:
    login(reader, "planner-ea")
    contracts = reader.get("/api/contracts").json()
    assert {c["scenario"] for c in contracts} == {"East"}
    assert _workbook_scenario(reader) == "East"
