"""The contract delivery report: what each council bought, what it received and what the
MPS owes it back (DESIGN.md §1, §2), per contract over a period and month by month, with
every penalty itemised.

Input is a roster table (one row per officer per day; planned, with abstractions applied,
or converted from the MPS duty record). Officer-days are counted with pandas; each
contract's ledger (``scheduler.accounting.ledger``) holds the money as exact fractions,
rounded as ``scheduler.accounting.money`` says, so that months add up to the period and
itemised penalties to the penalty, to the penny.

Rules, per contract and period:
- contracted days: Σ over posts bought of their share of a year's effective working days
  (``scheduler.accounting.posts``); a post's annual leave is its holder's entitlement (25
  days when vacant).
- daily rate of a post: the council's share of the annual charge (half under Met Patrol
  Plus) ÷ the post's effective working days in that whole financial year (or ÷
  ``contracted_days_per_post``).
- penalty: daily rate × (penalised abstraction days + HDD days beyond the allowance of
  their year + vacant post-days); a vacant post-day is worth the year's working days ÷
  its days, so a post empty all year refunds its annual charge, no more.
- charge: annual charges pro rata by post-days, less the MPS match funding (Met Patrol Plus).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction

import numpy as np
import pandas as pd

from calendars import FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, bank_holidays
from scheduler.accounting.ledger import (
    ABSTRACTION,
    CATEGORIES,
    DELIVERED,
    EMERGENCY,
    HDD,
    HDD_BEYOND,
    OFF,
    OTHER,
    PENALISED,
    PENALTY_COLUMNS,
    USAGE_COLUMNS,
    VACANCY,
    ContractLedger,
    Month,
)
from scheduler.accounting.money import (
    HUNDREDTH,
    PENNY,
    as_money,
    exact,
    half_up,
    per_day,
    percent,
)
from scheduler.accounting.periods import Period, Span, month_label
from scheduler.errors import COMMAND_LINE, InputError
from scheduler.scenario.agreement import late_legacy
from scheduler.scenario.model import RANKS, Contract, Scenario
from scheduler.table import STATES
from scheduler.wording import counted

YEARS = f"{FIRST_CALENDAR_YEAR}-{LAST_CALENDAR_YEAR}"

# roster state -> abstraction kind when the table has no ``kind`` (or leaves it empty)
STATE_KIND: dict[str, str] = {
    "HDD_AID": "hdd_aid",
    "EMERGENCY_AID": "emergency_aid",
    "ABSTRACTED": "operational",
    "COURT": "court",
    "TRAINING": "training",
    "SICK": "sickness",
}
NEVER_PENALISED: frozenset[str] = frozenset({"hdd_aid", "emergency_aid"})  # PCD 555 §4.2
# the kind the report's counts by kind give HDD aid on a bank holiday the contract does not buy
UNBOUGHT_HDD_AID = "hdd_aid_bank_holiday"

SUMMARY_COLUMNS: tuple[str, ...] = (
    "contract_id",
    "council",
    "scheme",
    "period",
    "period_start",
    "period_end",
    "posts",
    "filled_post_days",
    "vacant_post_days",
    "contracted_days",
    "delivered_days",
    "delivery_pct",
    "hdd_days",
    "hdd_allowance",
    "hdd_excess_days",
    "emergency_aid_days",
    "penalised_days",
    "other_absence_days",
    "gross_charge_gbp",
    "match_funding_gbp",
    "charge_gbp",
    "penalty_gbp",
    "net_cost_gbp",
    "cost_per_delivered_day_gbp",
    "note",
    # added in 2026-12: after ``note`` so that spreadsheets reading by position still work
    "hdd_allowance_year",
    "hdd_days_year_to_date",
    "unrecorded_days",
    "abstraction_penalty_gbp",
    "hdd_penalty_gbp",
    "vacancy_penalty_gbp",
    # added in 2026-12 too: the charge's making, so a council recomputes it by hand
    "annual_gross_charge_gbp",
    "match_funding_share",
)
MONTHLY_COLUMNS: tuple[str, ...] = (
    *(c for c in SUMMARY_COLUMNS if c != "note"),
    "hdd_days_cumulative",
)
MONEY_COLUMNS: tuple[str, ...] = tuple(
    dict.fromkeys(c for c in (*SUMMARY_COLUMNS, *PENALTY_COLUMNS) if c.endswith("_gbp"))
)
ALLOWANCE_YEAR_COLUMNS = ("contract_id", "allowance_year", "first_date", "last_date", "allowance")
UNRECORDED_COLUMNS: tuple[str, ...] = (
    "contract_id",
    "officer_id",
    "first_date",
    "last_date",
    "days",
)


@dataclass(frozen=True)
class Delivery:
    """A delivery report: ``summary`` one row per contract (report.csv); ``monthly`` one
    row per contract and month (monthly.csv); ``penalties`` every penalty itemised
    (penalties.csv); ``kinds`` abstraction officer-days per contract, month and kind;
    ``hdd_usage`` HDD officer-days per contract and date against the allowance of their
    year; ``unrecorded`` runs of officer-days with no row in the source; ``notes`` what
    the reader must know (clipped periods, dropped rows, missing rows)."""

    period: Period
    summary: pd.DataFrame
    monthly: pd.DataFrame
    kinds: pd.DataFrame
    hdd_usage: pd.DataFrame
    coverage: Span
    notes: tuple[str, ...] = ()
    penalties: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(PENALTY_COLUMNS))
    )
    unrecorded: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(UNRECORDED_COLUMNS))
    )
    title: str = ""  # the council (or councils) the report is for
    # each contract's HDD allowance years within its window: contract_id, allowance_year,
    # first_date, last_date (Timestamps), allowance
    allowance_years: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(ALLOWANCE_YEAR_COLUMNS))
    )

    def with_note(self, note: str) -> Delivery:
        return replace(self, notes=(*self.notes, note))

    def with_voided(self, voided: pd.DataFrame, advice: str) -> Delivery:
        """Say that the figures still follow entries voided since publication: ``voided``
        has the officer-days (``contract_id``, ``date`` as text) the published roster still
        gives them. The report's note counts them all (``advice``: who corrects them); each
        contract's row of report.csv counts those within its window, so that a council
        reading report.csv alone sees its figures are stale."""
        if voided.empty:
            return self
        first = str(voided["date"].min())
        noted = self.with_note(_stale(len(voided), "of the published roster", advice, first))
        return noted.with_row_notes(_voided_notes(voided, self.summary))

    def with_row_notes(self, notes: Mapping[str, str]) -> Delivery:
        """``notes`` (contract id -> text) added to those contracts' rows of ``summary``, so
        that report.csv carries them as well as the workbook and the page."""
        added = [notes.get(str(c), "") for c in self.summary["contract_id"]]
        pairs = zip(self.summary["note"], added, strict=True)
        joined = ["; ".join(n for n in pair if n) for pair in pairs]
        return replace(self, summary=self.summary.assign(note=joined))


ROW_ADVICE = "re-roster from that day and publish to correct them"


def _stale(n: int, where: str, advice: str, first: str) -> str:
    """``n`` officer-days ``where`` still follow voided entries, the earliest on ``first``
    (a re-roster from a later day leaves it as published); ``advice``: who corrects them
    (the one or the many, as ``n`` is)."""
    if n == 1:
        advice = advice.removesuffix(" them") + " it" if advice.endswith(" them") else advice
        return (
            f"1 officer-day {where} still follows abstractions voided since (on {first}); {advice}"
        )
    return (
        f"{n} officer-days {where} still follow abstractions voided since "
        f"(the first on {first}); {advice}"
    )


def _voided_notes(voided: pd.DataFrame, summary: pd.DataFrame) -> dict[str, str]:
    """Per contract, the officer-days within its report window that still follow voided
    entries (the same words in every report.csv, the command's and the council's page's)."""
    notes = {}
    for contract_id, first, last in zip(
        summary["contract_id"].astype(str),
        summary["period_start"].astype(str),
        summary["period_end"].astype(str),
        strict=True,
    ):
        if not first:
            continue
        mine = voided[voided["contract_id"] == contract_id]
        inside = mine["date"][mine["date"].between(first, last)]
        if len(inside):
            notes[contract_id] = _stale(len(inside), "in this period", ROW_ADVICE, inside.min())
    return notes


# --- roster table -> categorised officer-days ----------------------------------------


def classify(roster: pd.DataFrame, scenario: Scenario, source: str = "roster") -> pd.DataFrame:
    """One row per officer-day: officer_id, contract_id, date, state, kind, category,
    event and abstraction_id (text; "" where the table has none).

    The scenario, not the table, says which contract an officer serves; rows of officers
    the scenario does not know are dropped (``attrs['unknown_officers']`` counts them).
    """
    missing = [c for c in ("officer_id", "date", "state") if c not in roster.columns]
    if missing:
        raise InputError.one(source, ", ".join(missing), "missing roster column(s)")
    contract_of = {o.id: o.contract for o in scenario.officers}
    officer_ids = roster["officer_id"].astype(str)
    contract_ids = officer_ids.map(contract_of)
    known = contract_ids.notna().to_numpy()
    table = roster[known]
    df = pd.DataFrame(
        {
            "officer_id": officer_ids[known].to_numpy(),
            "contract_id": contract_ids[known].to_numpy(),
            "date": _days(table["date"], source),
            "state": table["state"].astype(str).to_numpy(),
        }
    )
    bad = ~df["state"].isin(STATES)
    if bad.any():
        raise InputError.one(
            source,
            "state",
            f"unknown roster state (use {', '.join(STATES)})",
            df.state[bad].iloc[0],
        )
    given = table["kind"].fillna("").astype(str).to_numpy() if "kind" in table.columns else None
    df["kind"] = _kinds(df["state"], given)
    df["category"] = _categories(df, scenario)
    df["event"] = _text(table, "event")
    df["abstraction_id"] = _text(table, "abstraction_id")
    df.attrs["unknown_officers"] = int((~known).sum())
    return df


def _text(table: pd.DataFrame, column: str) -> np.ndarray:
    """A column as text ("" where missing; 7.0 read from a CSV as "7")."""
    if column not in table.columns:
        return np.full(len(table), "", dtype=object)
    values = table[column]
    if pd.api.types.is_float_dtype(values):
        whole = values.dropna() == values.dropna().round()
        if whole.all():
            values = values.astype("Int64")
    return values.astype(object).where(values.notna(), "").astype(str).to_numpy(dtype=object)


def _days(values: pd.Series, source: str) -> np.ndarray:
    parsed = pd.to_datetime(values, errors="coerce")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    if parsed.isna().any():
        bad = values[parsed.isna()].iloc[0]
        raise InputError.one(source, "date", "not a date YYYY-MM-DD", bad)
    outside = ~parsed.dt.year.between(FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR)
    if outside.any():
        bad = values[outside.to_numpy()].iloc[0]
        raise InputError.one(source, "date", f"outside the years s92 covers ({YEARS})", bad)
    return parsed.dt.normalize().to_numpy()


def _kinds(states: pd.Series, given: np.ndarray | None) -> np.ndarray:
    """The abstraction kind of each row: the ``kind`` column where given, else the state's."""
    default = states.map(STATE_KIND).fillna("").to_numpy()
    if given is None:
        return default
    use_given = states.isin(STATE_KIND).to_numpy() & (given != "")
    return np.where(use_given, given, default)


def _categories(df: pd.DataFrame, scenario: Scenario) -> pd.Categorical:
    penalised_pairs = pd.MultiIndex.from_tuples(
        [
            (c.id, k)
            for c in scenario.contracts
            for k in c.penalised_kinds
            if k not in NEVER_PENALISED
        ]
        or [("", "")]
    )
    penalised = pd.MultiIndex.from_arrays([df["contract_id"], df["kind"]]).isin(penalised_pairs)
    unbought = unbought_bank_holiday(df, scenario)
    penalised &= ~unbought
    kind = df["kind"]
    choice = np.select(
        [
            df["state"].eq("DUTY").to_numpy(),
            # HDD aid on a day the council never bought takes none of its contracted days,
            # so it uses none of the allowance (a share of those days) either
            kind.eq("hdd_aid").to_numpy() & ~unbought,
            kind.eq("emergency_aid").to_numpy(),
            penalised,
            kind.ne("").to_numpy(),
        ],
        [DELIVERED, HDD, EMERGENCY, PENALISED, OTHER],
        default=OFF,
    )
    return pd.Categorical(choice, categories=CATEGORIES)


def unbought_bank_holiday(df: pd.DataFrame, scenario: Scenario) -> np.ndarray:
    """Officer-days on a bank holiday of a contract that does not buy its cover on them
    (``cover_bank_holidays = false``): a day off the council never paid for (contracted
    days leave bank holidays out), so an abstraction there costs it nothing, and HDD aid
    there (Carnival Monday) uses none of its HDD allowance."""
    if df.empty:
        return np.zeros(0, dtype=bool)
    first, last = df["date"].min().date(), df["date"].max().date()
    holidays = pd.to_datetime(sorted(bank_holidays(first, last)))
    unbought = {c.id for c in scenario.contracts if not c.cover_bank_holidays}
    return (df["date"].isin(holidays) & df["contract_id"].isin(unbought)).to_numpy()


# --- windows: the days of the period each contract is reported on -------------------


def coverage_of(days: pd.DataFrame) -> Span:
    """First and last day the source covers."""
    first, last = days["date"].min(), days["date"].max()
    return Span(first.date(), last.date())


def report_window(contract: Contract, period: Period, coverage: Span) -> tuple[Span | None, str]:
    """The period for this contract cut to its term and to the data; and why it was cut."""
    asked = period.span(contract)
    in_term = asked.clip(Span(contract.start, contract.end))
    if in_term is None:
        ended = (
            f" (notice given on {contract.notice_given})"
            if contract.end != contract.term_end
            else ""
        )
        return None, (
            f"{period.label} is outside the contract term {contract.start}–{contract.end}{ended}"
        )
    window = in_term.clip(coverage)
    if window is None:
        return None, f"no data for {period.label} (the source covers {_span_text(coverage)})"
    on_notice = contract.end != contract.term_end
    reasons = []
    if asked.start < contract.start or (asked.end > contract.end and not on_notice):
        reasons.append("the contract term")
    if asked.end > contract.end and on_notice:  # cut by notice, not by the term
        reasons.append(f"the notice given on {contract.notice_given}")
    if window != in_term:
        reasons.append(f"the data available ({_span_text(coverage)})")
    note = f"{period.label} clipped to {_span_text(window)}: " + " and ".join(reasons)
    return window, note if reasons else ""


def _span_text(span: Span) -> str:
    return f"{span.start.isoformat()} to {span.end.isoformat()}"


def in_window(days: pd.DataFrame, scenario: Scenario, windows: dict[str, Span]) -> pd.DataFrame:
    """Officer-days inside their contract's window while the officer is in post."""
    lo = _stamps({cid: w.start for cid, w in windows.items()})
    hi = _stamps({cid: w.end for cid, w in windows.items()})
    joined = _stamps({o.id: o.start or _EARLIEST for o in scenario.officers})
    left = _stamps({o.id: o.end or _LATEST for o in scenario.officers})
    when = days["date"]
    mask = (
        (when >= _lookup(days["contract_id"], lo))
        & (when <= _lookup(days["contract_id"], hi))
        & (when >= _lookup(days["officer_id"], joined))
        & (when <= _lookup(days["officer_id"], left))
    )
    rows = days[mask.to_numpy()].copy()
    rows["month"] = rows["date"].dt.year * 100 + rows["date"].dt.month
    return rows


_EARLIEST, _LATEST = date(1900, 1, 1), date(2200, 12, 31)  # "no start" / "no end" in post


def _lookup(keys: pd.Series, stamps: pd.Series) -> pd.Series:
    """The day for each key, NaT where a key has none (so every comparison is False)."""
    if stamps.empty:
        return pd.Series(pd.NaT, index=keys.index, dtype="datetime64[ns]")
    return keys.map(stamps)


def _stamps(days: dict[str, date]) -> pd.Series:
    return pd.Series({k: pd.Timestamp(v) for k, v in days.items()}, dtype="datetime64[ns]")


# --- the report ------------------------------------------------------------------------


def delivery_report(
    roster: pd.DataFrame,
    scenario: Scenario,
    period: Period,
    *,
    contracts: list[str] | None = None,
    source: str = "roster",
    coverage: Span | None = None,
) -> Delivery:
    """The delivery report of every contract (or of ``contracts``) over ``period``.
    ``coverage``: the days the source covers when ``roster`` is only part of it (one
    contract's rows of a whole roster, whose officers may join later than its first day:
    the report must still count the posts vacant before then)."""
    chosen = _chosen(scenario, contracts)
    days = classify(roster, scenario, source)
    if days.empty and coverage is None:
        if any(scenario.officers_of(c.id) for c in chosen):
            raise InputError.one(source, "", "no officer-days for the scenario's officers")
        # every post vacant: the roster has no rows, but covers the scenario's horizon,
        # and the council is still owed its refund for the empty posts
        coverage = Span(scenario.start, scenario.end)
    coverage = coverage or coverage_of(days)
    notes = _unknown_note(days, source)
    ledgers: dict[str, ContractLedger] = {}
    row_notes: dict[str, str] = {}
    for c in chosen:
        window, note = report_window(c, period, coverage)
        row_notes[c.id] = note
        if note:
            notes.append(f"{c.id}: {note}")
        if legacy := late_legacy(c):  # the MPS's half is in its figures: say why, as validate does
            notes.append(legacy)
        if window is not None:
            ledgers[c.id] = ContractLedger(scenario, c, window)
    rows = in_window(days, scenario, {cid: ledger.span for cid, ledger in ledgers.items()})
    by_contract = dict(tuple(rows.groupby("contract_id", sort=False)))
    summary, monthly, items, usage, unrecorded = [], [], [], [], []
    years: list[tuple[str, str, pd.Timestamp, pd.Timestamp, int]] = []
    for c in chosen:
        ledger = ledgers.get(c.id)
        if ledger is None:
            summary.append(_empty_row(c, period, row_notes[c.id]))
            continue
        ledger.add_posts()
        ledger.add_days(by_contract.get(c.id, rows.iloc[:0]))
        figures, priced = ledger.rounded()
        months = [_month_row(ledger, m, f) for m, f in zip(ledger.months, figures, strict=True)]
        months = [row for row, m in zip(months, ledger.months, strict=True) if m.segment.in_window]
        summary.append(_period_row(ledger, period.label, months, priced, row_notes[c.id]))
        _cumulate(months)
        for month in months:
            _by_cause(month, priced)
        monthly += months
        items.append(priced)
        window_usage = ledger.usage[ledger.usage["date"] >= pd.Timestamp(ledger.window.start)]
        usage.append(window_usage)
        for year in ledger.allowance_years():
            inside = year.span.clip(ledger.window)
            if inside is not None:
                first, last = pd.Timestamp(inside.start), pd.Timestamp(inside.end)
                years.append((c.id, year.label, first, last, year.allowance))
        runs = ledger.missing_runs()
        unrecorded += [(c.id, o, a, b, (b - a).days + 1) for o, a, b in runs]
        notes += _year_notes(ledger, coverage)
    return Delivery(
        period=period,
        summary=pd.DataFrame(summary, columns=list(SUMMARY_COLUMNS)),
        monthly=pd.DataFrame(monthly, columns=list(MONTHLY_COLUMNS)),
        kinds=_kind_counts(rows, ledgers),
        hdd_usage=_concat(usage, USAGE_COLUMNS),
        coverage=coverage,
        notes=tuple(notes),
        penalties=_concat(items, PENALTY_COLUMNS),
        unrecorded=pd.DataFrame(
            [
                {
                    "contract_id": cid,
                    "officer_id": o,
                    "first_date": a.isoformat(),
                    "last_date": b.isoformat(),
                    "days": n,
                }
                for cid, o, a, b, n in unrecorded
            ],
            columns=list(UNRECORDED_COLUMNS),
        ),
        title=", ".join(dict.fromkeys(c.council for c in chosen)) if contracts else "",
        allowance_years=pd.DataFrame(years, columns=list(ALLOWANCE_YEAR_COLUMNS)),
    )


def _concat(parts: list[pd.DataFrame], columns: tuple[str, ...] | list[str]) -> pd.DataFrame:
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=list(columns))
    return pd.concat(parts, ignore_index=True)[list(columns)]


