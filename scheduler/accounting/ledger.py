"""One contract's ledger: officer-days and exact money over its report window, month by
month, and every penalty itemised (DESIGN.md §1).

The ledger runs from the start of the year the window's first day belongs to (its
financial year, for the rounding of charges, and its allowance year, for the HDD
allowance; no earlier than the agreement, but earlier than the data when it must be: the
charges do not depend on it) to the window's end, so that a month knows what came before
it in its year. Only the window's months are reported.

- HDD allowance: each allowance year (financial year, or contract year when the contract
  says so) has one: ``hdd_share`` × the year's contracted days (or ``hdd_allowance`` per
  post and year, pro rata by post-days), rounded half up. HDD officer-days use it up in
  date order; only days beyond it are penalised, in the month they happen. On the day it
  runs out, the days beyond it are charged at the average daily rate of the officers on
  aid that day (each of them carries an equal share of those days).
- penalty: daily rate × (penalised abstraction days + HDD days beyond the allowance +
  vacant post-days), a vacant post-day being the year's working days ÷ its days, so a
  vacancy refunds exactly the charge the council paid for the days the post stood empty.
- charge: annual charges pro rata by post-days, less the MPS match funding; the council's
  charge is rounded (on the year's running total) and the match funding is the gross less it.
- penalties for abstractions and HDD days beyond the allowance are rounded month by month
  (a month's is its own exact total rounded once), so that a month's is the same from its
  own duty record as within the year's report; vacancy refunds, the agreement's whatever
  the data, on the year's running total, as the charge they refund.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from fractions import Fraction

import numpy as np
import pandas as pd

from calendars import FinancialYear, financial_year_of
from scheduler.accounting.money import HUNDREDTH, PENNY, as_money, exact, half_up, running_round
from scheduler.accounting.periods import Span, contract_year_span, month_label, months_in
from scheduler.accounting.posts import (
    VACANT_POST_LEAVE,
    PostDays,
    Prices,
    contracted_days,
    post_days,
)
from scheduler.scenario.model import RANKS, Contract, Scenario
from scheduler.wording import counted

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
# kinds of penalty, in the order they are itemised within a day
ABSTRACTION, HDD_BEYOND, VACANCY = "abstraction", "hdd_beyond_allowance", "vacancy"


@dataclass(frozen=True)
class Segment:
    """A month of the ledger, or the part of one on either side of the window's start."""

    start: date
    end: date
    first: int  # index of ``start`` in the ledger's days
    last: int
    in_window: bool

    @property
    def fy(self) -> int:
        return financial_year_of(self.start).year

    @property
    def label(self) -> str:
        return month_label(self.start.year, self.start.month)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True)
class AllowanceYear:
    """The year an HDD allowance belongs to, and its allowance in officer-days."""

    label: str
    span: Span
    allowance: int


@dataclass
class Month:
    """Exact figures of one segment."""

    segment: Segment
    filled: int = 0
    vacant: int = 0
    contracted: Fraction = Fraction(0)
    gross: Fraction = Fraction(0)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    hdd_beyond: int = 0
    unrecorded: int = 0
    hdd_year_to_date: int = 0
    allowances: list[AllowanceYear] = field(default_factory=list)  # the years it lies in


@dataclass(frozen=True)
class Item:
    """One penalty: an officer-day (or a share of one on the day the allowance runs out),
    or a run of consecutive days with posts of one rank vacant, within a month."""

    day: date
    last_day: date
    kind: str
    officer_id: str
    rank: str
    reason: str
    entry_id: str
    days: Fraction
    rate: Fraction
    hdd_used: int | None = None
    hdd_allowance: int | None = None
    # what the rate is made of, for a council to reconcile it: the council's share of the
    # post's annual charge ÷ the post's working days in the year
    charge: Fraction = Fraction(0)
    working_days: int = 0

    @property
    def amount(self) -> Fraction:
        return self.rate * self.days


