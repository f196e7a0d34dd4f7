"""``s92 reroster``: the entries it applies are its scenario's own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from check_builder import AUTUMN_TOML
from planner import AUT, TABLE

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.store.entries import NewAbstraction
from scheduler.store.store import Store


def sickness(officer: str, contract: str, day: date, reason: str) -> NewAbstraction:
    return NewAbstraction(
        officer, contract, day, day, "sickness", reason, "Insp X", date(2026, 10, 18)
    )


def test_an_entry_of_another_scenarios_officer_of_the_same_id_is_not_applied(
    tmp_path: Path,
) -> None:
    """One store may hold two scenarios whose officers share an id (two councils): the
    other council's T1 is sick, this one's is not."""
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster(AUT.name, TABLE, note="s92 roster")
        store.add_abstraction(sickness("T1", "OTHER", date(2026, 10, 27), "the other T1"))
        store.add_abstraction(sickness("T2", "TST", date(2026, 10, 28), "this T2"))
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-10-26", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "5", "--notified", "2026-10-25"]) == 0
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(AUT, roster).breaches == []
    state = {(r.officer_id, r.date): r.state for r in roster.itertuples(index=False)}
    assert state["T2", "2026-10-28"] == "SICK"
    assert state["T1", "2026-10-27"] != "SICK"
