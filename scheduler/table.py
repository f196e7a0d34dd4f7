"""The roster table (DESIGN.md §5): one row per officer per day, the hub every later stage
reads. Only names and vocabulary live here, so the checker, ledger and exports agree on
the schema without sharing any logic with the solver."""

from __future__ import annotations

COLUMNS: tuple[str, ...] = (
    "officer_id",
    "contract_id",
    "rank",
    "date",
    "state",
    "shift",
    "start",
    "end",
    "hours",
    "event",
)
# Extension columns (optional on input): the abstraction kind behind a state, and the id of
# the abstraction log entry that put it there.
EXTRA_COLUMNS: tuple[str, ...] = ("kind", "abstraction_id")

STATES: tuple[str, ...] = (
    "DUTY",
    "REST",
    "LEAVE",
    "PUBLIC_HOLIDAY",
    "HDD_AID",
    "EMERGENCY_AID",
    "ABSTRACTED",
    "SICK",
    "TRAINING",
    "COURT",
)
# States that are duty time: they have start/end and count towards every working-time rule.
DUTY_STATES: frozenset[str] = frozenset(
    {"DUTY", "HDD_AID", "EMERGENCY_AID", "ABSTRACTED", "TRAINING", "COURT"}
)
OFF_STATES: frozenset[str] = frozenset({"REST", "LEAVE", "PUBLIC_HOLIDAY", "SICK"})

# Entry kind (the entry log, and leave in the scenario file) -> roster state; any other
# kind a contract names is an operational abstraction, ABSTRACTED.
LEAVE_KIND = "leave"
SICKNESS_KIND = "sickness"
KIND_STATE: dict[str, str] = {
    "hdd_aid": "HDD_AID",
    "emergency_aid": "EMERGENCY_AID",
    "operational": "ABSTRACTED",
    "court": "COURT",
    "training": "TRAINING",
    SICKNESS_KIND: "SICK",
    LEAVE_KIND: "LEAVE",
}
# Kinds that take the officer off duty (no tour of their own, none kept); every other kind
# is duty time, on the entry's own times or the tour rostered that day.
OFF_KINDS: frozenset[str] = frozenset({SICKNESS_KIND, LEAVE_KIND})

AID_SHIFT = "AID"  # shift code written on HDD_AID rows


def state_for_kind(kind: str) -> str:
    return KIND_STATE.get(kind, "ABSTRACTED")
