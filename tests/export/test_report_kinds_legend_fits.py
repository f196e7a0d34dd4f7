"""report.html's chart of abstractions by kind: with every kind in the period (seven
legend entries, three rows of three) the legend was drawn above the picture, its first row
cut off (High Demand Day aid, Operational and Training unread); the figure is now as tall
as its legend needs, the axes as high as with one row."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from matplotlib.figure import Figure
from one_post import one_post_scenario

from scheduler.accounting.delivery import Delivery, delivery_report
from scheduler.accounting.periods import parse_period
from scheduler.export.report_html import _delivery_chart, _kinds_chart

# a month of one post: every kind of abstraction on some day, HDD aid on the spring bank
# holiday the contract does not buy too
STATES = {
    1: ("HDD_AID", ""),
    2: ("EMERGENCY_AID", ""),
    3: ("ABSTRACTED", "operational"),
    4: ("COURT", ""),
    5: ("TRAINING", ""),
    6: ("SICK", ""),
    25: ("HDD_AID", ""),  # Monday 25 May 2026, a bank holiday
}


def report(kinds: dict[int, tuple[str, str]]) -> Delivery:
    first, last = date(2026, 5, 1), date(2026, 5, 31)
    hdds = [{"date": date(2026, 5, d), "name": f"Event {d}"} for d in (1, 25)]
    scenario = one_post_scenario(first, last, hdds=hdds)
    rows = []
    for day in pd.date_range(first, last).date:
        state, kind = kinds.get(day.day, ("DUTY", ""))
        rows.append({"officer_id": "O1", "date": day, "state": state, "kind": kind})
    return delivery_report(pd.DataFrame(rows), scenario, parse_period("2026-05"))


def inside(figure: Figure) -> tuple[bool, float]:
    """Whether the legend lies within the picture, and the axes' top in inches."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    figure.draw(renderer)
    axes = figure.axes[0]
    legend = axes.get_legend()
    assert legend is not None
    box, picture = legend.get_window_extent(renderer), figure.bbox
    fits = picture.y0 <= box.y0 and box.y1 <= picture.y1 and picture.x0 <= box.x0
    return fits and box.x1 <= picture.x1, axes.get_position().y1 * figure.get_figheight()


def test_every_kind_in_the_legend_lies_within_the_picture() -> None:
    delivery = report(STATES)
    assert len(set(delivery.kinds["kind"])) == 7
    figure = _kinds_chart(delivery)
    fits, top = inside(figure)
    assert fits
    # the axes stand where a chart of one row of legend has them
    assert top == pytest.approx(inside(_delivery_chart(delivery))[1])


def test_long_names_in_one_row_take_two_rows_rather_than_run_off_the_picture() -> None:
    # aid, aid on an unbought bank holiday and sickness: three long names in one row of
    # three ran past the right edge, "Sickness" read as "Sickr" on a council's report page
    figure = _kinds_chart(report({1: ("HDD_AID", ""), 6: ("SICK", ""), 25: ("HDD_AID", "")}))
    assert inside(figure)[0]


def test_a_legend_of_one_row_keeps_the_figure_as_it_was() -> None:
    figure = _kinds_chart(report({3: ("ABSTRACTED", "operational")}))
    assert tuple(figure.get_size_inches()) == (6.6, 3.3)
    assert inside(figure)[0]
