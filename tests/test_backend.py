"""Backends: the local process pool and a real Dask cluster give the same results, in order,
with live progress forwarded to the caller."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from operator import neg
from pathlib import Path

import pandas as pd
import pytest
from roster_fixtures import small_scenario

from scheduler import backend as backends
from scheduler.accounting.sweep import Rates, horizon_period, prepare, sweep
from scheduler.backend import DaskBackend, LocalBackend, backend_for
from scheduler.check import check_roster
from scheduler.cli import main
from scheduler.errors import COMMAND_LINE, InputError
from scheduler.roster.run import SolveSettings, roster_scenario

distributed = pytest.importorskip("distributed")

SETTINGS = SolveSettings(time_limit=4, seed=7, workers=1)
SCENARIO = small_scenario(end=date(2026, 10, 25))
HAVERING = Path(__file__).resolve().parents[1] / "scenarios" / "havering.toml"


@pytest.fixture(scope="module")
def cluster():  # a LocalCluster
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as running:
        yield running


@pytest.fixture(scope="module")
def local_roster() -> pd.DataFrame:
    result = roster_scenario(SCENARIO, SETTINGS)
    assert result.feasible
    assert check_roster(SCENARIO, result.table).breaches == []
    return result.table


def _shout(item: int, emit) -> int:  # the backend's emit
    emit("seen", item)
    return item * 10


def test_local_backend_keeps_order_and_forwards_progress() -> None:
    seen: list[tuple[str, int]] = []
    with LocalBackend(2) as backend:
        assert backend.map(neg, [3, 1, 2]) == [-3, -1, -2]
        assert backend.map(_shout, [3, 1, 2], lambda *a: seen.append(a)) == [30, 10, 20]
    assert sorted(seen) == [("seen", 1), ("seen", 2), ("seen", 3)]


def test_one_process_runs_here() -> None:
    seen: list[tuple[str, int]] = []
    assert LocalBackend(1).map(_shout, [4], lambda *a: seen.append(a)) == [40]
    assert seen == [("seen", 4)]


def test_backend_for_without_scheduler_is_local() -> None:
    backend = backend_for(None, 3)
    assert isinstance(backend, LocalBackend)
    assert backend.parallelism == 3


def test_cluster_roster_is_the_local_roster(cluster, local_roster: pd.DataFrame) -> None:
    progress: list[str] = []
    with DaskBackend(cluster.scheduler_address) as backend:
        assert backend.parallelism == 1
        assert backend.map(neg, [2, 5]) == [-2, -5]
        result = roster_scenario(
            SCENARIO, SETTINGS, lambda cid, p: progress.append(cid), backend=backend
        )
    assert result.feasible
    assert check_roster(SCENARIO, result.table).breaches == []
    pd.testing.assert_frame_equal(result.table, local_roster)
    assert set(progress) <= {"A", "B"}
    assert progress  # the solver's progress came back


def test_cluster_sweep_is_the_local_sweep(cluster, local_roster: pd.DataFrame) -> None:
    base = prepare(local_roster, SCENARIO, horizon_period(SCENARIO), Rates(0.1, 0.1), 9)
    ticks: list[int] = []
    with DaskBackend(cluster.scheduler_address) as backend:
        remote = sweep(base, 12, backend, ticks.append)
    local = sweep(base, 12, LocalBackend(2))
    pd.testing.assert_frame_equal(remote.runs, local.runs)
    assert sum(ticks) == 12


def test_missing_dask_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(InputError, match=r"--scheduler.*pip install -e '\.\[cluster\]'"):
        backend_for("tcp://127.0.0.1:8786", 1)


def test_unreachable_scheduler_exits_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(backends, "CONNECT_SECONDS", 1)
    args = ["roster", str(HAVERING), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "--scheduler" in err[0]
    assert "cannot reach" in err[0]


def _nap(seconds: float) -> float:  # a job that outlives its worker
    time.sleep(seconds)
    return seconds


def _in_thread(call: Callable[[], object], within: float) -> BaseException | object:
    """``call()``'s result or exception, which must come within ``within`` seconds (the
    old backend waited for ever)."""
    box: list[BaseException | object] = []

    def target() -> None:
        try:
            box.append(call())
        except BaseException as exc:  # handed to the test
            box.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(within)
    assert box, f"still waiting after {within} s"
    return box[0]


def test_a_scheduler_with_no_workers_is_one_line_not_a_wait(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(backends, "CONNECT_SECONDS", 1)
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=None) as empty:
        outcome = _in_thread(lambda: DaskBackend(empty.scheduler_address).map(neg, [1]), 30)
    assert isinstance(outcome, InputError)
    [line] = outcome.lines()
    assert "--scheduler" in line
    assert "no workers" in line


def test_a_cluster_that_loses_its_workers_mid_run_is_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(backends, "CONNECT_SECONDS", 1)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as running:
        backend = DaskBackend(running.scheduler_address)

        def stop_workers() -> None:
            # once a job runs on the worker (not after a fixed sleep, which a busy machine
            # can spend before the import check ends), so the jobs are lost mid-run
            with distributed.Client(running.scheduler_address) as watcher:
                waited = time.monotonic() + 90
                while time.monotonic() < waited and not any(
                    str(key).startswith("_nap")
                    for keys in watcher.processing().values()
                    for key in keys
                ):
                    time.sleep(0.1)
            running.scale(0)  # the workers close, their jobs unfinished

        threading.Thread(target=stop_workers, daemon=True).start()
        outcome = _in_thread(lambda: backend.map(_nap, [300.0, 300.0]), 120)
        backend.close()
    assert isinstance(outcome, InputError)
    [line] = outcome.lines()
    assert "--scheduler" in line
    assert "0 of 2 came back" in line


def test_a_worker_that_cannot_import_the_jobs_is_one_line_not_a_wait(
    cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The jobs' module is importable here but not on the worker (s92 not installed where
    the workers run): the worker logged its own traceback and the jobs waited for ever.
    Now one line names the scheduler, the worker and the module it lacks."""
    (tmp_path / "s92_only_here.py").write_text("def job(n):\n    return n + 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))  # here only: the worker started before
    import s92_only_here  # type: ignore[import-not-found]

    backend = DaskBackend(cluster.scheduler_address)
    try:
        outcome = _in_thread(lambda: backend.map(s92_only_here.job, [1, 2]), 60)
    finally:
        backend.close()
    assert isinstance(outcome, InputError)
    [line] = outcome.lines()
    assert line.startswith(f"{COMMAND_LINE}: --scheduler: the Dask worker tcp://")
    assert "cannot import s92_only_here (ModuleNotFoundError" in line
    assert "install s92 where the workers run" in line
    assert DaskBackend(cluster.scheduler_address).map(neg, [3]) == [-3]  # s92's own: fine
