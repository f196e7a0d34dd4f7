"""``s92 user add`` named the store file in front of its own arguments' faults
(``s92.db: password: shorter than 12 characters``, ``s92.db: --bcu: a planner needs at
least one BCU``), as if the store were at fault, and made that store file before refusing.
They are the command line's, as its other option errors are: ``<command line>:``, one line
each, exit 2, and no store file made."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hardening_helpers import run

from scheduler.store import Store
from scheduler.store.accounts import Accounts

PASSWORD = "a long enough password"


def _add(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db: Path,
    password: str,
    *options: str,
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    result = run(capsys, "user", "add", "pat", *options, "--password-stdin", "--db", db)
    return result.code, result.out, result.err


@pytest.mark.parametrize(
    ("password", "said"),
    [
        ("short", "<command line>: --password-stdin: shorter than 12 characters"),
        # said alone before: the user typed one, and was told next of the --bcu left out
        ("", "<command line>: --password-stdin: no password on standard input"),
        # twelve spaces made an account anyone could log in to by pressing the space bar
        (" " * 12, "<command line>: --password-stdin: only blanks: no password"),
        (
            "\t  short pw  \t",
            "<command line>: --password-stdin: shorter than 12 characters (blanks at its "
            "ends not counted)",
        ),
    ],
)
def test_a_password_fault_and_no_bcu_are_the_command_lines(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    password: str,
    said: str,
) -> None:
    db = tmp_path / "s92.db"
    code, out, err = _add(capsys, monkeypatch, db, password, "--role", "planner")
    assert code == 2
    assert out == ""
    assert err.splitlines() == [said, "<command line>: --bcu: a planner needs at least one BCU"]
    assert not db.exists()  # a refused account makes no store


@pytest.mark.parametrize(
    ("options", "line"),
    [
        (
            ("--role", "council", "--bcu", "EA"),
            "<command line>: --contract: a council account needs at least one contract",
        ),
        (
            ("--role", "admin", "--contract", "HAV-PP"),
            "<command line>: --role: an admin sees every contract: give no --bcu or "
            "--contract (got 'admin')",
        ),
        (
            ("--role", "planner", "--bcu", "E A"),
            "<command line>: --bcu: not a BCU or contract id (got 'E A')",
        ),
    ],
)
def test_a_scope_fault_leaves_an_existing_store_as_it_was(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    options: tuple[str, ...],
    line: str,
) -> None:
    db = tmp_path / "s92.db"
    with Store(db):
        pass
    before = db.read_bytes()
    code, _, err = _add(capsys, monkeypatch, db, PASSWORD, *options)
    assert code == 2
    assert line in err.splitlines()
    assert all(e.startswith("<command line>: ") for e in err.splitlines())
    assert db.read_bytes() == before


def test_a_taken_name_is_still_the_stores(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = tmp_path / "s92.db"
    assert _add(capsys, monkeypatch, db, PASSWORD, "--role", "planner", "--bcu", "EA")[0] == 0
    code, _, err = _add(capsys, monkeypatch, db, PASSWORD, "--role", "planner", "--bcu", "EA")
    assert code == 2
    assert err == f"{db}: NAME: an account of that name exists (got 'pat')\n"
    with Store(db) as store:
        assert [a.name for a in Accounts(store).all()] == ["pat"]
