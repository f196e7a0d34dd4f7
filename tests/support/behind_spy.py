"""The lawful-roster searches a solve starts beside a large model's direct model
(``lawful.Behind``), collected as they start."""

from __future__ import annotations

from typing import Any

import pytest

import scheduler.core.lawful as lawful_module


def every_behind(monkeypatch: pytest.MonkeyPatch) -> list[lawful_module.Behind]:
    """The lawful-roster searches started beside the direct model, as they start."""
    behind: list[lawful_module.Behind] = []
    real_init = lawful_module.Behind.__init__

    def init(self: lawful_module.Behind, *args: Any) -> None:
        real_init(self, *args)
        behind.append(self)

    monkeypatch.setattr(lawful_module.Behind, "__init__", init)
    return behind
