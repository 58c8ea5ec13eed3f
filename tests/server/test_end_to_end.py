"""The same flow, add → extract → ask → thank-you, on the local stack and on the two servers."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from debrief.adapters.catalog import Catalog
from debrief.adapters.embeddings import Embedder
from debrief.adapters.llm import LlamaCppModel
from debrief.adapters.llm_remote import OpenAICompatibleModel
from debrief.adapters.prompts import PromptLibrary
from debrief.core.config import Settings
from debrief.core.domain import Person
from debrief.features.extract import Extractor
from debrief.wiring import build_service
from tests.conftest import MODELS, eval_note
from tests.servers import Server

pytestmark = [pytest.mark.server, pytest.mark.model]

NOTE = eval_note("12-larkspur-analytics.txt")


@pytest.fixture(params=["local", "servers"])
def settings_for(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for one stack: embedded Chroma + in-process model, or both servers."""
    common = {"data_dir": tmp_path / "data", "user_name": "Sam Rivera", "n_ctx": 4096}
    if request.param == "local":
        return Settings(model="smollm2-135m", threads=2, **common)
    chroma: Server = request.getfixturevalue("chroma_server")
    llm: Server = request.getfixturevalue("llm_server")
    return Settings(chroma_url=chroma.url, tenant=f"e2e-{uuid.uuid4().hex[:8]}",
                    llm_url=f"{llm.url}/v1", **common)


def test_add_extract_ask_thank_you(settings_for: Settings) -> None:
    svc = build_service(settings_for)
    try:
        d = svc.add(NOTE, company="Larkspur Analytics",
                    people=[Person(name="Aiko Tanabe", title="Senior SRE")])
        done = svc.run_extraction(d.id)
        assert done.extraction_status == "done", done.extraction_error
        ext = svc.get(d.id).extraction
        assert ext is not None and "smollm2-135m" in ext.model
        items = [i for cat in ("insider_info", "questions_asked", "follow_ups", "practice_points")
                 for i in getattr(ext, cat)]
        assert items and all(i.evidence in NOTE for i in items)
        answer = svc.ask("How many alerts do they have?")
        assert answer.answer.strip()
        assert all(c.quote in NOTE and c.debrief_id == d.id for c in answer.citations)
        thanks = svc.compose(d.id, "thank-you", to="Aiko Tanabe")
        assert "Aiko" in thanks.message and "Sam Rivera" in thanks.message
        assert svc.get(d.id).messages[-1].message == thanks.message
    finally:
        svc.close()
    # Where the notes went: the embedded store under the data dir, or nothing local at all.
    assert settings_for.chroma_dir.exists() == (settings_for.chroma_url is None)


def test_the_server_gives_the_same_tokens_and_extraction_as_in_process(
    llm_server: Server, prompts: PromptLibrary, embedder: Embedder,
) -> None:
    name, path = Catalog.load(MODELS).resolve("smollm2-135m")
    local = LlamaCppModel(name, path, n_ctx=4096, threads=2)
    remote = OpenAICompatibleModel(f"{llm_server.url}/v1")
    for text in ("hello world", "[3] She asked: how would you shard the events table?\n", NOTE):
        assert remote.count_tokens(text) == local.count_tokens(text) > 0
    note = eval_note("13-ferrowave-robotics.txt")
    # Greedy decoding, the same weights, threads and sampling settings: the same extraction.
    got = [Extractor(m, prompts, n_ctx=4096, embedder=embedder).extract(note)
           for m in (local, remote)]
    fields = ("company", "role", "stage", "people", "insider_info", "questions_asked",
              "follow_ups", "practice_points", "prompt_tokens", "completion_tokens")
    in_process, served = (g.model_dump(include=set(fields)) for g in got)
    assert in_process == served
    assert got[0].company and got[1].model.endswith("smollm2-135m-instruct-q4_1.gguf")
