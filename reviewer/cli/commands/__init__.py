"""Command modules. Each defines ``register(subparsers)`` that adds its sub-commands.

Every module in this package is discovered by :func:`reviewer.cli.main.build_parser`; a sub-command
sets ``func`` (``args -> int``) with ``parser.set_defaults(func=...)``.
"""
