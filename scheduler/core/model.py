"""Build a CP-SAT model from a generic rostering ``Problem``.

One Boolean ``x[staff, day, shift]`` per possible assignment and ``work[staff, day]`` (their
sum, so at most one shift a day). Hard rules are constraints; soft rules are named objective
terms so a solution's cost can be broken down per term. With ``explain=True`` every hard
rule family of every staff member is guarded by its own enforcement literal, registered as
an assumption, so an infeasible problem can be explained by a small set of rule families.

History (``StaffMember.history``) is the known tail of the previous roster, oldest first.
It is treated as fixed facts: rules spanning the roster boundary see those days.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model, cp_model_helper

from .data import (
    CompanionRule,
    ConsecutiveShiftLimit,
    FairnessRule,
    Problem,
    RestPeriod,
    RotaLines,
    StaffMember,
    WindowLimit,
)
from .later import free_later
from .result import Conflict

# A day's state for a rule: a model literal, or a constant from history (True/False).
Lit = cp_model_helper.Literal | bool
LinearExprT = cp_model.LinearExprT

SATURDAY, SUNDAY = 5, 6


@dataclass
class BuiltModel:
    """The CP-SAT model and handles onto its variables.

    ``terms`` maps objective term names (e.g. ``cover_under``) to their cost expressions;
    the objective is their sum. ``assumptions`` maps enforcement-literal indices to the
    rule family they guard (only with ``explain=True``)."""

    problem: Problem
    model: cp_model.CpModel
    x: dict[tuple[str, int, str], cp_model.IntVar]
    work: dict[tuple[str, int], cp_model.IntVar]
    terms: dict[str, LinearExprT] = field(default_factory=dict)
    assumptions: dict[int, Conflict] = field(default_factory=dict)
    # (line, cycle day, shift) -> variable when the solver designs the rota pattern
    pattern: dict[tuple[int, int, str], cp_model.IntVar] = field(default_factory=dict)

    @property
    def objective(self) -> LinearExprT:
        return cp_model.LinearExpr.sum(list(self.terms.values()))


def hint_values(model: cp_model.CpModel, values: list[int]) -> None:
    """Replace ``model``'s hint by a value for every variable (by proto index)."""
    model.clear_hints()
    model.proto.solution_hint.vars.extend(range(len(values)))
    model.proto.solution_hint.values.extend(values)


Kept = Mapping[tuple[str, int], str | None]  # (person, day) -> tour, or None for off


class OutOfTime(Exception):
    """The model was not built by its ``until``."""


def build_model(
    problem: Problem,
    explain: bool = False,
    kept: Kept | None = None,
    until: float | None = None,
) -> BuiltModel:
    """Build the CP-SAT model of ``problem`` (see module docstring). ``kept`` cells are
    constants, not variables: the model of a roster mostly kept, with a few days open
    (a block copied from the weeks before, a window around a shortfall), is built and
    presolved in a fraction of the time the whole model takes, and means the same as the
    whole model with those cells pinned. Not with ``explain``. ``until`` (a
    ``time.monotonic()``): ``OutOfTime`` is raised once it has passed, between a person's
    rule families (a large model on a busy machine took 140 s to build for a 60 s limit)."""
    if kept and explain:
        raise ValueError("kept cells cannot be explained")
    builder = _Builder(problem, explain, kept or {}, until)
    try:
        return builder.build()
    except OutOfTime:
        free_later(builder)  # what was built, freed once the solve has answered
        del builder
        raise


