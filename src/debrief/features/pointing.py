"""Which one interview a question points at by its date or its order, not its company alone.

People name an interview the way they remember it: "the recruiter screen I did on October 8th",
"the panel on march 6th", "my second round at Tindrel", "the first round at Wrenfield", "my most
recent interview". When the user has had several interviews with the company (or names none),
the company alone leaves the search over all of them, and the answer comes from the wrong round.
This module finds that one debrief, so that retrieval and the answers built in code look only
there. It points at nothing for a question across interviews ("which jobs…", "those two") or
when the words fit no debrief or several.

A date is matched against the debrief's stored date and against the dates its note's first
lines write ("brackwater systems -- recruiter screen, tue 10/8"), month and day only (notes rarely
give the year). An order ("second", "round 2", "latest") counts the company's debriefs by date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from debrief.core.domain import Debrief
from debrief.core.text import MONTHS, terms
from debrief.features.retrieval import named_companies

_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# "October 8th", "oct 8", "8th of October", "8 Oct", "10/8" (month first or day first)
MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b|\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![a-z])"
                       r"|(?<![\d/])(?!24/7\b)(\d{1,2})/(\d{1,2})(?![\d/])", re.IGNORECASE)
# The first lines of a note, where a date of the interview is written if anywhere.
HEADER_CHARS = 200

# An interview named by its place in the order: "the second round", "round 2", "my latest one".
ORDINALS = {"first": 0, "1st": 0, "one": 0, "1": 0, "second": 1, "2nd": 1, "two": 1, "2": 1,
            "third": 2, "3rd": 2, "three": 2, "3": 2, "last": -1, "latest": -1, "final": -1,
            "later": -1, "most recent": -1, "earlier": 0, "earliest": 0}
_ORDER_WORD = r"(first|1st|second|2nd|third|3rd|last|latest|final|later|most recent|earlier|earliest)"
ORDER = re.compile(rf"\b{_ORDER_WORD}\s+(?:round|interview|stage|one|call|chat)s?\b"
                   r"|\b(?:round|interview)\s+(one|two|three|1|2|3)\b", re.IGNORECASE)
# A question about more than one interview is never narrowed to one ("what is different now
# from the first interview" compares it with a later one).
ACROSS = re.compile(r"\b(?:these|those|both|between|across|compare\w*|every|each|all\s+(?:my|the|of)"
                    r"|different|differ\w*|chang\w*|since|still|anymore|now"
                    r"|any\s+of|vs\.?|versus)\b|\b(?:jobs|roles|companies|firms|places|interviews"
                    r"|offers|employers|schools|hospitals|agencies|positions|rounds)\b",
                    re.IGNORECASE)
# Without a company, only "my most recent / first / last interview" points at one.
OWN_ORDER = re.compile(r"\b(?:my|the)\s+(?:very\s+)?(first|last|latest|most recent|earliest)"
                       r"\s+(?:interview|one)\b", re.IGNORECASE)


# Without a company, "my final round", "my panel", "my phone screen": the interview at that stage.
OWN_STAGE = re.compile(r"\bmy\s+(final|panel|on-?site|tech(?:nical)?\s+screen|recruiter\s+(?:screen|call)"
                       r"|phone\s+screen|portfolio\s+review)\b", re.IGNORECASE)
OWN_STAGES = {"final": "final", "panel": "panel", "on": "onsite loop", "tech": "technical screen",
              "recruiter": "recruiter screen", "phone": "recruiter screen",
              "portfolio": "portfolio review"}


def month_days(text: str) -> set[tuple[int, int]]:
    """The (month, day) pairs a text writes; "10/8" gives both readings."""
    out: set[tuple[int, int]] = set()
    for m in MONTH_DAY.finditer(text):
        if m.group(1):
            pairs = [(MONTHS[m.group(1)[:3].lower()], int(m.group(2)))]
        elif m.group(3):
            pairs = [(MONTHS[m.group(4)[:3].lower()], int(m.group(3)))]
        else:
            a, b = int(m.group(5)), int(m.group(6))
            pairs = [(a, b), (b, a)]
        out.update((mo, d) for mo, d in pairs if 1 <= mo <= 12 and 1 <= d <= 31)
    return out


def without_pointers(question: str) -> str:
    """The question less the date or order it names its interview by ("on october 8th",
    "my second round"): words the answer's line will not hold."""
    for pattern in (MONTH_DAY, ORDER, OWN_ORDER):
        question = pattern.sub(" ", question)
    return question


def _dates_of(d: Debrief) -> set[tuple[int, int]]:
    out = month_days(d.notes[:HEADER_CHARS])
    parts = d.date.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        out.add((int(parts[1]), int(parts[2])))
    return out


def _met_at(question: str, pool: list[Debrief]) -> list[str]:
    """The one company whose interviews the people a question names were all met at ("the
    first round" in "did I tell fiona I'd send her anything after the first round"), else []."""
    words = set(terms(question))
    companies = {d.company for d in pool for p in d.people
                 if p.name and {w for w in terms(p.name) if len(w) > 2} & words}
    return sorted(companies) if len(companies) == 1 else []


def pointed_debrief(question: str, debriefs: Iterable[Debrief],
                    company: str | None = None) -> Debrief | None:
    """The one debrief a question about one interview names by date or order, else None.

    `company`: the one company the user already chose (the web app's filter), which the
    question then need not name ("my second round").
    """
    if ACROSS.search(question):
        return None
    pool = list(debriefs)
    roles: dict[str, set[str]] = {}
    for d in pool:
        roles.setdefault(d.company, set()).add(d.role or "")
    chosen = [c for c in roles if company and c.casefold() == company.strip().casefold()]
    named = chosen or (named_companies(question, sorted(roles), roles) if pool else [])
    if not named and ORDER.search(question):
        named = _met_at(question, pool)
    scoped = sorted((d for d in pool if not named or d.company in named), key=lambda d: d.date)
    if len(scoped) < 2 and named:
        return None  # the company alone already points at its one interview
    asked = month_days(question)
    if asked:
        dated = [d for d in scoped if _dates_of(d) & asked]
        return dated[0] if len(dated) == 1 else None
    if len(named) == 1:
        orders = {ORDINALS[(m.group(1) or m.group(2)).lower()] for m in ORDER.finditer(question)}
        if len(orders) == 1:
            n = orders.pop()
            return scoped[n] if -len(scoped) <= n < len(scoped) else None
        return None
    if not named and (m := OWN_ORDER.search(question)):
        return scoped[ORDINALS[m.group(1).lower()]] if scoped else None
    if not named and (m := OWN_STAGE.search(question)):
        # "who was my final round with": the one interview at that stage, when there is one
        word = re.sub(r"\W+", " ", m.group(1).casefold()).strip()
        stage = next(s for w, s in OWN_STAGES.items() if word.startswith(w))
        staged = [d for d in scoped if d.stage == stage]
        return staged[0] if len(staged) == 1 else None
    return None
