"""A scripted responder for the extraction passes: answers each task by its category."""

from __future__ import annotations

from typing import Any

from debrief.adapters.prompts import PromptLibrary

EMPTY_HEADER = {"company": None, "role": None, "stage": "other", "people": []}


def responder(prompts: PromptLibrary, answers: dict[str, Any]):
    """Reply to each pass with answers[category] (header dict or line-number list)."""
    cats = prompts.get("extract").categories

    def respond(messages: list[dict[str, str]], schema: dict[str, Any] | None) -> Any:
        user = messages[-1]["content"].rstrip()
        for cat, definition in cats.items():
            if user.endswith(definition.strip()):
                value = answers.get(cat)
                if isinstance(value, Exception | str):
                    return value
                if cat == "header":
                    return value if value is not None else EMPTY_HEADER
                return {"lines": value or []}
        raise AssertionError(f"unexpected prompt: {user[-200:]}")

    return respond


def line_of(units: list[Any], needle: str) -> int:
    """Number of the first unit containing needle."""
    return next(u.number for u in units if needle in u.text)
