"""``s92 publish`` into a store where another scenario holds the same contract id (London's
and Havering's both hold HAV-PP): published all the same, with one note line saying which
roster of it the web now serves."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_builder import AUTUMN_TOML
from planner import AUT, TABLE, edit

from scheduler.cli import main
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.store.store import Store

OTHER = AUTUMN_TOML.replace('name = "Checker test"', 'name = "Another"', 1)


def test_publish_notes_the_other_scenario_holding_the_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster(AUT.name, TABLE, note="s92 roster", scenario_text=AUTUMN_TOML)
        store.publish_roster("Another", TABLE, note="s92 roster", scenario_text=OTHER)
    book = write_roster_xlsx(TABLE, tmp_path / "edited" / "roster.xlsx", AUT)
    edit(book, {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"})
    capsys.readouterr()
    assert main(["publish", str(toml), str(book), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    [contract] = {c.id for c in AUT.contracts}
    notes = [line for line in err.splitlines() if line.startswith("note: contract")]
    assert notes == [
        f"note: contract {contract} is also in scenario 'Another' in this store: the web "
        "shows the roster of it published last, this one"
    ]
