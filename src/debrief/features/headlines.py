"""Headlines: a short line (at most 12 words) a person can scan, built from an item's evidence.

The headline is cut from the evidence in code (leading fillers and attributions dropped, long
sentences cut at the first clause boundary), and `grounded_headline` checks the result: every
word of a headline that is not a function word must occur in the evidence, or there is no
headline and the quote is shown alone. Any other headline source (a model, the user) goes
through the same check.
"""

from __future__ import annotations

import re

from debrief.core.text import FUNCTION_WORDS, content_words, words

MAX_WORDS = 12
FILLER = re.compile(
    r"^(?:(?:so|um+|uh+|er+|like|yeah|ok(?:ay)?|and|also|oh|well|basically|honestly|anyway|plus"
    r"|apparently|fun fact|note|fyi|btw|then|but)\b[\s,:.-]*)+", re.IGNORECASE)
ATTRIBUTION = re.compile(
    r"^(?:(?:she|he|they|we|the \w+(?: \w+)?|[A-Z][\w'-]+(?: [A-Z][\w'-]+)?)\s+"
    r"(?:said|says|told (?:me|us)|mentioned|explained|admitted|noted|confirmed|shared|let slip)"
    r"|i (?:learned|found out|heard))(?:\s+that)?\s*[,:-]?\s+", re.IGNORECASE)
CLAUSE_END = re.compile(r"[,;:(.!?]\s|\s[-–—]\s|\s(?=(?:and|but|so|because|which|cause|bc)\s)")


def headline_from(evidence: str, *, clause_only: bool = False) -> str:
    """A short line cut from the evidence's own words (not yet checked).

    With `clause_only`, a line longer than MAX_WORDS that has no clause end to cut at gives ""
    rather than its first words (a message cannot use "… if you had half")."""
    text = " ".join(evidence.split()).strip(" -*•>")
    for pattern in (FILLER, ATTRIBUTION, FILLER):
        trimmed = pattern.sub("", text, count=1)
        if len(trimmed.split()) >= 3:
            text = trimmed
    tokens = text.split()
    if len(tokens) > MAX_WORDS:
        cut = None
        for m in CLAUSE_END.finditer(text):
            n = len(text[: m.start()].split())
            if 4 <= n <= MAX_WORDS:
                cut = text[: m.start()]
        if cut is None and clause_only:
            return ""
        tokens = (cut or " ".join(tokens[:MAX_WORDS])).split()
        while len(tokens) > 3 and tokens[-1].casefold().strip(".,;:") in FUNCTION_WORDS:
            tokens.pop()
    text = " ".join(tokens).rstrip(" .,;:-–—(")
    return text[:1].upper() + text[1:]


def grounded_headline(headline: str, evidence: str, max_words: int = MAX_WORDS) -> str | None:
    """The headline when every content word of it is in the evidence and it is short enough."""
    if not headline.strip() or len(headline.split()) > max_words:
        return None
    have = set(words(evidence))
    return headline if all(w in have for w in content_words(headline)) else None


def headline(evidence: str) -> str | None:
    """The checked headline of an item, or None (show the quote alone)."""
    cand = headline_from(evidence)
    if fold_eq(cand, evidence):
        return cand  # already short: the headline is the quote itself
    return grounded_headline(cand, evidence)


def fold_eq(a: str, b: str) -> bool:
    """True when two texts have the same words."""
    return words(a) == words(b)
