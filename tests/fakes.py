"""Honest fakes for tests: a scripted chat model and a hashing embedder (no model file needed).

The app can build either from settings, so the CLI and the web app run end to end on them:
`DEBRIEF_MODEL=fake:tests.fakes:active_model` (the scripted model a test installed, see the
`app_model` fixture), `DEBRIEF_MODEL=fake:tests.fakes:echo_model` (a model that quotes the note
back, for another process) and `DEBRIEF_EMBEDDING_MODEL=fake:tests.fakes:HashingEmbedder`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from debrief.adapters.llm import Completion, Messages
from debrief.core.text import words

Script = Callable[[Messages, dict[str, Any] | None], Any]


@dataclass
class FakeModel:
    """A scripted model: returns queued replies (or raises) and records every call.

    A reply is a string, a dict (sent as JSON) or an exception (raised); `responder`, when set,
    computes each reply from the messages and the JSON schema instead. A question router's
    tie-break (a schema with a "route" enum) that no reply was scripted for takes the first,
    nearest route, so scripts need only the answers.
    """

    replies: list[str | Exception | dict[str, Any]] = field(default_factory=list)
    responder: Script | None = None
    name: str = "fake"
    calls: list[dict[str, Any]] = field(default_factory=list)

    def _next(self, messages: Messages, schema: dict[str, Any] | None) -> str:
        self.calls.append({"messages": messages, "schema": schema})
        route = (schema or {}).get("properties", {}).get("route")
        if self.responder is None and route and not (
                self.replies and isinstance(self.replies[0], dict) and "route" in self.replies[0]):
            return json.dumps({"route": route["enum"][0]})
        if self.responder is not None:
            reply: Any = self.responder(messages, schema)
        elif self.replies:
            reply = self.replies.pop(0)
        else:
            raise AssertionError("FakeModel ran out of scripted replies")
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, dict):
            return json.dumps(reply)
        return str(reply)

    def complete(
        self, messages: Messages, *, schema: dict[str, Any] | None = None, max_tokens: int = 256
    ) -> Completion:
        """Return the next scripted reply."""
        text = self._next(messages, schema)
        prompt = sum(len(m["content"].split()) for m in messages)
        return Completion(text=text, prompt_tokens=prompt, completion_tokens=len(text.split()))

    def stream(
        self, messages: Messages, *, max_tokens: int = 256, schema: dict[str, Any] | None = None,
    ) -> Iterator[str]:
        """Yield the next scripted reply word by word (a raised reply is raised mid-stream)."""
        text = self._next(messages, schema)
        for i, word in enumerate(text.split(" ")):
            yield word if i == 0 else " " + word

    def count_tokens(self, text: str) -> int:
        """Whitespace tokens."""
        return len(text.split())


NUMBERED = re.compile(r"^\[(\d+)\] (.*)$", re.MULTILINE)
EMPTY_HEADER = {"company": None, "role": None, "stage": "other", "people": []}


def numbered_lines(messages: Messages) -> dict[int, str]:
    """The numbered lines of the last prompt (note lines, passages or details), labels removed."""
    out = {}
    for number, text in NUMBERED.findall(messages[-1]["content"]):
        # Passages start "(Company, role, date): ", details may start "(the user's own to-do...) ".
        out[int(number)] = re.sub(r"^\([^)]*\):? ", "", text)
    return out


def echo_notes(messages: Messages, schema: dict[str, Any] | None) -> Any:
    """A responder that answers every task by quoting line 1 of what it was given.

    Header pass: nothing found; line passes: no lines; messages: one sentence, detail 1 verbatim;
    questions: passage 1 with its citation (or NOT IN NOTES when there is none).
    """
    lines = numbered_lines(messages)
    fields = (schema or {}).get("properties", {})
    if schema is None:
        return f"{lines[1]} [1]" if 1 in lines else "NOT IN NOTES"
    if "sentences" in fields:
        return {"sentences": [{"text": lines[1], "detail": 1}] if 1 in lines else []}
    if "lines" in fields:
        return {"lines": []}
    return EMPTY_HEADER


def echo_model() -> FakeModel:
    """A fake that can answer anything (see echo_notes): for a process no test can script."""
    return FakeModel(responder=echo_notes, name="fake-echo")


# What `DEBRIEF_MODEL=fake:tests.fakes:active_model` builds: the `app_model` fixture puts a
# fresh scripted model here for each test (another process gets this unscripted one).
active_model = FakeModel()


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
