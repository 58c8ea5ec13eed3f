"""Ask across past interviews: hybrid retrieval, a budgeted prompt, streamed answers, checked citations."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import logging
import math
import re
import time
from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from debrief.adapters.llm import ChatModel
from debrief.adapters.prompts import PromptLibrary
from debrief.adapters.store import Chunk, DebriefStore, metadata
from debrief.core.domain import Debrief, Person
from debrief.core.evidence import Unit, folded, segment
from debrief.core.people import NAME_NOT_GIVEN
from debrief.core.text import (
    CURRENCY,
    CURRENCY_SIGNS,
    FUNCTION_STEMS,
    FUNCTION_WORDS,
    WORK_HOURS,
    counts_in_words,
    expanded_stems,
    holds_left_out,
    same_phrased,
    search_words,
    stems,
    terms,
    without_guess,
)
from debrief.features.decisions import (
    DECIDES,
    NAME,
    TIME,
    Scope,
    asks_decider,
    asks_decision_time,
    decision_line,
    decision_told,
    tells_time,
)
from debrief.features.kept import NOTES_AFTER, by_date, promise_of, reports
from debrief.features.pointing import without_pointers
from debrief.features.question_patterns import TIME_UNIT, TimeAsked, in_digits, time_asked
from debrief.features.retrieval import (
    Filters,
    Retrieved,
    later_news_first,
    named_companies,
    names_company,
    near_word,
    pointed_at,
    retrieve,
    sentence_index,
)
from debrief.features.routes import PROMISE, THE_PLACE

__all__ = ["REFUSAL", "Answer", "Asker", "Citation", "Filters", "Turn", "named_companies",
           "refusal"]

log = logging.getLogger(__name__)

NOT_IN_NOTES = "NOT IN NOTES"
REFUSAL = "Your notes don't say."
# The refusal in the model's own words ("… is not mentioned in the given notes").
SAYS_NOT_IN_NOTES = re.compile(
    r"\b(?:is|are|was|were)\s+not\s+(?:mentioned|stated|given|specified|included|provided|"
    r"listed|found)\b|\bnot\s+in\s+(?:the|your)\s+(?:given\s+)?(?:notes|passages)\b|"
    r"\b(?:notes|passages)\s+(?:do|does)\s+not\s+(?:say|mention|contain)\b", re.IGNORECASE)
# Words an answer may add without saying anything ("the recruiter … is named [3]").
ANSWER_FILLER = frozenset(stems("""note notes mention mentioned mentions say says said told tell
interview interviewer interviewers named name called passage passages according wrote write
written there also were is are be not no yes you your user people currently scheduled
""".replace("\n", " ")))
# A question that asks for someone ("what was the recruiter's name", "who would be my boss").
ASKS_FOR_NAME = re.compile(r"\b(?:names?|who|who's|whom|whose)\b|\bcalled(?:\s+again)?\s*\??\s*$",
                           re.IGNORECASE)
# A question that asks for the name itself ("what was her name", "what's he called"), which
# no description answers.
NAME_WORD = re.compile(r"\bnames?\b|\bcalled(?:\s+again)?\s*\??\s*$", re.IGNORECASE)
NOT_NAME_WORDS = FUNCTION_WORDS | frozenset(
    "mr mrs ms dr hr it they she he her his their yes no not notes passage".split()
    # days and months are capitalised, and name nobody (months that are first names stay)
    + "monday tuesday wednesday thursday friday saturday sunday january february march "
      "september october november december".split())
# Titles that answer "who decides / who signs off" as well as a name does.
DECIDER_TITLES = frozenset("""ceo cfo coo cto cio cro cmo cpo cno vp svp evp gc md owner owners
founder founders dean board committee chair chairman chairwoman principal headteacher partner
partners director president""".split())
# A question for an amount of pay ("what's the base range", "how much … an hour", "is there
# a bonus"). Not "offer" ("when could they make me an offer"), a count ("how much of them are
# new"), an amount of something else ("how much vacation"), or who pays for a thing ("IB
# training: school is paying or I pay?", "do they pay for the move", "paid time off").
ASKS_FOR_PAY = re.compile(
    r"\b(?:(?<!\bi\s)(?<!\bwho\s)(?:pay|pays|paid)(?!\s+(?:for|time\s+off)\b)"
    r"|salary|salaries|compensation|comp|wages?|hourly|"
    r"bonus|equity|ote|how much(?!\s+(?:of\s+(?:them|those|these|the|us)|"
    r"people|persons|engineers|staff|time|notice|travel|vacation|holidays?|leave|pto|days?|"
    r"hours?|weeks?|overtime|support|training|homework|marking|prep|preparation|on-?call|work"
    # non-native "how much late", "how much houses": how late, how many
    r"|late|later|behind|early|earlier|longer|further|houses|homes|plots|units|sites|beds|rooms"
    r"|patients|students|nurses|vets|people)\b))\b",
    re.IGNORECASE)
# A line that gives pay: money (not "$140M"), "165k", "£23 an hour", or a pay word by a number.
PAY_AMOUNT = re.compile(
    rf"{CURRENCY}\s?\d[\d,.]*(?![\d,.])(?!\s?(?:m|bn|million|billion)\b)|\b\d[\d,.]*\s?k\b"
    r"|\b\d[\d,.]*\s*(?:an?|per|/)\s*(?:hour|hr|year|yr|month|annum|shift|visit)\b"
    r"|\b(?:salary|pay|base|band|ote|bonus|comp|compensation|rsus?|equity|wage|rate|hourly|"
    r"stipend|sign-on)\b[^.\n]{0,40}\d"
    r"|\d[^.\n]{0,25}\b(?:salary|base|bonus|ote|rsus?|equity|hourly|wage|rate|gross)\b",
    re.IGNORECASE)
# A question for the size of a team or place ("how big is the team", "how many nurses").
ASKS_FOR_SIZE = re.compile(r"\bhow\s+(?:big|large|small)\s+(?:is|are|was|were|'s)\s+(?:the\s+|"
                           r"their\s+|my\s+)?(?:[\w-]+\s+){0,2}(?:team|department|unit|office|"
                           r"group|practice|firm|company|staff|lab|squad)s?\b"
                           r"|\bhow\s+many\s+(?:people|staff|"
                           r"engineers|analysts|nurses|lawyers|members|employees|reports)\b"
                           r"|\b(?:team|department|unit)\s+size\b|\bheadcount\b", re.IGNORECASE)
# A question about leave ("how many days off a year", "annual leave", "holiday allowance"):
# the answer's line must speak of leave, not of any days ("two days a week in the office").
ASKS_FOR_LEAVE = re.compile(r"\bdays?\s+off\b|\btime\s+off\b|\bannual\s+leave\b|\bholidays?\b"
                            r"|\bvacation\b|\bpto\b|\bleave\s+(?:allowance|entitlement|days)\b",
                            re.IGNORECASE)
LEAVE_WORDS = re.compile(r"\bdays?\s+off\b|\btime\s+off\b|\bleave\b|\bholiday|\bvacation|\bpto\b"
                         r"|\bbank\s+hols?\b|\ba/l\b", re.IGNORECASE)
# A number that counts time, money or a share, not people ("4 days onsite", "£90", "10%").
NOT_A_SIZE = re.compile(rf"{CURRENCY}\s?\d[\d,.]*|\d[\d,.]*\s?(?:%|k\b|(?:am|pm)\b)|\d[\d,.]*\s*"
                        rf"(?:{TIME_UNIT}|nights?|shifts?|times?)\b", re.IGNORECASE)
NUMBER_WORDS = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"fifteen|twenty|thirty|forty|fifty|a dozen|dozens?|hundreds?)\b",
                          re.IGNORECASE)
# "Why did they pass on me / say no / not pick me?": the answer is the decision the note records.
WHY_NOT_ME = re.compile(
    r"\bwhy\b.*\b(?:pass(?:ed)?\s+on|reject|turn(?:ed)?\s+(?:me\s+)?down|say\s+no|said\s+no"
    r"|not\s+(?:pick|choose|hire|get|offer|want)|didn'?t\s+(?:i\s+)?(?:get|pick|choose|hire|offer"
    r"|want|make)|bin(?:ned)?\s+me|no\s+offer|unsuccessful|lose|lost)", re.IGNORECASE)
# The sentence that gives such a decision: they went with / chose / offered it to someone else.
DECISION = re.compile(
    r"\b(?:went|gone|going|go|decided\s+to\s+go)\s+(?:with|for)\s+(?:someone|somebody|a\s+candidate"
    r"|another|an?\s+internal|the\s+other|a\s+person|a\s+guy|a\s+woman)"
    r"|\b(?:chose|chosen|picked|hired|selected|offered\s+(?:it|the\s+\w+)\s+to|gave\s+(?:it|the\s+\w+)"
    r"\s+to)\s+(?:someone|somebody|a\s+candidate|another|an?\s+internal|the\s+other|a\s+person)"
    r"|\bmov(?:e|ed|ing)\s+forward\s+with\s+(?:someone|somebody|other|another|an?\s+internal)"
    r"|\b(?:hired|filled|promoted)\s+(?:internally|from\s+within)|\binternal\s+hire"
    r"|\b(?:other|another|internal|stronger)\s+(?:candidate|applicant)", re.IGNORECASE)
# "What did I do wrong / miss / bomb on the hands-on test?": the slips the user noted.
MISSTEP = re.compile(
    r"\b(?:wrong|mistakes?|screw\w*\s+up|mess\w*\s+up|bomb\w*|flub\w*|blew|fumbl\w*"
    r"|los[et]\s+(?:points|marks)|miss|missed|weak\w*|struggl\w*|went\s+badly|go\s+badly"
    r"|trip\w*\s+(?:me\s+)?up|slip\w*|botch\w*|stumbl\w*|fail(?:ed)?|f[ae]ll\s+down"
    r"|done\s+better|errei|erro"
    # "which bit went wobbly", "the shaky part", "where did it go pear-shaped"
    r"|wobbl\w*|shak(?:y|ier|iest|ily)|rocky|ropey|ropy|iffy|dodgy|muddl\w*|fluff\w*"
    r"|pear[- ]shaped|sideways"
    # "which question I was blank on", "was not able to explain", "couldn't answer"
    r"|blank\w*|froze|freez\w*|forgot|not\s+able\s+to|(?:couldn'?t|could\s+not|can'?t|cannot)"
    r"\s+(?:i\s+)?(?:answer|explain|remember|think\s+of|say)|didn'?t\s+(?:i\s+)?know)\b",
    re.IGNORECASE)
# A practice point worded as advice to self ("Practise SBAR out loud", "Preciso estudar SBG",
# "[Read the axis labels out loud …]") is what to do next, not what went wrong.
ADVICE = re.compile(
    r"^\W*(?:practi[cs]e|need\s+to|i\s+need|i\s+must|must|i\s+should|should|preciso|próxima\s+vez"
    r"|next\s+time|look\s+\w+\s+up|look\s+up|remember|study|prepare|read|lead\s+with|ask"
    r"|say|have\s+a|make\s+sure|don'?t|do\s+not|keep|shut|stop|slow\s+down|cut|use|spend|bring"
    r"|try|write|learn|drill|work\s+on|find|check|pause|listen|get\s+better"
    r"|do\s+(?:your|the|a|more|less|it))\b", re.IGNORECASE)
# A slip that points back ("Aqui eu fui fraca", "That was my weak spot") needs the line before.
SLIP_POINTS_BACK = re.compile(
    r"^\W*(?:here|there|that|this|it|aqui|ali|isso|esse|essa|ahí|eso)\b", re.IGNORECASE)
SLIPS = 3
DECISION_CHARS = 420  # the decision sentence and the one after it, when they fit
SUPPORTED_SHARE = 0.4  # of the answer's new content words, at least this share must be cited
# Words that place a thing in time or order: alone, they answer nothing ("I'd sort out the
# homework before the call" to "what did I say I'd sort out after the call?").
RELATION_STEMS = frozenset(stems("before after during within until since between later earlier"))
HELD_SHARE = 0.5  # each sentence of a reply: at least this share of its new words in the passages
SUGGESTIONS = 3
CITE = re.compile(r"\[(\d{1,2})\]")
# A reply that only points at passages ("Passage [1]", "See [2].", "[1], [3]").
# "asking", "doing": how a question goes on, not what it asks about
DOING_STEMS = frozenset(stems("doing asking going getting"))
# A sentence of a long line, with the spaces after it
LONG_LINE_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"'’”)]*|$)\s*")
BARE_POINTER = re.compile(r"\W*(?:(?:see|in|from)\s+)?(?:passages?\s*)?"
                          r"\[\d{1,2}\](?:\s*(?:,|and|&)?\s*\[\d{1,2}\])*\W*", re.IGNORECASE)


class Citation(BaseModel):
    """A passage the answer relies on, checked to be in its debrief."""

    debrief_id: str
    company: str
    role: str | None
    date: str
    quote: str


class Answer(BaseModel):
    """The answer contract of `debrief ask --json`."""

    model_config = ConfigDict(extra="forbid")

    answer: str
    supported: bool
    citations: list[Citation]
    seconds: float
    prompt_tokens: int
    suggestions: list[Citation] = Field(
        default_factory=list,
        description="When the notes don't say: the closest passages ('you may mean').")


@dataclass
class Turn:
    """One earlier question and answer of the chat."""

    question: str
    answer: str


class Asker:
    """Answers questions from the user's notes only, with citations checked in code."""

    def __init__(self, store: DebriefStore, model: ChatModel, prompts: PromptLibrary) -> None:
        self.store = store
        self.model = model
        self.prompts = prompts
        self._read: dict[str, Debrief | None] = {}  # debriefs read for the answer being checked
        self._scope: Filters | None = None  # the filters of the question being answered

    @property
    def spec(self) -> Any:
        """The answer prompt."""
        return self.prompts.get("answer")

    def _focus(self, question: str, text: str, limit: int, company: str = "") -> str:
        """The part of a long chunk that answers the question: its best line and neighbours.

        A chunk's head is often a header; the line that matters can be anywhere in it. The
        result is a contiguous slice of the chunk, so it stays a verbatim quote of the note.
        """
        if len(text) <= limit:
            return text
        # Lines, and the sentences of a line too long to quote whole (a dictated note is one
        # paragraph: "… the control room runs five in the morning till one at night, …, one
        # weekend in three." is its sixth sentence)
        spans = [(m.start() + s.start(), m.start() + s.end())
                 for m in re.finditer(r"[^\n]+", text) if m.group().strip()
                 for s in (LONG_LINE_SENTENCE.finditer(m.group()) if len(m.group()) > limit
                           else [m])
                 if s.group().strip()]
        if len(spans) < 2:
            return text[:limit].rsplit(" ", 1)[0]
        lines = [text[a:b] for a, b in spans]
        # The company's name is in every header line: it says nothing about where the answer is.
        name = terms(company)
        focus = " ".join(w for w in question.split() if not (terms(w) and terms(w) <= name))
        vecs = self.store.embedder.embed([focus, *lines])
        vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        q_terms = terms(focus)
        scores = [float(v @ vecs[0]) + 0.05 * len(q_terms & terms(line))
                  for v, line in zip(vecs[1:], lines, strict=True)]
        lo = hi = int(np.argmax(scores))
        while True:  # grow toward the better neighbour while the slice fits
            options = [i for i in (lo - 1, hi + 1) if 0 <= i < len(spans)
                       and spans[max(hi, i)][1] - spans[min(lo, i)][0] <= limit]
            if not options:
                break
            best = max(options, key=lambda i: scores[i])
            lo, hi = min(lo, best), max(hi, best)
        start, end = spans[lo][0], spans[hi][1]
        if end - start > limit:  # one very long sentence: its head
            return text[start:start + limit].rsplit(" ", 1)[0]
        return text[start:end]

    def _select(self, retrieved: Retrieved, question: str = "") -> list[Chunk]:
        """Few, short, deduplicated passages within the token budget.

        A first round takes at most `per_debrief` passages from each debrief, so questions across
        interviews see several of them; a second round fills the remaining room in rank order.
        """
        d = self.spec.defaults
        trimmed = []
        for c in retrieved.passages[: d["passages"] * 2]:
            text = self._focus(question, c.text.strip(), d["passage_chars"],
                               str(c.metadata.get("company", "")))
            trimmed.append(Chunk(c.debrief_id, text, c.start, c.score, c.metadata))
        picked: list[int] = []
        used = 0
        per_debrief: dict[str, int] = {}
        for capped in (True, False):
            for i, c in enumerate(trimmed):
                if len(picked) >= d["passages"]:
                    break
                if i in picked or (capped and per_debrief.get(c.debrief_id, 0)
                                   >= d.get("per_debrief", 99)):
                    continue
                this = folded(c.text)
                if any(this in folded(trimmed[j].text) or folded(trimmed[j].text) in this
                       for j in picked):
                    continue
                cost = self.model.count_tokens(c.text) + 20
                if picked and used + cost > d["context_tokens"]:
                    continue
                picked.append(i)
                per_debrief[c.debrief_id] = per_debrief.get(c.debrief_id, 0) + 1
                used += cost
        return [trimmed[i] for i in sorted(picked)]

    def prepare(self, question: str, filters: Filters | None = None,
                history: list[Turn] | None = None) -> tuple[list[Chunk], list[dict[str, str]]]:
        """Retrieve and build the prompt; returns ([], []) when nothing relevant was found."""
        history = history or []
        query = question if not history or len(terms(question)) > 3 else \
            f"{history[-1].question} {question}"
        query = search_words(query)  # what it asks, not the situation told before it
        retrieved = retrieve(self.store, query, filters or Filters(),
                             k=self.spec.defaults["passages"] * 2)
        q_terms = terms(query)
        # An explicit filter already narrows the search to what the user means.
        min_score = 0.0 if (filters and filters.where()) else self.spec.defaults["min_score"]
        relevant = retrieved.best_score >= min_score or any(
            len(q_terms & terms(c.text)) >= 2 for c in retrieved.passages)
        if not retrieved.passages or not relevant:
            return [], []
        asked = retrieved.about  # the company filter, or the companies named or described
        if asked:  # later news of the company first, among the passages to choose from
            top = self.spec.defaults["passages"] * 2
            index = sentence_index(self.store)
            # the latest word on what is asked, though its line shares few of the question's
            # words ("Ingrid gave me until 3 July for Quillfeather" for "by which date do I have
            # to give Quillfeather my answer?")
            news = [c for company in asked for c in index.news(company)
                    if bears_on(c.text, query, company)][:NEWS_LINES]
            retrieved = Retrieved(later_news_first(news + retrieved.passages[:top], asked, index)
                                  + retrieved.passages[top:], retrieved.best_score, asked)
        passages = self._select(retrieved, query)
        listing = "\n".join(
            f"[{i}] ({c.metadata.get('company')}, {c.metadata.get('role') or '-'}, "
            f"{c.metadata.get('date')}{news_label(c)}): {c.text}"
            for i, c in enumerate(passages, 1))
        hist = "".join(f"Earlier question: {t.question}\nEarlier answer: {t.answer[:300]}\n\n"
                       for t in history[-2:])
        return passages, self.spec.messages(history=hist, passages=listing, question=question)

    def stream(self, question: str, filters: Filters | None = None,
               history: list[Turn] | None = None) -> Iterator[str | Answer]:
        """Yield answer text as it is generated, then the final checked Answer (a name the
        user guessed after the question is left out of it: `without_guess`)."""
        start = time.perf_counter()
        question = without_guess(question)
        self._scope = filters
        passages, messages = self.prepare(question, filters, history)
        if not messages:
            yield refusal(start, 0)
            return
        prompt_tokens = sum(self.model.count_tokens(m["content"]) for m in messages)
        pieces: list[str] = []
        for piece in self.model.stream(messages, max_tokens=self.spec.defaults["max_tokens"]):
            pieces.append(piece)
            yield piece
        yield self.finish("".join(pieces), passages, start, prompt_tokens, question)

    def ask(self, question: str, filters: Filters | None = None,
            history: list[Turn] | None = None) -> Answer:
        """The whole answer at once."""
        final: Answer | None = None
        for part in self.stream(question, filters, history):
            if isinstance(part, Answer):
                final = part
        assert final is not None
        return final

    def finish(self, text: str, passages: list[Chunk], start: float,
               prompt_tokens: int, question: str = "") -> Answer:
        """Check the answer's citations against the passages and the stored notes.

        An answer must answer: the content words it adds to the question's own must be there
        and mostly in the passages it cites; otherwise it is a refusal that shows the closest
        passages as "you may mean".
        """
        self._read = {}  # each debrief is read from the store once per answer
        if (news := superseded(text, passages, question) or later_date(question, text, passages)
                ) is not None:
            log.info("ask: the answer's value was replaced by later news: passage %d", news[0])
            text = f"{news[1]} [{news[0]}]"
        elif (moved := moved_day(question, text, passages, self.store.companies())) is not None and (
                quoted := self._quoted(question, (passages[moved[0] - 1], moved[1]), [], start,
                                       prompt_tokens)):
            # "answer by the 14th. I asked for one more week, Gifty agreed, now by Wednesday
            # 21st.": the note's own sentences, as code quotes them
            log.info("ask: the answer's day was moved: passage %d", moved[0])
            return quoted
        elif (later := self._moved_later(question, text, passages)) is not None and (
                quoted := self._quoted(question, (passages[later[0] - 1], later[1]), [later[2]],
                                       start, prompt_tokens)):
            # "answer by Fri 25th" … (paragraphs on) "asked Yasmin for till Tue 29th": the
            # note's two lines, as code quotes them
            log.info("ask: the answer's day was moved later: passage %d", later[0])
            return quoted
        text, dropped = held_sentences(text.strip(), question, passages)
        if dropped:
            log.info("ask: %d sentence(s) of the reply dropped, their words not in the notes",
                     dropped)
        pointed = [passages[int(n) - 1] for n in CITE.findall(text) if 1 <= int(n) <= len(passages)]
        if pointed and not terms(counts_in_words(CITE.sub(" ", text))) \
                and TimeAsked.OPENS in time_asked(question):
            # "[1]" and nothing else to "when's X supposed to call me back": the cited
            # passage's sentence that tells a time and shares a word with the question
            found = timed_line(question, pointed, passages)
            if found is not None and (quoted := self._quoted(
                    question, found, self._moved(question, found), start, prompt_tokens)):
                return quoted
        if BARE_POINTER.fullmatch(text):  # "Passage [1]": it chose a passage, said nothing
            return self._named_line(question, passages, start, prompt_tokens, pointed)
        if not terms(counts_in_words(CITE.sub(" ", text))) \
                or NOT_IN_NOTES.casefold() in text.casefold() or SAYS_NOT_IN_NOTES.search(text):
            return self._named_line(question, passages, start, prompt_tokens)
        if re.search(r"\b(QUESTION|PASSAGES)\s*:", text):
            return self._named_line(question, passages, start, prompt_tokens)  # echoed prompt
        numbers = [int(n) for n in CITE.findall(text)]
        cited = [passages[n - 1] for n in dict.fromkeys(numbers) if 1 <= n <= len(passages)]
        if not cited:  # no markers: attribute by overlap of content words, or refuse
            # Company and role words are in every passage of a debrief, and the question's own
            # words are echoed by any reply: they prove nothing.
            # (the role's own figure, "Level 2", is no count: "two days" still answers)
            echo = set(stems(counts_in_words(question))) | set(stems(_frame(passages))) \
                | ANSWER_FILLER
            # (a day said "the 4th" in the answer is the note's "4 November": counts_in_words)
            a_stems = set(stems(counts_in_words(text))) - echo
            # equal holders: the one that says the answer's words together ("two years", not
            # "Two modules … 60 first-years")
            said = [w for w in stems(counts_in_words(text)) if w in a_stems]
            scored = sorted(passages, key=lambda c: (-held_stems(a_stems, c.text),
                                                     -held_pairs(said, c.text)))
            # A short answer ("Meditrace", "£90 a month") is attributed when a passage holds
            # every one of its words; a longer one needs most of them, and three at most
            # ("… is scheduled for the 14th of May": "14th" and "may").
            need = len(a_stems) if len(a_stems) <= 2 else min(3, math.ceil(0.6 * len(a_stems)))
            held = [held_stems(a_stems, c.text) for c in scored[:2]]
            cited = [c for c, n in zip(scored[:2], held, strict=True)
                     if need and n >= max(need, held[0])]
        citations = self._checked(cited)
        if citations and unheld_day(text, [c.quote for c in citations]):
            return self._named_line(question, passages, start, prompt_tokens)  # the note's date
        if citations and wrong_unit(text, question):
            return self._named_line(question, passages, start, prompt_tokens)  # "9,000 sets"
        if citations and unheld_span(text, [c.text for c in passages]):
            # "4 weeks on full pay": a length of time no passage says (one the model cited
            # under the wrong number is re-cited below)
            return self._named_line(question, passages, start, prompt_tokens)
        if citations and confirms_unheld_figure(text, question, [c.quote for c in citations]):
            return self._named_line(question, passages, start, prompt_tokens)  # "yes" to 10k
        if citations and asks_only_for_name(question) and not names_someone(
                text, question, passages):  # "the lady from HR": no name
            named = self._named_line(question, passages, start, prompt_tokens)
            if named.supported or NAME_WORD.search(question) or not answers(
                    text, question, [c.quote for c in citations], passages):
                return named
            # "who was the extra person who just sat there?": the note names no one, and what
            # it says of them ("a second engineer shadowing, in training") is the answer
        asked = main_ask(question)
        if citations and ASKS_FOR_PAY.search(asked) and not tells_pay(text, passages):
            return self._named_line(question, passages, start, prompt_tokens)  # "$140M grants"
        if citations and ASKS_FOR_SIZE.search(asked) and not tells_size(text):
            return self._named_line(question, passages, start, prompt_tokens)  # "4 days onsite"
        if citations and ASKS_FOR_LEAVE.search(asked) and not LEAVE_WORDS.search(
                " ".join([CITE.sub(" ", text), rests_on(text, self._sentences(citations))])):
            # "how many days off a year?" - "two days a week in their city office"
            return self._named_line(question, passages, start, prompt_tokens)
        if citations and not answers(text, question, [c.quote for c in citations], passages):
            # Small models often cite the wrong number: cite the passage that holds the words.
            holder = [c for c in passages if answers(text, question, [c.text], passages)]
            citations = self._checked(holder[:1])
        if not citations:  # "Passage [2]", or words no passage holds
            return self._named_line(question, passages, start, prompt_tokens)
        if asks_decision_time(question) and not tells_time(CITE.sub(" ", text),
                                                           [c.quote for c in citations]):
            return self._named_line(question, passages, start, prompt_tokens)  # no time given
        if not tells_asked_when(question, CITE.sub(" ", text)):
            return self._named_line(question, passages, start, prompt_tokens)  # "next wk": no day
        if not (names_the_thing(question, text, self._kind_lines(question, citations),
                                passages)
                and about_question(text, question, [c.quote for c in citations], passages)):
            # not what's asked, or the question glued to a line: unless the model cited the
            # wrong number and another passage holds every word of the answer and passes
            # ("Dr Nikhil Mehra [3]", where [2] says "Dr Nikhil Mehra, the clinical director")
            recited = self._holder(text, question, passages, citations)
            if recited is None:
                return self._named_line(question, passages, start, prompt_tokens)
            citations = recited
        if unheld_person(text, question, [c.quote for c in citations],
                         [p.name for p in self._people_of_cited(citations) if p.name],
                         _frame(passages)):
            # "what did corey end up getting offered" - "Corey Mataio ended up getting offered
            # the Technical Trainer post" over a line that names no Corey
            return self._named_line(question, passages, start, prompt_tokens)
        rest = rests_on(text, self._sentences(citations))
        if rest and of_another_company(next(
                (line for c in citations for line in c.quote.splitlines() if rest in line), rest),
                question, self.store.companies()):
            # "Larkhollow offered on 9 February" over "Quaystone offered on 9 February. …",
            # written in Larkhollow's note: another employer's news (read on the sentence's
            # whole line: "16/02: Ellesmoor offer. Mrs Harcastle. £29,800, start 1st April …")
            return self._named_line(question, passages, start, prompt_tokens)
        if any(names_the_unnamed(text, question, self._people_of(debrief_id), _frame(passages))
               for debrief_id in dict.fromkeys(c.debrief_id for c in passages)):
            # "whats the name of the lad with the eyebrow ring …" - "… is Big Mick", where the
            # pier's note records the lad apart from Big Mick, with no name (the lines cited
            # are later notes' mentions of Big Mick)
            return self._named_line(question, passages, start, prompt_tokens)
        if (thing := self._left_thing()) and holds_left_out(
                rests_on(text, self._sentences(citations))
                or " ".join(c.quote for c in citations), thing):
            # "leaving aside the days on the road, how many office days?" - "three days a week
            # [on the road]": what the question left out is no answer to it. Only the sentence
            # the answer rests on counts: "… they'll hire a second paralegal in the autumn.
            # Right now the legal team is …" answers "not counting the second paralegal".
            return self._named_line(question, passages, start, prompt_tokens)
        if (other := self._other_opening(question, passages)) and not other & set(stems(
                rests_on(text, self._sentences(citations)))):
            # "what's the pay on the breast program navigator job?" - the staff RN pay line:
            # a line about the interviewed role is no answer about another opening
            return self._named_line(question, passages, start, prompt_tokens)
        text = CITE.sub(lambda m: m.group(0) if 1 <= int(m.group(1)) <= len(passages) else "",
                        text)
        decision = self._decision(question, passages, citations)
        if decision is not None:  # "why did they pass on me?": the decision, as the note has it
            if all(c.quote != decision[0].text for c in citations):
                citations += self._checked([decision[0]])
            return Answer(answer=f"{text}\nYour notes say: “{decision[1]}”", supported=True,
                          citations=citations, seconds=round(time.perf_counter() - start, 2),
                          prompt_tokens=prompt_tokens)
        context = answer_context(text, question, [c.quote for c in citations],
                                 sentences=self._sentences(citations))
        slipped = self._slip_answer(question, passages, citations, text, start, prompt_tokens,
                                    context)
        if slipped is not None:  # "what did I do wrong?": the slips the note records
            return slipped
        decided = None if context and decision_told(question, context) \
            else self._decision_line(question, passages, citations)
        if decided is not None and folded(decided[1]) not in folded(context or ""):
            # "who has the final say?": the note's own line on it, from the debrief cited
            if all(decided[0].text not in c.quote for c in citations):
                citations += self._checked([decided[0]])
            said = [" ".join(m.group(0).split()) for m in TIME.finditer(text)]
            if asks_decision_time(question) and said \
                    and not any(folded(t) in folded(decided[1]) for t in said):
                # "expected on Wednesday the 19th" (the interview's own day) where the note's
                # line on the decision says another: the line is the answer
                text, context = "", None
            context = decided[1] if not context or folded(context) in folded(decided[1]) \
                else f"{context}” / “{decided[1]}"
        if context:  # "Eddie [1]": the sentence it comes from says who Eddie is
            text = f"{text}\nYour notes say: “{context}”".lstrip("\n")
        text += self._who(question, text, citations)
        if time_asked(question) and citations:
            # "Answer by Wednesday the 18th": which month that is, from the note's own date
            d = self._debrief(citations[0].debrief_id)
            text += " ".join(["", *day_dates(context or text, d.date if d else "")])
        return Answer(answer=text, supported=True, citations=citations,
                      seconds=round(time.perf_counter() - start, 2), prompt_tokens=prompt_tokens)

    def _other_opening(self, question: str, passages: list[Chunk]) -> set[str]:
        """The telling stems of another opening the question asks about ("the fares-team job",
        "the breast program navigator job"): a job it names that shares two words with one of
        the other roles the passages' debriefs noted (their better-fit roles) and none with
        the role interviewed for; empty for any other question."""
        named = {w for m in JOB_NAMED.finditer(question) for w in stems(m.group(1))} \
            - FUNCTION_STEMS - set(stems(" ".join(str(c.metadata.get("company") or "")
                                                  for c in passages)))
        if len(named) < 2:
            return set()
        for did in dict.fromkeys(c.debrief_id for c in passages):
            d = self._debrief(did)
            if d is None or d.extraction is None or named & set(stems(d.role or "")):
                continue
            for role in d.extraction.better_fit_roles:
                shared = named & set(stems(f"{role.text} {role.evidence}"))
                if len(shared) >= 2:
                    return shared
        return set()

    def _debrief(self, debrief_id: str) -> Debrief | None:
        """The stored debrief, read once per answer; None when it was deleted meanwhile."""
        if debrief_id not in self._read:
            try:
                self._read[debrief_id] = self.store.get(debrief_id)
            except Exception:  # deleted meanwhile: its quotes cannot be checked
                self._read[debrief_id] = None
        return self._read[debrief_id]

    def _moved_later(self, question: str, text: str, passages: list[Chunk]
                     ) -> tuple[int, str, Chunk] | None:
        """For a "when" question answered with a day ("answer by Fri 25th"), a sentence further
        on, outside the passage, that puts it back to another day: one on the day's own line,
        or a later one, in the note or in a note written after it, that names someone the day's
        line names ("UPDATE Fri 18 Sep: Yasmin phoned. … answer by Fri
        25th" … "UPDATE Mon 21 Sep: asked Yasmin for till Tue 29th"; "Claire rang … reply by
        Friday the 13th" … in the next note, "I asked Claire on the 11th for another week and
        she agreed to Friday 20 November"): the passage's number, the day's sentence and the
        later sentence as a passage of its own."""
        if not time_asked(question):
            return None
        said = {m[1] for m in DAY_NUMBER.finditer(CITE.sub(" ", text))}
        cited = [int(n) for n in CITE.findall(text) if 1 <= int(n) <= len(passages)]
        if not said:
            return None
        ordered: list[Debrief] | None = None  # the notes by date, read once if needed
        for n in dict.fromkeys(cited or range(1, len(passages) + 1)):
            c = passages[n - 1]
            d = self._debrief(c.debrief_id)
            if d is None or c.start < 0:
                continue
            units = segment(d.notes)
            for i, u in enumerate(units):
                if not c.start <= u.span.start < c.start + len(c.text) \
                        or not said & {m[1] for m in DAY_NUMBER.finditer(u.text)} \
                        or not tells_time(u.text) \
                        or of_another_company(u.text, question, self.store.companies()):
                    continue
                line_start = d.notes.rfind("\n", 0, u.span.start) + 1
                # (a name that opens a sentence of the line too: "Canon rang. OFFER. …")
                named = _people_named(d.notes[line_start:u.span.end]) | {
                    w.group(0) for x in units[:i + 1] if x.span.start >= line_start
                    and (w := NAME.match(x.text.strip())) and w.group(0).casefold()
                    not in FUNCTION_WORDS and not TIME.fullmatch(w.group(0))}
                # the rest of the note (its own line first), then the NOTES_AFTER notes written
                # after it that name someone the day's line names (read lazily: at 10,000
                # notes only those are split into sentences)
                if ordered is None:
                    ordered = by_date(self.store.snapshot())
                after = ordered[bisect.bisect_right(ordered, d.date, key=lambda e: e.date):][
                    :NOTES_AFTER]
                # each later sentence with the ones before and after it (p, v, nxt)
                later = itertools.chain(
                    ((d, "\n" not in d.notes[u.span.end:v.span.start], p, v, nxt)
                     for p, v, nxt in zip([None, *units[i + 1:]], units[i + 1:],
                                          [*units[i + 2:], None], strict=False)),
                    ((e, False, p, v, nxt) for e in after if any(w in e.notes for w in named)
                     for segs in [segment(e.notes)]
                     for p, v, nxt in zip([None, *segs], segs, [*segs[1:], None],
                                          strict=False)))
                # the deadline the day's line gives, read once: its "Answer by" sentence
                entry = [x for x in units[i:i + 1 + MOVED_WITHIN]
                         if _one_entry(d.notes[u.span.end:x.span.start])]
                answer_by = any(ANSWER_BY.search(x.text) for x in entry[:MOVED_WITHIN])
                end = next((x.span.end for x in entry[1:] if ANSWER_BY.search(x.text)),
                           u.span.end)
                for e, same_line, p, v, nxt in later:
                    days = {m[1] for m in DAY_NUMBER.finditer(v.text)}
                    # (with the sentence before it on its line: "Asked Canon for more time,
                    # … She agreed: Thursday 12th November.")
                    begin = p.span.start if p is not None and "\n" not in e.notes[
                        p.span.end:v.span.start] else v.span.start
                    told = e.notes[begin:v.span.end]
                    if MOVED.search(told) and days - said and tells_time(v.text) \
                            and (same_line or named & _people_named(told)
                                 # (a deadline to answer, and later in its note the user
                                 # asking for more time: "Thu 29/10: asked Kiri for more time
                                 # …")
                                 or e is d and answer_by and bool(ASKED_MORE.search(told))):
                        # the day's sentence with its line's start ("Yasmin phoned. OFFER.")
                        # when the passage has it, which says what the day is for, up to the
                        # deadline its line gives ("… by email. AED 25,500 … Answer by
                        # Monday 23 November.")
                        start = line_start if c.start <= line_start else u.span.start
                        # and the reply to a request for more time, on its line ("Asked Ms.
                        # Noura for time until 30 November. She gave Thursday 26 November.")
                        if nxt is not None and ASKED_TIME.search(told) \
                                and _one_entry(e.notes[v.span.end:nxt.span.start]) \
                                and {m[1] for m in DAY_NUMBER.finditer(nxt.text)} - said - days:
                            told = e.notes[begin:nxt.span.end]
                        return n, " ".join(d.notes[start:end].split()).lstrip("-*•> "), Chunk(
                            e.id, told, begin, 0.0, metadata(e))
        return None

    def _note(self, debrief_id: str) -> str:
        d = self._debrief(debrief_id)
        return d.notes if d else ""

    def _sentences(self, citations: list[Citation]) -> list[str]:
        """The whole sentences of the note that each cited quote covers (a passage slice may
        start or end mid-sentence, and a wrapped sentence crosses its line breaks)."""
        out: list[str] = []
        for c in citations:
            units, covered = _covering(self._note(c.debrief_id), c.quote)
            out += [units[i].text for i in covered] if covered else \
                [u.text for u in segment(c.quote)]
        return out

    def _decision(self, question: str, passages: list[Chunk], citations: list[Citation]
                  ) -> tuple[Chunk, str] | None:
        """For "why did they pass on me?": the passage sentence that records the decision ("they
        went with someone who…"), with the next sentence of its paragraph (often the feedback),
        from the debrief the answer cites; None for other questions or when there is none."""
        if not WHY_NOT_ME.search(question):
            return None
        cited = list(dict.fromkeys(c.debrief_id for c in citations))
        # The passages first; then the cited debrief's whole note (the decision may be a line
        # no passage reached: "they went with someone…" shares no word with "turn me down").
        meta = {c.debrief_id: {"company": c.company, "role": c.role, "date": c.date}
                for c in citations}
        wholes = [Chunk(did, note, 0, 0.0, meta[did]) for did in cited if (note := self._note(did))]
        for chunk in [*passages, *wholes]:
            if chunk.debrief_id not in cited or not DECISION.search(" ".join(chunk.text.split())):
                continue
            note = self._note(chunk.debrief_id)
            units, covered = _covering(note, chunk.text)
            for i in covered:
                u = units[i]
                if not DECISION.search(u.text):
                    continue
                said, end = u.text, u.span.end
                nxt = units[i + 1] if i + 1 < len(units) else None
                if nxt is not None and "\n\n" not in note[u.span.end:nxt.span.start] \
                        and len(said) + len(nxt.text) < DECISION_CHARS:
                    said, end = f"{said} {nxt.text}", nxt.span.end
                if chunk in wholes:  # cite the lines themselves, not the whole note
                    chunk = Chunk(chunk.debrief_id, note[u.span.start:end], u.span.start,
                                  0.0, chunk.metadata)
                return chunk, said
        return None

    def _who(self, question: str, text: str, citations: list[Citation]) -> str:
        """For a "who" question, a line giving the people the answer names by name or by title
        with what the cited debriefs record of them ("Doug, clinical manager" for "Doug decides";
        "Annelise Voronkova, CRO" for "the CRO signs off"); empty when it adds nothing."""
        if not ASKS_FOR_NAME.search(question):
            return ""
        return who_line(text, self._people_of_cited(citations))

    def _people_of_cited(self, citations: list[Citation]) -> list[Person]:
        """The people the cited debriefs record as met (header and extraction)."""
        return [p for debrief_id in dict.fromkeys(c.debrief_id for c in citations)
                for p in self._people_of(debrief_id)]

    def _people_of(self, debrief_id: str) -> list[Person]:
        """The people one debrief records as met (header and extraction)."""
        d = self._debrief(debrief_id)
        return [*d.people, *(d.extraction.people if d.extraction else [])] if d else []

    def _kind_lines(self, question: str, citations: list[Citation]) -> list[str]:
        """The cited quotes; for "the safety problem", the whole note lines they sit in (the
        kind of problem is often told a sentence or two before the problem)."""
        quotes = [c.quote for c in citations]
        if not kind_of_issue(question):
            return quotes
        out = []
        for c in citations:
            note = self._note(c.debrief_id)
            at = note.find(c.quote)
            if at < 0:
                out.append(c.quote)
                continue
            end = note.find("\n", at + len(c.quote))
            out.append(note[note.rfind("\n", 0, at) + 1:len(note) if end < 0 else end])
        return out

    def _holder(self, text: str, question: str, passages: list[Chunk],
                citations: list[Citation]) -> list[Citation] | None:
        """The first other passage that holds every content word of the answer and names the
        thing asked, from a line about the question; None when there is none."""
        said = set(stems(counts_in_words(CITE.sub(" ", text)))) - set(stems(question)) \
            - set(stems(_frame(passages))) - ANSWER_FILLER - FUNCTION_STEMS
        if not said:
            return None
        quoted = {c.quote for c in citations}
        for c in passages:
            if c.text in quoted or not said <= stems_of(c.text):
                continue
            if names_the_thing(question, text, [c.text], passages) \
                    and about_question(text, question, [c.text], passages):
                return self._checked([c]) or None
        return None

    def _checked(self, chunks: list[Chunk]) -> list[Citation]:
        """Citations for the chunks whose text is really in their debrief (re-read)."""
        out = []
        for c in chunks:
            if c.text and c.text in self._note(c.debrief_id):
                out.append(Citation(
                    debrief_id=c.debrief_id, company=str(c.metadata.get("company", "")),
                    role=c.metadata.get("role") or None, date=str(c.metadata.get("date", "")),
                    quote=c.text))
        return out

    def _named_line(self, question: str, passages: list[Chunk], start: float,
                    prompt_tokens: int, pointed: list[Chunk] | None = None) -> Answer:
        """When the model could not answer: the passage sentence that holds every content word
        of the question (for a "who" question, one that also names someone), quoted as the
        answer; else a refusal. `pointed`: the passages a bare reply ("Passage [1]") named,
        which choose the interview whose slips answer "what went wrong"."""
        slipped = self._slip_answer(question, passages, [], "", start, prompt_tokens,
                                    pointed=pointed)
        if slipped is not None:
            return slipped
        found = self._decision_line(question, passages)
        if found is None and ASKS_FOR_NAME.search(question) \
                and (later_named := named_later_line(question, passages)) is not None \
                and (quoted := self._quoted(question, later_named[0], [later_named[1]], start,
                                            prompt_tokens)):
            # "who was the farmer bloke who never said his name": the note that says so, and
            # the later line that names him
            return quoted
        if found is None and NAME_NOT_GIVEN.search(question):
            found = unnamed_line(question, passages)  # "i never got her name, did i"
        if found is None:  # "did i ever get his name", "who's this DA"
            found = learnt_name_line(question, passages) or alias_line(question, passages)
        if found is None:
            found = named_line(question, passages) if ASKS_FOR_NAME.search(question) \
                else quoted_line(question, passages, self.store.companies())
        if found is None and pointed:
            found = pointed_line(question, pointed, passages)
        if found is None:
            found = changed_line(question, passages)  # "did the offshore money change?"
        if found is None:
            found = yes_no_line(question, passages)  # "any python still around?"
        later: list[Chunk] = []  # what the notes say became of a promise found
        if found is None and (re.search(PROMISE, question, re.IGNORECASE)
                              or ASKS_IF_I_DID.search(question)):
            found = self._promised_line(question, passages)
            if found is not None and asks_only_for_name(question) \
                    and not _names(found[1], question, passages):
                found = None  # "the name of the area VP I'm supposed to meet": a line naming none
            if found is not None:
                later = self._later(question, found[0], found[1].split("” / “"))
        elif found is not None and (re.search(PROMISE, question, re.IGNORECASE)
                                    or ASKS_IF_DONE.search(question)) \
                and (re.search(PROMISE, found[1], re.IGNORECASE)
                     or ASKS_IF_DONE.search(question)) \
                and self._holds_to_do(found[0].debrief_id, found[1]):
            # (asked whether it was done, a to-do said as a row or a deed counts: "Stevo: come
            # in at 5.30am saturday 23rd …", "he asked me to come on Saturday 30 January …")
            # (a line that reads as a to-do: "… Deano's photo is still in my handbag.", not
            # "Rachel rang on Monday the 12th and offered")
            later = self._later(question, found[0], [found[1]])  # "did I ever send Dr Mehra …?"
        if found is not None and not later and (re.search(PROMISE, question, re.IGNORECASE)
                                                or ASKS_IF_DONE.search(question)) \
                and (promised := self._promise_of(found)) is not None:
            # "i never made eilidh that video did i": "Eilidh sign-names video: still not
            # done" is what became of "Eilidh: short video for her, sign names for tools" (by
            # way of "… not yet. Bad." in the note between)
            for _ in range(PROMISE_HOPS):
                found, promised = promised, self._promise_of(promised)
                if promised is None:
                    break
            later = self._later(question, found[0], [found[1]])
        if found is not None and not later and ASKS_IF_DONE.search(question) \
                and (todo := self._promised_line(question, passages)) is not None \
                and (reported := self._later(question, todo[0], todo[1].split("” / “"))):
            # "did the colonel ever get his tea glass off me": not a line that only shares its
            # words ("COLONEL: Have you ever had proper Turkish tea?") but the to-do and what
            # the later notes say became of it
            found, later = todo, reported
        if found is not None and not later:
            later = self._moved(question, found)  # "reply by Friday the 13th" … "Friday 20th"
        if found is not None and (quoted := self._quoted(question, found, later, start,
                                                          prompt_tokens)):
            return quoted
        return self._refuse(passages, start, prompt_tokens)

    def _promise_of(self, found: tuple[Chunk, str]) -> tuple[Chunk, str] | None:
        """The to-do a quoted line reports on (`kept.promise_of`), as a passage of its note
        and its words; None when the line is no report."""
        d = self._debrief(found[0].debrief_id)
        todo = promise_of(found[1], d, by_date(self.store.snapshot())) if d else None
        if todo is None:
            return None
        e, evidence = todo
        return Chunk(e.id, evidence, e.notes.find(evidence), 0.0, metadata(e)), \
            " ".join(evidence.split())

    def _moved(self, question: str, found: tuple[Chunk, str]) -> list[Chunk]:
        """The sentence that puts back the day a quoted line gives, as a passage ([] if none)."""
        moved = self._moved_later(question, found[1], [found[0]])
        return [moved[2]] if moved else []

    def _quoted(self, question: str, found: tuple[Chunk, str], later: list[Chunk],
                start: float, prompt_tokens: int) -> Answer | None:
        """A line of a passage quoted as the answer, with what later lines say became of it
        ("Later: …"), each cited; None when the passage is no longer in its note."""
        citations = self._checked([found[0], *later])
        if not citations or citations[0].quote != found[0].text:
            return None
        said = f"Your notes say: “{found[1]}” [1]" + "".join(
            f"\nLater: “{' '.join(c.quote.split())}” [{n}]"
            for n, c in enumerate(citations[1:], 2))
        if time_asked(question):  # "Answer by the 14th": which month that is, from each note
            for text, c in zip([found[1], *(c.quote for c in citations[1:])], citations,
                               strict=False):
                d = self._debrief(c.debrief_id)
                said += "".join(f" {day}" for day in day_dates(text, d.date if d else "",
                                                               weekday_only=True))
        return Answer(answer=said + self._who(question, said, citations), supported=True,
                      citations=citations, seconds=round(time.perf_counter() - start, 2),
                      prompt_tokens=prompt_tokens)

    def _slips(self, question: str, passages: list[Chunk]) -> list[Chunk]:
        """For "what did I do wrong on the hands-on test?": the slips the user noted for the
        interview of the first passage that has any (its practice points that are not advice
        to self), each as the note's own line; only the first passage's company is looked at.
        Empty for other questions or when there are none."""
        if not MISSTEP.search(question) or WHY_NOT_ME.search(question):
            return []
        top = passages[0].metadata.get("company") if passages else None
        thing = self._left_thing()  # "apart from the payback maths, what else …"
        for did in dict.fromkeys(p.debrief_id for p in passages
                                 if p.metadata.get("company") == top):
            d = self._debrief(did)
            if d is None or d.extraction is None:
                continue
            meta = next(p.metadata for p in passages if p.debrief_id == did)
            lines = [i.evidence for i in d.extraction.practice_points
                     if i.evidence and not ADVICE.search(i.evidence)
                     and not (thing and holds_left_out(i.evidence, thing))]
            spans = [_with_line_before(d.notes, line) for line in dict.fromkeys(lines)]
            found = [Chunk(did, d.notes[a:b], a, 0.0, meta) for a, b in filter(None, spans)]
            if found:
                return found[:SLIPS]
        return []

    def _slip_answer(self, question: str, passages: list[Chunk], citations: list[Citation],
                     text: str, start: float, prompt_tokens: int, context: str | None = None,
                     pointed: list[Chunk] | None = None) -> Answer | None:
        """The slips, quoted: under an answer from the same interview and the sentence it rests
        on (those they do not already give), or as the answer when the model had none or cited
        another interview. A bare pointer to the slips' interview (`pointed`) chooses it as
        naming it would."""
        slips = self._slips(question, passages)
        if not slips:
            return None
        ids = {c.debrief_id for c in citations}
        if ids != {slips[0].debrief_id}:
            chosen = {p.debrief_id for p in pointed or []} == {slips[0].debrief_id}
            if not chosen and not self._asked_about(question, slips[0]):
                return None  # the question names no company, or another one
            citations, text, context = [], "", None  # no answer, or another interview's
        said = folded(f"{text} {context or ''}")
        new = [c for c in slips if folded(" ".join(c.text.split())) not in said]
        if not new:
            return None
        # Numbered like the list of citations when the answer is code's own; under the model's
        # answer (whose numbers are its passages') the quotes go unnumbered, as other context.
        quoted = " / ".join(f"“{' '.join(c.text.split())}”" + ("" if text else f" [{k}]")
                            for k, c in enumerate(new, 1))
        citations = [*citations, *self._checked(new)]
        if context:
            quoted = f"“{context}” / {quoted}"
        answer = f"{text}\nYour notes say: {quoted}" if text else f"Your notes say: {quoted}"
        return Answer(answer=answer, supported=True, citations=citations,
                      seconds=round(time.perf_counter() - start, 2), prompt_tokens=prompt_tokens)

    def _left_thing(self) -> str:
        """What the question being answered leaves out ("" for nothing), from its filters."""
        return self._scope.leave_thing if self._scope is not None else ""

    def _asked_about(self, question: str, passage: Chunk) -> bool:
        """Whether the question names or describes the passage's company, or points at its
        interview by date or order (or the user chose the company): only then may code answer
        from that company's notes what the model could not."""
        company = str(passage.metadata.get("company", "")).casefold()
        scope = self._scope  # the interview it points at by date or order, or a chosen company
        if scope is not None and (scope.debrief == passage.debrief_id or company and (
                scope.company or "").strip().casefold() == company):
            return True
        return bool(company) and company in pointed_at(self.store, question)

    def _decision_line(self, question: str, passages: list[Chunk],
                       citations: list[Citation] | None = None) -> tuple[Chunk, str] | None:
        """For "who decides?" and "when will they decide?": the note's line that records it,
        from the cited debriefs, or (with no answer) from the debriefs of the first passage's
        company, passages first; None for other questions or when no note records it."""
        if not (asks_decider(question) or asks_decision_time(question)) or not passages:
            return None
        if citations is not None:
            wanted = list(dict.fromkeys(c.debrief_id for c in citations))
        elif not self._asked_about(question, passages[0]):
            # no answer, and no company asked about: another's line is no answer, unless it
            # names the company asked about ("casa almendro: rosalind rang sat, … wants yes or
            # no by 25 nov", in another interview's note)
            asked = pointed_at(self.store, question)
            named = [p for p in passages if p.metadata.get("news_about")
                     or any(names_company(p.text, c) for c in asked)]
            if not named:
                return None
            meta = {p.debrief_id: p.metadata for p in named}
            scopes = [Scope(did, note, str(meta[did].get("company", "")),
                            str(meta[did].get("date", "")),
                            [p.text for p in named if p.debrief_id == did])
                      for did in dict.fromkeys(p.debrief_id for p in named)
                      if (note := self._note(did))]
            found = decision_line(question, scopes)
            news = {p.debrief_id for p in named if p.metadata.get("news_about")}
            if found is None or not (found[0] in news
                                     or any(names_company(found[3], c) for c in asked)):
                return None
            did, begin, end, said = found
            return Chunk(did, self._note(did)[begin:end], begin, 0.0, meta[did]), said
        else:
            top = passages[0].metadata.get("company")
            wanted = list(dict.fromkeys(p.debrief_id for p in passages
                                        if p.metadata.get("company") == top))
        meta = {p.debrief_id: p.metadata for p in passages}
        scopes = [Scope(did, note, str(meta.get(did, {}).get("company", "")),
                        str(meta.get(did, {}).get("date", "")),
                        [p.text for p in passages if p.debrief_id == did])
                  for did in wanted if (note := self._note(did))]
        found = decision_line(question, scopes)
        if found is None:
            return None
        did, begin, end, said = found
        note = self._note(did)
        return Chunk(did, note[begin:end], begin, 0.0, meta.get(did, {})), said

    def _promised_line(self, question: str, passages: list[Chunk]) -> tuple[Chunk, str] | None:
        """"What did I say I'd send Janelle?" when the model could not say: the to-do items
        extracted from the first passage's debrief that this passage holds and that share a
        word of the question (a name, the thing), in the note's words; None when none does."""
        asked = _asked_words(question, passages) - TODO_VERBS
        cut = cut_short(asked, passages)  # "the club insta": an instagram page
        best: tuple[int, Chunk, list[str]] | None = None
        for chunk in passages:
            d = self._debrief(chunk.debrief_id)
            if d is None or d.extraction is None:
                continue
            held = folded(" ".join(chunk.text.split()))
            # "the routing api manager" is Tobias when his title says so: his name counts too
            # and "the box company guy" is anyone met there
            named = {s for p in [*d.people, *d.extraction.people] if p.name
                     and (p.title and asked & set(stems(p.title))
                          or set(stems(question)) & PERSON_WORDS)
                     for s in stems(p.name.split()[0])}
            items = [" ".join(f.evidence.split()) for f in d.extraction.follow_ups]
            shared = [(len((asked | named) & (have := set(stems(i))))
                       + starts_one(cut, have), i) for i in items if folded(i) in held]
            items = [i for n, i in shared if n]
            # the passage whose to-dos share the most words of the question, the best ranked
            # first among equals ("… did i ever set up the club insta": not the news of the
            # same club in another note's to-do list)
            top = max((n for n, _ in shared), default=0)
            if items and (best is None or top > best[0]):
                best = (top, chunk, items)
        return (best[1], "” / “".join(dict.fromkeys(best[2][:3]))) if best else None

    def _holds_to_do(self, debrief_id: str, line: str) -> bool:
        """Whether a quoted line holds one of its debrief's extracted to-dos."""
        d = self._debrief(debrief_id)
        said = folded(" ".join(line.split()))
        return d is not None and d.extraction is not None and any(
            folded(" ".join(f.evidence.split())) in said for f in d.extraction.follow_ups)

    def _later(self, question: str, chunk: Chunk, promises: list[str]) -> list[Chunk]:
        """The lines after these promises of the chunk's debrief (later in its note, or in a
        later note) that say what became of them, as passages of their debriefs; only those
        that share a word with the question when some do ("did I ever send Dr Mehra the
        checklist?": not the certificate sent to Rhiannon)."""
        d = self._debrief(chunk.debrief_id)
        if d is None:
            return []
        ordered = by_date(self.store.snapshot())
        told = [r for promise in promises for r in reports(promise, d, ordered)]
        asked = _asked_words(question, [chunk]) - TODO_VERBS
        told = [r for r in told if asked & set(stems(r.text))] or told
        out: dict[tuple[str, str], Chunk] = {}
        for r in told:
            out.setdefault((r.debrief.id, r.text), Chunk(
                r.debrief.id, r.text, r.debrief.notes.find(r.text), 0.0, metadata(r.debrief)))
        return list(out.values())

    def _refuse(self, passages: list[Chunk], start: float, prompt_tokens: int) -> Answer:
        """'Your notes don't say.', with the closest passages as 'you may mean'."""
        return refusal(start, prompt_tokens, self._checked(passages[:SUGGESTIONS]))


