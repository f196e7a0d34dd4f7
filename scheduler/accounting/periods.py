"""Report periods a council asks about: a month, a financial year, a contract year or the
whole agreement (``2026-08``, ``FY2026``, ``Y1``, ``term``).

A month and a financial year are the same dates for every contract; a contract year and
the term are counted from each contract's own start, so one report can cover contracts
signed on different dates.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal
from urllib.parse import quote

from calendars import (
    FIRST_CALENDAR_YEAR,
    LAST_CALENDAR_YEAR,
    FinancialYear,
    parse_financial_year,
    read_day,
)
from scheduler.errors import clipped
from scheduler.scenario.model import Contract

PeriodKind = Literal["month", "quarter", "financial_year", "contract_year", "term"]

_MONTH = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})")
# a month as council papers and UK spreadsheets write it: 2026-8, 08/2026, August 2026,
# Aug 2026, Aug-2026 (never 2026/08, which papers write for financial years: 2011/12)
_MONTH_FIRST = re.compile(r"(?P<month>[0-9]{1,2})[/.-](?P<year>[0-9]{4})")
_SHORT_MONTH = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9])")
_NAMED_MONTH = re.compile(r"(?P<name>[A-Za-z]{3,9})\.?[\s-]+(?P<year>[0-9]{4})")
# a month as a spreadsheet shows a month's date (format mmm-yy): Apr-26 is April 2026, as
# is Apr '26 (with a space alone, "Apr 26", the 26th of April as often: refused, saying so)
_SHOWN_MONTH = re.compile(r"(?P<name>[A-Za-z]{3,9})(?:-|\s*['\u2019])(?P<year>[0-9]{2})")
_SPACED_MONTH = re.compile(r"(?P<name>[A-Za-z]{3,9})\.?\s+(?P<number>[0-9]{2})")
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# Y1, or as papers write it: Year 1, year 2, Contract year 3
_CONTRACT_YEAR = re.compile(r"(?:Contract\s+)?Y(?:ear)?\s*(?P<n>[0-9]{1,2})", re.IGNORECASE)
# FY26: the financial year 2025/26 to some papers (the year it ends in), 2026/27 to others
_SHORT_FY = re.compile(r"FY\s*(?P<yy>[0-9]{2})", re.IGNORECASE)
_SHORT_PAIR = re.compile(r"[0-9]{2}\s*[/\-\u2013]\s*[0-9]{2}")  # 26/27 after a quarter
# a quarter of the financial year, before or after the year as papers write it:
# FY2026 Q1, Q1 2026/27, 2026/27 Q1, Q1 FY26/27, FY2026-Q1, Quarter 1 2026/27
_Q = r"Q(?:uarter|tr)?\s*"
_QUARTER = re.compile(
    rf"{_Q}(?P<q1>[1-4])[\s_,-]*(?P<year1>.+)|(?P<year2>.+?)[\s_,-]*{_Q}(?P<q2>[1-4])",
    re.IGNORECASE,
)
_CALENDAR_YEAR = re.compile(r"(?:CY\s*)?[0-9]{4}", re.IGNORECASE)
# the whole agreement as papers and the menu name it: term, Whole term, the full contract
_TERM = re.compile(
    r"(?:the\s+)?(?:(?:whole|full|entire)\s+)?(?:contract\s+|agreement\s+)?term"
    r"|(?:the\s+)?(?:whole|full|entire)\s+(?:contract|agreement)",
    re.IGNORECASE,
)
# a month as a card's expiry is written: 09/26 (September 2026), 9-26, 09.26
_MONTH_SHORT_YEAR = re.compile(r"(?P<month>[0-9]{1,2})(?P<sep>[/.-])(?P<yy>[0-9]{2})")
# a quarter by its months, as the menu and headings show them: Oct-Dec 2026
_MONTH_RANGE = re.compile(
    r"(?P<first>[A-Za-z]{3,9})\.? ?[-\u2013] ?(?P<last>[A-Za-z]{3,9})\.? (?P<year>[0-9]{4})"
)
# a quarter as its name gives its months after it: Q3 2026/27 (Oct-Dec 2026)
_MONTHS_AFTER = re.compile(r"(?P<head>.+?)\s*\((?P<months>[^()]*)\)")
# short: a refusal quotes it after the period typed (80 characters at most)
EXAMPLES = "month 2026-08, quarter FY2026 Q1, financial year FY2026, contract year Y1..Y3 or term"


@dataclass(frozen=True)
class Span:
    """An inclusive run of days."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def clip(self, other: Span) -> Span | None:
        """The days both spans share, or None when they do not meet."""
        start, end = max(self.start, other.start), min(self.end, other.end)
        return Span(start, end) if start <= end else None


