"""``s92 serve`` refuses at once, in one line (exit 2), what would end the server after it
said it was serving: a port out of range, one in use, an address that is not this
machine's, a number of workers below one; with a store missing as well, both, the
store's first."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from hardening_helpers import run

from scheduler.cli import build_parser
from scheduler.store import Store


def _listening() -> socket.socket:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    return server


def _in_use(port: int) -> str:
    return (
        f"<command line>: --port: cannot listen on 127.0.0.1:{port}: the port is in use "
        f"(another s92 serve?): stop that or give another --port (got {port})"
    )


def test_a_port_in_use_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "s92.db"
    with Store(db):
        pass
    with _listening() as taken:
        port = taken.getsockname()[1]
        result = run(capsys, "serve", "--db", db, "--port", port)
    assert result.code == 2
    assert result.err.strip().splitlines() == [_in_use(port)]
    assert "Traceback" not in result.err


def test_a_store_missing_is_said_with_the_port_in_use_and_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # the port in use alone was said: a user who freed it was told next of the --db typo
    missing = tmp_path / "s29.db"
    with _listening() as taken:
        port = taken.getsockname()[1]
        result = run(capsys, "serve", "--db", missing, "--port", port)
    assert result.code == 2
    assert result.err.strip().splitlines() == [f"{missing}: no such store file", _in_use(port)]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--port", "80000", "argument --port: must be 1 to 65,535, got 80000"),
        ("--port", "-1", "argument --port: must be 1 to 65,535, got -1"),
        ("--host", "999.1.1.1", "<command line>: --host: not an address here"),
        ("--host", "192.0.2.1", "<command line>: --host: not an address of this machine"),
    ],
)
def test_a_bad_address_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str, value: str, says: str
) -> None:
    result = run(capsys, "serve", "--db", tmp_path / "s92.db", f"{option}={value}")
    assert result.code == 2
    assert says in result.err
    assert "Traceback" not in result.err
    assert "Uvicorn running" not in result.out + result.err


def test_no_workers_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    # parsed only: the old code served with one worker, for ever
    argv = ["serve", "--workers", "0"]
    with pytest.raises(SystemExit) as refused:
        build_parser(argv).parse_args(argv)
    assert refused.value.code == 2
    assert "argument --workers: must be 1 to 64, got 0" in capsys.readouterr().err


def test_a_store_that_is_not_there_is_refused_and_not_made(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a mistyped --db made an empty store and served it: a login page no account could pass
    served: list[object] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **_: served.append(app))  # never serves
    missing = tmp_path / "s29.db"
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    result = run(capsys, "serve", "--db", missing, "--port", port)
    assert result.code == 2
    assert result.err.strip().splitlines() == [f"{missing}: no such store file"]
    assert "Uvicorn running" not in result.out + result.err
    assert list(tmp_path.iterdir()) == []
    assert served == []


@pytest.mark.parametrize("command", [("serve",), ("user", "list"), ("publish", "s.toml", "r.csv")])
def test_an_empty_db_is_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    # --db "$DB" with DB unset: serve served ./s92.db as if no --db were given, the other
    # commands said ".: is a folder, not a store file"
    served: list[object] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **_: served.append(app))  # never serves
    monkeypatch.chdir(tmp_path)
    with Store(tmp_path / "s92.db"):
        pass
    result = run(capsys, *command, "--db=")
    assert result.code == 2
    assert result.err.splitlines()[-1].endswith(
        "argument --db: is empty: name a store file (leave --db out for $S92_DB, else ./s92.db)"
    )
    assert served == []