PROMISE_HOPS = 3  # reports of reports followed back to the to-do ("still not done" … "not yet")
# "did deano ever actually get that photo", "has it gone yet": whether a to-do was done
# Whether the user did something ("did i ever actually set up the club insta for her"): a
# to-do of theirs is what it asks about.
ASKS_IF_I_DID = re.compile(r"\b(?:did|have|had)\s+i\b|^\W*i\s+(?:never|didn['’]?t|did\s+not)\b"
                           r"|\bi\s+(?:ever|never)\b", re.IGNORECASE)
# ("i never did that zam ride along on the 23rd right", "i didnt end up sorting …")
ASKS_IF_DONE = re.compile(r"^\W*(?:did|has|have|had)\b|\b(?:ever|yet)\b"
                          r"|\b(?:did|have|had)\s+i\s*\??\s*$"  # "…, did i?"
                          r"|^\W*i\s+(?:never|didn['’]?t|did\s+not)\b", re.IGNORECASE)


def _with_line_before(note: str, line: str) -> tuple[int, int] | None:
    """Where a quoted line is in the note, taking in the sentence before it when the line
    points back to it ("Aqui eu fui fraca" after the question it is about); None if absent."""
    at = note.find(line)
    if at < 0:
        return None
    end = at + len(line)
    before = [u for u in segment(note[:at]) if u.text.strip()] if SLIP_POINTS_BACK.search(line) \
        else []
    if not before or "\n\n" in note[before[-1].span.end:at]:
        return at, end
    return before[-1].span.start, end


