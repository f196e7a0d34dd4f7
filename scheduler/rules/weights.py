"""Every soft goal's weight, in one place, so a planner can see what the roster trades off.

Costs are per unit in the objective the solver minimises. Council cover dominates: an
officer short on a tasked tour costs the contract's cover weight (default 100); the rest
shape a roster officers can live with without ever costing the council a tour.

Re-rostering (``scheduler.roster.reroster``) minimises disruption instead: each changed
officer-day costs ``change``, rising inside the notice window to ``change_in_notice`` at no
notice; a tasked tour the entries left short of what the published roster gave is worth
``restore_cover``, so it is restored by one or two changes outside the notice window, by
one well inside it, and by none at short notice; and
the welfare goals count ``reroster_welfare_share`` of their weight, enough to choose among
the changes the entries force, never enough to pay for one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Weights:
    # more officers than the tasking asked for is not a loss to anyone, up to a cover row's
    # max: each one above it costs the row's weight, as a missing one does (rules/cover.py)
    cover_over: int = 0
    supervision: int = 40  # per day and tour with constables on duty but no supervisor
    consecutive_nights: int = 60  # per night beyond max_consecutive_nights in a run
    fair_weekends: int = 6  # x (most - fewest) weekend days worked across officers
    fair_nights: int = 6  # x (most - fewest) night tours
    fair_lates: int = 3  # x (most - fewest) late tours
    # an officer on duty on a bank holiday the council tasks is paid double time: worth it
    # for a tasked tour (cover outweighs it), never for a tour nobody asked for
    bank_holiday_duty: int = 20
    request_scale: int = 10  # an officer's on/off request weight is multiplied by this
    # re-rostering: each changed officer-day, rising inside the notice window to
    # change_in_notice at no notice at all
    change: int = 40
    change_in_notice: int = 150
    restore_cover: int = 100  # per officer a tasked tour lost to the entries
    reroster_welfare_share: float = 0.1

    def for_rerostering(self) -> Weights:
        """These weights with the welfare goals scaled by ``reroster_welfare_share``."""
        share = self.reroster_welfare_share

        def scaled(weight: int) -> int:
            return 0 if weight == 0 else max(1, round(weight * share))

        return replace(
            self,
            supervision=scaled(self.supervision),
            consecutive_nights=scaled(self.consecutive_nights),
            fair_weekends=scaled(self.fair_weekends),
            fair_nights=scaled(self.fair_nights),
            fair_lates=scaled(self.fair_lates),
            bank_holiday_duty=scaled(self.bank_holiday_duty),
            request_scale=scaled(self.request_scale),
        )


DEFAULT_WEIGHTS = Weights()