USAGE_COLUMNS = [
    "contract_id",
    "date",
    "hdd_days",
    "cumulative",
    "beyond",
    "allowance",
    "allowance_year",
]
_KIND_ORDER = {ABSTRACTION: 0, HDD_BEYOND: 1, VACANCY: 2}


class ContractLedger:
    """Build with the contract and its window; feed it the
    officer-days of ``span`` (``rows``: officer_id, date, category, kind, event,
    abstraction_id); read ``months``, ``items`` and ``usage``."""

    def __init__(self, scenario: Scenario, contract: Contract, window: Span) -> None:
        self.scenario = scenario
        self.contract = contract
        self.window = window
        self.prices = Prices(contract)
        first = window.start
        fy_start = financial_year_of(first).start
        self._years: dict[date, AllowanceYear] = {}
        self.first_year = self._allowance_year(first)
        # charges are rounded on the financial year's running total, and the HDD allowance
        # is used up from its own year's start: the ledger starts at the earlier of the
        # two. Not at the data's first day: the charges are the agreement's whatever data
        # a report reads, so August's from August's duty record alone is the penny the
        # year's report has (penalties are rounded month by month, see ``rounded``)
        year_start = min(fy_start, self.first_year.span.start)
        self.span = Span(max(year_start, contract.start), window.end)
        self.grid: PostDays = post_days(scenario, contract, self.span)
        self.segments = _segments(self.span, window)
        self.months = [Month(s) for s in self.segments]
        self.items: list[Item] = []
        self.usage = pd.DataFrame()
        self._leave = {o.id: o.annual_leave_entitlement for o in self.grid.officers}
        self._rank = {o.id: o.rank for o in self.grid.officers}

    # --- allowance years ---------------------------------------------------------------

    def _allowance_year(self, day: date) -> AllowanceYear:
        """The allowance year holding ``day`` (each worked out once)."""
        known = next((y for y in self._years.values() if y.span.start <= day <= y.span.end), None)
        if known is not None:
            return known
        c = self.contract
        if c.hdd_allowance_year == "contract":
            number, span = contract_year_span(c.start, day)
            label = f"Y{number}"
        else:
            fy = financial_year_of(day)
            span, label = Span(fy.start, fy.end), fy.label
        year = AllowanceYear(label, span, self._allowance(span))
        self._years[span.start] = year
        return year

    def _allowance(self, year: Span) -> int:
        return year_allowance(self.scenario, self.contract, year)

    def allowance_years(self) -> list[AllowanceYear]:
        """The allowance years the ledger's days fall in, in order (the first may begin
        before the window's: the ledger starts at the earlier of its year and its financial
        year)."""
        years = [self._allowance_year(self.span.start)]
        while years[-1].span.end < self.span.end:
            years.append(self._allowance_year(years[-1].span.end + timedelta(days=1)))
        return years

    # --- posts -------------------------------------------------------------------------

    def add_posts(self) -> None:
        """Contracted days, charge, held and vacant post-days by month; vacancy penalties."""
        grid = self.grid
        held = grid.holding.sum(axis=0)
        vacant = grid.total_vacant
        for month in self.months:
            s = month.segment
            cut = slice(s.first, s.last + 1)
            month.filled = int(held[cut].sum())
            month.vacant = int(vacant[cut].sum())
            month.contracted = grid.contracted(s.first, s.last)
            n = FinancialYear(s.fy).days
            for first, last in self._stretches(s):
                for rank in RANKS:
                    bought = int(grid.posts[rank][first : last + 1].sum())
                    month.gross += self.prices.charge(rank, grid.day(first)) * bought / n
                    empty = grid.vacant[rank][first : last + 1]
                    for a, b in _runs(empty):
                        self.items.append(self._vacancy(rank, first + a, empty[a:b]))

    def _stretches(self, s: Segment) -> list[tuple[int, int]]:
        """Index runs of the segment with the same charges (split at variations)."""
        runs, first = [], s.first
        for i in range(s.first + 1, s.last + 1):
            if self.prices.stretch(self.grid.day(i)) != self.prices.stretch(self.grid.day(i - 1)):
                runs.append((first, i - 1))
                first = i
        return [*runs, (first, s.last)]

    def _vacancy(self, rank: str, first: int, empty: np.ndarray) -> Item:
        """The penalty of a run of days from index ``first`` with ``empty`` posts of
        ``rank`` vacant on each (every one at least one)."""
        start = self.grid.day(first)
        total = int(empty.sum())
        most = int(empty.max())
        return Item(
            day=start,
            last_day=self.grid.day(first + len(empty) - 1),
            kind=VACANCY,
            officer_id="",
            rank=rank,
            reason=f"{rank} post{'s' if most > 1 else ''} vacant ({counted(total, 'post-day')})",
            entry_id="",
            days=self.prices.vacant_days(start, total),
            rate=self.prices.rate(rank, start, VACANT_POST_LEAVE),
            charge=self._council_charge(rank, start),
            working_days=self.prices.working_days(start, VACANT_POST_LEAVE),
        )

    # --- officer-days ------------------------------------------------------------------

    def add_days(self, rows: pd.DataFrame) -> None:
        """Count the officer-days of the ledger's span by month and category; itemise the
        penalised ones; note officer-days with no row at all."""
        segment = self._segment_index(rows["date"])
        category = pd.Categorical(rows["category"], categories=CATEGORIES).codes
        counts = np.bincount(
            segment * len(CATEGORIES) + category, minlength=len(self.months) * len(CATEGORIES)
        ).reshape(len(self.months), len(CATEGORIES))
        for month, row in zip(self.months, counts, strict=True):
            month.counts = {c: int(n) for c, n in zip(CATEGORIES, row, strict=True)}
        self._unrecorded(rows)
        category = rows["category"].to_numpy()
        for r in _records(rows[category == PENALISED]):
            self.items.append(self._officer_day(r, ABSTRACTION, _reason(r.kind, r.event)))
        self._hdd(rows[category == HDD])

    def _segment_index(self, dates: pd.Series) -> np.ndarray:
        offsets = self._offsets(dates)
        firsts = np.array([s.first for s in self.segments])
        return np.searchsorted(firsts, offsets, side="right") - 1

    def _unrecorded(self, rows: pd.DataFrame) -> None:
        """Officer-days an officer serves with no row in the data."""
        position = {o.id: i for i, o in enumerate(self.grid.officers)}
        seen = np.zeros_like(self.grid.serving)
        offsets = (rows["date"] - pd.Timestamp(self.span.start)).dt.days.to_numpy()
        officers = rows["officer_id"].map(position).to_numpy()
        seen[officers.astype(int), offsets] = True
        self.missing = self.grid.serving & ~seen
        per_day = self.missing.sum(axis=0)
        for month in self.months:
            month.unrecorded = int(per_day[month.segment.first : month.segment.last + 1].sum())

    def missing_runs(self) -> list[tuple[str, date, date]]:
        """(officer, first, last) of each run of window days an officer served with no row."""
        runs = []
        start = (self.window.start - self.span.start).days
        for i, o in enumerate(self.grid.officers):
            days = np.flatnonzero(self.missing[i, start:]) + start
            if not len(days):
                continue
            breaks = np.flatnonzero(np.diff(days) > 1)
            for a, b in zip(np.r_[0, breaks + 1], np.r_[breaks, len(days) - 1], strict=True):
                runs.append((o.id, self.grid.day(int(days[a])), self.grid.day(int(days[b]))))
        return runs

    def _hdd(self, on_aid: pd.DataFrame) -> None:
        """HDD officer-days against each allowance year's allowance, in date order."""
        offsets = self._offsets(on_aid["date"])
        per_day = np.bincount(offsets, minlength=self.span.days)
        used = np.zeros(self.span.days, dtype=np.int64)  # in the allowance year, to the day
        beyond = np.zeros(self.span.days, dtype=np.int64)
        allowance = np.zeros(self.span.days, dtype=np.int64)
        label = np.empty(self.span.days, dtype=object)
        for year in self.allowance_years():
            first = max(0, (year.span.start - self.span.start).days)
            last = min(self.span.days - 1, (year.span.end - self.span.start).days)
            cut = slice(first, last + 1)
            used[cut] = np.cumsum(per_day[cut])
            beyond[cut] = np.clip(
                used[cut] - np.maximum(used[cut] - per_day[cut], year.allowance), 0, None
            )
            allowance[cut], label[cut] = year.allowance, year.label
            for month in self.months:
                s = month.segment
                if year.span.start <= s.end and s.start <= year.span.end:
                    month.allowances.append(year)  # a month may end one year, begin the next
                if year.span.start <= s.end <= year.span.end:
                    month.hdd_year_to_date = int(used[s.last])
            for day in np.flatnonzero(beyond[cut]) + first:
                aid = on_aid[offsets == day]
                self._beyond(aid, int(per_day[day]), int(used[day]), int(beyond[day]), year)
        for month in self.months:
            month.hdd_beyond = int(beyond[month.segment.first : month.segment.last + 1].sum())
        days = np.flatnonzero(per_day)
        self.usage = pd.DataFrame(
            {
                "contract_id": self.contract.id,
                "date": pd.to_datetime([self.grid.day(int(d)) for d in days]),
                "hdd_days": per_day[days],
                "cumulative": used[days],
                "beyond": beyond[days],
                "allowance": allowance[days],
                "allowance_year": label[days],
            },
            columns=USAGE_COLUMNS,
        )

    def _offsets(self, dates: pd.Series) -> np.ndarray:
        """Days from the ledger's first day."""
        return (dates - pd.Timestamp(self.span.start)).dt.days.to_numpy(dtype=np.int64)

    def _beyond(
        self, aid: pd.DataFrame, n: int, used: int, extra: int, year: AllowanceYear
    ) -> None:
        share = Fraction(extra, n)
        partly = "" if extra == n else f" ({extra} of {n} officer-days beyond)"
        for r in _records(aid):
            reason = _reason("hdd_aid", r.event) + partly
            item = self._officer_day(r, HDD_BEYOND, reason, share)
            self.items.append(replace(item, hdd_used=used, hdd_allowance=year.allowance))

    def _officer_day(self, r: Record, kind: str, reason: str, days: Fraction = Fraction(1)) -> Item:
        """A penalty for (a share of) one officer-day at the officer's day rate."""
        rank, leave = self._rank[r.officer_id], self._leave[r.officer_id]
        return Item(
            day=r.day,
            last_day=r.day,
            kind=kind,
            officer_id=r.officer_id,
            rank=rank,
            reason=reason,
            entry_id=r.entry_id,
            days=days,
            rate=self.prices.rate(rank, r.day, leave),
            charge=self._council_charge(rank, r.day),
            working_days=self.prices.working_days(r.day, leave),
        )

    def _council_charge(self, rank: str, day: date) -> Fraction:
        return self.prices.charge(rank, day) * self.prices.council_share()

    # --- money -------------------------------------------------------------------------

    def rounded(self) -> tuple[list[dict[str, int]], pd.DataFrame]:
        """Per month: contracted days in hundredths and money in pennies; and the items with
        their pennies, in date order. Contracted days, charges and vacancy refunds, the
        agreement's whatever the data, are rounded on each financial year's running total;
        penalties for abstractions and HDD days beyond the allowance, which come from the
        month's duty record, on the month's own (README, Rounding)."""
        items = sorted(self.items, key=lambda t: (t.day, _KIND_ORDER[t.kind], t.officer_id, t.rank))
        by_month: list[list[Item]] = [[] for _ in self.months]
        starts = [m.segment.start for m in self.months]
        for item in items:
            by_month[_bisect(starts, item.day)].append(item)
        paid = 1 - exact(self.contract.mps_match_share)
        running = {"contracted": Fraction(0), "gross": Fraction(0), "charge": Fraction(0)}
        days: dict[str, Fraction] = {}  # vacant post-days' working days so far in the year
        vacancies = Fraction(0)  # vacancy refunds so far in the year
        fy, out, priced = None, [], []
        for month, mine in zip(self.months, by_month, strict=True):
            if month.segment.fy != fy:
                fy = month.segment.fy
                running = dict.fromkeys(running, Fraction(0))
                vacancies, days = Fraction(0), {VACANCY: Fraction(0)}
            figures = {}
            for name, value, scale in (
                ("contracted", month.contracted, HUNDREDTH),
                ("gross", month.gross, PENNY),
                ("charge", month.gross * paid, PENNY),
            ):
                (figures[name],) = running_round([value], scale, running[name])
                running[name] += value
            # the council's charge is rounded on its own running total, as its vacancy
            # refunds are, and the MPS's match funding is what is left of the gross: so a
            # post empty all month refunds its charge to the penny, never a penny or two more
            figures["match"] = figures["gross"] - figures["charge"]
            # a month's other penalties are its own exact total rounded once: they come from
            # its duty record, and that month's record alone knows nothing of the year's
            # earlier abstractions, so the month reads the same alone as within the year
            pennies = _pennies(mine, vacancies)
            vacancies += sum((t.amount for t in mine if t.kind == VACANCY), Fraction(0))
            figures["penalty"] = sum(pennies)
            out.append(figures)
            days.update({ABSTRACTION: Fraction(0), HDD_BEYOND: Fraction(0)})
            shown = _days_shown(mine, days)
            if month.segment.in_window:
                priced += [(t, p, d) for t, p, d in zip(mine, pennies, shown, strict=True)]
        return out, _items_frame(self.contract, priced)

    def penalty_by_month(self) -> tuple[int, dict[int, Fraction]]:
        """The window's vacancy refunds in pennies (as ``rounded`` gives them), and the
        exact penalty of every other kind in each month of the window (keyed by
        ``month_number``), which is rounded month by month."""
        _, priced = self.rounded()
        refunds = priced[priced["kind"] == VACANCY]["penalty_gbp"]
        out: dict[int, Fraction] = {}
        for item in self.items:
            if item.day >= self.window.start and item.kind != VACANCY:
                month = month_number(item.day)
                out[month] = out.get(month, Fraction(0)) + item.amount
        return int((refunds * PENNY).round().sum()), out


