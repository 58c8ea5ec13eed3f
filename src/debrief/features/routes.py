"""Which kind of question this is: the route table, matched by meaning.

Every route has example phrasings. A question is embedded with the store's embedder (MiniLM) and
compared with every example; the route of the closest examples wins. When the best match is weak
or two routes are close, the chat model picks among the nearest routes with a JSON-schema enum
(a constrained tie-breaker); without a model the nearest route is taken. aggregate.py holds the
code-side answer of each cross-interview route; `one_interview` goes to retrieval and the model.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from debrief.core.errors import ModelError
from debrief.features.insights import TextEmbedder
from debrief.features.question_patterns import PEOPLE_COUNT

log = logging.getLogger(__name__)

ONE_INTERVIEW = "one_interview"
STRONG = 0.45  # best example cosine at or above this, with MARGIN to the runner-up, is decided
MARGIN = 0.05
WIDE_MARGIN = 0.15  # a lead this wide is decided however weak the best match
CANDIDATES = 3  # routes offered to the tie-breaker
ROUTE_REPLY = '{"route": "'  # how the schema's reply starts, up to the route's name
SCOPE_PENALTY = 0.12  # a route whose scope does not fit the companies the question names
TOP_K = 4  # a route's score is the mean cosine of its TOP_K closest examples...
CENTROID_WEIGHT = 0.3  # ...blended with the cosine of all its examples' centroid
GENERIC_NAME_WORDS = frozenset("""group bank health partners labs school schools hotel company
county council city college university hospital clinic care services solutions studio consulting
international global systems trust capital""".split())
PLACEHOLDER = "the company"  # known company names are replaced by this (as in the examples)


# "How many of my interviews / which of these firms…", naming no company: never one interview.
# A question that opens by describing one interview ("the job where you badge in at the gate",
# "that short phone call with the director", "the call I did on the library wifi").
DESCRIBED_ONE = re.compile(
    r"^\W*(?:(?:so|um+|ok(?:ay)?|in|at|on|for|after|during|from)\W+)*(?:the|that)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:job|one|interview|call|round|panel|place|company|screen|final"
    r"|trial|shift|day|visit|role|firm|school|hospital|startup|onsite|meeting|chat)\s+"
    r"(?:where|when|with|that|I|in|at|on)\b", re.IGNORECASE)
# One employer told by what kind of place it is ("the tapas place", "the museum job", "the
# pensions app"): a question about that one, unless it sets it beside another ("which pays more,
# the uni job or the biotech one").
THE_PLACE = re.compile(
    r"\bthe\s+(?:[\w'’-]+\s+){1,2}(?:place|restaurant|company|firm|job|hospital|school|shop|app"
    r"|chain|agency|council|hotel|kitchen|clinic|practice|museum|bank|startup|uni|university"
    r"|college|charity|hospice|lab|factory|plant|depot|site|studio|consultancy|salon|centre"
    r"|center|zoo|garage|office|airport|brewery|railway|bakery|gym|warehouse|surgery|workshop"
    r"|farm|people|lot|folks|crowd)\b"
    # or a place of that kind that a fragment starts on ("braces place - what i owe who")
    r"|^\W*(?:[\w'’-]+\s+){0,2}(?:place|company|firm|job|salon|shop|clinic|practice|school"
    r"|hospital|bank|agency|studio|lab|centre|center|people|lot)\s*[-–—:]"
    # or a fragment that names an interview by its place before it asks ("steam railway
    # interview how many on the panel")
    r"|^\W*(?:[\w'’-]+\s+){1,3}(?:interview|job|role)\s+(?=(?:how|what|whats|who|when|where"
    r"|which|did|do|was|were|is)\b)"
    # or any "the …" the question ends on, after "at" ("… do the chefs get at the events
    # caterer?"), that is no moment of the interview ("at the end")
    r"|\b(?:at|from)\s+the\s+(?:[\w'’-]+\s+){0,2}(?!(?:end|start|beginning|time|moment|interview"
    r"|call|meeting|panel|day|weekend|minute|point|top|bottom|same|last|first|one|ones"
    r"|anything|something|everything|again|then|too|either|though|yet|now|lol)\b)[\w'’-]+"
    r"\s*[?.!]*\s*$", re.IGNORECASE)
SETS_BESIDE = re.compile(r"\bwhich\b|\bor\s+the\b|\bvs\.?\b|\bversus\b|\bcompar|\bthan\b"
                         r"|\b(?:and|or)\s+(?:at\s+)?the\s+(?:[\w'’-]+\s+){0,2}(?:one|place|job)\b",
                         re.IGNORECASE)
# "what did I promise / undertake to do / say I'd do …": the user's own promises.
# So is whether one went: "did I ever send Gwion those references", "i didnt get camilla that
# list on time did i" (not "did I get the job": getting is giving only to someone).
ASKS_IF_SENT = re.compile(
    r"\b(?:(?:did|have)\s+I|I\s+(?:did\s*n['’]?t|did\s+not|never|have\s*n['’]?t))\s+"
    r"(?:(?:ever|actually|really|even|did)\s+)*(?:(?:(?:send|sent|give|gave|hand(?:ed)?"
    r"|email(?:ed)?|post(?:ed)?)\s+(?:[\w.'’-]+\s+){0,2}?"
    r"|(?:get|got)\s+(?!(?:to|back|in|on|into|there|home|through|over)\b)[\w.'’-]+\s+)"
    r"(?:the|that|those|these|my|his|her|their)\b"
    # "i never got that near miss card to the beard guy", "i never did get my father's
    # catalogue to rodney", "i never connected tolu with bisi"
    r"|(?:get|got|send|sent|take|took)\s+(?:the|that|those|these|my)\b[^.?!]{0,60}?\bto\s+\w"
    r"|connect(?:ed)?\s+[\w'’-]+\s+(?:with|to)\b)", re.IGNORECASE)
ASKS_OWN_PROMISE = re.compile(
    r"\bwhat\s+(?:did|do|have)\s+I\s+(?:promise[ds]?|undert(?:ake|ook)"
    r"|commit(?:ted)?\s+to|agree(?:d)?\s+to|sa(?:y|id)\s+I['’]?d)\b|" + ASKS_IF_SENT.pattern,
    re.IGNORECASE)
# Several interviews counted out ("the three stone jobs", "my two offers"): across them.
NUMBERED_SET = re.compile(r"\b(?:the|my|these|those|all)\s+(?:two|three|four|five|six|[2-9])\s+"
                          r"(?:[\w'’-]+\s+){0,2}(?:jobs|companies|places|firms|interviews|roles"
                          r"|employers|offers|posts|positions|schools|hospitals)\b", re.IGNORECASE)
# Words that ask across several interviews, even after such a description.
SEVERAL = re.compile(r"\b(?:which|what) (?:other )?(?:jobs|companies|places|firms|schools"
                     r"|employers|interviews|roles|ones)\b|\bany of\b|\ball (?:my|the|of)\b"
                     r"|\bacross\b|\beach\b|\bevery\b|\bboth\b|\bother (?:jobs|interviews"
                     r"|companies|places)\b", re.IGNORECASE)
COUNT_ACROSS = re.compile(r"\b(?:how many|which|what) (?:of )?(?:my|the|these|those|all)? ?"
                          r"(?:companies|firms|employers|interviews|jobs|places|schools|agencies"
                          r"|hospitals|consultancies|roles|positions|applications|organi[sz]ations"
                          r"|recruiters|interviewers)\b", re.IGNORECASE)
# "How many shadow shifts have I done so far?", naming no company: a count over the interviews.
COUNT_SO_FAR = re.compile(
    r"\bhow many\b(?=.*\b(?:so far|to date|until now|till now|up to now|in total|altogether"
    r"|have i (?:done|had|sat|taken|got|gotten|been (?:to|on|through)|been given)"
    r"|did i (?:do|have|get|sit))\b)|\bquant[oa]s\b(?=.*\baté agora\b)", re.IGNORECASE)
# A count of people said across interviews ("how many people have I met in total?").
PEOPLE_ACROSS = re.compile(r"\b(?:all|across|total|altogether|so far|each|every|overall|in all"
                           r"|which|where|companies|interviews|firms|places|employers)\b",
                           re.IGNORECASE)
# "What changed / is different / shifted … between", said of one company: its interviews over
# time, however the rest is worded ("brennick changed stuff on me after the first talk").
# (a shift as work is no change: "why were they looking for shift leads")
SHIFTED = r"\bshift(?:ed|ing)\b|\b(?:did|has|have)\s+(?:\w+\s+){0,3}shift\b"
CHANGED = re.compile(rf"\bchang\w*|\bdifferen\w*|{SHIFTED}|\bmov(?:e|ed)\s+(?:the\s+)?goalposts?"
                     r"|\bwhat(?:['’]?s|\s+has)?\s+moved\b"  # "what moved at X between …"
                     r"|\bmudou\b|\bmudaram\b|\bmudan[cç]\w*|\bcambi\w*", re.IGNORECASE)
# A question that asks for a day ("by what date …", "when …", "what day …")
ASKS_A_DAY = re.compile(r"\W*(?:(?:by|on|until|till)\s+)?(?:what|which)\s+(?:date|day)\b|\W*when\b",
                        re.IGNORECASE)
# An amount that moved between two interviews ("did the pay … go up between the 1st and 2nd
# interview", "has the band dropped since round one").
AMOUNT_MOVED = (r"\b(?:go|goes|gone|went|going|come|came|creep|crept)\s+(?:up|down)\b|\bincreas"
                r"|\bdecreas|\bdrop(?:ped)?\b|\bris(?:e|en)\b|\brose\b")
MOVED_BETWEEN = re.compile(rf"(?:{AMOUNT_MOVED}).*\b(?:between|since|from\b.*\bto)\b",
                           re.IGNORECASE)
# What a route's question must say (Route.needs), beyond its likeness to the examples.
ACROSS = (r"\bwhich\b|\bwhere\b|\bhow many\b|\bcompar|\bwhat (?:jobs|companies|places|firms"
          r"|schools|employers|interviews|roles|agencies)\b|\bany of\b|\ball (?:my|the|of)\b"
          r"|\bacross\b|\bbest\b|\bmost\b|\bleast\b|\bhighest\b|\blowest\b|\bfattest\b"
          r"|\bbiggest\b|\beach\b|\bevery\b|\bof (?:my|these|the) (?:interviews|jobs|companies"
          r"|roles|places|firms)\b|\bquais\b|\bquantos\b|\bquantas\b|\bcu[aá]l|\bvs\.?\b"
          r"|\bversus\b|\bboth\b|\bbetween\b"
          # "what they're all paying", "put them side by side", "line up the money"
          r"|\b(?:they|them|you)(?:['’]re|\s+are)?\s+all\b|\bside\s+by\s+side\b|\bline\s+(?:\w+\s+)?up\b")
CHANGE = (r"\bchang|\bdifferen|\bnew\b|\bsince\b|\bbetween\b|\bcompar|\bmov(?:e|ed|ing)\b"
          rf"|\bstill\b|\bnow\b|\bupdate|{SHIFTED}|\bbefore\b|\bafter\b|\blater\b|\bsame\b"
          # (not "in the first place", "first of all")
          r"|(?<!\bin\sthe\s)\bfirst\b(?!\s+of\s+all\b)|\bmudou|\bworse\b|\bbetter\b"
          r"|\bgoalposts?\b|\bvs\.?\b|\bversus\b"
          rf"|{AMOUNT_MOVED}")
COUNT_OF_INTERVIEWS = (
    r"\bhow many (?:different |separate )?(?:companies|interviews|employers|firms|places"
    r"|organi[sz]ations|jobs|agencies|schools|hospitals|clinics|practices|labs|businesses"
    r"|shops|districts|councils|trusts)(?:\s+(?:have|am|did|do)\s+i\s+(?:(?:actually|really"
    r"|now|even|ever)\s+)?(?:interviewed|spoken|spoke|talked"
    r"|talking|applied|seen|met|been|had|done|gone)\b(?:\s+(?:with|to|at|for|in))?)?"
    r"(?:\s+(?:in total|altogether|are there|are|in my notes|so far|overall|total))*\s*"
    r"(?:\?.*)?$"
    r"|\binterview count\b|\bmore than once\b|\bmore than one interview|\btwice\b|\brepeat"
    r"|\bcount my\b|\bin total\b|\baltogether\b|\bin my notes\b")
OTHER_OPENING = (r"\b(?:other|another|different|else|alternative|instead|also|besides|extra"
                 r"|additional|separate|second|sister|new)\b.*\b(?:roles?|jobs?|openings?|positions?"
                 r"|posts?|vacanc\w+|teams?|opportunit\w+|reqs?|units?|programs?|programmes?)\b"
                 r"|\b(?:roles?|jobs?|openings?|positions?|posts?|vacanc\w+|opportunit\w+)\b.*"
                 r"\b(?:suit|fit|better|instead|else|put (?:me )?forward)"
                 r"|\b(?:better|more)[- ]?(?:suited|fitting)\b")
OFTEN = (r"\boften\b|\bcommon|\bkeep|\bagain\b|\balways\b|\bevery\b|\bmore than once\b"
         r"|\brepeat|\brecurr|\btypical|\busual|\beverywhere\b|\bfrequent"
         r"|\bmost\b(?=.*\b(?:ask|question|topic|come up|came up|comes up))"
         r"|\b(?:ask|question)\w*\b.*\bmost\b")
# What they asked ("what did the panel ask"), not what the user asks or plans to ask.
THEY_ASKED = (r"(?<!\bi )(?<!am i )(?<!i'm )(?<!to )\bask|\bquestion|\bquiz|\bgrill"
              r"|\bpush(?:ed)? (?:me )?on\b|\btest(?:ed)? me\b|\bperguntas?\b|\bpreguntas?\b")
VALUED = (r"\bcare|\bvalu|\blook(?:ing)? for\b|\bmatter|\bimportant|\bprioriti|\bemphasi"
          r"|\btraits?\b|\bqualit|\bwant(?:ed)? (?:in|from)\b")
# (not "which district the fund would send me to": what they send the user)
PROMISE = (r"\bsend(?!s?\s+(?:me|us)\b)|\bsent\b|\bowe\b|\bpromis|\bemail|\be-mail|\bfollow"
           r"|\bagree|\boffer(?:ed)? to\b"
           r"|\bsa(?:id|y) i(?:'?d| will| would)\b|\bi'?ll\b|\bi (?:was|am) (?:going|gonna|supposed)"
           r"|\bgonna\b|\bto-?do"
           r"|\breferences?\b|\brefs?\b|\breferees?\b|\bget back\b|\breply|\bthank|\bpaperwork"
           r"|\bdocuments?\b|\bforms?\b|\bdue\b|\b(?:do )?i (?:still )?(?:need|have) to\b|\bsupposed\b"
           r"|\bsubmit|\bwriting sample|\bwarn\b|\bchase\b|\bcall (?:back|them|her|him)\b"
           r"|\bshare\b|\bplann(?:ing|ed) to\b|\bmandar|\benviar|\bprometi"
           r"|\bundert(?:ake|ook)\b|\bcommit(?:ted)? to\b")


@dataclass(frozen=True)
class Route:
    """One kind of question: what it is for (shown to the tie-breaker) and example phrasings."""

    name: str
    description: str
    examples: tuple[str, ...]
    scope: str = "any"  # "one": about one named company; "many": across interviews
    needs: str = ""  # a pattern the question must hold for this route to be taken at all

    def fits(self, question: str) -> bool:
        """Whether the question says what this route is about (its `needs` words), whatever
        its likeness to the examples: "how many firms want references?" is no company count."""
        return not self.needs or re.search(self.needs, question, re.IGNORECASE) is not None


ROUTES: tuple[Route, ...] = (
    Route(ONE_INTERVIEW, "a fact from one interview or one company: pay, people, dates, why, what "
          "happened, a deadline, a next step", (
              "what is the salary range for the analyst job at the company",
              "who interviewed me at the company",
              "when do I hear back from the bakery",
              "why did they reject me at the company",
              "what was the take-home exercise at the company about",
              "how long is the commute to the office of the company",
              "what did the hiring manager say about the team at the company",
              "did the company mention a relocation package",
              "what tools does the data team at the company use",
              "what happened in the second round at the company",
              "who makes the final decision at the company",
              "what is the notice period they wanted at the clinic",
              "how much paid leave does the council job give",
              "what feedback did I get after the panel at the company",
              "when is my start date if the hospital hires me",
              "what shift pattern does the ward run",
              "whats the name of the manager I met at the museum",
              "what did the interviewer say about remote work at the company",
              "where is the office of the company",
              "what went badly in the coding exercise at the company",
              "how big is the team I'd join at the company",
              "who is the recruiter for the role at the company",
              "what was the case study in my final at the company",
              "what did I get wrong in the presentation for the school",
              "why did the company say no to me",
              "when did I go in for the onsite",
              "how long do I have to finish the assessment",
              "what did the staff tell me about overtime at the company",
              "how much did they say they could pay in the end",
              "what does the role at the company pay",
              "when will the company let me know",
              "who would be my line manager",
              "how many people were on the panel at the company",
              "what did the people I met say about the bonus",
              "what did they offer me at the company",
              "what feedback did I get after the second round",
              "what date was my first call with the company",
              "how many vacation days does the company give",
              "who's going to be my manager at the company",
              "what did I have to prepare for the presentation",
              "what errors did I make in the test",
              "what assignment did the company give me to do at home",
              "when was my first interview with the company",
              "what day was the phone screen",
          )),
    Route("which_interviews", "which of several interviews or companies mention a topic, compare a "
          "topic across jobs, or count the interviews that mention it", (
              "which companies talked about visa sponsorship",
              "which of my interviews involved a group exercise",
              "which job pays the most",
              "which of these roles has the best pay",
              "compare the holiday allowance across the jobs",
              "which places expect me in the office every day",
              "which interviews had a take-home task",
              "where did I have to do a presentation",
              "how many of my interviews mentioned travel",
              "how many of the employers told me a salary figure",
              "which employers offer a pension match",
              "which job has the shortest commute",
              "which interviews were panels with several interviewers",
              "which of the jobs is fully remote",
              "compare the on-call load between the companies",
              "which interviewers gave me feedback about being too long-winded",
              "which roles come with a company car",
              "at which places did they ask about my gaps in employment",
              "which of my applications involve weekend shifts",
              "which schools asked me to teach a sample lesson",
              "which companies asked me about my salary expectations",
              "which interviewers asked me about leadership",
              "where was I asked to explain the gap in my CV",
              "which firms grilled me on data modelling",
              "which employers asked me why I want to move",
              "which companies gave me coding questions",
              "which employers let me work from home part of the week",
              "where do they want work samples",
              "which recruiters gave me a salary range",
              "which interviews were panel interviews",
              "which companies discussed my notice period",
              "how many employers brought up the commute",
              "where did I have to give a talk to a room of people",
              "which interviews were group or panel formats",
              "which ones had me meet a whole panel",
              "in which interviews did I face a group of interviewers together",
              "which employers want me in the office full time",
              "which of my interviews had more than two interviewers",
              "put the pay of all the jobs side by side",
              "what are they all paying",
              "line up the salaries from every job for me",
              "what does each of the jobs pay",
          ), scope="many", needs=ACROSS),
    Route("over_time", "how one company's story changed between several interviews with it", (
              "how did things change at the company between the screen and the final",
              "what is different at the company now compared with the first call",
              "did the salary at the company change between rounds",
              "what changed with the job at the company from round one to round two",
              "has the team size at the company stayed the same across my interviews",
              "what's new at the company since my first interview there",
              "compare what the recruiter told me at the company with what the manager said later",
              "is the start date at the company still the same as before",
              "how has the offer from the company moved since the phone screen",
              "what did the company change between my visits",
              "what moved at the company from the recruiter stage to the final round",
          ), scope="one", needs=CHANGE),
    Route("company_count", "how many companies or interviews there are, and which were seen "
          "more than once", (
              "how many companies have I interviewed with",
              "how many interviews have I done in total",
              "have I interviewed at any company more than once",
              "which companies did I see twice",
              "how many different employers are in my notes",
              "count my interviews",
              "where did I have repeat interviews",
          ), scope="many", needs=COUNT_OF_INTERVIEWS),
    Route("same_person", "people met at more than one company", (
              "did I meet the same interviewer at two different companies",
              "has anyone interviewed me at more than one place",
              "is there a person who shows up at several employers",
              "did the same recruiter contact me for different companies",
              "have I run into any interviewer twice at different firms",
          ), scope="many", needs=r"\bsame\b|(?<!said )(?<!asked )(?<!told me )(?<!mentioned )"
          r"(?<!repeated )(?<!it )\btwice\b|\bmore than one\b|\bseveral\b|\bboth\b"
          r"|\bagain\b|\bshows? up\b|\brun into\b|\b(?:different|two|other) (?:companies|firms"
          r"|places|employers)|\bmoved between\b"),
    Route("other_openings", "other roles or openings interviewers suggested, and how many", (
              "which interviewers suggested a different role for me",
              "did anyone mention another opening I could apply for",
              "what other positions came up in my interviews",
              "how many places pointed me to a different vacancy",
              "has any company said I might suit another team better",
              "list the alternative jobs people floated to me",
              "were there any other jobs I was told to look at",
              "which firms put me forward for a different post",
              "how many times did someone suggest a different job for me",
              "how many companies told me about another role I could apply for",
              "how many interviewers mentioned a different vacancy that might suit me",
          ), needs=OTHER_OPENING),
    Route("most_asked", "the interview questions asked most often across interviews", (
              "what do interviewers ask me most often",
              "which questions keep coming up in my interviews",
              "what are the most common interview questions I get",
              "which questions have I been asked more than once",
              "what do they always ask me",
              "what topics do interviewers keep asking about",
              "what keeps getting asked in every interview",
          ), scope="many", needs=OFTEN),
    Route("most_valued", "what interviewers cared about most across interviews", (
              "what do interviewers care about most",
              "what qualities do employers keep looking for in me",
              "what do the hiring managers value across my interviews",
              "what do they keep emphasising in interviews",
              "what are interviewers prioritising across the board",
          ), scope="many", needs=VALUED),
    Route("questions_of_one", "the questions one interview or interviewer asked", (
              "what questions did the company ask me",
              "what did the panel at the company ask",
              "what did Maria ask me in the technical round",
              "list the questions from the interview at the company",
              "what was I asked at the screen at the company",
              "what interview questions did the school ask",
          ), scope="one", needs=THEY_ASKED),
    Route("promises", "what the user promised or has to send or do after an interview", (
              "what did I promise to send Maria",
              "what did I undertake to do for the manager",
              "what do I owe the recruiter at the company",
              "what am I supposed to send after the interview at the company",
              "what follow-ups do I have for the company",
              "did I say I would email anyone after the panel",
              "what did I agree to do for the company",
              "what documents do I need to get to the hiring manager",
              "who do I need to send references to",
              "what did I tell Tom I would share with him",
              "what is on my to-do list after the final at the company",
              "what did I say I'd send to the manager",
              "what paperwork did they want from me",
              "what did I offer to email them afterwards",
              "what did I say I'd do after the second round at the company",
              "what did I need to send or do after the call",
              "did I send Maria what I promised her",
              "have I done what I said I would for the company",
              "what do I still owe them from the interview at the company",
              "I didn't promise the manager at the company anything, did I",
          ), needs=PROMISE),
    Route("priorities_of_one", "what one interview's interviewers cared about", (
              "what did the manager at the company care about",
              "what does the company value in a candidate",
              "what was the panel at the company looking for",
              "what mattered most to Maria in the interview",
              "what were the interviewers at the company looking for",
              "what did the company's interviewers seem to care about",
              "what was the most important thing for the panel at the company",
              "what traits did the company value in candidates",
          ), scope="one", needs=VALUED),
)

RouteChooser = Callable[[str, list[Route]], str | None]


@dataclass
class Routing:
    """The route chosen for a question, its scores, and whether the tie-breaker decided it."""

    route: str
    scores: dict[str, float]
    tie_broken: bool = False


class Router:
    """Matches a question to the route table by embedding similarity."""

    def __init__(self, embedder: TextEmbedder, routes: tuple[Route, ...] = ROUTES, *,
                 strong: float = STRONG, margin: float = MARGIN) -> None:
        self.embedder = embedder
        self.routes = routes
        self.strong = strong
        self.margin = margin
        self._owner = [r.name for r in routes for _ in r.examples]
        self._vecs: np.ndarray | None = None
        self._centroids: dict[str, np.ndarray] = {}

    def _examples(self) -> np.ndarray:
        if self._vecs is None:
            self._vecs = _unit(self.embedder.embed([e for r in self.routes for e in r.examples]))
            self._centroids = {r.name: _unit(self._vecs[[i for i, o in enumerate(self._owner)
                                                         if o == r.name]].mean(0, keepdims=True))[0]
                               for r in self.routes}
        return self._vecs

    def scores(self, question: str, companies: list[str] | None = None) -> dict[str, float]:
        """Per route: the cosine of its closest examples (mean of TOP_K) and of their centroid.

        Company names the question uses are replaced by a placeholder (the examples use it too),
        and a route whose scope does not fit (one company named vs. across interviews) loses
        SCOPE_PENALTY.
        """
        masked, named = mask_companies(question, companies or [])
        q = _unit(self.embedder.embed([masked]))[0]
        sims = self._examples() @ q
        per: dict[str, list[float]] = {}
        for name, s in zip(self._owner, sims, strict=True):
            per.setdefault(name, []).append(float(s))
        scope = {r.name: r.scope for r in self.routes}
        out = {}
        for name, v in per.items():
            misfit = (scope[name] == "many" and named == 1) or (scope[name] == "one" and not named)
            near = float(np.mean(sorted(v, reverse=True)[:TOP_K]))
            out[name] = ((1 - CENTROID_WEIGHT) * near + CENTROID_WEIGHT
                         * float(self._centroids[name] @ q) - SCOPE_PENALTY * misfit)
        return out

    def route(self, question: str, choose: RouteChooser | None = None,
              companies: list[str] | None = None) -> Routing:
        """The route for a question; `choose` (the model) decides when the match is weak."""
        scores = self.scores(question, companies)
        fitting = {r.name for r in self.routes if r.fits(question)}
        named = mask_companies(question, companies or [])[1]
        if (COUNT_ACROSS.search(question) or COUNT_SO_FAR.search(question)
                or NUMBERED_SET.search(question)) and not named:
            fitting.discard(ONE_INTERVIEW)  # "how many of the firms…": across interviews
        elif PEOPLE_COUNT.search(question) and not PEOPLE_ACROSS.search(question) \
                and not re.search(OTHER_OPENING, question, re.IGNORECASE):
            # "how many people were on the panel in round two": the people of one interview,
            # however it is described (never a count of the interviews that say "panel")
            return Routing(ONE_INTERVIEW, scores)
        if ASKS_A_DAY.match(question):
            # "By what date did X want my reply, and was that date moved?": a day asked for
            # (and what became of it), not a listing of what changed
            fitting.discard("over_time")
        if ASKS_OWN_PROMISE.search(question):
            # "what did I undertake to do for Mrs. Khandekar", "i didnt get camilla that list on
            # time did i": what the user promised, however weakly its words match the examples
            return Routing("promises", scores)
        if DESCRIBED_ONE.search(question) and not SEVERAL.search(question):
            # "the one where I turned up looking like a drowned cat - which bit …": one
            # interview, told by what happened in it rather than by its company
            return Routing(ONE_INTERVIEW, scores)
        if named == 1 and "over_time" in fitting and not COUNT_ACROSS.search(question):
            fitting.discard("which_interviews")  # "X: what's different compared to…"
            # one company, "what changed": decided ("how many different sessions at X" counts)
            if (CHANGED.search(question) or MOVED_BETWEEN.search(question)) \
                    and not re.search(r"\bhow many\b", question, re.I):
                return Routing("over_time", scores)
        ranked = sorted((n for n in scores if n in fitting), key=lambda n: -scores[n])
        if len(ranked) < 2:
            return Routing(ranked[0] if ranked else ONE_INTERVIEW, scores)
        best, second = ranked[0], ranked[1]
        # a weak best match far ahead of the next is no tie ("what they're all paying … side
        # by side": 0.41 against 0.23) for the model to break
        decided = (scores[best] >= self.strong and scores[best] - scores[second] >= self.margin) \
            or scores[best] - scores[second] >= WIDE_MARGIN
        if not decided and ONE_INTERVIEW in fitting and THE_PLACE.search(question) \
                and not SETS_BESIDE.search(question) and not COUNT_ACROSS.search(question) \
                and not SEVERAL.search(question):
            # a weak match, on a question about one place told by its kind ("where the tapas
            # restaurant buy the fish"): one interview, not the model's guess of a listing
            return Routing(ONE_INTERVIEW, scores)
        if decided or choose is None:
            return Routing(best, scores)
        options = [r for name in ranked[:CANDIDATES] for r in self.routes if r.name == name]
        try:
            picked = choose(question, options)
        except Exception as exc:  # a failed tie-break must not fail the question
            log.warning("route tie-breaker failed: %s", exc)
            picked = None
        if picked in {r.name for r in options}:
            return Routing(str(picked), scores, tie_broken=True)
        return Routing(best, scores)


def route_schema(options: list[Route]) -> dict:
    """The JSON schema that lets the model answer only with one of the options' names."""
    return {"type": "object", "properties": {"route": {"enum": [r.name for r in options]}},
            "required": ["route"], "additionalProperties": False}


