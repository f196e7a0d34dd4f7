"""The ``s92`` command. Exit codes: 0 success; 1 the roster breaks a rule or cannot be
built; 2 bad input (one line per problem, no traceback)."""

from __future__ import annotations

# first: Ctrl-C while the modules below load is the one line, not a traceback
from scheduler import starting

# isort: split
import argparse
import atexit
import itertools
import os
import re
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable, Sequence
from importlib import import_module
from types import ModuleType
from typing import NoReturn

# nothing heavier than this module's own at the top: main() catches Ctrl-C while a
# command's modules load (scheduler.limits loads the calendars, 0.4 s of the start)
from scheduler import interrupt
from scheduler.cpuload import CpuSample, process_age
from scheduler.errors import (
    COMMAND_LINE,
    InputError,
    disk_advice,
    printable,
    where_the_folder_is_gone,
)
from scheduler.interrupt import Terminated

EXIT_OK, EXIT_RULES, EXIT_INPUT = 0, 1, 2

# command -> (module, help); each module has add_arguments(parser) and run(args) -> int
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("scheduler.commands.validate", "check a scenario file and summarise it"),
    "calendar": ("scheduler.commands.calendar", "bank holidays and High Demand Days of a year"),
    "roster": ("scheduler.commands.roster", "build a lawful roster for every officer"),
    "check": ("scheduler.commands.check", "re-verify every hard rule of a roster CSV or workbook"),
    "abstract": (
        "scheduler.commands.abstract",
        "record, void, list and import entries: leave, sickness, abstractions",
    ),
    "reroster": ("scheduler.commands.reroster", "re-roster around the entries, least disruption"),
    "publish": ("scheduler.commands.publish", "check and publish a roster a planner edited"),
    "explain": ("scheduler.commands.explain", "why a tour had fewer officers than asked for"),
    "report": ("scheduler.commands.report", "contract delivery report for a council"),
    "ical": ("scheduler.commands.ical", "publish rosters as iCal calendars"),
    "sweep": ("scheduler.commands.sweep", "Monte Carlo of abstraction risk per council"),
    "scenario": (
        "scheduler.commands.scenario",
        "build a scenario from HR spreadsheets; its reference",
    ),
    "store": ("scheduler.commands.store", "check the store file: integrity and the entry chain"),
    "serve": ("scheduler.commands.serve", "web pages and JSON API over the store"),
    "user": ("scheduler.commands.user", "accounts of s92 serve: add, disable, list"),
    "token": ("scheduler.commands.token", "API tokens of s92 serve"),
}


_NO_VALUE = re.compile(r"^argument (--[\w-]+)(?:/-\w)?: expected one argument$")


class _Parser(argparse.ArgumentParser):
    given: Sequence[str] = ()  # the command line parsed (main sets it), for error's hint

    def error(self, message: str) -> NoReturn:  # one line, exit 2, like every other input error
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}{_dash_hint(message, _Parser.given)}", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)


