"""Validated, immutable domain objects a scenario file loads into (DESIGN.md §5).

Field-level checks (types, ranges, clock times, weekday names) live on the models;
cross-references (unknown contract, duplicate ids, too many officers) live in
``scheduler.scenario.validate`` so that every problem is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from math import floor
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from calendars import (
    aid_tour_problem,
    clock_minutes,
    day_problem,
    financial_year_of,
    parse_financial_year,
)
from calendars.day_text import ISO_DAY
from scheduler.limits import (
    MAX_CONTRACT_YEARS,
    MAX_ID_LENGTH,
    MAX_MONEY,
    MAX_NOTICE_DAYS,
    MAX_SERVICE_YEARS,
    MAX_TEXT_LENGTH,
    date_problem,
    id_problem,
    text_problem,
)
from scheduler.table import said_rank

if TYPE_CHECKING:  # the calendars are imported when first needed
    from calendars import HighDemandDay

Rank = Literal["constable", "sergeant", "inspector"]
RANKS: tuple[Rank, ...] = ("constable", "sergeant", "inspector")
SUPERVISORY_RANKS: frozenset[str] = frozenset({"sergeant", "inspector"})
Scheme = Literal["partnership-plus", "met-patrol-plus"]

# PCD 555 §2.1 and §3.2: 2019/20 prices.
DEFAULT_ANNUAL_CHARGE_2019: dict[str, float] = {
    "constable": 57_000.0,
    "sergeant": 70_500.0,
    "inspector": 86_000.0,
}
DEFAULT_FULL_COST_2019: dict[str, float] = {
    "constable": 72_280.0,
    "sergeant": 86_726.0,
    "inspector": 105_080.0,
}
PRICE_BASE_YEAR = 2019
# Partnership Plus replaced Met Patrol Plus from this day; legacy agreements were honoured
# until they expired, none was signed after (PCD 555)
PARTNERSHIP_PLUS_FROM = date(2019, 4, 1)

ABSTRACTION_KINDS: tuple[str, ...] = (
    "hdd_aid",
    "emergency_aid",
    "operational",
    "court",
    "training",
    "sickness",
)

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_ALIASES: dict[str, tuple[int, ...]] = {
    **{name.lower(): (i,) for i, name in enumerate(WEEKDAYS)},
    **{
        full: (i,)
        for i, full in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    "weekdays": (0, 1, 2, 3, 4),
    "weekend": (5, 6),
    "daily": (0, 1, 2, 3, 4, 5, 6),
}

_CLOCK = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")


# Bounds that keep a mistyped number from building a model the solver cannot hold (or a
# rule loop that never ends): a run of duty days or nights longer than a year means nothing,
# and a weight beyond a million dwarfs every other goal anyway.
MAX_RUN_DAYS = 366
MAX_WEIGHT = 1_000_000
MAX_POSTS = 1_000  # of one rank in one contract (London's largest buys 41 constables)


_T = TypeVar("_T")


class Frozen(BaseModel):
    # TOML has inf and nan; no charge, rate or number of hours may be either
    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, allow_inf_nan=False
    )

    @field_validator("*", mode="before")
    @classmethod
    def _no_true_for_a_number(cls, value: object, info: ValidationInfo) -> object:
        """``true``/``false`` where a field takes none: pydantic reads them as 1 and 0, so
        ``years = true`` was a one-year agreement and ``min = true`` one officer. A field
        with its own reader (a share, a clock time, a date) refuses them in its own words."""
        if isinstance(value, bool) and info.field_name is not None:
            field = cls.model_fields.get(info.field_name)
            if (
                field is not None
                and not _takes_true(field.annotation)
                and not any(isinstance(m, BeforeValidator) for m in field.metadata)
            ):
                raise ValueError("true or false is not a value this field takes")
        return value


def _takes_true(annotation: object) -> bool:
    """Whether a field's type holds ``bool`` (or is open to any value)."""
    if annotation is bool or annotation is object or annotation is Any:
        return True
    return any(_takes_true(a) for a in get_args(annotation))