def _covering(note: str, quote: str) -> tuple[list[Unit], list[int]]:
    """The note's units, and the indices of those the quote's first place in the note covers
    (none when the quote is not in the note)."""
    units = segment(note)
    at = note.find(quote) if quote else -1
    if at < 0:
        return units, []
    end = at + len(quote)
    return units, [i for i, u in enumerate(units) if u.span.start < end and u.span.end > at]


# A lone figure's sentence may take what it is about from up to this many sentences before it.
ABOUT_BEFORE = 2
SAME_START = 5  # stems that share their first five letters are one word across languages
STEMS_CACHED = 8192  # texts whose stems are kept (a store's sentences, asked again and again)


# The later news lines about an asked company that join the passages at most
NEWS_LINES = 2


# A day of the month said without its month ("Wednesday the 18th", "Friday 23rd", "the 2nd")
DAY_NO_MONTH = re.compile(
    r"\b(?:(?P<weekday>mon|tues|wednes|thurs|fri|satur|sun)day\s+)?(?:the\s+)?"
    r"(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul"
    r"|aug|sep|oct|nov|dec)[a-z]*\b)(?!\s+(?:round|interview|stage|time|floor|attempt|year|person"
    r"|call|meeting|try|place|go|draft|version|candidate|one|choice)s?\b)", re.IGNORECASE)
