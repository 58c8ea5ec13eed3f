"""What a cross-interview question is about: its topic, and the shapes of pay and size lines.

Which kind of question it is comes from the route table (routes.py, matched by meaning); these
patterns only help aggregate.py answer a route in code (pay lines told by their numbers, "asked"
questions answered from the extracted questions).
"""

from __future__ import annotations

import re
from enum import StrEnum

from text_to_num import alpha2digit

from debrief.core.text import CURRENCY, QUESTION_FRAME_WORDS, terms

# Number words a voice memo's transcript writes out ("pay is sixty four to seventy two").
NUMBER_WORD = re.compile(r"\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
                         r"|thousand)\b", re.IGNORECASE)
# "sixty eight four to seventy nine two" is said for 68.4 to 79.2 (thousand).
SPOKEN_TENTHS = re.compile(r"\b(\d{2}) (\d)\b(?!\s*(?:%|percent))")


# The units of a length of time, as notes write them; TIME_UNIT adds years.
LENGTH_UNIT = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?)"
TIME_UNIT = rf"(?:{LENGTH_UNIT}|years?|yrs?)"
# "a four-hour loop": text_to_num reads number words standing alone, so a unit's hyphen goes.
UNIT_HYPHEN = re.compile(r"(?<=[a-z])-(?=(?:hour|minute|min|day|week|month|year|person|people)s?"
                         r"\b)", re.IGNORECASE)


def in_digits(text: str, *, every: bool = False) -> str:
    """The text with numbers said in words written in digits, as a transcript of speech has
    them ("pay is sixty four to seventy two" -> "pay is 64 to 72", "eighty eight thousand" ->
    "88000", "sixty eight four" -> "68.4"); unchanged when it says no tens or thousands.

    `every`: small numbers too ("nine people" -> "9 people", "a four-hour loop" -> "a 4 hour
    loop"), as a ranking of figures reads them."""
    if every:
        text = UNIT_HYPHEN.sub(" ", text)
    elif not NUMBER_WORD.search(text):
        return text
    try:  # threshold 0: every number word; the library's default leaves one to nine as words
        out = alpha2digit(text, "en", **({"threshold": 0} if every else {}))
    except (ValueError, IndexError):  # the library trips on rare token shapes; keep the text
        return text
    return SPOKEN_TENTHS.sub(r"\1.\2", out) if out != text and not every else out


ASKED = re.compile(r"\bask(ed|s|ing)?\b|\bquestions?\b|\bpush(ed|es)? (me )?on\b", re.IGNORECASE)
# Pay is the one topic job seekers ask about in words the notes rarely use ("what did they
# offer?" vs "band tops out at 185k"), so it is matched by the shape of the numbers too.
PAY_QUESTION = re.compile(r"\b(pays?|paying|paid|sal[ae]ry|sal[ae]ries|sallary|compensation|comp"
                          r"|money|ote|ctc|offer(ed)?"
                          r"|bonus|equity|wages?)\b", re.IGNORECASE)
PAY_LINE = re.compile(
    rf"{CURRENCY}\s?\d+(\.\d+)?\s?k?\s?(-|–|to)\s?{CURRENCY}?\d+(\.\d+)?\s?k\b"  # "$92-108k"
    rf"|{CURRENCY}\s?(\d{{1,3}}(,\d{{3}})+|\d{{4,}}|\d+(\.\d+)?\s?k\b)|\b(salary|salario|pay|base|band|banda|ote|bonus|comp|compensation|rsus?|equity"
    r"|sign-on|step \d)\b[^.\n]{0,40}\d|\d(\.\d+)?\s?k?\b[^.\n]{0,25}\b(salary|base|bonus|ote"
    r"|rsus?|equity|per hour|/hr|gross|brutos)\b"
    # an hourly rate: "$29.50 an hour"
    rf"|{CURRENCY}\s?\d+(\.\d+)?\s*(an|per|a|/)\s*(hour|hr)\b"
    # rupees: "₹21 lakh", "CTC 18 lakh", "₹2.4 crore"
    r"|₹\s?\d|\b\d+(\.\d+)?\s?(lakh|lakhs|lac|crore)\b|\bctc\b[^.\n]{0,30}\d", re.IGNORECASE)
