"""The re-roster form's time limit takes a decimal (5.5), as ``s92 reroster --time-limit``
does, and the form says so: it took one without a word, where README read as if whole
seconds only, and a refused one ("5,5") said nothing of how to write it."""

from __future__ import annotations

import html

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store
from scheduler.store.previews import Preview
from scheduler.web.jobs import RerosterRequest


def test_the_form_says_a_decimal_is_taken(client: TestClient) -> None:
    login(client, "planner-ea")
    page = client.get("/contracts/EAST-A/reroster").text
    assert "1 to 600, as 30 or 7.5" in page


def test_a_decimal_time_limit_starts_the_re_roster_with_it(
    app: FastAPI, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[RerosterRequest] = []
    jobs = app.state.jobs
    start = jobs.start_reroster

    def recorded(store: Store, owner: str, req: RerosterRequest) -> tuple[Preview, bool]:
        asked.append(req)
        return start(store, owner, req)

    monkeypatch.setattr(jobs, "start_reroster", recorded)
    csrf = login(client, "planner-ea")
    r = client.post(
        "/contracts/EAST-A/reroster",
        data={"from_date": "2026-10-19", "time_limit": " 5.5 ", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text[:300]
    assert [q.time_limit for q in asked] == [5.5]


@pytest.mark.parametrize("typed", ["5,5", "0.5", "600.5"])
def test_a_time_limit_refused_says_how_to_write_it_and_keeps_it(
    client: TestClient, typed: str
) -> None:
    csrf = login(client, "planner-ea")
    r = client.post(
        "/contracts/EAST-A/reroster",
        data={"from_date": "2026-10-19", "time_limit": typed, "csrf_token": csrf},
    )
    assert r.status_code == 422
    page = html.unescape(r.text)
    assert f"time_limit: give 1 to 600 seconds per contract, as 30 or 7.5 (got '{typed}')" in page
    assert f'name="time_limit" value="{typed}"' in page
