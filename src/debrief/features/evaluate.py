"""`debrief eval extraction|ask|compose`: score the features against a labelled set.

Each `run_*` function takes plain arguments, prints the table (or JSON with as_json) like the
command does, and returns the report.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from debrief.core.config import Settings
from debrief.core.domain import CATEGORIES, Extraction
from debrief.core.evidence import locate

# The dev set (tests/data/eval/gold.json) labels people but no practice points.
SCORED = (*(c for c in CATEGORIES if c != "practice_points"), "people")


def _span(note: str, evidence: str) -> tuple[int, int] | None:
    s = locate(note, evidence, snap_ratio=1.01)
    return (s.start, s.end) if s else None


def overlaps(a: tuple[int, int], b: tuple[int, int], min_frac: float = 0.3) -> bool:
    """True when two spans share at least min_frac of the shorter one."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= min_frac * min(a[1] - a[0], b[1] - b[0])


def score_note(note: str, gold: dict[str, Any], pred: Extraction) -> dict[str, dict[str, int]]:
    """Per category: gold count, predicted count, matched gold, matched predictions, grounded."""
    out: dict[str, dict[str, int]] = {}
    for cat in SCORED:
        g_spans = [s for g in gold.get(cat, []) if (s := _span(note, g["evidence"]))]
        items = getattr(pred, cat)
        grounded = [s for p in items if (s := _span(note, p.evidence))]
        out[cat] = {
            "gold": len(g_spans), "pred": len(items), "grounded": len(grounded),
            "gold_hit": sum(any(overlaps(g, p) for p in grounded) for g in g_spans),
            "pred_hit": sum(any(overlaps(p, g) for g in g_spans) for p in grounded),
        }
    return out


def run_extraction(settings: Settings, *, gold: str | Path, notes: str | Path,
                   limit: int | None = None, files: list[str] | None = None,
                   design: str | None = None, corpus: str | Path | None = None,
                   as_json: bool = False) -> dict[str, Any]:
    """Run the extraction eval, print the table and return {"summary", "notes"}."""
    from debrief.adapters.prompts import PromptLibrary
    from debrief.features.extract import Extractor
    from debrief.wiring import build_embedder, build_model

    gold_all = json.loads(Path(gold).read_text(encoding="utf-8"))
    if files:
        gold_all = [g for g in gold_all if g["file"] in files]
    if limit:
        gold_all = gold_all[:limit]
    model = build_model(settings)
    extractor = Extractor(model, PromptLibrary(settings.prompts_dir), n_ctx=settings.n_ctx,
                          embedder=build_embedder(settings), design=design)
    totals: dict[str, dict[str, int]] = {c: dict.fromkeys(
        ("gold", "pred", "grounded", "gold_hit", "pred_hit"), 0) for c in SCORED}
    per_note = []
    t_all = time.perf_counter()
    company_ok = 0
    for g in gold_all:
        note = (Path(notes) / g["file"]).read_text(encoding="utf-8")
        pred = extractor.extract(note)
        s = score_note(note, g, pred)
        for cat, row in s.items():
            for k, v in row.items():
                totals[cat][k] += v
        company_ok += bool(pred.company and g["company"].casefold() in pred.company.casefold())
        per_note.append({"file": g["file"], "words": len(note.split()), "seconds": pred.seconds,
                         "prompt_tokens": pred.prompt_tokens,
                         "completion_tokens": pred.completion_tokens,
                         "dropped": pred.dropped_items, "scores": s,
                         "prediction": pred.model_dump(mode="json")})
        print(f"{g['file']}: {pred.seconds:.1f}s, {pred.prompt_tokens} prompt tok",
              file=sys.stderr)
    table = _table(totals)
    n = len(per_note) or 1
    summary: dict[str, Any] = {
        "model": model.name, "design": extractor.design,
        "classifier": "trained on the corpus only (the scored set is never trained on)",
        "notes": len(per_note),
        "table": table,
        "company_accuracy": round(company_ok / n, 2),
        "dropped_items": sum(p["dropped"] for p in per_note),
        "invented_questions": totals["questions_asked"]["pred"]
        - totals["questions_asked"]["grounded"],
        "headlines": _headline_check(per_note),
        "seconds_per_note": round(sum(p["seconds"] for p in per_note) / n, 1),
        "prompt_tokens_per_note": round(sum(p["prompt_tokens"] for p in per_note) / n),
        "completion_tokens_per_note": round(sum(p["completion_tokens"] for p in per_note) / n),
        "wall_seconds": round(time.perf_counter() - t_all, 1),
    }
    if corpus:
        summary["corpus"] = _corpus_tables(Path(corpus), Path(gold), Path(notes), extractor,
                                           not as_json)
    report = {"summary": summary, "notes": per_note}
    if as_json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return report
    print(f"cross-author: model {summary['model']}, design {summary['design']}, {summary['notes']} notes")
    print(f"{'category':<24}{'gold':>6}{'pred':>6}{'recall':>8}{'precision':>11}{'grounded':>10}")
    for row in table:
        def f(v: float | None) -> str:
            return "-" if v is None else f"{v:.2f}"
        print(f"{row['category']:<24}{row['gold']:>6}{row['predicted']:>6}{f(row['recall']):>8}"
              f"{f(row['precision']):>11}{f(row['grounded_rate']):>10}")
    print(f"company accuracy {summary['company_accuracy']}, dropped {summary['dropped_items']}, "
          f"invented questions {summary['invented_questions']}, headlines "
          f"{summary['headlines']['grounded']}/{summary['headlines']['items']} made of their "
          f"quote's words ({summary['headlines']['quote_only']} shown as the quote alone), "
          f"{summary['seconds_per_note']} s/note, {summary['prompt_tokens_per_note']} prompt + "
          f"{summary['completion_tokens_per_note']} generated tokens/note")
    return report


