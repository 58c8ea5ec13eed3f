"""The one place objects are assembled from Settings."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from debrief.adapters.catalog import Catalog
from debrief.adapters.embeddings import Embedder
from debrief.adapters.llm import ChatModel, LlamaCppModel
from debrief.adapters.prompts import PromptLibrary
from debrief.adapters.store import DebriefStore
from debrief.core.config import CHECKOUT, Settings
from debrief.core.errors import UserError
from debrief.features.ask import Asker
from debrief.features.compose import Composer
from debrief.features.extract import Extractor
from debrief.features.personal import PersonalLearner
from debrief.service import DebriefService

FAKE = "fake:"


def load_fake(spec: str) -> Any:
    """The object a `fake:MODULE:ATTR` setting names: ATTR itself, or ATTR() for a class or factory.

    Tests use it to run the whole app with a scripted model or a hashing embedder (no model file).
    """
    module_name, _, attr = spec.removeprefix(FAKE).partition(":")
    if not module_name or not attr:
        raise UserError(f"'{spec}' is not of the form fake:MODULE:ATTR")
    try:
        obj = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise UserError(f"cannot load '{spec}' ({exc}): fakes are for tests run from the "
                        "checkout") from exc
    return obj() if inspect.isclass(obj) or inspect.isfunction(obj) else obj


def build_catalog(settings: Settings) -> Catalog:
    """The model catalog under settings.models_dir."""
    return Catalog.load(settings.models_dir)


def build_embedder(settings: Settings) -> Embedder:
    """The local embedding model (or the fake a `fake:` setting names)."""
    if settings.embedding_model.startswith(FAKE):
        fake: Embedder = load_fake(settings.embedding_model)
        return fake
    catalog = build_catalog(settings)
    return Embedder(catalog.embedding_dir(settings.embedding_model))


def build_store(settings: Settings, embedder: Embedder | None = None) -> DebriefStore:
    """The Chroma store: on the server at settings.chroma_url, else embedded under the data dir."""
    embedder = embedder or build_embedder(settings)
    if settings.chroma_url:
        return DebriefStore.on_server(embedder, settings.chroma_url, token=settings.chroma_token,
                                      tenant=settings.tenant, timeout=settings.chroma_timeout)
    return DebriefStore(embedder, path=settings.chroma_dir)


def build_model(settings: Settings) -> ChatModel:
    """The chat model: the server at settings.llm_url, else settings.model in-process (lazy)."""
    if settings.model.startswith(FAKE):
        fake: ChatModel = load_fake(settings.model)
        return fake
    if settings.llm_url:
        from debrief.adapters.llm_remote import OpenAICompatibleModel

        return OpenAICompatibleModel(settings.llm_url, api_key=settings.llm_api_key,
                                     model=settings.llm_model, timeout=settings.llm_timeout)
    name, path = build_catalog(settings).resolve(settings.model)
    return LlamaCppModel(name, path, n_ctx=settings.n_ctx, threads=settings.threads,
                         state_dir=settings.data_dir / "model-state")


def build_service(settings: Settings, model: ChatModel | None = None) -> DebriefService:
    """The service, with the model resolved lazily (saving never waits for it)."""
    store = build_store(settings)
    prompts = PromptLibrary(settings.prompts_dir)

    shared: dict[str, ChatModel] = {}

    def chat_model() -> ChatModel:
        # One model instance for every feature: one set of weights, one queue.
        if "model" not in shared:
            shared["model"] = model or build_model(settings)
        return shared["model"]

    learner = PersonalLearner(settings.personal_dir, store.embedder,
                              CHECKOUT / "data" / "corpus")

    def extractor() -> Extractor:
        return Extractor(chat_model(), prompts, n_ctx=settings.n_ctx, embedder=store.embedder,
                         classifier=learner.current)

    def asker() -> Asker:
        return Asker(store, chat_model(), prompts)

    def composer() -> Composer:
        return Composer(chat_model(), prompts, picks=settings.message_picks)

    return DebriefService(store, extractor, extract_timeout=settings.extract_timeout,
                          asker_factory=asker, composer_factory=composer,
                          profile_path=settings.data_dir / "profile.json",
                          user_name=settings.user_name, signature=settings.signature,
                          insights_dir=settings.data_dir, learner=learner)
