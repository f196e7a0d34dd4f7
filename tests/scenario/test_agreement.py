"""Contracts that change: variations and notice in the scenario, their validation, and
rostering that follows them (the roster checked by the independent checker)."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pandas as pd
import pytest
from roster_fixtures import small_scenario

from scheduler.check import check_roster
from scheduler.errors import InputError
from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.scenario import scenario_from_dict
from scheduler.scenario.model import add_months

BASE: dict[str, Any] = {
    "scenario": {"name": "Test", "start": date(2026, 4, 1), "end": date(2027, 3, 31)},
    "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
    "contract": [
        {
            "id": "C1",
            "council": "LB Test",
            "bcu": "EA",
            "start": date(2025, 4, 1),
            "posts": {"constable": 2, "sergeant": 1},
        }
    ],
    "officer": [
        {"id": "S1", "contract": "C1", "rank": "sergeant"},
        {"id": "P1", "contract": "C1", "rank": "constable"},
        {"id": "P2", "contract": "C1", "rank": "constable"},
    ],
}


def with_contract(**fields: object) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["contract"][0].update(fields)
    return data


def problems(data: dict) -> list[str]:
    with pytest.raises(InputError) as caught:
        scenario_from_dict(data, "s.toml")
    return [str(p) for p in caught.value.problems]


def test_posts_and_charges_change_on_the_variation_day() -> None:
    data = with_contract(
        variation=[
            {"from": date(2026, 10, 1), "posts": {"constable": 4, "sergeant": 1}},
            {"from": date(2026, 7, 1), "annual_charge": {"constable": 60_000}},
        ]
    )
    data["officer"] += [
        {"id": "P3", "contract": "C1", "rank": "constable", "start": date(2026, 10, 1)},
        {"id": "P4", "contract": "C1", "rank": "constable", "start": date(2026, 11, 2)},
    ]
    c = scenario_from_dict(data).contracts[0]
    assert [v.from_ for v in c.variation] == [date(2026, 7, 1), date(2026, 10, 1)]
    assert c.posts_on(date(2026, 9, 30)).constable == 2
    assert c.posts_on(date(2026, 10, 1)).constable == 4
    assert c.charge("constable", 2026, on=date(2026, 6, 30)) == 57_000
    assert c.charge("constable", 2026, on=date(2026, 7, 1)) == 60_000
    assert c.charge("sergeant", 2026, on=date(2026, 7, 1)) == 70_500


def test_notice_ends_the_agreement() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    c = scenario_from_dict(with_contract(notice_given=date(2026, 8, 31))).contracts[0]
    assert (c.term_end, c.end) == (date(2028, 3, 31), date(2027, 2, 28))
    assert c.in_force(date(2027, 2, 28))
    assert not c.in_force(date(2027, 3, 1))
    # notice in the last months: the term's end comes first
    late = scenario_from_dict(with_contract(notice_given=date(2028, 1, 10))).contracts[0]
    assert late.end == date(2028, 3, 31)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"variation": [{"from": date(2025, 3, 1), "posts": {"constable": 3}}]},
            "contract[C1].variation[1].from: outside the agreement 2025-04-01 to 2028-03-31",
        ),
        (
            {"variation": [{"from": date(2028, 4, 1), "posts": {"constable": 3}}]},
            "variation[1].from: outside the agreement",
        ),
        (
            {
                "notice_given": date(2026, 6, 1),
                "variation": [{"from": date(2027, 1, 1), "posts": {"constable": 3}}],
            },
            "outside the agreement 2025-04-01 to 2026-12-01",
        ),
        (
            {"variation": [{"from": date(2026, 6, 1), "posts": {"constable": 8}}]},
            "variation[1].posts: 8 posts must include a sergeant or inspector",
        ),
        (
            {"variation": [{"from": date(2026, 6, 1), "posts": {}}]},
            "variation[1].posts: buys no posts",
        ),
        (
            {
                "variation": [
                    {"from": date(2026, 6, 1), "posts": {"constable": 3, "sergeant": 1}},
                    {"from": date(2026, 6, 1), "annual_charge": {"constable": 1}},
                ]
            },
            "two variations from the same day",
        ),
        (
            {"notice_given": date(2025, 1, 1)},
            "contract[C1].notice_given: is before the agreement starts (2025-04-01)",
        ),
        (
            {"notice_given": date(2029, 1, 1)},
            "notice_given: is after the term ends",
        ),
        (
            {"variation": [{"from": date(2026, 9, 1), "posts": {"constable": 1, "sergeant": 1}}]},
            "contract[C1].posts.constable: 2 constable officers in post on 2026-09-01 but only 1",
        ),
        ({"notice_given": "soon"}, "notice_given: not a date"),
        # 2019/20's £86,000 doubled each year is £11,008,000 by FY2026: past the limit on
        # money, where the report's pennies stop adding up (months no longer made the year)
        (
            {"uplift": 1.0},
            "contract[C1].uplift: raises the annual charge of inspector posts to £11,008,000.00 in FY2026",
        ),
        ({"variation": [{"posts": {"constable": 1}}]}, "variation[1].from: Field required"),
    ],
)
def test_bad_variations_and_notice(fields: dict, message: str) -> None:
    found = problems(with_contract(**fields))
    assert any(message in p for p in found), found
    assert all(p.startswith("s.toml: ") for p in found)


def test_officers_joining_with_a_variation_are_accepted() -> None:
    data = with_contract(
        variation=[{"from": date(2026, 10, 1), "posts": {"constable": 3, "sergeant": 1}}]
    )
    data["officer"].append(
        {"id": "P3", "contract": "C1", "rank": "constable", "start": date(2026, 10, 1)}
    )
    scenario_from_dict(data)
    data["officer"][-1]["start"] = date(2026, 9, 30)  # a day early: one too many
    assert any("3 constable officers in post on 2026-09-30 but only 2" in p for p in problems(data))


def test_nobody_is_rostered_after_notice_runs_out() -> None:
    # notice given on 29 May: contract A ends on 29 November; its officers have no rows
    # after that day, contract B's carry on, and the checker finds nothing wrong
    base = small_scenario(start=date(2026, 11, 2), end=date(2026, 12, 13))
    a, b = base.contracts
    scenario = base.model_copy(
        update={"contracts": (a.model_copy(update={"notice_given": date(2026, 5, 29)}), b)}
    )
    result = roster_scenario(scenario, SolveSettings(time_limit=8, seed=3, workers=1))
    assert result.feasible
    assert check_roster(scenario, result.table).breaches == []
    table = result.table
    last = table.groupby("contract_id")["date"].max()
    assert (last["A"], last["B"]) == ("2026-11-29", "2026-12-13")
    # the checker itself refuses rows past the agreement
    extra = table[(table["contract_id"] == "B") & (table["date"] == "2026-12-13")].copy()
    extra["officer_id"] = extra["officer_id"].str.replace("B-", "A-")
    extra["contract_id"] = "A"
    breaches = check_roster(scenario, pd.concat([table, extra], ignore_index=True)).breaches
    assert any("outside the officer's time in post" in b.detail for b in breaches)
