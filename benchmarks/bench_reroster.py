"""Re-roster benchmark: how much a re-roster disturbs a published roster.

    python benchmarks/bench_reroster.py scenarios/tower-hamlets.toml --roster th/roster.csv
    python benchmarks/bench_reroster.py scenarios/tower-hamlets.toml --roster th/roster.csv \\
        --month 2026-05,2026-08,2026-11,2027-02 --cases 5 --seed 1

Without ``--month``: the single-entry cases (one operational abstraction on a duty day,
and one with its own times on a rest day). With ``--month`` (one or more, comma-separated):
``--cases`` generated sets per month of
``--entries`` entries (sickness spells, leave, training, court, operational and emergency
aid, of varied lengths, with and without times of their own) on random officers of the
scenario's contracts in that month, re-rostered from a day a few days to a few weeks before
the first of them. Each case reports, as JSON lines:

- ``entry_days``: officer-days the entries changed (their own days),
- ``beyond``: officer-days changed beyond the entries' own days, and ``per_entry_day``,
- ``rest_days_worked``: rest days turned into duty beyond the entries' own days (each moved
  elsewhere), and ``rest_cancelled_in_notice`` those at less than ``rest_day_notice_days``
  clear days' notice (paid at time and a half),
- the checker's breaches of the result (must be 0), wall time and status;

then a summary line: cases, how many found no lawful roster (INFEASIBLE names the entry),
the worst and overall changed officer-days beyond the entries' own per entry day, rest days
cancelled inside the notice window, breaches, median and worst wall time. ``--kinds``
limits the kinds generated (e.g. to compare with a version that had no leave entries).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time as clock
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd

from scheduler.check import check_roster, read_roster_csv
from scheduler.roster.reroster import clear_days, reroster
from scheduler.scenario import Scenario, load_scenario
from scheduler.store.entries import Abstraction
from scheduler.table import DUTY_STATES

KINDS = ("sickness", "leave", "training", "court", "operational", "emergency_aid")


@dataclass(frozen=True)
class Case:
    entries: list[Abstraction]
    from_date: date
    notified: date


def generated_cases(
    scenario: Scenario,
    published: pd.DataFrame,
    month: str,
    count: int,
    entries: int,
    seed: int,
    kinds: tuple[str, ...] = KINDS,
) -> Iterator[Case]:
    """``count`` sets of ``entries`` entries in ``month`` (YYYY-MM), each applicable to the
    published roster (an entry keeping the rostered tour falls on a duty day)."""
    rng = random.Random(seed)
    first = date.fromisoformat(f"{month}-01")
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    state = {
        (str(r.officer_id), str(r.date)): str(r.state)
        for r in published[["officer_id", "date", "state"]].itertuples(index=False)
    }
    officers = sorted(published["officer_id"].unique())
    for _ in range(count):
        chosen = rng.sample(officers, min(entries, len(officers)))
        made: list[Abstraction] = []
        for n, officer in enumerate(chosen, start=1):
            entry = _entry(rng, n, officer, scenario, state, first, last, kinds)
            if entry is not None:
                made.append(entry)
        if not made:
            continue
        start = min(e.first_date for e in made)
        notified = max(scenario.start, start - timedelta(days=rng.randint(2, 30)))
        yield Case(made, notified + timedelta(days=1), notified)


def _entry(
    rng: random.Random,
    n: int,
    officer: str,
    scenario: Scenario,
    state: dict[tuple[str, str], str],
    first: date,
    last: date,
    kinds: tuple[str, ...],
) -> Abstraction | None:
    contract = scenario.officer(officer).contract
    kind = rng.choice(kinds)
    length = {
        "sickness": rng.randint(1, 10),
        "leave": rng.randint(2, 12),
        "training": rng.randint(1, 5),
        "court": 1,
        "operational": rng.randint(1, 2),
        "emergency_aid": 1,
    }[kind]
    for _ in range(50):  # a day the entry can be applied on
        day = first + timedelta(days=rng.randint(0, (last - first).days))
        days = [day + timedelta(days=k) for k in range(length)]
        states = [state.get((officer, d.isoformat())) for d in days]
        if None in states or any(s not in ("DUTY", "REST") for s in states):
            continue  # not in post, past the horizon, or already leave / aid
        own_times = kind in ("training", "emergency_aid") or rng.random() < 0.4
        if kind in ("sickness", "leave"):
            own_times = False
        if not own_times and kind not in ("sickness", "leave") and "REST" in states:
            continue  # keeping the rostered tour needs one on every day
        times = (time(9), time(17)) if kind == "training" else (time(8), time(18))
        start, end = times if own_times else (None, None)
        return Abstraction(
            n,
            officer,
            contract,
            days[0],
            days[-1],
            kind,
            f"generated {kind}",
            "Insp Bench",
            days[0],
            datetime(2026, 1, 1, 9),
            start,
            end,
        )
    return None


def measure(
    scenario: Scenario, published: pd.DataFrame, case: Case, time_limit: float
) -> dict[str, object]:
    started = clock.perf_counter()
    result = reroster(
        scenario, published, case.entries, case.from_date, case.notified, time_limit=time_limit
    )
    seconds = clock.perf_counter() - started
    own = {(e.officer_id, d.isoformat()) for e in case.entries for d in e.days()}
    changes = result.changes
    keys = list(zip(changes["officer_id"], changes["date"], strict=True))
    is_own = pd.Series([k in own for k in keys], index=changes.index, dtype=bool)
    beyond = changes[~is_own]
    notice = scenario.rules.rest_day_notice_days
    worked = beyond[
        (beyond["was"] == "REST") & beyond["now"].str.split(" ").str[0].isin(DUTY_STATES)
    ]
    cancelled = worked[worked["clear_days_notice"] < notice]
    entry_days = int(is_own.sum())
    breaches = len(check_roster(scenario, result.table).breaches) if result.feasible else -1
    return {
        "entries": [
            f"{e.officer_id} {e.kind} {e.first_date}..{e.last_date}"
            + ("" if e.start is None else f" {e.start:%H:%M}-{e.end:%H:%M}")
            for e in case.entries
        ],
        "from": case.from_date.isoformat(),
        "status": result.status,
        "seconds": round(seconds, 2),
        "entry_days": entry_days,
        "changed": len(changes),
        "officers_changed": int(changes["officer_id"].nunique()),
        "beyond": len(beyond),
        "per_entry_day": round(len(beyond) / max(1, entry_days), 2),
        "rest_days_worked": len(worked),
        "rest_cancelled_in_notice": len(cancelled),
        "breaches": breaches,
        "clear_days_first_entry": clear_days(
            case.notified, min(e.first_date for e in case.entries)
        ),
    }


def single_entry(scenario: Scenario, published: pd.DataFrame, day: date, on_rest_day: bool) -> Case:
    state = "REST" if on_rest_day else "DUTY"
    candidates = published[(published["date"] == day.isoformat()) & (published["state"] == state)]
    officer = str(candidates["officer_id"].iloc[0])
    times = (time(8), time(18)) if on_rest_day else (None, None)
    entry = Abstraction(
        1,
        officer,
        scenario.officer(officer).contract,
        day,
        day,
        "operational",
        "Op benchmark: public order",
        "Insp Bench",
        day - timedelta(6),
        datetime(2026, 9, 1, 9),
        *times,
    )
    return Case([entry], day - timedelta(5), day - timedelta(6))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario")
    parser.add_argument("--roster", required=True, help="a published roster.csv")
    parser.add_argument("--date", default="2026-09-16", help="day of the single abstraction")
    parser.add_argument("--on-rest-day", action="store_true")
    parser.add_argument("--month", help="YYYY-MM[,YYYY-MM...]: generated entry sets in each")
    parser.add_argument("--kinds", default=",".join(KINDS), help="kinds to generate")
    parser.add_argument("--cases", type=int, default=5)
    parser.add_argument("--entries", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=10.0)
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    published = read_roster_csv(args.roster)
    kinds = tuple(args.kinds.split(","))
    if args.month:
        cases = [
            case
            for n, month in enumerate(args.month.split(","))
            for case in generated_cases(
                scenario, published, month, args.cases, args.entries, args.seed + n, kinds
            )
        ]
    else:
        day = date.fromisoformat(args.date)
        cases = [single_entry(scenario, published, day, args.on_rest_day)]
    results = []
    for case in cases:
        results.append(measure(scenario, published, case, args.time_limit))
        print(json.dumps(results[-1]))
        sys.stdout.flush()
    print(json.dumps(summary(results)))


def summary(results: list[dict[str, object]]) -> dict[str, object]:
    solved = [r for r in results if r["status"] in ("OPTIMAL", "FEASIBLE")]
    seconds = sorted(float(str(r["seconds"])) for r in results)

    def total(key: str) -> int:
        return sum(int(str(r[key])) for r in solved)

    return {
        "cases": len(results),
        "no_lawful_roster": len(results) - len(solved),
        "worst_per_entry_day": max((float(str(r["per_entry_day"])) for r in solved), default=0),
        "beyond_per_entry_day": round(total("beyond") / max(1, total("entry_days")), 2),
        "changed": total("changed"),
        "rest_days_worked": total("rest_days_worked"),
        "rest_cancelled_in_notice": total("rest_cancelled_in_notice"),
        "breaches": total("breaches"),
        "seconds_median": seconds[len(seconds) // 2] if seconds else None,
        "seconds_max": seconds[-1] if seconds else None,
    }


if __name__ == "__main__":
    main()
