"""A page address holding a number that is none is refused in the user's words: what the
number is (a chart, a roster version, an entry) and what was typed, never the route's
internal parameter name ("n must be a whole number")."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_fixtures import ReadOnlyClient, heading, login


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/contracts/EAST-A/report/chart/abc.png", 'the chart number "abc" is not a whole number'),
        ("/contracts/EAST-A/notices?version=v2", 'the roster version "v2" is not a whole number'),
        (
            "/contracts/EAST-A/notices/two/changes.csv",
            'the roster version "two" is not a whole number',
        ),
        (
            "/contracts/EAST-A/notices?version=%20",
            "the roster version is blank, not a whole number",
        ),
    ],
)
def test_a_malformed_number_in_an_address_is_named_as_the_user_typed_it(
    reader: ReadOnlyClient, path: str, said: str
) -> None:
    login(reader, "planner-ea")
    r = reader.get(path)
    assert r.status_code == 422
    assert heading(r.text) == f"This address is not understood: {said}"


def test_a_void_form_posted_to_a_malformed_entry_number_names_the_entry(
    client: TestClient,
) -> None:
    csrf = login(client, "planner-ea")
    r = client.post("/entries/12a/void", data={"csrf_token": csrf, "reason": "x"})
    assert r.status_code == 422
    said = heading(r.text)
    assert said == 'This address is not understood: the entry number "12a" is not a whole number'
    assert "entry_id" not in r.text


@pytest.mark.parametrize(
    ("path", "field", "typed"),
    [
        ("/api/entries?page=abc", "page", "abc"),
        ("/api/entries?page=2.5", "page", "2.5"),
    ],
)
def test_the_api_refuses_a_malformed_number_in_s92s_words(
    reader: ReadOnlyClient, path: str, field: str, typed: str
) -> None:
    # it answered pydantic's "Input should be a valid integer, unable to parse string as
    # an integer", where every other refusal is in the command line's words
    login(reader, "planner-ea")
    r = reader.get(path)
    assert r.status_code == 422
    [problem] = r.json()["detail"]
    assert (problem["field"], problem["value"], problem["msg"]) == (
        field,
        typed,
        "not a whole number",
    )
    assert problem["line"] == f"<query>: {field}: not a whole number (got '{typed}')"


def test_the_apis_path_number_is_named_as_the_paths_not_the_querys(client: TestClient) -> None:
    # /api/entries/12a/void answered "<query>: entry_id: ...": the id is in the path, and
    # no query string was sent
    csrf = login(client, "planner-ea")
    r = client.post("/api/entries/12a/void", json={"reason": "x"}, headers={"x-csrf-token": csrf})
    assert r.status_code == 422
    [problem] = r.json()["detail"]
    assert problem["loc"] == ["path", "entry_id"]
    assert problem["line"] == "<path>: entry_id: not a whole number (got '12a')"
