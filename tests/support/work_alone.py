"""Solver work alone, no wall clock: for tests whose assertions depend on the roster a
seeded one-worker solve gives.

A one-worker solve is budgeted by CP-SAT work units and reproducible, with the wall clock
only a safety net (``scheduler.core.config.wall_for_work``; a re-roster's search has
``WALL_ALLOWANCE`` seconds per second of work). On a machine loaded enough (five test suites
on two cores) the net is reached and the solve stops early with another roster, or none,
so a test that expects the idle machine's roster fails for the load's sake
(``test_leave_booked_after_publication_keeps_its_published_rest_days`` did). Inside
``work_alone()`` the nets are far enough off never to be met before the work is done: a
loaded machine takes longer for the same roster."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

# seconds of wall clock per unit of work: a solve of a few units still ends within hours
# should CP-SAT ever ignore its work limit
FAR = 1000.0


@contextmanager
def work_alone() -> Iterator[None]:
    """Every one-worker solve and re-roster inside stops on its work budget alone."""
    from scheduler.core import config
    from scheduler.roster import reroster

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(config, "WALL_PER_WORK", FAR)
        patch.setattr(reroster, "WALL_ALLOWANCE", FAR)
        yield
