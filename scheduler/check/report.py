"""What the checker finds: one ``Breach`` per broken rule instance, gathered in a report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

COVER_MAX = "cover-max"  # soft: more officers on a tour than the tasking's max

# Rule names in the order DESIGN.md §2 and the checker's brief list them.
RULES: tuple[str, ...] = (
    "schema",
    "tour-length",
    "rest-between-tours",
    "consecutive-duty-days",
    "rest-days",
    "leave",
    "bank-holiday",
    "weekly-rest",
    "average-hours",
    "high-demand-day",
    "ring-fence",
    "consecutive-nights",
    COVER_MAX,
)

REPORT_COLUMNS: tuple[str, ...] = ("severity", "officer_id", "date", "rule", "detail")


@dataclass(frozen=True, order=True)
class Breach:
    """A rule broken by one officer (or, with ``officer_id`` empty, by a whole contract) on
    a day; ``detail`` gives the numbers a planner needs to fix it."""

    officer_id: str
    date: date
    rule: str
    detail: str
    # how far past the limit (days a run of duty days is too long, hours a week's longest
    # rest is short), None where not measured: a breach that stands as published
    # (``check.standing``) is set aside only while it is no worse than it was
    excess: float | None = field(default=None, compare=False)

    def __str__(self) -> str:
        who = self.officer_id or "-"
        return f"{who} {self.date.isoformat()} {self.rule}: {self.detail}"


@dataclass
class CheckReport:
    """Hard-rule breaches and soft-rule warnings of one roster, each sorted by officer and
    date; ``rows`` and ``officers`` say how much was checked."""

    breaches: list[Breach] = field(default_factory=list)
    warnings: list[Breach] = field(default_factory=list)
    rows: int = 0
    officers: int = 0

    @property
    def ok(self) -> bool:
        return not self.breaches

    def counts(self, warnings: bool = False) -> dict[str, int]:
        """Number of findings per rule, in rule order."""
        found = Counter(b.rule for b in (self.warnings if warnings else self.breaches))
        return {rule: found[rule] for rule in RULES if found[rule]}

    @property
    def over_max(self) -> int:
        """Officer-tours on duty above a tour's ``max`` (each warning's ``excess``)."""
        return sum(round(w.excess or 0) for w in self.warnings if w.rule == COVER_MAX)

    def of(self, rule: str) -> list[Breach]:
        return [b for b in self.breaches if b.rule == rule]

    def to_frame(self) -> pd.DataFrame:
        """Breaches then warnings, one row each, ready for ``to_csv``."""
        rows = [("breach", b) for b in self.breaches] + [("warning", w) for w in self.warnings]
        return pd.DataFrame(
            [(sev, b.officer_id, b.date.isoformat(), b.rule, b.detail) for sev, b in rows],
            columns=list(REPORT_COLUMNS),
        )

    def summary(self) -> str:
        def listed(counts: dict[str, int]) -> str:
            return ", ".join(f"{rule} {n}" for rule, n in counts.items())

        text = f"{_count(self.rows, 'row')}, {_count(self.officers, 'officer')}: "
        if self.breaches:
            text += f"{_count(len(self.breaches), 'breach')} ({listed(self.counts())})"
        else:
            text += "no breaches"
        if self.warnings:
            counts = listed(self.counts(warnings=True))
            text += f"; {_count(len(self.warnings), 'warning')} ({counts})"
        if self.over_max:
            text += f"; {_count(self.over_max, 'officer-tour')} above a tour's max"
        return text


def _count(n: int, noun: str) -> str:
    plural = noun + ("es" if noun.endswith("ch") else "s")
    return f"{n:,} {noun if n == 1 else plural}"