def _year_notes(ledger: ContractLedger, coverage: Span) -> list[str]:
    """HDD use before the data starts is unknown: say so when the allowance year began
    earlier (within the agreement)."""
    year = ledger.first_year
    began = max(year.span.start, ledger.contract.start)
    if began < coverage.start <= ledger.window.start:
        return [
            f"{ledger.contract.id}: the data starts on {coverage.start}, after the start of "
            f"its HDD allowance year {year.label} ({began}); HDD aid before then is not "
            "counted against the allowance"
        ]
    return []


def _chosen(scenario: Scenario, contracts: list[str] | None) -> list[Contract]:
    if not contracts:
        return list(scenario.contracts)
    known = {c.id for c in scenario.contracts}
    unknown = [cid for cid in contracts if cid not in known]
    if unknown:
        raise InputError.one(COMMAND_LINE, "--contract", "unknown contract", unknown[0])
    return [c for c in scenario.contracts if c.id in contracts]


def _unknown_note(days: pd.DataFrame, source: str) -> list[str]:
    n = days.attrs.get("unknown_officers", 0)
    return (
        [f"{source}: {counted(n, 'officer-day')} of officers not in the scenario were left out"]
        if n
        else []
    )


def _month_row(ledger: ContractLedger, month: Month, figures: dict[str, int]) -> dict[str, object]:
    s = month.segment
    return {
        "contract_id": ledger.contract.id,
        "council": ledger.contract.council,
        "scheme": ledger.contract.scheme,
        "period": s.label,
        "period_start": s.start.isoformat(),
        "period_end": s.end.isoformat(),
        "posts": ledger.contract.posts_on(s.end).total,
        "filled_post_days": month.filled,
        "vacant_post_days": month.vacant,
        "contracted_units": figures["contracted"],
        "delivered_days": month.counts[DELIVERED],
        "hdd_days": month.counts[HDD],
        "hdd_allowance": sum(year.allowance for year in month.allowances),
        "hdd_excess_days": month.hdd_beyond,
        "emergency_aid_days": month.counts[EMERGENCY],
        "penalised_days": month.counts[PENALISED],
        "other_absence_days": month.counts[OTHER],
        "gross_units": figures["gross"],
        "match_units": figures["match"],
        "penalty_units": figures["penalty"],
        "hdd_allowance_year": " + ".join(year.label for year in month.allowances),
        "allowance_years": {year.label: year.allowance for year in month.allowances},
        "hdd_days_year_to_date": month.hdd_year_to_date,
        "unrecorded_days": month.unrecorded,
        **_charge_making(ledger, s.end),
    }


