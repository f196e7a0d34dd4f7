"""Generic staff-rostering core: data model, CP-SAT model builder, solver and result.

Knows nothing about police: ``scheduler.rules`` compiles regulations into these objects.
"""

from .data import (
    CompanionRule,
    ConsecutiveShiftLimit,
    Cover,
    FairnessRule,
    Problem,
    RestPeriod,
    RotaLines,
    ShiftRequest,
    ShiftType,
    StaffMember,
    WindowLimit,
)
from .explain import explain_infeasible
from .model import BuiltModel, build_model
from .result import Conflict, Progress, Solution, Status
from .solve import solve

__all__ = [
    "BuiltModel",
    "CompanionRule",
    "Conflict",
    "ConsecutiveShiftLimit",
    "Cover",
    "FairnessRule",
    "Problem",
    "Progress",
    "RestPeriod",
    "RotaLines",
    "ShiftRequest",
    "ShiftType",
    "Solution",
    "StaffMember",
    "Status",
    "WindowLimit",
    "build_model",
    "explain_infeasible",
    "solve",
]
