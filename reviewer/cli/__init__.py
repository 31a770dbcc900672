"""The ``reviewer`` command line: one module per command group under ``reviewer.cli.commands``."""
