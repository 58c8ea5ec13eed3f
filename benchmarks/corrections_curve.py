"""How much a user's corrections help: the learning curve of the personal classifier.

For each writing style (or field) held out of training: the classifier is trained on every other
group (what ships, for a user who writes like nobody in the corpus: k = 0). A simulated user
then corrects k notes of the held-out group with their gold (every unit the classifier got
wrong becomes a labelled example, as the app's remove / move / add would make it), the
personal classifier is refitted exactly as the app does (features/personal.py: corpus plus
weighted examples, started from the shipped weights), and the rest of the group is scored.
The test notes are the same for every k (the group minus its first 8 notes in a seeded
order), so the curve compares like with like; results are averaged over groups and seeds.

Other ways of learning can be compared in the same run (`--methods`, see METHODS): a fit on the
examples alone anchored at the shipped weights (needs no corpus features, so it would serve the
hidden-state classifier), and thresholds tuned on the corrected notes. `--hidden NAME` uses the
chat model's hidden states (cached by benchmarks/hidden_states.py) and its shipped weights.

Usage: PYTHONPATH=benchmarks .venv/bin/python benchmarks/corrections_curve.py [--by style|field]
           [--seeds 2] [--methods shipped,anchored,...] [--hidden qwen2.5-coder-1.5b] [--json OUT]
Features are read from the training script's cache (.eval-results/features) when present.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from debrief.adapters.embeddings import Embedder
from debrief.features import corpus
from debrief.features import eval_extraction as ev
from debrief.features.classify import CATEGORIES, WEIGHTS, LineClassifier, train
from debrief.features.personal import WEIGHT, Examples, fit_logistic, refit

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".eval-results" / "features"
KS = (0, 1, 2, 4, 8)
POOL = 8  # notes of the held-out group the user may correct; the rest are scored


def simulated_examples(notes: list[ev.Labelled], clf: LineClassifier, mode: str) -> Examples:
    """What correcting these notes with their gold teaches: every unit the classifier got
    wrong (mode "touched"), or every unit of the note ("all"), labelled with its gold."""
    xs, ys = [], []
    for d in notes:
        pred = np.zeros_like(d.y)
        for i, cats in enumerate(clf.label(d.x)):
            for c in cats:
                pred[i, CATEGORIES.index(c)] = 1
        rows = np.arange(len(d.y)) if mode == "all" else np.where((pred != d.y).any(1))[0]
        xs.append(d.x[rows])
        ys.append(d.y[rows])
    x, y = np.concatenate(xs), np.concatenate(ys)
    return Examples(x, y, len(x))


def scores(test: list[ev.Labelled], clf: LineClassifier) -> dict[str, float]:
    """Pooled F1 per category over the test notes (labelled categories only)."""
    total = {c: ev.Counts() for c in CATEGORIES}
    for d in test:
        for cat, cnt in ev.score_note(d, clf.label(d.x)).items():
            total[cat].add(cnt)
    return {c: n.f1 for c, n in total.items() if n.annotated and n.gold}


PRIOR_UNITS = 10.0  # personal thresholds move halfway once this many positive examples back them
GRID = np.round(np.arange(0.05, 0.96, 0.05), 2)


def refit_anchored(ex: Examples, start: LineClassifier, c: float, balanced: bool = True
                   ) -> LineClassifier:
    """The classifier refitted on the user's examples alone, pulled toward `start`."""
    if not len(ex.x):
        return start
    return fit_logistic(ex.x.astype(np.float32), ex.y, np.ones(len(ex.x), np.float32), start,
                        c=c, anchored=True, balanced=balanced)


def personal_thresholds(clf: LineClassifier, ex: Examples, prior: float = PRIOR_UNITS
                        ) -> np.ndarray:
    """Per category, the threshold that labels the user's examples best (unit F1), moved from
    the shipped one in proportion to how many positive examples back it."""
    if not len(ex.x):
        return clf.thresholds.copy()
    probs = clf.probabilities(ex.x)
    out = clf.thresholds.copy()
    for j in range(len(CATEGORIES)):
        y = ex.y[:, j] > 0
        if not y.any():
            continue
        said = probs[:, j][None, :] >= GRID[:, None]  # (thresholds, units)
        f1 = 2 * (said & y).sum(1) / np.maximum(1, y.sum() + said.sum(1))
        best = float(GRID[int(np.argmax(f1))])
        share = float(y.sum()) / (float(y.sum()) + prior)
        out[j] = clf.thresholds[j] + share * (best - clf.thresholds[j])
    return out


@dataclass
class Method:
    """How the personal classifier is made from the examples."""

    fit: str = "corpus"  # "corpus": corpus + weighted examples; "anchored": examples only
    weight: float = WEIGHT
    c: float = 0.5  # the corpus fit's C (the shipped one) or the anchored fit's
    thresholds: str = "shipped"  # or "personal": tuned on the corrected notes' units
    mode: str = "touched"
    balanced: bool = True


def personal(bx: np.ndarray, by_: np.ndarray, ex: Examples, start: LineClassifier,
             m: Method) -> LineClassifier:
    """One refit as the method says."""
    if m.fit == "corpus":
        clf = refit(bx, by_, ex, start, m.weight)
    elif m.fit == "anchored":
        clf = refit_anchored(ex, start, m.c, m.balanced)
    else:
        clf = LineClassifier(start.coef, start.intercept, start.thresholds.copy(), start.mean,
                             start.scale)
    if m.thresholds == "personal":
        clf.thresholds = personal_thresholds(start, ex)
    return clf


