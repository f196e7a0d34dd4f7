"""An entry logged for days before ``s92 publish --from`` not worked yet: the refusal's
advice is one the planner can follow (typing its code there is refused too, since days
before --from stand), and following it publishes."""

from __future__ import annotations

import importlib
from datetime import date
from pathlib import Path

import pytest
from check_builder import AUTUMN_TOML
from planner import AUT, TABLE, edit

from scheduler.cli import main
from scheduler.export.xlsx import write_roster_xlsx
from scheduler.store.store import Store


def _published(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Version 1 published, T1's leave logged for 27-28 October, and its roster.xlsx."""
    toml = tmp_path / "autumn.toml"
    toml.write_text(AUTUMN_TOML)
    db = tmp_path / "s92.db"
    with Store(db) as store:
        store.publish_roster(AUT.name, TABLE, note="s92 roster")
    book = write_roster_xlsx(TABLE, tmp_path / "edited" / "roster.xlsx", AUT)
    added = ["abstract", "add", str(toml), "--officer", "T1", "--date", "2026-10-27"]
    added += ["--to", "2026-10-28", "--kind", "leave", "--reason", "r"]
    assert main([*added, "--authorised-by", "PS", "--notified", "2026-10-18", "--db", str(db)]) == 0
    return toml, db, book


def _today(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setattr(importlib.import_module("scheduler.commands.ical"), "today", lambda: day)


def test_the_advice_for_an_entry_before_from_can_be_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today is 22 October, T1's leave is logged for 27-28 October, and an edit published
    --from 2 November is refused. Before, it said to type the leave's code over its days,
    which was refused in turn ('days before --from stand'); now it says to publish with
    --from the leave's first day, which, done, publishes the leave."""
    toml, db, book = _published(tmp_path)
    _today(monkeypatch, date(2026, 10, 22))
    edit(book, {("T1", "2026-11-03"): "D", ("T2", "2026-11-03"): "E"})
    publish = ["publish", str(toml), str(book), "--db", str(db), "--notified", "2026-10-22"]
    capsys.readouterr()
    assert main([*publish, "--from", "2026-11-02"]) == 2
    [err] = capsys.readouterr().err.splitlines()
    assert "and days before --from 2026-11-02 stand as published" in err
    assert "type its code over its days and publish with --from 2026-10-27" in err
    edit(book, {("T1", "2026-10-27"): "AL", ("T1", "2026-10-28"): "AL"})
    assert main([*publish, "--from", "2026-10-27"]) == 0
    with Store(db) as store:
        table = store.latest_roster(AUT.name)
    assert table is not None
    leave = table[(table["officer_id"] == "T1") & table["date"].isin(["2026-10-27", "2026-10-28"])]
    assert list(leave["state"]) == ["LEAVE", "LEAVE"]
    assert list(leave["abstraction_id"]) == ["1", "1"]
    # the version names the day it holds from, as a re-roster's does (the report's source)
    with Store(db) as store:
        notes = [version.note for version in store.roster_versions(AUT.name)]
    assert notes[-1] == f"s92 publish {book.name} --from 2026-10-27"


def test_an_entry_worked_without_from_is_told_it_may_stand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today is 30 October: the leave of 27-28 October, logged late, is past. An edit of
    November published without --from is refused (every day may change, so every entry
    must be in it); the line now also says --from today leaves the days worked as
    published (as s92 reroster --from does), which, done, publishes."""
    toml, db, book = _published(tmp_path)
    _today(monkeypatch, date(2026, 10, 30))
    edit(book, {("T1", "2026-11-03"): "D", ("T2", "2026-11-03"): "E"})
    publish = ["publish", str(toml), str(book), "--db", str(db), "--notified", "2026-10-30"]
    capsys.readouterr()
    assert main(publish) == 2
    [err] = capsys.readouterr().err.splitlines()
    assert "or publish with --from 2026-10-30 (the days worked stand as published" in err
    assert main([*publish, "--from", "2026-10-30"]) == 0
    with Store(db) as store:
        assert len(store.roster_versions(AUT.name)) == 2


def test_after_the_roster_ends_no_from_today_is_advised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today is after the roster's last day (15 November): --from today would be refused as
    beyond the roster, so the refusal does not advise it (it did); typing the leave's code
    over its days, as it advises, publishes."""
    toml, db, book = _published(tmp_path)
    _today(monkeypatch, date(2026, 11, 20))
    edit(book, {("T1", "2026-11-03"): "D", ("T2", "2026-11-03"): "E"})
    publish = ["publish", str(toml), str(book), "--db", str(db), "--notified", "2026-11-20"]
    capsys.readouterr()
    assert main(publish) == 2
    [err] = capsys.readouterr().err.splitlines()
    assert "--from 2026-11-20" not in err
    assert "type its code over its days" in err
    edit(book, {("T1", "2026-10-27"): "AL", ("T1", "2026-10-28"): "AL"})
    capsys.readouterr()
    told = [*publish[:-1], "2026-10-18"]  # the leave's notice, as logged
    assert main(told) == 0, capsys.readouterr().err
