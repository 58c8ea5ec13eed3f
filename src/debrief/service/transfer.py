"""Export, import and daily backups."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from debrief.core.domain import SCHEMA_VERSION, Debrief, Export
from debrief.core.errors import UserError
from debrief.core.files import write_atomic
from debrief.service.inputs import (
    check_notes,
    company_from_filename,
    decode_note,
    parse_front_matter,
    parse_person,
)
from debrief.service.records import RecordUseCases


class TransferUseCases(RecordUseCases):
    """The JSON and Markdown exports, imports of exports or note files, and backups."""

    def export_json(self) -> str:
        """Every debrief as the JSON export (oldest first, stable)."""
        items = sorted(self.store.all(), key=lambda d: (d.created_at, d.id))
        return Export(debriefs=items).model_dump_json(indent=2) + "\n"

    def export_markdown(self) -> str:
        """Every debrief as readable Markdown with front matter (re-importable)."""
        parts = []
        for d in sorted(self.store.all(), key=lambda d: (d.date, d.id)):
            people = "; ".join(f"{p.name or ''}|{p.title or ''}" for p in d.people)
            parts.append(
                f"---\ncompany: {d.company}\nrole: {d.role or ''}\ndate: {d.date}\n"
                f"stage: {d.stage}\npeople: {people}\nid: {d.id}\n---\n{d.notes.rstrip()}\n"
            )
        return "\n".join(parts)

    def import_path(self, path: Path) -> list[Debrief]:
        """Import a JSON export, or a folder (or file) of .md/.txt notes."""
        if not path.exists():
            raise UserError(f"nothing to import at {path}")
        if path.is_file() and path.suffix == ".json":
            return self._import_export(path)
        files = [path] if path.is_file() else sorted(
            p for p in path.iterdir() if p.suffix.lower() in (".md", ".txt"))
        if not files:
            raise UserError(f"no .json export or .md/.txt notes found at {path}")
        out = []
        for f in files:
            text = decode_note(f.read_bytes(), str(f))
            fields, body = parse_front_matter(text)
            company = fields.get("company") or company_from_filename(f)
            out.append(self.add(
                body, company=company, role=fields.get("role"), date=fields.get("date"),
                stage=fields.get("stage"), people=[parse_person(p) for p in fields["people"]]
                if fields.get("people") else [],
            ))
        return out

    def _import_export(self, path: Path) -> list[Debrief]:
        try:
            data = json.loads(decode_note(path.read_bytes(), str(path)))
            export = Export.model_validate(data)
        except (json.JSONDecodeError, ValueError) as exc:
            raise UserError(f"{path} is not a Debrief JSON export: {str(exc)[:200]}") from exc
        if export.schema_version > SCHEMA_VERSION:
            raise UserError(f"{path} comes from a newer Debrief (schema {export.schema_version})")
        for d in export.debriefs:
            check_notes(d.notes)
            self.store.save(d)
            self.store.index_facts(d)
        return export.debriefs

    def backup(self, folder: Path, keep: int = 7) -> Path:
        """Write a dated JSON export into folder and keep only the newest `keep` backups."""
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
        path = folder / f"debrief-{stamp}.json"
        write_atomic(path, self.export_json())
        for old in sorted(folder.glob("debrief-*.json"))[:-keep]:
            old.unlink()
        return path

    def backup_if_due(self, folder: Path, keep: int = 7) -> Path | None:
        """Back up once a day when the app is used (nothing to do if today's exists)."""
        today = dt.date.today().isoformat()
        if any(folder.glob(f"debrief-{today}-*.json")) or self.store.count() == 0:
            return None
        return self.backup(folder, keep)
