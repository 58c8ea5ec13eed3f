"""The personal classifier: the shipped sentence classifier refitted on the team's corpus plus
the user's own corrections, so each fix makes the next extraction better for their writing.

- Examples: every sentence unit a correction touched (removed, moved or added), labelled with
  the categories the corrected extraction gives it (none, for a removed item).
- Fit: per category, the same balanced L2 logistic regression as the shipped weights, on the
  corpus features (computed once into the data dir) plus the user's examples, each weighted
  `WEIGHT` times a corpus sentence so a handful of corrections counts. It starts from the
  shipped weights and takes a few Newton steps in numpy (no scikit-learn at run time): about
  2-3 s on two cores with 2,000 personal examples. The shipped thresholds are kept.
- Saved in the data dir (`personal/line_classifier.npz` with a JSON summary beside it); the
  shipped weights are never touched. Nothing leaves the machine.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from debrief.core.corrections import LABEL_OPS
from debrief.core.domain import CATEGORIES, Debrief
from debrief.core.errors import UserError
from debrief.core.evidence import Unit, segment
from debrief.core.files import write_atomic
from debrief.features.classify import WEIGHTS, Embeds, LineClassifier, features, unit_labels

log = logging.getLogger(__name__)

WEIGHT = 10.0  # one corrected sentence counts as this many corpus sentences
C = 0.5  # the shipped weights' regularisation (benchmarks/train_line_classifier.py)
REFIT_EVERY = 3  # refit in the background after this many new corrections


@dataclass
class Examples:
    """Labelled units from the user's corrections."""

    x: np.ndarray  # (units, features)
    y: np.ndarray  # (units, categories) 0/1
    corrections: int  # the corrections they come from


def label_corrections(d: Debrief) -> int:
    """How many of a debrief's corrections say what a sentence is (remove, move, add)."""
    return sum(c.op in LABEL_OPS for c in d.corrections)


def touched_units(d: Debrief, units: list[Unit]) -> list[int]:
    """Indexes of the units a label correction of d overlaps (its evidence still in the note)."""
    spans = []
    for c in d.corrections:
        if c.op in LABEL_OPS and c.evidence and (pos := d.notes.find(c.evidence)) >= 0:
            spans.append((pos, pos + len(c.evidence)))
    out = []
    for i, u in enumerate(units):
        for s, e in spans:
            inter = min(e, u.span.end) - max(s, u.span.start)
            if inter > 0 and inter >= 0.3 * min(e - s, u.span.end - u.span.start):
                out.append(i)
                break
    return out


def corrected_labels(d: Debrief, units: list[Unit]) -> np.ndarray:
    """(units, categories): what the corrected extraction says each unit is."""
    ext = d.extraction
    gold = {c: [{"evidence": i.evidence} for i in getattr(ext, c)] for c in CATEGORIES} \
        if ext else {}
    return unit_labels(d.notes, gold, units)


class FeatureCache:
    """Unit features of notes, on disk by content hash (a note is embedded once)."""

    def __init__(self, folder: Path | None, embedder: Embeds) -> None:
        self.folder, self.embedder = folder, embedder

    def get(self, note: str, units: list[Unit]) -> np.ndarray:
        """The feature matrix of the note's units."""
        path = None
        if self.folder is not None:
            path = self.folder / f"{hashlib.sha1(note.encode()).hexdigest()[:16]}.npy"
            if path.is_file():
                x = np.load(path)
                if x.shape[0] == len(units):
                    return x
        x = features(units, self.embedder)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, x.astype(np.float16))
        return x.astype(np.float32)


def examples(debriefs: Iterable[Debrief], cache: FeatureCache) -> Examples:
    """The user's corrections as labelled units (only debriefs with an extraction)."""
    xs, ys, n = [], [], 0
    for d in debriefs:
        count = label_corrections(d)
        if not count or d.extraction is None:
            continue
        units = segment(d.notes)
        idx = touched_units(d, units)
        if not idx:
            continue
        xs.append(cache.get(d.notes, units)[idx])
        ys.append(corrected_labels(d, units)[idx])
        n += count
    if not xs:
        return Examples(np.zeros((0, 0), np.float32), np.zeros((0, len(CATEGORIES)), int), 0)
    return Examples(np.concatenate(xs), np.concatenate(ys), n)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)))