def model_chooser(model: object, prompts: object,
                  routes: tuple[Route, ...] = ROUTES) -> RouteChooser:
    """A tie-breaker that asks the chat model (prompts/route.yaml) for one of the offered routes.

    The prompt lists every route of the table, always the same, and the reply may only name
    one of the offered (nearest) routes. A model that can read the choice from its next-token
    logits (`pick`, the in-process llama.cpp model) is asked that way: the same greedy choice
    as the JSON-schema completion, without generating the JSON around it, and the unchanging
    listing is read once, not per question. Any other model completes under the schema.
    """
    listing = "\n".join(f"- {r.name}: {r.description}" for r in routes)

    def choose(question: str, options: list[Route]) -> str | None:
        spec = prompts.get("route")  # type: ignore[attr-defined]
        messages = spec.messages(routes=listing, question=question)
        pick = getattr(model, "pick", None)
        if pick is not None:
            try:
                return str(pick(messages, [r.name for r in options], prefix=ROUTE_REPLY,
                                suffix='"'))
            except ModelError as exc:  # no chat template of its own: complete instead
                log.info("route pick unavailable (%s); completing under the schema", exc)
        out = model.complete(messages, schema=route_schema(options),  # type: ignore[attr-defined]
                             max_tokens=spec.defaults["max_tokens"])
        return str(json.loads(out.text).get("route"))

    return choose


