"""The change notice: every changed officer-day with its notice, Annex G compensation and
the entry behind it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
from roster_fixtures import small_scenario

from scheduler.roster.changes import change_notice
from scheduler.store.entries import Entry
from scheduler.table import COLUMNS, EXTRA_COLUMNS

SCENARIO = small_scenario()
E = ("E", "2026-10-{d}T07:00:00+01:00", "2026-10-{d}T15:00:00+01:00", 8.0)


def day(officer: str, d: int, state: str) -> dict[str, object]:
    shift, start, end, hours = E if state == "DUTY" else ("", "", "", 0.0)
    return {
        "officer_id": officer,
        "contract_id": "A",
        "rank": "constable",
        "date": f"2026-10-{d}",
        "state": state,
        "shift": shift,
        "start": start.format(d=d),
        "end": end.format(d=d),
        "hours": hours,
        "event": "",
        "kind": "",
        "abstraction_id": "",
    }


def table(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[*COLUMNS, *EXTRA_COLUMNS])


SICK = Entry(
    7, "A-C0", "A", date(2026, 10, 20), date(2026, 10, 21), "sickness", "flu", "PS Lee",
    date(2026, 10, 14), datetime(2026, 10, 14, tzinfo=UTC),
)  # fmt: skip
BASE = table([
    day("A-C0", 20, "DUTY"), day("A-C0", 21, "DUTY"), day("A-C0", 24, "DUTY"),
    day("A-C1", 20, "REST"), day("A-C1", 22, "DUTY"), day("A-C2", 23, "DUTY"),
])  # fmt: skip
NEW = table([
    day("A-C0", 20, "SICK"), day("A-C0", 21, "SICK"), day("A-C0", 24, "REST"),
    day("A-C1", 20, "DUTY"), day("A-C1", 22, "REST"), day("A-C2", 23, "REST"),
])  # fmt: skip


COURSE = Entry(
    11, "A-C2", "A", date(2026, 10, 20), date(2026, 10, 20), "training", "first aid",
    "PS Lee", date(2026, 10, 17), datetime(2026, 10, 17, tzinfo=UTC),
)  # fmt: skip


def covered_on_the_20th() -> tuple[pd.DataFrame, pd.DataFrame]:
    """A-C0 off sick on 20 October, A-C1 working that day from a rest day, A-C2 on a
    course (``COURSE``): the published roster and the new."""
    base = table([day("A-C0", 20, "DUTY"), day("A-C1", 20, "REST"), day("A-C2", 20, "REST")])
    new = table([day("A-C0", 20, "SICK"), day("A-C1", 20, "DUTY"), day("A-C2", 20, "REST")])
    new.loc[2, "state"] = "TRAINING"
    return base, new


def by_day(changes: pd.DataFrame, column: str) -> dict[tuple[str, str], str]:
    keys = zip(changes["officer_id"], changes["date"], strict=True)
    return dict(zip(keys, changes[column], strict=True))


def test_each_change_names_its_entry_in_a_planners_words() -> None:
    changes = change_notice(
        BASE, NEW, date(2026, 10, 20), date(2026, 10, 15), SCENARIO,
        entries=[SICK], released={("A-C2", "2026-10-23"): "entry 3 (leave) voided: day rostered afresh"},
    )  # fmt: skip
    why = by_day(changes, "reason")
    assert why[("A-C0", "2026-10-20")] == "off sick: flu (entry 7)"
    assert why[("A-C0", "2026-10-24")].startswith("rest day re-rostered around entry 7 (A-C0")
    assert why[("A-C1", "2026-10-20")].startswith("covering for entry 7 (A-C0 sickness")
    assert why[("A-C1", "2026-10-22")].startswith("knock-on of entry 7")
    assert why[("A-C2", "2026-10-23")] == "entry 3 (leave) voided: day rostered afresh"
    ids = by_day(changes, "entry_id")
    assert ids[("A-C1", "2026-10-20")] == "7"
    assert ids[("A-C2", "2026-10-23")] == ""
    worked = changes[(changes["officer_id"] == "A-C1") & (changes["date"] == "2026-10-20")]
    assert worked.iloc[0]["clear_days_notice"] == 4
    assert (
        "rest day cancelled at 4 clear days' notice: time and a half"
        in worked.iloc[0]["compensation"]
    )


def test_a_hand_edit_is_not_put_down_to_an_entry() -> None:
    changes = change_notice(
        BASE, NEW, date(2026, 10, 20), date(2026, 10, 15), SCENARIO,
        entries=[SICK], knock_ons=False, unexplained="edited by hand",
    )  # fmt: skip
    why = by_day(changes, "reason")
    assert why[("A-C0", "2026-10-21")] == "off sick: flu (entry 7)"
    assert why[("A-C1", "2026-10-20")] == why[("A-C0", "2026-10-24")] == "edited by hand"


def test_days_before_from_are_not_changes() -> None:
    changes = change_notice(BASE, NEW, date(2026, 10, 22), date(2026, 10, 15), SCENARIO)
    assert list(changes["date"]) == ["2026-10-24", "2026-10-22", "2026-10-23"]


def test_a_day_two_entries_cover_is_put_down_to_the_one_applied_last() -> None:
    """Sickness logged on a day of scenario leave makes it SICK (the log is applied after
    the scenario's leave), so the change is the sickness's, whatever order they come in."""
    leave = Entry(
        0, "A-C0", "A", date(2026, 10, 19), date(2026, 10, 23), "leave", "annual leave",
        "scenario file", date(2026, 4, 1), datetime(1970, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    was = table([day("A-C0", 20, "LEAVE"), day("A-C0", 21, "LEAVE")])
    now = table([day("A-C0", 20, "SICK"), day("A-C0", 21, "SICK")])
    for entries in ([SICK, leave], [leave, SICK]):
        changes = change_notice(
            was, now, date(2026, 10, 20), date(2026, 10, 15), SCENARIO, entries=entries
        )
        assert list(changes["reason"]) == ["off sick: flu (entry 7)"] * 2
        assert list(changes["entry_id"]) == ["7", "7"]


def test_a_change_is_not_told_before_the_entry_behind_it() -> None:
    """Emergency aid logged as told on the day it took a rest day, in a re-roster whose
    notice was dated a week before: changes.csv gave 7 clear days' notice (and the
    compensation for them). A change an entry forced counts from the later of the two."""
    aid = Entry(
        9, "A-C1", "A", date(2026, 10, 20), date(2026, 10, 20), "emergency_aid", "incident",
        "Insp X", date(2026, 10, 20), datetime(2026, 10, 20, tzinfo=UTC),
    )  # fmt: skip
    changes = change_notice(
        BASE, NEW, date(2026, 10, 20), date(2026, 10, 12), SCENARIO, entries=[SICK, aid]
    )
    notice = by_day(changes, "clear_days_notice")
    assert notice[("A-C1", "2026-10-20")] == 0  # told on the day, by entry 9
    assert "at 0 clear days' notice" in by_day(changes, "compensation")[("A-C1", "2026-10-20")]
    assert notice[("A-C0", "2026-10-20")] == 5  # entry 7, told 14 Oct
    assert notice[("A-C1", "2026-10-22")] == 1  # a knock-on of entry 9: no earlier than it


def test_a_colleague_covered_for_is_the_cause_not_the_officers_own_entry_weeks_away() -> None:
    """A-C1 works a rest day on 20 October because A-C0 is off sick that day; A-C1's own
    leave weeks before did not cause it. Of two colleagues away that day, the one whose
    tour A-C1 now works is named; the notice counts from that entry's ``notified``."""
    own = Entry(
        9, "A-C1", "A", date(2026, 10, 1), date(2026, 10, 2), "leave", "holiday", "PS Lee",
        date(2026, 9, 1), datetime(2026, 9, 1, tzinfo=UTC),
    )  # fmt: skip
    base, new = covered_on_the_20th()
    changes = change_notice(
        base, new, date(2026, 10, 20), date(2026, 10, 15), SCENARIO,
        entries=[own, SICK, COURSE],
    )  # fmt: skip
    why = by_day(changes, "reason")
    assert why[("A-C1", "2026-10-20")].startswith("covering for entry 7 (A-C0 sickness")
    assert by_day(changes, "entry_id")[("A-C1", "2026-10-20")] == "7"
    # A-C2 had no tour that day; had A-C2 been on A-C1's new tour (and A-C0 on another),
    # A-C2's course would be named
    late = {**day("A-C0", 20, "DUTY"), "shift": "L"}
    base = table([late, day("A-C1", 20, "REST"), day("A-C2", 20, "DUTY")])
    changes = change_notice(
        base, new, date(2026, 10, 20), date(2026, 10, 15), SCENARIO,
        entries=[own, SICK, COURSE],
    )  # fmt: skip
    worked = changes[changes["officer_id"] == "A-C1"].iloc[0]
    assert worked["reason"].startswith("covering for entry 11 (A-C2 training")
    assert worked["clear_days_notice"] == 2  # told on 17 October, with the course


