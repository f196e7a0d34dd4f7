"""The web tests share one built store per session (solving it takes seconds); each test
that writes gets its own copy."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import Built, Money, build_money_store, build_store

from scheduler.web.app import create_app


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_store(tmp_path_factory.mktemp("web") / "s92.db")


@pytest.fixture
def db(built: Built, tmp_path: Path) -> Path:
    """A private copy of the built store (the WAL checkpointed into it first)."""
    con = sqlite3.connect(built.db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    target = tmp_path / "s92.db"
    shutil.copy(built.db, target)
    return target


@pytest.fixture
def app(db: Path):
    return create_app(db)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def money(tmp_path_factory: pytest.TempPathFactory) -> Money:
    return build_money_store(tmp_path_factory.mktemp("money"))
