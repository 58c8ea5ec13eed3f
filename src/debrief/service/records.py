"""Saving, reading, editing and deleting debriefs."""

from __future__ import annotations

import builtins
import uuid
from typing import Any

from debrief.core.domain import Debrief, Person, now_iso
from debrief.core.errors import UserError
from debrief.service.base import ServiceBase
from debrief.service.inputs import check_date, check_notes, check_stage


class RecordUseCases(ServiceBase):
    """Capture and upkeep of the stored debriefs (the note is saved before anything else runs)."""

    def add(
        self, notes: str, *, company: str | None, role: str | None = None,
        date: str | None = None, stage: str | None = None,
        people: builtins.list[Person] | None = None, debrief_id: str | None = None,
    ) -> Debrief:
        """Validate and store a new debrief; nothing else runs before it is saved."""
        if company is None or not company.strip():
            raise UserError("the company is missing: fill in Company (--company on the command line)")
        d = Debrief(
            id=debrief_id or uuid.uuid4().hex[:12],
            company=company.strip(), role=(role or "").strip() or None,
            date=check_date(date), stage=check_stage(stage),
            people=[p for p in (people or []) if p.name or p.title],
            notes=check_notes(notes),
        )
        self.store.save(d)
        return d

    def list(self, company: str | None = None, text: str | None = None) -> builtins.list[Debrief]:
        """Debriefs, newest first, filtered by company and free text."""
        items = self.store.all()
        if company:
            c = company.strip().casefold()
            items = [d for d in items if c in d.company.casefold()]
        if text:
            t = text.strip().casefold()
            items = [d for d in items if t in d.notes.casefold() or t in d.company.casefold()
                     or t in (d.role or "").casefold()]
        return items

    def edit(
        self, debrief_id: str, *, notes: str | None = None, company: str | None = None,
        role: str | None = None, date: str | None = None, stage: str | None = None,
        people: builtins.list[Person] | None = None,
    ) -> Debrief:
        """Change fields of a debrief; a changed note replaces its chunks atomically."""
        with self._lock:
            d = self.get(debrief_id)
            changes: dict[str, Any] = {}
            if notes is not None:
                changes["notes"] = check_notes(notes)
            if company is not None:
                if not company.strip():
                    raise UserError("the company cannot be empty")
                changes["company"] = company.strip()
            if role is not None:
                changes["role"] = role.strip() or None
            if date is not None:
                changes["date"] = check_date(date)
            if stage is not None:
                changes["stage"] = check_stage(stage)
            if people is not None:
                changes["people"] = people
            if not changes:
                return d
            updated = d.model_copy(update={**changes, "updated_at": now_iso()})
            if "notes" in changes and changes["notes"] != d.notes:
                updated.extraction_status = "pending"
            self.store.save(updated)
            return updated

    def delete(self, debrief_id: str) -> None:
        """Remove a debrief and its chunks."""
        self.store.delete(debrief_id.strip())

    def reindex(self) -> int:
        """Rebuild every chunk and vector from the stored debriefs."""
        items = self.store.all()
        for d in items:
            self.store.save(d)
            self.store.index_facts(d)
        return len(items)