def _cumulate(months: list[dict[str, object]]) -> None:
    """Derived figures of each month row, and HDD days cumulative over the report."""
    running = 0
    for row in months:
        row.pop("allowance_years")
        running += int(row["hdd_days"])  # type: ignore[call-overload]
        row["hdd_days_cumulative"] = running
        _money(row)


def _money(row: dict[str, object]) -> None:
    """Turn a row's whole units into the table's figures (the units are dropped)."""
    contracted = int(row.pop("contracted_units"))  # type: ignore[call-overload]
    gross, match = int(row.pop("gross_units")), int(row.pop("match_units"))  # type: ignore[call-overload]
    penalty = int(row.pop("penalty_units"))  # type: ignore[call-overload]
    delivered = int(row["delivered_days"])  # type: ignore[call-overload]
    charge = gross - match
    row["contracted_days"] = contracted / HUNDREDTH
    row["delivery_pct"] = percent(delivered, contracted)
    row["gross_charge_gbp"] = as_money(gross)
    row["match_funding_gbp"] = as_money(match)
    row["charge_gbp"] = as_money(charge)
    row["penalty_gbp"] = as_money(penalty)
    row["net_cost_gbp"] = as_money(charge - penalty)
    row["cost_per_delivered_day_gbp"] = per_day(charge - penalty, delivered)


