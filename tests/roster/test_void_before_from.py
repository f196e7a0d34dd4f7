"""A void whose days fall before the re-roster's ``--from``: those days stand as published,
still following the voided entry, and the re-roster says so (exit 0), naming the --from
that gives them back, as it names a live entry's days before --from it does not apply."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from void_fixtures import published_in, sick

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario


def test_a_void_not_given_back_before_from_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """V-04 off sick 21-23 September, re-rostered and published; the sickness is voided
    (logged in error), the 21st logged again, and the next re-roster runs from the 23rd.
    The 22nd stays SICK, as published, under the voided entry (the report counts it), and
    the re-roster said nothing of it: the void applied to one of its days without a word."""
    scenario, db, out = published_in(tmp_path)
    assert main(sick(db, "V-04", "2026-09-21", "2026-09-23", scenario)) == 0
    run = ["reroster", str(scenario), "--db", str(db), "--time-limit", "2", "--seed", "1"]
    assert main([*run, "--from", "2026-09-21", "--out", str(out), "--publish"]) == 0
    void = ["abstract", "void", "1", "--reason", "in error", "--notified", "2026-09-22"]
    assert main([*void, "--db", str(db)]) == 0
    # the first day was a sick day after all: logged again, it is that entry's, not the void's
    assert main(sick(db, "V-04", "2026-09-21", "2026-09-21", scenario)) == 0
    capsys.readouterr()
    again = tmp_path / "again"
    assert main([*run, "--from", "2026-09-23", "--out", str(again), "--publish"]) == 0
    err = capsys.readouterr().err
    assert (
        "note: entry 1 (V-04 sickness), voided: not given back on its 1 day before --from "
        "2026-09-23 (from 2026-09-22), which stands as published (re-roster --from 2026-09-22 "
        "to give it back)\n"
    ) in err
    table = read_roster_csv(again / "roster.csv")
    assert check_roster(load_scenario(scenario), table).ok
    days = table[
        (table["officer_id"] == "V-04") & table["date"].between("2026-09-21", "2026-09-23")
    ]
    assert days["state"].tolist()[:2] == ["SICK", "SICK"]
    assert days["state"].tolist()[2] != "SICK"
    changes = pd.read_csv(again / "changes.csv", dtype=str)
    assert changes.loc[changes["officer_id"] == "V-04", "date"].tolist()[0] == "2026-09-23"
    # from the first of them the void is given back in full, and nothing is left to say
    capsys.readouterr()
    assert main([*run, "--from", "2026-09-22", "--out", str(tmp_path / "full")]) == 0
    assert "voided: not given back" not in capsys.readouterr().err
