"""A tiny scenario, abstraction entries and a hand-built roster table for the store tests."""

from __future__ import annotations

import tomllib
from datetime import date, time, timedelta

import pandas as pd

from calendars import tour_hours, tour_interval
from scheduler.scenario import Scenario, scenario_from_dict
from scheduler.store import NewAbstraction
from scheduler.table import COLUMNS, EXTRA_COLUMNS

# Contract TB-A covers the whole horizon; TB-B starts on 1 June 2026, inside it; A-02
# leaves on 30 September 2026; TB-A penalises a custom kind, mutual_aid.
SCENARIO_TOML = """
[scenario]
name = "Test Borough"
start = 2026-04-01
end = 2026-12-31

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[shift]]
code = "N"
start = "22:00"
end = "07:00"

[[contract]]
id = "TB-A"
council = "London Borough of Test"
bcu = "XX"
start = 2026-01-05
years = 3
posts = { constable = 2, sergeant = 1 }
penalised_kinds = ["operational", "mutual_aid"]

[[contract]]
id = "TB-B"
council = "London Borough of Elsewhere"
bcu = "YY"
start = 2026-06-01
years = 1
posts = { constable = 1 }

[[officer]]
id = "A-01"
contract = "TB-A"
rank = "sergeant"

[[officer]]
id = "A-02"
contract = "TB-A"
rank = "constable"
end = 2026-09-30

[[officer]]
id = "B-01"
contract = "TB-B"
rank = "constable"
"""


def make_scenario() -> Scenario:
    return scenario_from_dict(tomllib.loads(SCENARIO_TOML), "test.toml")


def new(
    officer: str = "A-01",
    first: date = date(2026, 5, 4),
    last: date | None = None,
    kind: str = "court",
    *,
    start: time | None = None,
    end: time | None = None,
    reason: str = "Snaresbrook Crown Court",
    key: str | None = None,
) -> NewAbstraction:
    return NewAbstraction(
        officer_id=officer,
        contract_id="TB-A",
        first_date=first,
        last_date=last or first,
        kind=kind,
        reason=reason,
        authorised_by="Insp Okafor",
        notified=date(2026, 4, 20),
        start=start,
        end=end,
        source_key=key,
    )


def roster(days: list[tuple[str, str, str]], officer: str = "A-01") -> pd.DataFrame:
    """Rows for one officer: (date, state, shift code or '') with the scenario's tours."""
    tours = {"E": (time(7), time(15)), "N": (time(22), time(7))}
    rows = []
    for day, state, code in days:
        start = end = ""
        hours = 0.0
        if code:
            a, b = tour_interval(date.fromisoformat(day), *tours[code])
            start, end = a.isoformat(timespec="seconds"), b.isoformat(timespec="seconds")
            hours = tour_hours(date.fromisoformat(day), *tours[code])
        rows.append(
            {
                "officer_id": officer,
                "contract_id": "TB-A",
                "rank": "sergeant",
                "date": day,
                "state": state,
                "shift": code,
                "start": start,
                "end": end,
                "hours": hours,
                "event": "",
                "kind": "",
                "abstraction_id": "",
            }
        )
    return pd.DataFrame(rows, columns=[*COLUMNS, *EXTRA_COLUMNS])


def year_roster(officers: int, first: date = date(2026, 4, 1), days: int = 365) -> pd.DataFrame:
    """A plausible roster table: E/N tours with two rest days a week."""
    rows = []
    for o in range(officers):
        for n in range(days):
            day = first + timedelta(n)
            off = (n + o) % 7 in (5, 6)
            code = "" if off else ("E" if (n // 7 + o) % 2 else "N")
            rows.append(
                {
                    "officer_id": f"X-{o:03d}",
                    "contract_id": "TB-A",
                    "rank": "constable",
                    "date": day.isoformat(),
                    "state": "REST" if off else "DUTY",
                    "shift": code,
                    "start": "" if off else f"{day}T{'07' if code == 'E' else '22'}:00:00+01:00",
                    "end": "" if off else f"{day}T{'15' if code == 'E' else '23'}:00:00+01:00",
                    "hours": 0.0 if off else (8.0 if code == "E" else 9.0),
                    "event": "",
                    "kind": "",
                    "abstraction_id": "",
                }
            )
    return pd.DataFrame(rows, columns=[*COLUMNS, *EXTRA_COLUMNS])
