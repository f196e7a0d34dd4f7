"""A form's field over 1 MB (a reason pasted from a document) was answered by Starlette's
words on an error page ("Field exceeded maximum size of 1024KB."): now the form's page
says which field is too long, as it does for one of 3,000 characters."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store

LONG = "x" * (1024 * 1024 + 10)


@pytest.mark.parametrize("multipart", [False, True], ids=["urlencoded", "multipart"])
def test_a_reason_over_a_megabyte_is_refused_in_the_form(
    client: TestClient, db, multipart: bool
) -> None:
    csrf = login(client, "planner-ea")
    form = {"csrf_token": csrf, "officer_id": "A-C0", "date": "2026-10-20", "kind": "sickness",
            "reason": LONG, "authorised_by": "Insp X", "notified": "2026-10-20"}  # fmt: skip
    files = {"attachment": ("note.txt", b"x", "text/plain")} if multipart else None
    r = client.post("/entries", data=form, files=files, follow_redirects=False)
    assert r.status_code == 422
    assert "reason: longer than 2,000 characters" in r.text
    assert "exceeded maximum size" not in r.text
    assert 'name="officer_id"' in r.text  # the form, to type it again
    with Store(db, create=False) as store:
        assert store.entries() == []


def test_a_reroster_field_over_a_megabyte_is_refused_in_the_form(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    r = client.post(
        "/contracts/EAST-A/reroster",
        data={"from_date": LONG, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 422
    assert "from: not a date" in r.text
    assert "exceeded maximum size" not in r.text
    assert len(r.text) < 100_000  # the field named, not its megabyte shown back twice
