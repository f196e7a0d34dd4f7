"""Column generation: a strong lower bound and a good starting roster.

Every hard rule is per person; people are coupled only through cover (and a few soft
terms). So the problem is a choice of one feasible personal schedule ("column") per person.
The master LP (GLOP) picks a convex mix of known columns per person to minimise cover and
personal costs; its cover duals price new columns, found per person as a shortest path
through a graph of that person's rule states (``paths``) where their rules allow, else by
a small CP-SAT model of that person alone. The LP of this master is far stronger than the
LP of the direct model (on Curtois & Qu instances it meets the optimum within a unit,
where the direct LP is near zero), which gives:

- a valid lower bound (the Lagrangian bound, at every iteration), and
- a starting roster: each person's most-used column in the LP, a feasible roster since
  each column obeys that person's hard rules.

Coupling soft terms (companion, fairness, a solver-designed rota) are left out of the
master, which only relaxes it: the bound stays valid.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass

import ortools.linear_solver.linear_solver_pb2 as linear_solver_pb2
import ortools.linear_solver.pywraplp as pywraplp
from ortools.sat.python import cp_model

from .apart import call
from .clock import Budget
from .cpsat import decode
from .data import Problem, RotaLines, StaffMember
from .exact import Prices
from .model import BuiltModel, build_model
from .params import strong_lp
from .paths import GraphTooLarge, PersonGraph, supports

SCALE = 10_000  # duals are scaled to integers for the CP-SAT pricing objective
EPS = 1e-6
DIVE_ROUNDS = 2  # pricing rounds after each fixing in a dive, at most
DIVE_STOP = 0.9  # share of the people a dive fixes before CP-SAT takes the rest
DIVE_STEP = 0.1  # share of the people left fixed at each dive step when none is settled
DIVE_SETTLED = 0.9  # a person whose heaviest column weighs this much is fixed at once
# deterministic work charged per graph node priced, so that work budgets see shortest-path
# pricing pass: CP-SAT's units are about seconds, and a node costs well under 0.1 us
WORK_PER_NODE = 1e-7
# column generation is worth starting only if building every person's pricer takes at most
# this share of its budget: pricing itself may stop part way through a round and still
# help (Curtois Instance20, CP-SAT pricing of half a year: far from converged, its start
# is ten times better than the lawful roster), but a pricer per person of a year with
# thirty shift types takes a third of a second to build
BUILD_SHARE = 0.5
# nor if its first round (every pricer built, everyone priced once) takes more than this
# share of its budget: it needs many rounds, so it would end far from converged, its bound
# useless and its dive and RINS working from a poor LP (BENCHMARKS.md, "Shapes no run had
# seen")
ROUND_SHARE = 0.25

Roster = dict[str, tuple[str | None, ...]]
# a starting roster is only read, one row at a time: any sequence per person will do
StartRoster = Mapping[str, Sequence[str | None]]


@dataclass
class Column:
    roster: tuple[str | None, ...]
    cost: int  # the person's own objective terms (requests, rota, changes, ...)


@dataclass
class ColgenResult:
    roster: Roster | None  # rounded LP solution: each person's heaviest column
    # (staff, day) left open: the LP does not settle them (after diving: among the people
    # the dive did not fix)
    fractional: set[tuple[str, int]]
    bound: float | None  # valid lower bound on the full objective
    lp_value: float | None
    iterations: int
    converged: bool
    columns: dict[str, list[Column]] = dataclasses.field(default_factory=dict)
    # the converged LP before any diving: its rounded roster and the cells it leaves open
    root: Roster | None = None
    root_open: set[tuple[str, int]] = dataclasses.field(default_factory=set)
    # the master's duals before diving, and the people's schedule graphs (for those priced
    # by shortest paths): what reduced-cost fixing (``exact``) needs
    prices: Prices | None = None
    graphs: dict[str, PersonGraph] = dataclasses.field(default_factory=dict)
    skipped: bool = False  # not used: too few pricing rounds would fit the budget


def person_problem(problem: Problem, member: StaffMember) -> Problem:
    """``problem`` restricted to one person: their rules and their own soft terms."""
    rota = _person_rota(problem.rota, member.id)
    return dataclasses.replace(
        problem,
        staff=(member,),
        cover=(),
        requests=tuple(r for r in problem.requests if r.staff == member.id),
        companions=(),
        fairness=(),
        rota=rota,
        baseline={k: v for k, v in problem.baseline.items() if k[0] == member.id},
        change_weights={k: v for k, v in problem.change_weights.items() if k[0] == member.id},
    )


def _person_rota(rota: RotaLines | None, staff: str) -> RotaLines | None:
    if rota is None or staff not in rota.assignment:
        return None
    return dataclasses.replace(rota, assignment={staff: rota.assignment[staff]})


def _pricer(problem: Problem, member: StaffMember) -> _Pricer | _PathPricer:
    """The exact shortest-path pricer where the person's rules allow it (about a hundred
    times faster), else their CP-SAT model."""
    alone = person_problem(problem, member)
    if supports(alone):
        try:
            return _PathPricer(alone)
        except GraphTooLarge:
            pass
    return _Pricer(problem, member)


class _PathPricer:
    """One person's schedules as a layered graph (``paths``): pricing is a shortest path."""

    def __init__(self, alone: Problem) -> None:
        self.graph = PersonGraph(alone)
        self.id = self.graph.id
        self.work = sum(self.graph.sizes) * WORK_PER_NODE

    def price(
        self, duals: Mapping[tuple[int, str], float], budget: Budget, limit: float, seed: int
    ) -> tuple[list[Column], float, bool, float]:
        """As ``_Pricer.price``: the least-cost schedule, whose cost is the exact bound."""
        least, schedule = self.graph.least(self.graph.arcs(duals))
        if schedule is None:
            return [], -math.inf, False, self.work
        return [Column(schedule.row, schedule.cost)], least, True, self.work

    def cost_of(self, row: tuple[str | None, ...] | list[str | None]) -> int:
        cost = self.graph.cost_of(tuple(row))
        if cost is None:
            raise RuntimeError(f"starting roster breaks {self.id}'s rules")
        return cost


