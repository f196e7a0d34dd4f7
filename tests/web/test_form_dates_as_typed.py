"""The entry form, the entry log's filter and the re-roster form read a date as a UK
planner types one ('20/10/26', 'Tue 20th Oct 2026'); they refused all but YYYY-MM-DD and
DD/MM/YYYY, and said nothing of a weekday that is not the date's."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from web_fixtures import ReadOnlyClient, login

from scheduler.store import Store


@pytest.mark.parametrize("typed", ["20/10/26", "Tue 20th Oct 2026", "October 20, 2026"])
def test_an_entry_typed_so_is_logged_for_its_day(client: TestClient, db, typed: str) -> None:
    csrf = login(client, "planner-ea")
    form = {"csrf_token": csrf, "officer_id": "A-C0", "date": typed, "kind": "sickness",
            "reason": "flu", "authorised_by": "Insp X", "notified": typed}  # fmt: skip
    r = client.post("/entries", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text[-2000:]
    with Store(db, create=False) as store:
        [entry] = store.entries()
    assert (entry.first_date, entry.notified) == (date(2026, 10, 20), date(2026, 10, 20))


def test_a_weekday_not_the_dates_is_refused_in_the_page(client: TestClient, db) -> None:
    csrf = login(client, "planner-ea")
    form = {"csrf_token": csrf, "officer_id": "A-C0", "date": "Mon 20 Oct 2026",
            "kind": "sickness", "reason": "flu", "authorised_by": "Insp X",
            "notified": "2026-10-20"}  # fmt: skip
    r = client.post("/entries", data=form, follow_redirects=False)
    assert r.status_code == 422
    assert "20 October 2026 is a Tuesday, not a Monday" in r.text
    with Store(db, create=False) as store:
        assert store.entries() == []


def test_the_log_filter_reads_a_typed_day(reader: ReadOnlyClient) -> None:
    login(reader, "planner-ea")
    r = reader.get("/entries", params={"from": "19/10/26", "to": "Fri 30th Oct 2026"})
    assert r.status_code == 200
    assert "not a date" not in r.text


def test_the_reroster_form_reads_a_typed_day(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    r = client.post(
        "/contracts/EAST-A/reroster",
        data={"from_date": "19 Oct", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 422
    assert "from: no year" in r.text


def test_a_refused_date_is_quoted_as_typed(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    form = {"csrf_token": csrf, "officer_id": "A-C0", "date": "20/10/26", "kind": "training",
            "reason": "course", "authorised_by": "Insp X", "notified": "26/10/26"}  # fmt: skip
    r = client.post("/entries", data=form, follow_redirects=False)
    assert r.status_code == 422
    assert "notified: after the entry&#39;s first day 2026-10-20" in r.text
    assert "(got &#39;26/10/26&#39;)" in r.text  # not 26/10/2026, as read
