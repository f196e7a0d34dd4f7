"""A page's form as a browser, a proxy or a script may send it: bytes that are not UTF-8
are refused in one line naming the field, and digits other than 0-9 are not a number."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.store import Store

ARABIC_DAY = (
    "\u0662\u0660\u0662\u0666-\u0661\u0660-\u0662\u0660"  # 2026-10-20 in Arabic-Indic digits
)
URLENCODED = {"content-type": "application/x-www-form-urlencoded"}


def _entry_body(csrf: str, reason: bytes) -> bytes:
    return b"&".join(
        [
            b"csrf_token=" + csrf.encode(),
            b"officer_id=A-C0",
            b"date=2026-10-20",
            b"kind=sickness",
            b"reason=" + reason,
            b"authorised_by=Insp+X",
            b"notified=2026-10-20",
        ]
    )


@pytest.mark.parametrize("reason", [b"caf%E9", b"caf\xe9"], ids=["escaped", "raw"])
def test_an_entry_form_in_windows_1252_is_refused_naming_the_field(
    client: TestClient, db, reason: bytes
) -> None:
    # Starlette read %E9 as U+FFFD: "caf\ufffd" was logged as the reason without a word
    csrf = login(client, "planner-ea")
    r = client.post(
        "/entries", content=_entry_body(csrf, reason), headers=URLENCODED, follow_redirects=False
    )
    assert r.status_code == 400
    assert "reason field was not sent as UTF-8" in r.text
    assert "Traceback" not in r.text
    with Store(db, create=False) as store:
        assert store.entries() == []


def test_the_same_form_in_utf_8_is_logged(client: TestClient, db) -> None:
    csrf = login(client, "planner-ea")
    r = client.post(
        "/entries",
        content=_entry_body(csrf, b"caf%C3%A9"),
        headers=URLENCODED,
        follow_redirects=False,
    )
    assert r.status_code == 303
    with Store(db, create=False) as store:
        assert [e.reason for e in store.entries()] == ["caf\u00e9"]


def test_a_void_with_a_latin_1_reason_is_refused_before_it_is_made(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    client.post("/entries", content=_entry_body(csrf, b"flu"), headers=URLENCODED)
    body = f"csrf_token={csrf}&reason=entr%E9e+en+erreur&authorised_by=Insp+X".encode()
    r = client.post("/entries/1/void", content=body, headers=URLENCODED, follow_redirects=False)
    assert r.status_code == 400
    assert "reason field was not sent as UTF-8 text" in r.text


@pytest.mark.parametrize("typed", ["\u0663\u0660", "\u0969\u0966", "1_0", "1e2", "6E1"])
def test_a_time_limit_in_other_digits_is_refused(client: TestClient, typed: str) -> None:
    # float() reads Arabic-Indic and Devanagari digits: 30 in Arabic-Indic started a 30 s
    # re-roster; and "1e2" as 100 s
    csrf = login(client, "planner-ea")
    r = client.post(
        "/contracts/EAST-A/reroster",
        data={"from_date": "2026-10-19", "time_limit": typed, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 422
    assert "time_limit: give 1 to 600 seconds per contract" in r.text


def test_an_entry_dated_in_other_digits_is_refused(client: TestClient, db) -> None:
    # 2026-10-20 in Arabic-Indic digits was logged, while 09:00 in them as its start was refused
    csrf = login(client, "planner-ea")
    form = {"csrf_token": csrf, "officer_id": "A-C0", "date": ARABIC_DAY, "kind": "court",
            "reason": "r", "authorised_by": "Insp X", "notified": "2026-10-01"}  # fmt: skip
    r = client.post("/entries", data=form, follow_redirects=False)
    assert r.status_code == 422
    assert "entry: date: not a date YYYY-MM-DD or DD/MM/YYYY" in r.text
    with Store(db, create=False) as store:
        assert store.entries() == []
