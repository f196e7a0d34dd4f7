"""``s92 reroster``: the entries it applies are its scenario's own."""

from __future__ import annotations

import importlib
from datetime import date, time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from check_builder import AUTUMN_TOML
from planner import AUT, TABLE

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.store.entries import NewAbstraction
from scheduler.store.store import Store


def sickness(officer: str, contract: str, day: date, reason: str) -> NewAbstraction:
    return NewAbstraction(
        officer, contract, day, day, "sickness", reason, "Insp X", date(2026, 10, 18)
    )


def published(folder: Path, *entries: NewAbstraction) -> tuple[Path, Path]:
    """The scenario file and a store holding TABLE as version 1, with T2 sick on 28
    October and ``entries`` logged."""
    toml = folder / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    db = folder / "s92.db"
    with Store(db) as store:
        store.publish_roster(AUT.name, TABLE, note="s92 roster")
        for entry in (*entries, sickness("T2", "TST", date(2026, 10, 28), "this T2")):
            store.add_abstraction(entry)
    return toml, db


def test_an_entry_of_another_scenarios_officer_of_the_same_id_is_not_applied(
    tmp_path: Path,
) -> None:
    """One store may hold two scenarios whose officers share an id (two councils): the
    other council's T1 is sick, this one's is not."""
    toml, db = published(tmp_path, sickness("T1", "OTHER", date(2026, 10, 27), "the other T1"))
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-10-26", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "5", "--notified", "2026-10-25"]) == 0
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(AUT, roster).breaches == []
    state = {(r.officer_id, r.date): r.state for r in roster.itertuples(index=False)}
    assert state["T2", "2026-10-28"] == "SICK"
    assert state["T1", "2026-10-27"] != "SICK"


def test_a_roster_published_during_the_solve_is_not_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another planner (or the web) publishes while the re-roster solves: publishing the
    re-roster, made from the version before, would silently undo theirs. Refused, exit 2,
    nothing written."""
    toml, db = published(tmp_path)
    module = importlib.import_module("scheduler.commands.reroster")
    real = module.reroster

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        with Store(db) as other:
            other.publish_roster(AUT.name, TABLE, note="another planner")
        return found

    monkeypatch.setattr(module, "reroster", meanwhile)
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-10-26", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "5", "--publish"]) == 2
    assert "another roster was published since version 1" in capsys.readouterr().err
    with Store(db) as store:
        assert [v.note for v in store.roster_versions(AUT.name)] == [
            "s92 roster",
            "another planner",
        ]
    assert not out.exists() or not any(out.iterdir())


def test_days_before_from_stand_as_published_and_their_entries_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--from is the first day that may change: an entry on days before it (sickness
    logged late) changes none of them, and the planner is told which entries wait, with
    the --from that would apply them; one straddling --from applies from --from on."""

    def sick(first: str, last: str) -> NewAbstraction:
        day, end = date.fromisoformat(first), date.fromisoformat(last)
        return NewAbstraction("T1", "TST", day, end, "sickness", "flu", "Insp X", day)

    toml, db = published(
        tmp_path, sick("2026-10-20", "2026-10-20"), sick("2026-10-25", "2026-10-27")
    )
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-10-26", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "5", "--notified", "2026-10-25"]) == 0
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(AUT, roster).breaches == []
    before = roster[roster["date"] < "2026-10-26"].reset_index(drop=True)
    was = TABLE[TABLE["date"] < "2026-10-26"].reset_index(drop=True)
    for column in ("officer_id", "date", "state", "start", "end"):
        assert before[column].tolist() == was[column].astype(str).tolist()
    state = {(r.officer_id, r.date): r.state for r in roster.itertuples(index=False)}
    assert [state["T1", f"2026-10-{d}"] for d in (25, 26, 27)] == ["DUTY", "SICK", "SICK"]
    lines = (out / "changes.csv").read_text().splitlines()
    dates = [line.split(",")[2] for line in lines[1:]]
    assert dates
    assert min(dates) >= "2026-10-26"
    err = capsys.readouterr().err
    assert "entry 1 (T1 sickness 2026-10-20)" in err
    assert "entry 2 (T1 sickness 2026-10-25 to 2026-10-27)" in err
    assert "re-roster --from 2026-10-20" in err
    assert "re-roster --from 2026-10-25" in err


