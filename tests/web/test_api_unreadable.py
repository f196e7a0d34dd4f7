"""A request the API cannot read (a body that is not JSON, a field of the wrong type, a
page number that is none) is answered in the 422 shape its OpenAPI description gives
every bad input: each problem's field, value, message and line."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.web.api import Problems


def test_a_body_that_is_not_json_is_named_as_the_body_not_by_a_character_position(
    client: TestClient,
) -> None:
    # a trailing comma was answered {"field": "22", "msg": "JSON decode error"} with no
    # "line", which the API's own description of a 422 requires
    csrf = login(client, "planner-ea")
    headers = {"x-csrf-token": csrf, "content-type": "application/json"}
    r = client.post("/api/entries", content=b'{"officer_id": "A-C0",}', headers=headers)
    assert r.status_code == 422
    [problem] = Problems.model_validate(r.json()).detail
    assert problem.field == "body"
    assert problem.msg.startswith("not valid JSON (")
    assert "character 22" in problem.msg
    assert problem.loc == ["body"]
    assert problem.line == f"<request body>: {problem.msg}"

    void = client.post("/api/entries/1/void", content=b"{", headers=headers)
    assert void.status_code == 422
    assert [p.field for p in Problems.model_validate(void.json()).detail] == ["body"]


def test_fields_of_the_wrong_type_and_a_bad_page_say_field_value_and_line(
    client: TestClient,
) -> None:
    csrf = login(client, "planner-ea")
    r = client.post(
        "/api/entries",
        json={
            "officer_id": 5,
            "date": "2026-10-20",
            "kind": "sickness",
            "reason": "flu",
            "authorised_by": "Insp X",
            "notified": "2026-10-20",
        },
        headers={"x-csrf-token": csrf},
    )
    assert r.status_code == 422
    [problem] = Problems.model_validate(r.json()).detail
    assert (problem.field, problem.value) == ("officer_id", 5)
    assert problem.line == "<request body>: officer_id: Input should be a valid string (got 5)"

    page = client.get("/api/entries?page=0")
    assert page.status_code == 422
    [problem] = Problems.model_validate(page.json()).detail
    assert (problem.loc, problem.field, problem.value) == (["query", "page"], "page", "0")
    assert problem.line.startswith("<query>: page: ")
    assert problem.line.endswith("(got '0')")
