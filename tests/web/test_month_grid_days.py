"""The month grid asks the council's cover only of the days the roster has: a month the
horizon starts or ends in is not short on the days before or after it."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store

# EAST-B asks for one officer on the late tour Thursdays and Fridays; its horizon is
# 2026-10-05 (a Monday) to 2026-11-29 (a Sunday): October's 1st and 2nd are a Thursday
# and a Friday before it; NORTH-C asks Mondays and Tuesdays: November's 30th is after it.
CASES = [("council-b", "EAST-B", "L", {3, 4}, "2026-10"),
         ("council-c", "NORTH-C", "E", {0, 1}, "2026-11")]  # fmt: skip


def _short_days(db: Path, scenario: str, contract: str, shift: str, weekdays: set[int],
                month: str) -> int:  # fmt: skip
    """Days of the horizon in ``month`` the roster has fewer than one officer on ``shift``
    that the council asks for, counted from the roster itself."""
    with Store(db) as store:
        roster = store.latest_roster(scenario)
    assert roster is not None
    mine = roster[(roster["contract_id"] == contract) & (roster["date"].astype(str) >= month)]
    on = mine[(mine["state"] == "DUTY") & (mine["shift"] == shift)]
    counts = on.groupby(on["date"].astype(str)).size().to_dict()
    first, last = date(2026, 10, 5), date(2026, 11, 29)
    days = [first + timedelta(i) for i in range((last - first).days + 1)]
    return sum(
        1
        for d in days
        if d.isoformat().startswith(month) and d.weekday() in weekdays
        and counts.get(d.isoformat(), 0) < 1
    )  # fmt: skip


@pytest.mark.parametrize(("account", "contract", "shift", "weekdays", "month"), CASES)
def test_no_day_outside_the_horizon_is_counted_short(
    client: TestClient,
    db: Path,
    account: str,
    contract: str,
    shift: str,
    weekdays: set[int],
    month: str,
) -> None:
    # November's page of NORTH-C said '1 tour-day this month with fewer officers on duty
    # than the council asked for', a red 0/1 on the 30th, a day after the roster's end
    login(client, account)
    page = client.get(f"/contracts/{contract}", params={"month": month}).text
    cover = page.split('<tbody class="cover">')[1].split("</tbody>")[0]
    cells = re.findall(r"<td class=\"([^\"]*)\">([^<]*)</td>", cover)
    scenario = "East" if contract.startswith("EAST") else "North"
    expected = _short_days(Path(db), scenario, contract, shift, weekdays, month)
    assert sum(css == "short" for css, _ in cells) == expected
    said = re.search(r"(\d+) tour-days? this month with fewer officers", page)
    assert (int(said.group(1)) if said else 0) == expected
    outside = [1, 2] if month == "2026-10" else [30]
    for day in outside:  # the days before and after the horizon ask nothing
        css, text = cells[day - 1]
        assert (css, text) == ("", "")
