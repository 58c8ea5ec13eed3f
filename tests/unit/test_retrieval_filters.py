"""Filters at scale: the store's range planning and the sentence index's column filter must
give exactly what Chroma's own where clause gives."""

from __future__ import annotations

import random

from debrief.adapters.store import DebriefStore, matches, split_where
from debrief.core.config import Settings
from debrief.core.domain import Debrief
from debrief.features.retrieval import Filters, SentenceIndex

COMPANIES = ["Larkspur Analytics", "Corvanta Health", "Tidewell Labs"]
STAGES = ["recruiter screen", "panel", "final"]
LINES = ["the team is {n} engineers", "on-call is one week in {n}", "they asked about caching",
         "base band tops out at {n}0k", "she cared about code review", "send references Friday"]


def notes(rnd: random.Random, n: int) -> list[Debrief]:
    return [Debrief(id=f"d{i:03d}", company=rnd.choice(COMPANIES), stage=rnd.choice(STAGES),
                    date=f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                    notes="\n".join(rnd.choice(LINES).format(n=rnd.randint(2, 9))
                                    for _ in range(3)))
            for i in range(n)]


def wheres(rnd: random.Random) -> list[dict | None]:
    out: list[dict | None] = [None]
    for _ in range(25):
        out.append(Filters(company=rnd.choice([None, *COMPANIES]),
                           stage=rnd.choice([None, *STAGES]),
                           since=rnd.choice([None, "2024-03-01", "2024-11-20"]),
                           until=rnd.choice([None, "2024-06-30"]),
                           leave_out=rnd.choice([(), ("tidewell labs",)])).where())
    out.append({"company_lc": {"$in": ["tidewell labs", "larkspur analytics"]}})
    return out


def test_split_where_keeps_equalities_for_chroma_and_ranges_apart() -> None:
    where = Filters(company="Tidewell Labs", since="2024-03-01", until="2024-06-30").where()
    eq, ranged = split_where(where)
    assert eq == {"company_lc": "tidewell labs"}
    assert ranged == [{"date_int": {"$gte": 20240301}}, {"date_int": {"$lte": 20240630}}]
    assert split_where({"date_int": {"$gte": 1}}) == (None, [{"date_int": {"$gte": 1}}])
    assert split_where(None) == (None, [])


def test_sentence_index_filter_agrees_with_matches_record_by_record() -> None:
    rnd = random.Random(3)
    debriefs = notes(rnd, 60)
    index = SentenceIndex(debriefs)
    for where in wheres(rnd):
        if where is None:
            continue
        got = index.allowed(where)
        want = [matches(index.meta[i], where) for i in index.ids]
        assert got.tolist() == want, where
        hits = index.search("team engineers on-call", k=50, where=where)
        assert all(matches(h.metadata, where) for h in hits)


def test_range_filtered_search_equals_chromas_own_where(store: DebriefStore) -> None:
    rnd = random.Random(5)
    for d in notes(rnd, 40):
        store.save(d)
    vec = store.query_vector("how big is the team")
    include = ["documents", "metadatas", "distances"]
    for where in wheres(rnd):
        for n in (2, 6, 40):  # few, some, and more than any filter leaves (the exact fallback)
            got = store._nearest(store.chunks, vec, n, where)
            res = store.chunks.query(query_embeddings=vec, n_results=n, where=where,
                                     include=include)
            # The same nearest distances (equal lines tie, so ids may swap among equals),
            # every record inside the filter.
            assert [round(dist, 5) for _, _, dist in got] == \
                [round(dist, 5) for dist in res["distances"][0]], (where, n)
            assert all(matches(m, where) for _, m, _ in got)


