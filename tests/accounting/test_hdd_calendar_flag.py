"""DESIGN.md §3: "A year whose HDDs exceed the allowance (5% of EWD) is flagged". Nothing
flagged it: a planner learnt of it from the penalties in the council's report."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console

from scheduler.accounting.hdd_calendar import over_allowance
from scheduler.commands.validate import print_summary
from scheduler.scenario import scenario_from_dict

# the rule HDDs of FY2026: Carnival (30, 31 Aug), Bonfire Night, Remembrance Sunday, NYE
RULE_HDDS = 5


def scenario(added: int, **contract: object):
    extra = [{"date": date(2026, 6, 1 + i), "name": f"Event {i}"} for i in range(added)]
    return scenario_from_dict(
        {
            "scenario": {"name": "hdds", "start": date(2026, 4, 1), "end": date(2027, 3, 31)},
            "shift": [{"code": "E", "start": "07:00", "end": "15:00"}],
            "contract": [
                {
                    "id": "C1",
                    "council": "LB Test",
                    "bcu": "XX",
                    "start": date(2026, 4, 1),
                    "posts": {"constable": 1},
                    # Carnival Monday, a bank holiday, counts only if bought
                    "cover_bank_holidays": True,
                    **contract,
                }
            ],
            "officer": [{"id": "O1", "contract": "C1", "rank": "constable"}],
            "high_demand": {"add": extra},
        }
    )


def summary(s) -> str:
    out = io.StringIO()
    print_summary(s, Console(file=out, width=200))
    return out.getvalue()


def test_a_year_of_more_hdds_than_the_allowance_is_flagged() -> None:
    # 5% of 226 working days = 11.3 HDDs a post in FY2026
    assert over_allowance(scenario(11 - RULE_HDDS)) == []
    assert "HDD allowance" not in summary(scenario(11 - RULE_HDDS))  # C1 asks no tour: noted
    (flag,) = over_allowance(scenario(12 - RULE_HDDS))
    assert (flag.contract_id, flag.year, flag.hdds) == ("C1", "FY2026", 12)
    assert "C1 FY2026: 12 High Demand Days, more than the HDD allowance of 11.3 a post" in (
        summary(scenario(12 - RULE_HDDS))
    )


def test_a_number_per_post_and_a_part_year_are_flagged_as_the_report_counts_them() -> None:
    (flag,) = over_allowance(scenario(0, hdd_allowance=4))
    assert (flag.year, flag.hdds, flag.per_post) == ("FY2026", RULE_HDDS, 4)
    # a contract from 1 October holds half the year's allowance, and three of its HDDs
    late = over_allowance(scenario(0, start=date(2026, 10, 1), hdd_allowance=4))
    assert [(f.hdds, float(f.per_post)) for f in late] == [(3, 4 * 182 / 365)]