def _clock_time(value: object) -> object:
    """Accept 'HH:MM' text (or a TOML local time); anything else is not a clock time."""
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        m = _CLOCK.match(value.strip())
        if m:
            return time(int(m.group(1)), int(m.group(2)))
    raise ValueError("not a clock time HH:MM (00:00-23:59)")


ClockTime = Annotated[time, BeforeValidator(_clock_time)]


def _strict_date(value: object) -> object:
    """TOML dates arrive as date objects; text must be ISO YYYY-MM-DD (no datetimes)."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return _in_range(value)
    if isinstance(value, str):
        try:
            day = _iso_day(value)
        except ValueError:
            pass
        else:
            return _in_range(day)
        raise ValueError(day_problem(value, "not a date YYYY-MM-DD"))
    raise ValueError("not a date YYYY-MM-DD")


def _iso_day(text: str) -> date:
    """The day of ``YYYY-MM-DD`` text, as docs/scenario.md and the schema have it: not
    the other ISO forms ``date.fromisoformat`` takes (``20260803``, ``2026-W32-1``), which
    an editor checking the file against the schema refuses."""
    if ISO_DAY.match(text.strip()) is None:
        raise ValueError(text)
    return date.fromisoformat(text.strip())


def _in_range(day: date) -> date:
    problem = date_problem(day)
    if problem:
        raise ValueError(problem)
    return day


Day = Annotated[date, BeforeValidator(_strict_date)]


def _id(value: str) -> str:
    problem = id_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _name(value: str) -> str:
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _free_text(value: str) -> str:
    problem = text_problem(value, limit=MAX_TEXT_LENGTH, newlines=True)
    if problem:
        raise ValueError(problem)
    return value


# An id names files, sheets and calendar feeds; a name is one line of plain text.
Id = Annotated[str, AfterValidator(_id)]
Name = Annotated[str, AfterValidator(_name)]
FreeText = Annotated[str, AfterValidator(_free_text)]
Money = Annotated[float, Field(ge=0, le=MAX_MONEY)]


def read_share(value: object) -> object:
    """A share as a council writes it: ``0.03`` or ``"3%"``; a number over 1 (``3`` for 3%)
    is refused saying how to write it, not as merely too big."""
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            return float(Fraction(value.strip()[:-1].strip()) / 100)  # "2.5%": 0.025 exactly
        except ValueError:
            raise ValueError('not a percentage: write 3% as 0.03 or "3%"') from None
    if isinstance(value, bool):  # true is not 100%
        raise ValueError("a share from 0 to 1, not true or false")
    if isinstance(value, int | float) and 1 < value < float("inf"):
        raise ValueError(f'a share from 0 to 1: write {value}% as {value / 100:g} or "{value}%"')
    return value


Share = Annotated[float, Field(ge=0, le=1), BeforeValidator(read_share)]
NoticeDays = Annotated[int, Field(ge=0, le=MAX_NOTICE_DAYS)]
Rate = Annotated[float, Field(ge=0, le=10)]  # a pay multiplier


def parse_weekdays(names: list[str]) -> tuple[int, ...]:
    days: set[int] = set()
    for name in names:
        key = str(name).strip().lower()
        if key not in _WEEKDAY_ALIASES:
            raise ValueError(
                f"unknown weekday name {name!r} (use Mon..Sun, weekdays, weekend, daily)"
            )
        days.update(_WEEKDAY_ALIASES[key])
    return tuple(sorted(days))


class DateRange(Frozen):
    """Inclusive range of days; a single day has first == last."""

    first: date
    last: date

    @classmethod
    def parse(cls, value: object) -> DateRange:
        if isinstance(value, date) and not isinstance(value, datetime):
            return cls(first=_in_range(value), last=value)
        if isinstance(value, str):
            parts = value.split("/")
            if len(parts) in (1, 2):
                try:
                    first = _iso_day(parts[0])
                    last = _iso_day(parts[-1])
                except ValueError:
                    pass
                else:
                    if last < first:
                        raise ValueError("range ends before it starts")
                    return cls(first=_in_range(first), last=_in_range(last))
            usage = "not a date or a 'YYYY-MM-DD/YYYY-MM-DD' range"
            for part in parts:
                why = day_problem(part, usage)
                if why != usage:
                    raise ValueError(why)
        raise ValueError("not a date or a 'YYYY-MM-DD/YYYY-MM-DD' range")

    def days(self) -> list[date]:
        return [self.first + timedelta(n) for n in range((self.last - self.first).days + 1)]

    def __contains__(self, d: date) -> bool:
        return self.first <= d <= self.last


def _date_range(value: object) -> object:
    return value if isinstance(value, DateRange) else DateRange.parse(value)


LeaveRange = Annotated[DateRange, BeforeValidator(_date_range)]


class ScenarioInfo(Frozen):
    name: Name = Field(min_length=1)
    start: Day
    end: Day
    description: FreeText = ""


class Rules(Frozen):
    """Every number of DESIGN.md §2, overridable under ``[rules]``."""

    max_tour_hours: float = Field(10.0, gt=0, le=24)
    min_rest_hours: float = Field(11.0, ge=0, le=48)
    max_consecutive_duty_days: int = Field(7, gt=0, le=MAX_RUN_DAYS)
    rest_days_per_week: float = Field(2.0, ge=0, le=7)
    weekly_rest_hours: float = Field(24.0, ge=0, le=168)
    fortnightly_rest_hours: float = Field(48.0, ge=0, le=336)
    max_average_weekly_hours: float = Field(48.0, gt=0, le=168)
    reference_weeks: int = Field(17, gt=0, le=52)  # the law allows at most 52
    max_consecutive_nights: int = Field(4, gt=0, le=MAX_RUN_DAYS)
    notice_days: NoticeDays = 28
    rest_day_notice_days: NoticeDays = 15
    rest_day_overtime_rate: Rate = 1.5
    rest_day_minimum_hours: float = Field(4.0, ge=0, le=24)
    rerostered_rest_day_within_days: NoticeDays = 4
    public_holiday_notice_days: NoticeDays = 8
    public_holiday_rate: Rate = 2.0
    hdd_share: Share = 0.05


class Shift(Frozen):
    """A tour type: clock times in Europe/London; an end before the start finishes next day."""

    code: str = Field(min_length=1, max_length=12, pattern=r"^[A-Za-z0-9_-]+$")
    start: ClockTime
    end: ClockTime
    name: Name = ""

    @model_validator(mode="after")
    def _not_zero_length(self) -> Shift:
        if self.start == self.end:
            raise ValueError(
                f"tour start equals end ({self.start:%H:%M}): a tour lasts more than 0 h and "
                "less than 24 h; give the time it ends (an end before the start is the "
                "next day's)"
            )
        return self

    @property
    def nominal_minutes(self) -> int:
        return clock_minutes(self.start, self.end)

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start


class Cover(Frozen):
    """Council tasking: officers wanted on a tour on given weekdays."""

    days: tuple[int, ...]
    shift: str
    min: int = Field(1, ge=0, le=3 * MAX_POSTS)
    max: int | None = Field(None, ge=0, le=3 * MAX_POSTS)
    weight: int = Field(100, gt=0, le=MAX_WEIGHT)

    @field_validator("days", mode="before")
    @classmethod
    def _weekdays(cls, value: object) -> tuple[int, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not value:
            raise ValueError("must be a non-empty list of weekday names")
        return parse_weekdays([str(v) for v in value])

    @model_validator(mode="after")
    def _max_not_below_min(self) -> Cover:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max {self.max} is below min {self.min}")
        return self


class Posts(Frozen):
    constable: int = Field(0, ge=0, le=MAX_POSTS)
    sergeant: int = Field(0, ge=0, le=MAX_POSTS)
    inspector: int = Field(0, ge=0, le=MAX_POSTS)

    @property
    def total(self) -> int:
        return self.constable + self.sergeant + self.inspector

    def of(self, rank: str) -> int:
        return int(getattr(self, rank))


class RankMoney(Frozen):
    constable: Money | None = None
    sergeant: Money | None = None
    inspector: Money | None = None


def _financial_year(value: object) -> object:
    """A financial year as council papers write it (``FY2026``, ``2026/27``) is its first
    calendar year; a number stays as it is."""
    if isinstance(value, str) and not value.strip().isdigit():
        try:
            return parse_financial_year(value).year
        except ValueError:
            raise ValueError("not a financial year: write 2026, FY2026 or 2026/27") from None
    return value


class YearCharge(RankMoney):
    """An explicit annual charge for one financial year (FY2026 = 1 April 2026 on)."""

    year: Annotated[int, BeforeValidator(_financial_year)] = Field(ge=2000, le=2100)


NOTICE_MONTHS = 6  # PCD 555 §2.6: either party may end an agreement on 6 months' notice
AllowanceYear = Literal["financial", "contract"]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it has no such day."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def uplifted(base: float, uplift: float, years: int) -> float:
    """``base`` raised by ``uplift`` a year for ``years`` years as a price list is: each
    year's charge is the year before's, to the penny, times 1 + uplift, rounded to the
    penny (half up), so that every charge a council is invoiced is in pounds and pence and
    follows from last year's by the uplift alone. Exact: no float drifts in the pennies."""
    if years <= 0 or not uplift:
        return base
    charge = Fraction(Decimal(repr(base)))
    rise = 1 + Fraction(Decimal(repr(uplift)))
    for _ in range(years):
        charge = Fraction(floor(charge * rise * 100 + Fraction(1, 2)), 100)
    return float(charge)


