"""Another contract's roster uploaded on a contract's page (the wrong file chosen) is
refused in one line, not read as every day of this contract deleted."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_fixtures import login, upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(("name", "kind"), [("roster.csv", "text/csv"), ("roster.xlsx", XLSX)])
def test_another_contracts_roster_is_refused_in_one_line(
    client: TestClient, name: str, kind: str
) -> None:
    # it was previewed as "Cannot be published: 10 breaches", each of EAST-A's officers
    # with "no row" for any day
    csrf = login(client, "planner-ea")
    data = client.get(f"/contracts/EAST-B/{name}").content
    r = upload(client, csrf, data, name, kind)
    assert r.status_code == 422
    assert f"{name}: contract_id: holds no row of EAST-A, only of another contract" in r.text
    assert "(got &#39;EAST-B&#39;)" in r.text
    assert "breach" not in r.text
