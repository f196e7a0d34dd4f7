"""Every soft goal's weight, in one place, so a planner can see what the roster trades off.

Costs are per unit in the objective the solver minimises. Council cover dominates: an
officer short on a tasked tour costs the contract's cover weight (default 100); the rest
shape a roster officers can live with without ever costing the council a tour.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    cover_over: int = 0  # more officers than the tasking asked for is not a loss to anyone
    supervision: int = 40  # per day and tour with constables on duty but no supervisor
    consecutive_nights: int = 60  # per night beyond max_consecutive_nights in a run
    fair_weekends: int = 6  # x (most - fewest) weekend days worked across officers
    fair_nights: int = 6  # x (most - fewest) night tours
    fair_lates: int = 3  # x (most - fewest) late tours
    # an officer on duty on a bank holiday the council tasks is paid double time: worth it
    # for a tasked tour (cover outweighs it), never for a tour nobody asked for
    bank_holiday_duty: int = 20
    request_scale: int = 10  # an officer's on/off request weight is multiplied by this
    # re-rostering: each changed officer-day, and far more inside the notice window
    change: int = 5
    change_in_notice: int = 200


DEFAULT_WEIGHTS = Weights()
