"""Web UI helpers: chat text escaped for display and read back, streams kept on one thread."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from debrief.adapters.llm import LlamaCppModel
from debrief.ui.web import chat_text, message_text


def test_chat_text_escapes_markup_but_keeps_quotes() -> None:
    assert chat_text("<img src=x onerror=alert(1)> R&D") == \
        "&lt;img src=x onerror=alert(1)&gt; R&amp;D"
    assert chat_text("Your notes don't say.") == "Your notes don't say."
    assert chat_text(None) == ""


def test_message_text_reads_gradio_6_parts_and_plain_strings() -> None:
    shown = chat_text("Which <b>stack</b> & why?")
    # Gradio 6 hands the Chatbot value back with content as a list of parts.
    assert message_text([{"type": "text", "text": shown}]) == "Which <b>stack</b> & why?"
    assert message_text(shown) == "Which <b>stack</b> & why?"
    assert message_text([{"type": "text", "text": "a"}, {"type": "file", "file": {}},
                         {"type": "text", "text": "b"}]) == "a\nb"
    assert message_text(None) == ""


class ScriptedLlama:
    """Stands in for llama_cpp.Llama: streams scripted chunks, or fails midway."""

    def __init__(self, pieces: list[str], fail: bool = False) -> None:
        self.pieces, self.fail = pieces, fail

    def create_chat_completion(self, **kwargs: object) -> Iterator[dict]:
        for p in self.pieces:
            yield {"choices": [{"delta": {"content": p}}]}
        if self.fail:
            raise ValueError("model crashed")


def model_with(llama: ScriptedLlama) -> LlamaCppModel:
    model = LlamaCppModel("scripted", Path("unused.gguf"))
    model._llm = llama
    return model


def test_a_model_stream_can_be_stepped_from_many_threads() -> None:
    """Gradio steps generator handlers from any free worker thread; the model lock must never
    be held by the consumer's thread across yields."""
    model = model_with(ScriptedLlama(["a", "b", "c"]))
    stream = model.stream([{"role": "user", "content": "hi"}])
    got = []
    # Two live worker threads, taking turns (a dead thread's id can be reused, which would
    # hide the problem).
    workers = [ThreadPoolExecutor(max_workers=1), ThreadPoolExecutor(max_workers=1)]
    try:
        for step in range(4):
            try:
                got.append(workers[step % 2].submit(next, stream).result(timeout=10))
            except StopIteration:
                break
        # The lock is free again: another thread can take it at once.
        assert workers[1].submit(model._lock.acquire, timeout=5).result()
    finally:
        for w in workers:
            w.shutdown()
    assert got == ["a", "b", "c"]


def test_a_model_stream_error_reaches_the_caller() -> None:
    stream = model_with(ScriptedLlama(["x"], fail=True)).stream([{"role": "user", "content": "q"}])
    assert next(stream) == "x"
    with pytest.raises(ValueError, match="model crashed"):
        next(stream)


def test_a_stream_asked_for_a_gone_session_is_one_line_not_a_traceback() -> None:
    import logging

    from fastapi import HTTPException

    from debrief.ui.web.server import GoneStreamFilter

    def record(exc: BaseException) -> logging.LogRecord:
        try:
            raise RuntimeError("wrapped") from exc
        except RuntimeError as outer:
            return logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1,
                                     "Exception in ASGI application", (),
                                     (type(outer), outer, outer.__traceback__))

    gone = record(HTTPException(status_code=404))
    assert GoneStreamFilter().filter(gone) and gone.exc_info is None
    assert gone.levelno == logging.INFO and "session that has ended" in gone.getMessage()
    other = record(ValueError("a real bug"))
    assert GoneStreamFilter().filter(other) and other.exc_info is not None  # still a traceback
    assert other.levelno == logging.ERROR


def test_a_stream_cleaned_up_twice_by_gradio_is_one_line_not_a_traceback() -> None:
    """Gradio's sse_stream deletes a cancelled session's queue; the second of two streams of one
    closing page raises KeyError doing so (CI saw it). That is the browser leaving, not a bug."""
    import asyncio
    import logging

    from debrief.ui.web.server import GoneStreamFilter

    source = ("def sse_stream(pending, key):\n"
              "    try:\n"
              "        raise asyncio.CancelledError()\n"
              "    except BaseException:\n"
              "        del pending[key]\n"
              "def elsewhere(pending, key):\n"
              "    try:\n"
              "        raise asyncio.CancelledError()\n"
              "    except BaseException:\n"
              "        del pending[key]\n"
              "def uncancelled(pending, key):\n"
              "    del pending[key]\n")
    where: dict[str, object] = {"asyncio": asyncio}
    exec(compile(source, "/venv/site-packages/gradio/routes.py", "exec"), where)

    def record(name: str) -> logging.LogRecord:
        try:
            where[name]({}, "x41d7uhc2ls")  # type: ignore[operator]
        except KeyError as exc:
            return logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1,
                                     "Exception in ASGI application", (),
                                     (type(exc), exc, exc.__traceback__))
        raise AssertionError("no KeyError")

    twice = record("sse_stream")
    assert GoneStreamFilter().filter(twice) and twice.exc_info is None
    assert twice.levelno == logging.INFO and "cleaned up twice" in twice.getMessage()
    # A KeyError anywhere else, or not while a cancel is handled, is still a traceback.
    for name in ("elsewhere", "uncancelled"):
        other = record(name)
        assert GoneStreamFilter().filter(other) and other.exc_info is not None, name
        assert other.levelno == logging.ERROR
