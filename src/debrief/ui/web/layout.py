"""The components of each tab, built in place and kept in one small record per tab.

Handlers name what they update by these records (`self.debriefs.view`), so a change of
layout shows up as a type error instead of a value landing in the wrong box.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import gradio as gr

from debrief.core.domain import MESSAGE_KINDS, STAGES, TONES
from debrief.features.insights import ROLE_STATUSES
from debrief.ui.web.insights_render import CLICK_JS
from debrief.ui.web.render import LIST_HEADERS, esc

SELECT_PROMPT = "<p>Select a debrief in the list.</p>"
# Two fixed columns for the people tables: Gradio 6.31 still reads (n, "fixed") at run time
# (column_limits is "not yet implemented"), though its type hint says int.
PEOPLE_COLUMNS: Any = (2, "fixed")
# "new" (no decision yet) last: it is how a status is taken back.
ROLE_STATUS_CHOICES = [*(s for s in ROLE_STATUSES if s != "new"), "new"]


@dataclass
class Session:
    """What one browser session remembers, whichever tab is showing."""

    current_id: gr.State  # the open debrief ("" when none)
    shown_status: gr.State  # "id:status" of the open debrief as the list last showed it
    draft: gr.BrowserState  # the New debrief form as typed, kept in localStorage
    timer: gr.Timer  # re-renders the open debrief while it is extracted


@dataclass
class NewTab:
    """The New debrief form."""

    company: gr.Textbox
    role: gr.Textbox
    date: gr.Textbox
    stage: gr.Dropdown
    people: gr.Dataframe
    notes: gr.Textbox
    save: gr.Button
    status: gr.HTML


@dataclass
class DebriefsTab:
    """The list, the open debrief, its edit form, its messages and the export."""

    company_filter: gr.Textbox
    search: gr.Textbox
    table: gr.Dataframe
    view: gr.HTML
    company: gr.Textbox
    role: gr.Textbox
    date: gr.Textbox
    stage: gr.Dropdown
    people: gr.Dataframe
    notes: gr.Textbox
    save: gr.Button
    retry: gr.Button
    confirm: gr.Checkbox
    delete: gr.Button
    status: gr.HTML
    msg_to: gr.Textbox
    msg_kind: gr.Radio
    msg_tone: gr.Radio
    msg_write: gr.Button
    msg_details: gr.CheckboxGroup
    msg_out: gr.Textbox
    msg_notes: gr.HTML
    export: gr.Button
    export_file: gr.File

    @property
    def form(self) -> list[gr.components.Component]:
        """The edit form's fields, in the order save_edit takes them."""
        return [self.company, self.role, self.date, self.stage, self.people, self.notes]


@dataclass
class AskTab:
    """Questions over the notes, with filters and the sources of the last answer."""

    company: gr.Textbox
    stage: gr.Dropdown
    since: gr.Textbox
    until: gr.Textbox
    chat: gr.Chatbot
    question: gr.Textbox
    ask: gr.Button
    sources: gr.HTML
    source_pick: gr.Dropdown


@dataclass
class InsightsTab:
    """The Insights view (charts, folding sections), role statuses and the Prepare brief."""

    company: gr.Textbox
    refresh: gr.Button
    prep: gr.HTML
    prep_print: gr.Button
    prep_file: gr.File
    html: gr.HTML
    r_key: gr.Textbox
    r_status: gr.Radio
    r_save: gr.Button

    @property
    def outputs(self) -> list[gr.components.Component]:
        """Everything a refresh fills."""
        return [self.html]

    @property
    def prep_outputs(self) -> list[gr.components.Component]:
        """What Prepare fills: the brief, its Print button and its Markdown file."""
        return [self.prep, self.prep_print, self.prep_file]


@dataclass
class SettingsTab:
    """The user's name, signature and short profile."""

    name: gr.Textbox
    signature: gr.Textbox
    background: gr.Textbox
    save: gr.Button
    status: gr.HTML


def header(model_label: str) -> None:
    """Title and the active model line."""
    gr.Markdown("# Debrief\nYour interview notes, kept on this machine.")
    gr.HTML(f"<p id='active-model'>Active model: <b>{esc(model_label)}</b></p>")


def new_tab() -> NewTab:
    """The New debrief tab."""
    with gr.Tab("New debrief", id="new"):
        with gr.Row():
            company = gr.Textbox(label="Company", elem_id="new-company")
            role = gr.Textbox(label="Role", elem_id="new-role")
            date = gr.Textbox(label="Date (YYYY-MM-DD)", value=dt.date.today().isoformat(),
                              elem_id="new-date")
            stage = gr.Dropdown(list(STAGES), value="other", label="Stage", elem_id="new-stage")
        people = gr.Dataframe(headers=["name", "title"], value=[["", ""]], row_count=1,
                              column_count=PEOPLE_COLUMNS, label="People met", interactive=True,
                              elem_id="new-people")
        notes = gr.Textbox(label="Notes", lines=14, max_lines=40, elem_id="new-notes",
                           placeholder="What happened, who you met, what they asked…")
        save = gr.Button("Save", variant="primary", elem_id="save")
        status = gr.HTML(elem_id="save-status")
    return NewTab(company, role, date, stage, people, notes, save, status)


