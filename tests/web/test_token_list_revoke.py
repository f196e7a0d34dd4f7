"""``s92 token`` could only create: a token leaked (in a script, a ticket, a shell history)
could be ended only by disabling its whole account, and nothing listed which tokens were
live. ``s92 token list`` shows each by number, account, when made and whether revoked;
``s92 token revoke ID`` ends one at once (the API refuses it, the account's other tokens
still work), recorded in the audit log; a wrong number is one line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from scheduler.cli import main
from scheduler.store import Store
from scheduler.store.audit import recent


def _create(capsys: pytest.CaptureFixture[str], db: Path) -> tuple[str, str]:
    assert main(["token", "create", "planner-ea", "--db", str(db)]) == 0
    said = capsys.readouterr()
    return said.out.strip(), said.err


def test_a_token_is_listed_and_revoked_by_its_number(
    client: TestClient, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, told = _create(capsys, db)
    second, _ = _create(capsys, db)
    number = told.split()[1].lstrip("#")
    assert told == f"token #{number} for planner-ea (s92 token revoke {number} ends it)\n"
    assert main(["token", "list", "--db", str(db)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    mine = [r for r in rows if r[1] == "planner-ea"]
    assert [(r[0], r[3]) for r in mine][-2:] == [
        (number, "active"),
        (str(int(number) + 1), "active"),
    ]
    assert not any(first in "\t".join(r) for r in rows)  # the value is shown once only

    def status(token: str) -> int:
        return client.get(
            "/api/contracts", headers={"authorization": f"Bearer {token}"}
        ).status_code

    assert (status(first), status(second)) == (200, 200)
    assert main(["token", "revoke", number, "--db", str(db)]) == 0
    assert capsys.readouterr().out == f"token #{number} for planner-ea revoked\n"
    assert (status(first), status(second)) == (401, 200)
    assert main(["token", "list", "--db", str(db)]) == 0
    states = {r.split("\t")[0]: r.split("\t")[3] for r in capsys.readouterr().out.splitlines()}
    assert states[number].startswith("revoked 20")
    assert states[str(int(number) + 1)] == "active"
    with Store(db) as store:
        last = recent(store, 1)[0]
    assert (last.action, last.target, last.detail) == (
        "token.revoke",
        "planner-ea",
        f"token #{number}",
    )

    assert main(["token", "revoke", number, "--db", str(db)]) == 2
    assert f"{db}: ID: already revoked at " in capsys.readouterr().err
    for typed, said in (
        ("9999", f"{db}: ID: no such token (s92 token list shows them) (got 9999)\n"),
        (
            "first",
            "<command line>: ID: not a token number (s92 token list shows them) (got 'first')\n",
        ),
    ):
        assert main(["token", "revoke", typed, "--db", str(db)]) == 2
        assert capsys.readouterr().err == said
