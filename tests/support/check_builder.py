"""Small scenarios and lawful rosters for the checker tests, built by hand.

Two 4-week horizons, two officers (T1 constable, T2 sergeant) on contract TST:

AUTUMN, Mon 19 Oct - Sun 15 Nov 2026: clocks go back on Sun 25 Oct (02:00 BST -> 01:00
GMT); no bank holidays; rule High Demand Days Thu 5 Nov "Million Mask March / Bonfire
Night" (aid 15:00-01:00) and Sun 8 Nov "Remembrance Sunday" (aid 07:00-17:00). T1 works
"EEEE..E" (rest Fri, Sat), T2 "LLLL..L"; T2 is on leave Mon 9 - Tue 10 Nov.

SPRING, Mon 23 Mar - Sun 19 Apr 2026: clocks go forward on Sun 29 Mar (01:00 GMT -> 02:00
BST); bank holidays Good Friday 3 Apr and Easter Monday 6 Apr; one added HDD, Sat 11 Apr
"Test Parade" (aid 08:00-18:00, 1 officer a contract). T1 works "EEEEE.." (rest Sat,
Sun), T2 "EE..EEE" (rest Wed, Thu); T2 is on leave Mon 6 - Tue 7 Apr (Easter Monday
first).

A roster line has one character per day (or 7, repeated from Monday): a shift code or
'.' for REST. The builder then applies the calendar: a leave day is LEAVE (PUBLIC_HOLIDAY
on a bank holiday), a bank holiday PUBLIC_HOLIDAY, and a working day on an HDD is HDD_AID
on the HDD's aid tour. Each base roster has no breach and no warning (tested).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from calendars import bank_holidays, high_demand_days
from scheduler.scenario import Scenario, scenario_from_dict
from scheduler.table import COLUMNS

LONDON = ZoneInfo("Europe/London")
SHIFTS = {
    "E": ("07:00", "15:00"),
    "D": ("08:00", "16:00"),
    "L": ("14:00", "22:00"),
    "N": ("22:00", "07:00"),
    "X": ("21:00", "07:00"),  # 10 h on the clock: the longest lawful tour
}
AUTUMN = date(2026, 10, 19)
SPRING = date(2026, 3, 23)
AUTUMN_LINES = {"T1": "EEEE..E", "T2": "LLLL..L"}
SPRING_LINES = {"T1": "EEEEE..", "T2": "EE..EEE"}


# The AUTUMN scenario as a file, for the command-line tests.
AUTUMN_TOML = """
[scenario]
name = "Checker test"
start = 2026-10-19
end = 2026-11-15

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[shift]]
code = "D"
start = "08:00"
end = "16:00"

[[shift]]
code = "L"
start = "14:00"
end = "22:00"

[[shift]]
code = "N"
start = "22:00"
end = "07:00"

[[shift]]
code = "X"
start = "21:00"
end = "07:00"

[[contract]]
id = "TST"
council = "Test Borough"
bcu = "XX"
start = 2026-01-05
posts = { constable = 1, sergeant = 1 }

[[officer]]
id = "T1"
contract = "TST"
rank = "constable"

