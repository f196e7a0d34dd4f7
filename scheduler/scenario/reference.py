"""The scenario file's reference, generated from the models so it cannot drift:
``docs/scenario.schema.json`` (JSON Schema, for editors that validate TOML as it is typed)
and ``docs/scenario.md`` (every field with its meaning, default and unit).

Types, defaults and bounds come from the pydantic models; what a field means and its unit
come from ``FIELDS`` below (a test fails when a model gains a field without an entry).
``s92 scenario docs --out docs`` writes both files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from scheduler.scenario.model import (
    RANKS,
    WEEKDAYS,
    Contract,
    Cover,
    HighDemandEvent,
    HighDemandSettings,
    Officer,
    Posts,
    RankMoney,
    Request,
    RotaSettings,
    Rules,
    Scenario,
    ScenarioInfo,
    Shift,
    Variation,
    YearCharge,
)
from scheduler.table import SAID_RANKS

CLOCK = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}
DAY_OR_RANGE = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}(\s*/\s*\d{4}-\d{2}-\d{2})?$",
}
_GAP = r"[\s._-]"  # what ``table.said`` reads as a space between words (or none at the ends)


def any_case_pattern(words: Iterable[str], gap: str = _GAP) -> str:
    """A JSON Schema pattern (ECMA-262 has no case-insensitive flag) matching each of
    ``words`` as a reader takes them: in any case, words apart by ``gap`` characters, and
    those at either end."""

    def word(text: str) -> str:
        return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in text)

    spelled = "|".join(f"{gap}+".join(word(w) for w in phrase.split()) for phrase in words)
    return f"^{gap}*(?:{spelled}){gap}*$"


def rank_schema() -> dict[str, Any]:
    """An officer's rank: the names (offered by editors) or any word the reader takes for
    one (``table.SAID_RANKS``: "Sgt", "PS", "Police Constable" ...)."""
    said = [w for words in SAID_RANKS.values() for w in words]
    pattern = any_case_pattern(said)
    return {"anyOf": [{"enum": list(RANKS)}, {"type": "string", "pattern": pattern}]}


WEEKDAY_NAMES = [
    *WEEKDAYS,
    *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    *("weekdays", "weekend", "daily"),
]

# (TOML table, model, what it is) in the order a scenario file is written
TABLES: tuple[tuple[str, type[BaseModel], str], ...] = (
    ("[scenario]", ScenarioInfo, "The horizon: the days to roster."),
    (
        "[rules]",
        Rules,
        "Working-time rules (Police Regulations 2003, Working Time Regulations 1998); "
        "every one has the default shown and may be overridden.",
    ),
    ("[[shift]]", Shift, "A tour type, one table per tour."),
    ("[[contract]]", Contract, "An s92 agreement a council holds, one table per contract."),
    ("contract `posts = { ... }`", Posts, "Posts bought, per rank."),
    (
        "contract `annual_charge`, `full_cost` = { ... }",
        RankMoney,
        "Money per post and year, per rank.",
    ),
    ("[[contract.charges]]", YearCharge, "Annual charges set for one financial year."),
    ("[[contract.cover]]", Cover, "The council's tasking: officers wanted on a tour."),
    (
        "[[contract.variation]]",
        Variation,
        "A change to the agreement from a day on: new posts, new charges and/or a new "
        "tasking (`[[contract.variation.cover]]`, in place of the tasking before). Officers "
        "who join with it need a `start` date; no day may have more officers in post than "
        "posts; 8 or more posts must include a sergeant or inspector.",
    ),
    ("[[officer]]", Officer, "A purchased officer, one table per officer."),
    ("officer `requests = [{ ... }]`", Request, "An officer's wish to work or be off."),
    ("[high_demand]", HighDemandSettings, "High Demand Days beyond the rule dates."),
    ("[high_demand] `add = [{ ... }]`", HighDemandEvent, "A High Demand Day announced."),
    ("[rota]", RotaSettings, "Rota-line mode."),
)

# "Model.field" -> (meaning, unit); unit "" when it has none
FIELDS: dict[str, tuple[str, str]] = {
    "Scenario.scenario": ("the horizon: name and first and last roster day", ""),
    "Scenario.rules": ("working-time rules (DESIGN.md §2), each overridable", ""),
    "Scenario.shifts": ("the tour types officers work", ""),
    "Scenario.contracts": ("the s92 agreements councils hold", ""),
    "Scenario.officers": ("the purchased officers, by pseudonymous id", ""),
    "Scenario.high_demand": ("High Demand Days added to or removed from the rule dates", ""),
    "Scenario.rota": ("free rostering, or officers on lines of a cyclic base pattern", ""),
    "ScenarioInfo.name": ("the scenario's name; the store keeps rosters under it", ""),
    "ScenarioInfo.start": ("first roster day", "date"),
    "ScenarioInfo.end": ("last roster day (inclusive; at most 3 years after the start)", "date"),
    "ScenarioInfo.description": ("free text", ""),
    "Rules.max_tour_hours": (
        "longest tour: of a tour type, an entry's own times or a High Demand Day's aid tour; "
        "on the clock or elapsed, whichever is shorter, so a change of the clocks never makes "
        "a tour type too long",
        "hours",
    ),
    "Rules.min_rest_hours": (
        "rest from the end of one tour to the start of the next; s92 roster refuses a rest "
        "so long that a tour two days after another comes too soon (s92 validate notes it)",
        "hours",
    ),
    "Rules.max_consecutive_duty_days": ("most days in a row with a tour", "days"),
    "Rules.rest_days_per_week": ("rest days owed, on average over the roster", "days a week"),
    "Rules.weekly_rest_hours": ("time off owed in each 7 days (WTR reg 11)", "hours"),
    "Rules.fortnightly_rest_hours": ("or time off owed in each 14 days", "hours"),
    "Rules.max_average_weekly_hours": ("average weekly working time limit (WTR reg 4)", "hours"),
    "Rules.reference_weeks": ("the period the average is taken over", "weeks"),
    "Rules.max_consecutive_nights": ("most night tours in a row (a soft goal)", "nights"),
    "Rules.notice_days": ("how far ahead a roster is published", "days"),
    "Rules.rest_day_notice_days": (
        "a rest day worked with less notice than this is paid overtime",
        "clear days",
    ),
    "Rules.rest_day_overtime_rate": ("pay for a rest day worked at short notice", "× pay"),
    "Rules.rest_day_minimum_hours": ("least overtime paid for such a day", "hours"),
    "Rules.rerostered_rest_day_within_days": (
        "a rest day moved with notice must be re-rostered within",
        "days",
    ),
    "Rules.public_holiday_notice_days": (
        "a bank holiday worked with less notice than this earns a day in lieu",
        "clear days",
    ),
    "Rules.public_holiday_rate": ("pay for a bank holiday worked", "× pay"),
    "Rules.hdd_share": (
        "HDD allowance: the share of contracted days the MPS may use for HDD aid",
        "fraction (0.05 = 5%)",
    ),
    "Shift.code": ("the tour's code, shown in roster cells", ""),
    "Shift.start": ("start, London clock time", "HH:MM"),
    "Shift.end": (
        "end; before the start means the next day (never the start: a tour is under 24 h)",
        "HH:MM",
    ),
    "Shift.name": ("the tour's name", ""),
    "Cover.days": ("weekdays: Mon..Sun, weekdays, weekend or daily", "weekday names"),
    "Cover.shift": ("the tour (a shift code)", ""),
    "Cover.min": ("officers wanted on the tour", "officers"),
    "Cover.max": (
        "most officers wanted on the tour, a soft goal: each one above it costs `weight`, "
        "and `s92 check` warns of it; never refuses a roster whose officers must work their "
        "hours there (none: no limit)",
        "officers",
    ),
    "Cover.weight": (
        "how much a missing officer (or one above `max`) costs in the objective",
        "points",
    ),
    "Posts.constable": ("constable posts bought", "posts"),
    "Posts.sergeant": ("sergeant posts bought", "posts"),
    "Posts.inspector": ("inspector posts bought", "posts"),
    "RankMoney.constable": ("for a constable post (none: the default)", "£ a year"),
    "RankMoney.sergeant": ("for a sergeant post (none: the default)", "£ a year"),
    "RankMoney.inspector": ("for an inspector post (none: the default)", "£ a year"),
    "YearCharge.year": (
        "the financial year (2026, also written FY2026 or 2026/27 = 1 April 2026 to 31 March 2027), "
        "one the term reaches",
        "year",
    ),
    "YearCharge.constable": ("annual charge of a constable post that year", "£ a year"),
    "YearCharge.sergeant": ("annual charge of a sergeant post that year", "£ a year"),
    "YearCharge.inspector": ("annual charge of an inspector post that year", "£ a year"),
    "Variation.from_": ("the first day the variation applies", "date"),
    "Variation.posts": ("the posts bought from that day (none: unchanged)", "posts"),
    "Variation.cover": (
        "the council's tasking from that day, in place of the one before (none: unchanged)",
        "",
    ),
    "Variation.annual_charge": (
        "annual charges in force from that day, per rank (actual pounds in its financial year, raised by `uplift` in each year after), until a `charges` entry for a later financial year",
        "£ a year",
    ),
    "Variation.note": ("what was agreed, for the reader", ""),
    "Contract.id": ("the contract's id (letters, digits, _ . -)", ""),
    "Contract.council": ("the contracting local authority", ""),
    "Contract.bcu": ("the Met Basic Command Unit providing the officers", ""),
    "Contract.scheme": ("partnership-plus or met-patrol-plus", ""),
    "Contract.start": ("first day of the agreement", "date"),
    "Contract.years": ("length of the term", "years"),
    "Contract.posts": ("the posts bought at the start", "posts"),
    "Contract.annual_charge": (
        "annual charge per post at 2019/20 prices (PCD 555: £57,000, £70,500, £86,000)",
        "£ a year",
    ),
    "Contract.charges": (
        "explicit annual charges for given financial years (a rank's once a year)",
        "£ a year",
    ),
    "Contract.uplift": (
        "yearly price uplift from 2019/20: each year's charge is the year before's times "
        "1 + uplift, rounded to the penny",
        'fraction a year (0.03, or "3%")',
    ),
    "Contract.full_cost": ("full cost of a post, for comparison (PCD 555 §3.2)", "£ a year"),
    "Contract.hdd_share": (
        "HDD allowance as a share of contracted days (none: the rules' hdd_share)",
        'fraction (0.05, or "5%")',
    ),
    "Contract.hdd_allowance": (
        "or a fixed HDD allowance per post and year, pro rata by post-days",
        "officer-days",
    ),
    "Contract.hdd_allowance_year": (
        "the year the HDD allowance belongs to: financial (1 April) or contract (from start)",
        "",
    ),
    "Contract.penalised_kinds": ("abstraction kinds that carry a penalty (never aid)", ""),
    "Contract.contracted_days_per_post": (
        "officer-days a post buys a year: the day rate divides the annual charge by it, "
        "and contracted days and the HDD share count it (none: working days of the year)",
        "days",
    ),
    "Contract.match_funding_share": (
        "the MPS's share of the charge (none: 0.5 for met-patrol-plus, else 0)",
        'fraction (0.5, or "50%")',
    ),
    "Contract.co_funder": ("a co-funder such as a BID (the council stays the party)", ""),
    "Contract.cover": (
        "the council's tasking: officers wanted on tours (asked only while the agreement is "
        "in force)",
        "",
    ),
    "Contract.cover_bank_holidays": ("ask for the cover on bank holidays too (double time)", ""),
    "Contract.variation": (
        "changes to posts, charges or tasking from a day on, in any order",
        "",
    ),
    "Contract.notice_given": (
        "notice to end the agreement: it ends 6 months later, or at the term's end if sooner",
        "date",
    ),
    "Request.date": ("the day", "date"),
    "Request.kind": ("on: wants to work; off: wants the day off", ""),
    "Request.shift": ("a tour (a shift code); none: the whole day", ""),
    "Request.weight": ("how much the request counts in the objective", "points"),
    "Officer.id": ("pseudonymous id; no names or personal data", ""),
    "Officer.contract": ("the contract whose post the officer holds", ""),
    "Officer.rank": (
        "constable, sergeant or inspector (in any case; PC, PS, Sgt and Insp read as theirs)",
        "",
    ),
    "Officer.service_years": ("completed years of service: sets annual leave", "years"),
    "Officer.leave": (
        "booked annual leave: days or ranges; a run of consecutive days holds rest_days_per_week "
        "rest days for each whole week of it (REST, counted among those owed); added after "
        "publication, the published rest days it falls on stay REST (README: Entries)",
        "YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD",
    ),
    "Officer.requests": ("wishes to work or not work a day or tour", ""),
    "Officer.start": ("in post from (the post is vacant before)", "date"),
    "Officer.end": ("in post until (the post is vacant after)", "date"),
    "HighDemandEvent.date": ("the day", "date"),
    "HighDemandEvent.name": ("the event (Trooping the Colour, London Marathon …)", ""),
    "HighDemandEvent.start": ("aid tour start (none: 08:00)", "HH:MM"),
    "HighDemandEvent.end": ("aid tour end (none: 18:00)", "HH:MM"),
    "HighDemandEvent.officers": ("officers each contract sends (none: all available)", "officers"),
    "HighDemandEvent.share": ("or the share of available officers sent", "fraction"),
    "HighDemandSettings.add": ("High Demand Days announced for the horizon", ""),
    "HighDemandSettings.remove": ("rule dates that are not High Demand Days this time", "dates"),
    "HighDemandSettings.share": ("share of available officers put on aid", "fraction"),
    "RotaSettings.mode": ("free, or lines of a cyclic base pattern", ""),
    "RotaSettings.cycle_weeks": ("length of the base pattern", "weeks"),
    "RotaSettings.lines": ("the pattern: one text per line, a shift code or . per day", ""),
    "RotaSettings.weight": ("how much leaving one's line costs in the objective", "points"),
}


def field_key(model: type[BaseModel], name: str) -> str:
    return f"{model.__name__}.{name}"


def models() -> list[type[BaseModel]]:
    return [Scenario, *(model for _, model, _ in TABLES)]


def undocumented() -> list[str]:
    """Model fields with no entry in ``FIELDS`` (``source`` is set by the loader)."""
    missing = []
    for model in models():
        for name in model.model_fields:
            if model is Scenario and name == "source":
                continue
            if field_key(model, name) not in FIELDS:
                missing.append(field_key(model, name))
    return missing


# --- JSON Schema -----------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The scenario's JSON Schema: pydantic's, with what TOML holds where a validator reads
    text (clock times, weekday names, leave ranges) and every field's meaning and unit."""
    schema = Scenario.model_json_schema(by_alias=True)
    schema["properties"].pop("source", None)
    defs = schema["$defs"]
    defs.pop("DateRange", None)
    defs["Officer"]["properties"]["leave"]["items"] = DAY_OR_RANGE
    rank = defs["Officer"]["properties"]["rank"]
    rank.pop("enum")
    rank.pop("type")
    rank.update(rank_schema())
    # the names editors offer, and any case with spaces around, as ``parse_weekdays`` reads
    weekday = {
        "anyOf": [
            {"enum": WEEKDAY_NAMES},
            {"type": "string", "pattern": any_case_pattern(WEEKDAY_NAMES, r"\s")},
        ]
    }
    defs["Cover"]["properties"]["days"] = {
        "anyOf": [weekday, {"type": "array", "items": weekday, "minItems": 1}]
    }
    for model in models():
        props = (schema if model is Scenario else defs[model.__name__])["properties"]
        for name, info in model.model_fields.items():
            alias = info.alias or name
            if alias not in props:
                continue
            _clock_times(props[alias])
            meaning, unit = FIELDS.get(field_key(model, name), ("", ""))
            props[alias]["description"] = f"{meaning} ({unit})" if unit else meaning
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "s92 scenario",
        "description": "A scenario file of s92 (TOML). Reference: docs/scenario.md",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def _clock_times(node: dict[str, Any]) -> None:
    if node.get("format") == "time":
        node.pop("format")
        node.update(CLOCK)
    for option in node.get("anyOf", []):
        _clock_times(option)


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


