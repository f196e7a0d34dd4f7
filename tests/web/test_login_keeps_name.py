"""A login refused keeps the account name as typed, the cursor in the password (never the
password itself): the form came back empty, the name to type again on a phone."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient


def _fields(page: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r'<input name="(\w+)"[^>]*>', page)}


def test_a_wrong_password_keeps_the_name_typed(client: TestClient) -> None:
    page = client.get("/login").text
    token = page.split('name="login_csrf" value="')[1].split('"')[0]
    typed = {"name": 'planner-ea "2"', "password": "not the password", "next": "/"}
    r = client.post("/login", data={**typed, "login_csrf": token})
    assert r.status_code == 401
    assert "Wrong name or password." in r.text
    fields = _fields(r.text)
    value = re.search(r'value="([^"]*)"', fields["name"])
    assert value is not None
    assert html.unescape(value.group(1)) == typed["name"]
    assert "not the password" not in r.text
    assert "autofocus" in fields["password"]
    assert "autofocus" not in fields["name"]
    # a first visit: the cursor in the empty name
    first = _fields(page)
    assert "autofocus" in first["name"]
    assert 'value=""' in first["name"]
