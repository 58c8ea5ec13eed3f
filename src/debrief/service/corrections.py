"""The user's corrections to an extraction: remove, move, add, headline, and people met.

Each correction is kept in the stored debrief (`corrections`) and the stored extraction is
re-made with every correction applied (core/corrections.py), here and after each
re-extraction, so every reader sees the corrected items.
"""

from __future__ import annotations

from debrief.core.corrections import ItemRef, apply_corrections, find_item, items_of
from debrief.core.domain import CATEGORIES, Correction, Debrief, Extraction
from debrief.core.errors import UserError
from debrief.core.evidence import locate
from debrief.features.headlines import grounded_headline, headline
from debrief.service.base import ServiceBase


def check_category(category: str) -> str:
    """A category name as given on the command line (- or _ between words)."""
    name = category.strip().lower().replace("-", "_").replace(" ", "_")
    if name not in CATEGORIES:
        raise UserError(f"unknown category '{category}': use one of {', '.join(CATEGORIES)}")
    return name


class CorrectionUseCases(ServiceBase):
    """Fixes to what the extraction found, kept forever and re-applied to every extraction."""

    def items(self, debrief_id: str) -> list[ItemRef]:
        """The debrief's items with their stable ids (corrections applied)."""
        return items_of(self.get(debrief_id).extraction)

    def _item(self, d: Debrief, ref: str) -> ItemRef:
        found = find_item(d.extraction, ref)
        if found is None:
            raise UserError(f"no item '{ref}' in debrief {d.id} (see `debrief items {d.id}`)")
        return found

    def remove_item(self, debrief_id: str, ref: str) -> Debrief:
        """Not this: the item goes, and never comes back on a re-extraction."""
        d = self.get(debrief_id)
        it = self._item(d, ref)
        return self._correct(d.id, Correction(op="remove", category=it.category,
                                              evidence=it.item.evidence))

    def move_item(self, debrief_id: str, ref: str, category: str) -> Debrief:
        """Move an item to another category (kept there on every re-extraction)."""
        d = self.get(debrief_id)
        it = self._item(d, ref)
        to = check_category(category)
        if to == it.category:
            return d
        return self._correct(d.id, Correction(op="move", category=it.category, to=to,
                                              evidence=it.item.evidence, text=it.item.text))

    def add_item(self, debrief_id: str, quote: str, category: str) -> Debrief:
        """Add a sentence of the note to a category; the quote must be the note's words."""
        d = self.get(debrief_id)
        cat = check_category(category)
        span = locate(d.notes, quote, snap_ratio=1.01) if quote.strip() else None
        if span is None:
            raise UserError("that quote is not in the note: copy the words exactly as written "
                            f"(see `debrief show {d.id}`)")
        evidence = span.text(d.notes)
        text = headline(evidence) or " ".join(evidence.split()).rstrip(".;,")
        return self._correct(d.id, Correction(op="add", category=cat, evidence=evidence,
                                              text=text))

    def set_headline(self, debrief_id: str, ref: str, text: str) -> Debrief:
        """A new headline for an item: at most 12 words, each content word from its quote."""
        d = self.get(debrief_id)
        it = self._item(d, ref)
        checked = grounded_headline(" ".join(text.split()), it.item.evidence)
        if checked is None:
            raise UserError("that headline is refused: use at most 12 words, taken from the "
                            "item's quote")
        return self._correct(d.id, Correction(op="headline", category=it.category,
                                              evidence=it.item.evidence, text=checked))

    def add_person(self, debrief_id: str, name: str | None, title: str | None = None
                   ) -> Debrief:
        """Add someone met that the extraction missed."""
        name, title = (name or "").strip() or None, (title or "").strip() or None
        if not name and not title:
            raise UserError("give the person's name or title")
        d = self.get(debrief_id)
        key = (name or title or "").casefold()
        line = next((ln.strip() for ln in d.notes.splitlines() if key in ln.casefold()), "")
        return self._correct(d.id, Correction(op="add_person", name=name, title=title,
                                              evidence=line))

    def rename_person(self, debrief_id: str, person: str, name: str | None,
                      title: str | None = None) -> Debrief:
        """Correct the name (and title) of someone the extraction found."""
        d = self._person(debrief_id, person)
        if not (name or "").strip() and not (title or "").strip():
            raise UserError("give the new name or title")
        return self._correct(d.id, Correction(op="rename_person", person=person.strip(),
                                              name=(name or "").strip() or None,
                                              title=(title or "").strip() or None))

    def remove_person(self, debrief_id: str, person: str) -> Debrief:
        """Someone the extraction listed who was not met."""
        d = self._person(debrief_id, person)
        return self._correct(d.id, Correction(op="remove_person", person=person.strip()))

    def _person(self, debrief_id: str, person: str) -> Debrief:
        d = self.get(debrief_id)
        key = person.strip().casefold()
        people = d.extraction.people if d.extraction else []
        if not key or not any(key in ((p.name or "").casefold(), (p.title or "").casefold())
                              for p in people):
            found = ", ".join(p.name or p.title or "?" for p in people) or "none"
            raise UserError(f"'{person}' is not among the people found ({found})")
        return d

    def corrected(self, d: Debrief, ext: Extraction) -> Extraction:
        """An extraction of d with d's corrections applied (what is stored)."""
        return apply_corrections(ext, d.corrections, d.notes)

    def _correct(self, debrief_id: str, correction: Correction) -> Debrief:
        with self._lock:
            d = self.get(debrief_id)
            d.corrections.append(correction)
            if d.extraction is not None:
                d.extraction = self.corrected(d, d.extraction)
            self.store.save_record_only(d)
            self.store.index_facts(d)
        self._after_correction(correction)
        return d

    def _after_correction(self, correction: Correction) -> None:
        """Hook: the learning area refits the personal classifier now and then."""
