"""Prompts are data: one YAML file per task in prompts/, validated on load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from langchain_core.prompts import ChatPromptTemplate, PromptTemplate
from pydantic import BaseModel, ConfigDict, Field, model_validator

from debrief.core.errors import UserError


class PromptSpec(BaseModel):
    """One prompt file: a system message, a user template and their variables."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    system: str
    template: str
    variables: list[str]
    defaults: dict[str, Any] = Field(default_factory=dict)
    examples: list[dict[str, Any]] = Field(default_factory=list)
    categories: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _variables_match(self) -> PromptSpec:
        used = set(PromptTemplate.from_template(self.template).input_variables)
        used |= set(PromptTemplate.from_template(self.system).input_variables)
        if used != set(self.variables):
            raise ValueError(
                f"prompt {self.name}: template uses {sorted(used)}, declares {sorted(self.variables)}"
            )
        return self

    def chat(self) -> ChatPromptTemplate:
        """The LangChain chat prompt for this spec."""
        return ChatPromptTemplate.from_messages([("system", self.system), ("human", self.template)])

    def messages(self, **values: Any) -> list[dict[str, str]]:
        """Render to OpenAI-style messages; a missing variable raises."""
        missing = set(self.variables) - set(values)
        if missing:
            raise KeyError(f"prompt {self.name} needs {sorted(missing)}")
        rendered = self.chat().format_messages(**values)
        roles = {"system": "system", "human": "user", "ai": "assistant"}
        return [{"role": roles[m.type], "content": str(m.content)} for m in rendered]


class PromptLibrary:
    """Loads prompts/<name>.yaml once and caches the validated spec."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._cache: dict[str, PromptSpec] = {}

    def get(self, name: str) -> PromptSpec:
        """The validated prompt called name."""
        if name not in self._cache:
            path = self.folder / f"{name}.yaml"
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except FileNotFoundError as exc:
                raise UserError(f"prompt file missing: {path} (set DEBRIEF_PROMPTS_DIR)") from exc
            try:
                self._cache[name] = PromptSpec.model_validate(data)
            except ValueError as exc:
                raise UserError(f"invalid prompt file {path}: {exc}") from exc
        return self._cache[name]
