"""An entry without times that clashes with another keeps its rostered tour: the refusal
names its days (``date``), not a ``start`` it was never given, and says what to do."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_fixtures import login


def test_a_clash_of_an_entry_without_times_names_its_date(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    base = {"officer_id": "A-C0", "reason": "r", "authorised_by": "Insp X",
            "notified": "2026-10-01"}  # fmt: skip
    # court late on the 19th, then training on the 20th keeping A-C0's rostered 07:00 early
    late = {**base, "date": "2026-10-19", "kind": "court", "start": "22:00", "end": "23:30"}
    assert client.post("/api/entries", json=late, headers={"x-csrf-token": csrf}).status_code == 201
    r = client.post(
        "/api/entries",
        json={**base, "date": "2026-10-20", "kind": "training"},
        headers={"x-csrf-token": csrf},
    )
    assert r.status_code == 422
    [problem] = r.json()["detail"]
    assert problem["field"] == "date"
    assert "7.5 h rest between the tour ending 2026-10-19 23:30" in problem["msg"]
    assert problem["msg"].endswith("give this entry times of its own, or void the other first")

    page = client.post(
        "/entries", data={**base, "date": "2026-10-20", "kind": "training", "csrf_token": csrf}
    )
    assert page.status_code == 422
    assert "entry: date: with entry 1 (A-C0 court 2026-10-19 22:00-23:30)" in page.text

    # with times of its own the clash is of those times: named start, as before
    timed = {**base, "date": "2026-10-20", "kind": "training", "start": "07:00", "end": "15:00"}
    r = client.post("/api/entries", json=timed, headers={"x-csrf-token": csrf})
    assert [p["field"] for p in r.json()["detail"]] == ["start"]