def _objective(a: np.ndarray, y: np.ndarray, s: np.ndarray, theta: np.ndarray, c: float,
               reg: np.ndarray, centre: np.ndarray) -> np.ndarray:
    z = a @ theta
    loss = np.logaddexp(0.0, z) - y * z
    return np.asarray(c * (s * loss).sum(0) + 0.5 * (reg * (theta - centre) ** 2).sum(0))


def fit_logistic(x: np.ndarray, y: np.ndarray, weight: np.ndarray, start: LineClassifier,
                 c: float = C, steps: int = 4, cg_steps: int = 10,
                 anchored: bool = False, balanced: bool = True) -> LineClassifier:
    """Balanced, sample-weighted L2 logistic regressions (one per category, solved together
    by truncated Newton), started from `start`'s weights; its thresholds are kept. Anchored,
    the penalty pulls toward `start`'s weights (intercept included) instead of toward zero:
    a prior that needs no corpus, only the new examples."""
    if start.mean is not None and start.scale is not None:
        x = (x - start.mean) / start.scale
    a = np.concatenate([x, np.ones((len(x), 1))], axis=1).astype(np.float32)
    yf = y.astype(np.float32)
    pos = yf.sum(0).clip(1)
    neg = (len(yf) - yf.sum(0)).clip(1)
    # "balanced" class weights (as scikit-learn's), times each example's weight
    balance = np.where(yf > 0, len(yf) / (2 * pos), len(yf) / (2 * neg))
    s = (weight[:, None] * (balance if balanced else 1.0)).astype(np.float32)
    theta = np.concatenate([start.coef.T, start.intercept[None, :]]).astype(np.float32)
    centre = theta.copy() if anchored else np.zeros_like(theta)
    reg = np.ones((a.shape[1], 1), np.float32)
    if not anchored:
        reg[-1] = 0.0  # the intercept is not penalised
    for _ in range(steps):
        p = _sigmoid(a @ theta)
        g = c * (a.T @ (s * (p - yf))) + reg * (theta - centre)
        if float(np.abs(g).max()) < 1e-3:
            break
        curv = c * s * p * (1.0 - p)
        d = _conjugate_gradient(a, curv, reg, -g, cg_steps)
        f0 = _objective(a, yf, s, theta, c, reg, centre)
        step = np.ones(theta.shape[1], np.float32)
        slope = (g * d).sum(0)
        for _ in range(12):  # backtrack each category's step until its objective drops
            worse = _objective(a, yf, s, theta + step * d, c, reg, centre) \
                > f0 + 1e-4 * step * slope
            if not worse.any():
                break
            step[worse] *= 0.5
        theta = theta + step * d
    return LineClassifier(theta[:-1].T.copy(), theta[-1].copy(), start.thresholds.copy(),
                          start.mean, start.scale)


def _conjugate_gradient(a: np.ndarray, curv: np.ndarray, reg: np.ndarray, b: np.ndarray,
                        steps: int) -> np.ndarray:
    """Solve H d = b for each column (H = Aᵀ diag(curv) A + diag(reg)), a few CG steps."""
    d = np.zeros_like(b)
    r = b.copy()
    q = r.copy()
    rs = (r * r).sum(0)
    stop = 1e-2 * rs
    for _ in range(steps):
        hq = a.T @ (curv * (a @ q)) + reg * q
        alpha = rs / np.maximum((q * hq).sum(0), 1e-12)
        d += alpha * q
        r -= alpha * hq
        new = (r * r).sum(0)
        if (new <= stop).all():
            break
        q = r + (new / np.maximum(rs, 1e-30)) * q
        rs = new
    return d


def refit(base_x: np.ndarray, base_y: np.ndarray, ex: Examples, start: LineClassifier,
          weight: float = WEIGHT) -> LineClassifier:
    """The classifier refitted on the corpus plus the user's examples (weighted)."""
    if not len(ex.x):
        return start
    x = np.concatenate([base_x.astype(np.float32), ex.x.astype(np.float32)])
    y = np.concatenate([base_y, ex.y])
    w = np.concatenate([np.ones(len(base_x), np.float32),
                        np.full(len(ex.x), weight, np.float32)])
    return fit_logistic(x, y, w, start)


