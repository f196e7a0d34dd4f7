"""The re-roster form's time limit is digits as a planner types them, and a first day left
out is said to be missing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_fixtures import login


@pytest.mark.parametrize("typed", ["1e2", "6E1", "inf", "nan", "0x1f"])
def test_a_time_limit_not_in_plain_digits_is_refused(client: TestClient, typed: str) -> None:
    # float() read "1e2" as 100 seconds: a re-roster started with a time limit the page
    # showed back as nothing in its 1 to 600 seconds
    csrf = login(client, "planner-ea")
    r = client.post(
        "/contracts/EAST-A/reroster",
        data={"from_date": "2026-10-19", "time_limit": typed, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 422
    assert f"time_limit: give 1 to 600 seconds per contract (got &#39;{typed}&#39;)" in r.text


@pytest.mark.parametrize("typed", ["", "   "])
def test_a_first_day_left_out_is_said_to_be_missing(client: TestClient, typed: str) -> None:
    # "from: not a date YYYY-MM-DD or DD/MM/YYYY (got '')": the planner typed nothing
    csrf = login(client, "planner-ea")
    r = client.post(
        "/contracts/EAST-A/reroster",
        data={"from_date": typed, "notified": " ", "time_limit": "5", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 422
    assert "from: missing: give a date, YYYY-MM-DD or DD/MM/YYYY" in r.text
    assert "not a date" not in r.text
    assert "notified:" not in r.text  # blank: told today, as when left out
