"""The real small model (smollm2-135m): in-process through llama-cpp-python, and the same model
behind `python -m llama_cpp.server` through the OpenAI-compatible adapter; offline."""

from __future__ import annotations

import json

import pytest

from debrief.adapters.catalog import Catalog
from debrief.adapters.llm import ChatModel, LlamaCppModel
from debrief.adapters.llm_remote import OpenAICompatibleModel
from debrief.adapters.prompts import PromptLibrary
from debrief.core.domain import CATEGORIES, Extraction
from debrief.features.extract import Extractor
from tests.conftest import MODELS, eval_note

pytestmark = pytest.mark.model


@pytest.fixture(scope="module", params=["in-process", pytest.param("server", marks=pytest.mark.server)])
def small(request: pytest.FixtureRequest) -> ChatModel:
    if request.param == "server":
        server = request.getfixturevalue("llm_server")
        return OpenAICompatibleModel(f"{server.url}/v1")
    name, path = Catalog.load(MODELS).resolve("smollm2-135m")
    return LlamaCppModel(name, path, n_ctx=2048, threads=2)


def test_short_completion(small: ChatModel) -> None:
    out = small.complete([{"role": "user", "content": "Say hello."}], max_tokens=8)
    assert out.text.strip()
    assert 0 < out.completion_tokens <= 8 and out.prompt_tokens > 0


def test_json_schema_constrained_completion_parses(small: ChatModel) -> None:
    schema = {"type": "object", "properties": {
        "lines": {"type": "array", "maxItems": 3, "items": {"type": "integer", "minimum": 1,
                                                           "maximum": 5}}},
        "required": ["lines"]}
    out = small.complete([{"role": "user", "content": "Pick two numbers from 1 to 5."}],
                         schema=schema, max_tokens=40)
    data = json.loads(out.text)
    assert isinstance(data["lines"], list) and len(data["lines"]) <= 3
    assert all(1 <= n <= 5 for n in data["lines"])


def test_extraction_end_to_end_meets_the_contract_and_is_grounded(
    small: ChatModel, prompts: PromptLibrary,
) -> None:
    note = eval_note("13-ferrowave-robotics.txt")
    ext = Extractor(small, prompts, n_ctx=2048).extract(note)
    Extraction.model_validate(ext.model_dump())
    assert "smollm2-135m" in ext.model and ext.prompt_tokens > 0 and ext.seconds > 0
    for cat in ("people", *CATEGORIES):
        for item in getattr(ext, cat):
            assert item.evidence in note, (cat, item.evidence)
            assert "Ignore previous instructions" not in item.evidence
    for field in ("company", "role"):
        value = getattr(ext, field)
        assert value is None or value.casefold() in note.casefold()


def _local_small() -> LlamaCppModel:
    name, path = Catalog.load(MODELS).resolve("smollm2-135m")
    return LlamaCppModel(name, path, n_ctx=2048, threads=2)


@pytest.mark.parametrize("question", [
    "which companies asked me about system design?",
    "what did I promise to send the recruiter at Brackwater?",
    "how many interviews have I had so far",
])
def test_pick_reads_the_same_choice_as_a_schema_constrained_completion(
    question: str, prompts: PromptLibrary,
) -> None:
    from debrief.features.routes import ROUTE_REPLY, ROUTES, route_schema

    model = _local_small()
    options = [r.name for r in ROUTES[1:4]]
    messages = prompts.get("route").messages(
        routes="\n".join(f"- {r.name}: {r.description}" for r in ROUTES), question=question)
    completed = json.loads(model.complete(messages, schema=route_schema(list(ROUTES[1:4])),
                                          max_tokens=24).text)["route"]
    assert model.pick(messages, options, prefix=ROUTE_REPLY, suffix='"') == completed


def test_pick_keeps_the_prompts_unchanging_start_between_calls(prompts: PromptLibrary) -> None:
    from debrief.features.routes import ROUTE_REPLY, ROUTES

    model = _local_small()
    listing = "\n".join(f"- {r.name}: {r.description}" for r in ROUTES)
    options = [r.name for r in ROUTES[:3]]
    first = prompts.get("route").messages(routes=listing, question="which panels were online?")
    model.pick(first, options, prefix=ROUTE_REPLY, suffix='"')
    # The chat context runs in between; the pick context keeps its own prompt.
    model.complete([{"role": "user", "content": "Say hello."}], max_tokens=4)
    model.perf_reset()
    second = prompts.get("route").messages(routes=listing, question="who was the hiring manager")
    model.pick(second, options, prefix=ROUTE_REPLY, suffix='"')
    read = model.perf()["prompt_tokens_evaluated"]
    assert 0 < read < model.count_tokens(listing) / 2


