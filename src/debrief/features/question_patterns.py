"""How a question across interviews is recognised: its wording, and the topic it is about.

aggregate.py answers the questions these patterns recognise ("which companies asked about…",
"what do they ask me most?", "how did the team size at X change?"); any other question goes to
retrieval and the model (ask.py).
"""

from __future__ import annotations

import re

from debrief.core.text import QUESTION_FRAME_WORDS, terms

ACROSS = re.compile(
    r"\b(which|what) (companies|company|employers|interviewers|teams|recruiters|people)\b"
    r"|\bwho (asked|mentioned|said|pushed|talked)\b|\bmost (often|common|frequent)"
    r"|\bhow many\b|\bmore than once\b|\bsame (interviewer|person|people|recruiter)\b"
    r"|\b(other|another|different) (openings?|roles?|positions?|jobs?|teams?)\b|\bbetter fit"
    r"|\bchang(e|ed|es|ing)\b|\bconsistent\b|\bover time\b|\bacross (all )?(my )?interviews\b"
    r"|\bbetween (my )?interviews\b|\bkeep (asking|coming up)\b", re.IGNORECASE)
MOST = re.compile(r"\bmost (often|common|frequent)|\bkeep (asking|coming up)\b|\brepeated",
                  re.IGNORECASE)
ASKED = re.compile(r"\bask(ed|s|ing)?\b|\bquestions?\b|\bpush(ed|es)? (me )?on\b", re.IGNORECASE)
VALUES = re.compile(r"\bcare[sd]? (about|most)\b|\bvalue[sd]?\b|\bpriorit|\blook(ing)? for\b"
                    r"|\bpush(ed|es)? (me )?on\b|\bemphasi", re.IGNORECASE)
ROLES = re.compile(r"\b(other|another|different) (openings?|roles?|positions?|jobs?|teams?)\b"
                   r"|\bbetter fit|\bfit me\b|\bopenings?\b", re.IGNORECASE)
COUNT = re.compile(r"\bhow many\b.*\b(compan|employers|interviews)|\bmore than once\b"
                   r"|\binterviewed (with|at)\b", re.IGNORECASE)
SAME_PERSON = re.compile(r"\bsame (interviewer|person|people|recruiter|manager)\b"
                         r"|\bmet\b.*\b(more than one|two|several|different) compan",
                         re.IGNORECASE)
OVER_TIME = re.compile(r"\bchang(e|ed|es|ing)\b|\bconsistent\b|\bover time\b|\bbetween\b"
                       r"|\bacross\b|\beach (interview|round)\b|\bstill\b", re.IGNORECASE)
# Pay is the one topic job seekers ask about in words the notes rarely use ("what did they
# offer?" vs "band tops out at 185k"), so it is matched by the shape of the numbers too.
PAY_QUESTION = re.compile(r"\b(pay|paid|salary|salaries|compensation|comp|money|ote|offer(ed)?"
                          r"|bonus|equity|wage)\b", re.IGNORECASE)
PAY_LINE = re.compile(
    r"[$€£]\s?(\d{1,3}(,\d{3})+|\d{4,}|\d+(\.\d+)?\s?k\b)|\b(salary|salario|pay|base|band|banda|ote|bonus|comp|compensation|rsus?|equity"
    r"|sign-on|step \d)\b[^.\n]{0,40}\d|\d(\.\d+)?\s?k?\b[^.\n]{0,25}\b(salary|base|bonus|ote"
    r"|rsus?|equity|per hour|/hr|gross|brutos)\b", re.IGNORECASE)
# Size and count questions are answered by lines with numbers in them.
SIZE_QUESTION = re.compile(r"\bsize\b|\bhow (big|large)\b|\bheadcount\b|\bhow many (people|engineers"
                           r"|staff|members)\b", re.IGNORECASE)
NUMBER = re.compile(r"\b\d+\b")
# "What questions did X ask me?", "what did I promise to send Y?": one interview's extracted
# items of one category answer these better than passages do.
CATEGORY_LIST = (
    ("questions_asked", re.compile(r"\bwhat questions\b|\bwhat did (they|he|she|the \w+|\w+) ask\b",
                                   re.IGNORECASE)),
    ("follow_ups", re.compile(r"\bpromis(e|ed)\b|\bfollow[- ]?ups?\b|\bto-?dos?\b|\bowe\b"
                              r"|\bsupposed to (send|do)\b", re.IGNORECASE)),
    ("interviewer_priorities", re.compile(r"\bcare[sd]? (about|most)\b|\bwhat (does|do|did) .* value\b",
                                          re.IGNORECASE)),
)


def topic_terms(question: str, companies: list[str]) -> set[str]:
    """The question's content words minus its cross-interview framing and company names."""
    names = set().union(*(terms(c) for c in companies)) if companies else set()
    return {w for w in terms(question) if w not in QUESTION_FRAME_WORDS and w not in names}
