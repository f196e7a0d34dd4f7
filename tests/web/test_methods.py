"""Addresses asked with a method they do not take: a 405 names the methods they do take
(RFC 9110 requires Allow), and /logout typed into the address bar is a page, not a 405."""

from __future__ import annotations

from fastapi.testclient import TestClient
from httpx import Response
from web_fixtures import ReadOnlyClient, login


def _allowed(response: Response) -> set[str]:
    return {m.strip() for m in response.headers.get("allow", "").split(",") if m.strip()}


def test_a_refused_method_is_answered_with_every_method_the_address_takes(
    client: TestClient,
) -> None:
    # a 405 carried no Allow at all (the error page dropped the refusal's headers), and
    # Starlette's named only the first route's methods: /entries takes POST too
    login(client, "planner-ea")
    put = client.put("/entries")
    assert put.status_code == 405
    assert _allowed(put) == {"GET", "HEAD", "OPTIONS", "POST"}
    api = client.delete("/api/entries")
    assert api.status_code == 405
    assert api.headers["content-type"].startswith("application/json")
    assert _allowed(api) == {"GET", "HEAD", "OPTIONS", "POST"}
    grid = client.post("/contracts/EAST-A")
    assert grid.status_code == 405
    assert _allowed(grid) == {"GET", "HEAD", "OPTIONS"}
    publish = client.delete("/contracts/EAST-A/jobs/x/publish")
    assert _allowed(publish) == {"OPTIONS", "POST"}


def test_options_answers_the_methods_an_address_takes_and_nothing_more(
    reader: ReadOnlyClient,
) -> None:
    # OPTIONS was refused 405 with an HTML error page, everywhere
    for address, methods in (
        ("/entries", {"GET", "HEAD", "OPTIONS", "POST"}),
        ("/api/contracts", {"GET", "HEAD", "OPTIONS"}),
        ("/feeds/any.ics", {"GET", "HEAD", "OPTIONS"}),
    ):
        r = reader.options(address)
        assert r.status_code == 204, address
        assert _allowed(r) == methods
        assert r.content == b""
        assert "access-control-allow-origin" not in r.headers  # no cross-site reads
    assert reader.options("/no/such/page").status_code == 404


def test_logout_typed_in_the_address_bar_offers_the_button_and_ends_nothing_by_itself(
    client: TestClient,
) -> None:
    # GET /logout was "Method Not Allowed"
    gone = client.get("/logout", follow_redirects=False)
    assert (gone.status_code, gone.headers["location"]) == (303, "/login")
    login(client, "council-a")
    page = client.get("/logout")
    assert page.status_code == 200
    assert "You are logged in as council-a." in page.text
    assert client.get("/contracts/EAST-A").status_code == 200  # still logged in
    csrf = page.text.split('name="csrf_token" value="')[-1].split('"')[0]
    out = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert (out.status_code, out.headers["location"]) == (303, "/login")
    assert client.get("/contracts/EAST-A", follow_redirects=False).status_code == 303
