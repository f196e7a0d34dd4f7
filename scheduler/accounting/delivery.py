"""The contract delivery ledger: what each council bought, what it received and what the
MPS owes it back (DESIGN.md §1, §2).

Input is a roster table (one row per officer per day; planned, with abstractions applied,
or converted from the MPS duty record). Counting is vectorised with pandas; money is done
per officer (or post), per financial year and per month with exact fractions and rounded
to the penny only at the end, because councils reconcile these figures to the penny.

Rules, per contract and period:
- contracted days: Σ over posts of effective working days (EWD) in the period; a post's
  annual leave is its officer's entitlement (25 days when vacant).
- daily rate of a post in a financial year: the annual charge ÷ the post's EWD in that
  whole year (or ÷ ``contracted_days_per_post``).
- penalty: daily rate × (penalised abstraction days + HDD days beyond the allowance +
  vacant post-days). The allowance is used up in date order; on the day it runs out, the
  days beyond it are charged at the average daily rate of the officers on aid that day.
- charge: annual charges pro rata by days, less the MPS match funding (Met Patrol Plus).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cache

import numpy as np
import pandas as pd

from calendars import FinancialYear, effective_working_days, financial_year_of, hdd_allowance
from scheduler.accounting.periods import Period, Span, months_in
from scheduler.errors import InputError
from scheduler.scenario.model import RANKS, Contract, Officer, Scenario
from scheduler.table import STATES

VACANT_POST_LEAVE = 25  # days of annual leave assumed for a post nobody fills

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

# what an officer-day counts as, for the council
DELIVERED, HDD, EMERGENCY, PENALISED, OTHER, OFF = (
    "delivered",
    "hdd",
    "emergency_aid",
    "penalised",
    "other_absence",
    "off",
)
CATEGORIES: tuple[str, ...] = (DELIVERED, HDD, EMERGENCY, PENALISED, OTHER, OFF)

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
)
MONEY_COLUMNS: tuple[str, ...] = tuple(c for c in SUMMARY_COLUMNS if c.endswith("_gbp"))


@dataclass(frozen=True)
class Delivery:
    """A delivery report: ``summary`` one row per contract (report.csv); ``monthly`` one
    row per contract and month; ``kinds`` abstraction officer-days per contract, month
    and kind; ``hdd_usage`` HDD officer-days per contract and date against the allowance;
    ``notes`` what the reader must know (clipped periods, dropped rows)."""

    period: Period
    summary: pd.DataFrame
    monthly: pd.DataFrame
    kinds: pd.DataFrame
    hdd_usage: pd.DataFrame
    coverage: Span
    notes: tuple[str, ...] = ()

    def with_note(self, note: str) -> Delivery:
        return replace(self, notes=(*self.notes, note))

    def with_row_notes(self, notes: Mapping[str, str]) -> Delivery:
        """``notes`` (contract id -> text) added to those contracts' rows of ``summary``, so
        that report.csv carries them as well as the workbook and the page."""
        added = self.summary["contract_id"].map(notes).fillna("")
        pairs = zip(self.summary["note"], added, strict=True)
        joined = ["; ".join(n for n in pair if n) for pair in pairs]
        return replace(self, summary=self.summary.assign(note=joined))


@dataclass(frozen=True)
class Post:
    """One purchased post: filled by ``officer`` while they are in post, vacant otherwise."""

    contract_id: str
    rank: str
    key: str  # the officer's id, or "<contract>/<rank>/vacant-<n>"
    officer: Officer | None = None

    @property
    def annual_leave(self) -> int:
        return self.officer.annual_leave_entitlement if self.officer else VACANT_POST_LEAVE

    def filled_days(self, span: Span) -> int:
        """Days of ``span`` the officer is in post (0 for a post nobody holds)."""
        if self.officer is None:
            return 0
        start = max(span.start, self.officer.start or span.start)
        end = min(span.end, self.officer.end or span.end)
        return max(0, (end - start).days + 1)


def posts_of(scenario: Scenario, contract: Contract) -> list[Post]:
    """The contract's posts, rank by rank; officers fill them in scenario order and the
    posts beyond the officers are vacant (validation allows no more officers than posts)."""
    officers = scenario.officers_of(contract.id)
    posts: list[Post] = []
    for rank in RANKS:
        holders = [o for o in officers if o.rank == rank]
        for n in range(contract.posts.of(rank)):
            officer = holders[n] if n < len(holders) else None
            key = officer.id if officer else f"{contract.id}/{rank}/vacant-{n + 1}"
            posts.append(Post(contract.id, rank, key, officer))
    return posts


@cache
def ewd(start: date, end: date, annual_leave: float) -> float:
    """Effective working days of one post (cached: posts share a handful of leave values)."""
    return effective_working_days(start, end, annual_leave)


def exact(value: float) -> Fraction:
    """A money or share setting as the exact decimal the user wrote (57000.0, 0.5)."""
    return Fraction(Decimal(repr(float(value))))


def daily_rate(contract: Contract, rank: str, financial_year: int, annual_leave: float) -> Fraction:
    """Annual charge of one post ÷ its contracted days in that whole financial year."""
    if contract.contracted_days_per_post is not None:
        days = Fraction(contract.contracted_days_per_post)
    else:
        fy = FinancialYear(financial_year)
        days = exact(ewd(fy.start, fy.end, annual_leave))
    if days <= 0:
        raise InputError.one(
            "scenario", f"contract[{contract.id}]", "a post has no working days", float(days)
        )
    return exact(contract.charge(rank, financial_year)) / days


def half_up(value: Fraction) -> int:
    """Round to a whole number, halves away from zero (ROUND_HALF_UP), exactly."""
    whole, rest = divmod(abs(value).numerator, abs(value).denominator)
    if 2 * rest >= abs(value).denominator:
        whole += 1
    return -whole if value < 0 else whole


def pennies(amount: Fraction) -> Decimal:
    """Round an exact amount to the penny only now, ROUND_HALF_UP."""
    return Decimal(half_up(amount * 100)).scaleb(-2)


# --- roster table -> categorised officer-days ----------------------------------------


def classify(roster: pd.DataFrame, scenario: Scenario, source: str = "roster") -> pd.DataFrame:
    """One row per officer-day: officer_id, contract_id, date, state, kind, category.

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
    df.attrs["unknown_officers"] = int((~known).sum())
    return df


