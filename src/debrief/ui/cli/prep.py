"""`debrief prep COMPANY [--json|--markdown]`: a brief for the next round at one company."""

from __future__ import annotations

import argparse

from debrief.core.config import Settings
from debrief.features.insights.brief import brief_markdown
from debrief.ui.cli.common import Subparsers, print_json, service


def register(sub: Subparsers, json_flag: argparse.ArgumentParser) -> None:
    """Add prep to the subparsers."""
    sp = sub.add_parser("prep", parents=[json_flag],
                        help="a brief for the next round at one company")
    sp.add_argument("company")
    sp.add_argument("--markdown", action="store_true", help="print Markdown")
    sp.add_argument("--sent", metavar="KEY", action="append", default=[],
                    help="mark a follow-up sent (its key, as --json shows it), then print")
    sp.set_defaults(func=cmd_prep)


def cmd_prep(args: argparse.Namespace, settings: Settings) -> int:
    """Print the brief as text, Markdown or JSON."""
    svc = service(settings)
    for key in args.sent:
        svc.mark_sent(key)
    brief = svc.prep(args.company)
    if args.json:
        print_json(brief.model_dump(mode="json"))
    elif args.markdown:
        print(brief_markdown(brief), end="")
    else:  # the same lines, without the Markdown marks
        for line in brief_markdown(brief).splitlines():
            print(line.replace("**", "").lstrip("#").strip() if line.startswith("#")
                  else line.replace("**", ""))
    return 0