def test_a_tour_taken_over_from_a_colleague_away_is_covering_not_the_officers_next_leave() -> None:
    """A-C1 works a rest day, 13 October, on the late tour A-C0 had before going on leave
    (10-14 October, told on 9 October). A-C1's own leave 27-28 October, told of on 26
    October, cannot have caused a change on the 13th: named, it gave 0 clear days' notice
    and time and a half for a rest day cancelled with 3 clear days' notice."""
    away = Entry(
        8, "A-C0", "A", date(2026, 10, 10), date(2026, 10, 14), "leave", "holiday", "PS Lee",
        date(2026, 10, 9), datetime(2026, 10, 9, tzinfo=UTC),
    )  # fmt: skip
    later = Entry(
        9, "A-C1", "A", date(2026, 10, 27), date(2026, 10, 28), "leave", "holiday", "PS Lee",
        date(2026, 10, 26), datetime(2026, 10, 26, tzinfo=UTC),
    )  # fmt: skip
    late = {**day("A-C0", 13, "DUTY"), "shift": "L"}
    base = table([late, day("A-C1", 13, "REST")])
    new = table([day("A-C0", 13, "LEAVE"), {**day("A-C1", 13, "DUTY"), "shift": "L"}])
    changes = change_notice(
        base, new, date(2026, 10, 13), date(2026, 9, 20), SCENARIO, entries=[away, later]
    )
    worked = changes[changes["officer_id"] == "A-C1"].iloc[0]
    assert worked["reason"].startswith("covering for entry 8 (A-C0 leave")
    assert worked["clear_days_notice"] == 3
    assert worked["compensation"].startswith("rest day cancelled at 3 clear days' notice")


