"""The council's money checked as a finance officer would: every month reported on its own,
the twelve add up to the financial year's report to the penny, and every figure agrees with
a recomputation (tests/support/recomputed_money.py) from the rules the README states (posts, holders, rates,
allowance, rounding charges and vacancy refunds on the year's running total and other
penalties month by month), day by day from the roster table,
without calling the accounting code.

Generated contracts: starts on any day (the 29th-31st and 29 February too), leap years,
variations with and without a new charge, notice, vacancies, Met Patrol Plus, match funding
shares other than half (none, all, 0.3333, 0.125, "37.5%"); generated
roster tables with every kind of abstraction.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping
from datetime import date, timedelta

import pandas as pd
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from recomputed_money import BY_CAUSE, COUNTED, MONEY, Recomputed, each_day, fy_of, fy_span, units

from scheduler.accounting.delivery import Delivery, delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.errors import InputError
from scheduler.scenario import Scenario, scenario_from_dict

STATES = ["DUTY", "DUTY", "DUTY", "REST", "LEAVE", "HDD_AID", "EMERGENCY_AID", "ABSTRACTED"]
STATES += ["SICK", "COURT", "TRAINING"]

HORIZONS = [
    fy_span(2026),
    fy_span(2027),
    (date(2026, 1, 1), date(2026, 12, 31)),
    (date(2026, 6, 15), date(2027, 6, 14)),
]
STARTS = [
    date(2024, 2, 29),
    date(2025, 1, 31),
    date(2025, 5, 30),
    date(2025, 8, 31),
    date(2025, 12, 29),
    date(2026, 4, 1),
    date(2026, 4, 30),
    date(2026, 6, 15),
    date(2026, 10, 31),
    date(2027, 1, 29),
]


def agreement(
    draw: st.DrawFn, cid: str, first: date
) -> tuple[dict[str, object], list[dict[str, object]]]:
    """One contract of the scenario and its officers."""
    start = draw(st.sampled_from(STARTS))
    constables = draw(st.integers(1, 3))
    sergeants = draw(st.integers(0, 1))
    officers: list[dict[str, object]] = []
    for i in range(constables + sergeants):
        officer: dict[str, object] = {
            "id": f"{cid}-{i}",
            "contract": cid,
            "rank": "sergeant" if i < sergeants else "constable",
            "service_years": draw(st.integers(0, 25)),
        }
        if draw(st.booleans()):
            officer["start"] = first + timedelta(draw(st.integers(0, 200)))
        if draw(st.booleans()):
            officer["end"] = first + timedelta(draw(st.integers(150, 364)))
        officers.append(officer)
    contract: dict[str, object] = {
        "id": cid,
        "council": f"LB {cid}",
        "bcu": "XX",
        "start": start,
        "years": draw(st.integers(1, 3)),
        "posts": {"constable": constables, "sergeant": sergeants},
        "hdd_allowance_year": draw(st.sampled_from(["financial", "contract"])),
        "annual_charge": {"constable": draw(st.sampled_from([57_000, 59_123.45, 61_234.57]))},
        "uplift": draw(st.sampled_from([0.0, 0.0, 0.025])),
        "penalised_kinds": draw(
            st.sampled_from([["operational"], ["operational", "sickness"], ["court"]])
        ),
    }
    if draw(st.booleans()):
        contract["hdd_allowance"] = draw(st.integers(0, 4))
    else:
        contract["hdd_share"] = draw(st.sampled_from([0.0, 0.01, 0.05]))
    if draw(st.booleans()):
        contract["contracted_days_per_post"] = draw(st.sampled_from([200, 226]))
    if draw(st.booleans()):
        variation: dict[str, object] = {
            "from": first + timedelta(draw(st.integers(1, 360))),
            "posts": {"constable": constables + draw(st.integers(0, 2)), "sergeant": 1},
        }
        if draw(st.booleans()):  # a rate change, or none
            variation["annual_charge"] = {"constable": 63_001.01, "sergeant": 71_999.99}
        contract["variation"] = [variation]
    if draw(st.booleans()):
        contract["notice_given"] = start + timedelta(draw(st.integers(0, 500)))
    if draw(st.booleans()):
        contract["scheme"] = "met-patrol-plus"
    if draw(st.integers(0, 3)) == 0:  # the MPS's share as an agreement gives it, either scheme
        contract["match_funding_share"] = draw(st.sampled_from([0.0, 1.0, 0.3333, 0.125, "37.5%"]))
    return contract, officers


@st.composite
def cases(draw: st.DrawFn) -> tuple[Scenario, pd.DataFrame]:
    """A scenario of one or two contracts whose horizon is a financial year (FY2026, or
    FY2027 with 29 February 2028), a calendar year, or a year from the middle of a month;
    and a roster table over the horizon, with a few rows missing."""
    first, last = draw(st.sampled_from(HORIZONS))
    parts = [agreement(draw, cid, first) for cid in ("C1", "C2")[: draw(st.integers(1, 2))]]
    officers = [o for _, mine in parts for o in mine]
    try:
        scenario = scenario_from_dict(
            {
                "scenario": {"name": "random", "start": first, "end": last},
                "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
                "contract": [contract for contract, _ in parts],
                "officer": officers,
            }
        )
    except InputError:  # a variation outside the agreement, more officers than posts …
        reject()
    rows = []
    days = each_day(first, last)
    for officer in officers:
        states = draw(st.lists(st.sampled_from(STATES), min_size=len(days), max_size=len(days)))
        kinds = draw(st.lists(st.sampled_from(["", "", "", "training", "operational"])))
        gaps = draw(st.sets(st.integers(1, len(days) - 1), max_size=5))
        for n, (day, state) in enumerate(zip(days, states, strict=True)):
            if n in gaps:
                continue
            kind = kinds[n] if n < len(kinds) and state in ("ABSTRACTED", "COURT") else ""
            row = {"officer_id": officer["id"], "date": day, "state": state, "kind": kind}
            rows.append(row)
    return scenario, pd.DataFrame(rows)


def months_of(fy: int) -> list[str]:
    return [f"{fy + (m < 4)}-{m:02d}" for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]


def assert_matches(row: Mapping[Hashable, object], expected: dict[str, object], where: str) -> None:
    for column in COUNTED:
        assert row[column] == expected[column], (where, column)
    for column in [*MONEY, "vacancy_penalty_gbp"]:
        assert units(row[column]) == expected[column], (where, column)


@settings(
    max_examples=int(os.environ.get("S92_MONEY_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(cases(), st.sampled_from(["Y1", "Y2", "Y3", "term"]))
def test_twelve_months_add_up_to_the_year_and_agree_with_a_recomputation(case, label) -> None:
    scenario, table = case
    checks = [Recomputed(scenario, contract, table) for contract in scenario.contracts]
    # a contract year or the term, across financial years: the same rules, recomputed
    other = delivery_report(table, scenario, parse_period(label)).summary
    for (_, row), check in zip(other.iterrows(), checks, strict=True):
        if row["period_start"]:
            first, last = (
                date.fromisoformat(row["period_start"]),
                date.fromisoformat(row["period_end"]),
            )
            assert_matches(row.to_dict(), check.row(first, last), label)
    for fy in range(fy_of(scenario.start), fy_of(scenario.end) + 1):
        whole = delivery_report(table, scenario, parse_period(f"FY{fy}"))
        year = whole.summary
        reports = [delivery_report(table, scenario, parse_period(m)) for m in months_of(fy)]
        months = [report.summary for report in reports]
        for i, check in enumerate(checks):
            check_year(year.iloc[i], [m.iloc[i] for m in months], check)
        for report in reports:
            vacancies_refund_no_more_than_the_charge(report)
        if len(scenario.contracts) > 1:  # one contract alone is as it is among others
            alone = delivery_report(table, scenario, parse_period(f"FY{fy}"), contracts=["C2"])
            one = year.iloc[[1]].reset_index(drop=True)
            assert blanks_as_none(alone.summary) == blanks_as_none(one)
            sees_only_its_own(alone, whole, "C2")


def vacancies_refund_no_more_than_the_charge(report: Delivery) -> None:
    """A vacant post refunds what the council was charged for its empty days, so a
    month's vacancy penalty is never more than its charge (but for each item's rounding to
    the penny: a half penny at most an item, and the charge's own)."""
    penalties = report.penalties
    for _, row in report.summary.iterrows():
        mine = penalties[penalties["contract_id"] == row["contract_id"]]
        items = int((mine["kind"] == "vacancy").sum()) if len(mine) else 0
        limit = units(row["charge_gbp"]) + 1 + items
        assert units(row["vacancy_penalty_gbp"]) <= limit, row["period"]
        if row["vacant_post_days"] == 0:
            assert units(row["vacancy_penalty_gbp"]) == 0


