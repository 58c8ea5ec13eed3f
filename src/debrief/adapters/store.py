"""The Chroma store: Debrief's collections (chromadb itself is opened in chroma.py).

Three collections; every record's metadata holds the filter fields of `metadata` (company, role,
date, also as an int for range filters, and stage):
- ``debriefs``: one record per debrief. Document = the note exactly as written; metadata = the
  filter fields plus ``record`` (the rest of the stored debrief as JSON) and ``chunk_version``.
- ``chunks``: the note split for retrieval. Ids are ``{debrief_id}:{version}:{n}``; metadata adds
  debrief id, people and version.
- ``facts``: one record per extracted item and per person met (document = its evidence quote),
  for questions across interviews. Ids are ``{debrief_id}:f{n}``; metadata adds debrief id and
  category ("people" for a person).

An edit writes the new chunks under a new version, then flips the debrief's ``chunk_version``, then
deletes the old chunks. Readers only trust chunks whose version matches the debrief, so a failure
at any step leaves the old version searchable and never a mix.

The same collections live either in an embedded ``PersistentClient`` under the data dir or on a
Chroma server (``DebriefStore.on_server``), where each user gets a tenant with its own database.
"""

from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from debrief.adapters.chroma import (
    connect_server,
    connection_reason,
    first_open_lock,
    is_connection_error,
    is_disk_error,
    open_embedded,
)
from debrief.adapters.embeddings import Embedder
from debrief.core.domain import CATEGORIES, SCHEMA_VERSION, Debrief
from debrief.core.errors import NotFound, StorageError

DEBRIEFS = "debriefs"
CHUNKS = "chunks"
FACTS = "facts"


@dataclass
class Chunk:
    """A retrieved passage of a stored note."""

    debrief_id: str
    text: str
    start: int
    score: float
    metadata: dict[str, Any]


RANGE_OPS = frozenset({"$gte", "$lte", "$gt", "$lt"})
RANGE_OVERFETCH = 2  # a range-filtered query first asks for twice as many records without the range


def matches(meta: dict[str, Any], where: dict[str, Any] | None) -> bool:
    """Whether metadata satisfies a where clause of the shapes Debrief builds ($and of fields,
    each equal to a value or with $in, $nin, $ne, $gte, $lte, $gt, $lt)."""
    if not where:
        return True
    if "$and" in where:
        return all(matches(meta, part) for part in where["$and"])
    for key, want in where.items():
        have = meta.get(key)
        if isinstance(want, dict):
            if not all(_compare(op, have, value) for op, value in want.items()):
                return False
        elif have != want:
            return False
    return True


def _compare(op: str, have: Any, value: Any) -> bool:
    if op == "$in":
        return have in value
    if op == "$nin":
        return have not in value
    if op == "$ne":
        return bool(have != value)
    if have is None:
        return False
    return bool({"$gte": have >= value, "$lte": have <= value, "$gt": have > value,
                 "$lt": have < value}[op])


def split_where(where: dict[str, Any] | None) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """A where clause as (its equality part, its range parts).

    Chroma's range filters on metadata are slow on a large store (a date range on 10,000
    debriefs: ~44 ms a query, against ~12 ms for a company alone), so a query asks Chroma for the
    equality part and applies the ranges to what comes back (see DebriefStore._nearest).
    """
    if not where:
        return None, []
    parts = where["$and"] if "$and" in where else [where]
    eq: list[dict[str, Any]] = []
    ranged: list[dict[str, Any]] = []
    for part in parts:
        is_range = any(isinstance(v, dict) and RANGE_OPS & set(v) for v in part.values())
        (ranged if is_range else eq).append(part)
    eq_where = None if not eq else eq[0] if len(eq) == 1 else {"$and": eq}
    return eq_where, ranged


def date_int(date: str) -> int:
    """YYYY-MM-DD as an int (20240304) for Chroma range filters."""
    return int(date.replace("-", ""))


def metadata(d: Debrief, **extra: Any) -> dict[str, Any]:
    """The fields every collection filters on (company, role, date, stage), plus extra."""
    return {
        "company": d.company,
        "company_lc": d.company.casefold(),
        "role": d.role or "",
        "date": d.date,
        "date_int": date_int(d.date),
        "stage": d.stage,
        **extra,
    }


