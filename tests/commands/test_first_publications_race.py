"""Two first publications of one scenario at once (two planners, or a planner and a
script): the later found no version when it began, so it carried no change notice; it
became version 2 with none against version 1. The store now refuses it (exit 2, nothing
written), and the command run again publishes it against version 1 with its notice."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from check_builder import AUTUMN_TOML
from planner import AUT, TABLE

import scheduler.commands.roster as roster_command
from scheduler.cli import main
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.files import Staged
from scheduler.roster.run import RosterResult
from scheduler.scenario import Scenario
from scheduler.store.store import Store


def versions(db: Path) -> list[int]:
    with Store(db) as store:
        return [v.id for v in store.roster_versions(AUT.name)]


def notice(db: Path, version: int) -> pd.DataFrame | None:
    with Store(db) as store:
        return store.version_changes(version)


def published_meanwhile(db: Path, table: pd.DataFrame) -> None:
    """Another command's first publication, landing while this one works."""
    with Store(db) as store:
        store.publish_roster(AUT.name, table, note="the other planner's")


def test_a_second_first_publication_of_an_edited_roster_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    db = tmp_path / "s92.db"
    book = write_roster_xlsx(TABLE, tmp_path / "edited" / "roster.xlsx", AUT)
    out = tmp_path / "out"
    other = TABLE.copy()
    other.loc[other.index[0], "event"] = "published by another planner"
    real = Store.publish_roster

    def racing(self: Store, *args: object, **kwargs: object) -> int:
        monkeypatch.setattr(Store, "publish_roster", real)
        published_meanwhile(db, other)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "publish_roster", racing)
    argv = ["publish", str(toml), str(book), "--db", str(db), "--out", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "another roster was published (version 1) while this one was made as the first" in err
    assert len(err.strip().splitlines()) == 1
    assert versions(db) == [1]
    assert not (out / "roster.csv").exists()


def test_a_second_first_roster_publish_is_refused_then_published_with_its_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    db = tmp_path / "s92.db"
    out = tmp_path / "out"
    real = roster_command.previous_version

    def racing(
        scenario: Scenario,
        result: RosterResult,
        db_option: str | None,
        staged: Staged,
        text: str | None = None,
    ) -> roster_command.Previous | None:
        found = real(scenario, result, db_option, staged, text)  # none yet: a first one
        published_meanwhile(db, TABLE)
        return found

    monkeypatch.setattr(roster_command, "previous_version", racing)
    argv = ["roster", str(toml), "--out", str(out), "--publish", "--db", str(db)]
    argv += ["--workers", "1", "--seed", "3", "--time-limit", "20", "--quiet"]
    assert main(argv) == 2
    assert "published (version 1) while this one was made" in capsys.readouterr().err
    assert versions(db) == [1]
    assert not (out / "roster.csv").exists()
    monkeypatch.setattr(roster_command, "previous_version", real)
    assert main(argv) == 0
    assert versions(db) == [1, 2]
    changes = notice(db, 2)
    assert changes is not None
    assert (out / "changes.csv").exists()
