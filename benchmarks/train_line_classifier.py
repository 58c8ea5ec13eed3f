"""Train the line classifier on the labelled dev set and report leave-one-note-out CV.

Each unit of each note is labelled with the gold categories whose evidence it overlaps (at least
30% of the shorter span). For every held-out note, a model trained on the other notes labels its
units; the report scores those predictions exactly as `debrief eval extraction` does (recall over
gold items, precision over predicted items). The final weights are fit on all notes and written
to src/debrief/data/line_classifier.npz.

Usage: .venv/bin/python benchmarks/train_line_classifier.py [--c 1.0] [--threshold 0.5] [--no-save]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from debrief.classify import CATEGORIES, WEIGHTS, train, training_set
from debrief.embeddings import Embedder
from debrief.evaluate import overlaps
from debrief.evidence import segment

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "data" / "eval"


def main() -> None:
    """Cross-validate, report, and save the final weights."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args()
    gold = json.loads((EVAL / "gold.json").read_text(encoding="utf-8"))
    embedder = Embedder(ROOT / "models" / "embeddings" / "all-MiniLM-L6-v2")
    data = training_set(gold, EVAL / "notes", embedder)
    xs = [x for _, x, _ in data]
    ys = [y for _, _, y in data]
    totals = {c: [0, 0, 0, 0] for c in CATEGORIES}  # gold, gold hit, pred, pred hit
    for k, g in enumerate(gold):
        note = (EVAL / "notes" / g["file"]).read_text(encoding="utf-8")
        unit_spans = [(u.span.start, u.span.end) for u in segment(note)]
        gs = {c: [(p, p + len(i["evidence"])) for i in g[c]
                  if (p := note.find(i["evidence"])) >= 0] for c in CATEGORIES}
        clf = train(np.concatenate([x for i, x in enumerate(xs) if i != k]),
                    np.concatenate([y for i, y in enumerate(ys) if i != k]), args.c,
                    args.threshold)
        labels = clf.label(xs[k])
        for c in CATEGORIES:
            pred = [s for s, lab in zip(unit_spans, labels, strict=True) if lab == c]
            t = totals[c]
            t[0] += len(gs[c])
            t[1] += sum(any(overlaps(g, p) for p in pred) for g in gs[c])
            t[2] += len(pred)
            t[3] += sum(any(overlaps(p, g) for g in gs[c]) for p in pred)
    print(f"leave-one-note-out CV over {len(gold)} notes (C={args.c}, "
          f"threshold={args.threshold})")
    print(f"{'category':<24}{'gold':>6}{'pred':>6}{'recall':>8}{'precision':>11}")
    for c, (g_n, g_hit, p_n, p_hit) in totals.items():
        print(f"{c:<24}{g_n:>6}{p_n:>6}{g_hit / max(1, g_n):>8.2f}{p_hit / max(1, p_n):>11.2f}")
    if not args.no_save:
        train(np.concatenate(xs), np.concatenate(ys), args.c, args.threshold).save(WEIGHTS)
        print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
