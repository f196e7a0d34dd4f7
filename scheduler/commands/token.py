"""``s92 token create NAME``: an API token for an account of ``s92 serve``.

The token is printed once; the store keeps only its hash. Send it as
``Authorization: Bearer TOKEN``; it has the account's role and scope, and ends when the
account is disabled.
"""

from __future__ import annotations

import argparse

from scheduler.store import Store, add_db_argument
from scheduler.store.accounts import Accounts
from scheduler.store.audit import SYSTEM


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser(
        "create",
        help="print a new API token for an account (shown once)",
        description="Print a new API token for an account; it is shown once, stored hashed.",
    )
    create.add_argument("name", metavar="NAME")
    add_db_argument(create)


def run(args: argparse.Namespace) -> int:
    with Store(args.db, create=False) as store:
        token = Accounts(store).create_token(args.name, actor=SYSTEM)
    print(token)
    return 0
