"""Commands over stored debriefs: add, list, show, edit, delete, export, import, backup, reindex,
extract."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from debrief.core.config import Settings
from debrief.core.domain import CATEGORIES, STAGES, Debrief, Extraction
from debrief.core.errors import UserError
from debrief.ui.cli.common import (
    Subparsers,
    people,
    print_json,
    read_input,
    service,
    summary,
)


def _record_flags() -> argparse.ArgumentParser:
    """The fields of a debrief, shared by add and edit."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--company")
    parent.add_argument("--role")
    parent.add_argument("--date", help="YYYY-MM-DD (default today)")
    parent.add_argument("--stage", help="one of: " + ", ".join(STAGES))
    parent.add_argument("--person", action="append", default=None, metavar='"Name|Title"')
    return parent


def register(sub: Subparsers, json_flag: argparse.ArgumentParser) -> None:
    """Add the record commands to the subparsers."""
    fields, js = _record_flags(), [json_flag]
    sp = sub.add_parser("add", parents=[fields, *js], help="save a new debrief (then extract)")
    sp.add_argument("file", nargs="?", help="notes file, or - for standard input")
    sp.add_argument("--no-extract", action="store_true", help="save only; extract later")
    sp.set_defaults(func=cmd_add)
    sp = sub.add_parser("list", parents=js, help="list debriefs, newest first")
    sp.add_argument("--company")
    sp.add_argument("--search", help="only debriefs whose text contains this")
    sp.set_defaults(func=cmd_list)
    sp = sub.add_parser("show", parents=js, help="show one debrief")
    sp.add_argument("id")
    sp.set_defaults(func=cmd_show)
    sp = sub.add_parser("edit", parents=[fields, *js], help="change a debrief's notes or fields")
    sp.add_argument("id")
    sp.add_argument("file", nargs="?", help="new notes file, or - for standard input")
    sp.set_defaults(func=cmd_edit)
    sp = sub.add_parser("delete", parents=js, help="delete a debrief and its chunks")
    sp.add_argument("id")
    sp.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    sp.set_defaults(func=cmd_delete)
    sp = sub.add_parser("export", help="export every debrief")
    sp.add_argument("--format", choices=["json", "markdown"], default="json")
    sp.add_argument("-o", "--output", help="file to write (default standard output)")
    sp.set_defaults(func=cmd_export)
    sp = sub.add_parser("import", parents=js,
                        help="import a JSON export or a folder of .md/.txt notes")
    sp.add_argument("path")
    sp.set_defaults(func=cmd_import)
    sp = sub.add_parser("reindex", parents=js, help="rebuild every chunk and vector")
    sp.set_defaults(func=cmd_reindex)
    sp = sub.add_parser("backup", parents=js,
                        help="write a dated JSON export into DATA_DIR/backups")
    sp.add_argument("--keep", type=int, default=7, help="how many backups to keep")
    sp.set_defaults(func=cmd_backup)
    sp = sub.add_parser("extract", parents=js,
                        help="extract from a file (not stored) or a stored debrief ID")
    sp.add_argument("source", nargs="?", default="-", help="FILE, - or a debrief ID")
    sp.set_defaults(func=cmd_extract)


def _say(args: argparse.Namespace, data: dict[str, object], text: str) -> None:
    """A short result: data as JSON with --json, else the line of text."""
    if args.json:
        print_json(data)
    else:
        print(text)


def cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    """Save a debrief, then extract unless --no-extract."""
    notes = read_input(args.file)
    svc = service(settings)
    d = svc.add(notes, company=args.company, role=args.role, date=args.date, stage=args.stage,
                people=people(args.person))
    if not args.no_extract:
        print(f"saved {d.id}; extracting (Ctrl-C keeps the note) ...", file=sys.stderr)
        d = svc.run_extraction(d.id)
        if d.extraction_status == "failed":
            print(f"extraction failed: {d.extraction_error} (the note is saved; retry with "
                  f"`debrief extract {d.id}`)", file=sys.stderr)
    if args.json:
        print_json(d.model_dump(mode="json"))
    else:
        print(d.id)
    return 0


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    """List debriefs."""
    items = service(settings).list(company=args.company, text=args.search)
    if args.json:
        print_json([d.model_dump(mode="json") for d in items])
    elif not items:
        print("no debriefs yet: add one with `debrief add NOTES.txt --company NAME`")
    else:
        for d in items:
            print(summary(d))
    return 0


