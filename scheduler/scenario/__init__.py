"""Scenario files (TOML) -> validated, immutable domain objects."""

from scheduler.scenario.load import load_scenario, scenario_from_dict
from scheduler.scenario.model import (
    ABSTRACTION_KINDS,
    RANKS,
    Contract,
    Cover,
    Officer,
    Rules,
    Scenario,
    Shift,
)

__all__ = [
    "ABSTRACTION_KINDS",
    "RANKS",
    "Contract",
    "Cover",
    "Officer",
    "Rules",
    "Scenario",
    "Shift",
    "load_scenario",
    "scenario_from_dict",
]
