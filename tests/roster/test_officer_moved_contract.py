"""An officer moved to another contract in the scenario file after publication."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from check_builder import AUTUMN_TOML
from planner import AUT, TABLE

from scheduler.cli import main
from scheduler.store.entries import NewAbstraction
from scheduler.store.store import Store

OTHER = """
[[contract]]
id = "TS2"
council = "Other Borough"
bcu = "XX"
start = 2026-01-05
posts = { constable = 1 }
"""


def test_an_officer_moved_to_another_contract_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """T1 served contract TST in the published roster; the scenario file now puts T1 in
    TS2, and T1's sickness is logged. The re-roster was a traceback (KeyError in the
    solver's model; without an entry of T1's, a table of ring-fence breaches): the days before
    --from stand as worked for TST, and an officer serves one contract a horizon. Now one
    line naming both contracts and the way to move an officer, exit 2, nothing written."""
    toml = tmp_path / "autumn.toml"
    toml.write_text(
        AUTUMN_TOML.replace('id = "T1"\ncontract = "TST"', 'id = "T1"\ncontract = "TS2"') + OTHER
    )
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster(AUT.name, TABLE, note="s92 roster")
        store.add_abstraction(
            NewAbstraction(
                "T1",
                "TST",
                date(2026, 11, 4),
                date(2026, 11, 4),
                "sickness",
                "flu",
                "Insp X",
                date(2026, 11, 1),
            )
        )
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-11-02", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "2", "--publish"]) == 2
    assert capsys.readouterr().err == (
        f"{toml}: officer: T1 is in contract TS2 in the scenario, but the published roster "
        "(version 1) has them in contract TST (first 2026-10-19): days worked stand as "
        "published, so keep T1 in TST with end = their last day there and add the officer "
        "to TS2 under another id with start = their first day there (or build the roster "
        "again with s92 roster --publish)\n"
    )
    assert not out.exists()
    with Store(db) as store:
        assert len(store.roster_versions(AUT.name)) == 1