# report.csv's columns that add up over contracts (the rest are worked out again or shared)
CONTRACT_COUNTS: tuple[str, ...] = (
    "posts",
    "filled_post_days",
    "vacant_post_days",
    "delivered_days",
    "hdd_days",
    "hdd_excess_days",
    "emergency_aid_days",
    "penalised_days",
    "other_absence_days",
    "unrecorded_days",
)
# the figures a period's row is the sum of its months' of (a quarter its months, the year
# its quarters, to the penny): the counts and money but what is a rate, not an amount
NOT_SUMMED = ("posts", "cost_per_delivered_day_gbp", "annual_gross_charge_gbp")
SUMMED_COLUMNS: tuple[str, ...] = tuple(
    c
    for c in SUMMARY_COLUMNS
    if (c in CONTRACT_COUNTS or c in MONEY_COLUMNS or c == "contracted_days")
    and c not in NOT_SUMMED
)


def contracts_total(summary: pd.DataFrame) -> dict[str, object]:
    """Every contract of ``summary`` (report.csv's rows) added up, as one more row: counts
    and money added in whole units (exact, whatever the floats hold), delivery % and cost
    per delivered day worked out again from the totals; the council, scheme and period
    where every contract shares them; the allowance and its year left blank (each
    contract has its own)."""
    row: dict[str, object] = dict.fromkeys(SUMMARY_COLUMNS, None)
    row["contract_id"] = "Total"
    for column in ("council", "scheme", "period"):
        values = set(summary[column].astype(str))
        row[column] = values.pop() if len(values) == 1 else ""
    starts = [str(d) for d in summary["period_start"] if d]
    ends = [str(d) for d in summary["period_end"] if d]
    row["period_start"], row["period_end"] = min(starts, default=""), max(ends, default="")
    held = summary[summary["period_start"].astype(bool)]  # a contract out of force buys nothing
    for column in CONTRACT_COUNTS:
        row[column] = int(held[column].sum())
    units = {c: _whole_units(summary[c]) for c in MONEY_COLUMNS if c in SUMMARY_COLUMNS}
    contracted = _whole_units(summary["contracted_days"])
    delivered = int(row["delivered_days"])  # type: ignore[call-overload]
    for column, total in units.items():
        row[column] = as_money(total)
    row["contracted_days"] = contracted / HUNDREDTH
    row["delivery_pct"] = percent(delivered, contracted)
    row["cost_per_delivered_day_gbp"] = per_day(units["net_cost_gbp"], delivered)
    row["note"] = ""
    return row


