"""Where independent jobs run: local processes (the default) or a Dask cluster.

A backend maps a top-level, picklable ``fn`` over ``items`` and returns the results in
the order of ``items``. With ``progress``, each call is ``fn(item, emit)``: whatever the
job passes to ``emit(*args)``, wherever it runs, reaches ``progress(*args)`` in the calling
process (a manager queue locally, a ``distributed.Queue`` on a cluster). Without it the
call is ``fn(item)``.

Locally the items are not pickled where ``fork`` is there: the pool's workers are forked
once the items are in place, and each call carries only an item's place (London's 27 jobs
each hold the scenario: 10 MB pickled and read back, a CPU-second, before the first ran).

Dask is an optional extra (``pip install -e '.[cluster]'``), imported only when a
scheduler address is given.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import pickle
import queue as stdlib_queue
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from multiprocessing import Manager
from types import TracebackType
from typing import Any, NamedTuple, Protocol, Self

from scheduler.errors import COMMAND_LINE, InputError

Emit = Callable[..., None]
POLL_SECONDS = 0.2  # how often the caller forwards queued progress while jobs run
CONNECT_SECONDS = 10  # give up on an unreachable Dask scheduler after this long
_FORK = "fork" in multiprocessing.get_all_start_methods()
# a local map's items while its pool runs, by the map's key: its forked workers have them
_INHERITED: dict[int, Sequence[Any]] = {}
_KEYS = itertools.count()


class Backend(Protocol):
    @property
    def parallelism(self) -> int:
        """How many items run at once (to size batches)."""
        ...

    def map(
        self, fn: Callable[..., Any], items: Sequence[Any], progress: Emit | None = None
    ) -> list[Any]:
        """``[fn(item) ...]`` (or ``fn(item, emit)`` with ``progress``), in order."""
        ...

    def close(self) -> None: ...


class _Closing:
    """Context manager support: ``with backend_for(...) as backend:``."""

    def close(self) -> None:
        return None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


class LocalBackend(_Closing):
    """A process pool on this machine; one item or one process runs in this process."""

    def __init__(self, processes: int) -> None:
        self.processes = max(1, processes)

    @property
    def parallelism(self) -> int:
        return self.processes

    def map(
        self, fn: Callable[..., Any], items: Sequence[Any], progress: Emit | None = None
    ) -> list[Any]:
        processes = min(self.processes, len(items))
        if processes <= 1:  # no pool start-up cost, and progress is a plain call
            return [_call(fn, item, progress) for item in items]
        if not _FORK:
            return self._map(fn, items, progress, processes, None)
        key = next(_KEYS)
        _INHERITED[key] = items  # before the pool forks its workers
        try:
            places = [_Inherited(key, i) for i in range(len(items))]
            return self._map(fn, places, progress, processes, multiprocessing.get_context("fork"))
        finally:
            del _INHERITED[key]

    def _map(
        self,
        fn: Callable[..., Any],
        items: Sequence[Any],
        progress: Emit | None,
        processes: int,
        context: Any,  # a multiprocessing context, None for the default
    ) -> list[Any]:
        if progress is None:
            with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
                return list(pool.map(_plain_call, itertools.repeat(fn), items))
        with (
            Manager() as manager,
            ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool,
        ):
            queue = manager.Queue()
            futures: list[Future] = [pool.submit(_queued_call, fn, item, queue) for item in items]
            while not all(f.done() for f in futures):
                _drain(queue, progress, wait=POLL_SECONDS)
            _drain(queue, progress, wait=0)
            return [f.result() for f in futures]


class _Inherited(NamedTuple):
    """An item's place in a local map's items, which a forked worker has already."""

    key: int
    at: int


def _item(item: Any) -> Any:
    return _INHERITED[item.key][item.at] if isinstance(item, _Inherited) else item


class DaskBackend(_Closing):
    """Jobs submitted to a running Dask scheduler (``dask scheduler`` + ``dask worker``)."""

    def __init__(self, address: str) -> None:
        distributed = _import_distributed(address)
        _quiet(distributed)
        self.address = address
        self.importable: set[str] = set()  # modules every worker was found to import
        try:
            self.client = distributed.Client(address, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError.one(
                COMMAND_LINE, "--scheduler", f"cannot reach the Dask scheduler: {exc}", address
            ) from None
        try:  # with no worker the jobs would wait for one for ever
            self.client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError):
            self.client.close()
            raise InputError.one(
                COMMAND_LINE,
                "--scheduler",
                f"the Dask scheduler has no workers (none joined in {CONNECT_SECONDS} s; "
                f"start one with: dask worker {address})",
                address,
            ) from None

    @property
    def parallelism(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def map(
        self, fn: Callable[..., Any], items: Sequence[Any], progress: Emit | None = None
    ) -> list[Any]:
        if not items:
            return []
        self._workers_import(fn.__module__)
        if progress is None:
            futures = [self.client.submit(fn, item, pure=False) for item in items]
            return self._results(futures, None)
        from distributed import Queue

        name = f"s92-progress-{uuid.uuid4().hex}"
        queue = Queue(name, client=self.client)
        # the name, not the Queue: the scheduler unpickles task arguments, and a Queue
        # unpickled there waits on the scheduler's own event loop for ever
        futures = [self.client.submit(_pickled_call, fn, item, name, pure=False) for item in items]
        try:
            return self._results(futures, lambda: _forward(queue.get(batch=True), progress))
        finally:
            queue.close()

    def _workers_import(self, module: str) -> None:
        """Refuse, in one line naming the scheduler, the worker and the module it lacks, a
        cluster whose workers cannot import the jobs' module (s92 not installed where they
        run, or one of its dependencies): a worker that cannot unpickle a job logs a
        traceback of its own, and the job waited for ever."""
        if module in self.importable:
            return
        # exec is a builtin: a worker without s92 can unpickle the question
        answers = self.client.run(exec, f"import {module}", on_error="return")
        lacking = sorted((w, a) for w, a in answers.items() if isinstance(a, BaseException))
        if lacking:
            worker, error = lacking[0]
            what = getattr(error, "name", None) or module
            raise InputError.one(
                COMMAND_LINE,
                "--scheduler",
                f"the Dask worker {worker} cannot import {what} ({type(error).__name__}: "
                f"{error}): install s92 where the workers run (pip install -e '.[cluster]') "
                "and restart them",
                self.address,
            )
        self.importable.add(module)

    def _results(self, futures: list[Any], forward: Callable[[], None] | None) -> list[Any]:
        """The futures' results in order, forwarding progress while they run. A cluster
        that has had no worker for ``CONNECT_SECONDS`` (all of them stopped or lost), or a
        job whose workers kept dying, is one line naming the scheduler, not a wait for ever;
        the jobs still queued are cancelled."""
        from distributed import KilledWorker, wait

        idle_since: float | None = None
        try:
            while not all(f.done() for f in futures):
                if forward is not None:
                    forward()
                idle_since = None if self.client.nthreads() else idle_since or time.monotonic()
                if idle_since is not None and time.monotonic() - idle_since > CONNECT_SECONDS:
                    raise self._lost(futures, f"no workers for {CONNECT_SECONDS} s")
                time.sleep(POLL_SECONDS)
            if forward is not None:
                wait(futures)
                forward()  # a task's puts end before it does
            return self.client.gather(futures)
        except KilledWorker as exc:
            raise self._lost(futures, f"the workers running a job died ({exc})") from None
        except (OSError, CancelledError):  # the scheduler went away (its jobs cancelled)
            raise self._lost(futures, "lost the connection to the scheduler") from None
        finally:
            pending = [f for f in futures if not f.done()]
            if pending:
                with contextlib.suppress(Exception):  # the cluster may be gone already
                    self.client.cancel(pending)

    def _lost(self, futures: list[Any], why: str) -> InputError:
        back = sum(1 for f in futures if f.status == "finished")
        return InputError.one(
            COMMAND_LINE,
            "--scheduler",
            f"the Dask cluster stopped running the jobs: {why}; {back} of {len(futures)} came back",
            self.address,
        )

    def close(self) -> None:
        self.client.close()


def backend_for(scheduler_address: str | None, processes: int) -> LocalBackend | DaskBackend:
    """The Dask cluster at ``scheduler_address`` if given, else ``processes`` local ones."""
    if scheduler_address:
        return DaskBackend(scheduler_address)
    return LocalBackend(processes)


def _quiet(distributed: Any) -> None:
    """No log records from Dask's client in this process: a lost worker or scheduler is
    reported as one line (``DaskBackend._lost``), not as the client's tracebacks."""
    del distributed  # imported: its logging is configured
    for name in ("distributed", *sorted(logging.root.manager.loggerDict)):
        if name == "distributed" or name.startswith(("distributed.", "tornado")):
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def _import_distributed(address: str) -> Any:  # the module
    try:
        import distributed
    except ImportError:
        raise InputError.one(
            COMMAND_LINE,
            "--scheduler",
            "running on a Dask cluster needs the cluster extra: pip install -e '.[cluster]'",
            address,
        ) from None
    return distributed


def _call(fn: Callable[..., Any], item: Any, progress: Emit | None) -> Any:
    return fn(item) if progress is None else fn(item, progress)


def _plain_call(fn: Callable[..., Any], item: Any) -> Any:
    return fn(_item(item))


def _queued_call(fn: Callable[..., Any], item: Any, queue: Any) -> Any:
    return fn(_item(item), lambda *args: queue.put(args))


def _pickled_call(fn: Callable[..., Any], item: Any, queue_name: str) -> Any:
    from distributed import Queue

    queue = Queue(queue_name)  # on the worker, through its own client
    # pickled here so the scheduler, which relays the queue, only ever sees bytes
    return fn(item, lambda *args: queue.put(pickle.dumps(args)))


def _forward(batch: list[bytes], progress: Emit) -> None:
    for data in batch:
        progress(*pickle.loads(data))


def _drain(queue: Any, progress: Emit, wait: float) -> None:  # a manager queue
    try:
        args = queue.get(timeout=wait) if wait else queue.get_nowait()
        while True:
            progress(*args)
            args = queue.get_nowait()
    except stdlib_queue.Empty:
        return
