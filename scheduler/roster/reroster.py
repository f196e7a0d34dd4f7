"""Re-roster around logged abstractions with the least disruption.

Days before ``from_date`` stand as published. Abstracted officer-days take the
abstraction's state. Everything else may change, but each change costs, far more inside the
notice window, so the solver moves only what the rules force. To stay fast the search is
local: a window around the abstracted days for the contracts they touch, everything
outside it pinned to the published roster; the window widens until a lawful roster is found.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

import pandas as pd

from scheduler.core.rolling import restrict
from scheduler.core.solve import solve
from scheduler.roster.assemble import contract_rows, to_table
from scheduler.rules.compile import REST, CompiledContract, Pin, compile_contract, one_off_tour
from scheduler.rules.high_demand import plan_aid
from scheduler.rules.tours import aid_tour_code
from scheduler.rules.weights import DEFAULT_WEIGHTS, Weights
from scheduler.scenario.model import Scenario
from scheduler.store.apply import overlay_abstractions, voided_rows
from scheduler.store.entries import Abstraction
from scheduler.table import COLUMNS, DUTY_STATES, EXTRA_COLUMNS

WINDOWS = ((7, 14), (14, 28), (28, 56), (56, 120))  # days before / after the abstracted days
MAX_SUSPECTS = 5  # entries tried one at a time to explain a contract that cannot be re-rostered
TAIL = 14  # pinned days after a window, so runs and successions crossing its end are seen


@dataclass
class RerosterResult:
    table: pd.DataFrame
    changes: pd.DataFrame
    status: str = "OPTIMAL"
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def feasible(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")


def reroster(
    scenario: Scenario,
    published: pd.DataFrame,
    abstractions: Iterable[Abstraction],
    from_date: date,
    notified: date,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    weights: Weights = DEFAULT_WEIGHTS,
) -> RerosterResult:
    started = clock.monotonic()
    abstractions = list(abstractions)
    base = _normalised(published)
    table, changed, skipped = _overlaid(scenario, published, base, abstractions, from_date)

    def attempt(contract_id: str, overlay: pd.DataFrame, days: list[date]) -> pd.DataFrame | None:
        return _reroster_contract(
            scenario,
            contract_id,
            base,
            overlay,
            days,
            from_date,
            notified,
            time_limit,
            seed,
            weights,
        )

    def lawful_without(entry: Abstraction) -> bool:
        rest = [a for a in abstractions if a is not entry]
        overlay, rest_changed, _ = _overlaid(scenario, published, base, rest, from_date)
        days = rest_changed.get(entry.contract_id)
        return days is None or attempt(entry.contract_id, overlay, days) is not None

    new_table, status, conflicts = table, "OPTIMAL", []
    for contract_id, days in sorted(changed.items()):
        done = attempt(contract_id, table, days)
        if done is None:
            status = "INFEASIBLE"
            suspects = _suspects(contract_id, days, abstractions)
            conflicts += _explain(contract_id, suspects, lawful_without)
            continue
        new_table = _replace_contract(new_table, contract_id, done)
    changes = change_notice(base, new_table, from_date, notified, scenario)
    seconds = clock.monotonic() - started
    return RerosterResult(new_table, changes, status, seconds, skipped, conflicts)


def _overlaid(
    scenario: Scenario,
    published: pd.DataFrame,
    base: pd.DataFrame,
    abstractions: list[Abstraction],
    from_date: date,
) -> tuple[pd.DataFrame, dict[str, list[date]], list[str]]:
    """The published roster with the live entries applied (days of entries voided since
    released), the days from ``from_date`` that differ from ``base`` (the published roster,
    normalised) per contract, and the entry days that could not be applied."""
    overlay = overlay_abstractions(published, abstractions, scenario)
    table, released = _release_voided(_normalised(overlay.table), abstractions, from_date)
    skipped = [f"{s.officer_id} {s.day}: {s.why}" for s in overlay.skipped]
    changed = _abstracted_days(base, table, from_date)
    for contract_id, days in released.items():
        changed[contract_id] = sorted({*changed.get(contract_id, []), *days})
    return table, changed, skipped


def _suspects(
    contract_id: str, days: list[date], abstractions: list[Abstraction]
) -> list[Abstraction]:
    """The live entries of a contract on the days it must re-roster, latest first (the
    likeliest to be new, or mistyped)."""
    wanted = set(days)
    return sorted(
        (
            a
            for a in abstractions
            if a.is_live and a.contract_id == contract_id and wanted.intersection(a.days())
        ),
        key=lambda a: -a.id,
    )


def _explain(
    contract_id: str, suspects: list[Abstraction], lawful_without: Callable[[Abstraction], bool]
) -> list[str]:
    """Why a contract cannot be re-rostered: each entry without which a lawful roster holds
    (the first MAX_SUSPECTS suspects are tried, one at a time), else the suspects together."""
    blamed = [a for a in suspects[:MAX_SUSPECTS] if lawful_without(a)]
    if blamed:
        return [
            f"contract {contract_id}: entry {_described(a)} leaves no lawful roster; "
            "without it one holds"
            for a in blamed
        ]
    if not suspects:
        return [f"contract {contract_id}: no lawful roster holds from the given date"]
    listed = ", ".join(_described(a) for a in suspects)
    return [f"contract {contract_id}: no lawful roster holds around entries {listed} together"]


def _described(a: Abstraction) -> str:
    days = a.first_date.isoformat()
    if a.last_date != a.first_date:
        days += f" to {a.last_date.isoformat()}"
    tour = "" if a.start is None or a.end is None else f" {a.start:%H:%M}-{a.end:%H:%M}"
    return f"{a.id} ({a.officer_id} {a.kind} {days}{tour})"


def normalised(table: pd.DataFrame) -> pd.DataFrame:
    """The roster table as ``change_notice`` compares it: extension columns present, text
    cells as text, sorted by contract, officer and date."""
    return _normalised(table)


def _normalised(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for column in EXTRA_COLUMNS:
        out[column] = out[column].fillna("").astype(str) if column in out else ""
    for column in ("shift", "start", "end", "event"):
        out[column] = out[column].fillna("").astype(str)
    out["date"] = out["date"].astype(str)
    out["hours"] = out["hours"].astype(float)
    return (
        out[[*COLUMNS, *EXTRA_COLUMNS]]
        .sort_values(["contract_id", "officer_id", "date"], kind="stable")
        .reset_index(drop=True)
    )


def _release_voided(
    table: pd.DataFrame, live: list[Abstraction], from_date: date
) -> tuple[pd.DataFrame, dict[str, list[date]]]:
    """Days from ``from_date`` that the published roster gives to an entry no longer live
    (voided since): unmarked, so they are rostered afresh rather than pinned as they stand,
    and listed per contract. Without this a voided sickness stayed SICK for good."""
    stale = voided_rows(table, live) & (table["date"] >= from_date.isoformat())
    released: dict[str, list[date]] = {}
    for cid, day in zip(table.loc[stale, "contract_id"], table.loc[stale, "date"], strict=True):
        released.setdefault(cid, []).append(date.fromisoformat(day))
    if released:
        table = table.copy()
        table.loc[stale, ["event", "kind", "abstraction_id"]] = ""
    return table, released


def _abstracted_days(
    base: pd.DataFrame, table: pd.DataFrame, from_date: date
) -> dict[str, list[date]]:
    differs = (
        (base["state"] != table["state"])
        | (base["start"] != table["start"])
        | (base["end"] != table["end"])
    )
    rows = table[differs & (table["date"] >= from_date.isoformat())]
    out: dict[str, list[date]] = {}
    for cid, day in zip(rows["contract_id"], rows["date"], strict=True):
        out.setdefault(cid, []).append(date.fromisoformat(day))
    return out


def _reroster_contract(
    scenario: Scenario,
    contract_id: str,
    base: pd.DataFrame,
    table: pd.DataFrame,
    days: list[date],
    from_date: date,
    notified: date,
    time_limit: float,
    seed: int,
    weights: Weights,
) -> pd.DataFrame | None:
    contract = scenario.contract(contract_id)
    aid_plan = plan_aid(scenario)
    rows = table[table["contract_id"] == contract_id]
    for before, after in WINDOWS:
        first = max(from_date, min(days) - timedelta(before), scenario.start)
        last = min(max(days) + timedelta(after), scenario.end)
        pins = _pins(scenario, rows, first, last)
        baseline, weights_by_day = _baseline(
            base, contract_id, first, last, notified, scenario, weights
        )
        compiled = compile_contract(
            scenario,
            contract,
            aid_plan,
            weights,
            pins=pins,
            baseline=baseline,
            change_weights=weights_by_day,
        )
        solved = _solve_window(compiled, base, first, last, time_limit, seed)
        if solved is not None:
            return to_table(contract_rows(compiled, solved))
        if first <= max(from_date, scenario.start) and last >= scenario.end:
            break
    return None


def _solve_window(
    compiled: CompiledContract,
    base: pd.DataFrame,
    first: date,
    last: date,
    time_limit: float,
    seed: int,
):  # noqa: ANN202 - a Solution
    """Solve days first..last+TAIL with the published days before as history; the other
    days keep their pins, so the full-horizon assignment is the pins plus this window."""
    index = {day: d for d, day in enumerate(compiled.days)}
    a, b = index[first], min(len(compiled.days) - 1, index[last] + TAIL)
    history = {
        m.id: [_pinned_code(compiled, m.id, d) for d in range(a)] for m in compiled.problem.staff
    }
    sub = restrict(compiled.problem, a, b, history, {m.id: 0 for m in compiled.problem.staff})
    sub = replace(
        sub,
        staff=tuple(
            replace(
                m,
                min_free_days_off=_rest_owed(compiled, base, m.id, a, b),
                max_free_days_off=_rest_owed(compiled, base, m.id, a, b),
            )
            for m in sub.staff
        ),
    )
    sol = solve(sub, time_limit=time_limit, seed=seed, workers=1, deterministic_time=time_limit)
    if not sol.feasible:
        return None
    full = {
        m.id: [
            *history[m.id],
            *sol.assignment[m.id],
            *[_pinned_code(compiled, m.id, d) for d in range(b + 1, len(compiled.days))],
        ]
        for m in compiled.problem.staff
    }
    return replace(sol, assignment=full)


def _pinned_code(compiled: CompiledContract, officer_id: str, d: int) -> str | None:
    pin = compiled.settled.get((officer_id, d))
    return None if pin is None or pin.tour is None else pin.tour.code


def _rest_owed(
    compiled: CompiledContract, base: pd.DataFrame, officer_id: str, a: int, b: int
) -> int:
    """Rest days the window must hold: as many as published in it (a rest day an
    abstraction took is re-rostered inside the window), less those still pinned."""
    days = {compiled.days[d].isoformat() for d in range(a, b + 1)}
    rows = base[(base["officer_id"] == officer_id) & base["date"].isin(days)]
    published = int((rows["state"] == REST).sum())
    pinned = sum(
        1
        for d in range(a, b + 1)
        if (p := compiled.settled.get((officer_id, d))) is not None and p.state == REST
    )
    return max(0, published - pinned)


def _pins(scenario: Scenario, rows: pd.DataFrame, first: date, last: date) -> dict:
    """Every officer-day outside first..last as it stands; abstracted days inside too."""
    pins: dict[tuple[str, date], Pin] = {}
    lo, hi = first.isoformat(), last.isoformat()
    for r in rows.itertuples(index=False):
        inside = lo <= r.date <= hi
        if inside and not r.abstraction_id:
            continue
        day = date.fromisoformat(r.date)
        pins[(r.officer_id, day)] = _pin_of(scenario, r, day)
    return pins


def _pin_of(scenario: Scenario, r, day: date) -> Pin:  # noqa: ANN001 - a roster row
    marks = {
        "event": r.event,
        "kind": r.kind,
        "abstraction_id": int(r.abstraction_id) if r.abstraction_id else None,
    }
    if r.state not in DUTY_STATES:
        return Pin(r.state, None, **marks)
    if r.state == "DUTY":
        return Pin("DUTY", _council_tour(scenario, r.shift))
    if r.state == "HDD_AID" and not r.abstraction_id:
        return Pin("HDD_AID", _aid_tour(scenario, day), r.event)
    start = datetime.fromisoformat(r.start)
    end = datetime.fromisoformat(r.end)
    tour = one_off_tour(
        day, start.time().replace(tzinfo=None), end.time().replace(tzinfo=None), r.event
    )
    return Pin(r.state, tour, **marks)


def _council_tour(scenario: Scenario, code: str):  # noqa: ANN202
    from scheduler.rules.tours import council_tours

    return next(t for t in council_tours(scenario) if t.code == code)


def _aid_tour(scenario: Scenario, day: date):  # noqa: ANN202
    from scheduler.rules.tours import Tour

    hdd = next(h for h in scenario.high_demand_days() if h.date == day)
    return Tour(aid_tour_code(day), hdd.start, hdd.end, aid_day=day, event=hdd.name)


def _baseline(
    base: pd.DataFrame,
    contract_id: str,
    first: date,
    last: date,
    notified: date,
    scenario: Scenario,
    weights: Weights,
) -> tuple[dict, dict]:
    rows = base[
        (base["contract_id"] == contract_id)
        & (base["date"] >= first.isoformat())
        & (base["date"] <= last.isoformat())
    ]
    window_end = notified + timedelta(days=scenario.rules.notice_days)
    baseline, costs = {}, {}
    for r in rows.itertuples(index=False):
        day = date.fromisoformat(r.date)
        code = None
        if r.state == "DUTY":
            code = r.shift
        elif r.state == "HDD_AID":
            code = aid_tour_code(day)
        baseline[(r.officer_id, day)] = code
        costs[(r.officer_id, day)] = (
            weights.change_in_notice if day <= window_end else weights.change
        )
    return baseline, costs


def _replace_contract(table: pd.DataFrame, contract_id: str, new: pd.DataFrame) -> pd.DataFrame:
    kept = table[table["contract_id"] != contract_id]
    return _normalised(pd.concat([kept, new], ignore_index=True))


# --- the change notice ----------------------------------------------------------------


def clear_days(notified: date, day: date) -> int:
    """Clear days' notice: neither the day of notice nor the day worked counts."""
    return max(0, (day - notified).days - 1)


