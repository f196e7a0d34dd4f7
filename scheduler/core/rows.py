"""A roster read against the core ``Problem`` without CP-SAT: every hard rule of one
person's row (``breaks``), and the goals' cost of a whole roster (``cost``).

They say what ``model.build_model`` says of the same roster, rule by rule (the tests hold
them to it on random rows and rosters): a row ``breaks`` nothing exactly when the model
with every cell pinned to it is feasible, and ``cost`` is that pinned model's objective,
term by term. For a search that has a roster in hand and needs to know whether it may
keep it (``rolling``'s copies of the weeks before): a few thousandths of a second where
building and solving the model takes a hundredth. Not a checker of rosters a user is
given: that is ``scheduler.check``, which reads the regulations, not this core.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence

from .data import CompanionRule, Problem, RestPeriod, StaffMember, WindowLimit

Row = Sequence[str | None]
Roster = Mapping[str, Row]
SATURDAY, SUNDAY = 5, 6
Add = Callable[[str, int], None]


def breaks(p: Problem, m: StaffMember, row: Row) -> str | None:
    """The first hard rule of ``m``'s that ``row`` (a tour or None per day of ``p``)
    breaks, by the name ``build_model(explain=True)`` gives its family; None if it keeps
    them all."""
    h = p.horizon
    if len(row) != h:
        raise ValueError(f"{m.id}: {len(row)} days for a horizon of {h}")
    known = {s.id for s in p.shifts}
    for d, s in enumerate(row):
        if s is None:
            continue
        if s not in known or d in m.days_off:
            return "days_off"
        if m.max_shifts.get(s) == 0:
            return f"max_shifts[{s}]"
        if s in p.shift_days and d not in p.shift_days[s]:
            return "shift_days"
    for d, s in m.fixed_shifts.items():
        if 0 <= d < h and row[d] != s:
            return "fixed_shift"
    return (
        _counts(p, m, row)
        or _runs(m, row)
        or _weekends(p, m, row)
        or _free_days_off(p, m, row)
        or _successions(p, m, row)
        or next(
            (
                f"window[{w.length}d]"
                for w in p.windows
                if (w.staff is None or m.id in w.staff) and not _window(p, m, row, w)
            ),
            None,
        )
        or next(("rest_period" for r in p.rest_periods if not _rested(p, m, row, r)), None)
    )


def _counts(p: Problem, m: StaffMember, row: Row) -> str | None:
    for s in p.shifts:
        hi, lo = m.max_shifts.get(s.id), m.min_shifts.get(s.id)
        if hi is None and not lo:
            continue
        n = sum(1 for t in row if t == s.id)
        if hi is not None and n > hi:
            return f"max_shifts[{s.id}]"
        if lo and n < lo:
            return f"min_shifts[{s.id}]"
    if m.max_minutes is not None or m.min_minutes is not None:
        total = sum(p.minutes(d, s) for d, s in enumerate(row) if s is not None)
        if m.max_minutes is not None and total > m.max_minutes:
            return "max_minutes"
        if m.min_minutes is not None and total < m.min_minutes:
            return "min_minutes"
    return None


def _runs(m: StaffMember, row: Row) -> str | None:
    """Runs of work too long, and blocks of work (or rest) too short, history included."""
    limit = m.max_consecutive_work
    if limit is not None:
        run = _trailing(m.history, True)  # history before its first day counts as rest
        for s in row:
            run = run + 1 if s is not None else 0
            if run > limit:
                return "max_consecutive_work"
    for minimum, working, rule in (
        (m.min_consecutive_work, True, "min_consecutive_work"),
        (m.min_consecutive_off, False, "min_consecutive_off"),
    ):
        if minimum and _short_block(m.history, row, minimum, working):
            return rule
    return None


def _trailing(history: Row, working: bool) -> int:
    """How many days of work (or rest) the history ends with."""
    n = 0
    for s in reversed(history):
        if (s is not None) != working:
            break
        n += 1
    return n


def _short_block(past: Row, row: Row, minimum: int, working: bool) -> bool:
    """A block of ``working`` days shorter than ``minimum`` that ends before the last day:
    one starting at day 0 counts the history's run before it, unless the history is all
    that run (or none), when it may go on further back (``model._min_block``)."""
    h = len(row)
    state = [(s is not None) == working for s in row]
    carried = _trailing(past, working)
    d = 0
    while d < h:
        start = d
        while d < h and state[d]:
            d += 1
        length = d - start
        if d >= h:  # touches the last day
            break
        if start == 0:
            if past and carried < len(past) and (carried or length) and carried + length < minimum:
                return True
        elif length and length < minimum:
            return True
        d += 1
    return False


def _weekends(p: Problem, m: StaffMember, row: Row) -> str | None:
    if m.max_weekends is None:
        return None
    worked: set[int] = set()
    for d, s in enumerate(row):
        day = p.first_weekday + d
        if s is not None and day % 7 in (SATURDAY, SUNDAY):
            worked.add(day // 7)
    return "max_weekends" if len(worked) > m.max_weekends else None


def _free_days_off(p: Problem, m: StaffMember, row: Row) -> str | None:
    lo, hi = m.min_free_days_off, m.max_free_days_off
    if not lo and hi is None:
        return None
    off = sum(
        1 for d, s in enumerate(row) if s is None and d not in m.days_off and d not in m.unfree_days
    )
    if lo and off < lo:
        return "min_free_days_off"
    if hi is not None and off > hi:
        return "max_free_days_off"
    return None


def _successions(p: Problem, m: StaffMember, row: Row) -> str | None:
    known = {s.id for s in p.shifts}
    before = m.history[-1] if m.history else None
    days = [before, *row]  # index i is day i - 1
    banned = {s.id: s.forbidden_next for s in p.shifts}
    for i in range(len(row)):
        a, b = days[i], days[i + 1]
        if a is None or b is None:
            continue
        if a in banned and b in banned[a] and b in known:
            return "forbidden_next"
        if a in known and (i - 1, a, b) in p.forbidden_by_day:
            return "forbidden_by_day"
    return None


def _window(p: Problem, m: StaffMember, row: Row, w: WindowLimit) -> bool:
    """Whether every ``w.length`` days keep to ``w.max_minutes``: history's days at their
    tours' real length, ``future_minutes`` after the last day."""
    h = p.horizon
    nominal = tuple((s.id, s.minutes) for s in p.shifts)
    minutes, by_day = dict(nominal), p.minutes_by_day
    cum = [0]  # minutes of the horizon's days before each day
    for d, s in enumerate(row):
        cum.append(cum[-1] if s is None else cum[-1] + by_day.get((d, s), minutes[s]))
    history = tuple(m.history[-w.length :])
    real = tuple(((d, s), v) for (d, s), v in by_day.items() if -len(history) <= d < 0)
    before = _history_minutes(history, nominal, real)
    future = [0]
    for after in m.future_minutes[: w.length - 1]:
        future.append(future[-1] + after)
    for end in range(h + len(future) - 1):  # windows ending on day 0 or later
        start = end - w.length + 1
        total = cum[min(end, h - 1) + 1] - cum[max(0, start)]
        if start < 0:
            total += before[min(-start, len(before) - 1)]
        if end >= h:
            total += future[end - h + 1]
        if total > m.window_caps.get((w.length, start), w.max_minutes):
            return False
    return True