def test_a_joiner_added_since_publication_is_rostered_from_their_first_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A constable added to the scenario since the roster was published, joining on 2
    November: the re-roster rosters their days (each in changes.csv, 'not in post' before),
    the colleagues' days stand, and the checker holds the roster. Before, it was refused
    ('a re-roster ... cannot add an officer's; build the roster again with s92 roster
    --publish', which re-solves every officer's days)."""
    toml, db = published(tmp_path)
    joined = AUTUMN_TOML.replace("posts = { constable = 1,", "posts = { constable = 2,")
    toml.write_text(
        joined + '\n[[officer]]\nid = "T3"\ncontract = "TST"\nrank = "constable"\n'
        "start = 2026-11-02\n"
    )
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-10-26", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "5", "--seed", "1"]) == 0
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(toml), roster).breaches == []
    mine = roster[roster["officer_id"] == "T3"]
    assert mine["date"].tolist() == [f"2026-11-{d:02d}" for d in range(2, 16)]
    changes = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    theirs = changes[changes["officer_id"] == "T3"]
    assert theirs["date"].tolist() == mine["date"].tolist()
    assert set(theirs["was"]) == {"not in post"}
    assert set(theirs["compensation"]) == {""}
    assert set(theirs["reason"]) == {
        "T3 in post from 2026-11-02 (scenario file): a day new to the roster"
    }
    # the colleagues' days stand: the sickness logged for T2 is the only other change
    others = changes[changes["officer_id"] != "T3"]
    assert set(others["entry_id"]) <= {"1"}


def test_a_horizon_extended_since_publication_is_rostered_to_its_new_end(
    tmp_path: Path,
) -> None:
    """The horizon's end put back a week since publication: every officer's days after the
    published end are rostered (lawfully, rest days owed over the longer year), each in
    changes.csv as new to the roster, and the published days stand. Before, refused ('build
    the roster again with s92 roster --publish')."""
    toml, db = published(tmp_path)
    toml.write_text(AUTUMN_TOML.replace("end = 2026-11-15", "end = 2026-11-22", 1))
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-11-09", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "5", "--seed", "1", "--notified", "2026-11-01"]) == 0
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(toml), roster).breaches == []
    assert roster["date"].max() == "2026-11-22"
    changes = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    new = changes[changes["date"] > "2026-11-15"]
    assert len(new) == 7 * roster["officer_id"].nunique()
    assert set(new["was"]) == {"not in post"}
    assert set(new["reason"]) == {
        "the horizon now ends 2026-11-22 (scenario file), the published 2026-11-15: a day "
        "new to the roster"
    }


