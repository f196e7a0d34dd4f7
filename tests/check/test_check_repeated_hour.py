"""Rule 'ring-fence' on the Sunday the clocks go back (25 Oct 2026): 01:30 happens twice,
first on BST (00:30 UTC) then on GMT (01:30 UTC). A tour type starting or ending at 01:30
is the first reading (as s92 roster writes it); a DUTY row at the second one is an hour
off its tour type, and the checker used to pass it because it compared wall-clock
times only."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from check_builder import AUTUMN, SHIFTS, found, roster, scenario, set_day

from scheduler.check import check_roster
from scheduler.scenario import Scenario, scenario_from_dict

TOURS = {**SHIFTS, "W": ("01:30", "09:30"), "V": ("17:30", "01:30")}


def _scenario() -> Scenario:
    data: dict[str, Any] = {
        "scenario": {"name": "Fall back", "start": AUTUMN, "end": date(2026, 11, 15)},
        "shift": [{"code": c, "start": s, "end": e} for c, (s, e) in TOURS.items()],
        "contract": [
            {
                "id": "TST",
                "council": "Test Borough",
                "bcu": "XX",
                "start": date(2026, 1, 5),
                "posts": {"constable": 1, "sergeant": 1},
            }
        ],
        "officer": [
            {"id": "T1", "contract": "TST", "rank": "constable"},
            {"id": "T2", "contract": "TST", "rank": "sergeant"},
        ],
    }
    return scenario_from_dict(data, "fall-back.toml")


AUT = _scenario()
# T1 starts W at 01:30 on the Sunday; T2 ends V at 01:30 after its Saturday evening and
# rests on the Sunday instead
FIRST = set_day(roster(AUT), "T1", "2026-10-25", "DUTY", "W", times=TOURS["W"])
FIRST = set_day(FIRST, "T2", "2026-10-24", "DUTY", "V", times=TOURS["V"])
FIRST = set_day(FIRST, "T2", "2026-10-25", "REST")


def test_the_first_0130_is_the_tour_types_time_and_lawful() -> None:
    t1 = FIRST[(FIRST["officer_id"] == "T1") & (FIRST["date"] == "2026-10-25")].iloc[0]
    assert (t1["start"], t1["hours"]) == ("2026-10-25T01:30:00+01:00", 9.0)
    assert check_roster(AUT, FIRST).breaches == []


@pytest.mark.parametrize(
    ("officer", "day", "shift", "start", "end", "hours", "which"),
    [  # T1's W starting at the second 01:30; T2's V ending at it
        (
            "T1",
            "2026-10-25",
            "W",
            "2026-10-25T01:30:00+00:00",
            "2026-10-25T09:30:00+00:00",
            8,
            "starts",
        ),
        (
            "T2",
            "2026-10-24",
            "V",
            "2026-10-24T17:30:00+01:00",
            "2026-10-25T01:30:00+00:00",
            9,
            "ends",
        ),
    ],
)
def test_a_tour_at_the_second_0130_is_not_its_tour_type(
    officer: str, day: str, shift: str, start: str, end: str, hours: float, which: str
) -> None:
    cells = {"start": start, "end": end, "hours": hours}
    frame = set_day(FIRST, officer, day, "DUTY", shift, times=TOURS[shift], **cells)
    report = check_roster(AUT, frame)
    assert found(report) == {(officer, day, "ring-fence")}
    assert f"{which} at the second 01:30" in report.breaches[0].detail


def test_aid_at_the_second_0130_is_not_the_high_demand_days_tour() -> None:
    hdd = {"date": date(2026, 10, 25), "name": "Night op", "start": "01:30", "end": "09:30"}
    s = scenario(AUTUMN, hdds=[hdd])
    base = roster(s)  # both officers on aid that Sunday, at the first 01:30 (BST)
    assert check_roster(s, base).breaches == []
    frame = set_day(
        base,
        "T1",
        "2026-10-25",
        "HDD_AID",
        "AID",
        times=("01:30", "09:30"),
        event="Night op",
        start="2026-10-25T01:30:00+00:00",
        end="2026-10-25T09:30:00+00:00",
        hours=8.0,
    )
    report = check_roster(s, frame)
    assert found(report) == {("T1", "2026-10-25", "high-demand-day")}
    assert "aid tour 01:30-09:30 starts at the second 01:30" in report.breaches[0].detail
