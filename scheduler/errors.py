"""Errors a user can cause and fix: reported one line per problem, exit code 2."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: which file, which field, which value, and why."""

    file: str
    field: str
    message: str
    value: object = None

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        shown = "" if self.value is None else f" (got {_show(self.value)})"
        return f"{where}: {self.message}{shown}"


def _show(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "..."


class InputError(Exception):
    """Bad input: carries every problem found, so the user fixes them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def one(cls, file: str, field: str, message: str, value: object = None) -> InputError:
        return cls([Problem(file, field, message, value)])