def test_snapshot_is_shared_until_a_write_or_another_process_changes_the_count(
        store: DebriefStore, settings: Settings) -> None:
    rnd = random.Random(5)
    first, second, third = notes(rnd, 3)
    store.save(first)
    snap = store.snapshot()
    assert [d.id for d in snap] == [first.id]
    assert store.snapshot() is snap  # no second read
    store.save(second)  # this process wrote
    assert {d.id for d in store.snapshot()} == {first.id, second.id}
    if store.server_url is None:  # another process adding one: the count changes
        other = DebriefStore(store.embedder, path=settings.chroma_dir)
        other.save(third)
        assert {d.id for d in store.snapshot()} == {first.id, second.id, third.id}


def test_a_snapshot_read_while_a_write_runs_is_read_again_after_it(store: DebriefStore) -> None:
    # The background extraction saves its result while a question reads the debriefs: what the
    # question read mid-write must not stay the shared snapshot once the write is done.
    d = notes(random.Random(6), 1)[0]
    store.save(d)
    update = store.debriefs.update
    seen: list[str] = []

    def reading_meanwhile(*args, **kwargs):
        seen.append(store.snapshot()[0].extraction_status)  # the record before the write
        return update(*args, **kwargs)

    store.debriefs.update = reading_meanwhile  # type: ignore[method-assign]
    try:
        store.save_record_only(d.model_copy(update={"extraction_status": "failed"}))
    finally:
        store.debriefs.update = update  # type: ignore[method-assign]
    assert seen == [d.extraction_status] and d.extraction_status != "failed"
    assert store.snapshot()[0].extraction_status == "failed"


def test_a_snapshot_short_of_the_count_is_not_kept(store: DebriefStore) -> None:
    # The records read a moment before another thread's save landed, the count after it.
    first, second = notes(random.Random(7), 2)
    store.save(first)
    store.save(second)
    full = store.all
    store.all = lambda: full()[:1]  # type: ignore[method-assign]
    try:
        assert len(store.snapshot()) == 1
    finally:
        store.all = full  # type: ignore[method-assign]
    assert {d.id for d in store.snapshot()} == {first.id, second.id}


def test_retrieval_embeds_the_question_once_for_both_searches(tmp_path) -> None:
    from debrief.features.retrieval import retrieve
    from tests.fakes import HashingEmbedder

    embedder = HashingEmbedder()  # records what it embeds
    store = DebriefStore(embedder, path=tmp_path)  # type: ignore[arg-type]
    for d in notes(random.Random(9), 6):
        store.save(d)
        store.index_facts(d)
    question = "how big is the team at Tidewell?"
    got = retrieve(store, question, Filters(), k=3)
    assert got.passages and embedder.calls.count([question]) == 1


def test_the_people_met_are_facts_a_who_question_finds(tmp_path) -> None:
    """A person met is a fact of its own (the note's words about them), searched for "who"
    questions only, so an unnamed engineer is found by what the note says of him."""
    from debrief.core.domain import EvidencedPerson, Extraction
    from debrief.features.retrieval import retrieve
    from tests.fakes import HashingEmbedder

    store = DebriefStore(HashingEmbedder(), path=tmp_path)  # type: ignore[arg-type]
    line = "a software engineer from the data platform team who never gave his name"
    d = Debrief(id="d1", company="Ferrowen", date="2025-11-03",
                notes=f"Onsite.\nOne-to-one with {line}.\nLunch was fine.\n")
    d.extraction = Extraction(people=[EvidencedPerson(title="software engineer",
                                                      evidence=line)])
    store.save(d)
    store.index_facts(d)
    facts = store.search_facts("who was the engineer", k=5)
    assert [f.metadata["category"] for f in facts] == ["people"] and facts[0].text == line
    asked = retrieve(store, "who was the engineer I had a one-to-one with", Filters(), k=3)
    assert any(line in p.text for p in asked.passages)


def test_who_was_in_charge_looks_for_who_chaired() -> None:
    from debrief.core.text import expanded_stems, stems

    assert set(stems("chaired")) <= set(expanded_stems("who was in charge of my first interview"))
