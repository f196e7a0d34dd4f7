"""A --db naming a device or a pipe (/dev/null, a FIFO) was called 'an empty file, not an
s92 store: delete it', advice nobody should follow for /dev/null."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hardening_helpers import run


@pytest.mark.parametrize("special", ["/dev/null", "fifo"])
def test_a_device_or_pipe_as_the_store_is_named_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, special: str
) -> None:
    db = Path(special)
    if special == "fifo":
        db = tmp_path / "s92.db"
        os.mkfifo(db)
    for argv in (("store", "verify"), ("abstract", "list")):
        result = run(capsys, *argv, "--db", db)
        assert result.code == 2, result.err
        assert result.err == (
            f"{db}: is a device, pipe or socket, not a store file: give another --db\n"
        )
