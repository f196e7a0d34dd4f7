"""Scenario TOML documents changed one field at a time, for the fuzz tests: a value
written as TOML, a document written back from a dict, every place a value could go, and a
document with one of them replaced or removed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from hardening_helpers import toml_string


@dataclass(frozen=True)
class Deep:
    """An array nested ``depth`` levels (written without recursing)."""

    depth: int


def toml_value(value: object) -> str:
    if isinstance(value, Deep):
        return "[" * value.depth + "]" * value.depth
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(str(value), repr(value))
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
        )
    raise TypeError(value)


def toml_document(data: Mapping[str, object]) -> str:
    return "".join(f"{toml_string(k)} = {toml_value(v)}\n" for k, v in data.items())


def leaf_paths(node: object, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a TOML document a value could be replaced (containers included)."""
    paths = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            paths += leaf_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            paths += leaf_paths(value, (*prefix, i))
    return paths


def replaced(node: Any, path: tuple[Any, ...], value: object) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        return {**node, head: replaced(node[head], rest, value)}
    copy = list(node)
    copy[head] = replaced(node[head], rest, value)
    return copy


def removed(node: Any, path: tuple[Any, ...]) -> Any:
    """``node`` without the value at ``path`` (a key of a table, an item of an array)."""
    head, rest = path[0], path[1:]
    if rest:
        if isinstance(node, dict):
            return {**node, head: removed(node[head], rest)}
        copy = list(node)
        copy[head] = removed(node[head], rest)
        return copy
    if isinstance(node, dict):
        return {k: v for k, v in node.items() if k != head}
    return [v for i, v in enumerate(node) if i != head]
