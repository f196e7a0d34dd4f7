"""report.xlsx as a council prints it: a sum of a million pounds filled its column of 14
(a bold total touched the total before it); a contract's note was cut at the next column
("FY2026 clipped to 2026-05-10 to"); the Definitions sheet printed at 56 % (42 + 110
characters wide) and its long meanings ran over the rows under them (no row grew to its
text)."""

from __future__ import annotations

import textwrap
from datetime import date
from typing import Any

import pytest
from one_post import one_post_scenario
from openpyxl.utils import get_column_letter
from report_paper import USABLE, printed_points, weekday_report

FIRST, LAST = date(2026, 4, 1), date(2027, 3, 31)
LINE = 15  # points a line of 11-point text takes


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Any:  # openpyxl's, loosely typed
    tmp_path = tmp_path_factory.mktemp("paper")
    # 30 posts from 10 May: £1.5 million or more a year, one officer, the rest vacant
    s = one_post_scenario(
        FIRST, LAST, start=date(2026, 5, 10), posts={"constable": 28, "sergeant": 2}
    )
    return weekday_report(s, FIRST, LAST, tmp_path, "on paper")


def lines(text: str, width: float) -> int:
    return len(textwrap.wrap(text, int(width))) or 1


def test_each_sum_of_money_has_room_in_its_column(book: Any) -> None:
    sheet = book["Contracts"]
    header = [c.value for c in sheet[1]]
    money = [
        c
        for row in sheet.iter_rows(min_row=2)
        for c in row
        if isinstance(c.value, float) and "£" in c.number_format
    ]
    assert any(c.value >= 1_000_000 for c in money)
    for cell in money:
        shown = f"£{cell.value:,.2f}"
        width = sheet.column_dimensions[cell.column_letter].width
        # a total's bold is a tenth wider than plain: a character to spare either side
        assert width >= len(shown) * 1.1 + 2, (header[cell.column - 1], shown, width)


def test_a_note_wraps_within_its_column_on_a_row_tall_enough(book: Any) -> None:
    sheet = book["Contracts"]
    header = [c.value for c in sheet[1]]
    note = sheet.cell(2, header.index("Notes") + 1)
    assert note.value.startswith("FY2026 clipped to 2026-05-10 to 2027-03-31")
    assert note.alignment.wrap_text
    width = sheet.column_dimensions[note.column_letter].width
    assert sheet.row_dimensions[2].height >= LINE * lines(note.value, width - 2)


def test_the_definitions_print_at_full_size_each_row_as_tall_as_its_text(book: Any) -> None:
    sheet = book["Definitions"]
    widths = [sheet.column_dimensions[get_column_letter(c)].width for c in (1, 2)]
    assert sum(printed_points(w) for w in widths) <= USABLE  # fits the page at 100 %
    assert sheet.page_setup.fitToWidth == 1  # and is never printed wider than it
    rows = 0
    for row in sheet.iter_rows(min_row=3):
        texts = [(c.value, w) for c, w in zip(row, widths, strict=False) if c.value]
        if len(texts) < 2:
            continue
        rows += 1
        assert all(c.alignment.wrap_text for c in row[:2]), row[0].value
        needed = max(lines(str(text), width) for text, width in texts)
        assert (sheet.row_dimensions[row[0].row].height or LINE) >= LINE * needed, row[0].value
    assert rows > 30


def test_a_word_of_the_table_is_never_cut_at_its_column(book: Any) -> None:
    # "partnership-plus" printed as "partnership-plu" in the Scheme column of 14
    sheet = book["Contracts"]
    header = [c.value for c in sheet[1]]
    scheme = sheet.cell(2, header.index("Scheme") + 1)
    assert scheme.value == "partnership-plus"
    assert sheet.column_dimensions[scheme.column_letter].width >= len(scheme.value) + 2
