"""An entry whose officer was 'notified' on a day still to come was logged without a word
(sickness may be notified after its first day, so nothing refused it). It is still logged,
since a log replayed from paper or a year planned ahead dates notices as they are given, but
with a note on stderr naming the date and today's, so a date typed a day too late is seen.
``--today`` says which day the entries are logged on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scheduler.cli import main
from scheduler.store import Store, validate

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"
NOTE = (
    "note: HAV-02 2026-12-20: notified 2026-12-21 is after today (2026-12-20): the notice "
    "counts from 2026-12-21"
)


def _add(db: Path, notified: str, *more: str) -> int:
    return main(
        ["abstract", "add", str(HAVERING), "--officer", "HAV-02", "--date", "2026-12-20",
         "--kind", "sickness", "--reason", "flu", "--authorised-by", "Insp X",
         "--notified", notified, "--db", str(db), *more]
    )  # fmt: skip


def test_a_notice_after_today_is_logged_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(validate, "london_today", lambda: date(2026, 12, 20))
    db = tmp_path / "s92.db"
    assert _add(db, "2026-12-21") == 0
    assert capsys.readouterr().err.splitlines() == [NOTE]
    with Store(db) as store:
        [entry] = store.entries()
    assert entry.notified == date(2026, 12, 21)


def test_today_given_is_the_day_the_note_judges_by(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s92.db"
    assert _add(db, "2026-12-21", "--today", "2026-12-20") == 0
    assert capsys.readouterr().err.splitlines() == [NOTE]
    assert _add(tmp_path / "other.db", "2026-12-21", "--today", "21/12/2026") == 0
    assert capsys.readouterr().err == ""


def test_an_import_notes_it_by_the_same_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "officer_id,date,kind,reason,authorised_by,notified\n"
        "HAV-02,2026-12-20,sickness,flu,Insp X,2026-12-23\n",
        encoding="utf-8",
    )
    db = tmp_path / "s92.db"
    base = ["abstract", "import", str(HAVERING), str(log), "--db", str(db)]
    assert main([*base, "--today", "2026-12-22"]) == 0
    assert "notified 2026-12-23 is after today (2026-12-22)" in capsys.readouterr().err
    with Store(db) as store:
        assert len(store.entries()) == 1


def _void(db: Path, *more: str) -> int:
    """Entry 1 logged on 20 December, then ``s92 abstract void 1`` with ``more``."""
    assert _add(db, "2026-12-20", "--today", "2026-12-20") == 0
    void = ["abstract", "void", "1", "--reason", "typed twice", "--db", str(db)]
    return main([*void, *more])


VOID_NOTE = (
    "note: entry 1 voided: notified 2026-12-22 is after today (2026-12-21): the notice "
    "counts from 2026-12-22"
)


def test_a_void_notified_after_today_is_noted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(validate, "london_today", lambda: date(2026, 12, 21))
    assert _void(tmp_path / "s92.db", "--notified", "2026-12-22") == 0
    assert capsys.readouterr().err.splitlines() == [VOID_NOTE]


def test_a_void_takes_today_as_add_and_import_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a paper log replayed: the void judged by the day it was logged, not the machine's
    assert _void(tmp_path / "s92.db", "--notified", "2026-12-22", "--today", "21/12/2026") == 0
    assert capsys.readouterr().err.splitlines() == [VOID_NOTE]


def test_a_void_without_notified_is_told_on_the_day_it_is_logged(tmp_path: Path) -> None:
    db = tmp_path / "s92.db"
    assert _void(db, "--today", "2026-12-21") == 0
    with Store(db) as store:
        voiding = store.entries()[-1]
    assert voiding.voids == 1
    assert voiding.notified == date(2026, 12, 21)


def test_a_void_today_mistyped_is_one_line_and_voids_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s92.db"
    assert _void(db, "--today", "2026-13-40") == 2
    [err] = capsys.readouterr().err.strip().splitlines()
    assert "--today" in err
    assert "2026-13-40" in err
    with Store(db) as store:
        assert len(store.entries()) == 1
