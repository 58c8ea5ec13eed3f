"""Retrieval for asking: vectors over chunks and over extracted facts, BM25 over sentences, fused.

Three rankings of the stored notes answer a question together:
- the nearest chunks (MiniLM vectors in Chroma), which find a line by meaning;
- the nearest extracted facts (their evidence quotes), so structured items stay a source;
- BM25 over every sentence of every note (stemmed: "quizzes" finds "quiz"), which finds the
  line that names the thing when its chunk is not among the nearest vectors. A sentence hit
  comes with its neighbours (the sentence before and after, while they fit), because the
  answer is often in the next sentence ("the tooling was odd. The faults were ...").
They are fused by reciprocal rank (RRF, k=60). The sentence index lives in memory, built on the
first question and rebuilt when the store changes.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from debrief.adapters.keyword import KeywordIndex
from debrief.adapters.store import Chunk, DebriefStore, date_int, metadata
from debrief.core.domain import Debrief
from debrief.core.evidence import fold, segment
from debrief.core.text import stems, terms

RRF_K = 60
NEIGHBOUR_CHARS = 360  # a sentence hit grows by its neighbours up to this many characters
_SIDE = ThreadPoolExecutor(max_workers=1, thread_name_prefix="debrief-facts")


@dataclass
class Filters:
    """Optional limits on which debriefs are searched."""

    company: str | None = None
    stage: str | None = None
    since: str | None = None
    until: str | None = None

    def where(self) -> dict[str, Any] | None:
        """As a Chroma where clause."""
        parts: list[dict[str, Any]] = []
        if self.company:
            parts.append({"company_lc": self.company.strip().casefold()})
        if self.stage:
            parts.append({"stage": self.stage.strip().lower()})
        if self.since:
            parts.append({"date_int": {"$gte": date_int(dt.date.fromisoformat(self.since)
                                                        .isoformat())}})
        if self.until:
            parts.append({"date_int": {"$lte": date_int(dt.date.fromisoformat(self.until)
                                                        .isoformat())}})
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else {"$and": parts}


@dataclass
class Retrieved:
    """Passages chosen for one question."""

    passages: list[Chunk] = field(default_factory=list)
    best_score: float = 0.0


def names_company(question: str, company: str) -> bool:
    """True when the question names the company by a distinctive word of its name."""
    q = terms(question)
    words = [w for w in terms(company) if len(w) > 3]
    return bool(words) and any(w in q or w.rstrip("s") in q for w in words)


def named_companies(question: str, companies: Iterable[str]) -> list[str]:
    """The companies a question names; when some are named in full, only those (so "Northwind
    Tabs" does not also mean "Northwind Labs")."""
    named = [c for c in companies if names_company(question, c)]
    folded = " ".join(fold(question)[0].split())
    full = [c for c in named if " ".join(fold(c)[0].split()) in folded]
    return full or named


class SentenceIndex:
    """BM25 over every sentence of every note, with each sentence's place in its note."""

    def __init__(self, debriefs: list[Debrief]) -> None:
        self.notes: dict[str, str] = {}
        self.meta: dict[str, dict[str, Any]] = {}
        self.units: list[tuple[str, int, int]] = []  # (debrief id, start, end)
        self.neighbours: list[tuple[int, int]] = []  # index range of the unit's note
        self.ids = [d.id for d in debriefs]
        unit_doc: list[int] = []  # the index in self.ids of each unit's debrief
        self._columns: dict[str, np.ndarray] = {}
        docs: list[list[str]] = []
        for n, d in enumerate(debriefs):
            self.notes[d.id] = d.notes
            self.meta[d.id] = metadata(d, debrief_id=d.id)
            first = len(self.units)
            units = segment(d.notes)
            for u in units:
                self.units.append((d.id, u.span.start, u.span.end))
                docs.append(stems(f"{u.header or ''} {u.text}"))
            self.neighbours += [(first, len(self.units))] * len(units)
            unit_doc += [n] * len(units)
        self.unit_doc = np.asarray(unit_doc, dtype=np.int64)
        self.index = KeywordIndex(docs)

    def _column(self, key: str, numeric: bool) -> np.ndarray:
        """One metadata field of every debrief, in self.ids order (NaN/None where absent)."""
        name = f"{key}#{numeric}"
        col = self._columns.get(name)
        if col is None:
            values = [self.meta[i].get(key) for i in self.ids]
            col = (np.array([v if isinstance(v, int | float) else np.nan for v in values],
                            dtype=np.float64) if numeric else np.array(values + [None],
                                                                       dtype=object)[:-1])
            self._columns[name] = col
        return col

    def allowed(self, where: dict[str, Any]) -> np.ndarray:
        """Which debriefs satisfy the where clause (as store.matches, on whole columns)."""
        if "$and" in where:
            return np.logical_and.reduce([self.allowed(part) for part in where["$and"]])
        ok = np.ones(len(self.ids), dtype=bool)
        for key, want in where.items():
            if not isinstance(want, dict):
                ok &= self._column(key, False) == want
                continue
            for op, value in want.items():
                if op == "$in":
                    wanted = set(value)
                    ok &= np.fromiter((v in wanted for v in self._column(key, False)),
                                      dtype=bool, count=len(self.ids))
                elif op == "$ne":
                    ok &= self._column(key, False) != value
                else:
                    col = self._column(key, True)
                    with np.errstate(invalid="ignore"):
                        ok &= {"$gte": col >= value, "$lte": col <= value, "$gt": col > value,
                               "$lt": col < value}[op]
        return ok

    def search(self, question: str, *, k: int, where: dict[str, Any] | None = None) -> list[Chunk]:
        """The k best sentences for the question, each grown by its neighbours."""
        scores = self.index.scores(stems(question))
        if where:
            scores = np.where(self.allowed(where)[self.unit_doc], scores, 0.0)
        top = [int(i) for i in np.argsort(-scores)[: k * 3]]
        out: list[Chunk] = []
        for i in top:
            if scores[i] <= 0 or len(out) >= k:
                break
            did, start, end = self._grown(i)
            out.append(Chunk(did, self.notes[did][start:end], start, 0.0, self.meta[did]))
        return out

    def _grown(self, i: int) -> tuple[str, int, int]:
        """The unit's span plus its neighbours (next first, then previous) while they fit."""
        did, start, end = self.units[i]
        lo, hi = self.neighbours[i]
        for j in (i + 1, i - 1):
            if lo <= j < hi:
                s, e = min(start, self.units[j][1]), max(end, self.units[j][2])
                if e - s <= NEIGHBOUR_CHARS:
                    start, end = s, e
        return did, start, end


_indexes: weakref.WeakKeyDictionary[DebriefStore, tuple[tuple[int, int], SentenceIndex]] = \
    weakref.WeakKeyDictionary()
_lock = threading.Lock()


def sentence_index(store: DebriefStore, count: int | None = None) -> SentenceIndex:
    """The store's sentence index, rebuilt when this process wrote or the debrief count changed
    (`count`: the store's debrief count, when the caller has just read it)."""
    key = (store.count() if count is None else count, store.generation)
    with _lock:
        cached = _indexes.get(store)
        if cached is None or cached[0] != key:
            cached = (key, SentenceIndex(store.all()))
            _indexes[store] = cached
        return cached[1]


def retrieve(store: DebriefStore, question: str, filters: Filters, *, k: int = 6) -> Retrieved:
    """Hybrid retrieval: vectors over chunks and facts, BM25 over sentences, fused (RRF)."""
    where = filters.where()
    if where is None:
        named = named_companies(question, store.companies())
        if named:
            where = {"company_lc": {"$in": [n.casefold() for n in named]}}
    count = store.count()
    if not count:
        return Retrieved()
    store.query_vector(question)  # embedded once, here, for both searches
    # Chroma answers two queries at once (its Rust core leaves Python's lock): the facts search
    # runs beside the chunk search (10,000 debriefs: p95 ~60 ms one after the other, ~50 at once).
    pending = _SIDE.submit(store.search_facts, question, k=k * 2, where=where)
    chunks = store.search(question, k=k * 2, where=where)
    facts = pending.result()
    keyword = sentence_index(store, count).search(question, k=k * 2, where=where) \
        if chunks else []
    pool: dict[tuple[str, str], Chunk] = {}
    ranks: dict[tuple[str, str], float] = {}
    for source in (chunks, facts, keyword):
        for rank, c in enumerate(source):
            key = (c.debrief_id, " ".join(c.text[:160].casefold().split())[:80])
            pool.setdefault(key, c)
            ranks[key] = ranks.get(key, 0.0) + 1.0 / (RRF_K + rank)
    ordered = sorted(pool, key=lambda key: -ranks[key])
    best = max((c.score for c in pool.values()), default=0.0)
    return Retrieved([pool[key] for key in ordered], best)