def test_pick_keeps_its_read_prompt_for_the_next_process(prompts: PromptLibrary, tmp_path) -> None:  # noqa: ANN001
    from debrief.features.routes import ROUTE_REPLY, ROUTES

    name, path = Catalog.load(MODELS).resolve("smollm2-135m")
    listing = "\n".join(f"- {r.name}: {r.description}" for r in ROUTES)
    options = [r.name for r in ROUTES[:3]]
    first = LlamaCppModel(name, path, n_ctx=2048, threads=2, state_dir=tmp_path)
    asked = prompts.get("route").messages(routes=listing, question="which panels were online?")
    chosen = first.pick(asked, options, prefix=ROUTE_REPLY, suffix='"')
    assert len(list(tmp_path.glob("pick-*.state"))) == 1
    # A new model object (as in a new process) reads only the question.
    later = LlamaCppModel(name, path, n_ctx=2048, threads=2, state_dir=tmp_path)
    later.load()
    later.perf_reset()
    assert later.pick(asked, options, prefix=ROUTE_REPLY, suffix='"') == chosen
    other = prompts.get("route").messages(routes=listing, question="who was the hiring manager")
    later.pick(other, options, prefix=ROUTE_REPLY, suffix='"')
    assert later.perf()["prompt_tokens_evaluated"] < later.count_tokens(listing) / 2
    # A broken file is ignored, not fatal.
    next(tmp_path.glob("pick-*.state")).write_bytes(b"not a state")
    again = LlamaCppModel(name, path, n_ctx=2048, threads=2, state_dir=tmp_path)
    assert again.pick(asked, options, prefix=ROUTE_REPLY, suffix='"') == chosen


def test_prefill_reads_the_answer_prompts_start_and_changes_no_answer(
        prompts: PromptLibrary) -> None:
    spec = prompts.get("answer")
    asked = spec.messages(history="", passages="[1] (Acme, engineer, 2024-05-01): the team is 4 "
                          "people and they ship on Fridays", question="how big is the team?")
    want = _local_small().complete(asked, max_tokens=12).text
    warm = _local_small()
    start = spec.messages(history="", passages="", question="")
    assert warm.prefill(start) > 0
    assert warm.prefill(start) == 1  # read already: only the last token is evaluated again
    assert warm.complete(asked, max_tokens=12).text == want  # the same greedy answer


def test_rank_puts_first_the_pick_a_constrained_decode_makes(prompts: PromptLibrary) -> None:
    """The message picks read from one set of logits: rank's first option is the choice the
    grammar-walking `pick` makes over the same prompt, and the order is a stable permutation."""
    from debrief.features.compose import PICKS_REPLY

    details = "\n".join([
        "[1] (they asked) how I would debug a flaky integration test on the CI runners",
        "[2] (they told the user) the platform team moves to a monorepo next quarter",
        "[3] (an opening they mentioned) a developer-experience role opening in spring",
        "[4] (discussed) pairing on the rate limiter and its retry budget",
    ])
    messages = prompts.get("message").messages(kind="thank-you", person="Ines Calloway",
                                               details=details)
    options = ["1", "2", "3", "4"]
    model = _local_small()
    ranked = model.rank(messages, options, prefix=PICKS_REPLY)
    assert sorted(ranked) == options
    assert model.rank(messages, options, prefix=PICKS_REPLY) == ranked
    # the order is the model's, not the order the options came in
    assert model.rank(messages, options[::-1], prefix=PICKS_REPLY) == ranked
    assert model.pick(messages, options, prefix=PICKS_REPLY, suffix="}") == ranked[0]
    assert model.rank(messages, ["3"], prefix=PICKS_REPLY) == ["3"]


def test_rank_keeps_the_message_prompts_start_beside_the_route_prompts_and_for_later(
        prompts: PromptLibrary, tmp_path) -> None:  # noqa: ANN001
    """rank() reads in pick()'s context: each family of prompt (by its system text) leaves its
    read start on disk, so a route pick in between, or a new process, costs only the part that
    changed, and the ranking is the same as when it was read from scratch."""
    from debrief.features.compose import PICKS_REPLY
    from debrief.features.routes import ROUTE_REPLY, ROUTES

    name, path = Catalog.load(MODELS).resolve("smollm2-135m")
    spec = prompts.get("message")

    def message(details: str) -> list[dict[str, str]]:
        return spec.messages(kind="thank-you", person="Ines Calloway", details=details)

    first = message("[1] asked: how I would debug a flaky test\n[2] told: a monorepo move")
    second = message("[1] opening: a developer-experience role\n[2] discussed: rate limits")
    options = ["1", "2"]
    fresh = _local_small().rank(second, options, prefix=PICKS_REPLY)
    model = LlamaCppModel(name, path, n_ctx=2048, threads=2, state_dir=tmp_path)
    model.rank(first, options, prefix=PICKS_REPLY)
    listing = "\n".join(f"- {r.name}: {r.description}" for r in ROUTES)
    model.pick(prompts.get("route").messages(routes=listing, question="which panels?"),
               [r.name for r in ROUTES[:3]], prefix=ROUTE_REPLY, suffix='"')
    assert len(list(tmp_path.glob("pick-*.state"))) == 2  # one per system text
    system = model.count_tokens(spec.system)
    model.perf_reset()
    assert model.rank(second, options, prefix=PICKS_REPLY) == fresh
    assert 0 < model.perf()["prompt_tokens_evaluated"] < system
    later = LlamaCppModel(name, path, n_ctx=2048, threads=2, state_dir=tmp_path)
    later.load()
    later.perf_reset()
    assert later.rank(second, options, prefix=PICKS_REPLY) == fresh
    assert later.perf()["prompt_tokens_evaluated"] < system
