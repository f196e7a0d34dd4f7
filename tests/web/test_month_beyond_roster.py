"""A month typed in a page's address that the roster does not cover is said to have no
roster, never shown as the nearest month's."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_fixtures import login


@pytest.mark.parametrize(
    "path",
    [
        "/contracts/EAST-A?month=2027-03",
        "/contracts/EAST-A?month=2026-01",
        "/contracts/EAST-A/officers/A-C0?month=2030-12",
    ],
)
def test_a_month_beyond_the_roster_is_not_found_and_says_which_months_are(
    client: TestClient, path: str
) -> None:
    # the roster runs October to November 2026: March 2027 showed November's grid under
    # an address saying March
    login(client, "council-a")
    r = client.get(path)
    assert r.status_code == 404
    month = path.split("month=")[1]
    assert "No roster for " in r.text
    assert month[:4] in r.text
    assert "roster runs from October 2026 to November 2026" in r.text


def test_a_month_of_the_roster_is_still_shown(client: TestClient) -> None:
    login(client, "council-a")
    r = client.get("/contracts/EAST-A?month=2026-11")
    assert r.status_code == 200
    assert "November 2026" in r.text
