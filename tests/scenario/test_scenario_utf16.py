"""A scenario saved by Notepad as 'Unicode' (UTF-16 with a byte order mark) was refused
as "not a text file"; one without the mark as "not valid TOML: Invalid statement". The
first reads as it was written, and is published as text; the second says what it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import SOLVE, run, tiny_toml

from scheduler.store import Store


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom"])
def test_a_utf16_scenario_with_its_mark_is_read_and_published_as_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str
) -> None:
    text = tiny_toml().replace("\n", "\r\n")  # Notepad's line ends too
    scenario = tmp_path / "tiny.toml"
    data = text.encode("utf-16") if encoding == "utf-16" else b"\xfe\xff" + text.encode("utf-16-be")
    scenario.write_bytes(data)
    assert run(capsys, "validate", scenario).code == 0
    db = tmp_path / "s92.db"
    built = run(
        capsys, "roster", scenario, "--out", tmp_path / "out", "--publish", "--db", db, *SOLVE
    )
    assert built.code == 0, built.err
    with Store(db) as store:
        [(stored,)] = store.query("SELECT toml FROM roster_scenario")
    assert stored.replace("\r\n", "\n") == tiny_toml()


def test_utf16_without_its_mark_is_named_as_such(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario = tmp_path / "tiny.toml"
    scenario.write_bytes(tiny_toml().encode("utf-16-le"))
    found = run(capsys, "validate", scenario)
    assert found.code == 2
    assert found.err.strip() == (
        f"{scenario}: line 2: not UTF-8 text (UTF-16 without a byte order mark?): a scenario "
        "file is UTF-8 TOML: save it as UTF-8"
    )