def change_notice(
    base: pd.DataFrame, new: pd.DataFrame, from_date: date, notified: date, scenario: Scenario
) -> pd.DataFrame:
    """Every officer-day from ``from_date`` that differs, with notice and compensation."""
    merged = base.merge(new, on=["officer_id", "date"], suffixes=("_was", "_now"))
    merged = merged[merged["date"] >= from_date.isoformat()]
    differs = (
        (merged["state_was"] != merged["state_now"])
        | (merged["start_was"] != merged["start_now"])
        | (merged["end_was"] != merged["end_now"])
    )
    rows = []
    for r in merged[differs].itertuples(index=False):
        day = date.fromisoformat(r.date)
        notice = clear_days(notified, day)
        rows.append(
            {
                "officer_id": r.officer_id,
                "contract_id": r.contract_id_now,
                "date": r.date,
                "was": _describe(r.state_was, r.shift_was, r.start_was, r.end_was),
                "now": _describe(r.state_now, r.shift_now, r.start_now, r.end_now),
                "clear_days_notice": notice,
                "compensation": compensation(
                    r.state_was, r.state_now, float(r.hours_now), notice, scenario
                ),
                "reason": r.event_now if r.abstraction_id_now else "",
            }
        )
    columns = [
        "officer_id",
        "contract_id",
        "date",
        "was",
        "now",
        "clear_days_notice",
        "compensation",
        "reason",
    ]
    return pd.DataFrame(rows, columns=columns)


def _describe(state: str, shift: str, start: str, end: str) -> str:
    if not start:
        return state
    a = datetime.fromisoformat(start).strftime("%H:%M")
    b = datetime.fromisoformat(end).strftime("%H:%M")
    label = f" {shift}" if shift else ""
    return f"{state}{label} {a}-{b}"


def compensation(was: str, now: str, hours: float, notice: int, scenario: Scenario) -> str:
    """Police Regulations Annex G: what working a rest day or public holiday earns."""
    r = scenario.rules
    if now not in DUTY_STATES:
        return ""
    if was == "REST":
        if notice < r.rest_day_notice_days:
            paid = max(r.rest_day_minimum_hours, hours)
            return (
                f"rest day cancelled at {notice} clear days' notice: time and a half, "
                f"{paid:g} h at x{r.rest_day_overtime_rate:g}"
            )
        return (
            f"re-rostered rest day, to be notified within {r.rerostered_rest_day_within_days} days"
        )
    if was == "PUBLIC_HOLIDAY":
        if notice < r.public_holiday_notice_days:
            return "public holiday worked at short notice: double time plus a day in lieu"
        return "public holiday worked: double time"
    return ""
