"""A ``roster.xlsx`` written from an earlier published version than the latest, refused.

The workbook s92 writes records, on its hidden data sheet, the day codes it wrote (and, for
a roster it did not publish, the version that roster was made from): every cell not typed
over since holds that roster's day. Published over a later version, it would undo that
version unseen. ``s92 publish`` and the web app's upload both refuse one here, in the same
words; a re-roster of the latest version (``s92 reroster`` without ``--publish``) is the
planner's to publish.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

import pandas as pd

from scheduler.check.workbook import made_from, written_codes
from scheduler.errors import InputError
from scheduler.export.xlsx import written_codes_of
from scheduler.scenario.model import Scenario
from scheduler.store.store import Store

STALE_VERSIONS = 20  # earlier versions a workbook is compared with to find it stale


def refuse_stale_workbook(
    store: Store,
    scenario: Scenario,
    latest: pd.DataFrame,
    latest_id: int,
    path: str | Path,
    name: str,
    *,
    scenario_name: str | None = None,
    shown: Callable[[int], int] = int,
    officers: Collection[str] | None = None,
) -> None:
    """Refuse the workbook at ``path`` (named ``name`` in the refusal) when it was written
    from a published version of ``scenario_name``'s roster (default: the scenario's name)
    earlier than ``latest`` (version ``latest_id``), or re-rostered from one. Versions are
    named to the reader as ``shown`` numbers them (default: the store's ids); with
    ``officers``, only their days are compared (a page publishing one BCU's contracts)."""
    uploaded = {
        key: codes
        for key, codes in written_codes(path).items()
        if officers is None or key[1] in officers
    }
    if not uploaded or _written_from(uploaded, latest, scenario):
        return
    base, afresh = made_from(path)
    if shown(base or 0) == shown(latest_id):  # made from the latest version (or afresh
        return  # while it was), or one the reader knows as it: none of theirs published since
    if base is not None and not afresh:
        raise InputError.one(
            name,
            "",
            f"a re-roster of version {shown(base)}, and version {shown(latest_id)} was "
            "published since: the cells not typed over would undo its changes; re-roster "
            f"again, or make the edits in the roster.xlsx of version {shown(latest_id)}",
        )
    versions = store.roster_versions(scenario_name or scenario.name)
    older = [v for v in versions if v.id < latest_id]
    for version in sorted(older, key=lambda v: v.id, reverse=True)[:STALE_VERSIONS]:
        if _written_from(uploaded, store.roster(version.id), scenario):
            raise InputError.one(
                name,
                "",
                f"written from roster version {shown(version.id)}, and version "
                f"{shown(latest_id)} was published since: the cells not typed over would "
                f"undo its changes; make the edits in the roster.xlsx of version "
                f"{shown(latest_id)}",
            )


def _written_from(
    uploaded: dict[tuple[str, str], list[str]], table: pd.DataFrame, scenario: Scenario
) -> bool:
    """Whether the workbook's record of what s92 wrote is this roster's."""
    codes = written_codes_of(table, scenario)
    return all(codes.get(key, written) == written for key, written in uploaded.items())
