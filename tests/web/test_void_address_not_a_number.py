"""A void form's address with an id that is no number (``/entries/abc/void``, typed or
hand-edited) is answered to a council as any id it may not see: refused as planners' work
(it was told the address was not understood, the one answer that differed from a foreign
or unknown entry's), and a logged-out one goes to the login page; a planner is told the
address was not understood, and an id of no entry it may see is no such entry."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from web_fixtures import SICK_A_C0, login

NUMBERS = ("-1", "99999")
NOT_NUMBERS = ("abc", "1.5", "%20", "%EF%BC%91")
IDS = NUMBERS + NOT_NUMBERS


def _answers(client: TestClient, csrf: str, ids: tuple[str, ...]) -> set[tuple[int, str]]:
    seen = set()
    for entry in ids:
        r = client.post(
            f"/entries/{entry}/void",
            data={"reason": "sent in error", "csrf_token": csrf},
            follow_redirects=False,
        )
        title = re.search(r"<title>(.*?)</title>", r.text)
        seen.add((r.status_code, r.headers.get("location") or (title[1] if title else "")))
    return seen


def test_a_void_address_not_a_number_is_answered_as_any_unseen_entry(
    client: TestClient,
) -> None:
    csrf = login(client, "planner-ea")
    added = client.post("/entries", data={**SICK_A_C0, "csrf_token": csrf}, follow_redirects=False)
    assert added.status_code == 303
    own = added.headers["location"].split("added=")[1]
    client.cookies.clear()
    planner = login(client, "planner-ne")  # EAST-A's entry is another BCU's: unseen
    assert _answers(client, planner, (own, *NUMBERS)) == {(404, "No such entry · s92")}
    assert {status for status, _ in _answers(client, planner, NOT_NUMBERS)} == {422}
    client.cookies.clear()
    council = login(client, "council-b")
    refused = _answers(client, council, (own, *IDS))
    assert len(refused) == 1, refused
    assert next(iter(refused))[0] == 403
    client.cookies.clear()
    gone = _answers(client, council, (own, *IDS))  # logged out: to the login page, each
    assert gone == {(303, "/login?next=/entries&unsaved=1")}
