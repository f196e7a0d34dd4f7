"""A roster.csv kept from an earlier version is found from the change notices stored with
each version (``scheduler.roster.kept``): a whole earlier version is read only to confirm a
match, so a store holding a year of versions is not read back twenty versions deep on each
``s92 publish``, and a CSV kept from further back than twenty versions is still refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from check_builder import AUTUMN_TOML
from planner import AUT, TABLE, swapped

from scheduler.check import check_roster
from scheduler.cli import main
from scheduler.export.roster_csv import roster_csv_text
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.roster.changes import change_notice
from scheduler.store.store import Store

NOTIFIED = "2026-10-18"


def _both_on_duty() -> list[str]:
    """The days T1 and T2 both work: their tours (E, D) can be swapped lawfully."""
    duty = TABLE[TABLE["state"] == "DUTY"]
    days = duty.groupby("date")["officer_id"].nunique()
    return sorted(days[days == 2].index)


@pytest.fixture
def year(tmp_path: Path) -> tuple[Path, Path, list[pd.DataFrame]]:
    """25 versions, each swapping T1's and T2's tours on one more day (from the 20th,
    swapping back the first days again), each stored with its change notice."""
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    db = tmp_path / "s92.db"
    days = _both_on_duty()
    tables = [TABLE]
    with Store(db) as store:
        store.publish_roster(AUT.name, TABLE, note="s92 roster")
        for k in range(24):
            now = swapped(tables[-1], days[k % len(days)])
            notice = change_notice(tables[-1], now, AUT.start, date(2026, 10, 18), AUT)
            store.publish_roster(AUT.name, now, note=f"edit {k}", changes=notice)
            tables.append(now)
    assert check_roster(AUT, tables[-1]).breaches == []
    return toml, db, tables


def _earlier_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the versions ``s92 publish`` reads whole, but the latest."""
    read: list[int] = []
    real = Store.roster

    def roster(store: Store, version_id: int) -> pd.DataFrame:
        read.append(version_id)
        return real(store, version_id)

    monkeypatch.setattr(Store, "roster", roster)
    return read


def _publish(toml: Path, db: Path, csv: Path, table: pd.DataFrame) -> int:
    csv.write_text(roster_csv_text(table))
    return main(["publish", str(toml), str(csv), "--db", str(db), "--notified", NOTIFIED])


def test_a_csv_of_the_latest_version_reads_no_earlier_one(
    year: tuple[Path, Path, list[pd.DataFrame]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, each publication of a roster.csv read the 20 versions before the latest
    back whole (on a London-sized store, 13 s of a busy machine)."""
    toml, db, tables = year
    read = _earlier_reads(monkeypatch)
    edited = swapped(tables[-1], _both_on_duty()[-1])
    assert _publish(toml, db, tmp_path / "roster.csv", edited) == 0
    assert [v for v in read if v < 25] == []


def test_a_csv_kept_from_more_than_twenty_versions_back_is_refused(
    year: tuple[Path, Path, list[pd.DataFrame]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Version 2's roster.csv, kept while 23 more were published: before, only the last 20
    were compared, and it was published (exit 0) undoing 14 days' swaps unseen."""
    toml, db, tables = year
    read = _earlier_reads(monkeypatch)
    capsys.readouterr()
    assert _publish(toml, db, tmp_path / "roster.csv", tables[1]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "a roster.csv kept from version 1 would undo them" in err
    assert len([v for v in read if v < 25]) <= 1
    with Store(db) as store:
        assert len(store.roster_versions(AUT.name)) == 25


def test_a_re_roster_workbook_of_the_latest_reads_no_earlier_version(
    year: tuple[Path, Path, list[pd.DataFrame]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The roster.xlsx of a re-roster of the latest version (written without --publish),
    edited and published: its record says what it was made from, so no earlier version
    can be what it holds. Before, the 20 versions before the latest were read back whole
    looking for one (on a London-sized store, seconds of every such publication)."""
    toml, db, tables = year
    rerostered = swapped(tables[-1], _both_on_duty()[-1])
    book = write_roster_xlsx(rerostered, tmp_path / "rr" / "roster.xlsx", AUT, made_from=25)
    read = _earlier_reads(monkeypatch)
    assert main(["publish", str(toml), str(book), "--db", str(db), "--notified", NOTIFIED]) == 0
    assert [v for v in read if v < 25] == []
    with Store(db) as store:
        assert len(store.roster_versions(AUT.name)) == 26


def test_a_fresh_roster_workbook_reads_no_earlier_version(
    year: tuple[Path, Path, list[pd.DataFrame]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The roster.xlsx of ``s92 roster`` without --publish, published as it stands: its
    record names the version latest when it was built (25), so no earlier version can be
    what it holds. Before, it named none, and the 20 versions before the latest were read
    back whole looking for one."""
    toml, db, tables = year
    out = tmp_path / "fresh"
    code = main(
        ["roster", str(toml), "--out", str(out), "--db", str(db), "--time-limit", "5",
         "--workers", "1", "--seed", "1", "--quiet"]
    )  # fmt: skip
    assert code == 0
    read = _earlier_reads(monkeypatch)
    book = str(out / "roster.xlsx")
    assert main(["publish", str(toml), book, "--db", str(db), "--notified", NOTIFIED]) == 0
    assert [v for v in read if v < 25] == []
    with Store(db) as store:
        assert len(store.roster_versions(AUT.name)) == 26
        # another version since (27): the workbook, now version 26's, is stale
        store.publish_roster(AUT.name, tables[-1], note="edit again")
    assert main(["publish", str(toml), book, "--db", str(db), "--notified", NOTIFIED]) == 2
