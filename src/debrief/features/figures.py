"""Figures in the notes that a superlative question ranks: "which interview was the longest?",
"who has the biggest design team?", "biggest quota of the lot?".

A superlative is answered by the figure each interview's notes state, ranked in code, not by a
small model comparing passages. This module says which questions rank and by what kind of figure
(a length of time, a count of something, a sum of money), and reads such a figure from a line
as written ("1 hour 15 min", "from 8:00 until almost 11:30", "nine people", "1.4 million").
Pay has its own ranking (question_patterns.pay_figure), and so does "who did I meet".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from debrief.core.text import CURRENCY, CURRENCY_SIGNS, stems
from debrief.features.question_patterns import LENGTH_UNIT, in_digits

# A superlative, or a comparative between named interviews ("which was longer, X or Y?").
RANK_HIGH = re.compile(r"\b(?:longest|biggest|largest|most|highest|busiest|greatest|longer"
                       r"|bigger|larger|busier|more)\b", re.IGNORECASE)
RANK_LOW = re.compile(r"\b(?:shortest|smallest|fewest|least|lowest|quickest|shorter|smaller"
                      r"|fewer|less)\b", re.IGNORECASE)
SUPERLATIVE = re.compile(r"\b(?:longest|biggest|largest|most|highest|busiest|greatest|shortest"
                         r"|smallest|fewest|least|lowest)\b", re.IGNORECASE)
COMPARATIVE = re.compile(r"\b(?:longer|bigger|larger|busier|more|shorter|smaller|fewer|less)\b",
                         re.IGNORECASE)


# "most"/"least" said of a verb, not of a figure: "what did they care about most?".
ADVERB_ONLY = re.compile(r"\b(?:most|least|more|less)\b(?=\s*(?:[?.!,]|$|about|of|in|on|at|to"
                         r"|with|from|for|when|because|than|and|or|so far))", re.IGNORECASE)
# "Which interview had me meeting the most people?", "which panel had the most people on it?":
# who was met, as the debriefs' headers list them (not the size of a team).
MET_RANK = re.compile(r"^(?!.*\b(?:team|teams|staff|hir\w*|employ\w*|headcount|department"
                      r"|unit|company|org|reports?|under me|manag\w*)\b).*\b(?:people|ppl|persons|folks"
                      r"|interviewers|panel\w*)\b", re.IGNORECASE)
COMPARED = {"longer": "longest", "bigger": "biggest", "larger": "largest", "busier": "busiest",
            "more": "most", "shorter": "shortest", "smaller": "smallest", "fewer": "fewest",
            "less": "least"}


def asks_ranking(question: str, named: int) -> bool:
    """Whether the question asks for the interview with the biggest or smallest figure: a
    superlative said of a figure ("the longest interview", "the most people"), or a comparative
    between two or more named companies; not "most" said of a verb ("what did they like most")."""
    adverbs = {m.start() for m in ADVERB_ONLY.finditer(question)}
    said = [m for m in (*SUPERLATIVE.finditer(question), *(
        COMPARATIVE.finditer(question) if named >= 2 else ())) if m.start() not in adverbs]
    return bool(said)


def superlative_word(question: str) -> str:
    """The question's superlative ("longest"; "longer" is said as "longest")."""
    m = SUPERLATIVE.search(question) or COMPARATIVE.search(question)
    word = m.group(0).lower() if m else "most"
    return COMPARED.get(word, word)


class FigureKind(StrEnum):
    """What a ranking compares."""

    TIME = "time"  # a length of time: an interview, a wait, an orientation
    MONEY = "money"  # a sum that is not pay: a quota, a budget, a deal size
    COUNT = "count"  # a number of something named: people on a team, rounds, patients a day


# Questions about a length of time ("longest interview", "ate the most hours", "how long").
ASKS_TIME = re.compile(r"\b(?:longest|shortest|longer|shorter|long|hours?|minutes?|time|wait"
                       r"|waiting|weeks?|months?|days?)\b", re.IGNORECASE)
