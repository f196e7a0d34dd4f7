"""WTR reg 4: at most 48 h a week averaged over any 17 weeks (816 h in any 119 days)."""

from __future__ import annotations

from scheduler.core.data import WindowLimit
from scheduler.scenario.model import Rules


def average_hours_window(horizon_days: int, rules: Rules) -> WindowLimit:
    """The reference period as a rolling window; a roster shorter than it is held pro rata."""
    length = min(rules.reference_weeks * 7, horizon_days)
    return WindowLimit(
        length=length, max_minutes=int(rules.max_average_weekly_hours * 60 * length / 7)
    )
