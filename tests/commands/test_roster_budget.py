"""``s92 roster``'s time budget: what the solve gets of --time-limit."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scheduler import cpuload
from scheduler.commands.roster import after_solve, free_cores, solve_budget
from scheduler.roster.run import SolveSettings
from scheduler.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
HAVERING = SCENARIOS / "havering.toml"


def test_the_solve_gets_the_limit_less_what_follows_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cpuload.os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    scenario = load_scenario(HAVERING)
    officer_days = len(scenario.officers) * len(scenario.days)
    for workers in (1, 2):
        began = time.monotonic()
        budget = solve_budget(SolveSettings(time_limit=30, workers=workers), scenario, began)
        kept = after_solve(officer_days, workers)
        assert 30 - kept - 1.0 < budget.time_limit <= 30 - kept
        assert budget.workers == workers


def test_with_one_core_the_workbook_and_the_check_take_turns() -> None:
    london = 120_450  # officer-days
    assert after_solve(london, 1) > after_solve(london, 2) > 0
    assert after_solve(london, 4) == after_solve(london, 2)


def test_a_short_limit_still_leaves_the_solve_half_of_it() -> None:
    london = load_scenario(SCENARIOS / "london.toml")
    assert after_solve(len(london.officers) * len(london.days), 1) > 5
    budget = solve_budget(SolveSettings(time_limit=10, workers=1), london, time.monotonic())
    assert budget.time_limit == 5


@pytest.mark.parametrize(
    ("cpu", "load", "free"),
    [(2, 0.2, 2), (2, 0.6, 1), (2, 1.0, 1), (2, 3.5, 1), (4, 1.2, 3), (1, 0.0, 1)],
)
def test_other_work_on_the_machine_leaves_fewer_cores_free(
    cpu: int, load: float, free: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cpuload.os, "getloadavg", lambda: (load, 0.0, 0.0))
    assert free_cores(cpu) == free


def test_on_a_busy_machine_the_solve_keeps_back_more(monkeypatch: pytest.MonkeyPatch) -> None:
    london = load_scenario(SCENARIOS / "london.toml")
    budgets = []
    for load in (0.1, 1.0):
        monkeypatch.setattr(cpuload.os, "getloadavg", lambda load=load: (load, 0.0, 0.0))
        began = time.monotonic()
        budgets.append(solve_budget(SolveSettings(time_limit=60, workers=2), london, began))
    idle, busy = (b.time_limit for b in budgets)
    officer_days = len(london.officers) * len(london.days)
    assert idle - busy == pytest.approx(
        after_solve(officer_days, 1) - after_solve(officer_days, 2), abs=0.5
    )


def test_cores_busy_elsewhere_are_what_the_kernel_counted_less_this_process() -> None:
    since = cpuload.CpuSample(wall=10.0, own=1.0, busy=5.0)
    # in 2 s the cores were busy 3.5 s, this process for 1.5 s of them: one core elsewhere
    assert cpuload.busy_elsewhere(since, cpuload.CpuSample(12.0, 2.5, 8.5)) == 1.0
    assert cpuload.busy_elsewhere(since, cpuload.CpuSample(10.1, 1.1, 5.2)) is None  # too short
    assert cpuload.busy_elsewhere(cpuload.CpuSample(10.0, 1.0, None)) is None  # no /proc/stat


def test_a_job_started_just_now_counts_as_busy_though_the_load_average_lags(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cpuload.os, "getloadavg", lambda: (0.0, 0.0, 0.0))  # an idle minute
    spin = "import time\nend = time.time() + 3\nwhile time.time() < end: pass"
    job = subprocess.Popen([sys.executable, "-c", spin])
    try:
        time.sleep(0.3)  # it is running
        since = cpuload.CpuSample.now()
        time.sleep(0.6)
        elsewhere = cpuload.busy_elsewhere(since)
        assert elsewhere is not None
        assert elsewhere >= 0.6  # the spinning job, most of a core
        assert free_cores(1, since) == 1  # never fewer than one
        if len(os.sched_getaffinity(0)) >= 2:
            cores = len(os.sched_getaffinity(0))
            assert free_cores(cores, since) <= cores - 1
        assert free_cores(2, None) == 2  # the lagging load average says idle
    finally:
        job.kill()
        job.wait()


def test_a_run_past_its_limit_says_so_and_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a machine too slow for the limit, made by moving the line a run may not cross
    from scheduler.cli import main
    from scheduler.commands import roster

    monkeypatch.setattr(roster, "OVERRUN_SECONDS", -60.0)
    args = ["roster", str(HAVERING), "--time-limit", "2", "--quiet", "--out", str(tmp_path)]
    assert main([*args, "--workers", "2"]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("note:")]
    assert len(notes) == 1
    assert "of --time-limit 2: " in notes[0]  # why: test_roster_overrun_note.py
    assert "on 2 cores" in notes[0]
    # with --workers 1 the limit is solver work, which a slow machine does not break
    assert main([*args, "--workers", "1"]) == 0
    assert "note: took" not in capsys.readouterr().err


def test_on_half_a_core_what_follows_the_solve_is_kept_back_twice_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # pinned to one core beside another busy job: the check and the files get half of it
    from scheduler.commands import roster

    london = load_scenario(SCENARIOS / "london.toml")
    officer_days = len(london.officers) * len(london.days)
    since = cpuload.CpuSample.now()
    budgets = []
    for elsewhere in (0.0, 0.5):
        monkeypatch.setattr(roster, "busy_elsewhere", lambda _since, e=elsewhere: e)
        began = time.monotonic()
        budgets.append(solve_budget(SolveSettings(time_limit=60, workers=1), london, began, since))
    idle, busy = (b.time_limit for b in budgets)
    assert idle - busy == pytest.approx(after_solve(officer_days, 1), abs=0.5)
    assert roster.core_share(1, since) == 0.5
    monkeypatch.setattr(roster, "busy_elsewhere", lambda _since: 7.5)  # many jobs on it
    assert roster.core_share(1, since) == roster.LEAST_SHARE


def test_a_run_past_its_limit_names_the_cores_other_work_took(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # pinned beside a busy job, the run had half its core: the note says so
    from scheduler.cli import main
    from scheduler.commands import roster

    monkeypatch.setattr(roster, "OVERRUN_SECONDS", -60.0)
    monkeypatch.setattr(roster, "busy_elsewhere", lambda _since: 0.5)
    args = ["roster", str(HAVERING), "--time-limit", "2", "--quiet", "--out", str(tmp_path)]
    assert main([*args, "--workers", "2"]) == 0
    said = " ".join(capsys.readouterr().err.split())  # the console wraps the note
    assert "on 2 cores here, other work taking 0.5 of them; a " in said  # why: overrun_note
    monkeypatch.setattr(roster, "busy_elsewhere", lambda _since: 0.02)  # idle: not said
    assert main([*args, "--workers", "2", "--out", str(tmp_path / "again")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "on 2 cores here; a " in said


def test_without_a_measure_of_its_cores_the_share_is_all_of_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the load average counts every core of the machine, not the one a run is pinned to
    from scheduler.commands import roster

    monkeypatch.setattr(cpuload.os, "getloadavg", lambda: (1.0, 1.0, 1.0))  # the other core
    assert roster.core_share(1, None) == 1.0
    monkeypatch.setattr(roster, "busy_elsewhere", lambda _since: None)  # too short to tell
    assert roster.core_share(2, cpuload.CpuSample.now()) == 2.0


def test_the_cores_are_measured_from_the_commands_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The share of its cores a run gets is measured from ``s92``'s start, its modules'
    loading included: from the scenario's loading alone (often under
    ``cpuload.MIN_STRETCH``) a run pinned beside a busy job could not tell, and kept back
    for the check and the files what they take on a whole core."""
    from scheduler import cli
    from scheduler.commands import roster

    parsing: list[float] = []
    measured: list[cpuload.CpuSample | None] = []
    real_parser, real_budget = cli.build_parser, roster.solve_budget

    def parser(*args, **kwargs):
        parsing.append(time.monotonic())
        return real_parser(*args, **kwargs)

    def budget(settings, scenario, began, since=None):
        measured.append(since)
        return real_budget(settings, scenario, began, since)

    monkeypatch.setattr(cli, "build_parser", parser)
    monkeypatch.setattr(roster, "solve_budget", budget)
    args = ["roster", str(HAVERING), "--time-limit", "1", "--quiet", "--out", str(tmp_path)]
    assert cli.main([*args, "--workers", "2"]) == 0
    (since,) = measured
    assert since is not None
    assert since.wall <= parsing[0]  # before the command's modules load
    # --workers 1 budgets solver work, the same on any machine: not by how busy it is
    assert cli.main([*args, "--workers", "1", "--out", str(tmp_path / "one")]) == 0
    assert measured[1] is None


