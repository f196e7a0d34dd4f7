"""Quarters of the financial year as a report period: ``FY2026 Q1`` (April to June 2026),
written as council papers write it and named back so, adding up to the penny: a quarter is
its months, the year its quarters. Hand-built roster tables (no solver)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pandas as pd
import pytest

from scheduler.accounting.delivery import SUMMED_COLUMNS, delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.scenario import Scenario, scenario_from_dict

# FY2027 holds 29 February 2028: a year of 366 days
FY_START, FY_END = date(2027, 4, 1), date(2028, 3, 31)


@pytest.mark.parametrize(
    ("written", "label", "first", "last"),
    [
        ("FY2026 Q1", "FY2026 Q1", date(2026, 4, 1), date(2026, 6, 30)),
        ("Q1 2026/27", "FY2026 Q1", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026/27 Q2", "FY2026 Q2", date(2026, 7, 1), date(2026, 9, 30)),
        ("q3 fy26/27", "FY2026 Q3", date(2026, 10, 1), date(2026, 12, 31)),
        ("FY2026-Q4", "FY2026 Q4", date(2027, 1, 1), date(2027, 3, 31)),
        ("Q4 2011-12", "FY2011 Q4", date(2012, 1, 1), date(2012, 3, 31)),
        ("Quarter 1 2026/27", "FY2026 Q1", date(2026, 4, 1), date(2026, 6, 30)),
        ("Qtr 2, 2026-27", "FY2026 Q2", date(2026, 7, 1), date(2026, 9, 30)),
    ],
)
def test_a_quarter_as_papers_write_it_is_named_one_way_and_read_back(
    written: str, label: str, first: date, last: date
) -> None:
    period = parse_period(written)
    assert (period.label, period.span(None).start, period.span(None).end) == (label, first, last)  # type: ignore[arg-type]
    assert parse_period(period.label) == period


@pytest.mark.parametrize("written", ["Q1 2026", "2026 Q1", "2026-Q1", "Quarter 1 2026"])
def test_a_quarter_of_a_bare_year_is_refused_saying_how_to_write_each(written: str) -> None:
    # January-March 2026 or April-June 2026: a report of the wrong one would look right
    with pytest.raises(ValueError, match=r"FY2026 Q1 \(April-June 2026\) or FY2025 Q4 \(January"):
        parse_period(written)


def test_q5_is_no_period() -> None:
    with pytest.raises(ValueError, match="not a report period: 'Q5 2026/27'"):
        parse_period("Q5 2026/27")


def scenario() -> Scenario:
    """Two contracts: one whose posts rise mid-May and is given notice on 15 February
    2027 (ending six months later); one that starts on 29 February 2028, under Met Patrol Plus."""
    return scenario_from_dict(
        {
            "scenario": {"name": "quarters", "start": FY_START, "end": FY_END},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "A",
                    "council": "LB A",
                    "bcu": "XX",
                    "start": date(2026, 6, 17),
                    "posts": {"constable": 2},
                    "hdd_allowance": 1,
                    "notice_given": date(2027, 2, 15),
                    "variation": [{"from": date(2027, 5, 19), "posts": {"constable": 3}}],
                },
                {
                    "id": "B",
                    "council": "LB B",
                    "bcu": "XX",
                    "scheme": "met-patrol-plus",
                    "start": date(2028, 2, 29),
                    "posts": {"constable": 1},
                },
            ],
            "officer": [
                {"id": "A1", "contract": "A", "rank": "constable"},
                {"id": "A2", "contract": "A", "rank": "constable", "end": date(2027, 9, 9)},
                {"id": "B1", "contract": "B", "rank": "constable"},
            ],
        }
    )


def roster(s: Scenario) -> pd.DataFrame:
    draw = random.Random(7)
    states = ("DUTY", "REST", "LEAVE", "SICK", "ABSTRACTED", "HDD_AID")
    rows = []
    for officer in s.officers:
        day = FY_START
        while day <= min(FY_END, officer.end or FY_END):
            state = draw.choices(states, (60, 28, 6, 3, 2, 1))[0]
            rows.append({"officer_id": officer.id, "date": day, "state": state})
            day += timedelta(1)
    return pd.DataFrame(rows)


def pence(rows: pd.DataFrame, cid: str, column: str) -> list[int]:
    """``column`` of contract ``cid``'s rows in pence (hundredths of a day), leaving out a
    period outside its term (a blank row)."""
    mine = rows[(rows["contract_id"] == cid) & (rows["period_start"] != "")]
    return [round(float(v) * 100) for v in mine[column]]


def test_a_quarter_is_its_months_and_the_year_its_quarters_to_the_penny() -> None:
    s = scenario()
    table = roster(s)
    year = delivery_report(table, s, parse_period("FY2027"))
    quarters = [delivery_report(table, s, parse_period(f"FY2027 Q{q}")) for q in (1, 2, 3, 4)]
    assert [q.period.label for q in quarters] == [f"FY2027 Q{q}" for q in (1, 2, 3, 4)]
    rows = pd.concat([q.summary for q in quarters])
    for column in SUMMED_COLUMNS:
        for cid in ("A", "B"):
            assert sum(pence(rows, cid, column)) == sum(pence(year.summary, cid, column))
            for q in quarters:
                # a quarter's months are the year's, and add up to the quarter
                months = year.monthly[year.monthly["period"].isin(q.monthly["period"])]
                assert pence(months, cid, column) == pence(q.monthly, cid, column)
                assert sum(pence(months, cid, column)) == sum(pence(q.summary, cid, column))
    # B starts on 29 February: its Q4 is February's last day and March; its Q1-Q3 empty
    b = quarters[3].summary.set_index("contract_id").loc["B"]
    assert (b["period_start"], b["period_end"]) == ("2028-02-29", "2028-03-31")
    assert not quarters[0].summary.set_index("contract_id").loc["B", "period_start"]
    # A's notice ends it on 15 August 2027: its Q2 is cut, Q3 outside it
    a = quarters[1].summary.set_index("contract_id").loc["A"]
    assert a["period_end"] == "2027-08-15"
    assert "FY2027 Q2 clipped to 2027-07-01 to 2027-08-15" in a["note"]
