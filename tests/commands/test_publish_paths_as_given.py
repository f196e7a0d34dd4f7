"""``s92 publish`` printed the files it wrote as absolute paths (``/home/.../roster.csv``)
when it wrote them into the roster's folder, where ``s92 roster`` prints its files as the
user gave the folder (``solved/roster.csv``). It prints them as given too."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import SOLVE, run, tiny_toml

OUTPUTS = ("roster.csv", "roster.xlsx", "changes.csv")


@pytest.fixture
def rostered(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The tiny scenario rostered into ``solved`` (not published), the current folder
    ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    Path("tiny.toml").write_text(tiny_toml(), encoding="utf-8")
    solved = run(capsys, "roster", "tiny.toml", "--out", "solved", *SOLVE)
    assert solved.code == 0, solved.err
    return tmp_path


@pytest.mark.parametrize("roster", ["roster.csv", "roster.xlsx"])
def test_the_files_are_printed_as_the_roster_was_given(
    capsys: pytest.CaptureFixture[str], rostered: Path, roster: str
) -> None:
    result = run(capsys, "publish", "tiny.toml", f"solved/{roster}", "--db", "s92.db")
    assert result.code == 0, result.err
    printed = result.out.splitlines()[-3:]
    assert printed == [str(Path("solved", name)) for name in OUTPUTS]
    assert all((rostered / line).is_file() for line in printed)


def test_a_roster_in_the_current_folder_prints_bare_names(
    capsys: pytest.CaptureFixture[str], rostered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(rostered / "solved")
    result = run(capsys, "publish", "../tiny.toml", "roster.xlsx", "--db", "../s92.db")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-3:] == list(OUTPUTS)
    assert "published roster version 1" in result.err
