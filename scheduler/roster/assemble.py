"""A solved contract -> roster table rows (DESIGN.md §5), the hub every later stage reads."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

import pandas as pd

from calendars import bank_holidays
from scheduler.core.result import Solution
from scheduler.rules.compile import PUBLIC_HOLIDAY, REST, CompiledContract, Pin
from scheduler.rules.tours import Tour
from scheduler.table import AID_SHIFT, COLUMNS, EXTRA_COLUMNS


@lru_cache(maxsize=65536)
def _times(tour: Tour, day: date) -> tuple[str, str, float]:
    start, end = tour.interval(day)
    utc_start, utc_end = tour.utc_interval(day)
    return _iso(start), _iso(end), round((utc_end - utc_start).total_seconds() / 3600, 2)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def contract_rows(compiled: CompiledContract, solution: Solution) -> list[dict]:
    """One row per officer per day in post; settled days keep their pinned state."""
    holidays = set(bank_holidays(compiled.days[0], compiled.days[-1]))
    # a day's text and a solved day's state worked out once, not per officer-day
    dates = [day.isoformat() for day in compiled.days]
    solved: dict[tuple[str | None, bool], Pin] = {}
    rows = []
    contract_id = compiled.contract.id
    for o in compiled.officers:
        worked = solution.assignment.get(o.id, [None] * len(compiled.days))
        for d, day in enumerate(compiled.days):
            if (o.id, d) in compiled.out_of_post:
                continue
            pin = compiled.settled.get((o.id, d))
            if pin is None:
                key = (worked[d], day in holidays)
                pin = solved.get(key)
                if pin is None:
                    pin = solved[key] = _solved(compiled, *key)
            rows.append(_row(contract_id, o.id, o.rank, day, dates[d], pin))
    return rows


def _solved(compiled: CompiledContract, code: str | None, holiday: bool) -> Pin:
    if code is None:
        return Pin(PUBLIC_HOLIDAY if holiday else REST)
    tour = compiled.tours[code]
    if tour.aid_day is not None and tour.event and code.startswith("AID-"):
        return Pin("HDD_AID", tour, tour.event)
    return Pin("DUTY", tour)


def _row(contract_id: str, officer_id: str, rank: str, day: date, iso_day: str, pin: Pin) -> dict:
    start = end = shift = ""
    hours = 0.0
    if pin.tour is not None:
        start, end, hours = _times(pin.tour, day)
        shift = AID_SHIFT if pin.state == "HDD_AID" else _shift_label(pin.tour)
    return {
        "officer_id": officer_id,
        "contract_id": contract_id,
        "rank": rank,
        "date": iso_day,
        "state": pin.state,
        "shift": shift,
        "start": start,
        "end": end,
        "hours": hours,
        "event": pin.event,
        "kind": pin.kind,
        "abstraction_id": "" if pin.abstraction_id is None else str(pin.abstraction_id),
    }


def _shift_label(tour: Tour) -> str:
    # a one-off tour (an abstraction with its own times) has no council shift code
    return "" if tour.code.startswith("X-") else tour.code


def to_table(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=[*COLUMNS, *EXTRA_COLUMNS])
    return table.sort_values(["contract_id", "officer_id", "date"], kind="stable").reset_index(
        drop=True
    )
