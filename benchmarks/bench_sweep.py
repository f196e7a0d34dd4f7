"""Time ``s92 sweep`` for London over FY2026: 200 Monte Carlo runs on the local backend.

    .venv/bin/python benchmarks/bench_sweep.py [--roster ROSTER.csv] [--runs 200]
        [--processes 2] [--repeat 3]

Uses ``scenarios/london.toml`` (330 officers, 24 contracts) and a solved roster: the
``--roster`` given, else ``/tmp/lead/lon/roster.csv`` or ``/tmp/sweep_lon/roster.csv``
(``s92 roster scenarios/london.toml --out /tmp/sweep_lon --time-limit 120``), else the
synthetic 5-on-2-off roster of ``bench_report.py`` (said so in the output). The roster
solve is not timed. Timed: the whole command as a user runs it with ``--roster`` (load
the scenario, read and check the CSV, index the plan, the runs, sweep.csv / runs.csv /
sweep.png), then its phases, and one run done by the full ``delivery_report`` against the
sweep's own per-run path. Target: <= 120 s on 2 cores.
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
from pathlib import Path

import pandas as pd

from scheduler.accounting.sweep import Rates, horizon_period, one_run, prepare, run_report, sweep
from scheduler.backend import LocalBackend
from scheduler.check import load_scoped_roster
from scheduler.cli import main as s92
from scheduler.export.sweep import write_sweep
from scheduler.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
LONDON_TOML = ROOT / "scenarios" / "london.toml"
SOLVED = (Path("/tmp/lead/lon/roster.csv"), Path("/tmp/sweep_lon/roster.csv"))
TARGET_SECONDS = 120.0


def roster_file(given: Path | None, folder: Path) -> tuple[Path, str]:
    """The roster CSV to sweep and where it came from."""
    for path in [given] if given else list(SOLVED):
        if path.exists():
            return path, f"solved roster {path}"
    sys.path.insert(0, str(ROOT))
    from benchmarks.bench_report import synthetic_roster  # a stand-in when no solved roster exists
    from scheduler.export.roster_csv import write_roster_csv

    path = write_roster_csv(synthetic_roster(load_scenario(LONDON_TOML)), folder / "roster.csv")
    return path, "synthetic 5-on-2-off roster (no solved roster found)"


def timed(repeat: int, run: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roster", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=92)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sweep_bench_") as tmp:
        folder = Path(tmp)
        roster_csv, origin = roster_file(args.roster, folder)
        scenario = load_scenario(LONDON_TOML)
        command = [
            "sweep",
            str(LONDON_TOML),
            "--runs",
            str(args.runs),
            "--out",
            str(folder / "out"),
            "--roster",
            str(roster_csv),
            "--seed",
            str(args.seed),
            "--workers",
            str(args.processes),
            "--quiet",
        ]

        def cli() -> None:
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                assert s92(command) == 0

        whole = timed(args.repeat, cli)
        roster = load_scoped_roster(roster_csv, scenario).table
        period = horizon_period(scenario)
        base = prepare(roster, scenario, period, Rates(), args.seed)
        backend = LocalBackend(args.processes)
        result = sweep(base, args.runs, backend)
        phases = {
            "read + check roster.csv": timed(
                args.repeat, lambda: load_scoped_roster(roster_csv, scenario)
            ),
            "index the plan (prepare)": timed(
                args.repeat, lambda: prepare(roster, scenario, period, Rates(), args.seed)
            ),
            f"{args.runs} runs, {args.processes} processes": timed(
                args.repeat, lambda: sweep(base, args.runs, backend)
            ),
            f"{args.runs} runs, this process": timed(args.repeat, lambda: sweep(base, args.runs)),
            "write sweep.csv/runs.csv/sweep.png": timed(
                args.repeat, lambda: write_sweep(result, folder / "w")
            ),
            "one run, sweep path": timed(args.repeat, lambda: one_run(base, 0)),
            "one run, full delivery_report": timed(args.repeat, lambda: run_report(base, 0)),
        }
    runs = len(roster)
    print(
        f"{scenario.name}: {len(scenario.contracts)} contracts, {len(scenario.officers)} "
        f"officers, {runs:,} roster rows, {len(base.duty):,} duty days; {origin}"
    )
    print(
        f"s92 {' '.join(command[:4])} --roster ...: best {min(whole):.2f} s, median "
        f"{statistics.median(whole):.2f} s of {len(whole)} (target <= {TARGET_SECONDS:.0f} s)"
    )
    for name, t in phases.items():
        print(f"  {name}: best {min(t):.3f} s, median {statistics.median(t):.3f} s")
    totals = result.runs.groupby("run")[["delivered_days", "penalty_gbp"]].sum()
    planned = result.planned
    print(
        f"  London totals: planned delivered {planned.delivered_days.sum():,} of "
        f"{planned.contracted_days.sum():,.0f} contracted; delivered p5/p50/p95 "
        + "/".join(f"{totals.delivered_days.quantile(q):,.0f}" for q in (0.05, 0.5, 0.95))
        + "; penalty p5/p50/p95 £"
        + "/£".join(f"{totals.penalty_gbp.quantile(q):,.0f}" for q in (0.05, 0.5, 0.95))
    )
    print(
        f"machine: {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}, pandas {pd.__version__}, {sys.platform}"
    )
    return 0 if statistics.median(whole) <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
