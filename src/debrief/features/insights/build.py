"""build_insights: the insights views from stored debriefs."""

from __future__ import annotations

import datetime as dt

from debrief.core.domain import Debrief
from debrief.core.people import writer_names
from debrief.core.text import normalise
from debrief.features.insights.fit import QUESTION_THRESHOLD, ROLE_THRESHOLD, question_score
from debrief.features.insights.grouping import (
    GROUPING_THRESHOLD,
    RELATED_THRESHOLD,
    THEME_THRESHOLD,
    Entry,
    Space,
    TextEmbedder,
    attach_practice,
    group_entries,
    item_key,
    occ_order,
    sorted_unique,
)
from debrief.features.insights.records import Insights, QuestionGroup, ValueTheme
from debrief.features.insights.sections import (
    MAX_PLAN_ITEMS,
    Source,
    chart,
    dossier_section,
    held_people,
    neg_date,
    network_section,
    people_met,
    plan_section,
    roles_section,
    speaker,
    timeline_section,
    unnamed_met,
)


def build_insights(
    debriefs: list[Debrief],
    embedder: TextEmbedder | None,
    *,
    today: dt.date,
    company: str | None = None,
    follow_up_days: int = 7,
    grouping_threshold: float = GROUPING_THRESHOLD,
    theme_threshold: float = THEME_THRESHOLD,
    related_threshold: float = RELATED_THRESHOLD,
    statuses: dict[str, str] | None = None,
    practised: set[str] | None = None,
    max_plan_items: int = MAX_PLAN_ITEMS,
    user_names: set[str] | None = None,
    question_threshold: float = QUESTION_THRESHOLD,
    role_threshold: float = ROLE_THRESHOLD,
) -> Insights:
    """Aggregate debriefs into the insights views.

    Only extractions with status "done" are read (an edited note's old extraction is stale).
    `company` keeps debriefs whose company contains it (case-insensitive, as `list` does).
    `statuses` maps role keys ('{debrief_id}:{index}') to a status; `practised` holds question
    ('q-') or practice ('p-') keys already practised. Without an embedder, groups are exact text.
    `user_names` (the user's profile name) never appear in the network; nor does a name a note
    gives its writer. Rows that are not what their section's heading says are held back.
    """
    statuses, practised = statuses or {}, practised or set()
    sources, held_network = _sources(debriefs, company, user_names or set())
    questions, values, practice, held_questions = _entries(sources, question_threshold)
    space = Space(embedder)
    space.fill([*questions, *values, *practice])
    bank = _question_bank(questions, practice, space, practised, grouping_threshold,
                          related_threshold)
    themes = _value_themes(values, space, theme_threshold)
    timeline = timeline_section(sources)
    network = network_section(sources, today, follow_up_days)
    roles, held_roles = roles_section(sources, statuses, role_threshold)
    return Insights(
        today=today.isoformat(), company=(company or "").strip() or None, debriefs=len(sources),
        extracted=sum(s.ext is not None for s in sources),
        grouped_by="embeddings" if embedder is not None else "exact text",
        grouping_threshold=grouping_threshold, theme_threshold=theme_threshold,
        related_threshold=related_threshold,
        question_bank=bank, question_chart=chart(bank),
        interviewer_values=themes, values_chart=chart(themes),
        company_dossier=dossier_section(sources, timeline, network),
        better_fit_roles=roles,
        network=network,
        practice_plan=plan_section(bank, group_entries(practice, space, grouping_threshold),
                                   practised, max_plan_items),
        timeline=timeline,
        question_threshold=question_threshold, role_threshold=role_threshold,
        held_back={"question_bank": held_questions, "better_fit_roles": held_roles,
                   "network": held_network},
    )


def _sources(debriefs: list[Debrief], company: str | None,
             user_names: set[str]) -> tuple[list[Source], int]:
    """The debriefs of the company asked for (all without one), with done extractions only;
    and how many people were left out as not a person or the user."""
    chosen = debriefs
    if company and company.strip():
        c = company.strip().casefold()
        chosen = [d for d in debriefs if c in d.company.casefold()]
    sources, held = [], 0
    for d in chosen:
        ext = d.extraction if d.extraction_status == "done" else None
        users = user_names | writer_names(d.notes)
        named = people_met(d, ext, users)
        sources.append(Source(d, ext, named, unnamed_met(d, ext, named)))
        held += held_people(d, ext, users)
    return sources, held


def _entries(sources: list[Source], threshold: float = QUESTION_THRESHOLD,
             ) -> tuple[list[Entry], list[Entry], list[Entry], int]:
    """The questions, interviewer values and practice points to group, in source order; and
    how many questions were held back as not a question or task."""
    questions, values, practice, held = [], [], [], 0
    for s in sources:
        if not s.ext:
            continue
        for i in s.ext.questions_asked:
            if question_score(i.text, i.evidence) < threshold:
                held += 1
                continue
            questions.append(Entry(normalise(i.text), i.text, s.occ(i)))
        for p in s.ext.interviewer_priorities:
            text, named = speaker(p.text, s.people)
            who = p.interviewer or named or (s.people[0].name if len(s.people) == 1 else None)
            values.append(Entry(normalise(text), text, s.occ(p, interviewer=who)))
        for i in s.ext.practice_points:
            practice.append(Entry(normalise(i.text), i.text, s.occ(i)))
    for e in (*questions, *values, *practice):  # an item of punctuation only keeps its text
        e.norm = e.norm or e.text
    return questions, values, practice, held


def _question_bank(questions: list[Entry], practice: list[Entry], space: Space,
                   practised: set[str], threshold: float, related_threshold: float,
                   ) -> list[QuestionGroup]:
    """Question groups, most asked first, each with the practice points related to it."""
    groups = group_entries(questions, space, threshold)
    group_of = {n: gi for gi, g in enumerate(groups) for n in g.norms}
    attached = attach_practice(space, questions, practice, group_of, related_threshold)
    bank = []
    for gi, g in enumerate(groups):
        keys = {item_key("q", n) for n in g.norms}
        bank.append(QuestionGroup(
            key=item_key("q", g.text), text=g.text, count=len(g.occs),
            interviews=len({o.debrief_id for o in g.occs}),
            companies=sorted_unique(o.company for o in g.occs),
            practised=bool(keys & practised), occurrences=g.occs,
            practice_points=sorted(attached.get(gi, []), key=occ_order),
        ))
    bank.sort(key=lambda g: (-g.count, -g.interviews, neg_date(g.occurrences[-1].date),
                             g.text.casefold(), g.key))
    return bank


def _value_themes(values: list[Entry], space: Space, threshold: float) -> list[ValueTheme]:
    """What interviewers cared about, grouped into themes, most frequent first."""
    themes = [ValueTheme(key=item_key("v", g.text), text=g.text, count=len(g.occs),
                         companies=sorted_unique(o.company for o in g.occs),
                         interviewers=sorted_unique(o.interviewer for o in g.occs),
                         occurrences=g.occs)
              for g in group_entries(values, space, threshold)]
    themes.sort(key=lambda t: (-t.count, -len(t.companies), t.text.casefold(), t.key))
    return themes
