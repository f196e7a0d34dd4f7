"""Change notices: one printable page per officer whose duties a new roster changes.

Each notice lists the officer's changed duties (was / now), the clear days' notice given
for each, what Police Regulations Annex G pays for it (``roster.changes.compensation``) and
the entry that caused it, with an index page for the planner. HTML from Jinja2 templates
(``templates/``), every value escaped; laid out to print on one A4 page.

``write_notices`` is what ``s92 reroster --notices DIR`` (and ``s92 publish``) call, with
the rows of the change notice (``roster.changes.change_notice``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined, Template, select_autoescape

from scheduler.errors import printable
from scheduler.files import Staged
from scheduler.scenario.model import Scenario

INDEX = "index.html"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass(frozen=True)
class NoticeRow:
    """One changed day, or a run of consecutive days changed alike (a spell of leave or
    sickness: the same new state, entry and no compensation) from ``day`` to ``last_day``."""

    day: date
    was: str
    now: str
    clear_days: int
    compensation: str
    entry_id: str
    reason: str
    last_day: date | None = None
    last_clear_days: int | None = None

    @property
    def short_notice(self) -> bool:
        return "short notice" in self.compensation or "cancelled at" in self.compensation

    @property
    def notice(self) -> str:
        if self.last_clear_days is None or self.last_clear_days == self.clear_days:
            return str(self.clear_days)
        return f"{self.clear_days}-{self.last_clear_days}"

    def joins(self, other: NoticeRow) -> bool:
        """``other`` is the next day, changed alike."""
        last = self.last_day or self.day
        return (
            (other.day - last).days == 1
            and (other.now, other.entry_id, other.reason) == (self.now, self.entry_id, self.reason)
            and not self.compensation
            and not other.compensation
        )

    def joined(self, other: NoticeRow) -> NoticeRow:
        was = self.was if self.was == other.was else "as rostered"
        return replace(self, was=was, last_day=other.day, last_clear_days=other.clear_days)


@dataclass(frozen=True)
class Notice:
    officer_id: str
    rank: str
    contract_id: str
    council: str
    rows: tuple[NoticeRow, ...]

    @property
    def file_name(self) -> str:
        return notice_file_name(self.officer_id)

    @property
    def days(self) -> int:
        return sum(1 + ((r.last_day - r.day).days if r.last_day else 0) for r in self.rows)

    @property
    def compensated(self) -> int:
        return sum(1 for r in self.rows if r.compensation)


def notice_file_name(officer_id: str) -> str:
    """``notice-HAV-02.html``: officer ids are file-safe already; anything else is not."""
    return f"notice-{_UNSAFE.sub('_', officer_id)}.html"


def notices(changes: pd.DataFrame, scenario: Scenario) -> list[Notice]:
    """One notice per officer in ``changes`` (the change notice's rows), in id order."""
    out = []
    for officer_id, rows in changes.groupby("officer_id", sort=True):
        oid = str(officer_id)
        try:
            officer = scenario.officer(oid)
            contract = scenario.contract(officer.contract)
            rank, contract_id, council = str(officer.rank), contract.id, contract.council
        except KeyError:  # an officer no longer in the scenario still gets told
            rank, contract_id, council = "", str(rows["contract_id"].iloc[0]), ""
        out.append(
            Notice(
                oid,
                rank,
                contract_id,
                council,
                _grouped([_row(r) for r in rows.sort_values("date").to_dict("records")]),
            )
        )
    return out


def render_notice(notice: Notice, scenario: Scenario, notified: date) -> str:
    return _template("notice.html").render(
        notice=notice, scenario=scenario, notified=notified, rules=scenario.rules
    )


def render_index(items: list[Notice], scenario: Scenario, notified: date) -> str:
    return _template("notice_index.html").render(
        notices=items, scenario=scenario, notified=notified
    )


def write_notices(
    out: Staged, folder: str | Path, changes: pd.DataFrame, scenario: Scenario, notified: date
) -> list[Path]:
    """Stage one notice per affected officer, and an index, in ``folder`` (absolute, or
    relative to ``out``'s folder); the final paths. Nothing is staged when nothing changed."""
    items = notices(changes, scenario)
    if not items:
        return []
    folder = Path(folder)
    paths = [out.text(folder / n.file_name, render_notice(n, scenario, notified)) for n in items]
    paths.append(out.text(folder / INDEX, render_index(items, scenario, notified)))
    # a notice an earlier run left there for an officer this change does not touch would
    # stand beside the new index as if it were one of its notices (and be printed and
    # handed out with them): removed as the new ones go into place, put back with them
    written = {n.file_name for n in items}
    place = out.folder / folder
    for old in sorted(place.glob("notice-*.html")) if place.is_dir() else []:
        if old.name not in written and _a_notice(old):
            out.drop(folder / old.name)
    return paths


NOTICE_MARK = b"<title>Change of duties: "  # in the head of every notice s92 writes


def _a_notice(path: Path) -> bool:
    """Whether ``path`` is a notice s92 wrote (a planner's own file of that name is kept)."""
    try:
        with path.open("rb") as handle:
            return NOTICE_MARK in handle.read(1024)
    except OSError:
        return False


def _grouped(rows: list[NoticeRow]) -> tuple[NoticeRow, ...]:
    """Consecutive days changed alike as one row, so a long spell fits the page."""
    out: list[NoticeRow] = []
    for r in rows:
        if out and out[-1].joins(r):
            out[-1] = out[-1].joined(r)
        else:
            out.append(r)
    return tuple(out)


def _row(r: Mapping[Any, Any]) -> NoticeRow:
    return NoticeRow(
        day=date.fromisoformat(str(r["date"])[:10]),
        was=_text(r["was"]),
        now=_text(r["now"]),
        clear_days=int(r["clear_days_notice"]),
        compensation=_text(r.get("compensation")),
        entry_id=_text(r.get("entry_id")),
        reason=_text(r.get("reason")),
    )


def _text(value: object) -> str:
    """A cell as text: NaN (a CSV's empty cell) as "", 12.0 as 12, control characters
    (logged before s92 refused them) shown as escapes rather than sent to a printer."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = printable(str(value))
    return text.removesuffix(".0") if text.replace(".", "", 1).isdigit() else text


def _day(day: date, year: int | None = None) -> str:
    """``Tue 6 Oct 2026``; without the year when it is ``year``."""
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == year else f"{text} {day.year}"


_ENV: Environment | None = None


def _template(name: str) -> Template:
    global _ENV
    if _ENV is None:
        _ENV = Environment(
            loader=PackageLoader("scheduler.export", "templates"),
            autoescape=select_autoescape(["html"], default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        _ENV.filters["day"] = _day
        _ENV.filters["times"] = lambda text: text.replace("-", "\u2011")  # no break inside
    return _ENV.get_template(name)