# Sums of money that are not pay.
ASKS_MONEY = re.compile(r"\b(?:quotas?|targets?|budgets?|arr|revenue|deal sizes?|deals?|book"
                        r"|territory|pipeline|raised?)\b", re.IGNORECASE)
# Words of a time question that say nothing about what the time is of ("longest interview":
# the interview itself; "longest orientation": an orientation line).
TIME_WORDS = frozenset(stems("""longest shortest longer shorter long hours hour minutes minute
time times wait waited day days week weeks month months ate took take taking lasted last going
wrote written down far so by interview interviews interviewing onsite loop session call round
rounds one ones most least which where whats what was were had have did do my me i the of all
out lot these those place places job jobs company companies by told tell expect expected give gives
gave get gets got before until till own going off far note notes wrote want wanted really dont
like again need did length lengths up noted start finish chunk quick quickest took phone screen
call panel onsite loop visit biggest"""))
# A wait ("the longest wait before I hear back"): said in a line about the process or decision.
ASKS_WAIT = re.compile(r"\b(?:wait\w*|hear(?:ing)? back|decisions?|decide|timelines?|process)\b",
                       re.IGNORECASE)
WAIT_WORDS = frozenset(stems("""process decision decide decides hear back timeline weeks respond
response offer next steps"""))
# Words of a count question that say nothing about what is counted.
COUNT_WORDS = frozenset(stems("""most fewest least biggest largest smallest highest lowest
bigger larger smaller more fewer less busiest busier which what who whose where was were is are
had has have got get gives give did do does my me i the of all lot these those place places job
jobs company companies one ones right now currently many how number day daily small big large
tiny huge ask asked didnt thing things like"""))


@dataclass(frozen=True)
class Figure:
    """One figure read from a line: its value in the kind's unit and the words as written."""

    value: float
    written: str


MINUTES = {"min": 1, "minute": 1, "minutes": 1, "mins": 1, "m": 1, "hour": 60, "hours": 60,
           "hr": 60, "hrs": 60, "h": 60, "day": 1440, "days": 1440, "week": 10080,
           "weeks": 10080, "wk": 10080, "wks": 10080, "month": 43200, "months": 43200,
           "mo": 43200, "mos": 43200}
SHORT_UNITS = {"min", "minute", "minutes", "mins", "m", "hour", "hours", "hr", "hrs", "h"}
NUM = r"\d+(?:\.\d+)?"
DURATION = re.compile(
    rf"(?P<n>\b{NUM}|\ban?\s|\bhalf an?\s)(?:\s?(?:-|–|to)\s?(?P<n2>{NUM}))?[\s-]*"
    rf"(?P<unit>{LENGTH_UNIT}|(?<=\d)h)\b"
    rf"(?P<half>\s+and\s+a\s+half)?(?:\s*(?:and\s+)?(?P<m>\d+)\s*(?:minutes?|mins?|m)\b)?",
    re.IGNORECASE)
HOUR_LONG = re.compile(r"\bhour-long\b|\ban hour long\b", re.IGNORECASE)
CLOCK = r"(?P<{0}h>\d{{1,2}})(?::(?P<{0}m>\d{{2}}))?\s*(?P<{0}ap>am|pm|a\.m\.|p\.m\.)?"
CLOCK_RANGE = re.compile(
    CLOCK.format("a") + r"\s*(?:-|–|to|until|till|til)\s*(?:almost|nearly|about|around|like|roughly)?\s*"
    + CLOCK.format("b") + r"(?!\s*(?:%|k\b|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?"
                          r"|people|years?))", re.IGNORECASE)
MONEY = re.compile(rf"(?P<cur>{CURRENCY})?\s?(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s?"
                   r"(?P<mult>k\b|m\b|mm\b|mil\b|million|thousand|billion|bn\b)?", re.IGNORECASE)
MULT = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mil": 1e6, "million": 1e6,
        "billion": 1e9, "bn": 1e9}
