"""The unit classifier: which categories (if any) each sentence of a note belongs to.

Two feature sets, the same cues in both (a question mark, a to-do verb, "he cared about", a
header like "she asked:"): with the in-process chat model, its hidden states over the whole note
(`hidden_features`: each unit as read in context, in any language the model reads); otherwise
(a model on a server, or a note too long to read at once) MiniLM embeddings of the unit, its
neighbours (a reader knows "Why?" follows a question) and its section header. One logistic
regression per category, trained on the team's corpus (data/corpus) by
`benchmarks/train_line_classifier.py`; inference is a dot product in numpy. A unit may belong to
more than one category (a rejection reason is often an insider fact and a priority): every
category whose probability reaches its threshold, at most two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from debrief.core.domain import CATEGORIES
from debrief.core.evidence import Unit, segment

WEIGHTS = Path(__file__).parents[1] / "data" / "line_classifier.npz"
MAX_LABELS = 2
HEADER_CUES = ("ask", "question", "todo", "next", "follow", "said", "told", "insider", "learn",
               "note", "me", "they", "my", "advice", "feedback", "improve")
TODO_VERB = re.compile(r"(send|email|reply|follow|prep|think|ask|write|read|review|schedule|call"
                       r"|check|update|practice|practise|look|need to|have to|should|must)",
                       re.IGNORECASE)
CARE = re.compile(r"\b(care|cared|wants?|wanted|looking for|push|pushed|emphasi|important|focus"
                  r"|value|feedback|went with|prefer|more experience)", re.IGNORECASE)
ROLE = re.compile(r"\b(team|role|opening|position|hiring|req|vacancy|posting)\b", re.IGNORECASE)
ASKED = re.compile(r"\b(asked|ask|asking|wanted to know|quizzed|had me|gave me|made me|tell me"
                   r"|walk (me|us|them) through|q:|question)\b", re.IGNORECASE)
NEXT = re.compile(r"\b(next|hear back|by (mon|tue|wed|thu|fri|next)|will (send|email|call)"
                  r"|deadline|due|follow up|thank[- ]you)\b", re.IGNORECASE)
STRUGGLE = re.compile(r"\b(froze|blank|rambl|forgot|struggl|messed|should have|shouldve|need to"
                      r" (work|brush|practi)|weak|nervous|stumbl|botch)", re.IGNORECASE)


class Embeds(Protocol):
    """Anything that turns texts into unit vectors (MiniLM, or a test's hashing embedder)."""

    def embed(self, texts: list[str]) -> np.ndarray: ...


def cues(unit: Unit, index: int, total: int) -> np.ndarray:
    """Surface cues of one unit (same order in training and inference)."""
    text, low = unit.text, unit.text.lower()
    header = (unit.header or "").lower()
    values = [
        "?" in text, bool(re.search(r"\d", text)), bool(re.search(r"\$|\d+k\b|€|£", low)),
        min(len(text), 400) / 200, index / max(1, total), bool(TODO_VERB.match(low)),
        bool(re.search(r"\b(i|my|me)\b", low)), bool(re.search(r"\b(he|she|they)\b", low)),
        bool(CARE.search(low)), bool(ROLE.search(low)), bool(ASKED.search(low)),
        bool(NEXT.search(low)), bool(STRUGGLE.search(low)), text[:1].islower(),
        *[cue in header for cue in HEADER_CUES], unit.header is None,
    ]
    return np.array(values, dtype=np.float32)


def features(units: list[Unit], embedder: Embeds) -> np.ndarray:
    """The feature matrix of a note's units: cues, unit, neighbours' and header embeddings."""
    if not units:
        return np.zeros((0, 0), dtype=np.float32)
    texts = embedder.embed([u.text for u in units])
    # Many units share a section header: embed each distinct header once.
    distinct = sorted({u.header or "" for u in units})
    vectors = dict(zip(distinct, embedder.embed(distinct), strict=True))
    headers = np.stack([vectors[u.header or ""] for u in units])
    padded = np.concatenate([texts[:1] * 0, texts, texts[:1] * 0])
    neighbours = (padded[:-2] + padded[2:]) / 2
    cue_rows = np.stack([cues(u, i, len(units)) for i, u in enumerate(units)])
    return np.concatenate([cue_rows, texts, neighbours * 0.5, headers * 0.5], axis=1)


def hidden_features(units: list[Unit], states: np.ndarray, ends: list[int]) -> np.ndarray:
    """The feature matrix from a chat model's hidden states over the whole note: cues, and the
    mean and the last of each unit's token states (the model has read everything before)."""
    starts = [0, *ends[:-1]]
    rows = []
    for i, u in enumerate(units):
        idx = [k for k, (s, e) in enumerate(zip(starts, ends, strict=True))
               if e > u.span.start and s < u.span.end]
        vec = states[idx] if idx else np.zeros((1, states.shape[1]), dtype=np.float32)
        rows.append(np.concatenate([cues(u, i, len(units)), vec.mean(0), vec[-1]]))
    return np.stack(rows).astype(np.float32) if rows else np.zeros((0, 0), dtype=np.float32)


def hidden_weights(model_name: str) -> Path:
    """Where the weights for one chat model's hidden states are shipped (by catalog name; a
    model given as a path or a server's model name has none unless its name matches)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(model_name).name)
    return WEIGHTS.with_name(f"line_classifier-{safe}.npz")


@dataclass
class LineClassifier:
    """Per-category logistic regressions over unit features, with per-category thresholds."""

    coef: np.ndarray  # (categories, features)
    intercept: np.ndarray  # (categories,)
    thresholds: np.ndarray  # (categories,)
    mean: np.ndarray | None = None  # features are standardised first when these are set
    scale: np.ndarray | None = None

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> LineClassifier:
        """The trained weights shipped with the package."""
        data = np.load(path)
        return cls(coef=data["coef"], intercept=data["intercept"],
                   thresholds=data["thresholds"],
                   mean=data["mean"] if "mean" in data else None,
                   scale=data["scale"] if "scale" in data else None)

    def save(self, path: Path = WEIGHTS) -> None:
        """Write the weights (training script)."""
        arrays: dict[str, Any] = {"coef": self.coef, "intercept": self.intercept,
                                  "thresholds": self.thresholds}
        if self.mean is not None and self.scale is not None:
            arrays |= {"mean": self.mean, "scale": self.scale}
        np.savez_compressed(path, **{k: v.astype(np.float32) for k, v in arrays.items()})

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """(units, categories) probabilities."""
        if x.size == 0:
            return np.zeros((0, len(CATEGORIES)), dtype=np.float32)
        if self.mean is not None and self.scale is not None:
            x = (x - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(x @ self.coef.T + self.intercept)))

    def label(self, x: np.ndarray) -> list[list[str]]:
        """Each unit's categories: those at or above their threshold, most likely first."""
        return pick(self.probabilities(x), self.thresholds)


def pick(probs: np.ndarray, thresholds: np.ndarray) -> list[list[str]]:
    """Each row's categories at or above their threshold, by margin, at most MAX_LABELS."""
    out: list[list[str]] = []
    for row in probs:
        margin = row - thresholds
        order = [int(j) for j in np.argsort(-margin) if margin[j] >= 0]
        out.append([CATEGORIES[j] for j in order[:MAX_LABELS]])
    return out


def unit_labels(note: str, gold: dict, units: list[Unit]) -> np.ndarray:
    """(units, categories) 0/1: a unit is labelled with every gold category whose evidence it
    overlaps by at least 30% of the shorter span."""
    def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
        inter = min(a[1], b[1]) - max(a[0], b[0])
        return inter > 0 and inter >= 0.3 * min(a[1] - a[0], b[1] - b[0])

    spans = {c: [(p, p + len(i["evidence"])) for i in gold.get(c, [])
                 if (p := note.find(i["evidence"])) >= 0] for c in CATEGORIES}
    return np.array([[any(overlap((u.span.start, u.span.end), s) for s in spans[c])
                      for c in CATEGORIES] for u in units], dtype=int).reshape(-1, len(CATEGORIES))


def training_set(labelled: list[tuple[str, str, dict]], embedder: Embeds
                 ) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(id, features, labels) for each (id, note, gold) labelled note."""
    out = []
    for key, note, gold in labelled:
        units = segment(note)
        out.append((key, features(units, embedder), unit_labels(note, gold, units)))
    return out


def train(x: np.ndarray, y: np.ndarray, c: float = 0.5,
          thresholds: np.ndarray | float = 0.5, standardise: bool = False) -> LineClassifier:
    """Fit one balanced logistic regression per category (needs scikit-learn, a dev extra);
    with standardise, features are scaled by the training set's mean and spread first."""
    from sklearn.linear_model import LogisticRegression

    mean = scale = None
    if standardise:
        mean, scale = x.mean(0), x.std(0) + 1e-6
        x = (x - mean) / scale

    coef = np.zeros((len(CATEGORIES), x.shape[1]), dtype=np.float32)
    intercept = np.full(len(CATEGORIES), -10.0, dtype=np.float32)
    for j in range(len(CATEGORIES)):
        if y[:, j].sum() == 0:
            continue
        m = LogisticRegression(C=c, max_iter=1000, tol=1e-3, class_weight="balanced").fit(
            x, y[:, j])
        coef[j], intercept[j] = m.coef_[0], m.intercept_[0]
    th = np.broadcast_to(np.asarray(thresholds, dtype=np.float32), (len(CATEGORIES),)).copy()
    return LineClassifier(coef, intercept, th, mean, scale)
