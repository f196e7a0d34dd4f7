"""A command run in a folder deleted since the shell went there says so, naming the
relative path it could not find, where it said ``x.toml: no such file`` of a file that was
there (the user went looking for the file, not the folder). A path given in full still
reads, and a file truly missing at a full path is still "no such file"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hardening_helpers import run, tiny_toml

GONE = (
    "the current folder no longer exists (deleted or moved since the shell went there): "
    "cd to a folder that exists and run the command again"
)


@pytest.fixture
def gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the scenario in it, the current folder, then deleted."""
    here = tmp_path / "here"
    here.mkdir()
    (here / "x.toml").write_text(tiny_toml(), encoding="utf-8")
    (tmp_path / "x.toml").write_text(tiny_toml(), encoding="utf-8")
    monkeypatch.chdir(here)
    shutil.rmtree(here)
    return tmp_path


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["validate", "x.toml"], "x.toml"),
        (["abstract", "list"], "s92.db"),
        (["abstract", "import", "{full}/x.toml", "entries.csv", "--db", "{full}/s.db"], "entries.csv"),
        (["check", "{full}/x.toml", "roster.xlsx"], "roster.xlsx"),
        (["scenario", "import", "--officers", "o.csv", "--leave", "l.csv", "--out",
          "{full}/s.toml", "--start", "2026-04-01"], "o.csv"),
    ],
    ids=["scenario", "default store", "entry csv", "roster workbook", "hr spreadsheet"],
)  # fmt: skip
def test_a_relative_path_in_a_deleted_folder_names_the_folder(
    capsys: pytest.CaptureFixture[str],
    gone: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    named: str,
) -> None:
    monkeypatch.delenv("S92_DB")  # the default store: s92.db in the current folder
    result = run(capsys, *(a.format(full=gone) for a in argv))
    assert result.code == 2, result
    assert result.err.splitlines() == [f"{named}: {GONE}"]


def test_full_paths_still_read_and_a_missing_file_is_still_missing(
    capsys: pytest.CaptureFixture[str], gone: Path
) -> None:
    assert run(capsys, "validate", gone / "x.toml").code == 0
    missing = run(capsys, "validate", gone / "y.toml")
    assert missing.code == 2
    assert missing.err.splitlines() == [f"{gone / 'y.toml'}: no such file"]
