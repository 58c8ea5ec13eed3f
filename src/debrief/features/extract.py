"""Grounded extraction: the model points at lines of the note; code turns them into items.

Design (see the README's eval table for how it compares):
1. ``segment`` cuts the note into numbered units (lines; long lines into sentences).
2. The numbered note goes first in every prompt and never changes, so llama.cpp evaluates its
   tokens once and reuses the KV cache for every later pass (one pass per category).
3. Each pass is constrained by a JSON schema: an array of at most N line numbers drawn from the
   valid range. The model never writes quotes, so a pass costs a few generated tokens.
4. Code resolves numbers to the note's exact spans and runs the evidence check; anything that
   fails it (or looks like an instruction aimed at the model) is dropped and counted.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from debrief.adapters.embeddings import Embedder
from debrief.adapters.llm import ChatModel
from debrief.adapters.prompts import PromptLibrary, PromptSpec
from debrief.core.domain import (
    CATEGORIES,
    STAGES,
    EvidencedPerson,
    Extraction,
    Item,
    Person,
    Priority,
    Role,
)
from debrief.core.evidence import Unit, folded, is_header, locate, segment
from debrief.core.partial_json import salvage
from debrief.core.people import is_person
from debrief.core.text import MONTHS
from debrief.features.classify import (
    WEIGHTS,
    LineClassifier,
    features,
    hidden_features,
    hidden_weights,
)
from debrief.features.headlines import headline

log = logging.getLogger(__name__)

INJECTION = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompts?|rules)\b"
    r"|\bsystem prompt\b|\byou are now\b|\bact as\b.{0,30}\b(ai|assistant|model)\b",
    re.IGNORECASE,
)
# The header pass: three short fields and up to 8 people; 160 tokens cut off notes with three
# or more people (the model writes its JSON spaced out), and the whole header was lost.
HEADER_TOKENS = 256
DATE_ISO = re.compile(r"\b(20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")
DATE_WORDS = re.compile(
    r"\b(?:(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(20\d\d)|([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(20\d\d))\b"
)

Progress = Callable[[str, float], None]


def find_date(note: str) -> str | None:
    """A full date the note states (ISO or '4 March 2024' / 'March 4, 2024'), else None."""
    m = DATE_ISO.search(note)
    if m:
        return m.group(0)
    for m in DATE_WORDS.finditer(note):
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (
            m.group(5), m.group(4), m.group(6))
        mon = MONTHS.get(month[:3].lower())
        if mon and 1 <= int(day) <= 31:
            return f"{year}-{mon:02d}-{int(day):02d}"
    return None


def looks_like_injection(text: str) -> bool:
    """True for a line that addresses the model rather than describing the interview."""
    return bool(INJECTION.search(text))


def numbered(units: list[Unit]) -> str:
    """The note as the model sees it: one unit per line, numbered."""
    return "\n".join(f"[{u.number}] {u.text}" for u in units)


def lines_schema(n_units: int, max_items: int) -> dict[str, Any]:
    """JSON schema: {"lines": [line numbers]}, bounded so a small model cannot loop."""
    return {
        "type": "object",
        "properties": {"lines": {
            "type": "array", "maxItems": max_items,
            "items": {"type": "integer", "minimum": 1, "maximum": max(1, n_units)},
        }},
        "required": ["lines"],
    }


def header_schema(n_units: int) -> dict[str, Any]:
    """JSON schema of the header pass: company, role, stage and people met (bounded)."""
    nullable = {"anyOf": [{"type": "string", "maxLength": 80}, {"type": "null"}]}
    return {
        "type": "object",
        "properties": {
            "company": nullable,
            "role": nullable,
            "stage": {"type": "string", "enum": list(STAGES)},
            "people": {"type": "array", "maxItems": 8, "items": {
                "type": "object",
                "properties": {
                    "name": nullable,
                    "title": nullable,
                    "line": {"type": "integer", "minimum": 1, "maximum": max(1, n_units)},
                },
                "required": ["name", "title", "line"],
            }},
        },
        "required": ["company", "role", "stage", "people"],
    }


class Extractor:
    """Runs the extraction passes over one note and returns only grounded items."""

    def __init__(self, model: ChatModel, prompts: PromptLibrary, *, n_ctx: int = 4096,
                 embedder: Embedder | None = None, design: str | None = None,
                 classifier: Callable[[], LineClassifier | None] | None = None) -> None:
        self.model = model
        self.prompts = prompts
        self.n_ctx = n_ctx
        self.embedder = embedder
        self.design = design or str(self.spec.defaults.get("design", "model"))
        if self.design == "classifier" and embedder is None:
            self.design = "model"  # the classifier needs the embedding model
        self._classifiers: dict[str, LineClassifier | None] = {}
        # The user's personal classifier (MiniLM features), when they have one: it replaces the
        # shipped MiniLM one. The hidden-state classifier still comes first: it measured better
        # on held-out styles (mean F1 0.76) than MiniLM after 4 corrected notes (0.67).
        self._personal = classifier

    def _model_categories(self) -> tuple[str, ...]:
        """Categories the chat model points at; with the classifier, none (header pass only)."""
        return CATEGORIES if self.design == "model" else ()

    def _classify(self, note: str, units: list[Unit], acc: Extraction) -> None:
        """Label every unit with the trained classifier and keep the grounded items."""
        clf, x = self._hidden_state_features(note, units)
        if clf is None:  # MiniLM features: a model on a server, or a note too long to read
            personal = self._personal() if self._personal else None
            clf = personal or self._load_classifier("minilm", WEIGHTS)
            assert clf is not None and self.embedder is not None
            x = features(units, self.embedder)
        labels = clf.label(x)
        for unit, cats in zip(units, labels, strict=True):
            for cat in cats:
                item = self._item(note, cat, unit, acc)
                if item is None:
                    acc.dropped_items += 1
                else:
                    getattr(acc, cat).append(item)

    def _hidden_state_features(self, note: str, units: list[Unit]
                               ) -> tuple[LineClassifier | None, np.ndarray]:
        """The chat model's own reading of the note, when it can give one and weights for it
        are shipped (the in-process model); else (None, empty)."""
        read = getattr(self.model, "hidden_states", None)
        clf = self._load_classifier(self.model.name, hidden_weights(self.model.name))
        if read is None or clf is None or not units:
            return None, np.zeros((0, 0))
        got = read(note)
        if got is None:
            return None, np.zeros((0, 0))
        return clf, hidden_features(units, *got)

    def _load_classifier(self, key: str, path: Path) -> LineClassifier | None:
        if key not in self._classifiers:
            self._classifiers[key] = LineClassifier.load(path) if path.is_file() else None
        return self._classifiers[key]

    @property
    def spec(self) -> PromptSpec:
        """The extraction prompt."""
        return self.prompts.get("extract")

    def extract(self, note: str, progress: Progress | None = None) -> Extraction:
        """Extract every category from a note, splitting notes longer than the context."""
        start = time.perf_counter()
        report = progress or (lambda msg, frac: None)
        units = segment(note)
        result = Extraction(model=self.model.name, date=find_date(note))
        windows = self._windows(units)
        steps = len(self._model_categories()) + 1
        total_steps = len(windows) * steps
        for w, window in enumerate(windows):
            base = w * steps
            def window_report(msg: str, i: int, b: int = base) -> None:
                report(msg, (b + i) / total_steps)

            part = self._extract_window(note, window, result, w == 0, window_report)
            _merge(result, part)
        if self.design == "classifier":
            report("sorting sentences into categories", (total_steps - 0.5) / total_steps)
            self._classify(note, units, result)
        result.seconds = round(time.perf_counter() - start, 2)
        report("done", 1.0)
        return result

    def _windows(self, units: list[Unit]) -> list[list[Unit]]:
        """Consecutive groups of units whose numbered text fits the context budget."""
        budget = max(200, self.n_ctx - 900)  # room for instructions, task and output
        windows: list[list[Unit]] = [[]]
        used = 0
        for u in units:
            cost = self.model.count_tokens(f"[{u.number}] {u.text}\n")
            if windows[-1] and used + cost > budget:
                windows.append([])
                used = 0
            windows[-1].append(u)
            used += cost
        return [w for w in windows if w]

    def _ask(self, listing: str, task: str, schema: dict[str, Any], acc: Extraction,
             max_tokens: int) -> dict[str, Any]:
        messages = self.spec.messages(numbered_note=listing, task=task)
        out = self.model.complete(messages, schema=schema, max_tokens=max_tokens)
        acc.prompt_tokens += out.prompt_tokens
        acc.completion_tokens += out.completion_tokens
        try:
            data = json.loads(out.text)
        except json.JSONDecodeError:
            # Cut at max_tokens: keep what was finished (a header's company and the people
            # already closed) instead of losing the whole pass.
            data = salvage(out.text, objects_key="people" if "people" in schema.get(
                "properties", {}) else None)
            log.warning("model reply was not complete JSON; kept %s", sorted(data) or "nothing")
        return data if isinstance(data, dict) else {}

    def _extract_window(self, note: str, units: list[Unit], acc: Extraction, first: bool,
                        report: Callable[[str, int], None]) -> Extraction:
        part = Extraction(model=acc.model)
        # Renumber from 1 within the window so the schema's range is tight.
        local = [Unit(i, u.span, u.text, u.header) for i, u in enumerate(units, 1)]
        listing = numbered(local)
        by_number = {u.number: u for u in local}
        cats = self.spec.categories
        max_items = int(self.spec.defaults.get("max_items", 12))
        report("reading the note (company, role, people)", 0)
        head = self._ask(listing, cats["header"], header_schema(len(local)), acc,
                         HEADER_TOKENS)
        self._apply_header(note, head, by_number, part, first)
        for i, cat in enumerate(self._model_categories(), 1):
            report(f"finding {cat.replace('_', ' ')}", i)
            data = self._ask(listing, cats[cat], lines_schema(len(local), max_items), acc, 64)
            numbers = data.get("lines", [])
            if not isinstance(numbers, list):
                continue
            seen: set[int] = set()
            for n in numbers:
                unit = by_number.get(n) if isinstance(n, int) else None
                if unit is None or n in seen:
                    part.dropped_items += unit is None
                    continue
                seen.add(n)
                item = self._item(note, cat, unit, part)
                if item is None:
                    part.dropped_items += 1
                    continue
                getattr(part, cat).append(item)
        return part

    def _item(self, note: str, cat: str, unit: Unit, part: Extraction) -> Item | None:
        """An item for a unit, after the evidence and injection checks, with its headline."""
        if looks_like_injection(unit.text) or is_header(unit.text):
            return None
        evidence = unit.span.text(note)
        if locate(note, evidence) is None:
            return None
        text = headline(evidence) or " ".join(evidence.split()).rstrip(".;,")
        if cat == "interviewer_priorities":
            return Priority(text=text, evidence=evidence, interviewer=_interviewer(unit, part))
        if cat == "better_fit_roles":
            return Role(text=text, evidence=evidence, why=None)
        return Item(text=text, evidence=evidence)

    def _apply_header(self, note: str, head: dict[str, Any], by_number: dict[int, Unit],
                      part: Extraction, first: bool) -> None:
        folded_note = folded(note)

        def grounded(value: Any) -> str | None:
            if not isinstance(value, str) or len(value.strip()) < 2:
                return None
            span = locate(note, value.strip(), snap_ratio=1.01)  # exact or folded only
            return span.text(note) if span else None

        if first:
            part.company = grounded(head.get("company"))
            part.role = grounded(head.get("role"))
            stage = head.get("stage")
            part.stage = stage if stage in STAGES and _stage_grounded(stage, folded_note) else None
        for p in head.get("people", []) or []:
            if not isinstance(p, dict):
                continue
            name, title = grounded(p.get("name")), grounded(p.get("title"))
            key = name or title  # an unnamed interviewer is met by their role
            if key and not (is_person(Person(name=name, title=title), set())
                            and (name or _names_a_person(title or ""))):
                part.dropped_items += 1  # a unit, a clinic, an event: not someone met
                continue
            line = p.get("line")
            unit = by_number.get(line) if isinstance(line, int) else None
            if not key or unit is None or looks_like_injection(unit.text):
                part.dropped_items += 1
                continue
            if folded(key) not in folded(unit.text):
                unit = next((u for u in by_number.values() if folded(key) in folded(u.text)),
                            None)
                if unit is None:
                    part.dropped_items += 1
                    continue
            if name and any(folded(q.name or "").startswith(folded(name) + " ")
                            or folded(q.name or "") == folded(name) for q in part.people):
                continue  # "Owen" again after "Owen Radley": the same person
            part.people.append(EvidencedPerson(name=name, title=title,
                                               evidence=unit.span.text(note)))


STAGE_WORDS = {
    "recruiter screen": ("recruiter", "screen"), "hiring manager": ("hiring manager", "hm "),
    "technical screen": ("tech", "coding", "screen"), "second round": ("second", "2nd", "round"),
    "portfolio review": ("portfolio",), "panel": ("panel",), "onsite loop": ("onsite", "on-site"),
    "final": ("final",), "other": (),
}


PERSON_HEAD = re.compile(
    r"^(guy|gal|woman|man|lady|person|someone|folks?|people|staff|member|colleague|peer|hr|vp|"
    r"ceo|cto|cfo|coo|cmo|svp|evp|md|gm|rn|np|em|pm|head|lead|chair|dean|chef|rep|principal|"
    r"panel|panelists?|student|students|nurse|nurses|head|founder|partner|"
    r"[a-z]+(?:er|or|ist|ian|ant|ive|ee)s?)$", re.IGNORECASE)
NOT_PERSON_HEAD = frozenset(
    "center centre floor door order number matter paper letter corner chapter quarter water "
    "computer folder border register calendar server tower river cluster shelter theater "
    "theatre error sector factor motor monitor meter poster cover paper flyer trailer".split())


def _names_a_person(title: str) -> bool:
    """An unnamed person's title names someone ("the engineering director", "a guy from
    finance"), not a place or a thing ("step-down", "the infusion clinic")."""
    words = re.split(r"\s+(?:from|at|of|in|on|for|with|who|that)\s+", title.strip(), maxsplit=1)
    tokens = [w.strip(".,;:()'\"").casefold() for w in words[0].split()]
    return any(bool(PERSON_HEAD.match(w)) and w not in NOT_PERSON_HEAD
               for w in tokens[-1:] + tokens[:1])


def _stage_grounded(stage: str, folded_note: str) -> bool:
    """A stage is kept only when a word for it appears in the note ("other" always)."""
    words = STAGE_WORDS.get(stage, ())
    return not words or any(w in folded_note for w in words)


def _interviewer(unit: Unit, part: Extraction) -> str | None:
    """The person a priority belongs to: named in its line or its section header."""
    for person in part.people:
        key = folded(person.name).split(" ")[0] if person.name else folded(person.title or "")
        for text in (unit.text, unit.header or ""):
            if len(key) > 2 and key in folded(text):
                return person.name or person.title
    return (part.people[0].name or part.people[0].title) if len(part.people) == 1 else None


def _merge(into: Extraction, part: Extraction) -> None:
    """Add a window's items, skipping any whose evidence is already there."""
    for field_name in (*CATEGORIES, "people"):
        have = {folded(i.evidence) for i in getattr(into, field_name)}
        for item in getattr(part, field_name):
            key = folded(item.evidence)
            if key not in have:
                getattr(into, field_name).append(item)
                have.add(key)
    for f in ("company", "role", "stage"):
        if getattr(into, f) is None:
            setattr(into, f, getattr(part, f))
    into.dropped_items += part.dropped_items
