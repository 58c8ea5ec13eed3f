"""Handlers of the Insights and Settings tabs."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from debrief.core.errors import UserError
from debrief.features.insights.brief import brief_markdown
from debrief.ui.web.base import Updates, WebBase, no_change
from debrief.ui.web.insights_render import render_brief, render_insights_page
from debrief.ui.web.render import esc


def event_data(evt: Any) -> dict[str, Any]:
    """What the page sent with a custom event (trigger('open', {...})), as a dict."""
    data = getattr(evt, "_data", None)
    return data if isinstance(data, dict) else {}


class InsightsHandlers(WebBase):
    """Patterns across every debrief, role statuses, the Prepare brief and the profile."""

    _brief_dir: Path | None = None

    def refresh_insights(self, company: str) -> Updates:
        """Charts and folding sections across every debrief (or one company's)."""
        ins = self.service.insights(company=company or None)
        return {self.insights.html: render_insights_page(ins)}

    def open_from_insights(self, evt: gr.EventData) -> Updates:
        """A row of the Insights view: its debrief, opened with the quote marked."""
        data = event_data(evt)
        debrief_id = str(data.get("debrief_id") or "")
        if not debrief_id:
            return no_change()
        opened = self.opened(debrief_id, highlight=str(data.get("quote") or "") or None)
        return {self.session.current_id: debrief_id, **opened,
                self.tabs: gr.Tabs(selected="list")}

    def open_outputs(self) -> list[Any]:
        """What open_from_insights fills."""
        return [self.session.current_id, *self.opened_outputs(), self.tabs]

    def prepare(self, evt: gr.EventData) -> Updates:
        """The brief for the next round at a dossier's company, and its Markdown file."""
        tab = self.insights
        company = str(event_data(evt).get("company") or "")
        try:
            brief = self.service.prep(company)
        except UserError as exc:
            return {tab.prep: f"<p>⚠️ {esc(str(exc))}</p>",
                    tab.prep_print: gr.update(visible=False),
                    tab.prep_file: gr.update(visible=False)}
        if self._brief_dir is None:  # one private temp folder per app, made on first brief
            self._brief_dir = Path(tempfile.mkdtemp(prefix="debrief-brief-"))
        slug = re.sub(r"[^a-z0-9]+", "-", brief.company.casefold()).strip("-") or "company"
        path = self._brief_dir / f"next-round-{slug}.md"
        path.write_text(brief_markdown(brief), encoding="utf-8")
        return {tab.prep: render_brief(brief), tab.prep_print: gr.update(visible=True),
                tab.prep_file: gr.update(value=str(path), visible=True)}

    def set_role_status(self, key: str, status: str, company: str) -> Updates:
        """Remember the status of a better-fit role, then refresh the insights."""
        try:
            self.service.set_role_status((key or "").strip(), status or "new")
        except UserError:
            pass  # an unknown status or no data dir: the view shows what is stored
        return self.refresh_insights(company)

    def save_profile(self, name: str, signature: str, background: str) -> Updates:
        """Store the user's name, signature and short profile in the data dir."""
        try:
            self.service.save_profile(user_name=name, signature=signature,
                                      background=background)
        except UserError as exc:
            return {self.profile.status: f"<p>⚠️ {esc(str(exc))}</p>"}
        return {self.profile.status: "<p>Saved.</p>"}
