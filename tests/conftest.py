"""Shared test set-up. Helpers that tests import by name live in tests/support (on
sys.path through pytest's ``pythonpath`` and mypy's ``mypy_path``, in pyproject.toml); a
helper imported from a test folder or a conftest would be a module mypy cannot name. No test
folder may be named like a package it tests (pytest puts tests/ on sys.path, and a
tests/calendars folder would shadow the calendars package)."""

import pytest


@pytest.fixture(autouse=True)
def _store_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Commands that open the default store (``$S92_DB``, else ./s92.db) open a temporary
    one, never a file in the repository; a test that sets S92_DB itself overrides this."""
    monkeypatch.setenv("S92_DB", str(tmp_path_factory.mktemp("store") / "s92.db"))