def _whole_units(values: pd.Series) -> int:
    """Figures to 2 dp added up in whole hundredths (a blank is nothing)."""
    return sum(round(float(v) * HUNDREDTH) for v in values if pd.notna(v))


ADDITIVE: tuple[str, ...] = (
    "filled_post_days",
    "vacant_post_days",
    "contracted_units",
    "delivered_days",
    "hdd_days",
    "hdd_excess_days",
    "emergency_aid_days",
    "penalised_days",
    "other_absence_days",
    "gross_units",
    "match_units",
    "penalty_units",
    "unrecorded_days",
)
PENALTY_KIND_COLUMNS = {
    ABSTRACTION: "abstraction_penalty_gbp",
    HDD_BEYOND: "hdd_penalty_gbp",
    VACANCY: "vacancy_penalty_gbp",
}


def _period_row(
    ledger: ContractLedger,
    label: str,
    months: list[dict[str, object]],
    priced: pd.DataFrame,
    note: str,
) -> dict[str, object]:
    """The period's row: the sum of its months (whole units, so it adds up exactly)."""
    c, w = ledger.contract, ledger.window
    row: dict[str, object] = {
        "contract_id": c.id,
        "council": c.council,
        "scheme": c.scheme,
        "period": label,
        "period_start": w.start.isoformat(),
        "period_end": w.end.isoformat(),
        "posts": c.posts_on(w.end).total,
    }
    for column in ADDITIVE:
        row[column] = sum(int(m[column]) for m in months)  # type: ignore[call-overload]
    # each allowance year the period's months lie in, once (a month may lie in two)
    years: dict[str, int] = {}
    for m in months:
        years.update(m["allowance_years"])  # type: ignore[call-overload]
    row["hdd_allowance"] = sum(years.values())
    row["hdd_allowance_year"] = " + ".join(years)
    row["hdd_days_year_to_date"] = months[-1]["hdd_days_year_to_date"] if months else 0
    row["note"] = note
    row.update(_charge_making(ledger, w.end))
    _by_cause(row, priced)
    _money(row)
    return row


