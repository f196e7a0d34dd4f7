"""``s92 publish``: a planner's edited roster.xlsx (or CSV) checked, stored as the next
version, with the change notice against the version before."""

from __future__ import annotations

import importlib
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from check_builder import AUTUMN_TOML
from planner import AUT, BASE, TABLE, edit, swapped

from calendars import TWO_DIGIT_YEAR
from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.export.roster_csv import roster_csv_text
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.roster.reroster import clear_days
from scheduler.scenario import load_scenario
from scheduler.store.entries import NewAbstraction
from scheduler.store.store import Store

NOTIFIED = "2026-10-18"  # the Sunday before the horizon


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The scenario file, a store holding the published TABLE as version 1, and the
    roster.xlsx s92 wrote for it, in a folder of its own."""
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster(AUT.name, TABLE, note="s92 roster")
    book = write_roster_xlsx(TABLE, tmp_path / "edited" / "roster.xlsx", AUT)
    return toml, db, book


def publish(toml: Path, book: Path, db: Path, *more: str) -> int:
    return main(["publish", str(toml), str(book), "--db", str(db), *more])


def versions(db: Path) -> list[int]:
    with Store(db) as store:
        return [v.id for v in store.roster_versions(AUT.name)]


def latest(db: Path) -> pd.DataFrame:
    with Store(db) as store:
        table = store.latest_roster(AUT.name)
    assert table is not None
    return table


def test_a_lawful_edit_is_stored_with_its_change_notice(
    setup: tuple[Path, Path, Path], capsys: pytest.CaptureFixture
) -> None:
    toml, db, book = setup
    edits = {
        ("T1", "2026-10-20"): "D",  # T1 and T2 swap tours
        ("T2", "2026-10-20"): "E",
        ("T1", "2026-10-22"): "D",  # T1's third rest day becomes a duty
    }
    edit(book, edits)
    assert publish(toml, book, db, "--notified", NOTIFIED) == 0
    assert versions(db) == [1, 2]
    stored = latest(db)
    assert check_roster(AUT, stored).breaches == []
    folder = book.parent
    changes = pd.read_csv(folder / "changes.csv", dtype=str, keep_default_na=False)
    assert sorted(zip(changes["officer_id"], changes["date"], strict=True)) == sorted(edits)
    notified = date.fromisoformat(NOTIFIED)
    for notice, day in zip(changes["clear_days_notice"], changes["date"], strict=True):
        assert int(notice) == clear_days(notified, date.fromisoformat(day))
    rest_day = changes[changes["date"] == "2026-10-22"].iloc[0]
    assert (rest_day["was"], rest_day["now"]) == ("REST", "DUTY D 08:00-16:00")
    assert rest_day["compensation"].startswith("rest day cancelled at 3 clear days' notice")
    swapped = changes[(changes["officer_id"] == "T1") & (changes["date"] == "2026-10-20")]
    assert swapped.iloc[0]["now"] == "DUTY D 08:00-16:00"
    # the folder now holds the published roster as CSV and as a fresh workbook
    assert_same(read_roster_csv(folder / "roster.csv"), stored)
    out = capsys.readouterr()
    assert "Change notice: 3 officer-days change" in out.out
    assert "published roster version 2" in out.err


def test_hand_edits_carry_their_reason_and_each_officer_gets_a_notice(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    toml, db, book = setup
    edit(book, {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"})
    notices = tmp_path / "notices"
    assert publish(toml, book, db, "--notified", NOTIFIED, "--notices", str(notices)) == 0
    changes = pd.read_csv(book.parent / "changes.csv", dtype=str, keep_default_na=False)
    assert set(changes["reason"]) == {"edited by hand"}
    written = sorted(p.name for p in notices.iterdir())
    assert written == ["index.html", "notice-T1.html", "notice-T2.html"]
    t1 = (notices / "notice-T1.html").read_text()
    assert "2026-10-20" in t1 or "20 Oct" in t1
    assert "edited by hand" in t1


def test_a_breach_writes_no_notices(setup: tuple[Path, Path, Path], tmp_path: Path) -> None:
    toml, db, book = setup
    edit(book, {("T1", "2026-10-20"): "N"})
    notices = tmp_path / "notices"
    assert publish(toml, book, db, "--notified", NOTIFIED, "--notices", str(notices)) == 1
    assert not notices.exists() or list(notices.iterdir()) == []


def assert_same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    columns = ["officer_id", "date", "state", "shift", "start", "end", "event"]
    pd.testing.assert_frame_equal(
        a[columns].reset_index(drop=True), b[columns].reset_index(drop=True)
    )


def test_a_roster_that_breaks_a_rule_is_not_published(
    setup: tuple[Path, Path, Path], capsys: pytest.CaptureFixture
) -> None:
    toml, db, book = setup
    edit(book, {("T1", "2026-10-20"): "N"})  # a night, then an early at 07:00
    before = book.read_bytes()
    assert publish(toml, book, db, "--notified", NOTIFIED) == 1
    assert versions(db) == [1]
    assert book.read_bytes() == before  # nothing written
    assert sorted(p.name for p in book.parent.iterdir()) == ["roster.xlsx"]
    out = capsys.readouterr().out
    assert "rest-between-tours" in out
    assert "nothing written or published" in out


def test_days_before_from_stand(
    setup: tuple[Path, Path, Path], capsys: pytest.CaptureFixture
) -> None:
    toml, db, book = setup
    edit(book, {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"})
    assert publish(toml, book, db, "--from", "2026-10-26") == 2
    err = capsys.readouterr().err
    assert "2 officer-days before 2026-10-26 differ from the published roster" in err
    assert "T1 2026-10-20 was DUTY E, now DUTY D" in err
    assert versions(db) == [1]
    # dates as a UK spreadsheet writes them, as abstract add takes them
    assert publish(toml, book, db, "--from", "20/10/2026", "--notified", "18/10/2026") == 0
    assert versions(db) == [1, 2]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--from", "0001-01-01", "outside the years the calendars cover (1901-2199)"),
        ("--from", "9999-12-31", "outside the years the calendars cover (1901-2199)"),
        ("--notified", "1800-01-01", "outside the years the calendars cover (1901-2199)"),
        ("--from", "26.10.26", TWO_DIGIT_YEAR),
    ],
)
def test_a_date_out_of_range_is_one_line(
    setup: tuple[Path, Path, Path],
    capsys: pytest.CaptureFixture,
    option: str,
    value: str,
    message: str,
) -> None:
    """--from 0001-01-01 was a traceback (the day before it has no date)."""
    toml, db, book = setup
    assert publish(toml, book, db, option, value) == 2
    assert capsys.readouterr().err == f"<command line>: {option}: {message} (got '{value}')\n"
    assert versions(db) == [1]


def test_unreadable_cells_are_input_errors(
    setup: tuple[Path, Path, Path], capsys: pytest.CaptureFixture
) -> None:
    toml, db, book = setup
    edit(book, {("T1", "2026-10-20"): "Q"})
    assert publish(toml, book, db) == 2
    assert "cell D5: unknown code for T1 on 2026-10-20" in capsys.readouterr().err
    assert versions(db) == [1]


def test_an_unchanged_roster_is_not_published_again(
    setup: tuple[Path, Path, Path], capsys: pytest.CaptureFixture
) -> None:
    toml, db, book = setup
    assert publish(toml, book, db) == 0
    assert versions(db) == [1]
    out, err = capsys.readouterr()
    # a note on stderr, as reroster's: stdout lists what was written, here nothing
    assert err == f"{book}: no change from the published roster version 1: nothing published\n"
    assert out == ""


def test_the_first_publication_and_a_uk_locale_csv(tmp_path: Path) -> None:
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    db = tmp_path / "fresh.db"
    csv = tmp_path / "in" / "roster.csv"
    csv.parent.mkdir()
    uk = BASE.assign(date=pd.to_datetime(BASE["date"]).dt.strftime("%d/%m/%Y"), start="", end="")
    uk.to_csv(csv, index=False)  # times blank: each tour's own come from the scenario
    out = tmp_path / "out"
    assert publish(toml, csv, db, "--out", str(out)) == 0
    assert versions(db) == [1]
    assert_same(latest(db), BASE)
    assert pd.read_csv(out / "changes.csv").empty  # nothing published before
    assert (out / "roster.xlsx").stat().st_size > 0


def log(db: Path, toml: Path, officer: str, day: str, kind: str, *more: str) -> None:
    argv = ["abstract", "add", str(toml), "--officer", officer, "--date", day, "--kind", kind]
    argv += ["--reason", "r", "--authorised-by", "PS", "--notified", NOTIFIED, "--db", str(db)]
    assert main([*argv, *more]) == 0


def test_an_edit_that_drops_a_live_entry_is_refused(
    setup: tuple[Path, Path, Path], capsys: pytest.CaptureFixture
) -> None:
    """A tour typed over a day a live entry settles would publish a roster that no longer
    follows the log, while the log (and the council's report) still says the officer is
    sick: refused, naming the day and the entry. So is an edit that leaves alone the days
    of an entry logged since the last re-roster: published, it would show the officer on
    duty through it (it was published, exit 0, the entry left for the next re-roster)."""
    toml, db, book = setup
    log(db, toml, "T1", "2026-10-27", "sickness")
    log(db, toml, "T2", "2026-11-03", "sickness")  # not re-rostered yet
    published = latest(db)
    sick = (published.officer_id == "T1") & (published.date == "2026-10-27")
    for column, value in {
        "state": "SICK",
        "shift": "",
        "start": "",
        "end": "",
        "hours": 0.0,
    }.items():
        published[column] = published[column].mask(sick, value)
    for column, value in {"event": "r", "kind": "sickness", "abstraction_id": "1"}.items():
        published[column] = published[column].mask(sick, value)
    assert check_roster(AUT, published).breaches == []
    with Store(db) as store:
        store.publish_roster(AUT.name, published, note="s92 reroster")
    book = write_roster_xlsx(published, book, AUT)
    edit(book, {("T1", "2026-10-27"): "E"})
    assert publish(toml, book, db, "--from", "2026-10-26") == 2
    [err] = capsys.readouterr().err.splitlines()
    assert err.endswith(
        "T1 2026-10-27: DUTY there, but entry 1 (T1 sickness 2026-10-27) makes it SICK: "
        "type its code, re-roster to apply the entry, or void it (got 'DUTY')"
    )
    assert versions(db) == [1, 2]
    assert sorted(p.name for p in book.parent.iterdir()) == ["roster.xlsx"]
    # typed as the entries have it, the edit is published with their marks
    edit(book, {("T1", "2026-10-27"): "SK", ("T2", "2026-10-27"): "E", ("T2", "2026-11-04"): "SK"})
    log(db, toml, "T2", "2026-11-04", "sickness")
    capsys.readouterr()
    assert publish(toml, book, db, "--from", "2026-10-26") == 2
    [err] = capsys.readouterr().err.splitlines()
    assert err.endswith(
        "T2 2026-11-03: entry 2 (T2 sickness 2026-11-03) is logged but not in this roster, "
        "which would show the officer rostered through it: type its code over its days, or "
        "re-roster first (s92 reroster --from 2026-11-03 --publish) and edit that "
        "roster.xlsx, or void the entry"
    )
    assert versions(db) == [1, 2]
    edit(book, {("T2", "2026-11-03"): "SK"})
    assert publish(toml, book, db, "--from", "2026-10-26") == 0
    stored = latest(db)
    assert check_roster(AUT, stored).breaches == []
    marks = {
        (r.officer_id, r.date): (r.state, r.kind, r.abstraction_id)
        for r in stored.itertuples(index=False)
    }
    assert marks["T1", "2026-10-27"] == ("SICK", "sickness", "1")
    assert marks["T2", "2026-11-04"] == ("SICK", "sickness", "3")
    assert marks["T2", "2026-11-03"] == ("SICK", "sickness", "2")


def test_an_entry_of_another_scenarios_officer_of_the_same_id_binds_nothing(
    setup: tuple[Path, Path, Path],
) -> None:
    """One store may hold two scenarios whose officers share an id (two councils): an
    entry logged for the other's T1 neither refuses nor marks this T1's edited day."""
    toml, db, book = setup
    with Store(db) as store:
        store.add_abstraction(
            NewAbstraction(
                "T1",
                "OTHER",
                date(2026, 10, 20),
                date(2026, 10, 20),
                "sickness",
                "the other council's T1",
                "Insp X",
                date(2026, 10, 18),
            )
        )
    edit(book, {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"})
    assert publish(toml, book, db, "--notified", NOTIFIED) == 0
    stored = latest(db)
    assert check_roster(AUT, stored).breaches == []
    day = stored[(stored.officer_id == "T1") & (stored.date == "2026-10-20")].iloc[0]
    assert (day["state"], day["abstraction_id"]) == ("DUTY", "")


def test_a_roster_published_meanwhile_is_not_undone(
    setup: tuple[Path, Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Another planner (or the web) publishes while this edit is checked: publishing it,
    made from the version before, would silently undo theirs. Refused, exit 2."""
    toml, db, book = setup
    module = importlib.import_module("scheduler.commands.publish")
    real = module.change_notice

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        with Store(db) as other:
            other.publish_roster(AUT.name, TABLE, note="another planner")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "change_notice", meanwhile)
    edit(book, {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"})
    assert publish(toml, book, db, "--notified", NOTIFIED) == 2
    assert "another roster was published since version 1" in capsys.readouterr().err
    assert versions(db) == [1, 2]
    with Store(db) as store:
        assert [v.note for v in store.roster_versions(AUT.name)][-1] == "another planner"


@pytest.mark.parametrize(
    ("more", "named"),
    [
        (("--from", "2026-10-26", "--notified", "27/10/2026"), "--from 2026-10-26"),
        (("--notified", "2026-10-21"), "the first day it changes (T1 2026-10-20)"),
    ],
)
def test_a_notice_dated_after_the_change_is_refused(
    setup: tuple[Path, Path, Path],
    capsys: pytest.CaptureFixture,
    more: tuple[str, ...],
    named: str,
) -> None:
    """--notified after --from (or, without --from, after the first changed day) was
    published with 0 clear days' notice on every change: a notice dated after the change it
    announces is a slip. One line, exit 2, nothing stored or written."""
    toml, db, book = setup
    edit(book, {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"})
    edit(book, {("T1", "2026-10-27"): "D", ("T2", "2026-10-27"): "E"})
    capsys.readouterr()
    assert publish(toml, book, db, *more) == 2
    value = more[-1]
    assert capsys.readouterr().err == (
        f"<command line>: --notified: after {named}: a notice is given before the change it "
        f"announces, or on its day at the latest (got '{value}')\n"
    )
    assert versions(db) == [1]
    assert not (book.parent / "changes.csv").exists()


def test_an_unchanged_roster_from_an_edited_scenario_is_published(
    setup: tuple[Path, Path, Path], capsys: pytest.CaptureFixture
) -> None:
    """The store keeps the scenario file each version was made from (s92 serve and the
    report read it): the same roster published with an edited scenario file is a version,
    and again with that same file is not."""
    toml, db, book = setup
    edit(book, {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"})
    assert publish(toml, book, db, "--notified", NOTIFIED) == 0
    assert versions(db) == [1, 2]
    toml.write_text(
        toml.read_text().replace(
            'name = "Checker test"', 'name = "Checker test"\ndescription = "edited"'
        )
    )
    capsys.readouterr()
    assert publish(toml, book, db, "--notified", NOTIFIED) == 0
    assert versions(db) == [1, 2, 3]
    assert publish(toml, book, db, "--notified", NOTIFIED) == 0
    assert versions(db) == [1, 2, 3]
    assert "no change from the published roster version 3" in capsys.readouterr().err


def test_a_workbook_of_an_earlier_version_is_refused(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A roster.xlsx kept from version 1 and edited after version 2 was published: its
    cells not typed over hold version 1's days, so publishing it would undo version 2's
    edit unseen. Refused with one line, exit 2, nothing stored; as the web's upload is."""
    toml, db, book = setup
    stale = tmp_path / "kept" / "roster.xlsx"
    stale.parent.mkdir()
    stale.write_bytes(book.read_bytes())
    edit(book, {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"})
    assert publish(toml, book, db, "--notified", NOTIFIED) == 0
    capsys.readouterr()
    edit(stale, {("T1", "2026-10-22"): "D"})
    assert publish(toml, stale, db, "--notified", NOTIFIED) == 2
    err = capsys.readouterr().err
    assert "written from roster version 1, and version 2 was published since" in err
    assert versions(db) == [1, 2]
    assert not (stale.parent / "changes.csv").exists()
    # the workbook version 2's publication wrote takes the same edit
    edit(book, {("T1", "2026-10-22"): "D"})
    assert publish(toml, book, db, "--notified", NOTIFIED) == 0
    assert versions(db) == [1, 2, 3]


def test_a_roster_csv_kept_from_an_earlier_version_is_refused(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A roster.csv kept from version 1, published after version 2 typed T1 sick: the
    CSV holds version 1's day there, and was published (exit 0) with the sickness gone,
    unseen. A CSV carries no record of what s92 wrote, so one holding an earlier version's
    day on every officer-day changed since is refused with one line, exit 2; a CSV of the
    latest version, edited, is published."""
    toml, db, book = setup
    kept = tmp_path / "kept" / "roster.csv"
    kept.parent.mkdir()
    kept.write_text(roster_csv_text(TABLE))
    edit(book, {("T1", "2026-10-20"): "SK"})
    assert publish(toml, book, db, "--notified", NOTIFIED) == 0
    assert versions(db) == [1, 2]
    capsys.readouterr()
    assert publish(toml, kept, db, "--notified", NOTIFIED) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is roster version 1 on the 1 officer-day version 2 changed since" in err
    assert "first T1 2026-10-20: SICK in version 2, DUTY E here" in err
    assert versions(db) == [1, 2]
    assert not (kept.parent / "changes.csv").exists()
    # the latest version's roster.csv, edited, is published
    now = read_roster_csv(book.parent / "roster.csv")
    (tmp_path / "kept" / "roster.csv").write_text(roster_csv_text(_swapped(now, "2026-10-27")))
    assert publish(toml, kept, db, "--notified", NOTIFIED) == 0
    assert versions(db) == [1, 2, 3]
    assert (
        latest(db).query("officer_id == 'T1' and date == '2026-10-20'")["state"] == "SICK"
    ).all()


def test_a_re_roster_giving_a_voided_entry_s_days_back_is_no_kept_csv(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """T1 off sick on 27 October, re-rostered and published (version 2); the sickness is
    voided, the re-roster (not published) gives the day back, and the planner types
    version 1's tour on it in its roster.csv. That holds version 1's day on the one day
    version 2 changed, but undoes nothing (the day was the voided entry's): published,
    not refused as a version 1 kept."""
    toml, db, _ = setup
    log(db, toml, "T1", "2026-10-27", "sickness")
    out = tmp_path / "rr"
    rerun = ["reroster", str(toml), "--db", str(db), "--from", "2026-10-26", "--seed", "1"]
    assert main([*rerun, "--out", str(out / "a"), "--time-limit", "3", "--publish"]) == 0
    assert versions(db) == [1, 2]
    with Store(db) as store:
        [entry] = [e for e in store.scenario_entries(AUT) if e.is_live]
    assert main(["abstract", "void", str(entry.id), "--reason", "not sick", "--db", str(db)]) == 0
    assert main([*rerun, "--out", str(out / "b"), "--time-limit", "3"]) == 0
    back = read_roster_csv(out / "b" / "roster.csv").set_index(["officer_id", "date"])
    was = TABLE.set_index(["officer_id", "date"])
    day = ("T1", "2026-10-27")
    back.loc[day, ["state", "shift", "start", "end", "hours"]] = was.loc[
        day, ["state", "shift", "start", "end", "hours"]
    ]
    edited = tmp_path / "edited.csv"
    edited.write_text(roster_csv_text(back.reset_index()))
    assert publish(toml, edited, db, "--notified", NOTIFIED) == 0
    assert versions(db) == [1, 2, 3]


def _swapped(table: pd.DataFrame, day: str) -> pd.DataFrame:
    """``table`` with T1's and T2's tours on ``day`` swapped (both lawful)."""
    out = swapped(table, day)
    assert check_roster(AUT, out).breaches == []
    return out


def test_a_workbook_of_a_roster_never_published_is_published(
    setup: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A re-roster's roster.xlsx written without --publish holds no published version:
    it is the planner's to publish, not a stale copy; but once another version is
    published after the one it was made from, it would undo that one unseen (no
    published version has its cells, so only its record of what it was made from tells),
    and is refused."""
    toml, db, _ = setup
    first = _swapped(TABLE, "2026-10-20")
    book = write_roster_xlsx(first, tmp_path / "rerostered" / "roster.xlsx", AUT, made_from=1)
    assert publish(toml, book, db, "--notified", NOTIFIED) == 0
    assert versions(db) == [1, 2]
    second = _swapped(first, "2026-10-26")
    later = write_roster_xlsx(second, tmp_path / "later" / "roster.xlsx", AUT, made_from=2)
    with Store(db) as store:  # meanwhile another planner publishes version 1's roster
        store.publish_roster(AUT.name, TABLE, note="another planner")
    capsys.readouterr()
    assert publish(toml, later, db, "--notified", NOTIFIED) == 2
    assert "a re-roster of version 2, and version 3 was published since" in (
        capsys.readouterr().err
    )
    assert versions(db) == [1, 2, 3]


# -- a workbook of some contracts ---------------------------------------------------------

SECOND = """
[[contract]]
id = "TS2"
council = "Other Borough"
bcu = "YY"
start = 2026-01-05
posts = { constable = 1, sergeant = 1 }

[[officer]]
id = "U1"
contract = "TS2"
rank = "constable"

[[officer]]
id = "U2"
contract = "TS2"
rank = "sergeant"
leave = ["2026-11-09/2026-11-10"]
"""


def _two_contracts(tmp_path: Path) -> tuple[Path, pd.DataFrame, Path]:
    """A scenario of two councils' contracts (TS2's officers work as TST's do), and the
    roster.xlsx of TST alone (as s92 roster --contracts TST writes it)."""
    toml = tmp_path / "two.toml"
    toml.write_text(AUTUMN_TOML + SECOND)
    other = TABLE.assign(
        officer_id=TABLE["officer_id"].map({"T1": "U1", "T2": "U2"}), contract_id="TS2"
    )
    both = pd.concat([TABLE, other], ignore_index=True)
    book = write_roster_xlsx(TABLE, tmp_path / "tst" / "roster.xlsx", AUT)
    return toml, both, book


def test_a_workbook_of_one_contract_is_published_for_it_the_others_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """One council's planner edits that contract's workbook: it is published over the
    latest version, whose other contract stands as it was (it was refused, exit 1, with a
    breach for every day of the other contract's officers)."""
    toml, both, book = _two_contracts(tmp_path)
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster(AUT.name, both, note="s92 roster")
    edit(book, {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"})
    assert publish(toml, book, db, "--notified", NOTIFIED) == 0
    assert f"{book}: contract TS2 not in it: kept as published" in capsys.readouterr().err
    assert versions(db) == [1, 2]
    stored = latest(db)
    assert check_roster(load_scenario(toml), stored).breaches == []
    kept = stored[stored["contract_id"] == "TS2"].reset_index(drop=True)
    was = both[both["contract_id"] == "TS2"]
    assert len(kept) == len(was)
    assert_same(kept, was.reset_index(drop=True))
    changes = pd.read_csv(book.parent / "changes.csv", dtype=str, keep_default_na=False)
    assert sorted(zip(changes["officer_id"], changes["date"], strict=True)) == [
        ("T1", "2026-10-20"),
        ("T2", "2026-10-20"),
    ]


def test_a_workbook_of_one_contract_with_nothing_published_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    toml, _, book = _two_contracts(tmp_path)
    db = tmp_path / "s92.db"
    capsys.readouterr()
    assert publish(toml, book, db) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{book}: holds no row of contract TS2, and no roster of 'Checker test' is published "
        "to keep them from: publish every contract first (s92 roster --publish)"
    ]
    assert not (book.parent / "changes.csv").exists()


def test_the_contracts_kept_are_checked_under_the_scenario_now(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """Leave added to the scenario file for U1 (of the contract not in the workbook) on a
    day the latest version has U1 on duty: the version to be published would break the
    leave rule, so nothing is published (exit 1), as for a breach in the workbook."""
    toml, both, book = _two_contracts(tmp_path)
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster(AUT.name, both, note="s92 roster")
    on_duty = both[(both["officer_id"] == "U1") & (both["state"] == "DUTY")].iloc[0]["date"]
    toml.write_text(
        toml.read_text().replace(
            'id = "U1"\ncontract = "TS2"\nrank = "constable"\n',
            f'id = "U1"\ncontract = "TS2"\nrank = "constable"\nleave = ["{on_duty}"]\n',
        )
    )
    edit(book, {("T1", "2026-10-20"): "D", ("T2", "2026-10-20"): "E"})
    assert publish(toml, book, db, "--notified", NOTIFIED) == 1
    assert "scenario leave day rostered as DUTY" in capsys.readouterr().out
    assert versions(db) == [1]
    assert not (book.parent / "changes.csv").exists()


def test_an_entry_before_from_not_worked_yet_must_be_in_the_roster(
    setup: tuple[Path, Path, Path],
    capsys: pytest.CaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Today is 22 October, T1's leave is logged for 27-28 October, and an edit published
    --from 2 November: its days before --from stand, so the leave was published over
    (exit 0). Those days are not worked yet: refused (exit 2); once past, they stand."""
    toml, db, book = setup
    log(db, toml, "T1", "2026-10-27", "leave", "--to", "2026-10-28")
    edit(book, {("T1", "2026-11-03"): "D", ("T2", "2026-11-03"): "E"})
    ical_command = importlib.import_module("scheduler.commands.ical")
    monkeypatch.setattr(ical_command, "today", lambda: date(2026, 10, 22))
    capsys.readouterr()
    assert publish(toml, book, db, "--from", "2026-11-02", "--notified", "2026-10-22") == 2
    [err] = capsys.readouterr().err.splitlines()
    assert err.startswith(
        f"{book}: T1 2026-10-27: entry 1 (T1 leave 2026-10-27 to 2026-10-28) is logged but not "
        "in this roster"
    )
    assert versions(db) == [1]
    monkeypatch.setattr(ical_command, "today", lambda: date(2026, 10, 29))
    assert publish(toml, book, db, "--from", "2026-11-02", "--notified", "2026-10-29") == 0
    assert versions(db) == [1, 2]
