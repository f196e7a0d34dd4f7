"""``--out ""`` (``--out "$DIR"`` with DIR unset) is refused by every command that writes
(exit 2, the option named), never read as the working folder: ``Path("")`` is ``.``, and
``s92 roster --out ""`` wrote roster.csv and roster.xlsx where it was run."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.cli import main

ROOT = Path(__file__).resolve().parents[2]
HAVERING = str(ROOT / "scenarios" / "havering.toml")

COMMANDS = {
    "roster": ["roster", HAVERING, "--time-limit", "1"],
    "reroster": ["reroster", HAVERING, "--from", "2026-09-21", "--db", "s92.db"],
    "report": ["report", HAVERING, "--period", "FY2026", "--roster", "roster.csv"],
    "sweep": ["sweep", HAVERING, "--runs", "2"],
    "publish": ["publish", HAVERING, "roster.csv", "--db", "s92.db"],
    "scenario docs": ["scenario", "docs"],
}


@pytest.mark.parametrize("argv", COMMANDS.values(), ids=COMMANDS.keys())
def test_an_empty_out_is_refused(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--out", ""])
    assert exit_.value.code == 2
    said = capsys.readouterr().err.strip().splitlines()[-1]
    assert "--out: is empty" in said, said
    assert list(tmp_path.iterdir()) == []
