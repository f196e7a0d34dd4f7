"""An officer in post for a few days of the horizon (a joiner days before its end, a
leaver days after its start, a roster of a day or two): the 48-hour average held pro rata
over those days, as the checker holds it, may leave room for fewer tours than days less
the rest days owed. The roster works them as many tours as that allows, rather than
breaking the average (exit 1, nothing written) or finding no roster at all."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from three_constables import published, rerostered, three_constables

from scheduler.check import check_roster
from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.rules.hours import average_leaves_room
from scheduler.scenario import Scenario, scenario_from_dict

SETTINGS = SolveSettings(time_limit=5, seed=2, workers=1)


def scenario(first: date, last: date, **service: date) -> Scenario:
    """Two constables on an early tour every weekday; the second in post for ``service``."""
    return scenario_from_dict(
        {
            "scenario": {"name": "Short", "start": first, "end": last},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "S",
                    "council": "LB Short",
                    "bcu": "XX",
                    "start": date(2028, 1, 3),
                    "posts": {"constable": 2},
                    "cover": [
                        {"days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "shift": "E", "min": 1}
                    ],
                }
            ],
            "officer": [
                {"id": "S-1", "contract": "S", "rank": "constable", "service_years": 4},
                {"id": "S-2", "contract": "S", "rank": "constable", "service_years": 1, **service},
            ],
        },
        "short.toml",
    )


FIRST, LAST = date(2028, 2, 7), date(2028, 3, 14)  # Mon to Tue, 29 February among them


@pytest.mark.parametrize(
    ("first", "last", "service"),
    [
        (FIRST, LAST, {"start": LAST - timedelta(days=1)}),  # joins two days before the end
        (FIRST, LAST, {"end": FIRST + timedelta(days=2)}),  # leaves on the third day
        (date(2028, 2, 29), date(2028, 2, 29), {}),  # a roster of one day
        (date(2028, 2, 28), date(2028, 3, 1), {}),  # of three
    ],
)
def test_a_short_service_is_rostered_within_the_average(
    first: date, last: date, service: dict[str, date]
) -> None:
    s = scenario(first, last, **service)
    result = roster_scenario(s, SETTINGS)
    assert all(o.feasible for o in result.outcomes)
    assert check_roster(s, result.table).breaches == []
    # the checker's schema rule holds every in-post day to one row; a tour on each day the
    # average allows: the joiner and the leaver still work one of their days
    if service:
        worked = result.table[result.table["officer_id"] == "S-2"]["state"].tolist()
        assert worked.count("DUTY") >= 1


def test_the_average_leaves_room_for_every_tour_but_over_a_short_service() -> None:
    rules = scenario(FIRST, LAST).rules
    assert average_leaves_room(2, 1, 8 * 60, rules)  # 8 h in 2 days: 28 h a week
    assert not average_leaves_room(2, 2, 8 * 60, rules)  # 16 h in 2 days: 56 h a week
    assert average_leaves_room(119, 119, 24 * 60, rules)  # a reference period: its windows


# ten-hour nights; O3 joins 18 days before the end: 13 duty days (every other day but the
# 5 rest days owed) would be 130 hours, over the 123.4 the 48-hour average allows over 18
# days, so O3 works 12 and rests 6
JOINER = three_constables("Joiner", "2027-05-01", "2027-06-18", tour=("N", "23:00", "09:00"))
JOINS = 'id = "O3"\ncontract = "C"\nrank = "constable"\n'


def _o3(table: pd.DataFrame) -> list[str]:
    return sorted(table[table["officer_id"] == "O3"]["state"].tolist())


def test_a_joiner_with_no_tasking_works_the_tours_the_average_allows(tmp_path: Path) -> None:
    """Before, with no cover asked of the tour, the joiner rested all 18 days: their free
    days off were left uncapped once the average forbade every other day a duty day."""
    text = JOINER.replace(JOINS, f"{JOINS}start = 2027-06-01\n")
    _, _, table = published(tmp_path, text)
    assert _o3(table) == ["DUTY"] * 12 + ["REST"] * 6


def test_a_joiner_added_after_publication_is_re_rostered_within_the_average(
    tmp_path: Path,
) -> None:
    """O3 added to the scenario file after publication, joining 18 days before the end:
    `s92 reroster` rosters O3 the 12 tours the average allows. Before, it refused ('no
    lawful roster holds from the given date'), holding the joiner to every other day a
    duty day; generated scenario 834 met it under a planner's year."""
    path, db, _ = published(tmp_path, JOINER.replace(f"\n[[officer]]\n{JOINS}", "\n", 1))
    path.write_text(JOINER.replace(JOINS, f"{JOINS}start = 2027-06-01\n"), encoding="utf-8")
    table = rerostered(path, db, "2027-05-20", "2027-05-19", tmp_path / "rr")
    assert _o3(table) == ["DUTY"] * 12 + ["REST"] * 6
