"""``s92 validate`` notes a Met Patrol Plus agreement starting after the scheme closed
(31 March 2019: the MPS still pays half its charge), but the council's report, whose
figures carry that half, said nothing of it. The report (notes of every format and the
API's) now says so; an agreement signed by then, or a Partnership Plus one, gets no note."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import pytest
from one_post import one_post_scenario

from scheduler.accounting.delivery import delivery_report
from scheduler.accounting.periods import parse_period

FIRST, LAST = date(2026, 4, 1), date(2026, 4, 30)


def _april(**contract: Any) -> tuple[str, ...]:
    s = one_post_scenario(FIRST, LAST, **contract)
    table = pd.DataFrame(
        [
            {"officer_id": "O1", "date": d, "state": "REST" if d.weekday() > 4 else "DUTY"}
            for d in pd.date_range(FIRST, LAST)
        ]
    )
    return delivery_report(table, s, parse_period("2026-04")).notes


def test_a_met_patrol_plus_agreement_signed_after_the_scheme_closed_is_noted() -> None:
    notes = _april(scheme="met-patrol-plus")
    late = [n for n in notes if "met-patrol-plus" in n]
    assert len(late) == 1, notes
    assert "C1 is met-patrol-plus but starts 2026-04-01" in late[0]
    assert "31 March 2019" in late[0]


@pytest.mark.parametrize(
    "contract",
    [
        {"scheme": "met-patrol-plus", "start": date(2019, 3, 31), "years": 10},
        {"scheme": "partnership-plus"},
    ],
)
def test_no_note_for_a_legacy_agreement_or_partnership_plus(contract: dict[str, Any]) -> None:
    assert not [n for n in _april(**contract) if "met-patrol-plus" in n]
