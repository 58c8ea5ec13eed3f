"""How well the sentence classifier generalises: leave-one-group-out on the corpus, and
cross-author on a set nobody trained on.

Every score here is on notes the classifier was not trained on. Leave-one-style-out trains on
every style but one and scores the held-out style (likewise fields); cross-author trains on the
whole corpus and scores the shared dev set (tests/data/eval), which is never trained or tuned on.
Matching is by evidence overlap (at least 30% of the shorter span), as `debrief eval` scores.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from debrief.core.evidence import Unit, segment
from debrief.features.classify import CATEGORIES, Embeds, features, pick, train, unit_labels

THRESHOLD_GRID = np.round(np.arange(0.30, 0.96, 0.05), 2)


@dataclass
class Labelled:
    """One labelled note, segmented and featurised."""

    id: str
    note: str
    gold: dict
    units: list[Unit]
    x: np.ndarray
    y: np.ndarray
    meta: dict = field(default_factory=dict)


@dataclass
class Counts:
    """Gold and predicted items of one category, and how many of each matched."""

    gold: int = 0
    pred: int = 0
    gold_hit: int = 0
    pred_hit: int = 0
    annotated: bool = True  # False: the set does not label this category (no score)

    def add(self, other: Counts) -> None:
        """Accumulate another count."""
        self.gold += other.gold
        self.pred += other.pred
        self.gold_hit += other.gold_hit
        self.pred_hit += other.pred_hit
        self.annotated = self.annotated and other.annotated

    @property
    def recall(self) -> float | None:
        """Matched gold over gold."""
        return self.gold_hit / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        """Matched predictions over predictions."""
        return self.pred_hit / self.pred if self.pred else None

    @property
    def f1(self) -> float:
        """Harmonic mean of recall and precision (0 when either is missing)."""
        r, p = self.recall or 0.0, self.precision or 0.0
        return 2 * r * p / (r + p) if r + p else 0.0


def overlaps(a: tuple[int, int], b: tuple[int, int], min_frac: float = 0.3) -> bool:
    """True when two spans share at least min_frac of the shorter one."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= min_frac * min(a[1] - a[0], b[1] - b[0])


def gold_spans(note: str, gold: dict, cat: str) -> list[tuple[int, int]]:
    """The gold items' evidence spans of one category."""
    return [(p, p + len(i["evidence"])) for i in gold.get(cat, [])
            if (p := note.find(i["evidence"])) >= 0]


def score_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> Counts:
    """Recall over gold items, precision over predicted items, by span overlap."""
    return Counts(len(gold), len(pred), sum(any(overlaps(g, p) for p in pred) for g in gold),
                  sum(any(overlaps(p, g) for g in gold) for p in pred))


def featurise(items: Sequence[tuple[str, str, dict, dict]], embedder: Embeds,
              cache: Path | None = None) -> list[Labelled]:
    """Segment, featurise and label (id, note, gold, meta) tuples; features cached by content."""
    out = []
    for key, note, gold, meta in items:
        units = segment(note)
        x = None
        path = None
        if cache is not None:
            digest = hashlib.sha1(note.encode()).hexdigest()[:16]
            path = cache / f"{digest}.npy"
            if path.is_file():
                x = np.load(path)
                if x.shape[0] != len(units):
                    x = None
        if x is None:
            x = features(units, embedder)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                np.save(path, x)
        out.append(Labelled(key, note, gold, units, x, unit_labels(note, gold, units), meta))
    return out


def out_of_group_probabilities(data: list[Labelled], by: str, c: float,
                               standardise: bool = False) -> dict[str, np.ndarray]:
    """Each note's unit probabilities from a classifier trained without the note's group."""
    groups = sorted({str(d.meta.get(by)) for d in data})
    probs: dict[str, np.ndarray] = {}
    for g in groups:
        train_on = [d for d in data if str(d.meta.get(by)) != g]
        clf = train(np.concatenate([d.x for d in train_on]),
                    np.concatenate([d.y for d in train_on]), c, standardise=standardise)
        for d in data:
            if str(d.meta.get(by)) == g:
                probs[d.id] = clf.probabilities(d.x)
    return probs


def labels_from(probs: np.ndarray, thresholds: np.ndarray) -> list[list[str]]:
    """Labels as LineClassifier.label gives them, from probabilities."""
    return pick(probs, thresholds)


