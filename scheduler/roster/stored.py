"""The roster table in the one form a published version is compared in: text columns (''
for missing), float hours, ISO dates, rows by contract, officer and date. ``s92 publish``
and ``s92 reroster --publish`` both compare a new roster with the published one in it, and
publish nothing when the two are the same."""

from __future__ import annotations

import pandas as pd

from scheduler.table import COLUMNS, EXTRA_COLUMNS


def roster_table(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` in the form the store holds and the change notice compares."""
    out = pd.DataFrame(index=table.index)
    for column in (*COLUMNS, *EXTRA_COLUMNS):
        if column == "hours":
            out[column] = pd.to_numeric(table[column], errors="coerce").fillna(0.0).astype(float)
        elif column in table.columns:
            out[column] = table[column].fillna("").astype(str)
        else:
            out[column] = ""
    order = ["contract_id", "officer_id", "date"]
    return out.sort_values(order, kind="stable").reset_index(drop=True)


def same_roster(published: pd.DataFrame, new: pd.DataFrame) -> bool:
    """Whether ``new`` holds exactly the published roster: every officer-day, its tour,
    times, hours, event and the entry behind it."""
    base, other = roster_table(published), roster_table(new)
    return len(base) == len(other) and base.equals(other)


def same_scenario(stored: str | None, text: str) -> bool:
    """Whether a scenario file's ``text`` is the one stored with a published version (a
    version stored without one, by an older s92, counts as the same: nothing says not)."""
    return stored is None or stored == text
