"""The chat model adapter: the only module that imports llama_cpp (the scripted fake is in tests/)."""

from __future__ import annotations

import ctypes
import logging
import os
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
CHOOSER_CTX = 1536  # tokens of a pick() prompt (a fixed listing and one question)
SAVE_AFTER_READING = 64  # a pick() that read more than this keeps its context for later processes
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
        on_progress: Callable[[str], None] | None = None, state_dir: Path | None = None,
    ) -> None:
        self.name = name
        self.state_dir = state_dir  # where pick()'s read prompt is kept between processes
        self.path = path
        self.n_ctx = n_ctx
        self.threads = threads
        self._llm: Any = None
        self._lock = threading.RLock()
        self._on_progress = on_progress or (lambda msg: log.info(msg))
        self.load_seconds = 0.0
        self.last_stream_stats: Completion | None = None
        self._reader: Any = None  # a second context in embedding mode (hidden_states)
        self._formatter: Any = None  # the GGUF's chat template, for pick()
        self._chooser: Any = None  # a small third context for pick(), its prompt kept
        self._saved_states: set[str] = set()  # system texts whose read start is on disk
        self._bos = True

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

    def pick(self, messages: Messages, options: list[str], *, prefix: str = "",
             suffix: str = "") -> str:
        """The option a greedy decode constrained to `prefix + option + suffix` would write.

        The same choice as a grammar-constrained completion over these options, read from the
        next-token logits instead of generated: the prompt is evaluated once, then only the
        tokens where options still share a beginning are fed, so a choice among options that
        differ in their first token costs no generation step. It runs in a context of its own
        (the weights are shared), so a prompt whose start never changes stays read between
        calls whatever the chat context did meanwhile.
        """
        if len(options) < 2:
            return options[0]
        with self._lock:
            llm = self._load_chooser()
            prompt = self._chat_prompt(llm, messages) + prefix
            seqs = [llm.tokenize((prompt + o + suffix).encode("utf-8"), add_bos=self._bos,
                                 special=True) for o in options]
            shared = len(os.path.commonprefix(seqs))
            alive = list(range(len(options)))
            self._read_kept(llm, messages, seqs[0][:shared])
            pos = shared
            while True:
                logits = np.ctypeslib.as_array(llm._ctx.get_logits_ith(-1),
                                               shape=(llm.n_vocab(),))
                nexts = {seqs[i][pos] for i in alive if pos < len(seqs[i])}
                if not nexts:
                    return options[alive[0]]
                best = max(nexts, key=lambda t: float(logits[t]))
                alive = [i for i in alive if pos < len(seqs[i]) and seqs[i][pos] == best]
                if len(alive) == 1:
                    return options[alive[0]]
                llm.eval([best])
                pos += 1

    def rank(self, messages: Messages, options: list[str], *, prefix: str = "") -> list[str]:
        """The options in the order the model's next token after `prefix` prefers them: the
        choice a constrained decode would make first, then the runners-up, read from one set of
        logits instead of generated. Read in pick()'s context, so a prompt start read once (the
        system text) is kept there, and kept on disk for later processes, whatever the chat
        context does meanwhile. Each option is scored by its first token; options that share a
        first token keep their given order among themselves."""
        if len(options) < 2:
            return list(options)
        with self._lock:
            llm = self._load_chooser()
            prompt = self._chat_prompt(llm, messages) + prefix
            tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=self._bos, special=True)
            if len(tokens) >= CHOOSER_CTX - 1:  # a long list: the chat context has room
                llm = self._load()
                tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=self._bos, special=True)
            start = time.perf_counter()
            if llm is self._chooser:
                self._read_kept(llm, messages, tokens)
            else:
                self._feed(llm, tokens)
            logits = np.ctypeslib.as_array(llm._ctx.get_logits_ith(-1), shape=(llm.n_vocab(),))
            fulls = [llm.tokenize((prompt + o).encode("utf-8"), add_bos=self._bos, special=True)
                     for o in options]
            # an option whose text would re-cut the prompt's last token is not scored
            score = [float(logits[f[len(tokens)]]) if len(f) > len(tokens)
                     and f[:len(tokens)] == tokens else float("-inf") for f in fulls]
            self.last_stream_stats = Completion(text="", prompt_tokens=len(tokens),
                                                seconds=time.perf_counter() - start)
            order = sorted(range(len(options)), key=lambda i: (-score[i], i))
            return [options[i] for i in order]

    def prefill(self, messages: Messages) -> int:
        """Read a prompt's fixed start (its system text, any fixed earlier turns) into the chat
        context now, so the first question does not wait for it: the next completion whose
        prompt starts the same reuses it. How many tokens were read."""
        with self._lock:
            llm = self._load()
            prompt = self._chat_prompt(llm, messages)
            tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=self._bos, special=True)
            return self._feed(llm, tokens)

    def _chat_prompt(self, llm: Any, messages: Messages) -> str:
        """The prompt text the model's own chat template makes of messages (the GGUF's
        template, as create_chat_completion uses it), ending where the assistant's reply starts."""
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        if self._formatter is None:
            template = llm.metadata.get("tokenizer.chat_template")
            if llm.chat_format != "chat_template.default" or not template:
                raise ModelError(f"model {self.name} has no chat template of its own to pick with")
            self._formatter = Jinja2ChatFormatter(
                template=template, eos_token=llm._model.token_get_text(llm.token_eos()),
                bos_token=llm._model.token_get_text(llm.token_bos()))
        result = self._formatter(messages=messages)
        self._bos = not result.added_special
        return str(result.prompt)

    def _read_kept(self, llm: Any, messages: Messages, tokens: list[int]) -> int:
        """Evaluate a prompt in pick()'s context, its start kept across prompt families and
        processes: when the context holds less of this prompt than its system text (another
        family of prompt ran, or none yet), the state an earlier call of the same system text
        left on disk is loaded first; a call that had to read more than SAVE_AFTER_READING
        tokens of it leaves its state for the next. How many tokens were read."""
        key = messages[0]["content"] if messages and messages[0]["role"] == "system" else ""
        kept = [int(t) for t in llm.input_ids[: llm.n_tokens]]
        if len(os.path.commonprefix([kept, tokens])) < self._system_tokens(llm, messages, tokens):
            self._load_state(llm, key)
        read = self._feed(llm, tokens)
        if read > SAVE_AFTER_READING and key not in self._saved_states:
            self._save_state(llm, key)
        return read

    def _system_tokens(self, llm: Any, messages: Messages, tokens: list[int]) -> int:
        """How many of a prompt's tokens are its system text (with the chat template's marks)."""
        if not messages or messages[0]["role"] != "system":
            return 0
        alone = llm.tokenize(self._chat_prompt(llm, messages[:1]).encode("utf-8"),
                             add_bos=self._bos, special=True)
        return len(os.path.commonprefix([alone, tokens]))

    def _state_file(self, key: str) -> Path | None:
        """The file a read prompt start is kept in: one per system text, model file, llama.cpp
        version and context size (a state is only valid for the same weights and layout)."""
        if self.state_dir is None:
            return None
        import hashlib

        import llama_cpp

        stat = self.path.stat()
        ident = f"{self.path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|" \
                f"{llama_cpp.__version__}|{CHOOSER_CTX}|{key}"
        return self.state_dir / f"pick-{hashlib.sha1(ident.encode()).hexdigest()[:16]}.state"

    def _load_state(self, llm: Any, key: str) -> None:
        """Read the prompt an earlier call with this system text left (its KV cache and
        tokens), so a fixed prompt start is not read again; a missing or stale file is
        ignored."""
        import llama_cpp

        path = self._state_file(key)
        if path is None or not path.is_file():
            return
        tokens = (llama_cpp.llama_token * CHOOSER_CTX)()
        count = ctypes.c_size_t(0)
        try:
            ok = llama_cpp.llama_state_load_file(llm._ctx.ctx, str(path).encode(), tokens,
                                                 CHOOSER_CTX, ctypes.byref(count))
        except OSError:
            ok = False
        if not ok or not 0 < count.value <= CHOOSER_CTX:
            llm.reset()
            return
        llm.input_ids[: count.value] = list(tokens)[: count.value]
        llm.n_tokens = count.value

    def _save_state(self, llm: Any, key: str) -> None:
        """Keep this context's read prompt for later calls and processes (once per process
        and system text)."""
        import llama_cpp

        path = self._state_file(key)
        self._saved_states.add(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tokens = (llama_cpp.llama_token * llm.n_tokens)(*llm.input_ids[: llm.n_tokens])
            if llama_cpp.llama_state_save_file(llm._ctx.ctx, str(tmp).encode(), tokens,
                                               llm.n_tokens):
                tmp.replace(path)
        except OSError as exc:  # only slower next time
            log.info("could not keep the read prompt: %s", exc)

    @staticmethod
    def _feed(llm: Any, tokens: list[int]) -> int:
        """Evaluate tokens, reusing the KV cache for the prefix they share with the last call
        (as llama-cpp-python's own generate does); at least the last token is evaluated so
        its logits are fresh. How many tokens were read."""
        kept = [int(t) for t in llm.input_ids[: llm.n_tokens]]
        cached = min(len(os.path.commonprefix([kept, tokens])), len(tokens) - 1)
        if cached <= 0 or not llm._ctx.kv_cache_seq_rm(-1, cached, -1):
            llm.reset()
            cached = 0
        llm.n_tokens = cached
        llm.eval(tokens[cached:])
        return len(tokens) - cached

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

    def _load_chooser(self) -> Any:
        if self._chooser is None:
            from llama_cpp import Llama

            # Its own small context; it reads the chat template from the GGUF as the chat
            # context does, so the chat context need not be loaded for a pick.
            self._chooser = Llama(model_path=str(self.path), n_ctx=CHOOSER_CTX, n_batch=512,
                                  n_threads=self.threads, verbose=False)
        return self._chooser

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
            for ctx in (llm, self._reader, self._chooser):
                if ctx is not None:
                    llama_cpp.llama_perf_context_reset(ctx._ctx.ctx)

    def perf(self) -> dict[str, float]:
        """llama.cpp's own counters since perf_reset, over both contexts (chat and reading):
        prompt/generation tokens and milliseconds."""
        import llama_cpp

        with self._lock:
            out = {"prompt_tokens_evaluated": 0.0, "prompt_ms": 0.0, "generated_tokens": 0.0,
                   "generation_ms": 0.0, "reading_ms": 0.0}
            for ctx in (self._load(), self._reader, self._chooser):
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
