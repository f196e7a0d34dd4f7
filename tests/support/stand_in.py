"""Stand-ins of passes that heed no clock, run in a forked child: the child is gone."""

from __future__ import annotations

import os
import time


def reaped(pid: int) -> None:
    """Wait until the process ``pid`` is gone (killed and reaped as soon as the machine
    runs the reaper; a busy machine may take a while)."""
    for _ in range(600):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
