"""Train the sentence classifier on the team's corpus and report how it generalises.

1. Leave-one-style-out and leave-one-field-out over data/corpus: for each group, train on the
   other groups and score the held-out one (per category, recall / precision).
2. Thresholds per category are chosen on the leave-one-style-out predictions (corpus only).
3. Cross-author: train on the whole corpus, score the shared dev set (tests/data/eval), which is
   never trained or tuned on. This figure decides.
4. The final weights (whole corpus, chosen thresholds) go to src/debrief/data/line_classifier.npz.

Usage: .venv/bin/python benchmarks/train_line_classifier.py [--c 0.5] [--no-save] [--json OUT]
       .venv/bin/python benchmarks/train_line_classifier.py --hidden qwen2.5-coder-1.5b --c 0.05
(the second trains on the chat model's hidden states: src/debrief/data/line_classifier-NAME.npz)
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
from debrief.features.classify import CATEGORIES, WEIGHTS, train

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "data" / "eval"
CACHE = ROOT / ".eval-results" / "features"


def dev_set() -> list[tuple[str, str, dict, dict]]:
    """The shared dev set as (id, note, gold, meta): the cross-author test set."""
    gold = json.loads((EVAL / "gold.json").read_text(encoding="utf-8"))
    return [(g["file"], (EVAL / "notes" / g["file"]).read_text(encoding="utf-8"), g,
             {"author": "shared"}) for g in gold]


def main() -> None:
    """Cross-validate by group, report, and save the final weights."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--c", type=float, default=0.5)
    ap.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--json", type=Path, help="write all tables as JSON here")
    ap.add_argument("--limit", type=int, help="only the first N corpus notes (by id)")
    ap.add_argument("--hidden", metavar="NAME", help="train on this catalog model's hidden "
                    "states instead of MiniLM (cached under .eval-results/hidden/)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    embedder = Embedder(ROOT / "models" / "embeddings" / "all-MiniLM-L6-v2")
    notes = corpus.load(args.corpus)[: args.limit]
    data = ev.featurise([(n.id, n.text, n.gold, n.meta) for n in notes], embedder, CACHE)
    dev = ev.featurise(dev_set(), embedder, CACHE)
    standardise = False
    weights = WEIGHTS
    if args.hidden:
        from hidden_states import HiddenStates, swap_features

        from debrief.core.config import Settings
        from debrief.features.classify import hidden_weights
        from debrief.wiring import build_catalog

        _, path = build_catalog(Settings()).resolve(args.hidden)
        hs = HiddenStates(path)
        data, dev = swap_features(data, hs), swap_features(dev, hs)
        standardise, weights = True, hidden_weights(args.hidden)
    print(f"{len(data)} corpus notes, {sum(len(d.units) for d in data)} units; "
          f"features in {time.perf_counter() - t0:.0f} s")
    by_style = ev.out_of_group_probabilities(data, "style", args.c, standardise)
    thresholds = ev.tune_thresholds(data, by_style)
    print("thresholds (tuned on leave-one-style-out):",
          dict(zip(CATEGORIES, thresholds.round(2).tolist(), strict=True)))
    results, summary = ev.group_report(data, dev, args.c, thresholds, standardise,
                                       {"style": by_style})
    for name, rows in results.items():
        print()
        print(ev.table(rows, name))
    print()
    print(ev.table(summary, "summary"))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(
            {"c": args.c, "thresholds": thresholds.tolist(),
             **{k: ev.as_json(v) for k, v in results.items()},
             "summary": ev.as_json(summary)}, indent=1), encoding="utf-8")
    if not args.no_save:
        train(np.concatenate([d.x for d in data]), np.concatenate([d.y for d in data]),
              args.c, thresholds, standardise).save(weights)
        print(f"wrote {weights}")
    print(f"{time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
