"""Time to first token of `debrief ask` against raw llama.cpp prompt processing of the same context.

For each question that goes to the model (cross-interview questions are answered in code and
skipped here), it times the first streamed piece of `DebriefService.ask_stream` (retrieval,
prompt building, prompt evaluation with the KV cache as the app leaves it, first token), then
hands the exact same chat messages to llama.cpp with the cache cleared and max_tokens=1 — the
raw cost of processing that context once. Prints both and their ratio (goal ≤ 1.2).

Usage: .venv/bin/python benchmarks/ask_ttft.py [--model NAME]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from debrief.core.config import Settings
from debrief.core.domain import Person
from debrief.wiring import build_service

EVAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "eval"


def main() -> None:
    """Run and print the table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--model")
    args = ap.parse_args()
    gold = {g["file"]: g for g in json.loads((EVAL / "gold.json").read_text(encoding="utf-8"))}
    questions = json.loads((EVAL / "questions.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), **({"model": args.model} if args.model else {}))
        svc = build_service(settings)
        for path in sorted((EVAL / "notes").glob("*.txt")):
            g = gold.get(path.name, {})
            svc.add(path.read_text(encoding="utf-8"), company=g.get("company") or path.stem,
                    role=g.get("role"), date=g.get("date"), stage=g.get("stage"),
                    people=[Person(**p) for p in g.get("people", [])])
        model = svc.asker.model
        model.load()  # type: ignore[attr-defined]
        print(f"{'ours ttft s':>12}{'raw prompt s':>13}{'ratio':>7}{'prompt tok':>11}  question")
        ratios = []
        for q in questions:
            if svc.aggregate_answer(q["question"]) is not None:
                continue
            _, messages = svc.asker.prepare(q["question"])
            if not messages:
                continue  # refused without a model call
            start = time.perf_counter()
            stream = svc.ask_stream(q["question"])
            next(stream)
            ttft = time.perf_counter() - start
            for _ in stream:  # let it finish so the next question starts from a quiet model
                pass
            llm = model._load()  # type: ignore[attr-defined]
            with model._lock:  # type: ignore[attr-defined]
                llm.reset()  # cold cache: the raw cost of this context
                t0 = time.perf_counter()
                out = llm.create_chat_completion(messages=messages, max_tokens=1, temperature=0.0)
                raw = time.perf_counter() - t0
            tokens = out.get("usage", {}).get("prompt_tokens", 0)
            ratios.append(ttft / raw)
            print(f"{ttft:>12.2f}{raw:>13.2f}{ttft / raw:>7.2f}{tokens:>11}  {q['question'][:60]}")
        if ratios:
            print(f"median ratio {statistics.median(ratios):.2f}, max {max(ratios):.2f} "
                  f"over {len(ratios)} questions")
        svc.close()


if __name__ == "__main__":
    main()
