"""Questions across interviews on a large store: the first one in a fresh process, then later ones.

Uses a store built by `benchmarks/retrieval.py --keep DIR` (DIR/10000 holds 10,000 synthetic
debriefs): a temporary data dir points at it, and `DebriefService.aggregate_answer` answers as
`debrief ask` does (route by meaning, the chat model breaking a weak match, the answer built in
code). Prints seconds per question for a new service (as a new process builds it) three times over one
data dir: cold on the first run (nothing kept), cold on a later run (the router's read prompt
kept in the data dir by the first), and warmed up first as the web app does at start
(`DebriefService.warm_up`, timed on its own). Each service loads the models again; the file
cache of the model weights is shared, as between real runs.

Usage: .venv/bin/python benchmarks/cross_question.py --store DIR/10000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from debrief.core.config import Settings
from debrief.wiring import build_service

QUESTIONS = ["Which companies asked me about system design?",
             "which companies talked about on-call?",
             "which companies mentioned a hiring freeze?",
             "which companies asked for references?"]


def main() -> None:
    """Time each question once, in order, in this fresh process."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, required=True, help="a kept Chroma folder")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "chroma").symlink_to(args.store.resolve())
        # Each phase is a new service, as a new process would build; the data dir (and the
        # router's kept prompt state in it) stays, as it does between runs of the app.
        for phase in ("cold, first run", "cold, later run", "warmed up"):
            svc = build_service(Settings(data_dir=Path(tmp)))
            print(f"{svc.store.count()} debriefs, {phase}")
            if phase == "warmed up":
                start = time.perf_counter()
                svc.warm_up()
                print(f"warm-up {time.perf_counter() - start:6.2f} s")
            for n, question in enumerate(QUESTIONS):
                start = time.perf_counter()
                answer = svc.aggregate_answer(question)
                took = time.perf_counter() - start
                label = "first" if n == 0 else "later"
                print(f"{label:>7} {took:6.2f} s  {question}  -> "
                      f"{(answer.answer[:60] if answer else 'retrieval path')!r}")
            svc.close()


if __name__ == "__main__":
    main()
