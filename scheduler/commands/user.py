"""``s92 user add/disable/list``: accounts of ``s92 serve`` (admin, planner, council).

A planner sees the contracts of their BCUs (``--bcu``), a council account only its own
contracts (``--contract``), an admin every contract. The password is read from standard
input (``--password-stdin``), never from the command line, where other users of the
machine and the shell history would see it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from scheduler.errors import COMMAND_LINE, InputError
from scheduler.limits import not_utf8
from scheduler.store import Store, add_db_argument
from scheduler.store.accounts import MIN_PASSWORD, ROLES, Accounts, check_new_account
from scheduler.store.audit import SYSTEM
from scheduler.store.scenarios import served_contracts


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add", help="create an account", description="Create an account of s92 serve."
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument(
        "--bcu", action="append", default=[], metavar="CODE", help="a planner's BCU (repeatable)"
    )
    add.add_argument(
        "--contract",
        action="append",
        default=[],
        metavar="ID",
        help="a council account's contract (repeatable)",
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help=f"read the password (at least {MIN_PASSWORD} characters) from standard input",
    )
    add_db_argument(add)
    add.set_defaults(action_run=_add)
    disable = actions.add_parser(
        "disable",
        help="disable an account: no more logins; its sessions and tokens end",
        description="Disable an account (accounts are never deleted: the audit log names them).",
    )
    disable.add_argument("name", metavar="NAME")
    add_db_argument(disable)
    disable.set_defaults(action_run=_disable)
    listing = actions.add_parser("list", help="show the accounts", description="Show the accounts.")
    add_db_argument(listing)
    listing.set_defaults(action_run=_list)


def run(args: argparse.Namespace) -> int:
    action: Callable[[argparse.Namespace], int] = args.action_run
    return action(args)


def _add(args: argparse.Namespace) -> int:
    password = _password_line()
    contracts, bcus = [c.strip() for c in args.contract], [b.strip() for b in args.bcu]
    # the command line's faults said before the store is opened: a refused account makes
    # no store file
    check_new_account(args.name, args.role, password, bcus, contracts)
    with Store(args.db) as store:
        contracts, bcus = _known_scope(served_contracts(store), contracts, bcus)
        account = Accounts(store).add(
            args.name,
            args.role,
            password,
            bcus=bcus,
            contracts=contracts,
            actor=SYSTEM,
        )
    print(f"account {account.name} ({account.role}) created")
    return 0


def _known_scope(
    served: dict[str, str], contracts: list[str], bcus: list[str]
) -> tuple[list[str], list[str]]:
    """The contracts and BCUs as the published scenarios spell them (an id typed in any
    case, as every command reads one: ``hav-pp`` is HAV-PP). Refuse one no published
    scenario holds (a typo gave an account that sees nothing, and said nothing); nothing
    to check before anything is published."""
    if not served:
        return contracts, bcus
    spelt: list[list[str]] = []
    for option, given, known in (
        ("--contract", contracts, sorted(served)),
        ("--bcu", bcus, sorted(set(served.values()))),
    ):
        by_case = {k.casefold(): k for k in known}
        for value in given:
            if value.strip().casefold() not in by_case:
                shown = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
                raise InputError.one(
                    COMMAND_LINE, option, f"not in any published scenario (known: {shown})", value
                )
        spelt.append(
            [value if value in known else by_case[value.strip().casefold()] for value in given]
        )
    return spelt[0], spelt[1]


def _password_line() -> str:
    """The first line of standard input, decoded here from its bytes: the terminal's own
    decoding hands another encoding's bytes on as surrogates, which no hash takes, and
    Notepad's byte order mark is no part of a password."""
    refused = "the password is not UTF-8 text (save it as UTF-8, or type it again)"
    try:
        raw = getattr(sys.stdin, "buffer", None)  # none: a text stream a program gave
        line = sys.stdin.readline() if raw is None else raw.readline().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError.one(COMMAND_LINE, "--password-stdin", refused) from None
    except (OSError, ValueError) as exc:  # no standard input, or a closed one
        raise InputError.one(
            COMMAND_LINE,
            "--password-stdin",
            f"cannot read the password from standard input ({exc})",
        ) from None
    if not_utf8(line):
        raise InputError.one(COMMAND_LINE, "--password-stdin", refused)
    return line.rstrip("\r\n")


def _disable(args: argparse.Namespace) -> int:
    with Store(args.db, create=False) as store:
        Accounts(store).disable(args.name, actor=SYSTEM)
    print(f"account {args.name} disabled")
    return 0


def _list(args: argparse.Namespace) -> int:
    with Store(args.db, create=False) as store:
        accounts = Accounts(store).all()
    for a in accounts:
        scope = " ".join(
            [*(f"bcu:{b}" for b in sorted(a.bcus)), *(f"contract:{c}" for c in sorted(a.contracts))]
        )
        state = "disabled" if a.disabled else "active"
        print(f"{a.name}\t{a.role}\t{state}\t{scope}")
    return 0
