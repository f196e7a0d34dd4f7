"""Teams: a large contract rostered as several teams that share its tasking.

Forces roster big units as teams (reliefs) that each work their own pattern; for the
solver, teams of about a dozen keep every model small enough to solve in seconds. The
council's cover is shared out between teams in proportion to their size, rotating the
remainder day by day so no team always carries the extra officer, and supervisors are
dealt out first so each team has one where there are enough.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from scheduler.core.data import Cover
from scheduler.scenario.model import SUPERVISORY_RANKS, Officer

TEAM_MAX = 12


@dataclass(frozen=True)
class Team:
    index: int
    count: int
    officer_ids: tuple[str, ...]
    sizes: tuple[int, ...]  # every team's size, for sharing cover


def form_teams(officers: Sequence[Officer], team_max: int = TEAM_MAX) -> list[Team]:
    ordered = sorted(officers, key=lambda o: (o.rank not in SUPERVISORY_RANKS, o.id))
    count = max(1, -(-len(ordered) // team_max))
    members: list[list[str]] = [[] for _ in range(count)]
    for i, o in enumerate(ordered):
        members[i % count].append(o.id)
    sizes = tuple(len(m) for m in members)
    return [Team(i, count, tuple(sorted(m)), sizes) for i, m in enumerate(members)]


def share_cover(covers: Sequence[Cover], team: Team) -> tuple[Cover, ...]:
    """This team's part of each cover requirement, and of its ceiling where it has one
    (largest remainder, rotated by day; a part of the ceiling never below the part of the
    requirement)."""
    if team.count == 1:
        return tuple(covers)
    out = []
    for c in covers:
        part = _part(c.required, c.day, team)
        if c.ceiling is not None:
            most = max(part, _part(c.ceiling, c.day, team))
            out.append(replace(c, required=part, ceiling=most))
        elif part:
            out.append(replace(c, required=part))
    return tuple(out)


def _part(total: int, day: int, team: Team) -> int:
    """This team's share of ``total`` officers on a day."""
    size = sum(team.sizes)
    exact = [total * s / size for s in team.sizes]
    parts = [int(x) for x in exact]
    left = total - sum(parts)
    order = sorted(
        range(team.count), key=lambda t: (-(exact[t] - parts[t]), (t - day) % team.count)
    )
    for t in order[:left]:
        parts[t] += 1
    return parts[team.index]
