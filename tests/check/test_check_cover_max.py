"""The checker's soft ``cover-max``: each contract, day and tour with more officers on duty
than the tasking's ``max``, how many over and their cost, read from the roster and the
scenario alone; ``s92 check`` says how many officer-tours went over and still exits 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_builder import AUTUMN, AUTUMN_TOML, found, roster, scenario, set_day

from scheduler.check import check_roster
from scheduler.cli import main

EARLY = {"days": "daily", "shift": "E", "min": 1, "max": 1, "weight": 70}


def test_every_day_over_max_is_a_warning_with_its_cost() -> None:
    s = scenario(AUTUMN, contract={"cover": [EARLY]})
    lawful = roster(s)  # T1 "EEEE..E", T2 "LLLL..L": one on the early a day
    assert check_roster(s, lawful).warnings == []
    edited = set_day(lawful, "T2", "2026-10-25", "DUTY", "E")  # Sun: both on the early
    report = check_roster(s, edited)
    assert report.ok  # a soft goal, never a breach
    assert found(report, warnings=True) == {("", "2026-10-25", "cover-max")}
    (warning,) = report.warnings
    assert warning.detail == "TST tour E: 2 officers on duty, max 1; 1 over, costing 70 (70 each)"
    assert report.over_max == 1


def test_the_smaller_max_raised_to_the_larger_min_and_the_larger_weight() -> None:
    mondays = {"days": ["Mon"], "shift": "E", "min": 2, "weight": 90}  # no max of its own
    s = scenario(AUTUMN, contract={"cover": [EARLY, mondays]})
    both = roster(s, {"T2": "EEEE..E"})
    report = check_roster(s, both)
    days = {w.date.isoformat() for w in report.warnings}
    assert not any(d in days for d in ("2026-10-19", "2026-10-26", "2026-11-02", "2026-11-16"))
    assert "2026-10-20" in days  # Tuesday: max 1
    assert "2026-11-10" not in days  # T2 on leave
    assert "2026-11-05" not in days  # both on High Demand Day aid, not the early
    # weeks 1 and 2: Tue-Thu and Sun over; week 3: Tue, Wed (HDDs Thu and Sun); week 4:
    # Wed, Thu, Sun (leave Mon-Tue)
    assert report.over_max == 4 + 4 + 2 + 3
    tuesday = next(w for w in report.warnings if w.date.isoformat() == "2026-10-20")
    assert tuesday.detail.endswith("1 over, costing 70 (70 each)")  # Mondays' row not in force


def test_s92_check_says_how_many_officer_tours_went_over(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    toml = tmp_path / "capped.toml"
    toml.write_text(
        AUTUMN_TOML.replace(
            "posts = { constable = 1, sergeant = 1 }\n",
            "posts = { constable = 1, sergeant = 1 }\n"
            'cover = [{ days = "daily", shift = "E", min = 1, max = 1 }]\n',
        )
    )
    s = scenario(AUTUMN, contract={"cover": [{**EARLY, "weight": 100}]})
    edited = set_day(roster(s), "T2", "2026-10-25", "DUTY", "E")
    edited = set_day(edited, "T2", "2026-11-01", "DUTY", "E")
    csv = tmp_path / "roster.csv"
    edited.to_csv(csv, index=False)
    assert main(["check", str(toml), str(csv)]) == 0
    out = capsys.readouterr().out
    assert "cover-max" in out
    assert out.splitlines()[-1] == (
        f"{csv}: 56 rows, 2 officers: no breaches; 2 warnings (cover-max 2); "
        "2 officer-tours above a tour's max"
    )
