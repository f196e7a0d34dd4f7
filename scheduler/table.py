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


# --- the roster workbook's cells (roster.xlsx) ---------------------------------------------
# A day cell holds a tour code (DUTY on that tour, times from the scenario's tour) or one of
# these codes. The writer (export/xlsx.py) and the reader (check/workbook.py) both use them.
STATE_CODES: dict[str, str] = {
    "DUTY": "",  # the cell shows the tour code instead
    "REST": "R",
    "LEAVE": "AL",
    "PUBLIC_HOLIDAY": "BH",
    "HDD_AID": AID_SHIFT,
    "EMERGENCY_AID": "EM",
    "ABSTRACTED": "AB",
    "SICK": "SK",
    "TRAINING": "TR",
    "COURT": "CT",
}
CODE_STATES: dict[str, str] = {code: state for state, code in STATE_CODES.items() if code}
RANK_CODES: dict[str, str] = {"constable": "PC", "sergeant": "PS", "inspector": "Insp"}


# What planners type for a state (in a roster.xlsx cell or a roster.csv) or an entry's kind
# (an imported log, a leave type in an HR export): the state's own name and code, and the
# words and abbreviations of police rostering, lower case with one space between words.
SAID_STATES: dict[str, tuple[str, ...]] = {
    "REST": ("rest", "rest day", "rd", "r/d"),
    # not "holiday": in a roster it may mean a bank holiday (an HR export's leave type may
    # say it: scheduler.scenario.spreadsheet)
    "LEAVE": ("leave", "al", "a/l", "annual leave", "annual"),
    "PUBLIC_HOLIDAY": ("public holiday", "bank holiday", "bh", "b/h", "ph"),
    "HDD_AID": ("aid", "hdd aid", "hdd", "high demand day aid"),
    "EMERGENCY_AID": ("emergency aid", "emergency", "em"),
    "ABSTRACTED": ("abstracted", "abstraction", "operational", "ab"),
    "SICK": ("sick", "sickness", "sick leave", "sk"),
    "TRAINING": ("training", "training course", "course", "tr"),
    "COURT": ("court", "court appearance", "ct"),
}
_SAID: dict[str, str] = {word: state for state, words in SAID_STATES.items() for word in words}


def said(text: str) -> str:
    """``text`` as the vocabulary's keys are written: lower case, '_' and '-' as spaces,
    one space between words."""
    return " ".join(text.replace("_", " ").replace("-", " ").lower().split())


def said_state(text: str) -> str | None:
    """The state a planner's word names ("Annual Leave", "A/L", "Sick", "SICK"), or None."""
    words = said(text)
    return _SAID.get(words) or next((s for s in STATES if s.lower() == words), None)


def said_kind(text: str) -> str | None:
    """The entry kind a planner's word names ("Annual Leave", "AL", "Sick"), or None."""
    state = said_state(text)
    return next((k for k, s in KIND_STATE.items() if s == state), None)


# What planners type for a rank (a scenario, an HR export, a roster's rank column or cell):
# the rank, its plural, and the Met's abbreviations, in any case, a dot after or not.
SAID_RANKS: dict[str, tuple[str, ...]] = {
    "constable": ("constable", "constables", "pc", "pcs", "police constable", "con"),
    "sergeant": ("sergeant", "sergeants", "ps", "sgt", "sgts", "serjeant", "police sergeant"),
    "inspector": ("inspector", "inspectors", "insp", "insps", "police inspector"),
}
RANK_WORDS = "constable (PC), sergeant (PS, Sgt) or inspector (Insp)"
_SAID_RANK: dict[str, str] = {word: rank for rank, words in SAID_RANKS.items() for word in words}


def said_rank(text: str) -> str | None:
    """The rank a planner's word names ("Sgt", "PS", "Police Constable", "insp."), or None."""
    return _SAID_RANK.get(said(text.replace(".", " ")))


def cell_code(state: str, shift: str) -> str:
    """What a day cell shows: the tour code on DUTY ('D?' for a duty with no tour code, a
    one-off tour), else the state's code."""
    if state == "DUTY":
        return shift or "D?"
    return STATE_CODES.get(state, state[:2])


# Layout of a contract sheet: heading, date and weekday rows above the officers; officer
# id and rank to the left of the day columns.
HEADER_ROWS = 3
DATE_ROW = 2
LABEL_COLUMNS = 2

# The hidden sheet that keeps what a cell cannot carry. Each row starts with a marker:
#   officer: sheet title, officer id, contract id, rank, the day codes as written ('|' between
#            days, from the first day column; empty where not in post)
#   detail:  DETAIL_COLUMNS of an officer-day its code alone does not rebuild (an
#            abstraction's own times, its event, kind and entry id)
#   hours:   a code, then its elapsed hours on each day column (for the hours formulas)
#   code:    a code a planner may type (the data validation list)
DATA_SHEET = "s92-data"
DATA_MARK = "s92 roster workbook"
DATA_VERSION = 1
# the data sheet's mark of a roster built afresh from the scenario and not published
AFRESH_MARK = "afresh"
CODE_SEPARATOR = "|"
DETAIL_COLUMNS: tuple[str, ...] = ("officer_id", "date", "code", *COLUMNS[4:], *EXTRA_COLUMNS)
