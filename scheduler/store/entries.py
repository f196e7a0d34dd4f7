"""Abstraction log entries and roster versions as plain, frozen values.

Kept apart from the store so that validation and the roster overlay can use them without
touching SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


@dataclass(frozen=True)
class NewAbstraction:
    """An abstraction to be logged: an officer taken off council duty for ``kind``.

    ``start``/``end`` give the abstraction its own tour (London wall-clock times, an end at
    or before the start finishing next day); without them the officer keeps the tour they
    were rostered for. ``source_key`` makes an import idempotent: an entry whose key is
    already logged is not written again. ``contract_id`` is "" when logged without a
    scenario.
    """

    officer_id: str
    contract_id: str
    first_date: date
    last_date: date
    kind: str
    reason: str
    authorised_by: str
    notified: date
    start: time | None = None
    end: time | None = None
    source_key: str | None = None

    def __post_init__(self) -> None:
        # the last line of defence for API callers; users get Problems from validate.py
        for name in ("officer_id", "kind", "reason", "authorised_by"):
            if not str(getattr(self, name)).strip():
                raise ValueError(f"abstraction {name} must not be empty")
        for name in ("first_date", "last_date", "notified"):
            value = getattr(self, name)
            if not isinstance(value, date) or isinstance(value, datetime):
                raise ValueError(f"abstraction {name} must be a date, not {value!r}")
        if self.last_date < self.first_date:
            raise ValueError(f"abstraction ends ({self.last_date}) before it starts")
        if (self.start is None) != (self.end is None):
            raise ValueError("give both start and end of the abstraction's tour, or neither")

    def days(self) -> list[date]:
        return _days(self.first_date, self.last_date)


@dataclass(frozen=True)
class Abstraction:
    """A logged abstraction. ``voids`` is the id of the entry this one voids (a correction);
    ``voided_by`` the id of the entry voiding this one. Live entries have neither."""

    id: int
    officer_id: str
    contract_id: str
    first_date: date
    last_date: date
    kind: str
    reason: str
    authorised_by: str
    notified: date
    logged_at: datetime
    start: time | None = None
    end: time | None = None
    voids: int | None = None
    voided_by: int | None = None
    source_key: str | None = None

    @property
    def is_live(self) -> bool:
        return self.voids is None and self.voided_by is None

    def days(self) -> list[date]:
        return _days(self.first_date, self.last_date)

    def overlaps(self, other: NewAbstraction | Abstraction) -> bool:
        return self.officer_id == other.officer_id and not (
            other.last_date < self.first_date or self.last_date < other.first_date
        )


@dataclass(frozen=True)
class RosterVersion:
    """A published roster: the rows themselves are read with ``Store.roster(id)``."""

    id: int
    scenario: str
    published_at: datetime
    note: str
    row_count: int
    digest: str  # sha256 of the stored table, to spot a republished identical roster
