"""An output or a store given as a symbolic link to nothing (its target moved, a drive not
mounted) is refused before any work, in one line naming the link and where it leads, and
the link is left as it was. ``s92 roster --out LINK`` solved the whole roster and then said
"LINK: already exists and is not a folder"; ``s92 check --csv LINK`` replaced the link with
a file; ``s92 abstract add --db LINK`` said "cannot read the store: no such file or
folder"."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hardening_helpers import SOLVE, published_tiny, run


@pytest.fixture
def solved(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, Path]:
    tiny = published_tiny(capsys, tmp_path)
    return tiny.scenario, tiny.roster


ENTRY = ["--officer", "T-C0", "--date", "2026-10-08", "--kind", "court", "--reason", "hearing",
         "--authorised-by", "Insp Lane", "--notified", "2026-09-01", "--start", "09:00",
         "--end", "17:00"]  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "option", "link"),
    [
        (["roster", "{scenario}", "--out", "{link}", *SOLVE], "--out", "{link}"),
        (["roster", "{scenario}", "--out", "{link}/plan", *SOLVE], "--out", "{link}"),
        (["check", "{scenario}", "{roster}", "--csv", "{link}"], "--csv", "{link}"),
        (["explain", "{scenario}", "{roster}", "--csv", "{link}"], "--csv", "{link}"),
        (["calendar", "2026", "--ics", "{link}"], "--ics", "{link}"),
        (["ical", "{scenario}", "{roster}", "--out", "{link}", "--db", "{db}"], "--out", "{link}"),
        (["report", "{scenario}", "--period", "2026-10", "--out", "{link}", "--db", "{db}"],
         "--out", "{link}"),
        (["scenario", "docs", "--out", "{link}"], "--out", "{link}"),
        (["abstract", "add", *ENTRY, "--db", "{link}"], "--db", "{link}"),
        (["abstract", "list", "--db", "{link}"], "--db", "{link}"),
        (["roster", "{scenario}", "--out", "{tmp}/plan", "--publish", "--db", "{link}", *SOLVE],
         "--db", "{link}"),
    ],
    ids=["roster", "roster under it", "check", "explain", "calendar", "ical", "report",
         "scenario docs", "abstract add", "abstract list", "roster --publish"],
)  # fmt: skip
def test_a_link_to_nothing_is_named_before_any_work(
    capsys: pytest.CaptureFixture[str],
    solved: tuple[Path, Path],
    tmp_path: Path,
    argv: list[str],
    option: str,
    link: str,
) -> None:
    scenario, roster = solved
    dangling = tmp_path / "link"
    target = tmp_path / "unmounted" / "place"
    dangling.symlink_to(target)
    names = {"scenario": scenario, "roster": roster, "link": dangling, "tmp": tmp_path}
    names["db"] = tmp_path / "s92.db"
    result = run(capsys, *(a.format(**names) for a in argv))
    assert result.code == 2, result
    assert result.err.splitlines() == [
        f"{link.format(**names)}: {option}: is a symbolic link to {target}, which does not "
        f"exist: create that, or give another {option}"
    ]
    assert "Roster:" not in result.out + result.err  # refused before any solve
    assert os.readlink(dangling) == str(target)
    assert not (tmp_path / "unmounted").exists()
    assert not (tmp_path / "plan").exists()


def test_a_link_to_a_folder_that_exists_is_written_through(
    capsys: pytest.CaptureFixture[str], solved: tuple[Path, Path], tmp_path: Path
) -> None:
    scenario, roster = solved
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    result = run(capsys, "check", scenario, roster, "--csv", tmp_path / "link" / "b.csv")
    assert result.code == 0, result.err
    assert (tmp_path / "real" / "b.csv").is_file()
