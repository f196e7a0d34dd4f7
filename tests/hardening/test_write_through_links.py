"""An output file that is a symbolic link to a real file (a roster.csv linked into a
shared folder): the atomic rename replaced the link with a plain file, so the shared file
never changed and the link was lost. Now the file the link leads to is written, atomically
beside it, and the link stays a link."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.files import Staged, atomic_path, write_text


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "roster.csv"
    real.write_text("old\n")
    out = tmp_path / "out"
    out.mkdir()
    link = out / "roster.csv"
    link.symlink_to(real)
    return link, real


def test_the_one_atomic_writer_writes_through_a_link(linked: tuple[Path, Path]) -> None:
    link, real = linked
    write_text(link, "new\n")
    assert link.is_symlink()
    assert link.resolve() == real
    assert real.read_text() == "new\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["roster.csv"]  # no temporary


def test_a_command_s_staged_files_write_through_a_link(linked: tuple[Path, Path]) -> None:
    link, real = linked
    with Staged(link.parent) as staged:
        staged.text("roster.csv", "new\n")
        staged.text("changes.csv", "c\n")
    assert link.is_symlink()
    assert real.read_text() == "new\n"
    assert (link.parent / "changes.csv").read_text() == "c\n"


def test_a_failed_write_through_a_link_leaves_the_file_and_the_link(
    linked: tuple[Path, Path],
) -> None:
    link, real = linked

    def killed_mid_write() -> None:
        with atomic_path(link) as tmp:
            tmp.write_text("half")
            raise RuntimeError("killed mid-write")

    with pytest.raises(RuntimeError):
        killed_mid_write()
    assert link.is_symlink()
    assert real.read_text() == "old\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["roster.csv"]