def run(data: list[ev.Labelled], by: str, seeds: int, methods: dict[str, Method],
        shipped: LineClassifier, c: float, standardise: bool
        ) -> tuple[dict[str, dict[int, dict[str, list[float]]]], list[float]]:
    """Per method, per k, per category, the F1 of each (group, seed); each refit's seconds."""
    curves = {name: {k: {c: [] for c in CATEGORIES} for k in KS} for name in methods}
    timings: list[float] = []
    for group in sorted({str(d.meta.get(by)) for d in data}):
        inside = [d for d in data if str(d.meta.get(by)) == group]
        rest = [d for d in data if str(d.meta.get(by)) != group]
        bx, by_ = np.concatenate([d.x for d in rest]), np.concatenate([d.y for d in rest])
        fold = train(bx, by_, c, shipped.thresholds, standardise)
        for seed in range(seeds):
            order = [inside[i] for i in np.random.default_rng(seed).permutation(len(inside))]
            pool, test = order[:POOL], order[POOL:]
            for name, m in methods.items():
                for k in KS:
                    clf = fold
                    if k:
                        t0 = time.perf_counter()
                        ex = simulated_examples(pool[:k], fold, m.mode)
                        clf = personal(bx, by_, ex, fold, m)
                        timings.append(time.perf_counter() - t0)
                    for cat, f1 in scores(test, clf).items():
                        curves[name][k][cat].append(f1)
        print(f"{by} {group}: {len(inside)} notes done", flush=True)
    return curves, timings


def refit_seconds(data: list[ev.Labelled], n: int = 2000) -> float:
    """Seconds of one refit on the whole corpus plus n personal examples."""
    x, y = np.concatenate([d.x for d in data]), np.concatenate([d.y for d in data])
    idx = np.random.default_rng(0).choice(len(x), n, replace=False)
    t0 = time.perf_counter()
    refit(x, y, Examples(x[idx], y[idx], n), LineClassifier.load(WEIGHTS))
    return time.perf_counter() - t0


def table(curve: dict[int, dict[str, list[float]]]) -> str:
    """Mean F1 per k and category, with the mean over categories and the change from k=0."""
    head = f"{'k':>3}" + "".join(f"{c[:16]:>18}" for c in CATEGORIES) + f"{'mean':>8}{'vs k=0':>8}"
    lines = [head]
    base = None
    for k, cats in curve.items():
        means = [float(np.mean(v)) for v in cats.values() if v]
        mean = float(np.mean(means))
        base = mean if base is None else base
        cells = "".join(f"{np.mean(v):>18.3f}" if v else f"{'-':>18}" for v in cats.values())
        lines.append(f"{k:>3}{cells}{mean:>8.3f}{mean - base:>+8.3f}")
    return "\n".join(lines)


METHODS = {
    "shipped": Method(),  # what the app does today (MiniLM): corpus + touched units x 10
    "weight-30": Method(weight=30.0),
    "corpus-all": Method(mode="all"),
    "anchored": Method(fit="anchored", mode="all", c=0.05),
    "anchored-c0.005": Method(fit="anchored", mode="all", c=0.005),
    "anchored-c0.5": Method(fit="anchored", mode="all", c=0.5),
    "anchored-unbalanced": Method(fit="anchored", mode="all", c=0.05, balanced=False),
    "thresholds": Method(fit="none", mode="all", thresholds="personal"),
    "anchored+thresholds": Method(fit="anchored", mode="all", c=0.05, thresholds="personal"),
}


def main() -> None:
    """Print the learning curves (and the refit time with 2,000 personal examples)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--by", choices=["style", "field"], default="style")
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--methods", default="shipped", help="comma-separated: " + ", ".join(METHODS))
    ap.add_argument("--hidden", metavar="NAME", help="the chat model's hidden-state features "
                    "and shipped weights instead of MiniLM (cached under .eval-results/hidden/)")
    ap.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    t0 = time.perf_counter()
    embedder = Embedder(ROOT / "models" / "embeddings" / "all-MiniLM-L6-v2")
    notes = corpus.load(args.corpus)
    data = ev.featurise([(n.id, n.text, n.gold, n.meta) for n in notes], embedder, CACHE)
    shipped, c, standardise = LineClassifier.load(WEIGHTS), 0.5, False
    if args.hidden:
        from hidden_states import HiddenStates, swap_features

        from debrief.core.config import Settings
        from debrief.features.classify import hidden_weights
        from debrief.wiring import build_catalog

        _, path = build_catalog(Settings()).resolve(args.hidden)
        data = swap_features(data, HiddenStates(path))
        shipped, c, standardise = LineClassifier.load(hidden_weights(args.hidden)), 0.05, True
    methods = {name: METHODS[name] for name in args.methods.split(",")}
    if not args.hidden:
        seconds = refit_seconds(data)
        print(f"refit on the corpus + 2,000 personal examples: {seconds:.2f} s")
    curves, timings = run(data, args.by, args.seeds, methods, shipped, c, standardise)
    out = {}
    for name, curve in curves.items():
        print(f"\n{name}: {methods[name]}; leave-one-{args.by}-out, "
              f"{'hidden states of ' + args.hidden if args.hidden else 'MiniLM'}; pooled F1 on "
              f"the held-out notes not corrected, averaged over groups and {args.seeds} seed(s)")
        print(table(curve))
        out[name] = {k: {c: round(float(np.mean(v)), 3) for c, v in cats.items() if v}
                     for k, cats in curve.items()}
    print(f"\nrefits: {len(timings)}, median {np.median(timings):.2f} s, max "
          f"{max(timings):.2f} s; total {time.perf_counter() - t0:.0f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"by": args.by, "seeds": args.seeds,
                                         "hidden": args.hidden, "curves": out}, indent=1),
                             encoding="utf-8")


if __name__ == "__main__":
    main()
