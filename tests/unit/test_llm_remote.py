"""The OpenAI-compatible adapter against scripted HTTP replies (no sockets): formats, errors, streams."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from debrief.adapters.llm_remote import OpenAICompatibleModel
from debrief.core.config import Settings
from debrief.core.errors import ModelError
from debrief.wiring import build_model

URL = "http://llm.test:8080/v1"
SCHEMA = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}
SAY = [{"role": "user", "content": "hi"}]
Handler = Callable[[httpx.Request], httpx.Response]


def chat(text: str, **extra: object) -> httpx.Response:
    return httpx.Response(200, json={"choices": [{"message": {"role": "assistant", "content": text}}],
                                     "usage": {"prompt_tokens": 7, "completion_tokens": 3}, **extra})


def models(*ids: str) -> httpx.Response:
    return httpx.Response(200, json={"object": "list", "data": [{"id": i} for i in ids]})


class Server:
    """Routes requests to handlers by path and records every request."""

    def __init__(self, routes: dict[str, Handler]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        handler = self.routes.get(request.url.path)
        return handler(request) if handler else httpx.Response(404, json={"detail": "Not Found"})

    def bodies(self, path: str) -> list[dict]:
        return [json.loads(r.content) for r in self.requests if r.url.path == path]

    def model(self, **kwargs: object) -> OpenAICompatibleModel:
        return OpenAICompatibleModel(URL, transport=httpx.MockTransport(self), **kwargs)  # type: ignore[arg-type]


def llama_cpp_python_chat(request: httpx.Request) -> httpx.Response:
    """Like llama_cpp.server 0.3.36: only "text" or "json_object" response formats."""
    fmt = json.loads(request.content).get("response_format")
    if fmt and fmt["type"] not in ("text", "json_object"):
        return httpx.Response(500, json={"error": {"message": "1 validation error:\n {'type': "
                              "'literal_error', 'loc': ('body', 'response_format', 'type')}",
                                                   "type": "internal_server_error"}})
    return chat('{"n": 3}')


def test_schema_goes_out_as_json_schema_and_falls_back_once_for_llama_cpp_python() -> None:
    server = Server({"/v1/models": lambda r: models("smollm2.gguf"),
                     "/v1/chat/completions": llama_cpp_python_chat})
    model = server.model()
    assert model.complete(SAY, schema=SCHEMA, max_tokens=9).text == '{"n": 3}'
    assert model.complete(SAY, schema=SCHEMA).text == '{"n": 3}'
    sent = server.bodies("/v1/chat/completions")
    assert [b["response_format"]["type"] for b in sent] == ["json_schema", "json_object",
                                                            "json_object"]
    assert sent[0]["response_format"]["json_schema"]["schema"] == SCHEMA
    assert sent[1]["response_format"]["schema"] == SCHEMA
    assert all(b["temperature"] == 0.0 and b["model"] == "smollm2.gguf" for b in sent)
    assert sent[0]["max_tokens"] == 9
    assert [r.method for r in server.requests if r.url.path == "/v1/models"] == ["GET"]  # asked once


def test_a_standard_server_keeps_json_schema_and_the_configured_model_and_key() -> None:
    server = Server({"/v1/chat/completions": lambda r: chat('{"n": 1}')})
    model = server.model(model="qwen", api_key="s3cret")
    out = model.complete(SAY, schema=SCHEMA)
    assert (out.text, out.prompt_tokens, out.completion_tokens) == ('{"n": 1}', 7, 3)
    assert model.complete(SAY).text == '{"n": 1}'
    sent = server.bodies("/v1/chat/completions")
    assert sent[0]["response_format"]["type"] == "json_schema" and "response_format" not in sent[1]
    assert {r.headers["authorization"] for r in server.requests} == {"Bearer s3cret"}
    assert all(r.url.path != "/v1/models" for r in server.requests)  # the name was given
    assert model.name == "qwen"


def openai_like(request: httpx.Request) -> httpx.Response:
    """A strict server: refuses llama.cpp's own sampling parameters."""
    if "repeat_penalty" in json.loads(request.content):
        return httpx.Response(400, json={"error": {
            "message": "Unrecognized request argument supplied: repeat_penalty"}})
    if json.loads(request.content).get("stream"):
        return sse(delta("fine"), "data: [DONE]")(request)
    return chat("fine")


