"""A scenario of one contract of one constable post (C1, held by O1) over a few days,
for tests of the council's money: only what a test varies is given."""

from __future__ import annotations

from datetime import date

from scheduler.scenario import Scenario, scenario_from_dict


def one_post_scenario(
    first: date,
    last: date,
    hdds: list[dict[str, object]] | None = None,
    officer: dict[str, object] | None = None,
    **contract: object,
) -> Scenario:
    """``contract`` overrides the contract's settings (from 1 April 2026, one constable
    post); ``hdds`` are High Demand Days added to the rule ones; ``officer`` adds to the
    officer's (O1's) settings."""
    return scenario_from_dict(
        {
            "scenario": {"name": "one post", "start": first, "end": last},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Test",
                    "bcu": "XX",
                    "start": date(2026, 4, 1),
                    "posts": {"constable": 1},
                    **contract,
                }
            ],
            "officer": [{"id": "O1", "contract": "C1", "rank": "constable", **(officer or {})}],
            "high_demand": {"add": hdds or []},
        }
    )
