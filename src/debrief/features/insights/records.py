"""The insights records: what `build_insights` returns (stable JSON via model_dump(mode='json'))."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, Field

RoleStatus = Literal["new", "interested", "applied", "not for me"]
ROLE_STATUSES: tuple[RoleStatus, ...] = get_args(RoleStatus)


class Occurrence(BaseModel):
    """One extracted item where it was found: debrief, company, date and the note's words."""

    debrief_id: str
    company: str
    date: str
    stage: str
    text: str
    quote: str
    interviewer: str | None = None


class QuestionGroup(BaseModel):
    """A question (and its near-duplicates) asked in one or more interviews."""

    key: str = Field(description="Stable key; pass it in `practised` to mark the group done.")
    text: str = Field(description="The representative wording.")
    count: int
    interviews: int
    companies: list[str]
    practised: bool = False
    occurrences: list[Occurrence]
    practice_points: list[Occurrence] = Field(
        default_factory=list, description="The user's practice points related to this question.")


class ChartBar(BaseModel):
    """One bar of a bar chart."""

    key: str
    label: str = Field(description="The group's headline, at most 40 characters.")
    count: int
    text: str = Field(default="", description="The full headline (shown on hover).")


class ValueTheme(BaseModel):
    """What interviewers cared about, grouped into a theme."""

    key: str
    text: str
    count: int
    companies: list[str]
    interviewers: list[str]
    occurrences: list[Occurrence]


class Interview(BaseModel):
    """One debrief on the timeline."""

    debrief_id: str
    date: str
    company: str
    stage: str
    stage_rank: int = Field(description="Index in STAGES, for plotting.")
    role: str | None = None
    extracted: bool


class DossierFact(BaseModel):
    """An insider fact about a company, from one interview."""

    text: str
    quote: str
    debrief_id: str
    date: str
    stage: str


class Contact(BaseModel):
    """Someone met, with the messages sent and whether a follow-up is due."""

    name: str
    title: str | None = None
    company: str
    first_met: str
    last_met: str
    debrief_ids: list[str]
    thank_you_sent: bool
    connect_sent: bool
    days_since: int | None
    follow_up_due: bool


class CompanyDossier(BaseModel):
    """Everything learned about one company, in interview order."""

    company: str
    interviews: list[Interview]
    facts: list[DossierFact]
    people: list[Contact]


class FitRole(BaseModel):
    """Another opening that might fit better, with the status the user gave it."""

    key: str = Field(description="'{debrief_id}:{index}'; the key of `statuses`.")
    text: str
    company: str
    debrief_id: str
    date: str
    mentioned_by: str | None
    why: str | None
    quote: str
    status: RoleStatus


class PracticeItem(BaseModel):
    """One line of the practice checklist."""

    key: str
    kind: Literal["practice point", "question"]
    text: str
    count: int
    occurrences: list[Occurrence]


class Insights(BaseModel):
    """Aggregates across debriefs (stable JSON via model_dump(mode='json'))."""

    today: str
    company: str | None
    debriefs: int
    extracted: int = Field(description="Debriefs whose extraction is done (the rest count only "
                                       "on the timeline, dossier interviews and network).")
    grouped_by: Literal["embeddings", "exact text"]
    grouping_threshold: float
    theme_threshold: float
    related_threshold: float
    question_bank: list[QuestionGroup]
    question_chart: list[ChartBar]
    interviewer_values: list[ValueTheme]
    values_chart: list[ChartBar]
    company_dossier: list[CompanyDossier]
    better_fit_roles: list[FitRole]
    network: list[Contact]
    practice_plan: list[PracticeItem]
    timeline: list[Interview]
    question_threshold: float = Field(
        default=0.0, description="Question-bank rows score at least this (fit.question_score).")
    role_threshold: float = Field(
        default=0.0, description="Better-fit rows score at least this (fit.role_score).")
    held_back: dict[str, int] = Field(
        default_factory=dict, description="Rows left out of a section because they are not "
        "what its heading says: question_bank, better_fit_roles, network.")


def role_key(debrief_id: str, index: int) -> str:
    """The key of a better-fit role in `statuses`."""
    return f"{debrief_id}:{index}"


def check_role_status(value: str) -> RoleStatus:
    """A valid role status (case-insensitive), or ValueError; use it before persisting one."""
    v = " ".join(value.casefold().split())
    if v not in ROLE_STATUSES:
        raise ValueError(f"unknown status '{value}': use one of {', '.join(ROLE_STATUSES)}")
    return v
