"""Errors a user can cause and fix: reported one line per problem, exit code 2.

Text from a user's files reaches the terminal through ``printable``, so a name or reason
holding escape sequences cannot recolour, retitle or rewrite the user's terminal.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass

COMMAND_LINE = "<command line>"  # the "file" of a problem with an option or argument
MAX_PROBLEMS = 20  # problems printed: enough to see a pattern, short enough to read

# C0 and C1 controls and DEL (the escape sequences' start), and the Unicode marks that
# reorder or hide text on screen (bidirectional overrides and isolates, "Trojan source"),
# and lone surrogates (bytes of an argument or file name that were not UTF-8), which a
# stream that writes strict UTF-8 cannot take
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), so what
    reaches a terminal is what the file holds; tabs stay, newlines only if allowed."""
    shown = _UNPRINTABLE.sub(_escape, text)
    if not newlines:
        shown = shown.replace("\n", "\\n")
    return shown


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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
        return printable(f"{where}: {self.message}{shown}")


def _show(value: object) -> str:
    return clipped(repr(value) if isinstance(value, str) else str(value))


def clipped(text: str, limit: int = 80) -> str:
    """``text``, or its first ``limit`` characters ending in ``...``: a value quoted back
    to a user (a pasted page of text) is named, not repeated whole."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


class InputError(Exception):
    """Bad input: carries every problem found, so the user fixes them all at once."""

    def __init__(self, problems: list[Problem], more: int = 0) -> None:
        """``more``: problems of the same kind a reader counted without listing (a sheet
        of mistakes need not hold a hundred thousand of them)."""
        self.problems = problems
        self.more = more
        super().__init__("\n".join(self.lines(len(problems))))

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Problem], int]]:
        # pickled whole (an error raised in a child process, ``scheduler.beside``), not as
        # the joined message ``Exception`` would pickle
        return (type(self), (self.problems, self.more))

    @classmethod
    def one(cls, file: str, field: str, message: str, value: object = None) -> InputError:
        return cls([Problem(file, field, message, value)])

    def lines(self, limit: int = MAX_PROBLEMS) -> list[str]:
        """One line per problem, the first ``limit`` of them and a count of the rest: the
        one place a list of problems is cut short (each reader hands over all it found)."""
        shown = [str(p) for p in self.problems[:limit]]
        rest = max(0, len(self.problems) - limit) + self.more
        if rest > 0:
            shown.append(f"... and {rest} more problem{'s' * (rest != 1)}")
        return shown


def disk_advice(exc: OSError) -> str:
    """What to do about a fault of the disk or a folder, in a few words."""
    if exc.errno == errno.ENOENT and _cwd_gone():
        return _CWD_GONE
    # a fault with no errno (``ChildFailed``) says itself: its ``str`` once a file is named
    # on it is "[Errno None] None: 'out'"
    said = exc.strerror or (str(exc.args[0]) if len(exc.args) == 1 else str(exc))
    return _DISK_ADVICE.get(exc.errno or 0, said)


_CWD_GONE = (
    "the current folder no longer exists (deleted or moved since the shell went there): "
    "cd to a folder that exists and run the command again"
)


def where_the_folder_is_gone(error: InputError) -> InputError:
    """``error`` with its problems that find no file at a relative path said as what they
    are when the current folder was removed under the shell: the file is not missing, the
    folder every relative path starts from is ("x.toml: no such file" sent the user
    looking for a file that was there)."""
    if not _cwd_gone():
        return error
    said = [
        Problem(p.file, p.field, _CWD_GONE)
        if p.message.startswith("no such") and _relative(p.file)
        else p
        for p in error.problems
    ]
    return InputError(said, error.more) if said != error.problems else error


def _relative(name: str) -> bool:
    """Whether a problem's file is a relative path (not "<command line>", "$S92_DB" ...)."""
    return bool(name) and not name.startswith(("<", "$", "/", "~"))


def _cwd_gone() -> bool:
    """Whether the current folder was removed under the shell (every relative path, and
    the default store file, then names nothing)."""
    try:
        os.getcwd()
    except FileNotFoundError:
        return True
    return False


_DISK_ADVICE: dict[int, str] = {
    errno.ENOSPC: "the disk is full: free some space and run the command again",
    errno.EDQUOT: "the disk quota is used up: free some space and run the command again",
    errno.EROFS: "the file system is read-only: choose a writable folder",
    errno.EACCES: "permission denied: choose a folder you can write, or ask for access",
    errno.EPERM: "not permitted: choose a folder you can write, or ask for access",
    errno.ENOENT: "no such file or folder",
    errno.EISDIR: "is a folder, not a file",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "already exists and is not a folder",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EFBIG: (
        "a file would be larger than this system lets a program write (a file-size limit, "
        "ulimit -f, or the file system's largest file): raise the limit, or write elsewhere"
    ),
    errno.EIO: "the disk failed (input/output error): check it, then run the command again",
}