# Size and count questions are answered by lines with numbers in them.
SIZE_QUESTION = re.compile(r"\bsize\b|\bhow (big|large)\b|\bheadcount\b|\bhow many (people|engineers"
                           r"|staff|members)\b", re.IGNORECASE)
NUMBER = re.compile(r"\b\d+\b")

def topic_terms(question: str, companies: list[str]) -> set[str]:
    """The question's content words minus its cross-interview framing and company names."""
    names = set().union(*(terms(c) for c in companies)) if companies else set()
    return {w for w in terms(question) if w not in QUESTION_FRAME_WORDS and w not in names}


# Words that may join a topic's words inside its phrase ("a panel or a group", "pay and hours").
_ARTICLES = frozenset({"a", "an", "the"})
_TOPIC_JOINERS = _ARTICLES | {"or", "and", "of", "&", "/", "-", "+"}


def topic_phrase(question: str, topic: set[str], telling: set[str] | None = None) -> str:
    """The question's own words for its topic: the run of the question's words made of topic
    words and joiners that holds the most `telling` words (default: the topic's), as typed,
    with an article just before it ("system design", "a panel or a group", "on-call"; "travel",
    not "consulting", of "which of these consulting jobs has the heaviest travel?" when every
    job is a consulting one); "" when no word of the question is a telling word."""
    telling = topic if telling is None else telling
    words = [w.strip("?!.,;:\"'()“”‘’") for w in question.split()]
    best, best_hits = (0, 0), 0
    start, hits = -1, 0
    for n, w in enumerate([*words, ""]):
        if w and terms(w) & topic:
            start = n if start < 0 else start
            hits += bool(terms(w) & telling)
            continue
        if w and start >= 0 and w.casefold() in _TOPIC_JOINERS:
            continue
        if start >= 0 and hits > best_hits:
            end = n
            while words[end - 1].casefold() in _TOPIC_JOINERS:
                end -= 1
            first = start - 1 if start and words[start - 1].casefold() in _ARTICLES else start
            best, best_hits = (first, end), hits
        start, hits = -1, 0
    return " ".join(words[best[0]:best[1]])


# "Which job pays best / the most / the least?": pay lines are ranked by their figures.
PAY_RANK = re.compile(r"\b(?:best|most|highest|top|biggest|largest|better|more|least|lowest"
                      r"|worst|smallest)\b", re.IGNORECASE)
PAY_LOW = re.compile(r"\b(?:least|lowest|worst|smallest)\b", re.IGNORECASE)
PAY_HIGH = re.compile(r"\b(?:best|most|highest|top|biggest|largest)\b", re.IGNORECASE)
HOURLY_MARK = r"(?:per hour|an hour|/\s?h(?:ou)?r|p/?h\b|ph\b)"
# One figure of pay as written: "$92-108k", "£78-85k", "36k", "68-75k", "$172,000", "24 per hour".
PAY_FIGURE = re.compile(
    rf"(?P<cur>{CURRENCY})?\s?(?P<low>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s?(?P<lk>k\b)?"
    rf"(?:\s?(?:-|–|to)\s?{CURRENCY}?(?P<high>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s?(?P<hk>k\b)?)?"
    rf"(?P<hourly>\s?{HOURLY_MARK})?", re.IGNORECASE)
HOURLY = re.compile(rf"\d\s?{HOURLY_MARK}", re.IGNORECASE)
HOURS_A_YEAR = 2080


