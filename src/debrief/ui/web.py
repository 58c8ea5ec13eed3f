"""The web UI: thin Gradio Blocks over DebriefService. User text is always escaped."""

from __future__ import annotations

import datetime as dt
import html
import ipaddress
import logging
import os
import time as _time
from pathlib import Path
from typing import Any

from debrief.core.config import Settings
from debrief.core.domain import STAGES, Debrief, Person
from debrief.core.errors import UserError
from debrief.service import DebriefService, check_date

log = logging.getLogger(__name__)

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

CATEGORY_TITLES = {
    "insider_info": "Insider info",
    "interviewer_priorities": "What interviewers cared about",
    "better_fit_roles": "Better-fit roles",
    "questions_asked": "Questions asked",
    "follow_ups": "Follow-ups",
    "practice_points": "Practice points",
}
LIST_HEADERS = ["id", "date", "company", "role", "stage", "extraction"]
CSS = """
.debrief-note { white-space: pre-wrap; font-family: inherit; border: 1px solid #ddd;
  padding: .75em; border-radius: 6px; max-height: 28em; overflow-y: auto; }
.debrief-note mark { background: #fff3b0; }
.debrief-note mark:target, .debrief-note mark.hl { background: #ffb347; }
.debrief-items li { margin-bottom: .4em; }
.debrief-quote { color: #555; font-size: .9em; }
#ask-chat .message-content, #ask-chat .message { white-space: pre-wrap; }
"""


def esc(text: str | None) -> str:
    """User text as inert HTML."""
    return html.escape(text or "", quote=True)


def chat_text(text: str | None) -> str:
    """Text for a chat bubble. Gradio's Chatbot renders HTML (sanitized) even with
    render_markdown=False, so markup in a question, a note or an answer would show as
    elements (an <img> in a note even loads its src); escaped, it shows as written."""
    return html.escape(text or "", quote=False)


def message_text(content: Any) -> str:
    """The plain text of a chat message as Gradio passes it back: Gradio 6 gives content as
    a list of parts ({"type": "text", "text": ...}), escaped by chat_text()."""
    if isinstance(content, str):
        return html.unescape(content)
    if isinstance(content, dict):
        return html.unescape(str(content.get("text") or ""))
    if isinstance(content, (list, tuple)):
        return "\n".join(t for t in (message_text(c) for c in content) if t)
    return ""


def people_rows(people: list[Person]) -> list[list[str]]:
    """People as rows for the people table."""
    return [[p.name or "", p.title or ""] for p in people] or [["", ""]]


def rows_to_people(rows: Any) -> list[Person]:
    """Rows of the people table (list or DataFrame) to Person objects, skipping empty rows."""
    if rows is None:
        return []
    if hasattr(rows, "values"):
        rows = rows.values.tolist()
    out = []
    for row in rows:
        name = str(row[0] or "").strip() if len(row) > 0 else ""
        title = str(row[1] or "").strip() if len(row) > 1 else ""
        if name or title:
            out.append(Person(name=name or None, title=title or None))
    return out


def list_rows(items: list[Debrief]) -> list[list[str]]:
    """Debriefs as table rows (Gradio shows them as plain text)."""
    return [[d.id, d.date, d.company, d.role or "", d.stage, d.extraction_status] for d in items]


