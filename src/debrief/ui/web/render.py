"""HTML and table rows for the web UI. Every piece of user text passes through esc()."""

from __future__ import annotations

import html
from typing import Any

from debrief.core.domain import CATEGORY_TITLES, Debrief, Person

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


def marked_note(notes: str, spans: list[tuple[int, int, int]], highlight: str | None) -> str:
    """The note escaped, evidence spans in <mark id="ev-N">; the `highlight` quote (if found)
    in <mark id="ev-quote" class="hl">, over any evidence span it overlaps."""
    spans = sorted(spans)
    pos = notes.find(highlight) if highlight else -1
    if highlight and pos < 0:
        pos = notes.casefold().find(highlight.casefold())
    if highlight and pos >= 0:
        end = pos + len(highlight)
        spans = sorted([s for s in spans if s[1] <= pos or s[0] >= end] + [(pos, end, 0)])
    out, cursor = [], 0
    for start, end, n in spans:
        if start < cursor:
            continue
        out.append(esc(notes[cursor:start]))
        mark = '<mark id="ev-quote" class="hl">' if n == 0 else f'<mark id="ev-{n}">'
        out.append(f"{mark}{esc(notes[start:end])}</mark>")
        cursor = end
    out.append(esc(notes[cursor:]))
    return "".join(out)


def render_debrief(d: Debrief, progress: tuple[str, float] | None = None,
                   highlight: str | None = None) -> str:
    """The note with each item's evidence highlighted, and the items linked to it; the
    `highlight` quote (a row opened from Insights) marked apart."""
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
        + "<h4>Notes</h4><div class='debrief-note'>"
        + marked_note(d.notes, spans, highlight) + "</div></div>"
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
    """The Insights view as escaped HTML (see insights_render)."""
    from debrief.ui.web.insights_render import render_insights_page

    return render_insights_page(ins)


def render_message_notes(message: Any) -> str:
    """The note lines a finished message is based on, and the checks it failed (escaped)."""
    notes_html = "".join(f"<li>“{esc(g.quote)}”</li>" for g in message.grounding)
    # The checks that fired (features/message_checks.py) are among the warnings.
    warn = "".join(f"<li>{esc(w)}</li>" for w in message.warnings)
    return (f"<p>Based on your notes:</p><ul>{notes_html}</ul>"
            + (f"<p>Checks:</p><ul>{warn}</ul>" if warn else ""))
