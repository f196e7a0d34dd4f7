"""A shell left in a folder deleted under it (a colleague tidied the share, a build
cleaned its output): every relative path names nothing, and s92 said only 's92: no such
file or folder', or that the store file could not be created, as if a name were wrong.
Now the line says what is wrong and what to do; nothing is written, exit 2. A file read
at a relative path was "x.toml: no such file" though it was there: the line names the path
and says the folder is gone."""

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


GONE = (
    "the current folder no longer exists (deleted or moved since the shell went there): "
    "cd to a folder that exists and run the command again"
)


@pytest.fixture
def gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder deleted (the scenario was in it: x.toml), a scenario beside it."""
    (tmp_path / "x.toml").write_text(tiny_toml(), encoding="utf-8")
    _gone(tmp_path, monkeypatch)
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
def test_a_relative_path_in_a_deleted_folder_names_the_folder_not_a_missing_file(
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
