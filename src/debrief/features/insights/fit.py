"""Only what the heading says: is an extracted item a question, an opening, a person?

Extraction can file a sentence in the wrong list (a line about the writer's nerves under
questions, "I hope this results in an offer" under better-fit roles, a coding challenge or a
limo ride under people met). The insights page shows a row only when it fits its heading:

- `question_score`: how much an item reads as a question or task the interviewer gave (surface
  cues of its quote and headline, 0..1); rows under QUESTION_THRESHOLD are held back.
- `role_score`: whether an item names a role, team or opening (0..1); under ROLE_THRESHOLD,
  held back.
- `core.people.is_person` / `writer_names`: a person met is a name or a role ("the nurse
  manager"), never an event or a product, and never the user (their profile name, or a name the
  note gives its writer); kept in core because extraction uses it too.

The thresholds were measured on the team's labelled corpus (data/corpus, 245 notes): see
docs/insights.md for the figures and `python -m debrief.features.insights.fit data/corpus` for
the command that prints them.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from debrief.core.domain import CATEGORIES, Person
from debrief.core.people import is_person

# Measured on data/corpus, 2026-11 (docs/insights.md): at 0.40, 1,219 of 1,233 gold questions
# and tasks (98.9%) are kept, and 656 of 3,414 unlabelled sentences (nerves, travel, schedule:
# what a wrong extraction files as a question) are held back; 0.60 would hold back 77% of
# those but also 10% of real questions, which are often written without any cue.
QUESTION_THRESHOLD = 0.40
# At 0.50 an item must name a role, a team or an opening: all 90 gold roles are kept, 72% of
# unlabelled sentences ("I hope this results in an offer") are held back.
ROLE_THRESHOLD = 0.50

_WH = re.compile(r"^\W*(why|what|what's|whats|how|when|where|which|who|would|could|can|do|does|"
                 r"did|are|is|have|has|tell|walk|describe|explain|give|talk|name|pitch|sell|"
                 r"design|implement|write|build|present|prepare|draw|solve|estimate|show|"
                 r"convince|teach|plan|debug|find|rank|prioriti[sz]e|role[- ]?play|case)\b",
                 re.IGNORECASE)
_ASKED = re.compile(r"\b(asked|asks|ask|asking|question|questions|quizzed|wanted to know|had me|"
                    r"had to|have to|got to|told me to|"
                    r"made me|gave me|tell me|walk (me|us|them|him|her) through|q:|"
                    r"pergunt\w*|pregunt\w*|fragte|demand\w*)\b", re.IGNORECASE)
_TASK = re.compile(r"\b(case( study)?|exercise|challenge|task|take[- ]home|whiteboard|coding|"
                   r"role[- ]?play|presentation|present|demo|lesson|problem|scenario|test|"
                   r"assessment|quiz|puzzle|brain ?teaser|mock|simulation|drill|walkthrough|"
                   r"pitch|prompt|write[- ]up|sample|query|sql|code|algorithm|memo|"
                   r"essay|critique|review|audit|plan|design)\b", re.IGNORECASE)
_YOU = re.compile(r"\b(you|your|you'd|you've|you're|yourself)\b", re.IGNORECASE)
_NOT_ASKED = re.compile(
    r"\b(nervous|anxious|stress\w*|tired|exhausted|excited|relieved|hope|hoping|hopefully|"
    r"felt|feel|feeling|scared|worried|worry|sleep|slept|coffee|traffic|parking|commute|"
    r"weather|rain|lunch|dinner|ride|uber|taxi|limo|hotel|flight|train|bus|"
    r"schedul\w*|calendar|reschedul\w*|invite|offer|salary band|benefits|"
    r"will send|send (him|her|them)|thank[- ]you|follow[- ]up|hear back|let me know|"
    r"i think|i thought|i guess|i should|i need to|i forgot|i rambled|i froze)\b",
    re.IGNORECASE)
# The writer telling what happened ("I was", "we talked"), not what they were asked.
_NARRATION = re.compile(r"^\W*(i|i'm|im|i've|i'd|we|we're|my|it|it's|this|that|there|so|then|"
                        r"overall|honestly|anyway|also|the (building|office|drive|day|room))\b",
                        re.IGNORECASE)
_ROLE_NOUN = re.compile(
    r"\b(role|roles|team|teams|opening|openings|position|positions|post|req|reqs|requisition|"
    r"vacancy|vacancies|job|jobs|slot|seat|headcount|contract|internship|fellowship|residency|"
    r"program|programme|department|unit|group|squad|office|desk|practice|lab|clinic|ward|"
    r"hiring|hire|recruiting|advertis\w*|posted|posting|"
    r"engineer|developer|designer|manager|mgr|analyst|scientist|lead|director|head|"
    r"coordinator|specialist|associate|consultant|officer|assistant|intern|nurse|rn|teacher|"
    r"tutor|lecturer|professor|researcher|postdoc|lawyer|attorney|counsel|paralegal|"
    r"accountant|banker|underwriter|planner|technician|electrician|mechanic|operator|"
    r"supervisor|foreman|chef|cook|clerk|representative|rep|agent|advisor|adviser|"
    r"administrator|admin|pm|sre|devops|architect|editor|writer|marketer|strategist|"
    r"producer|instructor|coach|therapist|pharmacist|educator|partner|principal|fom|"
    r"vp|cto|ceo|cfo|coo|owner|founder|executive|exec|auditor|inspector|dispatcher|driver|"
    r"platform|infra|infrastructure|backend|frontend|sales|marketing|ops|operations|support|"
    r"research|engineering|finance|legal|compliance|nursing|faculty|controller|comptroller|"
    r"bookkeeper|looking for|buscan|busca|procuram|cherchent|sucht|suchen)s?\b",
    re.IGNORECASE)
_ACRONYM = re.compile(r"\b[A-Z]{2,5}s?\b")



def question_score(text: str, evidence: str) -> float:
    """0..1: how much an item reads as a question or a task the interviewer gave.

    Neutral items stay at 0.5 (questions are written in many ways, often without a question
    mark); cues of a question raise the score, cues of nerves, travel, schedule or the writer's
    own to-dos lower it."""
    both = f"{evidence} {text}"
    asked = "?" in both or bool(_ASKED.search(evidence))
    wh = bool(_WH.search(evidence) or _WH.search(text))
    task = bool(_TASK.search(both))
    score = 0.5 + 0.2 * asked + 0.15 * wh + 0.1 * task + 0.05 * bool(_YOU.search(evidence))
    if not (asked or wh):
        if _NOT_ASKED.search(both):
            score -= 0.4
        if _NARRATION.search(evidence) and not task:
            score -= 0.2
    return max(0.0, min(1.0, score))


def role_score(text: str, evidence: str, why: str | None = None) -> float:
    """0..1: whether an item names a role, team or opening (1.0 when it does)."""
    if _ROLE_NOUN.search(text) or _ROLE_NOUN.search(evidence) or _ACRONYM.search(text):
        return 1.0
    return 0.25 if why and _ROLE_NOUN.search(why) else 0.0


def _unlabelled(note: str, gold: dict) -> list[str]:
    """The note's sentence units that no gold item's evidence overlaps (feelings, commute...)."""
    from debrief.core.evidence import segment

    spans = [(p, p + len(i["evidence"])) for c in CATEGORIES for i in gold.get(c, [])
             if (p := note.find(i["evidence"])) >= 0]
    return [u.text for u in segment(note)
            if not any(min(u.span.end, e) > max(u.span.start, s) for s, e in spans)]


def measure(corpus: Path) -> dict[str, object]:
    """Scores of the labelled corpus: per threshold, the share of gold questions (or roles)
    kept, and of other categories' items and of unlabelled sentences held back."""
    rows: list[tuple[str, float, float]] = []
    people = [0, 0]
    files = sorted((corpus / "gold").glob("*.json"))
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        note = (corpus / "notes" / f"{path.stem}.txt").read_text(encoding="utf-8")
        for cat in CATEGORIES:
            for i in gold.get(cat, []):
                rows.append((cat, question_score(i["text"], i["evidence"]),
                             role_score(i["text"], i["evidence"], i.get("why"))))
        for unit in _unlabelled(note, gold):
            rows.append(("none", question_score(unit, unit), role_score(unit, unit)))
        for p in gold.get("people", []):
            people[0] += is_person(Person(name=p.get("name"), title=p.get("title")), set())
            people[1] += 1
    out: dict[str, object] = {"notes": len(files), "people_kept": people}
    for name, col, target in (("question", 1, "questions_asked"),
                              ("role", 2, "better_fit_roles")):
        table = {}
        for t in (0.2, 0.3, 0.4, 0.5, 0.6):
            def share(cats: set[str], keep: bool, t: float = t, col: int = col) -> list[int]:
                got = [float(r[col]) for r in rows if r[0] in cats]
                return [sum((v >= t) == keep for v in got), len(got)]
            table[str(t)] = {"gold kept": share({target}, True),
                             "other items held back": share(set(CATEGORIES) - {target}, False),
                             "unlabelled held back": share({"none"}, False)}
        out[name] = table
    return out


if __name__ == "__main__":  # python -m debrief.features.insights.fit data/corpus
    print(json.dumps(measure(Path(sys.argv[1] if len(sys.argv) > 1 else "data/corpus")),
                     indent=1))