WEEKDAYS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
MONTHS_AHEAD = 1  # how far past the note's date a day of the month is looked for


def day_dates(text: str, note_date: str, *, weekday_only: bool = False) -> list[str]:
    """For each day of the month a text gives without its month ("Answer by Wednesday the
    18th"), the date it is: the first such day on or after the note's date (one that falls on
    the weekday said, when one is said), as a sentence ("That is Wednesday 18 November 2026.");
    none when the note has no date or no day fits. `weekday_only`: only the days said with
    their weekday (a line of what already happened, "OFFER came on the 7th", reads back)."""
    try:
        start = dt.date.fromisoformat(note_date)
    except ValueError:
        return []
    out: list[str] = []
    for m in DAY_NO_MONTH.finditer(text):
        if not m.group("weekday") and not re.match(r"the\b", m.group(0), re.IGNORECASE):
            continue  # "3rd" alone may be a round or a place, not a day
        if weekday_only and not m.group("weekday"):
            continue
        day = int(m.group("day"))
        for ahead in range(MONTHS_AHEAD + 1):
            year, month = divmod(start.month - 1 + ahead, 12)
            try:
                when = dt.date(start.year + year, month + 1, day)
            except ValueError:
                continue
            if when < start:
                continue
            weekday = m.group("weekday")
            if weekday and WEEKDAYS.index(weekday.casefold()) != when.weekday():
                continue
            said = f"{when:%A} {when.day} {when:%B} {when.year}"
            if f"That is {said}." not in out:
                out.append(f"That is {said}.")
            break
    return out


def bears_on(line: str, question: str, company: str) -> bool:
    """Whether a line of news about the company bears on the question: it shares a word with
    it (not the company's own), or it tells a day of a month (its month said or not: "he wants
    an answer by the 14th") and the question asks when."""
    own = set(stems(company)) | FUNCTION_STEMS | ANSWER_FILLER
    if (set(expanded_stems(question)) - own) & set(stems(line)):
        return True
    return bool(time_asked(question)) and bool(DAY_MONTH.search(line) or DAY_NO_MONTH.search(line))


def news_label(c: Chunk) -> str:
    """What a passage's heading adds when it is later news of the company asked about."""
    return f"; later news about {c.metadata['news_about']}" if c.metadata.get("news_about") else ""


# "six salons, not four", "28.4 not 27.8", "12-Jan-2026, not 5-Jan": what later news replaced
REPLACED = re.compile(rf"\b(?i:not)\s+(?:(?i:the)\s+)?{CURRENCY}?("
                      r"\d{1,2}(?:st|nd|rd|th)?[\s-]+(?i:[a-z]{3,})|\d[\d.,]*"
                      r"|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                      r"|[A-Z][a-z]+)\b")  # a figure, a day, a count or a name; never "not sure"


def _digits(token: str) -> str:
    return re.sub(r"\D", "", token)


def says_replaced(answer: str, old: str) -> bool:
    """Whether the answer gives the value that later news says is no longer so: a word
    ("four"), a figure ("27.8" in "£27,800"), or a day and month ("5-Jan" in "5th January")."""
    words = re.findall(rf"[\w.,{CURRENCY_SIGNS}-]+", answer.casefold())
    old = old.casefold()
    if day := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3})[a-z]*", old):
        return bool(re.search(rf"\b{day[1]}(?:st|nd|rd|th)?[\s-]+(?:of\s+)?{day[2]}"
                              rf"|\b{day[2]}[a-z]*\.?\s+(?:the\s+)?{day[1]}(?!\d)", answer,
                              re.IGNORECASE))  # "1st May", "May 1st"
    if old[0].isdigit():
        want = _digits(old)
        return len(want) >= 2 and any(
            (w[0].isdigit() or w[0] in CURRENCY_SIGNS) and (got := _digits(w)).startswith(want)
            and not got[len(want):].strip("0") for w in words)
    return old in {w.strip(".,") for w in words} and old not in FUNCTION_WORDS


def superseded(text: str, passages: list[Chunk], question: str = "") -> tuple[int, str] | None:
    """The later word that replaces what the answer says ("Four salons." where a later note
    says "the area is now six salons, not four"; "1st December" where the second round's note
    says "Joining will be 5th January 2026 now, not 1st December"): its passage's number and
    its sentence. Later: news of the company in another note (see `later_news_first`), or a
    note dated after every passage the answer cites, which it does not cite itself. News that
    says none of the question's words the answer says, where the answer holds a figure the news
    does not touch, is about another of its figures ("£33,200, cathedral pension, 10% employer"
    for the pension: "the money has gone up to £35,900")."""
    cited = {int(n) for n in CITE.findall(text)}
    plain = CITE.sub(" ", text)
    asked = _asked_words(question, passages) & set(stems(plain)) if question else set()
    dates = [str(passages[n - 1].metadata.get("date") or "") for n in cited
             if 1 <= n <= len(passages)]
    # (a company is no value: "we are not Ashcombe")
    companies = {w.casefold() for c in passages for k in ("company", "news_about")
                 for w in str(c.metadata.get(k) or "").split()}
    for n, c in enumerate(passages, 1):
        date = str(c.metadata.get("date") or "")
        if not c.metadata.get("news_about") and (
                n in cited or not dates or not all(date > d for d in dates)):
            continue
        for unit in segment(c.text):
            for m in REPLACED.finditer(unit.text):
                if m[1].casefold() not in companies and says_replaced(plain, m[1]) \
                        and not (asked and not asked & set(stems(unit.text))
                                 and _numbers(plain) - _numbers(unit.text)):
                    return n, " ".join(unit.text.split())
    return None


def later_date(question: str, text: str, passages: list[Chunk]) -> tuple[int, str] | None:
    """For a "when" question answered with a day of a month from one note ("starts on the
    2nd of November"), the sentence of a later note of the same company that gives another day
    for the same thing ("training school 11 January"): its passage's number and its sentence;
    None when no later note does. The thing: the question's words (company, role, time words
    aside), all but one of them in that sentence."""
    said = _days(CITE.sub(" ", text))
    if not said or not time_asked(question):
        return None
    topic = set(stems(question)) - set(stems(_frame(passages))) - FUNCTION_STEMS \
        - ANSWER_FILLER - MEASURE_STEMS - WHEN_STEMS
    if not topic:
        return None
    # the passages whose sentence on the thing gives the answer's day
    source = [c for c in passages if any(said & _days(u.text) and topic & set(stems(u.text))
                                         for u in segment(c.text))]
    if not source:
        return None
    company = source[0].metadata.get("company")
    newest = max(str(c.metadata.get("date") or "") for c in source)
    for n, c in enumerate(passages, 1):
        if c.metadata.get("company") != company or str(c.metadata.get("date") or "") <= newest:
            continue
        for unit in segment(c.text):
            days = _days(unit.text)
            if days and not days & said \
                    and len(topic & set(stems(unit.text))) >= max(1, len(topic) - 1):
                return n, " ".join(unit.text.split())
    return None


# A day put back in the sentences after it ("answer by Friday 16th. They moved it to Thursday
# 22nd when I asked", "… she agreed to Friday 20 November", "asked Yasmin for till Tue 29th")
MOVED = re.compile(r"\b(?:moved|pushed|extended|changed|put\s+back|agreed\s+to|gave\s+me"
                   r"|(?:for\s+)?(?:until|till)|another\s+week|more\s+time|a\s+week\s+more"
                   r"|(?:one|a|an)\s+(?:more|extra)\s+(?:week|day)s?|extra\s+(?:week|day)s?)\b",
                   re.IGNORECASE)
MOVED_WITHIN = 3  # sentences after the day's own that may move it
# A deadline for the user's answer ("Answer by Fri 30 Oct", "reply by Monday")
ANSWER_BY = re.compile(r"\b(?:answer|reply|respond|response|decision|decide)\s+(?:by|before|within)\b",
                       re.IGNORECASE)
# The user asking for more time ("asked for time until 30 November", "asked Kiri for more time")
ASKED_TIME = re.compile(r"\basked\b.*\b(?:time|until|till|week|extension)\b", re.IGNORECASE)
# … said as time to answer, not only a day ("asked the dentist for till Mon 14th" is no answer's)
ASKED_MORE = re.compile(r"\basked\b.*\b(?:more\s+time|for\s+time|another\s+(?:week|day)"
                        r"|an?\s+extension|extra\s+(?:time|week|days?)|one\s+more\s+week)\b",
                        re.IGNORECASE)
