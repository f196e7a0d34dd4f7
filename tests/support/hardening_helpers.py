"""Helpers for the hardening tests: a tiny scenario as TOML text (one contract, three
officers, two weeks: a solve takes a fraction of a second), the command line run in this
process, and small disks (tmpfs) for faults of a real file system."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from scheduler.cli import main

SOLVE = ("--time-limit", "5", "--workers", "1", "--seed", "1", "--quiet")


def toml_string(text: str) -> str:
    """Any text as a TOML basic string (JSON's escapes, plus DEL, which TOML wants escaped)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def tiny_toml(
    *,
    name: str = "Tiny",
    description: str = "",
    council: str = "Council T",
    bcu: str = "EA",
    shift_name: str = "",
    hdd_name: str | None = None,
    contract_id: str = "T1",
    officer_ids: Sequence[str] = ("T-S0", "T-C0", "T-C1"),
    extra: str = "",
) -> str:
    """A scenario that rosters in well under a second; every name can be replaced."""
    s0, c0, c1 = officer_ids
    hdd = (
        f"\n[high_demand]\nadd = [{{ date = 2026-10-10, name = {toml_string(hdd_name)} }}]\n"
        if hdd_name is not None
        else ""
    )
    return f"""
[scenario]
name = {toml_string(name)}
description = {toml_string(description)}
start = 2026-10-05
end = 2026-10-18

[[shift]]
code = "E"
start = "07:00"
end = "15:00"
name = {toml_string(shift_name)}

[[shift]]
code = "L"
start = "15:00"
end = "23:00"

[[contract]]
id = {toml_string(contract_id)}
council = {toml_string(council)}
bcu = {toml_string(bcu)}
start = 2026-01-05
posts = {{ constable = 2, sergeant = 1 }}
cover = [{{ days = ["Mon", "Tue", "Wed"], shift = "E", min = 1 }}]

[[officer]]
id = {toml_string(s0)}
contract = {toml_string(contract_id)}
rank = "sergeant"

[[officer]]
id = {toml_string(c0)}
contract = {toml_string(contract_id)}
rank = "constable"

[[officer]]
id = {toml_string(c1)}
contract = {toml_string(contract_id)}
rank = "constable"
leave = ["2026-10-07"]
{hdd}{extra}"""


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> Run:
    """``s92 ARGV`` in this process: its exit code, stdout and stderr."""
    capsys.readouterr()
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse refusing an option
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return Run(code, out, err)


@dataclass(frozen=True)
class Published:
    """The tiny scenario rostered and published: its file, the store, the roster.csv."""

    scenario: Path
    db: Path
    roster: Path


def published_tiny(capsys: pytest.CaptureFixture[str] | None, folder: Path) -> Published:
    """``tiny_toml`` in ``folder``, rostered into ``folder/solved`` and published to
    ``folder/s92.db`` (without ``capsys``: for a fixture shared by several tests)."""
    scenario = folder / "tiny.toml"
    scenario.write_text(tiny_toml(), encoding="utf-8")
    db = folder / "s92.db"
    solved = folder / "solved"
    argv = ("roster", scenario, "--out", solved, "--publish", "--db", db, *SOLVE)
    result = run_captured(*argv) if capsys is None else run(capsys, *argv)
    assert result.code == 0, result.err
    return Published(scenario, db, solved / "roster.csv")


def run_captured(*argv: object) -> Run:
    """``s92 ARGV`` in this process with its streams captured here (for fixtures wider
    than one test, where capsys is not available)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return Run(code, out.getvalue(), err.getvalue())


def rest_day_moved(workbook: Path, saved: Path, row_number: int = 4) -> Path:
    """``workbook`` (a tiny roster.xlsx) saved as ``saved`` with the officer on sheet row
    ``row_number`` given their first rest day's tour and that tour's day off: a lawful
    edit (the same rest days, moved), for ``s92 publish`` to publish as a new version."""
    import openpyxl

    book = openpyxl.load_workbook(workbook)
    row = next(book.worksheets[0].iter_rows(min_row=row_number, max_row=row_number))
    codes = [c.value for c in row[2:16]]
    rest = codes.index("R")
    tour = next(i for i in range(rest + 1, len(codes)) if codes[i] != "R")
    row[2 + rest].value, row[2 + tour].value = codes[tour], "R"
    book.save(saved)
    return saved


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its content."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    } | {str(p.relative_to(folder)) + "/": b"" for p in folder.rglob("*") if p.is_dir()}


def store_state(db: Path) -> tuple[str, int, int]:
    """What a failed command must not change: integrity, entries, roster versions."""
    # immutable: read as it lies on disk (also on a read-only disk), while nobody writes
    con = sqlite3.connect(f"{db.resolve().as_uri()}?immutable=1", uri=True)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        entries = con.execute("SELECT count(*) FROM abstraction").fetchone()[0]
        versions = con.execute("SELECT count(*) FROM roster_version").fetchone()[0]
    finally:
        con.close()
    return str(integrity), int(entries), int(versions)


@contextlib.contextmanager
def small_disk(where: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``where`` (skips where mounting is not allowed)."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(where)], capture_output=True, check=False)
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def remount_read_only(where: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True, capture_output=True)


def fill(folder: Path) -> None:
    """Fill the disk holding ``folder`` to the last byte."""
    fd = os.open(folder / "ballast", os.O_WRONLY | os.O_CREAT)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0")
    finally:
        os.close(fd)
