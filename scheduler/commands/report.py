"""``s92 report SCENARIO --period P --out DIR``: the council's contract delivery report.

The figures come from the last published roster with the live abstractions applied, or,
with ``--actuals FILE.csv``, from the duty record the MPS returns; then every officer-day
where the record differs from the roster as published is listed in ``differences.csv``,
marked with the logged abstraction (if any) that explains it. Officer-days the record has
no row for are counted and named (``unrecorded.csv``), or refused with ``--strict``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from scheduler.accounting.actuals import differences, read_actuals
from scheduler.accounting.delivery import ROW_ADVICE, Delivery, delivery_report
from scheduler.accounting.periods import EXAMPLES, Period, Span, parse_period
from scheduler.commands.contracts import contract_ids
from scheduler.errors import COMMAND_LINE, InputError, printable
from scheduler.export.report import REPORT_FILES, ReportInfo, write_report
from scheduler.files import preflight_folder
from scheduler.limits import given_file, given_path, out_path
from scheduler.scenario import Scenario, load_scenario
from scheduler.store import Store, add_db_argument, default_db_path
from scheduler.store.apply import reported_table, stale_rows
from scheduler.store.editions import contract_edition, log_read, published_day, roster_named
from scheduler.store.scenarios import version_horizon
from scheduler.wording import counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", type=given_file, help="scenario TOML file")
    parser.add_argument("--period", metavar="P", required=True, help=EXAMPLES)
    parser.add_argument("--out", metavar="DIR", required=True, type=out_path, help="output folder")
    parser.add_argument(
        "--actuals",
        metavar="FILE",
        type=given_path,
        default=None,
        help="duty record CSV returned by the MPS",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse a duty record with no row for some officer-days of the period",
    )
    parser.add_argument(
        "--contract",
        action="append",
        default=None,
        metavar="ID",
        help="report only this contract (repeatable; default: every contract)",
    )
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    period = period_for(args.period, scenario)
    if args.contract:
        args.contract = contract_ids("--contract", args.contract, scenario)
    reads = [("the scenario", args.scenario), ("the duty record", args.actuals)]
    preflight_folder(args.out, names=REPORT_FILES, reads=reads)
    plan = published_plan(scenario, args.db, required=args.actuals is None, contracts=args.contract)
    coverage = None  # a duty record covers the days it has rows for
    if args.actuals is not None:
        table, source = read_actuals(args.actuals, scenario), f"duty record {args.actuals}"
    else:
        assert plan.applied is not None  # published_plan required one
        table, source, coverage = plan.applied, plan.source, plan.horizon
    delivery = delivery_report(
        table, scenario, period, contracts=args.contract, source=source, coverage=coverage
    )
    if args.actuals is not None:
        delivery = unrecorded(delivery, str(args.actuals), strict=args.strict)
    if args.actuals is None:
        voided = plan.voided
        if args.contract:  # another council's voided entries are not this report's
            voided = voided[voided["contract_id"].isin(args.contract)]
        delivery = delivery.with_voided(voided, ROW_ADVICE)
    diffs = None
    if args.actuals is not None and plan.published is not None:
        mine = officers_of(scenario, args.contract)
        diffs = differences(
            mine(plan.published),
            mine(table),
            logged=None if plan.applied is None else mine(plan.applied),
        )
        diffs = within_windows(diffs, delivery, scenario)
        delivery = delivery.with_note(f"plan against duty record: {plan.source}")
    elif args.actuals is not None:
        delivery = delivery.with_note(f"no published roster to compare with: {plan.source}")
    before = {Path(args.out) / name for name in REPORT_FILES if (Path(args.out) / name).is_file()}
    written = write_report(delivery, args.out, ReportInfo(scenario.name, source), diffs)
    for path in written:
        print(printable(str(path)))
    for path in sorted(before - set(written)):  # an earlier report's, this one has none
        print(printable(f"note: removed {path}, an earlier report's"), file=sys.stderr)
    for line in no_day_reported(delivery):
        print(printable(line), file=sys.stderr)
    return 0


def no_day_reported(delivery: Delivery) -> list[str]:
    """A note for a report none of whose contracts has a day in the period (a year
    mistyped, a month before the roster): its figures are all nought, which the files say
    only in a note cell; exit 0 still, for the report itself is right."""
    summary = delivery.summary
    if summary.empty or summary["period_start"].astype(str).str.len().gt(0).any():
        return []
    why = "; ".join(dict.fromkeys(str(n) for n in summary["note"] if str(n)))
    return [
        f"note: --period {delivery.period.label}: no contract of the report has a day in it, "
        f"every figure is nought ({why})"
    ]


def officers_of(
    scenario: Scenario, contract_ids: list[str] | None
) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """A filter keeping the rows of the reported contracts' officers (every row when no
    ``--contract`` is given): a council's report shows nothing of another's roster."""
    if not contract_ids:
        return lambda frame: frame
    keep = {o.id for o in scenario.officers if o.contract in contract_ids}
    return lambda frame: frame[frame["officer_id"].astype(str).isin(keep)]


def within_windows(diffs: pd.DataFrame, delivery: Delivery, scenario: Scenario) -> pd.DataFrame:
    """The differences on the days the report covers: each officer's within their
    contract's window (a month's report of a year's duty record lists that month's)."""
    window = {
        str(row.contract_id): (str(row.period_start), str(row.period_end))
        for row in delivery.summary.itertuples()
        if row.period_start
    }
    contract_of = {o.id: o.contract for o in scenario.officers}
    spans = [window.get(contract_of.get(str(o), ""), ("", "")) for o in diffs["officer_id"]]
    keep = [
        first <= str(d) <= last and bool(first)
        for (first, last), d in zip(spans, diffs["date"], strict=True)
    ]
    return diffs[pd.Series(keep, index=diffs.index, dtype=bool)].reset_index(drop=True)


VOIDED_COLUMNS = ["contract_id", "date"]
NAMED_RUNS = 5  # runs of missing rows named in the note; unrecorded.csv has them all


def unrecorded(delivery: Delivery, file: str, strict: bool) -> Delivery:
    """Name the officer-days the duty record has no row for (or refuse them)."""
    missing = delivery.unrecorded
    if missing.empty:
        return delivery
    total = int(missing["days"].sum())
    first = missing.sort_values(["first_date", "officer_id"]).iloc[0]
    if strict:
        raise InputError.one(
            file,
            "",
            f"no row for {counted(total, 'officer-day')} the scenario's officers served in the period "
            f"(--strict), the first {first.officer_id} on {first.first_date}",
        )
    runs = [
        f"{officer} {first_day}" + (f" to {last_day}" if first_day != last_day else "")
        for officer, first_day, last_day in zip(
            missing["officer_id"].head(NAMED_RUNS),
            missing["first_date"].head(NAMED_RUNS),
            missing["last_date"].head(NAMED_RUNS),
            strict=True,
        )
    ]
    more = f" and {len(missing) - NAMED_RUNS} more runs" if len(missing) > NAMED_RUNS else ""
    return delivery.with_note(
        f"{file} has no row for {counted(total, 'officer-day')} the officers served in the period "
        f"(counted as not delivered): {', '.join(runs)}{more}; all are in unrecorded.csv"
    )


@dataclass(frozen=True)
class Plan:
    """The last published roster as published and with the live abstractions applied
    (both None when there is none), and where it came from."""

    published: pd.DataFrame | None
    applied: pd.DataFrame | None
    source: str
    # officer-days (contract_id, date) still given to entries voided since publication
    voided: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=VOIDED_COLUMNS))
    horizon: Span | None = None  # the days the roster was published for, where known

    @property
    def voided_days(self) -> int:
        return len(self.voided)


def period_for(text: str, scenario: Scenario) -> Period:
    try:
        period = parse_period(text)
    except ValueError as exc:  # the reason quotes what was given: not again after it
        raise InputError.one(COMMAND_LINE, "--period", str(exc)) from None
    longest = max((c.years for c in scenario.contracts), default=0)
    if period.kind == "contract_year" and period.number > longest:
        raise InputError.one(
            COMMAND_LINE, "--period", f"the contracts run at most {counted(longest, 'year')}", text
        )
    return period


def published_plan(
    scenario: Scenario,
    db: str | Path | None,
    required: bool,
    contracts: list[str] | None = None,
) -> Plan:
    """The plan from the store; an ``InputError`` when there is none and it is ``required``.
    Its source counts the live entries of ``contracts`` (every contract when None): a
    council's report says nothing of another council's entries."""
    path = Path(db) if db else default_db_path()
    if not path.exists():  # reading must not leave an empty store behind
        if required:
            raise InputError.one(
                str(path), "", "no such store file; run s92 roster --publish, or give --actuals"
            )
        return Plan(None, None, f"no store file {path}")
    with Store(path, create=False) as store:
        roster = store.latest_roster(scenario.name)
        if roster is None:
            if required:
                raise InputError.one(
                    str(path),
                    "scenario",
                    "no published roster; run s92 roster --publish, or give --actuals",
                    scenario.name,
                )
            return Plan(None, None, f"no published roster of {scenario.name!r} in {path}")
        live = store.live_abstractions(
            [o.id for o in scenario.officers], [c.id for c in scenario.contracts]
        )
        reported = live
        if contracts:  # as the council's page counts them
            officers = [o.id for o in scenario.officers if o.contract in contracts]
            reported = store.live_abstractions(officers, contracts)
        # voided entries too: the days the roster still gives them are undone by their times
        logged = [*live, *(e for e in store.entries() if e.voided_by is not None)]
        named = _version_named(store, scenario.name, contracts)
        mine = contracts or [c.id for c in scenario.contracts]
        read = log_read(store, [o.id for o in scenario.officers if o.contract in mine], mine)
        latest = store.latest_version(scenario.name)
        horizon = None if latest is None else version_horizon(store, latest)
    applied = reported_table(roster, logged, scenario)
    source = f"{named} with {counted(len(reported), 'live abstraction')}, {read} ({path})"
    voided = roster.loc[stale_rows(roster, live, scenario), VOIDED_COLUMNS].astype(str)
    span = None if horizon is None else Span(*horizon)
    return Plan(roster, applied, source, voided.reset_index(drop=True), span)


def _version_named(store: Store, scenario: str, contracts: list[str] | None) -> str:
    """The published roster the report follows, named as the pages name it: a council's
    contract by its own roster version (``EAST-A roster version 3 (published 07 Dec
    2026)``), every contract by the store's, with what made it (``published roster version
    7 (published 07 Dec 2026: re-roster from 2026-12-08)``: the days before a re-roster's
    first stand as the version before published them)."""
    latest = store.roster_versions(scenario)[-1]
    if contracts:
        named = []
        for contract in contracts:  # as the web's catalog names it (Library.roster_edition)
            number, version = contract_edition(store, scenario, contract, latest.id)
            published = (version or latest).published_at
            named.append(roster_named(contract, max(number, 1), published))
        return ", ".join(named)
    return (
        f"published roster version {latest.id} "
        f"(published {published_day(latest.published_at)}: {latest.note})"
    )
