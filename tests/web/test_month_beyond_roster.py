"""A month typed in a page's address that the roster does not cover is said to have no
roster, never shown as the nearest month's."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from web_fixtures import Money, ReadOnlyClient, login

from scheduler.web.app import create_app


@pytest.mark.parametrize(
    "path",
    [
        "/contracts/EAST-A?month=2027-03",
        "/contracts/EAST-A?month=2026-01",
        "/contracts/EAST-A/officers/A-C0?month=2030-12",
    ],
)
def test_a_month_beyond_the_roster_is_not_found_and_says_which_months_are(
    reader: ReadOnlyClient, path: str
) -> None:
    # the roster runs October to November 2026: March 2027 showed November's grid under
    # an address saying March
    login(reader, "council-a")
    r = reader.get(path)
    assert r.status_code == 404
    month = path.split("month=")[1]
    assert "No roster for " in r.text
    assert month[:4] in r.text
    assert "roster runs from October 2026 to November 2026" in r.text


def test_a_month_of_the_roster_is_still_shown(reader: ReadOnlyClient) -> None:
    login(reader, "council-a")
    r = reader.get("/contracts/EAST-A?month=2026-11")
    assert r.status_code == 200
    assert "November 2026" in r.text


@pytest.mark.parametrize("typed", ["2026-1", "2026-10-01", "Oct 2026"])
def test_a_month_not_written_yyyy_mm_is_said_how_to_write_it(
    reader: ReadOnlyClient, typed: str
) -> None:
    # "No such month", and nothing of how to write one
    login(reader, "council-a")
    r = reader.get("/contracts/EAST-A", params={"month": typed})
    assert r.status_code == 404
    assert f"No such month: give a month as YYYY-MM, as 2026-10 (got &#39;{typed}&#39;)" in r.text


def test_a_day_before_the_contracts_term_links_to_a_month_of_its_roster(money: Money) -> None:
    # NEW starts on 16 November: the page of an October day of the horizon linked to the
    # officer's October, which has no roster of NEW
    with TestClient(create_app(money.db)) as client:
        login(client, "planner-mm")
        day = client.get("/contracts/NEW/officers/N0/2026-10-20")
        assert day.status_code == 200
        link = re.search(r'href="(/contracts/NEW/officers/N0\?month=[0-9-]+)"', day.text)
        assert link is not None
        assert link.group(1).endswith("month=2026-11")
        assert client.get(link.group(1)).status_code == 200
