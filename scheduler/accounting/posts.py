"""A contract's posts day by day: how many of each rank it buys (variations followed to
the day), which officers hold them, how many are vacant, and what each costs.

Contracted days of a post on a day of financial year Y (N days, R = ⌊2N/7⌋ rest days):
``1 − (R + annual leave) / N``, less 1 on a bank holiday. Summed over a whole year this is
the effective working days of DESIGN.md §2 (365 − 104 − 10 − 25 = 226 in FY2026); summed
over a month it is that month's share, so months add up to their year exactly. A held
post counts its holder's leave, a vacant one ``VACANT_POST_LEAVE`` days. A contract with
``contracted_days_per_post`` D buys D ÷ N a post-day instead: D a whole post-year, the
days its day rate divides the charge by, so contracted days × day rate is the charge.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cache

import numpy as np

from calendars import FinancialYear, bank_holidays, financial_year_of
from scheduler.accounting.money import exact
from scheduler.accounting.periods import Span
from scheduler.errors import InputError
from scheduler.scenario.model import RANKS, Contract, Officer, Scenario

VACANT_POST_LEAVE = 25  # days of annual leave assumed for a post nobody holds


@cache
def year_facts(fy: int) -> tuple[int, int, int]:
    """(days, rest days ⌊2N/7⌋, bank holidays) of financial year ``fy``."""
    year = FinancialYear(fy)
    return year.days, 2 * year.days // 7, len(bank_holidays(year.start, year.end))


def year_working_days(fy: int, annual_leave: int) -> int:
    """Effective working days of one post in the whole financial year."""
    days, rest, holidays = year_facts(fy)
    return days - rest - holidays - annual_leave


class Prices:
    """Annual charges and daily rates of one contract, exact, cached."""

    def __init__(self, contract: Contract) -> None:
        self.contract = contract
        self._varied = [v.from_ for v in contract.variation]
        self._charges: dict[tuple[str, int, int], Fraction] = {}

    def stretch(self, day: date) -> int:
        """How many variations are in force on ``day`` (charges change only there)."""
        return bisect_right(self._varied, day)

    def charge(self, rank: str, day: date) -> Fraction:
        """The annual charge of one post of ``rank`` in force on ``day``."""
        fy = financial_year_of(day).year
        key = (rank, fy, self.stretch(day))
        if key not in self._charges:
            self._charges[key] = exact(self.contract.charge(rank, fy, on=day))
        return self._charges[key]

    def council_share(self) -> Fraction:
        """The share of the annual charge the council pays: all of it under Partnership
        Plus, half under Met Patrol Plus ("buy one get one free"), or the contract's."""
        return 1 - exact(self.contract.mps_match_share)

    def working_days(self, day: date, annual_leave: int) -> int:
        """A post's working days in the whole financial year of ``day``: its effective
        working days (or the contract's ``contracted_days_per_post``)."""
        if self.contract.contracted_days_per_post is not None:
            days = self.contract.contracted_days_per_post
        else:
            days = year_working_days(financial_year_of(day).year, annual_leave)
        if days <= 0:
            raise InputError.one(
                "scenario", f"contract[{self.contract.id}]", "a post has no working days", days
            )
        return days

    def rate(self, rank: str, day: date, annual_leave: int) -> Fraction:
        """Daily rate: the council's share of the annual charge ÷ the post's working days
        in the whole financial year. A penalty refunds what the council paid, so under
        Met Patrol Plus, where the MPS pays half, it is half the full charge's."""
        charge = self.charge(rank, day) * self.council_share()
        return charge / self.working_days(day, annual_leave)

    def vacant_days(self, day: date, post_days: int) -> Fraction:
        """The working days ``post_days`` calendar days of a vacant post stand for (in
        the financial year of ``day``): each is the year's working days ÷ its days, so a
        post empty a whole year is its whole year's working days, and its penalty the
        whole annual charge the council paid, never more."""
        n, _, _ = year_facts(financial_year_of(day).year)
        return Fraction(post_days * self.working_days(day, VACANT_POST_LEAVE), n)


