"""Insights across interviews: pure aggregation over stored debriefs' extraction results.

No chat model runs here. The only model is the optional sentence embedder, used to group
near-duplicate questions and similar interviewer priorities; without it, items group by exact
normalised text. Every item links back to its debrief id and the note's own words (the quote).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

import numpy as np
from pydantic import BaseModel, Field

from debrief.core.domain import STAGES, Debrief, Extraction, Item, Person
from debrief.core.files import write_atomic
from debrief.core.text import match_words, normalise

# Cosine similarity (MiniLM, L2-normalised) at or above which two questions are "the same
# question". Measured on the dev set's 76 gold questions (tests/data/eval/gold.json):
# - same question, two wordings (each gold text vs its raw-note evidence, plus the 4 cross-note
#   pairs "why are you leaving your current job/role" and "conflict with a coworker/colleague"):
#   84 pairs, median 0.96, 5th percentile 0.52; the 6 below 0.60 are 4 Spanish-vs-English
#   pairs and 2 terse notes ("Ines asked what about ties").
# - different questions: 2,846 pairs per view; text-text p99 0.43, max 0.70 ("What kind of
#   manager do you work best with?" vs "What would your last manager say..."); raw-evidence
#   pairs (what the extractor stores) p99 0.38, max 0.57.
# At 0.60: recall 78/84 (93%), false pairs 0/2,846 evidence-evidence, 1/2,846 text-text,
# 1/5,692 text-evidence. 0.70 loses 6 more true pairs for that one false pair; 0.50 adds 27.
GROUPING_THRESHOLD = 0.60

# Looser, topic-level similarity for interviewer-value themes and for listing practice points
# next to related questions. Measured on the gold priorities (speaker prefix such as "Gloria -"
# removed, as build_insights does), 1,107 cross-note pairs per view: at or above 0.50 every pair
# is one theme (own SQL x3, collaboration; text and evidence views); 0.45-0.50 adds 3 same-theme
# pairs but also "act as tech lead" vs "protects time for tech debt" (0.49), so 0.45 would trade
# precision for recall. Different gold questions are above 0.50 in 0.1% (raw-note wordings) to
# 0.5% (paraphrased) of pairs.
THEME_THRESHOLD = 0.50

# A practice point is listed next to the question group of the most similar question asked in
# the same interview, when that similarity reaches this floor. The choice is among one
# interview's few questions, so the floor only has to reject "about none of them": 95% of
# different-question pairs in the gold set are below 0.30.
RELATED_THRESHOLD = 0.35

ROLE_STATUSES: tuple[str, ...] = ("new", "interested", "applied", "not for me")
RoleStatus = Literal["new", "interested", "applied", "not for me"]
MAX_PLAN_ITEMS = 10
CHART_BARS = 10

_SPEAKER_SEP = re.compile(r"\s*(?::|->|→|=>|\s-\s|\s–\s|\s—\s)\s*")


class TextEmbedder(Protocol):
    """Anything with Embedder.embed: texts -> (n, d) L2-normalised float32 rows."""

    def embed(self, texts: list[str]) -> np.ndarray: ...


# -- the records ---------------------------------------------------------------------------


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
    label: str
    count: int


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


# -- helpers -------------------------------------------------------------------------------


def item_key(prefix: str, text: str) -> str:
    """A stable key for a text ('q-' questions, 'v-' values, 'p-' practice points)."""
    return f"{prefix}-{hashlib.sha1(normalise(text).encode()).hexdigest()[:10]}"


def role_key(debrief_id: str, index: int) -> str:
    """The key of a better-fit role in `statuses`."""
    return f"{debrief_id}:{index}"


def check_role_status(value: str) -> RoleStatus:
    """A valid role status (case-insensitive), or ValueError; use it before persisting one."""
    v = " ".join(value.casefold().split())
    if v not in ROLE_STATUSES:
        raise ValueError(f"unknown status '{value}': use one of {', '.join(ROLE_STATUSES)}")
    return v  # type: ignore[return-value]


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _stage_rank(stage: str) -> int:
    return STAGES.index(stage) if stage in STAGES else len(STAGES) - 1


def _name_tokens(name: str) -> set[str]:
    return {t for t in normalise(name).split() if len(t) >= 2}


@dataclass
class _Entry:
    """An item to group: its normalised key, the text embedded for it, and where it was."""

    norm: str
    text: str
    occ: Occurrence


@dataclass
class _Space:
    """Vectors of every distinct text, embedded once (shortest first, to pad less)."""

    embedder: TextEmbedder | None
    rows: dict[str, int] = field(default_factory=dict)
    vecs: np.ndarray | None = None

    def fill(self, entries: Iterable[_Entry]) -> None:
        """Embed the distinct texts of entries (one canonical wording per normalised key)."""
        if self.embedder is None:
            return
        canon: dict[str, str] = {}
        for e in entries:
            if e.norm not in canon or e.text < canon[e.norm]:
                canon[e.norm] = e.text
        norms = sorted(canon, key=lambda n: (len(canon[n]), n))
        self.rows = {n: i for i, n in enumerate(norms)}
        self.vecs = np.asarray(self.embedder.embed([canon[n] for n in norms]), dtype=np.float32)

    def of(self, norms: list[str]) -> np.ndarray | None:
        """The vectors of these normalised keys (None without an embedder)."""
        if self.vecs is None:
            return None
        return self.vecs[[self.rows[n] for n in norms]]


def _cluster(vecs: np.ndarray | None, weights: list[int], names: list[str],
             threshold: float) -> list[list[int]]:
    """Leader ("star") clustering: the most central, most frequent item leads a group of every
    still-free item within `threshold` of it. Members are near the leader, so groups never chain.
    Deterministic: ties break by text. Returns index lists, leader first."""
    n = len(weights)
    if vecs is None or n == 0:
        return [[i] for i in range(n)]
    w = np.asarray(weights, dtype=np.float64)
    neighbours: list[np.ndarray] = []
    degree = np.zeros(n)
    for start in range(0, n, 1024):
        block = vecs[start:start + 1024] @ vecs.T >= threshold
        degree[start:start + len(block)] = block @ w
        neighbours.extend(np.flatnonzero(row) for row in block)
    order = sorted(range(n), key=lambda i: (-degree[i], -weights[i], names[i]))
    free = np.ones(n, dtype=bool)
    groups: list[list[int]] = []
    for i in order:
        if not free[i]:
            continue
        members = [int(j) for j in neighbours[i] if free[j] and j != i]
        free[members] = False
        free[i] = False
        groups.append([i, *members])
    return groups


@dataclass
class _Group:
    norms: list[str]
    text: str
    occs: list[Occurrence]


def _group(entries: list[_Entry], space: _Space, threshold: float) -> list[_Group]:
    """Group entries: exact normalised text first, then by embedding similarity."""
    by_norm: dict[str, list[_Entry]] = defaultdict(list)
    for e in entries:
        by_norm[e.norm].append(e)
    norms = sorted(by_norm)
    clusters = _cluster(space.of(norms), [len(by_norm[n]) for n in norms], norms, threshold)
    out = []
    for idx in clusters:
        members = [norms[i] for i in idx]
        used = Counter(e.text for e in by_norm[members[0]])
        text = min(used, key=lambda t: (-used[t], t))  # the leader's most used wording
        occs = sorted((e.occ for m in members for e in by_norm[m]), key=_occ_order)
        out.append(_Group(members, text, occs))
    return out


def _occ_order(o: Occurrence) -> tuple[str, str, str]:
    return (o.date, o.debrief_id, o.quote)


def _sorted_unique(values: Iterable[str | None]) -> list[str]:
    return sorted({v for v in values if v}, key=lambda s: (s.casefold(), s))


def _people_met(d: Debrief, ext: Extraction | None) -> list[Person]:
    """People of the debrief form and of the extraction, merged by name (named ones only)."""
    merged: dict[str, Person] = {}
    for p in [*d.people, *(ext.people if ext else [])]:
        if not p.name or not normalise(p.name):
            continue
        k = normalise(p.name)
        if k not in merged:
            merged[k] = Person(name=p.name.strip(), title=p.title)
        elif not merged[k].title and p.title:
            merged[k].title = p.title
    for k in [k for k in merged if " " not in k]:  # "Priya" and "Priya Raman" are one person
        full = [f for f in merged if " " in f and k in f.split()]
        if len(full) == 1:
            short = merged.pop(k)
            merged[full[0]].title = merged[full[0]].title or short.title
    return list(merged.values())


def _speaker(text: str, people: list[Person]) -> tuple[str, str | None]:
    """'Gloria - tele / rhythm' -> ('tele / rhythm', 'Gloria Ashdown') when the prefix names
    someone met; otherwise (text, None). Used so names do not drive the grouping."""
    m = _SPEAKER_SEP.search(text)
    if not m or m.start() == 0 or m.start() > 40:
        return text, None
    prefix, rest = text[:m.start()], text[m.end():]
    tokens = _name_tokens(prefix)
    hits = [p.name for p in people if p.name and tokens & _name_tokens(p.name)]
    if not hits or not rest.strip():
        return text, None
    return rest.strip(), hits[0] if len(set(hits)) == 1 else None


# -- the sections --------------------------------------------------------------------------


@dataclass
class _Source:
    d: Debrief
    ext: Extraction | None
    people: list[Person]

    def occ(self, item: Item, text: str | None = None, interviewer: str | None = None
            ) -> Occurrence:
        return Occurrence(debrief_id=self.d.id, company=self.d.company, date=self.d.date,
                          stage=self.d.stage, text=text or item.text, quote=item.evidence,
                          interviewer=interviewer)


def _timeline(sources: list[_Source]) -> list[Interview]:
    items = [Interview(debrief_id=s.d.id, date=s.d.date, company=s.d.company, stage=s.d.stage,
                       stage_rank=_stage_rank(s.d.stage), role=s.d.role,
                       extracted=s.ext is not None) for s in sources]
    return sorted(items, key=lambda i: (i.date, i.company.casefold(), i.stage_rank,
                                        i.debrief_id))


def _company_key(name: str) -> str:
    return normalise(name) or name.casefold()


def _network(sources: list[_Source], today: dt.date, follow_up_days: int) -> list[Contact]:
    """People met, merged per company by name ('Priya' joins 'Priya Raman' when unambiguous)."""
    met: dict[tuple[str, str], list[tuple[_Source, Person]]] = defaultdict(list)
    for s in sources:
        for p in s.people:
            met[(_company_key(s.d.company), normalise(p.name or ""))].append((s, p))
    full_names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for company, name in met:
        if " " in name:
            for token in set(name.split()):
                full_names[(company, token)].append(name)
    alias: dict[tuple[str, str], tuple[str, str]] = {}
    for company, name in met:
        full = full_names.get((company, name), []) if " " not in name else []
        if len(full) == 1:
            alias[(company, name)] = (company, full[0])
    merged: dict[tuple[str, str], list[tuple[_Source, Person]]] = defaultdict(list)
    for k, seen in met.items():
        merged[alias.get(k, k)].extend(seen)
    contacts = []
    for seen in merged.values():
        seen.sort(key=lambda sp: (sp[0].d.date, sp[0].d.id))
        names = {normalise(p.name or "") for _, p in seen}
        display = max((p.name or "" for _, p in seen), key=lambda n: (len(n.split()), len(n), n))
        title = next((p.title for _, p in reversed(seen) if p.title), None)
        last = seen[-1][0].d
        sent = [m for s, _ in seen for m in s.d.messages if m.to and normalise(m.to) in names]
        last_day = _date(last.date)
        days = (today - last_day).days if last_day else None
        answered = any(m.created_at[:10] >= last.date for m in sent)
        ids = list(dict.fromkeys(s.d.id for s, _ in seen))
        contacts.append(Contact(
            name=display, title=title, company=last.company, first_met=seen[0][0].d.date,
            last_met=last.date, debrief_ids=ids,
            thank_you_sent=any(m.kind == "thank-you" for m in sent),
            connect_sent=any(m.kind == "connect" for m in sent), days_since=days,
            follow_up_due=bool(days is not None and days > follow_up_days and not answered),
        ))
    contacts.sort(key=lambda c: (not c.follow_up_due, _neg_date(c.last_met), c.company.casefold(),
                                 c.name.casefold()))
    return contacts


def _neg_date(value: str) -> tuple[int, ...]:
    """Sort key for newest first on ISO dates."""
    return tuple(-ord(ch) for ch in value)


def _dossiers(sources: list[_Source], timeline: list[Interview],
              network: list[Contact]) -> list[CompanyDossier]:
    by_company: dict[str, list[_Source]] = defaultdict(list)
    for s in sources:
        by_company[_company_key(s.d.company)].append(s)
    company_of = {s.d.id: _company_key(s.d.company) for s in sources}
    interviews: dict[str, list[Interview]] = defaultdict(list)
    for i in timeline:
        interviews[company_of[i.debrief_id]].append(i)
    people: dict[str, list[Contact]] = defaultdict(list)
    for c in network:
        people[company_of[c.debrief_ids[-1]]].append(c)
    out = []
    for key, group in by_company.items():
        group.sort(key=lambda s: (s.d.date, s.d.id))
        facts = [DossierFact(text=i.text, quote=i.evidence, debrief_id=s.d.id, date=s.d.date,
                             stage=s.d.stage)
                 for s in group if s.ext for i in s.ext.insider_info]
        out.append(CompanyDossier(company=group[-1].d.company, interviews=interviews[key],
                                  facts=facts, people=people[key]))
    out.sort(key=lambda c: (_neg_date(c.interviews[-1].date), c.company.casefold()))
    return out


def _roles(sources: list[_Source], statuses: dict[str, str]) -> list[FitRole]:
    out = []
    for s in sources:
        if not s.ext:
            continue
        named = [p.name for p in s.people if p.name]
        for n, r in enumerate(s.ext.better_fit_roles):
            k = role_key(s.d.id, n)
            raw = statuses.get(k, "new")
            try:
                status = check_role_status(raw)
            except ValueError:  # a stale or hand-edited value: show it as new
                status = "new"
            out.append(FitRole(key=k, text=r.text, company=s.d.company, debrief_id=s.d.id,
                               date=s.d.date, mentioned_by=named[0] if len(named) == 1 else None,
                               why=r.why, quote=r.evidence, status=status))
    out.sort(key=lambda r: (_neg_date(r.date), r.company.casefold(), r.key))
    return out


def _bars(items: list[QuestionGroup] | list[ValueTheme]) -> list[ChartBar]:
    return [ChartBar(key=g.key, label=g.text if len(g.text) <= 60 else g.text[:59] + "…",
                     count=g.count) for g in items[:CHART_BARS]]


def _attach(space: _Space, questions: list[_Entry], practice: list[_Entry],
            group_of: dict[str, int], threshold: float) -> dict[int, list[Occurrence]]:
    """Each practice point goes next to the group of the most similar question of its interview
    (embeddings, or shared content words without them), if similar enough."""
    asked: dict[str, list[_Entry]] = defaultdict(list)
    for q in questions:
        asked[q.occ.debrief_id].append(q)
    out: dict[int, list[Occurrence]] = defaultdict(list)
    for p in practice:
        cands = asked.get(p.occ.debrief_id, [])
        if not cands:
            continue
        pv, qv = space.of([p.norm]), space.of([q.norm for q in cands])
        if pv is None or qv is None:
            words = match_words(p.text)
            scores = [float(len(words & match_words(q.text))) for q in cands]
            floor = 1.0
        else:
            scores = (qv @ pv[0]).tolist()
            floor = threshold
        best = max(range(len(cands)), key=lambda i: scores[i])
        if scores[best] >= floor:
            out[group_of[cands[best].norm]].append(p.occ)
    return out


def _plan(questions: list[QuestionGroup], practice: list[_Group], practised: set[str],
          max_items: int) -> list[PracticeItem]:
    """Open practice points first (most repeated, then most recent), then frequent questions."""
    points = [PracticeItem(key=item_key("p", g.text), kind="practice point", text=g.text,
                           count=len(g.occs), occurrences=g.occs)
              for g in practice if not {item_key("p", n) for n in g.norms} & practised]
    points.sort(key=lambda p: (-p.count, _neg_date(p.occurrences[-1].date), p.text.casefold()))
    asks = [PracticeItem(key=g.key, kind="question", text=g.text, count=g.count,
                         occurrences=g.occurrences) for g in questions if not g.practised]
    first = points[: max_items // 2]
    rest = asks[: max_items - len(first)]
    more = points[len(first): len(first) + max_items - len(first) - len(rest)]
    return [*first, *rest, *more]


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
    chosen = debriefs
    if company and company.strip():
        c = company.strip().casefold()
        chosen = [d for d in debriefs if c in d.company.casefold()]
    sources = []
    for d in chosen:
        ext = d.extraction if d.extraction_status == "done" else None
        sources.append(_Source(d, ext, _people_met(d, ext)))

    questions, values, practice = [], [], []
    for s in sources:
        if not s.ext:
            continue
        for i in s.ext.questions_asked:
            questions.append(_Entry(normalise(i.text), i.text, s.occ(i)))
        for p in s.ext.interviewer_priorities:
            text, named = _speaker(p.text, s.people)
            who = p.interviewer or named or (s.people[0].name if len(s.people) == 1 else None)
            values.append(_Entry(normalise(text), text, s.occ(p, interviewer=who)))
        for i in s.ext.practice_points:
            practice.append(_Entry(normalise(i.text), i.text, s.occ(i)))
    for e in (*questions, *values, *practice):  # an item of punctuation only keeps its text
        e.norm = e.norm or e.text
    space = _Space(embedder)
    space.fill([*questions, *values, *practice])

    groups = _group(questions, space, grouping_threshold)
    group_of = {n: gi for gi, g in enumerate(groups) for n in g.norms}
    attached = _attach(space, questions, practice, group_of, related_threshold)
    bank = []
    for gi, g in enumerate(groups):
        keys = {item_key("q", n) for n in g.norms}
        bank.append(QuestionGroup(
            key=item_key("q", g.text), text=g.text, count=len(g.occs),
            interviews=len({o.debrief_id for o in g.occs}),
            companies=_sorted_unique(o.company for o in g.occs),
            practised=bool(keys & practised), occurrences=g.occs,
            practice_points=sorted(attached.get(gi, []), key=_occ_order),
        ))
    bank.sort(key=lambda g: (-g.count, -g.interviews, _neg_date(g.occurrences[-1].date),
                             g.text.casefold(), g.key))

    themes = [ValueTheme(key=item_key("v", g.text), text=g.text, count=len(g.occs),
                         companies=_sorted_unique(o.company for o in g.occs),
                         interviewers=_sorted_unique(o.interviewer for o in g.occs),
                         occurrences=g.occs)
              for g in _group(values, space, theme_threshold)]
    themes.sort(key=lambda t: (-t.count, -len(t.companies), t.text.casefold(), t.key))

    timeline = _timeline(sources)
    network = _network(sources, today, follow_up_days)
    return Insights(
        today=today.isoformat(), company=(company or "").strip() or None, debriefs=len(sources),
        extracted=sum(s.ext is not None for s in sources),
        grouped_by="embeddings" if embedder is not None else "exact text",
        grouping_threshold=grouping_threshold, theme_threshold=theme_threshold,
        related_threshold=related_threshold,
        question_bank=bank, question_chart=_bars(bank),
        interviewer_values=themes, values_chart=_bars(themes),
        company_dossier=_dossiers(sources, timeline, network),
        better_fit_roles=_roles(sources, statuses),
        network=network,
        practice_plan=_plan(bank, _group(practice, space, grouping_threshold), practised,
                            max_plan_items),
        timeline=timeline,
    )


# -- a cache, so repeated insights embed only new texts --------------------------------------


class CachingEmbedder:
    """Wraps an embedder and remembers each text's vector (optionally in an .npz file).

    Extracted items rarely change, so after the first run only new texts are embedded.
    """

    def __init__(self, inner: TextEmbedder, path: Path | None = None,
                 max_items: int = 200_000) -> None:
        self.inner = inner
        self.path = path
        self.max_items = max_items
        self._vecs: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self._dirty = False
        if path is not None and path.is_file():
            try:
                with np.load(path, allow_pickle=False) as data:
                    self._vecs = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
            except (OSError, ValueError, KeyError):  # a broken cache is only slower
                self._vecs = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        """Vectors for texts, embedding only those not seen before."""
        with self._lock:
            missing = sorted({t for t in texts if t not in self._vecs}, key=lambda t: (len(t), t))
            if missing:
                new = self.inner.embed(missing)
                self._vecs.update(zip(missing, new, strict=True))
                self._dirty = True
            if not texts:
                return np.zeros((0, getattr(self.inner, "dims", 384)), dtype=np.float32)
            out = np.stack([self._vecs[t] for t in texts]).astype(np.float32)
            while len(self._vecs) > self.max_items:  # forget the oldest
                self._vecs.pop(next(iter(self._vecs)))
            return out

    def save(self) -> None:
        """Write the cache to its file when it changed (atomically)."""
        with self._lock:
            if self.path is None or not self._dirty or not self._vecs:
                return
            buffer = io.BytesIO()
            np.savez(buffer, texts=np.array(list(self._vecs)),
                     vectors=np.stack(list(self._vecs.values())))
            write_atomic(self.path, buffer.getvalue())
            self._dirty = False
