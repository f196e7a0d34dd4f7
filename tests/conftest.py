"""Shared test set-up. Helpers that tests import by name live in tests/support (on
sys.path through pytest's ``pythonpath`` and mypy's ``mypy_path``, in pyproject.toml); a
helper imported from a test folder or a conftest would be a module mypy cannot name. No test
folder may be named like a package it tests (pytest puts tests/ on sys.path, and a
tests/calendars folder would shadow the calendars package)."""

import os
import resource
import signal
from collections.abc import Generator
from typing import Any

import pytest
from hypothesis import settings

# The suite is a gate: the property tests try the same examples on every run, so a red run
# is a change's doing, not the draw's. S92_HYPOTHESIS=explore draws new ones (and finds
# what the fixed draw misses: run it before a release and after touching a reader).
# No deadline: an example's wall time on a loaded machine says nothing of the code (a
# 280 ms example on a busy CI machine failed the suite as "flaky").
settings.register_profile("suite", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None)
settings.load_profile(os.environ.get("S92_HYPOTHESIS", "suite"))


def _draws_independent_of_the_modules_imported() -> None:
    """Hypothesis (6.131 on) mixes into its draws constants it reads from every local
    module imported so far, so even derandomized the examples depended on which tests ran
    first: the money property test passed alone and failed after tests/web, which imports
    scheduler.web and its constants. Drawing without them, a test's examples are its own."""
    from hypothesis.internal.conjecture import providers

    if hasattr(providers, "_get_local_constants"):  # older Hypothesis has no such pool
        none = providers.Constants()
        providers._get_local_constants = lambda: none
        providers.CONSTANTS_CACHE.cache.clear()


_draws_independent_of_the_modules_imported()


def _commands_interruptible() -> None:
    """A suite started in the background of a script (``pytest &``) inherits Ctrl-C
    ignored, as nohup leaves it, and so would every command a test runs as a process: the
    tests that press Ctrl-C on one would see it ignored. A handled signal is reset for a
    program it starts, so the commands get Ctrl-C as from a terminal."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


_commands_interruptible()


@pytest.fixture(autouse=True)
def _store_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Commands that open the default store (``$S92_DB``, else ./s92.db) open a temporary
    one, never a file in the repository; a test that sets S92_DB itself overrides this."""
    monkeypatch.setenv("S92_DB", str(tmp_path_factory.mktemp("store") / "s92.db"))


# --cpu-durations N: the N tests that took most CPU time (this process's and its waited-for
# children's: a command run as a process, a solver's worker), with each file's total. Unlike
# --durations (wall clock), what a test costs does not change with the machine's load, so
# the list finds the tests to make cheaper on a machine five engineers share.
def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--cpu-durations",
        type=int,
        default=None,
        metavar="N",
        help="list the N tests that used most CPU time, and each file's total (0: all)",
    )


def _cpu_seconds() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    if item.config.getoption("--cpu-durations") is None:
        return
    started = item.stash.get(_CPU_STARTED, None)
    if started is not None:
        # read on the controller from the report (xdist sends a worker's reports there)
        outcome.get_result().user_properties.append((f"cpu_{call.when}", _cpu_seconds() - started))
    if call.when != "teardown":
        item.stash[_CPU_STARTED] = _cpu_seconds()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.config.getoption("--cpu-durations") is not None:
        item.stash[_CPU_STARTED] = _cpu_seconds()


_CPU_STARTED = pytest.StashKey[float]()
_CPU_USED: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    used = dict(report.user_properties).get(f"cpu_{report.when}")
    if isinstance(used, float):
        _CPU_USED[report.nodeid] = _CPU_USED.get(report.nodeid, 0.0) + used


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    wanted = config.getoption("--cpu-durations")
    if wanted is None or not _CPU_USED:
        return
    ranked = sorted(_CPU_USED.items(), key=lambda kv: -kv[1])
    files: dict[str, float] = {}
    for nodeid, used in ranked:
        files[nodeid.split("::")[0]] = files.get(nodeid.split("::")[0], 0.0) + used
    write = terminalreporter.write_line
    write(f"CPU time: {sum(_CPU_USED.values()):.0f} s in all, {len(_CPU_USED)} tests")
    for nodeid, used in ranked[: wanted or None]:
        write(f"{used:8.1f}s {nodeid}")
    write("CPU time by file:")
    for name, used in sorted(files.items(), key=lambda kv: -kv[1])[: wanted or None]:
        write(f"{used:8.1f}s {name}")
