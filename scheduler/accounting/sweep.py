"""Monte Carlo of abstraction risk: how many officer-days each council may receive, and
what penalty the MPS may owe it, when officers are abstracted and go sick at random.

One roster is the plan. Each run draws, on the plan's DUTY days only:
- operational abstraction: each duty day independently with probability ``operational``
  (state ABSTRACTED, kind ``operational``: penalised unless the contract says otherwise);
- sickness in spells: a spell starts on a duty day with probability
  ``sickness / spell_days`` and lasts a geometric number of the officer's duty days with
  mean ``spell_days`` (state SICK), so about ``sickness`` of duty days are lost to it.
Sickness wins where both fall on one day. Rest days, leave and HDD aid are never touched,
so the HDD allowance and excess are those of the plan.

Each run's draws come from ``numpy.random.default_rng([seed, run])``: a run's result does
not depend on how runs are batched or where they execute. The draws use a fixed number of
random numbers per duty day whatever the rates (common random numbers), so for one seed
a higher rate abstracts a superset of the days a lower one does.

The plan is indexed once (``prepare``: its duty days, and its ledger built as
``delivery_report`` builds it). A run only moves its drawn days from delivered to
penalised or other absence, so ``one_run`` counts them with numpy and adds the exact daily
rates of the penalised ones: the figures ``delivery_report`` gives on the run's roster
(``run_table``, the states and kinds ``apply_abstractions`` gives, see
``run_abstractions``), to the penny, in a few milliseconds instead of ~0.2 s for London.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from fractions import Fraction

import numpy as np
import pandas as pd

from calendars import financial_year_of
from scheduler.accounting.delivery import (
    NEVER_PENALISED,
    Delivery,
    classify,
    coverage_of,
    delivery_report,
    in_window,
    report_window,
    unbought_bank_holiday,
)
from scheduler.accounting.ledger import DELIVERED, OTHER, PENALISED, ContractLedger
from scheduler.accounting.money import PENNY, as_money, half_up
from scheduler.accounting.periods import Period, Span
from scheduler.backend import Backend, LocalBackend
from scheduler.errors import COMMAND_LINE, InputError, Problem
from scheduler.scenario.model import Contract, Scenario
from scheduler.store.entries import Abstraction
from scheduler.table import state_for_kind

# UK police: about 8-9 sickness days per officer a year (Home Office workforce statistics);
# 3.5% of ~226 duty days is ~8. Operational abstraction: ~3 duty days a year (1.5%).
DEFAULT_OPERATIONAL_RATE = 0.015
DEFAULT_SICKNESS_RATE = 0.035
DEFAULT_SPELL_DAYS = 3.0
OPERATIONAL, SICKNESS = "operational", "sickness"
OPERATIONAL_STATE, SICK_STATE = state_for_kind(OPERATIONAL), state_for_kind(SICKNESS)
OPERATIONAL_REASON, SICKNESS_REASON = "sweep: operational", "sweep: sickness"
PERCENTILES = (5, 50, 95)


@dataclass(frozen=True)
class Rates:
    """Daily probabilities on duty days, and the mean length of a sickness spell."""

    operational: float = DEFAULT_OPERATIONAL_RATE
    sickness: float = DEFAULT_SICKNESS_RATE
    spell_days: float = DEFAULT_SPELL_DAYS

    def problems(self, source: str = COMMAND_LINE) -> list[Problem]:
        found = []
        for flag, value in (
            ("--operational-rate", self.operational),
            ("--sickness-rate", self.sickness),
        ):
            if not 0 <= value <= 1:
                found.append(Problem(source, flag, "must be a probability from 0 to 1", value))
        if not 1 <= self.spell_days < float("inf"):
            found.append(Problem(source, "--spell-days", "must be at least 1 day", self.spell_days))
        return found


@dataclass(frozen=True)
class Ledgers:
    """The plan's ledger per contract, and where each duty day of the plan lands in it.

    Per contract (scenario order): the plan's delivered, penalised and other-absence days,
    its vacancy refunds in the window (pennies) and its exact other penalties in each month
    of it (keyed by ``month_number``: they are rounded month by month), and whether an operational or a sickness day is
    penalised. Per duty position k (of ``SweepBase.duty``): the index of its contract (-1
    when the day is outside every report window, or the officer is not in post or not in
    the scenario) and of its daily rate in ``rates``; ``rate_contract`` and ``rate_month``
    are the contract and month each rate belongs to."""

    contract_ids: tuple[str, ...]
    councils: tuple[str, ...]
    delivered: np.ndarray
    penalised: np.ndarray
    other: np.ndarray
    penalty: tuple[dict[int, Fraction], ...]
    refunds: np.ndarray  # per contract: the window's vacancy refunds in pennies
    penalises_operational: np.ndarray
    penalises_sickness: np.ndarray
    contract: np.ndarray
    rate: np.ndarray
    rates: tuple[Fraction, ...]
    rate_contract: np.ndarray
    rate_month: np.ndarray
    # per duty position: a bank holiday its contract does not buy (an abstraction there
    # is an other absence, never penalised, as the report counts it)
    unbought: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


@dataclass(frozen=True)
class Draws:
    """All a run needs, and all that is shipped to the batches (no scenario, no table:
    about 1 MB for London). Duty days are positions 0..n-1 in officer and date order;
    ``officer_end[k]`` is one past the officer's last duty day (a spell stops there)."""

    seed: int
    rates: Rates
    officer_end: np.ndarray
    ledgers: Ledgers