DAY_NUMBER = re.compile(r"\b([12]?\d|3[01])(?:st|nd|rd|th)?\b(?!\s*(?:%|am|pm|:|k\b|minutes?"
                        r"|hours?|days?|weeks?|months?|years?|people|babies|candidates))", re.IGNORECASE)


def _one_entry(between: str) -> bool:
    """The words between two sentences start no new entry of the note: no blank line, and no
    line that opens on a bullet, a number or a date ("12/11: …"); a hard wrap may cross."""
    return not re.search(r"\n\s*\n|\n\s*(?:[-*•>]|\d{1,2}[/.]\d{1,2}\b|\d{1,2}[.)]\s)", between)


def of_another_company(line: str, question: str, companies: Set[str]) -> bool:
    """Whether a line names another of the user's companies and not the one the question
    names: "Quaystone offered on 9 February. … answer by Friday 19th", written in Larkhollow's
    note, is no answer to "larkhollow offer, answer by when"."""
    asked = named_companies(question, companies)
    # (named at its head, as whose news it is, past a date or a bullet: not "asked Mr. Caddick
    # for time …, for Kennetmoor's result", which is still the asked one's)
    head = " ".join(re.sub(r"^[\W\d/.:]+", "", line).split()[:HEAD_WORDS])
    return len(asked) == 1 and not names_company(line, asked[0]) and any(
        names_company(head, other) for other in companies - set(asked))


HEAD_WORDS = 3  # words at a line's head that say whose news it is


def moved_day(question: str, text: str, passages: list[Chunk],
              companies: Set[str] = frozenset()) -> tuple[int, str] | None:
    """For a "when" question answered with a day ("Friday 16th"), the sentence that says it and
    the one just after it, in the same passage, that puts it back to another day ("They moved it
    to Thursday 22nd when I asked"): their passage's number and the two sentences; None when
    no sentence moves it. Not a day's sentence that names another of the user's `companies`
    and not the one asked about ("16/02: Ellesmoor offer. … answer by Friday 26th." to "harrier
    offer - deadline?")."""
    if not time_asked(question):
        return None
    said = {m[1] for m in DAY_NUMBER.finditer(CITE.sub(" ", text))}
    if not said:
        return None
    for n, c in enumerate(passages, 1):
        units = segment(c.text)
        for i, u in enumerate(units):
            if not said & {m[1] for m in DAY_NUMBER.finditer(u.text)} or not tells_time(u.text) \
                    or of_another_company(_line_of(c.text, u.span.start, u.span.end), question,
                                          companies):
                continue
            for v in units[i + 1:i + 1 + MOVED_WITHIN]:
                days = {m[1] for m in DAY_NUMBER.finditer(v.text)}
                if MOVED.search(v.text) and days - said and tells_time(v.text):
                    # with the day's own sentence, which says what "it" is, from the start of
                    # its line ("Nkabom: OFFER came on the 7th … Answer by the 14th.")
                    return n, _line_of(c.text, u.span.start, v.span.end)
    return None


def _people_named(text: str) -> set[str]:
    """The capitalised words after a text's first that are no day, month or time ("Yasmin")."""
    return {m.group(0) for m in NAME.finditer(text.strip()) if not TIME.fullmatch(m.group(0))}


WHEN_STEMS = frozenset(stems("when start starts starting begin begins date day"))


def held_sentences(text: str, question: str, passages: list[Chunk]) -> tuple[str, int]:
    """The reply without its sentences that the passages do not back, and how many went.

    A sentence stands when most of the content words it adds to the question (company and role
    names aside) are in the passages the model was shown: "The account executive explained
    that FMV is a more accurate valuation of the company's assets" adds four words, one of
    them in the notes, and goes. A sentence adding one word or none is left to the other
    checks, and so is a reply of one sentence.
    """
    units = segment(text)
    if len(units) < 2:
        return text, 0
    known = set(stems(counts_in_words(question))) | set(stems(_frame(passages))) \
        | ANSWER_FILLER | FUNCTION_STEMS
    held = set(stems(counts_in_words(" ".join(c.text for c in passages))))
    # each sentence with what follows it up to the next one (its "[2]", its line break)
    bounds = [0, *(u.span.start for u in units[1:]), len(text)]
    kept, dropped = [], 0
    for unit, start, stop in zip(units, bounds, bounds[1:], strict=False):
        new = set(stems(counts_in_words(CITE.sub(" ", unit.text)))) - known
        if len(new) >= 2 and len(new & held) < HELD_SHARE * len(new):
            dropped += 1
        else:
            kept.append(text[start:stop])
    return ("".join(kept).strip(), dropped) if dropped else (text, 0)


@functools.lru_cache(maxsize=STEMS_CACHED)
def stems_of(text: str) -> frozenset[str]:
    """The text's stems, its numbers both in words and in digits ("eighteen" holds "18", "4"
    holds "four"). Kept per text: every answer checks the same passages' sentences again."""
    return frozenset(stems(counts_in_words(text))) | frozenset(stems(in_digits(text, every=True)))


def shares_stem(asked: set[str], said: Set[str]) -> bool:
    """Whether a sentence's stems hold one of the question's, a slip of the question's typing
    forgiven ("recrutier" for "recruiter")."""
    return bool(asked & said) or any(near_word(a, said) for a in asked)


def held_pairs(said: list[str], text: str) -> int:
    """How many pairs of the answer's neighbouring stems the text says side by side ("two
    years" in "fixed term for two years", not in "Two modules … 60 first-years")."""
    pairs = set(zip(said, said[1:], strict=False))
    have = stems(counts_in_words(text))
    return len(pairs & set(zip(have, have[1:], strict=False)))


def held_stems(said: set[str], text: str) -> int:
    """How many of the answer's stems the text holds, as they are or by their first five
    letters ("decision" in an answer, "Decisão" in a note written half in Portuguese;
    "reference" and "referência")."""
    have = stems_of(text)
    starts = {w[:SAME_START] for w in have if len(w) >= SAME_START}
    return sum(1 for w in said if w in have
               or (len(w) >= SAME_START and w[:SAME_START] in starts))


# "what's the OTE at …", "how big is the per-install bonus", "does Stellanet pay accelerators",
# "is there a relocation package": the thing asked for, named by the question.
ASKS_FOR_THING = re.compile(
    r"\b(?:(?:what(?:['’]?s|\s+is|\s+was|\s+are|\s+were)|how\s+(?:big|much|long|high)\s+"
    r"(?:is|was|are|were))\s+(?:the|their)|when(?:['’]s|\s+is|\s+was|\s+are|\s+were|\s+will)"
    r"\s+(?:the|their|my)|do(?:es)?\s+(?:[\w'’-]+\s+){1,3}?(?:pay|offer|give"
    r"|have(?!\s+to\b))(?:\s+any|\s+extra\s+for(?:\s+the)?)?|is\s+there(?:\s+an?|\s+any)?)\s+"
    r"(?P<thing>(?:[\w'’-]+\s+){0,3}?[\w'’-]+?)"
    r"(?=\s+(?:at|for|of|in|on|with|from|like|they|she|he|that|when|did|do|does|i|you|above|"
    r"over|on\s+top|once|if|after|actually|really|exactly|worth|happening|happen|scheduled|booked"
    r"|due|going|supposed|again|planned)\b|\s*[?,.!]|\s*$)", re.IGNORECASE)
# "what pension contribution does Larkhollow offer", "which pension scheme does the job come
# with": the thing offered is named before the verb (not the job after it)
OFFERED_THING = re.compile(r"\b(?:what|which)\s+(?:kind\s+of\s+|sort\s+of\s+)?"
                           r"(?P<thing>(?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+(?:does|do|did|will|would)\s+"
                           r"(?:[\w'’-]+\s+){1,3}?(?:offer|give|provide|include|come\s+with)\b",
                           re.IGNORECASE)
# "per year", "a month", "each week": how a thing is counted, no part of it
PER_UNIT = re.compile(r"\b(?:per|a|an|each|every)\s+(?:day|week|month|year|hour|shift|annum)\b",
                      re.IGNORECASE)
# A question typed as a few words that name what it wants, without a question word.
FRAGMENT_WORDS = 6
QUESTION_WORD = re.compile(r"\b(?:who|whom|whose|what|whats|which|how|when|whens|where|why|did"
                           r"|do|does|is|are|was|were|can|could|will|would|should|have|has|had"
                           r"|any|anything|tell|list|show|give|remind)\b|\?", re.IGNORECASE)
MORE_THAN_ONE_ASK = re.compile(r"\bhow\s+many\b(?!\s+(?:days|weeks|hours|months|years)\s+(?:of|off)\b)"
                               r"|\band\s+(?:is|are|what(?:['’]?s)?|when|who|"
                               r"how|which|where|why)\b", re.IGNORECASE)
# Words that name no thing of their own ("what's the catch", "what was the deadline": any line
# may answer them in other words).
NO_THING = frozenset(stems(
    "name names background catch deal story plan situation thing things point problem issue "
    "deadline date time day days process status update feedback answer reason difference way "
    "next step steps role job position company place one lowdown vibe gist outcome result "
    "decision verdict news word idea sense options option best worst first last "
    "actual real total exact rough main big biggest second third "
    # a count is of the thing: "number of italian clients" names clients
    "number numbers count amount "
    # a bound is told by an amount ("what's the max they do" -> "deals up to two million")
    "max maximum min minimum limit cap ceiling most least top "
    # what someone said, not a thing of its own ("what was the GC's line about …")
    "line quote comment take view thoughts"))


def asked_thing(question: str, passages: list[Chunk]) -> set[str]:
    """The stems of the thing a question asks for by name ("whats the OTE at the copier
    company" -> {"ote"}), less its company and role words and words that name nothing; empty
    when it names no such thing."""
    m = OFFERED_THING.search(question) or ASKS_FOR_THING.search(question)
    if MORE_THAN_ONE_ASK.search(question):
        return set()  # "how many, when are they due and is there any rule": one part of three
    if m:
        # "the deputy head's feedback": the thing is the feedback, not whose it is
        thing = re.split(r"['’]s?\s+", m.group("thing"))[-1]
        filler: frozenset[str] = frozenset()
    elif HOW_MUCH.search(question):
        # "hydro north allowance how much per month", "how much shares they give me": every
        # word of the question that names something is the thing
        thing = HOW_MUCH.sub(" ", question)
        filler = MEASURE_STEMS | AMOUNT_FILLER
    elif TimeAsked.KEYWORDS in time_asked(question):
        # "kittredge fingerprints appointment date": the date of that thing, not any date
        thing = re.sub(r"\b(?:date|day|when)\b", " ", question, flags=re.IGNORECASE)
        filler = MEASURE_STEMS
    elif len(question.split()) <= FRAGMENT_WORDS and not QUESTION_WORD.search(question):
        # "wexmoor holiday allowance", "ferrowen relocation package": a few words that name the
        # thing and nothing else (a standby rota answers no holiday allowance); "per year"
        # says how it is counted ("110 running days a year" is no holiday)
        thing = question
        filler = MEASURE_STEMS | AMOUNT_FILLER if PER_UNIT.search(question) else frozenset()
    else:
        return set()
    # "hourly" says how a rate is told ("what's the hourly rate"), not a thing; "hours" are one
    thing = re.sub(r"\bhourly\b", " ", thing, flags=re.IGNORECASE)
    return set(stems(thing)) - set(stems(_frame(passages))) - NO_THING - FUNCTION_STEMS \
        - ANSWER_FILLER - filler


# "the safety problem", "the main concern": a kind of issue, named by a word before it
KIND_OF_ISSUE = re.compile(r"\b[\w'’-]+\s+(?:problem|problems|issue|issues|concern|concerns"
                           r"|mistake|mistakes|worry|worries)\b", re.IGNORECASE)


def kind_of_issue(question: str) -> bool:
    """Whether the thing asked is a kind of problem or concern ("the safety problem")."""
    m = ASKS_FOR_THING.search(question)
    return bool(m and KIND_OF_ISSUE.search(m.group("thing")))


def names_the_thing(question: str, answer: str, quotes: list[str],
                    passages: list[Chunk]) -> bool:
    """Whether the cited sentences the answer rests on (those holding its words) name the thing
    the question asks for, or a word people use for it ("base" for "pay"), when it asks for
    one: "OTE 210" answers no question about accelerators, "avg rep tenure 9 yrs" no OTE."""
    thing = asked_thing(question, passages)
    if not thing:
        return True
    said = set(stems(counts_in_words(CITE.sub(" ", answer)))) - FUNCTION_STEMS \
        - ANSWER_FILLER - set(stems(question))
    sentences = [u.text for quote in quotes for u in segment(quote)]
    resting = " ".join([t for t in sentences if said & set(stems(counts_in_words(t)))]
                       or sentences)
    if kind_of_issue(question):
        # "the safety problem I didn't spot": a problem is told by what it is ("the barrier
        # is too low"), its kind by the line it sits in ("… a risk assessment …")
        resting = " ".join(line for quote in quotes for line in quote.splitlines()
                           if said & set(stems(counts_in_words(line)))) or resting
    # and what a phrase of the question stands for ("annual leave" is "vacation")
    phrased = set(stems(same_phrased(question))) - set(stems(question))
    want = thing | set(expanded_stems(" ".join(sorted(thing | phrased))))
    cut = cut_short(thing, passages)

    def names_it(text: str) -> bool:
        said = set(stems(text))
        return bool(want & said) or held_stems(thing, text) > 0 or starts_one(cut, said)

    said_numbers = _numbers(CITE.sub(" ", answer))
    if HOW_MUCH.search(question) and said_numbers:
        # "how much is the equity grant worth" -> "88 to 95k" from "the band: 88 to 95k, with a
        # small equity grant": the amount must be said of the thing, in its clause or the next.
        # a raise, an allowance or shares are money: "raise after six months" gives none
        money = bool(thing & MONEY_THINGS)

        def amounts(text: str) -> set[str]:
            found = _numbers(text)
            return found - _numbers(" ".join(m.group(0) for m in NOT_MONEY.finditer(text))) \
                if money else found

        for j, sentence in enumerate(sentences):
            if not said_numbers & _numbers(sentence):
                continue
            clauses = CLAUSE.split(sentence)
            # "Staff housing is on site. It comes off your wages at £90 a month": the "it"
            # of the first clause is what the sentence before names
            named = [names_it(c) or (i == 0 and bool(POINTS_BACK.match(c))
                                     and names_it(_said_before(sentence, sentences[:j],
                                                               passages)))
                     for i, c in enumerate(clauses)]
            if any(n and said_numbers & amounts(" ".join(
                    clauses[i:i + 2] if i + 1 < len(clauses) and GOES_ON.match(clauses[i + 1])
                    else clauses[i:i + 1]))
                   for i, n in enumerate(named)):
                return True
        return False
    if not names_it(resting) and time_asked(question) and _days(CITE.sub(" ", answer)):
        # a day said in a line whose entry names the thing earlier ("Tue 27/10: OFFER. Muzz
        # rang at lunch. $88k, … Answer by Fri 30 Oct."): the line's day is the thing's
        return any(names_it(line) for quote in quotes for line in quote.splitlines()
                   if said & set(stems(counts_in_words(line))))
    return names_it(resting)


CUT_WORD_MIN = 4  # letters a word cut short keeps ("crem", "admin"), to name the words it starts


def cut_short(asked: set[str], passages: list[Chunk]) -> set[str]:
    """The question's words cut short, that no passage writes whole ("halsey crem yearly
    numbers": "crem" of "cremations")."""
    known = set(stems(" ".join(c.text for c in passages)))
    return {t for t in asked if len(t) >= CUT_WORD_MIN and t not in known}


def starts_one(cut: set[str], said: Set[str]) -> bool:
    """Whether one of these words cut short starts a longer word said."""
    return any(w.startswith(t) and len(w) > len(t) for t in cut for w in said)
# An amount asked of a thing ("how much is the equity grant worth", "how big is the bonus").
# "how many days of annual leave": a count of a measure of a thing is its amount too.
HOW_MUCH = re.compile(r"\bhow\s+(?:much(?!\s+(?:late|later|behind|early|earlier|longer))|big|high"
                      r"|large)\b|\bworth\b"
                      r"|\bhow\s+many\s+(?:days|weeks|hours|months|years)\s+(?:of|off)\b",
                      re.IGNORECASE)


def _said_before(sentence: str, earlier: list[str], passages: list[Chunk]) -> str:
    """The two sentences before this one: in the passage that holds it, else the quotes'."""
    for c in passages:
        at = c.text.find(sentence)
        if at > 0:
            return " ".join(u.text for u in segment(c.text[:at])[-2:])
    return " ".join(earlier[-2:])


# A sentence that opens on what the sentence before it named.
POINTS_BACK = re.compile(r"\s*(?:it|that|this|they|which)\b", re.IGNORECASE)
# Words of an amount question that name no thing ("how much do they give me per month").
AMOUNT_FILLER = frozenset(stems("give gives gave given get gets got pay pays paid offer offered "
                                "much many per actually exactly roughly about total"))
