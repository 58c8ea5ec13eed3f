"""Handlers that talk with the model: asking the notes, writing messages, opening a source."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import gradio as gr

from debrief.core.errors import UserError
from debrief.features.ask import Answer, Filters, Turn
from debrief.service import check_date
from debrief.ui.web.base import Updates, WebBase, no_change
from debrief.ui.web.render import (
    chat_text,
    esc,
    message_text,
    render_citations,
    render_message_notes,
)

# Throttle streamed UI updates: a tight update loop starves generation on 2 cores.
STREAM_INTERVAL_S = 0.3


def past_turns(history: list[Any]) -> list[Turn]:
    """The chat so far as (question, answer) turns, read back from Gradio's messages."""
    return [Turn(message_text(q.get("content")), message_text(a.get("content")))
            for q, a in zip(history[::2], history[1::2], strict=False)
            if isinstance(q, dict) and isinstance(a, dict)]


def bubble(role: str, text: str) -> dict[str, str]:
    """One chat message, escaped for display."""
    return {"role": role, "content": chat_text(text)}


class ConversationHandlers(WebBase):
    """Ask and Write message stream their output; each snapshot is a dict of updates."""

    def ask(self, question: str, history: list[Any] | None, company: str, stage: str,
            since: str, until: str) -> Iterator[Updates]:
        """Answer a question from the notes, streaming the answer, then its sources."""
        tab = self.asking
        history = list(history or [])
        if not question or not question.strip():
            yield {tab.chat: history, tab.sources: "<p>Type a question.</p>", tab.question: ""}
            return
        try:
            filters = Filters(company=company or None, stage=stage or None,
                              since=check_date(since) if since else None,
                              until=check_date(until) if until else None)
            stream = self.service.ask_stream(question, filters, past_turns(history))
        except UserError as exc:
            yield {tab.chat: history, tab.sources: f"<p>⚠️ {esc(str(exc))}</p>",
                   tab.question: question}
            return
        history = [*history, bubble("user", question), {"role": "assistant", "content": "…"}]
        yield {tab.chat: history, tab.sources: "<p><i>searching your notes…</i></p>",
               tab.question: ""}
        yield from self._stream_answer(stream, history)

    def _stream_answer(self, stream: Iterator[str | Answer],
                       history: list[Any]) -> Iterator[Updates]:
        tab = self.asking
        text, last = "", 0.0
        try:
            for part in stream:
                if isinstance(part, Answer):
                    history[-1] = bubble("assistant", part.answer)
                    ids = [(f"{c.company} {c.date} ({c.debrief_id})", c.debrief_id)
                           for c in part.citations]
                    yield {tab.chat: history, tab.sources: render_citations(part.citations),
                           tab.source_pick: gr.update(choices=ids, value=None),
                           tab.question: ""}
                    return
                text += part
                if time.monotonic() - last > STREAM_INTERVAL_S:
                    last = time.monotonic()
                    history[-1] = bubble("assistant", text)
                    yield {tab.chat: history, tab.sources: "<p><i>writing…</i></p>",
                           tab.question: ""}
        except UserError as exc:
            history[-1] = {"role": "assistant", "content": f"⚠️ {chat_text(str(exc))}"}
            yield {tab.chat: history, tab.sources: "", tab.question: ""}

    def open_source(self, debrief_id: str | None) -> Updates:
        """Open the debrief a source of the answer came from.

        Only a pick by the user opens anything: the new answer resetting the list to no value
        must not close the debrief that is open (it did once, and Write message then said
        "Open a debrief first").
        """
        if not debrief_id:
            return no_change()
        return {self.session.current_id: debrief_id, **self.opened(debrief_id)}

    def write_message(self, debrief_id: str, to: str, kind: str,
                      tone: str) -> Iterator[Updates]:
        """Stream the message in: each snapshot holds only details already checked."""
        yield from self._compose(debrief_id, to, kind, tone, None)

    def rewrite_message(self, debrief_id: str, to: str, kind: str, tone: str,
                        chosen: list[Any] | None) -> Iterator[Updates]:
        """Write the message again with the details the user ticked (no model call)."""
        use = sorted(int(n) for n in (chosen or []))
        yield from self._compose(debrief_id, to, kind, tone, use)

    def _compose(self, debrief_id: str, to: str, kind: str, tone: str,
                 use: list[int] | None) -> Iterator[Updates]:
        tab = self.debriefs
        if not debrief_id:
            yield {tab.msg_notes: "<p>Open a debrief first.</p>"}
            return
        out = None
        last = 0.0
        try:
            for out in self.service.compose_stream(debrief_id, kind, to or None, tone,
                                                   use=use):
                if time.monotonic() - last > STREAM_INTERVAL_S:
                    last = time.monotonic()
                    yield {tab.msg_out: out.message,
                           tab.msg_notes: "<p><i>writing… only checked sentences are shown</i></p>"}
        except UserError as exc:
            yield {tab.msg_notes: f"<p>⚠️ {esc(str(exc))}</p>"}
            return
        if out is not None:
            choices = [(f"{x.label} ({x.kind})", x.number) for x in out.details]
            chosen = [x.number for x in out.details if x.chosen]
            yield {tab.msg_out: out.message, tab.msg_notes: render_message_notes(out),
                   tab.msg_details: gr.update(choices=choices, value=chosen)}
