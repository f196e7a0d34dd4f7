"""The CSV neutraliser and its inverse: what s92 writes reads back as it was, and no cell it
writes starts a formula or carries a control character other than tab and line ends."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from scheduler.files import FORMULA_STARTS, restore_cell, safe_cell

PLAIN = st.text().filter(lambda t: not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", t))


@given(st.one_of(PLAIN, st.sampled_from(["=1+1", "'=1+1", "+", "-5", "@x", "\t=x", "\r=x"])))
def test_a_cell_written_and_read_back_is_unchanged(text: str) -> None:
    written = safe_cell(text)
    assert isinstance(written, str)
    assert not written.startswith(FORMULA_STARTS)
    if not text.startswith("'") or not text[1:].startswith(FORMULA_STARTS):
        assert restore_cell(written) == text


@given(st.text())
def test_no_written_cell_carries_a_control_character(text: str) -> None:
    written = safe_cell(text)
    assert isinstance(written, str)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", written)
    assert not written.startswith(FORMULA_STARTS)


def test_numbers_pass_untouched() -> None:
    assert safe_cell(-5) == -5
    assert safe_cell(1.5) == 1.5
