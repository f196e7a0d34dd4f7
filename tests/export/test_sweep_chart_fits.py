"""sweep.png for one council: the title ran off both edges of a figure sized for one
panel ("y due per council over 5 runs (£; red line: m"), a sweep where every run came to
the same penalty (an all-vacant contract) labelled its one bar with the same amount four
times, and the run counts were ticked in halves."""

from __future__ import annotations

import pandas as pd
import pytest

from scheduler.accounting.sweep import SweepResult
from scheduler.export.sweep import penalty_chart


def chart(councils: list[str], penalties: list[float]):
    rows = [
        {"council": c, "run": r, "penalty_gbp": p}
        for c in councils
        for r, p in enumerate(penalties)
    ]
    result = SweepResult(
        runs=pd.DataFrame(rows), summary=pd.DataFrame(), planned=pd.DataFrame(), notes=()
    )
    return penalty_chart(result)


@pytest.mark.parametrize("councils", [["LB One"], ["LB One", "LB Two"]])
def test_the_title_fits_the_figure(councils: list[str]) -> None:
    figure = chart(councils, [100.0, 250.0, 250.0, 400.0, 1000.0])
    renderer = figure.canvas.get_renderer()
    box = figure._suptitle.get_window_extent(renderer)  # the suptitle has no public getter
    assert box.x0 >= 0
    assert box.x1 <= figure.bbox.width


def test_one_penalty_in_every_run_is_one_tick_and_counts_are_whole() -> None:
    figure = chart(["LB Vacant"], [28_421.92] * 5)
    figure.canvas.draw()
    (ax,) = figure.axes
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels == ["28,422"]
    counts = [t for t in ax.get_yticks() if 0 <= t <= 5]
    assert all(float(t).is_integer() for t in counts)