def test_a_joiner_in_post_before_from_is_one_line_before_the_solve(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A joiner whose days begin before --from: those days would stand with no row, so
    the re-roster is refused at once, naming the --from that rosters them; nothing written."""
    toml, db = published(tmp_path)
    joined = AUTUMN_TOML.replace("posts = { constable = 1,", "posts = { constable = 2,")
    toml.write_text(
        joined + '\n[[officer]]\nid = "T3"\ncontract = "TST"\nrank = "constable"\n'
        "start = 2026-11-02\n"
    )
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-11-04", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "5"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line == (
        f"{toml}: officer: T3 (contract TST) is in post on 2 days from 2026-11-02 the "
        "published roster has no row for (version 1), before --from 2026-11-04, whose days "
        "stand as published: re-roster --from 2026-11-02 to roster them"
    )
    assert not out.exists()


def test_an_officer_removed_from_the_scenario_is_one_line_before_the_solve(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, db = published(tmp_path)
    text = AUTUMN_TOML.replace(
        '[[officer]]\nid = "T1"\ncontract = "TST"\nrank = "constable"\n', ""
    ).replace("posts = { constable = 1,", "posts = { constable = 0,")
    assert 'id = "T1"' not in text
    toml.write_text(text)
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-10-26", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "5"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(
        f"{toml}: officer: T1 of the published roster (version 1) is not in the scenario"
    )
    assert not out.exists()


def test_a_leaver_s_days_after_their_end_are_dropped_and_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """T1 leaves on 5 November, set in the scenario after publication: their days after it
    leave the roster, each listed in changes.csv (now 'not in post'), and the roster holds
    (rest days owed pro rata over the shorter time in post). A leaving day before --from
    would change a day that stands: refused, naming the --from that takes it."""
    toml, db = published(tmp_path)
    text = AUTUMN_TOML.replace(
        'id = "T1"\ncontract = "TST"\nrank = "constable"\n',
        'id = "T1"\ncontract = "TST"\nrank = "constable"\nend = 2026-11-05\n',
    )
    assert "end = 2026-11-05" in text
    toml.write_text(text)
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--out", str(out), "--db", str(db), "--time-limit", "5"]
    assert main([*argv, "--from", "2026-10-26"]) == 0
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(toml), roster).breaches == []
    t1 = roster[roster["officer_id"] == "T1"]["date"]
    assert t1.max() == "2026-11-05"
    changes = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    gone = changes[changes["now"] == "not in post"]
    assert list(gone["date"]) == [f"2026-11-{d:02d}" for d in range(6, 16)]
    assert set(gone["reason"]) == {"not in post after 2026-11-05 (scenario file)"}
    capsys.readouterr()
    assert main([*argv, "--from", "2026-11-10"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "T1 is not in post on 2026-11-06 (scenario file), a day before --from 2026-11-10" in line


def test_a_horizon_shortened_after_publication_is_re_rostered_to_its_new_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The scenario's horizon cut from 15 to 5 November after publication: the published
    roster gave T2 4 rest days by 5 November, where 18 days owe 5. The re-roster exited 1
    with a rest-days breach; now the days after the new end leave the roster (listed,
    naming the horizon's end) and the last days re-roster the rest day owed, lawfully."""
    toml, db = published(tmp_path)
    text = AUTUMN_TOML.replace("end = 2026-11-15", "end = 2026-11-05", 1)
    toml.write_text(text)
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--out", str(out), "--db", str(db), "--time-limit", "5"]
    assert main([*argv, "--from", "2026-10-26"]) == 0, capsys.readouterr().err
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(toml), roster).breaches == []
    assert roster["date"].max() == "2026-11-05"
    changes = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    gone = changes[changes["now"] == "not in post"]
    assert len(gone) == 2 * 10
    assert set(gone["reason"]) == {"after the horizon's end, now 2026-11-05 (scenario file)"}
    rest = changes[(changes["officer_id"] == "T2") & (changes["now"] == "REST")]
    assert not rest.empty
    assert set(rest["reason"]) == {
        "T2 now in post 2026-10-19 to 2026-11-05 (scenario file): rest days owed over the "
        "shorter time re-rostered"
    }


def test_a_horizon_started_later_after_publication_is_one_line_that_leads_somewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The horizon's start moved from 19 to 26 October after publication: every officer got
    a line 're-roster from 2026-10-19', and that --from is outside the horizon, refused in
    turn. Now one line: the published days stand as worked, keep the start."""
    toml, db = published(tmp_path)
    toml.write_text(AUTUMN_TOML.replace("start = 2026-10-19", "start = 2026-10-26", 1))
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--out", str(out), "--db", str(db), "--time-limit", "5"]
    assert main([*argv, "--from", "2026-11-02"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line == (
        f"{toml}: start: the horizon now starts 2026-10-26, but the published roster "
        "(version 1) starts 2026-10-19, and its days stand as worked: keep start = "
        "2026-10-19 (or build the roster again with s92 roster --publish)"
    )
    assert not out.exists()


def test_a_notice_dated_after_from_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--notified 2026-10-30 with --from 2026-10-26 was accepted, and every change given 0
    clear days' notice: a notice dated after the change it announces is a slip. One line,
    exit 2, nothing written or published; the day of the change itself is allowed."""
    toml, db = published(tmp_path)
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-10-26", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--notified", "30.10.2026", "--publish"]) == 2
    assert capsys.readouterr().err == (
        "<command line>: --notified: after --from 2026-10-26: a notice is given before the "
        "change it announces, or on its day at the latest (got '30.10.2026')\n"
    )
    assert not out.exists()
    with Store(db) as store:
        assert len(store.roster_versions(AUT.name)) == 1
    assert main([*argv, "--notified", "2026-10-26", "--time-limit", "5"]) == 0