def test_a_knock_on_with_no_entry_names_the_officers_own_aid_not_anothers_voided_entry() -> None:
    # a re-roster with no live entry near: officer A-C0's tour moves for their own HDD aid,
    # while a colleague of the other contract had a voided entry given back that day
    base = table([day("A-C0", 20, "DUTY"), day("A-C0", 21, "REST"), day("B-C0", 22, "DUTY")])
    new = table([day("A-C0", 20, "REST"), day("A-C0", 21, "DUTY"), day("B-C0", 22, "REST")])
    new.loc[new["officer_id"] == "B-C0", "contract_id"] = "B"
    base.loc[base["officer_id"] == "B-C0", "contract_id"] = "B"
    changes = change_notice(
        base,
        new,
        date(2026, 10, 19),
        date(2026, 10, 1),
        SCENARIO,
        released={("B-C0", "2026-10-22"): "entry 11 (leave) voided: day rostered afresh"},
        placed={("A-C0", "2026-10-21"): "on aid: Op Test, a High Demand Day"},
    )
    reasons = dict(zip(changes["date"], changes["reason"], strict=True))
    assert reasons["2026-10-20"] == "knock-on: on aid: Op Test, a High Demand Day"
    assert reasons["2026-10-22"] == "entry 11 (leave) voided: day rostered afresh"


def colleagues(entry_id: int, first: int, last: int, kind: str, reason: str) -> Entry:
    """A-C1's entry on days ``first`` to ``last`` of October 2026, told on the 1st."""
    return Entry(
        entry_id, "A-C1", "A", date(2026, 10, first), date(2026, 10, last), kind, reason,
        "PS Lee", date(2026, 10, 1), datetime(2026, 10, 1, tzinfo=UTC),
    )  # fmt: skip


def on_aid_notice(base: pd.DataFrame, new: pd.DataFrame, entry: Entry, aid: int) -> pd.DataFrame:
    """The change notice from 10 October with ``entry`` and A-C0 put on aid on day ``aid``."""
    placed = {("A-C0", f"2026-10-{aid}"): "on aid: Op Test, a High Demand Day"}
    return change_notice(
        base, new, date(2026, 10, 10), date(2026, 10, 1), SCENARIO, entries=[entry], placed=placed
    )