# Things that are money: their amount is never a count of months or hours.
MONEY_THINGS = frozenset(stems("raise raises bonus bonuses allowance allowances equity share "
                               "shares stock options salary pay base commission stipend "
                               "relocation signing diff differential rate"))
# The clauses of a sentence: an amount is said of what its clause names ("£38k + shift
# allowance" gives no amount for the allowance; "$32 an hour plus a bonus" none for the bonus).
CLAUSE = re.compile(r",\s|[;()]|\s[–—-]\s|\s(?:plus|\+|&)\s|\s+and\s+(?=(?:a|an|the)\s)"
                    r"|(?<=[\d%k])\s+and\s+(?=[^\W\d])")  # "bonus 10% and car allowance"
# A clause that goes on to say the amount of the one before ("relocation: worth about 5k"),
# not a thing of its own ("…and car allowance, pension 8%").
GOES_ON = re.compile(r"\W*(?:[\d$£€~]|about\b|around\b|roughly\b|approx|worth\b|at\b|of\b"
                     r"|it\b|its\b|it['’]s\b|which\b|is\b|was\b|up\s+to\b)", re.IGNORECASE)
# A number that counts hours, days or people, not money ("from 1,900 to 2,000 hours").
NOT_MONEY = re.compile(
    rf"\d[\d,.]*(?:\s*(?:-|–|to|or)\s*\d[\d,.]*)?\s*(?:{TIME_UNIT}|people|staff|reps|beds"
    r"|patients|students|clients|accounts|interviews?|rounds?)\b", re.IGNORECASE)


# "They said they'd pay for it, but what did I decide?": what is asked comes after the "but".
THEN_ASKS = re.compile(r"\b(?:but|so)\s+(?=(?:what|which|who|when|where|how|why|did|do|does|is|"
                       r"was|have|has)\b)", re.IGNORECASE)


def main_ask(question: str) -> str:
    """The part of the question that asks: after a "but"/"so" that opens a question of its
    own, or the whole question."""
    parts = THEN_ASKS.split(question)
    return parts[-1] if len(parts) > 1 else question


# A reply that confirms what the question supposes ("Yes, …", "That's right").
CONFIRMS = re.compile(r"\W*(?:yes|yeah|yep|correct|that['’]?s (?:right|correct)|right)\b",
                      re.IGNORECASE)


def confirms_unheld_figure(text: str, question: str, quotes: list[str]) -> bool:
    """Whether the answer says yes to a figure the question supposes and no cited quote holds
    ("was it 10k a year they'd forgive?" -> "Yes, … loan forgiveness eligibility")."""
    figures = _numbers(question)
    return bool(CONFIRMS.match(CITE.sub(" ", text)) and figures
                and not figures & _numbers(" ".join(quotes)))


MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})(?![a-z])"
                       rf"|\b({MONTH})\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\b", re.IGNORECASE)


def _days(text: str) -> set[tuple[int, str]]:
    """The days of a month a text says ("4th April", "April 4", "the 10th of April")."""
    return {(int(m[1] or m[4]), (m[2] or m[3])[:3].casefold()) for m in DAY_MONTH.finditer(text)}


def unheld_day(text: str, quotes: list[str]) -> bool:
    """Whether the answer gives a day of a month that no cited quote says ("4th April", copied
    from the date of the note, where the line says "answer until 10th April")."""
    said = _days(CITE.sub(" ", text))
    return bool(said) and bool(quotes) and not said <= _days(" ".join(quotes))


# A count of a unit of time ("4 weeks", "two-week", "12 months")
SPAN = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                  r"[\s-]+(day|week|month|year|hour|minute)s?\b", re.IGNORECASE)


def _spans(text: str) -> set[tuple[str, str]]:
    """The counts of units of time a text says, in digits ("four weeks" → 4, week)."""
    return {(SPAN_COUNTS.get(m[1].casefold(), m[1]), m[2].casefold()) for m in SPAN.finditer(text)}


SPAN_COUNTS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


# "how many hours a week …", "how many court reporters …": the things counted (up to a verb)
HOW_MANY = re.compile(r"\bhow\s+many\s+((?:(?!(?:do|does|did|are|is|was|were|would|will|can|could"
                      r"|have|has|had|should|in|at|on|for|of|a|per)\b)[a-z'’-]+\s*){1,3})",
                      re.IGNORECASE)
COUNTED = re.compile(r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
                     r"|twelve)\s+([a-z][a-z'’-]*)", re.IGNORECASE)


# Units a count of time or distance is said in: an answer in another unit counts something else.
# A question for the hours worked ("the daily hours of the workshop job", "what hours would I
# work"), and an answer that gives some (hours, or the clock: "8 till 4", "9am-5pm")
ASKS_HOURS = re.compile(WORK_HOURS + r"|\b(?:daily|opening|weekly)\s+hours\b"
                        r"|\bhow\s+many\s+hours\b", re.IGNORECASE)
HOURS_SAID = re.compile(r"\bhours?\b|\bhrs?\b|\d\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}(?:[:.]\d{2})?\s*"
                        r"(?:-|–|to|till|until)\s*\d{1,2}\b|\b(?:full|part)[\s-]time\b"
                        r"|\bnine\s+to\s+five\b|\bshifts?\b", re.IGNORECASE)
MEASURED = frozenset({"hour", "day", "week", "month", "year", "minut", "night", "shift", "mile",
                      "km", "weekend"})


def wrong_unit(text: str, question: str) -> bool:
    """Whether an answer to "how many hours …" counts something else ("9,000 sets plus the
    archive"): it counts things, none of them the unit of time or distance asked for, and names
    nothing asked."""
    if ASKS_HOURS.search(question) and not HOURS_SAID.search(CITE.sub(" ", text)):
        return True  # "what would the daily hours be": "£34,000 … one week in four" is none
    m = HOW_MANY.search(question)
    if not m:
        return False
    asked = set(expanded_stems(m.group(1))) - FUNCTION_STEMS
    if not asked & MEASURED:
        return False  # things have other names ("600 labels" of wine); a measure has none
    said = CITE.sub(" ", text)
    counted = {s for w in COUNTED.findall(said) for s in stems(w)}
    return bool(counted) and not counted & asked and not asked & set(stems(said))


def unheld_span(text: str, quotes: list[str]) -> bool:
    """Whether the answer gives a length of time ("4 weeks on full pay") that none of these
    texts says (they say "answer in two weeks"): a figure made up from the question's words."""
    said = _spans(CITE.sub(" ", text))
    return bool(said) and bool(quotes) and not said <= _spans(" ".join(quotes))


def unheld_person(text: str, question: str, quotes: list[str], known: list[str],
                  frame: str) -> bool:
    """Whether the answer says something of a person the question names ("what did corey end
    up getting offered" - "Corey Mataio ended up getting offered the Technical Trainer post")
    whom no cited passage names, nor the cited debriefs' people (`known`): the claim rests on
    a line about someone else. A name is a word of the question the answer writes capitalised
    inside a sentence or before another capitalised word (so no sentence's opening word), and
    no company, role, day or month."""
    said = CITE.sub(" ", text)
    asked = {w.casefold() for w in re.findall(r"[^\W\d_]{3,}", question)}
    skip = {w.casefold() for w in re.findall(r"\w+", frame)}
    names = {m.group(0).casefold() for m in CAPITALISED.finditer(said)
             if (INSIDE.search(said[:m.start()]) or CAPITALISED.match(said, m.end() + 1))
             and m.group(0).casefold() in asked - skip and not TIME.fullmatch(m.group(0))}
    held = folded(" ".join([*quotes, *known]))
    return any(not re.search(rf"\b{re.escape(n)}", held) for n in names)


DESCRIBED_BY = 2  # description words a person's record shares with the question to be theirs


def names_the_unnamed(text: str, question: str, people: list[Person], frame: str) -> bool:
    """Whether the answer gives a name for someone the question describes ("the lad with the
    eyebrow ring who took me on the ghost train") whom one debrief's people record with no
    name, while the person it names is another record of that debrief, described less like
    the question: "Big Mick, chief engineer" is not "young man with an eyebrow ring who drives
    the ghost train (name not given)"."""
    if not ASKS_FOR_NAME.search(question):
        return False
    described = set(stems(NAME_WORD.sub(" ", question))) - FUNCTION_STEMS - set(stems(frame)) \
        - set(stems("who whom whose what name names called"))

    def likeness(p: Person) -> int:
        return len(described & set(stems(p.title or "")))

    unnamed = max((likeness(p) for p in people if not p.name), default=0)
    if unnamed < DESCRIBED_BY:
        return False
    said = {w.casefold() for w in re.findall(r"[^\W\d_][\w'’-]*", CITE.sub(" ", text))}
    given = [p for p in people if p.name and {w.casefold() for w in p.name.split()
                                               if len(w) > 2} & said]
    return bool(given) and all(likeness(p) < unnamed for p in given)


CAPITALISED = re.compile(r"\b[A-Z][a-z][\w'’-]*")
INSIDE = re.compile(r"[a-z0-9,;:]\s$")  # what comes before a word inside a sentence


def _numbers(text: str) -> set[str]:
    """The numbers a text says ("88", "95", "1,900")."""
    return {n.rstrip(".,") for n in re.findall(r"\d[\d,.]*", text)}


def tells_size(text: str) -> bool:
    """Whether an answer to a size question gives a count that is not time, money or a share
    ("nine engineers", not "4 days onsite")."""
    return bool(NUMBER_WORDS.search(NOT_A_SIZE.sub(" ", CITE.sub(" ", text))))


def tells_pay(text: str, passages: list[Chunk]) -> bool:
    """Whether the answer to a pay question gives a number that a pay line of the passages
    holds ("$6 an hour", "165-180 base"), not a number from another line."""
    said = _numbers(CITE.sub(" ", text))
    # a point on a pay scale ("they've offered M5, not M6" beside "the trust's pay policy")
    grades = set(PAY_GRADE.findall(CITE.sub(" ", text)))
    if grades and any(grades & set(PAY_GRADE.findall(c.text)) and PAY_SCALE.search(c.text)
                      for c in passages):
        return True
    # "the bonus threshold has moved from 1,900 to 2,000 hours": hours, not pay
    return any(PAY_AMOUNT.search(c.text) and said & (_numbers(c.text) - _numbers(
        " ".join(m.group(0) for m in NOT_MONEY.finditer(c.text)))) for c in passages)


PAY_GRADE = re.compile(r"\b(?:[A-Z]{1,3}\d{1,2}|(?:point|band|grade|step)\s+\d{1,2})\b")
PAY_SCALE = re.compile(r"\b(?:pay|salary|scale|spine|grade|band)\b", re.IGNORECASE)


def _frame(passages: list[Chunk]) -> str:
    """The passages' company and role names: in every passage of a debrief, so they prove
    nothing about an answer."""
    return " ".join(f"{c.metadata.get('company', '')} "
                    f"{ROLE_ASIDE.sub(' ', c.metadata.get('role') or '')}" for c in passages)


# What a role's brackets add is a detail of the job, not its name ("Site Manager, Millbrook
# Fields (120 houses)": "120 houses" answers "how many houses").
ROLE_ASIDE = re.compile(r"\([^()]*\)")


def _names(text: str, question: str, passages: list[Chunk]) -> list[str]:
    """The names an answer gives that the question does not already hold (capitalised words
    that are neither a company or role word nor a function word), and the decision-maker
    titles it gives ("the CRO", "the owner") when the question does not hold them."""
    frame = _frame(passages)
    known = {w.casefold() for w in re.findall(r"[^\W\d_]+", f"{question} {frame}")}
    words = re.findall(r"[^\W\d_][\w'’-]*", CITE.sub(" ", text))
    return [word for i, word in enumerate(words)
            if word.casefold() not in known and not _someone_elses(words, i) and (
                word[:1].isupper() and not word.isupper() and word.casefold() not in NOT_NAME_WORDS
                or word.casefold() in DECIDER_TITLES)]


# A name as the one who reports something ("Curt said …", "Dana told me …").
SPEAKER = re.compile(r"\b([A-Z][\w'’-]+)\s+(?:said|says|told|mentioned|explained|added)\b")


# A question about who said something ("who reckoned…", "who told me…"): the speaker answers.
ABOUT_SAYING = re.compile(r"\b(?:said|say|says|told|tell|mention\w*|reckon\w*|think|thinks"
                          r"|thought|suggest\w*|recommend\w*|felt|feel|feels|believe\w*"
                          r"|pointed|flagged|warned|hinted)\b", re.IGNORECASE)


# Titles a question may name someone by ("the CFO", "the airport office partner").
PERSON_TITLES = DECIDER_TITLES | frozenset("""recruiter manager lead head coordinator supervisor
superintendent foreman educator officer counsel hr analyst engineer designer associate nurse
teacher attorney lawyer editor producer chef dispatcher administrator instructor tutor trainer
specialist scientist consultant doctor gp physician pharmacist therapist deputy adviser advisor
planner accountant paralegal architect developer researcher professor""".split())
NEAR_TITLE = 6  # a name this many words or fewer from the title is said of it


def _titles_asked(question: str, frame: str) -> tuple[set[str], set[str]]:
    """The titles a question names someone by, and the words it puts before them ("airport",
    "office" in "the airport office partner's name"; company words are left out)."""
    words = re.findall(r"[^\W\d_]+", question.casefold())
    skip = {w.casefold() for w in re.findall(r"[^\W\d_]+", frame)} | FUNCTION_WORDS \
        | set(ASKS_WORDS_RAW.split())
    titles, before = set(), set()
    for i, w in enumerate(words):
        if w in PERSON_TITLES or w.rstrip("s") in PERSON_TITLES:
            titles.add(w.rstrip("s") if w.rstrip("s") in PERSON_TITLES else w)
            for b in reversed(words[max(0, i - 2):i]):
                if b in skip or b in PERSON_TITLES:
                    break
                before.add(b)
    return titles, before


def said_of_title(text: str, names: set[str], question: str, frame: str) -> bool:
    """Whether a sentence gives one of `names` as the person the question names by title: the
    title's own words there ("airport office"), the name at most NEAR_TITLE words from the title
    with no other title between ("Joaquin Ferreira, their VP of Design, and the CFO" does not
    name the CFO); true when the question names nobody by title."""
    titles, before = _titles_asked(question, frame)
    if not titles:
        return True
    words = [w.casefold() for w in re.findall(r"[^\W\d_][\w'’-]*", text)]
    at_title = [i for i, w in enumerate(words) if w in titles or w.rstrip("s") in titles]
    wanted = set(stems(" ".join(before)))
    if wanted and held_stems(wanted, text) < len(wanted):
        # "the commercial litigation partner" is not "the airport office partner"; "Rhonda,
        # supervisor of the shop" may still be "my direct supervisor"
        own = {w for j in at_title for w in words[max(0, j - 2):j]
               if w not in FUNCTION_WORDS and w not in names and w not in PERSON_TITLES}
        if own - before:
            return False
    for i, w in enumerate(words):
        if w not in names:
            continue
        for j in at_title:
            lo, hi = sorted((i, j))
            if hi - lo <= NEAR_TITLE and not any(
                    x in PERSON_TITLES or x.rstrip("s") in PERSON_TITLES
                    for x in words[lo + 1:hi]):
                return True
    return False


def names_someone(text: str, question: str, passages: list[Chunk]) -> bool:
    """Whether the answer gives a name the question does not already hold, said in a passage
    sentence about what the question asks (one of its content words, beyond the company, role
    and "who" words): "Rhys" from a lunch line does not answer "who heads regulatory affairs"."""
    names = _names(text, question, passages)
    if not names:
        return False
    want = _asked_words(question, passages)
    if not want:
        return True
    given = {n.casefold() for n in names}
    # "Curt said round 2 is a ride-along with a senior rep": Curt is who said it, not the rep
    # (unless the question asks who said something).
    about_saying = ABOUT_SAYING.search(question)
    frame = _frame(passages)  # company and role words, once per answer
    for chunk in passages:
        for unit in segment(chunk.text):
            if NAME_NOT_GIVEN.search(unit.text):
                continue  # "the chair, Dr. Ruiz, and an evolution guy (não sei o nome)": not his
            words = {w.casefold() for w in re.findall(r"[^\W\d_][\w'’-]*", unit.text)}
            if not about_saying:
                words -= {m.group(1).casefold() for m in SPEAKER.finditer(unit.text)}
            # "who is making the final decision" -> "the founder … she's the one who decides"
            decides = asks_decider(question) and bool(DECIDES.search(unit.text))
            if given & words and (held_stems(want, unit.text) or decides) \
                    and said_of_title(unit.text, given & words, question, frame):
                return True  # "comittee" finds "comitê"
    return False


def _asked_words(question: str, passages: list[Chunk]) -> set[str]:
    """The question's content stems, less its company, role, "who" and filler words, and the
    date or order it names its interview by ("the screen on october 8th", "my second round")."""
    return set(stems(without_pointers(question))) - set(stems(_frame(passages))) - ASKS_WORDS \
        - ANSWER_FILLER - FUNCTION_STEMS


