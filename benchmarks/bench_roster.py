"""Roster benchmark: wall time, solver gap, peak memory and the independent check.

    python benchmarks/bench_roster.py scenarios/havering.toml --time-limit 10
    python benchmarks/bench_roster.py scenarios/london.toml --time-limit 120

The solve alone, in this process (``benchmarks/london.py`` times the whole command).
Peak memory is the largest resident set of this process plus that of the largest solver
process (each contract is solved in a child process).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import time

from scheduler.check import check_roster
from scheduler.core.result import gap
from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.scenario import load_scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario")
    parser.add_argument("--time-limit", type=float, default=30)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    started = time.perf_counter()
    result = roster_scenario(
        scenario, SolveSettings(time_limit=args.time_limit, seed=args.seed, workers=args.workers)
    )
    seconds = time.perf_counter() - started
    breaches = check_roster(scenario, result.table).breaches if result.feasible else None
    objective = sum(o.objective or 0 for o in result.outcomes)
    bound = sum(o.bound or 0 for o in result.outcomes)
    cover_bound = sum(o.cover_bound or 0 for o in result.outcomes)
    worst = min((o.cover_of_bound or 0.0 for o in result.outcomes), default=0.0)
    peak_mb = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    ) / 1024
    wanted = sum(o.cover_wanted for o in result.outcomes)
    met = sum(o.cover_met for o in result.outcomes)
    print(
        json.dumps(
            {
                "scenario": scenario.name,
                "officers": len(scenario.officers),
                "contracts": len(scenario.contracts),
                "days": len(scenario.days),
                "time_limit": args.time_limit,
                "seconds": round(seconds, 1),
                "statuses": sorted({o.status for o in result.outcomes}),
                "objective": objective,
                "bound": bound,
                "gap_pct": round(100 * gap(objective, bound), 1),
                "cover_met_pct": round(100 * met / wanted, 1) if wanted else 100.0,
                "cover_of_bound_pct": round(100 * met / cover_bound, 1) if cover_bound else 100.0,
                "worst_contract_cover_of_bound_pct": round(100 * worst, 1),
                "hdd_filled": sum(o.hdd_filled for o in result.outcomes),
                "hdd_required": sum(o.hdd_required for o in result.outcomes),
                "breaches": None if breaches is None else len(breaches),
                "peak_rss_mb": round(peak_mb),
                "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
            }
        )
    )


if __name__ == "__main__":
    main()
