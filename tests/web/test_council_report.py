"""A council's report in ``s92 serve`` is ``s92 report``'s, figure for figure: the same
report.csv, monthly.csv and penalties.csv rows for its contract, whatever the period and
whichever of its posts are vacant, new or stale.

The store (web_fixtures.MONEY): three contracts of one scenario, rostered by the real
solver and checked by the independent checker; one whose officers all join in November (its
posts vacant in October), one that starts mid-November, and entries logged and voided."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from web_fixtures import MONEY_CONTRACTS as CONTRACTS
from web_fixtures import Money, login

from scheduler.accounting.periods import parse_period
from scheduler.cli import main
from scheduler.store import Store
from scheduler.web.app import create_app

PERIODS = ("FY2026", "FY2026 Q3", "2026-10", "2026-11", "2026-12", "Y1", "term")
FILES = ("report.csv", "monthly.csv", "penalties.csv")


def cli_files(money: Money, period: str, out: Path) -> dict[str, pd.DataFrame]:
    argv = ["report", str(money.scenario), "--period", period, "--out", str(out)]
    assert main([*argv, "--db", str(money.db)]) == 0
    return {name: pd.read_csv(out / name, dtype=str, keep_default_na=False) for name in FILES}


@pytest.mark.parametrize("period", PERIODS)
def test_each_council_downloads_what_s92_report_writes(
    money: Money, tmp_path: Path, period: str
) -> None:
    cli = cli_files(money, period, tmp_path)
    with TestClient(create_app(money.db)) as client:
        for contract in CONTRACTS:
            client.cookies.clear()
            login(client, contract.lower())
            for name in FILES:
                r = client.get(f"/contracts/{contract}/{name}", params={"period": period})
                assert r.status_code == 200, r.text[:200]
                web = pd.read_csv(io.StringIO(r.text), dtype=str, keep_default_na=False)
                mine = cli[name][cli[name]["contract_id"] == contract].reset_index(drop=True)
                if name == "monthly.csv":  # counted from the report's first month
                    web = web.drop(columns="hdd_days_cumulative")
                    mine = mine.drop(columns="hdd_days_cumulative")
                pd.testing.assert_frame_equal(web, mine, obj=f"{contract} {name} {period}")


def test_a_vacancy_before_the_officers_join_is_charged_as_the_command_charges_it(
    money: Money, tmp_path: Path
) -> None:
    # LATE's two posts are vacant in October (its officers join on 2 November): the page
    # cut the report to the contract's own rows, from 2 November, and so left out the
    # vacancy's penalty that s92 report charges
    cli = cli_files(money, "2026-10", tmp_path)["report.csv"].set_index("contract_id")
    assert cli.loc["LATE", "vacant_post_days"] == "54"
    with TestClient(create_app(money.db)) as client:
        login(client, "late")
        api = client.get("/api/contracts/LATE/report", params={"period": "2026-10"}).json()
    (row,) = api["summary"]
    assert row["vacant_post_days"] == 54
    assert f"{row['vacancy_penalty_gbp']:.2f}" == cli.loc["LATE", "vacancy_penalty_gbp"]
    assert row["vacancy_penalty_gbp"] > 0


def test_the_stale_note_is_in_the_rows_of_report_csv(money: Money) -> None:
    # the voided sickness (Monday to Friday) held a published rest day, which stays one:
    # the note counts the days the re-roster gives back, the sick days
    with Store(money.db) as store:
        published = store.latest_roster("Money")
    assert published is not None
    held = published[published["kind"].astype(str) == "sickness"]
    sick = int((held["state"] == "SICK").sum())
    assert len(held) == 5  # Monday to Friday
    assert 0 < sick < 5  # the case in hand: a rest day among them
    with TestClient(create_app(money.db)) as client:
        login(client, "early")
        r = client.get("/contracts/EARLY/report.csv", params={"period": "2026-11"})
        (note,) = pd.read_csv(io.StringIO(r.text), keep_default_na=False)["note"]
        assert f"{sick} officer-days in this period still follow abstractions voided" in note
        october = client.get("/contracts/EARLY/report.csv", params={"period": "2026-10"})
        assert "voided" not in october.text  # the voided days are all in November


def test_the_month_table_ends_with_the_periods_total(money: Money, tmp_path: Path) -> None:
    # the page's month by month had no total row (report.html's has), and showed a
    # delivery of 95.1 % as 95.10
    cli = cli_files(money, "FY2026", tmp_path)["report.csv"].set_index("contract_id")
    with TestClient(create_app(money.db)) as client:
        login(client, "early")
        page = client.get("/contracts/EARLY/report", params={"period": "FY2026"}).text
    table = page.split("<h2>Month by month</h2>")[1].split("</table>")[0]
    total = table.split('<tr class="total">')[1].split("</tr>")[0]
    cells = [c.split(">", 1)[1].split("<")[0] for c in total.split("<td")[1:]]
    assert cells[0] == "Total"
    row = {str(k): str(v) for k, v in cli.loc["EARLY"].items()}
    for figure in ("contracted_days", "charge_gbp", "penalty_gbp", "net_cost_gbp"):
        assert f"{float(row[figure]):,.2f}" in cells, figure
    assert cells[3] == f"{float(row['delivery_pct']):.1f}"


@pytest.mark.parametrize("period", ["2026-01", "FY2025", "2026-11", "FY2026 Q3"])
def test_the_period_menu_says_the_period_the_page_shows(money: Money, period: str) -> None:
    # a month of the term before the horizon (typed in the address, or a link kept) was
    # shown under a menu reading 'Financial year 2026/27': Show then gave that instead
    with TestClient(create_app(money.db)) as client:
        login(client, "early")
        page = client.get("/contracts/EARLY/report", params={"period": period})
        assert page.status_code == 200
        # named in words, as the menu names it (December 2026, Q3 2026/27 ...)
        assert f"<h1>Contract delivery: {parse_period(period).name}</h1>" in page.text
        selected = re.findall(r'<option value="([^"]+)" selected>', page.text)
        assert selected == [period]


def test_a_quarter_is_offered_and_answered_as_the_sum_of_its_months(money: Money) -> None:
    # a council reconciling quarterly invoices added three months by hand: no quarter
    # was a period the page, the downloads or the API knew
    with TestClient(create_app(money.db)) as client:
        login(client, "early")
        page = client.get("/contracts/EARLY/report", params={"period": "FY2026"}).text
        assert re.search(r'<option value="FY2026 Q3" *>Q3 2026/27 \(Oct-Dec 2026\)</option>', page)
        quarter = client.get("/contracts/EARLY/report", params={"period": "FY2026 Q3"}).text
        links = re.findall(r'(?:href|src)="(/contracts/EARLY/[^"]*period=[^"]*)"', quarter)
        assert len(links) >= 5
        assert all(link.endswith("period=FY2026%20Q3") for link in links), links
        for link in links:  # an address holds no space: each link is followed as written
            assert client.get(link).status_code == 200, link
        api = client.get("/api/contracts/EARLY/report", params={"period": "Q3 2026/27"}).json()
        download = client.get("/contracts/EARLY/report.xlsx", params={"period": "FY2026 Q3"})
    assert api["period"] == "FY2026 Q3"
    assert "EARLY-report-FY2026Q3.xlsx" in download.headers["content-disposition"]
    (row,) = api["summary"]
    for figure in ("charge_gbp", "penalty_gbp", "delivered_days", "contracted_days"):
        months = [round(m[figure] * 100) for m in api["monthly"]]
        assert sum(months) == round(row[figure] * 100), figure
