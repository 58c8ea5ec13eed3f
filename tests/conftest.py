"""Shared fixtures: every test gets its own data dir; the network is off for unit tests."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from debrief.adapters.embeddings import Embedder
from debrief.adapters.prompts import PromptLibrary
from debrief.adapters.store import DebriefStore
from debrief.core.config import CHECKOUT, Settings
from debrief.features.extract import Extractor
from debrief.service import DebriefService
from tests import fakes, servers
from tests.fakes import FakeModel
from tests.servers import Server

# Parametrise a test that uses `store` (or `make_service`) with this to run it on both stores.
BOTH_STORES = pytest.mark.parametrize(
    "backend", ["embedded", pytest.param("server", marks=pytest.mark.server)], indirect=True)

DATA = Path(__file__).parent / "data"
EVAL = DATA / "eval"
MODELS = CHECKOUT / "models"
SMALL_MODEL = MODELS / "smollm2-135m-instruct-q4_1.gguf"
# Settings that make the app build the fakes in tests/fakes.py instead of loading model files.
FAKE_MODEL = "fake:tests.fakes:active_model"
FAKE_EMBEDDINGS = "fake:tests.fakes:HashingEmbedder"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the user's data: DEBRIEF_DATA_DIR points into tmp_path, and no other
    DEBRIEF_* variable of the user's shell (a server URL, a model) reaches a test."""
    for name in Settings.model_fields:
        monkeypatch.delenv(f"DEBRIEF_{name.upper()}", raising=False)
    monkeypatch.setenv("DEBRIEF_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Refuse any non-loopback connection made from this process."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") \
                and self.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"test tried to reach the network: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing at a temp data dir."""
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real local embedding model (provisioned by `make test`)."""
    return Embedder(MODELS / "embeddings" / "all-MiniLM-L6-v2")


@pytest.fixture
def app_model(monkeypatch: pytest.MonkeyPatch) -> FakeModel:
    """The scripted model the app itself builds from settings, with the hashing embedder.

    Sets DEBRIEF_MODEL and DEBRIEF_EMBEDDING_MODEL to the fakes, so the CLI (or the web app)
    runs end to end without any model file; script the returned model's replies or responder.
    """
    model = FakeModel()
    monkeypatch.setattr(fakes, "active_model", model)
    monkeypatch.setenv("DEBRIEF_MODEL", FAKE_MODEL)
    monkeypatch.setenv("DEBRIEF_EMBEDDING_MODEL", FAKE_EMBEDDINGS)
    # A `debrief` subprocess imports tests.fakes too (it gets an unscripted model).
    path = [str(CHECKOUT), *filter(None, [os.environ.get("PYTHONPATH")])]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(path))
    return model


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A `chroma run` server on loopback for the whole session (started on first use)."""
    folder = tmp_path_factory.mktemp("chroma-server")
    server = servers.chroma_server(folder / "db", folder / "chroma.log").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def llm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`python -m llama_cpp.server` with the small model for the whole session."""
    folder = tmp_path_factory.mktemp("llm-server")
    server = servers.llm_server(folder / "llm.log").start()
    yield server
    server.stop()


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Where `store` lives: "embedded" (default) or "server" (see BOTH_STORES)."""
    return str(getattr(request, "param", "embedded"))


@pytest.fixture
def store(settings: Settings, embedder: Embedder, backend: str,
          request: pytest.FixtureRequest) -> DebriefStore:
    """A real Chroma store: in tmp_path, or in a fresh tenant of the session's Chroma server."""
    if backend == "server":
        server: Server = request.getfixturevalue("chroma_server")
        return DebriefStore.on_server(embedder, server.url, tenant=f"test-{uuid.uuid4().hex[:12]}")
    return DebriefStore(embedder, path=settings.chroma_dir)


@pytest.fixture
def prompts() -> PromptLibrary:
    """The project's prompt files."""
    return PromptLibrary(CHECKOUT / "prompts")


@pytest.fixture
def make_service(
    store: DebriefStore, prompts: PromptLibrary
) -> Iterator[Callable[[FakeModel], DebriefService]]:
    """Build a service around a scripted fake model."""
    made: list[DebriefService] = []

    def build(model: FakeModel) -> DebriefService:
        svc = DebriefService(store, lambda: Extractor(model, prompts))
        made.append(svc)
        return svc

    yield build
    for svc in made:
        svc.close()


def eval_note(name: str) -> str:
    """One note of the dev set."""
    return (EVAL / "notes" / name).read_text(encoding="utf-8")