@dataclass(frozen=True)
class Period:
    """A parsed ``--period``; ``span(contract)`` gives its dates for one contract."""

    kind: PeriodKind
    label: str
    year: int = 0  # month and financial year
    month: int = 0  # month
    number: int = 0  # contract year: 1 = the first year from the contract's start; quarter: 1..4

    @property
    def query(self) -> str:
        """The period as a link writes it: its label, which ``parse_period`` reads back,
        its space encoded (``FY2026%20Q1``: an address holds none)."""
        return quote(self.label, safe="/")

    @property
    def name(self) -> str:
        """The period in words, as a report's heading, a page and its menu name it to a
        council (``December 2026``, ``Q3 2026/27 (Oct-Dec 2026)``, ``Financial year
        2026/27``, ``Contract year 1``, ``Whole term``); ``label`` is what a file's
        ``period`` column holds and ``--period`` reads back."""
        if self.kind == "month":
            return f"{date(self.year, self.month, 1):%B %Y}"
        if self.kind == "quarter":
            span = quarter_span(self.year, self.number)
            return f"Q{self.number} {_pair(self.year)} ({span.start:%b}-{span.end:%b %Y})"
        if self.kind == "financial_year":
            return f"Financial year {_pair(self.year)}"
        if self.kind == "contract_year":
            return f"Contract year {self.number}"
        # the sweep's default, its roster's horizon, is each term cut to it: not the term
        return "Whole term" if self.label == "term" else self.label

    def span(self, contract: Contract) -> Span:
        if self.kind == "month":
            return month_span(self.year, self.month)
        if self.kind == "quarter":
            return quarter_span(self.year, self.number)
        if self.kind == "financial_year":
            fy = FinancialYear(self.year)
            return Span(fy.start, fy.end)
        if self.kind == "contract_year":
            return Span(
                _anniversary(contract.start, self.number - 1),
                _anniversary(contract.start, self.number) - timedelta(days=1),
            )
        return Span(contract.start, contract.end)


def parse_period(text: str) -> Period:
    """``2026-08`` | ``FY2026 Q1`` (or ``Q1 2026/27``, ``2026/27 Q1``) | ``FY2026`` (or
    ``2026/27``, ``2026-27``, ``FY2026/27``) | ``Y1`` .. | ``term``; ValueError otherwise (quoting ``text`` clipped: an address's or option's
    pasted page is named, not repeated whole)."""
    value = text.strip()
    text = clipped(text)
    if _TERM.fullmatch(value):
        return Period("term", "term")
    if m := _MONTHS_AFTER.fullmatch(value):
        return _with_its_months(m["head"], m["months"], text)
    if (months := _month_range(value)) is not None:  # Oct-Dec 2026: FY2026 Q3
        return _quarter_of(months, text)
    if m := _MONTH_SHORT_YEAR.fullmatch(value):
        return _short_year_month(int(m["month"]), int(m["yy"]), m["sep"], text)
    if m := _MONTH.fullmatch(value):
        year, month = int(m["year"]), int(m["month"])
        if _next_year_written(year, month):  # 2026-27: the financial year 2026/27
            if 1 <= month <= 12:  # 2011-12: December 2011 or the financial year 2011/12
                raise ValueError(_ambiguous(text, year, month))
            return _financial_year(value, text)
        if not 1 <= month <= 12:
            raise ValueError(f"not a month: {text!r} (use {EXAMPLES})")
        _covered(year, text)
        return Period("month", month_label(year, month), year=year, month=month)
    if written := _other_month(value):
        year, number = written
        if not 1 <= number <= 12:
            raise ValueError(f"not a month: {text!r} (use {EXAMPLES})")
        _covered(year, text)
        return Period("month", month_label(year, number), year=year, month=number)
    if m := _CONTRACT_YEAR.fullmatch(value):
        number = int(m["n"])
        if number < 1:
            raise ValueError(f"contract years count from Y1, not {text!r}")
        return Period("contract_year", f"Y{number}", number=number)
    if m := _QUARTER.fullmatch(value):
        return _quarter(m["year1"] or m["year2"], int(m["q1"] or m["q2"]), text)
    if (day := read_day(value)) is not None:
        raise ValueError(_a_day(day, text))
    if (m := _SPACED_MONTH.fullmatch(value)) and m["name"].lower() in _MONTH_NAMES:
        raise ValueError(_month_or_day(text, _MONTH_NAMES[m["name"].lower()], int(m["number"])))
    return _financial_year(value, text)


