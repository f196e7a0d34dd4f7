"""Four constables of contract VV over September 2026, each rostered five tours and two
rest days staggered: a published roster the tests of voided entries start from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from roster_fixtures import staggered_roster

from scheduler.store.store import Store

SCENARIO = """
[scenario]
name = "Voided"
start = 2026-09-07
end = 2026-10-04

[[shift]]
code = "E"
start = "07:00"
end = "15:00"

[[shift]]
code = "L"
start = "14:00"
end = "22:00"

[[shift]]
code = "N"
start = "22:00"
end = "06:00"

[[contract]]
id = "VV"
council = "London Borough of Test"
bcu = "XX"
start = 2026-01-05
posts = { constable = 4 }

  [[contract.cover]]
  days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  shift = "E"
  min = 1
""" + "".join(
    f'\n[[officer]]\nid = "V-0{n}"\ncontract = "VV"\nrank = "constable"\n' for n in range(1, 5)
)
FIRST, LAST = date(2026, 9, 7), date(2026, 10, 4)  # British Summer Time throughout
TOURS = {"E": ("07:00", "15:00"), "L": ("14:00", "22:00"), "N": ("22:00", "06:00")}


def published() -> pd.DataFrame:
    """Five tours, two rest days, staggered; V-04 on nights, the others E, L, E."""
    officers = [(f"V-0{n}", "constable", shift) for n, shift in enumerate("ELEN", start=1)]
    return staggered_roster("VV", officers, FIRST, LAST, TOURS)


def sick(db: Path, officer: str, first: str, last: str, scenario: Path | None = None) -> list[str]:
    """``s92 abstract add`` of sickness told on 20 September (with ``scenario``, its file)."""
    return [
        "abstract", "add", *([str(scenario)] if scenario else []), "--officer", officer,
        "--date", first, "--to", last, "--kind", "sickness", "--reason", "flu",
        "--authorised-by", "Sgt X", "--notified", "2026-09-20", "--db", str(db),
    ]  # fmt: skip


def published_in(folder: Path) -> tuple[Path, Path, Path]:
    """The scenario file, a store with ``published()`` as version 1, and an output folder."""
    scenario, db = folder / "s.toml", folder / "s92.db"
    scenario.write_text(SCENARIO)
    with Store(db) as store:
        store.publish_roster("Voided", published(), scenario_text=SCENARIO)
    return scenario, db, folder / "out"
