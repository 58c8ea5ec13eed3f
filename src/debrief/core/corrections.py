"""The user's corrections applied to an extraction: one function, used wherever an extraction
is stored (after every extraction and every correction), so every reader — the debrief view,
insights, the question bank, asking, messages, the facts index — sees only corrected items.

A correction names an item by its category and its evidence (the note's own words), never by
position, so it applies again to a fresh extraction: an item the user removed never comes
back, one they added or moved is always there. Each correction sets the membership of one
(category, evidence) pair, so applying the list twice gives the same result as once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from debrief.core.domain import (
    CATEGORIES,
    Correction,
    EvidencedPerson,
    Extraction,
    Item,
    Priority,
    Role,
)
from debrief.core.evidence import folded

# Short, readable prefixes of item ids, per category.
PREFIX: dict[str, str] = {
    "insider_info": "ins",
    "interviewer_priorities": "pri",
    "better_fit_roles": "fit",
    "questions_asked": "q",
    "follow_ups": "fu",
    "practice_points": "pp",
}
LABEL_OPS = ("remove", "move", "add")  # the corrections that say what a sentence is


def _key(text: str | None) -> str:
    return folded(text or "")


def item_id(category: str, evidence: str) -> str:
    """A stable id for an item: its category and a hash of its evidence ("q-3f2a1")."""
    digest = hashlib.sha1(_key(evidence).encode()).hexdigest()[:5]
    return f"{PREFIX[category]}-{digest}"


@dataclass(frozen=True)
class ItemRef:
    """One item of an extraction with its id (what `debrief items` lists)."""

    id: str
    category: str
    item: Item


def items_of(ext: Extraction | None) -> list[ItemRef]:
    """Every item of an extraction, in display order, with its id."""
    if ext is None:
        return []
    return [ItemRef(item_id(cat, it.evidence), cat, it) for cat in CATEGORIES
            for it in getattr(ext, cat)]


def find_item(ext: Extraction | None, ref: str) -> ItemRef | None:
    """The item with this id (or a unique prefix of it), else None."""
    refs = items_of(ext)
    exact = [r for r in refs if r.id == ref.strip()]
    if exact:
        return exact[0]
    partial = [r for r in refs if ref.strip() and r.id.startswith(ref.strip())]
    return partial[0] if len(partial) == 1 else None


def make_item(category: str, evidence: str, text: str) -> Item:
    """An item of the category's own type."""
    if category == "interviewer_priorities":
        return Priority(text=text, evidence=evidence)
    if category == "better_fit_roles":
        return Role(text=text, evidence=evidence)
    return Item(text=text, evidence=evidence)


def _index(ext: Extraction, category: str, evidence: str) -> int | None:
    key = _key(evidence)
    for i, it in enumerate(getattr(ext, category)):
        if _key(it.evidence) == key:
            return i
    return None


def _ensure(ext: Extraction, category: str, evidence: str, text: str,
            like: Item | None = None) -> None:
    """Make (category, evidence) an item, keeping an existing one (and its headline)."""
    if category not in CATEGORIES or _index(ext, category, evidence) is not None:
        return
    item = make_item(category, evidence, text)
    if like is not None and isinstance(item, Priority) and isinstance(like, Priority):
        item.interviewer = like.interviewer
    getattr(ext, category).append(item)


def _drop(ext: Extraction, category: str | None, evidence: str) -> Item | None:
    if category not in CATEGORIES:
        return None
    i = _index(ext, category, evidence)
    return None if i is None else getattr(ext, category).pop(i)


def _apply_item(ext: Extraction, c: Correction) -> None:
    if c.op == "remove":
        _drop(ext, c.category, c.evidence)
    elif c.op == "move" and c.to:
        old = _drop(ext, c.category, c.evidence)
        _ensure(ext, c.to, c.evidence, c.text or (old.text if old else c.evidence), old)
    elif c.op == "add" and c.category:
        _ensure(ext, c.category, c.evidence, c.text or " ".join(c.evidence.split()))
    elif c.op == "headline" and c.text and c.category in CATEGORIES:
        i = _index(ext, c.category, c.evidence)
        if i is not None:
            getattr(ext, c.category)[i].text = c.text


def _same_person(p: EvidencedPerson, key: str) -> bool:
    return bool(key) and key in (_key(p.name), _key(p.title))


def _apply_person(ext: Extraction, c: Correction) -> None:
    key = _key(c.person)
    if c.op == "remove_person":
        ext.people = [p for p in ext.people if not _same_person(p, key)]
    elif c.op == "rename_person":
        for p in ext.people:
            if _same_person(p, key):
                p.name, p.title = c.name or None, c.title or p.title
        seen: set[tuple[str, str]] = set()
        kept = []
        for p in ext.people:  # a rename may make two entries one person
            k = (_key(p.name), _key(p.title) if not p.name else "")
            if k not in seen:
                seen.add(k)
                kept.append(p)
        ext.people = kept
    elif c.op == "add_person":
        new = _key(c.name or c.title)
        if new and not any(_same_person(p, new) for p in ext.people):
            ext.people.append(EvidencedPerson(name=c.name, title=c.title, evidence=c.evidence))


def apply_corrections(ext: Extraction, corrections: list[Correction], note: str) -> Extraction:
    """The extraction with the user's corrections applied, in the order they were made.

    A correction whose evidence is no longer in the note (the note was edited) waits: it is
    kept and applies again if the words come back.
    """
    out = ext.model_copy(deep=True)
    folded_note = _key(note)
    for c in corrections:
        if c.op.endswith("_person"):
            _apply_person(out, c)
        elif c.evidence and _key(c.evidence) in folded_note:
            _apply_item(out, c)
    return out