# --- the reference page ----------------------------------------------------------------


def reference_markdown() -> str:
    schema = json_schema()
    lines = [
        "# Scenario file reference",
        "",
        "<!-- GENERATED by `s92 scenario docs --out docs` from the models in",
        "scheduler/scenario/model.py and the meanings in scheduler/scenario/reference.py:",
        "edit those, not this file. -->",
        "",
        "A scenario is a TOML file: the horizon, working-time rules, tour types, the",
        "contracts councils hold (with their variations and notice), the officers and",
        "the High Demand Days. `scenarios/havering.toml` is a commented example;",
        "`s92 validate FILE` checks one and `s92 scenario import` builds one from HR",
        "spreadsheets. Editors that read JSON Schema (VS Code with Even Better TOML,",
        "Taplo) check a file as it is typed against",
        "[scenario.schema.json](scenario.schema.json): put",
        "`#:schema ../docs/scenario.schema.json` (the path from the file) on its first line.",
        "",
        "Dates are `YYYY-MM-DD` (TOML dates or text) in the years 1901-2199; clock times",
        'are `"HH:MM"`, London time. A field with no default must be given.',
        "",
    ]
    defs = schema["$defs"]
    for table, model, intro in TABLES:
        props = defs[model.__name__]["properties"]
        required = set(defs[model.__name__].get("required", []))
        heading = table if "`" in table else f"`{table}`"
        lines += [f"## {heading}", "", intro, ""]
        lines += ["| field | type | default | unit | meaning |", "|---|---|---|---|---|"]
        for name, info in model.model_fields.items():
            alias = info.alias or name
            meaning, unit = FIELDS[field_key(model, name)]
            prop = props[alias]
            default = "required" if alias in required else _default(prop.get("default"))
            lines.append(f"| `{alias}` | {_type(prop)} | {default} | {unit} | {_cell(meaning)} |")
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _default(value: object) -> str:
    if value is None:
        return "none"
    if value == [] or value == {}:
        return "none"
    if isinstance(value, dict):
        return "none" if all(v is None for v in value.values()) else "as each field"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'`"{value}"`' if value else '`""`'
    if isinstance(value, list):
        return "`" + json.dumps(value) + "`"
    return f"`{value}`"


