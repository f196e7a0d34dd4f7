"""The council's money after a generated year of entries, as ``s92 report`` reads it: a
roster published to a store, then leave, sickness, aid and abstractions logged (some
across month ends, some voided), applied as the report applies them. Every month reported
alone adds up to the financial year to the penny in every column and every cause, agrees
with the recomputation of tests/support/recomputed_money.py, charges only live entries,
and a council's report holds nothing of another council's.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from recomputed_money import BY_CAUSE, COUNTED, MONEY, Recomputed, each_day, units

from calendars import bank_holidays
from scheduler.accounting.delivery import Delivery, delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.commands.report import published_plan
from scheduler.errors import InputError
from scheduler.scenario import Scenario, scenario_from_dict
from scheduler.store import NewAbstraction, Store

FIRST, LAST = date(2027, 4, 1), date(2028, 3, 31)  # FY2027: 29 February 2028
KINDS = ["operational", "sickness", "hdd_aid", "emergency_aid", "court", "training"]
MONTHS = [f"{2027 + (m < 4)}-{m:02d}" for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]


def two_councils(draw: st.DrawFn) -> Scenario:
    """Two councils' contracts: one from a day inside the year (mid-month), perhaps on
    notice; the other from before it, perhaps Met Patrol Plus; officers joining and
    leaving on any day."""
    start_a = FIRST + timedelta(draw(st.integers(0, 200)))
    a: dict[str, object] = {
        "id": "A",
        "council": "LB Alpha",
        "bcu": "XX",
        "start": start_a,
        "posts": {"constable": 2, "sergeant": 1},
        "penalised_kinds": draw(st.sampled_from([["operational"], ["operational", "court"]])),
    }
    if draw(st.booleans()):
        a["notice_given"] = start_a + timedelta(draw(st.integers(0, 120)))
    b: dict[str, object] = {
        "id": "B",
        "council": "RB Beta",
        "bcu": "YY",
        "start": date(2026, 1, 31),
        "posts": {"constable": 2},
        "scheme": draw(st.sampled_from(["partnership-plus", "met-patrol-plus"])),
        "hdd_allowance": draw(st.integers(0, 3)),
    }
    officers = []
    for contract, ranks in (
        ("A", ["sergeant", "constable", "constable"]),
        ("B", ["constable"] * 2),
    ):
        for i, rank in enumerate(ranks):
            officer: dict[str, object] = {"id": f"{contract}{i}", "contract": contract}
            officer |= {"rank": rank, "service_years": draw(st.integers(0, 22))}
            if draw(st.integers(0, 3)) == 0:
                officer["start"] = FIRST + timedelta(draw(st.integers(0, 300)))
            if draw(st.integers(0, 3)) == 0:
                joined = officer.get("start", FIRST)
                assert isinstance(joined, date)
                officer["end"] = joined + timedelta(draw(st.integers(60, 365)))
            officers.append(officer)
    return scenario_from_dict(
        {
            "scenario": {"name": "two councils", "start": FIRST, "end": LAST},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [a, b],
            "officer": officers,
        }
    )


def weekday_roster(scenario: Scenario) -> pd.DataFrame:
    """Weekdays on the early tour, weekends rest, bank holidays off, HDD aid on HDDs, for
    every officer-day in post within the agreement."""
    holidays = set(bank_holidays(FIRST, LAST))
    hdds = {h.date: h.name for h in scenario.high_demand_days()}
    rows = []
    for o in scenario.officers:
        contract = scenario.contract(o.contract)
        for day in each_day(FIRST, LAST):
            if not contract.in_force(day) or not (o.start or day) <= day <= (o.end or day):
                continue
            state, event = "DUTY", ""
            if day in hdds:
                state, event = "HDD_AID", hdds[day]
            elif day in holidays:
                state = "PUBLIC_HOLIDAY"
            elif day.weekday() >= 5:
                state = "REST"
            timed = state in ("DUTY", "HDD_AID")
            begins = f"{day}T07:00:00+0{1 if 3 < day.month < 11 else 0}:00" if timed else ""
            ends = begins.replace("T07", "T15")
            rows.append(
                {
                    "officer_id": o.id,
                    "contract_id": o.contract,
                    "rank": o.rank,
                    "date": day.isoformat(),
                    "state": state,
                    "shift": "E" if timed else "",
                    "start": begins,
                    "end": ends,
                    "hours": 8.0 if timed else 0.0,
                    "event": event,
                }
            )
    return pd.DataFrame(rows)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Scenario, list[tuple[NewAbstraction, bool]]]:
    scenario = two_councils(draw)
    entries = []
    for _ in range(draw(st.integers(0, 14))):
        officer = draw(st.sampled_from(scenario.officers))
        # near a month's end, so that many spans cross one
        month = draw(st.sampled_from(MONTHS))
        end_of_month = date.fromisoformat(f"{month}-01") + timedelta(days=27)
        first = end_of_month + timedelta(draw(st.integers(-10, 6)))
        last = first + timedelta(draw(st.integers(0, 9)))
        if last > LAST:
            continue
        kind = draw(st.sampled_from(KINDS))
        entry = NewAbstraction(
            officer.id, officer.contract, first, last, kind, "why", "Insp", first - timedelta(3)
        )
        entries.append((entry, draw(st.integers(0, 4)) == 0))
    return scenario, entries


@settings(
    max_examples=int(os.environ.get("S92_MONEY_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(cases())
def test_a_year_of_entries_adds_up_month_by_month(case) -> None:
    scenario, entries = case
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "s92.db"
        with Store(db) as store:
            store.publish_roster(scenario.name, weekday_roster(scenario))
            voided = set()
            for entry, void in entries:
                try:
                    entry_id = store.add_abstraction(entry)
                except InputError:  # overlapping another entry of the officer's
                    continue
                if void:
                    store.void(entry_id, "logged in error")
                    voided.add(str(entry_id))
        plan = published_plan(scenario, db, required=True)
    assert plan.applied is not None
    table = plan.applied
    year = delivery_report(table, scenario, parse_period("FY2027"))
    months = [delivery_report(table, scenario, parse_period(m)) for m in MONTHS]
    for i, contract in enumerate(scenario.contracts):
        check = Recomputed(scenario, contract, table)
        row = year.summary.iloc[i]
        held = [m.summary.iloc[i] for m in months if m.summary.iloc[i]["period_start"]]
        for column in [*COUNTED, *MONEY, *BY_CAUSE, "unrecorded_days"]:
            assert sum(units(m[column]) for m in held) == units(row[column]), column
        for m in [row, *held] if row["period_start"] else []:
            first, last = date.fromisoformat(m["period_start"]), date.fromisoformat(m["period_end"])
            expected = check.row(first, last)
            for column in COUNTED:
                assert m[column] == expected[column], (m["period"], column)
            for column in MONEY:
                assert units(m[column]) == expected[column], (m["period"], column)
            assert sum(units(m[c]) for c in BY_CAUSE) == units(m["penalty_gbp"])
    charged = set(year.penalties["entry_id"]) - {""}
    assert not charged & voided  # a voided entry never costs the MPS anything
    assert units(year.penalties["penalty_gbp"].sum()) == units(year.summary["penalty_gbp"].sum())
    for contract_id, other in (("A", "B"), ("B", "A")):
        alone = delivery_report(table, scenario, parse_period("FY2027"), contracts=[contract_id])
        holds_nothing_of(alone, other)


def holds_nothing_of(report: Delivery, other: str) -> None:
    """No row, month, penalty or HDD day of contract ``other``, nor its council's name."""
    council = {"A": "LB Alpha", "B": "RB Beta"}[other]
    for frame in (report.summary, report.monthly, report.penalties, report.hdd_usage):
        assert other not in set(frame["contract_id"])
        assert not frame.astype(str).apply(lambda c: c.str.contains(council)).any().any()
    assert council not in report.title
    assert not any(council in note for note in report.notes)
    assert not set(report.penalties["officer_id"]) & {f"{other}{i}" for i in range(3)}
