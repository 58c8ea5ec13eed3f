"""Servers that are missing, frozen or killed mid-request: clear errors, nothing saved is lost."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from debrief.adapters.llm import Completion
from debrief.adapters.llm_remote import OpenAICompatibleModel
from debrief.adapters.prompts import PromptLibrary
from debrief.adapters.store import DebriefStore
from debrief.core.config import Settings
from debrief.core.errors import ModelError, StorageError
from debrief.features.extract import Extractor
from debrief.service import DebriefService
from debrief.wiring import build_model, build_store
from tests import servers
from tests.conftest import eval_note
from tests.fakes import FakeModel
from tests.servers import Server

pytestmark = pytest.mark.server

NOTE = eval_note("13-ferrowave-robotics.txt")
SAY = [{"role": "user", "content": "Write a long story about a robot learning to paint."}]


def one_line(exc: BaseException) -> str:
    text = str(exc)
    assert text and "\n" not in text and len(text) < 300, text
    return text


@pytest.fixture
def own_chroma(tmp_path: Path) -> Iterator[Server]:
    """A Chroma server of this test only, so killing it harms no other test."""
    server = servers.chroma_server(tmp_path / "db", tmp_path / "chroma.log").start()
    yield server
    server.stop()


@pytest.fixture
def own_llm(tmp_path: Path) -> Iterator[Server]:
    """An LLM server of this test only."""
    server = servers.llm_server(tmp_path / "llm.log").start()
    yield server
    server.stop()


def test_unreachable_servers_are_one_line_errors(tmp_path: Path) -> None:
    nobody = f"http://127.0.0.1:{servers.free_port()}"
    settings = Settings(data_dir=tmp_path / "data", chroma_url=nobody, llm_url=f"{nobody}/v1")
    with pytest.raises(StorageError) as stored:
        build_store(settings)
    assert nobody in one_line(stored.value) and "cannot be reached" in str(stored.value)
    model = build_model(settings)
    assert model.name == f"{nobody}/v1"  # naming never fails, even with the server down
    with pytest.raises(ModelError) as called:
        model.complete(SAY, max_tokens=4)
    assert nobody in one_line(called.value) and "cannot be reached" in str(called.value)
    with pytest.raises(ModelError):
        model.count_tokens("hello")
    with pytest.raises(StorageError, match="http://host:port"):
        build_store(settings.model_copy(update={"chroma_url": "127.0.0.1:8000"}))


def test_chroma_server_frozen_then_killed_mid_request_keeps_every_saved_note(
    own_chroma: Server, embedder, monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = DebriefStore.on_server(embedder, own_chroma.url, tenant="crash-test", timeout=3)
    svc = DebriefService(store, lambda: Extractor(FakeModel(), PromptLibrary(Path("prompts"))))
    first = svc.add(NOTE, company="Ferrowave Robotics")
    svc.edit(first.id, notes=NOTE + "\nThey ship every Tuesday.")
    svc.add("Short note on Tidewell.", company="Tidewell")
    before = svc.export_json()

    own_chroma.signal(signal.SIGSTOP)  # a hung server: the timeout turns it into a clear error
    with pytest.raises(StorageError) as hung:
        svc.list()
    assert "did not answer within 3s" in one_line(hung.value)
    own_chroma.signal(signal.SIGCONT)

    # Killed while a save is in flight: the write is sent, the server dies before answering.
    real_upsert = store.debriefs.upsert

    def dies_mid_write(*args, **kwargs):
        own_chroma.signal(signal.SIGSTOP)  # frozen first, so the request is surely in flight
        threading.Timer(1.0, own_chroma.kill).start()
        return real_upsert(*args, **kwargs)

    monkeypatch.setattr(store.debriefs, "upsert", dies_mid_write)
    with pytest.raises(StorageError) as killed:
        svc.add("A note sent while the server dies.", company="Lost In Flight")
    monkeypatch.undo()
    assert own_chroma.url in one_line(killed.value) and "could not save" in str(killed.value)
    assert "went away mid-request" in str(killed.value) and "saved before is kept" in str(
        killed.value)
    with pytest.raises(StorageError) as down:  # refused, or a pooled connection found dead
        svc.get(first.id)
    assert own_chroma.url in one_line(down.value) and "start the server again" in str(down.value)

    own_chroma.restart()
    assert svc.export_json() == before  # the same client reconnects; every saved note is intact
    assert "ship every Tuesday" in svc.store.search("release cadence Tuesday", k=3)[0].text
    fresh = DebriefStore.on_server(embedder, own_chroma.url, tenant="crash-test")
    assert DebriefService(fresh, lambda: None).export_json() == before  # type: ignore[arg-type, return-value]
    again = svc.add("A note sent after the restart.", company="Saved")
    assert svc.get(again.id).company == "Saved" and store.count() == 3


def test_llm_server_frozen_or_killed_gives_model_errors_and_the_note_stays(
    own_llm: Server, store: DebriefStore, prompts: PromptLibrary,
) -> None:
    hung = OpenAICompatibleModel(f"{own_llm.url}/v1", timeout=2)
    assert "smollm2" in hung.name
    own_llm.signal(signal.SIGSTOP)
    with pytest.raises(ModelError) as timed_out:
        hung.complete(SAY, max_tokens=4)
    assert "did not answer within 2s" in one_line(timed_out.value)
    own_llm.signal(signal.SIGCONT)

    # A stream cut off after its first pieces.
    model = OpenAICompatibleModel(f"{own_llm.url}/v1")
    pieces = model.stream(SAY, max_tokens=400)
    assert next(pieces)
    own_llm.signal(signal.SIGSTOP)
    threading.Timer(0.5, own_llm.kill).start()
    with pytest.raises(ModelError) as cut:
        for _ in pieces:
            pass
    assert "went away mid-request" in one_line(cut.value)
    own_llm.restart()

    # Killed during an extraction: the extraction fails with that message, the note stays.
    real_complete = model.complete

    def dies_mid_request(*args, **kwargs) -> Completion:
        own_llm.signal(signal.SIGSTOP)  # frozen first, so the request is surely in flight
        threading.Timer(1.0, own_llm.kill).start()
        return real_complete(*args, **kwargs)

    model.complete = dies_mid_request  # type: ignore[method-assign]
    svc = DebriefService(store, lambda: Extractor(model, prompts))
    d = svc.add(NOTE, company="Ferrowave Robotics")
    after = svc.extract_in_background(d.id).result(timeout=120)
    assert after.extraction_status == "failed"
    assert "LLM server" in one_line(ModelError(after.extraction_error or ""))
    assert "went away mid-request" in (after.extraction_error or "")
    assert svc.get(d.id).notes == NOTE and svc.get(d.id).extraction_status == "failed"

    model.complete = real_complete  # type: ignore[method-assign]
    own_llm.restart()  # same port: the same model object works again, and Retry succeeds
    retried = svc.run_extraction(d.id)
    assert retried.extraction_status == "done", retried.extraction_error
    svc.close()
