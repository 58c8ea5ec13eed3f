"""Extraction speed against raw llama.cpp on the same model and tokens.

Prints, per note: wall seconds of `Extractor.extract`, llama.cpp's own prompt-eval and generation
time for exactly the tokens it processed (its perf counters), their ratio (the overhead of
Debrief's Python, grammar sampling and passes), and how many prompt tokens were evaluated compared
with the note's own token count (KV-cache reuse means the note is processed once by the chat
context). "raw" counts both llama.cpp contexts: the chat passes and the one reading pass whose
hidden states the classifier uses ("read s").

Usage: .venv/bin/python benchmarks/extract_speed.py [--model NAME] [--files 01-... ...]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from debrief.adapters.prompts import PromptLibrary
from debrief.core.config import Settings
from debrief.core.evidence import segment
from debrief.features.extract import Extractor, numbered
from debrief.wiring import build_embedder, build_model

NOTES = Path(__file__).resolve().parents[1] / "tests" / "data" / "eval" / "notes"


def main() -> None:
    """Run the benchmark and print a table (and JSON with --json)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--model")
    ap.add_argument("--files", nargs="*", default=["01-larkspur-analytics.txt",
                                                    "03-quillfeather.txt",
                                                    "13-ferrowave-robotics.txt"])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--design", choices=["classifier", "model"])
    args = ap.parse_args()
    settings = Settings(**({"model": args.model} if args.model else {}))
    model = build_model(settings)
    model.load()
    if hasattr(model, "hidden_states"):
        model.hidden_states("warm up the reading context")  # loaded once, not timed
    ap_design = args.design
    extractor = Extractor(model, PromptLibrary(settings.prompts_dir), n_ctx=settings.n_ctx,
                          embedder=build_embedder(settings), design=ap_design)
    rows = []
    for name in args.files:
        note = (NOTES / name).read_text(encoding="utf-8")
        note_tokens = model.count_tokens(numbered(segment(note)))
        model.perf_reset()
        start = time.perf_counter()
        ext = extractor.extract(note)
        wall = time.perf_counter() - start
        perf = model.perf()
        raw = (perf["prompt_ms"] + perf["generation_ms"]) / 1000
        passes = len(extractor._model_categories()) + 1
        rows.append({
            "file": name, "words": len(note.split()), "wall_s": round(wall, 2),
            "raw_llama_s": round(raw, 2), "ratio": round(wall / raw, 3),
            "reading_s": round(perf.get("reading_ms", 0.0) / 1000, 2),
            "note_tokens": note_tokens, "passes": passes,
            "prompt_tokens_nominal": ext.prompt_tokens,
            "prompt_tokens_evaluated": perf["prompt_tokens_evaluated"],
            "generated_tokens": perf["generated_tokens"],
            "prompt_tok_per_s": round(perf["prompt_tokens_evaluated"]
                                      / max(perf["prompt_ms"] / 1000, 1e-6), 1),
            "gen_tok_per_s": round(perf["generated_tokens"]
                                   / max(perf["generation_ms"] / 1000, 1e-6), 1),
        })
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"model {model.name}, {settings.threads} threads")
    print(f"{'note':<28}{'words':>6}{'wall s':>8}{'raw s':>8}{'ratio':>7}{'read s':>8}"
          f"{'note tok':>9}{'eval tok':>9}{'nominal':>9}{'gen tok':>8}")
    for r in rows:
        print(f"{r['file']:<28}{r['words']:>6}{r['wall_s']:>8}{r['raw_llama_s']:>8}"
              f"{r['ratio']:>7}{r['reading_s']:>8}{r['note_tokens']:>9}"
              f"{r['prompt_tokens_evaluated']:>9}{r['prompt_tokens_nominal']:>9}"
              f"{r['generated_tokens']:>8}")


if __name__ == "__main__":
    main()
