"""Is it someone? A person met is a name or a role ("the nurse manager"), never an event, a
product or the user. Used by extraction (the header pass's people) and by insights (network
rows), so it lives here rather than in either feature.
"""

from __future__ import annotations

import re

from debrief.core.domain import Person
from debrief.core.text import normalise

# A person's title: a role word (the same nouns as openings, plus who one meets).
_PERSON_ROLE = re.compile(
    r"\b(recruiter|recruiting|talent|hr|people|interviewer|panel(ist)?|chair|dean|president|"
    r"superintendent|matron|steward|staff|member|colleague|peer|student|students|guides?|"
    r"rep|director|manager|mgr|head|lead|engineer|founder|partner|principal|teacher|nurse|rn|"
    r"[a-z]+(er|or|ist|ant|ent|ian|ive|man|woman|person)s?)\b", re.IGNORECASE)
# A sentence saying the user does not know someone's name ("a data analyst who didn't give
# her name", "said her name once and I missed it"): it answers no "who", and no message
# repeats it.
NAME_NOT_GIVEN = re.compile(
    r"\b(?:didn'?t|did not|never|couldn'?t|can'?t|don'?t|do not|forgot to)\s+(?:give|gave|catch"
    r"|caught|get|got|ask|asked|hear|heard|say|said|tell me|told me|remember|know|knew)\s+"
    r"(?:me\s+)?(?:her|his|their|the)\s+(?:\w+\s+)?"
    r"(?:sur)?name"
    r"|\bno name\b|\bname(?:\s+was)?\s+(?:not given|unknown)\b"
    r"|\bsaid\s+(?:her|his|their)\s+name\s+once\b"
    # "a senior instructor …, whose name I never caught"
    r"|\bwhose\s+name\s+(?:i|we)\s+(?:never|didn'?t|did\s+not|couldn'?t|forgot\s+to)\s+"
    r"(?:caught|catch|got|get|heard|hear|remember(?:ed)?|ask(?:ed)?)\b"
    # the same in the other languages of the notes ("não sei o nome", "no sé su nombre")
    r"|\bn[ãa]o\s+(?:sei|lembro|peguei|guardei)\s+(?:d?o\s+)?nome\b|\bsem\s+nome\b"
    r"|\besqueci\s+o\s+nome\b"
    r"|\bno\s+(?:s[ée]|recuerdo)\s+(?:su|el)\s+nombre\b", re.IGNORECASE)
# Words that make a "person" an event, a thing or a product instead.
_NOT_A_PERSON = re.compile(
    r"\b(challenge|test|exercise|assessment|quiz|interview|screen|screening|loop|round|call|"
    r"meeting|session|lunch|dinner|breakfast|coffee|tour|ride|limo|uber|taxi|car|shuttle|"
    r"flight|hotel|presentation|demo|case|task|take[- ]home|homework|portal|platform|app|"
    r"software|product|tool|suite|system|dashboard|api|sdk|zoom|teams|slack|hackerrank|"
    r"codility|leetcode|coderpad|hirevue|workday|greenhouse|lever|linkedin|website|email|"
    r"survey|form|packet|offer|contract|document|report|slides?|deck|video|game|lesson|"
    r"building|office|campus|parking|lobby|room|event|fair|webinar|workshop|conference|"
    r"notes?|summary|recap|update|todo|agenda|debrief|overview|takeaways?|misc)\b",
    re.IGNORECASE)
# Events and things that a title never is.
_EVENT = re.compile(
    r"\b(challenge|test|exercise|assessment|quiz|ride|limo|uber|taxi|shuttle|flight|hotel|"
    r"tour|portal|app|software|tool|suite|dashboard|zoom|hackerrank|codility|leetcode|"
    r"coderpad|hirevue|take[- ]home|homework|screening|webinar|survey|packet|slides|deck)\b",
    re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[a-zà-ÿ]{1,3}|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)$")
_WRITER = (
    re.compile(r"\b(?:my name is|my name's|i am called|call me)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"),
    re.compile(r"(?:^|\n)\s*(?:hi|hey|hello)[,!]?\s+(?:all|everyone|folks|y'all)?[,!.]?\s*"
               r"(?:i'm|i am|this is)\s+([A-Z][\w'’-]+)"),
    re.compile(r"(?:^|\n)\s*([A-Z][\w'’-]+)\s+here[,.!:]"),
    re.compile(r"(?:^|\n)\s*(?:[-–—~]+\s*|(?:cheers|thanks|best|regards|love|xo|ta)[,!.]?\s+)"
               r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*$", re.IGNORECASE),
)
_NOT_NAMES = frozenset("i im the a an and but so all everyone folks thanks cheers best".split())


def writer_names(note: str) -> set[str]:
    """Names the note gives its writer ("my name is Sam", "Sam here", a sign-off "— Sam")."""
    tail = note.rstrip()[-60:]
    found = set()
    for n, pattern in enumerate(_WRITER):
        for m in pattern.finditer(tail if n == 3 else note):
            name = m.group(1).strip()
            if normalise(name) not in _NOT_NAMES and name[:1].isupper():
                found.add(name)
    return found


def _tokens(name: str) -> set[str]:
    return {t for t in normalise(name).split() if len(t) >= 2}


def is_user(name: str | None, user_names: set[str]) -> bool:
    """True when a name is the user's (their full name, or their first name alone)."""
    if not name or not user_names:
        return False
    tokens = _tokens(name)
    if not tokens:
        return False
    for user in user_names:
        mine = _tokens(user)
        if tokens == mine or (len(tokens) == 1 and tokens <= mine):
            return True
        if len(mine) == 1 and mine <= tokens and len(tokens) == 2:  # "Sam" vs note's "Sam Li"
            return True
    return False


def looks_like_name(name: str) -> bool:
    """A person's name: one to five words, each capitalised (or a particle), no thing-words."""
    words = name.replace(",", " ").split()
    if not 1 <= len(words) <= 5 or _NOT_A_PERSON.search(name) or any(c.isdigit() for c in name):
        return False
    return all(_NAME_TOKEN.match(w) for w in words) and any(w[:1].isupper() for w in words)


def looks_like_role(title: str) -> bool:
    """A title that names someone by what they do ("the nurse manager", "recruiter", "CFO"),
    not an event or a product ("coding challenge", "limo ride")."""
    words = title.split()
    if not words or len(words) > 10 or _EVENT.search(title):
        return False
    return bool(_PERSON_ROLE.search(title)) or len(words) <= 4


def is_person(p: Person, user_names: set[str]) -> bool:
    """A row for the network: a name or a role, never an event, a product or the user."""
    if p.name and p.name.strip():
        if is_user(p.name, user_names):
            return False
        if looks_like_name(p.name.strip()):
            return True
        return bool(p.title) and looks_like_role(p.title or "") and \
            not _NOT_A_PERSON.search(p.name)
    return bool(p.title and p.title.strip()) and looks_like_role(p.title or "")