def _type(prop: dict[str, Any]) -> str:
    options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    optional = len(options) < len(prop.get("anyOf", [prop]))
    text = _names(options) or " or ".join(_one(p) for p in options)
    return text + (", optional" if optional else "")


def _names(options: list[dict[str, Any]]) -> str:
    """Names editors offer beside a pattern of the words a reader takes for them (any
    case, other spellings): the names, "in any case" ("" for other options)."""
    if len(options) == 2 and "enum" in options[0] and "pattern" in options[1]:
        return f"{_one(options[0])} (any case)"
    return ""


def _one(p: dict[str, Any]) -> str:
    if "anyOf" in p:
        return _names(p["anyOf"]) or " or ".join(_one(o) for o in p["anyOf"])
    if "$ref" in p:
        return "table"
    if "enum" in p:
        shown = p["enum"] if len(p["enum"]) <= 4 else [*p["enum"][:3], "…"]
        return " \\| ".join(f"`{v}`" for v in shown)
    if "const" in p:
        return f"`{p['const']}`"
    kind = p.get("type")
    if kind == "array":
        return f"list of {_one(p.get('items', {}))}"
    if kind == "string":
        if p.get("format") == "date":
            return "date"
        if p == CLOCK or p.get("pattern") == CLOCK["pattern"]:
            return "time HH:MM"
        return "text"
    bounds = _bounds(p)
    name = {"integer": "integer", "number": "number", "boolean": "true/false"}.get(
        str(kind), str(kind)
    )
    return f"{name} {bounds}".strip()


def _bounds(p: dict[str, Any]) -> str:
    low = (
        f"≥ {p['minimum']}"
        if "minimum" in p
        else f"> {p['exclusiveMinimum']}"
        if "exclusiveMinimum" in p
        else ""
    )
    high = (
        f"≤ {p['maximum']}"
        if "maximum" in p
        else f"< {p['exclusiveMaximum']}"
        if "exclusiveMaximum" in p
        else ""
    )
    both = ", ".join(b for b in (low, high) if b)
    return f"({both})" if both else ""