def render_debrief(d: Debrief, progress: tuple[str, float] | None = None) -> str:
    """The note with each item's evidence highlighted, and the items linked to it."""
    spans: list[tuple[int, int, int]] = []
    items_html = []
    ext = d.extraction
    counter = 0
    if ext is not None:
        for cat, title in CATEGORY_TITLES.items():
            lis = []
            for item in getattr(ext, cat):
                counter += 1
                pos = d.notes.find(item.evidence)
                if pos >= 0:
                    spans.append((pos, pos + len(item.evidence), counter))
                who = getattr(item, "interviewer", None)
                extra = f" <em>({esc(who)})</em>" if who else ""
                lis.append(
                    f'<li><a href="#ev-{counter}" title="show in note">{esc(item.text)}</a>{extra}'
                    f'<br><span class="debrief-quote">“{esc(item.evidence)}”</span></li>')
            if lis:
                items_html.append(f"<h4>{esc(title)}</h4><ul class='debrief-items'>"
                                  + "".join(lis) + "</ul>")
        if ext.people:
            ppl = ", ".join(f"{esc(p.name)} ({esc(p.title)})" if p.name and p.title
                            else esc(p.name or p.title) for p in ext.people)
            items_html.insert(0, f"<p><b>People found:</b> {ppl}</p>")
    # The note with highlights: escape each piece, wrap evidence spans in <mark>.
    spans.sort()
    out, cursor = [], 0
    for start, end, n in spans:
        if start < cursor:
            continue
        out.append(esc(d.notes[cursor:start]))
        out.append(f'<mark id="ev-{n}">{esc(d.notes[start:end])}</mark>')
        cursor = end
    out.append(esc(d.notes[cursor:]))
    status = d.extraction_status
    if progress and status in ("pending", "running"):
        status_html = f"extraction: {esc(progress[0])} ({progress[1]:.0%})"
    elif status == "failed":
        status_html = f"extraction failed: {esc(d.extraction_error)} (press Retry extraction)"
    elif status == "done" and ext is not None:
        status_html = (f"extraction done in {ext.seconds:.0f}s with {esc(ext.model)}; "
                       f"{ext.dropped_items} unsupported item(s) dropped")
    else:
        status_html = f"extraction: {esc(status)}"
    people = ", ".join(f"{esc(p.name or '?')}{' (' + esc(p.title) + ')' if p.title else ''}"
                       for p in d.people)
    return (
        f"<div class='debrief-view'><h3>{esc(d.company)}{' — ' + esc(d.role) if d.role else ''}"
        "</h3>"
        f"<p>{esc(d.date)} · {esc(d.stage)}{' · met ' + people if people else ''}</p>"
        f"<p class='debrief-status'><i>{status_html}</i></p>"
        + "".join(items_html)
        + f"<h4>Notes</h4><div class='debrief-note'>{''.join(out)}</div></div>"
    )


def render_citations(citations: list[Any]) -> str:
    """Sources under an answer: which debrief, and the quoted passage (escaped)."""
    if not citations:
        return ""
    items = "".join(
        f"<li><b>{esc(c.company)}</b>, {esc(c.role or '-')}, {esc(c.date)} "
        f"<code>{esc(c.debrief_id)}</code><br><span class='debrief-quote'>“{esc(c.quote)}”</span>"
        "</li>" for c in citations)
    return f"<div id='ask-sources'><h4>Sources</h4><ol>{items}</ol></div>"


def render_insights(ins: Any) -> str:
    """The company dossiers, network and practice plan as escaped HTML."""
    parts = [f"<p>{ins.debriefs} debriefs, {ins.extracted} extracted; questions grouped by "
             f"{esc(ins.grouped_by)}.</p>"]
    if ins.practice_plan:
        parts.append("<h3>Practice plan</h3><ul>" + "".join(
            f"<li>☐ {esc(p.text)}{f' (asked {p.count}×)' if p.count > 1 else ''}</li>"
            for p in ins.practice_plan) + "</ul>")
    for dossier in ins.company_dossier:
        facts = "".join(f"<li>{esc(f.date)} ({esc(f.stage)}): {esc(f.text)} "
                        f"<code>{esc(f.debrief_id)}</code></li>" for f in dossier.facts)
        people = ", ".join(f"{esc(p.name)}{' (' + esc(p.title) + ')' if p.title else ''}"
                           for p in dossier.people)
        parts.append(f"<h4>{esc(dossier.company)}</h4><p>Met: {people or '-'}</p>"
                     f"<ul>{facts or '<li>no insider facts yet</li>'}</ul>")
    return "<div id='insights-view'>" + "".join(parts) + "</div>"


def draft_secret(data_dir: Path) -> str:
    """The key that encrypts drafts in the browser, kept so drafts survive a restart."""
    import secrets

    path = data_dir / "browser-secret"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(16)
    path.write_text(value, encoding="utf-8")
    return value


