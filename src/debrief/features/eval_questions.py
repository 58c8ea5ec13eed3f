"""`debrief eval ask --corpus`: the question set over the labelled corpus, one store per user.

Each simulated user's notes go into a fresh temporary store (header fields from the corpus gold:
company, role, date, stage, people). The extraction indexed as facts is the gold extraction by
default (`extraction="gold"`, so asking is measured apart from extraction), or the extractor's
own (`extraction="extractor"`, slow with a real model). Every question of the chosen split is
asked through the service, as a user would, and scored:
- answer facts: the share of gold facts found in the answer (answerable questions);
- citations: every cited debrief is a supporting one, and at least one is cited;
- unanswerable refused; quotes outside their debrief (must be 0);
- recall@6: a gold line inside one of the (at most 6) passages the model would read, for
  questions with one supporting note (retrieval alone, whatever route the question took).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from debrief.core.config import Settings

SINGLE_KINDS = ("single-fact", "who", "when", "promise")


BASE_DATE = dt.date(2024, 1, 8)


def _gold_extraction(gold: dict[str, Any]) -> Any:
    from debrief.core.domain import Extraction

    fields = {k: v for k, v in gold.items() if k in Extraction.model_fields
              and k not in ("company", "role", "date", "stage")}
    return Extraction.model_validate(fields)


def _load_user(svc: Any, notes: list[Any], extraction: str) -> dict[str, str]:
    """Add one user's notes; corpus note id -> debrief id."""
    from debrief.core.domain import Person

    ids = {}
    last = BASE_DATE - dt.timedelta(days=7)
    for n in sorted(notes, key=lambda n: n.id):
        g = n.gold
        # A note without a full date is dated as the app would date it: the day it was saved,
        # a week after the interview before it in the user's order (corpus ids are in that
        # order), so a later round never sorts before an earlier one.
        date = g["date"] or (last + dt.timedelta(days=7)).isoformat()
        last = max(last, dt.date.fromisoformat(date))
        d = svc.add(n.text, company=g["company"], role=g.get("role"), date=date,
                    stage=g.get("stage"), people=[Person(name=p.get("name"), title=p.get("title"))
                                                  for p in g.get("people", [])])
        if extraction == "gold":
            d.extraction, d.extraction_status = _gold_extraction(g), "done"
            svc.store.save_record_only(d)
            svc.store.index_facts(d)
        else:
            svc.extract(d.id)
        ids[n.id] = d.id
    return ids


def gold_line_hit(gold_lines: list[str], passages: list[str]) -> bool:
    """A gold line is inside a passage, or a passage covers most of a long gold line."""
    return any(g in p or (p in g and len(p) >= 0.5 * len(g)) for g in gold_lines for p in passages)


def _recall_row(q: dict[str, Any], svc: Any) -> dict[str, Any]:
    """Retrieval alone: is a gold line among the passages the model would read?"""
    start = time.perf_counter()
    passages, _ = svc.asker.prepare(q["question"])
    return {"id": q["id"], "user": q["user"], "kind": q["kind"], "question": q["question"],
            "recall_at_6": gold_line_hit(q["gold_lines"], [p.text for p in passages[:6]]),
            "passages": [p.text for p in passages[:6]],
            "seconds": round(time.perf_counter() - start, 2)}


