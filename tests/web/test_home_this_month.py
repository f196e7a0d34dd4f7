"""A contract's card on the home page leads to this month's delivery report in one click
(the report opened on the financial year: the month was three steps away), for the
contracts with roster days this month only."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.web import pages


def test_a_card_leads_to_this_months_delivery(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "london_today", lambda: date(2026, 11, 12))
    login(client, "council-a")
    home = client.get("/").text
    assert (
        '<a class="button" href="/contracts/EAST-A/report?period=2026-11">Delivery in November</a>'
        in home
    )
    assert "EAST-B" not in home
    report = client.get("/contracts/EAST-A/report?period=2026-11")
    assert report.status_code == 200
    assert "Contract delivery: November 2026" in report.text


def test_no_link_to_a_month_the_roster_does_not_reach(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "london_today", lambda: date(2026, 12, 7))  # horizon ended
    login(client, "planner-ea")
    home = client.get("/").text
    assert "/contracts/EAST-A/report" in home
    assert "?period=" not in home
    assert "Delivery in" not in home
