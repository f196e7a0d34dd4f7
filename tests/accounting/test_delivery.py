"""Known answers worked out by hand (the working is in the comments), on roster tables
built by hand: no solver anywhere.

FY2026 (1 April 2026 to 31 March 2027) has 365 days, ⌊2 × 365 / 7⌋ = 104 rest days and
10 bank holidays (Good Friday and Easter Monday fall in both April 2026 and March 2027),
so one post with 25 days' leave has 365 − 104 − 10 − 25 = 226 effective working days and
a constable's daily rate is £57,000 / 226 = £252.2123... (2019/20 prices, no uplift).
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calendars import high_demand_days
from scheduler.accounting.actuals import actuals_to_roster, differences, read_actuals
from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.money import pennies
from scheduler.accounting.periods import parse_period
from scheduler.accounting.posts import Prices
from scheduler.errors import InputError
from scheduler.export.report_html import MONTH_TABLE, headline_figures, totals_row
from scheduler.scenario import Scenario, scenario_from_dict

FY_START, FY_END = date(2026, 4, 1), date(2027, 3, 31)
RULE_HDDS = sorted(h.date for h in high_demand_days(FY_START, FY_END))
EMERGENCY = [date(2026, 5, 5), date(2026, 5, 6)]  # Tue, Wed
OPERATIONAL = [date(2026, 6, 2), date(2026, 6, 3), date(2026, 6, 4)]  # Tue-Thu
CONSTABLE_RATE = Fraction(57_000, 226)


def scenario(
    posts: dict[str, int] | None = None,
    officers: list[dict] | None = None,
    start: date = FY_START,
    **contract: object,
) -> Scenario:
    return scenario_from_dict(
        {
            "scenario": {"name": "hand", "start": FY_START, "end": FY_END},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Test",
                    "bcu": "XX",
                    "start": start,
                    "posts": posts or {"constable": 1},
                    # HDD aid on Carnival Monday, a bank holiday, uses the allowance only
                    # of a contract that buys bank holidays: these tests count it there
                    "cover_bank_holidays": True,
                    **contract,
                }
            ],
            "officer": officers
            if officers is not None
            else [{"id": "O1", "contract": "C1", "rank": "constable", "service_years": 5}],
            # the duty record below has HDD aid on 3 September: a High Demand Day announced
            "high_demand": {"add": [{"date": date(2026, 9, 3), "name": "Announced"}]},
        }
    )


def roster(
    officer_ids: tuple[str, ...] = ("O1",),
    first: date = FY_START,
    last: date = FY_END,
    states: dict[date, str] | None = None,
) -> pd.DataFrame:
    """Weekdays on council duty, weekends rest, and ``states`` on the days given."""
    states = states or {}
    rows = []
    for officer in officer_ids:
        day = first
        while day <= last:
            state = states.get(day, "REST" if day.weekday() >= 5 else "DUTY")
            rows.append({"officer_id": officer, "contract_id": "C1", "date": day, "state": state})
            day += timedelta(1)
    return pd.DataFrame(rows)


def one(report) -> dict:
    assert len(report.summary) == 1
    return report.summary.iloc[0].to_dict()


def test_rule_hdds_of_fy2026() -> None:
    # Carnival Sun 30 + Mon 31 Aug, Bonfire Night Thu 5 Nov, Remembrance Sun 8 Nov, NYE Thu 31 Dec
    assert [
        date(2026, 8, 30),
        date(2026, 8, 31),
        date(2026, 11, 5),
        date(2026, 11, 8),
        date(2026, 12, 31),
    ] == RULE_HDDS


def test_one_constable_fy2026_known_answer() -> None:
    # 5 HDDs on aid, one of them Carnival Monday, a bank holiday the contract does not buy
    # (aid there uses no allowance: an other absence), so 4 HDD days
    # (allowance round_half_up(0.05 × 226 = 11.3) = 11: none beyond), 2 days of
    # emergency aid (never penalised) and 3 operational abstractions (penalised):
    # penalty = 3 × 57,000 / 226 = 171,000 / 226 = 756.637... -> £756.64
    states = {d: "HDD_AID" for d in RULE_HDDS}
    states |= {d: "EMERGENCY_AID" for d in EMERGENCY} | {d: "ABSTRACTED" for d in OPERATIONAL}
    unbought = scenario(cover_bank_holidays=False)
    row = one(delivery_report(roster(states=states), unbought, parse_period("FY2026")))
    assert row["contracted_days"] == 226.0
    assert row["hdd_days"] == 4
    assert row["other_absence_days"] == 1
    assert row["hdd_allowance"] == 11
    assert row["hdd_excess_days"] == 0
    assert row["emergency_aid_days"] == 2
    assert row["penalised_days"] == 3
    assert row["penalty_gbp"] == 756.64
    # 261 weekdays − 3 weekday HDDs (31 Aug, 5 Nov, 31 Dec) − 2 emergency − 3 operational
    assert row["delivered_days"] == 253
    assert row["charge_gbp"] == 57_000.00
    assert row["match_funding_gbp"] == 0.0
    assert (row["filled_post_days"], row["vacant_post_days"]) == (365, 0)
    # (57,000 − 756.637...) / 253 = 222.3057... -> £222.31
    assert row["cost_per_delivered_day_gbp"] == 222.31
    assert row["note"] == ""


def test_a_30_day_vacancy() -> None:
    # the officer joins on 1 May: the post is vacant all April, 30 days. A vacant post-day
    # is the year's working days ÷ its days (226/365): 30 × 226/365 = 18.5753 working days
    # at 57,000 / 226 = 57,000 × 30/365 = 4,684.931... -> £4,684.93, what April's 30 days
    # of the post were charged
    officers = [{"id": "O1", "contract": "C1", "rank": "constable", "start": date(2026, 5, 1)}]
    report = delivery_report(roster(), scenario(officers=officers), parse_period("FY2026"))
    row = one(report)
    assert (row["filled_post_days"], row["vacant_post_days"]) == (335, 30)
    assert row["penalty_gbp"] == 4_684.93
    assert report.penalties["days"].tolist() == [round(30 * 226 / 365, 4)]
    # April's roster rows do not count: 261 weekdays − 22 weekdays in April 2026
    assert row["delivered_days"] == 239


def test_a_post_nobody_fills() -> None:
    # 2 constable posts, 1 officer; September 2026 (30 days) for the empty post:
    # vacant 30 post-days = 30 × 226/365 working days at 57,000 / 226 -> £4,684.93
    report = delivery_report(roster(), scenario(posts={"constable": 2}), parse_period("2026-09"))
    row = one(report)
    assert (row["posts"], row["filled_post_days"], row["vacant_post_days"]) == (2, 30, 30)
    assert row["penalty_gbp"] == 4_684.93


@pytest.mark.parametrize(
    ("period", "contract"),
    [
        ("FY2026", {}),
        ("FY2027", {}),  # 366 days, 29 February 2028
        ("FY2026", {"contracted_days_per_post": 200}),
        ("FY2026", {"annual_charge": {"sergeant": 70_500.01}, "uplift": 0.025}),
    ],
)
def test_a_post_empty_all_year_refunds_its_annual_charge_and_no_more(
    period: str, contract: dict[str, object]
) -> None:
    # DESIGN §1: penalty = daily rate × vacant post-days, daily rate = annual charge ÷
    # contracted days per post. A post nobody holds all year was never worked: its
    # vacant post-days are the year's working days, and the refund its whole charge
    # (calendar days at the daily rate refunded 365/226 = 1.62 times it).
    fy = parse_period(period)
    first, last = date(fy.year, 4, 1), date(fy.year + 1, 3, 31)
    s = scenario_from_dict(
        {
            "scenario": {"name": "empty", "start": first, "end": last},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Test",
                    "bcu": "XX",
                    "start": first,
                    "posts": {"constable": 1, "sergeant": 1},
                    **contract,
                }
            ],
            "officer": [{"id": "O1", "contract": "C1", "rank": "constable"}],
        }
    )
    report = delivery_report(roster(first=first, last=last), s, fy)
    row = one(report)
    sergeant_charge = s.contracts[0].charge("sergeant", fy.year)
    assert row["vacant_post_days"] == last.toordinal() - first.toordinal() + 1
    assert row["vacancy_penalty_gbp"] == float(pennies(Fraction(str(sergeant_charge))))
    monthly = delivery_report(roster(first=first, last=last), s, fy).monthly
    assert sum(round(v * 100) for v in monthly["vacancy_penalty_gbp"]) == round(
        row["vacancy_penalty_gbp"] * 100
    )
    months = monthly.set_index("period")
    for label in months.index:  # each month refunds what its empty post-days were charged
        charge = Fraction(str(sergeant_charge)) * int(months.loc[label, "vacant_post_days"])
        expected = charge / (last.toordinal() - first.toordinal() + 1)
        assert abs(months.loc[label, "vacancy_penalty_gbp"] - float(expected)) <= 0.01


def test_part_year_month() -> None:
    # a post's day in FY2026 is worth 1 − (104 rest + 25 leave) / 365 = 236/365 of a day,
    # less 1 on a bank holiday. By 31 August: 153 × 236/365 − 5 bank holidays = 93.9260;
    # by 30 September: 183 × 236/365 − 5 = 113.3233. Rounded on the year's running total:
    # September = 113.32 − 93.93 = 19.39 (its exact 19.397 rounded alone would be 19.40).
    # Charge: 57,000 × 153/365 = 23,893.15 by August, 57,000 × 183/365 = 28,578.08 by
    # September: 4,684.93.
    row = one(delivery_report(roster(), scenario(), parse_period("2026-09")))
    assert row["contracted_days"] == 19.39
    assert row["charge_gbp"] == 4_684.93
    assert (row["period_start"], row["period_end"]) == ("2026-09-01", "2026-09-30")
    assert row["delivered_days"] == 22  # weekdays of September 2026
    assert row["hdd_allowance"] == 11  # the year's: 0.05 × 226 = 11.3 -> 11, not pro rata
    assert row["hdd_allowance_year"] == "FY2026"
    assert row["penalty_gbp"] == 0.0


def test_hdds_beyond_the_allowance() -> None:
    # 13 HDD days against an allowance of 11: 2 beyond -> 2 × 57,000 / 226 = 504.424... -> £504.42
    extra = [date(2026, 4, 6) + timedelta(7 * n) for n in range(8)]  # 8 Mondays
    states = {d: "HDD_AID" for d in [*RULE_HDDS, *extra]}
    row = one(delivery_report(roster(states=states), scenario(), parse_period("FY2026")))
    assert (row["hdd_days"], row["hdd_allowance"], row["hdd_excess_days"]) == (13, 11, 2)
    assert row["penalty_gbp"] == 504.42


def test_hdd_allowance_set_per_post_and_year() -> None:
    # hdd_allowance = 3 per post and year: 5 rule HDDs -> 2 beyond -> £504.42
    states = {d: "HDD_AID" for d in RULE_HDDS}
    row = one(
        delivery_report(roster(states=states), scenario(hdd_allowance=3), parse_period("FY2026"))
    )
    assert (row["hdd_allowance"], row["hdd_excess_days"], row["penalty_gbp"]) == (3, 2, 504.42)


def test_hdd_excess_on_the_crossing_day_is_charged_at_the_average_rate() -> None:
    # three posts, everyone 25 days' leave (226 EWD); hdd_share 0.0059: 0.0059 × 678 = 4.0002 -> 4
    # HDDs on two days for all three: day 1 uses 3, day 2 brings 3 more: 2 beyond the 4
    # -> 2/3 × (57,000 + 70,500 + 86,000) / 226 = 427,000 / 678 = 629.793... -> £629.79
    officers = [
        {"id": "C", "contract": "C1", "rank": "constable"},
        {"id": "S", "contract": "C1", "rank": "sergeant"},
        {"id": "I", "contract": "C1", "rank": "inspector"},
    ]
    posts = {"constable": 1, "sergeant": 1, "inspector": 1}
    states = {date(2026, 8, 30): "HDD_AID", date(2026, 8, 31): "HDD_AID"}
    s = scenario(posts=posts, officers=officers, hdd_share=0.0059)
    row = one(delivery_report(roster(("C", "S", "I"), states=states), s, parse_period("FY2026")))
    assert (row["hdd_days"], row["hdd_allowance"], row["hdd_excess_days"]) == (6, 4, 2)
    assert row["penalty_gbp"] == 629.79


def test_rounded_to_the_penny_only_at_the_end() -> None:
    # three constables, one operational day each: 3 × 252.2123... = 756.637 -> £756.64
    # (rounding each officer first would give 3 × 252.21 = 756.63)
    officers = [{"id": f"O{i}", "contract": "C1", "rank": "constable"} for i in (1, 2, 3)]
    table = roster(("O1", "O2", "O3"))
    table.loc[table["date"] == OPERATIONAL[0], "state"] = "ABSTRACTED"
    s = scenario(posts={"constable": 3}, officers=officers)
    row = one(delivery_report(table, s, parse_period("FY2026")))
    assert (row["penalised_days"], row["penalty_gbp"]) == (3, 756.64)


def test_aid_is_never_penalised_and_kinds_come_from_the_contract() -> None:
    # penalised_kinds names court and the aid kinds; aid stays free (PCD 555 §4.2)
    states = {EMERGENCY[0]: "EMERGENCY_AID", RULE_HDDS[1]: "HDD_AID", OPERATIONAL[0]: "COURT"}
    states |= {OPERATIONAL[1]: "ABSTRACTED", OPERATIONAL[2]: "SICK"}
    s = scenario(penalised_kinds=["court", "hdd_aid", "emergency_aid"])
    row = one(delivery_report(roster(states=states), s, parse_period("FY2026")))
    # court penalised; operational not named by this contract, and sickness: other absence
    assert (row["penalised_days"], row["other_absence_days"]) == (1, 2)
    assert row["penalty_gbp"] == 252.21


def test_a_kind_column_overrides_the_state() -> None:
    table = roster(states={d: "ABSTRACTED" for d in OPERATIONAL})
    table["kind"] = ""
    table.loc[table["date"] == OPERATIONAL[0], "kind"] = "protest_policing"
    s = scenario(penalised_kinds=["protest_policing"])
    report = delivery_report(table, s, parse_period("FY2026"))
    row = one(report)
    assert (row["penalised_days"], row["other_absence_days"]) == (1, 2)
    kinds = dict(zip(report.kinds["kind"], report.kinds["days"], strict=True))
    assert kinds == {"operational": 2, "protest_policing": 1}


def test_met_patrol_plus_match_funding() -> None:
    row = one(delivery_report(roster(), scenario(scheme="met-patrol-plus"), parse_period("FY2026")))
    assert (row["gross_charge_gbp"], row["match_funding_gbp"]) == (57_000.0, 28_500.0)
    assert row["charge_gbp"] == 28_500.0


@pytest.mark.parametrize(
    ("contract", "paid"),
    [
        ({"scheme": "met-patrol-plus"}, Fraction(1, 2)),
        ({"scheme": "met-patrol-plus", "match_funding_share": 0.25}, Fraction(3, 4)),
        ({"match_funding_share": 0.1}, Fraction(9, 10)),
    ],
)
def test_penalties_refund_the_council_s_share_of_the_charge(
    contract: dict[str, Any], paid: Fraction
) -> None:
    # DESIGN §1: Met Patrol Plus was "buy one get one free": the council pays half the
    # annual charge and the MPS the other half. A penalty is owed back to the council, so
    # its day rate is the council's share: 3 operational days of a constable under MPP
    # refund 3 × 28,500 / 226 = £378.32, not 3 × 57,000 / 226 = £756.64; and two posts,
    # one empty all year, refund what the council paid for it (£28,500), not £57,000.
    states = {d: "ABSTRACTED" for d in OPERATIONAL}
    s = scenario(posts={"constable": 2}, **contract)
    report = delivery_report(roster(states=states), s, parse_period("FY2026"))
    row = one(report)
    rate = CONSTABLE_RATE * paid
    assert row["charge_gbp"] == float(pennies(2 * 57_000 * paid))
    assert row["penalty_gbp"] == float(pennies(3 * rate + 57_000 * paid))
    # each cause is its items rounded on the year's running total: within a penny
    assert abs(round(row["abstraction_penalty_gbp"] * 100) - 300 * rate) <= 1
    assert abs(round(row["vacancy_penalty_gbp"] * 100) - 5_700_000 * paid) <= 1
    assert set(report.penalties["day_rate_gbp"]) == {float(pennies(rate))}
    assert row["penalty_gbp"] <= row["charge_gbp"]


def test_contracted_days_per_post_sets_the_daily_rate_and_the_days_bought() -> None:
    # 57,000 / 200 = 285 a day; 3 operational days -> £855.00
    states = {d: "ABSTRACTED" for d in OPERATIONAL}
    s = scenario(contracted_days_per_post=200)
    report = delivery_report(roster(states=states), s, parse_period("FY2026"))
    row = one(report)
    assert row["penalty_gbp"] == 855.00
    # the agreement's 200 days a post-year are the days bought (they were the 226
    # effective working days, so contracted days × day rate came to £64,410 on a
    # £57,000 charge), and the HDD allowance is 5% of them
    assert row["contracted_days"] == 200.0
    assert row["hdd_allowance"] == 10
    assert row["contracted_days"] * 285 == row["charge_gbp"]
    assert sum(round(m * 100) for m in report.monthly["contracted_days"]) == 200_00


def test_uplift_and_leave_by_service() -> None:
    # sergeant, 12 years' service: 27 days' leave -> 365 − 104 − 10 − 27 = 224 EWD;
    # 3% uplift a year from 2019/20: 70,500 × 1.03^7 for FY2026
    s = scenario(
        posts={"sergeant": 1},
        officers=[{"id": "S", "contract": "C1", "rank": "sergeant", "service_years": 12}],
        uplift=0.03,
    )
    assert s.officers[0].annual_leave_entitlement == 27
    rate = Prices(s.contracts[0]).rate("sergeant", OPERATIONAL[0], 27)
    assert float(rate) == pytest.approx(70_500 * 1.03**7 / 224)
    table = roster(("S",), states={OPERATIONAL[0]: "ABSTRACTED"})
    row = one(delivery_report(table, s, parse_period("FY2026")))
    assert row["contracted_days"] == 224.0
    assert row["penalty_gbp"] == float(pennies(rate))


def test_period_clipped_to_the_data() -> None:
    table = roster(last=date(2026, 6, 30))
    report = delivery_report(table, scenario(), parse_period("FY2026"))
    row = one(report)
    assert (row["period_start"], row["period_end"]) == ("2026-04-01", "2026-06-30")
    assert "clipped" in row["note"]
    assert "data available" in row["note"]
    assert any("clipped" in n for n in report.notes)
    assert list(report.monthly["period"]) == ["2026-04", "2026-05", "2026-06"]


def test_contract_year_spans_two_financial_years() -> None:
    # contract from 5 January 2026: Y1 = 5 Jan 2026 to 4 Jan 2027; the roster starts on
    # 1 April so Y1 is clipped to 1 April 2026 - 4 January 2027
    report = delivery_report(roster(), scenario(start=date(2026, 1, 5)), parse_period("Y1"))
    row = one(report)
    assert (row["period_start"], row["period_end"]) == ("2026-04-01", "2027-01-04")
    assert report.monthly["period"].iloc[-1] == "2027-01"
    assert report.monthly["period_end"].iloc[-1] == "2027-01-04"


def test_term_outside_the_data_gives_an_empty_row() -> None:
    report = delivery_report(roster(), scenario(start=date(2030, 1, 1)), parse_period("FY2026"))
    row = one(report)
    assert row["delivered_days"] == 0
    assert "outside the contract term" in row["note"]
    assert row["posts"] == 0  # nothing is bought before the agreement (it read 1)


def test_a_period_with_no_data_counts_the_posts_then_bought() -> None:
    # a variation from 1 March 2027 buys a second post; FY2027 lies beyond the roster's
    # data, within the term: the row read the agreement's first posts (1), not March's 2
    s = scenario(
        start=date(2026, 4, 1),
        variation=[{"from": date(2027, 3, 1), "posts": {"constable": 2}}],
    )
    row = one(delivery_report(roster(), s, parse_period("FY2027")))
    assert row["delivered_days"] == 0
    assert "no data" in row["note"]
    assert row["posts"] == 2


def test_monthly_rows_add_up_to_the_period() -> None:
    states = {d: "HDD_AID" for d in RULE_HDDS} | {d: "ABSTRACTED" for d in OPERATIONAL}
    report = delivery_report(roster(states=states), scenario(), parse_period("FY2026"))
    row, months = one(report), report.monthly
    for column in ("delivered_days", "hdd_days", "penalised_days", "vacant_post_days"):
        assert months[column].sum() == row[column]
    for column in ("contracted_days", "charge_gbp", "penalty_gbp"):  # exactly, to the penny
        assert round(months[column].sum(), 2) == row[column]
    assert months["hdd_days_cumulative"].iloc[-1] == 5
    assert list(report.hdd_usage["cumulative"]) == [1, 2, 3, 4, 5]


def test_officers_the_scenario_does_not_know_are_left_out() -> None:
    report = delivery_report(roster(("O1", "GHOST")), scenario(), parse_period("2026-09"))
    assert one(report)["delivered_days"] == 22
    assert any("not in the scenario" in n for n in report.notes)


def test_bad_roster_tables() -> None:
    with pytest.raises(InputError, match="state"):
        delivery_report(roster().drop(columns="state"), scenario(), parse_period("FY2026"))
    table = roster()
    table.loc[0, "state"] = "NAP"
    with pytest.raises(InputError, match="unknown roster state"):
        delivery_report(table, scenario(), parse_period("FY2026"))


@settings(max_examples=25, deadline=None)
@given(st.sets(st.integers(0, 364), max_size=40))
def test_penalty_is_the_exact_rate_times_the_days(days: set[int]) -> None:
    # any weekday set of operational abstractions costs exactly n × 57,000 / 226 a month,
    # rounded month by month (README: Rounding), bank holidays too: this contract buys
    # them (README: Penalty; one that does not is tested above)
    weekdays = {FY_START + timedelta(d) for d in days if (FY_START + timedelta(d)).weekday() < 5}
    table = roster(states={d: "ABSTRACTED" for d in weekdays})
    row = one(delivery_report(table, scenario(), parse_period("FY2026")))
    assert scenario().contracts[0].cover_bank_holidays
    months = pd.Series([d.strftime("%Y-%m") for d in weekdays], dtype=object).value_counts()
    expected = sum(pennies(n * CONSTABLE_RATE) for n in months)
    assert row["penalty_gbp"] == float(expected)


# --- the duty record ---------------------------------------------------------------------

RECORD = """officer_id,date,start,end,deployment,reason
O1,2026-09-01,07:00,15:00,council,
O1,2026-09-02,07:00,15:00,operational,Op Bridge
O1,2026-09-03,22:00,07:00,hdd_aid,
O1,2026-09-04,,,sickness,flu
O1,2026-09-05,,,rest,
"""


def record(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def test_actuals_convert_to_a_roster_table() -> None:
    table = actuals_to_roster(record(RECORD), scenario(), "duty.csv")
    assert list(table["state"]) == ["DUTY", "ABSTRACTED", "HDD_AID", "SICK", "REST"]
    assert list(table["kind"]) == ["", "operational", "hdd_aid", "sickness", ""]
    assert table.loc[2, "start"] == "2026-09-03T22:00:00+01:00"
    assert table.loc[2, "end"] == "2026-09-04T07:00:00+01:00"
    assert table.loc[1, "event"] == "Op Bridge"
    assert list(table["contract_id"].unique()) == ["C1"]
    row = one(delivery_report(table, scenario(), parse_period("2026-09")))
    # the record covers 1-5 September only
    assert (row["delivered_days"], row["penalised_days"], row["hdd_days"]) == (1, 1, 1)
    assert (row["other_absence_days"], row["period_end"]) == (1, "2026-09-05")


def test_a_record_without_reasons() -> None:
    # the reason is free text nothing is worked out from: a record without the column
    # was refused (exit 2, "missing column(s)"); it reads as one whose reasons are empty
    rows = [line.rsplit(",", 1)[0] for line in RECORD.splitlines()]
    table = actuals_to_roster(record("\n".join(rows) + "\n"), scenario(), "duty.csv")
    full = actuals_to_roster(record(RECORD), scenario(), "duty.csv")
    pd.testing.assert_frame_equal(table, full.assign(event=""))
    with pytest.raises(InputError, match=r"duty\.csv: deployment: missing column.*add them"):
        actuals_to_roster(record(RECORD.replace("deployment", "deploy")), scenario(), "duty.csv")


def test_deployments_as_a_person_types_them() -> None:
    # a council's duty record typed in a spreadsheet: 'HDD aid' was refused as an
    # unknown deployment (exit 2) though headers are matched without case or spaces
    text = RECORD.replace(",council,", ",Council,").replace(",hdd_aid,", ",HDD aid,")
    text = text.replace(",operational,", ",Operational ,").replace(",sickness,", ",SICKNESS,")
    text += "O1,2026-09-06,07:00,15:00,Emergency-Aid,Riot\n"
    table = actuals_to_roster(record(text), scenario(), "duty.csv")
    states = ["DUTY", "ABSTRACTED", "HDD_AID", "SICK", "REST", "EMERGENCY_AID"]
    assert list(table["state"]) == states
    assert list(table["kind"]) == ["", "operational", "hdd_aid", "sickness", "", "emergency_aid"]


def test_dates_saved_with_their_midnight_read_as_dates() -> None:
    # a date column formatted with its time in the spreadsheet is saved '01/09/2026 00:00':
    # it was refused as not a date; a time other than midnight still is
    text = RECORD.replace("2026-09-01,", "01/09/2026 00:00,").replace(
        "2026-09-02,", "2026-09-02 00:00:00,"
    )
    table = actuals_to_roster(record(text), scenario(), "duty.csv")
    assert list(table["date"].astype(str))[:2] == ["2026-09-01", "2026-09-02"]
    with pytest.raises(InputError, match="row 2, column date"):
        actuals_to_roster(
            record(RECORD.replace("2026-09-01,", "01/09/2026 07:00,")), scenario(), "d"
        )


def test_actuals_night_across_the_clock_change() -> None:
    text = "officer_id,date,start,end,deployment,reason\nO1,2026-10-24,22:00,07:00,council,\n"
    table = actuals_to_roster(record(text), scenario(), "duty.csv")
    assert table.loc[0, "hours"] == 10.0  # one hour longer: the clocks go back


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("O1,2026-09-31,07:00,15:00,council,", "row 2, column date", "2026-09-31"),
        ("O1,2026/09/01,07:00,15:00,council,", "row 2, column date", "2026/09/01"),
        ("O1,31/09/2026,07:00,15:00,council,", "row 2, column date", "31/09/2026"),
        ("O1,2026-09-01,07:00,15:00,patrol,", "row 2, column deployment", "patrol"),
        ("O9,2026-09-01,07:00,15:00,council,", "row 2, column officer_id", "O9"),
        ("O1,2026-09-01,7am,15:00,council,", "row 2, column start", "7am"),
        ("O1,2026-09-01,07:00,,council,", "row 2, column end", ""),
        # London clock times the clocks skip (01:00-01:59 on Sunday 28 March 2027)
        ("O1,2027-03-28,01:30,09:00,council,", "row 2, column start", "01:30"),
        ("O1,2027-03-27,22:00,1:30,council,", "row 2, column end", "1:30"),
        (
            "O1,2027-03-28,28/03/2027 01:00,09:00,council,",
            "row 2, column start",
            "28/03/2027 01:00",
        ),
    ],
)
def test_bad_duty_record_rows(line: str, field: str, value: str) -> None:
    text = "officer_id,date,start,end,deployment,reason\n" + line + "\n"
    with pytest.raises(InputError) as caught:
        actuals_to_roster(record(text), scenario(), "duty.csv")
    (problem,) = caught.value.problems
    assert (problem.file, problem.field, problem.value) == ("duty.csv", field, value)


def test_bad_duty_record_files(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_actuals(tmp_path / "missing.csv", scenario())
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(InputError, match="empty"):
        read_actuals(empty, scenario())
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("officer,day\nO1,2026-09-01\n")
    with pytest.raises(InputError, match="missing column"):
        read_actuals(wrong, scenario())
    twice = tmp_path / "twice.csv"
    twice.write_text(RECORD + "O1,2026-09-01,07:00,15:00,council,\n")
    with pytest.raises(InputError, match="row 7, column date: a second row"):
        read_actuals(twice, scenario())


def excel_record(text: str) -> str:
    """What a UK-locale Excel makes of the record: dates DD/MM/YYYY, times H:MM, a
    date-time as DD/MM/YYYY HH:MM."""
    text = re.sub(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})", r"\3/\2/\1 \4", text)
    text = re.sub(r"(\d{4})-(\d{2})-(\d{2})", r"\3/\2/\1", text)
    return re.sub(r",0(\d):", r",\1:", text)


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("utf-8-sig", ";"), ("cp1252", ";"), ("cp1252", ","), ("utf-8-sig", ",")],
)
def test_a_duty_record_as_excel_saves_it_reads(tmp_path, encoding: str, separator: str) -> None:
    """UTF-8 with a byte order mark or Windows-1252, commas or a European locale's
    semicolons, dates DD/MM/YYYY and times H:MM: the record a spreadsheet hands back."""
    plain = RECORD.replace("Op Bridge", "Op Café") + "O1,2026-09-06,2026-09-06T07:00,15:00,council,"
    saved = excel_record(plain).replace("officer_id,", "Officer ID,")
    assert "06/09/2026 07:00,15:00" in saved
    assert ",7:00," in saved
    path = tmp_path / "duty.csv"
    path.write_bytes(saved.replace(",", separator).encode(encoding))
    table = read_actuals(path, scenario())
    expected = actuals_to_roster(record(plain), scenario(), "duty.csv")
    pd.testing.assert_frame_equal(table, expected)
    assert table.loc[1, "event"] == "Op Café"
    assert table.loc[5, "start"] == "2026-09-06T07:00:00+01:00"


@pytest.mark.parametrize("mark", [".", "-"])
def test_a_duty_record_s_dates_read_as_every_date_s92_reads(tmp_path, mark: str) -> None:
    """A German or Polish locale saves 06.09.2026, some exports 06-09-2026: the duty record
    reads them as the entry log and the roster CSV do (calendars.read_day), dates and
    date-times alike, rather than refusing every row as "not a date"."""
    plain = RECORD + "O1,2026-09-06,2026-09-06T07:00,15:00,council,"
    saved = excel_record(plain).replace("/", mark)
    assert f"06{mark}09{mark}2026 7:00,15:00" in saved or f"06{mark}09{mark}2026 07:00" in saved
    path = tmp_path / "duty.csv"
    path.write_text(saved, encoding="utf-8")
    table = read_actuals(path, scenario())
    pd.testing.assert_frame_equal(table, actuals_to_roster(record(plain), scenario(), "d.csv"))
    assert table.loc[5, "start"] == "2026-09-06T07:00:00+01:00"


def test_a_binary_duty_record_is_one_line(tmp_path) -> None:
    path = tmp_path / "duty.xlsx"
    path.write_bytes(b"PK\x03\x04\x00\x00garbage")
    with pytest.raises(InputError) as caught:
        read_actuals(path, scenario())
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert "an Excel workbook (expected a CSV" in problem.message


def test_differences_between_plan_and_record() -> None:
    actual = actuals_to_roster(record(RECORD), scenario(), "duty.csv")
    plan = actual.copy()
    plan.loc[0, "start"] = "2026-09-01T08:00:00+01:00"  # times differ
    plan.loc[1, "state"], plan.loc[1, "kind"] = "DUTY", ""  # abstracted without notice
    plan.loc[4, "state"] = "PUBLIC_HOLIDAY"  # a day off either way: no difference
    plan = pd.concat([plan, plan.iloc[[0]].assign(date=date(2026, 9, 6))])  # not in record
    diff = differences(plan, actual)
    assert list(diff["date"]) == ["2026-09-01", "2026-09-02"]
    assert list(diff["actual_deployment"]) == ["council", "operational"]
    assert diff.iloc[1]["reason"] == "Op Bridge"
    # a planned day before the record ends but missing from it is listed too
    missing = plan.iloc[[0]].assign(date=date(2026, 9, 4), officer_id="O1")
    diff = differences(pd.concat([plan[plan["date"] != date(2026, 9, 4)], missing]), actual)
    assert "2026-09-04" in set(diff["date"])
    only_plan = plan.iloc[[0]].assign(officer_id="O2")
    diff = differences(pd.concat([plan, only_plan]), actual)
    assert "(missing)" in set(diff["actual_deployment"])


def test_a_rest_day_of_leave_recorded_as_leave_is_no_difference() -> None:
    """A fortnight's leave holds its weekend's rest days (REST, marked with the leave):
    a duty record keeping the whole booking as leave differs from the plan on none of
    them; a rest day outside leave recorded as leave still differs."""
    text = RECORD.replace("O1,2026-09-05,,,rest,", "O1,2026-09-05,,,leave,annual leave")
    actual = actuals_to_roster(record(text), scenario(), "duty.csv")
    plan = actuals_to_roster(record(RECORD), scenario(), "duty.csv")
    assert list(differences(plan, actual)["date"]) == ["2026-09-05"]
    plan.loc[plan["date"] == date(2026, 9, 5), "kind"] = "leave"
    assert differences(plan, actual).empty


def test_a_duty_record_s_blank_rows_are_no_officer_days() -> None:
    """Excel saves cells cleared in its used range as rows of commas: each was an unknown
    officer, a bad date and an unknown deployment. A row after one keeps its number."""
    lines = RECORD.splitlines()
    blank = ",,,,,"
    text = "\n".join([*lines[:3], blank, *lines[3:], blank, " , ,,,,", ""])
    table = actuals_to_roster(record(text), scenario(), "duty.csv")
    pd.testing.assert_frame_equal(table, actuals_to_roster(record(RECORD), scenario(), "duty.csv"))
    with pytest.raises(InputError) as caught:
        actuals_to_roster(record(text.replace("O1,2026-09-04", "O9,2026-09-04")), scenario(), "d")
    [problem] = caught.value.problems
    assert problem.field == "row 6, column officer_id"
    with pytest.raises(InputError, match="the duty record has no rows"):
        actuals_to_roster(record(lines[0] + "\n" + blank + "\n"), scenario(), "d")


def only_on_duty(days: int) -> dict[date, str]:
    """The first ``days`` days of FY2026 on duty, every other day rest."""
    return {
        FY_START + timedelta(n): "DUTY" if n < days else "REST"
        for n in range((FY_END - FY_START).days + 1)
    }


@pytest.mark.parametrize(
    ("service_years", "duty_days", "pct", "per_day"),
    [
        # 224 contracted days (27 days' leave): 14 / 224 = 6.25 % -> 6.3 % half up, which
        # Python's round() and "%.1f" both gave as 6.2 (a tie goes to the even digit)
        (12, 14, 6.3, 4_071.43),
        # 57,000 / 64 = £890.625 -> £890.63 half up; the page's headline said £890.62
        (5, 64, 28.3, 890.63),
    ],
)
def test_percent_and_cost_per_day_are_rounded_half_up_everywhere(
    service_years: int, duty_days: int, pct: float, per_day: float
) -> None:
    officers = [{"id": "O1", "contract": "C1", "rank": "constable", "service_years": service_years}]
    report = delivery_report(
        roster(states=only_on_duty(duty_days)), scenario(officers=officers), parse_period("FY2026")
    )
    row = one(report)
    assert (row["delivered_days"], row["penalty_gbp"]) == (duty_days, 0.0)
    assert (row["delivery_pct"], row["cost_per_delivered_day_gbp"]) == (pct, per_day)
    shown = headline_figures(report.summary)
    assert f"delivered officer-days ({pct:.1f}%)" in shown
    assert shown["net cost per delivered day"] == (f"£{per_day:,.2f}", True)
    total = dict(zip(MONTH_TABLE, totals_row(report.monthly, MONTH_TABLE), strict=True))
    assert total["delivery_pct"] == pct
