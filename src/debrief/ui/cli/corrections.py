"""Commands that correct what the extraction found and teach the personal classifier:
items, correct, retrain."""

from __future__ import annotations

import argparse
from typing import Any

from debrief.core.config import Settings
from debrief.core.corrections import ItemRef
from debrief.core.domain import CATEGORIES
from debrief.ui.cli.common import Subparsers, print_json, service


def register(sub: Subparsers, json_flag: argparse.ArgumentParser) -> None:
    """Add the correction commands to the subparsers."""
    js = [json_flag]
    sp = sub.add_parser("items", parents=js, help="list a debrief's items with their ids")
    sp.add_argument("id")
    sp.set_defaults(func=cmd_items)
    sp = sub.add_parser("correct", parents=js, help="correct an item (kept on re-extraction)",
                        description="Categories: " + ", ".join(CATEGORIES))
    sp.add_argument("id")
    one = sp.add_mutually_exclusive_group(required=True)
    one.add_argument("--remove", metavar="ITEM", help="not this: remove the item")
    one.add_argument("--move", nargs=2, metavar=("ITEM", "CATEGORY"),
                     help="move the item to another category")
    one.add_argument("--add", nargs=2, metavar=("QUOTE", "CATEGORY"),
                     help="add the note's exact words to a category")
    one.add_argument("--headline", nargs=2, metavar=("ITEM", "TEXT"),
                     help="a new headline (at most 12 words from the item's quote)")
    one.add_argument("--add-person", metavar='"Name|Title"', help="someone met that was missed")
    one.add_argument("--rename-person", nargs=2, metavar=("WHO", '"Name|Title"'),
                     help="correct the name (and title) of someone found")
    one.add_argument("--remove-person", metavar="WHO", help="someone found who was not met")
    sp.set_defaults(func=cmd_correct)
    sp = sub.add_parser("retrain", parents=js,
                        help="refit the personal classifier on your corrections now")
    sp.add_argument("--reset", action="store_true",
                    help="delete the personal classifier: back to the shipped one")
    sp.set_defaults(func=cmd_retrain)


def item_json(ref: ItemRef) -> dict[str, Any]:
    """One item as `items --json` prints it."""
    return {"id": ref.id, "category": ref.category, **ref.item.model_dump(mode="json")}


def _print_items(refs: list[ItemRef]) -> None:
    if not refs:
        print("no items (extract first: `debrief extract ID`)")
    for r in refs:
        print(f"{r.id:<10} [{r.category}] {r.item.text}")
        quote = " ".join(r.item.evidence.split())
        if quote != r.item.text:
            print(f"{'':<10} \"{quote}\"")


def cmd_items(args: argparse.Namespace, settings: Settings) -> int:
    """List the items of a debrief with their stable ids."""
    refs = service(settings).items(args.id)
    if args.json:
        print_json([item_json(r) for r in refs])
    else:
        _print_items(refs)
    return 0


def _person(value: str) -> tuple[str | None, str | None]:
    from debrief.service import parse_person

    p = parse_person(value)
    return p.name, p.title


def cmd_correct(args: argparse.Namespace, settings: Settings) -> int:
    """Apply one correction and show the items after it."""
    svc = service(settings)
    if args.remove:
        d, done = svc.remove_item(args.id, args.remove), f"removed {args.remove}"
    elif args.move:
        d, done = svc.move_item(args.id, *args.move), f"moved {args.move[0]} to {args.move[1]}"
    elif args.add:
        d, done = svc.add_item(args.id, *args.add), f"added to {args.add[1]}"
    elif args.headline:
        d, done = svc.set_headline(args.id, *args.headline), f"new headline for {args.headline[0]}"
    elif args.add_person:
        d, done = svc.add_person(args.id, *_person(args.add_person)), "person added"
    elif args.rename_person:
        who, new = args.rename_person
        d, done = svc.rename_person(args.id, who, *_person(new)), f"renamed {who}"
    else:
        d, done = svc.remove_person(args.id, args.remove_person), "person removed"
    svc.wait_for_learning()
    refs = svc.items(d.id)
    if args.json:
        print_json({"id": d.id, "corrections": len(d.corrections),
                    "items": [item_json(r) for r in refs]})
    else:
        print(done)
        _print_items(refs)
    return 0


def cmd_retrain(args: argparse.Namespace, settings: Settings) -> int:
    """Refit the personal classifier now (or delete it with --reset)."""
    svc = service(settings)
    if args.reset:
        svc.reset_personal_model()
        status = svc.learning_status()
        msg = "personal classifier deleted: the shipped one is used"
    else:
        status = svc.retrain()
        msg = (f"personal classifier refitted on {status['corrections']} correction(s) "
               f"({status['examples']} labelled sentences) in {status['seconds']:.1f}s")
    if args.json:
        print_json(status)
    else:
        print(msg)
    return 0
