"""Local, offline sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) through onnxruntime.

The files are provisioned into models/ by `debrief models pull all-minilm-l6-v2`; nothing is
downloaded at run time.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np

from debrief.core.errors import ModelError

log = logging.getLogger(__name__)

REQUIRED = ("model.onnx", "tokenizer.json")


class Embedder:
    """Mean-pooled, L2-normalised MiniLM embeddings (384 floats per text)."""

    dims = 384

    def __init__(self, folder: Path, max_length: int = 256, batch_size: int = 32) -> None:
        missing = [f for f in REQUIRED if not (folder / f).is_file()]
        if missing:
            raise ModelError(
                f"embedding model missing in {folder} ({', '.join(missing)}): "
                "run `debrief models pull all-minilm-l6-v2`"
            )
        self.folder = folder
        self.max_length = max_length
        self.batch_size = batch_size
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        # Idle worker threads sleep instead of spinning: on two cores a spinning pool steals
        # the CPU from the chat model that runs right after an embedding.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(self.folder / "model.onnx"), opts, providers=["CPUExecutionProvider"]
        )
        tok = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        tok.enable_truncation(max_length=self.max_length)
        tok.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tok
        self._inputs = {i.name for i in self._session.get_inputs()}

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts into a (len(texts), 384) float32 array."""
        if not texts:
            return np.zeros((0, self.dims), dtype=np.float32)
        with self._lock:
            if self._session is None:
                self._load()
            out = [self._embed_batch(texts[i : i + self.batch_size])
                   for i in range(0, len(texts), self.batch_size)]
        return np.concatenate(out, axis=0)

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        assert self._tokenizer is not None and self._session is not None
        enc = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feed)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
