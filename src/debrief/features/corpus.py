"""The team's labelled corpus (data/corpus): load it, check it, and split it for evaluation.

Standard library only, so `python3 src/debrief/corpus.py data/corpus` checks the corpus before
any virtualenv exists. Each note is `notes/<id>.txt`; its gold is `gold/<id>.json`.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

ITEM_CATEGORIES = ("insider_info", "interviewer_priorities", "better_fit_roles",
                   "questions_asked", "follow_ups", "practice_points")
STYLES = ("terse-bullets", "wrapped-prose", "blog-post", "review-site", "forum-post",
          "non-native", "voice-memo", "qa-transcript", "mixed-language")
FIELDS = ("software", "nursing", "teaching", "sales", "hospitality", "law", "banking",
          "consulting", "academia", "government", "product", "design", "marketing", "logistics",
          "skilled-trades")
STAGES = ("recruiter screen", "hiring manager", "technical screen", "second round",
          "portfolio review", "panel", "onsite loop", "final", "other")
MAX_SHARED_5GRAMS = 1 / 3
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)


@dataclass
class CorpusNote:
    """One labelled note: its text, metadata and gold items."""

    id: str
    text: str
    gold: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def style(self) -> str:
        """The writing style the note was written in."""
        return str(self.meta.get("style", ""))

    @property
    def field(self) -> str:
        """The profession of the writer."""
        return str(self.meta.get("field", ""))


def load(root: Path) -> list[CorpusNote]:
    """Every note under root/notes with its gold from root/gold, sorted by id."""
    out = []
    for gold_path in sorted((root / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (root / "notes" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
        out.append(CorpusNote(gold_path.stem, text, gold, gold.get("meta", {})))
    return out


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    """The note's word n-grams (lower case)."""
    words = [w.lower() for w in WORD.findall(text)]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def shared_fraction(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """Share of the smaller note's 5-grams that the other note also has."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def check_note(note: CorpusNote) -> Iterator[str]:
    """Problems with one note's gold record (empty when it is fine)."""
    g, m = note.gold, note.meta
    if m.get("style") not in STYLES:
        yield f"{note.id}: meta.style {m.get('style')!r} is not one of {STYLES}"
    if m.get("field") not in FIELDS:
        yield f"{note.id}: meta.field {m.get('field')!r} is not one of {FIELDS}"
    words = len(note.text.split())
    if m.get("words") != words:
        yield f"{note.id}: meta.words is {m.get('words')}, the note has {words}"
    if not 40 <= words <= 1500:
        yield f"{note.id}: {words} words, outside 40-1500"
    for key in ("author", "user"):
        if not m.get(key):
            yield f"{note.id}: meta.{key} is missing"
    if g.get("stage") not in STAGES:
        yield f"{note.id}: stage {g.get('stage')!r} is not one of {STAGES}"
    if not g.get("company"):
        yield f"{note.id}: company is missing"
    for cat in (*ITEM_CATEGORIES, "people"):
        items = g.get(cat)
        if not isinstance(items, list):
            yield f"{note.id}: {cat} must be a list (empty when the note has none)"
            continue
        for i, item in enumerate(items):
            ev = item.get("evidence") if isinstance(item, dict) else None
            if not isinstance(ev, str) or not ev.strip():
                yield f"{note.id}: {cat}[{i}] has no evidence"
            elif ev not in note.text:
                yield f"{note.id}: {cat}[{i}] evidence is not verbatim in the note: {ev!r}"
            if cat != "people" and not (isinstance(item, dict) and item.get("text")):
                yield f"{note.id}: {cat}[{i}] has no text"
            if cat == "people" and isinstance(item, dict) and not (item.get("name")
                                                                  or item.get("title")):
                yield f"{note.id}: people[{i}] needs a name or a title"


def check(notes: list[CorpusNote]) -> list[str]:
    """Every problem in the corpus: bad records and pairs of notes that share too much."""
    problems = [p for n in notes for p in check_note(n)]
    grams = {n.id: shingles(n.text) for n in notes}
    for a, b in combinations(notes, 2):
        frac = shared_fraction(grams[a.id], grams[b.id])
        if frac > MAX_SHARED_5GRAMS:
            problems.append(f"{a.id} and {b.id} share {frac:.0%} of their word 5-grams")
    return problems


def groups(notes: list[CorpusNote], by: str) -> dict[str, list[CorpusNote]]:
    """Notes grouped by a metadata key (style, field, author, user)."""
    out: dict[str, list[CorpusNote]] = {}
    for n in notes:
        out.setdefault(str(n.meta.get(by, "")), []).append(n)
    return dict(sorted(out.items()))


def summary(notes: list[CorpusNote]) -> str:
    """Counts by style, field and category, as the corpus README shows them."""
    lines = [f"{len(notes)} notes, {sum(len(n.text.split()) for n in notes)} words"]
    for key in ("style", "field", "author"):
        c = Counter(str(n.meta.get(key)) for n in notes)
        lines.append(f"{key}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    cats = Counter({c: sum(len(n.gold.get(c, [])) for n in notes)
                    for c in (*ITEM_CATEGORIES, "people")})
    lines.append("items: " + ", ".join(f"{k} {v}" for k, v in cats.items()))
    empty = {c: sum(not n.gold.get(c) for n in notes) for c in ITEM_CATEGORIES}
    lines.append("notes with none: " + ", ".join(f"{k} {v}" for k, v in empty.items()))
    lengths = sorted(len(n.text.split()) for n in notes)
    if lengths:
        lines.append(f"words: min {lengths[0]}, median {lengths[len(lengths) // 2]}, "
                     f"max {lengths[-1]}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """`python3 src/debrief/corpus.py data/corpus [ID-PREFIX]`: check and summarise."""
    root = Path(argv[0]) if argv else Path("data/corpus")
    notes = load(root)
    problems = check(notes)
    if len(argv) > 1:
        problems = [p for p in problems if argv[1] in p]
    for p in problems:
        print(p)
    print(summary(notes))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
