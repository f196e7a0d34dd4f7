"""An entry logged without a scenario file for an officer id typed in another case
(``v-02`` for V-02; the scenario reads ids in any case): it was logged as typed, no
published roster held that spelling, and every re-roster left it out without a word
(exit 0, the officer rostered through their sickness; found by live22). Now it is logged
as the published roster spells the officer, and the re-roster applies it. An id no
published roster holds is logged with a note saying no re-roster applies it yet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from void_fixtures import SCENARIO, published, published_in, sick

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.store.entries import NewEntry
from scheduler.store.store import Store


def test_an_entry_for_an_officer_id_in_another_case_is_applied(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    scenario, db, out = published_in(tmp_path)
    before = published().set_index(["officer_id", "date"])["state"]
    assert list(before.loc["V-02"][["2026-09-24", "2026-09-25"]]) == ["DUTY", "DUTY"]
    assert main(sick(db, "v-02", "2026-09-24", "2026-09-25")) == 0
    assert capsys.readouterr().err == ""

    argv = ["reroster", str(scenario), "--from", "2026-09-21", "--db", str(db), "--out", str(out)]
    assert main([*argv, "--time-limit", "5", "--seed", "1831"]) == 0
    table = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(scenario), table).ok
    days = table[table["officer_id"] == "V-02"].set_index("date")["state"]
    assert list(days[["2026-09-24", "2026-09-25"]]) == ["SICK", "SICK"]
    with Store(db) as store:
        [entry] = store.live_abstractions()
    assert entry.officer_id == "V-02"


def test_an_officer_id_no_published_roster_holds_is_logged_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster("Voided", published(), scenario_text=SCENARIO)
    assert main(sick(db, "V-2", "2026-09-24", "2026-09-25")) == 0
    out, err = capsys.readouterr()
    assert out == "1\n"
    assert err == (
        "note: officer V-2 is in no published roster: no re-roster applies the entry until a "
        "scenario with that officer is re-rostered (check the id, or give the scenario file)\n"
    )


def test_an_entry_logged_before_in_another_case_is_named_in_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """An entry an older s92 logged as typed (``v-02``, no contract): the re-roster cannot
    tell it is V-02's for certain, and says so on a note line rather than leave it out."""
    scenario, db, out = published_in(tmp_path)
    told = date(2026, 9, 20)
    flu = NewEntry("v-02", "", date(2026, 9, 24), date(2026, 9, 25), "sickness", "flu", "X", told)
    with Store(db) as store:
        store.add_abstraction(flu)
    capsys.readouterr()
    argv = ["reroster", str(scenario), "--from", "2026-09-21", "--db", str(db), "--out", str(out)]
    assert main([*argv, "--time-limit", "5", "--seed", "1831"]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("note:")]
    assert notes == [
        "note: entry 1 (v-02 sickness 2026-09-24 to 2026-09-25): 2 days from 2026-09-21 not "
        "applied, logged as v-02, not V-02: void it and log it again as V-02"
    ]
