"""What a day's code means: a scenario tour's start, end and hours on that day, or High
Demand Day aid on the HDD's own tour. Both roster readers use it (a CSV with blank or
wall-clock times, a workbook cell), computing times as the engine does with
``calendars.tour_interval``, so the clock changes are included."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from calendars import HighDemandDay, tour_interval
from scheduler.scenario.model import Scenario
from scheduler.table import AID_SHIFT, CODE_STATES, STATE_CODES, said_state


@dataclass(frozen=True)
class Tour:
    """A tour on a day, as the roster table writes it."""

    start: str  # ISO 8601 with the London offset, to the second
    end: str
    hours: float  # elapsed, to 2 dp
    event: str = ""


@dataclass
class Codes:
    """A scenario's tour codes and state codes, and the tours they give on each day."""

    scenario: Scenario
    _tours: dict[tuple[str, date], Tour] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.shifts = {s.code: (s.start, s.end) for s in self.scenario.shifts}
        self.hdds: dict[date, HighDemandDay] = {h.date: h for h in self.scenario.high_demand_days()}
        known = [*self.shifts, *CODE_STATES]
        by_upper: dict[str, list[str]] = {}
        for code in known:
            by_upper.setdefault(code.upper(), []).append(code)
        # a code typed in another case, where that is not ambiguous ('r' for 'R')
        self._loose = {k: v[0] for k, v in by_upper.items() if len(v) == 1}

    @property
    def listed(self) -> str:
        """The codes a planner may type, for messages."""
        tours = ", ".join(self.shifts) or "none"
        states = ", ".join(CODE_STATES)
        return f"a tour code ({tours}) or {states}"

    def clashes(self) -> list[str]:
        """Tour codes that are also state codes (a cell holding one would be ambiguous)."""
        return [code for code in self.shifts if code in CODE_STATES]

    def code(self, text: str) -> str | None:
        """The known code ``text`` names (exactly, else ignoring case), or None."""
        if text in self.shifts or text in CODE_STATES:
            return text
        loose = self._loose.get(text.upper())
        if loose is not None:
            return loose
        # a state's word ("Annual Leave", "A/L", "Sick") pasted past the cell's list
        return STATE_CODES.get(said_state(text) or "") or None

    def state(self, code: str) -> str:
        """DUTY for a tour code, else the state the code stands for."""
        return "DUTY" if code in self.shifts else CODE_STATES[code]

    def tour(self, code: str, day: date) -> Tour | None:
        """The tour ``code`` gives on ``day``: a scenario tour, or AID on a High Demand Day
        (its aid tour and name); None if the code has no tour that day."""
        key = (code, day)
        if key not in self._tours:
            found = self._compute(code, day)
            if found is None:
                return None
            self._tours[key] = found
        return self._tours[key]

    def _compute(self, code: str, day: date) -> Tour | None:
        if code == AID_SHIFT:
            hdd = self.hdds.get(day)
            return None if hdd is None else _tour(day, hdd.start, hdd.end, hdd.name)
        times = self.shifts.get(code)
        return None if times is None else _tour(day, *times)


def _tour(day: date, start: time, end: time, event: str = "") -> Tour | None:
    try:
        begins, ends = tour_interval(day, start, end)
    except ValueError:  # a tour with no length across the March clock change
        return None
    elapsed = (ends.timestamp() - begins.timestamp()) / 3600
    return Tour(
        begins.isoformat(timespec="seconds"),
        ends.isoformat(timespec="seconds"),
        round(elapsed, 2),
        event,
    )