def test_a_tour_moved_for_the_officers_own_aid_next_day_is_not_a_colleagues_entry() -> None:
    # a High Demand Day announced since publication puts A-C0 on aid on the 21st; their
    # tour the day before moves for it, while a colleague's course a week later is the
    # contract's only entry: the change named that course ("knock-on of entry 11 ...",
    # entry_id 11), as if filtering by entry 11 should find it (found by live22)
    course = colleagues(11, 28, 28, "training", "first aid")
    base = table([day("A-C0", 20, "DUTY"), day("A-C0", 21, "DUTY"), day("A-C1", 28, "DUTY")])
    new = table([day("A-C0", 20, "REST"), day("A-C0", 21, "HDD_AID"), day("A-C1", 28, "TRAINING")])
    changes = on_aid_notice(base, new, course, 21)
    reasons = by_day(changes, "reason")
    assert reasons[("A-C0", "2026-10-20")] == "knock-on: on aid: Op Test, a High Demand Day"
    assert by_day(changes, "entry_id")[("A-C0", "2026-10-20")] == ""
    assert reasons[("A-C0", "2026-10-21")] == "on aid: Op Test, a High Demand Day"
    assert reasons[("A-C1", "2026-10-28")].startswith("training")


def test_a_colleagues_entry_nearer_than_the_officers_aid_stays_the_cause() -> None:
    # A-C0 on aid on the 16th; a colleague's sickness on the 19th-20th, nearer the rest day
    # A-C0 has moved to the 21st: that change is still put down to the sickness
    sick = colleagues(7, 19, 20, "sickness", "flu")
    base = table([day("A-C0", 21, "DUTY"), day("A-C1", 19, "DUTY"), day("A-C1", 20, "DUTY")])
    new = table([day("A-C0", 21, "REST"), day("A-C1", 19, "SICK"), day("A-C1", 20, "SICK")])
    changes = on_aid_notice(base, new, sick, 16)
    reason = by_day(changes, "reason")[("A-C0", "2026-10-21")]
    assert reason == "knock-on of entry 7 (A-C1 sickness 2026-10-19 to 2026-10-20)"


def test_a_tour_moved_for_the_officers_own_aid_is_not_their_own_entry_a_week_later() -> None:
    # A-C0 on aid on the 21st (00:00-04:00: their early the day before moves to a rest day
    # for the rest between), and off sick on the 28th, rung in that day: the change read
    # "rest day re-rostered around entry 9 (A-C0 sickness ...)" at 0 clear days' notice, told
    # a week after the day it changed (found by live26, a night of the clock change)
    sick = Entry(
        9, "A-C0", "A", date(2026, 10, 28), date(2026, 10, 28), "sickness", "flu", "PS Lee",
        date(2026, 10, 28), datetime(2026, 10, 28, tzinfo=UTC),
    )  # fmt: skip
    base = table([day("A-C0", 20, "DUTY"), day("A-C0", 21, "REST"), day("A-C0", 28, "DUTY")])
    new = table([day("A-C0", 20, "REST"), day("A-C0", 21, "HDD_AID"), day("A-C0", 28, "SICK")])
    changes = on_aid_notice(base, new, sick, 21)
    assert by_day(changes, "reason")[("A-C0", "2026-10-20")] == (
        "knock-on: on aid: Op Test, a High Demand Day"
    )
    assert by_day(changes, "entry_id")[("A-C0", "2026-10-20")] == ""
    assert by_day(changes, "clear_days_notice")[("A-C0", "2026-10-20")] == 18


def test_a_tour_taken_over_from_a_colleague_off_sick_that_morning_is_covering_for_them() -> None:
    """A-C0 rings in sick on 20 October, the day of their early tour, and A-C1 works it
    from a rest day. The sickness, told that day, is behind the change: not A-C2's course
    that day, told three days before, whose tour A-C1 does not work (noticed by web16)."""
    sick = Entry(
        12, "A-C0", "A", date(2026, 10, 20), date(2026, 10, 20), "sickness", "migraine",
        "PS Lee", date(2026, 10, 20), datetime(2026, 10, 20, 6, tzinfo=UTC),
    )  # fmt: skip
    base, new = covered_on_the_20th()
    changes = change_notice(
        base, new, date(2026, 10, 20), date(2026, 10, 15), SCENARIO, entries=[COURSE, sick]
    )
    worked = changes[changes["officer_id"] == "A-C1"].iloc[0]
    assert worked["reason"].startswith("covering for entry 12 (A-C0 sickness")
    assert worked["entry_id"] == "12"
    assert worked["clear_days_notice"] == 0  # told that morning, with the sickness


