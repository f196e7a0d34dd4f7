"""``s92 reroster`` wrote roster.csv, roster.xlsx and changes.csv but printed none of them,
where ``s92 roster`` and ``s92 publish`` print each file they write on stdout, as the user
gave the folder: a script running it could not pick them up the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_builder import AUTUMN_TOML
from planner import AUT, TABLE

from scheduler.cli import main
from scheduler.store.store import Store

OUTPUTS = ("roster.csv", "roster.xlsx", "changes.csv")


@pytest.mark.parametrize("publish", [[], ["--publish"]])
def test_the_files_written_are_printed_as_the_folder_was_given(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    publish: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("autumn.toml").write_text(AUTUMN_TOML, encoding="utf-8")
    with Store(Path("s92.db")) as store:
        store.publish_roster(AUT.name, TABLE, note="s92 roster")
    capsys.readouterr()
    argv = ["reroster", "autumn.toml", "--from", "2026-10-26", "--out", "rr", "--db", "s92.db"]
    assert main([*argv, "--time-limit", "5", "--seed", "1", *publish]) == 0
    printed = capsys.readouterr().out.splitlines()[-3:]
    assert printed == [str(Path("rr", name)) for name in OUTPUTS]
    assert all(Path(line).is_file() for line in printed)
