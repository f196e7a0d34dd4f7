"""The web tests share one built store per session (solving it takes seconds). A test that
writes gets its own copy (``client``); a test that only reads shares one more copy, its
app and one session per account (``reader``): nothing to build, start or log in for it.
A reader cannot send a form (``ReadOnlyClient``), and a reading test that changed the
shared store all the same fails, so no test depends on another's state.

Passwords are hashed with Argon2id at its lightest here: each of the tests' hundreds of
logins verifies a real Argon2id hash, without the 64 MiB and three passes ``s92 serve``
spends on one (a fifth of a CPU-second each, half the folder's CPU time)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from web_fixtures import ACCOUNTS, Built, Money, ReadOnlyClient, build_money_store, build_store

from scheduler.store import Store, accounts
from scheduler.store.accounts import Accounts
from scheduler.web.app import create_app


@pytest.fixture(scope="session", autouse=True)
def light_passwords() -> Iterator[None]:
    light = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=64, parallelism=1),))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts, "_hasher", light)
        patch.setattr(accounts, "_DUMMY_HASH", light.hash("no such account"))
        yield


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_store(tmp_path_factory.mktemp("web") / "s92.db")


def copied(built: Built, target: Path) -> Path:
    """A copy of the built store (the WAL checkpointed into it first)."""
    con = sqlite3.connect(built.db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copy(built.db, target)
    return target


@pytest.fixture
def db(built: Built, tmp_path: Path) -> Path:
    """A private copy of the built store."""
    return copied(built, tmp_path / "s92.db")


@pytest.fixture
def app(db: Path) -> FastAPI:
    return create_app(db)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def shared(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """The app over the store the reading tests share (started once)."""
    app = create_app(copied(built, tmp_path_factory.mktemp("shared") / "s92.db"))
    with TestClient(app):
        yield app


@pytest.fixture
def reader(shared: FastAPI) -> Iterator[ReadOnlyClient]:
    """A client of the shared store that only reads; ``login`` gives it an account."""
    db = shared.state.settings.db
    _sessions(db)
    before = _contents(db)
    c = ReadOnlyClient(shared)  # not entered: the shared app was started once, by `shared`
    yield c
    c.close()
    assert _contents(db) == before, "a reading test changed the shared store: give it `client`"


def _sessions(db: Path) -> None:
    """A live session of every account in the shared store (one had idled out: a new one)."""
    with Store(db) as store:
        accounts = Accounts(store)
        for name in ACCOUNTS:
            known = ReadOnlyClient.sessions.get(name)
            if known is None or accounts.session(known[0]) is None:
                account = accounts.get(name)
                assert account is not None
                token, session = accounts.start_session(account)
                ReadOnlyClient.sessions[name] = (token, session.csrf)


def _contents(db: Path) -> str:
    """A digest of every table of the store but its sessions' (a read touches last_seen)."""
    digest = hashlib.sha256()
    with sqlite3.connect(db) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in sorted(t for t in tables if t != "web_session"):
            for row in con.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
    con.close()
    return digest.hexdigest()


@pytest.fixture(scope="session")
def money(tmp_path_factory: pytest.TempPathFactory) -> Money:
    return build_money_store(tmp_path_factory.mktemp("money"))