@functools.lru_cache(maxsize=4096)
def _history_minutes(
    history: tuple[str | None, ...],
    nominal: tuple[tuple[str, int], ...],
    real: tuple[tuple[tuple[int, str], int], ...] = (),
) -> list[int]:
    """Minutes of the history's last k days, for each k: tours at their nominal length,
    or ``real``'s (day, shift) length where it differs (day -1 the last of the history)."""
    minutes, by_day = dict(nominal), dict(real)
    out = [0]
    for back, s in enumerate(reversed(history), start=1):
        out.append(out[-1] + (0 if s is None else by_day.get((-back, s), minutes[s])))
    return out


def _rested(p: Problem, m: StaffMember, row: Row, rest: RestPeriod) -> bool:
    """Whether ``rest`` holds a day off whose neighbours do not spoil it."""
    h = p.horizon
    if rest.staff is not None and m.id not in rest.staff:
        return True
    days = [d for d in rest.days if -len(m.history) <= d < h]
    if not days:
        return True

    def on(d: int) -> str | None:
        if d >= 0:
            return row[d]
        k = len(m.history) + d
        return m.history[k] if k >= 0 else None

    spoilers: dict[int, list[tuple[str | None, str | None]]] = {}
    for d, a, b in rest.bad_neighbours:
        spoilers.setdefault(d, []).append((a, b))
    for d in days:
        if on(d) is not None:
            continue
        if not any(
            (a is None or on(d - 1) == a) and (b is None or (d + 1 < h and on(d + 1) == b))
            for a, b in spoilers.get(d, ())
            if not (b is not None and d + 1 >= h)
        ):
            return True
    return False


