"""A solve's model freed after its answer is returned, not before.

Freeing a large model's Python objects (its variables, its cost expressions, the cycles
among them) takes a few tenths of a second of CPU: 2-4 s on a busy machine, which a
solve's caller waited for past the limit (its locals go when it returns; a model left
unbuilt at the deadline goes as its error is raised). ``free_later(thing)`` hands it to a
thread that waits until no one else refers to it (the solve has returned), then frees it
a little at a time, so that the caller, who has the answer, runs between the pieces. At
the program's end a thread still freeing is dropped with the rest of the memory."""

from __future__ import annotations

import sys
import threading
import time

CHUNK = 2_000  # entries freed between two chances for the caller to run
WAIT = 30.0  # seconds it waits for the others to let go; then they free it themselves
POLL = 0.05


def free_later(thing: object) -> None:
    box = [thing]
    del thing
    threading.Thread(target=_free, args=(box,), name="s92-free-later", daemon=True).start()


def _free(box: list[object]) -> None:
    thing = box.pop()
    given_up = time.monotonic() + WAIT
    # two references: this frame's, and getrefcount's own argument
    while sys.getrefcount(thing) > 2:
        if time.monotonic() > given_up:
            return  # still someone's: theirs to free
        time.sleep(POLL)
    parts = getattr(thing, "__dict__", None)
    if parts is None:
        return
    for name in list(parts):
        part = parts.pop(name)
        _drop(part)
        del part
        time.sleep(0)


def _drop(part: object) -> None:
    """A dict or list emptied a ``CHUNK`` at a time (the interpreter may switch threads
    between chunks; within one, freeing holds it)."""
    if sys.getrefcount(part) > 3:  # shared with something still in use: not emptied
        return
    if isinstance(part, dict):
        while part:
            for _ in range(min(CHUNK, len(part))):
                part.popitem()
            time.sleep(0)
    elif isinstance(part, list):
        while part:
            del part[-CHUNK:]
            time.sleep(0)
