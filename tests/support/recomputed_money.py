"""The council's money recomputed from the rules the README states (posts, holders, day
rates, the HDD allowance, rounding charges and vacancy refunds on each financial year's
running total, other penalties month by month), day by day
from a roster table, sharing no code with ``scheduler.accounting``: what a finance officer
checking the report by hand would do. ``Recomputed(...).row(first, last)`` gives a
report row's figures (money and contracted days in whole hundredths)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

import pandas as pd

from calendars import bank_holidays
from scheduler.scenario import Scenario
from scheduler.scenario.model import RANKS, Contract, Officer

VACANT_LEAVE = 25  # README: "a vacant one 25 days"
PCD_555 = {"constable": 57_000, "sergeant": 70_500, "inspector": 86_000}  # 2019/20, §2.1
COUNTED = [
    "filled_post_days",
    "vacant_post_days",
    "delivered_days",
    "hdd_days",
    "hdd_excess_days",
    "emergency_aid_days",
    "penalised_days",
    "other_absence_days",
]
MONEY = [
    "contracted_days",
    "gross_charge_gbp",
    "match_funding_gbp",
    "charge_gbp",
    "penalty_gbp",
    "net_cost_gbp",
]
BY_CAUSE = ["abstraction_penalty_gbp", "hdd_penalty_gbp", "vacancy_penalty_gbp"]


def units(value: object) -> int:
    """A report figure (2 dp) in whole hundredths."""
    return round(float(value) * 100)  # type: ignore[arg-type]


def half_up(value: Fraction) -> int:
    # written out again here: the test shares no arithmetic with the code it checks
    sign = -1 if value < 0 else 1
    return sign * int((abs(value) + Fraction(1, 2)) // 1)


def fy_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def fy_span(fy: int) -> tuple[date, date]:
    return date(fy, 4, 1), date(fy + 1, 3, 31)


def each_day(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


def anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return date(start.year + years, 3, 1)


@dataclass
class Day:
    """Exact figures of one day of one contract."""

    filled: int = 0
    vacant: int = 0
    contracted: Fraction = Fraction(0)
    gross: Fraction = Fraction(0)
    counts: dict[str, int] = field(default_factory=dict)
    penalty: dict[str, Fraction] = field(default_factory=dict)  # by cause
    hdd_rates: list[Fraction] = field(default_factory=list)  # of officers on aid


class Recomputed:
    """One contract's figures, day by day, from the scenario and the roster table."""

    def __init__(self, scenario: Scenario, contract: Contract, table: pd.DataFrame) -> None:
        self.s, self.c = scenario, contract
        self.officers = [o for o in scenario.officers if o.contract == contract.id]
        dates = pd.to_datetime(table["date"]).dt.date
        self.data = (dates.min(), dates.max())
        kinds = table["kind"] if "kind" in table.columns else pd.Series("", index=table.index)
        columns = (table["officer_id"], dates, table["state"], kinds.fillna(""))
        self.rows = {
            (str(o), d): (str(state), str(k)) for o, d, state, k in zip(*columns, strict=True)
        }
        self.days: dict[date, Day] = {}
        # the charges are the agreement's: counted from the start of the data's first
        # financial year, whatever day the data starts (README: Rounding)
        first = max(contract.start, fy_span(fy_of(self.data[0]))[0])
        last = min(contract.end, self.data[1])
        for day in each_day(first, last):
            self.days[day] = self._day(day)
        self._hdd_beyond()

    # -- one day ------------------------------------------------------------------------

    def year(self, fy: int) -> tuple[int, int, int]:
        first, last = fy_span(fy)
        n = (last - first).days + 1
        return n, 2 * n // 7, len(bank_holidays(first, last))

    def working_days(self, day: date, leave: int) -> int:
        n, rest, holidays = self.year(fy_of(day))
        return self.c.contracted_days_per_post or n - rest - holidays - leave

    def rate(self, rank: str, day: date, leave: int) -> Fraction:
        charge = self.charge(rank, fy_of(day), day)
        paid = 1 - self.mps_share  # README: the council's share
        return charge * paid / self.working_days(day, leave)

    @property
    def mps_share(self) -> Fraction:
        """The MPS's share of the charge: the contract's ``match_funding_share``, else half
        under Met Patrol Plus ("buy one get one free"), else none."""
        if self.c.match_funding_share is not None:
            return Fraction(str(self.c.match_funding_share))
        return Fraction(1, 2) if self.c.scheme == "met-patrol-plus" else Fraction(0)

    def charge(self, rank: str, fy: int, day: date) -> Fraction:
        """A post's annual charge in force on ``day`` of financial year ``fy``, from the
        agreement's figures as the README states it (not ``Contract.charge``): a
        variation's charge from its day, unless a ``charges`` entry for a financial year
        beginning after it; else the latest ``charges`` entry up to ``fy``; else the
        2019/20 charge (PCD 555's by default); each raised by ``uplift`` a year after its
        own year, rounded to the penny (half up) every year."""
        agreed = [
            (e.year, value)
            for e in self.c.charges
            if e.year <= fy and (value := getattr(e, rank)) is not None
        ]
        latest = max(agreed, default=None, key=lambda pair: pair[0])
        varied = [
            (v.from_, value)
            for v in sorted(self.c.variation, key=lambda v: v.from_)
            if v.from_ <= day and (value := getattr(v.annual_charge, rank)) is not None
        ]
        if varied and (latest is None or date(latest[0], 4, 1) <= varied[-1][0]):
            since, value = varied[-1]
            return self._raised(value, fy - fy_of(since))
        if latest is not None:
            return self._raised(latest[1], fy - latest[0])
        base = getattr(self.c.annual_charge, rank)
        return self._raised(PCD_555[rank] if base is None else base, fy - 2019)

    def _raised(self, value: float, years: int) -> Fraction:
        charge = Fraction(str(value))
        for _ in range(years):
            charge = Fraction(half_up(charge * (1 + Fraction(str(self.c.uplift))) * 100), 100)
        return charge

    def holders(self, day: date, rank: str) -> list[Officer]:
        serving = [
            o for o in self.officers if o.rank == rank and (o.start or day) <= day <= (o.end or day)
        ]
        return serving[: self.c.posts_on(day).of(rank)]

    def _day(self, day: date) -> Day:
        fy = fy_of(day)
        n, rest, _ = self.year(fy)
        holiday = day in set(bank_holidays(day, day))
        out = Day(counts=dict.fromkeys(("delivered", "hdd", "emergency", "penalised", "other"), 0))
        out.penalty = {"abstraction": Fraction(0), "hdd": Fraction(0), "vacancy": Fraction(0)}
        for rank in RANKS:
            posts = self.c.posts_on(day).of(rank)
            holders = self.holders(day, rank)
            vacant = posts - len(holders)
            out.filled += len(holders)
            out.vacant += vacant
            leave = sum(o.annual_leave_entitlement for o in holders) + VACANT_LEAVE * vacant
            if self.c.contracted_days_per_post:  # README: a post-year is that many days
                out.contracted += Fraction(posts * self.c.contracted_days_per_post, n)
            else:
                out.contracted += Fraction(posts * (n - rest) - leave, n) - posts * holiday
            out.gross += self.charge(rank, fy, day) * posts / n
            # README: a vacant post-day is the year's working days ÷ its days
            worth = Fraction(self.working_days(day, VACANT_LEAVE), n)
            out.penalty["vacancy"] += vacant * worth * self.rate(rank, day, VACANT_LEAVE)
            for o in holders:
                self._officer_day(out, o, day)
        return out

    def _officer_day(self, out: Day, o: Officer, day: date) -> None:
        if (o.id, day) not in self.rows:
            return
        state, kind = self.rows[(o.id, day)]
        default = {
            "HDD_AID": "hdd_aid",
            "EMERGENCY_AID": "emergency_aid",
            "ABSTRACTED": "operational",
            "SICK": "sickness",
            "COURT": "court",
            "TRAINING": "training",
        }
        if state == "DUTY":
            out.counts["delivered"] += 1
            return
        if state not in default:
            return
        kind = kind or default[state]
        rate = self.rate(o.rank, day, o.annual_leave_entitlement)
        if kind == "hdd_aid" and not self._unbought_holiday(day):
            out.counts["hdd"] += 1
            out.hdd_rates.append(rate)
        elif kind == "emergency_aid":
            out.counts["emergency"] += 1
        elif kind in self.c.penalised_kinds and not self._unbought_holiday(day):
            out.counts["penalised"] += 1
            out.penalty["abstraction"] += rate
        else:
            out.counts["other"] += 1

    def _unbought_holiday(self, day: date) -> bool:
        # README: a bank holiday the contract does not buy is no officer-day it paid for:
        # an abstraction there is not penalised, HDD aid there uses none of the allowance
        return not self.c.cover_bank_holidays and day in set(bank_holidays(day, day))

    # -- the HDD allowance --------------------------------------------------------------

    def allowance_year(self, day: date) -> tuple[str, date, date]:
        if self.c.hdd_allowance_year == "contract":
            k = 0
            while anniversary(self.c.start, k + 1) <= day:
                k += 1
            return f"Y{k + 1}", anniversary(self.c.start, k), anniversary(self.c.start, k + 1)
        fy = fy_of(day)
        first, last = fy_span(fy)
        return f"FY{fy}", first, last + timedelta(1)

    def allowance(self, first: date, end: date) -> int:
        inside = each_day(max(first, self.c.start), min(end - timedelta(1), self.c.end))
        if self.c.hdd_allowance is not None:
            post_days = sum(self.c.posts_on(d).total for d in inside)
            return half_up(Fraction(post_days * self.c.hdd_allowance, (end - first).days))
        share = self.c.hdd_share if self.c.hdd_share is not None else self.s.rules.hdd_share
        contracted = sum((self._day(d).contracted for d in inside), Fraction(0))
        return half_up(Fraction(str(share)) * contracted)

    def _hdd_beyond(self) -> None:
        used: dict[str, int] = {}
        self.allowances: dict[str, int] = {}
        self.used_by: dict[date, int] = {}
        self.label: dict[date, str] = {}
        for day, figures in self.days.items():
            label, first, end = self.allowance_year(day)
            if label not in self.allowances:
                self.allowances[label] = self.allowance(first, end)
            before = used.get(label, 0)
            used[label] = before + figures.counts["hdd"]
            beyond = max(0, used[label] - max(before, self.allowances[label]))
            figures.counts["hdd_beyond"] = beyond
            if beyond:
                rates = figures.hdd_rates
                figures.penalty["hdd"] = Fraction(beyond) * sum(rates, Fraction(0)) / len(rates)
            self.used_by[day], self.label[day] = used[label], label

    # -- a period, rounded as the README says --------------------------------------------

    def ytd(self, name: str, through: date) -> Fraction:
        """Exact running total of one amount from the start of ``through``'s financial
        year (or the agreement) to ``through``."""
        first = max(fy_span(fy_of(through))[0], min(self.days, default=through))
        total = Fraction(0)
        for day in each_day(first, through):
            figures = self.days.get(day)
            if figures is None:
                continue
            total += self.amount(figures, name)
        return total

    def amount(self, figures: Day, name: str) -> Fraction:
        if name == "contracted_days":
            return figures.contracted
        if name == "gross_charge_gbp":
            return figures.gross
        if name == "charge_gbp":  # README: the council's charge rounded, the MPS's the rest
            return figures.gross * (1 - self.mps_share)
        if name == "vacancy_penalty_gbp":
            return figures.penalty["vacancy"]
        if name == "duty_penalty_gbp":  # abstractions and HDD days beyond the allowance
            return figures.penalty["abstraction"] + figures.penalty["hdd"]
        raise KeyError(name)

    def monthly(self, name: str, first: date, last: date) -> int:
        """The period's figure in hundredths: each calendar month of it (cut to the
        period) its own exact total rounded, added up (README: Rounding)."""
        total, day = 0, first
        while day <= last:
            following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
            end = min(last, following - timedelta(1))
            exact = Fraction(0)
            for d in each_day(day, end):
                if d in self.days:
                    exact += self.amount(self.days[d], name)
            total += half_up(exact * 100)
            day = end + timedelta(1)
        return total

    def rounded(self, name: str, first: date, last: date) -> int:
        """The period's figure in hundredths: for each financial year it touches, the
        running total at its last day, rounded, less that at the day before its first."""
        total = 0
        for fy in range(fy_of(first), fy_of(last) + 1):
            a, b = fy_span(fy)
            a, b = max(a, first), min(b, last)
            end = half_up(self.ytd(name, b) * 100)
            start = 0 if a == fy_span(fy)[0] else half_up(self.ytd(name, a - timedelta(1)) * 100)
            total += end - start
        return total

    def row(self, first: date, last: date) -> dict[str, object]:
        days = [self.days[d] for d in each_day(first, last) if d in self.days]
        out: dict[str, object] = {
            "filled_post_days": sum(d.filled for d in days),
            "vacant_post_days": sum(d.vacant for d in days),
            "delivered_days": sum(d.counts["delivered"] for d in days),
            "hdd_days": sum(d.counts["hdd"] for d in days),
            "hdd_excess_days": sum(d.counts["hdd_beyond"] for d in days),
            "emergency_aid_days": sum(d.counts["emergency"] for d in days),
            "penalised_days": sum(d.counts["penalised"] for d in days),
            "other_absence_days": sum(d.counts["other"] for d in days),
        }
        for name in ("contracted_days", "gross_charge_gbp", "charge_gbp", "vacancy_penalty_gbp"):
            out[name] = self.rounded(name, first, last)
        # README: penalties from the duty record, month by month; vacancy refunds as charges
        vacancy = int(out["vacancy_penalty_gbp"])  # type: ignore[call-overload]
        out["penalty_gbp"] = vacancy + self.monthly("duty_penalty_gbp", first, last)
        out["match_funding_gbp"] = int(out["gross_charge_gbp"]) - int(out["charge_gbp"])  # type: ignore[call-overload]
        out["net_cost_gbp"] = int(out["charge_gbp"]) - int(out["penalty_gbp"])  # type: ignore[call-overload]
        return out


# --- generated contracts and roster tables -------------------------------------------------