class _Pricer:
    """One person's CP-SAT model; finds schedules of least reduced cost."""

    def __init__(self, problem: Problem, member: StaffMember) -> None:
        self.id = member.id
        self.built: BuiltModel = build_model(person_problem(problem, member))
        self.horizon = problem.horizon
        self.shifts = [s.id for s in problem.shifts]

    def price(
        self, duals: Mapping[tuple[int, str], float], budget: Budget, limit: float, seed: int
    ) -> tuple[list[Column], float, bool, float]:
        """Columns found (every improving one), a lower bound on the least reduced cost
        before the convexity dual, whether that bound is exact, and the work spent."""
        b = self.built
        priced = [(b.x[self.id, d, s], round(SCALE * pi)) for (d, s), pi in duals.items() if pi]
        costs = cp_model.LinearExpr.weighted_sum([x for x, _ in priced], [-c for _, c in priced])
        b.model.clear_objective()
        if b.terms:
            objective = [b.objective, costs]
            b.model.minimize(cp_model.LinearExpr.weighted_sum(objective, [SCALE, 1]))
        else:
            b.model.minimize(costs)
        found: list[Column] = []
        pricer = self

        class Collect(cp_model.CpSolverSolutionCallback):
            def on_solution_callback(self) -> None:
                cost = int(self.value(b.objective)) if b.terms else 0
                row = decode(b, list(self.response_proto.solution))[pricer.id]
                found.append(Column(tuple(row), cost))

        solver = cp_model.CpSolver()
        solver.parameters.catch_sigint_signal = False  # Ctrl-C: cpsat.make_solver
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = seed
        solver.parameters.max_time_in_seconds = max(0.01, min(limit, budget.left()))
        solver.parameters.max_deterministic_time = limit
        strong_lp(solver)  # one person's model: the full LP makes pricing exact and fast
        if budget.deterministic is not None:
            left = budget.deterministic - budget.spent
            solver.parameters.max_deterministic_time = max(0.001, min(limit, left))
        code = solver.solve(b.model, Collect())
        work = solver.deterministic_time
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return [], -math.inf, False, work
        # rounding the duals moves the objective by at most 1/2 per worked day
        slack = 0.5 * self.horizon
        least = (solver.best_objective_bound - slack) / SCALE
        return found, least, code == cp_model.OPTIMAL, work

    def cost_of(self, row: tuple[str | None, ...] | list[str | None]) -> int:
        """Cost of one schedule under the person's own terms (a fixed-roster solve)."""
        b = self.built
        if not b.terms:
            return 0
        model = b.model.clone()
        model.clear_objective()
        model.minimize(b.objective)
        for d, s in enumerate(row):
            for sid in self.shifts:
                model.add(b.x[self.id, d, sid] == int(s == sid))
        solver = cp_model.CpSolver()
        solver.parameters.catch_sigint_signal = False  # Ctrl-C: cpsat.make_solver
        solver.parameters.num_workers = 1
        if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise RuntimeError(f"starting roster breaks {self.id}'s rules")
        return round(solver.objective_value)


