"""High Demand Days against the allowance, before any roster (DESIGN.md §3: "A year whose
HDDs exceed the allowance (5% of EWD) is flagged"): per contract and allowance year, the
HDDs of the horizon within the agreement, against the days of HDD aid a post may give
without penalty. An officer on aid every HDD of such a year goes beyond the allowance, and
the aid past it is penalised."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from calendars import bank_holidays, financial_year_of
from scheduler.accounting.money import exact
from scheduler.accounting.periods import Span, contract_year_span
from scheduler.accounting.posts import VACANT_POST_LEAVE, year_working_days
from scheduler.scenario.model import Contract, Scenario


@dataclass(frozen=True)
class OverAllowance:
    """A contract's allowance year whose HDDs (in the horizon) outnumber a post's allowance."""

    contract_id: str
    year: str
    hdds: int
    per_post: Fraction

    def describe(self) -> str:
        shown = f"{float(self.per_post):.1f}".removesuffix(".0")
        return (
            f"{self.contract_id} {self.year}: {self.hdds} High Demand Days, more than the HDD "
            f"allowance of {shown} a post: aid on them all goes beyond it, and the days beyond are "
            "penalised"
        )


def over_allowance(scenario: Scenario) -> list[OverAllowance]:
    """Every contract's allowance years whose HDDs in the horizon exceed a post's allowance."""
    days = [h.date for h in scenario.high_demand_days()]
    holidays = set(bank_holidays(min(days), max(days))) if days else set()
    found = []
    for c in scenario.contracts:
        years: dict[str, tuple[Span, int]] = {}
        for day in days:
            # aid on a bank holiday the contract does not buy uses none of its allowance
            if not c.in_force(day) or (day in holidays and not c.cover_bank_holidays):
                continue
            label, span = _allowance_year(c, day)
            years[label] = (span, years.get(label, (span, 0))[1] + 1)
        for label, (span, n) in years.items():
            per_post = per_post_allowance(scenario, c, span)
            if n > per_post:
                found.append(OverAllowance(c.id, label, n, per_post))
    return found


def _allowance_year(c: Contract, day: date) -> tuple[str, Span]:
    if c.hdd_allowance_year == "contract":
        number, span = contract_year_span(c.start, day)
        return f"Y{number}", span
    fy = financial_year_of(day)
    return fy.label, Span(fy.start, fy.end)


def per_post_allowance(scenario: Scenario, c: Contract, year: Span) -> Fraction:
    """HDD aid days one post may give in an allowance year without penalty: the contract's
    number per post, or its share of a post's working days (a vacant post's, 25 days'
    leave; those of the financial year the allowance year starts in); pro rata to the days
    of the year the agreement holds, as the report's allowance is."""
    inside = year.clip(Span(c.start, c.end))
    if inside is None:
        return Fraction(0)
    if c.hdd_allowance is not None:
        whole = Fraction(c.hdd_allowance)
    else:
        share = c.hdd_share if c.hdd_share is not None else scenario.rules.hdd_share
        fy = financial_year_of(year.start).year
        working = c.contracted_days_per_post or year_working_days(fy, VACANT_POST_LEAVE)
        whole = exact(share) * working
    return whole * inside.days / year.days
