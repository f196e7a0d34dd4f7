"""A command's files go into place together or not at all: a rename failing half-way
through them (a file made read-only, a folder where a file was, Ctrl-C) put back nothing,
so a planner saw a new roster.csv beside the old roster.xlsx; and the store's publication,
made before the files were renamed, stood when they then failed."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hardening_helpers import SOLVE, published_tiny, run, snapshot, store_state

from scheduler import files
from scheduler.files import Staged
from scheduler.store.store import Store

Replace = Callable[[str | os.PathLike[str], str | os.PathLike[str]], None]


def _fail_second_rename_into(
    monkeypatch: pytest.MonkeyPatch, folder: Path, fault: BaseException
) -> None:
    """``os.replace`` (as the staging calls it) failing on the second file it renames
    into ``folder``; every other rename (the rollback's) as it is."""
    real: Replace = os.replace
    into: list[Path] = []

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        target = Path(dst)
        if target.parent == folder and not target.name.startswith("."):
            into.append(target)
            if len(into) == 2:
                raise fault
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)


def _old_files(folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    old = {"roster.csv": b"version 1 csv", "roster.xlsx": b"version 1 xlsx"}
    for name, data in old.items():
        (folder / name).write_bytes(data)
    return old


@pytest.mark.parametrize(
    "fault",
    [OSError(errno.EISDIR, "Is a directory"), KeyboardInterrupt()],
    ids=["rename fails", "ctrl-c"],
)
def test_a_rename_failing_half_way_puts_back_the_files_renamed_before_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fault: BaseException
) -> None:
    out = tmp_path / "out"
    old = _old_files(out)
    _fail_second_rename_into(monkeypatch, out, fault)
    staged = Staged(out)
    staged.text("roster.csv", "version 2 csv")
    staged.text("roster.xlsx", "version 2 xlsx")
    staged.text("changes.csv", "new in version 2")
    with pytest.raises(type(fault)):
        staged.commit()
    staged.discard()  # as leaving ``with Staged(...)`` on an error does
    assert snapshot(out) == old  # no new file, no old one lost, no temporary left


def test_an_action_failing_once_the_files_are_in_place_puts_them_back(tmp_path: Path) -> None:
    out = tmp_path / "out"
    old = _old_files(out)

    def publish() -> None:
        assert (out / "roster.csv").read_text() == "version 2 csv"  # files first
        raise OSError(errno.ENOSPC, "No space left on device", "s92.db")

    staged = Staged(out)
    staged.text("roster.csv", "version 2 csv")
    staged.text("changes.csv", "new")
    staged.on_commit(publish)
    with pytest.raises(OSError, match="No space"):
        staged.commit()
    staged.discard()
    assert snapshot(out) == old


def test_a_commit_keeps_no_second_name_of_the_old_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _old_files(out)
    ran: list[str] = []
    with Staged(out) as staged:
        staged.text("roster.csv", "version 2 csv")
        staged.on_commit(lambda: ran.append("published"))
    assert ran == ["published"]
    assert snapshot(out) == {"roster.csv": b"version 2 csv", "roster.xlsx": b"version 1 xlsx"}


def test_s92_roster_publish_failing_half_way_changes_neither_files_nor_store(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    folder, db = tiny.roster.parent, tiny.db
    # leave added since: the roster rebuilt differs in roster.csv and roster.xlsx alike
    text = tiny.scenario.read_text().replace(
        'leave = ["2026-10-07"]', 'leave = ["2026-10-07", "2026-10-13"]'
    )
    tiny.scenario.write_text(text)
    before, stored = snapshot(folder), store_state(db)
    _fail_second_rename_into(monkeypatch, folder, OSError(errno.EACCES, "Permission denied", "x"))
    result = run(capsys, "roster", tiny.scenario, "--out", folder, "--publish", "--db", db, *SOLVE)
    assert result.code == 2, result.err
    assert result.err.splitlines()[-1].startswith(f"{folder / 'roster.csv'}: permission denied")
    assert snapshot(folder) == before
    assert store_state(db) == stored  # not published either
    monkeypatch.undo()
    result = run(capsys, "roster", tiny.scenario, "--out", folder, "--publish", "--db", db, *SOLVE)
    assert result.code == 0, result.err
    assert snapshot(folder) != before
    assert store_state(db)[2] == stored[2] + 1


def test_s92_roster_publish_refused_by_the_store_writes_no_files(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    folder, db = tiny.roster.parent, tiny.db
    # leave added since: a roster to publish (the same one again would publish nothing)
    text = tiny.scenario.read_text().replace(
        'leave = ["2026-10-07"]', 'leave = ["2026-10-07", "2026-10-13"]'
    )
    tiny.scenario.write_text(text)
    (folder / "roster.csv").write_text("the planner's copy")
    before, stored = snapshot(folder), store_state(db)

    def full(*args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(db))

    monkeypatch.setattr(Store, "publish_roster", full)
    result = run(capsys, "roster", tiny.scenario, "--out", folder, "--publish", "--db", db, *SOLVE)
    assert result.code == 2, result.err
    assert "disk is full" in result.err
    assert snapshot(folder) == before
    assert store_state(db) == stored
