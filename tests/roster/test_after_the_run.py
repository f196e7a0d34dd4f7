"""What follows a run (``s92 roster``'s check and files) gets the wall time its CPU seconds
take at the share of a core the run's process measures while it solves: pinned to one
core beside another busy job, half a core makes them take twice as long on the clock, and
the jobs stop sooner for it."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

import pytest

from scheduler.roster import run
from scheduler.roster.run import AfterRun, Job, SolveSettings, make_jobs
from scheduler.scenario import load_scenario

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"
CHECK = 4.0  # CPU seconds of what follows the run


def _job(after: AfterRun) -> Job:
    """Havering's job with a minute to its deadline, the whole of it its part."""
    (job,) = make_jobs(load_scenario(HAVERING), SolveSettings(time_limit=60, workers=2))
    return dataclasses.replace(job, deadline=time.time() + 60, part=1.0, after=after)


def _had(share: float) -> tuple[int, float, float]:
    """A start ten seconds ago from which this process had ``share`` of a core."""
    return (os.getpid(), time.monotonic() - 10, time.process_time() - 10 * share)


def _limit(after: AfterRun) -> float:
    return run._job_config(_job(after), 0.0).time_limit


def test_on_half_a_core_the_jobs_keep_back_twice_the_cpu_seconds() -> None:
    plain = _limit(AfterRun())
    counted = _limit(AfterRun(CHECK, share=1.0, most=60, since=_had(1.0)))
    halved = _limit(AfterRun(CHECK, share=1.0, most=60, since=_had(0.5)))
    assert counted == pytest.approx(plain, abs=0.3)  # the budget counted on a whole core
    # the budget kept back 4 s; at half a core the check takes 8: 4 s more kept back
    assert plain - halved == pytest.approx(CHECK * run.SOLVE_SHARE, abs=0.3)


def test_a_share_larger_than_the_budget_counted_on_gives_the_time_back() -> None:
    plain = _limit(AfterRun())
    freer = _limit(AfterRun(CHECK, share=0.5, most=60, since=_had(1.0)))
    assert freer - plain == pytest.approx(CHECK * run.SOLVE_SHARE, abs=0.3)


def test_never_more_than_the_solve_may_give_up() -> None:
    plain = _limit(AfterRun())
    starved = _limit(AfterRun(CHECK, share=1.0, most=1.0, since=_had(0.05)))
    assert plain - starved == pytest.approx(1.0 * run.SOLVE_SHARE, abs=0.3)


def test_a_worker_process_measures_from_its_own_first_job(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the caller's start is another process's: this one counts from its first job, and
    # until it has run a while keeps back nothing more
    monkeypatch.setattr(run, "_WORKERS", {})
    elsewhere = (os.getpid() + 1, time.monotonic() - 10, 0.0)
    after = AfterRun(CHECK, share=1.0, most=60, since=elsewhere)
    assert after.extra() == 0.0
    assert os.getpid() in run._WORKERS
    # half a second on, busy all of it: a whole core, as the budget counted on
    wall, cpu = run._WORKERS[os.getpid()]
    run._WORKERS[os.getpid()] = (wall - 1.0, cpu - 1.0)
    assert after.extra() == pytest.approx(0.0, abs=0.3)
    # idle for it (another job had the core): the least share counted, not none
    run._WORKERS[os.getpid()] = (wall - 100.0, time.process_time())
    assert after.extra() == pytest.approx(CHECK / run.LEAST_SHARE - CHECK, abs=0.1)


def test_s92_roster_hands_its_run_what_follows_the_solve(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from scheduler.cli import main
    from scheduler.commands import roster

    given: list[AfterRun | None] = []
    real = roster.roster_scenario

    def spy(*args, after=None, **kwargs):
        given.append(after)
        return real(*args, after=after, **kwargs)

    monkeypatch.setattr(roster, "roster_scenario", spy)
    args = ["roster", str(HAVERING), "--time-limit", "2", "--quiet", "--out", str(tmp_path)]
    assert main([*args, "--workers", "1"]) == 0
    (after,) = given
    assert after is not None
    assert after.since is not None
    assert after.since[0] == os.getpid()  # measured in this process, from its start
    scenario = load_scenario(HAVERING)
    officer_days = len(scenario.officers) * len(scenario.days)
    assert after.cpu == roster.after_solve(officer_days, 1)
    assert 0 < after.share <= 1.0
