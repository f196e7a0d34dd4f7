"""A CSV in UTF-8 but for one place (a file cut short mid-letter while it was being written,
or a pound sign pasted in from a Windows-1252 text) is refused, naming the line, exit 2,
nothing logged. It was read whole as Windows-1252, every other accent and pound sign two
letters ('flu café £50' logged as 'flu cafÃ© Â£50'), kept for ever in the append-only
log. A Windows-1252 file (Excel's plain 'CSV' save) is read as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import run, tiny_toml

from scheduler.files import BROKEN_UTF8
from scheduler.store import Store

HEADER = b"officer_id,date,kind,reason,authorised_by,notified\r\n"
FIRST = "T-C0,2026-10-06,sickness,flu café £50,PS Khan,2026-10-06\r\n"


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(tiny_toml(), encoding="utf-8")
    return path


def _reasons(db: Path) -> list[str]:
    if not db.exists():
        return []
    with Store(db) as store:
        return [str(r[0]) for r in store.query("SELECT reason FROM abstraction ORDER BY id")]


@pytest.mark.parametrize(
    ("last", "shown"),
    [
        (b"T-C1,2026-10-08,sickness,cold,PS Khan,2026-10-0\xc2", "2026-10-0\ufffd"),  # cut short
        (b"T-C1,2026-10-08,sickness,cold \xa3 paid,PS Khan,2026-10-08\r\n", "cold \ufffd paid"),
    ],
    ids=["cut short mid-letter", "a Windows-1252 pound sign pasted in"],
)
def test_utf8_broken_in_one_place_is_refused(
    scenario: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    last: bytes,
    shown: str,
) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes(HEADER + FIRST.encode("utf-8") + last)
    db = tmp_path / "s92.db"
    result = run(capsys, "abstract", "import", scenario, log, "--db", db, "--today", "2026-10-20")
    assert result.code == 2, result
    line = last.decode("utf-8", "replace").strip()
    assert shown in line
    assert result.err.splitlines() == [f"{log}: line 3: {BROKEN_UTF8} (got {line!r})"]
    assert _reasons(db) == []


def test_windows_1252_is_read_as_before(
    scenario: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes(HEADER + FIRST.encode("cp1252"))
    db = tmp_path / "s92.db"
    result = run(capsys, "abstract", "import", scenario, log, "--db", db, "--today", "2026-10-20")
    assert result.code == 0, result
    assert _reasons(db) == ["flu café £50"]
