"""``s92 user add`` reads a contract or BCU in any case, as every command reads an id:
``--contract east-a`` was refused as "not in any published scenario (known: EAST-A, ...)"."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import login

from scheduler.cli import main
from scheduler.store import Store
from scheduler.store.accounts import Accounts
from scheduler.web.app import create_app


@pytest.mark.parametrize(
    ("name", "scope", "stored"),
    [
        ("hav", ["--role", "council", "--contract", "east-a"], ({"EAST-A"}, set())),
        ("pat", ["--role", "planner", "--bcu", "ea"], (set(), {"EA"})),
    ],
)
def test_an_accounts_contract_or_bcu_is_read_in_any_case(
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    scope: list[str],
    stored: tuple[set[str], set[str]],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a long passphrase here\n"))
    assert main(["user", "add", name, *scope, "--password-stdin", "--db", str(db)]) == 0
    with Store(db) as store:
        account = Accounts(store).get(name)
    assert account is not None
    assert (set(account.contracts), set(account.bcus)) == stored
    with TestClient(create_app(db)) as client:
        login(client, name, "a long passphrase here")
        r = client.get("/contracts/EAST-A")
        assert r.status_code == 200
        assert "EAST-A" in r.text
