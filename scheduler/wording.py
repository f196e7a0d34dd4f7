"""Counts in the words a reader expects: "1 officer-day", "2 officer-days", "1 entry"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str = "") -> str:
    """``n`` and ``noun``, in its plural (``noun`` + s unless given) when ``n`` is not 1."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def no_change(version: str) -> str:
    """What every command and page says of a roster that is the published ``version``
    (as "roster version 3") over again: one wording for ``s92 publish``, ``s92 reroster
    --publish`` and the web's preview."""
    return f"no change from the published {version}: nothing published"
