"""WTR reg 4: at most 48 h a week averaged over any 17 weeks (816 h in any 119 days)."""

from __future__ import annotations

from collections.abc import Mapping

from scheduler.core.data import WindowLimit
from scheduler.scenario.model import Rules


def average_hours_window(horizon_days: int, rules: Rules) -> WindowLimit:
    """The reference period as a rolling window; a roster shorter than it is held pro rata."""
    length = min(rules.reference_weeks * 7, horizon_days)
    return WindowLimit(
        length=length, max_minutes=int(rules.max_average_weekly_hours * 60 * length / 7)
    )


def short_service_windows(
    in_post: Mapping[str, int], horizon_days: int, rules: Rules
) -> tuple[WindowLimit, ...]:
    """The same limit, pro rata, for an officer in post fewer days than the reference period
    and the horizon (a joiner days before its end, a leaver days after its start): their
    hours over those days, as the checker holds them (``check.average_hours``)."""
    short: dict[int, set[str]] = {}
    for officer_id, days in in_post.items():
        if 0 < days < min(rules.reference_weeks * 7, horizon_days):
            short.setdefault(days, set()).add(officer_id)
    return tuple(
        WindowLimit(
            length=days,
            max_minutes=int(rules.max_average_weekly_hours * 60 * days / 7),
            staff=frozenset(ids),
        )
        for days, ids in sorted(short.items())
    )


def average_leaves_room(days: int, duty_days: int, tour_minutes: int, rules: Rules) -> bool:
    """Whether ``duty_days`` tours of ``tour_minutes`` fit the 48-hour average over a service
    of ``days`` (pro rata, when shorter than the reference period): two 8-hour tours in the
    two days an officer is in post average 56 hours a week."""
    if days >= rules.reference_weeks * 7:
        return True
    return duty_days * tour_minutes <= rules.max_average_weekly_hours * 60 * days / 7
