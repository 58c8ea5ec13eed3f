"""`debrief eval compose`: score messages against a case set.

Two case formats: the message cases over the team's corpus (data/messages/cases.json: kind,
tone, `to` {name|null, title}, topics, forbidden content, promises, a tune/test split) read with
`--corpus`, and the shared dev set (tests/data/eval/thank_you.json: warm thank-you notes) read
with `--notes`. Reported: required topic present, forbidden content, promises kept, each
check's pass rate, ungrounded specific words, seconds per message and to the first words.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from debrief.core.config import Settings
from debrief.core.domain import MESSAGE_KINDS, TONES
from debrief.core.errors import UserError
from debrief.core.evidence import folded
from debrief.features import frames
from debrief.features.frames import past_title
from debrief.features.message_checks import CHECK_NAMES
from debrief.features.phrasing import TAKEN_UP

EVAL_SIGNER = "Sam Rivera"


def frame_words() -> set[str]:
    """Every word code's frames can write: code's words, not claims about the interview."""
    from debrief.core.text import specific_words

    texts = [t for by_tone in frames.BODY.values() for ts in by_tone.values() for t in ts]
    texts += [t for table in (frames.FOLLOW_UP_BODY, frames.CONNECT_BODY)
              for ts in table.values() for t in ts]
    for kind in MESSAGE_KINDS:
        for tone in TONES:
            texts += [frames.opener(kind, tone, "x", "x"), frames.closing(kind, tone),
                      frames.promise_line(kind, "x"), frames.promise_line(kind, "apply x"),
                      frames.promise_line(kind, "gladly provide x"),
                      frames.promise_line(kind, "give you my answer"),  # an answer owed
                      frames.promise_line(kind, ["have sent you x", "send you x"]),  # kept
                      frames.sign_off(tone),
                      frames.greeting(kind, tone, frames.Recipient(None, "x"))]  # "Hello,"
    texts.append(frames.IF_HIRED)  # a promise's condition ("…, if I get the job")
    texts.append(TAKEN_UP)  # an invitation taken up ("come to the field day")
    texts += [frames.requested("x"), frames.AS_CONCERN, frames.AS_OPENING]
    # with the words code puts before a phrase: "how to design …", "whether I have …"
    return specific_words(" ".join(texts)) | {"hiring", "team", "dear", "how", "whether"}


def _load_corpus(svc: Any, root: Path, notes: set[str], extractions: str) -> dict[str, str]:
    """Corpus notes into the store with their gold header (and gold items as the extraction,
    standing in for a finished extraction, unless extractions == "none"); note id -> debrief id."""
    from debrief.core.domain import Extraction, Person

    ids: dict[str, str] = {}
    for note in sorted(notes):
        gold = json.loads((root / "gold" / f"{note}.json").read_text(encoding="utf-8"))
        d = svc.add((root / "notes" / f"{note}.txt").read_text(encoding="utf-8"),
                    company=gold.get("company") or note, role=gold.get("role"),
                    date=gold.get("date") or "2024-01-01", stage=gold.get("stage"),
                    people=[Person(name=p.get("name"), title=p.get("title"))
                            for p in gold.get("people", [])])
        if extractions == "gold":
            d.extraction = Extraction.model_validate(
                {k: v for k, v in gold.items() if k not in ("id", "meta", "date")})
            d.extraction_status = "done"
            svc.store.save_record_only(d)
        ids[note] = d.id
    return ids


def _overlaps(a: str, b: str) -> bool:
    """True when two spans of the note share most of the shorter one's words (punctuation
    aside: "lock," is "lock")."""
    wa, wb = (set(re.findall(r"[\w'’]+", folded(t))) for t in (a, b))
    return bool(wa and wb) and len(wa & wb) >= 0.6 * min(len(wa), len(wb))


# A forbidden item of the form "any invented name for the IB coordinator" or "a surname for
# Raj": the greeting must not name someone the note does not ("Dear IB Coordinator," is what it
# should say; "Hi Raj," is no surname). Read as words, "a surname for Raj" would flag every
# message that greets Raj.
INVENTED_NAME = re.compile(r"any (?:invented |made-up )?names? (?:for|of)\b|any invented names?\b"
                           r"|(?:a|any) (?:invented |made-up )?(?:sur|first |last |full |given )"
                           r"?names? (?:for|of)\b", re.IGNORECASE)


def _invents_name(greet: str, title: str, note: str) -> bool:
    """Whether the greeting holds a capitalised word that is neither a greeting, a word of the
    addressee's title nor a word of the note."""
    said = set(re.findall(r"[A-Z][\w'’-]*", greet)) - {"Hi", "Hello", "Dear", "Hey"}
    known = {w.casefold() for w in re.findall(r"[\w'’-]+", f"{title} {note}")}
    return any(w.casefold() not in known for w in said)