def as_asked(want: set[str], question: str, passages: list[Chunk]) -> Callable[[set[str]], bool]:
    """Whether a line's stems hold what the question asks: every one of `want`, or the
    question said as people say it (SAME_PHRASE: "who'd I be answering to" is "report to"),
    whole or, from two words up, each word or another word for it (SAME_THING: "larkfield
    work from home days" is held by "Remote captioning allowed two days a week")."""
    phrased = _asked_words(same_phrased(question), passages) or want
    others = [{w, *expanded_stems(w)} for w in phrased] if phrased != want else []

    def holds(have: set[str]) -> bool:
        return want <= have or bool(others) and (
            phrased <= have or len(others) >= 2 and all(o & have for o in others))

    return holds


# "the fares-team job", "that breast program navigator role": a job named by up to five words
JOB_NAMED = re.compile(r"\b(?:the|that|this)\s+((?:[\w'-]+\s+){0,4}[\w'-]+)\s+"
                       r"(?:job|role|position|post|posting|opening|vacancy)\b", re.IGNORECASE)
# Units a figure is counted in: a sentence sharing only these with the question is not about it.
# Words every to-do shares with a promise question: they do not say which to-do it asks about.
TODO_VERBS = frozenset(stems("need needs get back send sent want have has make do go still "
                             "gonna going will would should must owe thing things email emails "
                             "call ask reply write let know"))
MEASURE_STEMS = frozenset(stems("day days week weeks month months year years hour hours minute "
                                "minutes time times"))
PAY_STEMS = frozenset(stems("pay pays paid salary salaries compensation comp wage wages hourly "
                             "rate rates earn earns make makes"))
ASKS_WORDS_RAW = ("who whom whose name named called person people guy lady woman man "
                  "someone job role position place interview company team")
ASKS_WORDS = frozenset(stems(ASKS_WORDS_RAW))


# Someone the question does not name ("the lady from HR", "do I owe the box company guy
# anything?").
PERSON_WORDS = frozenset(stems("guy lady woman man person bloke chap fella dude gentleman "
                               "interviewer"))
# Other things a question asks for besides a name ("how many refs, by when, and is there a
# rule about who?"): an answer giving those answers it, name or not.
ASKS_OTHER = re.compile(r"\bhow\s+(?:many|much|long|often)\b|\bwhen\b|\bdeadline\b|\bwhy\b"
                        r"|\bwhere\b", re.IGNORECASE)


# "the director whose voicemail just said …", "the guy who kept checking his phone": a "who"
# that tells which person, not one that asks for them.
RELATIVE_WHO = re.compile(r"\b(?:the|a|an|that|this|my|our)\s+(?:[\w'’-]+\s+){0,3}?(?:who|whose"
                          r"|whom)\b", re.IGNORECASE)


def asks_only_for_name(question: str) -> bool:
    """Whether the question asks for someone's name and for nothing else."""
    asked = RELATIVE_WHO.sub(lambda m: m.group(0).rsplit(None, 1)[0], question)
    return bool(ASKS_FOR_NAME.search(asked)) and not ASKS_OTHER.search(asked)


# A name learnt after the interview ("I finally have his name from his card", "Name now: Neil
# Whitcroft", "I finally learnt her name"), and a question for it ("did i ever get his name",
# "what was his name in the end")
NAME_LEARNT = re.compile(
    r"\b(?:finally|now|at\s+last|later)\b[^.\n]{0,40}?\b(?:have|got|get|learnt|learned|know"
    r"|caught|found\s+out)\s+(?:his|her|their)\s+(?:\w+\s+)?name\b|\bname\s+now\s*:"
    r"|\b(?:learnt|learned|found\s+out|got)\s+(?:his|her|their)\s+name\s+(?:later|in\s+the\s+end"
    r"|at\s+last)\b", re.IGNORECASE)
ASKS_NAME_LEARNT = re.compile(
    r"\bever\s+(?:get|got|find\s+out|learn|learnt|learned|catch|caught)\b.{0,20}\bname\b"
    r"|\bname\b.{0,20}\b(?:in\s+the\s+end|eventually|finally)\b", re.IGNORECASE)
# "who's this DA": a name the notes say someone is called by ("Everyone calls him DA")
ASKS_WHO_IS = re.compile(r"\bwho(?:['’]s|\s+is|\s+was)\s+(?:this\s+|that\s+|the\s+)?"
                         r"(?P<alias>[\w'’.-]+)", re.IGNORECASE)
CALLED = r"\b(?:calls?|called)\s+(?:him|her|them)\s+|\bknown\s+as\s+|\bgoes\s+by\s+|\bnicknamed\s+"


def _line_of(text: str, start: int, end: int) -> str:
    """text[start:end] from the start of its line, its bullet off ("Mr. Ankrah. Everyone …
    calls him DA"), in one line."""
    begin = text.rfind("\n", 0, start) + 1
    return re.sub(r"^[-*•]\s+", "", " ".join(text[begin:end].split()))


def learnt_name_line(question: str, passages: list[Chunk]) -> tuple[Chunk, str] | None:
    """For "did i ever get his name": the line of a passage that says a name was learnt later
    and shares the most words of who they were with the question ("the norwegian boss on the
    tv screen": "… The one on the TV last time, now face to face, and I finally have his name
    from his card"); None when none does."""
    if not ASKS_NAME_LEARNT.search(question):
        return None
    want = _asked_words(question, passages) - NAME_FRAME
    best: tuple[int, Chunk, str] | None = None
    for chunk in passages:
        for unit in segment(chunk.text):
            if NAME_LEARNT.search(unit.text):
                line = _line_of(chunk.text, unit.span.start, unit.span.end)
                shared = len(want & set(stems(line)))
                if shared and (best is None or shared > best[0]):
                    best = (shared, chunk, line)
    return (best[1], best[2]) if best else None


def alias_line(question: str, passages: list[Chunk]) -> tuple[Chunk, str] | None:
    """For "who's this DA" (or a name asked of a word the notes call someone: "whit tenggara
    full name"): the line of a passage that says who is called so ("Mr. Ankrah. Everyone in the
    office calls him DA, so now I do too.", 'Everybody calls him "Whit"'); None when none
    does."""
    m = ASKS_WHO_IS.search(question)
    if m:
        aliases = [m["alias"].strip(".")]
    elif ASKS_FOR_NAME.search(question):  # "whit tenggara full name + title": any word of it
        aliases = re.findall(r"[^\W\d_][\w'’-]+", question)
    else:
        return None
    aliases = [a for a in aliases if a.casefold() not in FUNCTION_WORDS]
    if not aliases:
        return None
    said = re.compile(rf"(?:{CALLED})[\"“'‘]?(?:{'|'.join(map(re.escape, aliases))})\b",
                      re.IGNORECASE)
    for chunk in passages:
        for unit in segment(chunk.text):
            if said.search(unit.text):
                return chunk, _line_of(chunk.text, unit.span.start, unit.span.end)
    return None


def unnamed_line(question: str, passages: list[Chunk]) -> tuple[Chunk, str] | None:
    """For "I never got the name of the woman who watched my lesson, did I?": the passage
    sentence that says a name was not given and shares a word of who they were with the
    question ("a senior instructor with a bun who never said her name, she just watched");
    None when none does."""
    want = _asked_words(question, passages) - NAME_FRAME
    for chunk in passages:
        for unit in segment(chunk.text):
            if NAME_NOT_GIVEN.search(unit.text) and want & set(stems(unit.text)):
                return chunk, " ".join(unit.text.split())
    return None


def named_later_line(question: str, passages: list[Chunk]
                     ) -> tuple[tuple[Chunk, str], Chunk] | None:
    """For "who was the big farmer bloke from the board who never said his name": the line
    that says so of someone ("The grower from the board. Big farmer hands … Never said his name
    and Muzz only called him "our grower director"") and a line of the same company, dated no
    earlier, that names someone and shares the question's words or the first line's ("The
    grower director is Mr. Rewi Tautari, grower director on the board."), as a sub-passage of
    its own; None when the question says no name was given or a passage lacks either line."""
    if not (NAME_NOT_GIVEN.search(question) or NOT_INTRODUCED.search(question)):
        return None
    want = _asked_words(question, passages) - NAME_FRAME - INTRO_FRAME
    frame = _frame(passages)
    first: tuple[int, Chunk, str] | None = None
    for chunk in passages:
        for unit in segment(chunk.text):
            if not (NAME_NOT_GIVEN.search(unit.text) or NOT_INTRODUCED.search(unit.text)):
                continue
            line = _line_of(chunk.text, unit.span.start, unit.span.end)
            shared = len(want & set(stems(line)))
            if shared and (first is None or shared > first[0]):
                first = (shared, chunk, line)
    if first is None:
        return None
    _, chunk, line = first
    told = set(stems(counts_in_words(line))) - FUNCTION_STEMS - NAME_FRAME - INTRO_FRAME
    known = {w.casefold() for w in re.findall(r"[^\W\d_]+", f"{question} {frame} {line}")}
    best: tuple[int, Chunk] | None = None
    for other in passages:
        if other.metadata.get("company") != chunk.metadata.get("company") \
                or str(other.metadata.get("date", "")) < str(chunk.metadata.get("date", "")):
            continue
        at = 0
        for raw in other.text.splitlines(keepends=True):
            begin, at = at, at + len(raw)
            text = " ".join(raw.split())
            if not text or " ".join(line.split()) in text or NAME_NOT_GIVEN.search(text) \
                    or NOT_INTRODUCED.search(text):
                continue
            words = re.findall(r"[^\W\d_][\w'’-]*", text)
            named = [w for i, w in enumerate(words) if w[:1].isupper() and not w.isupper()
                     and w.casefold() not in known | NOT_NAME_WORDS | PERSON_TITLES
                     and (i > 0 or len(words) > 1 and words[1][:1].isupper())]
            have = set(stems(text))
            score = 2 * len(want & have) + len(told & have)
            if named and want & have and score >= NAMED_LATER_MIN \
                    and (best is None or score > best[0]):
                best = (score, Chunk(other.debrief_id, raw.rstrip("\n"), other.start + begin,
                                     other.score, other.metadata))
    return ((chunk, line), best[1]) if best else None


# "who was the old guy with the white beard that never introduced himself"
NOT_INTRODUCED = re.compile(r"\b(?:never|not|didn['’]?t|did\s+not)\s+(?:been\s+)?introduced?\b"
                            r"(?:\s+(?:himself|herself|themselves))?"
                            r"|\b(?:never|didn['’]?t|did\s+not)\s+(?:say|said|tell\s+me|told\s+me)"
                            r"\s+who\s+(?:he|she|they)\s+(?:was|were|is|are)\b", re.IGNORECASE)
INTRO_FRAME = frozenset(stems("introduced introduce himself herself themselves never said his her "
                              "their told gave who he she they was were"))
NAMED_LATER_MIN = 3  # a word of the question and another of the question or the first line


NAME_FRAME = frozenset(stems("never got get catch caught name names did didn't didnt i"))
NAMED_LINE_CHARS = 360  # a named sentence with the start of its line, when they fit


def named_line(question: str, passages: list[Chunk]) -> tuple[Chunk, str] | None:
    """The first passage sentence (passages best ranked first) that names someone the question
    does not and holds every content word of the question (not its company, role or "who"
    words)."""
    frame = _frame(passages)
    want = _asked_words(question, passages)
    if not want:
        # "who was the guy at the roofing place": nothing but the person, whom a sentence
        # naming someone by the same word answers ("the guy was Curtis Dunleavy")
        want = set(stems(question)) & PERSON_WORDS
        if not want:
            return None
    holds = as_asked(want, question, passages)
    known = {w.casefold() for w in re.findall(r"[^\W\d_]+", f"{question} {frame}")}
    for chunk in passages:  # best ranked first
        for unit in segment(chunk.text):
            if any(NAME_NOT_GIVEN.search(part) and want & set(stems(part))
                   for part in re.split(r"[,;:()]|\band\b", unit.text)):
                continue  # "… and a data analyst who didn't give her name": no answer
            words = re.findall(r"[^\W\d_][\w'’-]*", unit.text)
            # "Curt said round 2 is a ride-along with a senior rep": Curt is not the rep.
            speakers = set() if ABOUT_SAYING.search(question) else {
                m.group(1).casefold() for m in SPEAKER.finditer(unit.text)}
            names = {w.casefold() for i, w in enumerate(words)
                     if w[:1].isupper() and not w.isupper() and i > 0
                     and not re.match(r"i['’]", w.casefold())  # "I'm" names nobody
                     and w.casefold() not in known | speakers
                     and w.casefold() not in NOT_NAME_WORDS | PERSON_TITLES
                     and not _someone_elses(words, i)}
            named = bool(names) and said_of_title(unit.text, names, question, frame)
            if named and holds(set(stems(unit.text))):
                return chunk, unit.text.strip()
            # "… there is also an opening in regulatory affairs … He gave me the name of the
            # head of that team: Marguerite Osei.": the sentence names them, its line says who.
            begin = chunk.text.rfind("\n", 0, unit.span.start) + 1
            line = chunk.text[begin:unit.span.end].strip()
            if named and len(line) <= NAMED_LINE_CHARS and holds(set(stems(line))):
                return chunk, line
    return None


def _someone_elses(words: list[str], i: int) -> bool:
    """Whether words[i] names someone only as whose the next thing is ("Brent's boss (area
    VP)" names Brent, not his boss); "Priya's the HM" still names Priya."""
    if not re.search(r"['’]s$", words[i]) or i + 1 >= len(words):
        return False
    return words[i + 1].casefold() not in IS_AFTER_NAME


# What follows "Priya's" when it means "Priya is/has": not a thing of hers.
IS_AFTER_NAME = frozenset("the a an gonna going been got not also still now our my their".split())


def _with_pay_or_size(question: str, text: str, passages: list[Chunk]) -> bool:
    """Whether a line can answer a pay, size or amount question (any line can answer other
    ones): "profit share "in good yrs"" beside "pay 65-72k" tells no amount of profit share."""
    if ASKS_FOR_PAY.search(question) and not PAY_AMOUNT.search(text):
        return False
    if HOW_MUCH.search(question) and not names_the_thing(question, text, [text], passages):
        return False
    return not ASKS_FOR_SIZE.search(question) or tells_size(text)


# What answers each time question (question_patterns.TIME_QUESTIONS): "what day is my final w/
# Ignatius" a day or a date ("Thurs", "the 14th", "3/20", "tomorrow"), not "next wk"; "what
# time" a clock time; "ride along when" a time, or when it falls.
DAY_TOLD = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|weds|thu(?:rs?)?|fri|satur|sun)(?:days?)?\b"  # "on Thursdays"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}/\d{1,2}\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b(?:today|tomorrow|tonight|amanhã|hoje|segunda|terça|quarta|quinta|sexta|sábado|domingo)\b",
    re.IGNORECASE)
CLOCK_TOLD = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b\d{1,2}[:h]\d{2}\b"
                        r"|\b(?:noon|midday|midnight)\b", re.IGNORECASE)
EVENT_TOLD = re.compile(r"\d|\b(?:before|after|during|round|first|second|third|final|screen"
                        r"|onsite|on-site|today|yesterday|morning|afternoon|evening|last)\b",
                        re.IGNORECASE)


def tells_asked_when(question: str, text: str) -> bool:
    """Whether a text gives the kind of time a "what day", "what time" or other "when" question
    asks for (any text answers other questions)."""
    asked = time_asked(question)
    if TimeAsked.DAY in asked:
        return bool(DAY_TOLD.search(text))
    if TimeAsked.CLOCK in asked:
        return bool(CLOCK_TOLD.search(text))
    if TimeAsked.ANY in asked:  # "hospice ride along when": a time, or when it falls
        return tells_time(text) or bool(EVENT_TOLD.search(text))
    return True


LINE_SENTENCES = 2  # sentences after one on its line that a quoted line may take in


def _line_end(text: str, units: list[Unit], i: int) -> int:
    """Where sentence i ends with the next one, when that one is on the same line; else its own
    end (a sentence is read with the one after it on its line)."""
    end = units[i].span.end
    if i + 1 < len(units) and "\n" not in text[end:units[i + 1].span.start]:
        return units[i + 1].span.end
    return end


def quoted_line(question: str, passages: list[Chunk], companies: Set[str] = frozenset()
                ) -> tuple[Chunk, str] | None:
    """The first passage sentence (passages best ranked first), alone or with the sentence after
    it on the same line, that holds every content word of the question (two at least, not its
    company, role or filler words): "Priya asked for a writing sample. Send the redacted memo"
    answers "what writing sample did I say I'd send Priya?". Not one that names another of the
    user's `companies` and not the one asked about."""
    want = _asked_words(question, passages)
    if len(want) < 2:
        return None
    holds = as_asked(want, question, passages)
    # "when was my HM call with gareth booked for": a line with a time that holds all but one
    # of three or more words ("HM call w/ Gareth Thurs 2pm"), when no line holds them all.
    when = bool({TimeAsked.OPENS, TimeAsked.ANY} & time_asked(question)) and len(want) >= 3
    near: tuple[Chunk, str] | None = None
    for chunk in passages:
        units = segment(chunk.text)
        for i, unit in enumerate(units):
            if STILL_TO_ASK.match(unit.text):
                continue
            end = unit.span.end
            have = set(stems(unit.text))
            # (or with the two after it on its line: "17/2: Larkhollow offered. Kirsty rang.
            # £33,500 …, answer by Monday 22nd.")
            for j in range(i, min(i + LINE_SENTENCES, len(units) - 1)):
                if holds(have) or (joined := _line_end(chunk.text, units, j)) == end:
                    break
                end = joined
                have |= set(stems(units[j + 1].text))
            text = chunk.text[unit.span.start:end].strip()
            if not tells_asked_when(question, text) \
                    or of_another_company(text, question, companies):
                continue
            if holds(have) and _with_pay_or_size(question, text, passages):
                return chunk, text
            # "The next stage is a written exercise, sent next Monday … Then a panel of three":
            # the time must be said in a sentence about what is asked, not the one before.
            if when and near is None and len(want - have) == 1 and any(
                    tells_time(u.text) and want & set(stems(u.text))
                    for u in units[i:i + 2] if u.span.end <= end):
                near = chunk, text
    return near