def test_a_work_budget_is_the_same_however_long_the_loading_took() -> None:
    """--workers 1 budgets solver work: the same roster on any machine, so a busy one's
    slower start takes none of it (a wall-clock budget's share it does take)."""
    scenario = load_scenario(HAVERING)
    officer_days = len(scenario.officers) * len(scenario.days)
    slow_start = time.monotonic() - 5
    for workers, spent in ((1, 0.0), (2, 5.0)):
        settings = SolveSettings(time_limit=30, workers=workers)
        budget = solve_budget(settings, scenario, slow_start)
        kept = after_solve(officer_days, 1 if workers == 1 else free_cores(workers))
        assert budget.time_limit == pytest.approx(30 - spent - kept, abs=0.5)


def test_the_processs_age_is_read_from_its_start_in_clock_ticks_since_boot(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ticks = os.sysconf("SC_CLK_TCK")
    stat = tmp_path / "stat"
    # a command's name may hold spaces and brackets; the start time is the 22nd field
    fields = ["S", *["0"] * 18, str(50 * ticks), "0"]
    stat.write_text(f"4242 (python3 (s92) x) {' '.join(fields)}\n")
    monkeypatch.setattr(cpuload, "PROC_SELF_STAT", stat)
    monkeypatch.setattr(cpuload.time, "clock_gettime", lambda _clock: 53.5)
    assert cpuload.process_age() == pytest.approx(3.5)
    # a script that ran a minute, then ``exec s92``: its start is not the interpreter's
    monkeypatch.setattr(cpuload.time, "clock_gettime", lambda _clock: 110.0)
    assert cpuload.process_age() == 0.0
    monkeypatch.setattr(cpuload, "PROC_SELF_STAT", tmp_path / "none")  # not Linux
    assert cpuload.process_age() == 0.0


class _Stop(Exception):
    pass


def test_the_time_before_the_commands_clock_comes_out_of_its_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``s92``'s start-up before ``cli.main`` (the interpreter, its first imports: longer
    on a share of a core) is part of --time-limit: the solve's budget is what is left from
    the process's start, and the share of a core measured for the check and the files
    counts from it too."""
    from scheduler import cli
    from scheduler.commands import roster

    budgets: list[tuple[float, float]] = []
    marks: list[tuple[int, float, float] | None] = []
    real_budget, real_after = roster.solve_budget, roster.after_run

    def budget(settings, scenario, began, since=None):
        got = real_budget(settings, scenario, began, since)
        budgets.append((began, got.time_limit))
        return got

    def after(*args, **kwargs):
        marks.append(real_after(*args, **kwargs).since)
        raise _Stop  # the budget is all this test asks: no solve

    monkeypatch.setattr(roster, "solve_budget", budget)
    monkeypatch.setattr(roster, "after_run", after)
    # a stand-in for the cores (none busy elsewhere) and for the time before main
    monkeypatch.setattr(roster, "busy_elsewhere", lambda _since: 0.0)
    monkeypatch.setattr(roster, "load_average", lambda: 0.0)
    args = ["roster", str(HAVERING), "--time-limit", "40", "--quiet", "--workers", "2"]
    for age in (0.0, 6.0):
        monkeypatch.setattr(cli, "process_age", lambda age=age: age)
        before = time.monotonic()
        with pytest.raises(_Stop):
            cli.main([*args, "--out", str(tmp_path / str(age))], from_process_start=True)
        began = budgets[-1][0]
        assert before - age <= began <= time.monotonic() - age
        # the share of a core counted from the process's start, when it had had no CPU
        # (its start not known: from cli.main's first line, with the CPU it had then)
        mark = marks[-1]
        assert mark is not None
        assert mark[:2] == (os.getpid(), began)
        assert mark[2] == 0.0 if age else 0.0 < mark[2] <= time.process_time()
    assert budgets[0][1] - budgets[1][1] == pytest.approx(6.0, abs=1.0)


def test_a_command_run_from_a_program_counts_from_its_call(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``cli.main`` called from a program that started a moment ago (a test runner, a
    script importing s92) does not take the program's own start-up off --time-limit: only
    the installed ``s92`` counts from its process's start."""
    from scheduler import cli
    from scheduler.commands import roster

    began_at: list[float] = []

    def budget(settings, scenario, began, since=None):
        began_at.append(began)
        raise _Stop  # the budget's start is all this test asks: no solve

    monkeypatch.setattr(roster, "solve_budget", budget)
    monkeypatch.setattr(cli, "process_age", lambda: 4.0)  # the program's 4 s so far
    before = time.monotonic()
    with pytest.raises(_Stop):
        cli.main(["roster", str(HAVERING), "--time-limit", "2", "--quiet", "--out", str(tmp_path)])
    assert began_at
    assert began_at[0] >= before