[[officer]]
id = "T2"
contract = "TST"
rank = "sergeant"
leave = ["2026-11-09/2026-11-10"]
"""


def scenario(
    start: date = AUTUMN,
    weeks: int = 4,
    *,
    rules: dict[str, Any] | None = None,
    leave: dict[str, list[str]] | None = None,
    hdds: list[dict[str, Any]] | None = None,
    keep_rule_hdds: bool = True,
    contract: dict[str, Any] | None = None,
    high_demand: dict[str, Any] | None = None,
    officers: list[dict[str, Any]] | None = None,
) -> Scenario:
    end = start + timedelta(days=7 * weeks - 1)
    if leave is None:
        leave = (
            {"T2": ["2026-11-09/2026-11-10"]}
            if start == AUTUMN
            else {"T2": ["2026-04-06/2026-04-07"]}
        )
    if hdds is None:
        hdds = (
            []
            if start == AUTUMN
            else [
                {
                    "date": date(2026, 4, 11),
                    "name": "Test Parade",
                    "start": "08:00",
                    "end": "18:00",
                    "officers": 1,
                }
            ]
        )
    remove = [] if keep_rule_hdds else [h.date for h in high_demand_days(start, end)]
    data: dict[str, Any] = {
        "scenario": {"name": "Checker test", "start": start, "end": end},
        "rules": rules or {},
        "shift": [{"code": c, "start": s, "end": e} for c, (s, e) in SHIFTS.items()],
        "contract": [
            {
                "id": "TST",
                "council": "Test Borough",
                "bcu": "XX",
                "start": date(2026, 1, 5),
                "posts": {"constable": 1, "sergeant": 1},
                **(contract or {}),
            }
        ],
        "officer": officers
        or [
            {"id": "T1", "contract": "TST", "rank": "constable", "leave": leave.get("T1", [])},
            {"id": "T2", "contract": "TST", "rank": "sergeant", "leave": leave.get("T2", [])},
        ],
        "high_demand": {"add": hdds, "remove": remove, **(high_demand or {})},
    }
    return scenario_from_dict(data, "test.toml")


def tour(day: date, start: str, end: str) -> dict[str, Any]:
    """start/end/hours of a tour beginning on ``day`` at London wall times (end <= start
    finishes the next day), computed here with zoneinfo, apart from the checker."""
    t0, t1 = time.fromisoformat(start), time.fromisoformat(end)
    begins = datetime.combine(day, t0, tzinfo=LONDON)
    ends = datetime.combine(day + timedelta(days=1) if t1 <= t0 else day, t1, tzinfo=LONDON)
    elapsed = (ends.astimezone(UTC) - begins.astimezone(UTC)).total_seconds() / 3600
    return {"start": begins.isoformat(), "end": ends.isoformat(), "hours": round(elapsed, 2)}


def off() -> dict[str, Any]:
    return {"shift": "", "start": "", "end": "", "hours": 0.0}


def roster(s: Scenario, lines: dict[str, str] | None = None) -> pd.DataFrame:
    """A roster table as the engine writes it (text dates and ISO start/end)."""
    lines = {**(AUTUMN_LINES if s.start == AUTUMN else SPRING_LINES), **(lines or {})}
    holidays = bank_holidays(s.start, s.end)
    hdds = {h.date: h for h in s.high_demand_days()}
    rows = []
    for o in s.officers:
        line = lines[o.id]
        leave = o.leave_days()
        for i, d in enumerate(s.days):
            if not o.in_post(d):
                continue
            code = line[d.weekday()] if len(line) == 7 else line[i]
            row = {
                "officer_id": o.id,
                "contract_id": o.contract,
                "rank": o.rank,
                "date": d.isoformat(),
                "event": "",
            }
            row.update(_day(code, d, d in leave, holidays.get(d), hdds.get(d)))
            rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _day(code: str, d: date, on_leave: bool, holiday: str | None, hdd: Any) -> dict[str, Any]:
    if on_leave:
        return {"state": "PUBLIC_HOLIDAY" if holiday else "LEAVE", **off()}
    if hdd is not None and code != ".":
        return {
            "state": "HDD_AID",
            "shift": "AID",
            "event": hdd.name,
            **tour(d, f"{hdd.start:%H:%M}", f"{hdd.end:%H:%M}"),
        }
    if holiday:
        return {"state": "PUBLIC_HOLIDAY", **off()}
    if code == ".":
        return {"state": "REST", **off()}
    return {"state": "DUTY", "shift": code, **tour(d, *SHIFTS[code])}


def set_day(
    frame: pd.DataFrame,
    officer: str,
    day: str,
    state: str,
    shift: str = "",
    times: tuple[str, str] | None = None,
    **cells: Any,
) -> pd.DataFrame:
    """Edit one officer-day like a planner in Excel: a state, a shift whose times fill
    start/end/hours (or explicit wall ``times``), and any other cells."""
    d = date.fromisoformat(day)
    at = (frame["officer_id"] == officer) & (frame["date"] == day)
    assert at.sum() == 1, f"no single row for {officer} on {day}"
    values: dict[str, Any] = {"state": state, "shift": shift, "event": ""}
    if times is not None:
        values.update(tour(d, *times))
    elif shift in SHIFTS:
        values.update(tour(d, *SHIFTS[shift]))
    else:
        values.update(off())
    values.update(cells)
    frame = frame.copy()
    for column, value in values.items():
        frame.loc[at, column] = value
    return frame


def found(report: Any, warnings: bool = False) -> set[tuple[str, str, str]]:
    """(officer, date, rule) of every breach (or warning)."""
    items = report.warnings if warnings else report.breaches
    return {(b.officer_id, b.date.isoformat(), b.rule) for b in items}


def london_year(contracts: int = 22, per_contract: int = 15) -> Scenario:
    """A London-wide year (FY2026: 1 Apr 2026 - 31 Mar 2027, both clock changes, 10 bank
    holidays): ``contracts`` x ``per_contract`` officers working "LLLLL.." with a week's
    leave each. The Sunday HDDs (Carnival Sunday, Remembrance Sunday) are removed, as
    everyone rests on Sundays; Carnival Monday, Bonfire Night and NYE stay."""
    start, end = date(2026, 4, 1), date(2027, 3, 31)
    sundays = [h.date for h in high_demand_days(start, end) if h.date.weekday() == 6]
    leave_weeks = [date(2026, 4, 6) + timedelta(weeks=k) for k in range(50)]
    officers = []
    for c in range(contracts):
        for i in range(per_contract):
            n = c * per_contract + i
            monday = leave_weeks[n % len(leave_weeks)]
            officers.append(
                {
                    "id": f"C{c:02d}-{i:02d}",
                    "contract": f"C{c:02d}",
                    "rank": "sergeant" if i == 0 else "constable",
                    "leave": [f"{monday}/{monday + timedelta(days=4)}"],
                }
            )
    data: dict[str, Any] = {
        "scenario": {"name": "London", "start": start, "end": end},
        "shift": [{"code": c, "start": s, "end": e} for c, (s, e) in SHIFTS.items()],
        "contract": [
            {
                "id": f"C{c:02d}",
                "council": f"Borough {c}",
                "bcu": "XX",
                "start": date(2026, 1, 5),
                "posts": {"constable": per_contract - 1, "sergeant": 1},
            }
            for c in range(contracts)
        ],
        "officer": officers,
        "high_demand": {"remove": sundays},
    }
    return scenario_from_dict(data, "london.toml")
