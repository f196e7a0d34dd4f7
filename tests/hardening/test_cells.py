"""The CSV neutraliser and its inverse: what s92 writes reads back as it was, and no cell it
writes starts a formula or carries a control character other than tab and line ends."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from scheduler.files import FORMULA_STARTS, csv_text, restore_cell, safe_cell

PLAIN = st.text().filter(lambda t: not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", t))


SAMPLES = ["=1+1", "'=1+1", "+", "-5", "@x", "\t=x", "\r=x", "Sick;=1+1", "a\t\t=x", "x;;-1"]


@given(st.one_of(PLAIN, st.sampled_from(SAMPLES)))
def test_a_cell_written_and_read_back_is_unchanged(text: str) -> None:
    written = safe_cell(text)
    assert isinstance(written, str)
    assert not written.startswith(FORMULA_STARTS)
    marked = re.search("(^|[;\t])'[" + re.escape("".join(FORMULA_STARTS)) + "]", text)
    if not marked:  # text already in the form s92 writes reads back as that form's text
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


@given(st.one_of(PLAIN, st.sampled_from(SAMPLES)))
def test_no_piece_between_semicolons_or_tabs_starts_a_formula(text: str) -> None:
    """Excel where the list separator is a semicolon (most of Europe) opens a CSV written
    with commas by splitting each line on semicolons: "Sick;=HYPERLINK(...)" was two cells,
    the second a formula; text pasted into a sheet splits on tabs likewise."""
    written = safe_cell(text)
    assert isinstance(written, str)
    for piece in re.split("[;\t]", written):
        assert not piece.startswith(FORMULA_STARTS), (text, written)


def test_a_roster_csv_opened_where_semicolons_separate_holds_no_formula() -> None:
    frame = pd.DataFrame({"officer_id": ["O1"], "event": ['flu;=HYPERLINK("http://x";"y")']})
    text = csv_text(frame)
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row), row
    assert restore_cell(next(csv.DictReader(io.StringIO(text)))["event"]) == frame.at[0, "event"]