class _Master:
    """Restricted master LP, grown one column at a time."""

    def __init__(self, problem: Problem) -> None:
        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        self.horizon = problem.horizon
        self.cover = [c for c in problem.cover if 0 <= c.day < problem.horizon]
        self.rows: dict[int, pywraplp.Constraint] = {}
        inf = self.lp.infinity()
        objective = self.lp.Objective()
        for i, c in enumerate(self.cover):
            row = self.lp.Constraint(c.required, c.required)
            under, over = self.lp.NumVar(0, inf, ""), self.lp.NumVar(0, inf, "")
            row.SetCoefficient(under, 1)
            row.SetCoefficient(over, -1)
            if c.most > max(c.required, 0):  # staff above required at no cost, to the ceiling
                row.SetCoefficient(self.lp.NumVar(0, c.most - max(c.required, 0), ""), -1)
            objective.SetCoefficient(under, c.under_weight)
            objective.SetCoefficient(over, c.over_weight)
            self.rows[i] = row
        self.convexity = {m.id: self.lp.Constraint(1, 1) for m in problem.staff}
        self.columns: dict[str, list[tuple[Column, pywraplp.Variable]]] = {
            m.id: [] for m in problem.staff
        }
        self.seen: set[tuple[str, tuple]] = set()
        self.fixed: set[str] = set()

    def _rebuild(self) -> None:
        """The same LP in a fresh solver (handles are remapped by index)."""
        proto = linear_solver_pb2.MPModelProto()
        self.lp.ExportModelToProto(proto)
        fresh = pywraplp.Solver.CreateSolver("GLOP")
        fresh.LoadModelFromProto(proto)
        self.rows = {i: fresh.constraint(row.index()) for i, row in self.rows.items()}
        self.convexity = {s: fresh.constraint(row.index()) for s, row in self.convexity.items()}
        self.columns = {
            s: [(col, fresh.variable(var.index())) for col, var in cols]
            for s, cols in self.columns.items()
        }
        self.lp = fresh

    def add(self, staff: str, column: Column) -> bool:
        key = (staff, column.roster)
        if key in self.seen:
            return False
        self.seen.add(key)
        var = self.lp.NumVar(0, self.lp.infinity(), "")  # convexity caps it at 1: an
        # explicit bound of 1 would take duals of its own, leaving cover duals unpriced
        self.lp.Objective().SetCoefficient(var, column.cost)
        self.convexity[staff].SetCoefficient(var, 1)
        for i, c in enumerate(self.cover):
            if column.roster[c.day] == c.shift:
                self.rows[i].SetCoefficient(var, 1)
        self.columns[staff].append((column, var))
        return True

    def solve(self) -> tuple[float, dict[tuple[int, str], float], dict[str, float]]:
        self.lp.Objective().SetMinimization()
        status = self.lp.Solve()
        if status != pywraplp.Solver.OPTIMAL:  # GLOP's warm start can go astray: start anew
            self._rebuild()
            status = self.lp.Solve()
        if status != pywraplp.Solver.OPTIMAL:
            raise RuntimeError(f"master LP not solved: status {status}")
        duals: dict[tuple[int, str], float] = {}
        for i, c in enumerate(self.cover):
            key = (c.day, c.shift)
            duals[key] = duals.get(key, 0.0) + self.rows[i].dual_value()
        mus = {s: row.dual_value() for s, row in self.convexity.items()}
        return self.lp.Objective().Value(), duals, mus

    def settled(self, threshold: float) -> list[tuple[str, int]]:
        """People not yet fixed whose heaviest column weighs at least ``threshold``."""
        out = []
        for staff, cols in self.columns.items():
            if staff not in self.fixed:
                for j, (_, var) in enumerate(cols):
                    if var.solution_value() >= threshold - EPS:
                        out.append((staff, j))
                        break
        return out

    def heaviest(self, share: float) -> list[tuple[str, int]]:
        """The people not yet fixed whose most-used column is used the most: ``share`` of
        them, at least one, with that column."""
        ranked = []
        for staff, cols in self.columns.items():
            if staff not in self.fixed:
                j = max(range(len(cols)), key=lambda j: cols[j][1].solution_value())
                ranked.append((-cols[j][1].solution_value(), staff, j))
        ranked.sort()
        count = max(1, int(share * len(ranked)))
        return [(staff, j) for _, staff, j in ranked[:count]]

    def fix(self, staff: str, column: int) -> None:
        for j, (_, var) in enumerate(self.columns[staff]):
            if j != column:
                var.SetUb(0)
        self.fixed.add(staff)

    def fractional(self) -> set[tuple[str, int]]:
        """(staff, day) whose state (shift or off) differs between columns in use."""
        out = set()
        for staff, cols in self.columns.items():
            used = [c.roster for c, var in cols if var.solution_value() > EPS]
            for d in range(len(used[0]) if used else 0):
                if len({row[d] for row in used}) > 1:
                    out.add((staff, d))
        return out

    def rounded(self) -> Roster:
        return {
            staff: max(cols, key=lambda cv: cv[1].solution_value())[0].roster
            for staff, cols in self.columns.items()
        }