def _days(values: pd.Series, source: str) -> np.ndarray:
    parsed = pd.to_datetime(values, errors="coerce")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    if parsed.isna().any():
        bad = values[parsed.isna()].iloc[0]
        raise InputError.one(source, "date", "not a date YYYY-MM-DD", bad)
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
    kind = df["kind"]
    choice = np.select(
        [
            df["state"].eq("DUTY").to_numpy(),
            kind.eq("hdd_aid").to_numpy(),
            kind.eq("emergency_aid").to_numpy(),
            penalised,
            kind.ne("").to_numpy(),
        ],
        [DELIVERED, HDD, EMERGENCY, PENALISED, OTHER],
        default=OFF,
    )
    return pd.Categorical(choice, categories=CATEGORIES)


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
        return None, f"{period.label} is outside the contract term {contract.start}–{contract.end}"
    window = in_term.clip(coverage)
    if window is None:
        return None, f"no data for {period.label} (the source covers {_span_text(coverage)})"
    reasons = []
    if in_term != asked:
        reasons.append("the contract term")
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


# --- tallies -------------------------------------------------------------------------


@dataclass
class Tally:
    """Officer-days and exact money for one contract over one span."""

    posts: int = 0
    filled: int = 0
    vacant: int = 0
    contracted: float = 0.0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    hdd_excess: int = 0
    gross_charge: Fraction = Fraction(0)
    penalty: Fraction = Fraction(0)

    def add(self, other: Tally) -> None:
        self.filled += other.filled
        self.vacant += other.vacant
        for k, v in other.counts.items():
            self.counts[k] += v
        self.hdd_excess += other.hdd_excess
        self.gross_charge += other.gross_charge
        self.penalty += other.penalty


