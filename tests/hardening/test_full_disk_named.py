"""A full disk while a command writes its files (simulated: the kernel reports ENOSPC when
the data is flushed to disk, ``fsync``, as it does when delayed allocation runs out) is one
line naming the file the command was writing, exit 2, and leaves nothing behind: no file,
no temporary, no folder the command made. It was 's92: the disk is full', naming nothing,
and the sweep and the roster left their new folder behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hardening_helpers import SOLVE, published_tiny, run, snapshot

from scheduler.files import write_saved

FULL = "the disk is full: free some space and run the command again"


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            return  # a folder's fsync: nothing to flush
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("scheduler.files.os.fsync", fsync)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """One solve for every command here (none of them changes the store: each fails)."""
    tiny = published_tiny(None, tmp_path_factory.mktemp("published"))
    return tiny.scenario, tiny.db, tiny.roster


def _names_a_file_in(result_err: str, out: Path) -> None:
    """One line of the fault (after what the roster prints of its solve), naming a file
    of the output folder."""
    faults = [line for line in result_err.splitlines() if FULL in line]
    assert faults == result_err.splitlines()[-1:], result_err
    where, _, said = faults[0].partition(": ")
    assert said == FULL, faults[0]
    assert out in Path(where).parents, faults[0]


@pytest.mark.parametrize(
    "command",
    [
        ["roster", "{scenario}", "--out", "{out}", *SOLVE],
        ["sweep", "{scenario}", "--runs", "2", "--out", "{out}", "--quiet"],
        ["report", "{scenario}", "--period", "2026-10", "--out", "{out}", "--db", "{db}"],
        ["reroster", "{scenario}", "--from", "2026-10-09", "--out", "{out}", "--db", "{db}"],
        ["scenario", "docs", "--out", "{out}"],
        # these said the system's 'No space left on device', not what to do about it
        ["check", "{scenario}", "{roster}", "--csv", "{out}/breaches.csv"],
        ["explain", "{scenario}", "{roster}", "--csv", "{out}/shortfalls.csv"],
        ["calendar", "2026", "--ics", "{out}/hdd.ics"],
        ["ical", "{scenario}", "{roster}", "--out", "{out}", "--db", "{db}"],
    ],
    ids=[
        "roster",
        "sweep",
        "report",
        "reroster",
        "scenario docs",
        "check",
        "explain",
        "calendar",
        "ical",
    ],
)
def test_a_full_disk_names_the_file_and_leaves_nothing(
    capsys: pytest.CaptureFixture[str],
    published: tuple[Path, Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    scenario, db, roster = published
    out = tmp_path / "new" / "out"
    argv = [a.format(scenario=scenario, out=out, db=db, roster=roster) for a in command]
    before = snapshot(tmp_path)
    _full_disk(monkeypatch)
    result = run(capsys, *argv)
    assert result.code == 2, result
    assert "Traceback" not in result.err
    _names_a_file_in(result.err, out)
    assert not (tmp_path / "new").exists()
    after = {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("s92.db")}
    assert after == {k: v for k, v in before.items() if not k.startswith("s92.db")}


def test_a_scenario_import_names_its_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "built.toml"
    officers = tmp_path / "officers.csv"
    officers.write_text("Officer ID,Contract,Rank\nTH-01,TOW-PP,PC\n", encoding="utf-8")
    leave = tmp_path / "leave.csv"
    leave.write_text("Officer ID,Leave type,Start date,End date\n", encoding="utf-8")
    _full_disk(monkeypatch)
    argv = ["scenario", "import", "--officers", officers, "--leave", leave, "--out", out]
    result = run(capsys, *argv, "--start", "2026-04-01")
    assert result.code == 2, result
    assert result.err.splitlines() == [f"{out}: {FULL}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leave.csv", "officers.csv"]


def test_a_workbook_saved_on_a_full_disk_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _full_disk(monkeypatch)
    target = tmp_path / "made" / "book.xlsx"
    with pytest.raises(OSError, match="No space left") as failed:
        write_saved(target, lambda handle: handle.write(b"PK"))
    assert failed.value.filename == str(target)
    assert not (tmp_path / "made").exists()
