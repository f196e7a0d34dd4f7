"""High Demand Day aid a re-roster put an officer on in place of a colleague an entry took
stays through the next re-roster around an entry of their own nearby: before, the day was
free to the search, which nothing asked to keep aid, and the HDD was left short (the
checker refused the roster, exit 1)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
from roster_fixtures import small_scenario
from work_alone import work_alone

from scheduler.check import check_roster
from scheduler.roster.reroster import reroster
from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.store.entries import Abstraction

SCENARIO = small_scenario(high_demand={"share": 0.5})
HDD = date(2026, 11, 5)  # Bonfire Night


def entry(id_: int, officer: str, first: date, last: date, kind: str) -> Abstraction:
    return Abstraction(
        id_,
        officer,
        SCENARIO.officer(officer).contract,
        first,
        last,
        kind,
        "Op Test",
        "Insp A",
        date(2026, 10, 20),
        datetime(2026, 10, 20, 9, 0),
    )


def on_aid(table: pd.DataFrame, contract: str) -> list[str]:
    rows = table[
        (table["date"] == HDD.isoformat())
        & (table["contract_id"] == contract)
        & (table["state"] == "HDD_AID")
    ]
    return sorted(rows["officer_id"])


def test_aid_in_place_of_a_colleague_stays_through_the_next_re_roster() -> None:
    # the roster and both re-rosters on work alone: their wall-clock nets (the re-roster's
    # three seconds a second of work) never reached however busy the machine
    with work_alone():
        first = roster_scenario(SCENARIO, SolveSettings(time_limit=6, seed=1, workers=1)).table
        assert check_roster(SCENARIO, first).breaches == []
        planned = on_aid(first, "A")
        assert len(planned) == 2  # half of the four
        # the first planned officer off sick on the HDD: a colleague goes on aid in their place
        sick = entry(1, planned[0], HDD, HDD, "sickness")
        from_date = HDD - timedelta(days=16)
        one = reroster(SCENARIO, first, [sick], from_date, from_date - timedelta(1), time_limit=4)
        assert one.feasible, one.conflicts
        assert check_roster(SCENARIO, one.table).breaches == []
        [stand_in] = sorted(set(on_aid(one.table, "A")) - set(planned))
        # then leave for the stand-in days before the HDD: their aid day is near it
        leave = entry(2, stand_in, HDD - timedelta(days=4), HDD - timedelta(days=2), "leave")
        two = reroster(
            SCENARIO, one.table, [sick, leave], from_date, from_date - timedelta(1), time_limit=4
        )
    assert two.feasible, two.conflicts
    assert check_roster(SCENARIO, two.table).breaches == []
    assert on_aid(two.table, "A") == on_aid(one.table, "A")