def build_app(service: DebriefService, settings: Settings, model_label: str) -> Any:
    """The Gradio Blocks app; handlers are plain functions over the service."""
    import gradio as gr

    def refresh_list(company: str, search: str) -> Any:
        return gr.update(value=list_rows(service.list(company=company or None,
                                                      text=search or None)))

    def save(company, role, date, stage, people, notes, c_filter, s_filter):  # noqa: ANN001,ANN202
        try:
            d = service.add(notes, company=company, role=role, date=date, stage=stage,
                            people=rows_to_people(people))
        except UserError as exc:
            return (gr.update(value=f"⚠️ {esc(str(exc))}"),) + (gr.update(),) * 10
        service.extract_in_background(d.id)
        try:
            service.backup_if_due(settings.backups_dir)  # once a day, when the app is used
        except (OSError, UserError) as exc:
            log.warning("daily backup failed: %s", exc)
        msg = (f"Saved <b>{esc(d.company)}</b> ({esc(d.id)}). Extraction is running in the "
               "background; open it in the Debriefs tab to follow it.")
        # The new debrief becomes the open one: the view and the edit form show it, so that
        # "Save changes" can never write another debrief's fields over it.
        return (gr.update(value=msg), refresh_list(c_filter, s_filter), d.id,
                gr.update(value=""), *open_debrief(d.id))

    def open_debrief(debrief_id: str) -> tuple[Any, ...]:
        if not debrief_id:  # nothing open (e.g. just deleted): clear the edit form too
            return ("<p>Select a debrief in the list.</p>", "", "", "", None, people_rows([]),
                    "")
        try:
            d = service.get(debrief_id)
        except UserError as exc:
            return (gr.update(value=f"<p>{esc(str(exc))}</p>"),) + (gr.update(),) * 6
        return (render_debrief(d, service.progress(d.id)), d.company, d.role or "", d.date,
                d.stage, people_rows(d.people), d.notes)

    def on_select(evt: gr.SelectData, table: Any) -> str:
        if evt.row_value:  # the clicked row as shown (right even when the table is sorted)
            return str(evt.row_value[0] or "")
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        rows = table.values.tolist() if hasattr(table, "values") else table
        return str(rows[row][0]) if rows and row < len(rows) else ""

    # With `from __future__ import annotations` the hint above is the string "gr.SelectData",
    # which Gradio cannot resolve (gr is imported here, not at module level); without a real
    # class it passes the table as `evt` and every click in the list opens nothing.
    on_select.__annotations__["evt"] = gr.SelectData

    def save_edit(debrief_id, company, role, date, stage, people, notes, cf, sf):  # noqa: ANN001,ANN202
        if not debrief_id:
            return gr.update(value="Select a debrief first."), gr.update(), gr.update()
        try:
            before = service.get(debrief_id)
            d = service.edit(debrief_id, notes=notes, company=company, role=role, date=date,
                             stage=stage, people=rows_to_people(people))
        except UserError as exc:
            return gr.update(value=f"⚠️ {esc(str(exc))}"), gr.update(), gr.update()
        if d.notes != before.notes:
            service.extract_in_background(d.id)
        return (gr.update(value=f"Saved changes to {esc(d.id)}."), refresh_list(cf, sf),
                render_debrief(d, service.progress(d.id)))

    def delete(debrief_id: str, confirm: bool, cf: str, sf: str) -> tuple[Any, ...]:
        if not debrief_id:
            return gr.update(value="Select a debrief first."), gr.update(), gr.update(), False
        if not confirm:
            return (gr.update(value="Tick “Yes, delete it” to confirm."), gr.update(),
                    gr.update(), False)
        try:
            service.delete(debrief_id)
        except UserError as exc:
            return gr.update(value=f"⚠️ {esc(str(exc))}"), gr.update(), gr.update(), False
        return (gr.update(value=f"Deleted {esc(debrief_id)}."), refresh_list(cf, sf), "", False)

    def retry(debrief_id: str) -> Any:
        if not debrief_id:
            return gr.update(value="Select a debrief first.")
        service.extract_in_background(debrief_id)
        return gr.update(value="Extraction queued.")

    def restore_draft(d: Any) -> tuple[Any, ...]:
        """Fill the New debrief form from the saved draft; leave alone what the draft lacks.

        The load event can land after the user (or a test) started typing: writing "" back
        would wipe what they typed, so an empty draft field is no update at all.
        """
        d = d if isinstance(d, dict) else {}
        return tuple(d.get(k) or gr.update() for k in ("company", "role", "notes"))

    def poll(debrief_id: str, shown: str, cf: str, sf: str) -> tuple[Any, Any, Any]:
        """Re-render the open debrief; refresh the list only when its status changed."""
        if not debrief_id:
            return gr.update(), gr.update(), gr.update()
        try:
            d = service.get(debrief_id)
        except UserError:
            return gr.update(), gr.update(), gr.update()
        key = f"{d.id}:{d.extraction_status}"
        table_update = refresh_list(cf, sf) if key != shown else gr.update()
        return render_debrief(d, service.progress(d.id)), table_update, key

    def ask(question_text, history, company_f, stage_f, since_f, until_f):  # noqa: ANN001,ANN202
        from debrief.features.ask import Answer, Filters, Turn

        history = list(history or [])
        if not question_text or not question_text.strip():
            yield history, "<p>Type a question.</p>", gr.update(), ""
            return
        turns = [Turn(message_text(q.get("content")), message_text(a.get("content")))
                 for q, a in zip(history[::2], history[1::2], strict=False)
                 if isinstance(q, dict) and isinstance(a, dict)]
        try:
            filters = Filters(company=company_f or None, stage=stage_f or None,
                              since=check_date(since_f) if since_f else None,
                              until=check_date(until_f) if until_f else None)
            stream = service.ask_stream(question_text, filters, turns)
        except UserError as exc:
            yield history, f"<p>⚠️ {esc(str(exc))}</p>", gr.update(), question_text
            return
        history = [*history, {"role": "user", "content": chat_text(question_text)},
                   {"role": "assistant", "content": "…"}]
        yield history, "<p><i>searching your notes…</i></p>", gr.update(), ""
        text, last = "", 0.0
        try:
            for part in stream:
                if isinstance(part, Answer):
                    history[-1] = {"role": "assistant", "content": chat_text(part.answer)}
                    ids = [(f"{c.company} {c.date} ({c.debrief_id})", c.debrief_id)
                           for c in part.citations]
                    yield (history, render_citations(part.citations),
                           gr.update(choices=ids, value=None), "")
                    return
                text += part
                # Throttle UI updates: a tight update loop starves generation on 2 cores.
                if _time.monotonic() - last > 0.3:
                    last = _time.monotonic()
                    history[-1] = {"role": "assistant", "content": chat_text(text)}
                    yield history, "<p><i>writing…</i></p>", gr.update(), ""
        except UserError as exc:
            history[-1] = {"role": "assistant", "content": f"⚠️ {chat_text(str(exc))}"}
            yield history, "", gr.update(), ""

    def write_message(debrief_id, to, kind, tone):  # noqa: ANN001,ANN202
        """Stream the message in: each snapshot holds only sentences already checked."""
        if not debrief_id:
            yield gr.update(), "<p>Open a debrief first.</p>"
            return
        out = None
        last = 0.0
        try:
            for out in service.compose_stream(debrief_id, kind, to or None, tone):
                # Throttled: a tight UI update loop would slow the model down.
                if _time.monotonic() - last > 0.3:
                    last = _time.monotonic()
                    yield out.message, "<p><i>writing… only checked sentences are shown</i></p>"
        except UserError as exc:
            yield gr.update(), f"<p>⚠️ {esc(str(exc))}</p>"
            return
        if out is None:
            return
        notes_html = "".join(f"<li>“{esc(g.quote)}”</li>" for g in out.grounding)
        warn = "".join(f"<li>{esc(w)}</li>" for w in out.warnings)
        yield out.message, (f"<p>Based on your notes:</p><ul>{notes_html}</ul>"
                            + (f"<p>Checks:</p><ul>{warn}</ul>" if warn else ""))

    export_dir: list[Path] = []  # one private temp folder per app, made on first export

    def export_all() -> Any:
        """Every debrief as a JSON file to download (what `debrief export` writes)."""
        import tempfile

        if not export_dir:
            export_dir.append(Path(tempfile.mkdtemp(prefix="debrief-export-")))
        path = export_dir[0] / f"debrief-export-{dt.date.today().isoformat()}.json"
        path.write_text(service.export_json(), encoding="utf-8")
        return gr.update(value=str(path), visible=True)

    def refresh_insights(company_f):  # noqa: ANN001,ANN202
        import pandas as pd

        ins = service.insights(company=company_f or None)
        qdf = pd.DataFrame([{"question": b.label[:40], "count": b.count}
                            for b in ins.question_chart] or [{"question": "", "count": 0}])
        vdf = pd.DataFrame([{"theme": b.label[:40], "count": b.count}
                            for b in ins.values_chart] or [{"theme": "", "count": 0}])
        tdf = pd.DataFrame([{"date": i.date, "company": i.company, "stage": i.stage}
                            for i in ins.timeline] or [{"date": "", "company": "", "stage": ""}])
        return (
            qdf, vdf,
            [[g.count, g.text, ", ".join(g.companies), "yes" if g.practised else ""]
             for g in ins.question_bank],
            [[t.count, t.text, ", ".join(t.companies), ", ".join(t.interviewers)]
             for t in ins.interviewer_values],
            [[r.key, r.text, r.company, r.mentioned_by or "", r.status, r.quote]
             for r in ins.better_fit_roles],
            [[c.name, c.title or "", c.company, c.last_met, "yes" if c.thank_you_sent else "",
              "yes" if c.connect_sent else "", "due" if c.follow_up_due else ""]
             for c in ins.network],
            tdf, render_insights(ins),
        )

    def set_status(key, status, company_f):  # noqa: ANN001,ANN202
        try:
            service.set_role_status(key.strip(), status or "new")
        except UserError:
            pass
        return refresh_insights(company_f)

    def save_profile(name, sig, background):  # noqa: ANN001,ANN202
        try:
            service.save_profile(user_name=name, signature=sig, background=background)
        except UserError as exc:
            return f"<p>⚠️ {esc(str(exc))}</p>"
        return "<p>Saved.</p>"

    with gr.Blocks(title="Debrief", analytics_enabled=False) as app:
        gr.Markdown("# Debrief\nYour interview notes, kept on this machine.")
        gr.HTML(f"<p id='active-model'>Active model: <b>{esc(model_label)}</b></p>")
        current_id = gr.State("")
        shown_status = gr.State("")  # "id:status" of the open debrief as the list last showed it
        draft = gr.BrowserState({}, storage_key="debrief-draft",
                                secret=draft_secret(settings.data_dir))
        with gr.Tabs():
            with gr.Tab("New debrief", id="new"):
                with gr.Row():
                    company = gr.Textbox(label="Company", elem_id="new-company")
                    role = gr.Textbox(label="Role", elem_id="new-role")
                    date = gr.Textbox(label="Date (YYYY-MM-DD)", value=dt.date.today().isoformat(),
                                      elem_id="new-date")
                    stage = gr.Dropdown(list(STAGES), value="other", label="Stage",
                                        elem_id="new-stage")
                people = gr.Dataframe(headers=["name", "title"], value=[["", ""]],
                                      row_count=1, column_count=(2, "fixed"),
                                      label="People met", interactive=True, elem_id="new-people")
                notes = gr.Textbox(label="Notes", lines=14, max_lines=40, elem_id="new-notes",
                                   placeholder="What happened, who you met, what they asked…")
                save_btn = gr.Button("Save", variant="primary", elem_id="save")
                save_msg = gr.HTML(elem_id="save-status")
            with gr.Tab("Debriefs", id="list"):
                with gr.Row():
                    c_filter = gr.Textbox(label="Filter by company", elem_id="filter-company")
                    s_filter = gr.Textbox(label="Search text", elem_id="filter-search")
                table = gr.Dataframe(headers=LIST_HEADERS, value=list_rows(service.list()),
                                     interactive=False, elem_id="debrief-list", wrap=True)
                view = gr.HTML("<p>Select a debrief in the list.</p>", elem_id="debrief-view")
                with gr.Accordion("Edit or delete", open=False):
                    with gr.Row():
                        e_company = gr.Textbox(label="Company", elem_id="edit-company")
                        e_role = gr.Textbox(label="Role")
                        e_date = gr.Textbox(label="Date (YYYY-MM-DD)")
                        e_stage = gr.Dropdown(list(STAGES), label="Stage")
                    e_people = gr.Dataframe(headers=["name", "title"], row_count=1,
                                            column_count=(2, "fixed"), label="People met",
                                            interactive=True)
                    e_notes = gr.Textbox(label="Notes", lines=12, elem_id="edit-notes")
                    with gr.Row():
                        edit_btn = gr.Button("Save changes", elem_id="save-edit")
                        retry_btn = gr.Button("Retry extraction", elem_id="retry")
                        confirm = gr.Checkbox(label="Yes, delete it", elem_id="confirm-delete")
                        del_btn = gr.Button("Delete", variant="stop", elem_id="delete")
                    edit_msg = gr.HTML(elem_id="edit-status")
                with gr.Accordion("Messages: thank-you, connection note, follow-up", open=False):
                    with gr.Row():
                        m_to = gr.Textbox(label="To (a person you met)", elem_id="msg-to")
                        m_kind = gr.Radio(["thank-you", "connect", "follow-up"],
                                          value="thank-you", label="Kind", elem_id="msg-kind")
                        m_tone = gr.Radio(["warm", "formal", "brief"], value="warm",
                                          label="Tone")
                    m_btn = gr.Button("Write message", elem_id="msg-write")
                    m_out = gr.Textbox(label="Message (editable)", lines=10, buttons=["copy"],
                                       elem_id="msg-out", interactive=True)
                    m_notes = gr.HTML(elem_id="msg-notes")
                with gr.Row():
                    export_btn = gr.Button("Export all debriefs (JSON)", elem_id="export",
                                           size="sm")
                    export_file = gr.File(label="Export", elem_id="export-file",
                                          interactive=False, visible=False)
            with gr.Tab("Ask", id="ask"):
                with gr.Row():
                    a_company = gr.Textbox(label="Company (optional)", elem_id="ask-company")
                    a_stage = gr.Dropdown(["", *STAGES], value="", label="Stage (optional)")
                    a_since = gr.Textbox(label="Since (YYYY-MM-DD)")
                    a_until = gr.Textbox(label="Until (YYYY-MM-DD)")
                chat = gr.Chatbot(label="Ask your notes", render_markdown=False, buttons=["copy"],
                                  elem_id="ask-chat", height=360)
                question = gr.Textbox(label="Question", elem_id="ask-question",
                                      placeholder="Which companies asked me about system design?")
                ask_btn = gr.Button("Ask", variant="primary", elem_id="ask-button")
                sources = gr.HTML(elem_id="ask-sources-box")
                source_pick = gr.Dropdown([], label="Open a source", elem_id="ask-open")
            with gr.Tab("Insights", id="insights"):
                ins_company = gr.Textbox(label="Company (optional)")
                ins_btn = gr.Button("Refresh insights", elem_id="insights-refresh")
                with gr.Row():
                    q_chart = gr.BarPlot(x="question", y="count", label="Questions asked most",
                                         sort="-y", height=260)
                    v_chart = gr.BarPlot(x="theme", y="count", label="What interviewers value",
                                         sort="-y", height=260)
                q_table = gr.Dataframe(headers=["count", "question", "companies", "practised"],
                                       interactive=False, label="Question bank", wrap=True)
                v_table = gr.Dataframe(headers=["count", "what they value", "companies",
                                                "interviewers"], interactive=False, wrap=True,
                                       label="What interviewers value")
                r_table = gr.Dataframe(headers=["key", "role or team", "company", "mentioned by",
                                                "status", "quote"], interactive=False, wrap=True,
                                       label="Better-fit roles")
                with gr.Row():
                    r_key = gr.Textbox(label="Role key")
                    r_status = gr.Radio(["interested", "applied", "not for me", "new"],
                                        label="Status")
                    r_btn = gr.Button("Set status")
                n_table = gr.Dataframe(headers=["name", "title", "company", "last met",
                                                "thank-you", "connect", "follow-up due"],
                                       interactive=False, label="Network", wrap=True)
                timeline = gr.ScatterPlot(x="date", y="company", color="stage",
                                          label="Interviews over time", height=260)
                ins_html = gr.HTML(elem_id="insights-html")
            with gr.Tab("Settings", id="settings"):
                prof = service.profile()
                p_name = gr.Textbox(label="Your name (signs your messages)",
                                    value=prof.get("user_name") or "", elem_id="profile-name")
                p_sig = gr.Textbox(label="Signature (optional)", value=prof.get("signature") or "")
                p_bg = gr.Textbox(label="Short profile: background, strengths, what you want next",
                                  lines=4, value=prof.get("background") or "")
                p_btn = gr.Button("Save settings", elem_id="profile-save")
                p_msg = gr.HTML()
        timer = gr.Timer(2.0)

        fields = [company, role, date, stage, people, notes]
        outputs = [view, e_company, e_role, e_date, e_stage, e_people, e_notes]
        save_btn.click(save, [*fields, c_filter, s_filter],
                       [save_msg, table, current_id, notes, *outputs]).then(
            lambda: {}, None, draft)
        for f in (company, role, notes):
            f.change(lambda c, r, n: {"company": c, "role": r, "notes": n},
                     [company, role, notes], draft)
        app.load(restore_draft, draft, [company, role, notes])
        app.load(refresh_list, [c_filter, s_filter], table)
        c_filter.change(refresh_list, [c_filter, s_filter], table)
        s_filter.change(refresh_list, [c_filter, s_filter], table)
        table.select(on_select, table, current_id).then(open_debrief, current_id, outputs)
        edit_btn.click(save_edit, [current_id, e_company, e_role, e_date, e_stage, e_people,
                                   e_notes, c_filter, s_filter], [edit_msg, table, view])
        del_btn.click(delete, [current_id, confirm, c_filter, s_filter],
                      [edit_msg, table, current_id, confirm]).then(open_debrief, current_id,
                                                                  outputs)
        retry_btn.click(retry, current_id, edit_msg)
        for trigger in (ask_btn.click, question.submit):
            trigger(ask, [question, chat, a_company, a_stage, a_since, a_until],
                    [chat, sources, source_pick, question], concurrency_limit=1,
                    show_progress="minimal")
        source_pick.change(lambda v: v or "", source_pick, current_id).then(
            open_debrief, current_id, outputs)
        m_btn.click(write_message, [current_id, m_to, m_kind, m_tone], [m_out, m_notes],
                    concurrency_limit=1)
        export_btn.click(export_all, None, export_file)
        ins_outputs = [q_chart, v_chart, q_table, v_table, r_table, n_table, timeline, ins_html]
        ins_btn.click(refresh_insights, ins_company, ins_outputs)
        r_btn.click(set_status, [r_key, r_status, ins_company], ins_outputs)
        p_btn.click(save_profile, [p_name, p_sig, p_bg], p_msg)
        timer.tick(poll, [current_id, shown_status, c_filter, s_filter],
                   [view, table, shown_status], show_progress="hidden")
    return app


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """DEBRIEF_AUTH as user:password, or a path to a file holding it."""
    if not value:
        return None
    path = Path(value).expanduser()
    if path.is_file():
        value = path.read_text(encoding="utf-8").strip()
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise UserError("DEBRIEF_AUTH must be user:password (or a file holding it)")
    return user, password


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(settings: Settings, *, insecure_no_auth: bool = False) -> None:
    """Start the web app on settings.host:settings.port (loopback unless told otherwise)."""
    auth = parse_auth(settings.auth)
    if not is_loopback(settings.host) and auth is None and not insecure_no_auth:
        raise UserError(
            f"refusing to listen on {settings.host} without a password: set "
            "DEBRIEF_AUTH=user:password, or pass --insecure-no-auth if you really mean it")
    from debrief.adapters.catalog import Catalog
    from debrief.wiring import build_service

    service = build_service(settings)
    recovered = service.recover_interrupted()
    try:
        service.backup_if_due(settings.backups_dir)
    except (OSError, UserError) as exc:
        log.warning("daily backup failed: %s", exc)
    if recovered:
        log.warning("%d extraction(s) were interrupted; marked failed so they can be retried",
                    recovered)
    catalog = Catalog.load(settings.models_dir)
    try:
        if settings.llm_url:  # the model runs on an OpenAI-compatible server
            model_label = f"{settings.llm_model or 'server model'} at {settings.llm_url}"
        else:
            label, path = catalog.resolve(settings.model)
            model_label = f"{label} ({path.stat().st_size / 1e6:,.0f} MB)"
    except UserError as exc:
        model_label = f"{settings.model} — not available: {exc}"
    app = build_app(service, settings, model_label)
    print(f"Debrief on http://{settings.host}:{settings.port} (model: {model_label})", flush=True)
    try:
        app.queue(default_concurrency_limit=1).launch(
            server_name=settings.host, server_port=settings.port, share=False, auth=auth,
            show_error=True, inbrowser=False, quiet=True, css=CSS,
        )
    finally:
        # Ctrl-C: drop queued extractions (they stay pending; Retry re-queues) instead of running
        # every one of them before the process can exit.
        service.close()