def sees_only_its_own(alone: Delivery, whole: Delivery, contract_id: str) -> None:
    """A report of one contract holds nothing of another's, and its months and penalties
    are those the report of every contract gives it."""
    for frame in (alone.summary, alone.monthly, alone.penalties, alone.hdd_usage):
        assert set(frame["contract_id"]) <= {contract_id}
    for name in ("monthly", "penalties"):
        mine = getattr(whole, name)
        mine = mine[mine["contract_id"] == contract_id].reset_index(drop=True)
        assert blanks_as_none(getattr(alone, name)) == blanks_as_none(mine), name
    assert set(alone.penalties["officer_id"]) <= {"", *(f"{contract_id}-{i}" for i in range(4))}


def blanks_as_none(frame: pd.DataFrame) -> list[dict[Hashable, object]]:
    """Rows as records, a blank None whether a column held it as None or NaN."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def check_year(year: pd.Series, months: list[pd.Series], check: Recomputed) -> None:
    held = [m for m in months if m["period_start"]]
    if not year["period_start"]:
        assert not held
        return
    for column in [*COUNTED, *MONEY, *BY_CAUSE]:
        assert sum(units(m[column]) for m in held) == units(year[column]), column
    for m in [year, *held]:
        first, last = date.fromisoformat(m["period_start"]), date.fromisoformat(m["period_end"])
        assert_matches(m.to_dict(), check.row(first, last), str(m["period"]))
        assert sum(units(m[c]) for c in BY_CAUSE) == units(m["penalty_gbp"]), m["period"]
        # a month a contract year's allowance ends in shows both years, as a year does
        days = [d for d in each_day(first, last) if d in check.label]
        labels = list(dict.fromkeys(check.label[d] for d in days))
        assert (m["hdd_allowance_year"], m["hdd_allowance"]) == (
            " + ".join(labels),
            sum(check.allowances[label] for label in labels),
        ) or m is year
        assert m["hdd_days_year_to_date"] == check.used_by[last], m["period"]