class DebriefStore:
    """Debriefs and their retrieval chunks in Chroma (embedded on disk, or a server)."""

    def __init__(
        self, embedder: Embedder, *, path: Path | None = None, client: Any = None,
        chunk_size: int = 600, chunk_overlap: int = 80, server_url: str | None = None,
        timeout: float | None = None,
    ) -> None:
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        self.embedder = embedder
        self._lock = threading.RLock()
        self.server_url = server_url  # for messages: None for the embedded store
        self._timeout = timeout
        # (debrief count, company -> the roles of its debriefs)
        self._companies: tuple[int, dict[str, set[str]]] | None = None
        self._snapshot: tuple[tuple[int, int], list[Debrief]] | None = None
        self.generation = 0  # counts this process's writes (in-memory indexes rebuild on change)
        self._last_query: tuple[str, list[list[float]]] | None = None
        space = {"hnsw:space": "cosine"}
        with contextlib.ExitStack() as opening:
            if client is None:
                assert path is not None
                # Another process may be creating the same new store right now: wait for it.
                opening.enter_context(first_open_lock(path))
                client = open_embedded(path)
            self.client = client
            self.debriefs = self._read(client.get_or_create_collection, DEBRIEFS, metadata=space)
            self.chunks = self._read(client.get_or_create_collection, CHUNKS, metadata=space)
            self.facts = self._read(client.get_or_create_collection, FACTS, metadata=space)
        self.splitter = RecursiveCharacterTextSplitter(
            chunk_size=chunk_size, chunk_overlap=chunk_overlap, add_start_index=True,
            separators=["\n\n", "\n", ". ", " ", ""],
        )

    @classmethod
    def on_server(cls, embedder: Embedder, url: str, *, token: str | None = None,
                  tenant: str = "default", timeout: float = 60.0) -> DebriefStore:
        """The same store on a Chroma server, isolated in the tenant's own database."""
        client = connect_server(url, token=token, tenant=tenant, timeout=timeout)
        return cls(embedder, client=client, server_url=url, timeout=timeout)

    def _server_gone(self, exc: BaseException, doing: str) -> StorageError:
        return StorageError(
            f"could not {doing}: the Chroma server at {self.server_url} "
            f"{connection_reason(exc, self._timeout)}; what was saved before is kept, "
            "start the server again and retry")

    def _read(self, fn: Any, *args: Any, doing: str = "read the notes", **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            if self.server_url and is_connection_error(exc):
                raise self._server_gone(exc, doing) from exc
            if is_disk_error(exc):  # e.g. the data dir was remounted read-only under us
                raise StorageError(f"could not use the data dir (read-only, full or gone): {exc}; "
                                   "nothing already saved was changed") from exc
            raise

    # -- writing ---------------------------------------------------------------------------

    @staticmethod
    def _meta(d: Debrief, chunk_version: int) -> dict[str, Any]:
        """The debrief record's metadata: filters, status, and the rest of the record as JSON."""
        rest = d.model_dump(mode="json", exclude={"notes"})
        return metadata(
            d, schema_version=SCHEMA_VERSION, created_at=d.created_at, updated_at=d.updated_at,
            extraction_status=d.extraction_status, chunk_version=chunk_version,
            record=json.dumps(rest, ensure_ascii=False))

    def _write(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        # A write moves the generation on before it starts and again when it ends: a reader
        # that read during the write (another thread: the background extraction saving while
        # a question runs) keyed what it read with the first, so it reads again after.
        self._companies = None  # any write may add or remove a company
        self.generation += 1
        try:
            return fn(*args, **kwargs)
        except OSError as exc:
            raise StorageError(f"could not write to the data dir: {exc}") from exc
        except Exception as exc:  # chromadb wraps sqlite/disk errors in its own types
            if self.server_url and is_connection_error(exc):
                raise self._server_gone(exc, "save") from exc
            if is_disk_error(exc):
                raise StorageError(f"could not write to the data dir: {exc}") from exc
            raise
        finally:
            self._companies = None
            self.generation += 1

    def save(self, d: Debrief, *, reindex: bool = True) -> None:
        """Write the debrief record first, then (by default) replace its chunks atomically."""
        with self._lock:
            version = self._chunk_version(d.id, doing="save")
            summary = f"{d.company} {d.role or ''} {d.stage}\n{d.notes[:2000]}"
            self._write(
                self.debriefs.upsert, ids=[d.id], documents=[d.notes],
                metadatas=[self._meta(d, version)],
                embeddings=self.embedder.embed([summary]).tolist(),
            )
            if reindex:
                self._replace_chunks(d, version)

    def save_record_only(self, d: Debrief, *, worker_pid: int = 0) -> None:
        """Update fields that do not change the note's chunks (status, extraction, messages).

        worker_pid records which process runs an extraction, so another process can tell a
        crashed run from a live one.
        """
        with self._lock:
            version = self._chunk_version(d.id, doing="save")
            meta = {**self._meta(d, version), "worker_pid": worker_pid}
            self._write(self.debriefs.update, ids=[d.id], metadatas=[meta])

    def running_workers(self) -> dict[str, int]:
        """debrief id -> pid of the process extracting it, for records marked running."""
        got = self._read(self.debriefs.get, where={"extraction_status": "running"},
                         include=["metadatas"])
        return {i: int(m.get("worker_pid") or 0) for i, m in zip(got["ids"], got["metadatas"],
                                                                  strict=True)}

    def _chunk_version(self, debrief_id: str, doing: str = "read the notes") -> int:
        got = self._read(self.debriefs.get, ids=[debrief_id], include=["metadatas"], doing=doing)
        if not got["ids"]:
            return 0
        return int(got["metadatas"][0].get("chunk_version", 0))

    def split(self, notes: str) -> list[tuple[int, str]]:
        """(start offset, text) of each retrieval chunk of a note."""
        docs = self.splitter.create_documents([notes])
        return [(int(doc.metadata.get("start_index", 0)), doc.page_content) for doc in docs]

    def _replace_chunks(self, d: Debrief, old_version: int) -> None:
        new_version = old_version + 1
        pieces = [(s, t) for s, t in self.split(d.notes) if t.strip()]
        people = ", ".join(p.name for p in d.people if p.name)
        base = metadata(d, debrief_id=d.id, people=people, version=new_version)
        if pieces:
            header = f"{d.company} ({d.role or ''}, {d.stage}, {d.date}): "
            vectors = self.embedder.embed([header + t for _, t in pieces])
            self._write(
                self.chunks.add,
                ids=[f"{d.id}:{new_version}:{n}" for n in range(len(pieces))],
                documents=[t for _, t in pieces],
                metadatas=[{**base, "start": s} for s, _ in pieces],
                embeddings=vectors.tolist(),
            )
        # Flip the pointer: from here on readers see the new chunks only.
        self._write(
            self.debriefs.update, ids=[d.id], metadatas=[{"chunk_version": new_version}]
        )
        self._write(self.chunks.delete, where={
            "$and": [{"debrief_id": d.id}, {"version": {"$ne": new_version}}]
        })

    def reindex(self, d: Debrief) -> None:
        """Rebuild the chunks and vectors of one debrief."""
        with self._lock:
            self._replace_chunks(d, self._chunk_version(d.id, doing="save"))

    def delete(self, debrief_id: str) -> None:
        """Remove a debrief and all its chunks."""
        with self._lock:
            if not self._read(self.debriefs.get, ids=[debrief_id], doing="delete")["ids"]:
                raise NotFound(f"no debrief with id {debrief_id} (see `debrief list`)")
            self._write(self.debriefs.delete, ids=[debrief_id])
            self._write(self.chunks.delete, where={"debrief_id": debrief_id})
            self._write(self.facts.delete, where={"debrief_id": debrief_id})

    def index_facts(self, d: Debrief) -> None:
        """Replace the extracted facts of a debrief in the facts collection (for aggregate asks)."""
        with self._lock:
            self._write(self.facts.delete, where={"debrief_id": d.id})
            ext = d.extraction
            if ext is None:
                return
            rows = [(cat, f"{cat.replace('_', ' ')}: {item.text}", item.evidence)
                    for cat in CATEGORIES for item in getattr(ext, cat)]
            # The people met, by what the note says of them: a "who" question ("the engineer I
            # had a one-to-one with") finds the line that describes them, named or not.
            rows += [("people", "person met: " + ", ".join(filter(None, (p.name, p.title)))
                      + f": {p.evidence}", p.evidence) for p in ext.people if p.evidence]
            if not rows:
                return
            base = metadata(d, debrief_id=d.id)
            vectors = self.embedder.embed([text for _, text, _ in rows])
            self._write(
                self.facts.add,
                ids=[f"{d.id}:f{n}" for n in range(len(rows))],
                documents=[evidence for _, _, evidence in rows],
                metadatas=[{**base, "category": cat} for cat, _, _ in rows],
                embeddings=vectors.tolist(),
            )

    def search_facts(
        self, query: str, *, k: int = 8, where: dict[str, Any] | None = None
    ) -> list[Chunk]:
        """Nearest extracted facts (their evidence quotes), with optional filters."""
        rows = self._nearest(self.facts, self.query_vector(query), k, where)
        return [Chunk(m["debrief_id"], doc, -1, 1.0 - dist, m) for doc, m, dist in rows]

    def _nearest(self, collection: Any, vec: list[list[float]], n: int,
                 where: dict[str, Any] | None) -> list[tuple[str, dict[str, Any], float]]:
        """The n nearest records (document, metadata, distance) that satisfy `where`.

        With a range in `where` (dates), Chroma is asked for RANGE_OVERFETCH × n records under
        the equality part only and the range is applied here; that is exact when n of them pass,
        or when Chroma returned fewer than it was asked for (every record under the equality
        part). Otherwise the whole clause goes to Chroma.
        """
        eq, ranged = split_where(where)
        include = ["documents", "metadatas", "distances"]
        if ranged:
            ask = n * RANGE_OVERFETCH
            res = self._read(collection.query, query_embeddings=vec, n_results=ask, where=eq,
                             include=include)
            rows = list(zip(res["documents"][0], res["metadatas"][0], res["distances"][0],
                            strict=True))
            kept = [r for r in rows if all(matches(r[1], part) for part in ranged)]
            if len(kept) >= n or len(rows) < ask:
                return [(doc, m, float(dist)) for doc, m, dist in kept[:n]]
        res = self._read(collection.query, query_embeddings=vec, n_results=n,
                         where=where or None, include=include)
        return [(doc, m, float(dist)) for doc, m, dist in zip(
            res["documents"][0], res["metadatas"][0], res["distances"][0], strict=True)]

    # -- reading ---------------------------------------------------------------------------

    @staticmethod
    def _to_debrief(doc: str, meta: dict[str, Any]) -> Debrief:
        rest = json.loads(meta["record"])
        rest["notes"] = doc
        return Debrief.model_validate(rest)

    def get(self, debrief_id: str) -> Debrief:
        """One debrief, or NotFound."""
        got = self._read(self.debriefs.get, ids=[debrief_id], include=["documents", "metadatas"])
        if not got["ids"]:
            raise NotFound(f"no debrief with id {debrief_id} (see `debrief list`)")
        return self._to_debrief(got["documents"][0], got["metadatas"][0])

    def exists(self, debrief_id: str) -> bool:
        """True when the id is stored."""
        return bool(self._read(self.debriefs.get, ids=[debrief_id])["ids"])

    def query_vector(self, query: str) -> list[list[float]]:
        """The question's embedding; chunks and facts are searched with the same question."""
        last = self._last_query  # read once: another thread may replace it meanwhile
        if last is None or last[0] != query:
            last = (query, self.embedder.embed([query]).tolist())
            self._last_query = last
        return last[1]

    def companies(self) -> set[str]:
        """Distinct company names, read per question by ask."""
        return set(self.roles())

    def roles(self, count: int | None = None) -> dict[str, set[str]]:
        """Each company's roles (as typed on its debriefs), read per question by ask.

        Cached until this process writes or the number of debriefs changes (another process
        added or deleted one); `count` is that number when the caller has just read it.
        """
        if count is None:
            count = self._read(self.debriefs.count)
        cached = self._companies
        if cached is None or cached[0] != count:
            got = self._read(self.debriefs.get, include=["metadatas"])
            roles: dict[str, set[str]] = {}
            for m in got["metadatas"]:
                roles.setdefault(str(m["company"]), set()).add(str(m.get("role") or ""))
            cached = (count, roles)
            self._companies = cached
        return {c: set(r) for c, r in cached[1].items()}

    def all(self) -> list[Debrief]:
        """Every debrief, newest interview first."""
        got = self._read(self.debriefs.get, include=["documents", "metadatas"])
        items = [self._to_debrief(doc, m) for doc, m in zip(got["documents"], got["metadatas"],
                                                               strict=True)]
        items.sort(key=lambda d: (d.date, d.created_at, d.id), reverse=True)
        return items

    def snapshot(self) -> list[Debrief]:
        """Every debrief, newest first, as one shared list for readers that change nothing
        (questions across interviews, the sentence index): read again when this process wrote
        or the number of debriefs changed (another process added or deleted one)."""
        key = (self.count(), self.generation)
        cached = self._snapshot
        if cached is None or cached[0] != key:
            cached = (key, self.all())
            # kept only when it holds as many debriefs as counted (a read beside another
            # thread's write can see the count and the records at different moments)
            self._snapshot = cached if len(cached[1]) == key[0] else None
        return cached[1]

    def count(self) -> int:
        """Number of stored debriefs."""
        return int(self._read(self.debriefs.count))

    def chunk_count(self, debrief_id: str | None = None) -> int:
        """Number of stored chunks (of one debrief, or all)."""
        if debrief_id is None:
            return int(self._read(self.chunks.count))
        return len(self._read(self.chunks.get, where={"debrief_id": debrief_id})["ids"])

    def search(
        self, query: str, *, k: int = 6, where: dict[str, Any] | None = None
    ) -> list[Chunk]:
        """Nearest chunks of current versions, with optional metadata filters."""
        vec = self.query_vector(query)
        n = k
        while True:
            rows = self._nearest(self.chunks, vec, n, where)
            current = self._current_versions({m["debrief_id"] for _, m, _ in rows})
            out = [Chunk(meta["debrief_id"], doc, int(meta.get("start", 0)), 1.0 - dist, meta)
                   for doc, meta, dist in rows
                   # a stale or half-written version (an edit in flight): never mix
                   if current.get(meta["debrief_id"]) == meta.get("version")]
            if len(out) >= k or len(rows) < n:
                return out[:k]
            n *= 2  # stale chunks took places: ask for more

    def keyword_search(
        self, words: list[str], *, k: int = 6, where: dict[str, Any] | None = None
    ) -> list[Chunk]:
        """Chunks of current versions holding the most of these words (Chroma's text filter).

        Chroma's `$contains` is case-sensitive, so each word is tried as typed, capitalised and
        upper-case; chunks are ranked by the words they hold, rarer words counting more.
        """
        variants = list(dict.fromkeys(v for w in words for v in (w, w.capitalize(), w.upper())))
        if not variants or self._read(self.chunks.count) == 0:
            return []
        contains = [{"$contains": v} for v in variants[:30]]
        res = self._read(self.chunks.get, where=where or None,
                         where_document=contains[0] if len(contains) == 1 else {"$or": contains},
                         include=["documents", "metadatas"], limit=300)
        current = self._current_versions({m["debrief_id"] for m in res["metadatas"]})
        found = [(doc.casefold(), doc, meta) for doc, meta in zip(
            res["documents"], res["metadatas"], strict=True)
            if current.get(meta["debrief_id"]) == meta.get("version")]
        # A word found in few chunks says more than one found in many (inverse frequency).
        df = {w: sum(1 for low, _, _ in found if w.casefold() in low) for w in words}
        scored = []
        for low, doc, meta in found:
            weight = sum(1.0 / df[w] for w in words if df[w] and w.casefold() in low)
            scored.append((weight, Chunk(meta["debrief_id"], doc, int(meta.get("start", 0)), 0.0,
                                         meta)))
        scored.sort(key=lambda hc: -hc[0])
        return [c for _, c in scored[:k]]

    def _current_versions(self, ids: set[str]) -> dict[str, int]:
        if not ids:
            return {}
        got = self._read(self.debriefs.get, ids=sorted(ids), include=["metadatas"])
        return {i: int(m.get("chunk_version", 0)) for i, m in zip(got["ids"], got["metadatas"],
                                                                    strict=True)}