# Sums that are not what a job pays: "the payback is now a flat $8,000", "sign-on 10k",
# "startup package 350k". A figure in a clause with one of these words is not ranked as pay.
NOT_PAY = re.compile(r"\b(?:pay\s?back|payback|repay\w*|claw\s?back|sign(?:ing)?[- ]?on|relocation"
                     r"|tuition|loans?|fees?|costs?|budget|grants?|start-?up|funding|raised"
                     r"|valuation|revenue|deposit)\b", re.IGNORECASE)
# A question about an hourly rate ranks only the rates given by the hour.
ASKS_HOURLY = re.compile(r"\bhourly\b|\b(?:per|an|by the)\s+hour\b", re.IGNORECASE)


def _clause(text: str, start: int, end: int) -> str:
    """The clause around text[start:end]: between the nearest , ; or line break each side (not
    at a full stop, which may be a decimal point: "$44.80/hr")."""
    left = max(text.rfind(c, 0, start) for c in ",;\n") + 1
    stops = [i for i in (text.find(c, end) for c in ",;\n") if i >= 0]
    return text[left:min(stops, default=len(text))]


# A bare figure by a pay word is in thousands when in this range ("base 165-180").
IMPLIED_K = (20, 1000)
SAID_AS_PAY = re.compile(r"\b(?:pay|pays|salary|base|band|range|comp|compensation)\b"
                         r"(?:\s+(?:grade\s+(?:is\s+)?\d+|is|was|of|at|around|about|like|roughly"
                         r"|between|from|which|would|will|be|range|band|rate|only|just|starts?"
                         r"|starting|flat|now|still|topping|tops|out|up|to)){0,5}\s*[:=-]?\s*$",
                         re.IGNORECASE)
UNIT_AFTER = re.compile(rf"^\s*(?:%|percent|{TIME_UNIT}(?![a-z])|hourly|people|staff|ppl|step)",
                        re.IGNORECASE)


def _said_as_pay(text: str, start: int, end: int) -> bool:
    """Whether a bare figure follows a pay word in its clause ("pay is 64 to 72", "base
    165-180") and counts nothing else ("base 40 hours")."""
    before = text[max(text.rfind(c, 0, start) for c in ",;\n") + 1:start]
    return bool(SAID_AS_PAY.search(before)) and not UNIT_AFTER.match(text[end:])


def pay_figure(text: str, hourly_only: bool = False) -> tuple[float, str, str] | None:
    """The highest yearly pay a line states (see `pay_figures`); None when it states none."""
    return max(pay_figures(text, hourly_only), default=None)


def pay_figures(text: str, hourly_only: bool = False) -> list[tuple[float, str, str]]:
    """Each yearly pay a line states (the top of a range; an hourly rate times 2,080), with the
    figure as written and its currency sign ("" when none), in the line's order. Numbers that
    are not pay (a bonus percentage, a year, "3 days", a payback or sign-on sum) are not
    figures: a figure has a currency sign, a "k", thousands, or an hourly mark (only that one,
    when `hourly_only`)."""
    found: list[tuple[float, str, str]] = []
    for m in PAY_FIGURE.finditer(text):
        if text[m.end():m.end() + 1] == "%" or (hourly_only and not m.group("hourly")):
            continue
        if NOT_PAY.search(_clause(text, m.start(), m.end())):
            continue
        top = m.group("high") or m.group("low")
        written = ""
        value = float(top.replace(",", ""))
        thousands = bool(m.group("hk") or m.group("lk"))
        if thousands:
            value *= 1000
        if m.group("hourly"):
            value *= HOURS_A_YEAR
        elif not (m.group("cur") or thousands or "," in top) or value < 1000:
            # "pay is 64 to 72", "base 165-180", "pay is 88000 flat": a bare figure said as
            # what the job pays is in thousands (or is the sum itself)
            said = _said_as_pay(text, m.start(), m.end())
            if said and IMPLIED_K[0] <= value < IMPLIED_K[1]:
                value *= 1000
                written = f"{m.group(0).strip()}k"
            elif said and value >= 10_000:
                written = f"{value:,.0f}"
            else:
                continue
        if 1900 <= value <= 2100 and not (m.group("cur") or thousands):
            continue  # a year
        found.append((value, written or m.group(0).strip(), m.group("cur") or ""))
    return found