def _dash_hint(message: str, given: Sequence[str]) -> str:
    """argparse reads a value starting with '-' ('-flu', '-2 days') as an option, and says
    the option before it has none: say how to give it, when that is what happened."""
    option = _NO_VALUE.match(message)
    if option is None:
        return ""
    name = option.group(1)
    after = [
        value
        for word, value in itertools.pairwise(given)
        if word == name and value.startswith("-") and not value.startswith("--")
    ]  # '--out --quiet': the folder forgotten, no value to hint at
    if not after:
        return ""
    return f" (a value starting with '-' goes after '=': {name}={after[-1]})"


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command; only the command ``argv`` names (all, without one)
    has its module imported and its arguments added, so a command starts without loading
    every other (the web server, the reports' charts)."""
    chosen = _chosen(sys.argv[1:] if argv is None else argv)
    parser = _Parser(prog="s92", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, (module_name, help_text) in COMMANDS.items():
        if chosen is not None and name != chosen:
            sub.add_parser(name, help=help_text, description=help_text)
            continue
        module = _module(module_name)
        if module is None:
            continue
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return parser


def _chosen(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names: its first word that is one."""
    for word in argv:
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def _module(name: str) -> ModuleType | None:
    try:
        return import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:  # command not built yet
            return None
        raise


def main(argv: Sequence[str] | None = None, *, from_process_start: bool = False) -> int:
    """Run the command ``argv`` (default ``sys.argv``); its exit code.

    ``from_process_start`` (the installed ``s92``): the command's clock starts with its
    process, so the interpreter's start-up and the imports before this line are part of
    what --time-limit counts. Called from a program that has run for a while (a test, a
    script importing s92), the clock starts here: the caller's own start is not s92's."""
    since = CpuSample.now()  # how busy other work keeps the cores, from the start
    # the process's CPU time at its start: none; where its start is not known, this line's
    age = process_age() if from_process_start else 0.0
    began, began_cpu = (since.wall - age, 0.0) if age else (since.wall, since.own)
    try:
        with interrupt.handled():
            parser = build_parser(argv)
            _Parser.given = list(sys.argv[1:] if argv is None else argv)
            args = parser.parse_args(argv)
            # a signal a finalizer swallowed while the modules loaded: raised here, or
            # the command would run to its end and exit 0 (no commit point looks back)
            interrupt.check()
    except Terminated:
        return _terminated()
    except KeyboardInterrupt:  # while loading (seconds on a busy machine): no traceback
        return _interrupted()
    args.began = began  # a --time-limit counts the command's own start-up too
    args.began_cpu = began_cpu
    args.since = since
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        with interrupt.handled():
            return run(args)
    except InputError as exc:
        for line in where_the_folder_is_gone(exc).lines():
            print(line, file=sys.stderr)
        return EXIT_INPUT
    except UnicodeEncodeError as exc:
        # a value that was not UTF-8 (an argument in another encoding) reached a file or
        # the store past the checks that name it: still one line, nothing written
        from scheduler.limits import NOT_UTF8, not_utf8

        if not not_utf8(str(exc.object)):
            raise
        shown = str(exc.object)[:80]
        print(printable(f"{COMMAND_LINE}: {shown!r} {NOT_UTF8}"), file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # `s92 calendar 2026 | head -2`: the reader has all it wants
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:  # the machine's fault, not the program's: one line, no traceback
        print(disk_fault(exc), file=sys.stderr)
        return EXIT_INPUT
    except sqlite3.Error as exc:  # a store fault the store did not name (it names most)
        print(printable(f"s92: the store failed: {exc}"), file=sys.stderr)
        return EXIT_INPUT
    except Terminated:
        return _terminated()
    except KeyboardInterrupt:
        return _interrupted()


def _terminated() -> int:
    print("s92: terminated", file=sys.stderr)
    return 128 + signal.SIGTERM


def _interrupted() -> int:
    print("s92: interrupted", file=sys.stderr)
    return 130


def disk_fault(exc: OSError) -> str:
    """One line naming the file and what to do about a fault of the disk or folder."""
    where = exc.filename or "s92"
    return printable(f"{where}: {disk_advice(exc)}")


def _silence_stdout() -> None:
    # Python would report the broken pipe again when it flushes stdout at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def script() -> NoReturn:
    """The ``s92`` command as installed: ``main``, and then its exit code whatever signal
    comes. The command's work is done by then (its files in place, the store committed);
    a Ctrl-C or SIGTERM while the interpreter shuts down (a second or more on a busy
    machine) ended it as killed by the signal, and a script that ran ``s92 roster
    --publish`` under ``timeout`` took a published roster for a failed run."""
    code = main(from_process_start=True)
    # ignored, not handled: Python puts a handler of its own back to the default as it
    # finalizes (after its last line of Python has run), but leaves an ignored signal be
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)
    _exit(code)


def _exit(code: int) -> NoReturn:
    """Exit with ``code`` once the command is done, without the interpreter's teardown of
    every object left (London's roster: a second of a half-shared core, after the files
    are in place, for nothing a user sees). The exit handlers run as ever (multiprocessing's
    children, logging's flush) and the standard streams are flushed; any other thread
    still running, or a stream that will not flush, takes Python's own way out instead."""
    atexit._run_exitfuncs()  # noqa: SLF001 - the one way to run them now, once
    if threading.active_count() > 1:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken stream: Python says so, as before
        sys.exit(code)
    os._exit(code)


starting.restore()  # loaded: main() catches Ctrl-C from here on

if __name__ == "__main__":  # pragma: no cover
    script()
