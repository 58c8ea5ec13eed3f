"""The command line: parse, call the service, print text or --json (exit 0 ok, 2 user error, 1 bug).

`debrief [SETTINGS FLAGS] COMMAND ...`: every Settings field has a global flag (generated, see
flags.py), given before the command; each command module registers its subparsers with
`set_defaults(func=handler)`, and a handler takes (args, settings).
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
from typing import TextIO

from debrief.core.errors import UserError
from debrief.ui.cli import corrections, prep, records, tools, writing
from debrief.ui.cli.common import json_flag
from debrief.ui.cli.flags import add_settings_flags, make_settings

__all__ = ["build_parser", "main", "make_settings"]

log = logging.getLogger("debrief")


def build_parser() -> argparse.ArgumentParser:
    """The argparse tree for every command."""
    p = argparse.ArgumentParser(prog="debrief", description=__doc__.split("\n", 1)[0])
    p.add_argument("-v", "--verbose", action="store_true", help="log progress")
    add_settings_flags(p)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    js = json_flag()
    for module in (records, corrections, writing, prep, tools):
        module.register(sub, js)
    return p


def _log_stream() -> TextIO:
    """Where log lines go: a copy of stderr's file descriptor. llama-cpp-python points fd 2 at
    /dev/null while it loads a model (the whole process, for that moment), so a line another
    thread logs then ("extraction of … started") would be lost on stderr itself."""
    try:
        return os.fdopen(os.dup(sys.stderr.fileno()), "w", buffering=1,
                         encoding=sys.stderr.encoding or "utf-8", errors="replace")
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return sys.stderr  # not a real file (a test's captured stream)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `debrief` console script."""
    args = build_parser().parse_args(argv)
    if not logging.getLogger().handlers:  # as basicConfig itself: the first call configures
        logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                            format="%(message)s", stream=_log_stream())
    try:
        settings = make_settings(args)
        return int(args.func(args, settings) or 0)
    except UserError as exc:
        print(f"debrief: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("debrief: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line, with the details in the log when -v
        log.debug("unexpected error", exc_info=True)
        print(f"debrief: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
