"""Words of a text: one tokeniser and one list of function words for the whole package."""

from __future__ import annotations

import re

from debrief.core.evidence import fold

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|[$€£%]|\d+(?:[.,]\d+)*k?", re.UNICODE)
# Words that carry no content of their own: a headline may add or drop them freely.
FUNCTION_WORDS = frozenset("""
a an the and or but nor so yet for of to in on at by with from into onto over under about as
than then that this these those there here it its it's is are was were be been being am do does
did done have has had having will would shall should can could may might must not no
i me my mine we us our you your he him his she her they them their what which who whom whose
when where why how if because while though although also just very really too quite
some any all each every both either neither such own same other more most much many few
up down out off again once only even still already yet s t
""".split())


def words(text: str) -> list[str]:
    """The text's words, folded (case, quote marks, accents kept as written)."""
    return WORD.findall(fold(text)[0])


def content_words(text: str) -> list[str]:
    """The text's words that are not function words, folded, in order."""
    return [w for w in words(text) if w not in FUNCTION_WORDS]
