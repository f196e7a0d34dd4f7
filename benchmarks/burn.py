"""Another job on the machine, for measuring under load: busy for ``duty`` of every 100 ms.

    python3 benchmarks/burn.py 1.0 &               # one core kept busy
    taskset -c 0 python3 benchmarks/burn.py 0.5 &  # half of core 0

Stop it with ``kill``.
"""

from __future__ import annotations

import sys
import time

PERIOD = 0.1


def burn(duty: float) -> None:
    while True:
        began = time.monotonic()
        while time.monotonic() - began < PERIOD * duty:
            pass
        time.sleep(PERIOD * (1 - duty))


if __name__ == "__main__":
    burn(float(sys.argv[1]))
