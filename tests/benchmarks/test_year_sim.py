"""Two seeded stretches of a planner's year (benchmarks/year_sim.py runs 20 whole years):
every command driven for real, the checker, the entry log and the published past asserted
after every step."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.year_sim import SCENARIOS, simulate
from scheduler.store import Store


@pytest.mark.parametrize(
    ("scenario", "seed", "months"),
    [(SCENARIOS[0], 0, 3), (SCENARIOS[1], 1, 2)],
    ids=["havering", "tower-hamlets"],
)
def test_a_planners_months_keep_every_invariant(
    scenario: Path, seed: int, months: int, tmp_path: Path
) -> None:
    report = simulate(
        scenario, seed, tmp_path / "sim", months=months, time_limit=2.0, roster_time_limit=2.0
    )
    assert report.failures == []
    assert report.rerosters >= months - 1  # the months really happened
    assert report.exits["roster:0"] == 1
    assert report.exits["reroster:0"] == report.rerosters
    assert sum(n for key, n in report.exits.items() if key.startswith("abstract:0")) > 0
    # every hand edit was checked; the lawful ones were published with s92 publish
    assert (
        report.hand_edits_lawful + report.hand_edits_caught
        == report.exits["check:0"] + report.exits["check:1"]
    )
    assert report.published_edits == report.hand_edits_lawful
    # each entry is told on the month's day the re-roster after it changes days from (told
    # the day before its first day, a change days before it read as told after the day)
    with Store(tmp_path / "sim" / "s92.db") as store:
        logged = [e for e in store.entries() if e.voids is None]
    assert logged
    assert len({e.notified for e in logged}) <= months
    assert all(e.notified <= e.first_date for e in logged)


def test_a_part_year_contract_books_nothing_outside_its_term(tmp_path: Path) -> None:
    """A contract whose notice ends it on 10 May: the simulation booked leave, sickness
    and abstractions past its last day (only the officer's own start and end were looked
    at), s92 refused them as it must, and the run counted each as a failure."""
    text = (
        SCENARIOS[0]
        .read_text()
        .replace(
            "start = 2026-01-05\nyears = 3\n",
            "start = 2025-04-01\nyears = 3\nnotice_given = 2025-11-10\n",
            1,
        )
    )
    assert "notice_given" in text
    scenario = tmp_path / "part-year.toml"
    scenario.write_text(text)
    report = simulate(
        scenario, 3, tmp_path / "sim", months=2, time_limit=2.0, roster_time_limit=2.0
    )
    assert report.failures == []
    assert report.rerosters >= 1