@dataclass(frozen=True)
class SweepBase:
    """The plan, indexed once. ``table`` is the slim roster delivery_report reads
    (officer_id, date, state, kind); ``duty`` its DUTY rows in officer and date order (the
    positions of ``draws``); ``planned`` the delivery report summary of the plan."""

    scenario: Scenario
    period: Period
    table: pd.DataFrame
    duty: np.ndarray
    draws: Draws
    planned: pd.DataFrame
    notes: tuple[str, ...]

    @property
    def seed(self) -> int:
        return self.draws.seed

    @property
    def rates(self) -> Rates:
        return self.draws.rates


@dataclass(frozen=True)
class Batch:
    draws: Draws
    runs: range


@dataclass(frozen=True)
class SweepResult:
    """``runs``: one row per run and contract; ``summary``: one row per contract;
    ``planned``: the delivery report summary of the plan; ``notes``: period clips."""

    runs: pd.DataFrame
    summary: pd.DataFrame
    planned: pd.DataFrame
    notes: tuple[str, ...]
    period: str = ""  # the period in words (``Period.name``), as the chart's title names it


def horizon_period(scenario: Scenario) -> Period:
    """The roster horizon as a report period: its financial year when it is exactly one,
    else each contract's term cut to the roster (delivery_report clips to the data)."""
    fy = financial_year_of(scenario.start)
    if (fy.start, fy.end) == (scenario.start, scenario.end):
        return Period("financial_year", fy.label, year=fy.year)
    return Period("term", "horizon")


def prepare(
    roster: pd.DataFrame, scenario: Scenario, period: Period, rates: Rates, seed: int
) -> SweepBase:
    """Index the plan once: its duty days, its ledger and its own delivery report.
    ``roster`` is any roster table (text or typed dates, with or without ``kind``)."""
    problems = rates.problems()
    if seed < 0:
        problems.append(Problem(COMMAND_LINE, "--seed", "must be 0 or more", seed))
    if problems:
        raise InputError(problems)
    table = _slim(roster)
    officer = table["officer_id"].cat.codes.to_numpy()
    order = np.lexsort((table["date"].to_numpy(), officer))
    duty = order[table["state"].to_numpy()[order] == "DUTY"]
    planned = delivery_report(table, scenario, period)
    draws = Draws(
        seed, rates, _group_ends(officer[duty]), plan_ledgers(table, scenario, period, duty)
    )
    return SweepBase(scenario, period, table, duty, draws, planned.summary, planned.notes)


