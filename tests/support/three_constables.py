"""A scenario file's text for small command tests: one contract (C) of three constables,
O1-O3, one tour, as short a horizon as the test needs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from work_alone import work_alone

from scheduler.check import check_roster, read_roster_csv
from scheduler.cli import main
from scheduler.scenario import load_scenario


def three_constables(
    name: str,
    start: str,
    end: str,
    *,
    tour: tuple[str, str, str] = ("E", "07:00", "15:00"),
    weekdays_min: int | None = None,
    o1_leave: str | None = None,
    extra: str = "",
) -> str:
    """``tour``: code, start and end of the one shift; ``weekdays_min``: officers the
    council asks for on it Monday to Friday (None: no cover asked); ``o1_leave``: a
    ``first/last`` range of O1's leave in the scenario file; ``extra``: TOML appended
    (a ``[high_demand]`` table, say)."""
    code, begins, ends = tour
    cover = (
        ""
        if weekdays_min is None
        else '  [[contract.cover]]\n  days = ["Mon", "Tue", "Wed", "Thu", "Fri"]\n'
        f'  shift = "{code}"\n  min = {weekdays_min}\n'
    )
    officers = "".join(
        f'\n[[officer]]\nid = "O{n}"\ncontract = "C"\nrank = "constable"\n'
        + (f'leave = ["{o1_leave}"]\n' if n == 1 and o1_leave else "")
        for n in (1, 2, 3)
    )
    return f"""
[scenario]
name = "{name}"
start = {start}
end = {end}

[[shift]]
code = "{code}"
start = "{begins}"
end = "{ends}"

[[contract]]
id = "C"
council = "LB C"
bcu = "XX"
start = 2026-01-05
posts = {{ constable = 3 }}
{cover}{officers}
{extra}"""


def published(tmp_path: Path, text: str) -> tuple[Path, Path, pd.DataFrame]:
    """``text`` written to ``tmp_path``, rostered and published to a store there by
    ``s92 roster --publish`` (one worker, seed 1, solver work alone decides it): the
    scenario file, the store and the roster, verified by the independent checker."""
    path, db = tmp_path / "scenario.toml", tmp_path / "s92.db"
    path.write_text(text, encoding="utf-8")
    with work_alone():
        code = main(
            ["roster", str(path), "--out", str(tmp_path / "v1"), "--publish", "--db", str(db),
             "--time-limit", "4", "--workers", "1", "--seed", "1", "--quiet"]
        )  # fmt: skip
    assert code == 0
    table = read_roster_csv(tmp_path / "v1" / "roster.csv")
    assert check_roster(load_scenario(path), table).breaches == []
    return path, db, table


def rerostered(path: Path, db: Path, first: str, notified: str, out: Path) -> pd.DataFrame:
    """``s92 reroster --from first --notified notified`` of ``path``'s published roster into
    ``out`` (3 s of solver work alone decides it), exit 0: the roster it wrote, verified by
    the independent checker."""
    with work_alone():
        code = main(
            ["reroster", str(path), "--from", first, "--notified", notified, "--out", str(out),
             "--db", str(db), "--time-limit", "3"]
        )  # fmt: skip
    assert code == 0
    table = read_roster_csv(out / "roster.csv")
    assert check_roster(load_scenario(path), table).breaches == []
    return table
