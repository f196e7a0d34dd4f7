"""High Demand Day aid announced after publication, on the rest day of officers whose
17-week average stands at its limit: the re-roster gives them a day off more (the aid tour
is longer than the tour it displaces), not a refusal that blames no entry."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from calendars import LONDON
from scheduler.check import check_roster
from scheduler.commands.reroster import print_failure
from scheduler.roster.reroster import reroster
from scheduler.scenario import Scenario, scenario_from_dict
from scheduler.table import COLUMNS, EXTRA_COLUMNS

START, END = date(2027, 2, 1), date(2027, 2, 28)  # four weeks, no bank holiday
HDD = date(2027, 2, 13)  # a Saturday: a rest day of every officer


def scenario(hdd: bool) -> Scenario:
    data: dict[str, object] = {
        "scenario": {"name": "Average", "start": START, "end": END},
        # a two-week reference period, so the four-week roster holds whole ones
        "rules": {"max_average_weekly_hours": 45, "reference_weeks": 2},
        "shift": [
            {"code": "E", "start": "22:00", "end": "07:00"},
            {"code": "L", "start": "07:00", "end": "17:00"},
        ],
        "contract": [
            {
                "id": "A",
                "council": "Council A",
                "bcu": "EA",
                "start": date(2026, 1, 5),
                "posts": {"constable": 2},
                "cover": [{"days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "shift": "E", "min": 1}],
            }
        ],
        "officer": [
            {"id": f"A{i}", "contract": "A", "rank": "constable", "service_years": 5}
            for i in range(2)
        ],
    }
    if hdd:
        data["high_demand"] = {
            "add": [{"date": HDD, "name": "Announced", "start": "09:00", "end": "19:00"}]
        }
    return scenario_from_dict(data, "average.toml")


def published() -> pd.DataFrame:
    """Nights Monday to Friday, weekends off: ten 9-hour tours in every fortnight, the
    45-hour average's 90 hours exactly, and the rest days owed exactly."""
    rows = []
    for officer in ("A0", "A1"):
        for n in range((END - START).days + 1):
            day = START + timedelta(n)
            row: dict[str, object] = dict.fromkeys([*COLUMNS, *EXTRA_COLUMNS], "")
            row |= {"officer_id": officer, "contract_id": "A", "rank": "constable"}
            row |= {"date": day.isoformat(), "state": "REST", "hours": 0.0}
            if day.weekday() < 5:
                start = datetime(day.year, day.month, day.day, 22, tzinfo=LONDON)
                end = start + timedelta(hours=9)
                row |= {"state": "DUTY", "shift": "E", "hours": 9.0}
                row |= {"start": start.isoformat(), "end": end.isoformat()}
            rows.append(row)
    return pd.DataFrame(rows, columns=[*COLUMNS, *EXTRA_COLUMNS])


def test_aid_on_a_rest_day_at_the_average_limit_gives_a_day_off_more() -> None:
    table = published()
    assert check_roster(scenario(hdd=False), table).breaches == []
    now = scenario(hdd=True)
    result = reroster(now, table, [], date(2027, 2, 8), date(2027, 2, 7), time_limit=3)
    assert result.feasible, result.conflicts
    assert check_roster(now, result.table).breaches == []
    new = result.table
    on_aid = new[(new["date"] == HDD.isoformat()) & (new["state"] == "HDD_AID")]
    assert sorted(on_aid["officer_id"]) == ["A0", "A1"]
    for officer in ("A0", "A1"):
        mine = new[new["officer_id"] == officer]
        # the aid's hour more than the night it displaces: more than the 8 rest days published
        assert (mine["state"] == "REST").sum() > 8
    # every change is put down to the High Demand Day, none to an entry
    assert set(result.changes["entry_id"]) == {""}
    assert result.changes["reason"].str.contains("Announced, a High Demand Day").all()


def test_aid_no_roster_can_hold_is_named_with_its_day_and_officers() -> None:
    # from the HDD itself: the night before it stands, ending two hours before the aid
    now = scenario(hdd=True)
    result = reroster(now, published(), [], HDD, HDD - timedelta(1), time_limit=3)
    assert result.status == "INFEASIBLE"
    assert result.conflicts[0] == (
        "contract A: no lawful roster holds with A0, A1 on the aid of Announced on 2027-02-13, "
        "a High Demand Day since publication, under the working-time rules of the scenario "
        "(rest between tours, the average weekly hours): change the day's aid in "
        "[high_demand], or re-roster from an earlier --from"
    )


def test_the_advice_after_aid_no_roster_holds_sends_no_one_to_the_entries(
    capsys: pytest.CaptureFixture[str],
) -> None:
    now = scenario(hdd=True)
    result = reroster(now, published(), [], HDD, HDD - timedelta(1), time_limit=3)
    print_failure(result)
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("cannot re-roster contract A: no lawful roster holds with A0, A1")
    assert err[-1] == "nothing written: no entry is to blame; the lines above say what to change"