def generate(
    problem: Problem,
    start: StartRoster,
    budget: Budget,
    *,
    dive: Budget | None = None,
    seed: int = 0,
    workers: int = 1,
    pricing_limit: float = 2.0,
    only_if_affordable: bool = False,
) -> ColgenResult:
    """Column generation from a feasible roster ``start`` until ``budget`` runs out or no
    column prices out (``converged``). Then, with a ``dive`` budget, an integer roster by
    diving: fix the person whose LP choice is clearest, re-price the others, repeat.
    ``only_if_affordable``: first time building a person's pricer (``_affordable``, ended
    by its share), and skip the rest if building them all would take more than
    ``BUILD_SHARE`` of the budget; and stop,
    skipped, if the first pricing round ends after ``ROUND_SHARE`` of it (wall-clock
    checks: not for a reproducible solve)."""
    pricers: dict[str, _Pricer | _PathPricer] = {}
    first_round_by = time.monotonic() + ROUND_SHARE * budget.left() if only_if_affordable else None
    if only_if_affordable and len(problem.staff) > 2 and not _affordable(problem, budget):
        return ColgenResult(None, set(), None, None, 0, False, skipped=True)
    with ThreadPoolExecutor(workers) if workers > 1 else nullcontext() as pool:
        return _generate(
            problem, start, budget, dive, seed, pricing_limit, pool, pricers, first_round_by
        )


def _affordable(problem: Problem, budget: Budget) -> bool:
    """Whether building every person's pricer fits in ``BUILD_SHARE`` of ``budget``: two of
    them built, timed on the second (the first pays for warming caches up), in a child
    ended when two may no longer fit (``apart.call``): a pricer's build heeds no clock,
    and on a busy machine two graphs of a million nodes took 23 s of a 4 s budget, past
    the solve's end (generated 18 x 42 x 7 at load 19, BENCHMARKS.md, portfolio24). The
    pricers are built again by the search (at most ``2 / staff`` of that share)."""
    two = BUILD_SHARE * budget.left() * 2 / len(problem.staff)

    def second() -> float:
        _pricer(problem, problem.staff[0])
        began = time.monotonic()
        _pricer(problem, problem.staff[1])
        return time.monotonic() - began

    building = call(second, until=time.monotonic() + two)
    return building is not None and len(problem.staff) * building <= BUILD_SHARE * budget.left()