def _addressed(greet: str, to: dict[str, Any]) -> bool:
    """Whether the greeting names the addressee (a word of their name past its title: "Dr" of
    "Dr Rosalind Albrecht" greets nobody, and "Hi Dr Sollas," to her was once counted right);
    for someone unnamed, whether it holds no name-like word but their title's ("Dear Partner,"
    for "partner from the airport office")."""
    given = past_title(to.get("name") or "")
    if given:
        return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", greet)  # "K.M." ends on a stop
                   for w in (given[0], given[-1]))
    title = {w.casefold() for w in re.findall(r"[^\W\d_]+", to.get("title") or "")}
    said = re.findall(r"[^\W\d_]+", greet.split(",")[0])[1:]
    return not re.search(r"^(?:Hi|Dear) (?!Hiring)[A-Z][a-z]+ ?[A-Z]?[a-z]*,", greet) \
        or bool(said) and all(w.casefold() in title for w in said)


def _own_job_out(body: str, d: Any) -> str:
    """The message without its own job's role and company, which code's opener always names:
    "the Senior Product Marketing Manager role" says nothing of "the Partner Marketing role";
    nor does the opener's "my interview" of "the Wyvernstoke interview"."""
    role, company = getattr(d, "role", None), getattr(d, "company", None)
    # (and the role as the opener writes it, without its aside: "Operations Bursar" of
    # "Operations Bursar (was Domestic Bursar)")
    bare = re.sub(r"\s*\([^()]*\)", "", role).strip() if role else None
    for name in sorted(filter(None, (role, bare, company)), key=len, reverse=True):
        body = re.sub(re.escape(name), " ", body, flags=re.IGNORECASE)
    body = re.sub(r"\bmy\s+interview\b", " ", body, flags=re.IGNORECASE)
    return re.sub(r"\b(?:role|position|job)\b", " ", body, flags=re.IGNORECASE) if role else body


def _score(case: dict[str, Any], d: Any, out: Any, allowed: set[str]) -> dict[str, Any]:
    from debrief.core.text import specific_words
    from debrief.features.evaluate import fact_found

    body = out.message
    topics = case["must_mention_one_of"]
    by_words = any(fact_found(t, body) for t in topics)
    quotes = [g.quote for g in out.grounding]
    by_evidence = any(_overlaps(q, e) for q in quotes for e in case.get("evidence", []))
    # A word counts as the note's in another inflection too: "estimate" for the note's
    # "she estimates" once the sentence speaks to her.
    unsupported = sorted(w for w in specific_words(body)
                         if not ({w, w.rstrip("s"), f"{w}s", f"{w}es"} & allowed)
                         and w not in ("[your", "name]"))
    to = case.get("to") or {"name": case.get("interviewer"), "title": None}
    greet = body.split("\n")[0] if "\n" in body else body[:40]
    addressed = _addressed(greet, to)
    promised = case.get("promised") or []
    return {
        "id": case.get("id", case.get("file")), "kind": case.get("kind", "thank-you"),
        "tone": case.get("tone", "warm"), "to": to.get("name") or to.get("title"),
        "message": body, "topic_words": by_words, "topic_evidence": by_evidence,
        "mentions_required": by_words or by_evidence,
        "forbidden": [t for t in case["must_not_mention"]
                      if (_invents_name(greet, to.get("title") or "", d.notes)
                          if INVENTED_NAME.match(t) else fact_found(t, _own_job_out(body, d)))],
        "promise_kept": any(fact_found(p, body) for p in promised) if promised else None,
        "addressed": addressed, "unsupported_words": unsupported,
        "checks": {c.name: c.passed for c in out.checks}, "words": len(body.split()),
        "warnings": out.warnings,
    }


