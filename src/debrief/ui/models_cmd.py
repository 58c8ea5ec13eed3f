"""`debrief models list | pull | check`: provisioning and checking local models."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from debrief.adapters.catalog import Catalog, pull_chat, pull_embedding, pull_hf
from debrief.core.config import Settings
from debrief.core.errors import UserError


def _bar(label: str):  # noqa: ANN202
    from tqdm import tqdm

    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            unit = "B" if total > 1000 else "file"
            state["bar"] = tqdm(total=total, unit=unit, unit_scale=unit == "B", desc=label,
                                file=sys.stderr)
        state["bar"].update(done - state["bar"].n)

    return update, state


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Dispatch a models sub-command."""
    catalog = Catalog.load(settings.models_dir)
    return {"list": _list, "pull": _pull, "check": _check}[args.models_command](
        args, settings, catalog)


def _list(args: argparse.Namespace, settings: Settings, catalog: Catalog) -> int:
    rows = []
    for e in catalog.chat.values():
        rows.append({"name": e.name, "kind": "chat", "present": catalog.is_present(e),
                     "size": e.size, "license": e.license, "path": str(catalog.path_of(e)),
                     "active": e.name == settings.model, "description": e.description})
    for name, emb in catalog.embeddings.items():
        rows.append({"name": name, "kind": "embedding", "present": catalog.embedding_present(name),
                     "size": None, "license": emb.license, "path": str(catalog.embedding_dir(name)),
                     "active": name == settings.embedding_model, "description": emb.description})
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for r in rows:
        size = f"{r['size'] / 1e6:,.0f} MB" if r["size"] else ""
        mark = "*" if r["active"] else " "
        state = "present" if r["present"] else "missing (debrief models pull " + r["name"] + ")"
        print(f"{mark} {r['name']:<20} {r['kind']:<9} {size:>9}  {r['license']:<10} {state}")
    return 0


def _pull(args: argparse.Namespace, settings: Settings, catalog: Catalog) -> int:
    name = args.name
    if name in catalog.embeddings:
        if catalog.embedding_present(name):
            print(f"{name} already present")
            return 0
        update, state = _bar(name)
        path = pull_embedding(catalog, name, update)
    elif name in catalog.chat:
        entry = catalog.chat[name]
        if catalog.is_present(entry):
            print(f"{name} already present at {catalog.path_of(entry)}")
            return 0
        if args.hf:
            path = pull_hf(entry, settings.models_dir)
        else:
            update, state = _bar(name)
            path = pull_chat(catalog, entry, update)
            if "bar" in state:
                state["bar"].close()
    else:
        known = ", ".join([*catalog.chat, *catalog.embeddings])
        raise UserError(f"unknown model '{name}': the catalog has {known}")
    print(f"{name} ready at {path}")
    return 0


def _check(args: argparse.Namespace, settings: Settings, catalog: Catalog) -> int:
    from debrief.adapters.llm import LlamaCppModel

    name, path = catalog.resolve(args.name or settings.model)
    model = LlamaCppModel(name, Path(path), n_ctx=1024, threads=settings.threads,
                          on_progress=lambda m: None)
    t0 = time.perf_counter()
    model.load()
    load_s = time.perf_counter() - t0
    prompt = ("Debrief keeps interview notes private on this machine. " * 6).strip()
    out = model.raw_timings(prompt, max_tokens=24)
    # Separate prompt and generation rates with a second, prompt-only call.
    pp = model.raw_timings(prompt, max_tokens=1)
    gen_s = max(out.seconds - pp.seconds, 1e-6)
    info = {
        "name": name, "path": str(path), "size_bytes": Path(path).stat().st_size,
        "load_seconds": round(load_s, 2),
        "prompt_tokens_per_second": round(pp.prompt_tokens / max(pp.seconds, 1e-6), 1),
        "generation_tokens_per_second": round(max(out.completion_tokens - 1, 1) / gen_s, 1),
        "sample": out.text.strip()[:80],
    }
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        print(f"{info['name']}: {info['size_bytes'] / 1e6:,.0f} MB, loaded in "
              f"{info['load_seconds']}s, prompt {info['prompt_tokens_per_second']} tok/s, "
              f"generation {info['generation_tokens_per_second']} tok/s")
    return 0
