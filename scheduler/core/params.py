"""CP-SAT parameter presets shared by the solve phases (no model knowledge here)."""

from __future__ import annotations

from ortools.sat.python import cp_model

# Full-problem subsolvers, strongest bound first: the LP with every cut CP-SAT knows (rest
# and cover structure make the default LP weak) and core-based search.
STRONG_SUBSOLVERS = ("max_lp", "core", "default_lp", "quick_restart", "pseudo_costs", "no_lp")


def strong_lp(solver: cp_model.CpSolver) -> cp_model.CpSolver:
    """Configure ``solver`` to prove bounds on a small model: one worker runs the full LP
    (linearization level 2); several run the max-LP and core subsolvers first. On rostering
    blocks, LNS holes and one-person pricing models this proves optimality in a fraction
    of a second where the default portfolio stalls at a weak bound."""
    params = solver.parameters
    if params.num_workers <= 1:
        params.linearization_level = 2
    else:
        params.subsolvers.extend(STRONG_SUBSOLVERS[: params.num_workers])
    return solver


def quick_feasible(solver: cp_model.CpSolver) -> cp_model.CpSolver:
    """Configure a one-worker ``solver`` to find any solution of a one-person model fast:
    no LP and quick restarts. On a year of tight personal rules (e.g. 232-234 tours in
    364 days, runs of 2-5, half the weekends) this finds a schedule in about 0.15 s where
    the default search with the LP takes 10-30 s or more. One round of presolve, where
    presolve runs at all (``lawful.People`` chooses): a person's model needs no more
    (BENCHMARKS.md: 1.2-1.8 times faster than the default)."""
    params = solver.parameters
    params.linearization_level = 0
    params.max_presolve_iterations = 1
    params.search_branching = params.PORTFOLIO_WITH_QUICK_RESTART_SEARCH
    return solver


def without_lp(solver: cp_model.CpSolver) -> cp_model.CpSolver:
    """Configure a one-worker ``solver`` to improve a one-person model from a hint: no LP.
    On a long horizon the LP costs the search most of a second before it moves off the
    hint; without it, CP-SAT improves on the hint at once (BENCHMARKS.md, "Moves by
    person")."""
    solver.parameters.linearization_level = 0
    return solver