def test_a_day_a_void_gives_back_and_its_knock_on_name_the_voided_entry() -> None:
    """A planner filtering changes.csv by entry_id finds the days a voided entry gave back
    (and a change knocked on from one) under the voided entry's id; before, the column was
    empty on them, only the reason naming the entry."""
    base = table([day("A-C2", 23, "REST"), day("A-C2", 25, "DUTY")])
    new = table([day("A-C2", 23, "DUTY"), day("A-C2", 25, "REST")])
    key = ("A-C2", "2026-10-23")
    changes = change_notice(
        base, new, date(2026, 10, 20), date(2026, 10, 15), SCENARIO,
        released={key: "entry 3 (leave) voided: day rostered afresh"}, given_by={key: "3"},
    )  # fmt: skip
    assert by_day(changes, "entry_id") == {key: "3", ("A-C2", "2026-10-25"): "3"}
    assert by_day(changes, "reason")[("A-C2", "2026-10-25")] == (
        "knock-on: entry 3 (leave) voided: day rostered afresh"
    )


def test_a_tour_of_another_code_at_the_same_times_is_a_change() -> None:
    """Two tours with one set of times (an early on another post): moving an officer
    from one to the other is told, as the roster's own comparison of versions sees it."""
    base = table([day("A-C0", 20, "DUTY"), day("A-C1", 20, "DUTY")])
    new = table([day("A-C0", 20, "DUTY"), day("A-C1", 20, "DUTY")])
    new.loc[1, "shift"] = "E2"
    changes = change_notice(base, new, date(2026, 10, 20), date(2026, 10, 15), SCENARIO)
    assert by_day(changes, "now") == {("A-C1", "2026-10-20"): "DUTY E2 07:00-15:00"}
    assert by_day(changes, "was") == {("A-C1", "2026-10-20"): "DUTY E 07:00-15:00"}


def test_aid_of_a_high_demand_day_announced_since_is_not_covering_for_a_colleague() -> None:
    """A High Demand Day announced since publication puts A-C0 on aid on the 21st, the
    day A-C1 is on leave and a week after A-C0's own sickness. No one was on aid that day
    to cover for: the change named A-C0's sickness ("rest day re-rostered around entry 7",
    its entry_id) or A-C1's leave ("covering for entry 9"), as if either moved it (seen in
    generated seed 1943's year). Aid in place of a colleague the entry took off the day's
    aid is still covering for them."""
    sick = Entry(
        7, "A-C0", "A", date(2026, 10, 13), date(2026, 10, 14), "sickness", "flu", "PS Lee",
        date(2026, 10, 13), datetime(2026, 10, 13, tzinfo=UTC),
    )  # fmt: skip
    away = colleagues(9, 21, 21, "leave", "holiday")
    base = table([day("A-C0", 21, "REST"), day("A-C1", 21, "DUTY")])
    new = table([day("A-C0", 21, "HDD_AID"), day("A-C1", 21, "LEAVE")])
    placed = {("A-C0", "2026-10-21"): "on aid: Op Test, a High Demand Day"}
    argv = (base, new, date(2026, 10, 15), date(2026, 10, 1), SCENARIO)
    changes = change_notice(*argv, entries=[sick, away], placed=placed)
    assert by_day(changes, "reason")[("A-C0", "2026-10-21")] == placed["A-C0", "2026-10-21"]
    assert by_day(changes, "entry_id")[("A-C0", "2026-10-21")] == ""
    planned = table([day("A-C0", 21, "REST"), day("A-C1", 21, "HDD_AID")])
    changes = change_notice(planned, new, *argv[2:], entries=[sick, away], placed=placed)
    assert by_day(changes, "reason")[("A-C0", "2026-10-21")].startswith(
        "covering for entry 9 (A-C1 leave"
    )
