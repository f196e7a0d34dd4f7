"""``s92 publish`` of a roster that still gives days to an entry voided since it was
published (the leave left in the workbook's cells): whatever is published, or nothing,
the void is named, with the days and how to give them back."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_builder import set_day
from planner import AUT, TABLE, edit, published, versions

from scheduler.cli import main
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.store.store import Store

NOTIFIED = "2026-10-18"


def _leave_published(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Version 2 gives T1 leave on Tue 27 and Wed 28 Oct (entry logged, then voided);
    the planner holds version 2's roster.xlsx."""
    toml, db = published(tmp_path)
    argv = ["abstract", "add", str(toml), "--officer", "T1", "--date", "2026-10-27"]
    argv += ["--to", "2026-10-28", "--kind", "annual_leave", "--reason", "r"]
    assert main([*argv, "--authorised-by", "PS", "--notified", NOTIFIED, "--db", str(db)]) == 0
    with Store(db) as store:
        [entry] = store.entries()
    table = TABLE
    for day in ("2026-10-27", "2026-10-28"):
        table = set_day(table, "T1", day, "LEAVE", kind="leave", abstraction_id=str(entry.id))
    with Store(db) as store:
        store.publish_roster(AUT.name, table, note="s92 reroster")
    book = write_roster_xlsx(table, tmp_path / "v2" / "roster.xlsx", AUT, made_from=2)
    assert main(["abstract", "void", str(entry.id), "--reason", "not off", "--db", str(db)]) == 0
    return toml, db, book


def _publish(toml: Path, book: Path, db: Path) -> int:
    return main(["publish", str(toml), str(book), "--db", str(db), "--notified", NOTIFIED])


def test_nothing_published_names_the_void_the_roster_still_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, db, book = _leave_published(tmp_path)
    capsys.readouterr()
    assert _publish(toml, book, db) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{book}: no change from the published roster version 2: nothing published",
        f"note: entry 1 (T1 leave), voided: {book} still gives it 2 days from 2026-10-27; "
        "type the tours back in, or re-roster --from 2026-10-27, to give them back",
    ]
    assert versions(db) == [1, 2]


def test_a_publication_keeping_the_void_s_days_names_it_and_typing_them_back_does_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml, db, book = _leave_published(tmp_path)
    edit(book, {("T1", "2026-10-28"): "E"})  # one day typed back, the other left
    capsys.readouterr()
    assert _publish(toml, book, db) == 0
    assert versions(db) == [1, 2, 3]
    note = (
        f"note: entry 1 (T1 leave), voided: {book} still gives it 1 day (2026-10-27); "
        "type the tour back in, or re-roster --from 2026-10-27, to give it back"
    )
    assert note in capsys.readouterr().err.splitlines()
    edit(book, {("T1", "2026-10-27"): "E"})  # the roster.xlsx of version 3, typed back
    assert _publish(toml, book, db) == 0
    assert versions(db) == [1, 2, 3, 4]
    assert "voided" not in capsys.readouterr().err