def test_repeat_penalty_matches_in_process_and_is_dropped_where_refused() -> None:
    lenient = Server({"/v1/chat/completions": lambda r: chat("ok")})
    lenient.model(model="m").complete(SAY)
    assert lenient.bodies("/v1/chat/completions")[0]["repeat_penalty"] == 1.0
    strict = Server({"/v1/chat/completions": openai_like})
    model = strict.model(model="m")
    assert list(model.stream(SAY)) == ["fine"] and model.complete(SAY).text == "fine"
    assert ["repeat_penalty" in b for b in strict.bodies("/v1/chat/completions")] == [
        True, False, False]


def test_name_is_the_servers_model_and_never_raises() -> None:
    assert Server({"/v1/models": lambda r: models("a", "b")}).model().name == "a"
    assert Server({"/v1/models": lambda r: models()}).model().name == URL
    with pytest.raises(ModelError, match="lists no model; set DEBRIEF_LLM_MODEL"):
        Server({"/v1/models": lambda r: models()}).model().load()


def raises(exc: Exception) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc
    return handler


@pytest.mark.parametrize("handler,message", [
    (raises(httpx.ConnectError("refused")), "cannot be reached (is it running? check DEBRIEF_LLM_URL)"),
    (raises(httpx.ReadTimeout("slow")), "did not answer within 300s (DEBRIEF_LLM_TIMEOUT)"),
    (raises(httpx.RemoteProtocolError("Server disconnected")), "went away mid-request"),
    (lambda r: httpx.Response(401, json={"detail": "Invalid API key"}), "DEBRIEF_LLM_API_KEY"),
    (lambda r: httpx.Response(503, json={"error": {"message": "loading\nmodel"}}),
     "answered 503: loading model"),
    (lambda r: httpx.Response(200, text="<html>proxy page</html>"), "not JSON"),
    (lambda r: httpx.Response(200, json={"choices": []}), "without a message"),
])
def test_server_failures_are_one_line_model_errors(handler: Handler, message: str) -> None:
    model = Server({"/v1/chat/completions": handler}).model(model="m")
    with pytest.raises(ModelError) as err:
        model.complete(SAY, schema=SCHEMA)
    text = str(err.value)
    assert message in text and URL in text and "\n" not in text


def sse(*events: str) -> Handler:
    body = "".join(f"{e}\n\n" for e in events)
    return lambda r: httpx.Response(200, text=body, headers={"content-type": "text/event-stream"})


def delta(content: str | None = None, role: str | None = None) -> str:
    d = {k: v for k, v in (("content", content), ("role", role)) if v is not None}
    return "data: " + json.dumps({"choices": [{"index": 0, "delta": d}]})


def test_stream_yields_the_pieces_and_records_stats() -> None:
    server = Server({"/v1/chat/completions": sse(
        delta(role="assistant"), ": ping - 2026-11-26", delta("Hel"), delta("lo"), delta(""),
        "data: [DONE]", delta("never"))})
    model = server.model(model="m")
    assert list(model.stream(SAY, max_tokens=5)) == ["Hel", "lo"]
    body = server.bodies("/v1/chat/completions")[0]
    assert body["stream"] is True and body["max_tokens"] == 5 and body["temperature"] == 0.0
    assert model.last_stream_stats is not None and model.last_stream_stats.completion_tokens == 2