def _generate(
    problem: Problem,
    start: StartRoster,
    budget: Budget,
    dive: Budget | None,
    seed: int,
    pricing_limit: float,
    pool: ThreadPoolExecutor | None,
    pricers: dict[str, _Pricer | _PathPricer],
    first_round_by: float | None = None,
) -> ColgenResult:
    master = _Master(problem)
    for m in problem.staff:
        if m.id not in pricers:
            # by the budget: on a busy machine column generation ran a 60 s solve to 70 s
            # (Instance10 at load 17) where the two pricers timed said all would fit
            if budget.exhausted():
                return ColgenResult(None, set(), None, None, 0, False, skipped=True)
            pricers[m.id] = _pricer(problem, m)
    for staff, row in start.items():
        schedule = tuple(row)
        master.add(staff, Column(schedule, pricers[staff].cost_of(schedule)))
    bound: float | None = None
    lp_value = None
    prices = None
    iterations = 0
    converged = False
    while not budget.exhausted():
        iterations += 1
        lp_value, duals, mus = master.solve()
        prices = Prices(lp_value, duals, mus)
        added, lagrange, exact = _price_all(
            master, pricers, duals, mus, budget, seed, pricing_limit, pool
        )
        if lagrange > -math.inf:
            bound = lagrange if bound is None else max(bound, lagrange)
        if added == 0 and exact:
            converged = True
            break
        if iterations == 1 and first_round_by is not None and time.monotonic() > first_round_by:
            return ColgenResult(None, set(), None, None, 1, False, skipped=True)
    if lp_value is None:
        return ColgenResult(None, set(), None, None, 0, False)
    master.solve()  # the LP of the last columns, for rounding
    fractional = master.fractional()
    root, root_open = master.rounded(), set(fractional)
    if dive is not None and fractional:
        fractional = _dive(master, pricers, dive, seed, pricing_limit, pool)
    columns = {s: [c for c, _ in cols] for s, cols in master.columns.items()}
    return ColgenResult(
        master.rounded(),
        fractional,
        bound,
        lp_value,
        iterations,
        converged,
        columns,
        root,
        root_open,
        prices,
        {s: p.graph for s, p in pricers.items() if isinstance(p, _PathPricer)},
    )


def _price_all(
    master: _Master,
    pricers: Mapping[str, _Pricer | _PathPricer],
    duals: Mapping[tuple[int, str], float],
    mus: Mapping[str, float],
    budget: Budget,
    seed: int,
    pricing_limit: float,
    pool: ThreadPoolExecutor | None,
) -> tuple[int, float, bool]:
    """One pricing round over the people not fixed: columns added, the Lagrangian bound
    (-inf when cut short) and whether every pricing problem was solved exactly. People are
    priced in parallel threads (CP-SAT releases the GIL); results are merged in order."""
    people = [s for s in pricers if s not in master.fixed]

    def price(staff: str) -> tuple[list[Column], float, bool, float] | None:
        if budget.exhausted():
            return None
        return pricers[staff].price(duals, budget, pricing_limit, seed)

    results = list(pool.map(price, people)) if pool else [price(s) for s in people]
    added, exact = 0, True
    lagrange = master.lp.Objective().Value()  # the LP value, plus each least reduced cost
    for staff, result in zip(people, results, strict=True):
        if result is None:
            return added, -math.inf, False
        columns, least, optimal, work = result
        budget.spent += work
        exact &= optimal
        lagrange += min(0.0, least - mus[staff])
        for col in columns:
            reduced = col.cost - _priced(col.roster, duals) - mus[staff]
            if reduced < -EPS and master.add(staff, col):
                added += 1
    return added, lagrange, exact


def _dive(
    master: _Master,
    pricers: Mapping[str, _Pricer | _PathPricer],
    budget: Budget,
    seed: int,
    limit: float,
    pool: ThreadPoolExecutor | None,
) -> set[tuple[str, int]]:
    """Fix people to their heaviest column (all whose LP choice is nearly settled, else the
    clearest few), re-price the others until no column prices out, repeat until most are
    fixed: the last choices of a dive are its worst, and CP-SAT does better on the few
    people left. Returns the cells left open: every day of the people not fixed."""
    stop = DIVE_STOP * len(master.columns)
    while len(master.fixed) < stop and not budget.exhausted():
        master.solve()
        for staff, column in master.settled(DIVE_SETTLED) or master.heaviest(DIVE_STEP):
            master.fix(staff, column)
        for _ in range(DIVE_ROUNDS):
            if budget.exhausted():
                break
            _, duals, mus = master.solve()
            added, _, _ = _price_all(master, pricers, duals, mus, budget, seed, limit, pool)
            if not added:
                break
    master.solve()
    return {(s, d) for s in master.columns if s not in master.fixed for d in range(master.horizon)}


def _priced(roster: tuple[str | None, ...], duals: Mapping[tuple[int, str], float]) -> float:
    return sum(duals.get((d, s), 0.0) for d, s in enumerate(roster) if s is not None)