# "How many people interviewed me at X?", "how many interviewers were on the panel?"
PEOPLE_COUNT = re.compile(
    r"\bhow (?:many|much) (?:[\w-]+/)?(?:interviewers|panel+ists|assessors|examiners)\b"
    r"|\bhow (?:big|large) was the panel\b"
    # ("how much people was in panel", as a non-native speaker may write it)
    # ("how many tenggara ppl did i meet": the company's name or another word or two between)
    r"|\bhow (?:many|much) (?:[\w'’-]+\s+){0,2}?(?:people|ppl|persons|folks|"
    r"of them|staff|partners|managers|directors|engineers|teachers|nurses|doctors|leaders|execs"
    r"|executives|members|professors|faculty|teachers|reps)\b"
    r"(?=.*\b(?:interview\w*|met|meet\w*|panel|spoke|speak\w*|talk\w*|saw|see|deal|dealt|faced?"
    r"|onsite|loop|assessment|sit|sat|grill\w*|quizz\w*|round|call|callback|zoom|room)\b)"
    # the session named first ("the deal review at X, how many people were on that")
    r"|\b(?:session|review|meeting|presentation|lunch|dinner|panel|call|interview|round)\b.*"
    r"\bhow (?:many|much) (?:people|ppl|persons|folks)\s+(?:were|was)\s+(?:on|in|at|there)\b"
    # "how many on the panel", "how many were on the interview panel"
    r"|\bhow many\s+(?:(?:were|was)\s+)?(?:on|in|sat on)\s+(?:the|that|my)\s+(?:[\w'’-]+\s+){0,3}"
    r"panel\b",
    re.IGNORECASE)

# "When did I do the Oxbow onsite?", "when was my panel at Kestrel?": the debrief's own date.
# "Who did I speak to at Vantrell?", "who interviewed me at X": everyone met there (not "who
# grilled me the most", "who did I talk to about visas").
WHO_MET = re.compile(
    r"^(?!.*\b(?:most|least|hardest|toughest|first|last|about|abt|re)\b)(?:.*\s)?(?:"
    r"who\s+(?:did|do|have)\s+i\s+(?:\w+\s+)?(?:speak|spoke|talk|meet|met|see|saw|interview|chat)"
    r"\w*|who\s+(?:interviewed|met)\s+me|who\s+(?:was|were)\s+(?:on|in)\s+(?:the|my)\s+"
    r"(?:panel|interview|call|room))\b", re.IGNORECASE)
INTERVIEW_DATE = re.compile(
    r"\b(?:when|what (?:day|date))\s+(?:did\s+i\s+(?:do|have|go to|attend|sit)|was\s+(?:my|the|our)"
    r"|were\s+(?:my|the))\b(?=.*\b(?:interview\w*|onsite|on-site|screen|call|round|panel|final"
    r"|loop|visit|chat|assessment)\b)"
    # not when something of it was to happen ("when were the panel invites supposed to go out",
    # "when was the recruiter meant to send the loop schedule")
    r"(?!.*\b(?:supposed|meant|due|going to|gonna|invites?|schedules?|send|sent|hear|decid\w*"
    r"|decision|deadline|get back|go out|results?|feedback|offer)\b)", re.IGNORECASE)
# The words a question uses for a stage, and the stage each means.
STAGE_WORDS = (
    (re.compile(r"\bon-?site|\bloop\b", re.IGNORECASE), "onsite loop"),
    (re.compile(r"\bpanel\b", re.IGNORECASE), "panel"),
    (re.compile(r"\bfinal\b", re.IGNORECASE), "final"),
    (re.compile(r"\bsecond\b|\bround (?:2|two)\b", re.IGNORECASE), "second round"),
    (re.compile(r"\brecruiter\b|\bphone\b", re.IGNORECASE), "recruiter screen"),
    (re.compile(r"\btechnical\b|\btech screen\b", re.IGNORECASE), "technical screen"),
    (re.compile(r"\bhiring manager\b", re.IGNORECASE), "hiring manager"),
    (re.compile(r"\bportfolio\b", re.IGNORECASE), "portfolio review"),
)


