"""The chat model on an OpenAI-compatible server (llama.cpp's llama-server, llama-cpp-python's
``python -m llama_cpp.server``, vLLM): the only module that talks HTTP to a model.

httpx rather than the ``openai`` package: httpx is already installed (chromadb and Gradio use it),
the tokenize endpoints are not part of the OpenAI API anyway, and the request body goes out exactly
as written (``response_format`` variants, no client-side validation or retries hiding errors).
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx

from debrief.adapters.llm import Completion, Messages
from debrief.core.errors import ModelError

log = logging.getLogger(__name__)

# Which JSON-schema request shape a server accepts. OpenAI, vLLM and llama-server take the
# standard "json_schema" form; llama-cpp-python's server (0.3.x) only knows "json_object" with a
# "schema" key and rejects the other. The standard form goes first: vLLM and OpenAI accept
# "json_object" too but ignore its schema, which would silently drop the constraint.
FORMATS = ("json_schema", "json_object")
# Tokenize endpoints, tried in order: llama-cpp-python's server, then llama-server and vLLM.
TOKENIZERS = ("/extras/tokenize/count", "/tokenize")
CHARS_PER_TOKEN = 3.0  # estimate when a server cannot tokenize: errs towards more tokens
# llama-cpp-python's server defaults repeat_penalty to 1.1 where the library (the in-process model)
# uses 1.0; even greedy decoding then picks other tokens. Sent explicitly, dropped if refused.
SAMPLING = {"repeat_penalty": 1.0}


def _one_line(text: str, limit: int = 200) -> str:
    """A server message squeezed onto one short line."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _error_text(resp: httpx.Response) -> str:
    """The message inside an error reply ({"error": {"message": ...}} or {"detail": ...})."""
    try:
        body = resp.json()
    except ValueError:
        return resp.text
    if isinstance(body, dict):
        err = body.get("error", body.get("detail", body))
        if isinstance(err, dict):
            return str(err.get("message", err))
        return str(err)
    return str(body)