def test_a_re_roster_that_changes_nothing_publishes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Re-rostering again around the same entries gave the published roster back, and
    --publish stored it as one more version (a new version for the web, the feeds and the
    report to show, with nothing changed). Now: 'no change', exit 0, the files written,
    no version."""
    toml, db = published(tmp_path)
    argv = ["reroster", str(toml), "--from", "2026-10-26", "--db", str(db), "--time-limit", "5"]
    assert main([*argv, "--out", str(tmp_path / "rr1"), "--publish"]) == 0
    assert "published roster version 2" in capsys.readouterr().err
    assert main([*argv, "--out", str(tmp_path / "rr2"), "--publish"]) == 0
    said = capsys.readouterr()
    # in the words s92 publish and the web's preview use
    assert said.err == "no change from the published roster version 2: nothing published\n"
    # the notice said "0 officer-days change" over an empty table's header
    assert "Change notice: no officer-day changes" in said.out
    assert "compensation" not in said.out
    with Store(db) as store:
        assert [v.id for v in store.roster_versions(AUT.name)] == [1, 2]
        stored = store.roster(2)
    again = read_roster_csv(tmp_path / "rr2" / "roster.csv")
    assert again["state"].tolist() == stored["state"].tolist()
    assert (tmp_path / "rr2" / "changes.csv").read_text().count("\n") == 1  # the header
    # the same roster from an edited scenario file is published: the store keeps the
    # scenario each version was made from
    toml.write_text(
        toml.read_text().replace(
            'name = "Checker test"', 'name = "Checker test"\ndescription = "v3"'
        )
    )
    assert main([*argv, "--out", str(tmp_path / "rr3"), "--publish"]) == 0
    assert "published roster version 3" in capsys.readouterr().err


def test_a_shift_changed_under_the_published_roster_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Shift E's times changed in the scenario file after publication: the re-roster
    rewrote every E tour of the year to the new times, days before --from (worked) too,
    none of them in changes.csv; a shift removed was a traceback (KeyError). Now one line
    each, exit 2, nothing written; a shift the roster never works may go."""
    toml, db = published(tmp_path)
    text = toml.read_text()
    argv = ["reroster", str(toml), "--from", "2026-11-02", "--db", str(db), "--time-limit", "5"]
    toml.write_text(
        text.replace(
            'code = "E"\nstart = "07:00"\nend = "15:00"',
            'code = "E"\nstart = "07:00"\nend = "16:00"',
        )
    )
    assert main([*argv, "--out", str(tmp_path / "rr1")]) == 2
    assert capsys.readouterr().err == (
        f"{toml}: shift: shift E is now 07:00-16:00, but the published roster (version 1) "
        "works it 07:00-15:00 (first T1 2026-10-19): days worked stand as published, so keep "
        "it as it was and add a shift for the new times (or build the roster again with s92 "
        "roster --publish)\n"
    )
    toml.write_text(text.replace('[[shift]]\ncode = "E"\nstart = "07:00"\nend = "15:00"\n', ""))
    assert main([*argv, "--out", str(tmp_path / "rr2")]) == 2
    assert "shift E is no longer defined" in capsys.readouterr().err
    assert not (tmp_path / "rr1").exists()
    assert not (tmp_path / "rr2").exists()
    toml.write_text(text.replace('[[shift]]\ncode = "X"\nstart = "21:00"\nend = "07:00"\n', ""))
    assert main([*argv, "--out", str(tmp_path / "rr3")]) == 0


