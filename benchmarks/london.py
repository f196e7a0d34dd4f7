"""London in one minute: ``s92 roster scenarios/london.toml`` as a user runs it, timed.

    python benchmarks/london.py [--cases idle60,pinned60,idle20,together] [--seed 0]
                                [--scenario FILE]

Cases (each a fresh ``s92 roster`` process, one after the other):

- ``idle60``: ``--time-limit 60`` on every core this process may use;
- ``pinned60``: the same pinned to one core (``taskset -c 0``);
- ``idle20``: ``--time-limit 20``;
- ``pinned20``: the same pinned to one core;
- ``together``: boroughs alone and together (``--contracts``), 60 s each: Tower Hamlets
  alone, with Westminster, and with Westminster and Hammersmith & Fulham, to show what
  adding a borough costs the others.

Each prints, per contract: cover delivered as a share of the cover bound (the most any
lawful roster could deliver, ``scheduler.core.bounds``) and the objective's gap; and for
the run: wall seconds, CPU seconds (the command and its children: what the run needs of a
core, steadier than the wall when other work shares the cores), peak memory of the process tree (the command and its solver
processes together, sampled every 0.25 s), and the load average before and after. The
whole script takes about 5 x 70 s. Exit status 1 if a case breaks its target (95 % of the
bound for every contract at 60 s, 85 % at 20 s; wall within the limit + 5 %).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
S92 = [sys.executable, "-m", "scheduler"]
SCENARIO = ROOT / "scenarios" / "london.toml"


@dataclass
class Case:
    name: str
    limit: float
    target: float  # every contract's cover at least this share of its bound
    pinned: bool = False
    contracts: tuple[str, ...] = ()


@dataclass
class Result:
    case: str
    wall: float
    peak_mb: float
    load: tuple[float, float]
    cover_of_bound: dict[str, float] = field(default_factory=dict)
    gap: dict[str, float | None] = field(default_factory=dict)
    exit_code: int = 0
    cpu: float = 0.0  # CPU seconds of the command and its children (steady under load)


CASES = {
    "idle60": [Case("idle60", 60, 0.95)],
    "pinned60": [Case("pinned60", 60, 0.95, pinned=True)],
    "idle20": [Case("idle20", 20, 0.85)],
    "pinned20": [Case("pinned20", 20, 0.85, pinned=True)],
    "together": [
        Case("TOW alone", 60, 0.95, contracts=("TOW-PP",)),
        Case("TOW+WST", 60, 0.95, contracts=("TOW-PP", "WST-PP")),
        Case("TOW+WST+HAF", 60, 0.95, contracts=("TOW-PP", "WST-PP", "HAF-PP")),
    ],
}


def _tree_rss(root: int) -> int:
    """Resident kB of ``root`` and every process below it (through /proc's children
    lists, so sampling costs the run next to nothing)."""
    total, frontier = 0, [root]
    while frontier:
        pid = frontier.pop()
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    frontier += [int(child) for child in f.read().split()]
        except OSError:  # gone meanwhile
            continue
    return total


def run_case(case: Case, seed: int, scenario: Path = SCENARIO) -> Result:
    with tempfile.TemporaryDirectory(prefix="s92-london-") as out:
        command = [*S92, "roster", str(scenario), "--time-limit", str(case.limit)]
        command += ["--seed", str(seed), "--quiet", "--out", out]
        if case.contracts:
            command += ["--contracts", ",".join(case.contracts)]
        if case.pinned:
            command = ["taskset", "-c", "0", *command]
        before = os.getloadavg()[0]
        used = _children_cpu()
        began = time.monotonic()
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.25):
                peak = max(peak, _tree_rss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, errors = process.communicate()
        wall = time.monotonic() - began
        done.set()
        sampler.join()
        load = (before, os.getloadavg()[0])
        result = Result(case.name, wall, peak / 1024, load, exit_code=process.returncode)
        result.cpu = _children_cpu() - used
        _read_summary(errors, result)
        return result


def _children_cpu() -> float:
    """CPU seconds of this process's children that have ended (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _read_summary(text: str, result: Result) -> None:
    """Each contract's cover of bound and gap from the summary table ``s92 roster`` prints
    (columns: contract, officers, cover, cover bound, of bound, HDD aid, objective, gap)."""
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("\u2502")]
        if len(cells) < 10 or not cells[3].endswith(")") or not cells[5].endswith("%"):
            continue
        contract = cells[1]
        result.cover_of_bound[contract] = float(cells[5].rstrip("%")) / 100
        gap = cells[8].rstrip("%")
        result.gap[contract] = None if gap == "-" else float(gap) / 100


def report(case: Case, result: Result) -> bool:
    """Print the case's line and contracts; whether it met its targets."""
    shares = result.cover_of_bound
    worst = min(shares.values(), default=0.0)
    on_time = result.wall <= case.limit * 1.05 + 2
    met = result.exit_code == 0 and on_time and worst >= case.target
    print(
        f"{case.name}: wall {result.wall:.1f} s (limit {case.limit:g}), CPU {result.cpu:.1f} s,"
        f" peak {result.peak_mb:.0f} MB,"
        f" load {result.load[0]:.1f} -> {result.load[1]:.1f}, worst cover {100 * worst:.1f} %"
        f" of bound (target {100 * case.target:.0f} %): {'met' if met else 'NOT met'}"
    )
    for contract, share in sorted(shares.items()):
        gap = result.gap.get(contract)
        gap_text = "-" if gap is None else f"{100 * gap:.1f} %"
        print(f"    {contract:<8} cover {100 * share:5.1f} % of bound   gap {gap_text}")
    return met


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default="idle60,pinned60,idle20,together")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--scenario",
        type=Path,
        default=SCENARIO,
        help="another scenario (scenarios/generate_london.py --seed N makes London's like)",
    )
    args = parser.parse_args(argv)
    ok = True
    for name in args.cases.split(","):
        for case in CASES[name]:
            ok &= report(case, run_case(case, args.seed, args.scenario))
            sys.stdout.flush()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
