"""What every group of web handlers shares: the service, the components, opening a debrief."""

from __future__ import annotations

from typing import Any

import gradio as gr

from debrief.core.config import Settings
from debrief.core.errors import UserError
from debrief.service import DebriefService
from debrief.ui.web.layout import (
    SELECT_PROMPT,
    AskTab,
    DebriefsTab,
    InsightsTab,
    NewTab,
    Session,
    SettingsTab,
)
from debrief.ui.web.render import esc, list_rows, people_rows, render_debrief

# Events only the page itself uses (they need the session's open debrief, or they are
# plumbing such as the draft and the poll): hidden from the API page and from API clients.
PRIVATE: dict[str, Any] = {"api_visibility": "private"}
# Events that write the open debrief's view run one at a time, in the order they came: else the
# 2-second poll, started just before a delete, renders the deleted debrief after the delete has
# closed it, and the view keeps it (nothing polls an id that is no longer open).
ONE_VIEW: dict[str, Any] = {"concurrency_id": "open-debrief", "concurrency_limit": 1}

# A handler's result: new values (or gr.update(...)) keyed by the component they go to.
# Components left out keep what they show.
Updates = dict[Any, Any]


def no_change() -> Updates:
    """An update that changes nothing (Gradio reads an empty dict as a value, not as no-op)."""
    skip: Updates = gr.skip()
    return skip


class WebBase:
    """The service and settings, and the components once layout() has built them."""

    service: DebriefService
    settings: Settings
    session: Session
    new: NewTab
    debriefs: DebriefsTab
    asking: AskTab
    insights: InsightsTab
    profile: SettingsTab
    tabs: gr.Tabs

    def opened(self, debrief_id: str, highlight: str | None = None) -> Updates:
        """The view and the edit form showing one debrief (both cleared for no id), with the
        `highlight` quote marked in the note."""
        tab = self.debriefs
        if not debrief_id:  # nothing open (e.g. just deleted): clear the edit form too
            return {tab.view: SELECT_PROMPT, tab.company: "", tab.role: "", tab.date: "",
                    tab.stage: None, tab.people: people_rows([]), tab.notes: ""}
        try:
            d = self.service.get(debrief_id)
        except UserError as exc:
            return {tab.view: f"<p>{esc(str(exc))}</p>"}
        return {tab.view: render_debrief(d, self.service.progress(d.id), highlight),
                tab.company: d.company, tab.role: d.role or "", tab.date: d.date,
                tab.stage: d.stage, tab.people: people_rows(d.people), tab.notes: d.notes}

    def opened_outputs(self) -> list[Any]:
        """The components opened() fills."""
        return [self.debriefs.view, *self.debriefs.form]

    def list_rows_for(self, company: str | None, search: str | None) -> list[list[str]]:
        """The list's rows under the current filters."""
        return list_rows(self.service.list(company=company or None, text=search or None))
