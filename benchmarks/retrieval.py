"""Retrieval at scale: ingest throughput and filtered query latency, next to raw Chroma.

Generates N synthetic debriefs (offline, seeded) with three extracted facts each and stores them
through DebriefStore (which splits, embeds and writes debriefs, chunks and facts). Then, per
query, with a company and date filter:
- raw: Chroma's own `collection.query` on the chunks with the whole where clause (the query
  embedding computed outside the timing);
- ours: `DebriefStore.search` (embedding, version check, range planning);
- hybrid: the whole retrieval of `debrief ask` (vectors over chunks and facts, BM25 over
  sentences, fusion), a new question each time so no embedding is reused.
Ingesting 10,000 debriefs takes ~25 minutes on 2 cores: `--keep DIR` builds the store there once
and reuses it on later runs.

Usage: .venv/bin/python benchmarks/retrieval.py [--sizes 1000 10000] [--queries 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from debrief.adapters.embeddings import Embedder
from debrief.adapters.store import DebriefStore
from debrief.core.domain import Debrief, Extraction, Item, Person
from debrief.features.ask import Filters, retrieve

ROOT = Path(__file__).resolve().parents[1]
COMPANIES = [f"{a} {b}" for a in ("Larkspur", "Corvanta", "Tidewell", "Quillfeather", "Nordvik",
                                  "Ferrowave", "Saltmarsh", "Eastmere", "Pebblestone", "Kestrel")
             for b in ("Analytics", "Software", "Logistics", "Labs", "Health")]
STAGES = ["recruiter screen", "hiring manager", "technical screen", "panel", "onsite loop", "final"]
FACTS = ["team is {n} engineers", "stack is Go, Kafka and Postgres", "on-call is 1 week in {n}",
         "they asked me to design a rate limiter", "hiring freeze on new headcount",
         "she cared about testing and code review", "base band tops out around {n}0k",
         "the platform team is also hiring", "send references by Friday",
         "system design: ingestion pipeline with late events", "why are you leaving your job"]


def synthetic(n: int, seed: int = 7) -> list[Debrief]:
    """n debriefs with a few lines of notes each."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        lines = [f"- {rnd.choice(FACTS).format(n=rnd.randint(2, 15))}" for _ in range(6)]
        # Three extracted facts per debrief, so the facts search has as much to do as in use.
        facts = [Item(text=line[2:], evidence=line[2:]) for line in lines[:3]]
        out.append(Debrief(
            id=f"syn{i:06d}", company=rnd.choice(COMPANIES), role="Engineer",
            date=f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
            stage=rnd.choice(STAGES), people=[Person(name="Alex Doe", title="EM")],
            notes="\n".join(lines), extraction=Extraction(insider_info=facts),
            extraction_status="done"))
    return out


def pct(values: list[float], p: float) -> float:
    """The p-th percentile in milliseconds."""
    values = sorted(values)
    return 1000 * values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    """Run and print the table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", nargs="*", type=int, default=[1000, 10000])
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--keep", type=Path, help="build each store under this folder once; reuse it")
    args = ap.parse_args()
    embedder = Embedder(ROOT / "models" / "embeddings" / "all-MiniLM-L6-v2")
    questions = ["which companies asked system design?", "how big is the team?",
                 "what did they say about on-call?", "salary band", "hiring freeze"]
    print(f"{'debriefs':>9}{'ingest/s':>10}{'ours p50':>10}{'ours p95':>10}{'raw p50':>9}"
          f"{'raw p95':>9}{'ratio p95':>10}{'hybrid p50':>11}{'hybrid p95':>11}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.keep / str(size) if args.keep else Path(tmp)
            store = DebriefStore(embedder, path=folder)
            ingest = float("nan")  # not measured when a kept store is reused
            if store.count() != size:
                for d in store.all():
                    store.delete(d.id)
                start = time.perf_counter()
                for d in synthetic(size):
                    store.save(d)
                    store.index_facts(d)
                ingest = size / (time.perf_counter() - start)
            rnd = random.Random(1)
            ours, raw, hybrid = [], [], []
            for q in range(args.queries):
                question = questions[q % len(questions)]
                where = {"$and": [{"company_lc": rnd.choice(COMPANIES).casefold()},
                                  {"date_int": {"$gte": 20240301}}]}
                vec = embedder.embed([question]).tolist()
                t0 = time.perf_counter()
                store.chunks.query(query_embeddings=vec, n_results=12, where=where,
                                   include=["documents", "metadatas", "distances"])
                raw.append(time.perf_counter() - t0 + 0.0)
                t0 = time.perf_counter()
                store.search(question, k=6, where=where)
                ours.append(time.perf_counter() - t0)
                # The whole retrieval of `debrief ask`: vectors over chunks and facts, the
                # keyword filter, fusion (a new question each time: no cached embedding).
                filters = Filters(company=where["$and"][0]["company_lc"], since="2024-03-01")
                t0 = time.perf_counter()
                retrieve(store, f"{question} ({q})", filters, k=12)
                hybrid.append(time.perf_counter() - t0)
            # Our timing includes embedding the question; measure that once to report it apart.
            t0 = time.perf_counter()
            for _ in range(20):
                embedder.embed([questions[0]])
            embed_ms = (time.perf_counter() - t0) / 20 * 1000
            print(f"{size:>9}{ingest:>10.1f}{pct(ours, 50):>10.1f}{pct(ours, 95):>10.1f}"
                  f"{pct(raw, 50):>9.1f}{pct(raw, 95):>9.1f}"
                  f"{pct(ours, 95) / max(pct(raw, 95) + embed_ms, 1e-9):>10.2f}"
                  f"{pct(hybrid, 50):>11.1f}{pct(hybrid, 95):>11.1f}"
                  f"   (question embedding {embed_ms:.1f} ms, median {statistics.median(ours)*1000:.1f} ms)")


if __name__ == "__main__":
    main()