def corpus_matrix(corpus_dir: Path, cache: FeatureCache) -> tuple[np.ndarray, np.ndarray]:
    """(features, labels) of every unit of the team's corpus."""
    from debrief.features import corpus

    notes = corpus.load(corpus_dir)
    if not notes:
        raise FileNotFoundError(f"no labelled notes in {corpus_dir}")
    xs, ys = [], []
    for n in notes:
        units = segment(n.text)
        xs.append(cache.get(n.text, units))
        ys.append(unit_labels(n.text, n.gold, units))
    return np.concatenate(xs).astype(np.float32), np.concatenate(ys)


class PersonalLearner:
    """Builds, saves, loads and resets the user's personal classifier in one folder."""

    def __init__(self, folder: Path, embedder: Embeds, corpus_dir: Path,
                 shipped: Path = WEIGHTS,
                 base: Callable[[], tuple[np.ndarray, np.ndarray]] | None = None) -> None:
        self.folder, self.shipped = folder, shipped
        self.cache = FeatureCache(folder / "features", embedder)
        self._base_fn = base or (lambda: self._corpus_base(corpus_dir))
        self._base: tuple[np.ndarray, np.ndarray] | None = None
        self._loaded: tuple[float, LineClassifier] | None = None

    @property
    def weights_path(self) -> Path:
        """The personal weights (never the shipped file)."""
        return self.folder / "line_classifier.npz"

    @property
    def summary_path(self) -> Path:
        """What the personal weights were fitted on."""
        return self.folder / "personal.json"

    def _corpus_base(self, corpus_dir: Path) -> tuple[np.ndarray, np.ndarray]:
        path = self.folder / "corpus-features.npz"
        if path.is_file():
            data = np.load(path)
            return data["x"].astype(np.float32), data["y"]
        try:
            x, y = corpus_matrix(corpus_dir, FeatureCache(None, self.cache.embedder))
        except FileNotFoundError as exc:
            raise UserError(f"refitting needs the labelled corpus ({exc}): run Debrief from "
                            "its checkout") from exc
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, x=x.astype(np.float16), y=y.astype(np.int8))
        return x, y

    def base(self) -> tuple[np.ndarray, np.ndarray]:
        """The corpus features and labels (computed once into the data dir, then read)."""
        if self._base is None:
            self._base = self._base_fn()
        return self._base

    def fit(self, debriefs: Iterable[Debrief]) -> dict[str, object]:
        """Refit on the corpus plus every correction of these debriefs; save; summarise."""
        start = time.perf_counter()
        ex = examples(debriefs, self.cache)
        if not ex.corrections:
            self.reset()
            return self.status()
        base_x, base_y = self.base()
        clf = refit(base_x, base_y, ex, LineClassifier.load(self.shipped))
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.weights_path.with_name("line_classifier.tmp.npz")
        clf.save(tmp)
        tmp.replace(self.weights_path)
        summary = {"corrections": ex.corrections, "examples": int(len(ex.x)),
                   "seconds": round(time.perf_counter() - start, 2),
                   "fitted_at": time.strftime("%Y-%m-%dT%H:%M:%S")}
        write_atomic(self.summary_path, json.dumps(summary, indent=2) + "\n")
        log.info("personal classifier refitted: %s", summary)
        return self.status()

    def reset(self) -> None:
        """Back to the shipped classifier (the corrections themselves are kept)."""
        for path in (self.weights_path, self.summary_path):
            path.unlink(missing_ok=True)
        self._loaded = None

    def status(self) -> dict[str, object]:
        """Whether a personal classifier is in use and what it learned from."""
        data: dict[str, object] = {"corrections": 0, "examples": 0, "seconds": 0.0,
                                   "fitted_at": None}
        if self.summary_path.is_file() and self.weights_path.is_file():
            data |= json.loads(self.summary_path.read_text(encoding="utf-8"))
        return {"personal": self.weights_path.is_file(), **data}

    def current(self) -> LineClassifier | None:
        """The personal classifier if there is one (re-read when the file changes)."""
        try:
            mtime = self.weights_path.stat().st_mtime
        except FileNotFoundError:
            self._loaded = None
            return None
        if self._loaded is None or self._loaded[0] != mtime:
            self._loaded = (mtime, LineClassifier.load(self.weights_path))
        return self._loaded[1]

