"""The report's period menu offers every financial year (and its quarters) of the horizon:
it took the years of the first and last day only, so a horizon from April 2026 to June
2028 offered FY2026 and FY2028, never FY2027."""

from __future__ import annotations

from datetime import date

from one_post import one_post_scenario

from scheduler.web.catalog import ContractView
from scheduler.web.report import period_choices


def test_every_year_of_the_horizon_and_its_quarters_are_offered() -> None:
    scenario = one_post_scenario(date(2026, 4, 1), date(2028, 6, 30))
    view = ContractView(scenario.contracts[0], scenario, None)  # type: ignore[arg-type]
    offered = [value for value, _ in period_choices(view)]
    years = [v for v in offered if v.startswith("FY") and " " not in v]
    assert years == ["FY2026", "FY2027", "FY2028"]
    quarters = [v for v in offered if " Q" in v]
    assert quarters == [f"FY{y} Q{q}" for y in (2026, 2027) for q in (1, 2, 3, 4)] + ["FY2028 Q1"]
