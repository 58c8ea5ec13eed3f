"""What a cross-interview question is about: its topic, and the shapes of pay and size lines.

Which kind of question it is comes from the route table (routes.py, matched by meaning); these
patterns only help aggregate.py answer a route in code (pay lines told by their numbers, "asked"
questions answered from the extracted questions).
"""

from __future__ import annotations

import re

from debrief.core.text import QUESTION_FRAME_WORDS, terms

ASKED = re.compile(r"\bask(ed|s|ing)?\b|\bquestions?\b|\bpush(ed|es)? (me )?on\b", re.IGNORECASE)
# Pay is the one topic job seekers ask about in words the notes rarely use ("what did they
# offer?" vs "band tops out at 185k"), so it is matched by the shape of the numbers too.
PAY_QUESTION = re.compile(r"\b(pays?|paid|salary|salaries|compensation|comp|money|ote|offer(ed)?"
                          r"|bonus|equity|wages?)\b", re.IGNORECASE)
PAY_LINE = re.compile(
    r"[$€£]\s?\d+(\.\d+)?\s?k?\s?(-|–|to)\s?[$€£]?\d+(\.\d+)?\s?k\b"  # "$92-108k"
    r"|[$€£]\s?(\d{1,3}(,\d{3})+|\d{4,}|\d+(\.\d+)?\s?k\b)|\b(salary|salario|pay|base|band|banda|ote|bonus|comp|compensation|rsus?|equity"
    r"|sign-on|step \d)\b[^.\n]{0,40}\d|\d(\.\d+)?\s?k?\b[^.\n]{0,25}\b(salary|base|bonus|ote"
    r"|rsus?|equity|per hour|/hr|gross|brutos)\b", re.IGNORECASE)
# Size and count questions are answered by lines with numbers in them.
SIZE_QUESTION = re.compile(r"\bsize\b|\bhow (big|large)\b|\bheadcount\b|\bhow many (people|engineers"
                           r"|staff|members)\b", re.IGNORECASE)
NUMBER = re.compile(r"\b\d+\b")

def topic_terms(question: str, companies: list[str]) -> set[str]:
    """The question's content words minus its cross-interview framing and company names."""
    names = set().union(*(terms(c) for c in companies)) if companies else set()
    return {w for w in terms(question) if w not in QUESTION_FRAME_WORDS and w not in names}
