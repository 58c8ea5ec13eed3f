"""The question-set eval: one store per user, gold extraction as facts, the figures it reports."""

from __future__ import annotations

import json
from pathlib import Path

from debrief.core.config import CHECKOUT, Settings
from debrief.features.eval_questions import gold_line_hit, run_question_set, summarise
from tests.conftest import FAKE_EMBEDDINGS

QUESTIONS = CHECKOUT / "data" / "questions" / "questions.json"


def test_gold_line_hit_needs_the_line_inside_a_passage() -> None:
    assert gold_line_hit(["base $172k"], ["Comp: base $172k, bonus 15%"])
    assert gold_line_hit(["Comp: base $172k, bonus 15%"], ["base $172k, bonus 15%"])
    assert not gold_line_hit(["Comp: base $172k, bonus 15%"], ["Comp"])


def test_summary_counts_refusals_quotes_and_recall() -> None:
    rows = [
        {"kind": "who", "fact_recall": 1.0, "citations_ok": True, "refused": False,
         "quotes_outside": 0, "recall_at_6": True, "seconds": 1.0},
        {"kind": "unanswerable", "fact_recall": None, "citations_ok": None, "refused": True,
         "quotes_outside": 0, "seconds": 1.0},
    ]
    s = summarise(rows)
    assert s["answer_facts"] == 1.0 and s["unanswerable_refused"] == "1/1"
    assert s["recall_at_6"] == 1.0 and s["quotes_outside_debrief"] == 0


def test_one_user_of_the_tune_half_runs_end_to_end(tmp_path: Path, monkeypatch, capsys) -> None:
    from tests.fakes import echo_model

    monkeypatch.setattr("tests.fakes.active_model", echo_model())
    first_user = json.loads(QUESTIONS.read_text(encoding="utf-8"))[0]["user"]
    settings = Settings(data_dir=tmp_path, model="fake:tests.fakes:active_model",
                        embedding_model=FAKE_EMBEDDINGS)
    report = run_question_set(settings, questions=QUESTIONS, corpus=CHECKOUT / "data" / "corpus",
                              split="tune", limit=3)
    assert {r["user"] for r in report["rows"]} == {first_user}
    assert report["summary"]["questions"] == 3 and report["summary"]["extraction"] == "gold"
    assert report["summary"]["quotes_outside_debrief"] == 0


def test_a_count_is_found_in_words_or_digits() -> None:
    """The number fact of a count question ("4") was never found: one-character terms are dropped."""
    from debrief.features.evaluate import fact_found

    assert fact_found("4", "Four of your companies suggested another opening.")
    assert fact_found("3 firms", "3 firms told you a base salary.")
    assert not fact_found("4", "Your notes name 5 people who interviewed you.")
    assert not fact_found("2", "Your notes don't say.")


def test_every_question_set_holds_verbatim_gold_lines_of_its_users_notes() -> None:
    """The README's check, run on each set: gold lines are exact substrings of the question's
    own user's notes, and only unanswerable questions have neither notes nor lines."""
    # the main corpus, and the small held-out one a probe was written over (corpus-probe14)
    folders = [CHECKOUT / "data" / "corpus", *sorted((CHECKOUT / "data").glob("corpus-*"))]
    owner = {p.stem: json.loads(p.read_text(encoding="utf-8"))["meta"]["user"]
             for corpus in folders for p in (corpus / "gold").glob("*.json")}
    where = {p.stem: corpus for corpus in folders for p in (corpus / "notes").glob("*.txt")}
    names = sorted(p.name for p in QUESTIONS.parent.glob("*.json"))
    assert {"questions.json", "probe.json", "probe6.json"} <= set(names), names
    for name in names:
        path = QUESTIONS.with_name(name)
        asked = json.loads(path.read_text(encoding="utf-8"))
        assert len({q["id"] for q in asked}) == len(asked), name
        for q in asked:
            texts = [(where[n] / "notes" / f"{n}.txt").read_text(encoding="utf-8")
                     for n in q["supporting_notes"]]
            assert all(owner[n] == q["user"] for n in q["supporting_notes"]), q["id"]
            assert all(any(g in t for t in texts) for g in q["gold_lines"]), q["id"]
            assert (q["kind"] == "unanswerable") == (not q["supporting_notes"]), q["id"]
