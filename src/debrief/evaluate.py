"""`debrief eval extraction`: score extraction against a labelled set by evidence overlap."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from debrief.config import Settings
from debrief.domain import Extraction
from debrief.errors import UserError
from debrief.evidence import locate

SCORED = ("insider_info", "interviewer_priorities", "better_fit_roles", "questions_asked",
          "follow_ups", "people")


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
        g_spans = [_span(note, g["evidence"]) for g in gold.get(cat, [])]
        g_spans = [s for s in g_spans if s]
        items = getattr(pred, cat)
        p_spans = [_span(note, p.evidence) for p in items]
        grounded = [s for s in p_spans if s]
        out[cat] = {
            "gold": len(g_spans), "pred": len(items), "grounded": len(grounded),
            "gold_hit": sum(any(overlaps(g, p) for p in grounded) for g in g_spans),
            "pred_hit": sum(any(overlaps(p, g) for g in g_spans) for p in grounded),
        }
    return out


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the extraction eval and print the table."""
    if args.eval_command != "extraction":
        raise UserError(f"unknown eval {args.eval_command}")
    from debrief.extract import Extractor
    from debrief.prompts import PromptLibrary
    from debrief.wiring import build_model

    gold_all = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    if args.files:
        gold_all = [g for g in gold_all if g["file"] in args.files]
    if args.limit:
        gold_all = gold_all[: args.limit]
    model = build_model(settings)
    extractor = Extractor(model, PromptLibrary(settings.prompts_dir), n_ctx=settings.n_ctx)
    totals: dict[str, dict[str, int]] = {c: dict.fromkeys(
        ("gold", "pred", "grounded", "gold_hit", "pred_hit"), 0) for c in SCORED}
    per_note = []
    t_all = time.perf_counter()
    company_ok = 0
    for g in gold_all:
        note = (Path(args.notes) / g["file"]).read_text(encoding="utf-8")
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
    table = []
    for cat, t in totals.items():
        table.append({
            "category": cat, "gold": t["gold"], "predicted": t["pred"],
            "recall": round(t["gold_hit"] / t["gold"], 2) if t["gold"] else None,
            "precision": round(t["pred_hit"] / t["grounded"], 2) if t["grounded"] else None,
            "grounded_rate": round(t["grounded"] / t["pred"], 2) if t["pred"] else None,
        })
    n = len(per_note) or 1
    summary = {
        "model": model.name, "notes": len(per_note), "table": table,
        "company_accuracy": round(company_ok / n, 2),
        "dropped_items": sum(p["dropped"] for p in per_note),
        "invented_questions": totals["questions_asked"]["pred"]
        - totals["questions_asked"]["grounded"],
        "seconds_per_note": round(sum(p["seconds"] for p in per_note) / n, 1),
        "prompt_tokens_per_note": round(sum(p["prompt_tokens"] for p in per_note) / n),
        "completion_tokens_per_note": round(sum(p["completion_tokens"] for p in per_note) / n),
        "wall_seconds": round(time.perf_counter() - t_all, 1),
    }
    if args.json:
        print(json.dumps({"summary": summary, "notes": per_note}, indent=2, ensure_ascii=False))
        return 0
    print(f"model {summary['model']}, {summary['notes']} notes")
    print(f"{'category':<24}{'gold':>6}{'pred':>6}{'recall':>8}{'precision':>11}{'grounded':>10}")
    for row in table:
        def f(v: float | None) -> str:
            return "-" if v is None else f"{v:.2f}"
        print(f"{row['category']:<24}{row['gold']:>6}{row['predicted']:>6}{f(row['recall']):>8}"
              f"{f(row['precision']):>11}{f(row['grounded_rate']):>10}")
    print(f"company accuracy {summary['company_accuracy']}, dropped {summary['dropped_items']}, "
          f"invented questions {summary['invented_questions']}, "
          f"{summary['seconds_per_note']} s/note, {summary['prompt_tokens_per_note']} prompt + "
          f"{summary['completion_tokens_per_note']} generated tokens/note")
    return 0
