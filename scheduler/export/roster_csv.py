"""roster.csv: the public roster table (DESIGN.md §5), written atomically."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scheduler.files import csv_text, write_text
from scheduler.table import COLUMNS, EXTRA_COLUMNS


def roster_csv_text(table: pd.DataFrame) -> str:
    """Public columns first, then the extension columns; text cells made safe."""
    columns = [*COLUMNS, *[c for c in EXTRA_COLUMNS if c in table.columns]]
    out = table[columns].copy()
    out["hours"] = out["hours"].map(lambda h: f"{float(h):.2f}" if h != "" else "")
    return csv_text(out)


def write_roster_csv(table: pd.DataFrame, path: Path) -> Path:
    """Never a half-written file."""
    return write_text(path, roster_csv_text(table))