# A number that counts something: not a time of day, a year, a percentage, a sum or a length.
COUNT_NUMBER = re.compile(rf"(?<![{CURRENCY_SIGNS}\d.,:])\b(?P<n>\d+)\b(?![.,:]\d|\s?(?:%|percent|k\b|am\b"
                          r"|pm\b|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?"
                          r"|yrs?|million|thousand)|-(?:hour|minute|day|week))", re.IGNORECASE)
# Words between what is counted and its number: "a team of 4", "team is nine people".
LINKING = frozenset("of is was are were about around roughly like maybe only just now be "
                    "currently".split()) | {""}
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+")


def rank_kind(question: str) -> FigureKind:
    """What a superlative question ranks by."""
    if ASKS_MONEY.search(question):
        return FigureKind.MONEY
    if ASKS_TIME.search(question):
        return FigureKind.TIME
    return FigureKind.COUNT


def ranks_low(question: str) -> bool:
    """Whether the question asks for the smallest figure ("shortest", "fewest")."""
    return bool(RANK_LOW.search(question)) and not RANK_HIGH.search(question)


def ranks_both(question: str) -> bool:
    """Whether it asks for both ends ("which ate the biggest chunk, and which was the
    quickest?")."""
    return bool(RANK_LOW.search(question)) and bool(RANK_HIGH.search(question))


def time_topic(question: str) -> set[str]:
    """What a time question's time is of, as stems ({"orient"} for "longest orientation");
    empty when it asks about the interview itself."""
    if ASKS_WAIT.search(question):
        return set(WAIT_WORDS)
    return {s for s in stems(question) if s not in TIME_WORDS and not s.isdigit()}


def count_topic(question: str) -> set[str]:
    """What a count question counts, as stems ({"design", "team"})."""
    return {s for s in stems(question) if s not in COUNT_WORDS and not s.isdigit()}


def _num(word: str) -> float:
    low = word.lower()
    return 0.5 if low.startswith("half") else 1.0 if low in ("a", "an") else float(low)


# A point in time, not a length: "a check-in at 90 days", "an offer after ten minutes".
POINT_BEFORE = re.compile(r"\b(?:at|after|by|within|in|every|per)\s+(?:about|around|like|roughly|the\s+)?$",
                          re.IGNORECASE)
# A rate, not a length: "two days a week", "4 days x 10 hours", "12 hour shifts".
RATE_BEFORE = re.compile(r"(?:\b\d+\s*(?:days?|hours?|hrs?|times|shifts?|nights?)\s+|\bx\s*|/\s*)$",
                         re.IGNORECASE)
POINT_AFTER = re.compile(r"^\s*(?:after|before|later|earlier|ago|into|late|early|behind)\b",
                         re.IGNORECASE)
RATE_AFTER = re.compile(r"^\s*(?:shifts?|days?\b|weeks?\b|a (?:day|week|month)|per\b|/)",
                        re.IGNORECASE)
# "from nine until roughly two": a range of clock times, said without a colon.
FROM_BEFORE = re.compile(r"\b(?:from|between|starting at|started at)\s+$", re.IGNORECASE)
WITHIN = re.compile(r"\b(?:in|within)\s+(?:about|around|like|roughly)?\s*$", re.IGNORECASE)
# What lies between two lengths that add up: "6 wks with a preceptor, then 2 wks".
THEN = re.compile(r"[^.;]{0,40}\b(?:then|plus|followed by)\b[^.;]{0,20}|\s*\+\s*", re.IGNORECASE)
LONGEST_INTERVIEW = 8 * 60  # minutes: a longer "interview" is a schedule or a deadline


