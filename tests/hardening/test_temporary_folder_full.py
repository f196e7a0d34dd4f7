"""A full disk under the folder for temporary files ($TMPDIR, else /tmp: often a small
tmpfs of its own), where openpyxl streams each sheet of a workbook while it makes it, is one
line naming that folder, exit 2, nothing written and no temporary file left there. It was
lxml's ``SerialisationError: IO_ENOSPC`` as a traceback (``publish``, ``reroster``,
``report``), and from ``s92 roster``, whose workbook a child process writes, 'out:
[Errno None] None: 'out''; a file-size limit (``ulimit -f``) the same with ``IO_EFBIG``."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hardening_helpers import SOLVE, published_tiny, rest_day_moved, run, small_disk, snapshot

from scheduler.beside import ChildFailed
from scheduler.cli import disk_fault
from scheduler.files import Staged

FULL = "the disk is full: free some space and run the command again"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Path]:
    """One solve for every command here (none of them changes the store: each fails),
    and its workbook edited to publish."""
    folder = tmp_path_factory.mktemp("published")
    tiny = published_tiny(None, folder)
    edited = rest_day_moved(tiny.roster.with_name("roster.xlsx"), folder / "edited.xlsx")
    return tiny.scenario, tiny.db, tiny.roster, edited


@pytest.fixture
def full_temporaries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A tmpfs as the folder for temporary files, filled: a new file can be made there,
    not a byte written to it."""
    with small_disk(tmp_path / "tmp", "64k") as disk:
        filler = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
        with pytest.raises(OSError, match="No space left") as full:  # noqa: PT012
            while True:
                os.write(filler, b"\0" * 4096)
        os.close(filler)
        assert full.value.errno == errno.ENOSPC
        monkeypatch.setattr(tempfile, "tempdir", str(disk))
        yield disk


@pytest.mark.parametrize(
    "command",
    [
        ["roster", "{scenario}", "--out", "{out}", *SOLVE],
        ["reroster", "{scenario}", "--from", "2026-10-09", "--out", "{out}", "--db", "{db}"],
        ["report", "{scenario}", "--period", "2026-10", "--out", "{out}", "--db", "{db}"],
        ["publish", "{scenario}", "{edited}", "--db", "{db}", "--out", "{out}"],
    ],
    ids=["roster", "reroster", "report", "publish"],
)
def test_a_full_temporary_folder_is_named(
    capsys: pytest.CaptureFixture[str],
    published: tuple[Path, Path, Path, Path],
    tmp_path: Path,
    full_temporaries: Path,
    command: list[str],
) -> None:
    scenario, db, _, edited = published
    out = tmp_path / "new" / "out"
    argv = [a.format(scenario=scenario, out=out, db=db, edited=edited) for a in command]
    before = snapshot(tmp_path)
    result = run(capsys, *argv)
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert result.err.splitlines()[-1] == (
        f"{full_temporaries} (the folder for temporary files, $TMPDIR): {FULL}"
    ), result.err
    assert not (tmp_path / "new").exists()
    assert sorted(p.name for p in full_temporaries.iterdir()) == ["filler"]
    assert snapshot(tmp_path) == before


def test_a_child_that_died_says_so(tmp_path: Path) -> None:
    """The workbook's child process killed (short of memory, say): its own words, not
    '[Errno None] None: 'out''."""
    out = tmp_path / "out"
    died = ChildFailed("write_roster_xlsx stopped with exit code -9")
    with pytest.raises(ChildFailed) as failed, Staged(out) as staged:  # noqa: PT012
        staged.text("roster.csv", "x\n")
        raise died
    assert disk_fault(failed.value) == f"{out}: write_roster_xlsx stopped with exit code -9"
    assert not out.exists()


def test_a_sheet_streams_own_write_fault_names_the_temporary_folder(
    full_temporaries: Path,
) -> None:
    """A sheet's stream flushed by Python, not lxml, fails as a bare OSError(28) with no
    file named (s92 roster's child in CI printed it as it stood): the same fault, the same
    words, naming the folder for temporary files."""
    from scheduler.export.xlsx_cells import TEMPORARY_FOLDER, streamed_workbook

    with pytest.raises(OSError, match="No space left") as caught, streamed_workbook():
        raise OSError(errno.ENOSPC, "No space left on device")
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename == f"{full_temporaries} {TEMPORARY_FOLDER}"
    assert disk_fault(caught.value) == f"{full_temporaries} {TEMPORARY_FOLDER}: {FULL}"
