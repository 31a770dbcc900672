"""``reviewer team grant|revoke|list``: physicians' own logins on a PostgreSQL study database
(see reviewer.team and docs/TEAM_ACCESS.md)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from reviewer.cli.common import store_from_args
from reviewer.errors import InputError

PASSWORD_ENV = "REVIEWER_TEAM_PASSWORD"


def read_password(env: str, rater: str) -> str:
    """The new role's password: from the environment variable *env* when set, else typed twice at
    a prompt that does not echo. Never printed or logged."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise InputError(f"no password: set the environment variable {env} or run this in a terminal",
                         item=f"rater {rater!r}")
    first = getpass.getpass(f"Password for {rater}'s database login: ")
    if getpass.getpass("The same password again: ") != first:
        raise InputError("the two passwords differ; nothing was changed", item=f"rater {rater!r}")
    return first


def cmd_grant(args: argparse.Namespace) -> int:
    from reviewer.team import grant_rater

    password = read_password(args.password_env, args.rater)
    store = store_from_args(args)
    member = grant_rater(store, args.rater, password, role=args.role)
    print(f"rater {member.rater!r} can log in as database role {member.role!r}: their own assignments, "
          f"cases, checklists and ratings only (no model names, verdicts or other raters' ratings)")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from reviewer.team import revoke_rater

    store = store_from_args(args)
    role, dropped = revoke_rater(store, args.rater)
    print(f"rater {args.rater!r}: role {role!r} " + ("dropped" if dropped else
          "removed from the physician group and its login disabled (it still owns objects elsewhere)"))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from reviewer.team import list_members

    members = list_members(store_from_args(args))
    if not members:
        print("no team roles in this database")
    for m in members:
        print(f"  {m.rater:<24} {m.role:<32} {'login' if m.can_login else 'no login'}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    team = sub.add_parser("team", help="physicians' own logins on a PostgreSQL study database")
    tsub = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    p = tsub.add_parser("grant", help="create or update a rater's login role (blinded: own work only)")
    p.add_argument("--rater", required=True, help="the rater's name, as in 'reviewer assign'")
    p.add_argument("--role", default=None, help="database role name (default: reviewer_<rater>)")
    p.add_argument("--password-env", default=PASSWORD_ENV, metavar="VAR",
                   help=f"read the password from this environment variable (default {PASSWORD_ENV}); "
                        "without it, you are asked for it")
    p.set_defaults(func=cmd_grant)
    p = tsub.add_parser("revoke", help="remove a rater's login role")
    p.add_argument("--rater", required=True)
    p.set_defaults(func=cmd_revoke)
    p = tsub.add_parser("list", help="raters with a login role in this database")
    p.set_defaults(func=cmd_list)
