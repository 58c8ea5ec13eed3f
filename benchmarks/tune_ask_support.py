"""Tune ask's "an answer must answer" share (features/ask.py SUPPORTED_SHARE) on one split.

Runs `debrief eval ask` on the question set's split (default: tune) with the real model once,
recording each model reply with its passages; then scores the same replies again for every
share in --shares (the check is code: no model call is repeated) and prints, per share, answer
facts, citations to the right debrief and how many answerable / unanswerable questions were
refused. Pick the share on the tune half; the test half decides (run `debrief eval ask --split
test` with the chosen value).

Usage: .venv/bin/python benchmarks/tune_ask_support.py [--split tune] [--limit N]
         [--shares 0,0.2,0.3,0.4,0.5] [--out .eval-results/ask-support-tune.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from debrief.core.config import Settings
from debrief.features import ask as ask_mod
from debrief.features import eval_questions
from debrief.features.evaluate import fact_found

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Record the replies once, then score every share."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="tune")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--shares", default="0,0.2,0.3,0.4,0.5,0.6")
    ap.add_argument("--out", default=str(ROOT / ".eval-results" / "ask-support-tune.json"))
    args = ap.parse_args()

    shares = [float(s) for s in args.shares.split(",")]
    shipped = ask_mod.SUPPORTED_SHARE
    recorded: list[dict[str, Any]] = []
    original = ask_mod.Asker.finish

    def recording(self: ask_mod.Asker, text: str, passages: list, start: float,
                  prompt_tokens: int, question: str = "") -> ask_mod.Answer:
        # Scored again for every share while this user's store is still open.
        outcomes = {}
        for share in shares:
            ask_mod.SUPPORTED_SHARE = share
            again = original(self, text, passages, start, prompt_tokens, question)
            outcomes[share] = (again.supported, again.answer)
        ask_mod.SUPPORTED_SHARE = shipped
        recorded.append({"question": question, "text": text, "outcomes": outcomes})
        return original(self, text, passages, start, prompt_tokens, question)

    ask_mod.Asker.finish = recording  # type: ignore[method-assign]
    out = eval_questions.run_question_set(
        Settings(), questions=ROOT / "data" / "questions" / "questions.json",
        corpus=ROOT / "data" / "corpus", split=args.split, limit=args.limit, as_json=False)
    ask_mod.Asker.finish = original  # type: ignore[method-assign]
    by_question = {r["question"]: r for r in recorded}
    gold = {q["question"]: q for q in json.loads(
        (ROOT / "data" / "questions" / "questions.json").read_text(encoding="utf-8"))}

    table = []
    for share in shares:
        facts, refused_ans, refused_una, n_ans, n_una = [], 0, 0, 0, 0
        for row in out["rows"]:
            q = gold[row["question"]]
            rec = by_question.get(row["question"])
            if rec is None:  # answered in code: the share plays no part
                supported, answer = row["supported"], row["answer"]
            else:
                supported, answer = rec["outcomes"][share]
            if q["kind"] == "unanswerable":
                n_una += 1
                refused_una += not supported
            else:
                n_ans += 1
                refused_ans += not supported
                facts.append(sum(fact_found(f, answer) for f in q["answer_facts"])
                             / len(q["answer_facts"]) if supported else 0.0)
        table.append({"share": share, "answer_facts": round(sum(facts) / max(1, len(facts)), 3),
                      "answerable_refused": f"{refused_ans}/{n_ans}",
                      "unanswerable_refused": f"{refused_una}/{n_una}",
                      "model_replies": len(recorded)})
    for t in table:
        print(json.dumps(t), file=sys.stderr)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"summary": out["summary"], "shares": table,
                                          "rows": out["rows"],
                                          "replies": [{"question": r["question"],
                                                       "text": r["text"]} for r in recorded]},
                                         indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