def test_stream_with_a_schema_falls_back_like_complete() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if json.loads(request.content)["response_format"]["type"] != "json_object":
            return llama_cpp_python_chat(request)
        return sse(delta('{"n":'), delta(" 2}"), "data: [DONE]")(request)

    server = Server({"/v1/chat/completions": handler})
    model = server.model(model="m")
    assert "".join(model.stream(SAY, schema=SCHEMA)) == '{"n": 2}'
    assert "".join(model.stream(SAY, schema=SCHEMA)) == '{"n": 2}'
    sent = server.bodies("/v1/chat/completions")
    assert [b["response_format"]["type"] for b in sent] == ["json_schema", "json_object",
                                                            "json_object"]
    assert all(b["stream"] and b["response_format"].get("schema", SCHEMA) == SCHEMA for b in sent)


def test_stream_errors_are_model_errors() -> None:
    broken = Server({"/v1/chat/completions": sse(delta("a"), 'data: {"error": {"message": "oom"}}')})
    with pytest.raises(ModelError, match="failed mid-answer: .*oom"):
        list(broken.model(model="m").stream(SAY))
    refused = Server({"/v1/chat/completions": lambda r: httpx.Response(401)})
    with pytest.raises(ModelError, match="DEBRIEF_LLM_API_KEY"):
        list(refused.model(model="m").stream(SAY))
    gone = Server({"/v1/chat/completions": raises(httpx.ReadError("reset"))})
    with pytest.raises(ModelError, match="went away mid-request"):
        list(gone.model(model="m").stream(SAY))


def test_count_tokens_uses_the_servers_tokenizer_then_an_estimate() -> None:
    llama_cpp_python = Server({"/extras/tokenize/count": lambda r: httpx.Response(
        200, json={"count": len(json.loads(r.content)["input"].split())})})
    model = llama_cpp_python.model(model="m")
    assert model.count_tokens("one two three") == 3
    assert model.count_tokens("one two three") == 3
    assert len(llama_cpp_python.requests) == 1  # cached
    llama_server = Server({"/tokenize": lambda r: httpx.Response(
        200, json={"tokens": list(range(len(json.loads(r.content)["content"])))})})
    model = llama_server.model(model="m")
    assert model.count_tokens("abcd") == 4 and model.count_tokens("abcdef") == 6
    assert [r.url.path for r in llama_server.requests] == ["/extras/tokenize/count", "/tokenize",
                                                           "/tokenize"]
    plain = Server({})
    model = plain.model(model="m")
    assert model.count_tokens("x" * 30) == 10 and model.count_tokens("") == 0
    assert model.count_tokens("y" * 31) == 11 and len(plain.requests) == 2  # probed once each


def test_perf_counts_server_timings_when_sent() -> None:
    timings = {"prompt_n": 40, "prompt_ms": 200.0, "predicted_n": 5, "predicted_ms": 50.0}
    server = Server({"/v1/chat/completions": lambda r: chat("ok", timings=timings),
                     "/v1/completions": lambda r: httpx.Response(200, json={
                         "choices": [{"text": "raw"}], "usage": {"prompt_tokens": 2,
                                                                 "completion_tokens": 1}})})
    model = server.model(model="m")
    model.complete(SAY)
    model.complete(SAY)
    perf = model.perf()
    assert (perf["prompt_tokens_evaluated"], perf["prompt_ms"], perf["generated_tokens"],
            perf["generation_ms"], perf["requests"]) == (80, 400.0, 10, 100.0, 2)
    model.perf_reset()
    assert model.perf()["requests"] == 0
    raw = model.raw_timings("Once upon", 1)
    assert (raw.text, raw.prompt_tokens, raw.completion_tokens) == ("raw", 2, 1)


def test_settings_choose_the_server_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBRIEF_LLM_URL", URL + "/")
    monkeypatch.setenv("DEBRIEF_LLM_MODEL", "served-name")
    monkeypatch.setenv("DEBRIEF_LLM_API_KEY", "k")
    monkeypatch.setenv("DEBRIEF_LLM_TIMEOUT", "12")
    model = build_model(Settings())
    assert isinstance(model, OpenAICompatibleModel)
    assert (model.base_url, model.root_url, model.name, model.timeout) == (
        URL, "http://llm.test:8080", "served-name", 12.0)
