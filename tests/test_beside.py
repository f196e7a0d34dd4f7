"""``scheduler.beside``: work done in a forked child while the parent goes on."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from scheduler import beside
from scheduler.beside import Beside, ChildFailed
from scheduler.errors import InputError


def _write(path: Path, text: str) -> None:
    path.write_text(text)


def _pid_to(path: Path) -> None:
    path.write_text(str(os.getpid()))


def _refuse(file: str) -> None:
    raise InputError.one(file, "tour", "no such tour", "X9")


def _full(path: Path) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", str(path))


def _die() -> None:
    os._exit(3)


class _Unpicklable(Exception):
    def __init__(self) -> None:
        super().__init__("cannot travel")
        self.handle = lambda: None  # a lambda does not pickle

    def __reduce__(self) -> tuple:
        raise TypeError("not picklable")


def _raise_unpicklable() -> None:
    raise _Unpicklable


class _UnpicklableDiskFault(OSError):
    """A fault of the disk carrying what will not pickle (a stream's handle, say)."""

    def __reduce__(self) -> tuple:
        raise TypeError("not picklable")


def _raise_unpicklable_full() -> None:
    raise _UnpicklableDiskFault(errno.ENOSPC, "No space left on device")


def test_the_work_is_done_in_another_process_and_finished_on_leaving(tmp_path: Path) -> None:
    out = tmp_path / "pid"
    with Beside(_pid_to, out):
        pass
    assert out.read_text() != str(os.getpid())  # a child did it ...
    with Beside(_write, tmp_path / "a.txt", "roster"):
        pass
    assert (tmp_path / "a.txt").read_text() == "roster"  # ... and it is done on leaving


def test_an_input_error_comes_back_whole() -> None:
    with Beside(_refuse, "scenario.toml") as job:
        pass
    with pytest.raises(InputError) as caught:
        job.result()
    assert [str(p) for p in caught.value.problems] == [
        "scenario.toml: tour: no such tour (got 'X9')"
    ]


def test_a_disk_fault_comes_back_as_the_os_error(tmp_path: Path) -> None:
    with Beside(_full, tmp_path / "roster.xlsx") as job:
        pass
    with pytest.raises(OSError, match="No space left") as caught:
        job.result()
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename == str(tmp_path / "roster.xlsx")


def test_a_child_that_dies_or_cannot_say_why_is_reported() -> None:
    with Beside(_die) as died, Beside(_raise_unpicklable) as mute:
        pass
    with pytest.raises(ChildFailed, match="exit code 3"):
        died.result()
    with pytest.raises(ChildFailed, match="cannot travel"):
        mute.result()


def test_an_error_not_asked_for_is_not_raised(tmp_path: Path) -> None:
    with Beside(_full, tmp_path / "roster.xlsx"):
        pass  # the caller threw the work away


def test_the_blocks_own_error_wins_and_the_child_is_waited_for(tmp_path: Path) -> None:
    out = tmp_path / "late.txt"
    with pytest.raises(KeyError), Beside(_write, out, "done"):
        raise KeyError("the parent's own fault")
    assert out.read_text() == "done"  # not left half-way
    with pytest.raises(KeyError), Beside(_full, out):  # the child's fault does not mask it
        raise KeyError("the parent's own fault")


def test_without_fork_the_work_runs_here_on_leaving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(beside, "_FORK", False)
    out = tmp_path / "pid"
    with Beside(_pid_to, out):
        assert not out.exists()
    assert out.read_text() == str(os.getpid())
    with Beside(_refuse, "scenario.toml") as job:
        pass
    with pytest.raises(InputError):
        job.result()
    out.unlink()
    with pytest.raises(KeyError), Beside(_pid_to, out):
        raise KeyError("the parent's own fault")
    assert not out.exists()  # not started after the block failed


def test_a_child_killed_is_one_line_from_the_command(tmp_path: Path) -> None:
    from scheduler.cli import disk_fault

    with Beside(_die) as job:
        pass
    with pytest.raises(ChildFailed) as caught:
        job.result()
    assert disk_fault(caught.value) == "s92: _die stopped with exit code 3"


def test_a_disk_fault_that_will_not_pickle_comes_back_as_a_disk_fault() -> None:
    """A full disk whose error would not travel came back as 'failed: OSError(28, ...)',
    which the command printed as it stood, not as a full disk; it keeps its errno now."""
    with Beside(_raise_unpicklable_full) as job:
        pass
    with pytest.raises(OSError, match="No space left") as caught:
        job.result()
    assert caught.value.errno == errno.ENOSPC
    assert not isinstance(caught.value, ChildFailed)
