"""A small line classifier: which category (if any) each unit of a note belongs to.

Features are the unit's MiniLM embedding, its section header's embedding and a few cues a
reader uses too (a question mark, a to-do verb, "he cared about", a header like "she asked:").
One logistic regression per category, trained on the labelled dev set by
`benchmarks/train_line_classifier.py` (leave-one-note-out cross-validation is reported there and
in the README); inference is a dot product in numpy. Each unit gets at most one category: the most
likely one, if its probability reaches the threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from debrief.embeddings import Embedder
from debrief.evidence import Unit

CATEGORIES = ("insider_info", "interviewer_priorities", "better_fit_roles", "questions_asked",
              "follow_ups")
WEIGHTS = Path(__file__).parent / "data" / "line_classifier.npz"
HEADER_CUES = ("ask", "question", "todo", "next", "follow", "said", "told", "insider", "learn",
               "note", "me", "they", "my")
TODO_VERB = re.compile(r"(send|email|reply|follow|prep|think|ask|write|read|review|schedule|call"
                       r"|check|update|practice|look)", re.IGNORECASE)
CARE = re.compile(r"\b(care|cared|wants?|looking for|push|pushed|emphasi|important|focus|value)",
                  re.IGNORECASE)
ROLE = re.compile(r"\b(team|role|opening|position|hiring|req)\b", re.IGNORECASE)


def cues(unit: Unit, index: int, total: int) -> np.ndarray:
    """Surface cues of one unit (same order in training and inference)."""
    text, low = unit.text, unit.text.lower()
    header = (unit.header or "").lower()
    values = [
        "?" in text, bool(re.search(r"\d", text)), bool(re.search(r"\$|\d+k\b|€|£", low)),
        len(text) / 200, index / max(1, total), bool(TODO_VERB.match(low)),
        bool(re.search(r"\b(i|my|me)\b", low)), bool(re.search(r"\b(he|she|they)\b", low)),
        bool(CARE.search(low)), bool(ROLE.search(low)), bool(re.search(r"\b(asked|ask)\b", low)),
        *[cue in header for cue in HEADER_CUES], unit.header is None,
    ]
    return np.array(values, dtype=np.float32)


def features(units: list[Unit], embedder: Embedder) -> np.ndarray:
    """The feature matrix of a note's units: cues, unit embedding, half-weighted header embedding."""
    if not units:
        return np.zeros((0, 0), dtype=np.float32)
    texts = embedder.embed([u.text for u in units])
    # Many units share a section header: embed each distinct header once.
    distinct = sorted({u.header or "" for u in units})
    vectors = dict(zip(distinct, embedder.embed(distinct), strict=True))
    headers = np.stack([vectors[u.header or ""] for u in units])
    cue_rows = np.stack([cues(u, i, len(units)) for i, u in enumerate(units)])
    return np.concatenate([cue_rows, texts, headers * 0.5], axis=1)


@dataclass
class LineClassifier:
    """Per-category logistic regressions over unit features."""

    coef: np.ndarray  # (categories, features)
    intercept: np.ndarray  # (categories,)
    threshold: float = 0.5

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> LineClassifier:
        """The trained weights shipped with the package."""
        data = np.load(path)
        return cls(coef=data["coef"], intercept=data["intercept"],
                   threshold=float(data["threshold"]))

    def save(self, path: Path = WEIGHTS) -> None:
        """Write the weights (training script)."""
        np.savez_compressed(path, coef=self.coef.astype(np.float32),
                            intercept=self.intercept.astype(np.float32),
                            threshold=np.float32(self.threshold))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """(units, categories) probabilities."""
        if x.size == 0:
            return np.zeros((0, len(CATEGORIES)), dtype=np.float32)
        return 1.0 / (1.0 + np.exp(-(x @ self.coef.T + self.intercept)))

    def label(self, x: np.ndarray) -> list[str | None]:
        """The single most likely category of each unit, or None below the threshold."""
        probs = self.probabilities(x)
        out: list[str | None] = []
        for row in probs:
            best = int(np.argmax(row)) if len(row) else 0
            out.append(CATEGORIES[best] if len(row) and row[best] >= self.threshold else None)
        return out


def training_set(gold: list[dict], notes_dir: Path, embedder: Embedder
                 ) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(file, features, labels) per labelled note; a unit is labelled with every gold category
    whose evidence it overlaps by at least 30% of the shorter span."""
    from debrief.evidence import segment

    def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
        inter = min(a[1], b[1]) - max(a[0], b[0])
        return inter > 0 and inter >= 0.3 * min(a[1] - a[0], b[1] - b[0])

    out = []
    for g in gold:
        note = (notes_dir / g["file"]).read_text(encoding="utf-8")
        units = segment(note)
        spans = {c: [(p, p + len(i["evidence"])) for i in g.get(c, [])
                     if (p := note.find(i["evidence"])) >= 0] for c in CATEGORIES}
        y = np.array([[any(overlap((u.span.start, u.span.end), s) for s in spans[c])
                       for c in CATEGORIES] for u in units], dtype=int)
        out.append((g["file"], features(units, embedder), y))
    return out


def train(x: np.ndarray, y: np.ndarray, c: float = 1.0, threshold: float = 0.5
          ) -> LineClassifier:
    """Fit one balanced logistic regression per category (needs scikit-learn, a dev extra)."""
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((len(CATEGORIES), x.shape[1]), dtype=np.float32)
    intercept = np.full(len(CATEGORIES), -10.0, dtype=np.float32)
    for j in range(len(CATEGORIES)):
        if y[:, j].sum() == 0:
            continue
        m = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, y[:, j])
        coef[j], intercept[j] = m.coef_[0], m.intercept_[0]
    return LineClassifier(coef, intercept, threshold)
