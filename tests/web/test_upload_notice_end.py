"""The web upload's change notice starts where ``changes.csv`` would: at the first
officer-day whose state, start or end differs (it looked at state and start only, so a
tour's end edited before the first other change was left out of the preview)."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from web_fixtures import login, upload


def test_an_edited_tour_end_before_the_first_other_change_is_in_the_preview(
    client: TestClient,
) -> None:
    csrf = login(client, "planner-ea")
    rows = list(csv.DictReader(io.StringIO(client.get("/contracts/EAST-A/roster.csv").text)))
    duty = next(r for r in rows if r["officer_id"] == "A-C0" and r["state"] == "DUTY")
    rest = [r for r in rows if r["officer_id"] == "A-C1" and r["state"] == "REST"]
    later = next(r for r in rest if r["date"] > duty["date"])
    duty["end"] = duty["end"].replace("T15:00", "T14:00")
    duty["hours"] = "7.00"  # the tour's hours with it (a table fault else: refused)
    later.update(state="LEAVE", shift="", start="", end="", hours="0")
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    r = upload(client, csrf, text.getvalue().encode(), follow_redirects=True)
    assert r.status_code == 200, r.text[-1500:]
    assert '<div class="value">2</div><div class="label">officer-days change' in r.text
    assert "DUTY E 07:00-14:00" in r.text  # A-C0's day, before A-C1's leave