def _with_its_months(head: str, months: str, text: str) -> Period:
    """A quarter named as a heading and the menu name it, ``Q3 2026/27 (Oct-Dec 2026)``:
    read back when the months are the quarter's; refused, naming the quarter's months, when
    they are not (``Q1 2026/27 (Jan-Mar 2026)``: a calendar quarter's, a report of the
    wrong three months would look right). ``Q3 (Oct-Dec 2026)`` takes its year from them."""
    said = _month_range(months)
    try:
        period = parse_period(head)
    except ValueError:
        return _bare_quarter(head, said, text)
    if period.kind != "quarter" or said is None:
        raise ValueError(f"not a report period: {text!r} (use {EXAMPLES})")
    if said == quarter_span(period.year, period.number):
        return period
    try:
        meant = f" or {_written(_quarter_of(said, text).year, _quarter_of(said, text).number)}"
    except ValueError:
        meant = ""
    own = quarter_span(period.year, period.number)
    raise ValueError(
        f"{text!r}: {period.label} is {own.start:%b}-{own.end:%b %Y}, not {months.strip()}: "
        f"write {_written(period.year, period.number)}{meant}"
    )


def _bare_quarter(head: str, months: Span | None, text: str) -> Period:
    """``Q3 (Oct-Dec 2026)``: the quarter its months are, when its number is theirs."""
    bare = re.fullmatch(rf"{_Q}(?P<q>[1-4])", head.strip(), re.IGNORECASE)
    if bare is None or months is None:
        raise ValueError(f"not a report period: {text!r} (use {EXAMPLES})")
    period = _quarter_of(months, text)
    if period.number != int(bare["q"]):
        said = f"{months.start:%b}-{months.end:%b %Y}"
        raise ValueError(f"{text!r}: {said} is {_written(period.year, period.number)}")
    return period


def _month_range(text: str) -> Span | None:
    """The months ``Oct-Dec 2026`` (or ``October - December 2026``) name, or None; the year is
    the last month's (``Nov-Jan 2027``: November 2026 to January 2027)."""
    m = _MONTH_RANGE.fullmatch(" ".join(text.split()))
    if m is None or not {m["first"].lower(), m["last"].lower()} <= _MONTH_NAMES.keys():
        return None
    first, last, year = (
        _MONTH_NAMES[m["first"].lower()],
        _MONTH_NAMES[m["last"].lower()],
        int(m["year"]),
    )
    if not 1 < year < 9999:
        return None
    start_year = year if first <= last else year - 1
    return Span(date(start_year, first, 1), month_span(year, last).end)


def _quarter_of(months: Span, text: str) -> Period:
    """The quarter of a financial year ``months`` are (Oct-Dec 2026: FY2026 Q3); refused,
    saying which months a quarter is, when they are none."""
    fy = months.start.year if months.start.month >= 4 else months.start.year - 1
    number = (months.start.month - 4) % 12 // 3 + 1
    if months != quarter_span(fy, number):
        raise ValueError(
            f"{text!r} is no quarter of a financial year: a quarter is Apr-Jun, Jul-Sep, "
            "Oct-Dec or Jan-Mar"
        )
    _covered(fy, text)
    return Period("quarter", quarter_label(fy, number), year=fy, number=number)


