"""``s92 sweep`` and ``scheduler.accounting.sweep``: the Monte Carlo of abstraction risk.

One small roster (two contracts of four officers, three weeks of October 2026), solved
once with one worker and a fixed seed, verified by the independent checker."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from rich.console import Console
from roster_fixtures import small_scenario

from scheduler.accounting.sweep import (
    Rates,
    SweepBase,
    batches,
    draw,
    horizon_period,
    one_run,
    prepare,
    run_abstractions,
    run_report,
    run_table,
    sweep,
)
from scheduler.backend import LocalBackend
from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.commands.report import period_for
from scheduler.commands.sweep import print_sweep
from scheduler.export.roster_csv import write_roster_csv
from scheduler.export.sweep import penalty_chart, write_sweep
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.roster.run import SolveSettings, roster_scenario
from scheduler.scenario import Scenario, load_scenario
from scheduler.store import apply_abstractions

END = date(2026, 10, 25)
SETTINGS = SolveSettings(time_limit=4, seed=7, workers=1)
DEFAULT_RATES = Rates()
FIGURES = ["contract_id", "delivered_days", "penalty_gbp", "penalised_days", "other_absence_days"]

# small_scenario(end=END) as a file, for the command line
SMALL_TOML = """
[scenario]
name = "Small"
start = 2026-10-05
end = 2026-10-25

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[shift]]
code = "L"
start = "15:00"
end = "23:00"

[[shift]]
code = "N"
start = "22:00"
end = "07:00"
""" + "".join(
    f"""
[[contract]]
id = "{cid}"
council = "Council {cid}"
bcu = "EA"
start = 2026-01-05
posts = {{ constable = 3, sergeant = 1 }}
cover = [{{ days = ["Thu", "Fri", "Sat"], shift = "N", min = 1 }},
         {{ days = ["Mon", "Tue", "Wed"], shift = "E", min = 1 }}]

[[officer]]
id = "{cid}-S0"
contract = "{cid}"
rank = "sergeant"
"""
    + "".join(
        f"""
