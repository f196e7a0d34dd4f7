"""Contracts a council's finance officer meets, each reported for every month, quarter,
financial year, contract year and the term, and every figure checked against the
recomputation of tests/support/recomputed_money.py (the README's rules, the charge worked
out from the agreement's own figures): months add up to each period, and penalties.csv to
the penalty, to the penny.

- an agreement starting and ending (on notice) mid-month and mid-financial-year;
- a legacy Met Patrol Plus agreement from 2017, its MPS half in every figure;
- a leap year (29 February 2028) with the price changed at 1 April by an agreed charge,
  a penny a post the year after, and posts vacant for part of a month;
- three contracts of one council: free, £10 million a post with a match-funding share,
  and a penny under Met Patrol Plus;
- High Demand Days beyond the allowance, all in one month;
- variations at 1 April and on 29 February, over the Christmas bank holidays of 2027
  (27 and 28 December stand for a weekend's), with bank holidays bought.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pandas as pd
import pytest
from recomputed_money import BY_CAUSE, COUNTED, MONEY, Recomputed, each_day, fy_of, units

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.scenario import Scenario, scenario_from_dict

Agreement = dict[str, Any]  # a [[contract]] table as the scenario file gives it
STATES = ["DUTY"] * 6 + ["REST", "REST", "LEAVE", "EMERGENCY_AID", "ABSTRACTED", "SICK"]
STATES += ["COURT", "TRAINING"]


def officers(cid: str, n: int, sergeants: int = 0, **dates: dict[str, date]) -> list[dict]:
    out: list[dict] = []
    for i in range(n):
        rank = "sergeant" if i < sergeants else "constable"
        officer = {"id": f"{cid}-{i}", "contract": cid, "rank": rank, "service_years": 7 * i % 25}
        out.append(officer | dates.get(f"o{i}", {}))
    return out


def scenario(contracts: list[dict], people: list[dict], first: date, last: date, **more) -> dict:
    return {
        "scenario": {"name": "by hand", "start": first, "end": last},
        "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
        "contract": contracts,
        "officer": people,
        **more,
    }


def mid_month() -> dict:
    contract: Agreement = {"id": "A", "council": "LB A", "bcu": "X", "start": date(2026, 10, 17)}
    contract |= {"posts": {"constable": 2, "sergeant": 1}, "uplift": 0.03}
    contract["notice_given"] = date(2027, 2, 13)  # ends 13 August 2027
    return scenario([contract], officers("A", 3, 1), date(2026, 4, 1), date(2028, 3, 31))


def legacy() -> dict:
    contract: Agreement = {"id": "M", "council": "LB M", "bcu": "X", "scheme": "met-patrol-plus"}
    contract |= {"start": date(2017, 7, 19), "posts": {"constable": 3}, "uplift": 0.025}
    return scenario([contract], officers("M", 3), date(2019, 4, 1), date(2021, 3, 31))


def leap_year() -> dict:
    contract: Agreement = {"id": "L", "council": "LB L", "bcu": "X", "start": date(2026, 4, 1)}
    contract |= {"posts": {"constable": 3}, "uplift": 0.03}
    contract["charges"] = [
        {"year": 2027, "constable": 61234.57},
        {"year": 2028, "constable": 0.01},
    ]
    people = officers(
        "L",
        3,
        o1={"end": date(2028, 2, 13)},
        o2={"start": date(2027, 2, 10), "end": date(2028, 2, 29)},
    )
    return scenario([contract], people, date(2027, 4, 1), date(2029, 3, 31))


def one_council() -> dict:
    free: Agreement = {"id": "Z0", "council": "LB Same", "bcu": "X", "start": date(2026, 4, 1)}
    free |= {"posts": {"constable": 2}, "annual_charge": {"constable": 0}}
    dear: Agreement = {"id": "Z1", "council": "LB Same", "bcu": "X", "start": date(2026, 5, 31)}
    dear |= {"posts": {"constable": 2, "inspector": 1}, "match_funding_share": 0.333}
    dear["annual_charge"] = {"constable": 9_999_999.99, "inspector": 10_000_000}
    penny: Agreement = {"id": "Z2", "council": "LB Same", "bcu": "X", "start": date(2025, 2, 28)}
    penny |= {"posts": {"constable": 1}, "annual_charge": {"constable": 0.01}}
    penny |= {"scheme": "met-patrol-plus", "contracted_days_per_post": 1}
    inspector = {"id": "Z1-I", "contract": "Z1", "rank": "inspector", "service_years": 3}
    people = [*officers("Z0", 2), *officers("Z1", 2), inspector, *officers("Z2", 1)]
    return scenario([free, dear, penny], people, date(2026, 4, 1), date(2027, 3, 31))


HDD_WEEK = [date(2026, 8, d) for d in range(3, 10)]


def hdd_beyond() -> dict:
    contract: Agreement = {"id": "H", "council": "LB H", "bcu": "X", "start": date(2025, 8, 3)}
    contract |= {"posts": {"constable": 4}, "hdd_allowance": 1, "hdd_allowance_year": "contract"}
    hdd = {"add": [{"date": d, "name": f"Op {d.day}"} for d in HDD_WEEK]}
    first, last = date(2026, 4, 1), date(2027, 3, 31)
    return scenario([contract], officers("H", 4), first, last, high_demand=hdd)


def variations() -> dict:
    contract: Agreement = {"id": "V", "council": "LB V", "bcu": "X", "start": date(2027, 1, 1)}
    contract |= {"posts": {"constable": 2}, "uplift": 0.02, "cover_bank_holidays": True}
    contract["penalised_kinds"] = ["operational", "sickness", "court"]
    contract["variation"] = [
        {
            "from": date(2027, 4, 1),
            "posts": {"constable": 3},
            "annual_charge": {"constable": 65432.1},
        },
        {"from": date(2027, 12, 24), "posts": {"constable": 1}},
        {
            "from": date(2028, 2, 29),
            "posts": {"constable": 2},
            "annual_charge": {"constable": 12345.67},
        },
    ]
    people = officers(
        "V",
        3,
        o1={"end": date(2027, 12, 23)},
        o2={"start": date(2027, 4, 1), "end": date(2027, 12, 23)},
    )
    return scenario([contract], people, date(2027, 1, 1), date(2028, 12, 31))


def duty_record(s: Scenario, seed: int) -> pd.DataFrame:
    """A state for every officer and day of the horizon the officer is in post; every
    officer available on aid on each High Demand Day."""
    draw = random.Random(seed)
    hdds = {h.date for h in s.high_demand_days()}
    rows = []
    for o in s.officers:
        for day in each_day(s.start, s.end):
            if (o.start or day) <= day <= (o.end or day):
                state = "HDD_AID" if day in hdds else draw.choice(STATES)
                rows.append({"officer_id": o.id, "date": day, "state": state, "kind": ""})
    return pd.DataFrame(rows)


def periods(s: Scenario) -> list[str]:
    out = ["term", "Y1", "Y2", "Y3"]
    for fy in range(fy_of(s.start), fy_of(s.end) + 1):
        out += [f"FY{fy}", *(f"FY{fy} Q{q}" for q in (1, 2, 3, 4))]
        out += [f"{fy + (m < 4)}-{m:02d}" for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]
    return out


CASES = {
    "mid_month": mid_month,
    "legacy": legacy,
    "leap_year": leap_year,
    "one_council": one_council,
    "hdd_beyond": hdd_beyond,
    "variations": variations,
}


@pytest.mark.parametrize("name", list(CASES))
def test_every_period_agrees_with_the_money_worked_out_by_hand(name: str) -> None:
    s = scenario_from_dict(CASES[name]())
    table = duty_record(s, seed=1731)
    checks = {c.id: Recomputed(s, c, table) for c in s.contracts}
    reported = 0
    for label in periods(s):
        report = delivery_report(table, s, parse_period(label))
        for _, row in report.summary.iterrows():
            if not row["period_start"]:
                continue
            reported += 1
            first = date.fromisoformat(row["period_start"])
            last = date.fromisoformat(row["period_end"])
            expected = checks[row["contract_id"]].row(first, last)
            where = (label, row["contract_id"])
            for column in COUNTED:
                assert row[column] == expected[column], (*where, column)
            for column in [*MONEY, "vacancy_penalty_gbp"]:
                assert units(row[column]) == expected[column], (*where, column)
            mine = report.monthly[report.monthly["contract_id"] == row["contract_id"]]
            for column in [*COUNTED, *MONEY, *BY_CAUSE]:
                assert sum(units(v) for v in mine[column]) == units(row[column]), (*where, column)
            items = report.penalties[report.penalties["contract_id"] == row["contract_id"]]
            assert sum(units(v) for v in items["penalty_gbp"]) == units(row["penalty_gbp"]), where
            assert sum(units(row[c]) for c in BY_CAUSE) == units(row["penalty_gbp"]), where
    assert reported >= 18  # the periods held the agreements, not only empty rows


def test_the_hdd_week_goes_beyond_the_allowance_in_its_month_alone() -> None:
    # 4 posts with 1 HDD a post a contract year, which begins on 3 August: the week's
    # first day takes the allowance, the other 6 days' 24 officer-days are beyond it, and
    # so is Carnival Sunday's aid (4); Carnival Monday is a bank holiday not bought
    s = scenario_from_dict(hdd_beyond())
    table = duty_record(s, seed=1731)
    year = delivery_report(table, s, parse_period("FY2026")).monthly.set_index("period")
    assert year.loc["2026-07", "hdd_excess_days"] == 0
    assert year.loc["2026-08", "hdd_excess_days"] == 6 * 4 + 4
    assert units(year.loc["2026-08", "hdd_penalty_gbp"]) > 0
