"""Re-roster benchmark: one operational abstraction, then ``reroster`` from the next day.

    python benchmarks/bench_reroster.py scenarios/tower-hamlets.toml --roster DIR/roster.csv

Reports the re-roster's wall time, how many officer-days changed besides the abstracted
one, and the independent checker's verdict on the result.
"""

from __future__ import annotations

import argparse
import json
import time as clock
from datetime import date, datetime, time, timedelta

from scheduler.check import check_roster, read_roster_csv
from scheduler.roster.reroster import reroster
from scheduler.scenario import load_scenario
from scheduler.store.entries import Abstraction


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario")
    parser.add_argument("--roster", required=True, help="a published roster.csv")
    parser.add_argument("--date", default="2026-09-16", help="day of the abstraction")
    parser.add_argument(
        "--on-rest-day",
        action="store_true",
        help="abstract an officer on a rest day with an 08:00-18:00 tour",
    )
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    published = read_roster_csv(args.roster)
    day = date.fromisoformat(args.date)
    state = "REST" if args.on_rest_day else "DUTY"
    candidates = published[(published["date"] == day.isoformat()) & (published["state"] == state)]
    officer = candidates["officer_id"].iloc[0]
    times = (time(8), time(18)) if args.on_rest_day else (None, None)
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
    started = clock.perf_counter()
    result = reroster(scenario, published, [entry], day - timedelta(5), day - timedelta(6))
    seconds = clock.perf_counter() - started
    others = result.changes[
        ~((result.changes["officer_id"] == officer) & (result.changes["date"] == day.isoformat()))
    ]
    print(
        json.dumps(
            {
                "scenario": scenario.name,
                "officer": officer,
                "date": day.isoformat(),
                "seconds": round(seconds, 2),
                "status": result.status,
                "changed_officer_days": len(result.changes),
                "changed_besides_the_abstraction": len(others),
                "breaches": len(check_roster(scenario, result.table).breaches),
            }
        )
    )


if __name__ == "__main__":
    main()
