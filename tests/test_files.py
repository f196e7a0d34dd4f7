"""The one atomic writer and CSV neutraliser every output goes through."""

from __future__ import annotations

import csv
import errno
import io
from pathlib import Path

import pandas as pd
import pytest

from scheduler import files
from scheduler.cli import disk_fault, main
from scheduler.files import (
    FORMULA_STARTS,
    Staged,
    atomic_path,
    csv_text,
    rows_csv_text,
    safe_cell,
    write_csv,
    write_text,
)

HOSTILE = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")']


def marked(text: str) -> str:
    """``text`` as s92 writes it: an apostrophe before it, and one after a tab a formula
    start follows (pasted into a sheet, the tab splits the cell: "=1" would be a cell)."""
    return "'" + text.replace("\t=", "\t'=")


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_cell_neutralises_every_formula_start(text: str) -> None:
    assert safe_cell(text) == marked(text)


@pytest.mark.parametrize("value", ["ok", "Op Tangent", "", 5, -1, 2.5, None])
def test_safe_cell_leaves_other_values(value: object) -> None:
    assert safe_cell(value) == value


def test_csv_text_reads_back_with_no_cell_a_spreadsheet_would_run() -> None:
    frame = pd.DataFrame({"reason": HOSTILE, "hours": [8.0] * len(HOSTILE), "n": range(7)})
    rows = list(csv.DictReader(io.StringIO(csv_text(frame))))
    assert len(rows) == len(HOSTILE)
    for row, text in zip(rows, HOSTILE, strict=True):
        assert row["reason"] == marked(text)
        assert not row["reason"].startswith(FORMULA_STARTS)
    assert [r["n"] for r in rows] == [str(n) for n in range(7)]  # numbers untouched


def test_rows_csv_text_neutralises_and_blanks_none() -> None:
    text = rows_csv_text(["a", "b"], [{"a": "=1", "b": None}])
    assert list(csv.DictReader(io.StringIO(text))) == [{"a": "'=1", "b": ""}]


def test_write_text_replaces_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    write_text(target, "old")
    write_text(target, "new")
    assert target.read_text() == "new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]


def test_atomic_path_keeps_the_old_file_when_the_write_fails(tmp_path: Path) -> None:
    target = tmp_path / "roster.xlsx"
    target.write_text("published")

    def write_then_fail() -> None:
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_then_fail()
    assert target.read_text() == "published"
    assert [p.name for p in tmp_path.iterdir()] == ["roster.xlsx"]


def test_write_csv_is_safe(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", pd.DataFrame({"event": ["=cmd"]}))
    assert path.read_text() == "event\n'=cmd\n"


def test_staged_files_appear_together_on_success(tmp_path: Path) -> None:
    with Staged(tmp_path / "out") as out:
        out.text("a.csv", "a")
        out.bytes("b.bin", b"b")
        out.path("c.txt").write_text("c")
        assert not (tmp_path / "out" / "a.csv").exists()  # nothing before commit
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == {
        "a.csv": b"a",
        "b.bin": b"b",
        "c.txt": b"c",
    }


def test_staged_files_vanish_on_failure_and_old_files_stand(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "a.csv").write_text("version 1")

    def stage_then_fail() -> None:
        with Staged(out_dir) as out:
            out.text("a.csv", "version 2")
            out.text("b.csv", "b")
            raise ValueError("the xlsx writer failed")

    with pytest.raises(ValueError, match="the xlsx writer failed"):
        stage_then_fail()
    assert [p.name for p in out_dir.iterdir()] == ["a.csv"]
    assert (out_dir / "a.csv").read_text() == "version 1"


def _fail_staged(out_dir: Path, through_atomic_path: bool) -> None:
    with Staged(out_dir) as out:
        staged = out.path("roster.xlsx")
        if through_atomic_path:  # as openpyxl saves: a temporary beside the staged one
            with atomic_path(staged) as tmp:
                raise OSError(errno.ENOSPC, "No space left on device", str(tmp))
        raise OSError(errno.ENOSPC, "No space left on device", str(staged))


def test_a_fault_writing_a_staged_file_names_the_file_not_its_temporary(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    for through_atomic_path in (False, True):
        with pytest.raises(OSError, match="No space left") as caught:
            _fail_staged(out_dir, through_atomic_path)
        assert caught.value.filename == str(out_dir / "roster.xlsx")
        assert not out_dir.exists()
    with pytest.raises(OSError, match="Permission denied") as caught, Staged(out_dir):
        raise OSError(errno.EACCES, "Permission denied", "/etc/s92.toml")  # another file
    assert caught.value.filename == "/etc/s92.toml"


def test_disk_fault_is_one_line_naming_the_file() -> None:
    import errno

    line = disk_fault(OSError(errno.ENOSPC, "No space left on device", "/x/roster.csv"))
    assert line == "/x/roster.csv: the disk is full: free some space and run the command again"


def test_out_under_a_file_is_exit_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["calendar", "2026", "--ics", str(blocker / "hdd.ics")])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert str(blocker) in err


def test_csv_text_looks_at_each_distinct_value_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A year's roster repeats a few thousand values over a million cells: the neutraliser
    is asked about each distinct value of a column, and the one unsafe cell still gets its
    mark."""
    calls = 0
    real = files.safe_cell

    def counted(value: object) -> object:
        nonlocal calls
        calls += 1
        return real(value)

    monkeypatch.setattr(files, "safe_cell", counted)
    frame = pd.DataFrame({"state": ["DUTY", "REST"] * 500, "n": range(1000)})
    frame.loc[999, "state"] = "=1+1"
    frame["shift"] = "E"
    calls = 0
    rows = list(csv.DictReader(io.StringIO(csv_text(frame))))
    assert calls < 1000 + 20  # the state column rewritten, the shift column only looked at
    assert rows[999]["state"] == "'=1+1"
    assert rows[0]["state"] == "DUTY"
    assert {r["shift"] for r in rows} == {"E"}


def test_csv_text_of_cells_a_column_cannot_tell_apart() -> None:
    frame = pd.DataFrame({"cells": [["=1"], "=2", "ok"]})
    rows = list(csv.DictReader(io.StringIO(csv_text(frame))))
    assert [r["cells"] for r in rows] == ["['=1']", "'=2", "ok"]
