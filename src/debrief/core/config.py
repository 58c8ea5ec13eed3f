"""Settings: one typed class, read once from flags and DEBRIEF_* variables, passed down."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic.config import JsonDict
from pydantic_settings import BaseSettings, SettingsConfigDict

# How a message chooses its details: the chat model ranks them, or code takes them in order.
PickMode = Literal["order", "model"]

CHECKOUT = Path(__file__).resolve().parents[3]
# Fields whose values are credentials: the CLI says to prefer the variable (flags show in `ps`).
SECRET: JsonDict = {"secret": True}


class Settings(BaseSettings):
    """Everything configurable about Debrief; each field maps to DEBRIEF_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="DEBRIEF_", extra="ignore")

    data_dir: Path = Field(
        default=Path("~/.local/share/debrief").expanduser(),
        description="Where the Chroma store, drafts, settings and backups live.",
    )
    model: str = Field(
        default="qwen2.5-coder-1.5b",
        description="Catalog name or path of a .gguf chat model (tests: fake:MODULE:ATTR, "
        "a scripted stand-in imported from MODULE).",
    )
    models_dir: Path = Field(
        default=CHECKOUT / "models", description="Where model files and the catalog are kept."
    )
    prompts_dir: Path = Field(
        default=CHECKOUT / "prompts", description="Where prompt YAML files are read."
    )
    embedding_model: str = Field(
        default="all-minilm-l6-v2",
        description="Catalog name of the local embedding model (tests: fake:MODULE:ATTR).",
    )
    host: str = Field(default="127.0.0.1", description="Web server address.")
    port: int = Field(default=7860, description="Web server port.")
    threads: int = Field(
        default=os.cpu_count() or 2, description="llama.cpp threads (defaults to the core count)."
    )
    n_ctx: int = Field(default=4096, description="llama.cpp context size in tokens.")
    warm_up: bool = Field(
        default=True,
        description="Web app: read the notes and load the chat model in the background at "
                    "start, so the first question does not wait for them.",
    )
    auth: str | None = Field(
        default=None, json_schema_extra=SECRET,
        description="user:password (or a path to a file holding it) for the web app.",
    )
    chroma_url: str | None = Field(
        default=None, description="Chroma server URL (http://host:port); unset: the embedded store."
    )
    chroma_token: str | None = Field(
        default=None, json_schema_extra=SECRET,
        description="Token sent to the Chroma server (Authorization: Bearer).",
    )
    tenant: str = Field(
        default="default",
        description="Chroma tenant of this user on a shared server (3+ characters); it holds "
        "one database, 'debrief'. Both are created on first use.",
    )
    chroma_timeout: float = Field(
        default=60.0, description="Seconds to wait for the Chroma server before a StorageError."
    )
    llm_url: str | None = Field(
        default=None,
        description="OpenAI-compatible server URL (http://host:port/v1); unset: in-process llama.cpp.",
    )
    llm_api_key: str | None = Field(
        default=None, json_schema_extra=SECRET, description="API key for the LLM server."
    )
    llm_model: str | None = Field(
        default=None, description="Model name on the LLM server (default: the first it lists)."
    )
    llm_timeout: float = Field(
        default=300.0, description="Seconds to wait for one LLM server reply before a ModelError."
    )
    user_name: str | None = Field(default=None, description="Your name, used to sign messages.")
    signature: str | None = Field(default=None, description="Your signature for messages.")
    message_picks: PickMode = Field(
        default="model",
        description="Which details a message mentions: 'model' lets the chat model rank them "
        "(read from its next-token logits, 1-8 s on 2 cores); 'order' takes the first ones of "
        "code's ordered list that fit (no model call, ~0.1 s; the model's own generated picks "
        "were those in 37 of 38 measured cases).",
    )
    extract_timeout: float = Field(
        default=600.0, description="Seconds before a background extraction is marked failed."
    )

    @field_validator("data_dir", "models_dir", "prompts_dir", mode="after")
    @classmethod
    def _expand_home(cls, value: Path) -> Path:
        """`~` in a flag or variable means the home folder, as in a shell."""
        return value.expanduser()

    @property
    def chroma_dir(self) -> Path:
        """Folder of the embedded Chroma store."""
        return self.data_dir / "chroma"

    @property
    def personal_dir(self) -> Path:
        """Folder of the personal classifier learned from corrections (one per tenant on a
        shared Chroma server, so each user's model stays with their own data)."""
        base = self.data_dir / "personal"
        return base / self.tenant if self.chroma_url else base

    @property
    def backups_dir(self) -> Path:
        """Folder of dated JSON backups."""
        return self.data_dir / "backups"
