"""Generated scenarios (``benchmarks/scenario_generate.py``): valid as drawn, the same for
the same seed, every contract in force on some horizon day, and varied along every
dimension the module says it draws. The smallest is rostered and checked independently."""

from __future__ import annotations

import tomllib
from datetime import time
from pathlib import Path

import pytest

from benchmarks.scenario_generate import generate, main
from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main as s92
from scheduler.scenario import Scenario, scenario_from_dict

SEEDS = range(1, 101)


@pytest.fixture(scope="module")
def drawn() -> dict[int, Scenario]:
    return {
        seed: scenario_from_dict(tomllib.loads(generate(seed)), f"gen-{seed}.toml")
        for seed in SEEDS
    }


def test_the_same_seed_draws_the_same_scenario() -> None:
    assert generate(7) == generate(7)
    assert generate(7) != generate(8)


def test_every_contract_is_in_force_in_the_horizon(drawn: dict[int, Scenario]) -> None:
    for s in drawn.values():
        assert all(c.start <= s.end and c.end >= s.start for c in s.contracts), s.name


def test_the_draws_vary_along_every_stated_dimension(drawn: dict[int, Scenario]) -> None:
    scenarios = list(drawn.values())
    days = [(s.end - s.start).days + 1 for s in scenarios]
    assert min(days) <= 21
    assert max(days) >= 364
    assert any(sh.end <= sh.start for s in scenarios for sh in s.shifts)  # overnight tours
    assert any(len(s.contracts) >= 3 for s in scenarios)
    assert any(c.scheme == "met-patrol-plus" for s in scenarios for c in s.contracts)
    assert any(c.variation for s in scenarios for c in s.contracts)
    assert any(c.notice_given for s in scenarios for c in s.contracts)
    assert any(c.cover_bank_holidays for s in scenarios for c in s.contracts)
    assert any(o.start or o.end for s in scenarios for o in s.officers)
    assert any(o.requests for s in scenarios for o in s.officers)
    assert any(s.high_demand.add for s in scenarios)
    assert any(s.rules != Scenario.model_fields["rules"].default for s in scenarios)
    leave = [len(o.leave_days()) for s in scenarios for o in s.officers]
    assert max(leave) >= 40  # months away now and then
    weekends = [r for s in scenarios for o in s.officers for r in o.leave if len(r.days()) >= 12]
    assert weekends  # fortnights over weekends
    assert any(sh.start == time(6) or sh.start >= time(20) for s in scenarios for sh in s.shifts)


def test_the_shapes_are_drawn(drawn: dict[int, Scenario]) -> None:
    scenarios = list(drawn.values())
    assert any(len(s.officers) == 1 for s in scenarios)
    assert any(len(s.officers) >= 90 for s in scenarios)
    assert any(  # a tasking of every post, every day
        cover.min >= c.posts.total and len(cover.days) == 7
        for s in scenarios
        for c in s.contracts
        for cover in c.cover
    )
    assert any(  # a tour starting or ending in the hour a clock change skips or repeats
        time(1) <= t < time(2) and s.start.month in (3, 10)
        for s in scenarios
        for sh in s.shifts
        for t in (sh.start, sh.end)
    )
    assert any(s.rules.rest_days_per_week not in (2, 2.5) for s in scenarios)
    assert any(s.high_demand.remove and s.high_demand.share < 1 for s in scenarios)
    assert any(h.officers is not None for s in scenarios for h in s.high_demand.add)


def test_the_command_writes_one_file_a_seed(tmp_path: Path) -> None:
    assert main(["--seeds", "3", "--first-seed", "5", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gen-5.toml", "gen-6.toml", "gen-7.toml"]
    assert (tmp_path / "gen-6.toml").read_text() == generate(6)


def test_the_smallest_is_rostered_lawfully(drawn: dict[int, Scenario], tmp_path: Path) -> None:
    seed = min(drawn, key=lambda k: len(drawn[k].officers) * len(drawn[k].days))
    toml = tmp_path / "small.toml"
    toml.write_text(generate(seed))
    argv = ["roster", str(toml), "--out", str(tmp_path / "out"), "--time-limit", "3"]
    assert s92([*argv, "--workers", "1", "--seed", "1", "--quiet"]) == 0
    roster = read_roster_csv(tmp_path / "out" / "roster.csv")
    assert check_roster(drawn[seed], roster).breaches == []
