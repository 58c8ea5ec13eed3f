"""build_insights: the insights views from stored debriefs."""

from __future__ import annotations

import datetime as dt

from debrief.core.domain import Debrief
from debrief.core.text import normalise
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
    neg_date,
    network_section,
    people_met,
    plan_section,
    roles_section,
    speaker,
    timeline_section,
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
) -> Insights:
    """Aggregate debriefs into the insights views.

    Only extractions with status "done" are read (an edited note's old extraction is stale).
    `company` keeps debriefs whose company contains it (case-insensitive, as `list` does).
    `statuses` maps role keys ('{debrief_id}:{index}') to a status; `practised` holds question
    ('q-') or practice ('p-') keys already practised. Without an embedder, groups are exact text.
    """
    statuses, practised = statuses or {}, practised or set()
    sources = _sources(debriefs, company)
    questions, values, practice = _entries(sources)
    space = Space(embedder)
    space.fill([*questions, *values, *practice])
    bank = _question_bank(questions, practice, space, practised, grouping_threshold,
                          related_threshold)
    themes = _value_themes(values, space, theme_threshold)
    timeline = timeline_section(sources)
    network = network_section(sources, today, follow_up_days)
    return Insights(
        today=today.isoformat(), company=(company or "").strip() or None, debriefs=len(sources),
        extracted=sum(s.ext is not None for s in sources),
        grouped_by="embeddings" if embedder is not None else "exact text",
        grouping_threshold=grouping_threshold, theme_threshold=theme_threshold,
        related_threshold=related_threshold,
        question_bank=bank, question_chart=chart(bank),
        interviewer_values=themes, values_chart=chart(themes),
        company_dossier=dossier_section(sources, timeline, network),
        better_fit_roles=roles_section(sources, statuses),
        network=network,
        practice_plan=plan_section(bank, group_entries(practice, space, grouping_threshold),
                                   practised, max_plan_items),
        timeline=timeline,
    )


def _sources(debriefs: list[Debrief], company: str | None) -> list[Source]:
    """The debriefs of the company asked for (all without one), with done extractions only."""
    chosen = debriefs
    if company and company.strip():
        c = company.strip().casefold()
        chosen = [d for d in debriefs if c in d.company.casefold()]
    sources = []
    for d in chosen:
        ext = d.extraction if d.extraction_status == "done" else None
        sources.append(Source(d, ext, people_met(d, ext)))
    return sources


def _entries(sources: list[Source]) -> tuple[list[Entry], list[Entry], list[Entry]]:
    """The questions, interviewer values and practice points to group, in source order."""
    questions, values, practice = [], [], []
    for s in sources:
        if not s.ext:
            continue
        for i in s.ext.questions_asked:
            questions.append(Entry(normalise(i.text), i.text, s.occ(i)))
        for p in s.ext.interviewer_priorities:
            text, named = speaker(p.text, s.people)
            who = p.interviewer or named or (s.people[0].name if len(s.people) == 1 else None)
            values.append(Entry(normalise(text), text, s.occ(p, interviewer=who)))
        for i in s.ext.practice_points:
            practice.append(Entry(normalise(i.text), i.text, s.occ(i)))
    for e in (*questions, *values, *practice):  # an item of punctuation only keeps its text
        e.norm = e.norm or e.text
    return questions, values, practice


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
