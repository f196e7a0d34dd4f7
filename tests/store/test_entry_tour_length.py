"""An entry's own tour, and a High Demand Day's aid tour, is held to ``max_tour_hours`` as
every tour is by the checker: one longer is refused when it is typed, not found by every
re-roster after it (which then refused to write anything, the entry still live)."""

from __future__ import annotations

import tomllib

import pytest

from scheduler.errors import InputError
from scheduler.scenario import Scenario, scenario_from_dict
from scheduler.store.validate import FIELDS, Where, parse_entry

SCENARIO = """
[scenario]
name = "Long tours"
start = 2026-10-05
end = 2026-11-29
{rules}
[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "C1"
council = "Council"
bcu = "XX"
start = 2026-01-05
posts = {{ constable = 3 }}
cover = [{{ days = ["Mon"], shift = "E", min = 1 }}]

[[officer]]
id = "C1-01"
contract = "C1"
rank = "constable"

[high_demand]
add = [{added}]
"""

WHERE = Where("<command line>", {f: f"--{f}" for f in FIELDS})


def _scenario(rules: str = "", added: str = "") -> Scenario:
    text = SCENARIO.format(rules=rules, added=added)
    return scenario_from_dict(tomllib.loads(text), "long.toml")


def _entry(start: str, end: str) -> dict[str, str | None]:
    return {
        "officer_id": "C1-01",
        "date": "2026-10-20",
        "kind": "operational",
        "reason": "Op Long",
        "authorised_by": "Insp X",
        "notified": "2026-10-01",
        "start": start,
        "end": end,
    }


@pytest.mark.parametrize(("start", "end"), [("07:00", "19:00"), ("20:00", "08:00")])
def test_an_entry_longer_than_the_longest_tour_is_refused_naming_its_end(
    start: str, end: str
) -> None:
    entry, problems = parse_entry(_entry(start, end), WHERE, _scenario())
    assert entry is None
    [problem] = problems
    line = str(problem)
    assert "--end" in line
    assert "a tour of 12 h, over max_tour_hours 10" in line
    assert end in line


def test_a_ten_hour_entry_or_a_longest_tour_raised_is_taken() -> None:
    entry, problems = parse_entry(_entry("07:00", "17:00"), WHERE, _scenario())
    assert problems == []
    assert entry is not None
    raised = _scenario(rules="[rules]\nmax_tour_hours = 12\n")
    entry, problems = parse_entry(_entry("07:00", "19:00"), WHERE, raised)
    assert problems == []
    assert entry is not None


def test_an_added_high_demand_day_with_a_longer_aid_tour_is_refused() -> None:
    added = '{ date = 2026-10-24, name = "Long march", start = "11:00", end = "23:00" }'
    with pytest.raises(InputError) as caught:
        _scenario(added=added)
    [line] = caught.value.lines()
    assert "high_demand.add" in line
    assert "Long march's aid tour lasts 12 h, over max_tour_hours 10" in line


def test_a_longest_tour_set_below_a_calendar_days_aid_tour_says_which() -> None:
    # Remembrance Sunday (8 November 2026, 07:00-17:00) is in the horizon; the tour type
    # E is 8 h
    with pytest.raises(InputError) as caught:
        _scenario(rules="[rules]\nmax_tour_hours = 9\n")
    lines = caught.value.lines()
    assert lines
    assert all("rules.max_tour_hours" in line for line in lines)
    assert any("Remembrance Sunday" in line for line in lines)
