"""An address no route has was answered by Starlette's words on the app's page ("Not
Found", "Method Not Allowed" as its title and message): now the app's own, saying what
to do; a refusal of the app's own is kept as it was worded."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_fixtures import ReadOnlyClient, login


@pytest.mark.parametrize(
    ("method", "address", "status", "words", "theirs"),
    [
        ("GET", "/contracts/EAST-A/no-such-tab", 404, "No such page: check the address",
         "Not Found"),
        ("PUT", "/entries", 405, "This address does not take a PUT", "Method Not Allowed"),
    ],
)  # fmt: skip
def test_an_address_or_method_no_page_takes_says_so_in_the_apps_words(
    client: TestClient, method: str, address: str, status: int, words: str, theirs: str
) -> None:
    login(client, "council-a")
    r = client.request(method, address)
    assert r.status_code == status
    assert words in r.text
    assert theirs not in r.text


def test_the_apps_own_refusal_keeps_its_words(reader: ReadOnlyClient) -> None:
    login(reader, "council-a")
    r = reader.get("/contracts/EAST-B")  # another council's: as if it did not exist
    assert r.status_code == 404
    assert "No such contract" in r.text


def test_the_api_keeps_its_detail(reader: ReadOnlyClient) -> None:
    r = reader.get("/api/no-such-thing", headers={"accept": "application/json"})
    assert r.status_code == 404
    assert r.json() == {"detail": "Not Found"}
