"""How many of the cores this process may use other work keeps busy, now.

The load average lags: a job started half a minute ago shows as half a core. So the cores
are measured over a stretch of this process's own life instead: the time the kernel
counts busy on them (``/proc/stat``, every process) less this process's own CPU time. Where
there is no ``/proc/stat``, or the stretch is too short to tell, the load average stands in.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

PROC_STAT = Path("/proc/stat")
PROC_SELF_STAT = Path("/proc/self/stat")
# seconds the interpreter's start may take before s92's first line, at most (tens of
# milliseconds on a core of its own, a tenth of that core: a few tenths of a second)
STARTUP_MOST = 5.0
MIN_STRETCH = 0.2  # seconds: over less, the kernel's ticks (10 ms) are too coarse
# /proc/stat's columns after the cpu name: user nice system idle iowait irq softirq steal
IDLE_COLUMNS = (3, 4)


@dataclass(frozen=True)
class CpuSample:
    wall: float  # time.monotonic()
    own: float  # this process's CPU seconds, every thread
    busy: float | None  # CPU seconds the cores it may use have been busy, every process

    @classmethod
    def now(cls) -> CpuSample:
        return cls(time.monotonic(), time.process_time(), _busy_seconds())


def busy_elsewhere(since: CpuSample, until: CpuSample | None = None) -> float | None:
    """Cores other processes kept busy from ``since`` to ``until`` (default now), on the
    cores this process may use; None if unknown or too short a stretch to tell."""
    until = until or CpuSample.now()
    stretch = until.wall - since.wall
    if since.busy is None or until.busy is None or stretch < MIN_STRETCH:
        return None
    others = (until.busy - since.busy) - (until.own - since.own)
    return max(0.0, others / stretch)


def process_age() -> float:
    """Seconds since this process started: the interpreter's own start-up and the imports
    before any clock of the program's could start (a tenth of a second at most on an idle
    machine, more on a busy one). From ``/proc/self/stat``'s start time, in clock ticks
    since the machine booted; 0 where there is none (not Linux), and 0 past
    ``STARTUP_MOST``: a process a script's ``exec`` turned into s92 started with the
    script, not with the interpreter."""
    try:
        after_name = PROC_SELF_STAT.read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        now = time.clock_gettime(time.CLOCK_BOOTTIME)
        # the fields after the command's name start at the third: the start time is the 22nd
        started = int(after_name[19]) / ticks
    except (OSError, IndexError, ValueError, AttributeError):
        return 0.0
    age = now - started
    return age if 0.0 <= age <= STARTUP_MOST else 0.0


def load_average() -> float | None:
    """The load average over the last minute (None where there is none)."""
    try:
        return os.getloadavg()[0]
    except OSError:  # pragma: no cover - no load average on this system
        return None


def _busy_seconds() -> float | None:
    try:
        lines = PROC_STAT.read_text().splitlines()
        mine = {f"cpu{i}" for i in os.sched_getaffinity(0)}
        ticks = os.sysconf("SC_CLK_TCK")
    except (OSError, AttributeError, ValueError):  # not Linux
        return None
    busy = 0
    for line in lines:
        name, *columns = line.split()
        if name in mine:
            counts = [int(c) for c in columns[:8]]
            busy += sum(c for i, c in enumerate(counts) if i not in IDLE_COLUMNS)
    return busy / ticks
