"""Time ``s92 report`` for London over FY2026 with a log of >= 5,000 abstractions.

    .venv/bin/python benchmarks/bench_report.py [--abstractions 5200] [--repeat 5]

Uses ``scenarios/london.toml`` (330 officers, 24 contracts). The roster is a plain 5-on-2-off pattern (no solver): weekly rotating tours,
leave on leave days, bank holidays off and HDD aid on High Demand Days. It is published to
a temporary store with the abstraction log (one-day entries on duty days: operational,
court, training, sickness and emergency aid); setting that up is not timed. Timed: the
whole command as a user runs it (load the scenario, read the store, apply the live
abstractions, the ledger, report.csv/monthly.csv/penalties.csv/report.xlsx/report.html
with charts).
Target: <= 3 s.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from datetime import time as dt_time
from pathlib import Path

import numpy as np
import pandas as pd

from calendars import bank_holidays, tour_interval
from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.cli import main as s92
from scheduler.export.report import ReportInfo, write_report
from scheduler.scenario import Scenario, load_scenario
from scheduler.store import NewAbstraction, Store, apply_abstractions
from scheduler.table import COLUMNS

ROOT = Path(__file__).resolve().parents[1]
LONDON_TOML = ROOT / "scenarios" / "london.toml"
TARGET_SECONDS = 3.0
KINDS = ("operational", "court", "training", "sickness", "emergency_aid")
KIND_WEIGHTS = (0.4, 0.15, 0.15, 0.2, 0.1)


def synthetic_roster(scenario: Scenario) -> pd.DataFrame:
    """One row per officer per day, built with whole-column operations."""
    days = pd.Series(pd.to_datetime(scenario.days))
    officers = scenario.officers
    n_days, n_officers = len(days), len(officers)
    i = np.repeat(np.arange(n_officers), n_days)
    n = np.tile(np.arange(n_days), n_officers)
    table = pd.DataFrame(
        {
            "officer_id": np.array([o.id for o in officers], dtype=object)[i],
            "contract_id": np.array([o.contract for o in officers], dtype=object)[i],
            "rank": np.array([o.rank for o in officers], dtype=object)[i],
            "date": days.dt.strftime("%Y-%m-%d").to_numpy()[n],
        }
    )
    codes = [s.code for s in scenario.shifts]
    shift = np.array(codes, dtype=object)[(n // 7 + i) % len(codes)]
    leave = {(o.id, d.isoformat()) for o in officers for d in o.leave_days()}
    on_leave = pd.MultiIndex.from_arrays([table["officer_id"], table["date"]]).isin(list(leave))
    hdds = {h.date.isoformat(): h for h in scenario.high_demand_days()}
    holidays = {
        d.isoformat(): name for d, name in bank_holidays(scenario.start, scenario.end).items()
    }
    rest = (n + i) % 7 >= 5
    state = np.select(
        [
            rest,
            on_leave,
            table["date"].isin(hdds).to_numpy(),
            table["date"].isin(holidays).to_numpy(),
        ],
        ["REST", "LEAVE", "HDD_AID", "PUBLIC_HOLIDAY"],
        default="DUTY",
    )
    table["state"] = state
    table["shift"] = np.where(state == "DUTY", shift, np.where(state == "HDD_AID", "AID", ""))
    tours = _tours(scenario, hdds)
    key = pd.Series(list(zip(table["date"], table["shift"], strict=True)))
    times = key.map(tours)
    worked = (state == "DUTY") | (state == "HDD_AID")
    table["start"] = np.where(worked, times.str[0], "")
    table["end"] = np.where(worked, times.str[1], "")
    table["hours"] = np.where(worked, times.str[2], 0.0).astype(float)
    table["event"] = np.where(
        state == "HDD_AID",
        table["date"].map({d: h.name for d, h in hdds.items()}),
        np.where(state == "PUBLIC_HOLIDAY", table["date"].map(holidays), ""),
    )
    return table[list(COLUMNS)]


def _tours(scenario: Scenario, hdds: dict) -> dict[tuple[str, str], tuple[str, str, float]]:
    tours = {}
    for day in scenario.days:
        for s in scenario.shifts:
            tours[day.isoformat(), s.code] = _tour(day, s.start, s.end)
    for text, h in hdds.items():
        tours[text, "AID"] = _tour(date.fromisoformat(text), h.start, h.end)
    return tours


def _tour(day: date, start: dt_time, end: dt_time) -> tuple[str, str, float]:
    a, b = tour_interval(day, start, end)
    hours = (b.timestamp() - a.timestamp()) / 3600
    return a.isoformat(timespec="seconds"), b.isoformat(timespec="seconds"), round(hours, 2)


def synthetic_log(roster: pd.DataFrame, count: int, seed: int = 92) -> list[NewAbstraction]:
    """``count`` one-day abstractions on distinct duty officer-days."""
    rng = np.random.default_rng(seed)
    duty = roster.index[roster["state"] == "DUTY"].to_numpy()
    picked = roster.loc[np.sort(rng.choice(duty, size=count, replace=False))]
    kinds = rng.choice(KINDS, size=count, p=KIND_WEIGHTS)
    entries = []
    for (officer, contract, day), kind in zip(
        picked[["officer_id", "contract_id", "date"]].itertuples(index=False),
        kinds,
        strict=True,
    ):
        when = date.fromisoformat(day)
        entries.append(
            NewAbstraction(
                officer,
                contract,
                when,
                when,
                str(kind),
                "benchmark",
                "BCU planner",
                when - timedelta(days=3),
            )
        )
    return entries


def timed(repeat: int, run: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--abstractions", type=int, default=5200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--period", default="FY2026")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        toml, scenario = LONDON_TOML, load_scenario(LONDON_TOML)
        began = time.perf_counter()
        roster = synthetic_roster(scenario)
        log = synthetic_log(roster, args.abstractions)
        db = tmp_path / "s92.db"
        with Store(db) as store:
            store.publish_roster(scenario.name, roster, note="benchmark")
            store.add_many(log)
            live = store.live_abstractions()
        setup = time.perf_counter() - began
        print(
            f"{scenario.name}: {len(scenario.contracts)} contracts, "
            f"{len(scenario.officers)} officers, {len(roster):,} roster rows, "
            f"{len(live):,} live abstractions (setup {setup:.1f} s, not timed)"
        )

        command = [
            "report",
            str(toml),
            "--period",
            args.period,
            "--out",
            str(tmp_path / "out"),
            "--db",
            str(db),
        ]

        def cli() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                assert s92(command) == 0

        whole = timed(args.repeat, cli)
        plan = apply_abstractions(roster, live, scenario)
        period = parse_period(args.period)

        def read_store() -> None:
            with Store(db) as store:
                store.latest_roster(scenario.name)
                store.live_abstractions([o.id for o in scenario.officers])

        phases = {
            "load scenario": timed(args.repeat, lambda: load_scenario(toml)),
            "read store": timed(args.repeat, read_store),
            "apply abstractions": timed(
                args.repeat, lambda: apply_abstractions(roster, live, scenario)
            ),
            "ledger": timed(args.repeat, lambda: delivery_report(plan, scenario, period)),
        }
        delivery = delivery_report(plan, scenario, period)
        phases["write csv/xlsx/html"] = timed(
            args.repeat,
            lambda: write_report(delivery, tmp_path / "w", ReportInfo(scenario.name, "benchmark")),
        )
        summary = delivery.summary
    print(
        f"s92 {' '.join(command[:4])}: best {min(whole):.2f} s, "
        f"median {statistics.median(whole):.2f} s of {len(whole)} (target <= "
        f"{TARGET_SECONDS:.0f} s)"
    )
    for name, t in phases.items():
        print(f"  {name}: best {min(t):.3f} s, median {statistics.median(t):.3f} s")
    print(
        f"  totals: delivered {summary.delivered_days.sum():,} of "
        f"{summary.contracted_days.sum():,.2f} contracted officer-days, penalised "
        f"{summary.penalised_days.sum():,}, penalty £{summary.penalty_gbp.sum():,.2f} in "
        f"{len(delivery.penalties):,} itemised penalties"
    )
    print(
        f"machine: {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}, pandas {pd.__version__}, {sys.platform}"
    )
    return 0 if statistics.median(whole) <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
