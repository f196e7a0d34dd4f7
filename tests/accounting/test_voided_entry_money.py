"""A voided entry's penalty comes off the council's report at once: the report follows the
live log, as it does for an entry logged since the last re-roster, so penalties.csv never
cites an entry the log says is void. Until the re-roster, a day the voided entry took
without times of its own works the tour it kept (delivered); one it gave its own times
is neither delivered nor penalised. The expected money is worked out here from the
README's rules (day rate = annual charge ÷ the post's working days in the financial
year), not by the accounting code."""

from __future__ import annotations

import csv
from datetime import date, time, timedelta
from fractions import Fraction
from pathlib import Path

import pandas as pd

from calendars import bank_holidays, tour_interval
from scheduler.accounting.delivery import Delivery, delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.cli import main
from scheduler.export.report_html import _kinds_chart
from scheduler.scenario import load_scenario
from scheduler.store import Store, apply_entries
from scheduler.store.apply import VOIDED_KIND
from scheduler.table import COLUMNS, EXTRA_COLUMNS

SCENARIO = """
[scenario]
name = "Void Borough"
start = 2026-06-01
end = 2026-06-30

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[contract]]
id = "VB"
council = "LB Void"
bcu = "XX"
start = 2026-04-01
years = 3
posts = { constable = 2 }

[[officer]]
id = "V-01"
contract = "VB"
rank = "constable"
service_years = 1

[[officer]]
id = "V-02"
contract = "VB"
rank = "constable"
service_years = 1
"""


def _roster(scenario_days: list[date]) -> pd.DataFrame:
    rows = []
    for officer in ("V-01", "V-02"):
        for day in scenario_days:
            duty = day.weekday() < 5
            a, b = tour_interval(day, *_early()) if duty else (None, None)
            rows.append(
                {
                    "officer_id": officer,
                    "contract_id": "VB",
                    "rank": "constable",
                    "date": day.isoformat(),
                    "state": "DUTY" if duty else "REST",
                    "shift": "E" if duty else "",
                    "start": a.isoformat(timespec="seconds") if a else "",
                    "end": b.isoformat(timespec="seconds") if b else "",
                    "hours": 8.0 if duty else 0.0,
                    "event": "",
                    "kind": "",
                    "abstraction_id": "",
                }
            )
    return pd.DataFrame(rows, columns=[*COLUMNS, *EXTRA_COLUMNS])


def _early() -> tuple[time, time]:
    return time(7), time(15)


