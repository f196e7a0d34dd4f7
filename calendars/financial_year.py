"""UK financial years (1 April to 31 March), the unit s92 contracts are charged in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from calendars._dates import as_date, check_period, days_in, each_day

__all__ = [
    "FinancialYear",
    "financial_year_of",
    "financial_years_between",
    "parse_financial_year",
]


@dataclass(frozen=True, order=True)
class FinancialYear:
    """The financial year starting 1 April ``year``; FY2026 runs to 31 March 2027."""

    year: int

    def __post_init__(self) -> None:
        # date() supports years 1..9999 and the FY ends in year + 1.
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise TypeError(f"financial year must be an int, not {self.year!r}")
        if not 1 <= self.year < 9999:
            raise ValueError(f"financial year {self.year} is out of range")

    @property
    def start(self) -> date:
        return date(self.year, 4, 1)

    @property
    def end(self) -> date:
        """Last day, inclusive."""
        return date(self.year + 1, 3, 31)

    @property
    def days(self) -> int:
        """365, or 366 when the following February has a 29th."""
        return days_in(self.start, self.end)

    @property
    def label(self) -> str:
        return f"FY{self.year}"

    def contains(self, d: date) -> bool:
        return self.start <= as_date(d) <= self.end

    def __contains__(self, d: date) -> bool:
        return self.contains(d)

    def __str__(self) -> str:
        return self.label

    def dates(self) -> list[date]:
        """Every day of the year, in order."""
        return list(each_day(self.start, self.end))


def financial_year_of(d: date) -> FinancialYear:
    """The financial year holding ``d`` (January-March belong to the previous year's)."""
    d = as_date(d)
    return FinancialYear(d.year if d.month >= 4 else d.year - 1)


# "FY2026", "2026/27", "2026-2027", as council papers write them: "FY 2026/27", "FY26/27",
# "Financial Year 2026/27" (a paper's heading), and the en dash a word processor puts in
# "2026–27"
_FY = r"(?:FY|Financial\s+Year)\s*"
_FY_TEXT = re.compile(
    rf"{_FY}(?P<fy>[0-9]{{4}})"
    rf"|(?:{_FY})?(?P<y1>[0-9]{{4}})\s*[/\-\u2013]\s*(?P<y2>[0-9]{{2}}|[0-9]{{4}})"
    rf"|{_FY}(?P<s1>[0-9]{{2}})\s*[/\-\u2013]\s*(?P<s2>[0-9]{{2}})",
    re.IGNORECASE,
)


def parse_financial_year(text: str) -> FinancialYear:
    """Parse "FY2026" (or "2026/27") into a FinancialYear; ValueError on anything else."""
    if not isinstance(text, str):
        raise ValueError(f"financial year must be text like 'FY2026', not {text!r}")
    match = _FY_TEXT.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a financial year: {text!r} (expected e.g. 'FY2026' or '2026/27')")
    if match["fy"]:
        return FinancialYear(int(match["fy"]))
    if match["s1"]:  # FY26/27: this century's
        if int(match["s2"]) != (int(match["s1"]) + 1) % 100:
            raise ValueError(f"not a financial year: {text!r} (the years must be consecutive)")
        return FinancialYear(2000 + int(match["s1"]))
    first, second = int(match["y1"]), match["y2"]
    following = int(second) if len(second) == 4 else int(str(first + 1)[:2] + second)
    if following != first + 1:
        raise ValueError(f"not a financial year: {text!r} (the years must be consecutive)")
    return FinancialYear(first)


def financial_years_between(start: date, end: date) -> list[FinancialYear]:
    """Every financial year that the inclusive period [start, end] touches, in order."""
    start, end = check_period(start, end)
    first, last = financial_year_of(start), financial_year_of(end)
    return [FinancialYear(y) for y in range(first.year, last.year + 1)]
