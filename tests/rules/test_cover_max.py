"""A cover row's ``max``: the most officers wanted on a tour, a soft goal (each officer
above it costs the row's weight, as a missing one does), compiled for the solver, held by
the roster where it can be, and never able to make a roster infeasible."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hardening_helpers import SOLVE, tiny_toml

from scheduler.check import check_roster, read_roster_csv
from scheduler.check.cover_max import council_most
from scheduler.cli import main
from scheduler.core.data import Cover
from scheduler.rules.compile import compile_contract
from scheduler.rules.teams import Team, share_cover
from scheduler.scenario import load_scenario

TASKED = 'cover = [{ days = ["Mon", "Tue", "Wed"], shift = "E", min = 1 }]'
FOURTH = '\n[[officer]]\nid = "T-C2"\ncontract = "T1"\nrank = "constable"\n'
MONDAY = '{ days = ["Mon"], shift = "E", min = 3, max = 5, weight = 300 }'


def scenario(
    tmp_path: Path,
    early: str = "min = 1, max = 1",
    late: str = "min = 1",
    more: str = "",
    extra: str = "",
) -> Path:
    """The hardening tests' tiny scenario with a fourth officer, tasked an early (``early``)
    and a late (``late``) every day, and any ``more`` rows."""
    text = tiny_toml(extra=FOURTH + extra)
    assert TASKED in text
    rows = [
        f'{{ days = "daily", shift = "E", {early} }}',
        f'{{ days = "daily", shift = "L", {late} }}',
        *([more] if more else []),
    ]
    text = text.replace(TASKED, f"cover = [{', '.join(rows)}]")
    path = tmp_path / "capped.toml"
    path.write_text(text.replace("constable = 2, sergeant = 1", "constable = 3, sergeant = 1"))
    return path


def test_max_compiles_to_a_ceiling_priced_at_the_rows_weight(tmp_path: Path) -> None:
    s = load_scenario(scenario(tmp_path, early="min = 1, max = 2"))
    covers = compile_contract(s, s.contract("T1")).problem.cover
    early = [c for c in covers if c.shift == "E"]
    late = [c for c in covers if c.shift == "L"]
    assert {(c.required, c.ceiling, c.over_weight) for c in early} == {(1, 2, 100)}
    assert {(c.required, c.ceiling, c.over_weight) for c in late} == {(1, None, 0)}


def test_two_rows_on_a_day_the_larger_min_and_the_smaller_max_raised_to_it(
    tmp_path: Path,
) -> None:
    # daily E 1..1, Mondays E 3..5 weight 300: Mondays want 3 (the larger min), and the
    # smaller max (1) is raised to it; the larger weight prices both sides
    s = load_scenario(scenario(tmp_path, more=MONDAY))
    covers = compile_contract(s, s.contract("T1")).problem.cover
    early = {s.days[c.day]: c for c in covers if c.shift == "E"}
    monday, tuesday = early[date(2026, 10, 5)], early[date(2026, 10, 6)]
    assert (monday.required, monday.most, monday.under_weight, monday.over_weight) == (
        3,
        3,
        300,
        300,
    )
    assert (tuesday.required, tuesday.most, tuesday.over_weight) == (1, 1, 100)
    # the checker reads the pattern alike, apart from the rules
    contract = s.contract("T1")
    assert council_most(contract, date(2026, 10, 5)) == {"E": (3, 300)}
    assert council_most(contract, date(2026, 10, 6)) == {"E": (1, 100)}


def test_the_roster_keeps_to_max_where_officers_are_free_for_more(tmp_path: Path) -> None:
    """Four officers, a daily early wanted 1 (max 1) and a late wanted 1 (no max): the
    officers work most days, so more than one is free for the early every day, and the
    supervision goal pulls everyone onto the sergeant's tour; the roster puts the others
    on the late instead, as the checker reads it."""
    toml = scenario(tmp_path)
    out = tmp_path / "out"
    assert main(["roster", str(toml), "--out", str(out), *SOLVE]) == 0
    table = read_roster_csv(out / "roster.csv")
    report = check_roster(load_scenario(toml), table)
    assert report.ok
    assert [w for w in report.warnings if w.rule == "cover-max"] == []
    duty = table[table["state"] == "DUTY"]
    per_day = duty.groupby("date").size()
    assert (per_day > 1).all()  # more officers on duty than the early's max, every day
    early = duty[duty["shift"] == "E"].groupby("date").size()
    assert early.max() == 1


def test_max_never_makes_a_roster_infeasible(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    # no one wanted on the early and one officer on the late: the officers must still work
    # their tours, so the roster goes over, and says how far, as the checker counts it
    path = scenario(tmp_path, early="min = 0, max = 0", late="min = 1, max = 1")
    out = tmp_path / "out"
    assert main(["roster", str(path), "--out", str(out), *SOLVE]) == 0
    report = check_roster(load_scenario(path), read_roster_csv(out / "roster.csv"))
    assert report.ok
    assert report.over_max > 0
    # under the summary, on stderr (stdout names the files written)
    said = [line for line in capsys.readouterr().err.splitlines() if "cover row's max" in line]
    tours = sum(1 for w in report.warnings if w.rule == "cover-max")
    assert said == [
        f"Above a cover row's max: {report.over_max} officer-tours on {tours} days and tours "
        "(s92 check lists each)"
    ]


@pytest.mark.parametrize("command", ["validate", "explain", "roster"])
def test_max_below_min_is_refused_in_one_line(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture
) -> None:
    toml = scenario(tmp_path, early="min = 1, max = 0")
    roster = tmp_path / "roster.csv"
    roster.write_text("")
    args = {"validate": [], "explain": [str(roster)], "roster": ["--out", str(tmp_path / "o")]}
    assert main([command, str(toml), *args[command]]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"{toml}: contract[T1].cover[1]: max 0 is below min 1"]
    assert not (tmp_path / "o").exists()


VARIED = """
[[contract.variation]]
from = 2026-10-12
cover = [{ days = "daily", shift = "L", min = 1, max = 2, weight = 40 }]
"""


def test_a_variations_max_holds_from_its_day(tmp_path: Path) -> None:
    s = load_scenario(scenario(tmp_path, extra=VARIED))
    covers = compile_contract(s, s.contract("T1")).problem.cover
    by_day = {(s.days[c.day], c.shift): c for c in covers}
    before, after = date(2026, 10, 11), date(2026, 10, 12)
    assert (by_day[before, "E"].ceiling, by_day[before, "L"].ceiling) == (1, None)
    assert (before, "E") in by_day
    assert (after, "E") not in by_day  # the variation's tasking replaces the one before
    assert (by_day[after, "L"].ceiling, by_day[after, "L"].over_weight) == (2, 40)
    assert council_most(s.contract("T1"), after) == {"L": (2, 40)}


def test_teams_share_the_ceiling_never_below_their_part_of_the_min() -> None:
    cover = (Cover(3, "E", 3, 100, 100, ceiling=5), Cover(3, "L", 1, 100, 0))
    teams = [Team(i, 2, (), (6, 6)) for i in range(2)]
    shares = [share_cover(cover, t) for t in teams]
    early = [next(c for c in s if c.shift == "E") for s in shares]
    assert sum(c.required for c in early) == 3
    assert sum(c.most for c in early) == 5
    assert all(c.most >= c.required for c in early)
    # a team with no part of a min and no ceiling is asked nothing; with a ceiling, capped
    late = [c for s in shares for c in s if c.shift == "L"]
    assert [c.required for c in late] == [1]
    capped = share_cover((Cover(3, "E", 0, 100, 100, ceiling=1),), teams[0]) + share_cover(
        (Cover(3, "E", 0, 100, 100, ceiling=1),), teams[1]
    )
    assert sorted(c.most for c in capped) == [0, 1]
