"""A duty record (``s92 report --actuals``) with council duty on days the scenario has the
officer out of post (before the in-post `start`, after its `end`) was read without a word:
the report dropped those officer-days from the delivered and charged the post as vacant on
them, a penalty for days the record says were worked. Such a row is refused now with its
row number, the officer's in-post date and what to correct; rest and leave rows there
stay as they were."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from scheduler.accounting.actuals import actuals_to_roster
from scheduler.errors import InputError
from scheduler.scenario import Scenario, scenario_from_dict


def scenario() -> Scenario:
    return scenario_from_dict(
        {
            "scenario": {"name": "post", "start": date(2026, 8, 1), "end": date(2026, 8, 31)},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB",
                    "bcu": "XX",
                    "start": date(2026, 4, 1),
                    "posts": {"constable": 1},
                }
            ],
            "officer": [
                {
                    "id": "O1",
                    "contract": "C1",
                    "rank": "constable",
                    "start": date(2026, 8, 10),
                    "end": date(2026, 8, 20),
                }
            ],
        }
    )


def record(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "officer_id": "O1",
            "date": [day for day, _ in rows],
            "start": ["07:00" if kind == "council" else "" for _, kind in rows],
            "end": ["15:00" if kind == "council" else "" for _, kind in rows],
            "deployment": [kind for _, kind in rows],
            "reason": "",
        }
    )


def test_duty_recorded_out_of_post_is_refused_with_its_row() -> None:
    rows = [("2026-08-09", "council"), ("2026-08-10", "council"), ("21/08/2026", "Council")]
    with pytest.raises(InputError) as caught:
        actuals_to_roster(record(rows), scenario(), "duty.csv")
    said = [str(p) for p in caught.value.problems]
    assert said == [
        "duty.csv: row 2, column date: O1 is in post from 2026-08-10 in the scenario, not on "
        "this day: correct the record, or the officer's start or end in the scenario "
        "(got '2026-08-09')",
        "duty.csv: row 4, column date: O1 is in post until 2026-08-20 in the scenario, not on "
        "this day: correct the record, or the officer's start or end in the scenario "
        "(got '21/08/2026')",
    ]


def test_rest_and_leave_out_of_post_are_read() -> None:
    rows = [("2026-08-08", "rest"), ("2026-08-09", "leave"), ("2026-08-10", "council")]
    table = actuals_to_roster(record(rows), scenario(), "duty.csv")
    assert table["state"].tolist() == ["REST", "LEAVE", "DUTY"]