class _Builder:
    def __init__(
        self, problem: Problem, explain: bool, kept: Kept, until: float | None = None
    ) -> None:
        self.p = problem
        self.until = until
        self.explain = explain
        self.kept = kept
        self.m = cp_model.CpModel()
        self.days = range(problem.horizon)
        self.shift_ids = [s.id for s in problem.shifts]
        self.x: dict[tuple[str, int, str], cp_model.IntVar] = {}
        self.work: dict[tuple[str, int], cp_model.IntVar] = {}
        self.terms: dict[str, list[LinearExprT]] = {}
        self.assumptions: dict[int, Conflict] = {}
        self.pattern: dict[tuple[int, int, str], cp_model.IntVar] = {}
        self.nominal = {s.id: s.minutes for s in problem.shifts}
        self.minutes = problem.minutes_by_day  # (day, shift) -> minutes, where not nominal
        self._pairs: (
            tuple[list[tuple[list[str], list[str]]], dict[int, list[tuple[list[str], list[str]]]]]
            | None
        ) = None
        self.zero: cp_model.IntVar | None = None
        self.one: cp_model.IntVar | None = None  # a kept tour's x and work
        self._spoilers: dict[int, dict[int, list[tuple[str | None, str | None]]]] = {}
        self._longest: list[int] | None = None
        # (day, shift) -> (required, shortfall variable), for cuts linking goals to cover
        self.under: dict[tuple[int, str], tuple[int, cp_model.IntVar]] = {}

    # ----------------------------------------------------------------- scaffolding
    def _due(self) -> None:
        if self.until is not None and time.monotonic() > self.until:
            raise OutOfTime

    def build(self) -> BuiltModel:
        self._variables()
        for member in self.p.staff:
            self._hard_rules(member)
        self._due()
        self._soft_rules()
        self._due()
        built = BuiltModel(
            problem=self.p,
            model=self.m,
            x=self.x,
            work=self.work,
            terms={k: cp_model.LinearExpr.sum(v) for k, v in self.terms.items() if v},
            assumptions=self.assumptions,
            pattern=self.pattern,
        )
        if built.terms:
            self.m.minimize(built.objective)
        return built

    def _variables(self) -> None:
        """One x per (person, day, shift) and one work per (person, day). Outside an
        explanation, a shift a person may not work that day (a day off, a shift type they
        may not work, a shift not offered that day) is the constant 0 rather than a
        variable: the model is smaller and builds faster (police HDD aid tours exist on one
        day each; published instances ban a third of the types per person)."""
        zero = None if self.explain else self.m.new_constant(0)
        self.zero = zero
        for member in self.p.staff:
            self._due()
            banned = {s for s, cap in member.max_shifts.items() if cap == 0}
            for d in self.days:
                off = d in member.days_off
                if (member.id, d) in self.kept:
                    self._kept_cell(member, d, off, banned)
                    continue
                shifts = []
                for s in self.shift_ids:
                    if zero is not None and not self._workable(d, s, off, banned):
                        self.x[member.id, d, s] = zero
                        continue
                    var = self.m.new_bool_var(f"x[{member.id},{d},{s}]")
                    self.x[member.id, d, s] = var
                    shifts.append(var)
                w = self.m.new_bool_var(f"work[{member.id},{d}]")
                self.work[member.id, d] = w
                # structural, never relaxed: at most one shift a day, work = that shift
                if shifts:
                    self.m.add_exactly_one([*shifts, w.Not()])
                else:
                    self._fix(w, 0, [])

    def _kept_cell(self, member: StaffMember, d: int, off: bool, banned: set[str]) -> None:
        """A kept cell's x and work: the constants 1 (its tour) and 0. A tour the person
        cannot work that day makes the model infeasible, as pinning it would."""
        assert self.zero is not None
        if self.one is None:
            self.one = self.m.new_constant(1)
        shift = self.kept[member.id, d]
        for s in self.shift_ids:
            self.x[member.id, d, s] = self.one if s == shift else self.zero
        self.work[member.id, d] = self.zero if shift is None else self.one
        if shift is not None and (
            shift not in self.shift_ids or not self._workable(d, shift, off, banned)
        ):
            self.m.add_bool_or([])  # cannot hold

    def _workable(self, d: int, shift: str, off: bool, banned: set[str]) -> bool:
        """Whether a person (``off`` that day, ``banned`` tours) may work ``shift`` on
        day d: not on a day off, not a tour they may not work, not a tour not offered."""
        offered = self.p.shift_days
        return not (off or shift in banned or (shift in offered and d not in offered[shift]))

    def _fold(self, var: cp_model.IntVar) -> Lit:
        """A kept cell's constant as True or False (so rules over it fold away); any other
        variable as itself. Only where cells are kept: other models stay as they were."""
        if not self.kept:
            return var
        if var is self.zero:
            return False
        if var is self.one:
            return True
        return var

    def _fix(self, var: cp_model.IntVar, value: int, guard: list) -> None:
        """``var == value``: a guarded constraint when explaining, else the variable's
        domain (far cheaper to build; a clash with an earlier fixing stays infeasible)."""
        if guard:
            self.m.add(var == value).only_enforce_if(guard)
            return
        domain = self.m.proto.variables[var.index].domain
        if len(domain) == 2 and domain[0] <= value <= domain[1]:
            domain[0] = domain[1] = value
        else:
            self.m.add(var == value)

    def _guard(self, rule: str, staff: str | None, days: tuple[int, int] | None) -> list:
        """Enforcement literals for one rule family: none normally, one assumption when
        explaining."""
        if not self.explain:
            return []
        lit = self.m.new_bool_var(f"assume[{rule},{staff},{days}]")
        self.m.add_assumption(lit)
        self.assumptions[lit.index] = Conflict(rule, staff, days)
        return [lit]

    def _clause(self, literals: Iterable[Lit], guard: list) -> None:
        """At least one literal true (constants from history are folded in)."""
        lits = []
        for lit in literals:
            if lit is True:
                return
            if lit is not False:
                lits.append(lit)
        self.m.add_bool_or(lits + [g.Not() for g in guard])

    def _term(self, name: str, expr: LinearExprT) -> None:
        self.terms.setdefault(name, []).append(expr)

    @property
    def _full(self) -> tuple[int, int]:
        return (0, self.p.horizon - 1)

    # --------------------------------------------------------- day states with history
    def _worked(self, member: StaffMember, d: int) -> Lit:
        """Work literal of day d; days before 0 come from history (unknown = off)."""
        if d >= 0:
            return self._fold(self.work[member.id, d])
        k = len(member.history) + d
        return k >= 0 and member.history[k] is not None

    def _on(self, member: StaffMember, d: int, shift: str) -> Lit:
        if d >= 0:
            return self._fold(self.x[member.id, d, shift])
        k = len(member.history) + d
        return k >= 0 and member.history[k] == shift

    def _neg(self, lit: Lit) -> Lit:
        return (not lit) if isinstance(lit, bool) else lit.Not()

    def _trailing_run(self, member: StaffMember, working: bool) -> tuple[int, bool]:
        """Length of the history's final run of work (or off) days, and whether that run
        fills the whole history (so it may continue further back, unknown)."""
        run = 0
        for s in reversed(member.history):
            if (s is not None) != working:
                break
            run += 1
        return run, run == len(member.history)

    # ------------------------------------------------------------ per-person hard rules
    def _hard_rules(self, member: StaffMember) -> None:
        self._due()
        self._shift_counts(member)
        self._minutes(member)
        self._max_consecutive(member)
        self._due()
        if member.min_consecutive_work:
            self._min_block(member, member.min_consecutive_work, True, "min_consecutive_work")
        if member.min_consecutive_off:
            self._min_block(member, member.min_consecutive_off, False, "min_consecutive_off")
        self._weekends(member)
        self._free_days_off(member)
        self._days_off_and_fixed(member)
        self._due()
        self._successions(member)
        self._shift_days(member)
        self._due()
        for window in self.p.windows:
            if window.staff is None or member.id in window.staff:
                self._window(member, window)
                self._due()
        for rest in self.p.rest_periods:
            self._rest_period(member, rest)
            self._due()

    def _shift_counts(self, member: StaffMember) -> None:
        for s in self.shift_ids:
            hi, lo = member.max_shifts.get(s), member.min_shifts.get(s)
            if (hi == 0 and not self.explain) or (hi is None and not lo):
                continue  # nothing to bound (hi 0: those x are the constant 0)
            count = cp_model.LinearExpr.sum([self.x[member.id, d, s] for d in self.days])
            if hi is not None:
                self.m.add(count <= hi).only_enforce_if(
                    self._guard(f"max_shifts[{s}]", member.id, self._full)
                )
            if lo:
                self.m.add(count >= lo).only_enforce_if(
                    self._guard(f"min_shifts[{s}]", member.id, self._full)
                )

    def _minutes_expr(self, member: StaffMember, days: Iterable[int]) -> cp_model.LinearExpr:
        xs, minutes = [], []
        for d in days:
            for s in self.shift_ids:
                xs.append(self.x[member.id, d, s])
                minutes.append(self.minutes.get((d, s), self.nominal[s]))
        return cp_model.LinearExpr.weighted_sum(xs, minutes)

    def _minutes(self, member: StaffMember) -> None:
        if member.max_minutes is None and member.min_minutes is None:
            return
        total = self._minutes_expr(member, self.days)
        if member.max_minutes is not None:
            self.m.add(total <= member.max_minutes).only_enforce_if(
                self._guard("max_minutes", member.id, self._full)
            )
        if member.min_minutes is not None:
            self.m.add(total >= member.min_minutes).only_enforce_if(
                self._guard("min_minutes", member.id, self._full)
            )

    def _max_consecutive(self, member: StaffMember) -> None:
        limit = member.max_consecutive_work
        if limit is None:
            return
        guard = self._guard("max_consecutive_work", member.id, self._full)
        # no limit+1 consecutive worked days; windows may start inside the history (one
        # with a day off in it holds already, outside an explanation)
        off = set() if self.explain else member.days_off
        for start in range(-limit, self.p.horizon - limit):
            days = range(start, start + limit + 1)
            if not off.isdisjoint(days):
                continue
            self._clause((self._neg(self._worked(member, d)) for d in days), guard)

    def _min_block(self, member: StaffMember, minimum: int, working: bool, rule: str) -> None:
        """Blocks of work (or off) days shorter than ``minimum`` are forbidden, except a
        block touching the last day, or touching day 0 when history does not show where it
        started (Curtois semantics: the periods around the horizon continue it)."""
        guard = self._guard(rule, member.id, self._full)
        h = self.p.horizon

        def state(d: int) -> Lit:  # True when day d is in the kind of block we bound
            w = self._worked(member, d)
            return w if working else self._neg(w)

        run, open_ended = self._trailing_run(member, working)
        # block starting at day 0: continues the history's run, if any
        if member.history and not open_ended:
            for length in range(0 if run else 1, minimum - run):
                if length >= h:
                    break
                # forbid: days 0..length-1 in block, day `length` outside it
                self._clause([self._neg(state(d)) for d in range(length)] + [state(length)], guard)
        for start in range(1, h):
            for length in range(1, minimum):
                end = start + length  # first day after the block
                if end >= h:
                    break
                lits = [state(start - 1)]
                lits += [self._neg(state(d)) for d in range(start, end)]
                lits.append(state(end))
                self._clause(lits, guard)

    def _weekends(self, member: StaffMember) -> None:
        if member.max_weekends is None:
            return
        guard = self._guard("max_weekends", member.id, self._full)
        worked = []
        for days in self._weekend_days():
            we = self.m.new_bool_var(f"weekend[{member.id},{days[0]}]")
            for d in days:  # a weekend counts as worked if any of its days is
                self.m.add_implication(self.work[member.id, d], we)
            worked.append(we)
        self.m.add(cp_model.LinearExpr.sum(worked) <= member.max_weekends).only_enforce_if(guard)

    def _weekend_days(self) -> list[list[int]]:
        weekends: dict[int, list[int]] = {}
        for d in self.days:
            wd = (self.p.first_weekday + d) % 7
            if wd in (SATURDAY, SUNDAY):
                week = (self.p.first_weekday + d) // 7
                weekends.setdefault(week, []).append(d)
        return list(weekends.values())

    def _free_days_off(self, member: StaffMember) -> None:
        lo, hi = member.min_free_days_off, member.max_free_days_off
        if not lo and hi is None:
            return
        # free days off: off days that are neither fixed off nor marked unfree
        free = [d for d in self.days if d not in member.days_off and d not in member.unfree_days]
        off = len(free) - cp_model.LinearExpr.sum([self.work[member.id, d] for d in free])
        if lo:
            self.m.add(off >= lo).only_enforce_if(
                self._guard("min_free_days_off", member.id, self._full)
            )
        if hi is not None:
            self.m.add(off <= hi).only_enforce_if(
                self._guard("max_free_days_off", member.id, self._full)
            )

    def _days_off_and_fixed(self, member: StaffMember) -> None:
        # one literal per day: an explanation then names the exact clashing day
        for d in sorted(member.days_off):
            if 0 <= d < self.p.horizon:
                self._fix(self.work[member.id, d], 0, self._guard("days_off", member.id, (d, d)))
        for d, s in sorted(member.fixed_shifts.items()):
            if 0 <= d < self.p.horizon:
                guard = self._guard("fixed_shift", member.id, (d, d))
                self._fix(self.x[member.id, d, s], 1, guard)

    def _successions(self, member: StaffMember) -> None:
        every_day, by_day = self._banned_pairs()
        if every_day:
            guard = self._guard("forbidden_next", member.id, self._full)
            for d in range(-1, self.p.horizon - 1):  # a on d, b on d + 1 (d may be history)
                self._forbid(member, d, every_day, guard)
        if by_day:
            days = (max(0, min(by_day)), max(by_day) + 1)
            guard = self._guard("forbidden_by_day", member.id, days)
            for d in sorted(by_day):
                self._forbid(member, d, by_day[d], guard)

    def _banned_pairs(
        self,
    ) -> tuple[list[tuple[list[str], list[str]]], dict[int, list[tuple[list[str], list[str]]]]]:
        """The forbidden successions grouped for ``_forbid``: every day's, and each day's
        own (worked out once for all staff)."""
        if self._pairs is None:
            known = set(self.shift_ids)
            every_day = {a.id: set(a.forbidden_next & known) for a in self.p.shifts}
            by_day: dict[int, dict[str, set[str]]] = {}
            for d, a, b in self.p.forbidden_by_day:
                if -1 <= d < self.p.horizon - 1 and a in known and b in known:
                    by_day.setdefault(d, {}).setdefault(a, set()).add(b)
            self._pairs = (
                _by_banned({a: banned for a, banned in every_day.items() if banned}),
                {d: _by_banned(rules) for d, rules in by_day.items()},
            )
        return self._pairs

    def _forbid(
        self,
        member: StaffMember,
        d: int,
        groups: list[tuple[list[str], list[str]]],
        guard: list,
    ) -> None:
        """No shift of ``firsts`` on day d followed by one of ``banned`` on d + 1, for each
        (firsts, banned) group. A person works one shift a day, so one at-most-one over
        the firsts on d and the banned on d + 1 says it all: far fewer constraints than a
        clause per pair (Curtois-style rotations ban hundreds of pairs) and a tighter LP."""
        for firsts, banned in groups:
            if d < 0:  # history: the shift worked on the day before day 0 is known
                if any(self._on(member, d, a) is True for a in firsts):
                    for b in banned:
                        self._clause([self.x[member.id, 0, b].Not()], guard)
                continue
            lits = [self.x[member.id, d, a] for a in firsts]
            lits += [self.x[member.id, d + 1, b] for b in banned]
            if self.kept:  # kept cells: the zeros say nothing, one open cell nothing more
                lits = [v for v in lits if v is not self.zero]
                if len(lits) < 2:
                    continue
            if guard:
                self.m.add(sum(lits) <= 1).only_enforce_if(guard)
            else:
                self.m.add_at_most_one(lits)

    def _shift_days(self, member: StaffMember) -> None:
        if not self.explain:  # those x are the constant 0 (``_variables``)
            return
        banned = [
            (d, s)
            for s, allowed in self.p.shift_days.items()
            for d in self.days
            if d not in allowed
        ]
        if banned:
            guard = self._guard("shift_days", member.id, self._full)
            for d, s in banned:
                self._fix(self.x[member.id, d, s], 0, guard)

    def _window(self, member: StaffMember, window: WindowLimit) -> None:
        past = len(member.history)
        history_minutes = [  # index i is day i - past, at its real length (a clock change)
            0 if s is None else self.minutes.get((i - past, s), self.nominal[s])
            for i, s in enumerate(member.history)
        ]
        # the most each day can add: a window that cannot exceed its limit needs no
        # constraint (in four-week police blocks none can: the 17 weeks before leave room)
        most = [self._most_minutes(member, d) for d in self.days]
        top = [0]
        for minutes in most:
            top.append(top[-1] + minutes)
        horizon = self.p.horizon
        future = member.future_minutes[: window.length - 1]
        ends = []
        # windows ending on a day of the horizon, then those running past its last day
        for end in range(horizon + len(future)):
            start = end - window.length + 1
            if start >= horizon:
                break
            before = sum(history_minutes[max(0, past + start) :]) if start < 0 else 0
            before += sum(future[: max(0, end - horizon + 1)])
            last = min(end, horizon - 1)
            cap = member.window_caps.get((window.length, start), window.max_minutes)
            if before + top[last + 1] - top[max(0, start)] > cap:
                ends.append((last, start, before, cap))
        if not ends:
            return
        guard = self._guard(f"window[{window.length}d]", member.id, self._full)
        # prefix sums keep long windows (e.g. 119 days) compact: cum[d] = minutes of 0..d-1
        cum: list[cp_model.IntVar] = []  # cum[d]: minutes of days 0..d
        for d in self.days:
            c = self.m.new_int_var(0, top[d + 1], f"cum[{member.id},{d}]")
            day = self._minutes_expr(member, [d])
            self.m.add(c == (cum[-1] + day if cum else day))
            cum.append(c)
        for end, start, before, cap in ends:
            inside = cum[end] - cum[start - 1] if start >= 1 else cum[end]
            self.m.add(inside + before <= cap).only_enforce_if(guard)

    def _most_minutes(self, member: StaffMember, d: int) -> int:
        """The most minutes ``member`` can work on day d (0 on a day off)."""
        if d in member.days_off and not self.explain:
            return 0
        if self._longest is None:  # the longest tour of each day, worked out once
            self._longest = [
                max(
                    (self.minutes.get((day, s), self.nominal[s]) for s in self.shift_ids), default=0
                )
                for day in self.days
            ]
        return self._longest[d]

    def _rest_period(self, member: StaffMember, rest: RestPeriod) -> None:
        if rest.staff is not None and member.id not in rest.staff:
            return
        # days before 0 from the member's history: known, so a constant each
        days = [d for d in rest.days if -len(member.history) <= d < self.p.horizon]
        if not days:
            return
        guard = self._guard("rest_period", member.id, (max(0, min(days)), max(days)))
        key = id(rest)
        if key not in self._spoilers:  # worked out once for all staff
            spoilers: dict[int, list[tuple[str | None, str | None]]] = {}
            for d, a, b in rest.bad_neighbours:
                spoilers.setdefault(d, []).append((a, b))
            self._spoilers[key] = spoilers
        spoilers = self._spoilers[key]
        goods = []
        for d in days:
            worked = self._worked(member, d)
            if worked is True:  # a kept tour: no rest that day
                continue
            good = self.m.new_bool_var(f"rest[{member.id},{d}]")
            if worked is not False:
                self.m.add_implication(good, worked.Not())
            for a, b in spoilers.get(d, []):
                self._rest_spoiler(member, d, a, b, good)
            goods.append(good)
        self._clause(goods, guard)

    def _rest_spoiler(
        self, member: StaffMember, d: int, a: str | None, b: str | None, good: cp_model.IntVar
    ) -> None:
        """good(d) forbids shift a on d-1 together with shift b on d+1 (None = any state,
        so the other side alone spoils). A day after the horizon never spoils."""
        if b is not None and d + 1 >= self.p.horizon:
            return
        lits: list[Lit] = [good.Not()]
        if a is not None:
            lits.append(self._neg(self._on(member, d - 1, a)))
        if b is not None:
            lits.append(self._neg(self._on(member, d + 1, b)))
        self._clause(lits, [])

    # --------------------------------------------------------------------- soft rules
    def _soft_rules(self) -> None:
        self._cover()
        self._due()
        self._requests()
        for limit in self.p.consecutive_limits:
            self._due()
            self._consecutive_limit(limit)
        for rule in self.p.companions:
            self._due()
            self._companion(rule)
        for fair in self.p.fairness:
            self._due()
            self._fairness(fair)
        if self.p.rota is not None:
            self._rota(self.p.rota)
        self._changes()

    def _cover(self) -> None:
        n = len(self.p.staff)
        for c in self.p.cover:
            self._due()
            count = cp_model.LinearExpr.sum(
                self._live(self.x[m.id, c.day, c.shift] for m in self.p.staff)
            )
            under = self.m.new_int_var(0, max(c.required, 0), f"under[{c.day},{c.shift}]")
            over = self.m.new_int_var(0, n, f"over[{c.day},{c.shift}]")
            room = c.most - max(c.required, 0)  # staff above required at no cost
            if room:
                spare = self.m.new_int_var(0, room, f"spare[{c.day},{c.shift}]")
                self.m.add(count + under - over - spare == c.required)
            else:
                self.m.add(count + under - over == c.required)
            self.under[c.day, c.shift] = (c.required, under)
            if c.under_weight and c.required > 0:
                self._term("cover_under", c.under_weight * under)
            if c.over_weight:
                self._term("cover_over", c.over_weight * over)

    def _requests(self) -> None:
        for r in self.p.requests:
            if not 0 <= r.day < self.p.horizon:
                continue
            lit = self.work[r.staff, r.day] if r.shift is None else self.x[r.staff, r.day, r.shift]
            if r.on:
                self._term(r.term or "requests_on", r.weight * (1 - lit))
            else:
                self._term(r.term or "requests_off", r.weight * lit)

    def _consecutive_limit(self, limit: ConsecutiveShiftLimit) -> None:
        name = f"consecutive[{'|'.join(sorted(limit.shifts))}>{limit.max_run}]"
        for member in self.p.staff:
            on = {
                k: self._on_any(member, k, limit.shifts)
                for k in range(-limit.max_run, self.p.horizon)
            }
            for d in self.days:
                run = [on[k] for k in range(d - limit.max_run, d + 1)]
                if any(v is False for v in run):
                    continue
                known = sum(1 for v in run if v is True)  # from history
                days = [v for v in run if not isinstance(v, bool)]
                # day d is an excess day when it ends a run longer than max_run
                excess = self.m.new_bool_var(f"excess[{member.id},{d}]")
                self.m.add(excess >= cp_model.LinearExpr.sum(days) + known - limit.max_run)
                self._term(name, limit.weight * excess)

    def _on_any(
        self, member: StaffMember, d: int, shifts: frozenset[str]
    ) -> cp_model.LinearExpr | bool:
        if d < 0:
            return any(self._on(member, d, s) for s in shifts)
        lits = self._live(self.x[member.id, d, s] for s in shifts if s in self.shift_ids)
        if self.one is not None and any(v is self.one for v in lits):
            return True  # a kept tour of them
        if not lits:
            return False  # none of them can be worked that day
        return lits[0] if len(lits) == 1 else cp_model.LinearExpr.sum(lits)

    def _live(self, variables: Iterable[cp_model.IntVar]) -> list[cp_model.IntVar]:
        """The variables that are not the constant 0 of shifts that cannot be worked."""
        return [v for v in variables if v is not self.zero]

    def _companion(self, rule: CompanionRule) -> None:
        name = f"companion[{rule.dependent}>{rule.companion}]"
        deps = [m for m in self.p.staff if m.group == rule.dependent]
        comps = [m for m in self.p.staff if m.group == rule.companion]
        if not deps:
            return
        others = [m for m in self.p.staff if m.group not in (rule.dependent, rule.companion)]
        slots = [[s] for s in sorted(rule.shifts)]
        if rule.per_day:
            slots = [sorted(rule.shifts)]
        for d in self.days:
            for shifts in slots:
                working = [self._live(self.x[dep.id, d, s] for s in shifts) for dep in deps]
                if not any(working):
                    continue  # no dependent can work these shifts that day: never alone
                missing = self.m.new_bool_var(f"alone[{d},{'|'.join(shifts)}]")
                present = cp_model.LinearExpr.sum(
                    self._live(self.x[c.id, d, s] for c in comps for s in shifts)
                )
                for lits in working:
                    if lits:
                        self.m.add(missing >= cp_model.LinearExpr.sum(lits) - present)
                self._term(name, rule.weight * missing)
                self._companion_cut(d, shifts, present, missing, others)

    def _companion_cut(
        self,
        d: int,
        shifts: list[str],
        present: cp_model.LinearExpr,
        missing: cp_model.IntVar,
        others: list[StaffMember],
    ) -> None:
        """Valid inequality: with no companion on and no dependent working alone, only
        other staff can cover these shifts, so the shortfall is at least what they leave.
        Redundant for integer rosters; it lets the LP bound see that each day a companion
        is off costs either the companion goal or cover (e.g. a single sergeant's rest days
        cost supervision that no roster avoids)."""
        cover = [self.under[d, s] for s in shifts if (d, s) in self.under]
        required = sum(r for r, _ in cover)
        if required <= 0:
            return
        short = cp_model.LinearExpr.sum([u for _, u in cover])
        helpers = cp_model.LinearExpr.sum(
            self._live(self.x[m.id, d, s] for m in others for s in shifts)
        )
        # shortfall >= required * (1 - present - missing) - helpers
        self.m.add(short + required * present + required * missing + helpers >= required)

    def _fairness(self, rule: FairnessRule) -> None:
        days = [d for d in sorted(rule.days) if 0 <= d < self.p.horizon]
        n = len(days) * len(rule.shifts)
        hi = self.m.new_int_var(0, n, f"fair_max[{rule.name}]")
        lo = self.m.new_int_var(0, n, f"fair_min[{rule.name}]")
        for member in self.p.staff:
            count = cp_model.LinearExpr.sum(
                [self.x[member.id, d, s] for d in days for s in rule.shifts]
            )
            self.m.add(hi >= count)
            self.m.add(lo <= count)
        self._term(f"fairness[{rule.name}]", rule.weight * (hi - lo))

    def _rota(self, rota: RotaLines) -> None:
        for staff, (line, offset) in sorted(rota.assignment.items()):
            for d in self.days:
                cycle_day = (d + offset) % rota.cycle
                self._term("rota", rota.weight * self._deviation(rota, staff, d, line, cycle_day))

    def _deviation(
        self, rota: RotaLines, staff: str, d: int, line: int, cycle_day: int
    ) -> LinearExprT:
        """1 when staff's day d differs from their line's cycle day."""
        if rota.pattern is not None:
            want = rota.pattern[line][cycle_day]
            return self.work[staff, d] if want is None else 1 - self.x[staff, d, want]
        dev = self.m.new_bool_var(f"dev[{staff},{d}]")
        for s in self.shift_ids:
            p = self._pattern_var(line, cycle_day, s)
            self.m.add(dev >= self.x[staff, d, s] - p)
            self.m.add(dev >= p - self.x[staff, d, s])
        return dev

    def _pattern_var(self, line: int, cycle_day: int, shift: str) -> cp_model.IntVar:
        key = (line, cycle_day, shift)
        if key not in self.pattern:
            for s in self.shift_ids:  # one shift (or none) per line and cycle day
                self.pattern[line, cycle_day, s] = self.m.new_bool_var(
                    f"pattern[{line},{cycle_day},{s}]"
                )
            self.m.add_at_most_one(self.pattern[line, cycle_day, s] for s in self.shift_ids)
        return self.pattern[key]

    def _changes(self) -> None:
        for (staff, d), base in sorted(self.p.baseline.items(), key=lambda kv: kv[0]):
            weight = self.p.change_weights.get((staff, d), self.p.change_weight)
            if not weight or not 0 <= d < self.p.horizon:
                continue
            changed = self.work[staff, d] if base is None else 1 - self.x[staff, d, base]
            self._term("changes", weight * changed)


def _by_banned(
    rules: dict[str, set[str]] | dict[str, frozenset[str]],
) -> list[tuple[list[str], list[str]]]:
    """Shifts grouped by the set of shifts that may not follow them: (firsts, banned)."""
    groups: dict[frozenset[str], list[str]] = {}
    for a, banned in sorted(rules.items()):
        groups.setdefault(frozenset(banned), []).append(a)
    return [(firsts, sorted(banned)) for banned, firsts in groups.items()]
