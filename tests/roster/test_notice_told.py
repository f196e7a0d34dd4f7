"""One notice count: the re-roster keeps a rest day inside its notice counted from the day
the officer is told of the change, the day ``changes.csv`` counts it from (``--notified``,
or the entry's own ``notified`` when later)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pandas as pd
import pytest
from roster_fixtures import seeded_roster, small_scenario
from work_alone import work_alone

from scheduler.check import check_roster
from scheduler.roster.changes import told, told_by_day
from scheduler.roster.reroster import reroster
from scheduler.store.entries import Abstraction

SCENARIO = small_scenario(start=date(2026, 9, 7), end=date(2026, 10, 25), constables=2)


def leave(first: date, last: date, notified: date) -> Abstraction:
    return Abstraction(
        1, "A-C1", "A", first, last, "leave", "x", "Insp A", notified, datetime(2026, 9, 20, 9)
    )


@pytest.fixture(scope="module")
def published() -> pd.DataFrame:
    return seeded_roster(SCENARIO)


def rerostered_weeks_before(published: pd.DataFrame, entry: Abstraction) -> pd.DataFrame:
    """The change notice of ``entry`` re-rostered from 21 September, told on the 20th,
    the roster made checked lawful."""
    with work_alone():
        result = reroster(
            SCENARIO, published, [entry], date(2026, 9, 21), date(2026, 9, 20), time_limit=5
        )
    assert result.feasible
    assert check_roster(SCENARIO, result.table).breaches == []
    return result.changes


def test_a_rest_day_is_not_cancelled_inside_the_notice_changes_csv_counts(
    published: pd.DataFrame,
) -> None:
    # leave told the day before it, re-rostered with a notice weeks earlier: a colleague's
    # rest day cancelled to cover it would be told the day before (0 clear days' notice)
    entry = leave(date(2026, 10, 17), date(2026, 10, 19), date(2026, 10, 16))
    changes = rerostered_weeks_before(published, entry)
    cancelled = changes[(changes["was"] == "REST") & (changes["clear_days_notice"] < 15)]
    assert cancelled.empty, cancelled.to_dict("records")


def test_told_is_notified_but_never_before_the_entry() -> None:
    entry = leave(date(2026, 10, 17), date(2026, 10, 19), date(2026, 10, 16))
    assert told(date(2026, 9, 20), entry) == date(2026, 10, 16)
    assert told(date(2026, 10, 16), None) == date(2026, 10, 16)
    assert told(date(2026, 10, 16), leave(entry.first_date, entry.last_date, date(2026, 9, 1))) == (
        date(2026, 10, 16)
    )


def test_a_day_far_from_every_entry_is_told_on_the_notice_day() -> None:
    entry = leave(date(2026, 10, 17), date(2026, 10, 19), date(2026, 10, 16))
    notified = date(2026, 9, 20)
    assert told_by_day(notified, [entry], "A-C0", "A", date(2026, 10, 18)) == date(2026, 10, 16)
    assert told_by_day(notified, [entry], "A-C0", "A", date(2026, 9, 25)) == notified
    assert told_by_day(notified, [entry], "B-C0", "B", date(2026, 10, 18)) == notified


def test_no_tour_is_restored_at_the_short_notice_changes_csv_counts(
    published: pd.DataFrame,
) -> None:
    # leave told the day before it, re-rostered weeks earlier: the re-roster priced moving
    # a colleague's tour to cover it by --notified (weeks: cheap, worth restoring the tour)
    # and moved two at 0 and 1 clear days' notice by changes.csv; a tour lost to an entry is
    # restored by none at short notice (``Weights``)
    entry = leave(date(2026, 10, 5), date(2026, 10, 9), date(2026, 10, 4))
    changes = rerostered_weeks_before(published, replace(entry, officer_id="A-C0"))
    assert len(changes) > 0
    others = changes[changes["officer_id"] != "A-C0"]
    assert others.empty, others.to_dict("records")