def _short_year_month(month: int, yy: int, sep: str, text: str) -> Period:
    """``09/26``, a month with its year in two digits, as a card's expiry is written:
    September 2026. Refused when it could be something else too: ``12/09`` (also the 12th
    of September), ``11/12`` (also the financial year 2011/12)."""
    if not 1 <= month <= 12:
        raise ValueError(f"not a report period: {text!r} (use {EXAMPLES})")
    year = 2000 + yy
    first = date(year, month, 1)
    others = []
    if 1 <= yy <= 12 and month <= monthrange(2000, yy)[1]:
        others.append(f"{month} {date(2000, yy, 1):%B}")
    if _next_year_written(month, yy):
        others.append(f"the financial year {2000 + month}/{yy:02d}")
    if others:
        raise ValueError(
            f"{text!r} could be {first:%B %Y} or {' or '.join(others)}: write "
            f"{first:%b-%y}, {first:%B %Y} or {month_label(year, month)} for the month"
        )
    _covered(year, text)
    return Period("month", month_label(year, month), year=year, month=month)


def _month_or_day(text: str, month: int, number: int) -> str:
    """Why ``Apr 26`` is refused: April 2026 as a spreadsheet shows a month (``mmm yy``),
    or the 26th of April; a report of the wrong one would look right."""
    year = 2000 + number
    first = date(year, month, 1)
    day = f" or {number} {first:%B}" if 1 <= number <= monthrange(2000, month)[1] else ""
    return (
        f"{text!r} could be {first:%B %Y}{day}: write {first:%b}-{number:02d}, "
        f"{first:%B %Y} or {month_label(year, month)} for the month"
    )


def _a_day(day: date, text: str) -> str:
    """Why ``2028-02-29`` is refused, and the periods that hold it: a council asking for
    a day's report was told only the periods' forms."""
    fy = day.year if day.month >= 4 else day.year - 1
    quarter = (day.month - 4) % 12 // 3 + 1
    return (
        f"{text!r} is a day, and a report is of a month or longer: write "
        f"{month_label(day.year, day.month)} for its month, {quarter_label(fy, quarter)} for "
        f"its quarter or {FinancialYear(fy).label} for its financial year"
    )


def quarter_label(year: int, quarter: int) -> str:
    """A quarter as reports, pages and the API name it, and ``--period`` reads it back:
    the financial year's label and the quarter, ``FY2026 Q1`` (April to June 2026)."""
    return f"{FinancialYear(year).label} Q{quarter}"


def quarter_span(year: int, quarter: int) -> Span:
    """The days of quarter 1..4 of the financial year starting 1 April ``year``: Q4 is
    January to March of the year after."""
    first = 4 + 3 * (quarter - 1)
    start_year, start_month = (year, first) if first <= 12 else (year + 1, first - 12)
    return Span(date(start_year, start_month, 1), month_span(start_year, start_month + 2).end)


def _quarter(year_text: str, quarter: int, text: str) -> Period:
    """A quarter of a financial year; a bare calendar year (``Q1 2026``) is refused: papers
    mean January-March 2026 by it as often as April-June, and a report of the wrong
    three months would look right."""
    year_text = year_text.strip()
    if _CALENDAR_YEAR.fullmatch(year_text):
        year = int(year_text[-4:])
        _covered(year, text)
        # the calendar quarter's months as a financial year's quarter: Jan-Mar is Q4 of the year before
        calendar = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
        raise ValueError(
            f"{text!r} could be a calendar or a financial year's quarter: write "
            f"{_written(year, quarter)} or {_written(*calendar)}"
        )
    if _SHORT_PAIR.fullmatch(year_text):  # Q1 26/27, as FY26/27 is read
        year_text = f"FY{year_text}"
    fy = _financial_year(year_text, text, quarter)
    return Period("quarter", quarter_label(fy.year, quarter), year=fy.year, number=quarter)


def _written(year: int, quarter: int) -> str:
    """``FY2026 Q1 (April-June 2026)``: a quarter's label and its months."""
    span = quarter_span(year, quarter)
    return f"{quarter_label(year, quarter)} ({span.start:%B}-{span.end:%B %Y})"


def _pair(year: int) -> str:
    """The financial year from 1 April ``year`` as papers write it: ``2026/27``."""
    return f"{year}/{(year + 1) % 100:02d}"


