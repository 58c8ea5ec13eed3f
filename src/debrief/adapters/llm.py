"""The chat model adapter: the only module that imports llama_cpp (the scripted fake is in tests/)."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from debrief.core.errors import ModelError

log = logging.getLogger(__name__)
READER_CTX = 3072  # tokens the hidden-state pass reads at once (a note of about 2,000 words)

Messages = list[dict[str, str]]


@dataclass
class Completion:
    """One finished model call."""

    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0


class ChatModel(Protocol):
    """What the features need from a model."""

    name: str

    def complete(
        self,
        messages: Messages,
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 256,
    ) -> Completion:
        """Run one chat completion; with a schema, the output is constrained to it."""
        ...

    def stream(
        self, messages: Messages, *, max_tokens: int = 256, schema: dict[str, Any] | None = None,
    ) -> Iterator[str]:
        """Yield the answer text piece by piece (JSON-schema constrained when a schema is given)."""
        ...

    def count_tokens(self, text: str) -> int:
        """Number of tokens the model sees for a text."""
        ...


class LlamaCppModel:
    """A GGUF model run in-process by llama-cpp-python; loaded lazily, one call at a time."""

    def __init__(
        self, name: str, path: Path, *, n_ctx: int = 4096, threads: int = 2,
        on_progress: Callable[[str], None] | None = None,
    ) -> None:
        self.name = name
        self.path = path
        self.n_ctx = n_ctx
        self.threads = threads
        self._llm: Any = None
        self._lock = threading.RLock()
        self._on_progress = on_progress or (lambda msg: log.info(msg))
        self.load_seconds = 0.0
        self.last_stream_stats: Completion | None = None
        self._reader: Any = None  # a second context in embedding mode (hidden_states)

    def _load(self) -> Any:
        if self._llm is not None:
            return self._llm
        try:
            from llama_cpp import Llama
        except ImportError as exc:  # pragma: no cover - install problem
            raise ModelError("llama-cpp-python is not installed: run `make run` or `make setup`") from exc
        self._on_progress(f"loading model {self.name} ...")
        start = time.perf_counter()
        try:
            self._llm = Llama(
                model_path=str(self.path), n_ctx=self.n_ctx, n_threads=self.threads,
                n_batch=512, verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(
                f"could not load model {self.path}: the file is broken or not a supported GGUF "
                f"({exc}); pull it again with `debrief models pull NAME`"
            ) from exc
        self.load_seconds = time.perf_counter() - start
        self._on_progress(f"model {self.name} loaded in {self.load_seconds:.1f}s")
        return self._llm

    def load(self) -> None:
        """Load the weights now (otherwise on first use)."""
        with self._lock:
            self._load()

    def complete(
        self, messages: Messages, *, schema: dict[str, Any] | None = None, max_tokens: int = 256
    ) -> Completion:
        """One chat completion, JSON-schema constrained when a schema is given."""
        with self._lock:
            llm = self._load()
            kwargs: dict[str, Any] = {"temperature": 0.0, "max_tokens": max_tokens}
            if schema is not None:
                kwargs["response_format"] = {"type": "json_object", "schema": schema}
            start = time.perf_counter()
            out = llm.create_chat_completion(messages=messages, **kwargs)
            usage = out.get("usage", {})
            return Completion(
                text=out["choices"][0]["message"]["content"] or "",
                prompt_tokens=usage.get("prompt_tokens", 0),
                completion_tokens=usage.get("completion_tokens", 0),
                seconds=time.perf_counter() - start,
            )

    def stream(
        self, messages: Messages, *, max_tokens: int = 256, schema: dict[str, Any] | None = None,
    ) -> Iterator[str]:
        """Stream an answer (plain text, or JSON constrained to a schema).

        Generation runs on its own thread, which takes and releases the model lock itself: the
        consumer of this generator (Gradio steps generators from any worker thread) never owns
        the lock, so a lock can never be released by a thread that did not take it.
        """
        pieces: queue.Queue[object] = queue.Queue()
        done = object()

        def produce() -> None:
            try:
                with self._lock:
                    llm = self._load()
                    start = time.perf_counter()
                    count = 0
                    extra: dict[str, Any] = {}
                    if schema is not None:
                        extra["response_format"] = {"type": "json_object", "schema": schema}
                    for chunk in llm.create_chat_completion(
                        messages=messages, temperature=0.0, max_tokens=max_tokens, stream=True,
                        **extra,
                    ):
                        delta = chunk["choices"][0].get("delta", {}).get("content")
                        if delta:
                            count += 1
                            pieces.put(delta)
                    self.last_stream_stats = Completion(
                        text="", completion_tokens=count, seconds=time.perf_counter() - start)
            except BaseException as exc:  # handed to the consumer below
                pieces.put(exc)
            finally:
                pieces.put(done)

        threading.Thread(target=produce, name="llm-stream", daemon=True).start()
        while True:
            item = pieces.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield str(item)

    def hidden_states(self, text: str) -> tuple[np.ndarray, list[int]] | None:
        """The model's last hidden state at every token of text, read in one pass as a whole
        (so each token has seen everything before it), and each token's end offset in
        characters; None when the text is longer than the reading context."""
        with self._lock:
            reader = self._load_reader()
            data = text.encode("utf-8")
            tokens = reader.tokenize(data, add_bos=False)
            if not tokens or len(tokens) > READER_CTX - 8:
                return None
            ends, used = [], 0
            for tok in tokens:
                used += len(reader.detokenize([tok]))
                ends.append(len(data[:used].decode("utf-8", errors="ignore")))
            states = np.asarray(reader.embed(text), dtype=np.float32)
            return states[len(states) - len(tokens):], ends  # drop a BOS the model adds

    def _load_reader(self) -> Any:
        if self._reader is None:
            from llama_cpp import LLAMA_POOLING_TYPE_NONE, Llama

            # The weights are memory-mapped: a second context costs its KV cache, not a copy.
            self._reader = Llama(
                model_path=str(self.path), embedding=True, pooling_type=LLAMA_POOLING_TYPE_NONE,
                n_ctx=READER_CTX, n_batch=READER_CTX, n_ubatch=READER_CTX,
                n_threads=self.threads, verbose=False)
        return self._reader

    def count_tokens(self, text: str) -> int:
        """Token count with the model's own tokenizer."""
        with self._lock:
            llm = self._load()
            return len(llm.tokenize(text.encode("utf-8"), add_bos=False))

    def perf_reset(self) -> None:
        """Zero llama.cpp's own timing counters and clear the KV cache (benchmarks)."""
        import llama_cpp

        with self._lock:
            llm = self._load()
            llm.reset()
            for ctx in (llm, self._reader):
                if ctx is not None:
                    llama_cpp.llama_perf_context_reset(ctx._ctx.ctx)

    def perf(self) -> dict[str, float]:
        """llama.cpp's own counters since perf_reset, over both contexts (chat and reading):
        prompt/generation tokens and milliseconds."""
        import llama_cpp

        with self._lock:
            out = {"prompt_tokens_evaluated": 0.0, "prompt_ms": 0.0, "generated_tokens": 0.0,
                   "generation_ms": 0.0, "reading_ms": 0.0}
            for ctx in (self._load(), self._reader):
                if ctx is None:
                    continue
                data = llama_cpp.llama_perf_context(ctx._ctx.ctx)
                out["prompt_tokens_evaluated"] += data.n_p_eval
                out["prompt_ms"] += data.t_p_eval_ms
                out["generated_tokens"] += data.n_eval
                out["generation_ms"] += data.t_eval_ms
                if ctx is self._reader:
                    out["reading_ms"] += data.t_p_eval_ms
            return out

    def raw_timings(self, prompt: str, max_tokens: int) -> Completion:
        """Raw llama.cpp completion of a plain prompt (benchmarks' baseline), cache cleared."""
        with self._lock:
            llm = self._load()
            llm.reset()
            start = time.perf_counter()
            out = llm.create_completion(prompt, max_tokens=max_tokens, temperature=0.0)
            usage = out.get("usage", {})
            return Completion(
                text=out["choices"][0]["text"],
                prompt_tokens=usage.get("prompt_tokens", 0),
                completion_tokens=usage.get("completion_tokens", 0),
                seconds=time.perf_counter() - start,
            )