def mask_companies(question: str, companies: list[str]) -> tuple[str, int]:
    """The question with each known company's name replaced by PLACEHOLDER; how many were named.

    A company counts as named by its full name or by a distinctive word of it (over 3 letters,
    not a generic word such as "group" or "health", and in no other company's name: with
    "Northwind Data" and "Northwind 848cd7" saved, "Northwind 848cd7" names one company, not
    two). Full names are matched first, the longest first.
    """
    def words(company: str) -> list[str]:
        return [w for w in re.findall(r"[^\W_]+", company)
                if len(w) > 3 and w.casefold() not in GENERIC_NAME_WORDS]

    def kinds(company: str) -> list[str]:
        return [w for w in re.findall(r"[^\W_]+", company) if w.casefold() in GENERIC_NAME_WORDS]

    shared = Counter(w.casefold() for c in set(companies) for w in set(words(c)))
    kind_shared = Counter(w.casefold() for c in set(companies) for w in set(kinds(c)))
    text, named = question, set()
    ordered = sorted(set(companies), key=len, reverse=True)
    # (last, a kind of place only one company is, said with "the": "the college job" for
    # Thornmoor College)
    for full in (True, False, None):
        for company in ordered:
            options = [company] if full else [w for w in words(company)
                                              if shared[w.casefold()] == 1] if full is False \
                else [w for w in kinds(company) if kind_shared[w.casefold()] == 1]
            if not options:
                continue
            pattern = "|".join(re.escape(o) for o in options)
            found = rf"\b(?:the )?(?:{pattern})(?:['’]s)?\b" if full is not None \
                else rf"\bthe (?:{pattern})(?:['’]s)?\b"
            hits = [m for m in re.finditer(found, text, flags=re.IGNORECASE)
                    if full or not counted_kind(text, m.start(), m.end())]
            for m in reversed(hits):
                text = text[:m.start()] + PLACEHOLDER + text[m.end():]
            if hits:
                named.add(company)
    return text, len(named)


def counted_kind(text: str, start: int, end: int) -> bool:
    """Whether a word of a company's name is said of several jobs counted out ("the three
    stone jobs"): a kind of job, not that company."""
    said = text[start:end]
    before = text[:start] + ("the " if said.casefold().startswith("the ") else "")
    return bool(re.search(r"\b(?:two|three|four|five|both|all|(?:each|any|all|both)\s+of\s+the"
                          r"|all\s+the)\s+$", before, re.IGNORECASE)
                and re.match(r"\s+(?:jobs|places|firms|companies|interviews|roles|employers"
                             r"|offers|posts)\b", text[end:], re.IGNORECASE))


def _unit(vecs: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.where(norms == 0, 1, norms)
