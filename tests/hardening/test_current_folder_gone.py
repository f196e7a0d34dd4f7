"""A shell left in a folder deleted under it (a colleague tidied the share, a build
cleaned its output): every relative path names nothing, and s92 said only 's92: no such
file or folder', or that the store file could not be created, as if a name were wrong.
Now the line says what is wrong and what to do; nothing is written, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import run, tiny_toml


def _gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    here.rmdir()


def test_an_output_folder_in_a_deleted_folder_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(tiny_toml())
    _gone(tmp_path, monkeypatch)
    done = run(capsys, "roster", scenario, "--out", "out")
    assert done.code == 2
    assert done.err.count("\n") == 1
    assert "the current folder no longer exists" in done.err
    assert "cd to a folder that exists" in done.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.toml"]


def test_the_default_store_in_a_deleted_folder_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("S92_DB", raising=False)
    _gone(tmp_path, monkeypatch)
    done = run(capsys, "abstract", "add", "--officer", "T-C0", "--date", "2026-10-06",
               "--kind", "sickness", "--reason", "flu", "--authorised-by", "Sgt Lee",
               "--notified", "2026-10-06")  # fmt: skip
    assert done.code == 2
    assert done.err.startswith("s92.db: ")
    assert "the current folder no longer exists" in done.err
    assert not list(tmp_path.iterdir())
