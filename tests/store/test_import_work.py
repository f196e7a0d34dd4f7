"""An import of 5,000 entries took about 25 s of CPU: each row picked its officer's days
out of the whole published roster twice (once to see it could be applied, once for the
tours it fixes), and every entry was compared with every earlier entry of its officer and
every live one. The roster is now read once, officer by officer, and the overlaps and the
fixed tours are looked up by day. Measured in work done (roster reads, Python calls), never
in seconds; every check still refuses what it refused."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from types import FrameType
from typing import Any, ClassVar

import pandas as pd
import pytest
from hardening_helpers import published_tiny, run

import scheduler.commands.abstract as abstract_command
from scheduler.store import Store
from scheduler.store.entries import Entry, NewAbstraction
from scheduler.store.fixed_tours import together_problems
from scheduler.store.validate import Where, overlap_problems

FIRST = date(2026, 1, 5)


class _CountingFrame(pd.DataFrame):
    """A roster table that counts how often its officer column is read."""

    _metadata: ClassVar[list[str]] = ["reads"]
    reads: list[int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str) and key == "officer_id":
            self.reads[0] += 1
        return super().__getitem__(key)


def test_an_import_reads_the_published_roster_once_not_once_a_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tiny = published_tiny(capsys, tmp_path)
    with Store(tiny.db) as store:
        roster = store.latest_roster("Tiny")
    assert roster is not None
    officer_days = roster[roster["state"] != "LEAVE"][["officer_id", "date"]]
    log = tmp_path / "log.csv"
    log.write_text(
        "officer_id,date,kind,reason,authorised_by,notified\n"
        + "".join(
            f"{officer},{str(day)[:10]},sickness,flu,PS Khan,{str(day)[:10]}\n"
            for officer, day in officer_days.itertuples(index=False)
        ),
        encoding="utf-8",
    )
    reads = [0]
    published = abstract_command._published

    def counted(db: str | None, scenario: Any) -> pd.DataFrame | None:
        frame = published(db, scenario)
        if frame is None:
            return None
        counting = _CountingFrame(frame)
        counting.reads = reads
        return counting

    monkeypatch.setattr(abstract_command, "_published", counted)
    imported = run(capsys, "abstract", "import", tiny.scenario, log, "--db", tiny.db)
    assert imported.code == 0, imported.err
    assert f"{len(officer_days)} entries added" in imported.out
    assert len(officer_days) > 30
    assert reads[0] <= 3  # the officers, at most: not a read (or two) for every row

    # the checks are all still made: the same file again adds nothing, and a row on the
    # officer's leave day in the scenario file is refused as before
    again = run(capsys, "abstract", "import", tiny.scenario, log, "--db", tiny.db)
    assert again.code == 0
    assert "0 entries added" in again.out
    on_leave = tmp_path / "on_leave.csv"
    on_leave.write_text(
        "officer_id,date,kind,reason,authorised_by,notified,start,end\n"
        "T-C1,2026-10-07,training,course,PS Khan,2026-10-01,09:00,17:00\n",
        encoding="utf-8",
    )
    refused = run(capsys, "abstract", "import", tiny.scenario, on_leave, "--db", tiny.db)
    assert refused.code == 2
    assert "T-C1 is on leave on 2026-10-07 in the scenario file" in refused.err


def _calls(work: Callable[[], object]) -> int:
    """The Python function calls ``work`` makes (a count of work, whatever the machine)."""
    count = [0]

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event == "call":
            count[0] += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count[0]


def _entries(first: date, n: int, contract: str = "C1") -> list[NewAbstraction]:
    days = [first + timedelta(days=2 * i) for i in range(n)]
    return [NewAbstraction("A-01", contract, d, d, "sickness", "flu", "PS Khan", d) for d in days]


def _live(tmp_path: Path, n: int, contract: str = "C1") -> list[Entry]:
    """``n`` live entries of A-01 (of ``contract``: another council's officer of that id,
    for ``C2``), every other day from ``FIRST``."""
    with Store(tmp_path / f"live{n}{contract}.db") as store:
        store.add_many(_entries(FIRST, n, contract))
        return list(store.live_abstractions(["A-01"]))


@pytest.mark.parametrize("check", ["overlaps", "fixed tours"])
def test_the_checks_of_an_import_grow_with_its_rows_not_their_square(
    tmp_path: Path, check: str
) -> None:
    def work(n: int) -> int:
        # for the fixed tours, another council's A-01: each live entry is matched to the new
        # entries' officer and contract, which was a search through every new entry
        live = _live(tmp_path, n, "C1" if check == "overlaps" else "C2")
        new = _entries(FIRST + timedelta(days=1), n)  # the days between the live ones'
        labels = [("log.csv", f"row {i + 2}") for i in range(n)]
        wheres = [Where("log.csv", {"date": f"row {i + 2}: date"}) for i in range(n)]
        if check == "overlaps":
            return _calls(lambda: overlap_problems(new, labels, live))
        return _calls(lambda: together_problems(new, wheres, None, None, live))

    small, large = work(300), work(600)
    assert large < 2.5 * small  # twice the rows, about twice the work (not four times)


def test_overlaps_found_by_day_are_those_found_before(tmp_path: Path) -> None:
    live = _live(tmp_path, 3)  # 5, 7 and 9 January
    new = [
        NewAbstraction("A-01", "C1", date(2026, 1, 4), date(2026, 1, 8), "leave", "a", "K", FIRST),
        NewAbstraction("A-01", "C2", date(2026, 1, 9), date(2026, 1, 9), "leave", "b", "K", FIRST),
        NewAbstraction("A-01", "", date(2026, 1, 6), date(2026, 1, 6), "leave", "c", "K", FIRST),
        NewAbstraction("A-02", "C1", date(2026, 1, 5), date(2026, 1, 5), "leave", "d", "K", FIRST),
    ]
    labels = [("log.csv", f"row {i + 2}") for i in range(len(new))]
    found = [(p.field, p.message) for p in overlap_problems(new, labels, live)]
    first, second = live[0].id, live[1].id
    assert found == [
        ("row 2", f"overlaps live entry #{first} (A-01 2026-01-05 sickness); void it first"),
        ("row 2", f"overlaps live entry #{second} (A-01 2026-01-07 sickness); void it first"),
        ("row 4", "overlaps row 2 (A-01 2026-01-04 to 2026-01-08 leave)"),
    ]