def _score(q: dict[str, Any], svc: Any, ids: dict[str, str]) -> dict[str, Any]:
    from debrief.core.evidence import folded
    from debrief.features.ask import Answer
    from debrief.features.evaluate import fact_found

    start = time.perf_counter()
    final: Answer | None = None
    for part in svc.ask_stream(q["question"]):
        if isinstance(part, Answer):
            final = part
    assert final is not None
    file_of = {v: k for k, v in ids.items()}
    supporting = set(q["supporting_notes"])
    cited = {file_of.get(c.debrief_id) for c in final.citations}
    answerable = q["kind"] != "unanswerable"
    row: dict[str, Any] = {
        "id": q["id"], "user": q["user"], "kind": q["kind"], "question": q["question"],
        "answer": final.answer, "supported": final.supported,
        # A refusal scores 0: its "you may mean" passages are not an answer.
        "fact_recall": (sum(fact_found(f, final.answer) for f in q["answer_facts"])
                        / len(q["answer_facts"]) if final.supported else 0.0)
        if answerable else None,
        "citations_ok": (bool(cited) and cited <= supporting) if answerable else None,
        "refused": not final.supported,
        "quotes_outside": sum(folded(c.quote) not in folded(svc.get(c.debrief_id).notes)
                              for c in final.citations),
        "seconds": round(time.perf_counter() - start, 2),
    }
    if answerable and len(supporting) == 1 and q["kind"] in SINGLE_KINDS:
        passages, _ = svc.asker.prepare(q["question"])
        row["recall_at_6"] = gold_line_hit(q["gold_lines"], [p.text for p in passages[:6]])
    return row


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures of a set of scored rows."""
    ans = [r for r in rows if r["kind"] != "unanswerable"]
    una = [r for r in rows if r["kind"] == "unanswerable"]
    rec = [r["recall_at_6"] for r in rows if "recall_at_6" in r]

    def mean(xs: list[float]) -> float:
        return round(sum(xs) / len(xs), 2) if xs else 0.0

    return {
        "questions": len(rows),
        "answer_facts": mean([r["fact_recall"] for r in ans]),
        "citations_right_debrief": mean([float(r["citations_ok"]) for r in ans]),
        "unanswerable_refused": f"{sum(r['refused'] for r in una)}/{len(una)}",
        "answerable_refused": f"{sum(r['refused'] for r in ans)}/{len(ans)}",
        "quotes_outside_debrief": sum(r["quotes_outside"] for r in rows),
        "recall_at_6": mean([float(x) for x in rec]), "recall_questions": len(rec),
        "by_kind": {k: mean([r["fact_recall"] for r in ans if r["kind"] == k])
                    for k in sorted({r["kind"] for r in ans})},
        "mean_seconds": mean([r["seconds"] for r in rows]),
    }


def recall_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures of a retrieval-only run."""
    hits = [r["recall_at_6"] for r in rows]
    return {"recall_at_6": round(sum(hits) / len(hits), 2) if hits else 0.0,
            "recall_questions": len(hits),
            "missed": [r["id"] for r in rows if not r["recall_at_6"]]}


def run_question_set(settings: Settings, *, questions: str | Path, corpus: str | Path,
                     split: str = "test", extraction: str = "gold", limit: int | None = None,
                     as_json: bool = False, retrieval_only: bool = False) -> dict[str, Any]:
    """Ask every question of one split, each user in its own store; print and return figures.

    `retrieval_only`: no answers, only recall@6 of the questions it applies to (seconds, not
    minutes: the model only counts tokens)."""
    from debrief.features import corpus as corpus_mod
    from debrief.wiring import build_model, build_service

    asked = [q for q in json.loads(Path(questions).read_text(encoding="utf-8"))
             if split in ("all", q["split"])]
    if retrieval_only:
        asked = [q for q in asked if q["kind"] in SINGLE_KINDS
                 and len(q["supporting_notes"]) == 1]
    if limit:
        asked = asked[:limit]
    by_user: dict[str, list[Any]] = {}
    for n in corpus_mod.load(Path(corpus)):
        by_user.setdefault(str(n.meta.get("user")), []).append(n)
    model = build_model(settings)
    rows: list[dict[str, Any]] = []
    for user in dict.fromkeys(q["user"] for q in asked):
        with tempfile.TemporaryDirectory() as tmp:
            svc = build_service(settings.model_copy(update={"data_dir": Path(tmp)}), model)
            ids = _load_user(svc, by_user[user], extraction)
            for q in (q for q in asked if q["user"] == user):
                rows.append(_recall_row(q, svc) if retrieval_only else _score(q, svc, ids))
                print(f"{q['id']} {q['kind']:<16}{rows[-1]['seconds']:>6.1f}s  "
                      f"{q['question'][:60]}", file=sys.stderr)
            svc.close()
    summary = {"split": split, "extraction": extraction, "model": getattr(model, "name", ""),
               **(recall_summary(rows) if retrieval_only else summarise(rows))}
    print(json.dumps({"summary": summary, "rows": rows} if as_json else summary, indent=2,
                     ensure_ascii=False))
    return {"summary": summary, "rows": rows}
