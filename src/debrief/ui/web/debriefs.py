"""Handlers of the New debrief and Debriefs tabs: save, list, open, edit, delete, export."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from debrief.core.errors import UserError
from debrief.ui.web.base import Updates, WebBase, no_change
from debrief.ui.web.render import esc, render_debrief, rows_to_people

log = logging.getLogger(__name__)

DRAFT_FIELDS = ("company", "role", "notes")


class DebriefHandlers(WebBase):
    """Capture and curation: every method returns the updates it makes, by component."""

    _export_dir: Path | None = None

    def list_debriefs(self, company: str, search: str) -> Updates:
        """The list of debriefs, filtered by company and free text."""
        return {self.debriefs.table: self.list_rows_for(company, search)}

    def save(self, company: str, role: str, date: str, stage: str, people: Any, notes: str,
             company_filter: str, search: str) -> Updates:
        """Store a new debrief, queue its extraction and open it."""
        try:
            d = self.service.add(notes, company=company, role=role, date=date, stage=stage,
                                 people=rows_to_people(people))
        except UserError as exc:
            return {self.new.status: f"⚠️ {esc(str(exc))}"}
        self.service.extract_in_background(d.id)
        self.backup_if_due()  # once a day, when the app is used
        msg = (f"Saved <b>{esc(d.company)}</b> ({esc(d.id)}). Extraction is running in the "
               "background; open it in the Debriefs tab to follow it.")
        # The new debrief becomes the open one: the view and the edit form show it, so that
        # "Save changes" can never write another debrief's fields over it.
        return {self.new.status: msg, self.new.notes: "",
                self.debriefs.table: self.list_rows_for(company_filter, search),
                self.session.current_id: d.id, **self.opened(d.id)}

    def backup_if_due(self) -> None:
        """The daily backup; a failure is logged, never shown as a failed save."""
        try:
            self.service.backup_if_due(self.settings.backups_dir)
        except (OSError, UserError) as exc:
            log.warning("daily backup failed: %s", exc)

    def open_row(self, evt: gr.SelectData, table: Any) -> Updates:
        """Open the debrief of the clicked row of the list."""
        debrief_id = ""
        if evt.row_value:  # the clicked row as shown (right even when the table is sorted)
            debrief_id = str(evt.row_value[0] or "")
        else:
            row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
            rows = table.values.tolist() if hasattr(table, "values") else table
            debrief_id = str(rows[row][0]) if rows and row < len(rows) else ""
        return {self.session.current_id: debrief_id, **self.opened(debrief_id)}

    def save_edit(self, debrief_id: str, company: str, role: str, date: str, stage: str,
                  people: Any, notes: str, company_filter: str, search: str) -> Updates:
        """Write the edit form over the open debrief; a changed note is extracted again."""
        tab = self.debriefs
        if not debrief_id:
            return {tab.status: "Select a debrief first."}
        try:
            before = self.service.get(debrief_id)
            d = self.service.edit(debrief_id, notes=notes, company=company, role=role,
                                  date=date, stage=stage, people=rows_to_people(people))
        except UserError as exc:
            return {tab.status: f"⚠️ {esc(str(exc))}"}
        if d.notes != before.notes:
            self.service.extract_in_background(d.id)
        return {tab.status: f"Saved changes to {esc(d.id)}.",
                tab.table: self.list_rows_for(company_filter, search),
                tab.view: render_debrief(d, self.service.progress(d.id))}

    def delete(self, debrief_id: str, confirm: bool, company_filter: str,
               search: str) -> Updates:
        """Delete the open debrief once the box is ticked; the box is unticked again."""
        tab = self.debriefs
        if not debrief_id:
            return {tab.status: "Select a debrief first.", tab.confirm: False}
        if not confirm:
            return {tab.status: "Tick “Yes, delete it” to confirm.", tab.confirm: False}
        try:
            self.service.delete(debrief_id)
        except UserError as exc:
            return {tab.status: f"⚠️ {esc(str(exc))}", tab.confirm: False}
        return {tab.status: f"Deleted {esc(debrief_id)}.", tab.confirm: False,
                tab.table: self.list_rows_for(company_filter, search),
                self.session.current_id: "", **self.opened("")}

    def retry(self, debrief_id: str) -> Updates:
        """Queue the open debrief's extraction again."""
        if not debrief_id:
            return {self.debriefs.status: "Select a debrief first."}
        self.service.extract_in_background(debrief_id)
        return {self.debriefs.status: "Extraction queued."}

    def poll(self, debrief_id: str, shown: str, company_filter: str, search: str) -> Updates:
        """Re-render the open debrief; refresh the list only when its status changed."""
        if not debrief_id:
            return no_change()
        try:
            d = self.service.get(debrief_id)
        except UserError:
            return no_change()
        key = f"{d.id}:{d.extraction_status}"
        out: Updates = {self.debriefs.view: render_debrief(d, self.service.progress(d.id)),
                        self.session.shown_status: key}
        if key != shown:
            out[self.debriefs.table] = self.list_rows_for(company_filter, search)
        return out

    def restore_draft(self, draft: Any) -> Updates:
        """Fill the New debrief form from the saved draft; leave alone what the draft lacks.

        The load event can land after the user (or a test) started typing: writing "" back
        would wipe what they typed, so an empty draft field is no update at all.
        """
        draft = draft if isinstance(draft, dict) else {}
        fields = dict(zip(DRAFT_FIELDS, (self.new.company, self.new.role, self.new.notes),
                          strict=True))
        return {fields[k]: draft[k] for k in DRAFT_FIELDS if draft.get(k)} or no_change()

    def keep_draft(self, company: str, role: str, notes: str) -> Updates:
        """Remember the New debrief form in the browser as it is typed."""
        return {self.session.draft: {"company": company, "role": role, "notes": notes}}

    def clear_draft(self) -> Updates:
        """Forget the draft (after Save)."""
        return {self.session.draft: {}}

    def export_all(self) -> Updates:
        """Every debrief as a JSON file to download (what `debrief export` writes)."""
        if self._export_dir is None:  # one private temp folder per app, made on first export
            self._export_dir = Path(tempfile.mkdtemp(prefix="debrief-export-"))
        path = self._export_dir / f"debrief-export-{dt.date.today().isoformat()}.json"
        path.write_text(self.service.export_json(), encoding="utf-8")
        return {self.debriefs.export_file: gr.update(value=str(path), visible=True)}
