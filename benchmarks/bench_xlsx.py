"""Time writing roster.xlsx for London, reading it back and checking it.

    .venv/bin/python benchmarks/bench_xlsx.py [--repeat 5] [--baseline OLD_XLSX.py]

Uses ``scenarios/london.toml`` (330 officers, 24 contracts, FY2026) and the synthetic
5-on-2-off roster of ``bench_report.py`` (120,450 officer-days). Timed: ``write_roster_xlsx``
(what ``s92 roster`` runs), ``load_roster`` of the workbook and ``check_parsed`` of it (what
``s92 check`` and ``s92 publish`` run). ``--baseline`` names another writer module (e.g. an
earlier ``scheduler/export/xlsx.py`` saved with ``git show REV:scheduler/export/xlsx.py``);
its writes are timed in turn with this build's, so the two share the machine's load. Each
figure is wall time and the process's CPU time (steadier when other jobs share the cores).
openpyxl writes with lxml when it is installed; ``OPENPYXL_LXML=False`` turns it off.
Target: a London year written in seconds.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root
from benchmarks.bench_report import LONDON_TOML, synthetic_roster
from scheduler.check import CheckReport, RosterFile, check_parsed, load_roster
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.scenario import load_scenario


def _writer(path: str) -> Callable[..., Path]:
    spec = importlib.util.spec_from_file_location("baseline_xlsx", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    writer: Callable[..., Path] = module.write_roster_xlsx
    return writer


Timing = tuple[float, float]  # wall, CPU seconds
T = TypeVar("T")


def _timed(run: Callable[[], T]) -> tuple[Timing, T]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return (time.perf_counter() - wall, time.process_time() - cpu), result


def _summary(times: list[Timing]) -> str:
    walls, cpus = [t[0] for t in times], [t[1] for t in times]
    return (
        f"wall best {min(walls):.2f} s, median {statistics.median(walls):.2f} s; "
        f"CPU best {min(cpus):.2f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", help="another writer module to time alongside")
    args = parser.parse_args(argv)
    scenario = load_scenario(LONDON_TOML)
    roster = synthetic_roster(scenario)
    writers = {"this build": write_roster_xlsx}
    if args.baseline:
        writers["baseline"] = _writer(args.baseline)
    print(
        f"{scenario.name}: {len(scenario.officers)} officers, {len(roster):,} officer-days; "
        f"openpyxl {openpyxl.__version__}, lxml {'on' if openpyxl.LXML else 'off'}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    times: dict[str, list[Timing]] = {name: [] for name in writers}
    reads: list[Timing] = []
    checks: list[Timing] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "roster.xlsx"
        for _ in range(args.repeat):
            for name, write in writers.items():  # in turn, so both see the same load
                timing, _ = _timed(partial(write, roster, path, scenario))
                times[name].append(timing)
            write_roster_xlsx(roster, path, scenario)
            timing, loaded = _timed(lambda: load_roster(path, scenario))
            reads.append(timing)
            assert isinstance(loaded, RosterFile)
            parsed = loaded.parsed
            timing, report = _timed(partial(check_parsed, scenario, parsed))
            checks.append(timing)
        size = path.stat().st_size
    for name, measured in times.items():
        print(f"write roster.xlsx ({name}): {_summary(measured)}")
    print(f"workbook: {size / 1e6:.1f} MB; {len(loaded.table):,} rows read back")
    print(f"read roster.xlsx: {_summary(reads)}")
    assert isinstance(report, CheckReport)
    print(f"check it: {_summary(checks)} ({report.summary()})")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
