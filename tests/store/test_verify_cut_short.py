"""``s92 store verify`` of a store file cut short (a copy that stopped half-way, a disk
that filled while copying): SQLite refuses even to switch such a file to WAL, so verify
said what every command says, "the store is damaged ... (s92 store verify shows what is
wrong)", exit 2: the command the message sends the planner to, sending them to itself.
Now it reports the damage as it reports any other, exit 1; other commands still refuse
the file, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import published_tiny, run


def test_verify_reports_a_store_cut_short(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    whole = tiny.db.read_bytes()
    cut = tmp_path / "copy.db"
    cut.write_bytes(whole[: len(whole) // 3])
    verified = run(capsys, "store", "verify", "--db", cut)
    assert verified.code == 1, verified.err
    lines = verified.out.splitlines()
    assert f"{cut}: damaged: database disk image is malformed; restore it from a backup" in lines
    assert lines[-1] == f"{cut}: NOT as s92 wrote it"
    assert verified.err == ""
    listed = run(capsys, "abstract", "list", "--db", cut)
    assert listed.code == 2
    assert listed.err.startswith(f"{cut}: the store is damaged (database disk image is malformed)")
