"""An error page (404, 403, 422, 500) has the app's layout: the logged-in account's
navigation and its log-out button, or the login link when no one is logged in, so that a
user lost there has a way back but the browser's; nothing of another council's in it."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from web_fixtures import ReadOnlyClient, login

from scheduler.web import api as api_routes
from scheduler.web import pages
from scheduler.web.app import CSP, SERVER_FAULT

OTHERS = ("NORTH-C", "Council C", "North", "EAST-B", "Council B")


def nav(text: str) -> str:
    found = re.search(r'<header class="top">(.*?)</header>', text, re.S)
    assert found, text[:500]
    return found.group(1)


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("/contracts/NORTH-C", 404),  # another council's contract reads as none
        ("/no/such/page", 404),
        ("/contracts/EAST-A/reroster", 403),  # a council cannot re-roster
        ("/audit", 403),
        ("/contracts/EAST-A/report/chart/x.png", 422),
        ("/entries?from=31/02/2026", 422),
    ],
)
def test_a_councils_error_page_has_its_navigation(
    reader: ReadOnlyClient, address: str, status: int
) -> None:
    csrf = login(reader, "council-a")
    r = reader.get(address)
    assert r.status_code == status, r.text[-800:]
    header = nav(r.text)
    assert 'href="/entries"' in header
    assert "council-a" in header
    assert f'value="{csrf}"' in header  # the log-out button works from here
    assert 'href="/audit"' not in header
    assert not [word for word in OTHERS if word in r.text]


def test_an_admins_error_page_has_the_admins_navigation(reader: ReadOnlyClient) -> None:
    login(reader, "admin")
    r = reader.get("/contracts/NO-SUCH")
    assert r.status_code == 404
    assert 'href="/audit"' in nav(r.text)


def test_a_logged_out_error_page_offers_the_login(reader: ReadOnlyClient) -> None:
    r = reader.get("/no/such/page")
    assert r.status_code == 404
    header = nav(r.text)
    assert 'href="/login"' in header
    assert 'href="/entries"' not in header


def test_a_server_fault_is_a_page_with_the_layout(app, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("/srv/secret/path exploded")

    monkeypatch.setattr(pages, "london_today", broken)
    monkeypatch.setattr(api_routes, "_contract_out", lambda *_: broken())
    with TestClient(app, raise_server_exceptions=False) as client:
        login(client, "planner-ea")
        page = client.get("/")
        api = client.get("/api/contracts")
    assert page.status_code == 500
    assert "planner-ea" in nav(page.text)
    for answer in (page, api):  # answered outside the middleware: its headers all the same
        assert answer.headers["Content-Security-Policy"] == CSP
        assert answer.headers["X-Frame-Options"] == "DENY"
        assert answer.headers["Cache-Control"] == "no-store"  # it holds the log-out's token
    assert "Something went wrong on the server" in page.text
    assert "secret" not in page.text
    assert "Traceback" not in page.text
    assert api.status_code == 500
    assert api.json() == {"detail": SERVER_FAULT}