def _runs(counts: np.ndarray) -> list[tuple[int, int]]:
    """The runs of days with something vacant (``counts`` > 0), as slice bounds: one
    penalty row each, so a row's days are days the post stood empty."""
    edges = np.diff(np.concatenate(([0], (counts > 0).astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist()
    return list(zip(starts, ends, strict=True))


def _pennies(items: list[Item], vacancies: Fraction) -> list[int]:
    """Each of a month's items in pennies: vacancy refunds rounded on the year's running
    total of them (``vacancies`` before the month), the others on the month's own."""
    out = [0] * len(items)
    for kinds, before in (({VACANCY}, vacancies), ({ABSTRACTION, HDD_BEYOND}, Fraction(0))):
        mine = [i for i, t in enumerate(items) if t.kind in kinds]
        pennies = running_round([items[i].amount for i in mine], PENNY, before)
        for i, p in zip(mine, pennies, strict=True):
            out[i] = p
    return out


def month_number(day: date) -> int:
    """The month of ``day`` as one whole number (months since year 0), a key of the month's
    penalty."""
    return 12 * day.year + day.month - 1


DAYS_SCALE = 10_000  # penalties.csv shows officer-days to 4 places


def _days_shown(items: list[Item], so_far: dict[str, Fraction]) -> list[int]:
    """Each item's officer-days in ten-thousandths, rounded on its kind's running total in
    the month (``so_far``, updated), as pennies are: so a column of them adds up. Three
    officers sharing 2 days beyond the HDD allowance show 0.6667, 0.6667 and 0.6666; a
    day's shares add up to its whole days beyond, and a kind's rows to its exact total."""
    shown = []
    for t in items:
        (units,) = running_round([t.days], DAYS_SCALE, so_far[t.kind])
        so_far[t.kind] += t.days
        shown.append(units)
    return shown


def year_allowance(scenario: Scenario, contract: Contract, year: Span) -> int:
    """HDD officer-days the MPS may use without penalty in one allowance year: the share of
    the year's contracted days (within the agreement), or the number per post and year pro
    rata by post-days; rounded half up."""
    inside = year.clip(Span(contract.start, contract.end))
    if inside is None:
        return 0
    if contract.hdd_allowance is not None:
        grid = post_days(scenario, contract, inside)
        bought = int(grid.total_posts.sum())
        return half_up(Fraction(bought * contract.hdd_allowance, year.days))
    share = contract.hdd_share if contract.hdd_share is not None else scenario.rules.hdd_share
    return half_up(exact(share) * contracted_days(scenario, contract, inside))


@dataclass(frozen=True)
class Record:
    """One officer-day of the classified table, typed."""

    officer_id: str
    day: date
    kind: str
    event: str
    entry_id: str


def _records(rows: pd.DataFrame) -> list[Record]:
    days = pd.DatetimeIndex(rows["date"]).date
    return [
        Record(str(o), d, str(k), str(e), str(a))
        for o, d, k, e, a in zip(
            rows["officer_id"],
            days,
            rows["kind"],
            rows["event"],
            rows["abstraction_id"],
            strict=True,
        )
    ]


def _bisect(starts: list[date], day: date) -> int:
    lo, hi = 0, len(starts)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if starts[mid] <= day:
            lo = mid
        else:
            hi = mid
    return lo


def _reason(kind: str, text: str) -> str:
    label = kind.replace("_", " ")
    return f"{label}: {text}" if text else label


def _segments(span: Span, window: Span) -> list[Segment]:
    """The months of ``span``, the one holding the window's first day split there."""
    out = []
    for month in months_in(span):
        parts = [month]
        if month.start < window.start <= month.end:
            parts = [
                Span(month.start, window.start - timedelta(days=1)),
                Span(window.start, month.end),
            ]
        for part in parts:
            out.append(
                Segment(
                    part.start,
                    part.end,
                    (part.start - span.start).days,
                    (part.end - span.start).days,
                    part.start >= window.start,
                )
            )
    return out


PENALTY_COLUMNS: tuple[str, ...] = (
    "date",
    "last_date",
    "contract_id",
    "council",
    "officer_id",
    "rank",
    "kind",
    "reason",
    "entry_id",
    "days",
    "day_rate_gbp",
    "penalty_gbp",
    "hdd_days_year_to_date",
    "hdd_allowance",
    # added in 2026-12, last so that spreadsheets reading by position still work
    "annual_charge_gbp",
    "working_days",
)
# money written with every place it has, not to the penny: the council's share of a post's
# annual charge, which its day rate is worked out from exactly (a half penny under Met Patrol
# Plus, four places under a match_funding_share of 0.25)
EXACT_MONEY_COLUMNS: tuple[str, ...] = ("annual_charge_gbp",)


def _items_frame(contract: Contract, priced: list[tuple[Item, int, int]]) -> pd.DataFrame:
    rows = [
        {
            "date": t.day.isoformat(),
            "last_date": t.last_day.isoformat(),
            "contract_id": contract.id,
            "council": contract.council,
            "officer_id": t.officer_id,
            "rank": t.rank,
            "kind": t.kind,
            "reason": t.reason,
            "entry_id": t.entry_id,
            "days": days / DAYS_SCALE,
            "day_rate_gbp": as_money(half_up(t.rate * PENNY)),
            "penalty_gbp": as_money(p),
            "hdd_days_year_to_date": t.hdd_used,
            "hdd_allowance": t.hdd_allowance,
            # exact: a pound figure to the penny, or the half penny Met Patrol Plus may leave
            "annual_charge_gbp": float(t.charge),
            "working_days": t.working_days,
        }
        for t, p, days in priced
    ]
    return pd.DataFrame(rows, columns=list(PENALTY_COLUMNS))
