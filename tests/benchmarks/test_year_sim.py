"""Two seeded stretches of a planner's year (benchmarks/year_sim.py runs 20 whole years):
every command driven for real, the checker, the entry log and the published past asserted
after every step."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.year_sim import SCENARIOS, simulate


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
