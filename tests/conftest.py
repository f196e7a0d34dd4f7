"""Shared test set-up: helpers shared across folders live in tests/support, put on sys.path
here. No test folder may be named like a package it tests (pytest puts tests/ on sys.path,
and a tests/calendars folder would shadow the calendars package)."""

import sys
from pathlib import Path

_SUPPORT = str(Path(__file__).parent / "support")
if _SUPPORT not in sys.path:
    sys.path.insert(0, _SUPPORT)