def _charge_making(ledger: ContractLedger, day: date) -> dict[str, object]:
    """What a month's charge is made of (README, Reconciling the charge): the annual
    charge of the posts bought on ``day`` (the gross, before the MPS's share), and the
    MPS's share of it; a month's gross is the annual charge × its days ÷ the year's."""
    posts = ledger.contract.posts_on(day)
    annual = sum(
        (ledger.prices.charge(rank, day) * getattr(posts, rank) for rank in RANKS), Fraction(0)
    )
    return {
        "annual_gross_charge_gbp": as_money(half_up(annual * PENNY)),
        "match_funding_share": float(1 - ledger.prices.council_share()),
    }


def _by_cause(row: dict[str, object], priced: pd.DataFrame) -> None:
    """The row's penalty by cause: its days' itemised penalties, which are rounded on the
    same running total as the row, so the causes add up to its penalty exactly."""
    dates = priced["date"].astype(str)
    within = (dates >= str(row["period_start"])) & (dates <= str(row["period_end"]))
    units = (priced["penalty_gbp"] * PENNY).round().astype(int)
    for kind, column in PENALTY_KIND_COLUMNS.items():
        row[column] = as_money(int(units[within & (priced["kind"] == kind)].sum()))


def _empty_row(c: Contract, period: Period, note: str) -> dict[str, object]:
    """A contract's row for a period it has no day of: outside its term nothing is bought;
    within it (with no data) the posts bought on the period's last day in the term."""
    in_term = period.span(c).clip(Span(c.start, c.end))
    row: dict[str, object] = dict.fromkeys(SUMMARY_COLUMNS, 0)
    row.update(
        contract_id=c.id,
        council=c.council,
        scheme=c.scheme,
        period=period.label,
        period_start="",
        period_end="",
        posts=c.posts_on(in_term.end).total if in_term else 0,
        contracted_days=0.0,  # a float, as in every other row (report.csv writes 0.0)
        delivery_pct=None,
        cost_per_delivered_day_gbp=None,
        hdd_allowance_year="",
        note=note,
        match_funding_share=float(exact(c.mps_match_share)),  # a float, as in every row
    )
    for money in MONEY_COLUMNS:
        if money in row and money != "cost_per_delivered_day_gbp":
            row[money] = 0.0
    return row


def _kind_counts(rows: pd.DataFrame, ledgers: dict[str, ContractLedger]) -> pd.DataFrame:
    """Abstraction officer-days per contract, month and kind, within each window."""
    if rows.empty:  # every post vacant, or no contract with a day in the period
        return pd.DataFrame(columns=["contract_id", "month", "kind", "days"])
    starts = rows["contract_id"].map(
        {cid: pd.Timestamp(led.window.start) for cid, led in ledgers.items()}
    )
    abstracted = rows[(rows["kind"] != "") & (rows["date"] >= starts)]
    month = abstracted["date"].dt.strftime("%Y-%m")
    labels = {m: month_label(int(m[:4]), int(m[5:])) for m in month.unique()}
    month = month.map(labels)  # as the monthly rows name it
    # aid on a bank holiday the contract does not buy is no HDD aid of the report's: shown
    # apart, so that the chart's HDD aid is the table's
    unbought = abstracted["kind"].eq("hdd_aid") & abstracted["category"].ne(HDD)
    kind = abstracted["kind"].where(~unbought, UNBOUGHT_HDD_AID)
    counts = abstracted.groupby([abstracted["contract_id"], month.rename("month"), kind]).size()
    return counts.rename("days").reset_index().astype({"days": int})
