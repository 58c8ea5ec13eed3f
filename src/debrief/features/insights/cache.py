"""A vector cache, so repeated insights (and asks) embed only new texts."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import numpy as np

from debrief.core.files import write_atomic
from debrief.features.insights.grouping import TextEmbedder


class CachingEmbedder:
    """Wraps an embedder and remembers each text's vector (optionally in an .npz file).

    Extracted items rarely change, so after the first run only new texts are embedded.
    """

    def __init__(self, inner: TextEmbedder, path: Path | None = None,
                 max_items: int = 200_000) -> None:
        self.inner = inner
        self.path = path
        self.max_items = max_items
        self._vecs: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self._dirty = False
        if path is not None and path.is_file():
            try:
                with np.load(path, allow_pickle=False) as data:
                    self._vecs = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
            except (OSError, ValueError, KeyError):  # a broken cache is only slower
                self._vecs = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        """Vectors for texts, embedding only those not seen before."""
        with self._lock:
            missing = sorted({t for t in texts if t not in self._vecs}, key=lambda t: (len(t), t))
            if missing:
                new = self.inner.embed(missing)
                self._vecs.update(zip(missing, new, strict=True))
                self._dirty = True
            if not texts:
                return np.zeros((0, getattr(self.inner, "dims", 384)), dtype=np.float32)
            out = np.stack([self._vecs[t] for t in texts]).astype(np.float32)
            while len(self._vecs) > self.max_items:  # forget the oldest
                self._vecs.pop(next(iter(self._vecs)))
            return out

    def save(self) -> None:
        """Write the cache to its file when it changed (atomically)."""
        with self._lock:
            if self.path is None or not self._dirty or not self._vecs:
                return
            buffer = io.BytesIO()
            np.savez(buffer, texts=np.array(list(self._vecs)),
                     vectors=np.stack(list(self._vecs.values())))
            write_atomic(self.path, buffer.getvalue())
            self._dirty = False
