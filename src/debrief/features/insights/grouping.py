"""Grouping extracted items: exact normalised text first, then embedding similarity."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from debrief.core.text import match_words, normalise
from debrief.features.insights.records import Occurrence

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


class TextEmbedder(Protocol):
    """Anything with Embedder.embed: texts -> (n, d) L2-normalised float32 rows."""

    def embed(self, texts: list[str]) -> np.ndarray: ...


def item_key(prefix: str, text: str) -> str:
    """A stable key for a text ('q-' questions, 'v-' values, 'p-' practice points)."""
    return f"{prefix}-{hashlib.sha1(normalise(text).encode()).hexdigest()[:10]}"


@dataclass
class Entry:
    """An item to group: its normalised key, the text embedded for it, and where it was."""

    norm: str
    text: str
    occ: Occurrence


@dataclass
class Space:
    """Vectors of every distinct text, embedded once (shortest first, to pad less)."""

    embedder: TextEmbedder | None
    rows: dict[str, int] = field(default_factory=dict)
    vecs: np.ndarray | None = None

    def fill(self, entries: Iterable[Entry]) -> None:
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


def cluster(vecs: np.ndarray | None, weights: list[int], names: list[str],
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
class Group:
    """Items grouped as one: their normalised keys, the wording shown, and where they were."""

    norms: list[str]
    text: str
    occs: list[Occurrence]


def group_entries(entries: list[Entry], space: Space, threshold: float) -> list[Group]:
    """Group entries: exact normalised text first, then by embedding similarity."""
    by_norm: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        by_norm[e.norm].append(e)
    norms = sorted(by_norm)
    clusters = cluster(space.of(norms), [len(by_norm[n]) for n in norms], norms, threshold)
    out = []
    for idx in clusters:
        members = [norms[i] for i in idx]
        used = Counter(e.text for e in by_norm[members[0]])
        text = min(used, key=lambda t: (-used[t], t))  # the leader's most used wording
        occs = sorted((e.occ for m in members for e in by_norm[m]), key=occ_order)
        out.append(Group(members, text, occs))
    return out


def occ_order(o: Occurrence) -> tuple[str, str, str]:
    """Sort key: oldest first."""
    return (o.date, o.debrief_id, o.quote)


def sorted_unique(values: Iterable[str | None]) -> list[str]:
    """The distinct non-empty values, alphabetically (case-insensitive)."""
    return sorted({v for v in values if v}, key=lambda s: (s.casefold(), s))


def attach_practice(space: Space, questions: list[Entry], practice: list[Entry],
                    group_of: dict[str, int], threshold: float) -> dict[int, list[Occurrence]]:
    """Each practice point goes next to the group of the most similar question of its interview
    (embeddings, or shared content words without them), if similar enough."""
    asked: dict[str, list[Entry]] = defaultdict(list)
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
