"""The web app: DebriefWeb lays out the tabs and wires their events to its handler methods."""

from __future__ import annotations

import gradio as gr

from debrief.core.config import Settings
from debrief.service import DebriefService
from debrief.ui.web import layout
from debrief.ui.web.base import ONE_VIEW, PRIVATE
from debrief.ui.web.conversation import ConversationHandlers
from debrief.ui.web.corrections import CorrectionHandlers
from debrief.ui.web.debriefs import DebriefHandlers
from debrief.ui.web.insights import InsightsHandlers
from debrief.ui.web.render import list_rows
from debrief.ui.web.server import draft_secret

# After a row of Insights opens its debrief: bring the marked quote into view.
SCROLL_TO_QUOTE = ("() => { setTimeout(() => { const m = document.querySelector("
                   "'#debrief-view mark.hl'); if (m) m.scrollIntoView({block: 'center'}); }, "
                   "400); }")
SCROLL_TO_BRIEF = "() => { document.querySelector('#prep-brief')?.scrollIntoView(); }"


class DebriefWeb(DebriefHandlers, ConversationHandlers, InsightsHandlers, CorrectionHandlers):
    """The Gradio app over one DebriefService; handlers are methods returning named updates.

    The open debrief lives in a per-session gr.State, outside every tab, so it stays open
    while the user visits other tabs. The public API lists only: save, list_debriefs, ask,
    export, insights, set_role_status and save_profile.
    """

    def __init__(self, service: DebriefService, settings: Settings,
                 model_label: str | None = None) -> None:
        self.service = service
        self.settings = settings
        self.model_label = model_label if model_label is not None else settings.model

    def build(self) -> gr.Blocks:
        """The Blocks app, laid out and wired (call once per instance)."""
        app = gr.Blocks(title="Debrief", analytics_enabled=False)
        with app:
            self.layout()
            self.wire(app)
        return app

    def layout(self) -> None:
        """Place every component; each tab's are kept in one record (see layout.py)."""
        layout.header(self.model_label)
        current_id, shown_status = gr.State(""), gr.State("")
        draft = gr.BrowserState({}, storage_key="debrief-draft",
                                secret=draft_secret(self.settings.data_dir))
        with gr.Tabs() as self.tabs:
            self.new = layout.new_tab()
            self.debriefs = layout.debriefs_tab(list_rows(self.service.list()))
            self.asking = layout.ask_tab()
            self.insights = layout.insights_tab()
            self.profile = layout.settings_tab(self.service.profile())
        self.session = layout.Session(current_id, shown_status, draft, gr.Timer(2.0))
        self.layout_corrections()

    def wire(self, app: gr.Blocks) -> None:
        """Connect every event to its handler, each with an API name."""
        self._wire_capture(app)
        self._wire_debriefs(app)
        self._wire_conversation()
        self._wire_insights()
        self.wire_corrections(app)

    def _wire_capture(self, app: gr.Blocks) -> None:
        new, tab, session = self.new, self.debriefs, self.session
        fields = [new.company, new.role, new.date, new.stage, new.people, new.notes]
        new.save.click(
            self.save, [*fields, tab.company_filter, tab.search],
            [new.status, tab.table, session.current_id, new.notes, *self.opened_outputs()],
            api_name="save", **ONE_VIEW,
        ).then(self.clear_draft, None, session.draft, api_name="clear_draft", **PRIVATE)
        gr.on([new.company.change, new.role.change, new.notes.change], self.keep_draft,
              [new.company, new.role, new.notes], session.draft, api_name="keep_draft",
              **PRIVATE)
        app.load(self.restore_draft, session.draft, [new.company, new.role, new.notes],
                 api_name="restore_draft", **PRIVATE)

    def _wire_debriefs(self, app: gr.Blocks) -> None:
        tab, session = self.debriefs, self.session
        filters = [tab.company_filter, tab.search]
        gr.on([app.load, tab.company_filter.change, tab.search.change], self.list_debriefs,
              filters, tab.table, api_name="list_debriefs")
        tab.table.select(self.open_row, tab.table,
                         [session.current_id, *self.opened_outputs()], api_name="open_row",
                         **PRIVATE, **ONE_VIEW)
        tab.save.click(self.save_edit, [session.current_id, *tab.form, *filters],
                       [tab.status, tab.table, tab.view], api_name="save_edit", **PRIVATE,
                       **ONE_VIEW)
        tab.delete.click(self.delete, [session.current_id, tab.confirm, *filters],
                         [tab.status, tab.confirm, tab.table, session.current_id,
                          *self.opened_outputs()], api_name="delete", **PRIVATE, **ONE_VIEW)
        tab.retry.click(self.retry, session.current_id, tab.status, api_name="retry",
                        **PRIVATE)
        tab.export.click(self.export_all, None, tab.export_file, api_name="export")
        session.timer.tick(self.poll, [session.current_id, session.shown_status, *filters],
                           [tab.view, tab.table, session.shown_status], show_progress="hidden",
                           api_name="poll", **PRIVATE, **ONE_VIEW)

    def _wire_conversation(self) -> None:
        ask, tab, session = self.asking, self.debriefs, self.session
        gr.on([ask.ask.click, ask.question.submit], self.ask,
              [ask.question, ask.chat, ask.company, ask.stage, ask.since, ask.until],
              [ask.chat, ask.sources, ask.source_pick, ask.question], concurrency_limit=1,
              show_progress="minimal", api_name="ask")
        # .input, not .change: a new answer resetting the list is no pick (see open_source).
        ask.source_pick.input(self.open_source, ask.source_pick,
                              [session.current_id, *self.opened_outputs()],
                              api_name="open_source", **PRIVATE, **ONE_VIEW)
        tab.msg_write.click(self.write_message,
                            [session.current_id, tab.msg_to, tab.msg_kind, tab.msg_tone],
                            [tab.msg_out, tab.msg_notes, tab.msg_details], concurrency_limit=1,
                            api_name="write_message", **PRIVATE)
        # .input: only the user's ticks rewrite (not write_message filling the list).
        tab.msg_details.input(self.rewrite_message,
                              [session.current_id, tab.msg_to, tab.msg_kind, tab.msg_tone,
                               tab.msg_details], [tab.msg_out, tab.msg_notes, tab.msg_details],
                              concurrency_limit=1, api_name="rewrite_message", **PRIVATE)

    def _wire_insights(self) -> None:
        ins, prof = self.insights, self.profile
        ins.refresh.click(self.refresh_insights, ins.company, ins.outputs, api_name="insights")
        ins.r_save.click(self.set_role_status, [ins.r_key, ins.r_status, ins.company],
                         ins.outputs, api_name="set_role_status")
        ins.html.open(self.open_from_insights, None, self.open_outputs(),
                      api_name="open_from_insights", **PRIVATE, **ONE_VIEW).then(
            None, js=SCROLL_TO_QUOTE, api_name="scroll_to_quote", **PRIVATE)
        ins.html.prepare(self.prepare, None, ins.prep_outputs, api_name="prepare",
                         **PRIVATE).then(None, js=SCROLL_TO_BRIEF, api_name="scroll_to_brief",
                                         **PRIVATE)
        ins.prep_print.click(None, js="() => window.print()", api_name="print_brief", **PRIVATE)
        prof.save.click(self.save_profile, [prof.name, prof.signature, prof.background],
                        prof.status, api_name="save_profile")


def build_app(service: DebriefService, settings: Settings, model_label: str) -> gr.Blocks:
    """The Gradio Blocks app over the service (what `debrief serve` launches)."""
    return DebriefWeb(service, settings, model_label).build()

