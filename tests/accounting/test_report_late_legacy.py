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


@pytest.mark.parametrize(
    ("share", "words"),
    [(0.0, "none"), (0.3333, "33.33%"), (1.0, "all"), (0.5, "half"), (0.125, "12.5%")],
)
def test_the_note_says_the_share_the_mps_pays_when_the_contract_gives_one(
    share: float, words: str
) -> None:
    """A late Met Patrol Plus agreement with its own ``match_funding_share``: its figures
    carry that share, and the note said "the MPS still pays half its charge" whatever it
    was (none of it at 0, a third at 0.3333)."""
    notes = _april(scheme="met-patrol-plus", match_funding_share=share)
    late = [n for n in notes if "met-patrol-plus" in n]
    assert len(late) == 1, notes
    assert f"the MPS pays {words} of its charge (match_funding_share)" in late[0]
    assert "still pays half" not in late[0]
