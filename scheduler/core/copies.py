"""A block's copy of the weeks before it, read without CP-SAT: what ``rolling._repeat``
keeps of each person's copied row (``kept_days``), and the copy filled so that each
person's row keeps every hard rule as it stands (``fill_copy``, checked by ``rows.breaks``
against the same compiled rules the model holds). The searches over what a copy leaves
open are ``rolling``'s."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from scheduler.core.data import Problem, RestPeriod, StaffMember
from scheduler.core.rows import breaks

HINT_BACK = 28  # a block starts from the same weekdays this many days before
REPEAT_SEAM = 2  # days at a block's start searched afresh when the weeks before repeat


def run_length(row: Sequence[str | None], end: int) -> int:
    """How many days of work (or of rest) run up to day ``end``, at most ``HINT_BACK``."""
    if end <= 0:
        return 0
    worked = row[end - 1] is not None
    n = 1
    while n < HINT_BACK and end - 1 - n >= 0 and (row[end - 1 - n] is not None) == worked:
        n += 1
    return n


def fill_copy(
    p: Problem, hint: dict[tuple[str, int], str | None], seamless: frozenset[str]
) -> dict[str, list[str | None]]:
    """The copy with no search, person by person: their row of the weeks before
    (``_copied``, then ``_rested_row``), its free days off brought into their range
    (``_repair``), where it then breaks none of their hard rules (``rows.breaks``). The
    rows filled so (person -> row), each lawful; the people missing have none."""
    copied = {m.id: _copied(p, m, hint) for m in p.staff}
    # what the cover still needs of each (day, tour) with everyone's row as copied
    need = {(c.day, c.shift): c.required for c in p.cover if c.under_weight}
    for row in copied.values():
        for d, shift in enumerate(row):
            if shift is not None and (d, shift) in need:
                need[d, shift] -= 1
    filled: dict[str, list[str | None]] = {}
    for m in p.staff:
        repaired = _repair(p, m, copied[m.id], need, hint)
        if repaired is None:  # the days ``kept_days`` keeps, the others off
            rested = _rested_row(p, m, hint, m.id in seamless)
            repaired = None if rested is None else _repair(p, m, rested, need, hint)
        if repaired is not None:
            _moved(need, copied[m.id], repaired)
            filled[m.id] = repaired
    return filled


def _moved(
    need: dict[tuple[int, str], int], before: list[str | None], after: list[str | None]
) -> None:
    """``need`` after a row changed from ``before`` to ``after``."""
    for d, (was, now) in enumerate(zip(before, after, strict=True)):
        if was != now:
            if was is not None and (d, was) in need:
                need[d, was] += 1
            if now is not None and (d, now) in need:
                need[d, now] -= 1


def _repair(
    p: Problem,
    m: StaffMember,
    row: list[str | None],
    need: dict[tuple[int, str], int],
    hint: dict[tuple[str, int], str | None],
) -> list[str | None] | None:
    """``row`` with each run of work too long broken by a rest day where the cover needs
    the tour least (``_rest_long_runs``), then its free days off brought into ``m``'s
    range one day at a time: a day off worked on the tour the cover needs most that keeps
    every other rule (days with nothing copied first), or a day worked taken off where the
    cover needs it least; None if the row then still breaks a rule."""
    reason = breaks(p, m, row)
    if reason == "max_consecutive_work":
        row = _rest_long_runs(m, row, need)
        reason = breaks(p, m, row)
    if reason is None:
        return row
    lo, hi = m.min_free_days_off, m.max_free_days_off
    if reason not in ("min_free_days_off", "max_free_days_off"):
        return None
    loose = dataclasses.replace(m, min_free_days_off=None, max_free_days_off=None)
    if breaks(p, loose, row) is not None:
        return None
    row = list(row)
    counted = [d for d in range(p.horizon) if d not in m.days_off and d not in m.unfree_days]
    open_days = [d for d in counted if d not in m.fixed_shifts]
    off = sum(1 for d in counted if row[d] is None)
    tours = [s.id for s in p.shifts if m.max_shifts.get(s.id) != 0]
    while hi is not None and off > hi:
        moves = sorted(
            (
                (-need.get((d, s), 0), (m.id, d) in hint, d, s)
                for d in open_days
                if row[d] is None
                for s in tours
                if s not in p.shift_days or d in p.shift_days[s]
            ),
        )
        if not _first_lawful(p, loose, row, [(d, s) for *_, d, s in moves]):
            return None
        off -= 1
    while lo and off < lo:
        rests = sorted(
            (need.get((d, tour), 0), d) for d in open_days if (tour := row[d]) is not None
        )
        if not _first_lawful(p, loose, row, [(d, None) for _, d in rests]):
            return None
        off += 1
    return row if breaks(p, m, row) is None else None


def _rest_long_runs(
    m: StaffMember, row: list[str | None], need: dict[tuple[int, str], int]
) -> list[str | None]:
    """``row`` with a rest day in each run of work longer than ``m`` may work (counting
    the history's), on the day of the run the cover needs least (the latest of those)."""
    cap = m.max_consecutive_work
    assert cap is not None
    row = list(row)
    run = run_length(m.history, len(m.history)) if m.history and m.history[-1] is not None else 0
    for d, tour in enumerate(row):
        run = run + 1 if tour is not None else 0
        if run <= cap:
            continue
        days = [k for k in range(max(0, d - run + 1), d + 1) if k not in m.fixed_shifts]
        if not days:
            continue  # fixed tours only: ``breaks`` says so
        rest = min(days, key=lambda k: (need.get((k, row[k] or ""), 0), -k))
        row[rest] = None
        run = d - rest
    return row


def _first_lawful(
    p: Problem, m: StaffMember, row: list[str | None], moves: list[tuple[int, str | None]]
) -> bool:
    """Makes the first of ``moves`` (day, tour) that leaves ``row`` lawful for ``m``;
    whether there was one."""
    for d, shift in moves:
        was = row[d]
        row[d] = shift
        if breaks(p, m, row) is None:
            return True
        row[d] = was
    return False


def _copied(
    p: Problem, m: StaffMember, hint: dict[tuple[str, int], str | None]
) -> list[str | None]:
    """``m``'s row as the weeks before: every day's copied tour, off where nothing is
    copied; fixed tours and days off as they are."""
    row: list[str | None] = [None] * p.horizon
    for d in range(p.horizon):
        if d in m.fixed_shifts:
            row[d] = m.fixed_shifts[d]
        elif d not in m.days_off:
            row[d] = hint.get((m.id, d))
    return row


def _rested_row(
    p: Problem, m: StaffMember, hint: dict[tuple[str, int], str | None], seamless: bool
) -> list[str | None] | None:
    """``m``'s row as the copy's search starts it: the days ``kept_days`` keeps, the others
    off (the seam, and a clash's neighbours, rest); None if it keeps none."""
    kept = kept_days(p, m, hint, 0, seamless)
    if not kept:
        return None
    row: list[str | None] = [None] * p.horizon
    for d, tour in kept.items():
        row[d] = tour
    for d, tour in m.fixed_shifts.items():
        row[d] = tour
    return row


def kept_days(
    p: Problem,
    m: StaffMember,
    hint: dict[tuple[str, int], str | None],
    margin: int = 0,
    seamless: bool = False,
) -> dict[int, str | None]:
    """The days of ``m``'s copied weeks that ``_repeat`` keeps (day -> tour or None):
    not the seam (unless ``seamless``), nor days the copy clashes with or within
    ``margin`` + 1 days of them. A clash: a tour on a day off, a fixed day's tour changed,
    a tour of a type ``m`` may not work, a succession this day forbids (clock changes move
    them), a week whose copied days leave no good rest day; or, for the whole row, rest
    days the copy cannot bring into ``m``'s range with ``margin`` to spare each way,
    counting the rest days the searched days cannot do without (``_rests_needed``: at the
    edge of the range the searched days are all forced one way, and can make a run too
    long)."""
    horizon = p.horizon
    seam = 0 if seamless else REPEAT_SEAM
    copied = {d: hint[m.id, d] for d in range(seam, horizon) if (m.id, d) in hint}
    clash = {
        d
        for d, shift in copied.items()
        if (d in m.days_off and shift is not None)
        or (d in m.fixed_shifts and m.fixed_shifts[d] != shift)
        or (shift is not None and m.max_shifts.get(shift) == 0)
    }
    clash |= set(m.fixed_shifts)  # a fixed tour moves the rest around it
    for d, shift in copied.items():
        after = copied.get(d + 1)
        if shift is not None and after is not None and _forbidden(p, d, shift, after):
            clash |= {d, d + 1}
    for rest in p.rest_periods:
        if (rest.staff is None or m.id in rest.staff) and not _rested(rest, copied):
            clash |= set(rest.days)
    near = range(-1 - margin, 2 + margin)
    searched = set(range(horizon)) - set(copied)
    clash |= {d for d in searched if margin}  # with a margin, around every searched day too
    kept = {d: shift for d, shift in copied.items() if all(d + k not in clash for k in near)}
    free = [d for d in range(horizon) if d not in m.days_off and d not in m.unfree_days]
    rest_days = sum(1 for d in free if d in kept and kept[d] is None)
    open_days = sum(1 for d in free if d not in kept)
    lo, hi = m.min_free_days_off, m.max_free_days_off
    if hi is not None:  # the rests the open days cannot do without count too
        needed = _rests_needed(p, m, kept)
        if needed is None:
            return {}
        rest_days += needed
    if (hi is not None and rest_days > hi - margin) or (
        lo is not None and rest_days + open_days < lo + margin
    ):
        return {}
    return kept


def _rests_needed(p: Problem, m: StaffMember, kept: dict[int, str | None]) -> int | None:
    """The fewest free days off the days ``kept`` leaves open must hold (a lower bound):
    one in each run of work longer than ``m`` may work, placed as late as it can go, and
    one in each rest period with no rest day kept and none placed so. None: a run of kept
    work is too long already."""
    cap = m.max_consecutive_work
    placed: list[int] = []
    history = m.history
    run = run_length(history, len(history)) if history and history[-1] is not None else 0
    opened: list[int] = []
    for d in range(p.horizon):
        if d in m.days_off or (d in kept and kept[d] is None):
            run, opened = 0, []
            continue
        run += 1
        if d not in kept and d not in m.fixed_shifts:
            opened.append(d)
        if cap is not None and run > cap:
            if not opened:
                return None
            rest = opened.pop()  # the latest: it breaks the most of the run to come
            placed.append(rest)
            run, opened = d - rest, [o for o in opened if o > rest]
    needed = sum(1 for d in placed if d not in m.unfree_days)
    for period in p.rest_periods:
        if period.staff is not None or min(period.days, default=0) < 0:
            continue  # an officer's own, or one the history may hold: a lower bound
        days = set(period.days)
        if any((d in kept and kept[d] is None) or d in m.days_off for d in days):
            continue  # a rest day kept (good or not: a lower bound)
        if any(d in days for d in placed):
            continue
        opened = [d for d in days if d not in kept and d not in m.fixed_shifts]
        if opened and all(d not in m.unfree_days for d in opened):
            needed += 1
    return needed


def _forbidden(p: Problem, d: int, shift: str, after: str) -> bool:
    return (d, shift, after) in p.forbidden_by_day or after in p.shift(shift).forbidden_next


def _rested(rest: RestPeriod, copied: dict[int, str | None]) -> bool:
    """Whether the copied days give ``rest`` a good rest day, or leave it open."""
    bad: dict[int, set[tuple[str | None, str | None]]] = {}
    for d, a, b in rest.bad_neighbours:
        bad.setdefault(d, set()).add((a, b))
    for d in rest.days:
        if d not in copied:
            return True  # a day to search: the rest may go there
        if copied[d] is not None:
            continue
        before, after = copied.get(d - 1), copied.get(d + 1)
        spoilt = any(
            (a is None or a == before) and (b is None or b == after) for a, b in bad.get(d, ())
        )
        if not spoilt:
            return True
    return False
