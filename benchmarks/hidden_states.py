"""Compare sentence features: MiniLM (the unit alone) against a chat model's hidden states (the
unit read in the context of the whole note), by leave-one-style-out on the corpus and
cross-author on the shared dev set — the same splits as train_line_classifier.py.

For each note, llama.cpp runs once in embedding mode with pooling "none" over the whole note;
each unit's features are the mean and the last of its tokens' hidden states, plus the same cues
the shipped classifier uses; features are standardised. Hidden states are cached per note under
.eval-results/hidden/<model>/ so a second run only trains and scores.

Usage: .venv/bin/python benchmarks/hidden_states.py MODEL.gguf [--limit N] [--json OUT]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import numpy as np

from debrief.adapters.embeddings import Embedder
from debrief.core.evidence import Unit
from debrief.features import corpus
from debrief.features import eval_extraction as ev
from debrief.features.classify import CATEGORIES, hidden_features

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "data" / "eval"


class HiddenStates:
    """Per-unit hidden-state features from one pass of a GGUF model over the note."""

    def __init__(self, path: Path, threads: int = 2) -> None:
        from llama_cpp import LLAMA_POOLING_TYPE_NONE, Llama

        self.llm = Llama(str(path), embedding=True, pooling_type=LLAMA_POOLING_TYPE_NONE,
                         n_ctx=4096, n_batch=4096, n_ubatch=4096, n_threads=threads,
                         verbose=False)
        self.cache = ROOT / ".eval-results" / "hidden" / path.stem
        self.cache.mkdir(parents=True, exist_ok=True)
        self.seconds = 0.0

    def token_states(self, note: str) -> tuple[np.ndarray, list[int]]:
        """(tokens, dims) hidden states and each token's end offset in characters."""
        digest = hashlib.sha1(note.encode()).hexdigest()[:16]
        f = self.cache / f"{digest}.npz"
        data = note.encode("utf-8")
        toks = self.llm.tokenize(data, add_bos=False)[:4000]
        ends, pos = [], 0
        for t in toks:
            pos += len(self.llm.detokenize([t]))
            ends.append(len(data[:pos].decode("utf-8", errors="ignore")))
        if f.is_file():
            return np.load(f)["h"], ends
        t0 = time.perf_counter()
        h = np.asarray(self.llm.embed(note, truncate=True), dtype=np.float32)
        h = h[len(h) - len(toks):] if len(h) > len(toks) else h  # a BOS the model adds
        self.seconds += time.perf_counter() - t0
        np.savez_compressed(f, h=h.astype(np.float16))
        return h, ends

    def features(self, note: str, units: list[Unit]) -> np.ndarray:
        """Cues, mean and last hidden state of each unit's tokens (as the product computes)."""
        h, ends = self.token_states(note)
        return hidden_features(units, h.astype(np.float32), ends[: len(h)])


def swap_features(data: list[ev.Labelled], hs: HiddenStates) -> list[ev.Labelled]:
    """The same notes, units and labels with hidden-state features instead of MiniLM."""
    return [ev.Labelled(d.id, d.note, d.gold, d.units, hs.features(d.note, d.units), d.y,
                        d.meta) for d in data]


def standardise(train_on: list[ev.Labelled], *sets: list[ev.Labelled]) -> None:
    """Scale features by the training notes' mean and spread, in place."""
    x = np.concatenate([d.x for d in train_on])
    mu, sd = x.mean(0), x.std(0) + 1e-6
    for s in sets:
        for d in s:
            d.x = (d.x - mu) / sd


def main() -> None:
    """Featurise, cross-validate and print both feature sets side by side."""
    ap = argparse.ArgumentParser()
    ap.add_argument("model", type=Path)
    ap.add_argument("--c", type=float, default=0.05)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    embedder = Embedder(ROOT / "models" / "embeddings" / "all-MiniLM-L6-v2")
    notes = corpus.load(ROOT / "data" / "corpus")[: args.limit]
    gold = json.loads((EVAL / "gold.json").read_text(encoding="utf-8"))
    mini = ev.featurise([(n.id, n.text, n.gold, n.meta) for n in notes], embedder,
                        ROOT / ".eval-results" / "features")
    dev = ev.featurise([(g["file"], (EVAL / "notes" / g["file"]).read_text(encoding="utf-8"),
                         g, {}) for g in gold], embedder, ROOT / ".eval-results" / "features")
    hs = HiddenStates(args.model)
    t0 = time.perf_counter()
    hidden, hidden_dev = swap_features(mini, hs), swap_features(dev, hs)
    n_tok = sum(len(hs.llm.tokenize(d.note.encode(), add_bos=False)) for d in mini + dev)
    print(f"hidden states: {len(mini) + len(dev)} notes, {n_tok} tokens, "
          f"{hs.seconds:.0f} s computing ({time.perf_counter() - t0:.0f} s with cache reads)")
    standardise(hidden, hidden, hidden_dev)
    out = {}
    for name, data, test, c in (("MiniLM", mini, dev, 0.5), (args.model.stem, hidden,
                                                               hidden_dev, args.c)):
        probs = ev.out_of_group_probabilities(data, "style", c)
        th = ev.tune_thresholds(data, probs)
        rows = {"leave-one-style-out": ev.pooled(data, probs, th)["all"],
                "cross-author (dev set)": ev.cross_author(data, test, c, th)}
        print(ev.table(rows, name))
        f1 = {k: round(float(np.mean([v[c].f1 for c in CATEGORIES if v[c].annotated
                                      and v[c].gold])), 3) for k, v in rows.items()}
        print("mean F1:", f1)
        out[name] = {"thresholds": th.tolist(), "mean_f1": f1, **ev.as_json(rows)}
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
