"""The records Debrief stores and returns (pydantic models, JSON-shaped as the contracts say)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, get_args

from pydantic import BaseModel, Field, model_validator

# 2: `corrections` (the user's fixes to the extraction); version-1 records are migrated on read.
SCHEMA_VERSION = 2

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

# The six kinds of extracted item, in display order, with the titles the UI shows. Each is a
# list field of Extraction below; "people" is extracted too but is not an item category.
CATEGORY_TITLES: dict[str, str] = {
    "insider_info": "Insider info",
    "interviewer_priorities": "What interviewers cared about",
    "better_fit_roles": "Better-fit roles",
    "questions_asked": "Questions asked",
    "follow_ups": "Follow-ups",
    "practice_points": "Practice points",
}
CATEGORIES: tuple[str, ...] = tuple(CATEGORY_TITLES)

ExtractionStatus = Literal["pending", "running", "done", "failed"]
MessageKind = Literal["thank-you", "connect", "follow-up"]
MESSAGE_KINDS: tuple[MessageKind, ...] = get_args(MessageKind)
Tone = Literal["warm", "formal", "brief"]
TONES: tuple[Tone, ...] = get_args(Tone)


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


CorrectionOp = Literal["remove", "move", "add", "headline", "add_person", "rename_person",
                       "remove_person"]
CORRECTION_OPS: tuple[CorrectionOp, ...] = get_args(CorrectionOp)


class Correction(BaseModel):
    """One fix the user made to the extraction, kept forever and applied after every
    re-extraction (see core/corrections.py). Items are named by their category and evidence,
    so a fix still applies when the items are extracted again."""

    op: CorrectionOp
    category: str | None = Field(default=None, description="The item's category (move: from).")
    to: str | None = Field(default=None, description="move: the category it belongs in.")
    evidence: str = Field(default="", description="The item's quote: the note's own words.")
    text: str | None = Field(default=None, description="The headline (add, move, headline).")
    person: str | None = Field(default=None, description="rename/remove: the name (or title) "
                               "of the person as extracted.")
    name: str | None = None
    title: str | None = None
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
    corrections: list[Correction] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        """Records of an older schema are read as the current one (version 1 had no
        corrections: an empty list)."""
        if isinstance(data, dict) and int(data.get("schema_version", SCHEMA_VERSION)) < 2:
            data = {**data, "schema_version": SCHEMA_VERSION,
                    "corrections": data.get("corrections") or []}
        return data


class Export(BaseModel):
    """The JSON export: every debrief, with the schema version."""

    schema_version: int = SCHEMA_VERSION
    debriefs: list[Debrief]

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        """An older export is read as the current schema (each debrief migrates itself)."""
        if isinstance(data, dict) and int(data.get("schema_version", SCHEMA_VERSION)) < 2:
            data = {**data, "schema_version": SCHEMA_VERSION}
        return data