def test_a_high_demand_day_called_off_is_rostered_afresh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bonfire Night (5 Nov) removed from the scenario's High Demand Days after
    publication: every re-roster was a traceback (StopIteration). Now its aid, from --from
    on, is rostered afresh and says why; on a day before --from, which stands as worked,
    the re-roster is refused (one line, exit 2), naming the --from that takes it."""
    toml, argv = _refused_before_from(
        tmp_path,
        capsys,
        "remove = [2026-11-05]",
        "2026-11-06",
        "2026-11-05 is no longer a High Demand Day in the scenario, but the published roster "
        "(version 1) has officers on its aid 15:00-01:00 (Million Mask March / Bonfire Night), "
        "a day before --from 2026-11-06, which stands as worked: keep the High Demand Day as "
        "it was, or re-roster --from 2026-11-05 so that day changes too",
    )
    out = tmp_path / "rr"
    assert main([*argv, "--from", "2026-11-02", "--notified", "2026-11-01", "--out", str(out)]) == 0
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(toml), roster).breaches == []
    day = roster[roster["date"] == "2026-11-05"]
    assert "HDD_AID" not in set(day["state"])
    changes = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    called_off = changes[changes["date"] == "2026-11-05"]
    assert sorted(called_off["officer_id"]) == ["T1", "T2"]
    assert set(called_off["reason"]) == {
        "Million Mask March / Bonfire Night no longer a High Demand Day in the scenario file: "
        "day rostered afresh"
    }


def test_a_high_demand_day_added_before_from_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A High Demand Day added to the scenario on a day before --from, which stands as
    published (no officer on its aid): the re-roster solved, then exited 1 with the
    checker's high-demand-day breach. It is the planner's input to change: one line naming
    the day and the --from that takes it, exit 2, before any solve; that --from works."""
    toml, argv = _refused_before_from(
        tmp_path,
        capsys,
        'add = [{ date = 2026-10-27, name = "Royal visit", start = "08:00", end = "18:00" }]',
        "2026-11-02",
        "2026-10-27 is a High Demand Day in the scenario, but the published roster (version 1) "
        "has too few officers on its aid (contract TST: 0 on aid for 'Royal visit', 2 required "
        "(2 available); not on aid: T1 DUTY, T2 DUTY), a day before --from 2026-11-02, which "
        "stands as worked: re-roster --from 2026-10-27 or earlier so that day is rostered too",
    )
    out = tmp_path / "rr"
    assert main([*argv, "--from", "2026-10-27", "--notified", "2026-10-18", "--out", str(out)]) == 0
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(toml), roster).breaches == []


def _refused_before_from(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    high_demand: str,
    from_date: str,
    said: str,
) -> tuple[Path, list[str]]:
    """The published roster with ``high_demand`` lines added to the scenario since,
    re-rostered ``--from from_date``: refused before any solve in the one line ``said``,
    nothing written. The scenario file, and the re-roster's arguments but --from."""
    toml, db = published(tmp_path)
    toml.write_text(toml.read_text() + f"\n[high_demand]\n{high_demand}\n")
    argv = ["reroster", str(toml), "--db", str(db), "--time-limit", "5"]
    assert main([*argv, "--from", from_date, "--out", str(tmp_path / "late")]) == 2
    assert capsys.readouterr().err == f"{toml}: high_demand: {said}\n"
    assert not (tmp_path / "late").exists()
    return toml, argv