def duration(line: str, *, short_only: bool) -> Figure | None:
    """The longest length of time the line states, in minutes ("1 hour 15 min", "4-6 weeks":
    the top of a range, "8:00 until almost 11:30"); only minutes and hours, up to eight hours,
    when `short_only` (the length of an interview, not "5 years of experience" or "within 48
    hours"). A point in time ("at 90 days") or a rate ("two days a week", "12 hour shifts") is
    no length."""
    text = in_digits(line, every=True)
    found: list[Figure] = []
    last_end, prev_start = -1, 0
    for m in DURATION.finditer(text):
        unit = m.group("unit").lower()
        before, after = text[:m.start()], text[m.end():]
        if (short_only and unit not in SHORT_UNITS) or RATE_BEFORE.search(before) \
                or RATE_AFTER.match(after) or POINT_AFTER.match(after) or (POINT_BEFORE.search(before) and (
                    short_only or not WITHIN.search(before))):
            continue
        value = _num(m.group("n2") or m.group("n").strip()) * MINUTES[unit]
        if m.group("half"):
            value += MINUTES[unit] / 2
        if m.group("m"):
            value += float(m.group("m"))
        if short_only and value > LONGEST_INTERVIEW:
            continue
        if found and last_end >= 0 and THEN.fullmatch(text[last_end:m.start()]):
            # "6 wks with a preceptor, then 2 wks with a lighter assignment": one length
            prev = found.pop()
            found.append(Figure(prev.value + value, text[prev_start:m.end()].strip()))
        else:
            found.append(Figure(value, m.group(0).strip()))
            prev_start = m.start()
        last_end = m.end()
    for m in HOUR_LONG.finditer(text):
        found.append(Figure(60.0, m.group(0)))
    for m in CLOCK_RANGE.finditer(text):
        if not (m.group("am") or m.group("bm") or m.group("aap") or m.group("bap")
                or FROM_BEFORE.search(text[:m.start()])):
            continue  # "4-6": a range of something else, not of clock times
        a = int(m.group("ah")) * 60 + int(m.group("am") or 0)
        b = int(m.group("bh")) * 60 + int(m.group("bm") or 0)
        if b <= a:
            b += 12 * 60
        if 0 < b - a <= (LONGEST_INTERVIEW if short_only else 12 * 60):
            found.append(Figure(float(b - a), m.group(0).strip()))
    return max(found, key=lambda f: f.value, default=None)


def money(line: str) -> Figure | None:
    """The largest sum the line states ("1.4 million", "900k", "$250,000"); a bare number is
    not a sum."""
    best: Figure | None = None
    for m in MONEY.finditer(line):  # (in digits, "1.4 million" would read as "1.4 1000000")
        mult = (m.group("mult") or "").lower()
        if not (m.group("cur") or mult or "," in m.group("n")):
            continue
        value = float(m.group("n").replace(",", "")) * MULT.get(mult, 1.0)
        if best is None or value > best.value:
            best = Figure(value, m.group(0).strip())
    return best


def count(line: str, topic: set[str]) -> Figure | None:
    """The number in the line nearest a word of what is counted ("they need 6 more
    electricians", "a design team of four"), within three words; None when none is."""
    text = in_digits(line, every=True)
    words = [(m.start(), m.group(0)) for m in WORD.finditer(text)]
    at_topic = [i for i, (_, w) in enumerate(words)
                if not w.isdigit() and set(stems(w)) & topic]
    best: tuple[int, Figure] | None = None
    for m in COUNT_NUMBER.finditer(text):
        i = next((k for k, (s, _) in enumerate(words) if s == m.start()), None)
        if i is None or not at_topic:
            continue
        t = min(at_topic, key=lambda t: abs(i - t))
        value = float(m.group("n"))
        if abs(i - t) > 3 or 1900 <= value <= 2100:  # too far from the topic, or a year
            continue
        between = text[words[t][0] + len(words[t][1]):m.start()]
        if t < i and not all(w.strip(":=-").casefold() in LINKING for w in between.split()):
            continue  # "the team ... 6", "electrician (12": only "team of 6", "team: 6" count
        first, last = words[min(i, t)], words[max(i, t)]
        written = text[first[0]:last[0] + len(last[1])]
        if best is None or abs(i - t) < best[0]:
            best = (abs(i - t), Figure(value, written))
    return best[1] if best else None