class Variation(Frozen):
    """A change to the agreement from a day on (``[[contract.variation]]``): the posts
    bought from then, and the annual charges in force from then (actual pounds in its
    financial year, raised by the contract's uplift in each year after)."""

    from_: Day = Field(alias="from")
    posts: Posts | None = None  # None: the posts stay as they were
    annual_charge: RankMoney = RankMoney()
    cover: tuple[Cover, ...] | None = None  # None: the tasking stays as it was
    note: FreeText = ""


class Contract(Frozen):
    id: Id
    council: Name = Field(min_length=1)
    bcu: Name = Field(min_length=1)
    scheme: Scheme = "partnership-plus"
    start: Day
    years: int = Field(3, gt=0, le=MAX_CONTRACT_YEARS)
    posts: Posts
    annual_charge: RankMoney = RankMoney()  # 2019/20 prices; defaults from PCD 555 §2.1
    charges: tuple[YearCharge, ...] = ()  # explicit per-year charges override the uplift
    uplift: Share = 0.0  # annual price uplift from 2019/20, e.g. 0.03
    full_cost: RankMoney = RankMoney()  # comparators, PCD 555 §3.2
    hdd_share: Share | None = None  # allowance as a share of EWD
    hdd_allowance: int | None = Field(None, ge=0, le=366)  # or a fixed number per post and year
    penalised_kinds: tuple[str, ...] = ("operational",)
    contracted_days_per_post: int | None = Field(None, gt=0, le=366)  # overrides EWD
    match_funding_share: Share | None = None  # MPS share; MPP default 0.5
    co_funder: Name = ""  # e.g. a BID; the council stays the contracting party
    cover: tuple[Cover, ...] = ()
    # bank holidays are days off unless the council asks for its cover on them (double time)
    cover_bank_holidays: bool = False
    variation: tuple[Variation, ...] = ()
    notice_given: Day | None = None  # the agreement ends NOTICE_MONTHS later (or at term end)
    hdd_allowance_year: AllowanceYear = "financial"  # the year the HDD allowance belongs to

    @field_validator("variation", mode="after")
    @classmethod
    def _in_date_order(cls, value: tuple[Variation, ...]) -> tuple[Variation, ...]:
        return tuple(sorted(value, key=lambda v: v.from_))

    @field_validator("penalised_kinds", mode="before")
    @classmethod
    def _kinds(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            for kind in value:
                if not isinstance(kind, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", kind):
                    raise ValueError(f"abstraction kind must be lower_snake_case text: {kind!r}")
                if len(kind) > MAX_ID_LENGTH:
                    raise ValueError(f"abstraction kind longer than {MAX_ID_LENGTH} characters")
        return value

    @property
    def term_end(self) -> date:
        """Last day of the term (inclusive): ``years`` after the start."""
        try:
            anniversary = self.start.replace(year=self.start.year + self.years)
        except ValueError:  # 29 February start
            anniversary = date(self.start.year + self.years, 3, 1)
        return anniversary - timedelta(days=1)

    @property
    def notice_end(self) -> date | None:
        """The day the agreement ends on notice: NOTICE_MONTHS after it was given."""
        if self.notice_given is None:
            return None
        return add_months(self.notice_given, NOTICE_MONTHS)

    @property
    def end(self) -> date:
        """Last day of the agreement (inclusive): the term's end, or the day notice runs
        out when that is sooner."""
        notice = self.notice_end
        return self.term_end if notice is None else min(self.term_end, notice)

    def in_force(self, day: date) -> bool:
        """The agreement holds on ``day``."""
        return self.start <= day <= self.end

    def posts_on(self, day: date) -> Posts:
        """The posts bought on ``day``: the latest variation from then or before, else
        ``posts``."""
        return self._varied(day, "posts", self.posts)

    def cover_on(self, day: date) -> tuple[Cover, ...]:
        """The council's tasking on ``day``: that of the latest variation from then or
        before that sets one, else ``cover``; none outside the agreement (nobody is
        rostered for it before it starts or after notice runs out)."""
        return self._varied(day, "cover", self.cover) if self.in_force(day) else ()

    def _varied(self, day: date, name: str, value: _T) -> _T:
        """``value`` as the latest variation from ``day`` or before that sets ``name``
        left it (variations are in date order)."""
        for v in self.variation:
            if v.from_ > day:
                break
            if getattr(v, name) is not None:
                value = getattr(v, name)
        return value

    @property
    def tasked_tours(self) -> set[str]:
        """Every tour the council's tasking names, in any variation."""
        covers = [self.cover, *(v.cover for v in self.variation if v.cover is not None)]
        return {c.shift for cover in covers for c in cover}

    @property
    def post_changes(self) -> tuple[tuple[date, Posts], ...]:
        """(first day, posts) of each stretch of the agreement with the same posts."""
        changes = [(self.start, self.posts)]
        for v in self.variation:
            if v.posts is not None:
                changes.append((v.from_, v.posts))
        return tuple(changes)

    @property
    def most_posts(self) -> int:
        return max(posts.total for _, posts in self.post_changes)

    def charge(self, rank: str, financial_year: int, on: date | None = None) -> float:
        """Annual charge for one post of ``rank`` in the financial year starting 1 April,
        or, given the day ``on``, the charge a variation set from then or before."""
        # each year's charge is the year before's times 1 + uplift: from the latest year
        # with an explicit charge up to this one (a price agreed for 2026 is 2027's base,
        # not the 2019/20 list price), else from 2019/20
        explicit = [
            (e.year, float(value))
            for e in self.charges
            if e.year <= financial_year and (value := getattr(e, rank)) is not None
        ]
        agreed = max(explicit, key=lambda pair: pair[0]) if explicit else None
        if on is not None:
            varied = [
                (v.from_, value)
                for v in self.variation
                if v.from_ <= on and (value := getattr(v.annual_charge, rank)) is not None
            ]
            # a variation's charge stands until a charge agreed for a later financial year
            # (one beginning after the variation's day) replaces it; it is that year's
            # price, raised by the uplift in the years after, as an agreed year's is
            if varied and (agreed is None or date(agreed[0], 4, 1) <= varied[-1][0]):
                since, value = varied[-1]
                years = financial_year - financial_year_of(since).year
                return uplifted(float(value), self.uplift, years)
        if agreed is not None:
            year, value = agreed
            return uplifted(value, self.uplift, financial_year - year)
        base = getattr(self.annual_charge, rank)
        base = DEFAULT_ANNUAL_CHARGE_2019[rank] if base is None else float(base)
        return uplifted(base, self.uplift, financial_year - PRICE_BASE_YEAR)

    def full_cost_of(self, rank: str) -> float:
        value = getattr(self.full_cost, rank)
        return DEFAULT_FULL_COST_2019[rank] if value is None else float(value)

    @property
    def mps_match_share(self) -> float:
        """Share of the charge the MPS funds: Met Patrol Plus was 'buy one get one free'."""
        if self.match_funding_share is not None:
            return self.match_funding_share
        return 0.5 if self.scheme == "met-patrol-plus" else 0.0

    @property
    def after_met_patrol_plus(self) -> bool:
        """A Met Patrol Plus agreement starting after the scheme closed: none was signed
        then, so it is a renewal written as legacy, or a slip for partnership-plus."""
        return self.scheme == "met-patrol-plus" and self.start >= PARTNERSHIP_PLUS_FROM

    @property
    def allowance_share(self) -> float | None:
        return self.hdd_share


class Request(Frozen):
    """An officer's wish to work (on) or not work (off) a day or a tour on a day."""

    date: Day
    kind: Literal["on", "off"] = "off"
    shift: str | None = None
    weight: int = Field(1, gt=0, le=MAX_WEIGHT)


class Officer(Frozen):
    id: Id
    contract: str = Field(max_length=MAX_ID_LENGTH)
    rank: Rank
    service_years: int = Field(5, ge=0, le=MAX_SERVICE_YEARS)
    leave: tuple[LeaveRange, ...] = ()
    requests: tuple[Request, ...] = ()
    start: Day | None = None  # in post from (vacancy before)
    end: Day | None = None  # in post until (vacancy after)

    @field_validator("rank", mode="before")
    @classmethod
    def _rank(cls, value: object) -> object:
        """A rank as a planner types it ("Sergeant", "Sgt", "PC") reads as its name."""
        return (said_rank(value) or value) if isinstance(value, str) else value

    @field_validator("leave", mode="before")
    @classmethod
    def _leave(cls, value: object) -> object:
        if not isinstance(value, list | tuple):
            raise ValueError("must be a list of dates or 'YYYY-MM-DD/YYYY-MM-DD' ranges")
        return tuple(value)  # each item read by LeaveRange, so a problem names its place

    @model_validator(mode="after")
    def _in_post_order(self) -> Officer:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    @property
    def annual_leave_entitlement(self) -> int:
        from calendars import annual_leave_days

        return annual_leave_days(self.service_years)

    def leave_days(self) -> set[date]:
        return {d for r in self.leave for d in r.days()}

    def in_post(self, d: date) -> bool:
        return (self.start is None or d >= self.start) and (self.end is None or d <= self.end)


class HighDemandEvent(Frozen):
    """A High Demand Day announced for this scenario (Trooping the Colour, Marathon ...)."""

    date: Day
    name: Name = Field(min_length=1)
    start: ClockTime | None = None
    end: ClockTime | None = None
    officers: int | None = Field(None, ge=0, le=3 * MAX_POSTS)  # per contract; None = all
    share: float | None = Field(None, ge=0, le=1)

    @model_validator(mode="after")
    def _times(self) -> HighDemandEvent:
        if (self.start is None) != (self.end is None):
            raise ValueError("give both start and end of the aid tour, or neither")
        if self.start is not None and self.end is not None:
            problem = aid_tour_problem(self.date, self.start, self.end)
            if problem is not None:
                raise ValueError(problem)
        return self


class HighDemandSettings(Frozen):
    add: tuple[HighDemandEvent, ...] = ()
    remove: tuple[Day, ...] = ()
    share: float = Field(1.0, ge=0, le=1)  # share of available officers put on aid


class RotaSettings(Frozen):
    """Rota-line mode: officers follow lines of a cyclic base pattern."""

    mode: Literal["free", "lines"] = "free"
    cycle_weeks: int = Field(5, gt=0, le=52)
    lines: tuple[str, ...] = ()  # given pattern: one string per line, a code per day or '.'
    weight: int = Field(20, gt=0, le=MAX_WEIGHT)


class Scenario(Frozen):
    """A whole scenario: the horizon, rules, tours, contracts, officers and HDDs."""

    scenario: ScenarioInfo
    rules: Rules = Rules()
    shifts: tuple[Shift, ...] = Field(default=(), alias="shift")
    contracts: tuple[Contract, ...] = Field(default=(), alias="contract")
    officers: tuple[Officer, ...] = Field(default=(), alias="officer")
    high_demand: HighDemandSettings = HighDemandSettings()
    rota: RotaSettings = RotaSettings()
    source: str = ""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @property
    def name(self) -> str:
        return self.scenario.name

    @property
    def start(self) -> date:
        return self.scenario.start

    @property
    def end(self) -> date:
        return self.scenario.end

    @cached_property
    def days(self) -> tuple[date, ...]:
        """Every horizon day, worked out once (the model is frozen)."""
        n = (self.end - self.start).days + 1
        return tuple(self.start + timedelta(i) for i in range(n))

    def shift(self, code: str) -> Shift:
        for s in self.shifts:
            if s.code == code:
                return s
        raise KeyError(code)

    def contract(self, contract_id: str) -> Contract:
        for c in self.contracts:
            if c.id == contract_id:
                return c
        raise KeyError(contract_id)

    def officer(self, officer_id: str) -> Officer:
        for o in self.officers:
            if o.id == officer_id:
                return o
        raise KeyError(officer_id)

    def officers_of(self, contract_id: str) -> list[Officer]:
        return [o for o in self.officers if o.contract == contract_id]

    def cut_to(self, wanted: Collection[str]) -> Scenario:
        """The scenario with only the contracts ``wanted`` and their officers."""
        return self.model_copy(
            update={
                "contracts": tuple(c for c in self.contracts if c.id in wanted),
                "officers": tuple(o for o in self.officers if o.contract in wanted),
            }
        )

    def serves(self, officer: Officer, day: date) -> bool:
        """The officer holds a purchased post on ``day``: in post, and the agreement of
        their contract in force (no officer is rostered for a council past its agreement)."""
        if not officer.in_post(day):
            return False
        contract = next((c for c in self.contracts if c.id == officer.contract), None)
        return contract is None or contract.in_force(day)

    def service_span(self, officer: Officer) -> tuple[date, date] | None:
        """First and last horizon day the officer serves (None when never): their time in
        post cut to the horizon and to their contract's agreement."""
        first = max(self.start, officer.start or self.start)
        last = min(self.end, officer.end or self.end)
        contract = next((c for c in self.contracts if c.id == officer.contract), None)
        if contract is not None:
            first, last = max(first, contract.start), min(last, contract.end)
        return (first, last) if first <= last else None

    def serving_contracts(self) -> set[str]:
        """The contracts some officer serves on a horizon day (``service_span``): a roster
        of every contract holds rows of these, and of no other (an agreement ended before
        the horizon, or starting after it, has none)."""
        return {o.contract for o in self.officers if self.service_span(o) is not None}

    def takes_every_officer(self, hdd: HighDemandDay) -> bool:
        """Whether ``hdd`` puts every officer available on its aid (no number, and no share
        below all): no re-roster moves such a day's aid while the officer is available."""
        share = hdd.share if hdd.share is not None else self.high_demand.share
        return hdd.officers is None and share >= 1

    def high_demand_days(
        self, start: date | None = None, end: date | None = None
    ) -> list[HighDemandDay]:
        """HDDs in the horizon (or in ``start``..``end``, the calendar being known for any
        year): rule dates, plus additions, less removals."""
        from calendars import HighDemandDay, high_demand_days

        added = [
            HighDemandDay(
                date=e.date,
                name=e.name,
                start=e.start or time(8, 0),
                end=e.end or time(18, 0),
                source="added",
                officers=e.officers,
                share=e.share,
            )
            for e in self.high_demand.add
        ]
        return high_demand_days(
            start or self.start, end or self.end, add=added, remove=self.high_demand.remove
        )
