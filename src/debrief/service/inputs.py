"""Checking and reading what the user gives: notes, dates, stages, people, imported files."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from debrief.core.domain import STAGES, Person
from debrief.core.errors import UserError

MAX_NOTE_CHARS = 100_000
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def decode_note(data: bytes, source: str = "input") -> str:
    """Bytes from a file or stdin as text, refusing binary files and invalid UTF-8."""
    if b"\x00" in data[:8192]:
        raise UserError(f"{source} looks like a binary file, not text notes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{source} is not valid UTF-8 text (byte {exc.start}); save it as UTF-8 and try again"
        ) from exc


def check_date(value: str | None) -> str:
    """A YYYY-MM-DD date (today when empty), or a clear error."""
    if value is None or not str(value).strip():
        return dt.date.today().isoformat()
    value = str(value).strip()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise UserError(f"invalid date '{value}': use YYYY-MM-DD, e.g. 2026-03-04") from exc


def check_stage(value: str | None) -> str:
    """One of the known stages (case-insensitive); 'other' when empty."""
    if value is None or not value.strip():
        return "other"
    v = value.strip().lower()
    if v not in STAGES:
        raise UserError(f"unknown stage '{value}': use one of {', '.join(STAGES)}")
    return v


def check_notes(notes: str | None) -> str:
    """Notes exactly as written, refusing empty and oversized ones."""
    if notes is None or not notes.strip():
        raise UserError("the notes are empty: write what happened in the interview")
    if len(notes) > MAX_NOTE_CHARS:
        raise UserError(
            f"the notes are {len(notes):,} characters; the limit is {MAX_NOTE_CHARS:,}. "
            "Split them into several debriefs (one per interview)."
        )
    if "\x00" in notes:
        raise UserError("the notes contain binary data (NUL bytes); paste plain text")
    return notes


def parse_person(value: str) -> Person:
    """'Name|Title' (title optional) into a Person."""
    name, _, title = value.partition("|")
    if not name.strip() and not title.strip():
        raise UserError(f"empty person '{value}': use \"Name|Title\"")
    return Person(name=name.strip() or None, title=title.strip() or None)


def parse_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A small 'key: value' header between --- lines, and the rest of the note."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    fields: dict[str, Any] = {}
    people: list[str] = []
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key in ("person", "people"):
            people.extend(v.strip() for v in value.split(";") if v.strip())
        else:
            fields[key] = value
    fields["people"] = people
    return fields, text[m.end():]


def company_from_filename(path: Path) -> str:
    """'03-quillfeather.txt' -> 'Quillfeather'."""
    stem = re.sub(r"^\d+[-_ ]*", "", path.stem)
    return " ".join(w.capitalize() for w in re.split(r"[-_ ]+", stem) if w) or path.stem