def _slim(roster: pd.DataFrame) -> pd.DataFrame:
    """The four columns the ledger reads, dates parsed, officer ids categorical (small to
    ship to workers)."""
    kinds = roster["kind"].astype(object).fillna("").astype(str) if "kind" in roster else ""
    dates = pd.to_datetime(roster["date"].astype(str).str[:10], errors="coerce")
    if dates.isna().any():
        bad = roster["date"][dates.isna().to_numpy()].iloc[0]
        raise InputError.one("roster", "date", "not a date YYYY-MM-DD", bad)
    return pd.DataFrame(
        {
            "officer_id": pd.Categorical(roster["officer_id"].astype(str)),
            "date": dates.to_numpy(),
            "state": roster["state"].astype(str).str.upper().to_numpy(dtype=object),
            "kind": np.broadcast_to(np.asarray(kinds, dtype=object), len(roster)).copy(),
        }
    )


def plan_ledgers(
    table: pd.DataFrame, scenario: Scenario, period: Period, duty: np.ndarray
) -> Ledgers:
    """The plan's ledgers, built as ``delivery_report`` builds them (a test holds the two
    together), and the contract and daily rate of every duty day."""
    days = classify(table, scenario)
    if days.empty and scenario.officers:
        raise InputError.one("roster", "", "no officer-days for the scenario's officers")
    # every post vacant: the roster has no rows but covers the horizon (as in the report)
    coverage = coverage_of(days) if not days.empty else Span(scenario.start, scenario.end)
    ledgers: dict[str, ContractLedger] = {}
    for c in scenario.contracts:
        window = report_window(c, period, coverage)[0]
        if window is not None:
            ledgers[c.id] = ContractLedger(scenario, c, window)
    rows = in_window(days, scenario, {cid: ledger.span for cid, ledger in ledgers.items()})
    by_contract = dict(tuple(rows.groupby("contract_id", sort=False)))
    contracts = scenario.contracts
    n = len(contracts)
    delivered, penalised, other = (np.zeros(n, dtype=np.int64) for _ in range(3))
    penalty: list[dict[int, Fraction]] = [{} for _ in range(n)]
    refunds = np.zeros(n, dtype=np.int64)
    for i, c in enumerate(contracts):
        ledger = ledgers.get(c.id)
        if ledger is None:
            continue
        ledger.add_posts()
        ledger.add_days(by_contract.get(c.id, rows.iloc[:0]))
        inside = [m for m in ledger.months if m.segment.in_window]
        delivered[i] = sum(m.counts[DELIVERED] for m in inside)
        penalised[i] = sum(m.counts[PENALISED] for m in inside)
        other[i] = sum(m.counts[OTHER] for m in inside)
        refunds[i], penalty[i] = ledger.penalty_by_month()
    windows = {cid: ledger.window for cid, ledger in ledgers.items()}
    contract, rate, rates, rate_contract, rate_month = _duty_rates(
        table, scenario, duty, windows, ledgers
    )
    contract_of = {o.id: o.contract for o in scenario.officers}
    duty_days = pd.DataFrame(
        {
            "date": table["date"].to_numpy()[duty],
            "contract_id": table["officer_id"].to_numpy()[duty].astype(str),
        }
    )
    duty_days["contract_id"] = duty_days["contract_id"].map(contract_of)
    unbought = unbought_bank_holiday(duty_days, scenario)
    return Ledgers(
        contract_ids=tuple(c.id for c in contracts),
        councils=tuple(c.council for c in contracts),
        delivered=delivered,
        penalised=penalised,
        other=other,
        penalty=tuple(penalty),
        refunds=refunds,
        penalises_operational=np.array([_penalises(c, OPERATIONAL) for c in contracts]),
        penalises_sickness=np.array([_penalises(c, SICKNESS) for c in contracts]),
        contract=contract,
        rate=rate,
        rates=rates,
        rate_contract=rate_contract,
        rate_month=rate_month,
        unbought=unbought,
    )


