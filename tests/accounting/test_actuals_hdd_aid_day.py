"""A duty record (``s92 report --actuals``) with HDD aid on a day that is not one of the
scenario's High Demand Days was counted as HDD aid: never penalised, using up the
council's allowance, though the entry log refuses such aid (README, Entries). An
operational abstraction recorded as 'HDD aid' cost the MPS nothing. Now the row is
refused with its line, as the log refuses it: beyond the scenario's horizon too, the High
Demand Day calendar being known for every year (aid on New Year's Eve there is read)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from one_post import one_post_scenario

from scheduler.accounting.actuals import actuals_to_roster
from scheduler.errors import InputError

CARNIVAL_SUNDAY, A_TUESDAY = "30/08/2026", "25/08/2026"
# beyond the August horizon: no High Demand Day, and one by the calendar's rules
A_SEPTEMBER_TUESDAY, NEW_YEARS_EVE = "15/09/2026", "31/12/2026"


def scenario():
    added = [{"date": date(2026, 8, 23), "name": "Announced"}]
    return one_post_scenario(date(2026, 8, 1), date(2026, 8, 31), hdds=added)


def record(*days: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "officer_id": "O1",
            "date": list(days),
            "start": "",
            "end": "",
            "deployment": "HDD aid",
            "reason": "",
        }
    )


def test_hdd_aid_on_a_high_demand_day_is_read() -> None:
    table = actuals_to_roster(record(CARNIVAL_SUNDAY, "23/08/2026"), scenario(), "duty.csv")
    assert table["state"].tolist() == ["HDD_AID", "HDD_AID"]


@pytest.mark.parametrize("day", [A_TUESDAY, A_SEPTEMBER_TUESDAY])
def test_hdd_aid_on_another_day_is_refused_with_its_row(day: str) -> None:
    with pytest.raises(InputError) as caught:
        actuals_to_roster(record(CARNIVAL_SUNDAY, day), scenario(), "duty.csv")
    (problem,) = caught.value.problems
    text = str(problem)
    assert "duty.csv" in text
    assert "row 3" in text
    assert day in text
    assert "not one of the scenario's High Demand Days" in text


def test_hdd_aid_beyond_the_horizon_on_a_high_demand_day_is_read() -> None:
    table = actuals_to_roster(record(CARNIVAL_SUNDAY, NEW_YEARS_EVE), scenario(), "duty.csv")
    assert table["state"].tolist() == ["HDD_AID", "HDD_AID"]
    assert table["date"].tolist() == [date(2026, 8, 30), date(2026, 12, 31)]