def score_note(d: Labelled, labels: list[list[str]]) -> dict[str, Counts]:
    """Per-category counts of one note's labelled units against its gold."""
    out = {}
    for cat in CATEGORIES:
        pred = [(u.span.start, u.span.end) for u, cats in zip(d.units, labels, strict=True)
                if cat in cats]
        out[cat] = score_spans(gold_spans(d.note, d.gold, cat), pred)
        out[cat].annotated = cat in d.gold
    return out


def pooled(data: list[Labelled], probs: dict[str, np.ndarray], thresholds: np.ndarray,
           by: str | None = None) -> dict[str, dict[str, Counts]]:
    """Counts per group (or "all") and category."""
    out: dict[str, dict[str, Counts]] = {}
    for d in data:
        group = str(d.meta.get(by)) if by else "all"
        row = out.setdefault(group, {c: Counts() for c in CATEGORIES})
        for cat, cnt in score_note(d, labels_from(probs[d.id], thresholds)).items():
            row[cat].add(cnt)
    return dict(sorted(out.items()))


def tune_thresholds(data: list[Labelled], probs: dict[str, np.ndarray]) -> np.ndarray:
    """Per-category threshold that maximises pooled F1 over out-of-group predictions."""
    best = np.full(len(CATEGORIES), 0.5, dtype=np.float32)
    for j, cat in enumerate(CATEGORIES):
        scores = []
        for t in THRESHOLD_GRID:
            th = np.full(len(CATEGORIES), 2.0, dtype=np.float32)
            th[j] = t
            total = Counts()
            for d in data:
                total.add(score_note(d, labels_from(probs[d.id], th))[cat])
            scores.append(total.f1)
        best[j] = THRESHOLD_GRID[int(np.argmax(scores))]
    return best


def cross_author(train_on: list[Labelled], test: list[Labelled], c: float,
                 thresholds: np.ndarray, standardise: bool = False) -> dict[str, Counts]:
    """Train on one set, score another (the shared dev set: never trained or tuned on)."""
    clf = train(np.concatenate([d.x for d in train_on]),
                np.concatenate([d.y for d in train_on]), c, thresholds, standardise)
    return pooled(test, {d.id: clf.probabilities(d.x) for d in test}, thresholds)["all"]


def table(rows: dict[str, dict[str, Counts]], title: str) -> str:
    """A plain-text table: one row per group, recall/precision per category."""
    head = f"{title:<30}" + "".join(f"{c[:17]:>19}" for c in CATEGORIES)
    lines = [head, " " * 30 + "".join(f"{'R / P (gold)':>19}" for _ in CATEGORIES)]
    for group, cats in rows.items():
        cells = []
        for c in CATEGORIES:
            cnt = cats[c]
            r = "-" if cnt.recall is None else f"{cnt.recall:.2f}"
            p = "-" if cnt.precision is None else f"{cnt.precision:.2f}"
            cell = f"{r} / {p} ({cnt.gold})" if cnt.annotated else "not labelled"
            cells.append(cell.rjust(19))
        lines.append(f"{group[:30]:<30}" + "".join(cells))
    return "\n".join(lines)


def as_json(rows: dict[str, dict[str, Counts]]) -> dict[str, dict[str, dict]]:
    """The table as JSON: group -> category -> counts, recall, precision."""
    return {g: {c: {"gold": n.gold, "predicted": n.pred, "labelled": n.annotated,
                    "recall": None if n.recall is None else round(n.recall, 3),
                    "precision": None if n.precision is None else round(n.precision, 3)}
                for c, n in cats.items()} for g, cats in rows.items()}


def group_report(data: list[Labelled], dev: list[Labelled], c: float, thresholds: np.ndarray,
                 standardise: bool = False, known: dict[str, dict[str, np.ndarray]] | None = None
                 ) -> tuple[dict[str, dict[str, dict[str, Counts]]], dict[str, dict[str, Counts]]]:
    """Leave-one-style-out and leave-one-field-out tables, and a summary with cross-author
    (out-of-group probabilities already computed may be passed in `known`, by group key)."""
    known = known or {}
    probs = {by: known.get(by) or out_of_group_probabilities(data, by, c, standardise)
             for by in ("style", "field")}
    results = {f"leave-one-{by}-out": pooled(data, p, thresholds, by) for by, p in probs.items()}
    summary = {f"leave-one-{by}-out, all": pooled(data, p, thresholds)["all"]
               for by, p in probs.items()}
    summary["cross-author (dev set)"] = cross_author(data, dev, c, thresholds, standardise)
    return results, summary
