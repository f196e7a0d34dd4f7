"""Checks on how an agreement changes over its term: variations, notice, and the officers
in post against the posts bought on each day (PCD 555 §2.6)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from calendars import financial_year_of
from scheduler.errors import Problem
from scheduler.limits import MAX_MONEY
from scheduler.scenario.model import (
    PARTNERSHIP_PLUS_FROM,
    RANKS,
    SUPERVISORY_RANKS,
    Contract,
    Posts,
    Scenario,
)
from scheduler.wording import counted

SUPERVISION_THRESHOLD = 8  # PCD 555 §2.6: 8+ officers must include a supervisory rank


def late_legacy(c: Contract) -> str:
    """What ``s92 validate`` and the council's report say of a Met Patrol Plus agreement
    starting after that scheme closed ('' for any other): the MPS still pays half of it,
    or what its ``match_funding_share`` says (the share its figures carry)."""
    if not c.after_met_patrol_plus:
        return ""
    closed = PARTNERSHIP_PLUS_FROM - timedelta(days=1)
    pays = "still pays half its charge"
    if c.match_funding_share is not None:
        pays = f"pays {share_words(c.match_funding_share)} of its charge (match_funding_share)"
    return (
        f"{c.id} is met-patrol-plus but starts {c.start}, after that scheme closed "
        f"({closed.day} {closed:%B %Y}, PCD 555): the MPS {pays}; "
        "a new agreement is partnership-plus"
    )


def share_words(share: float) -> str:
    """The MPS's share of a charge in words: ``none``, ``half``, ``all``, ``33.33%``."""
    words = {0.0: "none", 0.5: "half", 1.0: "all"}
    if share in words:
        return words[share]
    percent = Decimal(repr(float(share))) * 100
    return f"{percent.normalize():f}%"


def agreement_problems(s: Scenario, file: str) -> list[Problem]:
    """Notice before the start or after the term; a year's charge given twice; variations
    outside the agreement, twice on one day, buying nothing, or 8 or more posts with no
    supervisor."""
    problems = []
    for c in s.contracts:
        problems += _notice(c, file)
        problems += _uplifted(c, file)
        problems += _charges(c, file)
        for field, day in _twice(c):
            problems.append(Problem(file, field, "two variations from the same day", day))
        for i, v in enumerate(c.variation, 1):
            field = f"contract[{c.id}].variation[{i}]"
            if not c.start <= v.from_ <= c.end:
                problems.append(
                    Problem(
                        file,
                        f"{field}.from",
                        f"outside the agreement {c.start} to {c.end}",
                        str(v.from_),
                    )
                )
            if v.posts is not None:
                problems += _posts(v.posts, f"{field}.posts", file)
    return problems


def _notice(c: Contract, file: str) -> list[Problem]:
    if c.notice_given is None:
        return []
    field = f"contract[{c.id}].notice_given"
    if c.notice_given < c.start:
        return [
            Problem(file, field, f"is before the agreement starts ({c.start})", str(c.notice_given))
        ]
    if c.notice_given > c.term_end:
        return [Problem(file, field, f"is after the term ends ({c.term_end})", str(c.notice_given))]
    return []


def _uplifted(c: Contract, file: str) -> list[Problem]:
    """An uplift may not carry an annual charge over the limit on money within the term:
    amounts past it are beyond what the report can add up to the penny."""
    if not c.uplift:
        return []
    for fy in range(financial_year_of(c.start).year, financial_year_of(c.end).year + 1):
        # the year's list or agreed charge, and each variation's in force in the year
        # (raised by the uplift in the years after its own)
        first, last = date(fy, 4, 1), date(fy + 1, 3, 31)
        days = [first, *(v.from_ for v in c.variation if first < v.from_ <= last)]
        for rank in RANKS:
            charge = max(c.charge(rank, fy, on=day) for day in days)
            if charge > MAX_MONEY:
                return [
                    Problem(
                        file,
                        f"contract[{c.id}].uplift",
                        f"raises the annual charge of {rank} posts to £{charge:,.2f} in FY{fy}, over "
                        f"the £{MAX_MONEY:,.0f} a post a year s92 takes",
                        c.uplift,
                    )
                ]
    return []


def _charges(c: Contract, file: str) -> list[Problem]:
    """A rank's charge given twice for one financial year: which stands is not the file's
    to leave to chance (the first was charged, a later correction ignored); and a year
    after the term, which charges nothing."""
    problems = []
    seen: dict[tuple[int, str], int] = {}
    last = financial_year_of(c.term_end)
    for i, entry in enumerate(c.charges, 1):
        if entry.year > last.year:  # charges nothing: a slip for another year, whose is lost
            problems.append(
                Problem(
                    file,
                    f"contract[{c.id}].charges[{i}].year",
                    f"is after the term (to {c.term_end}, in {last.label})",
                    entry.year,
                )
            )
        for rank in RANKS:
            if getattr(entry, rank) is None:
                continue
            if (first := seen.setdefault((entry.year, rank), i)) != i:
                problems.append(
                    Problem(
                        file,
                        f"contract[{c.id}].charges[{i}].{rank}",
                        f"FY{entry.year}'s {rank} charge is given in charges[{first}] too: "
                        "keep the one agreed",
                        getattr(entry, rank),
                    )
                )
    return problems


def _twice(c: Contract) -> list[tuple[str, str]]:
    counts = Counter(v.from_ for v in c.variation)
    return [(f"contract[{c.id}].variation", str(d)) for d, n in sorted(counts.items()) if n > 1]


def _posts(posts: Posts, field: str, file: str) -> list[Problem]:
    if posts.total == 0:
        return [Problem(file, field, "buys no posts (give notice to end an agreement)", 0)]
    supervisors = sum(posts.of(r) for r in SUPERVISORY_RANKS)
    if posts.total >= SUPERVISION_THRESHOLD and supervisors == 0:
        return [
            Problem(
                file,
                field,
                f"{posts.total} posts must include a sergeant or inspector (PCD 555 §2.6)",
                posts.total,
            )
        ]
    return []


def posts_held(s: Scenario, file: str) -> list[Problem]:
    """On every day of the horizon the agreement is in force, no more officers of a rank
    in post than the posts of that rank bought that day (the first day it fails is named)."""
    problems = []
    for c in s.contracts:
        officers = [o for o in s.officers if o.contract == c.id]
        first, last = max(s.start, c.start), min(s.end, c.end)
        if first > last:
            continue
        starts = {o.start for o in officers if o.start is not None}
        varied = {v.from_ for v in c.variation}
        checkpoints = sorted(d for d in {first} | starts | varied if first <= d <= last)
        for rank in RANKS:
            mine = [o for o in officers if o.rank == rank]
            for day in checkpoints:
                held = sum(1 for o in mine if o.in_post(day))
                bought = c.posts_on(day).of(rank)
                if held > bought:
                    dated = bool(c.variation) or day != first
                    problems.append(_too_many(file, c, rank, held, bought, day if dated else None))
                    break
    return problems


def _too_many(
    file: str, c: Contract, rank: str, held: int, bought: int, day: date | None
) -> Problem:
    when = "" if day is None else f" in post on {day}"
    return Problem(
        file,
        f"contract[{c.id}].posts.{rank}",
        f"{counted(held, f'{rank} officer')}{when} but only {counted(bought, f'{rank} post')}",
        bought,
    )
