"""Bytes that are not UTF-8 (an argument typed or pasted in Windows-1252, a password file
Notepad saved, a scenario file whose name came from a Windows share) are one line and
exit 2, or taken as they are where they do no harm: each was a traceback (the store, the
password hash and the scenario model cannot take the surrogates Python decodes them to)."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from hardening_helpers import SOLVE, published_tiny, run, store_state, tiny_toml

from scheduler.store import Store
from scheduler.store.accounts import Accounts

CAFE = os.fsdecode(b"caf\xe9")  # 'café' as Windows-1252 writes it, read as a UTF-8 system does


@pytest.fixture
def published(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, Path]:
    tiny = published_tiny(capsys, tmp_path)
    return tiny.scenario, tiny.db


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), errors="surrogateescape"))


@pytest.mark.parametrize("option", ["--reason", "--authorised-by"])
def test_an_entry_in_another_encoding_is_one_line(
    capsys: pytest.CaptureFixture[str], published: tuple[Path, Path], option: str
) -> None:
    scenario, db = published
    entry = {
        "--officer": "T-C0",
        "--date": "2026-10-13",
        "--kind": "court",
        "--reason": "trial",
        "--authorised-by": "Insp Lane",
        "--notified": "2026-09-01",
    }
    entry[option] = CAFE
    before = store_state(db)
    argv = [f"{k}={v}" for k, v in entry.items()]
    result = run(capsys, "abstract", "add", scenario, "--db", db, *argv)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"<command line>: {option}: is not UTF-8 text (a byte of another encoding, as "
        "Windows-1252 writes £ or é) (got 'caf\\udce9')"
    ]
    assert store_state(db) == before


def test_a_void_reason_in_another_encoding_is_one_line(
    capsys: pytest.CaptureFixture[str], published: tuple[Path, Path]
) -> None:
    scenario, db = published
    added = run(
        capsys, "abstract", "add", scenario, "--db", db, "--officer", "T-C0",
        "--date", "2026-10-13", "--kind", "court", "--reason", "trial",
        "--authorised-by", "Insp Lane", "--notified", "2026-09-01",
    )  # fmt: skip
    assert added.code == 0, added.err
    before = store_state(db)
    result = run(capsys, "abstract", "void", "1", "--reason", CAFE, "--db", db)
    assert result.code == 2
    assert len(result.err.splitlines()) == 1
    assert "is not UTF-8 text" in result.err
    assert store_state(db) == before


def test_an_account_name_in_another_encoding_is_no_account(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s92.db"
    with Store(db):
        pass
    for argv in (["token", "create", CAFE], ["user", "disable", CAFE]):
        result = run(capsys, *argv, "--db", db)
        assert result.code == 2, result
        assert result.err.splitlines() == [f"{db}: NAME: no such account (got 'caf\\udce9')"]


def test_a_password_in_another_encoding_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s92.db"
    _stdin(monkeypatch, b"p\xa3ssword-for-pat\n")  # '£' as Windows-1252 writes it
    result = run(capsys, "user", "add", "pat", "--role", "admin", "--password-stdin", "--db", db)
    assert result.code == 2
    assert result.err.splitlines() == [
        "<command line>: --password-stdin: the password is not UTF-8 text (save it as UTF-8, "
        "or type it again)"
    ]


def test_a_password_file_notepad_saved_is_the_password(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s92.db"
    _stdin(monkeypatch, "\ufeffp£ssword-for-pat\r\n".encode())  # byte order mark, CRLF
    result = run(capsys, "user", "add", "pat", "--role", "admin", "--password-stdin", "--db", db)
    assert result.code == 0, result.err
    with Store(db) as store:
        assert Accounts(store).login("pat", "p£ssword-for-pat", "test") is not None


def test_a_scenario_file_named_in_another_encoding_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario = tmp_path / f"{CAFE}.toml"
    scenario.write_text(tiny_toml(), encoding="utf-8")
    validated = run(capsys, "validate", scenario)
    assert validated.code == 0, validated.err
    db = tmp_path / "s92.db"
    solved = run(
        capsys, "roster", scenario, "--out", tmp_path / "out", "--publish", "--db", db, *SOLVE
    )
    assert solved.code == 0, solved.err
    assert (tmp_path / "out" / "roster.csv").is_file()
    shutil.rmtree(tmp_path / "out")


def test_a_scenario_name_in_another_encoding_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    officers = tmp_path / "officers.csv"
    officers.write_text("Officer ID,Contract,Rank\nTH-01,TOW-PP,PC\n", encoding="utf-8")
    leave = tmp_path / "leave.csv"
    leave.write_text("Officer ID,Leave type,Start date,End date\n", encoding="utf-8")
    out = tmp_path / "built.toml"
    argv = ["scenario", "import", "--officers", officers, "--leave", leave, "--out", out]
    result = run(capsys, *argv, "--start", "2026-04-01", "--name", CAFE)
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{out} (built from {officers}): scenario.name: is not UTF-8 text (a byte of another "
        "encoding, as Windows-1252 writes £ or é) (got 'caf\\udce9')"
    ]
    assert not out.exists()
