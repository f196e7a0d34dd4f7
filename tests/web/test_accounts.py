"""Accounts, sessions, tokens, the audit log and the store's scenario text and UID secret,
through the store and the commands."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from web_fixtures import EAST

from scheduler.cli import main
from scheduler.errors import InputError
from scheduler.export.ical import STATE_FILE
from scheduler.store import Store
from scheduler.store.accounts import SESSION_IDLE, SESSION_LIFETIME, Accounts
from scheduler.store.scenarios import heads, stored_scenario

PASSWORD = "a long enough password"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 10, 1, 9, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_passwords_are_argon2_hashes_and_scopes_are_checked(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        accounts = Accounts(store)
        accounts.add("pat", "planner", PASSWORD, bcus=["EA"], actor="t")
        stored = store.query("SELECT password_hash FROM account WHERE name = 'pat'")[0][0]
        assert stored.startswith("$argon2id$")
        assert PASSWORD not in stored
        with pytest.raises(InputError) as err:
            accounts.add("bad name!", "council", "short", bcus=["EA"], actor="t")
        messages = {p.message for p in err.value.problems}
        assert "shorter than 12 characters" in messages
        assert "a council account needs at least one contract" in messages
        assert "a council account is scoped by --contract only" in messages
        with pytest.raises(InputError, match="exists"):
            accounts.add("pat", "planner", PASSWORD, bcus=["EA"], actor="t")
        with pytest.raises(InputError, match="an account of that name exists: pat"):
            accounts.add("PAT", "planner", PASSWORD, bcus=["EA"], actor="t")  # not another
        assert accounts.login("pat", PASSWORD, "c") is not None
        assert accounts.login("pat", "wrong password", "c") is None
        assert accounts.login("nobody", PASSWORD, "c") is None


def test_sessions_expire_when_idle_and_after_their_lifetime(tmp_path: Path) -> None:
    clock = Clock()
    with Store(tmp_path / "s.db", now=clock) as store:
        accounts = Accounts(store)
        account = accounts.add("pat", "planner", PASSWORD, bcus=["EA"], actor="t")
        token, _ = accounts.start_session(account)
        assert accounts.session(token) is not None
        clock.now += SESSION_IDLE - timedelta(minutes=1)
        assert accounts.session(token) is not None  # used: idle time starts again
        steps = int(SESSION_LIFETIME / (SESSION_IDLE / 2))
        for _ in range(steps):
            clock.now += SESSION_IDLE / 2
            accounts.session(token)
        assert accounts.session(token) is None  # past its lifetime however busy
        token, _ = accounts.start_session(account)
        clock.now += SESSION_IDLE
        assert accounts.session(token) is None
        stored = [r[0] for r in store.query("SELECT token_hash FROM web_session")]
        assert token not in stored


def test_the_audit_log_is_append_only(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        Accounts(store).add("pat", "planner", PASSWORD, bcus=["EA"], actor="admin")
    con = sqlite3.connect(db)
    for sql in ("UPDATE audit SET actor = 'x'", "DELETE FROM audit", "DELETE FROM account"):
        with pytest.raises(sqlite3.DatabaseError):
            con.execute(sql)
    assert con.execute("SELECT actor, action, target FROM audit").fetchall() == [
        ("admin", "account.add", "pat")
    ]


def test_user_and_token_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.db")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert (
        main(
            [
                "user",
                "add",
                "cm",
                "--role",
                "council",
                "--contract",
                "HAV-PP",
                "--password-stdin",
                "--db",
                db,
            ]
        )
        == 0
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["user", "add", "x", "--role", "planner", "--password-stdin", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "<command line>: --password-stdin: shorter than 12 characters" in err
    assert "<command line>: --bcu: a planner needs at least one BCU" in err
    assert main(["token", "create", "cm", "--db", db]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("s92_")
    assert len(token) > 40
    with Store(db) as store:
        account = Accounts(store).token_account(token)
        assert account is not None
        assert account.name == "cm"
        assert token not in str(store.query("SELECT * FROM api_token"))
    assert main(["user", "disable", "cm", "--db", db]) == 0
    assert main(["token", "create", "cm", "--db", db]) == 2
    with Store(db) as store:
        assert Accounts(store).token_account(token) is None


def test_roster_and_reroster_publish_store_their_scenario(tmp_path: Path) -> None:
    scenario = tmp_path / "east.toml"
    scenario.write_text(EAST)
    db = str(tmp_path / "s.db")
    common = ["--db", db, "--time-limit", "10", "--seed", "1"]
    assert (
        main(
            [
                "roster",
                str(scenario),
                "--out",
                str(tmp_path / "v1"),
                "--publish",
                "--workers",
                "1",
                "--quiet",
                *common,
            ]
        )
        == 0
    )
    scenario.write_text(EAST.replace('name = "East"', 'name = "East"\ndescription = "edited"'))
    assert (
        main(
            [
                "reroster",
                str(scenario),
                "--from",
                "2026-11-01",
                "--out",
                str(tmp_path / "v2"),
                "--publish",
                *common,
            ]
        )
        == 0
    )
    with Store(db) as store:
        [head] = heads(store)
        assert head.scenario == "East"
        assert head.version_id == head.text_version_id == 2
        assert stored_scenario(store, 1).name == "East"
        assert stored_scenario(store, 2).scenario.description == "edited"


def test_s92_ical_adopts_a_folders_old_secret_into_the_store(tmp_path: Path) -> None:
    scenario = tmp_path / "east.toml"
    scenario.write_text(EAST)
    out = tmp_path / "feeds"
    assert (
        main(
            [
                "roster",
                str(scenario),
                "--out",
                str(tmp_path / "r"),
                "--time-limit",
                "10",
                "--workers",
                "1",
                "--quiet",
                "--db",
                str(tmp_path / "first.db"),
            ]
        )
        == 0
    )
    roster = str(tmp_path / "r" / "roster.csv")
    # an export made the old way: the secret in the folder
    from scheduler.check import read_roster_csv
    from scheduler.export.ical import export_ical
    from scheduler.scenario import load_scenario

    export_ical(load_scenario(scenario), read_roster_csv(roster), out)
    old = json.loads((out / STATE_FILE).read_text())
    assert "secret" in old
    before = (out / "officers" / "A-C0.ics").read_text()
    db = str(tmp_path / "s.db")
    assert main(["ical", str(scenario), roster, "--out", str(out), "--db", db]) == 0
    assert "secret" not in json.loads((out / STATE_FILE).read_text())
    with Store(db) as store:
        assert store.query("SELECT secret, origin FROM ical_secret")[0] == (
            old["secret"],
            "adopted from a published folder",
        )
    after = (out / "officers" / "A-C0.ics").read_text()
    uid = lambda text: sorted(x for x in text.splitlines() if x.startswith("UID:"))  # noqa: E731
    assert uid(before) == uid(after)
    # a fresh folder of the same store: the same UIDs
    assert main(["ical", str(scenario), roster, "--out", str(tmp_path / "again"), "--db", db]) == 0
    assert uid((tmp_path / "again" / "officers" / "A-C0.ics").read_text()) == uid(before)
    # a folder with another secret is refused rather than duplicating every event
    other = tmp_path / "other"
    export_ical(load_scenario(scenario), read_roster_csv(roster), other)
    assert main(["ical", str(scenario), roster, "--out", str(other), "--db", db]) == 2


@pytest.mark.parametrize(
    ("scope", "said"),
    [
        (["--role", "council", "--contract", "EAST-AA"],
         "<command line>: --contract: not in any published scenario (known: EAST-A, EAST-B, "
         "NORTH-C) (got 'EAST-AA')"),
        (["--role", "planner", "--bcu", "EAST"],
         "<command line>: --bcu: not in any published scenario (known: EA, NE) (got 'EAST')"),
    ],
)  # fmt: skip
def test_an_account_for_a_contract_or_bcu_no_scenario_holds_is_refused(
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    scope: list[str],
    said: str,
) -> None:
    # a typo in --contract made a council account that logs in to no contract at all,
    # with exit 0 and nothing said
    monkeypatch.setattr("sys.stdin", io.StringIO("a long passphrase here\n"))
    assert main(["user", "add", "typo", *scope, "--password-stdin", "--db", str(db)]) == 2
    assert capsys.readouterr().err.splitlines() == [said]
    with Store(db) as store:
        assert "typo" not in {a.name for a in Accounts(store).all()}