class ContractLedger:
    """Money and officer-days of one contract over its report window, month by month."""

    def __init__(self, scenario: Scenario, contract: Contract, window: Span) -> None:
        self.scenario = scenario
        self.contract = contract
        self.window = window
        self.posts = posts_of(scenario, contract)
        self.post_of = {p.key: p for p in self.posts}
        self.months = {_month_key(m.start): m for m in months_in(window)}
        self.tallies = {key: Tally(posts=len(self.posts)) for key in self.months}
        self._rates: dict[tuple[str, int], Fraction] = {}

    def rate(self, post_key: str, financial_year: int) -> Fraction:
        key = (post_key, financial_year)
        if key not in self._rates:
            post = self.post_of[post_key]
            self._rates[key] = daily_rate(
                self.contract, post.rank, financial_year, post.annual_leave
            )
        return self._rates[key]

    def add_posts(self) -> None:
        """Contracted days, charge, filled and vacant post-days of every post, by month."""
        for key, span in self.months.items():
            fy = financial_year_of(span.start)
            tally = self.tallies[key]
            for post in self.posts:
                filled = post.filled_days(span)
                vacant = span.days - filled
                tally.filled += filled
                tally.vacant += vacant
                tally.contracted += ewd(span.start, span.end, post.annual_leave)
                charge = exact(self.contract.charge(post.rank, fy.year))
                tally.gross_charge += charge * span.days / fy.days
                if vacant:
                    tally.penalty += self.rate(post.key, fy.year) * vacant

    def add_counts(self, counts: pd.DataFrame) -> None:
        """Officer-day counts (index officer_id, month; a column per category)."""
        categories = [str(c) for c in counts.columns]  # plain text: fast to zip per row
        for (officer_id, month), *values in counts.itertuples(name=None):
            tally = self.tallies[month]
            row = dict(zip(categories, map(int, values), strict=True))
            for category, n in row.items():
                tally.counts[category] += n
            if row.get(PENALISED, 0):
                tally.penalty += self.rate(officer_id, _fy_of_month(month)) * row[PENALISED]

    def contracted_days(self) -> float:
        return round(
            sum(ewd(self.window.start, self.window.end, p.annual_leave) for p in self.posts), 2
        )

    def allowance(self, contracted: float) -> int:
        """HDD officer-days the MPS may use in the window without penalty."""
        c = self.contract
        if c.hdd_allowance is not None:  # a number per post and year, pro rata by days
            share = sum(
                Fraction(clipped.days, fy.days)
                for fy in _financial_years(self.window)
                if (clipped := self.window.clip(Span(fy.start, fy.end))) is not None
            )
            return half_up(share * c.hdd_allowance * len(self.posts))
        share = c.hdd_share if c.hdd_share is not None else self.scenario.rules.hdd_share
        return hdd_allowance(max(0.0, contracted), share)

    def add_hdd_excess(self, hdd: pd.DataFrame, allowance: int) -> pd.DataFrame:
        """Charge the HDD officer-days beyond the allowance; return usage by date.

        ``hdd`` holds this contract's HDD officer-days (officer_id, date, month)."""
        per_day = hdd.groupby("date").size()
        cumulative = per_day.cumsum()
        beyond = (cumulative - np.maximum(cumulative - per_day, allowance)).clip(lower=0)
        for day in beyond.index[beyond.to_numpy() > 0]:
            on_aid = hdd[hdd["date"] == day]
            fy = financial_year_of(day.date()).year
            rates = sum(self.rate(o, fy) for o in on_aid["officer_id"])
            n, extra = int(per_day[day]), int(beyond[day])
            tally = self.tallies[_month_key(day.date())]
            tally.hdd_excess += extra
            tally.penalty += Fraction(extra, n) * rates
        return pd.DataFrame(
            {
                "contract_id": self.contract.id,
                "date": per_day.index,
                "hdd_days": per_day.to_numpy(),
                "cumulative": cumulative.to_numpy(),
                "allowance": allowance,
            }
        )

    def total(self) -> Tally:
        total = Tally(posts=len(self.posts))
        for tally in self.tallies.values():
            total.add(tally)
        total.contracted = self.contracted_days()
        return total


def _month_key(d: date) -> int:
    return d.year * 100 + d.month


def _fy_of_month(key: int) -> int:
    year, month = divmod(key, 100)
    return year if month >= 4 else year - 1


def _financial_years(span: Span) -> list[FinancialYear]:
    first, last = financial_year_of(span.start).year, financial_year_of(span.end).year
    return [FinancialYear(y) for y in range(first, last + 1)]


# --- the report ------------------------------------------------------------------------


def delivery_report(
    roster: pd.DataFrame,
    scenario: Scenario,
    period: Period,
    *,
    contracts: list[str] | None = None,
    source: str = "roster",
) -> Delivery:
    """The delivery ledger of every contract (or of ``contracts``) over ``period``."""
    chosen = _chosen(scenario, contracts)
    days = classify(roster, scenario, source)
    if days.empty:
        raise InputError.one(source, "", "no officer-days for the scenario's officers")
    coverage = coverage_of(days)
    notes = _unknown_note(days, source)
    windows: dict[str, Span] = {}
    row_notes: dict[str, str] = {}
    for c in chosen:
        window, note = report_window(c, period, coverage)
        row_notes[c.id] = note
        if window is not None:
            windows[c.id] = window
        if note:
            notes.append(f"{c.id}: {note}")
    rows = in_window(days, scenario, windows)
    counts = (
        rows.groupby(["contract_id", "officer_id", "month", "category"], observed=True)
        .size()
        .unstack("category", fill_value=0)
    )
    on_aid = dict(tuple(rows[rows["category"] == HDD].groupby("contract_id", sort=False)))
    no_aid = rows.iloc[:0]
    summary, monthly, usage = [], [], []
    for c in chosen:
        if c.id not in windows:
            summary.append(_empty_row(c, period, row_notes[c.id]))
            continue
        ledger = ContractLedger(scenario, c, windows[c.id])
        ledger.add_posts()
        if c.id in counts.index.get_level_values(0):
            ledger.add_counts(counts.loc[c.id])
        allowance = ledger.allowance(ledger.contracted_days())
        usage.append(ledger.add_hdd_excess(on_aid.get(c.id, no_aid), allowance))
        total = ledger.total()
        summary.append(_row(c, period.label, windows[c.id], total, allowance, row_notes[c.id]))
        monthly += _monthly_rows(ledger, allowance)
    return Delivery(
        period=period,
        summary=pd.DataFrame(summary, columns=list(SUMMARY_COLUMNS)),
        monthly=_monthly_frame(monthly),
        kinds=_kind_counts(rows),
        hdd_usage=_usage_frame(usage),
        coverage=coverage,
        notes=tuple(notes),
    )


