"""The records Debrief stores and returns (pydantic models, JSON-shaped as the contracts say)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

SCHEMA_VERSION = 1

STAGES: tuple[str, ...] = (
    "recruiter screen",
    "hiring manager",
    "technical screen",
    "second round",
    "portfolio review",
    "panel",
    "onsite loop",
    "final",
    "other",
)

ExtractionStatus = Literal["pending", "running", "done", "failed"]
MessageKind = Literal["thank-you", "connect", "follow-up"]


def now_iso() -> str:
    """Current UTC time as ISO-8601 with seconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Person(BaseModel):
    """Someone met in the interview."""

    name: str | None = None
    title: str | None = None


class EvidencedPerson(Person):
    """A person the model found, with the note's words that show it."""

    evidence: str


class Item(BaseModel):
    """One extracted fact with its verbatim evidence span from the note."""

    text: str
    evidence: str


class Priority(Item):
    """What an interviewer cared about."""

    interviewer: str | None = None


class Role(Item):
    """Another opening or team that might fit better."""

    why: str | None = None


class Extraction(BaseModel):
    """What the model pulled out of one note; every item is backed by evidence in the note."""

    company: str | None = None
    role: str | None = None
    date: str | None = None
    stage: str | None = None
    people: list[EvidencedPerson] = Field(default_factory=list)
    insider_info: list[Item] = Field(default_factory=list)
    interviewer_priorities: list[Priority] = Field(default_factory=list)
    better_fit_roles: list[Role] = Field(default_factory=list)
    questions_asked: list[Item] = Field(default_factory=list)
    follow_ups: list[Item] = Field(default_factory=list)
    practice_points: list[Item] = Field(default_factory=list)
    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    dropped_items: int = Field(default=0, description="Items removed by the evidence check.")


class Message(BaseModel):
    """A generated message saved with a debrief."""

    kind: MessageKind
    to: str | None = None
    message: str
    created_at: str = Field(default_factory=now_iso)


class Debrief(BaseModel):
    """A stored debrief: the user's note and what Debrief learned from it."""

    id: str
    schema_version: int = SCHEMA_VERSION
    company: str
    role: str | None = None
    date: str
    stage: str = "other"
    people: list[Person] = Field(default_factory=list)
    notes: str
    created_at: str = Field(default_factory=now_iso)
    updated_at: str = Field(default_factory=now_iso)
    extraction: Extraction | None = None
    extraction_status: ExtractionStatus = "pending"
    extraction_error: str | None = None
    messages: list[Message] = Field(default_factory=list)


class Export(BaseModel):
    """The JSON export: every debrief, with the schema version."""

    schema_version: int = SCHEMA_VERSION
    debriefs: list[Debrief]