def _penalises(contract: Contract, kind: str) -> bool:
    return kind in contract.penalised_kinds and kind not in NEVER_PENALISED


def _duty_rates(
    table: pd.DataFrame,
    scenario: Scenario,
    duty: np.ndarray,
    windows: dict[str, Span],
    ledgers: dict[str, ContractLedger],
) -> tuple[np.ndarray, np.ndarray, tuple[Fraction, ...], np.ndarray, np.ndarray]:
    """Per duty day: contract index (-1 when not counted) and daily-rate index; the rates
    (one per officer, month and stretch between variations: a rate is its financial
    year's, and a penalty is rounded month by month) and the contract and month of each."""
    index = {c.id: i for i, c in enumerate(scenario.contracts)}
    contract_of = {o.id: o.contract for o in scenario.officers}
    officers = {o.id: o for o in scenario.officers}
    officer_ids = table["officer_id"].to_numpy()[duty].astype(str)
    when = pd.Series(table["date"].to_numpy()[duty])
    days = pd.DataFrame(
        {
            "officer_id": officer_ids,
            "contract_id": pd.Series(officer_ids).map(contract_of),
            "date": when,
        }
    )
    counted = in_window(days, scenario, windows).index.to_numpy()  # positions in ``duty``
    contract = np.full(len(duty), -1, dtype=np.int32)
    contract[counted] = days["contract_id"].iloc[counted].map(index).to_numpy(dtype=np.int32)
    month = (12 * when.dt.year + when.dt.month - 1).to_numpy()  # as ``month_number``
    stretch = np.zeros(len(duty), dtype=np.int64)
    for cid, ledger in ledgers.items():
        varied = [np.datetime64(v.from_) for v in ledger.contract.variation]
        if varied:
            mine = counted[days["contract_id"].iloc[counted].to_numpy() == cid]
            stretch[mine] = np.searchsorted(varied, when.iloc[mine].to_numpy(), side="right")
    keys = pd.MultiIndex.from_arrays([officer_ids[counted], month[counted], stretch[counted]])
    codes, uniques = pd.factorize(keys)
    rate = np.zeros(len(duty), dtype=np.int32)
    rate[counted] = codes
    first_day = pd.Series(when.iloc[counted].to_numpy()).groupby(codes).min()
    rates, rate_contract, rate_month = [], [], []
    for code, (officer_id, number, _) in enumerate(uniques):
        cid = contract_of[officer_id]
        officer = officers[officer_id]
        day = first_day[code].date()
        rates.append(ledgers[cid].prices.rate(officer.rank, day, officer.annual_leave_entitlement))
        rate_contract.append(index[cid])
        rate_month.append(int(number))
    return (
        contract,
        rate,
        tuple(rates),
        np.array(rate_contract, dtype=np.int64),
        np.array(rate_month, dtype=np.int64),
    )


def _group_ends(groups: np.ndarray) -> np.ndarray:
    """For each position of a sorted group array, one past the last position of its group."""
    n = len(groups)
    if n == 0:
        return np.zeros(0, dtype=np.int32)
    last = np.flatnonzero(np.r_[groups[1:] != groups[:-1], True])  # last index of each group
    sizes = np.diff(np.r_[-1, last])
    return np.repeat(last + 1, sizes).astype(np.int32)


def draw(base: SweepBase | Draws, run: int) -> tuple[np.ndarray, np.ndarray]:
    """(sick, operational): boolean masks over the duty days (``SweepBase.duty``)."""
    base = base.draws if isinstance(base, SweepBase) else base
    n = len(base.officer_end)
    rng = np.random.default_rng([base.seed, run])
    u_operational = rng.random(n)
    u_spell = rng.random(n)
    lengths = rng.geometric(1 / base.rates.spell_days, size=n)  # >= 1 day, mean spell_days
    starts = np.flatnonzero(u_spell < base.rates.sickness / base.rates.spell_days)
    ends = np.minimum(starts + lengths[starts], base.officer_end[starts])
    # a spell covers [start, end): +1 at its start, -1 past its end, covered where sum > 0
    edges = np.zeros(n + 1, dtype=np.int32)
    np.add.at(edges, starts, 1)
    np.add.at(edges, ends, -1)
    sick = np.cumsum(edges[:n]) > 0
    operational = (u_operational < base.rates.operational) & ~sick
    return sick, operational


