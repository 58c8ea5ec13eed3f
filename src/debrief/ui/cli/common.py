"""What every command shares: reading notes, printing JSON and records, building the service."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from debrief.core.config import Settings
from debrief.core.domain import Debrief, Person
from debrief.core.errors import UserError

if TYPE_CHECKING:
    from debrief.service import DebriefService

Handler = Callable[[argparse.Namespace, Settings], int]
Subparsers = Any  # argparse's _SubParsersAction, private in typeshed



def json_flag() -> argparse.ArgumentParser:
    """The parent parser that gives a command --json (declared once, shared by every command)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--json", action="store_true", help="print JSON instead of text")
    return parent


def read_input(source: str | None) -> str:
    """A note from a file, or from standard input for `-` (or no FILE when stdin is piped)."""
    from debrief.service import decode_note

    if source in (None, "-"):
        if source is None and sys.stdin.isatty():
            raise UserError("no notes given: pass a FILE, or - to read standard input")
        return decode_note(sys.stdin.buffer.read(), "standard input")
    path = Path(source)
    if not path.is_file():
        raise UserError(f"no such file: {source}")
    return decode_note(path.read_bytes(), source)


def print_json(data: Any) -> None:
    """Pretty JSON on standard output, non-ASCII kept as is."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


def summary(d: Debrief) -> str:
    """One line per debrief, as `list` prints it."""
    status = d.extraction_status
    return f"{d.id}  {d.date}  {d.company}  {d.role or '-'}  [{d.stage}]  extraction: {status}"


def service(settings: Settings) -> DebriefService:
    """The service (imported late: chromadb is slow to import), with interrupted runs recovered."""
    from debrief.wiring import build_service

    svc = build_service(settings)
    svc.recover_interrupted()  # a run killed mid-extraction shows as failed, ready to retry
    return svc


def people(values: list[str] | None) -> list[Person] | None:
    """`--person "Name|Title"` values as people (None when the flag was not given)."""
    from debrief.service import parse_person

    return None if values is None else [parse_person(v) for v in values]
