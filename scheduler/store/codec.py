"""A roster table <-> a compressed blob that reads back as the identical DataFrame.

CSV would lose dtypes and the difference between "" and a missing value, so each column
is stored as its dtype name plus a JSON list of its values, and the whole is compressed.
Supported: text, numbers and booleans (all the roster table holds); the index is not
kept, rows keep their order and read back with a fresh RangeIndex.
"""

from __future__ import annotations

import hashlib
import json
import zlib

import numpy as np
import pandas as pd

FORMAT = "s92-columns-v1"


def encode_table(table: pd.DataFrame) -> tuple[bytes, str]:
    """The compressed blob and the sha256 of its uncompressed content."""
    columns = []
    for name in table.columns:
        if not isinstance(name, str):
            raise TypeError(f"roster column names must be text, got {name!r}")
        series = table[name]
        columns.append({"name": name, "dtype": str(series.dtype), "values": _values(name, series)})
    payload = {"format": FORMAT, "rows": len(table), "columns": columns}
    raw = json.dumps(payload, separators=(",", ":"), allow_nan=True, default=_refuse).encode()
    return zlib.compress(raw, 6), hashlib.sha256(raw).hexdigest()


def decode_table(blob: bytes) -> pd.DataFrame:
    payload = json.loads(zlib.decompress(blob))
    if payload.get("format") != FORMAT:
        raise ValueError(f"unknown roster blob format {payload.get('format')!r}")
    data = {
        c["name"]: pd.Series(c["values"], dtype=pd.api.types.pandas_dtype(c["dtype"]))
        for c in payload["columns"]
    }
    table = pd.DataFrame(data, columns=[c["name"] for c in payload["columns"]])
    if not data:  # no columns: keep the row count
        table = pd.DataFrame(index=pd.RangeIndex(payload["rows"]))
    return table


def _values(name: str, series: pd.Series) -> list[object]:
    values = series.tolist()
    if series.dtype != object:
        # extension dtypes hold pd.NA for missing; the dtype restores it from None
        values = [None if v is pd.NA else v for v in values]
    else:
        values = [v.item() if isinstance(v, np.generic) else v for v in values]
    for v in values:
        if not (v is None or isinstance(v, str | bool | int | float)):
            raise TypeError(
                f"roster column {name!r} holds {type(v).__name__} values; "
                "store text, numbers or booleans"
            )
    return values


def _refuse(value: object) -> object:
    raise TypeError(f"cannot store {type(value).__name__} in a roster table")
