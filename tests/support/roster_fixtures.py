"""Small scenarios for solver tests: a few officers, a few weeks, real dates that include
a clock change, bank holidays and High Demand Days."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import pandas as pd

from scheduler.scenario import Scenario, scenario_from_dict
from scheduler.table import COLUMNS

SHIFTS = [
    {"code": "E", "start": "07:00", "end": "15:00"},
    {"code": "L", "start": "15:00", "end": "23:00"},
    {"code": "N", "start": "22:00", "end": "07:00"},
]


def small_scenario(
    start: date = date(2026, 10, 5),
    end: date = date(2026, 11, 29),
    constables: int = 3,
    sergeants: int = 1,
    cover_min: int = 1,
    contract_extra: dict | None = None,
    **extra: object,
) -> Scenario:
    """Two contracts in one scenario: ring-fenced from each other. ``contract_extra`` adds
    fields to both contracts."""
    officers: list[dict[str, object]] = []
    for cid in ("A", "B"):
        for i in range(sergeants):
            officers.append({"id": f"{cid}-S{i}", "contract": cid, "rank": "sergeant"})
        for i in range(constables):
            officers.append(
                {"id": f"{cid}-C{i}", "contract": cid, "rank": "constable", "service_years": 3 + i}
            )
    officers[1]["leave"] = ["2026-10-12/2026-10-16"]
    data = {
        "scenario": {"name": "Small", "start": start, "end": end},
        "shift": SHIFTS,
        "contract": [
            {
                "id": cid,
                "council": f"Council {cid}",
                "bcu": "EA",
                "start": date(2026, 1, 5),
                "posts": {"constable": constables, "sergeant": sergeants},
                "cover": [
                    {"days": ["Thu", "Fri", "Sat"], "shift": "N", "min": cover_min},
                    {"days": ["Mon", "Tue", "Wed"], "shift": "E", "min": cover_min},
                ],
                **(contract_extra or {}),
            }
            for cid in ("A", "B")
        ],
        "officer": officers,
        **extra,
    }
    return scenario_from_dict(data, "small.toml")


def seeded_roster(scenario: Scenario, seed: int = 5) -> pd.DataFrame:
    """``scenario``'s first roster from one seeded worker, checked lawful by the checker:
    solver work alone decides it, never a loaded machine's wall clock."""
    from work_alone import work_alone

    from scheduler.check import check_roster
    from scheduler.roster.run import SolveSettings, roster_scenario

    with work_alone():
        result = roster_scenario(scenario, SolveSettings(time_limit=6, seed=seed, workers=1))
    assert check_roster(scenario, result.table).breaches == []
    return result.table


def staggered_roster(
    contract_id: str,
    officers: Sequence[tuple[str, str, str]],
    first: date,
    last: date,
    tours: Mapping[str, tuple[str, str]],
) -> pd.DataFrame:
    """A published roster by hand, British Summer Time throughout: officer n of
    ``officers`` (id, rank, shift code) works five tours then two rest days, week after
    week, staggered two days from officer n - 1; ``tours``: code -> (start, end), an end
    at or before the start finishing next day."""
    rows = []
    for n, (officer_id, rank, shift) in enumerate(officers, start=1):
        start, end = tours[shift]
        overnight = end <= start
        hours = (int(end[:2]) * 60 + int(end[3:]) - int(start[:2]) * 60 - int(start[3:])) / 60
        hours += 24 * overnight
        for k in range((last - first).days + 1):
            day = first + timedelta(k)
            duty = (k + 2 * n) % 7 < 5
            ends = day + timedelta(overnight)
            rows.append(
                {
                    "officer_id": officer_id,
                    "contract_id": contract_id,
                    "rank": rank,
                    "date": day.isoformat(),
                    "state": "DUTY" if duty else "REST",
                    "shift": shift if duty else "",
                    "start": f"{day}T{start}:00+01:00" if duty else "",
                    "end": f"{ends}T{end}:00+01:00" if duty else "",
                    "hours": hours if duty else 0.0,
                    "event": "",
                }
            )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def set_tour_day(roster: pd.DataFrame, officer_id: str, day: date, duty: bool) -> None:
    """In a ``staggered_roster`` of 9-hour tours 07:00-16:00 (code E): ``officer_id`` on
    duty on ``day``, or on a rest day when not ``duty``."""
    at = (roster["officer_id"] == officer_id) & (roster["date"] == day.isoformat())
    cells = {
        "state": "DUTY" if duty else "REST",
        "shift": "E" if duty else "",
        "start": f"{day}T07:00:00+01:00" if duty else "",
        "end": f"{day}T16:00:00+01:00" if duty else "",
        "hours": 9.0 if duty else 0.0,
    }
    for column, value in cells.items():
        roster.loc[at, column] = value