@dataclass(frozen=True)
class PostDays:
    """One contract over ``span``: arrays with a column per day.

    ``posts[rank]`` bought; ``serving`` (officers × days) officers in post; ``holding``
    those of them holding a post (in scenario order, up to the posts of their rank);
    ``vacant[rank]`` posts nobody holds."""

    span: Span
    officers: tuple[Officer, ...]
    posts: dict[str, np.ndarray]
    serving: np.ndarray
    holding: np.ndarray
    vacant: dict[str, np.ndarray]
    fy: np.ndarray
    bank_holiday: np.ndarray
    days_per_post: int | None = None  # the contract's contracted_days_per_post, if any

    @property
    def total_posts(self) -> np.ndarray:
        return sum((self.posts[r] for r in RANKS), np.zeros(self.span.days, dtype=np.int64))

    @property
    def total_vacant(self) -> np.ndarray:
        return sum((self.vacant[r] for r in RANKS), np.zeros(self.span.days, dtype=np.int64))

    def day(self, i: int) -> date:
        return date.fromordinal(self.span.start.toordinal() + i)

    def contracted(self, first: int, last: int) -> Fraction:
        """Exact contracted days of days ``first``..``last`` (indices, inclusive, within one
        financial year)."""
        n, rest, _ = year_facts(int(self.fy[first]))
        cut = slice(first, last + 1)
        if self.days_per_post is not None:  # the agreement fixes a post-year's days
            return Fraction(self.days_per_post * int(self.total_posts[cut].sum()), n)
        leave = np.array([o.annual_leave_entitlement for o in self.officers], dtype=np.int64)
        posts = self.total_posts[cut]
        held_leave = int(leave @ self.holding[:, cut].sum(axis=1)) if len(leave) else 0
        free = int(posts.sum()) * (n - rest) - held_leave
        free -= VACANT_POST_LEAVE * int(self.total_vacant[cut].sum())
        return Fraction(free, n) - int((posts * self.bank_holiday[cut]).sum())


def post_days(scenario: Scenario, contract: Contract, span: Span) -> PostDays:
    """The contract's posts, holders and vacancies on each day of ``span`` (inside the
    agreement)."""
    n = span.days
    ordinals = span.start.toordinal() + np.arange(n)
    starts = [d.toordinal() for d, _ in contract.post_changes]
    stretch = np.searchsorted(starts, ordinals, side="right") - 1
    posts: dict[str, np.ndarray] = {}
    for rank in RANKS:
        bought = np.array([p.of(rank) for _, p in contract.post_changes], dtype=np.int64)
        posts[rank] = np.where(stretch >= 0, bought[np.maximum(stretch, 0)], 0)
    officers = tuple(scenario.officers_of(contract.id))
    serving = np.zeros((len(officers), n), dtype=bool)
    for i, o in enumerate(officers):
        first = max(span.start, o.start or span.start)
        last = min(span.end, o.end or span.end)
        if first <= last:
            serving[i, (first - span.start).days : (last - span.start).days + 1] = True
    holding = serving.copy()
    vacant: dict[str, np.ndarray] = {}
    for rank in RANKS:
        mine = [i for i, o in enumerate(officers) if o.rank == rank]
        if mine:
            order = np.cumsum(serving[mine], axis=0)  # position among those serving that day
            holding[mine] = serving[mine] & (order <= posts[rank])
        held = holding[mine].sum(axis=0) if mine else np.zeros(n, dtype=np.int64)
        vacant[rank] = posts[rank] - held
    days = [date.fromordinal(int(o)) for o in ordinals]
    holidays = set(bank_holidays(span.start, span.end))
    return PostDays(
        span=span,
        officers=officers,
        posts=posts,
        serving=serving,
        holding=holding,
        vacant=vacant,
        fy=np.array([d.year if d.month >= 4 else d.year - 1 for d in days], dtype=np.int64),
        bank_holiday=np.array([d in holidays for d in days], dtype=bool),
        days_per_post=contract.contracted_days_per_post,
    )


def contracted_days(scenario: Scenario, contract: Contract, span: Span) -> Fraction:
    """Exact contracted days of the contract over ``span`` (cut to the agreement)."""
    inside = span.clip(Span(contract.start, contract.end))
    if inside is None:
        return Fraction(0)
    grid = post_days(scenario, contract, inside)
    total = Fraction(0)
    for first, last in fy_runs(grid.fy):
        total += grid.contracted(first, last)
    return total


def fy_runs(fy: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of each run of days in one financial year."""
    if len(fy) == 0:
        return []
    cuts = np.flatnonzero(np.diff(fy)) + 1
    firsts = np.r_[0, cuts]
    lasts = np.r_[cuts - 1, len(fy) - 1]
    return [(int(a), int(b)) for a, b in zip(firsts, lasts, strict=True)]
