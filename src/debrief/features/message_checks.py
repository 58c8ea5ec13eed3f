"""Checks in code, run on every message: what a person would fix before sending it.

Each check returns a Check; the web app lists the ones that fire in its "Checks" area, the CLI
prints them as notes, and `debrief eval compose` reports each one's pass rate.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from debrief.core.domain import MessageKind, Tone
from debrief.features.frames import Recipient

CHECK_NAMES = ("repeated_thanks", "third_person", "company_claims", "placeholders", "length",
               "private")

THANKS = re.compile(r"\bthank(?:s|\s+you)\b|\bthankful\b|\bgrateful\b", re.IGNORECASE)
# "your hospital only hires …", "your team is …": telling people about their own company.
ORG_NOUN = (r"(?:company|organi[sz]ation|hospital|clinic|firm|school|district|agency|department|"
            r"team|group|bank|store|restaurant|hotel|practice|office|business|startup|lab|"
            r"university|unit|ward|shop|studio|agency|brand|product|platform|residency program)")
CLAIM_VERB = (r"(?:is|are|was|were|has|have|only|hires?|uses?|runs?|will|plans?|offers?|does|"
              r"doesn't|don't|never|always|currently|just|needs?|wants?|pays?|occurs?|happens?)")
COMPANY_CLAIM = re.compile(rf"\byour\s+(?:\w+\s+)?{ORG_NOUN}\s+{CLAIM_VERB}\b"
                           rf"|\byou\s+(?:only|currently|always|never)\s+\w+", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\[[^\]]*\]|\{[^}]*\}|<[^>]+>|\bTODO\b|\bXXX\b|\bHi the\b"
                         r"|\bthe interviewer\b|\bINSERT\b|\bN/A\b|_{3,}", re.IGNORECASE)
# Things a message never says: other candidates, pay, the user's private doubts.
PRIVATE = re.compile(
    r"\bother candidates?\b|\bonly candidate\b|\bcandidates\b|\$|€|£|\bsalary"
    # "30k", not "5k emails"
    r"|\b\d+\s?k\b(?!\s+(?!(?:pounds|dollars|euros|quid|bucks)\b)[a-z]+s\b)"
    r"|\bcompensation\b|\bpay\b|\bband\b|\bbonus|\bequity\b|\bnervous\b|\bworried\b|\bdoubts?\b"
    r"|\bnot sure i\b|\bunsure\b|\bimpostor\b|\bgossip\b|\boff the record\b", re.IGNORECASE)


class Check(BaseModel):
    """One check of a message: its name, whether it passed, and what to fix when it did not."""

    name: str
    passed: bool
    note: str = ""


def limits(kind: MessageKind, tone: Tone) -> tuple[int, int]:
    """(max words, max characters) for a kind and tone."""
    if kind == "connect":
        return 60, 300
    if kind == "follow-up":
        return 110, 900
    return (70, 600) if tone == "brief" else (130, 1000)


def split_greeting(message: str) -> tuple[str, str]:
    """The greeting line and the rest (for a one-line connection note: "Hi Ana," and the rest)."""
    first, _, rest = message.partition("\n")
    if rest:
        return first, rest
    m = re.match(r"^(Hi|Hello|Dear)\b[^,]{0,60},\s*", message)
    return (message[: m.end()], message[m.end():]) if m else ("", message)


def run_checks(message: str, to: Recipient, kind: MessageKind, tone: Tone,
               company: str = "", role: str = "") -> list[Check]:
    """Every check, in CHECK_NAMES order. A name inside the company's name ("Whitby" of
    Delacroix Whitby) is the company, not the addressee in the third person; the job's own
    title ("the Band 7 surgical pharmacist role") is the job, not its pay."""
    _, body = split_greeting(message)
    thanks = len(THANKS.findall(body))
    plain = body
    for name in sorted(filter(None, (company, role)), key=len, reverse=True):
        plain = plain.replace(name, " ")
    named = [n for n in to.names() if re.search(rf"\b{re.escape(n)}\b", plain)]
    if not to.name and to.title and re.search(rf"\bthe {re.escape(to.title)}\b", body, re.I):
        named.append(f"the {to.title}")
    claim = COMPANY_CLAIM.search(re.sub(r"“[^”]*”", " ", body))  # (their question, quoted)
    holder = PLACEHOLDER.search(message)
    max_words, max_chars = limits(kind, tone)
    n_words, n_chars = len(message.split()), len(message)
    private = PRIVATE.search(plain)  # "Ondaverde Pay" is a name, not pay
    return [
        Check(name="repeated_thanks", passed=thanks <= 1,
              note=f"thanks said {thanks} times: once is enough"),
        Check(name="third_person", passed=not named,
              note=f"names the person it is written to ({', '.join(named)}) in the body"),
        Check(name="company_claims", passed=claim is None,
              note=f"tells them about their own organisation: “{claim.group(0) if claim else ''}…”"),
        Check(name="placeholders", passed=holder is None,
              note=f"a placeholder is left in: “{holder.group(0) if holder else ''}”"),
        Check(name="length", passed=n_words <= max_words and n_chars <= max_chars,
              note=f"{n_words} words, {n_chars} characters: the limit is {max_words} words, "
                   f"{max_chars} characters"),
        Check(name="private", passed=private is None,
              note=f"mentions something private (pay, other candidates, doubts): "
                   f"“{private.group(0) if private else ''}”"),
    ]


def failed(checks: list[Check]) -> list[Check]:
    """The checks that fired."""
    return [c for c in checks if not c.passed]
