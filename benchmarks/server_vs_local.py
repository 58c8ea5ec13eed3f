"""Extraction through an OpenAI-compatible server against the same model in-process.

Starts `python -m llama_cpp.server` with the same GGUF, threads and context as the in-process
model (or uses --llm-url), warms both up on a note outside the measured set (so no run starts with
its note already in the KV cache), then extracts the same notes alternately with each and prints
the median and best wall time per note, the ratio server / in-process, and whether both produced
the same items (greedy decoding on the same weights should). Best-of-N is the figure to trust on
a shared machine: other processes only ever add time.

Usage: .venv/bin/python benchmarks/server_vs_local.py [--model NAME] [--repeats N] [--files ...]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from debrief.adapters.llm import ChatModel, LlamaCppModel
from debrief.adapters.llm_remote import OpenAICompatibleModel
from debrief.adapters.prompts import PromptLibrary
from debrief.core.config import Settings
from debrief.core.domain import CATEGORIES
from debrief.features.extract import Extractor
from debrief.wiring import build_catalog, build_embedder

NOTES = Path(__file__).resolve().parents[1] / "tests" / "data" / "eval" / "notes"


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(path: Path, n_ctx: int, threads: int, log: Path,
                 extra: list[str]) -> tuple[subprocess.Popen, str, float]:
    """Start llama_cpp.server on loopback; return the process, its /v1 URL and seconds to ready."""
    port = free_port()
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(path), "--host", "127.0.0.1",
           "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", str(threads),
           "--interrupt_requests", "False", *extra]
    start = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    while time.perf_counter() - start < 120:
        if proc.poll() is not None:
            raise SystemExit(f"llama_cpp.server exited: {log.read_text()[-2000:]}")
        try:
            opener.open(f"{url}/models", timeout=2).read()
            return proc, url, time.perf_counter() - start
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("llama_cpp.server did not answer within 120 s")


def items(ext: Any) -> list[tuple[str, str]]:
    """Every extracted item as (category, evidence), for comparing two runs."""
    return sorted((c, i.evidence) for c in ("people", *CATEGORIES) for i in getattr(ext, c))


def main() -> None:
    """Run the comparison and print a table (JSON with --json)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="smollm2-135m")
    ap.add_argument("--files", nargs="*", default=["01-larkspur-analytics.txt",
                                                    "03-quillfeather.txt",
                                                    "13-ferrowave-robotics.txt"])
    ap.add_argument("--warmup", default="05-nordvik-foods.txt")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--llm-url", help="an already running server (default: start one)")
    ap.add_argument("--server-args", default="--logits_all False",
                    help="extra llama_cpp.server options (its logits_all defaults to True, the "
                    "library's to False)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    settings = Settings(model=args.model)
    name, path = build_catalog(settings).resolve(args.model)
    proc = None
    if args.llm_url:
        url, ready_s = args.llm_url, float("nan")
    else:
        log = Path(tempfile.gettempdir()) / "debrief-bench-llm-server.log"
        proc, url, ready_s = start_server(path, settings.n_ctx, settings.threads, log,
                                          args.server_args.split())
    try:
        local = LlamaCppModel(name, path, n_ctx=settings.n_ctx, threads=settings.threads)
        local.load()
        remote = OpenAICompatibleModel(url)
        remote.load()
        prompts, embedder = PromptLibrary(settings.prompts_dir), build_embedder(settings)
        models: dict[str, ChatModel] = {"in-process": local, "server": remote}
        extractors = {k: Extractor(m, prompts, n_ctx=settings.n_ctx, embedder=embedder)
                      for k, m in models.items()}
        notes = {f: (NOTES / f).read_text(encoding="utf-8") for f in args.files}
        warm = (NOTES / args.warmup).read_text(encoding="utf-8")
        for ex in extractors.values():  # warm-up: classifier, grammar code paths
            ex.extract(warm)
        times: dict[tuple[str, str], list[float]] = {}
        outputs: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for rep in range(args.repeats):
            order = list(extractors) if rep % 2 == 0 else list(reversed(extractors))
            for f, note in notes.items():
                for mode in order:
                    start = time.perf_counter()
                    ext = extractors[mode].extract(note)
                    times.setdefault((f, mode), []).append(time.perf_counter() - start)
                    outputs[(f, mode)] = items(ext)
        rows = []
        for f, note in notes.items():
            loc, srv = times[(f, "in-process")], times[(f, "server")]
            rows.append({"file": f, "words": len(note.split()),
                         "in_process_s": round(statistics.median(loc), 2),
                         "server_s": round(statistics.median(srv), 2),
                         "ratio": round(statistics.median(srv) / statistics.median(loc), 3),
                         "in_process_best_s": round(min(loc), 2), "server_best_s": round(min(srv), 2),
                         "best_ratio": round(min(srv) / min(loc), 3),
                         "same_items": outputs[(f, "in-process")] == outputs[(f, "server")],
                         "in_process_runs": [round(t, 2) for t in times[(f, "in-process")]],
                         "server_runs": [round(t, 2) for t in times[(f, "server")]]})
    finally:
        if proc is not None:
            os.kill(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
    if args.json:
        print(json.dumps({"model": name, "threads": settings.threads, "server_ready_s": ready_s,
                          "in_process_load_s": local.load_seconds, "rows": rows}, indent=2))
        return
    print(f"model {name}, {settings.threads} threads, n_ctx {settings.n_ctx}; server ready in "
          f"{ready_s:.1f} s, in-process load {local.load_seconds:.1f} s; {args.repeats} runs each")
    print(f"{'note':<28}{'words':>6}{'median: local s':>16}{'server s':>10}{'ratio':>7}"
          f"{'best: local s':>15}{'server s':>10}{'ratio':>7}{'same items':>12}")
    for r in rows:
        print(f"{r['file']:<28}{r['words']:>6}{r['in_process_s']:>16}{r['server_s']:>10}"
              f"{r['ratio']:>7}{r['in_process_best_s']:>15}{r['server_best_s']:>10}"
              f"{r['best_ratio']:>7}{str(r['same_items']):>12}")


if __name__ == "__main__":
    main()
