"""The API page (/docs, from /openapi.json) listed logging and voiding entries to a
council account, which is refused both (403): a council reads the operations it may call,
and the page says the others need a planner's account; every other reader sees them all,
each saying it is for planners and admins."""

from __future__ import annotations

from typing import Any

import pytest
from web_fixtures import ReadOnlyClient, login

POSTS = {("post", "/api/entries"), ("post", "/api/entries/{entry_id}/void")}


def operations(spec: dict[str, Any]) -> set[tuple[str, str]]:
    return {(m, p) for p, ops in spec["paths"].items() for m in ops}


def test_a_council_reads_only_what_it_may_call(reader: ReadOnlyClient) -> None:
    login(reader, "council-a")
    spec = reader.get("/openapi.json").json()
    listed = operations(spec)
    assert listed
    assert not listed & POSTS
    assert {m for m, _ in listed} == {"get"}
    for method, path in listed:  # each one it lists it may call
        concrete = path.replace("{contract_id}", "EAST-A")
        assert reader.get(concrete).status_code == 200, (method, path)
    schemas = spec["components"]["schemas"]
    assert "EntryIn" not in schemas
    assert "VoidIn" not in schemas
    assert "EntryOut" in schemas  # the entry log's rows it reads
    assert "need a planner's account" in spec["info"]["description"]


@pytest.mark.parametrize("account", ["planner-ea", "admin", None])
def test_planners_admins_and_readers_without_login_see_every_operation(
    reader: ReadOnlyClient, account: str | None
) -> None:
    if account:
        login(reader, account)
    spec = reader.get("/openapi.json").json()
    assert operations(spec) >= POSTS
    for _, path in POSTS:
        assert spec["paths"][path]["post"]["summary"].endswith("(planners and admins)")
    assert "need a planner's account" not in spec["info"]["description"]


def test_every_refusal_described_is_the_one_sent(reader: ReadOnlyClient) -> None:
    # the roster's 422 was described as FastAPI's ("loc", "msg", "type"), not as s92's
    # ("field", "value", "msg", "line") that /api/contracts/ID/roster?from=soon answers
    login(reader, "planner-ea")
    spec = reader.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            refused = op["responses"].get("422")
            if refused is not None:
                schema = refused["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problems"}, (method, path)
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    sent = reader.get("/api/contracts/EAST-A/roster?from=soon")
    assert sent.status_code == 422
    assert set(sent.json()["detail"][0]) == set(
        spec["components"]["schemas"]["Problem422"]["properties"]
    )