def run_table(base: SweepBase, run: int) -> pd.DataFrame:
    """The slim roster of one run, its draws applied."""
    sick, operational = draw(base, run)
    state = base.table["state"].to_numpy().copy()
    kind = base.table["kind"].to_numpy().copy()
    state[base.duty[sick]], kind[base.duty[sick]] = SICK_STATE, SICKNESS
    state[base.duty[operational]] = OPERATIONAL_STATE
    kind[base.duty[operational]] = OPERATIONAL
    return base.table.assign(state=state, kind=kind)


def run_abstractions(base: SweepBase, run: int) -> list[Abstraction]:
    """One run's draws as abstraction log entries, one per officer-day: what
    ``apply_abstractions`` would need to give the same table as ``run_table``."""
    sick, operational = draw(base, run)
    logged = datetime(2000, 1, 1, tzinfo=UTC)
    entries: list[Abstraction] = []
    for mask, kind, reason in (
        (sick, SICKNESS, SICKNESS_REASON),
        (operational, OPERATIONAL, OPERATIONAL_REASON),
    ):
        rows = base.table.iloc[base.duty[mask]]
        for officer_id, stamp in zip(rows["officer_id"], rows["date"], strict=True):
            day: date = stamp.date()
            entries.append(
                Abstraction(
                    len(entries) + 1,
                    str(officer_id),
                    "",
                    day,
                    day,
                    kind,
                    reason,
                    "s92 sweep",
                    day,
                    logged,
                )
            )
    return entries


def one_run(base: SweepBase | Draws, run: int) -> pd.DataFrame:
    """Per contract: delivered days, penalty and abstracted days of one run.

    Only the drawn duty days change, each from delivered to penalised or other absence
    (the HDD excess, vacancies and charges stay the plan's), so a run is the plan's ledger
    plus array counts and the exact daily rates of its penalised days: the figures
    ``delivery_report`` gives on ``run_table`` (see ``run_report``), to the penny."""
    base = base.draws if isinstance(base, SweepBase) else base
    led = base.ledgers
    sick, operational = draw(base, run)
    n, contract = len(led.contract_ids), led.contract
    lost = (sick | operational) & (contract >= 0)
    penalised = (
        lost
        & ~led.unbought
        & (
            (operational & led.penalises_operational[contract])
            | (sick & led.penalises_sickness[contract])
        )
    )
    lost_days = np.bincount(contract[lost], minlength=n)
    penalised_days = np.bincount(contract[penalised], minlength=n)
    extra: list[dict[int, Fraction]] = [{} for _ in range(n)]
    per_rate = np.bincount(led.rate[penalised], minlength=len(led.rates))
    for r in np.flatnonzero(per_rate):
        added = extra[led.rate_contract[r]]
        month = int(led.rate_month[r])
        added[month] = added.get(month, Fraction(0)) + led.rates[r] * int(per_rate[r])
    return pd.DataFrame(
        {
            "run": run,
            "contract_id": led.contract_ids,
            "council": led.councils,
            "delivered_days": led.delivered - lost_days,
            "penalty_gbp": [
                _rounded(refunds, months, more)
                for refunds, months, more in zip(led.refunds, led.penalty, extra, strict=True)
            ],
            "penalised_days": led.penalised + penalised_days,
            "other_absence_days": led.other + lost_days - penalised_days,
        }
    )


