"""A void refused on the entry log's page keeps what was typed in its form, open on the
entry it voids: the page came back with the form folded away and empty, the reason and
authority to type again, under "Nothing was logged"."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient
from web_fixtures import SICK_A_C0, login


def test_a_refused_void_keeps_its_form_open_and_filled(client: TestClient) -> None:
    csrf = login(client, "planner-ea")
    added = client.post("/api/entries", json=SICK_A_C0, headers={"x-csrf-token": csrf}).json()["id"]
    typed = {"reason": "wrong officer", "authorised_by": "Insp Y", "notified": "31/02/2026"}
    r = client.post(
        f"/entries/{added}/void", data={**typed, "csrf_token": csrf, "back": "/entries"}
    )
    assert r.status_code == 422
    assert "Nothing was voided:" in r.text
    [form] = re.findall(
        rf"<details( open)?><summary aria-label=\"Void #{added}…\">.*?</details>", r.text, re.S
    )
    assert form == " open"
    [void] = re.findall(rf"<form method=\"post\" action=\"/entries/{added}/void\".*?</form>",
                        r.text, re.S)  # fmt: skip
    values = {k: html.unescape(v) for k, v in re.findall(r'name="(\w+)" value="([^"]*)"', void)}
    assert {k: values[k] for k in typed} == typed
    # another page's forms stay empty and folded
    assert client.get("/entries").text.count("<details open>") == 0
