"""``s92 token create/list/revoke``: API tokens for the accounts of ``s92 serve``.

A token is printed once; the store keeps only its hash, and a number to name it by. Send it
as ``Authorization: Bearer TOKEN``; it has the account's role and scope, and ends when it is
revoked or the account is disabled.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from scheduler.errors import COMMAND_LINE, InputError
from scheduler.store import Store, add_db_argument
from scheduler.store.accounts import Accounts
from scheduler.store.audit import SYSTEM


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser(
        "create",
        help="print a new API token for an account (shown once)",
        description="Print a new API token for an account; it is shown once, stored hashed. "
        "Its number (for s92 token list and revoke) goes to standard error.",
    )
    create.add_argument("name", metavar="NAME")
    add_db_argument(create)
    create.set_defaults(action_run=_create)
    listing = actions.add_parser(
        "list",
        help="show the API tokens: number, account, made, active or revoked",
        description="Show every API token, a line each, tab-separated: its number, its "
        "account, when it was made, and 'active' or 'revoked' with when (UTC).",
    )
    add_db_argument(listing)
    listing.set_defaults(action_run=_list)
    revoke = actions.add_parser(
        "revoke",
        help="end an API token by its number (s92 token list shows them)",
        description="End an API token at once: every call with it is refused from now on.",
    )
    revoke.add_argument("id", metavar="ID", help="the token's number, as s92 token list shows")
    add_db_argument(revoke)
    revoke.set_defaults(action_run=_revoke)


def run(args: argparse.Namespace) -> int:
    action: Callable[[argparse.Namespace], int] = args.action_run
    return action(args)


def _create(args: argparse.Namespace) -> int:
    with Store(args.db, create=False) as store:
        token_id, token = Accounts(store).new_token(args.name, actor=SYSTEM)
    print(token)
    print(
        f"token #{token_id} for {args.name} (s92 token revoke {token_id} ends it)", file=sys.stderr
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    with Store(args.db, create=False) as store:
        tokens = Accounts(store).tokens()
    for t in tokens:
        state = "active" if t.revoked_at is None else f"revoked {t.revoked_at}"
        print(f"{t.id}\t{t.account}\t{t.created_at}\t{state}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    typed = args.id.strip().removeprefix("#")
    if not typed.isascii() or not typed.isdigit() or len(typed) > 18:  # no row holds more
        raise InputError.one(
            COMMAND_LINE, "ID", "not a token number (s92 token list shows them)", args.id
        )
    with Store(args.db, create=False) as store:
        token = Accounts(store).revoke_token(int(typed), actor=SYSTEM)
    print(f"token #{token.id} for {token.account} revoked")
    return 0
