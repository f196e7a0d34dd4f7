"""A duty record (``s92 report --actuals``) with HDD aid on a day beyond the scenario's
horizon was read as HDD aid on any day, never penalised and using up the council's HDD
allowance, though the High Demand Day calendar is known for every year. Now aid on a day
the calendar holds no HDD on is refused with its row, as inside the horizon; aid on one
(New Year's Eve) is read."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from one_post import one_post_scenario

from scheduler.accounting.actuals import actuals_to_roster
from scheduler.errors import InputError
from scheduler.scenario.model import Scenario

CARNIVAL_SUNDAY, A_TUESDAY, NEW_YEARS_EVE = "30/08/2026", "15/09/2026", "31/12/2026"


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


def august() -> Scenario:
    return one_post_scenario(date(2026, 8, 1), date(2026, 8, 31))


def test_hdd_aid_beyond_the_horizon_on_no_high_demand_day_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        actuals_to_roster(record(CARNIVAL_SUNDAY, A_TUESDAY), august(), "duty.csv")
    (problem,) = caught.value.problems
    text = str(problem)
    assert "duty.csv" in text
    assert "row 3" in text
    assert "date" in text
    assert A_TUESDAY in text


def test_hdd_aid_beyond_the_horizon_on_a_high_demand_day_is_read() -> None:
    table = actuals_to_roster(record(CARNIVAL_SUNDAY, NEW_YEARS_EVE), august(), "duty.csv")
    assert table["state"].tolist() == ["HDD_AID", "HDD_AID"]
    assert table["date"].tolist() == [date(2026, 8, 30), date(2026, 12, 31)]
