"""Honest fakes for unit tests: a hashing embedder (no model file needed)."""

from __future__ import annotations

import hashlib

import numpy as np

from debrief.core.text import words


class HashingEmbedder:
    """Bag-of-words vectors by feature hashing, L2-normalised: texts that share words are close."""

    dims = 384

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dims) float32 rows; records each call."""
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for i, text in enumerate(texts):
            for w in words(text):
                h = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=4).digest(), "little")
                out[i, h % self.dims] += 1.0 if h & 1 << 31 else -1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.clip(norms, 1e-12, None)