class OpenAICompatibleModel:
    """A ChatModel served over HTTP by any OpenAI-compatible server; temperature 0."""

    def __init__(self, base_url: str, *, api_key: str | None = None, model: str | None = None,
                 timeout: float = 300.0, transport: httpx.BaseTransport | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        # The tokenize endpoints live beside /v1, not under it.
        self.root_url = self.base_url[:-3] if self.base_url.endswith("/v1") else self.base_url
        self.timeout = timeout
        self._model_id = model
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        # trust_env=False: a proxy variable must never send notes somewhere other than the URL given.
        self._http = httpx.Client(headers=headers, trust_env=False, transport=transport,
                                  timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)))
        self._format = FORMATS[0]
        self._sampling = dict(SAMPLING)
        self._tokenizer: str | None = TOKENIZERS[0]
        self._token_cache: dict[str, int] = {}
        self._lock = threading.Lock()
        self.load_seconds = 0.0
        self.last_stream_stats: Completion | None = None
        self._perf: dict[str, float] = {}
        self.perf_reset()

    # -- identity --------------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The model id on the server (asked once), or the URL while the server cannot tell."""
        if self._model_id is None:
            try:
                return self._model()
            except ModelError:
                return self.base_url  # a name must never fail; the next real call will
        return self._model_id

    @name.setter
    def name(self, value: str) -> None:
        self._model_id = value

    def _model(self) -> str:
        if self._model_id is None:
            data = self._request("GET", f"{self.base_url}/models").json()
            models = [m.get("id") for m in data.get("data", []) if isinstance(m, dict)]
            if not models or not models[0]:
                raise ModelError(f"the LLM server at {self.base_url} lists no model; "
                                 "set DEBRIEF_LLM_MODEL")
            self._model_id = str(models[0])
        return self._model_id

    def load(self) -> None:
        """Check the server answers and learn its model name (nothing is loaded here)."""
        start = time.perf_counter()
        self._model()
        self.load_seconds = time.perf_counter() - start

    # -- HTTP ------------------------------------------------------------------------------

    def _fail(self, exc: httpx.HTTPError) -> ModelError:
        if isinstance(exc, httpx.TimeoutException):
            why = f"did not answer within {self.timeout:.0f}s (DEBRIEF_LLM_TIMEOUT)"
        elif isinstance(exc, httpx.ConnectError):
            why = "cannot be reached (is it running? check DEBRIEF_LLM_URL)"
        else:
            why = f"went away mid-request ({type(exc).__name__}); is it still running?"
        return ModelError(f"the LLM server at {self.base_url} {why}")

    def _check(self, resp: httpx.Response) -> httpx.Response:
        if resp.status_code < 400:
            return resp
        if resp.status_code in (401, 403):
            raise ModelError(f"the LLM server at {self.base_url} refused the request "
                             f"({resp.status_code}): check DEBRIEF_LLM_API_KEY")
        text = _error_text(resp)
        raise ModelError(f"the LLM server at {self.base_url} answered {resp.status_code}: "
                         f"{_one_line(text)}")

    def _request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._check(self._http.request(method, url, **kwargs))
        except httpx.HTTPError as exc:
            raise self._fail(exc) from exc

    def _post_json(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        resp = self._request("POST", f"{self.base_url}{path}", json=body)
        try:
            data = resp.json()
        except ValueError as exc:
            raise ModelError(f"the LLM server at {self.base_url} sent a reply that is not JSON: "
                             f"{_one_line(resp.text)}") from exc
        if not isinstance(data, dict):
            raise ModelError(f"the LLM server at {self.base_url} sent an unexpected reply")
        return data

    # -- ChatModel -------------------------------------------------------------------------

    @staticmethod
    def _response_format(kind: str, schema: dict[str, Any]) -> dict[str, Any]:
        if kind == "json_schema":
            return {"type": "json_schema",
                    "json_schema": {"name": "output", "schema": schema, "strict": True}}
        return {"type": "json_object", "schema": schema}

    def _count(self, data: dict[str, Any], seconds: float) -> None:
        """Add one reply's usage (and llama-server's own timings, when sent) to the counters."""
        usage = data.get("usage") or {}
        timings = data.get("timings") or {}
        with self._lock:
            self._perf["requests"] += 1
            self._perf["request_ms"] += seconds * 1000
            if timings:
                self._perf["prompt_tokens_evaluated"] += timings.get("prompt_n", 0)
                self._perf["prompt_ms"] += timings.get("prompt_ms", 0.0)
                self._perf["generated_tokens"] += timings.get("predicted_n", 0)
                self._perf["generation_ms"] += timings.get("predicted_ms", 0.0)
            else:
                # No split from the server: the whole request counts as generation time.
                self._perf["prompt_tokens_evaluated"] += usage.get("prompt_tokens", 0)
                self._perf["generated_tokens"] += usage.get("completion_tokens", 0)
                self._perf["generation_ms"] += seconds * 1000

    def complete(
        self, messages: Messages, *, schema: dict[str, Any] | None = None, max_tokens: int = 256
    ) -> Completion:
        """One chat completion, JSON-schema constrained when a schema is given."""
        start = time.perf_counter()
        while True:
            try:
                data = self._post_json("/chat/completions", self._body(messages, max_tokens, schema))
                break
            except ModelError as exc:
                if not self._adapt(str(exc), schema is not None):
                    raise
        seconds = time.perf_counter() - start
        self._count(data, seconds)
        try:
            text = data["choices"][0]["message"].get("content") or ""
        except (KeyError, IndexError, TypeError, AttributeError) as exc:
            raise ModelError(f"the LLM server at {self.base_url} sent a reply without a message: "
                             f"{_one_line(json.dumps(data))}") from exc
        usage = data.get("usage") or {}
        return Completion(text=text, prompt_tokens=usage.get("prompt_tokens", 0),
                          completion_tokens=usage.get("completion_tokens", 0), seconds=seconds)

    def _body(self, messages: Messages, max_tokens: int, schema: dict[str, Any] | None,
              stream: bool = False) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self._model(), "messages": messages, "temperature": 0.0,
                                "max_tokens": max_tokens, **self._sampling}
        if schema is not None:
            body["response_format"] = self._response_format(self._format, schema)
        if stream:
            body["stream"] = True
        return body

    def _adapt(self, error: str, with_schema: bool) -> bool:
        """After a refused request: drop what the server said it does not accept; True to retry."""
        if self._sampling and any(k in error for k in self._sampling):
            log.info("%s refused %s; using its defaults", self.base_url, sorted(self._sampling))
            self._sampling = {}
            return True
        # A server that does not know this response_format shape says so: try the other one.
        if with_schema and self._format != FORMATS[-1] and any(
                w in error for w in ("response_format", "json_schema", "literal_error")):
            log.info("%s refused response_format %s; using %s", self.base_url, self._format,
                     FORMATS[-1])
            self._format = FORMATS[-1]
            return True
        return False

    def stream(
        self, messages: Messages, *, max_tokens: int = 256, schema: dict[str, Any] | None = None,
    ) -> Iterator[str]:
        """Stream an answer (plain text, or JSON constrained to a schema) from server-sent events."""
        start = time.perf_counter()
        count = 0
        try:
            for _attempt in range(3):  # each retry drops one thing the server refused
                body = self._body(messages, max_tokens, schema, stream=True)
                with self._http.stream("POST", f"{self.base_url}/chat/completions",
                                       json=body) as resp:
                    if resp.status_code >= 400:
                        resp.read()
                        try:
                            self._check(resp)
                        except ModelError as exc:
                            if self._adapt(str(exc), schema is not None):
                                continue
                            raise
                    for line in resp.iter_lines():
                        if not line.startswith("data:"):
                            continue  # blank separators, comments and pings
                        payload = line[5:].strip()
                        if payload == "[DONE]":
                            break
                        try:
                            event = json.loads(payload)
                        except ValueError as exc:
                            raise ModelError(f"the LLM server at {self.base_url} sent a broken "
                                             f"stream event: {_one_line(payload)}") from exc
                        if "error" in event:
                            raise ModelError(f"the LLM server at {self.base_url} failed "
                                             f"mid-answer: {_one_line(str(event['error']))}")
                        choices = event.get("choices") or [{}]
                        delta = (choices[0].get("delta") or {}).get("content")
                        if delta:
                            count += 1
                            yield delta
                    break
        except httpx.HTTPError as exc:
            raise self._fail(exc) from exc
        seconds = time.perf_counter() - start
        self.last_stream_stats = Completion(text="", completion_tokens=count, seconds=seconds)
        self._count({"usage": {"completion_tokens": count}}, seconds)

    def count_tokens(self, text: str) -> int:
        """Tokens by the server's own tokenizer when it has an endpoint, else an estimate."""
        if text in self._token_cache:
            return self._token_cache[text]
        n = None
        while self._tokenizer is not None and n is None:
            path = self._tokenizer
            try:
                resp = self._http.post(f"{self.root_url}{path}", json={
                    "input": text, "content": text, "prompt": text, "model": self._model(),
                    "add_special": False})
            except httpx.HTTPError as exc:
                raise self._fail(exc) from exc
            if resp.status_code in (404, 405, 501):
                following = TOKENIZERS.index(path) + 1
                self._tokenizer = TOKENIZERS[following] if following < len(TOKENIZERS) else None
                if self._tokenizer is None:
                    log.info("%s has no tokenize endpoint; estimating token counts", self.root_url)
                continue
            data = self._check(resp).json()
            n = int(data["count"]) if "count" in data else len(data.get("tokens", []))
        if n is None:
            n = max(1, math.ceil(len(text) / CHARS_PER_TOKEN)) if text else 0
        if len(self._token_cache) > 4096:
            self._token_cache.clear()
        self._token_cache[text] = n
        return n

    # -- benchmarks (same names as LlamaCppModel) -----------------------------------------

    def perf_reset(self) -> None:
        """Zero the counters of what the server reported (the server's KV cache is its own)."""
        with self._lock:
            self._perf = dict.fromkeys(
                ("requests", "request_ms", "prompt_tokens_evaluated", "prompt_ms",
                 "generated_tokens", "generation_ms"), 0)

    def perf(self) -> dict[str, float]:
        """Counters since perf_reset (server timings if sent, else usage and request time)."""
        with self._lock:
            return dict(self._perf)

    def raw_timings(self, prompt: str, max_tokens: int) -> Completion:
        """A plain-prompt completion on the server (no chat template), timed from here."""
        start = time.perf_counter()
        data = self._post_json("/completions", {"model": self._model(), "prompt": prompt,
                                                "max_tokens": max_tokens, "temperature": 0.0,
                                                **self._sampling})
        usage = data.get("usage") or {}
        choices = data.get("choices") or [{}]
        return Completion(text=str(choices[0].get("text", "")),
                          prompt_tokens=usage.get("prompt_tokens", 0),
                          completion_tokens=usage.get("completion_tokens", 0),
                          seconds=time.perf_counter() - start)

    def close(self) -> None:
        """Close the HTTP connections."""
        self._http.close()
