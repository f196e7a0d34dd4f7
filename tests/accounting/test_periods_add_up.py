"""One set of rules for every period: the HDD allowance belongs to the year, months add
up to their period exactly, and the itemised penalties add up to the penalty.

Hand-built roster tables throughout (no solver)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.errors import InputError
from scheduler.scenario import Scenario, load_scenario, scenario_from_dict

ROOT = Path(__file__).resolve().parents[2]
FY_START, FY_END = date(2026, 4, 1), date(2027, 3, 31)
ADDITIVE = [
    "filled_post_days",
    "vacant_post_days",
    "delivered_days",
    "hdd_days",
    "hdd_excess_days",
    "emergency_aid_days",
    "penalised_days",
    "other_absence_days",
    "unrecorded_days",
]
MONEY = ["gross_charge_gbp", "match_funding_gbp", "charge_gbp", "penalty_gbp", "net_cost_gbp"]
BY_CAUSE = ["abstraction_penalty_gbp", "hdd_penalty_gbp", "vacancy_penalty_gbp"]


def cents(value: object) -> int:
    return round(float(value) * 100)  # type: ignore[arg-type]


def havering_roster(scenario: Scenario) -> pd.DataFrame:
    """Weekdays on duty, weekends rest, leave as booked, every officer not on leave on aid
    on every High Demand Day (as the roster does by default)."""
    hdds = {h.date for h in scenario.high_demand_days()}
    rows = []
    for officer in scenario.officers:
        leave = officer.leave_days()
        for day in scenario.days:
            if day in leave:
                state = "LEAVE"
            elif day in hdds:
                state = "HDD_AID"
            else:
                state = "REST" if day.weekday() >= 5 else "DUTY"
            rows.append({"officer_id": officer.id, "date": day.isoformat(), "state": state})
    return pd.DataFrame(rows)


def test_havering_hdds_within_the_years_allowance_cost_nothing_in_any_month() -> None:
    # FY2026: 8 HDDs (5 by rule, 3 announced) x 5 officers, less HAV-02 on leave on New
    # Year's Eve, less Carnival Monday's 5 (a bank holiday Havering does not buy: aid
    # there uses no allowance) = 34 HDD officer-days. Allowance: 5% of the year's contracted days,
    # 224 + 226 + 229 + 223 + 226 = 1,128 -> 56.4 -> 56. Before, a month pro-rated the
    # allowance to about 5 and April, August and November charged £264.73, £1,323.67 and
    # £1,323.67 that the year said were not owed.
    scenario = load_scenario(ROOT / "scenarios" / "havering.toml")
    table = havering_roster(scenario)
    year = delivery_report(table, scenario, parse_period("FY2026"))
    (row,) = year.summary.to_dict("records")
    assert (row["hdd_days"], row["hdd_allowance"], row["hdd_excess_days"]) == (34, 56, 0)
    assert row["penalty_gbp"] == 0.0
    assert (year.monthly["penalty_gbp"] == 0.0).all()
    assert year.penalties.empty
    for month in ("2026-04", "2026-08", "2026-11"):
        alone = delivery_report(table, scenario, parse_period(month)).summary.iloc[0]
        assert alone["penalty_gbp"] == 0.0, month
        assert (alone["hdd_allowance"], alone["hdd_allowance_year"]) == (56, "FY2026")
        assert alone["hdd_excess_days"] == 0
    november = delivery_report(table, scenario, parse_period("2026-11")).summary.iloc[0]
    # year to date at the end of November: Marathon, Trooping, Pride, Carnival Sunday,
    # Bonfire Night, Remembrance = 6 days x 5 officers
    assert (november["hdd_days"], november["hdd_days_year_to_date"]) == (10, 30)


def contract_scenario(**contract: object) -> Scenario:
    base = {
        "id": "C1",
        "council": "LB Test",
        "bcu": "XX",
        "start": FY_START,
        "posts": {"constable": 2},
    }
    return scenario_from_dict(
        {
            "scenario": {"name": "hand", "start": FY_START, "end": FY_END},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [base | contract],
            "officer": [
                {"id": "O1", "contract": "C1", "rank": "constable"},
                {"id": "O2", "contract": "C1", "rank": "constable"},
            ],
        }
    )


def weekday_roster(
    officers: tuple[str, ...], states: dict[tuple[str, date], str] | None = None
) -> pd.DataFrame:
    states = states or {}
    rows = []
    for officer in officers:
        day = FY_START
        while day <= FY_END:
            state = states.get((officer, day), "REST" if day.weekday() >= 5 else "DUTY")
            rows.append({"officer_id": officer, "date": day, "state": state})
            day += timedelta(1)
    return pd.DataFrame(rows)


def test_hdd_excess_falls_in_the_month_it_happens() -> None:
    # allowance 2 per post and year: 4 for two posts. Eight HDD officer-days in date order:
    # 2 in May, 2 in June (allowance used up), 2 in July and 2 in September are beyond.
    days = [date(2026, 5, 5), date(2026, 6, 2), date(2026, 7, 7), date(2026, 9, 1)]
    states = {(o, d): "HDD_AID" for o in ("O1", "O2") for d in days}
    report = delivery_report(
        weekday_roster(("O1", "O2"), states),
        contract_scenario(hdd_allowance=2),
        parse_period("FY2026"),
    )
    months = report.monthly.set_index("period")
    assert list(months["hdd_excess_days"][["2026-05", "2026-06", "2026-07", "2026-09"]]) == [
        0,
        0,
        2,
        2,
    ]
    assert list(months["hdd_days_year_to_date"][["2026-05", "2026-07", "2027-03"]]) == [2, 6, 8]
    # 4 days beyond at 57,000 / 226: July 504.4247... -> 504.42, September the same (each
    # month's penalty is its own total rounded: README, Rounding), the year their sum
    assert report.summary.iloc[0]["penalty_gbp"] == 1_008.84
    assert (months.loc["2026-07", "penalty_gbp"], months.loc["2026-09", "penalty_gbp"]) == (
        504.42,
        504.42,
    )
    items = report.penalties
    assert list(items["kind"]) == ["hdd_beyond_allowance"] * 4
    assert list(items["hdd_days_year_to_date"]) == [6, 6, 8, 8]
    assert set(items["hdd_allowance"]) == {4}
    assert round(items["penalty_gbp"].sum(), 2) == 1_008.84


def test_contract_year_allowance() -> None:
    # the allowance belongs to the contract year (from 1 October 2025): HDDs from 1 April
    # to 30 September 2026 use Y1's allowance, from 1 October Y2's
    s = contract_scenario(start=date(2025, 10, 1), hdd_allowance=1, hdd_allowance_year="contract")
    days = [date(2026, 5, 5), date(2026, 10, 6)]
    states = {(o, d): "HDD_AID" for o in ("O1", "O2") for d in days}
    report = delivery_report(weekday_roster(("O1", "O2"), states), s, parse_period("FY2026"))
    row = report.summary.iloc[0]
    assert row["hdd_allowance_year"] == "Y1 + Y2"
    assert (row["hdd_allowance"], row["hdd_excess_days"]) == (4, 0)
    assert any("HDD aid before then is not counted" in n for n in report.notes)


def test_variation_posts_vacancies_and_charges_follow_to_the_day() -> None:
    # one constable post from 1 April; a second from 1 October with a new charge of
    # £60,000 for every constable post; the second officer joins on 1 November.
    s = scenario_from_dict(
        {
            "scenario": {"name": "hand", "start": FY_START, "end": FY_END},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Test",
                    "bcu": "XX",
                    "start": FY_START,
                    "posts": {"constable": 1},
                    "variation": [
                        {
                            "from": date(2026, 10, 1),
                            "posts": {"constable": 2},
                            "annual_charge": {"constable": 60_000},
                        }
                    ],
                }
            ],
            "officer": [
                {"id": "O1", "contract": "C1", "rank": "constable"},
                {"id": "O2", "contract": "C1", "rank": "constable", "start": date(2026, 11, 1)},
            ],
        }
    )
    report = delivery_report(weekday_roster(("O1", "O2")), s, parse_period("FY2026"))
    row = report.summary.iloc[0]
    # October: 31 vacant post-days, each 226/365 of a working day, at 60,000 / 226:
    # 60,000 x 31/365 = 5,095.890... -> £5,095.89, October's charge for the empty post
    assert (row["vacant_post_days"], row["vacancy_penalty_gbp"]) == (31, 5_095.89)
    assert row["posts"] == 2
    # charge: 57,000 x 183/365 + 60,000 x (182 + 182)/365 = 28,578.08 + 59,835.62 = 88,413.70
    assert row["charge_gbp"] == 88_413.70
    # contracted: 183 + 2 x 182 = 547 post-days x 236/365 − bank holidays (5 before
    # October x 1 post, 5 after x 2 posts = 15) = 353.6767 − 15 = 338.68
    assert row["contracted_days"] == 338.68
    months = report.monthly.set_index("period")
    assert months.loc["2026-09", "posts"] == 1
    assert months.loc["2026-10", "posts"] == 2
    assert months.loc["2026-10", "vacant_post_days"] == 31
    assert months.loc["2026-11", "vacant_post_days"] == 0
    # O2's rows before 1 November are not counted (not in post)
    assert months.loc["2026-10", "delivered_days"] == 22  # O1's weekdays
    (vacancy,) = report.penalties[report.penalties["kind"] == "vacancy"].to_dict("records")
    assert (vacancy["date"], vacancy["last_date"], vacancy["days"]) == (
        "2026-10-01",
        "2026-10-31",
        round(31 * 226 / 365, 4),
    )


def test_notice_ends_the_agreement_six_months_later() -> None:
    s = contract_scenario(notice_given=date(2026, 6, 15))
    assert s.contracts[0].end == date(2026, 12, 15)
    report = delivery_report(weekday_roster(("O1", "O2")), s, parse_period("FY2026"))
    row = report.summary.iloc[0]
    assert row["period_end"] == "2026-12-15"
    # the note names the notice (it said "the contract term", which runs to 2029)
    assert row["note"].endswith(
        "clipped to 2026-04-01 to 2026-12-15: the notice given on 2026-06-15"
    )
    # charged to 15 December: 2 x 57,000 x 259/365 = 80,893.15
    assert row["charge_gbp"] == 80_893.15
    assert report.monthly["period"].iloc[-1] == "2026-12"
    january = delivery_report(weekday_roster(("O1", "O2")), s, parse_period("2027-01"))
    assert "outside the contract term" in january.summary.iloc[0]["note"]
    assert "(notice given on 2026-06-15)" in january.summary.iloc[0]["note"]


# --- the property: months add up, penalties add up, a month is the same alone ------------

KIND_STATES = ["DUTY", "DUTY", "DUTY", "REST", "HDD_AID", "ABSTRACTED", "SICK", "COURT"]


@st.composite
def cases(draw: st.DrawFn) -> tuple[Scenario, pd.DataFrame, str]:
    """A contract with random posts, officers in and out of post, a variation, perhaps
    notice, an allowance and its year; a random roster with missing rows; a period."""
    start = draw(st.sampled_from([date(2025, 7, 1), date(2026, 1, 5), FY_START]))
    constables = draw(st.integers(1, 3))
    sergeants = draw(st.integers(0, 1))
    officers = []
    for i in range(constables + sergeants):
        rank = "sergeant" if i < sergeants else "constable"
        officer: dict[str, object] = {"id": f"O{i}", "contract": "C1", "rank": rank}
        officer["service_years"] = draw(st.integers(0, 25))
        if draw(st.booleans()):
            officer["start"] = FY_START + timedelta(draw(st.integers(0, 200)))
        if draw(st.booleans()):
            officer["end"] = FY_START + timedelta(draw(st.integers(201, 364)))
        officers.append(officer)
    contract: dict[str, object] = {
        "id": "C1",
        "council": "LB Test",
        "bcu": "XX",
        "start": start,
        "posts": {"constable": constables, "sergeant": sergeants},
        "hdd_allowance_year": draw(st.sampled_from(["financial", "contract"])),
    }
    if draw(st.booleans()):
        contract["hdd_allowance"] = draw(st.integers(0, 3))
    else:
        contract["hdd_share"] = draw(st.sampled_from([0.0, 0.01, 0.05]))
    if draw(st.booleans()):
        contract["variation"] = [
            {
                "from": FY_START + timedelta(draw(st.integers(1, 300))),
                "posts": {"constable": constables + draw(st.integers(0, 2)), "sergeant": 1},
                "annual_charge": {"constable": draw(st.sampled_from([55_000, 61_234.56]))},
            }
        ]
    if draw(st.booleans()):
        contract["notice_given"] = FY_START + timedelta(draw(st.integers(0, 300)))
    if draw(st.booleans()):
        contract["scheme"] = "met-patrol-plus"
    try:
        scenario = scenario_from_dict(
            {
                "scenario": {"name": "random", "start": FY_START, "end": FY_END},
                "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
                "contract": [contract],
                "officer": officers,
            }
        )
    except InputError:  # a variation after notice ran out, or more officers than posts
        reject()
    n_days = (FY_END - FY_START).days + 1
    rows = []
    for officer in officers:
        states = draw(
            st.lists(st.sampled_from(KIND_STATES), min_size=n_days, max_size=n_days)
            if draw(st.booleans())
            else st.just(["DUTY"] * n_days)
        )
        gaps = draw(st.sets(st.integers(0, n_days - 1), max_size=20))
        for n, state in enumerate(states):
            if n not in gaps:
                rows.append(
                    {
                        "officer_id": officer["id"],
                        "date": FY_START + timedelta(n),
                        "state": state,
                    }
                )
    period = draw(st.sampled_from(["FY2026", "Y1", "Y2", "term", "2026-10"]))
    return scenario, pd.DataFrame(rows), period


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.randoms(use_true_random=False))
def test_months_add_up_to_the_period_and_penalties_to_the_penalty(case, rng) -> None:
    scenario, table, label = case
    report = delivery_report(table, scenario, parse_period(label))
    (row,) = report.summary.to_dict("records")
    months = report.monthly
    if not row["period_start"]:
        assert months.empty
        return
    for column in ADDITIVE:
        assert months[column].sum() == row[column], column
    assert cents(months["contracted_days"].sum()) == cents(row["contracted_days"])
    for column in [*MONEY, *BY_CAUSE]:
        assert sum(cents(v) for v in months[column]) == cents(row[column]), column
    for _, month_row in months.iterrows():  # a month's penalty is its causes', exactly
        causes = sum(cents(month_row[c]) for c in BY_CAUSE)
        assert causes == cents(month_row["penalty_gbp"]), month_row["period"]
    # every penalty itemised, to the penny, by month too
    items = report.penalties
    assert sum(cents(v) for v in items["penalty_gbp"]) == cents(row["penalty_gbp"])
    by_month = items.groupby(items["date"].str[:7])["penalty_gbp"].sum()
    for month, total in by_month.items():
        assert cents(total) == cents(months.set_index("period").loc[str(month), "penalty_gbp"])
    beyond = items[items["kind"] == "hdd_beyond_allowance"]["days"].sum()
    assert round(beyond, 3) == row["hdd_excess_days"]
    # a month reported alone is the same as in the period's report
    month = rng.choice(list(months["period"]))
    alone = delivery_report(table, scenario, parse_period(month)).summary.iloc[0]
    inside = months.set_index("period").loc[month]
    same_days = (alone["period_start"], alone["period_end"]) == (
        inside["period_start"],
        inside["period_end"],
    )
    if same_days:  # not a month cut by a contract year or the term
        for column in [*ADDITIVE, "contracted_days", *MONEY, *BY_CAUSE, "hdd_days_year_to_date"]:
            assert alone[column] == inside[column], (month, column)


def test_monthly_rows_carry_the_penalty_by_cause() -> None:
    # monthly.csv has the columns abstraction/hdd/vacancy_penalty_gbp: they were left blank
    # in every month, so a council could not split a month's penalty by cause
    states = {("O1", date(2026, 8, 4)): "ABSTRACTED", ("O2", date(2026, 9, 7)): "HDD_AID"}
    report = delivery_report(
        weekday_roster(("O1", "O2"), states),
        contract_scenario(hdd_allowance=0),
        parse_period("FY2026"),
    )
    months = report.monthly.set_index("period")
    assert list(months.loc["2026-08", BY_CAUSE]) == [252.21, 0.0, 0.0]
    assert list(months.loc["2026-09", BY_CAUSE]) == [0.0, 252.21, 0.0]
    assert list(months.loc["2026-10", BY_CAUSE]) == [0.0, 0.0, 0.0]


@pytest.mark.parametrize("period", ["FY2026", "2026-08"])
def test_penalties_list_every_abstraction(period: str) -> None:
    states = {("O1", date(2026, 8, 4)): "ABSTRACTED", ("O2", date(2026, 8, 5)): "ABSTRACTED"}
    table = weekday_roster(("O1", "O2"), states)
    table["event"] = ""
    table["abstraction_id"] = ""
    table.loc[(table["officer_id"] == "O1") & (table["state"] == "ABSTRACTED"), "event"] = "Op X"
    table.loc[table["state"] == "ABSTRACTED", "abstraction_id"] = ["7", "8"]
    report = delivery_report(table, contract_scenario(), parse_period(period))
    items = report.penalties
    assert list(items["officer_id"]) == ["O1", "O2"]
    assert list(items["entry_id"]) == ["7", "8"]
    assert list(items["reason"]) == ["operational: Op X", "operational"]
    assert list(items["day_rate_gbp"]) == [252.21, 252.21]
    # 2 x 57,000 / 226 = 504.4247... -> £504.42: the first day 252.21, the second 252.21
    assert list(items["penalty_gbp"]) == [252.21, 252.21]
    assert report.summary.iloc[0]["penalty_gbp"] == 504.42


def test_a_month_alone_knows_the_allowance_year_its_financial_year_began_in() -> None:
    # contract years from 1 May 2026, each with an allowance of 1 HDD day per post (2).
    # Both officers on aid on 2 June 2026 use Y1's allowance; on 6 April 2027 (still Y1,
    # but FY2027) both are beyond it. FY2027 has 366 days, 104 rest days and 6 bank
    # holidays: with 30 days' leave a day is 57,000 / 226, so 2 days are £504.42. In May
    # 2027 (Y2) one operational abstraction: 252.2123... -> £252.21, alone as in the year
    # (each month's penalty is its own total rounded: README, Rounding), and the year is
    # its months, £756.63. (Rounded on the year's running total, May was 756.64 - 504.42 =
    # 252.22 in the year's report; alone, from a ledger that began on 1 April 2027 and
    # missed Y1's HDD days, £252.21.)
    start, end = date(2026, 5, 1), date(2027, 5, 31)
    scenario = scenario_from_dict(
        {
            "scenario": {"name": "hand", "start": start, "end": end},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Test",
                    "bcu": "XX",
                    "start": start,
                    "posts": {"constable": 2},
                    "hdd_allowance": 1,
                    "hdd_allowance_year": "contract",
                }
            ],
            "officer": [
                {"id": "O1", "contract": "C1", "rank": "constable", "service_years": 20},
                {"id": "O2", "contract": "C1", "rank": "constable", "service_years": 20},
            ],
        }
    )
    states = {(o, d): "HDD_AID" for o in ("O1", "O2") for d in (date(2026, 6, 2), date(2027, 4, 6))}
    states[("O1", date(2027, 5, 4))] = "ABSTRACTED"
    table = pd.DataFrame(
        [
            {"officer_id": o, "date": day, "state": states.get((o, day), "DUTY")}
            for o in ("O1", "O2")
            for day in pd.date_range(start, end).date
        ]
    )
    year = delivery_report(table, scenario, parse_period("FY2027"))
    assert year.summary.iloc[0]["penalty_gbp"] == 756.63
    months = year.monthly.set_index("period")["penalty_gbp"]
    assert (months["2027-04"], months["2027-05"]) == (504.42, 252.21)
    alone = delivery_report(table, scenario, parse_period("2027-05")).summary.iloc[0]
    assert alone["penalty_gbp"] == 252.21
    # April alone knows Y1's allowance was used up in June 2026, before its financial year
    april = delivery_report(table, scenario, parse_period("2027-04")).summary.iloc[0]
    assert (april["hdd_excess_days"], april["penalty_gbp"]) == (2, 504.42)