[[officer]]
id = "{cid}-C{i}"
contract = "{cid}"
rank = "constable"
service_years = {3 + i}
{'leave = ["2026-10-12/2026-10-16"]' if (cid, i) == ("A", 0) else ""}
"""
        for i in range(3)
    )
    for cid in ("A", "B")
)


@pytest.fixture(scope="module")
def planned() -> tuple[Scenario, pd.DataFrame]:
    scenario = small_scenario(end=END)
    result = roster_scenario(scenario, SETTINGS)
    assert result.feasible
    assert check_roster(scenario, result.table).breaches == []
    return scenario, result.table


@pytest.fixture(scope="module")
def files(
    planned: tuple[Scenario, pd.DataFrame], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("sweep")
    toml = folder / "small.toml"
    toml.write_text(SMALL_TOML)
    return toml, write_roster_csv(planned[1], folder / "roster.csv")


def base_of(
    planned: tuple[Scenario, pd.DataFrame], rates: Rates = DEFAULT_RATES, seed: int = 1
) -> SweepBase:
    scenario, table = planned
    return prepare(table, scenario, horizon_period(scenario), rates, seed)


def duty_days(table: pd.DataFrame) -> pd.Series:
    return table[table["state"] == "DUTY"].groupby("contract_id").size()


def test_toml_is_the_fixture_scenario(files: tuple[Path, Path]) -> None:
    loaded = load_scenario(files[0]).model_dump(exclude={"source"})
    assert loaded == small_scenario(end=END).model_dump(exclude={"source"})


def test_same_seed_same_runs_other_seed_other_runs(planned) -> None:
    first = sweep(base_of(planned, seed=3), 40)
    again = sweep(base_of(planned, seed=3), 40)
    other = sweep(base_of(planned, seed=4), 40)
    pd.testing.assert_frame_equal(first.runs, again.runs)
    assert not first.runs["delivered_days"].equals(other.runs["delivered_days"])


def test_runs_do_not_depend_on_batching_or_processes(planned) -> None:
    base = base_of(planned, Rates(0.1, 0.1))
    alone = sweep(base, 24)
    pooled = sweep(base, 24, LocalBackend(2))
    assert len(batches(base, 24, 2)) > 1
    pd.testing.assert_frame_equal(alone.runs, pooled.runs)


def test_percentiles_are_ordered(planned) -> None:
    summary = sweep(base_of(planned, Rates(0.05, 0.1)), 60).summary
    assert list(summary["runs"]) == [60, 60]
    for column in ("delivered_days", "penalty_gbp"):
        p5, p50, p95 = (summary[f"{column}_p{q}"] for q in (5, 50, 95))
        assert (p5 <= p50).all()
        assert (p50 <= p95).all()
        mean = summary[f"{column}_mean"]
        assert ((p5 <= mean) & (mean <= p95)).all()


def test_zero_rates_deliver_every_duty_day_without_penalty(planned) -> None:
    result = sweep(base_of(planned, Rates(0.0, 0.0)), 5)
    assert (result.runs["penalty_gbp"] == 0).all()
    duty = duty_days(planned[1])
    delivered = result.runs.groupby("contract_id")["delivered_days"].agg(["min", "max"])
    assert (delivered["min"] == duty).all()
    assert (delivered["max"] == duty).all()
    assert list(result.summary["planned_delivered_days"]) == list(duty)


def test_higher_rates_deliver_less(planned) -> None:
    low = sweep(base_of(planned, Rates(0.02, 0.03)), 30).runs
    high = sweep(base_of(planned, Rates(0.2, 0.3)), 30).runs
    # the same random numbers at both rates: run by run, the high rates abstract more
    assert (high["delivered_days"] <= low["delivered_days"]).all()
    assert high["delivered_days"].mean() < low["delivered_days"].mean()
    assert high["penalty_gbp"].mean() > low["penalty_gbp"].mean() > 0


def test_sickness_is_about_its_rate_and_comes_in_spells(planned) -> None:
    base = base_of(planned, Rates(0.0, 0.3, spell_days=3))
    sick = np.array([draw(base, run)[0] for run in range(300)])
    assert 0.22 < sick.mean() < 0.32  # overlapping spells lose a little
    starts = sick[:, 1:] & ~sick[:, :-1]
    assert 2 < sick[:, 1:].sum() / max(1, starts.sum()) < 4  # mean run of sick duty days


def test_fast_runs_are_the_delivery_report(planned) -> None:
    scenario, table = planned
    sick_penalised = scenario.model_copy(
        update={
            "contracts": (
                scenario.contracts[0].model_copy(
                    update={"penalised_kinds": ("operational", "sickness")}
                ),
                scenario.contracts[1],
            )
        }
    )
    for chosen in (scenario, sick_penalised):
        base = prepare(table, chosen, horizon_period(chosen), Rates(0.1, 0.15), 11)
        for run in range(4):
            fast = one_run(base, run)[FIGURES].reset_index(drop=True)
            full = run_report(base, run).summary[FIGURES].reset_index(drop=True)
            pd.testing.assert_frame_equal(fast, full, check_dtype=False, check_exact=True)


def test_draws_are_what_apply_abstractions_gives(planned) -> None:
    scenario, table = planned
    base = base_of(planned, Rates(0.1, 0.2))
    applied = apply_abstractions(table, run_abstractions(base, 2), scenario)
    direct = run_table(base, 2)
    assert (applied["state"].to_numpy() == direct["state"].to_numpy()).all()
    assert (applied["kind"].to_numpy() == direct["kind"].to_numpy()).all()
    assert (applied["state"] != table["state"]).sum() > 0


def test_cli_writes_summary_runs_and_chart(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    toml, roster = files
    out = tmp_path / "out"
    args = [
        "sweep",
        str(toml),
        "--runs",
        "25",
        "--out",
        str(out),
        "--roster",
        str(roster),
        "--seed",
        "5",
        "--operational-rate",
        "0.05",
        "--workers",
        "2",
    ]
    assert main(args) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(out / n) for n in ("sweep.csv", "runs.csv", "sweep.png")]
    summary, runs = pd.read_csv(out / "sweep.csv"), pd.read_csv(out / "runs.csv")
    assert list(summary["contract_id"]) == ["A", "B"]
    assert list(summary["runs"]) == [25, 25]
    assert {
        "delivered_days_p5",
        "delivered_days_p50",
        "delivered_days_p95",
        "penalty_gbp_p5",
        "penalty_gbp_p50",
        "penalty_gbp_p95",
        "penalty_gbp_mean",
    } <= set(summary.columns)
    assert len(runs) == 50
    assert set(runs["run"]) == set(range(25))
    assert (out / "sweep.png").read_bytes()[:4] == b"\x89PNG"
    # the same numbers again from the library, same seed
    scenario = load_scenario(toml)
    base = prepare(pd.read_csv(roster), scenario, horizon_period(scenario), Rates(0.05), 5)
    again = sweep(base, 25).runs
    assert list(again["delivered_days"]) == list(runs["delivered_days"])


def test_cli_rosters_first_without_roster(files: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "solved"
    args = [
        "sweep",
        str(files[0]),
        "--runs",
        "3",
        "--out",
        str(out),
        "--time-limit",
        "4",
        "--seed",
        "7",
        "--workers",
        "1",
        "--quiet",
    ]
    assert main(args) == 0
    scenario = load_scenario(files[0])
    assert check_roster(scenario, read_roster_csv(out / "roster.csv")).breaches == []
    assert len(pd.read_csv(out / "runs.csv")) == 6


@pytest.mark.parametrize(
    ("option", "value", "flag"),
    [
        ("--operational-rate", "1.5", "--operational-rate"),
        ("--sickness-rate", "-0.1", "--sickness-rate"),
        ("--spell-days", "0.5", "--spell-days"),
        ("--runs", "0", "--runs"),
        ("--seed", "-1", "--seed"),
        ("--period", "FY20x", "--period"),
    ],
)
def test_cli_bad_input_exits_2_naming_the_option(
    files: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    option: str,
    value: str,
    flag: str,
) -> None:
    toml, roster = files
    args = [
        "sweep",
        str(toml),
        "--runs",
        "10",
        "--out",
        str(tmp_path),
        "--roster",
        str(roster),
        option,
        value,
    ]
    try:
        code = main(args)
    except SystemExit as exc:  # refused by the option's type, with the usage above it
        code = int(str(exc.code))
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert flag in err[-1]
    assert value in err[-1]
    assert len(err) == 1 or err[0].startswith("usage:")


@pytest.mark.parametrize("period", ["2026-12", "FY2027", "Y3"])
def test_cli_period_outside_the_roster_exits_2(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture, period: str
) -> None:
    """A period the roster has no day of was swept to a table of zeros (delivered 0 days
    of 0, no penalty) with exit 0, where s92 explain refuses a month outside the roster."""
    toml, roster = files
    out = tmp_path / "out"
    argv = ["sweep", str(toml), "--runs", "2", "--out", str(out), "--roster", str(roster)]
    assert main([*argv, "--period", period, "--quiet"]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line == (
        f"<command line>: --period: no contract has a day of it in the roster, "
        f"2026-10-05 to 2026-10-25 (got '{period}')"
    )
    assert not (out / "sweep.csv").exists()


def test_the_printed_table_cuts_no_figure_on_a_narrow_console(planned) -> None:
    """On an 80-column console (or piped) the pound columns of a contract with vacant
    posts were cut to '368,2…': every figure is printed whole, wider than the console."""
    base = base_of(planned)
    result = sweep(base, 2)
    for column in ("penalty_gbp_p5", "penalty_gbp_p50", "penalty_gbp_p95"):
        result.summary[column] = 1_234_567.89
    result.summary["planned_delivered_days"] = 12_345
    buffer = io.StringIO()
    print_sweep(result, base, Console(file=buffer, width=80))
    text = buffer.getvalue()
    assert "…" not in text
    assert text.count("1,234,568") == 3 * len(result.summary)
    assert "12,345" in text


def test_cli_sweeps_the_workbook_as_the_csv(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    toml, roster = files
    scenario = load_scenario(toml)
    book = write_roster_xlsx(read_roster_csv(roster, scenario), tmp_path / "roster.xlsx", scenario)
    runs = {}
    for given in (roster, book):
        out = tmp_path / given.suffix[1:]
        argv = ["sweep", str(toml), "--runs", "6", "--out", str(out), "--roster", str(given)]
        assert main([*argv, "--seed", "3", "--workers", "1", "--quiet"]) == 0
        runs[given.suffix] = pd.read_csv(out / "runs.csv")
    capsys.readouterr()
    assert runs[".xlsx"]["delivered_days"].sum() > 0
    pd.testing.assert_frame_equal(runs[".xlsx"], runs[".csv"])


def test_cli_missing_roster_file_exits_2(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    missing = tmp_path / "nope.csv"
    args = ["sweep", str(files[0]), "--runs", "2", "--out", str(tmp_path), "--roster", str(missing)]
    assert main(args) == 2
    assert str(missing) in capsys.readouterr().err


def test_cli_roster_that_does_not_match_the_scenario_exits_2(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    # an unknown id or a stray date would miscount the officer-days a council expects
    toml, roster = files
    table = pd.read_csv(roster, dtype=str, keep_default_na=False)
    first = str(table.loc[0, "officer_id"])
    table.loc[0, "officer_id"] = "NOBODY"
    table.loc[1, "date"] = "2031-01-01"
    edited = tmp_path / "edited.csv"
    table.to_csv(edited, index=False)
    out = tmp_path / "out"
    args = ["sweep", str(toml), "--runs", "2", "--out", str(out), "--roster", str(edited)]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert any(f"{edited}: row 2, column officer_id: NOBODY " in e for e in err)
    assert any("not in the scenario" in e for e in err)
    assert any("2031-01-01" in e and "outside the horizon" in e for e in err)
    assert any(f"{edited}: {first} " in e and "no row for" in e for e in err)
    assert not out.exists()


@pytest.mark.parametrize(
    ("period", "label", "line"),
    [
        (None, "horizon", "Horizon: 5 Oct 2026 to 25 Oct 2026"),
        # the month as the roster holds it: from its first day to its last
        ("2026-10", "2026-10", "October 2026: 5 Oct 2026 to 25 Oct 2026"),
    ],
)
def test_sweep_csv_and_chart_name_their_period(
    planned: tuple[Scenario, pd.DataFrame],
    tmp_path: Path,
    period: str | None,
    label: str,
    line: str,
) -> None:
    scenario, table = planned
    chosen = horizon_period(scenario) if period is None else period_for(period, scenario)
    result = sweep(prepare(table, scenario, chosen, Rates(0.1, 0.1), 1), 5)
    write_sweep(result, tmp_path)
    summary = pd.read_csv(tmp_path / "sweep.csv", dtype=str)
    named = summary[["period", "period_start", "period_end"]].to_numpy().tolist()
    assert named == [[label, "2026-10-05", "2026-10-25"]] * 2
    assert penalty_chart(result).get_suptitle().splitlines()[1] == line
    # runs.csv too, after the columns it had (read by position, they stay where they were)
    runs = pd.read_csv(tmp_path / "runs.csv", dtype=str)
    assert list(runs.columns[:7]) == [
        "run",
        "contract_id",
        "council",
        "delivered_days",
        "penalty_gbp",
        "penalised_days",
        "other_absence_days",
    ]
    assert list(runs.columns[7:]) == ["period", "period_start", "period_end"]
    assert len(runs) == 10
    assert runs[["period", "period_start", "period_end"]].drop_duplicates().to_numpy().tolist() == [
        [label, "2026-10-05", "2026-10-25"]
    ]
