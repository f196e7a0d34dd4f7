"""A month's hours on the contract's grid and an officer's month are the roster's own, not
rounded to the hour: with 8.5-hour tours (20:00-04:30) an officer's 180.5 hours read 180,
and 189.5 read 190 (half to even), where roster.xlsx shows 180.5."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from fastapi.testclient import TestClient
from web_fixtures import login, publish_for, solved_small

from scheduler.web.app import create_app

HALF = """
[scenario]
name = "Half"
start = 2026-10-05
end = 2026-10-18

[[shift]]
code = "N"
start = "20:00"
end = "04:30"

[[contract]]
id = "HALF-A"
council = "Council H"
bcu = "HH"
start = 2026-01-05
posts = { constable = 2 }
cover = [{ days = ["Mon", "Wed", "Fri"], shift = "N", min = 1 }]

[[officer]]
id = "H-C0"
contract = "HALF-A"
rank = "constable"

[[officer]]
id = "H-C1"
contract = "HALF-A"
rank = "constable"
"""


def test_a_months_hours_are_shown_to_the_half_hour(tmp_path: Path) -> None:
    table = solved_small(HALF, "half.toml")
    numbers = pd.to_numeric(table["hours"])
    mine = table.index[(table["officer_id"] == "H-C0") & (table["state"] == "DUTY")]
    if numbers[table["officer_id"] == "H-C0"].sum() % 1 == 0:
        # an even count of 8.5-hour tours: one of them a rest day, as a planner edits one
        table.loc[mine[0], ["state", "shift", "start", "end"]] = ["REST", "", "", ""]
        table.loc[mine[0], "hours"] = 0.0
    db = tmp_path / "s92.db"
    publish_for(db, HALF, table, "planner-hh", "planner", bcus=["HH"])
    hours = table.assign(hours=pd.to_numeric(table["hours"])).groupby("officer_id")["hours"].sum()
    assert hours["H-C0"] % 1 == 0.5  # an odd count of 8.5-hour tours
    with TestClient(create_app(db)) as client:
        login(client, "planner-hh")
        grid = client.get("/contracts/HALF-A", params={"month": "2026-10"}).text
        for officer, total in hours.items():
            row = re.search(rf">{officer}</a>.*?<td class=\"num\">([^<]*)</td></tr>", grid, re.S)
            assert row is not None
            assert float(row.group(1)) == total
            page = client.get(f"/contracts/HALF-A/officers/{officer}", params={"month": "2026-10"})
            said = re.search(r"([\d.,]+) hours? of duty time", page.text)
            assert said is not None
            assert float(said.group(1)) == total