def run_compose(settings: Settings, *, cases: str | Path, notes: str | Path | None = None,
                corpus: str | Path | None = None, split: str | None = None,
                gold: str | Path = "tests/data/eval/gold.json", extractions: str = "gold",
                limit: int | None = None, as_json: bool = False) -> dict[str, Any]:
    """Write the message of every case and score it (see the module docstring)."""
    import tempfile

    from debrief.core.text import COURTESY_WORDS, specific_words, typed_out
    from debrief.features.evaluate import _load_eval_store

    todo = json.loads(Path(cases).read_text(encoding="utf-8"))
    if split:
        todo = [c for c in todo if c.get("split") == split]
    if limit:
        todo = todo[:limit]
    if corpus is None and notes is None:
        raise UserError("say where the notes are: --corpus DIR (message cases) or --notes DIR")
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        if corpus is not None:
            from debrief.wiring import build_service

            svc = build_service(settings.model_copy(update={"data_dir": Path(tmp)}))
            ids = _load_corpus(svc, Path(corpus), {c["note"] for c in todo}, extractions)
        else:
            assert notes is not None
            svc, ids = _load_eval_store(settings, Path(tmp), gold, notes)
        if not svc.profile().get("user_name"):
            # Scored as a user who set their name signs (unset, "[your name]" is left in).
            svc.save_profile(user_name=EVAL_SIGNER)
        signer = " ".join(v or "" for v in svc.profile().values())
        words = frame_words() | COURTESY_WORDS
        for case in todo:
            d = svc.get(ids[case.get("note") or case["file"]])
            to = case.get("to") or {"name": case.get("interviewer")}
            start = time.perf_counter()
            first_words = None
            snapshots = []
            for snap in svc.compose_stream(d.id, case.get("kind", "thank-you"),
                                           to.get("name") or to.get("title"),
                                           case.get("tone", "warm"), save=False):
                first_words = first_words or time.perf_counter() - start
                snapshots.append(snap)
            out = snapshots[-1]
            people = " ".join(f"{p.name or ''} {p.title or ''}" for p in d.people)
            # the note's shorthand spelled out ("thurs" -> "Thursday") is still its words
            allowed = specific_words(f"{d.notes} {typed_out(d.notes)} {d.company} "
                                     f"{d.role or ''} {people} {signer}") | words
            row = _score(case, d, out, allowed)
            row["seconds"] = round(time.perf_counter() - start, 2)
            row["first_words_s"] = round(first_words or 0.0, 2)
            rows.append(row)
            print(f"{row['id']}: {row['seconds']}s  topic={row['mentions_required']} "
                  f"forbidden={len(row['forbidden'])}", file=sys.stderr)
        svc.close()
    summary = summarise(rows)
    print(json.dumps({"summary": summary, "rows": rows} if as_json else summary, indent=2,
                     ensure_ascii=False))
    return {"summary": summary, "rows": rows}


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures over all rows (rates as fractions of the cases)."""
    n = max(1, len(rows))
    promised = [r for r in rows if r["promise_kept"] is not None]

    def rate(key: str) -> float:
        return round(sum(bool(r[key]) for r in rows) / n, 2)

    return {
        "cases": len(rows),
        "required_topic_present": rate("mentions_required"),
        "topic_by_words": rate("topic_words"),
        "topic_by_evidence": rate("topic_evidence"),
        "forbidden_mentions": sum(len(r["forbidden"]) for r in rows),
        "cases_with_forbidden": sum(bool(r["forbidden"]) for r in rows),
        "promise_kept": f"{sum(bool(r['promise_kept']) for r in promised)}/{len(promised)}",
        "addressed_right": rate("addressed"),
        "checks_pass": {name: round(sum(r["checks"].get(name, True) for r in rows) / n, 2)
                        for name in CHECK_NAMES},
        "ungrounded_words": sum(len(r["unsupported_words"]) for r in rows),
        "mean_seconds": round(sum(r["seconds"] for r in rows) / n, 2),
        "max_seconds": max((r["seconds"] for r in rows), default=0.0),
        "mean_first_words_s": round(sum(r["first_words_s"] for r in rows) / n, 2),
    }
