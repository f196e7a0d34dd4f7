"""roster.csv: the public roster table (DESIGN.md §5), written atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from scheduler.table import COLUMNS, EXTRA_COLUMNS


def write_roster_csv(table: pd.DataFrame, path: Path) -> Path:
    """Public columns first, then the extension columns; never a half-written file."""
    columns = [*COLUMNS, *[c for c in EXTRA_COLUMNS if c in table.columns]]
    out = table[columns].copy()
    out["hours"] = out["hours"].map(lambda h: f"{float(h):.2f}" if h != "" else "")
    atomic_write_text(path, out.to_csv(index=False, lineterminator="\n"))
    return path


def atomic_write_text(path: Path, text: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