class TimeAsked(StrEnum):
    """The kinds of time a question can ask for; one question can ask several."""

    OPENS = "opens on when"  # "when's X supposed to call me back", "what day", "by when"
    DAY = "day"  # "what day is my final w/ Ignatius": a day or a date answers, not "next wk"
    CLOCK = "clock"  # "what time": a clock time answers
    ANY = "any when"  # "when is …", "ride along when": a time, or when it falls
    KEYWORDS = "keyword date"  # "kittredge fingerprints appointment date": the date of that thing
    DECISION = "decision"  # "when will they decide / let me know / get back to me"


# Every "when" a question can ask, in one table (ask.py and decisions.py read it).
TIME_QUESTIONS: dict[TimeAsked, re.Pattern[str]] = {
    # (not "when a child misbehaves, what are the steps?": that "when" opens a clause)
    TimeAsked.OPENS: re.compile(r"^\s*(?:when\b(?!\s+(?:a|an|someone|somebody)\s)(?![^?]*,\s*"
                                r"(?:what|how|who|which)\s+(?:are|is|do|does|should|must)\b)"
                                r"|what\s+(?:time|day|date)\b|by\s+when\b)",
                                re.IGNORECASE),
    TimeAsked.DAY: re.compile(r"\b(?:what|which)\s+(?:day|date)\b", re.IGNORECASE),
    TimeAsked.CLOCK: re.compile(r"\bwhat\s+time\b", re.IGNORECASE),
    # (not "when I said X, what did they say?", which asks about what happened then)
    TimeAsked.ANY: re.compile(r"^\s*(?:when\b(?!.*\b(?:what|how|who|why|which)\b)|by\s+when\b)"
                              r"|\bwhen\s*\??\s*$"
                              # dictated, no comma: "the screen on oct 8th when did she say …"
                              r"|\w\s+when\s+(?:did|does|do|will|would|is|was|are|were|should|has|have)"
                              r"\s+(?:she|he|they|i|we|you|it)\b(?!.*\b(?:what|how|who|why|which)\b)",
                              re.IGNORECASE),
    # a search typed as keywords that ends on when or date ("ninefold tech screen link when",
    # "openhand answer deadline", "hallbrook workshop offer reply by", "council forms due")
    TimeAsked.KEYWORDS: re.compile(
        r"^(?!\s*(?:when|what|which|who|whom|how|why|where|is|are|was|were|do|does|did|will|can"
        r"|could|should|have|has)\b).*\b(?:date|day|when|deadline|by|due)\s*\??\s*$",
        re.IGNORECASE),
    TimeAsked.DECISION: re.compile(
        r"\b(?:when|how\s+soon|how\s+long|by\s+when|(?:what|which)\s+(?:date|day))\b.*?\b(?:decid\w*"
        r"|decision"
        r"|hear|let\s+(?:me\s+)?know|tell\s+me|get\s+back|make\s+up|yes\s+or\s+no|answer|news"
        r"|come\s+back|respond|verdict|outcome|offer|find\s+out)"
        # typed the other way round: "hobnail decision when", "hear back when?"
        r"|\b(?:decid\w*|decision|hear(?:ing)?\s+back|verdict|outcome|offer|news)\b"
        r"(?:\s+[\w'’]+){0,3}?\s+when\s*\??\s*$", re.IGNORECASE),
}


def time_asked(question: str) -> frozenset[TimeAsked]:
    """Which kinds of time the question asks for (empty when it asks for none)."""
    return frozenset(k for k, p in TIME_QUESTIONS.items() if p.search(question))