def _rounded(refunds: int, months: dict[int, Fraction], extra: dict[int, Fraction]) -> float:
    """The penalty as the report rounds it: the plan's vacancy refunds, and each month's
    exact other penalties rounded, added up."""
    pennies = int(refunds)
    for month in months.keys() | extra.keys():
        total = months.get(month, Fraction(0)) + extra.get(month, Fraction(0))
        pennies += half_up(total * PENNY)
    return as_money(pennies)


def run_report(base: SweepBase, run: int) -> Delivery:
    """The full delivery report of one run (slower than ``one_run``; the same figures)."""
    return delivery_report(run_table(base, run), base.scenario, base.period)


def run_batch(batch: Batch, emit: Callable[..., None] | None = None) -> pd.DataFrame:
    """A batch of runs (top level, so a process pool or Dask can pickle it)."""
    frames = []
    for run in batch.runs:
        frames.append(one_run(batch.draws, run))
        if emit is not None:
            emit(1)
    return pd.concat(frames, ignore_index=True)


def batches(base: SweepBase, runs: int, parallelism: int) -> list[Batch]:
    """About four batches per worker: few enough that start-up and shipping the draws'
    inputs are small, enough that a slow worker does not hold up the end."""
    size = max(1, -(-runs // (4 * max(1, parallelism))))
    return [Batch(base.draws, range(i, min(i + size, runs))) for i in range(0, runs, size)]


def sweep(
    base: SweepBase,
    runs: int,
    backend: Backend | None = None,
    progress: Callable[[int], None] | None = None,
) -> SweepResult:
    """``runs`` runs on ``backend`` (default: this process); ``progress(n)`` as runs end."""
    if runs < 1:
        raise InputError.one(COMMAND_LINE, "--runs", "must be at least 1", runs)
    runner = backend or LocalBackend(1)
    parts = runner.map(run_batch, batches(base, runs, runner.parallelism), progress)
    table = with_period(pd.concat(parts, ignore_index=True), base.planned)
    summary = summarise(table, base.planned)
    return SweepResult(table, summary, base.planned, base.notes, base.period.name)


PERIOD_COLUMNS: tuple[str, ...] = ("period", "period_start", "period_end")


def with_period(runs: pd.DataFrame, planned: pd.DataFrame) -> pd.DataFrame:
    """``runs`` with each contract's period and its days, as report.csv names them, last
    (spreadsheets reading runs.csv by position keep working): a runs.csv sent on apart
    from sweep.csv still says which days its figures are of."""
    named = planned.set_index("contract_id")[list(PERIOD_COLUMNS)]
    return runs.join(named, on="contract_id")


def summarise(runs: pd.DataFrame, planned: pd.DataFrame) -> pd.DataFrame:
    """Per contract: percentiles and mean of delivered days and penalty, beside the plan."""
    grouped = runs.groupby("contract_id", sort=False)
    # the period each contract's figures cover, as report.csv names it: a sweep printed
    # apart from its command line still says which days it is of
    out = planned[["contract_id", "council", *PERIOD_COLUMNS]].copy()
    out["runs"] = out["contract_id"].map(grouped.size()).fillna(0).astype(int)
    out["contracted_days"] = planned["contracted_days"].to_numpy()
    for column in ("delivered_days", "penalty_gbp"):
        out[f"planned_{column}"] = planned[column].to_numpy()
        stats = grouped[column].apply(_stats).unstack()
        for name in stats.columns:
            out[f"{column}_{name}"] = out["contract_id"].map(stats[name]).to_numpy()
    return out


def _stats(values: pd.Series) -> pd.Series:
    p = np.percentile(values.to_numpy(dtype=float), PERCENTILES)
    named = {f"p{q}": round(float(v), 2) for q, v in zip(PERCENTILES, p, strict=True)}
    return pd.Series({**named, "mean": round(float(values.mean()), 2)})


def by_council(runs: pd.DataFrame, column: str = "penalty_gbp") -> pd.DataFrame:
    """One row per run and council (a council may hold several contracts)."""
    return runs.groupby(["council", "run"], sort=True)[column].sum().reset_index()