def _add(db: Path, scenario: Path, *args: str) -> None:
    argv = ["abstract", "add", str(scenario), "--kind", "operational", "--reason", "Op X"]
    argv += ["--authorised-by", "Insp A", "--notified", "2026-05-01", "--db", str(db), *args]
    assert main(argv) == 0


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_a_voided_abstraction_is_not_penalised_before_the_re_roster(tmp_path: Path) -> None:
    toml = tmp_path / "void.toml"
    toml.write_text(SCENARIO, encoding="utf-8")
    scenario = load_scenario(toml)
    db = tmp_path / "s92.db"
    days = [date(2026, 6, 1) + timedelta(n) for n in range(30)]
    with Store(db) as store:
        store.publish_roster(scenario.name, _roster(days))
    _add(db, toml, "--officer", "V-01", "--date", "2026-06-02", "--to", "2026-06-03")  # 1
    _add(
        db, toml, "--officer", "V-01", "--date", "2026-06-06", "--start", "08:00", "--end", "16:00"
    )
    _add(db, toml, "--officer", "V-02", "--date", "2026-06-09")  # 3: stays live
    _add(db, toml, "--officer", "V-02", "--date", "2026-06-10")  # 4: voided, logged again
    # the re-roster applies them (as s92 reroster marks the days: state, reason, kind, id)
    with Store(db) as store:
        published = store.latest_roster(scenario.name)
        assert published is not None
        applied = apply_entries(published, store.entries(), scenario)
        table = applied.table
        table.loc[table["state"] != "DUTY", "shift"] = ""
        store.publish_roster(scenario.name, table)
    for entry in ("1", "2", "4"):
        assert main(["abstract", "void", entry, "--reason", "in error", "--db", str(db)]) == 0
    _add(db, toml, "--officer", "V-02", "--date", "2026-06-10")  # 8: the day logged again
    out = tmp_path / "out"
    assert (
        main(["report", str(toml), "--period", "2026-06", "--out", str(out), "--db", str(db)]) == 0
    )

    # a constable with 22 days' leave in FY2026: 365 - 104 - bank holidays - 22 working days
    holidays = len(bank_holidays(date(2026, 4, 1), date(2027, 3, 31)))
    rate = Fraction(57_000, 365 - 2 * 365 // 7 - holidays - 22)
    items = _rows(out / "penalties.csv")
    assert [(i["date"], i["officer_id"], i["entry_id"]) for i in items] == [
        ("2026-06-09", "V-02", "3"),
        ("2026-06-10", "V-02", "8"),
    ]
    (row,) = _rows(out / "report.csv")
    pence = round(2 * rate * 100)
    assert row["penalty_gbp"] == f"{pence // 100}.{pence % 100:02d}"
    assert row["penalised_days"] == "2"
    # weekdays on E for both, less the two penalised days: V-01's two days kept their tour
    # and are delivered again; its rest-day abstraction (own times) is neither
    weekdays = sum(d.weekday() < 5 for d in days)
    assert row["delivered_days"] == str(2 * weekdays - 2)
    assert row["other_absence_days"] == "1"
    assert "4 officer-days in this period still follow abstractions voided since" in row["note"]


def test_aid_on_a_high_demand_day_stands_but_cites_no_voided_entry(tmp_path: Path) -> None:
    # no allowance: every HDD aid officer-day is beyond it, so each is itemised
    toml = tmp_path / "void.toml"
    text = SCENARIO.replace(
        "posts = { constable = 2 }", "posts = { constable = 2 }\nhdd_allowance = 0"
    )
    hdd = date(2026, 6, 13)
    text += f'\n[high_demand]\nadd = [{{ date = {hdd}, name = "Trooping the Colour" }}]\n'
    toml.write_text(text, encoding="utf-8")
    scenario = load_scenario(toml)
    (aid,) = [h for h in scenario.high_demand_days() if h.date == hdd]
    db = tmp_path / "s92.db"
    table = _roster([date(2026, 6, 1) + timedelta(n) for n in range(30)])
    begins, ends = tour_interval(hdd, aid.start, aid.end)
    on_aid = table["date"] == hdd.isoformat()
    table.loc[on_aid, ["state", "shift", "event"]] = ["HDD_AID", "AID", aid.name]
    table.loc[on_aid, ["start", "end"]] = [begins.isoformat(), ends.isoformat()]
    with Store(db) as store:
        store.publish_roster(scenario.name, table)
    _add(db, toml, "--officer", "V-01", "--date", hdd.isoformat(), "--kind", "hdd_aid")
    with Store(db) as store:
        published = store.latest_roster(scenario.name)
        assert published is not None
        store.publish_roster(
            scenario.name, apply_entries(published, store.entries(), scenario).table
        )
    assert main(["abstract", "void", "1", "--reason", "in error", "--db", str(db)]) == 0
    out = tmp_path / "out"
    assert (
        main(["report", str(toml), "--period", "2026-06", "--out", str(out), "--db", str(db)]) == 0
    )
    items = _rows(out / "penalties.csv")
    # both officers were on the day's aid, as the roster has it: both beyond the allowance
    assert sorted((i["officer_id"], i["kind"], i["entry_id"]) for i in items) == [
        ("V-01", "hdd_beyond_allowance", ""),
        ("V-02", "hdd_beyond_allowance", ""),
    ]


def test_the_kinds_chart_names_days_of_a_voided_entry(tmp_path: Path) -> None:
    toml = tmp_path / "void.toml"
    toml.write_text(SCENARIO, encoding="utf-8")
    scenario = load_scenario(toml)
    table = _roster([date(2026, 6, 1) + timedelta(n) for n in range(30)])
    table.loc[0, ["state", "kind"]] = ["ABSTRACTED", VOIDED_KIND]
    delivery = delivery_report(table, scenario, parse_period("2026-06"))
    legend = _kinds_chart(delivery).axes[0].get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Voided entry (until the re-roster)"]


def _voided_after_publication(
    tmp_path: Path, toml: Path, table: pd.DataFrame, entry: list[str], period: str
) -> tuple[list[str], dict[str, str]]:
    """``table`` published, one entry (``entry``: its options) logged, applied and
    published, then voided: the states the published roster gives the entry's days, and
    the report's row of ``period``."""
    scenario = load_scenario(toml)
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster(scenario.name, table)
    _add(db, toml, "--officer", "V-01", *entry)
    with Store(db) as store:
        published = store.latest_roster(scenario.name)
        assert published is not None
        applied = apply_entries(published, store.entries(), scenario).table
        states = sorted(applied.loc[applied["abstraction_id"].astype(str) == "1", "state"])
        store.publish_roster(scenario.name, applied)
    assert main(["abstract", "void", "1", "--reason", "in error", "--db", str(db)]) == 0
    out = tmp_path / "out"
    argv = ["report", str(toml), "--period", period, "--out", str(out), "--db", str(db)]
    assert main(argv) == 0
    (row,) = _rows(out / "report.csv")
    return states, row


def test_rest_days_a_voided_sickness_held_are_not_counted_as_still_following_it(
    tmp_path: Path,
) -> None:
    # sickness leaves rest days REST: the re-roster after the void gives back the two
    # weekdays and leaves the weekend as it was, so the note counts the two weekdays only
    toml = tmp_path / "void.toml"
    toml.write_text(SCENARIO, encoding="utf-8")
    table = _roster([date(2026, 6, 1) + timedelta(n) for n in range(30)])
    # Friday 5 to Monday 8 June: the weekend between is published REST
    sickness = ["--date", "2026-06-05", "--to", "2026-06-08", "--kind", "sickness"]
    states, row = _voided_after_publication(tmp_path, toml, table, sickness, "2026-06")
    assert states == ["REST", "REST", "SICK", "SICK"]  # the case in hand
    assert "2 officer-days in this period still follow abstractions voided since" in row["note"]
    assert row["other_absence_days"] == "2"  # the two sick weekdays, until the re-roster


def test_a_bank_holiday_off_in_a_voided_leave_is_not_counted_as_still_following_it(
    tmp_path: Path,
) -> None:
    # leave Friday 22 to Tuesday 26 May 2026 over the spring bank holiday (Monday 25th),
    # which a contract that does not buy bank holidays has off whatever the leave: the
    # re-roster after the void gives back the Friday and the Tuesday only
    toml = tmp_path / "void.toml"
    toml.write_text(SCENARIO.replace("start = 2026-06-01", "start = 2026-05-18"), encoding="utf-8")
    table = _roster([date(2026, 5, 18) + timedelta(n) for n in range(44)])
    holiday = table["date"] == "2026-05-25"
    table.loc[holiday, ["state", "shift", "start", "end"]] = ["PUBLIC_HOLIDAY", "", "", ""]
    table.loc[holiday, "hours"] = 0.0
    leave = ["--date", "2026-05-22", "--to", "2026-05-26", "--kind", "leave"]
    states, row = _voided_after_publication(tmp_path, toml, table, leave, "2026-05")
    assert states == ["LEAVE", "LEAVE", "PUBLIC_HOLIDAY", "REST", "REST"]  # the case in hand
    assert "2 officer-days in this period still follow abstractions voided since" in row["note"]


def _june(tmp_path: Path) -> Delivery:
    """June 2026's report of a roster worked as published (no entry)."""
    toml = tmp_path / "void.toml"
    toml.write_text(SCENARIO, encoding="utf-8")
    scenario = load_scenario(toml)
    table = _roster([date(2026, 6, 1) + timedelta(n) for n in range(30)])
    return delivery_report(table, scenario, parse_period("2026-06"))


def test_one_stale_day_is_said_in_the_singular(tmp_path: Path) -> None:
    delivery = _june(tmp_path)
    stale = pd.DataFrame({"contract_id": ["VB"], "date": ["2026-06-02"]})
    noted = delivery.with_voided(
        stale, "the planner will re-roster from that day and publish to correct them"
    )
    assert noted.notes[-1] == (
        "1 officer-day of the published roster still follows abstractions voided since "
        "(on 2026-06-02); the planner will re-roster from that day and publish to correct it"
    )
    # report.csv's row says the same in the command's and the council's page's
    assert noted.summary.loc[0, "note"] == (
        "1 officer-day in this period still follows abstractions voided since "
        "(on 2026-06-02); re-roster from that day and publish to correct it"
    )


def test_the_stale_days_name_the_day_a_re_roster_must_start_from(tmp_path: Path) -> None:
    """Abstractions of 10-11 and 30 June applied and published, voided, then a re-roster
    from 1 July published: the June days stand as published (days before --from never
    change), so the advice to re-roster and publish had been followed and the days still
    followed the voids. The note names the first day a re-roster must start from, in the
    whole report's note (with 2 July, voided since) and in each row's (its period's)."""
    delivery = _june(tmp_path)
    days = ["2026-06-30", "2026-06-10", "2026-06-11", "2026-07-02"]  # the first not first
    stale = pd.DataFrame({"contract_id": ["VB"] * 4, "date": days})
    noted = delivery.with_voided(stale, "re-roster from that day and publish to correct them")
    assert noted.notes[-1] == (
        "4 officer-days of the published roster still follow abstractions voided since "
        "(the first on 2026-06-10); re-roster from that day and publish to correct them"
    )
    assert noted.summary.loc[0, "note"] == (
        "3 officer-days in this period still follow abstractions voided since "
        "(the first on 2026-06-10); re-roster from that day and publish to correct them"
    )


def _voided_aid_note(tmp_path: Path, hdd_fields: str) -> str:
    """The June report's note after V-01's HDD aid on 13 June (both officers published on
    the day's aid) is logged, published and voided; ``hdd_fields`` the HDD's own."""
    toml = tmp_path / "void.toml"
    hdd = date(2026, 6, 13)
    add = f'{{ date = {hdd}, name = "Trooping the Colour"{hdd_fields} }}'
    toml.write_text(SCENARIO + f"\n[high_demand]\nadd = [{add}]\n", encoding="utf-8")
    scenario = load_scenario(toml)
    (aid,) = [h for h in scenario.high_demand_days() if h.date == hdd]
    table = _roster([date(2026, 6, 1) + timedelta(n) for n in range(30)])
    begins, ends = tour_interval(hdd, aid.start, aid.end)
    on_aid = table["date"] == hdd.isoformat()
    table.loc[on_aid, ["state", "shift", "event"]] = ["HDD_AID", "AID", aid.name]
    table.loc[on_aid, ["start", "end"]] = [begins.isoformat(), ends.isoformat()]
    entry = ["--date", hdd.isoformat(), "--kind", "hdd_aid"]
    states, row = _voided_after_publication(tmp_path, toml, table, entry, "2026-06")
    assert states == ["HDD_AID"]  # the case in hand
    return row["note"]


def test_voided_aid_on_a_high_demand_day_taking_everyone_does_not_still_follow(
    tmp_path: Path,
) -> None:
    # every officer available is on the day's aid: the re-roster puts V-01 on it again
    assert "still follow" not in _voided_aid_note(tmp_path, "")


def test_voided_aid_on_a_high_demand_day_taking_one_officer_still_follows(
    tmp_path: Path,
) -> None:
    # the MPS takes one officer of two: the re-roster may choose V-02 instead
    note = _voided_aid_note(tmp_path, ", officers = 1")
    assert "1 officer-day in this period still follows abstractions voided since" in note
