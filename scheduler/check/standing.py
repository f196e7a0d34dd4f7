"""Breaches a roster may keep: on days before the first day that may change (``--from``),
the published roster's days stand as worked or as published, lawful under the rules they
were published with. A ``[rules]`` limit tightened since makes them breaches of the rules
as they are now; the rules now hold from that first day on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from scheduler.check.checker import check_parsed
from scheduler.check.read import parse_roster
from scheduler.check.report import Breach, CheckReport
from scheduler.scenario import Scenario

# the rules a planner may tighten under [rules] whose breaches lie on days a re-roster can
# change: one officer's tours, in a run of days ending on the breach's day
MENDABLE = frozenset(
    ("rest-between-tours", "consecutive-duty-days", "weekly-rest", "average-hours")
)


@dataclass(frozen=True)
class Standing:
    """The published roster's breaches of the scenario's rules as they are now (a
    ``[rules]`` limit tightened since it was published): those dated before the first day
    that may change stand (lawful under the rules they were published with, and worked or
    kept as published); those from it on are to be mended, with the words why."""

    before: tuple[Breach, ...] = ()
    mend: Mapping[tuple[str, date], str] = field(default_factory=dict)


def standing(scenario: Scenario, published: pd.DataFrame, first: date, version: int) -> Standing:
    """Split the published roster's working-time breaches under ``scenario`` at ``first``."""
    report = check_parsed(scenario, parse_roster(published, f"published version {version}"))
    found = [b for b in report.breaches if b.rule in MENDABLE and b.officer_id]
    return Standing(
        tuple(b for b in found if b.date < first),
        {
            (b.officer_id, b.date): f"{b.rule} under the scenario's rules, changed since "
            f"version {version} was published: {b.detail}"
            for b in found
            if b.date >= first
        },
    )


def stood(report: CheckReport, stands: Standing) -> list[Breach]:
    """Take out of ``report`` the breaches ``stands`` has before its first day (the same
    officer, day and rule); returns them."""
    known = {(b.officer_id, b.date, b.rule) for b in stands.before}
    aside = [b for b in report.breaches if (b.officer_id, b.date, b.rule) in known]
    if aside:
        report.breaches = [b for b in report.breaches if b not in aside]
    return aside