def _table(totals: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """One row per category: counts, recall, precision and grounded rate."""
    return [{
        "category": cat, "gold": t["gold"], "predicted": t["pred"],
        "recall": round(t["gold_hit"] / t["gold"], 2) if t["gold"] else None,
        "precision": round(t["pred_hit"] / t["grounded"], 2) if t["grounded"] else None,
        "grounded_rate": round(t["grounded"] / t["pred"], 2) if t["pred"] else None,
    } for cat, t in totals.items()]


def _headline_check(per_note: list[dict[str, Any]]) -> dict[str, int]:
    """How many items' headlines pass the evidence-words check (or are the quote itself)."""
    from debrief.features.headlines import grounded_headline

    items = grounded = quote_only = 0
    for row in per_note:
        for cat in CATEGORIES:
            for item in row["prediction"].get(cat, []):
                items += 1
                same = item["text"] == " ".join(item["evidence"].split()).rstrip(".;,")
                quote_only += same
                grounded += same or grounded_headline(item["text"], item["evidence"]) is not None
    return {"items": items, "grounded": grounded, "quote_only": quote_only}


def _corpus_tables(root: Path, gold_path: Path, notes_dir: Path, extractor: Any,
                   show: bool) -> dict[str, Any]:
    """Leave-one-style-out / leave-one-field-out classifier scores on the corpus."""
    from debrief.features import corpus
    from debrief.features import eval_extraction as ev
    from debrief.features.classify import LineClassifier

    notes = corpus.load(root)
    data = ev.featurise([(n.id, n.text, n.gold, n.meta) for n in notes], extractor.embedder)
    dev = ev.featurise([(g["file"], (notes_dir / g["file"]).read_text(encoding="utf-8"), g, {})
                        for g in json.loads(gold_path.read_text(encoding="utf-8"))],
                       extractor.embedder)
    thresholds = LineClassifier.load().thresholds
    results, summary = ev.group_report(data, dev, 0.5, thresholds)
    if show:
        for name, rows in {**results, "summary (classifier only)": summary}.items():
            print(ev.table(rows, name), file=sys.stderr)
    return {k: ev.as_json(v) for k, v in {**results, "summary": summary}.items()}


def _load_eval_store(settings: Settings, tmp: Path, gold_path: str | Path, notes: str | Path,
                     extractions: str | Path | None = None) -> tuple[Any, dict]:
    """A fresh service in tmp holding the eval notes (with gold fields); file -> debrief id."""
    from debrief.core.domain import Extraction as Ext
    from debrief.core.domain import Person
    from debrief.wiring import build_service

    gold = {g["file"]: g for g in json.loads(Path(gold_path).read_text(encoding="utf-8"))}
    svc = build_service(settings.model_copy(update={"data_dir": tmp}))
    preds: dict[str, Any] = {}
    if extractions:
        for row in json.loads(Path(extractions).read_text(encoding="utf-8"))["notes"]:
            preds[row["file"]] = row["prediction"]
    ids = {}
    for name in sorted(p.name for p in Path(notes).iterdir() if p.suffix == ".txt"):
        g = gold.get(name, {})
        d = svc.add((Path(notes) / name).read_text(encoding="utf-8"),
                    company=g.get("company") or name, role=g.get("role"),
                    date=g.get("date") or "2024-01-01", stage=g.get("stage"),
                    people=[Person(name=p.get("name"), title=p.get("title"))
                            for p in g.get("people", [])])
        if name in preds:
            d.extraction, d.extraction_status = Ext.model_validate(preds[name]), "done"
            svc.store.save_record_only(d)
            svc.store.index_facts(d)
        ids[name] = d.id
    return svc, ids


_NUMBER_NAMES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                 "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()
_SMALL_NUMBER = re.compile(r"\b(\d|" + "|".join(_NUMBER_NAMES) + r")\b", re.IGNORECASE)


def _fact_terms(text: str) -> set[str]:
    """Content words, and every small number as digits ("four" and "4" are one term)."""
    from debrief.core.text import terms

    found = {m.casefold() for m in _SMALL_NUMBER.findall(text)}
    # (a number word is one term, as digits: "two" is not counted twice, as "two" and "2")
    return (terms(text) - set(_NUMBER_NAMES)) \
        | {str(_NUMBER_NAMES.index(n)) if n in _NUMBER_NAMES else n for n in found}


PLURAL_MIN = 3  # letters a word ending in "s" needs to be read as a plural ("his", "gas": none)


def fact_found(fact: str, text: str) -> bool:
    """A fact counts as present when most of its content words appear in the text.

    A count written in words in one and in digits in the other matches ("4" and "Four of your…").
    A plural matches its singular ("references", "reference"), but a short word ending in "s"
    is no plural: "his" is not the greeting's "Hi".
    """
    want = _fact_terms(fact)
    if not want:
        return False
    have = _fact_terms(text)
    hit = sum(1 for w in want if w in have or len(w) > PLURAL_MIN and w.rstrip("s") in have)
    return hit >= max(1, round(0.5 * len(want)))


def run_ask(settings: Settings, *, questions: str | Path, notes: str | Path, gold: str | Path,
            extractions: str | Path | None = None, limit: int | None = None,
            as_json: bool = False) -> dict[str, Any]:
    """Answer every question of the set and score facts, citations and refusals."""
    import tempfile

    from debrief.features.ask import Answer

    asked = json.loads(Path(questions).read_text(encoding="utf-8"))
    if limit:
        asked = asked[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        svc, ids = _load_eval_store(settings, Path(tmp), gold, notes, extractions)
        file_of = {v: k for k, v in ids.items()}
        rows = []
        for q in asked:
            start = time.perf_counter()
            ttft = None
            final: Answer | None = None
            for part in svc.ask_stream(q["question"]):
                if isinstance(part, Answer):
                    final = part
                elif ttft is None:
                    ttft = time.perf_counter() - start
            assert final is not None
            supporting = set(q["supporting_files"])
            cited = {file_of.get(c.debrief_id) for c in final.citations}
            quotes_ok = all(c.quote in svc.get(c.debrief_id).notes for c in final.citations)
            facts = q["answer_facts"] if supporting else []
            rows.append({
                "question": q["question"], "kind": q["kind"], "answer": final.answer,
                "supported": final.supported,
                # A refusal scores 0: its "you may mean" passages are not an answer.
                "fact_recall": (sum(fact_found(f, final.answer) for f in facts) / len(facts)
                                if final.supported else 0.0) if facts else None,
                "citations_ok": (bool(cited) and cited <= supporting and bool(cited & supporting))
                if supporting else (not final.citations),
                "quotes_in_debrief": quotes_ok,
                "refused": not final.supported,
                "ttft": round(ttft, 2) if ttft is not None else None,
                "seconds": round(time.perf_counter() - start, 2),
                "prompt_tokens": final.prompt_tokens,
            })
            print(f"{q['kind']:<13}{rows[-1]['seconds']:>6.1f}s  {q['question'][:60]}",
                  file=sys.stderr)
        svc.close()
    answerable = [r for r in rows if r["kind"] != "unanswerable"]
    unanswerable = [r for r in rows if r["kind"] == "unanswerable"]
    ttfts = [r["ttft"] for r in rows if r["ttft"] is not None]
    summary = {
        "questions": len(rows),
        "fact_recall": round(sum(r["fact_recall"] or 0 for r in answerable)
                             / max(1, len(answerable)), 2),
        "citation_correctness": round(sum(r["citations_ok"] for r in answerable)
                                      / max(1, len(answerable)), 2),
        "unanswerable_refused": f"{sum(r['refused'] for r in unanswerable)}/{len(unanswerable)}",
        "answerable_refused": f"{sum(r['refused'] for r in answerable)}/{len(answerable)}",
        "quotes_not_in_debrief": sum(not r["quotes_in_debrief"] for r in rows),
        "mean_ttft": round(sum(ttfts) / max(1, len(ttfts)), 2),
        "mean_seconds": round(sum(r["seconds"] for r in rows) / max(1, len(rows)), 2),
        "by_kind": {k: round(sum(r["fact_recall"] or 0 for r in rows if r["kind"] == k)
                             / max(1, sum(1 for r in rows if r["kind"] == k)), 2)
                    for k in ("single-note", "cross-note", "aggregate")},
    }
    print(json.dumps({"summary": summary, "rows": rows} if as_json else summary, indent=2,
                     ensure_ascii=False))
    return {"summary": summary, "rows": rows}


def run_compose(settings: Settings, **kwargs: Any) -> dict[str, Any]:
    """Score messages against a case set (see features/eval_compose.py)."""
    from debrief.features.eval_compose import run_compose as run

    return run(settings, **kwargs)
