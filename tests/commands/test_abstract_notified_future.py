"""An entry whose officer was 'notified' on a day still to come was logged (sickness may be
notified after its first day, so nothing refused it): a notice is logged once given.
Refused in one line, exit 2, nothing written; ``--today`` says which day the entries are
logged on, so a log kept on paper (or a simulated year) is replayed day by day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scheduler.cli import main
from scheduler.store import Store, validate

HAVERING = Path(__file__).resolve().parents[2] / "scenarios" / "havering.toml"


def _add(db: Path, notified: str, *more: str) -> int:
    return main(
        ["abstract", "add", str(HAVERING), "--officer", "HAV-02", "--date", "2026-12-20",
         "--kind", "sickness", "--reason", "flu", "--authorised-by", "Insp X",
         "--notified", notified, "--db", str(db), *more]
    )  # fmt: skip


def test_a_notice_after_today_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(validate, "london_today", lambda: date(2026, 12, 20))
    db = tmp_path / "s92.db"
    assert _add(db, "2026-12-21") == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "<command line>: --notified: in the future (today is 2026-12-20): log the day the "
        "officer was told, once told (got '2026-12-21')"
    ]
    with Store(db) as store:
        assert store.entries() == []


def test_today_given_logs_it_as_of_that_day(tmp_path: Path) -> None:
    db = tmp_path / "s92.db"
    assert _add(db, "2026-12-21", "--today", "2026-12-20") == 2
    assert _add(db, "2026-12-21", "--today", "21/12/2026") == 0
    with Store(db) as store:
        [entry] = store.entries()
    assert entry.notified == date(2026, 12, 21)


def test_an_import_is_refused_by_the_same_rule(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "officer_id,date,kind,reason,authorised_by,notified\n"
        "HAV-02,2026-12-20,sickness,flu,Insp X,2026-12-23\n",
        encoding="utf-8",
    )
    db = tmp_path / "s92.db"
    base = ["abstract", "import", str(HAVERING), str(log), "--db", str(db)]
    assert main([*base, "--today", "2026-12-22"]) == 2
    assert main([*base, "--today", "2026-12-23"]) == 0


def test_a_void_notified_after_today_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s92.db"
    assert _add(db, "2026-12-20", "--today", "2026-12-20") == 0
    monkeypatch.setattr(validate, "london_today", lambda: date(2026, 12, 21))
    void = ["abstract", "void", "1", "--reason", "typed twice", "--db", str(db)]
    assert main([*void, "--notified", "2026-12-22"]) == 2
    assert main([*void, "--notified", "2026-12-21"]) == 0