def debriefs_tab(rows: list[list[str]]) -> DebriefsTab:
    """The Debriefs tab: list, view, edit, messages, export."""
    with gr.Tab("Debriefs", id="list"):
        with gr.Row():
            company_filter = gr.Textbox(label="Filter by company", elem_id="filter-company")
            search = gr.Textbox(label="Search text", elem_id="filter-search")
        table = gr.Dataframe(headers=LIST_HEADERS, value=rows, interactive=False,
                             elem_id="debrief-list", wrap=True)
        view = gr.HTML(SELECT_PROMPT, elem_id="debrief-view")
        with gr.Accordion("Edit or delete", open=False):
            with gr.Row():
                company = gr.Textbox(label="Company", elem_id="edit-company")
                role = gr.Textbox(label="Role")
                date = gr.Textbox(label="Date (YYYY-MM-DD)")
                stage = gr.Dropdown(list(STAGES), label="Stage")
            people = gr.Dataframe(headers=["name", "title"], row_count=1,
                                  column_count=PEOPLE_COLUMNS, label="People met", interactive=True)
            notes = gr.Textbox(label="Notes", lines=12, elem_id="edit-notes")
            with gr.Row():
                save = gr.Button("Save changes", elem_id="save-edit")
                retry = gr.Button("Retry extraction", elem_id="retry")
                confirm = gr.Checkbox(label="Yes, delete it", elem_id="confirm-delete")
                delete = gr.Button("Delete", variant="stop", elem_id="delete")
            status = gr.HTML(elem_id="edit-status")
        with gr.Accordion("Messages: thank-you, connection note, follow-up", open=False):
            with gr.Row():
                msg_to = gr.Textbox(label="To (a person you met)", elem_id="msg-to")
                msg_kind = gr.Radio(list(MESSAGE_KINDS), value="thank-you", label="Kind",
                                    elem_id="msg-kind")
                msg_tone = gr.Radio(list(TONES), value="warm", label="Tone")
            msg_write = gr.Button("Write message", elem_id="msg-write")
            # This person's details from the note, ticked as chosen (code's order or the
            # model's ranking); changing the ticks rewrites the message (no model call).
            msg_details = gr.CheckboxGroup(choices=[], label="Details the message may use",
                                           elem_id="msg-details")
            msg_out = gr.Textbox(label="Message (editable)", lines=10, buttons=["copy"],
                                 elem_id="msg-out", interactive=True)
            msg_notes = gr.HTML(elem_id="msg-notes")
        with gr.Row():
            export = gr.Button("Export all debriefs (JSON)", elem_id="export", size="sm")
            export_file = gr.File(label="Export", elem_id="export-file", interactive=False,
                                  visible=False)
    return DebriefsTab(company_filter, search, table, view, company, role, date, stage, people,
                       notes, save, retry, confirm, delete, status, msg_to, msg_kind, msg_tone,
                       msg_write, msg_details, msg_out, msg_notes, export, export_file)


def ask_tab() -> AskTab:
    """The Ask tab."""
    with gr.Tab("Ask", id="ask"):
        with gr.Row():
            company = gr.Textbox(label="Company (optional)", elem_id="ask-company")
            stage = gr.Dropdown(["", *STAGES], value="", label="Stage (optional)")
            since = gr.Textbox(label="Since (YYYY-MM-DD)")
            until = gr.Textbox(label="Until (YYYY-MM-DD)")
        chat = gr.Chatbot(label="Ask your notes", render_markdown=False, buttons=["copy"],
                          elem_id="ask-chat", height=360)
        question = gr.Textbox(label="Question", elem_id="ask-question",
                              placeholder="Which companies asked me about system design?")
        ask = gr.Button("Ask", variant="primary", elem_id="ask-button")
        sources = gr.HTML(elem_id="ask-sources-box")
        source_pick = gr.Dropdown([], label="Open a source", elem_id="ask-open")
    return AskTab(company, stage, since, until, chat, question, ask, sources, source_pick)


def insights_tab() -> InsightsTab:
    """The Insights tab: the brief panel (empty until Prepare), the view, role statuses."""
    with gr.Tab("Insights", id="insights"):
        company = gr.Textbox(label="Company (optional)")
        refresh = gr.Button("Refresh insights", elem_id="insights-refresh")
        prep = gr.HTML("", elem_id="prep-brief")
        with gr.Row():
            prep_print = gr.Button("Print the brief", elem_id="prep-print", size="sm",
                                   visible=False)
            prep_file = gr.File(label="The brief as Markdown", elem_id="prep-file",
                                interactive=False, visible=False)
        html = gr.HTML(elem_id="insights-html", js_on_load=CLICK_JS)
        with gr.Accordion("Set the status of a better-fit role", open=False):
            with gr.Row():
                r_key = gr.Textbox(label="Role key")
                r_status = gr.Radio(ROLE_STATUS_CHOICES, label="Status")
                r_save = gr.Button("Set status")
    return InsightsTab(company, refresh, prep, prep_print, prep_file, html, r_key, r_status,
                       r_save)


def settings_tab(profile: dict[str, str | None]) -> SettingsTab:
    """The Settings tab, filled from the saved profile."""
    with gr.Tab("Settings", id="settings"):
        name = gr.Textbox(label="Your name (signs your messages)",
                          value=profile.get("user_name") or "", elem_id="profile-name")
        signature = gr.Textbox(label="Signature (optional)", value=profile.get("signature") or "")
        background = gr.Textbox(label="Short profile: background, strengths, what you want next",
                                lines=4, value=profile.get("background") or "")
        save = gr.Button("Save settings", elem_id="profile-save")
        status = gr.HTML()
    return SettingsTab(name, signature, background, save, status)