def _chosen(scenario: Scenario, contracts: list[str] | None) -> list[Contract]:
    if not contracts:
        return list(scenario.contracts)
    known = {c.id for c in scenario.contracts}
    unknown = [cid for cid in contracts if cid not in known]
    if unknown:
        raise InputError.one("<command line>", "--contract", "unknown contract", unknown[0])
    return [c for c in scenario.contracts if c.id in contracts]


def _unknown_note(days: pd.DataFrame, source: str) -> list[str]:
    n = days.attrs.get("unknown_officers", 0)
    return (
        [f"{source}: {n} officer-days of officers not in the scenario were left out"] if n else []
    )


def _row(
    c: Contract, label: str, span: Span, t: Tally, allowance: int, note: str
) -> dict[str, object]:
    gross = t.gross_charge
    match = gross * exact(c.mps_match_share)
    charge = gross - match
    delivered = t.counts[DELIVERED]
    per_day = (charge - t.penalty) / delivered if delivered else None
    return {
        "contract_id": c.id,
        "council": c.council,
        "scheme": c.scheme,
        "period": label,
        "period_start": span.start.isoformat(),
        "period_end": span.end.isoformat(),
        "posts": t.posts,
        "filled_post_days": t.filled,
        "vacant_post_days": t.vacant,
        "contracted_days": round(t.contracted, 2),
        "delivered_days": delivered,
        "delivery_pct": round(100 * delivered / t.contracted, 1) if t.contracted > 0 else None,
        "hdd_days": t.counts[HDD],
        "hdd_allowance": allowance,
        "hdd_excess_days": t.hdd_excess,
        "emergency_aid_days": t.counts[EMERGENCY],
        "penalised_days": t.counts[PENALISED],
        "other_absence_days": t.counts[OTHER],
        "gross_charge_gbp": float(pennies(gross)),
        "match_funding_gbp": float(pennies(match)),
        "charge_gbp": float(pennies(charge)),
        "penalty_gbp": float(pennies(t.penalty)),
        "net_cost_gbp": float(pennies(charge - t.penalty)),
        "cost_per_delivered_day_gbp": None if per_day is None else float(pennies(per_day)),
        "note": note,
    }


def _empty_row(c: Contract, period: Period, note: str) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(SUMMARY_COLUMNS, 0)
    row.update(
        contract_id=c.id,
        council=c.council,
        scheme=c.scheme,
        period=period.label,
        period_start="",
        period_end="",
        posts=c.posts.total,
        delivery_pct=None,
        cost_per_delivered_day_gbp=None,
        note=note,
    )
    for money in MONEY_COLUMNS:
        if money != "cost_per_delivered_day_gbp":
            row[money] = 0.0
    return row


def _monthly_rows(ledger: ContractLedger, allowance: int) -> list[dict[str, object]]:
    rows = []
    cumulative = 0
    for key, span in ledger.months.items():
        tally = ledger.tallies[key]
        cumulative += tally.counts[HDD]
        row = _row(ledger.contract, f"{key // 100:04d}-{key % 100:02d}", span, tally, allowance, "")
        row["hdd_days_cumulative"] = cumulative
        rows.append(row)
    return rows


MONTHLY_COLUMNS: tuple[str, ...] = (*SUMMARY_COLUMNS[:-1], "hdd_days_cumulative")


def _monthly_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(MONTHLY_COLUMNS))


def _kind_counts(rows: pd.DataFrame) -> pd.DataFrame:
    abstracted = rows[rows["kind"] != ""]
    counts = abstracted.groupby(["contract_id", "month", "kind"]).size()
    frame = counts.rename("days").reset_index()
    frame["month"] = frame["month"].map(lambda k: f"{k // 100:04d}-{k % 100:02d}")
    return frame.astype({"days": int})


def _usage_frame(parts: list[pd.DataFrame]) -> pd.DataFrame:
    columns = ["contract_id", "date", "hdd_days", "cumulative", "allowance"]
    parts = [p for p in parts if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
