"""The 17-week average lowered mid-year, then a web re-roster's preview published after
another BCU published a version: the page checks the preview again over that version, and
checked it without the reference periods the preview held to their hours as published
(those starting before its first day), refusing a lawful roster as 'would break a rule'.
It holds what the preview held, as ``s92 reroster`` and ``s92 check --from`` do."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pandas as pd
from fastapi.testclient import TestClient
from web_fixtures import SPLIT, login, previewed, publish_east_edit, scenario_of, split_east

from scheduler.check import check_roster
from scheduler.check.standing import standing, stood
from scheduler.roster.changes import CHANGE_COLUMNS
from scheduler.store import NewEntry, Store

# 88 hours in any 14 days: the fixture's roster (about 40 hours a week, 52 in one week of
# EAST-A's) holds more in periods starting before 9 November, none from it on
TIGHT = SPLIT.replace(
    "[[shift]]", "[rules]\nreference_weeks = 2\nmax_average_weekly_hours = 44\n\n[[shift]]", 1
)
FIRST = date(2026, 11, 9)


def test_a_preview_holding_periods_before_its_first_day_is_published_over_another_bcus(
    client: TestClient, db: Path
) -> None:
    split_east(db)
    with Store(db) as store:
        roster = store.latest_roster("East")
        assert roster is not None
        empty = pd.DataFrame(columns=list(CHANGE_COLUMNS))
        tightened = store.publish_roster(
            "East", roster, "average lowered", scenario_text=TIGHT, changes=empty
        )
        duty = roster[(roster["officer_id"] == "A-C0") & (roster["state"] == "DUTY")]
        sick = date.fromisoformat(next(d for d in duty["date"] if d >= "2026-11-16"))
        store.add_abstraction(
            NewEntry("A-C0", "EAST-A", sick, sick, "sickness", "flu", "Insp X", FIRST)
        )
    scenario = scenario_of(TIGHT, "east.toml")
    assert not check_roster(scenario, roster).ok  # over the new limit, before 9 November

    csrf = login(client, "planner-ea")
    job = previewed(client, csrf, FIRST.isoformat(), notified=FIRST.isoformat(), time_limit="5")
    assert "Publish as the new roster" in client.get(job).text
    theirs = publish_east_edit(db, "EAST-B", "B-C0", text=TIGHT)  # EB's planner, meanwhile
    r = client.post(f"{job}/publish", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303, html.unescape(r.text)[-1500:]

    with Store(db) as store:
        assert store.latest_version("East") == theirs + 1
        latest = store.latest_roster("East")
    assert latest is not None
    mine = latest[(latest["officer_id"] == "A-C0") & (latest["date"] == sick.isoformat())]
    assert list(mine["state"]) == ["SICK"]
    assert "LEAVE" in set(latest.loc[latest["officer_id"] == "B-C0", "state"])  # EB's kept
    # lawful by the independent checker under the rule s92 holds: periods starting before
    # 9 November no worse than as published, those from it on within the limit
    stands = standing(scenario, roster, FIRST, tightened)
    assert stands.held
    report = check_roster(scenario, latest, "published", stands.held)
    stood(report, stands)
    assert report.ok, report.breaches[:3]
