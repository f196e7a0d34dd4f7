"""An uploaded roster.xlsx with a code the reader cannot take as typed (an abstraction's
over a rest day, with no tour's times to keep; AID on no High Demand Day) is refused
saying what to do on the web, not which command to run."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime

import openpyxl
from fastapi.testclient import TestClient
from httpx import Response
from web_fixtures import login, upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _typed(client: TestClient, code: str, over: Callable[[str, datetime], bool]) -> Response:
    """EAST-A's roster.xlsx with ``code`` typed over A-C0's first cell ``over`` picks (by
    its code and day), uploaded."""
    csrf = login(client, "planner-ea")
    book = openpyxl.load_workbook(io.BytesIO(client.get("/contracts/EAST-A/roster.xlsx").content))
    sheet = book["EAST-A"]
    days = [c.value for c in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == "A-C0")
    pairs = zip(row, days, strict=False)
    cell = next(c for c, d in pairs if isinstance(d, datetime) and over(str(c.value), d))
    cell.value = code
    out = io.BytesIO()
    book.save(out)
    return upload(client, csrf, out.getvalue(), "roster.xlsx", XLSX)


def test_ab_typed_over_a_rest_day_says_to_log_it_in_the_entry_log(client: TestClient) -> None:
    # "log it with s92 abstract add --start --end": a web planner has no command line
    r = _typed(client, "AB", lambda code, _: code == "R")
    assert r.status_code == 422
    assert "AB for A-C0" in r.text
    assert "log it in the entry log with its start and end, then upload the roster again" in r.text
    assert "s92 abstract" not in r.text


def test_aid_typed_on_no_high_demand_day_says_to_use_the_entry_log(client: TestClient) -> None:
    r = _typed(client, "AID", lambda code, day: code == "E" and day.day == 20)
    assert r.status_code == 422
    assert "is not a High Demand Day (log aid on another day in the entry log, as High" in r.text
    assert "s92 abstract" not in r.text
