"""Generic staff-rostering problem: the data model the CP-SAT builder reads.

Nothing here knows about police: staff, days (0-based), shift types, limits, cover and
requests. Police regulations compile into these objects (``scheduler.rules``); a published
staff-rostering benchmark (Curtois & Qu) loads into them unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ShiftType:
    """A kind of shift. ``minutes`` is its nominal length; a day may override it
    (``Problem.minutes_by_day``), e.g. a night across a clock change."""

    id: str
    minutes: int
    start_minute: int | None = None  # clock minutes after midnight, when known
    forbidden_next: frozenset[str] = frozenset()  # may not be worked the day after this one


@dataclass(frozen=True)
class StaffMember:
    """One person and their per-person limits over the horizon. ``None`` means no limit."""

    id: str
    max_shifts: Mapping[str, int] = field(default_factory=dict)  # per type; 0 = may not work it
    min_shifts: Mapping[str, int] = field(default_factory=dict)
    max_minutes: int | None = None
    min_minutes: int | None = None
    max_consecutive_work: int | None = None
    min_consecutive_work: int | None = None
    min_consecutive_off: int | None = None
    max_weekends: int | None = None
    # at least this many days off among the days that are not in days_off (free days off)
    min_free_days_off: int | None = None
    max_free_days_off: int | None = None
    # days that are not fixed off but whose being off does not count as a free day off
    # (e.g. a public holiday the person may be asked to work)
    unfree_days: frozenset[int] = frozenset()
    days_off: frozenset[int] = frozenset()  # must not work
    fixed_shifts: Mapping[int, str] = field(
        default_factory=dict
    )  # day -> shift that must be worked
    # carry-in: shift ids (None = off) of the days just before day 0, oldest first
    history: tuple[str | None, ...] = ()
    # carry-out: minutes worked on the days just after the horizon, in order (days already
    # rostered after a stretch re-solved alone): a window limit running past the last day
    # counts them
    future_minutes: tuple[int, ...] = ()
    # (length, first day) of a WindowLimit's window -> the minutes it is held to in place of
    # the limit's own (a window starting in the history, over a limit tightened since, kept
    # from getting worse); the first day may be negative (in the history)
    window_caps: Mapping[tuple[int, int], int] = field(default_factory=dict)
    group: str | None = None  # free label used by CompanionRule / FairnessRule


@dataclass(frozen=True)
class Cover:
    """Soft: ``required`` staff on ``shift`` on ``day``; each one short costs
    ``under_weight``, each one above the ceiling ``over_weight``. The ceiling is
    ``required`` unless ``ceiling`` names a larger one (a range of staff wanted: none over
    cost between ``required`` and ``ceiling``)."""

    day: int
    shift: str
    required: int
    under_weight: int
    over_weight: int
    ceiling: int | None = None  # most staff wanted before over-cover costs (None: required)

    @property
    def most(self) -> int:
        """Staff on the shift above which each one costs ``over_weight``."""
        floor = max(self.required, 0)
        return floor if self.ceiling is None else max(self.ceiling, floor)


@dataclass(frozen=True)
class ShiftRequest:
    """``on``: cost ``weight`` if the shift is NOT worked that day; off: cost if it IS.
    ``shift=None`` means any shift (a whole day on/off request)."""

    staff: str
    day: int
    shift: str | None
    weight: int
    on: bool
    term: str | None = None  # objective term it is priced under (default requests_on/off)


@dataclass(frozen=True)
class WindowLimit:
    """Hard: total minutes worked in any ``length`` consecutive days <= ``max_minutes``
    (history counts for windows that start before day 0, at each shift's length, its
    ``Problem.minutes_by_day`` entry of that (negative) day where it has one,
    and ``future_minutes`` for those that end after the last day), for the staff in
    ``staff`` (None: everyone)."""

    length: int
    max_minutes: int
    staff: frozenset[str] | None = None


@dataclass(frozen=True)
class RestPeriod:
    """Hard: within ``days`` each staff member has at least one day d off whose neighbours
    are not a ``bad_neighbours`` pair (shift a on d-1, shift b on d+1; b may be None meaning
    'd+1 is outside the horizon or off' is always fine). Encodes 'an uninterrupted rest of
    at least X hours in each period' once the caller has worked out which pairs are too
    short. A pair (a, None) means: shift a on d-1 alone spoils d. Days before 0 are the
    member's history (a week that starts before the first day to solve: a day off there
    gives the rest, as its neighbours allow). Only the staff in ``staff`` (None: everyone)."""

    days: tuple[int, ...]
    bad_neighbours: frozenset[tuple[int, str | None, str | None]] = frozenset()  # (d, a, b)
    staff: frozenset[str] | None = None


@dataclass(frozen=True)
class ConsecutiveShiftLimit:
    """Soft: more than ``max_run`` consecutive days on shifts in ``shifts`` costs ``weight``
    per excess day."""

    shifts: frozenset[str]
    max_run: int
    weight: int


@dataclass(frozen=True)
class CompanionRule:
    """Soft: on any day where a member of group ``dependent`` works a shift in ``shifts``,
    at least one member of group ``companion`` should work that same shift; ``weight`` per
    day-shift without one (e.g. a supervisor on duty when constables are)."""

    dependent: str
    companion: str
    shifts: frozenset[str]
    weight: int
    # per_day: a companion working any of ``shifts`` that day will do (one cost per day)
    per_day: bool = False


@dataclass(frozen=True)
class FairnessRule:
    """Soft: spread the count of worked (day, shift) slots matching ``days`` x ``shifts``
    evenly across staff: cost ``weight`` x (max count - min count)."""

    name: str
    days: frozenset[int]
    shifts: frozenset[str]
    weight: int


@dataclass(frozen=True)
class RotaLines:
    """Soft cyclic base pattern: staff follow lines of a cycle (e.g. 5 lines over 35 days).
    ``assignment`` maps staff id -> (line, offset). If ``pattern`` is given (line -> tuple of
    shift id or None per cycle day) it is fixed, otherwise the solver designs it. Each day a
    person deviates from their line costs ``weight``."""

    cycle: int
    lines: int
    assignment: Mapping[str, tuple[int, int]]
    weight: int
    pattern: Mapping[int, tuple[str | None, ...]] | None = None


@dataclass(frozen=True)
class Problem:
    horizon: int  # number of days
    shifts: tuple[ShiftType, ...]
    staff: tuple[StaffMember, ...]
    cover: tuple[Cover, ...] = ()
    requests: tuple[ShiftRequest, ...] = ()
    first_weekday: int = 0  # weekday of day 0, Monday = 0; weekends are Sat+Sun
    # (day, shift) -> minutes where not nominal; a negative day is one of the staff's history
    minutes_by_day: Mapping[tuple[int, str], int] = field(default_factory=dict)
    # extra forbidden successions: (d, a, b) = shift a on day d may not be followed by b on d+1
    forbidden_by_day: frozenset[tuple[int, str, str]] = frozenset()
    # shifts that may only be worked on some days (missing = any day)
    shift_days: Mapping[str, frozenset[int]] = field(default_factory=dict)
    windows: tuple[WindowLimit, ...] = ()
    rest_periods: tuple[RestPeriod, ...] = ()
    consecutive_limits: tuple[ConsecutiveShiftLimit, ...] = ()
    companions: tuple[CompanionRule, ...] = ()
    fairness: tuple[FairnessRule, ...] = ()
    rota: RotaLines | None = None
    # minimal disruption: cost change_weights[(staff, day)] (default change_weight) when the
    # assignment differs from baseline[(staff, day)] (shift id or None = off)
    baseline: Mapping[tuple[str, int], str | None] = field(default_factory=dict)
    change_weights: Mapping[tuple[str, int], int] = field(default_factory=dict)
    change_weight: int = 0
    name: str = ""

    def shift(self, shift_id: str) -> ShiftType:
        for s in self.shifts:
            if s.id == shift_id:
                return s
        raise KeyError(shift_id)

    def minutes(self, day: int, shift_id: str) -> int:
        return self.minutes_by_day.get((day, shift_id), self.shift(shift_id).minutes)
