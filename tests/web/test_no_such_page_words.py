"""An address no route has was answered by Starlette's words on the app's page ("Not
Found", "Method Not Allowed" as its title and message): now the app's own, saying what
to do; a refusal of the app's own is kept as it was worded."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_fixtures import login


def test_an_address_no_page_has_says_so_in_the_apps_words(client: TestClient) -> None:
    login(client, "council-a")
    r = client.get("/contracts/EAST-A/no-such-tab")
    assert r.status_code == 404
    assert "No such page: check the address" in r.text
    assert "Not Found" not in r.text


def test_a_method_an_address_does_not_take_says_so(client: TestClient) -> None:
    login(client, "council-a")
    r = client.put("/entries")
    assert r.status_code == 405
    assert "This address does not take a PUT" in r.text
    assert "Method Not Allowed" not in r.text


def test_the_apps_own_refusal_keeps_its_words(client: TestClient) -> None:
    login(client, "council-a")
    r = client.get("/contracts/EAST-B")  # another council's: as if it did not exist
    assert r.status_code == 404
    assert "No such contract" in r.text


def test_the_api_keeps_its_detail(client: TestClient) -> None:
    r = client.get("/api/no-such-thing", headers={"accept": "application/json"})
    assert r.status_code == 404
    assert r.json() == {"detail": "Not Found"}
