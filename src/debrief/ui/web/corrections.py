"""Correcting the open debrief in the web app (Not this, Move to…, headline, add a sentence,
people met) and the personal classifier's line in Settings.

The panels are added to the Debriefs and Settings tabs after layout.py has built them (so
that module, which others change too, stays as it is): the panel goes right under the
debrief view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from debrief.core.corrections import items_of
from debrief.core.domain import CATEGORY_TITLES, Debrief
from debrief.core.errors import UserError
from debrief.core.evidence import segment
from debrief.ui.web.base import ONE_VIEW, PRIVATE, Updates, WebBase
from debrief.ui.web.render import esc, render_debrief

CATEGORY_CHOICES = [(title, cat) for cat, title in CATEGORY_TITLES.items()]


@dataclass
class CorrectPanel:
    """The correction controls under the debrief view."""

    item: gr.Dropdown
    remove: gr.Button
    move_to: gr.Dropdown
    move: gr.Button
    headline: gr.Textbox
    save_headline: gr.Button
    sentence: gr.Dropdown
    add_to: gr.Dropdown
    add: gr.Button
    person: gr.Dropdown
    name: gr.Textbox
    title: gr.Textbox
    person_add: gr.Button
    person_rename: gr.Button
    person_remove: gr.Button
    status: gr.HTML

    @property
    def choices(self) -> list[Any]:
        """The dropdowns filled from the open debrief."""
        return [self.item, self.sentence, self.person]


@dataclass
class LearningPanel:
    """The personal classifier's summary and its reset, in Settings."""

    info: gr.HTML
    reset: gr.Button


def _container(anchor: gr.components.Component) -> Any:
    """The tab (or other block) a component was laid out in."""
    parent = anchor.parent
    assert parent is not None, "lay the tabs out first"
    return parent


def _place_after(anchor: Any, block: Any) -> None:
    """Move a block built at the end of anchor's container to just after anchor."""
    children = anchor.parent.children
    children.remove(block)
    children.insert(children.index(anchor) + 1, block)


def correct_panel(view: gr.HTML) -> CorrectPanel:
    """The Correct accordion, placed right under the debrief view."""
    with _container(view), gr.Accordion("Correct what was found", open=False) as box:
        with gr.Row():
            item = gr.Dropdown([], label="Item", elem_id="fix-item", scale=3)
            remove = gr.Button("Not this", elem_id="fix-remove", size="sm")
        with gr.Row():
            move_to = gr.Dropdown(CATEGORY_CHOICES, label="Move to…", elem_id="fix-move-to")
            move = gr.Button("Move", elem_id="fix-move", size="sm")
            headline = gr.Textbox(label="Headline (the quote's own words)",
                                  elem_id="fix-headline")
            save_headline = gr.Button("Save headline", elem_id="fix-headline-save", size="sm")
        with gr.Row():
            sentence = gr.Dropdown([], label="A sentence of the note", elem_id="fix-sentence",
                                   scale=3)
            add_to = gr.Dropdown(CATEGORY_CHOICES, label="Add to", elem_id="fix-add-to")
            add = gr.Button("Add", elem_id="fix-add", size="sm")
        with gr.Row():
            person = gr.Dropdown([], label="Person found", elem_id="fix-person")
            name = gr.Textbox(label="Name", elem_id="fix-person-name")
            title = gr.Textbox(label="Title", elem_id="fix-person-title")
        with gr.Row():
            person_add = gr.Button("Add person", elem_id="fix-person-add", size="sm")
            person_rename = gr.Button("Rename", elem_id="fix-person-rename", size="sm")
            person_remove = gr.Button("Remove person", elem_id="fix-person-remove", size="sm")
        status = gr.HTML(elem_id="fix-status")
    _place_after(view, box)
    return CorrectPanel(item, remove, move_to, move, headline, save_headline, sentence, add_to,
                        add, person, name, title, person_add, person_rename, person_remove,
                        status)


def learning_panel(anchor: gr.HTML) -> LearningPanel:
    """The personal classifier's line and Reset button, at the end of Settings."""
    with _container(anchor):
        gr.Markdown("### Learning from your corrections")
        info = gr.HTML(elem_id="learn-info")
        reset = gr.Button("Reset to the shipped model", elem_id="learn-reset", size="sm")
    return LearningPanel(info, reset)


