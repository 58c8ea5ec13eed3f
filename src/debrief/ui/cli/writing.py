"""Commands that read across debriefs or write with the model: ask, thank-you, connect,
follow-up, insights."""

from __future__ import annotations

import argparse
import sys

from debrief.core.config import Settings
from debrief.core.domain import STAGES, TONES
from debrief.ui.cli.common import Subparsers, print_json, service

MESSAGES = (("thank-you", "a grounded thank-you note to someone you met"),
            ("connect", "a LinkedIn connection note (max 300 characters)"),
            ("follow-up", "a follow-up after silence or a rejection"))


def register(sub: Subparsers, json_flag: argparse.ArgumentParser) -> None:
    """Add ask, the message commands and insights to the subparsers."""
    js = [json_flag]
    sp = sub.add_parser("ask", parents=js, help="ask a question across your past interviews")
    sp.add_argument("question")
    sp.add_argument("--company")
    sp.add_argument("--stage", help="one of: " + ", ".join(STAGES))
    sp.add_argument("--since", help="YYYY-MM-DD")
    sp.add_argument("--until", help="YYYY-MM-DD")
    sp.set_defaults(func=cmd_ask)
    for kind, helptext in MESSAGES:
        sp = sub.add_parser(kind, parents=js, help=helptext)
        sp.add_argument("id")
        sp.add_argument("--to", required=kind != "follow-up", metavar="NAME")
        if kind == "thank-you":
            sp.add_argument("--tone", choices=list(TONES), default="warm")
        sp.set_defaults(func=cmd_message, kind=kind)
    sp = sub.add_parser("insights", parents=js,
                        help="patterns across debriefs: questions, values, people")
    sp.add_argument("--company", help="only companies whose name contains this")
    sp.set_defaults(func=cmd_insights)


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer a question from the notes, streaming unless --json."""
    from debrief.features.ask import Answer, Filters
    from debrief.service import check_date, check_stage

    filters = Filters(
        company=args.company, stage=check_stage(args.stage) if args.stage else None,
        since=check_date(args.since) if args.since else None,
        until=check_date(args.until) if args.until else None)
    svc = service(settings)
    if args.json:
        print_json(svc.ask(args.question, filters).model_dump(mode="json"))
        return 0
    final: Answer | None = None
    streamed = ""
    for part in svc.ask_stream(args.question, filters):
        if isinstance(part, Answer):
            final = part
        else:
            streamed += part
            sys.stdout.write(part)
            sys.stdout.flush()
    print()
    assert final is not None
    if final.answer.startswith(streamed.strip()) and streamed.strip():
        rest = final.answer[len(streamed.strip()):].strip()  # e.g. "Your notes say: …"
        if rest:
            print(rest)
    else:  # the checks changed the reply (a refusal, a sentence the notes don't back dropped)
        if streamed.strip():
            print("Checked against your notes:")
        print(final.answer)
    for i, c in enumerate(final.citations, 1):
        print(f"  [{i}] {c.company}, {c.role or '-'}, {c.date} ({c.debrief_id}): \"{c.quote}\"")
    return 0


def cmd_message(args: argparse.Namespace, settings: Settings) -> int:
    """A grounded thank-you, connection note or follow-up (args.kind), saved with the debrief."""
    svc = service(settings)
    out = None
    show = sys.stderr.isatty() and not args.json
    for out in svc.compose_stream(args.id, args.kind, args.to, getattr(args, "tone", "warm")):
        if show:  # progress while the model writes: the message is printed once it is checked
            n = len(out.grounding)
            print(f"\rwriting… {n} checked sentence{'s' * (n != 1)}", end="", file=sys.stderr)
    if show:
        print("\r\033[K", end="", file=sys.stderr)
    assert out is not None
    if args.json:
        print_json(out.model_dump(mode="json"))
        return 0
    print(out.message)
    for w in out.warnings:
        print(f"note: {w}", file=sys.stderr)
    return 0


def cmd_insights(args: argparse.Namespace, settings: Settings) -> int:
    """Patterns across interviews (no chat model runs)."""
    ins = service(settings).insights(company=args.company)
    if args.json:
        print_json(ins.model_dump(mode="json"))
        return 0
    if not ins.debriefs:
        print("no debriefs yet" + (f" for '{args.company}'" if args.company else ""))
        return 0
    print(f"{ins.debriefs} debriefs, {ins.extracted} extracted")
    print("\nQuestions asked most:")
    for g in ins.question_bank[:10]:
        print(f"  {g.count}x  {g.text}  ({', '.join(g.companies)})")
    print("\nWhat interviewers value:")
    for t in ins.interviewer_values[:8]:
        print(f"  {t.count}x  {t.text}  ({', '.join(t.companies)}; "
              f"{', '.join(t.interviewers) or 'interviewer not named'})")
    due = [c for c in ins.network if c.follow_up_due]
    if due:
        print("\nFollow-up due (no message saved yet):")
        for c in due:
            print(f"  {c.name} ({c.company}), met {c.last_met}, {c.days_since} days ago")
    if ins.better_fit_roles:
        print("\nOther roles mentioned:")
        for r in ins.better_fit_roles:
            print(f"  [{r.status}] {r.text} ({r.company}, {r.date}; key {r.key})")
    print("\nPractice plan:")
    for p in ins.practice_plan:
        print(f"  [ ] {p.text}" + (f" (asked {p.count}x)" if p.count > 1 else ""))
    return 0