def pointed_line(question: str, pointed: list[Chunk],
                 passages: list[Chunk]) -> tuple[Chunk, str] | None:
    """For a bare "[3]": the first sentence of the passages the model pointed at that holds all
    but one of the question's content words (three at least). "janine's asking about weekends -
    how many would i be doing in the calderbrook control room" -> "… the control room runs five
    in the morning till one at night, …, one weekend in three." (Janine is not in it.)"""
    want = _asked_words(question, passages) - TODO_VERBS - LIGHT_STEMS - DOING_STEMS
    if len(want) < 3:
        return None
    for chunk in pointed:
        for unit in segment(chunk.text):
            text = unit.text.strip()
            if STILL_TO_ASK.match(text) or len(want - set(stems(text))) > 1:
                continue
            if tells_asked_when(question, text) and _with_pay_or_size(question, text, passages):
                return chunk, text
    return None


# A line of what the user still has to ask or find out ("ask Sandra about the car, is diesel or
# electric"): it answers nothing yet.
STILL_TO_ASK = re.compile(r"\W*(?:(?:i\s+)?(?:must|need\s+to|have\s+to|should|to)\s+)?(?:ask|check"
                          r"|find\s+out|confirm|look\s+up|chase)\b", re.IGNORECASE)
# A yes/no question: no wh-word, and an auxiliary or "any" first (after the interview it is
# pointed at: "velden - did the director…") or a question mark ("they use AQA?").
WH_WORD = re.compile(r"\b(?:what|what's|whats|which|who|who's|whom|whose|when|where|why|how)\b",
                     re.IGNORECASE)
YES_NO_OPEN = re.compile(r"^(?:[^,:;?]*?\s[-–—:,]\s*)?(?:do|does|did|is|are|was|were|can|could|"
                         r"would|will|should|has|have|had|any|is\s+there|are\s+there)\b",
                         re.IGNORECASE)
# Words that carry no thing of their own in a yes/no question ("can I take time off in
# November", "any python still around"): the thing asked is in the rest.
LIGHT_STEMS = frozenset(stems("take takes get gets use uses give gives have has tell told ever "
                              "make makes made let lets dont doesnt didnt isnt arent wasnt "
                              "werent wont cant not put puts putting "
                              "still around just really actually also any some go goes going "
                              "nah yes no way thing things own work works working"))


def asks_yes_no(question: str) -> bool:
    """Whether a question asks yes or no ("would the job have me working saturdays?", "they
    dont make me do nights there do they")."""
    return not WH_WORD.search(question) and (bool(YES_NO_OPEN.search(question.strip()))
                                             or question.strip().endswith("?")
                                             or bool(TAG_QUESTION.search(question)))


# A statement turned into a question by its tail ("…, do they", "… right", "… no?").
TAG_QUESTION = re.compile(r"\b(?:(?:do|does|did|is|are|was|were|can|will|would|have|has|had)(?:n['’]?t)?"
                          r"\s+(?:they|i|it|she|he|we|you|there)|right|no|yeah|innit|eh)\W*$",
                          re.IGNORECASE)


# A question whether something changed ("did the offshore money change between the interview
# and when they offered", "has the start date moved")
ASKS_CHANGE = re.compile(r"\b(?:chang\w*|go(?:ne)?\s+(?:up|down)|went\s+(?:up|down)|mov(?:e|ed)"
                         r"|match\w*|differ\w*|drop(?:ped)?|rais(?:e|ed)|cut)\b", re.IGNORECASE)


def changed_line(question: str, passages: list[Chunk]) -> tuple[Chunk, str] | None:
    """For "did X change?": the first passage sentence (best ranked first) that says what it
    is now against what it was ("£45 a day offshore, not £55") and shares a word with the
    question (or a word people use for one); None when no passage says so."""
    if not ASKS_CHANGE.search(question):
        return None
    want = _asked_words(same_phrased(question), passages) - LIGHT_STEMS - MEASURE_STEMS \
        - set(stems(" ".join(m.group(0) for m in ASKS_CHANGE.finditer(question))))
    alike = set(expanded_stems(" ".join(sorted(want))))
    for chunk in passages:
        for unit in segment(chunk.text):
            if REPLACED.search(unit.text) and alike & set(stems(unit.text)):
                return chunk, unit.text.strip()
    return None


def yes_no_line(question: str, passages: list[Chunk]) -> tuple[Chunk, str] | None:
    """For a yes/no question, the note's sentence on its thing: the passage sentence (with the
    next on its line, as in `quoted_line`; the best ranked of equals) that holds the most of
    the question's content words (all of one or two, half of more; or a word people use for
    one: "vacation" for "time off"), light verbs and measure words left out. The user reads
    the line; the model's bare "yes" is no answer."""
    frame = set(stems(_frame(passages)))
    # the place told by its kind is where, not what ("… nights at the ashby rd practice")
    place = set(stems(m.group(0))) if (m := THE_PLACE.search(question)) else set()
    want = {w for w in _asked_words(same_phrased(question), passages) - LIGHT_STEMS
            - MEASURE_STEMS - place if near_word(w, frame) is None}  # "quarystone": the company
    if not want or not asks_yes_no(question):
        return None
    others = {w: {w, *expanded_stems(w)} for w in want}
    need = len(want) if len(want) <= 2 else -(-len(want) // 2)  # "panel … unionised": both
    best: tuple[int, Chunk, str] | None = None
    for chunk in passages:  # best ranked first
        units = segment(chunk.text)
        for i, unit in enumerate(units):
            if STILL_TO_ASK.match(unit.text):
                continue  # "ask Sandra about the car, is diesel or electric": not known yet
            end = _line_end(chunk.text, units, i)
            have = set(stems(chunk.text[unit.span.start:end]))
            held = sum(1 for w in want if others[w] & have)
            if held >= need and (best is None or held > best[0]):
                best = (held, chunk, chunk.text[unit.span.start:end].strip())
    return None if best is None else (best[1], best[2])


def timed_line(question: str, pointed: list[Chunk],
               passages: list[Chunk]) -> tuple[Chunk, str] | None:
    """The first sentence of the pointed-at passages that tells the kind of time the question
    asks for and holds one of its content words ("… and call me within a week" for "when's
    Cobbold supposed to call me back")."""
    # the question's own verbs count here ("call", "hear"): the sentence must also tell a time
    want = set(stems(question)) - set(stems(_frame(passages))) - FUNCTION_STEMS
    for chunk in pointed:
        for unit in segment(chunk.text):
            if want & set(stems(unit.text)) and tells_time(unit.text) \
                    and tells_asked_when(question, unit.text):
                return chunk, unit.text.strip()
    return None


CONTEXT_WORDS = 6  # an answer this short gets the sentence it comes from
CONTEXT_CHARS = 240


def rests_on(text: str, sentences: list[str]) -> str:
    """The sentence an answer rests on: the one sharing the most of its content words ("" for
    none)."""
    said = set(stems(counts_in_words(CITE.sub(" ", text)))) - ANSWER_FILLER - FUNCTION_STEMS
    best = max(sentences, key=lambda s: len(said & set(stems(s))), default="")
    return best if said & set(stems(best)) else ""


def answer_context(text: str, question: str, quotes: list[str],
                   sentences: list[str] | None = None) -> str | None:
    """The cited sentence an answer rests on, in the note's own words, when it adds to it.

    A very short answer ("Eddie", "£90 a month") gets the sentence that holds all of its words,
    so the reply says who or what it is. A longer one, often the model's paraphrase, gets the
    sentence that shares the most of its words (two at least) when that sentence says three
    words more. None when there is none."""
    plain = counts_in_words(CITE.sub(" ", text))
    said = set(stems(plain)) - ANSWER_FILLER - FUNCTION_STEMS
    # in order ("the 4th" is the note's "4 November": counts_in_words)
    in_order = [w for w in stems(plain)
                if w not in ANSWER_FILLER | FUNCTION_STEMS]
    if not said:
        return None
    short = len(plain.split()) <= CONTEXT_WORDS
    asked = set(stems(question))
    figures = set(re.findall(r"\d+", plain))

    def adds(piece: str) -> set[str]:
        return set(stems(piece)) - said - asked - ANSWER_FILLER - FUNCTION_STEMS

    # (shared, side by side, asked, place, sentence)
    best: tuple[int, int, int, int, str] | None = None
    pieces = sentences if sentences is not None else [
        u.text for quote in quotes for u in segment(quote)]
    for i, piece in enumerate(pieces):
        have = set(stems(counts_in_words(piece)))
        # the answer's own figures ("5/15") tell the sentence it came from
        shared = len(have & said) + len(figures & set(re.findall(r"\d+", piece)))
        fits = said <= have and bool(adds(piece)) if short else shared >= 2
        if fits and len(piece) <= CONTEXT_CHARS:
            score = (shared, held_pairs(in_order, piece), len(have & asked))
            if best is None or score > best[:3]:
                best = (*score, i, piece.strip())
    if sentences:  # an answer that points back ("drill those") needs what it points to
        before = _antecedent(plain, said, sentences)
        if before and (best is None or best[4] in before):
            return before
    if best is None or short:
        return best[4] if best else None
    # A longer answer: the sentence it came from, when that says three words more; else with
    # the next sentence ("Decision by 7 February. Fenella will call me herself."), when the pair
    # does; never a sentence that shares less with the answer.
    if len(adds(best[4])) >= 3:
        return best[4]
    nxt = pieces[best[3] + 1].strip() if best[3] + 1 < len(pieces) else ""
    pair = f"{best[4]} {nxt}"
    return " ".join(pair.split()) if nxt and len(adds(pair)) >= 3 \
        and len(pair) <= 2 * CONTEXT_CHARS else None


# Words that point back to a sentence before ("have to drill those").
POINTER = re.compile(r"\b(?:those|these|them|it|that|this)\b", re.IGNORECASE)


def _antecedent(plain: str, said: set[str], sentences: list[str]) -> str | None:
    """An answer copied from a sentence that points back ("I need to drill those") gets that
    sentence with the one before it, which says what "those" are; None otherwise."""
    used = {w.casefold() for w in POINTER.findall(plain)}
    if not used:
        return None
    scored = [(len(said & set(stems(s))), i) for i, s in enumerate(sentences) if i > 0
              and used & {w.casefold() for w in POINTER.findall(s)}]
    shared, i = max(scored, default=(0, 0))
    pair = f"{sentences[i - 1].strip()} {sentences[i].strip()}"
    if shared < 2 or len(pair) > 2 * CONTEXT_CHARS:
        return None
    return " ".join(pair.split())


def who_line(text: str, people: list[Person]) -> str:
    """"\nIn your notes: Doug, clinical manager." for the people with a name and a title whom
    the answer names by either (a first name, or every word of the title), when the answer
    lacks the other; empty when there are none."""
    said = folded(CITE.sub(" ", text))
    said_words = set(re.findall(r"[^\W_][\w'’-]*", said))
    said_stems = set(stems(said))
    out: dict[str, str] = {}
    for p in people:
        if not p.name or not p.title:
            continue
        name = folded(p.name).split()
        title = set(stems(p.title)) - FUNCTION_STEMS
        by_name = bool(name) and name[0] in said_words
        by_title = bool(title) and title <= said_stems
        if (by_name or by_title) and not (set(name) <= said_words and by_title):
            out.setdefault(folded(p.name), f"{' '.join(p.name.split())}, {' '.join(p.title.split())}")
    return f"\nIn your notes: {'; '.join(out.values())}." if out else ""


def answers(text: str, question: str, quotes: list[str], passages: list[Chunk]) -> bool:
    """Whether the answer adds content words to the question's and its cited quotes hold them.

    Company and role names are in every passage of a debrief, so they count as neither.
    """
    frame = _frame(passages)
    new = set(stems(counts_in_words(CITE.sub(" ", text)))) - set(stems(counts_in_words(question))) \
        - set(stems(frame)) - ANSWER_FILLER - RELATION_STEMS
    if not new:
        return False
    held = stems_of(" ".join(quotes))
    if len(new) == 1:
        # A lone word or figure ("5 days a week" for "how many days in the office?") must sit
        # in a sentence that is about the question: one of its own words is there too ("I have
        # 5 days to complete it" does not answer it).
        # ("per" says how it is counted: "northgate days per week" -> "four days")
        asked = _asked_words(question, passages) - MEASURE_STEMS - {"per"}
        # or a word people use for one ("moves you up a rung": "promotion … three years")
        if asked:
            asked |= set(expanded_stems(same_phrased(question))) - set(stems(_frame(
                passages))) - MEASURE_STEMS - ASKS_WORDS - ANSWER_FILLER - FUNCTION_STEMS
        if ASKS_FOR_PAY.search(question) and PAY_AMOUNT.search(" ".join(new)):
            # "£23 an hour" for "how much do they pay?" is about pay itself
            asked -= PAY_STEMS | set(expanded_stems("pay"))
        if not new & held:
            return False
        if not asked:
            return True
        for quote in quotes:
            units = segment(quote)
            for i, unit in enumerate(units):
                if not new <= stems_of(unit.text):
                    continue
                # A sentence without a subject of its own ("Wants to know by Monday.") goes on
                # from the ones before it on its line: up to two of them may say what it is
                # about ("… in-house recruiter. … Wants to know by Monday if I'm proceeding.").
                first = i
                while first > max(0, i - ABOUT_BEFORE) and "\n" not in quote[
                        units[first - 1].span.end:units[first].span.start]:
                    first -= 1
                if shares_stem(asked, set(stems(" ".join(u.text for u in units[first:i + 1])))):
                    return True
        return False
    return len(new & held) >= max(1, SUPPORTED_SHARE * len(new))


def about_question(text: str, question: str, quotes: list[str], passages: list[Chunk]) -> bool:
    """Whether an answer's claim comes from a line about the question, not from the question.

    A small model may join the question's words to an unrelated line ("Bronwyn gave feedback
    that the loyalty program nobody uses had a lift after round 2"): the words it repeats from
    the question are not in the cited sentence that holds the rest of the answer (with the
    sentence on either side), and that sentence shares no word with the question at all (nor
    another word for one). Question words that open the answer only restate the question; a
    short fact, and a passage copied as it stands, are left to the other checks.
    """
    asked = _asked_words(question, passages) - MEASURE_STEMS
    said_in_order = stems(counts_in_words(CITE.sub(" ", text)))
    said = set(said_in_order)
    own = said - set(stems(question)) - set(stems(_frame(passages))) - ANSWER_FILLER \
        - FUNCTION_STEMS
    # Only question words said after the answer's own words assert something: a question's
    # words that open the answer ("The Veltane team size is …") only restate what is asked.
    first_own = next((i for i, w in enumerate(said_in_order) if w in own), len(said_in_order))
    echoed = set(said_in_order[first_own:]) & asked
    if not echoed or (len(own) < 3 and len(echoed) < 2):
        # a short fact ("$88k", "Marguerite Osei") is judged by the other checks; not a name
        # glued to the question ("Mr Stott would be answering to Thornmoor from January")
        return True
    plain = " ".join(folded(CITE.sub(" ", text)).split())
    if any(plain[:60] in " ".join(folded(q).split()) for q in quotes):
        return True  # the passage's own words, copied: nothing was glued on
    best: tuple[int, str] | None = None
    for quote in quotes:
        units = segment(quote)
        for i, unit in enumerate(units):
            shared = len(own & set(stems(counts_in_words(unit.text))))
            if shared and (best is None or shared > best[0]):
                best = (shared, " ".join(u.text for u in units[max(0, i - 1):i + 2]))
    if best is None:
        return True  # nothing to place (the other checks judge it)
    have = set(stems(counts_in_words(best[1])))
    same = set(expanded_stems(question)) - set(stems(_frame(passages))) - ASKS_WORDS \
        - ANSWER_FILLER - FUNCTION_STEMS - MEASURE_STEMS  # "pay" finds "salary" too
    return not (echoed - have) or bool((asked | same) & have) \
        or starts_one(cut_short(asked, passages), have)


def refusal(start: float, prompt_tokens: int,
            suggestions: list[Citation] | None = None) -> Answer:
    """The plain 'not in your notes' answer, with the closest passages when there are some."""
    text = REFUSAL
    if suggestions:
        text += "\nYou may mean:\n" + "\n".join(
            f"- {c.company} ({c.date}): “{c.quote}”" for c in suggestions)
    return Answer(answer=text, supported=False, citations=[], suggestions=suggestions or [],
                  seconds=round(time.perf_counter() - start, 2), prompt_tokens=prompt_tokens)
