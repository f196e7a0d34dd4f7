"""An uploaded roster.xlsx with an abstraction's code typed over a rest day (no tour's
times to keep) is refused saying what to do on the web, not which command to run."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
from fastapi.testclient import TestClient
from web_fixtures import login, upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_ab_typed_over_a_rest_day_says_to_log_it_in_the_entry_log(client: TestClient) -> None:
    # "log it with s92 abstract add --start --end": a web planner has no command line
    csrf = login(client, "planner-ea")
    book = openpyxl.load_workbook(io.BytesIO(client.get("/contracts/EAST-A/roster.xlsx").content))
    sheet = book["EAST-A"]
    days = [c.value for c in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == "A-C0")
    cell = next(
        c for c, d in zip(row, days, strict=False) if c.value == "R" and isinstance(d, datetime)
    )
    cell.value = "AB"
    out = io.BytesIO()
    book.save(out)
    r = upload(client, csrf, out.getvalue(), "roster.xlsx", XLSX)
    assert r.status_code == 422
    assert f"cell {cell.coordinate}: AB for A-C0" in r.text
    assert "log it in the entry log with its start and end, then upload the roster again" in r.text
    assert "s92 abstract" not in r.text


def test_aid_typed_on_no_high_demand_day_says_to_use_the_entry_log(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    book = openpyxl.load_workbook(io.BytesIO(client.get("/contracts/EAST-A/roster.xlsx").content))
    sheet = book["EAST-A"]
    days = [c.value for c in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == "A-C0")
    cell = next(
        c
        for c, d in zip(row, days, strict=False)
        if c.value == "E" and isinstance(d, datetime) and d.day == 20
    )
    cell.value = "AID"
    out = io.BytesIO()
    book.save(out)
    r = upload(client, csrf, out.getvalue(), "roster.xlsx", XLSX)
    assert r.status_code == 422
    assert "is not a High Demand Day (log aid on another day in the entry log, as High" in r.text
    assert "s92 abstract" not in r.text