class CorrectionHandlers(WebBase):
    """Handlers of the correction panel and the learning line."""

    correct: CorrectPanel
    learning: LearningPanel

    def layout_corrections(self) -> None:
        """Add the panels to the tabs layout.py built."""
        self.correct = correct_panel(self.debriefs.view)
        self.learning = learning_panel(self.profile.status)

    def wire_corrections(self, app: gr.Blocks) -> None:
        """Connect the correction and learning events (all private to the page)."""
        fix, cur = self.correct, self.session.current_id
        out = [self.debriefs.view, fix.status, *fix.choices, fix.headline]
        gr.on([cur.change, self.debriefs.view.change], self.correction_choices, cur,
              fix.choices, api_name="correction_choices", show_progress="hidden", **PRIVATE)
        fix.item.input(self.pick_item, [cur, fix.item], fix.headline, api_name="pick_item",
                       **PRIVATE)
        events: list[tuple[gr.Button, Any, list[Any]]] = [(fix.remove, self.remove_item, [fix.item]),
                  (fix.move, self.move_item, [fix.item, fix.move_to]),
                  (fix.save_headline, self.edit_headline, [fix.item, fix.headline]),
                  (fix.add, self.add_sentence, [fix.sentence, fix.add_to]),
                  (fix.person_add, self.add_person, [fix.name, fix.title]),
                  (fix.person_rename, self.rename_person, [fix.person, fix.name, fix.title]),
                  (fix.person_remove, self.remove_person, [fix.person])]
        for button, handler, inputs in events:
            button.click(handler, [cur, *inputs], out, api_name=handler.__name__, **PRIVATE,
                         **ONE_VIEW)
        gr.on([app.load, fix.status.change], self.learning_info, None, self.learning.info,
              api_name="learning_info", show_progress="hidden", **PRIVATE)
        self.learning.reset.click(self.reset_learning, None, self.learning.info,
                                  api_name="reset_learning", **PRIVATE)

    def correction_choices(self, debrief_id: str) -> Updates:
        """The open debrief's items, sentences and people as dropdown choices."""
        fix = self.correct
        try:
            d = self.service.get(debrief_id) if debrief_id else None
        except UserError:
            d = None
        if d is None:
            return {c: gr.update(choices=[], value=None) for c in fix.choices}
        items = [(f"{CATEGORY_TITLES[r.category]}: {r.item.text}", r.id)
                 for r in items_of(d.extraction)]
        sentences = [(u.text[:140], u.text) for u in segment(d.notes)]
        people = [p.name or p.title or "" for p in (d.extraction.people if d.extraction else [])]
        return {fix.item: gr.update(choices=items, value=None),
                fix.sentence: gr.update(choices=sentences, value=None),
                fix.person: gr.update(choices=[p for p in people if p], value=None)}

    def pick_item(self, debrief_id: str, ref: str | None) -> Updates:
        """Put the picked item's headline in the box, ready to edit."""
        found = next((r for r in self.service.items(debrief_id) if r.id == ref), None) \
            if debrief_id and ref else None
        return {self.correct.headline: found.item.text if found else ""}

    def _done(self, debrief_id: str, action: Any, message: str) -> Updates:
        fix = self.correct
        if not debrief_id:
            return {fix.status: "Select a debrief first."}
        try:
            d: Debrief = action()
        except UserError as exc:
            return {fix.status: f"⚠️ {esc(str(exc))}"}
        return {self.debriefs.view: render_debrief(d, self.service.progress(d.id)),
                fix.status: esc(message), fix.headline: "",
                **self.correction_choices(d.id)}

    def remove_item(self, debrief_id: str, ref: str | None) -> Updates:
        """Not this: remove the picked item (it never comes back)."""
        return self._done(debrief_id, lambda: self.service.remove_item(debrief_id, ref or ""),
                          "Removed. It will not come back when the note is extracted again.")

    def move_item(self, debrief_id: str, ref: str | None, to: str | None) -> Updates:
        """Move the picked item to another category."""
        return self._done(debrief_id,
                          lambda: self.service.move_item(debrief_id, ref or "", to or ""),
                          f"Moved to {CATEGORY_TITLES.get(to or '', to or '?')}.")

    def edit_headline(self, debrief_id: str, ref: str | None, text: str) -> Updates:
        """A new headline for the picked item (checked against its quote)."""
        return self._done(debrief_id,
                          lambda: self.service.set_headline(debrief_id, ref or "", text or ""),
                          "Headline saved.")

    def add_sentence(self, debrief_id: str, sentence: str | None, to: str | None) -> Updates:
        """Add a sentence of the note to a category."""
        return self._done(debrief_id,
                          lambda: self.service.add_item(debrief_id, sentence or "", to or ""),
                          f"Added to {CATEGORY_TITLES.get(to or '', to or '?')}.")

    def add_person(self, debrief_id: str, name: str, title: str) -> Updates:
        """Add someone met that was missed."""
        return self._done(debrief_id,
                          lambda: self.service.add_person(debrief_id, name, title),
                          "Person added.")

    def rename_person(self, debrief_id: str, person: str | None, name: str,
                      title: str) -> Updates:
        """Correct the picked person's name (and title)."""
        return self._done(debrief_id, lambda: self.service.rename_person(
            debrief_id, person or "", name, title), "Person renamed.")

    def remove_person(self, debrief_id: str, person: str | None) -> Updates:
        """Remove the picked person."""
        return self._done(debrief_id,
                          lambda: self.service.remove_person(debrief_id, person or ""),
                          "Person removed.")

    def learning_info(self) -> Updates:
        """How many corrections the personal classifier learned from."""
        try:
            s = self.service.learning_status()
        except UserError as exc:
            return {self.learning.info: esc(str(exc))}
        waiting = f"; {s['waiting']} correction(s) not learned yet" if s["waiting"] else ""
        if s["personal"]:
            text = (f"Your personal model has learned from {s['corrections']} correction(s) "
                    f"({s['examples']} sentences){waiting}.")
        else:
            text = f"Using the shipped model{waiting}."
        return {self.learning.info: f"<p id='learn-count'>{esc(text)}</p>"}

    def reset_learning(self) -> Updates:
        """Delete the personal classifier (the corrections stay in the debriefs)."""
        self.service.reset_personal_model()
        return self.learning_info()
