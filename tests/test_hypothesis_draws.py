"""The suite's property tests draw the same examples whatever ran before them: a test's
verdict is the code's, not the order pytest ran the files in (tests/conftest.py)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st


def draws() -> list[int]:
    seen: list[int] = []

    @settings(max_examples=300, derandomize=True, database=None)
    @given(st.integers())
    def draw(n: int) -> None:
        seen.append(n)

    draw()
    return seen


def test_a_module_imported_in_between_changes_no_draw(tmp_path: Path, monkeypatch) -> None:
    before = draws()
    # a module of the project's own, with constants of its own, as tests/web imports
    # scheduler.web after the accounting tests have drawn
    constants = ", ".join(str(123_456_789 + 7 * i) for i in range(200))
    (tmp_path / "s92_late_module.py").write_text(f"LIMITS = ({constants})\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("s92_late_module")
    try:
        assert draws() == before
    finally:
        sys.modules.pop(module.__name__, None)