def _print_debrief(d: Debrief) -> None:
    print(summary(d))
    for p in d.people:
        print(f"  met: {p.name or '?'}{' - ' + p.title if p.title else ''}")
    print()
    print(d.notes.rstrip())
    ext = d.extraction
    if ext is not None:
        for cat in CATEGORIES:
            items = getattr(ext, cat)
            if items:
                print(f"\n{cat.replace('_', ' ').capitalize()}:")
                for it in items:
                    print(f"  - {it.text}")
    if d.extraction_error:
        print(f"\nextraction failed: {d.extraction_error}")


def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    """Show one debrief."""
    d = service(settings).get(args.id)
    if args.json:
        print_json(d.model_dump(mode="json"))
    else:
        _print_debrief(d)
    return 0


def cmd_edit(args: argparse.Namespace, settings: Settings) -> int:
    """Edit a debrief."""
    notes = read_input(args.file) if args.file else None
    d = service(settings).edit(
        args.id, notes=notes, company=args.company, role=args.role, date=args.date,
        stage=args.stage, people=people(args.person))
    if args.json:
        print_json(d.model_dump(mode="json"))
    else:
        print(f"updated {d.id}")
    return 0


def cmd_delete(args: argparse.Namespace, settings: Settings) -> int:
    """Delete a debrief (asks first unless --yes)."""
    svc = service(settings)
    d = svc.get(args.id)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("refusing to delete without confirmation: add --yes")
        answer = input(f"Delete {d.company} ({d.date}, {d.id})? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            _say(args, {"deleted": None}, "kept")
            return 0
    svc.delete(d.id)
    _say(args, {"deleted": d.id}, f"deleted {d.id}")
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Export every debrief."""
    svc = service(settings)
    text = svc.export_json() if args.format == "json" else svc.export_markdown()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    """Import a JSON export or a folder of notes."""
    items = service(settings).import_path(Path(args.path))
    if args.json:
        print_json([d.model_dump(mode="json") for d in items])
    else:
        for d in items:
            print(summary(d))
        print(f"imported {len(items)} debrief(s)", file=sys.stderr)
    return 0


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    """Write a dated backup (restore it with `debrief import PATH`)."""
    path = service(settings).backup(settings.backups_dir, keep=args.keep)
    _say(args, {"path": str(path)}, str(path))
    return 0


def cmd_reindex(args: argparse.Namespace, settings: Settings) -> int:
    """Rebuild chunks and vectors."""
    n = service(settings).reindex()
    _say(args, {"reindexed": n}, f"reindexed {n} debrief(s)")
    return 0


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    """Extract from a file or stdin (nothing stored), or re-run for a stored debrief."""
    svc = service(settings)
    source = args.source
    if source != "-" and not Path(source).exists() and svc.store.exists(source):
        d = svc.run_extraction(source)
        if d.extraction_status == "failed":
            raise UserError(f"extraction failed: {d.extraction_error}")
        ext = d.extraction
    else:
        ext = svc.extract_text(read_input(source))
    assert ext is not None
    if args.json:
        print_json(ext.model_dump(mode="json", exclude={"dropped_items"})
                   | {"dropped_items": ext.dropped_items})
    else:
        _print_extraction(ext)
    return 0


def _print_extraction(ext: Extraction) -> None:
    print(f"company: {ext.company}  role: {ext.role}  date: {ext.date}  stage: {ext.stage}")
    for p in ext.people:
        print(f"  met: {p.name or '(name not given)'} ({p.title or '-'})")
    for cat in CATEGORIES:
        for it in getattr(ext, cat):
            print(f"[{cat}] {it.text}")
            quote = " ".join(it.evidence.split())
            if quote != it.text:
                print(f"    \"{quote}\"")
    print(f"({ext.seconds:.1f}s, {ext.prompt_tokens} prompt + {ext.completion_tokens} "
          f"generated tokens, {ext.dropped_items} dropped by the evidence check)")