def month_label(year: int, month: int) -> str:
    """A month as every report, page and API answer names it, and ``--period``/``?period=``
    read it back: ``2026-08``, but December 2011 ``12/2011``, as ``2011-12`` is refused for
    the doubt between it and the financial year 2011/12."""
    if _next_year_written(year, month):
        return f"{month:02d}/{year:04d}"
    return f"{year:04d}-{month:02d}"


def _next_year_written(year: int, second: int) -> bool:
    """Whether ``second`` is the year after ``year`` as papers write it (2026-27)."""
    return int(str(year + 1)[-2:]) == second


def _ambiguous(text: str, year: int, month: int) -> str:
    """Why ``2011-12`` is refused: papers write the financial year 2011/12 so, ISO dates
    December 2011; a report of the wrong one would look right."""
    name = date(year, month, 1).strftime("%b")
    return (
        f"{text!r} could be {name} {year} or the financial year {year}/{month:02d}: "
        f"write {name} {year} (or {month:02d}/{year}) for the month, "
        f"FY{year} (or {year}/{month:02d}) for the financial year"
    )


def _other_month(value: str) -> tuple[int, int] | None:
    """(year, month) of a month written another way than ``2026-08``, or None."""
    if m := _MONTH_FIRST.fullmatch(value) or _SHORT_MONTH.fullmatch(value):
        return int(m["year"]), int(m["month"])
    if (m := _NAMED_MONTH.fullmatch(value)) and m["name"].lower() in _MONTH_NAMES:
        return int(m["year"]), _MONTH_NAMES[m["name"].lower()]
    if (m := _SHOWN_MONTH.fullmatch(value)) and m["name"].lower() in _MONTH_NAMES:
        return 2000 + int(m["year"]), _MONTH_NAMES[m["name"].lower()]
    return None


def _financial_year(value: str, text: str, quarter: int = 0) -> Period:
    try:
        fy = parse_financial_year(value)
    except ValueError:
        if m := _SHORT_FY.fullmatch(value.strip()):
            raise ValueError(_two_years(text, 2000 + int(m["yy"]), quarter)) from None
        raise ValueError(f"not a report period: {text!r} (use {EXAMPLES})") from None
    _covered(fy.year, text)
    return Period("financial_year", fy.label, year=fy.year)


def _two_years(text: str, year: int, quarter: int = 0) -> str:
    """Why ``FY26`` (or ``Q4 FY26``) is refused: the year ending in 2026 to some papers,
    the one starting in it to others; a report of the wrong year would look right."""

    def named(fy: int) -> str:
        label = quarter_label(fy, quarter) if quarter else FinancialYear(fy).label
        return f"{label} for {fy}/{(fy + 1) % 100:02d}"

    return (
        f"{text!r} could be the financial year {year - 1}/{year % 100:02d} or "
        f"{year}/{(year + 1) % 100:02d}: write {named(year - 1)}, {named(year)}"
    )


def _covered(year: int, text: str) -> None:
    if not FIRST_CALENDAR_YEAR <= year < LAST_CALENDAR_YEAR:
        raise ValueError(
            f"{text!r} is outside the years s92 covers ({FIRST_CALENDAR_YEAR}-{LAST_CALENDAR_YEAR})"
        )


def month_span(year: int, month: int) -> Span:
    # monthrange, not "the 1st of next month less a day": December 9999 has no next month
    return Span(date(year, month, 1), date(year, month, monthrange(year, month)[1]))


def months_in(span: Span) -> list[Span]:
    """The calendar months of ``span``, the first and last cut to the span."""
    months = []
    year, month = span.start.year, span.start.month
    while (year, month) <= (span.end.year, span.end.month):  # no date past 9999 is built
        clipped = month_span(year, month).clip(span)
        if clipped is not None:
            months.append(clipped)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def contract_year_span(start: date, day: date) -> tuple[int, Span]:
    """The contract year (1 = the first from ``start``) holding ``day``, and its days; a
    day before the start is in year 0."""
    years = day.year - start.year
    while _anniversary(start, years) > day:
        years -= 1
    while _anniversary(start, years + 1) <= day:
        years += 1
    return years + 1, Span(
        _anniversary(start, years), _anniversary(start, years + 1) - timedelta(days=1)
    )


def _anniversary(start: date, years: int) -> date:
    """``start`` moved on by whole years; a 29 February start falls due on 1 March."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return date(start.year + years, 3, 1)
