"""The command modules of the ``toulmin`` command line, one per command group.

Each exposes ``register(subparsers)`` and stays thin: it parses arguments, calls
library functions and prints. :data:`toulmin.cli.COMMAND_MODULES` lists them in order.
"""