def cost(p: Problem, roster: Roster) -> dict[str, int]:
    """The goals' cost of ``roster`` (every person's row), term by term under the names
    ``build_model`` gives them: what the model with every cell pinned to the roster costs."""
    terms: dict[str, int] = {}

    def add(name: str, value: int) -> None:
        terms[name] = terms.get(name, 0) + value

    h = p.horizon
    on: dict[tuple[int, str], int] = {}
    for row in roster.values():
        for d, s in enumerate(row):
            if s is not None:
                on[d, s] = on.get((d, s), 0) + 1
    for c in p.cover:
        n = on.get((c.day, c.shift), 0)
        if c.under_weight and c.required > 0:
            add("cover_under", c.under_weight * max(0, c.required - n))
        if c.over_weight:
            add("cover_over", c.over_weight * max(0, n - c.most))
    for r in p.requests:
        if 0 <= r.day < h:
            s = roster[r.staff][r.day]
            worked = s is not None if r.shift is None else s == r.shift
            add(r.term or ("requests_on" if r.on else "requests_off"), r.weight * (worked != r.on))
    for limit in p.consecutive_limits:
        _consecutive(p, roster, limit.shifts, limit.max_run, limit.weight, add)
    for rule in p.companions:
        _companions(p, roster, rule, add)
    for fair in p.fairness:
        days = [d for d in sorted(fair.days) if 0 <= d < h]
        counts = [sum(1 for d in days if row[d] in fair.shifts) for row in roster.values()]
        add(
            f"fairness[{fair.name}]",
            fair.weight * (max(counts, default=0) - min(counts, default=0)),
        )
    if p.rota is not None:
        _rota(p, roster, add)
    for (staff, d), base in p.baseline.items():
        weight = p.change_weights.get((staff, d), p.change_weight)
        if weight and 0 <= d < h:
            add("changes", weight * (roster[staff][d] != base))
    return terms


def _consecutive(
    p: Problem, roster: Roster, shifts: frozenset[str], max_run: int, weight: int, add: Add
) -> None:
    """An excess day ends a run of more than ``max_run`` days on ``shifts``."""
    name = f"consecutive[{'|'.join(sorted(shifts))}>{max_run}]"
    add(name, 0)
    for m in p.staff:
        past = m.history
        days = [len(past) + k >= 0 and past[len(past) + k] in shifts for k in range(-max_run, 0)]
        days += [s in shifts for s in roster[m.id]]
        run = 0
        for k, on in enumerate(days):
            run = run + 1 if on else 0
            if k >= max_run and run > max_run:
                add(name, weight)


def _companions(p: Problem, roster: Roster, rule: CompanionRule, add: Add) -> None:
    """A day (and shift, unless ``per_day``) a dependent works ``rule.shifts`` and no
    companion does."""
    name = f"companion[{rule.dependent}>{rule.companion}]"
    deps = [roster[m.id] for m in p.staff if m.group == rule.dependent]
    comps = [roster[m.id] for m in p.staff if m.group == rule.companion]
    if not deps:
        return
    add(name, 0)
    slots = [frozenset([s]) for s in rule.shifts]
    if rule.per_day:
        slots = [frozenset(rule.shifts)]
    for d in range(p.horizon):
        for shifts in slots:
            if any(row[d] in shifts for row in deps) and not any(row[d] in shifts for row in comps):
                add(name, rule.weight)


def _rota(p: Problem, roster: Roster, add: Add) -> None:
    """A day a person's tour is not their line's: the pattern's, or (a pattern the
    solver designs) the tour most of the line's people work that cycle day."""
    rota = p.rota
    assert rota is not None
    add("rota", 0)
    ids = [s.id for s in p.shifts]
    seen: dict[tuple[int, int], list[str | None]] = {}
    for staff, (line, offset) in rota.assignment.items():
        for d in range(p.horizon):
            seen.setdefault((line, (d + offset) % rota.cycle), []).append(roster[staff][d])
    for (line, cycle_day), tours in seen.items():
        if rota.pattern is not None:
            want = rota.pattern[line][cycle_day]
            add("rota", rota.weight * sum(1 for t in tours if t != want))
        else:
            best = min(sum(1 for t in tours if t != want) for want in [None, *ids])
            add("rota", rota.weight * best)