def test_an_entry_that_only_marks_days_before_from_is_not_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Leave logged over T2's scenario leave (9-10 Nov), re-rostered from 11 Nov: the
    re-roster said the entry was 'not applied to its 2 days before --from', and to re-roster
    from 9 Nov, though both days are LEAVE as published; only days an entry would change are
    named."""
    leave = NewAbstraction(
        "T2", "TST", date(2026, 11, 9), date(2026, 11, 10), "leave", "annual leave",
        "Insp X", date(2026, 10, 18),
    )  # fmt: skip
    toml, db = published(tmp_path, leave)
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-11-11", "--out", str(out), "--db", str(db)]
    assert main([*argv, "--time-limit", "5"]) == 0
    assert "entry 1 " not in capsys.readouterr().err  # entry 2, sickness on 28 Oct, is named
    roster = read_roster_csv(out / "roster.csv")
    state = {(r.officer_id, r.date): r.state for r in roster.itertuples(index=False)}
    assert [state["T2", f"2026-11-{d}"] for d in ("09", "10")] == ["LEAVE", "LEAVE"]


def test_a_high_demand_day_added_says_why_its_aid_changes(tmp_path: Path) -> None:
    """A High Demand Day announced after publication (Lord Mayor's Show, Sat 14 Nov) and
    added to the scenario: the re-roster puts the officers on its aid, and each change
    says so (the reason was left blank, or put down to T2's sickness two weeks before)."""
    changes = _rerostered_with_hdds(
        tmp_path,
        'add = [{ date = 2026-11-14, name = "Lord Mayor\'s Show", start = "08:00", end = "18:00" }]',
    )
    aid = changes[changes["now"].str.startswith("HDD_AID")]
    assert len(aid) > 0
    assert set(aid["reason"]) == {"on aid: Lord Mayor's Show, a High Demand Day"}
    assert set(aid["entry_id"]) == {""}
    assert (changes["reason"] != "").all()


def test_a_high_demand_day_whose_aid_times_moved_is_rostered_to_them(tmp_path: Path) -> None:
    """Bonfire Night's aid tour moved from 15:00-01:00 to 14:00-00:00 in the scenario file
    after publication: every re-roster failed the checker (exit 1, each officer's aid
    'not the HDD's 14:00-00:00'). Now its aid, from --from on, works the new times and
    each change says why."""
    toml, db = published(tmp_path)
    toml.write_text(
        toml.read_text() + "\n[high_demand]\nadd = [{ date = 2026-11-05, "
        'name = "Million Mask March / Bonfire Night", start = "14:00", end = "00:00" }]\n'
    )
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--db", str(db), "--time-limit", "5", "--out", str(out)]
    assert main([*argv, "--from", "2026-11-02", "--notified", "2026-11-01"]) == 0
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(toml), roster).breaches == []
    aid = roster[(roster["date"] == "2026-11-05") & (roster["state"] == "HDD_AID")]
    assert len(aid) == 2
    assert set(aid["start"]) == {"2026-11-05T14:00:00+00:00"}
    changes = pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
    moved = changes[changes["date"] == "2026-11-05"]
    assert set(moved["reason"]) == {
        "Million Mask March / Bonfire Night: aid tour now 14:00-00:00 in the scenario file: "
        "day rostered afresh"
    }


def test_an_entry_on_days_before_from_not_worked_yet_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Today is 22 October: leave booked for 26-28 October, and a re-roster --from 2
    November (to give notice) published the roster with T1 on duty through the leave,
    exit 0, a note on stderr. Days not yet worked are refused (exit 2, nothing written),
    naming the --from that applies the entry; once they are past they stand as worked."""
    ical_command = importlib.import_module("scheduler.commands.ical")
    leave = NewAbstraction(
        "T1", "TST", date(2026, 10, 26), date(2026, 10, 28), "leave", "half term",
        "Insp X", date(2026, 10, 18),
    )  # fmt: skip
    toml, db = published(tmp_path, leave)
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--from", "2026-11-02", "--out", str(out), "--db", str(db)]
    monkeypatch.setattr(ical_command, "today", lambda: date(2026, 10, 22))
    assert main([*argv, "--time-limit", "5", "--publish"]) == 2
    assert capsys.readouterr().err == (
        "<command line>: --from: entry 1 (T1 leave 2026-10-26 to 2026-10-28) falls on 3 days "
        "before --from 2026-11-02 not worked yet (from 2026-10-26), which would stand as "
        "published with the officer rostered through it: re-roster --from 2026-10-26\n"
        "<command line>: --from: entry 2 (T2 sickness 2026-10-28) falls on 1 day before --from "
        "2026-11-02 not worked yet (from 2026-10-28), which would stand as published with the "
        "officer rostered through it: re-roster --from 2026-10-28\n"
    )
    assert not out.exists()
    with Store(db) as store:
        assert len(store.roster_versions(AUT.name)) == 1
    monkeypatch.setattr(ical_command, "today", lambda: date(2026, 10, 29))
    assert main([*argv, "--time-limit", "5"]) == 0
    err = capsys.readouterr().err
    # a note, as every other line a re-roster made and checked adds (it had no prefix)
    assert "\nnote: entry 1 (T1 leave 2026-10-26 to 2026-10-28): not applied to its 3 days" in (
        "\n" + err
    )


def test_no_room_after_from_says_which_earlier_from_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Emergency aid on T1's last three days of the horizon (two rest days and the last
    day), re-rostered from the first of them: T1 would be left a rest day short of those
    the rules owe and no day after it can take one, so no lawful roster holds, and the
    re-roster named each entry as leaving none ('without it one holds'), so a planner
    voided aid that happened. It now also says which earlier --from holds a lawful roster
    with every entry, and that one does: the day before it, since the five duty days
    before --from stand and the aid makes eight in a row (a week earlier, before that
    was named)."""

    def aid(day: date) -> NewAbstraction:
        return NewAbstraction(
            "T1", "TST", day, day, "emergency_aid", "public order", "Insp X", day,
            start=time(8), end=time(18),
        )  # fmt: skip

    days = [date(2026, 11, 13), date(2026, 11, 14), date(2026, 11, 15)]
    toml, db = published(tmp_path, *map(aid, days))
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--out", str(out), "--db", str(db), "--time-limit", "3"]
    assert main([*argv, "--from", "2026-11-13"]) == 1
    err = capsys.readouterr().err
    assert (
        "8 days in a row with a tour, 2026-11-08 to 2026-11-15, the 5 before --from 2026-11-13 "
        "standing as published; at most 7 (max_consecutive_duty_days)\n"
    ) in err
    assert (
        "cannot re-roster from 2026-11-13: the days before it stand as published; re-roster "
        "--from 2026-11-12 holds a lawful roster with every entry\n"
    ) in err
    assert not out.exists()
    assert main([*argv, "--from", "2026-11-12"]) == 0
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(AUT, roster).breaches == []
    t1 = roster[roster["officer_id"] == "T1"].set_index("date")["state"]
    assert list(t1[["2026-11-13", "2026-11-14", "2026-11-15"]]) == ["EMERGENCY_AID"] * 3


def test_aid_on_the_last_rest_days_stands_when_the_officer_has_one_to_spare(
    tmp_path: Path,
) -> None:
    """T1 rests 9 days of the 28 (the rules owe 8). Emergency aid on the last two rest
    days, re-rostered from the first: there is no day after them to re-roster both on, and
    the re-roster refused (only an earlier --from held). The rules need only one back: T1
    rests the last day instead of working it, and the two rest days worked are paid."""
    aid = [
        NewAbstraction(
            "T1",
            "TST",
            day,
            day,
            "emergency_aid",
            "public order",
            "Insp X",
            day,
            start=time(8),
            end=time(18),
        )
        for day in (date(2026, 11, 13), date(2026, 11, 14))
    ]
    toml, db = published(tmp_path, *aid)
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--out", str(out), "--db", str(db), "--time-limit", "3"]
    assert main([*argv, "--from", "2026-11-13"]) == 0
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(AUT, roster).breaches == []
    t1 = roster[roster["officer_id"] == "T1"].set_index("date")["state"]
    assert list(t1[["2026-11-13", "2026-11-14", "2026-11-15"]]) == [
        "EMERGENCY_AID",
        "EMERGENCY_AID",
        "REST",
    ]
    assert (t1 == "REST").sum() == 8
    changes = (out / "changes.csv").read_text()
    assert "2026-11-13,REST,EMERGENCY_AID" in changes
    assert "time and a half" in changes


def test_a_high_demand_day_moved_says_where_it_went(tmp_path: Path) -> None:
    """Bonfire Night's aid moved from 5 to 7 November after publication: the aid days given
    back said the event was 'no longer a High Demand Day', though it is, two days later."""
    changes = _rerostered_with_hdds(
        tmp_path,
        "remove = [2026-11-05]\nadd = [{ date = 2026-11-07, name = "
        '"Million Mask March / Bonfire Night", start = "15:00", end = "01:00" }]',
    )
    given_back = changes[changes["date"] == "2026-11-05"]
    assert sorted(given_back["officer_id"]) == ["T1", "T2"]
    assert set(given_back["reason"]) == {
        "Million Mask March / Bonfire Night moved to 2026-11-07 in the scenario file: "
        "day rostered afresh"
    }


def _rerostered_with_hdds(tmp_path: Path, high_demand: str) -> pd.DataFrame:
    """The published roster re-rostered from 2 Nov with ``high_demand`` lines added to the
    scenario since publication: lawful by the checker; its changes.csv."""
    toml, db = published(tmp_path)
    toml.write_text(toml.read_text() + f"\n[high_demand]\n{high_demand}\n")
    out = tmp_path / "rr"
    argv = ["reroster", str(toml), "--db", str(db), "--time-limit", "5", "--out", str(out)]
    assert main([*argv, "--from", "2026-11-02", "--notified", "2026-11-01"]) == 0
    roster = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(toml), roster).breaches == []
    return pd.read_csv(out / "changes.csv", dtype=str, keep_default_na=False)
