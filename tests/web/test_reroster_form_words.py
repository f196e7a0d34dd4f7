"""The re-roster form says a first day left out is missing (the time limit's digits:
test_form_bytes_and_digits)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_fixtures import login


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
