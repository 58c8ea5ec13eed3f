"""How much a user's corrections help: the learning curve of the personal classifier.

For each writing style (or field) held out of training: the classifier is trained on every other
group (what ships, for a user who writes like nobody in the corpus: k = 0). A simulated user
then corrects k notes of the held-out group with their gold (every unit the classifier got
wrong becomes a labelled example, as the app's remove / move / add would make it), the
personal classifier is refitted exactly as the app does (features/personal.py: corpus plus
weighted examples, started from the shipped weights), and the rest of the group is scored.
The test notes are the same for every k (the group minus its first 8 notes in a seeded
order), so the curve compares like with like; results are averaged over groups and seeds.

Usage: .venv/bin/python benchmarks/corrections_curve.py [--by style|field] [--seeds 2]
           [--weight 10] [--examples touched|all] [--json OUT]
Features are read from the training script's cache (.eval-results/features) when present.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from debrief.adapters.embeddings import Embedder
from debrief.features import corpus
from debrief.features import eval_extraction as ev
from debrief.features.classify import CATEGORIES, WEIGHTS, LineClassifier, train
from debrief.features.personal import WEIGHT, Examples, refit

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


def run(data: list[ev.Labelled], by: str, seeds: int, weight: float, mode: str
        ) -> tuple[dict[int, dict[str, list[float]]], list[float]]:
    """Per k, per category, the F1 of each (group, seed); and each refit's seconds."""
    shipped = LineClassifier.load(WEIGHTS)
    curve: dict[int, dict[str, list[float]]] = {k: {c: [] for c in CATEGORIES} for k in KS}
    timings: list[float] = []
    for group in sorted({str(d.meta.get(by)) for d in data}):
        inside = [d for d in data if str(d.meta.get(by)) == group]
        rest = [d for d in data if str(d.meta.get(by)) != group]
        bx, by_ = np.concatenate([d.x for d in rest]), np.concatenate([d.y for d in rest])
        fold = train(bx, by_, 0.5, shipped.thresholds)
        for seed in range(seeds):
            order = [inside[i] for i in np.random.default_rng(seed).permutation(len(inside))]
            pool, test = order[:POOL], order[POOL:]
            for k in KS:
                clf = fold
                if k:
                    t0 = time.perf_counter()
                    clf = refit(bx, by_, simulated_examples(pool[:k], fold, mode), fold, weight)
                    timings.append(time.perf_counter() - t0)
                for cat, f1 in scores(test, clf).items():
                    curve[k][cat].append(f1)
        print(f"{by} {group}: {len(inside)} notes done", flush=True)
    return curve, timings


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


def main() -> None:
    """Print the learning curve (and the refit time with 2,000 personal examples)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--by", choices=["style", "field"], default="style")
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--weight", type=float, default=WEIGHT)
    ap.add_argument("--examples", choices=["touched", "all"], default="touched")
    ap.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    t0 = time.perf_counter()
    embedder = Embedder(ROOT / "models" / "embeddings" / "all-MiniLM-L6-v2")
    notes = corpus.load(args.corpus)
    data = ev.featurise([(n.id, n.text, n.gold, n.meta) for n in notes], embedder, CACHE)
    seconds = refit_seconds(data)
    print(f"refit on the corpus + 2,000 personal examples: {seconds:.2f} s")
    curve, timings = run(data, args.by, args.seeds, args.weight, args.examples)
    print(f"\nleave-one-{args.by}-out, weight {args.weight:g}, examples: {args.examples}; "
          f"pooled F1 on the held-out notes not corrected, averaged over groups and "
          f"{args.seeds} seed(s)")
    print(table(curve))
    print(f"\nrefits: {len(timings)}, median {np.median(timings):.2f} s, max "
          f"{max(timings):.2f} s; total {time.perf_counter() - t0:.0f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "by": args.by, "weight": args.weight, "examples": args.examples,
            "seeds": args.seeds, "refit_2000_seconds": round(seconds, 2),
            "curve": {k: {c: round(float(np.mean(v)), 3) for c, v in cats.items() if v}
                      for k, cats in curve.items()}}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
