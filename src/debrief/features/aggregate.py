"""Questions across interviews, answered from structured data instead of the nearest chunks.

"What do they ask me most?", "which companies asked about system design?", "how many companies
have I seen twice?", "how did the team size at X change?" need every debrief, not six passages
a small model can read. Such questions are recognised by their wording and answered in code from
the stored records and extractions (the same data as the Insights tab): a short lead line, then
one line per debrief with the user's own words quoted. No model runs, so nothing can be invented,
and each quote is checked to be in its debrief like any other citation. Any other question goes
to the retrieval + model path in ask.py.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from debrief.core.domain import CATEGORIES, Debrief, Person
from debrief.core.evidence import BULLET, Unit, fold, folded, segment
from debrief.core.text import (
    QUESTION_FRAME_WORDS,
    asking_part,
    expanded_stems,
    holds_left_out,
    join_and,
    number_word,
    same_phrased,
    stems,
    terms,
    without_words,
)
from debrief.features.ask import MISSTEP, REFUSAL, Answer, Citation, Filters, named_companies
from debrief.features.figures import (
    MET_RANK,
    Figure,
    FigureKind,
    asks_ranking,
    count,
    count_topic,
    duration,
    money,
    rank_kind,
    ranks_both,
    ranks_low,
    superlative_word,
    time_topic,
)
from debrief.features.frames import initials, past_title
from debrief.features.insights import THEME_THRESHOLD, Insights, TextEmbedder
from debrief.features.kept import by_date, reports
from debrief.features.question_patterns import (
    ASKED,
    ASKS_HOURLY,
    HOURLY,
    INTERVIEW_DATE,
    NUMBER,
    PAY_HIGH,
    PAY_LINE,
    PAY_LOW,
    PAY_QUESTION,
    PAY_RANK,
    PEOPLE_COUNT,
    SIZE_QUESTION,
    STAGE_WORDS,
    WHO_MET,
    in_digits,
    pay_figure,
    pay_figures,
    topic_phrase,
    topic_terms,
)
from debrief.features.routes import ASKS_IF_SENT, CHANGED, ONE_INTERVIEW, RouteChooser, Router

log = logging.getLogger(__name__)

TOPIC_MIN_SCORE = 0.45  # cosine of topic and line (MiniLM) for a line to count as on-topic
PER_DEBRIEF = 2
OFFER_SENTENCES = 3  # sentences of one line from an offer to its figure ("OFFER. Muzz rang. $88k")
MAX_LINES = 14
CHANGES_PER_DEBRIEF = 8
# The longest headline the lead of a topic answer names a company with.
HEADLINE_WORDS = 10
ORDINALS = ("first", "second", "third", "fourth", "fifth", "next")
BEFORE_MIN_SCORE = 0.45  # cosine of a change line and a first-interview line about the same thing
# "what changed / is different / is new since …": the later interviews' changes, not a summary.
CHANGE_QUESTION = re.compile(r"\b(?:chang\w*|different|differ\w*|since|new|moved|still|mudou|mudan\w*"
                             r"|goalposts?|shift\w*|cambi\w*)\b",
                             re.IGNORECASE)
# A section the user wrote for what changed ("Things that have changed since round one:").
CHANGE_HEADER = re.compile(r"\bchang\w*|\bdifferent\b|\bupdates?\b|\bwhat'?s new\b"
                           r"|\bsince (?:rd|round|last|the first|my first|then)\b", re.IGNORECASE)
# A line that says something moved: "now", "no longer", "went up to", "(was 3)", "X -> Y".
CHANGE_LINE = re.compile(
    r"\b(?:now|no longer|any ?more|instead|chang\w*|used to|went (?:up|down)|gone|moved|moving"
    r"|pushed|delayed|postponed|actually|turns out|reclassified|dropped|raised|cut|not \w+ but"
    r"|rather than|from .{1,25} to|was \$?\d[^ ]*\)?|is out|left|leaving|replaced"
    # the same in the notes' other languages ("agora inclui", "na verdade", "antes era")
    r"|agora|ahora|na verdade|en realidad|antes (?:era|eram)|mudou|mudaram|cambi\w+"
    r"|em vez|en vez|adiad\w+|saindo)\b|->|→",
    re.IGNORECASE)
# A line that sets the new against the old: "3 days, not 2", "no longer", "merged into".
CHANGE_CONTRAST = re.compile(
    r"(?:,\s*|\b)(?:not|n[aã]o)\s+[$£€]?\d|,\s*(?:not|n[aã]o)\b"  # "36 dollar, not 38", "não 350"
    r"|\b(?:no longer|instead|originally|regraded|merged|reorg\w*|restructur\w*"
    r"|turns? out|gone (?:up|down)|na verdade|en realidad|antes (?:era|eram))\b|->|→",
    re.IGNORECASE)
# Words of a "what changed" question that are not its topic.
CHANGE_ASKED = frozenset(stems(" ".join(QUESTION_FRAME_WORDS) + """ chang changed change
changes different differ since new moved still now first second third last latest earlier later
round rounds call screen onsite final stage stages between what's whats actual actually"""))
# People who arrange an interview rather than hold it.
ARRANGER = re.compile(r"recruit|talent|(?:interview|recruiting|scheduling|hiring)\s+coordinator"
                      r"|scheduler|\bhr\b|human resources"
                      r"|people (?:team|partner)", re.IGNORECASE)
# Routes whose answer is not a ranking of figures, whatever their superlative.
NOT_RANKED = frozenset({"questions_of_one", "promises", "priorities_of_one", "most_asked",
                        "most_valued", "same_person", "company_count", "other_openings"})
# Routes that list one interview's extracted items of one category.
LISTINGS = {"questions_of_one": "questions_asked", "promises": "follow_ups",
            "priorities_of_one": "interviewer_priorities"}


@dataclass
class Item:
    """One quoted line of one debrief."""

    debrief: Debrief
    quote: str
    label: str = ""


def nice_date(value: str, *, spoken: bool = False) -> str:
    """2024-03-04 -> Mar 4, 2024 (as people write dates in questions); `spoken`: Monday 4
    March 2024 (a date said in a sentence)."""
    try:
        d = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{d:%A} {d.day} {d:%B} {d.year}" if spoken else f"{d:%b} {d.day}, {d.year}"


# A question over every job, or the difference between two ("each of the airport jobs").
EACH_JOB = re.compile(r"\b(?:each|every|all|both)\s+(?:of\s+)?(?:the\s+|my\s+|these\s+|those\s+)?"
                      r"(?:[\w'’-]+\s+)?(?:jobs|roles|places|companies|offers|positions|interviews"
                      r"|ones)\b|\bdiff[ei]rence\b|\bbetween\b"
                      # "what was each of the 3 paying", "what did the 3 jobs pay"
                      r"|\beach\s+of\s+(?:the\s+|my\s+|these\s+|them\b)?(?:\d|two|three|four|five)?"
                      r"|\b(?:the|my|all|these)\s+(?:\d|two|three|four|five)\s+(?:jobs|roles|places"
                      r"|companies|offers|positions|interviews|of\s+them)\b"
                      # "what did each place pay"
                      r"|\b(?:each|every)\s+(?:job|role|place|company|offer|position|employer)\b",
                      re.IGNORECASE)
# A figure of the user's own (what they earn now or asked for), not what the job pays
OWN_FIGURE = re.compile(r"^\W*(?:(?:and|so|but)\s+)?i\s+(?:said|asked|want(?:ed)?|['’]m\s+on|am\s+on"
                        r"|earn|make|get|told)\b|\bi['’]m\s+on\b|\basked\s+(?:\w+\s+){1,2}for\b"
                        r"|\bmy\s+(?:current|salary|pay|expectation)", re.IGNORECASE)
# The first of several interviews with one company, said by its order
FIRST_ONE = re.compile(r"\bfirst\s+(?:time|round|interview|meeting|visit|go)\b|\bround\s+(?:1|one)\b"
                       r"|\b1st\s+(?:time|round|interview)\b", re.IGNORECASE)
OFFER_ASKED = re.compile(r"\boffer(?:s|ed)?\b", re.IGNORECASE)  # what a job offered, asked or said
COMPARES = re.compile(r"\b(?:or|vs|versus|compared?\s+(?:to|with)|than)\b", re.IGNORECASE)


class AggregateAnswerer:
    """Answers cross-interview questions in code from records and extractions."""

    def __init__(self, debriefs: Callable[[], list[Debrief]],
                 insights: Callable[[list[Debrief]], Insights], embedder: TextEmbedder,
                 router: Router | None = None) -> None:
        self._read_debriefs = debriefs
        self._insights_of = insights
        self.embedder = embedder
        self._router = router
        self._all: list[Debrief] = []

    def debriefs(self) -> list[Debrief]:
        """Every debrief, read once per question."""
        return self._all

    def insights(self) -> Insights:
        """Insights over the debriefs already read for this question."""
        return self._insights_of(self._all)

    def answer(self, question: str, filters: Filters | None = None,
               route: str | None = None, choose: RouteChooser | None = None) -> Answer | None:
        """An Answer for a cross-interview question, or None to use the retrieval path.

        The route comes from the route table (routes.py), matched by meaning; each route's
        answer is built here in code. A route whose answer needs something the notes lack (one
        company with several debriefs, a named interview) returns None.
        """
        start = time.perf_counter()
        self._all = self._read_debriefs()
        pool = [d for d in self._all if _keep(d, filters)]
        companies = sorted({d.company for d in pool})
        asked = asking_part(question)  # what it asks, not the situation told before it
        if route is None:
            route = self.router().route(asked, choose, companies).route
            if filters is not None and filters.company and len(companies) == 1 \
                    and route != "over_time" and CHANGED.search(asked) \
                    and re.search(r"\b(?:between|since|from)\b", asked, re.IGNORECASE) \
                    and not re.search(r"\bhow many\b", asked, re.IGNORECASE):
                # one company chosen or described ("what changed at the pensions app between
                # my first chat and the take-home round"), as for one named
                route = "over_time"
        roles: dict[str, set[str]] = {}
        for d in pool:
            roles.setdefault(d.company, set()).add(d.role or "")
        named = named_companies(question, companies, roles)
        log.info("route %s over %d debriefs; companies named: %s", route, len(pool),
                 ", ".join(named) or "none")
        if route == ONE_INTERVIEW and PAY_QUESTION.search(question) \
                and PAY_RANK.search(question) and (len(named) >= 2 or COMPARES.search(question)):
            # "which pays better, the international school or the sixth form?": a ranking of
            # the jobs, both among them (all of them when it names fewer than two)
            route = "which_interviews"
            named = named if len(named) >= 2 else []
        elif route == ONE_INTERVIEW and not named and PAY_QUESTION.search(asked) \
                and EACH_JOB.search(asked) and len(companies) >= 2:
            # "whats the money like at each of the airport jobs", "between the french salon
            # and teaching - whats the pay diffrence": every job's pay lines
            route = "which_interviews"
        # Who was met is in the debriefs' headers, whatever the route: exact, from code (the
        # one interview a question points at by its date or order names no company).
        one = filters is not None and bool(filters.debrief)
        if (named or one) and (PEOPLE_COUNT.search(question) or WHO_MET.search(question)):
            met = self._people_met(_of_stage(question, [d for d in pool if one or d.company
                                                        in named]), start,
                                   filters.leave_thing if filters is not None else "")
            if met is not None:
                return met
        if (named or one) and ASKS_NAME.search(asked) and not ALSO_ASKS.search(asked):
            # "brightwort technical director name": the one person the records give that title
            titled = self._titled_person(asked, [d for d in pool if one or d.company in named],
                                         start)
            if titled is not None:
                return titled
        # When an interview was is in its debrief's header: exact, from code.
        if named and INTERVIEW_DATE.search(question):
            dated = self._interview_date(question, [d for d in pool if d.company in named],
                                         start)
            if dated is not None:
                return dated
        if not one and len(named) != 1 and route not in NOT_RANKED \
                and not PAY_QUESTION.search(asked) and asks_ranking(asked, len(named)):
            # "which interview was the longest?", "biggest quota of the lot?": the figure
            # each interview's notes state, ranked (pay has its own ranking, in _topic)
            ranked = self._ranking(asked, [d for d in pool if not named or d.company in named],
                                   start)
            if ranked is not None:
                return ranked
        if route == ONE_INTERVIEW:
            return None
        # "somewhere to live" is accommodation (SAME_PHRASE)
        # the question's words, and the one word for a phrase of them ("somewhere to live":
        # accommodation; "work from home" keeps "home" and adds "wfh")
        topic = topic_terms(asked, named) | topic_terms(same_phrased(asked), named)
        if route in ("other_openings", "questions_of_one") \
                and ASKS_WHO.search(asked):
            return None  # "who was the other person watching my lesson, and what's their job":
            # a person, from the passages (an opening or a list of questions names no one)
        if route in LISTINGS:
            return self._listing(question, LISTINGS[route], pool, named, start,
                                 filters.leave_thing if filters is not None else "")
        if route == "over_time":
            # the company named, or the one chosen or described ("the pensions app")
            scoped = [d for d in pool if d.company in named] or (
                pool if filters is not None and filters.company else [])
            if len({d.id for d in scoped}) < 2:
                return None
            return self._over_time(question, topic, scoped, start)
        if route == "company_count":
            return self._counts(pool, start)
        if route == "same_person":
            return self._same_people(pool, start)
        if named:
            pool = [d for d in pool if d.company in named]
        ids = {d.id for d in pool}
        if route == "other_openings":
            return self._roles(ids, start)
        if route in ("most_asked", "most_valued"):
            return self._most(route == "most_valued", ids, start)
        if len({d.company for d in pool}) == 1 and (named or (filters is not None
                                                             and filters.debrief)):
            # one company asked about ("Which two named accounts did Marcus want?", "how many
            # case studies did i walk aurelio through?"): a question about its notes, which the
            # passages answer; a list of its lines on the topic answers nothing (a company
            # the user chose as a filter still gets its listing for "which companies …")
            return None
        return self._topic(question, topic, pool, start, compared=len(named) >= 2) \
            if topic else None

    def router(self) -> Router:
        """The route table's matcher (the one given, else one over this answerer's embedder)."""
        if self._router is None:
            self._router = Router(self.embedder)
        return self._router

    def warm(self) -> int:
        """Read the debriefs, split their notes into lines and embed the lines (the vector
        cache keeps them), as the first topic question would; how many lines."""
        self._all = self._read_debriefs()
        texts = [u.text for d in self._all for u in self._lines(d, asked=False)]
        self.embedder.embed(texts)
        return len(texts)

    # -- routes ----------------------------------------------------------------------------

    def _listing(self, question: str, category: str, pool: list[Debrief], named: list[str],
                 start: float, thing: str = "") -> Answer | None:
        """"What questions did X ask?", "what did I promise to send Y?": the extracted items
        (less those about `thing`, what the question leaves out)."""
        if category == "questions_asked" and (MISSTEP.search(question)
                                              or MY_ASKING.search(question)):
            # "which question did I bomb?": my slips; "what was I gonna ask them in writing?":
            # my own to-do, not their questions (both from the retrieval path)
            return None
        scoped = [d for d in pool if d.company in named] if named else pool
        folded_q = folded(question)
        asked_q = folded(asking_part(question))  # "Hannah's meant to ring. What's on my list?"
        if named and not any(_says_name(d, asked_q) for d in scoped):
            # "i didnt get camilla that list of amateur orchestras on time": Camilla, met at
            # another company than the one "orchestras" seems to name
            scoped = [d for d in pool if _says_name(d, asked_q)] or scoped
        staged = [d for d in scoped if any(w in folded_q for w in d.stage.split() if len(w) > 4)]
        scoped = staged or scoped
        people = {first: d for d in scoped for first in _says_name(d, asked_q)} \
            or {first: d for d in scoped for first in _by_title(d, asked_q)}
        if people:
            scoped = [d for d in scoped if d in people.values()]
        if not named and not people:
            return None  # not about one interview: the retrieval path handles it
        items: list[Item] = []
        # the words naming the people asked about, and everyone else met (read once)
        named_by = [_names_of(x) for x in pool] if people else []
        asked_for = {w for by in named_by for f, ws in by.items() if f in people for w in ws}
        others = {w for by in named_by for ws in by.values() for w in ws} - asked_for
        for d in sorted(scoped, key=lambda d: d.date):
            if d.extraction is None or d.extraction_status != "done":
                continue
            found = list(getattr(d.extraction, category))
            if people:
                from debrief.features.compose import person_units

                spans = {u.text for first in people for u in person_units(d, first)}
                # a row led by their initials ("IB: my pitching-rate trial data")
                rows = [initials(p.name) for p in [*d.people, *d.extraction.people] if p.name
                        and folded(" ".join(past_title(p.name)).split(" ")[0]) in people]
                # A unit's text is on one line; evidence keeps the note's line breaks.
                # (a unit as short as a bare ">" of a quoted email is in any evidence)
                about = [i for i in found if any(
                    (ev := " ".join(i.evidence.split())) in t or len(t.split()) >= 3 and t in ev
                    for t in spans)
                    or any(len(r) >= 2 and re.match(rf"\W*{re.escape(r)}\s*:", i.evidence)
                           for r in rows)]
                # a to-do naming someone else and not them is owed to that one ("[ ] Brenda:
                # …" among Tomas's lines of a to-do list; "I told Ani I will connect him …" in
                # Leela's part of the note)
                about = [i for i in about if not (
                    (said := {w.casefold() for w in NAME_WORD.findall(i.evidence)}) & others
                    and not said & asked_for)]
                found = about or found
            items += [Item(d, i.evidence) for i in found]
        if thing:  # "other than the regression table, what did he ask?"
            items = [i for i in items if not holds_left_out(i.quote, thing)]
        if category == "follow_ups" and MY_PART.search(question):
            # "What did I promise to send?": what they will do ("she'll send me a slot") is not
            # the user's to-do (kept only when nothing else is).
            items = [i for i in items if not theirs(i.quote)] or items
        if not items:
            return None
        if category == "follow_ups":  # "… ask when it goes live": with what "it" is
            items = [Item(i.debrief, _with_antecedent(i.debrief.notes, i.quote)) for i in items]
        lead_word = ""
        if category == "follow_ups" and (IF_PROMISED.match(question)
                                         or ASKS_IF_SENT.search(question)):
            # "did I say I'd email anybody?": the to-dos with that word, under a "Yes"
            # (nor the name of the one promised: "Camilla" is in each of her to-dos)
            said = set(stems(question)) - set(stems(" ".join(
                f"{d.company} {d.stage} {d.role or ''} {' '.join(people)}" for d in scoped))) \
                - PROMISE_FRAME
            some = [i for i in items if said & set(stems(i.quote))]
            if some and len(some) < len(items):
                # (whether it went is the notes' to tell, below: no "Yes")
                items, lead_word = some, "" if ASKS_IF_SENT.search(question) else "Yes. "
        where = join_and(list(dict.fromkeys(f"{d.company} ({d.stage}, {nice_date(d.date)})"
                                        for d in scoped if any(i.debrief is d for i in items))))
        n = len({i.quote for i in items})
        became = ""
        if category == "follow_ups":  # what the notes say became of each: sent, late, forgotten
            items, told = _with_reports(items, pool)
            if told:
                became = (f" Your notes also say what became of {number_word(told)} of them."
                          if n > 1 else " Your notes also say what became of it.")
        noun = {"questions_asked": ("question", "questions"),
                "follow_ups": ("thing to send or do", "things to send or do"),
                "interviewer_priorities": ("thing they cared about", "things they cared about"),
                }[category][n != 1]
        return _answer(f"{lead_word}You noted {number_word(n)} {noun} from {where}:{became}",
                       items, start, limit=2 * MAX_LINES)

    def _counts(self, pool: list[Debrief], start: float) -> Answer:
        by_company: dict[str, list[Debrief]] = defaultdict(list)
        for d in sorted(pool, key=lambda d: d.date):
            by_company[folded(d.company)].append(d)
        repeat = [ds for ds in by_company.values() if len(ds) > 1]
        names = [ds[0].company for ds in by_company.values()]
        listed = f": {join_and(names)}" if len(names) <= MAX_NAMED else ""
        lead = (f"You have debriefs from {len(by_company)} companies ({len(pool)} interviews)"
                f"{listed}. "
                + ("More than once: " + "; ".join(
                    f"{ds[0].company} {_times(len(ds))} ("
                    + ", ".join(f"{d.stage}, {nice_date(d.date)}" for d in ds) + ")"
                    for ds in repeat) + "." if repeat else "None of them more than once."))
        items = [Item(d, _first_line(d)) for ds in repeat for d in ds]
        return _answer(lead, items, start, bullets=False)

    def _people_met(self, scoped: list[Debrief], start: float, thing: str = ""
                    ) -> Answer | None:
        """"How many people interviewed me at X?": the people each of X's debriefs lists (its
        header and its extraction), each with the line of the note that names them; None when
        no one is listed (the question then goes to retrieval). Someone the question leaves
        out (`thing`: "not counting the canon", by their name, title or the words that
        introduce them) is named apart and not counted."""
        leads, items = [], []
        for d in sorted(scoped, key=lambda d: d.date):
            people = list(d.people) + (list(d.extraction.people) if d.extraction else [])
            met, arranged = _met(d)
            if not met and not arranged:
                continue
            left = {k: who for k, who in met.items()
                    if thing and holds_left_out(" ".join([who, *_introduced(d, k)]), thing)}
            met = {k: who for k, who in met.items() if k not in left}
            n = len(met)
            where = f"at {d.company} ({d.stage}, {nice_date(d.date)})"
            said = (f"{n} {'person' if n == 1 else 'people'} who interviewed you {where}: "
                    f"{join_and(list(met.values()))}") if met else f"no interviewer {where}"
            if left:
                said += f", not counting {join_and(list(left.values()))}"
            if arranged:
                said += f", besides {join_and(list(arranged.values()))}"
            leads.append(said)
            for p in people:
                line = _line_naming(d, p.name) if p.name else None
                if line:
                    items.append(Item(d, line))
        if not leads:
            return None
        lead = "Your notes name " + "; and ".join(leads) + "."
        return _answer(lead, items or [Item(d, _first_line(d)) for d in scoped], start)

    def _titled_person(self, question: str, scoped: list[Debrief], start: float
                       ) -> Answer | None:
        """"What's the name of the technical director at Brightwort?": the one person the
        debriefs' records (header and extraction) give a title all of whose words the question
        says, with the line of the note that names them; None when not exactly one does."""
        asked = set(stems(question))
        found: dict[str, tuple[Debrief, str, str]] = {}
        for d in sorted(scoped, key=lambda d: d.date):
            for p in [*d.people, *(d.extraction.people if d.extraction else [])]:
                words = set(stems(p.title or "")) - TITLE_FILLER
                if p.name and p.title and len(words) >= 2 and words <= asked \
                        and not set(stems(p.name)) & asked:
                    found.setdefault(folded(p.name), (d, p.name, p.title))
        if len(found) != 1:
            return None
        d, name, title = next(iter(found.values()))
        line = _line_naming(d, name)
        if line is None:
            return None
        return _answer(f"Your notes name the {title} at {d.company}: {name}.", [Item(d, line)],
                       start)

    def _ranking(self, question: str, pool: list[Debrief], start: float) -> Answer | None:
        """"Which interview was the longest?", "who has the biggest design team?": the figure
        each interview's notes state (a length of time, a sum, a count of what the question
        names), ranked in code; the first named with its figure and line, the others after it
        with theirs. None when fewer than two companies state one (the question then goes on to
        its route)."""
        low = ranks_low(question)
        if MET_RANK.search(question):
            return self._met_ranking(question, _of_stage(question, pool), low, start)
        kind = rank_kind(question)
        of_time = time_topic(question) if kind is FigureKind.TIME else set()
        counted = count_topic(question)
        if kind is not FigureKind.TIME and not counted:
            return None
        if kind is FigureKind.TIME and not of_time:
            pool = _of_stage(question, pool)  # "which phone screen went on the longest"
        best: dict[str, tuple[Figure, Debrief, str]] = {}  # company -> its figure
        said: dict[str, tuple[int, str]] = {}  # company -> (topic words on its line, date)
        for d in sorted(pool, key=lambda d: d.date):
            for u in self._lines(d, asked=False):
                found = set(stems(u.text))
                if kind is FigureKind.TIME:
                    fig = duration(u.text, short_only=not of_time) if (
                        not of_time or found & of_time) else None
                elif kind is FigureKind.MONEY:
                    fig = money(u.text) if found & counted else None
                else:
                    fig = count(u.text, counted)
                if fig is None:
                    continue
                held = best.get(d.company)
                # the longest interview at a company; else the figure on the line most about
                # what is asked ("the design team is nine people" over "2 tablets - design"),
                # the latest of those (a later round corrects an earlier one)
                on = (len(found & counted), d.date)
                if held is None or (fig.value > held[0].value if kind is FigureKind.TIME
                                    else on > said[d.company] or (
                                        on == said[d.company] and fig.value > held[0].value)):
                    best[d.company], said[d.company] = (fig, d, u.text), on
        if len(best) < 2:
            return None
        order = sorted(best.values(), key=lambda b: b[0].value, reverse=not low)
        top = [b for b in order if b[0].value == order[0][0].value]

        def called(b: tuple[Figure, Debrief, str]) -> str:
            return f"{b[1].company} ({b[1].stage}), {b[0].written}"

        word = ("shortest" if low else "longest") if kind is FigureKind.TIME \
            else superlative_word(question)
        lead = (f"{join_and([b[1].company for b in top])} "
                f"{'has' if len(top) == 1 else 'have'} the {word} in your notes: "
                f"{top[0][0].written} ({top[0][1].stage}, {nice_date(top[0][1].date)}).")
        rest = [b for b in order if b not in top]
        if rest and ranks_both(question):
            # "which ate the biggest chunk of my day, and which was the quickest?": both ends
            last = order[-1]
            other = "shortest" if kind is FigureKind.TIME else "smallest"
            lead += (f" The {other}: {last[1].company}, {last[0].written} ({last[1].stage}, "
                     f"{nice_date(last[1].date)}).")
            rest = [b for b in rest if b is not last]
        if rest:
            lead += f" Then {'; '.join(called(b) for b in rest)}."
        return _answer(lead, [Item(b[1], b[2]) for b in order], start)

    def _met_ranking(self, question: str, pool: list[Debrief], low: bool, start: float
                     ) -> Answer | None:
        """"Which interview had me meeting the most people?": the interviews ranked by how many
        interviewers their debriefs list, the first with their names."""
        counted = [(len(met), d, met) for d in pool for met in [_met(d)[0]] if met]
        if len({d.id for _, d, _ in counted}) < 2:
            return None
        counted.sort(key=lambda c: c[1].date)
        counted.sort(key=lambda c: c[0], reverse=not low)
        top = [c for c in counted if c[0] == counted[0][0]]
        word = superlative_word(question)
        n = counted[0][0]
        lead = (f"You met the {word} people, {n}{' at each' if len(top) > 1 else ''}, at "
                + "; and at ".join(f"{d.company} ({d.stage}, {nice_date(d.date)}): "
                                   f"{join_and(list(met.values()))}" for _, d, met in top) + ".")
        rest = [f"{c.company} ({c.stage}), {k}" for k, c, _ in counted[len(top):len(top) + 3]]
        if rest:
            lead += f" Then {'; '.join(rest)}."
        items = [Item(d, line) for _, d, _ in top
                 for p in [*d.people, *(d.extraction.people if d.extraction else [])] if p.name
                 for line in [_line_naming(d, p.name)] if line]
        return _answer(lead, items or [Item(d, _first_line(d)) for _, d, _ in top], start)

    def _interview_date(self, question: str, scoped: list[Debrief], start: float
                        ) -> Answer | None:
        """"When did I do the Oxbow onsite?": the date of the debrief of that stage (of every
        debrief of the company when the question names no stage it has), with the note's first
        line; None when the company has no debrief."""
        picked = _of_stage(question, scoped)
        if not picked:
            return None

        def stage(d: Debrief) -> str:
            return d.stage if d.stage and d.stage != "other" else "interview"

        if len(picked) == 1:
            d = picked[0]
            lead = f"Your {stage(d)} with {d.company} was on {nice_date(d.date, spoken=True)}."
        else:
            lead = (f"You had {number_word(len(picked))} interviews with {picked[0].company}: "
                    + join_and([f"your {stage(d)} on {nice_date(d.date, spoken=True)}" for d in picked])
                    + ".")
        return _answer(lead, [Item(d, _first_line(d)) for d in picked], start)

    def _same_people(self, pool: list[Debrief], start: float) -> Answer:
        seen: dict[str, list[tuple[Debrief, str, str | None]]] = defaultdict(list)
        for d in pool:
            people = list(d.people) + (list(d.extraction.people) if d.extraction else [])
            done: set[str] = set()
            for p in people:
                key = " ".join(folded(p.name or "").split())
                if len(key.split()) < 2 or key in done:
                    continue
                done.add(key)
                seen[key].append((d, p.name or "", p.title))
        items, names = [], []
        for entries in seen.values():
            if len({folded(d.company) for d, _, _ in entries}) < 2:
                continue
            names.append(entries[0][1])
            for d, name, title in sorted(entries, key=lambda e: e[0].date):
                items.append(Item(d, _line_naming(d, name) or _first_line(d),
                                  f"{name}, {title or 'title not noted'} at {d.company} "
                                  f"({d.stage}, {nice_date(d.date)})"))
        if not items:
            return _answer("No one in your notes appears at more than one company.", [], start,
                           supported=False)
        lead = f"Yes: {', '.join(names)} appear{'s' if len(names) == 1 else ''} at more than one company."
        return _answer(lead, items, start)

    def _roles(self, ids: set[str], start: float) -> Answer:
        by_id = {d.id: d for d in self.debriefs()}
        items = [Item(by_id[r.debrief_id], r.quote, f"{r.company} ({nice_date(r.date)})"
                      + (f", {r.mentioned_by}" if r.mentioned_by else "")
                      + ("" if folded(r.text) in folded(r.quote) else f": {r.text}"))
                 for r in self.insights().better_fit_roles if r.debrief_id in ids
                 and r.debrief_id in by_id]
        companies = list(dict.fromkeys(i.debrief.company for i in items))
        roles = [r for r in self.insights().better_fit_roles if r.debrief_id in ids]
        lead = (f"{number_word(len(companies)).capitalize()} of your companies suggested another "
                f"opening ({number_word(len(items))} in all): "
                + join_and([f"{r.company} ({r.text})" for r in roles]) + "." if items else
                "No interviewer suggested another opening in your notes.")
        return _answer(lead, items, start, limit=2 * MAX_LINES)

    def _most(self, values: bool, ids: set[str], start: float) -> Answer | None:
        by_id = {d.id: d for d in self.debriefs()}
        insights = self.insights()
        if values:
            groups = [(t.text, [o for o in t.occurrences if o.debrief_id in ids])
                      for t in insights.interviewer_values]
            what = "What interviewers cared about most"
        else:
            groups = self._themes([(g.text, [o for o in g.occurrences if o.debrief_id in ids])
                                   for g in insights.question_bank])
            what = "The questions you were asked most"
        groups = [(text, occs) for text, occs in groups if len({o.debrief_id for o in occs}) >= 2]
        groups.sort(key=lambda g: -len({o.debrief_id for o in g[1]}))
        if not groups:
            return None
        items: list[Item] = []
        heads = []
        for text, occs in groups[:4]:
            companies = list(dict.fromkeys(o.company for o in occs))
            heads.append(f"“{text}” ({len({o.debrief_id for o in occs})} interviews: "
                         f"{', '.join(companies)})")
            for o in occs[:3]:
                if o.debrief_id in by_id:
                    items.append(Item(by_id[o.debrief_id], o.quote))
        return _answer(f"{what}: " + "; ".join(heads) + ".", items, start)

    def _themes(self, groups: list[tuple[str, list]]) -> list[tuple[str, list]]:
        """Merge question groups whose wordings are close (themes, at the Insights threshold)."""
        groups = [g for g in groups if g[1]]
        if len(groups) < 2:
            return groups
        vecs = _unit(self.embedder.embed([text for text, _ in groups]))
        merged: list[tuple[str, list, list[int]]] = []
        for i, (text, occs) in enumerate(groups):
            for m in merged:
                if max(float(vecs[i] @ vecs[j]) for j in m[2]) >= THEME_THRESHOLD:
                    m[1].extend(occs)
                    m[2].append(i)
                    break
            else:
                merged.append((text, list(occs), [i]))
        return [(text, occs) for text, occs, _ in merged]

    def _topic(self, question: str, topic: set[str], pool: list[Debrief],
               start: float, *, compared: bool = False) -> Answer:
        """Which debriefs talk about the topic: their best lines, newest last (`compared`: the
        question sets two or more named companies side by side)."""
        # "mom keeps asking about money - which … pays the most": the situation asks nothing
        asked = bool(ASKED.search(asking_part(question)))
        asked_topic = set(topic)  # the question's words, before those in most debriefs go
        per: dict[str, list[tuple[float, str]]] = {}
        lines = [(d, u.text) for d in pool for u in self._lines(d, asked)]
        if not lines:
            return _answer(REFUSAL, [], start, supported=False)
        pay = bool(PAY_QUESTION.search(question))
        line_stems = [set(stems(t)) for _, t in lines]
        # A topic word found in some debriefs but not most tells them apart on its own
        # ("travel" among consulting jobs); one in nearly every debrief ("consulting") is
        # left out of the topic.
        stem_of = {w: next(iter(stems(w)), w) for w in topic}
        # the one word for a phrase of the question ("somewhere to live": accommodation) is
        # found as itself or as a word people use for it ("the cottage comes with the job",
        # "the staff caravan is gone"); the question's own words as they are
        asking = asking_part(question)
        one_word = terms(same_phrased(asking)) - terms(asking)
        alike = {w: {stem_of[w], *(expanded_stems(w) if w in one_word else ())} for w in topic}
        seen_in = {w: len({d.id for (d, _), s in zip(lines, line_stems, strict=True)
                           if alike[w] & s}) for w in topic}
        few = max(1, len(pool) // 2)
        common = {w for w, n in seen_in.items() if n > few}
        telling_few = True
        if common and common != topic:
            if any(seen_in[w] for w in topic - common):
                topic = topic - common
            else:  # what is left is in no line ("booking software"): the common word tells
                telling_few = False
        needed = min(2, len(topic))
        telling = {s for w in topic if 0 < seen_in[w] <= few or (not telling_few and seen_in[w])
                   for s in alike[w]}
        scores = self._scores(" ".join(sorted(topic)), [t for _, t in lines])
        for (d, text), score, found in zip(lines, scores, line_stems, strict=True):
            if pay:  # pay lines are told by their numbers, not by wording
                hit = PAY_LINE.search(in_digits(text)) is not None
            else:
                hit = score >= TOPIC_MIN_SCORE \
                    or sum(bool(alike[w] & found) for w in topic) >= needed \
                    or bool(telling & found)
            if hit:
                per.setdefault(d.id, []).append((score, text))
        by_id = {d.id: d for d in pool}
        if pay and PAY_RANK.search(question):
            low = bool(PAY_LOW.search(question))
            ranked = _pay_ranking(per, by_id, low=low and not PAY_HIGH.search(question),
                                  both=low and bool(PAY_HIGH.search(question)),
                                  hourly=bool(ASKS_HOURLY.search(question)), start=start,
                                  compared=compared)
            if ranked is not None:
                return ranked
        # (what they pay before what the user earns or asked for: "I said $90k")
        items = [Item(by_id[i], text) for i, found in per.items()
                 for _, _, text in sorted(((not (pay and OWN_FIGURE.search(t)), sc, t)
                                           for sc, t in found), reverse=True)[:PER_DEBRIEF]]
        if pay and OFFER_ASKED.search(asking):
            # asked what they offered: each offer with its figure, past that cap
            for d in pool:
                for quote in _offers(d):
                    # (the offer's line said whole in place of its figure's sentence)
                    items = [i for i in items if i.debrief.id != d.id or i.quote not in quote]
                    if not any(quote in i.quote for i in items if i.debrief.id == d.id):
                        items.append(Item(d, quote))
        if not items:
            return _answer(REFUSAL, [], start, supported=False)
        companies = list(dict.fromkeys(i.debrief.company for i in sorted(
            items, key=lambda i: i.debrief.date)))
        n_pool = len({d.company for d in pool})
        # the one word when it found lines ("accommodation"), else the question's own
        phrase = topic_phrase(same_phrased(asking), asked_topic, topic) if one_word & topic \
            else topic_phrase(asking, asked_topic, topic)
        # (pay lines are told by their figures, whatever the question called it)
        about = "pay" if pay else f"“{phrase}”" if phrase else "it"
        if n_pool == 1:
            lead = f"Your notes on {companies[0]} say something about {about}."
        else:
            # Each company with the headline of its best line, where extraction has one
            # ("Kestrel Labs (panel of five, online)"): the answer in one sentence.
            best: dict[str, Item] = {}
            for i in items:
                best.setdefault(i.debrief.company, i)
            named = [f"{c} ({h})" if (h := _headline(best[c].debrief, best[c].quote, topic))
                     else c for c in companies]
            share = ("Both" if n_pool == 2 else f"All {number_word(n_pool)}") \
                if len(companies) == n_pool else \
                f"{number_word(len(companies)).capitalize()} of the {number_word(n_pool)}"
            lead = (f"{share} companies in your notes {'says' if len(companies) == 1 else 'say'} "
                    f"something about {about}: {join_and(named)}.")
        return _answer(lead, items, start)

    def _over_time(self, question: str, topic: set[str], scoped: list[Debrief],
                   start: float) -> Answer:
        """One company over several interviews: the best lines of each, in date order; for
        "what changed", the lines of the later interviews that say what moved."""
        pay = bool(PAY_QUESTION.search(question))
        moved = _pay_moved(scoped) if pay else ""
        if CHANGE_QUESTION.search(question):
            changed = self._changes(question, scoped, start, said=moved)
            if changed is not None:
                return changed
        items: list[Item] = []
        size = bool(SIZE_QUESTION.search(question))
        names = set().union(*(terms(d.company) for d in scoped))
        query = without_words(question, names)
        for d in sorted(scoped, key=lambda d: d.date):
            texts = [u.text for u in segment(d.notes) if len(u.text) > 12]
            if not texts:
                continue
            scores = self._scores(query, texts)
            bonus = [0.2 if (pay and PAY_LINE.search(t)) or (size and NUMBER.search(t)) else 0.0
                     for t in texts]
            lex = [0.1 * len(topic & terms(t)) for t in texts]
            ranked = sorted(zip(np.array(scores) + bonus + lex, texts, strict=True), reverse=True)
            top = [t for s, t in ranked[:PER_DEBRIEF] if s >= TOPIC_MIN_SCORE - 0.1]
            if pay and any(PAY_LINE.search(t) for t in top):
                top = [t for t in top if PAY_LINE.search(t)]  # the pay said, not the lines beside
            items += [Item(d, t) for t in top]
        if not items:
            return _answer(REFUSAL, [], start, supported=False)
        dates = sorted(d.date for d in scoped)
        lead = (f"You had {number_word(len(scoped))} interviews with {scoped[0].company}, from "
                f"{nice_date(dates[0])} to {nice_date(dates[-1])}; what each one said, in date "
                "order:")
        return _answer(f"{moved} {lead}".lstrip(), items, start)

    def _changes(self, question: str, scoped: list[Debrief], start: float,
                 said: str = "") -> Answer | None:
        """The later interviews' lines under a "what changed" heading, else the lines that say
        something moved ("now", "not 2", "merged into"), those about the question's own topic
        ("level and pay") first; None when there are none. `said`: a sentence that answers
        the question, put before the lead."""
        ordered = sorted(scoped, key=lambda d: (d.date, d.created_at))
        names = set().union(*(terms(d.company) for d in scoped))
        topic = set(stems(without_words(question, names))) - CHANGE_ASKED
        items: list[Item] = []
        for d in ordered[1:]:
            units = [u for u in segment(d.notes) if len(u.text) > 12]
            under = [u for u in units if u.header and CHANGE_HEADER.search(u.header)
                     and not CHANGE_HEADER.search(u.text)]
            # A short line such as "what changed since rd 1 (!!)" heads the lines after it.
            # A longer one heads them when it ends in a colon over a list ("Before anything,
            # Colleen told me a bunch had changed since round 1:" and "- …" lines).
            # A heading opens its line and asks nothing: "1. AIM. … (Title now changed, see
            # para 4.)" and "Mr. Caddick: … keep Harvestbrook or change?" head nothing.
            heading = next((i for i, u in enumerate(units) if _opens_line(d.notes, u)
                            and CHANGE_HEADER.search(u.text)
                            and ((len(u.text.split()) <= 9 and not u.text.rstrip().endswith("?"))
                                 or u.text.rstrip().endswith(":")
                                 and _list_follows(d.notes, units, i))), None)
            if not under and heading is not None:
                under = _block_after(d.notes, units, heading)
            if under:
                items += [Item(d, t) for t in _whole_lines(d.notes, under)[:CHANGES_PER_DEBRIEF]]
                continue
            # Lines the questions they asked came from ("why consulting now?") say nothing moved;
            # a short line ending in a colon ("Now the interesting bits:") only heads others.
            asked = [folded(q.evidence) for q in d.extraction.questions_asked] \
                if d.extraction and d.extraction_status == "done" else []
            scored = []
            for n, u in enumerate(units):
                line = folded(u.text)
                if u.text.rstrip().endswith(":") and len(u.text.split()) <= 9 \
                        or any(a and a in line for a in asked):
                    continue
                cue = 2 * bool(CHANGE_CONTRAST.search(u.text)) + bool(CHANGE_LINE.search(u.text))
                if cue:
                    scored.append((cue + len(topic & set(stems(u.text))), -n, u))
            best = sorted(scored, key=lambda s: s[:2], reverse=True)[:CHANGES_PER_DEBRIEF]
            items += [Item(d, u.text) for *_, u in sorted(best, key=lambda s: -s[1])]
        if not items:
            return None
        # What the first interview said about the same thing, when a line of it matches.
        before = [u.text for u in segment(ordered[0].notes) if len(u.text) > 12]
        if before:
            vecs = _unit(self.embedder.embed([*(i.quote for i in items), *before]))
            sims = vecs[: len(items)] @ vecs[len(items):].T
            for row in sims:
                if float(row.max()) >= BEFORE_MIN_SCORE:
                    items.append(Item(ordered[0], before[int(row.argmax())]))
        first, last = ordered[0], ordered[-1]

        def called(d: Debrief, default: str) -> str:
            stage = d.stage if d.stage and d.stage != "other" and first.stage != last.stage \
                else default
            return f"{stage} ({nice_date(d.date)})"

        lead = (f"Between your {called(first, 'first interview')} and your "
                f"{called(last, 'latest interview')} with {first.company}, your notes record "
                "these changes:")
        return _answer(f"{said} {lead}".lstrip(), items, start)

    # -- helpers ---------------------------------------------------------------------------

    def _lines(self, d: Debrief, asked: bool) -> list:
        """Candidate lines: the extracted questions for 'asked' questions, else every line."""
        if asked and d.extraction and d.extraction_status == "done" and d.extraction.questions_asked:
            return [_Line(q.evidence) for q in d.extraction.questions_asked]
        # A short line counts when it states pay ("- $92-108k" under a "facts" heading).
        return [u for u in segment(d.notes) if len(u.text) > 12 or PAY_LINE.search(u.text)]

    def _scores(self, query: str, texts: list[str]) -> list[float]:
        vecs = _unit(self.embedder.embed([query, *texts]))
        return [float(v @ vecs[0]) for v in vecs[1:]]


@dataclass
class _Line:
    text: str


def _unit(vecs: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.where(norms == 0, 1, norms)


# The user's own question to come ("what was I gonna ask them", "what should I ask her").
POINTS_TO = re.compile(r"\b(?:it|them)\b", re.IGNORECASE)
ANTECEDENT_CHARS = 400


def _with_antecedent(note: str, quote: str) -> str:
    """A short to-do that points back ("I'm going to email her to ask when it goes live") with
    the sentence before it on its line, which says what "it" is; the quote as it is otherwise."""
    at = note.find(quote)
    if at <= 0 or len(quote.split()) > 15 or not POINTS_TO.search(quote):
        return quote
    before = [u for u in segment(note[:at]) if u.text.strip()]
    if not before or "\n" in note[before[-1].span.start:at] \
            or at - before[-1].span.start > ANTECEDENT_CHARS:
        return quote
    return note[before[-1].span.start:at + len(quote)]


# "the name of …", "what's her name": a name asked for, in both patterns below
NAME_OF = (r"\bname\s+of\b|\bwhat(?:['’]?s|\s+is|\s+was)\s+(?:the\s+|their\s+|his\s+|her\s+)?"
           r"names?\b")
# A question for a name: "… technical director name", "what's the name of …", "who is …"
ASKS_NAME = re.compile(rf"\bname\W*$|{NAME_OF}|^\W*who(?:['’]s|\s+is|\s+was)\s+(?:the|their)\b",
                       re.IGNORECASE)
# A second ask beside the first ("… and what did she ask?")
ALSO_ASKS = re.compile(r"\b(?:and|&|\+)\s+(?:what|how|when|why|where|which|did|does|do|is|was"
                       r"|were|has|have)\b|\?\s*\S", re.IGNORECASE)
# A question for a person: "who was …", "what's the name of the doctor on the panel".
ASKS_WHO = re.compile(rf"^\W*(?:(?:so|um+|uh+|and|ok|okay|hey)\W+)*who(?:['’]s|se)?\b|{NAME_OF}",
                      re.IGNORECASE)
MY_ASKING = re.compile(r"\b(?:i|we)\s+(?:was\s+|am\s+|were\s+)?(?:gonna|going\s+to|supposed\s+to"
                       r"|meant\s+to|have\s+to|need\s+to|should|will|['’]ll|wanted\s+to)\s+"
                       r"(?:\w+\s+)?ask\b", re.IGNORECASE)
MAX_NAMED = 12  # a count of companies names them up to this many
# "Did I say I'd email anybody?", "was I supposed to get back to Oren about something?"
# The same asked as a denial with a tag: "i didnt tell fiona i'd send her anything … did i".
IF_PROMISED = re.compile(r"^\W*(?:(?:did|have|had|was|am)\s+i|i\s+(?:did\s*n['’]?t|did\s+not"
                         r"|never|have\s*n['’]?t|wasn['’]?t))\s+(?:say|said|promise|offer|agree"
                         r"|supposed|mean|meant|tell|told)\b", re.IGNORECASE)
# Words of such a question that do not say which to-do it asks about.
PROMISE_FRAME = frozenset(stems(
    "did have had was am i i'd id say said promise promised offer offered agree agreed supposed "
    "mean meant tell told anybody anyone someone somebody something anything about after before "
    "to the a an my me get got back do first second third last that this it them thing things "
    "would will going gonna should need didnt didn't not never havent haven't wasnt wasn't "
    "ever actually really even time late yet"))
# A question about the user's own to-dos ("what did I promise…", "am I sending…", "do I owe…").
MY_PART = re.compile(
    r"\b(?:did|have|do|am|was|should)\s+i\s+(?:still\s+|say\s+i'?d\s+)?(?:promise|offer|say|"
    r"agree|commit|undert|tell|need|have|owe|send|sending|ask|asking|do|doing|write|email|emailing|"
    r"get back)\w*\b|\bi\s+(?:promised|offered|said i(?:'?d|\s+will|\s+would)|owe|agreed"
    r"|need to|have to)\b"
    r"|\bi\s+(?:did\s*n['’]?t|did\s+not|never)\s+(?:promise|offer|say|tell|agree)\b",
    re.IGNORECASE)
# A to-do line that is someone else's: "she'll send me a slot", "Colette said she'd email times".
THEIR_PART = re.compile(
    r"^\W*(?:(?:and|then|so|also|but)\s+)?(?!I\b|I['’])(?:she|he|they|[A-Z][\w'’-]+"
    r"(?:\s+[A-Z][\w'’-]+)?(?:\s+(?:ma['’]am|sir))?)(?:\s+(?:said|says|told me)\s+(?:she|he|they))?\s*"
    r"(?:['’]ll|['’]d|\s+will|\s+would|\s+is going to|\s+are going to|\s+promised)\b",
    re.IGNORECASE)


# A line led by them with no word of the user's in it ("Rhys: they decide do 1 grudnia, he
# will phone"): their step, not the user's.
THEIR_LEAD = re.compile(r"^\W*(?:[A-Z][\w'’-]+\s*:\s*)?(?:she|he|they)\b", re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(?:i|i['’](?:m|ll|d|ve)|me|my|mine|myself)\b", re.IGNORECASE)


def theirs(quote: str) -> bool:
    """Whether a to-do line is someone else's ("she'll send me a slot", "Rhys: they decide by
    the 1st, he will phone")."""
    return bool(THEIR_PART.match(quote)) or (bool(THEIR_LEAD.match(quote))
                                             and not FIRST_PERSON.search(quote))


def _with_reports(items: list[Item], pool: list[Debrief]) -> tuple[list[Item], int]:
    """The to-dos, each followed by the later lines that say what became of it (one not
    already listed); and how many to-dos have such a line."""
    listed = {folded(i.quote) for i in items}
    ordered = by_date(pool)  # once, for every to-do
    out: list[Item] = []
    told = 0
    for i in items:
        out.append(i)
        later = [r for r in reports(i.quote, i.debrief, ordered)
                 if folded(r.text) not in listed]
        told += bool(later)
        for r in later:
            listed.add(folded(r.text))
            out.append(Item(r.debrief, r.text))
    return out, told


def _keep(d: Debrief, filters: Filters | None) -> bool:
    return filters is None or filters.keeps(d)


def _of_stage(question: str, scoped: list[Debrief]) -> list[Debrief]:
    """The debriefs of the stage the question names ("the onsite", "the panel"), in date order;
    all of them when it names none they have."""
    stages = {stage for pattern, stage in STAGE_WORDS if pattern.search(question)}
    ordered = sorted(scoped, key=lambda d: d.date)
    if not stages and FIRST_ONE.search(question):
        return ordered[:1]  # "at marlden the first time", "in round 1": the earliest
    return [d for d in ordered if d.stage in stages] or ordered


def _people_of(d: Debrief) -> Iterator[tuple[str, list[str], Person]]:
    """Each person a debrief lists (from the form and the extraction), with their first name
    and the words of their name (a title before it is no part of it); those whose first name
    is under three letters are left out."""
    for p in list(d.people) + (list(d.extraction.people) if d.extraction else []):
        words = folded(" ".join(past_title(p.name or ""))).split(" ")
        if len(words[0]) > 2:
            yield words[0], words, p


def _names_of(d: Debrief) -> dict[str, set[str]]:
    """The first names of the people a debrief lists, each with the words that name them: the
    first name, and the surname ("Mrs. Khandekar" is the note's "Leela ma'am")."""
    out: dict[str, set[str]] = {}
    for first, words, _ in _people_of(d):
        out.setdefault(first, set()).update(w for w in (first, words[-1]) if len(w) > 2)
    return out


# A title before a surname in a question ("mrs. khandekar", "Mr Bowyer"): a surname said
# alone may be a word like any other ("young", "hill")
SURNAME_AFTER = r"\b(?:mr|mrs|ms|miss|dr|prof|professor|sir|madam|councillor|cllr|judge)\.?\s+"


def _says_name(d: Debrief, asked: str) -> set[str]:
    """The first names of the debrief's people whom the (folded) question names: by their
    first name, or by their surname after a title."""
    return {first for first, said in _names_of(d).items()
            if re.search(rf"\b{re.escape(first)}\b", asked) or any(
                re.search(rf"{SURNAME_AFTER}{re.escape(w)}\b", asked) for w in said - {first})}


NAME_WORD = re.compile(r"\b[A-Z][a-z]+(?=['’]s\b|\b)")  # a word that may name someone ("Kabir's")
TITLE_FILLER = frozenset(stems("the a an of and for at in on to"))


def _by_title(d: Debrief, question: str) -> set[str]:
    """The first names of the debrief's people whom the question names by their title ("the
    technical director"), whole or up to its first comma or bracket ("the clerk in the judge's
    courtroom" is the "courtroom clerk, Dept. 14")."""
    asked = set(stems(question))
    return {first for first, _, p in _people_of(d) if any(
        (titled := set(stems(t)) - TITLE_FILLER) and titled <= asked
        for t in {p.title or "", re.split(r"[,(]", p.title or "")[0]})}


def _block_after(notes: str, units: list, index: int) -> list:
    """The units after units[index] up to the next blank line."""
    out, end = [], units[index].span.end
    for u in units[index + 1:]:
        if "\n\n" in notes[end:u.span.start].replace(" ", ""):
            break
        out.append(u)
        end = u.span.end
    return out


def _whole_lines(notes: str, units: list) -> list[str]:
    """The units' text by line of the note: the sentences of one list item ("a. Title now
    "Operations Bursar", not Domestic Bursar. … Team 96 becomes 118.") are one change."""
    out: list[tuple[int, int]] = []
    for u in units:
        if out and "\n" not in notes[out[-1][1]:u.span.start]:
            out[-1] = (out[-1][0], u.span.end)
        else:
            out.append((u.span.start, u.span.end))
    return [notes[a:b] for a, b in out]


def _opens_line(notes: str, unit: Unit) -> bool:
    """Whether a unit opens its line of the note (after a bullet or a number, if any)."""
    before = notes[notes.rfind("\n", 0, unit.span.start) + 1:unit.span.start]
    return not BULLET.sub("", before).strip()


def _list_follows(notes: str, units: list, index: int) -> bool:
    """Whether the unit after units[index] starts a bulleted or numbered line of the note."""
    if index + 1 >= len(units):
        return False
    start = notes.rfind("\n", 0, units[index + 1].span.start) + 1
    return BULLET.match(notes[start:units[index + 1].span.end]) is not None


def _times(n: int) -> str:
    return {2: "twice", 3: "three times"}.get(n, f"{n} times")


def _pay_ranking(per: dict[str, list[tuple[float, str]]], by_id: dict[str, Debrief], *,
                 low: bool, hourly: bool, start: float, both: bool = False,
                 compared: bool = False) -> Answer | None:
    """"Which job pays best?": the debriefs' pay lines ranked by the figure each states (the
    top of a range; an hourly rate as 2,080 hours), the best one quoted and cited, the others
    named with their figures as written. None when the figures are in different currencies
    or none is stated; a refusal (the passages then answer) when `compared` companies are not
    two with a figure."""
    best: dict[str, tuple[float, str, str, str]] = {}  # id -> (value, figure, sign, line)
    for i, found in per.items():
        for _, text in found:
            fig = pay_figure(in_digits(text), hourly_only=hourly)
            if fig and (i not in best or fig[0] > best[i][0]):
                best[i] = (*fig, text)
    if not best or len({sign for _, _, sign, _ in best.values() if sign}) > 1:
        return None
    if compared and len({by_id[i].company for i in best}) < 2:
        # "does the legal aid job pay more than the public defender's 78k?": one side has no
        # figure code can read, so code has nothing to compare; the passages may say more
        # ("85 base plus 60 variable")
        return _answer(REFUSAL, [], start, supported=False)
    order = sorted(best, key=lambda i: best[i][0], reverse=not low)
    top = [i for i in order if best[i][0] == best[order[0]][0]]

    def called(i: str) -> str:
        d, figure = by_id[i], best[i][1]
        return f"{d.company}, {figure} ({d.role})" if d.role else f"{d.company}, {figure}"

    # A later interview for the same job that states the same figure is not named twice.
    rest = list(dict.fromkeys(called(i) for i in order if i not in top))
    d = by_id[top[0]]
    which = "the least" if low else "the most"
    lead = (f"{join_and(list(dict.fromkeys(by_id[i].company for i in top)))} "
            f"{'pays' if len(top) == 1 else 'pay'} {which} in your notes: {best[top[0]][1]}"
            f"{f' ({d.role})' if d.role and len(top) == 1 else ''}.")
    bottom = [i for i in order if best[i][0] == best[order[-1]][0] and i not in top]
    if both and bottom:
        # "who pays the most and who pays the least?": both ends said, the rest between
        b = by_id[bottom[0]]
        lead += (f" {join_and(list(dict.fromkeys(by_id[i].company for i in bottom)))} "
                 f"{'pays' if len(bottom) == 1 else 'pay'} the least: {best[bottom[0]][1]}"
                 f"{f' ({b.role})' if b.role and len(bottom) == 1 else ''}.")
        rest = list(dict.fromkeys(called(i) for i in order if i not in top + bottom))
        if rest:
            lead += f" In between: {join_and(rest)}."
    elif rest:
        lead += f" Then {join_and(rest)}."
    if any(HOURLY.search(best[i][3]) for i in order):
        lead += " (An hourly rate is counted at 40 hours a week.)"
    ends = top + bottom if both else top
    return _answer(lead, [Item(by_id[i], best[i][3]) for i in ends], start)


def _met(d: Debrief) -> tuple[dict[str, str], dict[str, str]]:
    """Who a debrief says the user met (its header and its extraction), each once: the
    interviewers, and the recruiters and coordinators who only arranged it."""
    people = list(d.people) + (list(d.extraction.people) if d.extraction else [])
    met: dict[str, str] = {}
    arranged: dict[str, str] = {}
    for p in people:
        key = " ".join(folded(p.name or p.title or "").split())
        if not key or any(key in k or k in key for k in [*met, *arranged]):
            continue
        who = f"{p.name} ({p.title})" if p.name and p.title else p.name or f"the {p.title}"
        (arranged if ARRANGER.search(p.title or "") else met)[key] = who
    return met, arranged


def _introduced(d: Debrief, key: str) -> list[str]:
    """The words the extraction quotes to introduce the person `_met` keys as `key` ("Canon
    Hilary Pengelly.")."""
    return [p.evidence for p in (d.extraction.people if d.extraction else [])
            if " ".join(folded(p.name or p.title or "").split()) == key]


def _offers(d: Debrief) -> list[str]:
    """The note's offers with their figures, each as its words run from the sentence that
    says "offer" to the one with the figure on the same line ("OFFER from Mr. Caddick by
    phone. £57,000, start Monday 4 January 2027.")."""
    units = segment(d.notes)
    out = []
    for i, u in enumerate(units):
        if not OFFER_ASKED.search(u.text):
            continue
        for v in units[i:i + OFFER_SENTENCES]:
            if "\n" in d.notes[u.span.start:v.span.end]:
                break
            if PAY_LINE.search(in_digits(v.text)):
                out.append(d.notes[u.span.start:v.span.end])
                break
    return out


def _pay_moved(scoped: list[Debrief]) -> str:
    """One company's pay across its interviews, in a sentence: "The pay at X went up: £34-38k
    at your first interview (May 12, 2025), £36-40k at your second (May 20, 2025)." Only when
    each of two or more interviews states one figure (an interview whose lines give two, such as
    a base and an OTE, says nothing code can compare), all in one currency; "" otherwise."""
    said: list[tuple[Debrief, float, str]] = []
    signs = set()
    for d in sorted(scoped, key=lambda d: (d.date, d.created_at)):
        figures = [fig for u in segment(d.notes) if PAY_LINE.search(u.text)
                   for fig in pay_figures(in_digits(u.text))]
        if len({f[0] for f in figures}) != 1:  # none, or two ("£55-60k instead of £58-62k")
            continue
        value, written, sign = figures[0]
        said.append((d, value, written))
        signs.add(sign)
    if len(said) < 2 or len(signs) > 1:
        return ""
    stages = [d.stage for d, _, _ in said]
    by_stage = len(set(stages)) == len(stages) and "other" not in stages

    def called(n: int, d: Debrief) -> str:
        name = d.stage if by_stage else f"{ORDINALS[min(n, len(ORDINALS) - 1)]} interview"
        return f"your {name} ({nice_date(d.date)})"

    first, last = said[0][1], said[-1][1]
    how = ("went up" if last > first else "went down" if last < first
           else "stayed the same" if len({w for _, _, w in said}) == 1 else "changed")
    parts = ", ".join(f"{w} at {called(n, d)}" for n, (d, _, w) in enumerate(said))
    return f"The pay at {said[0][0].company} {how}: {parts}."


def _headline(d: Debrief, line: str, topic: set[str]) -> str | None:
    """The short headline extraction gave the item a line of the note is the evidence of
    (checked against the note when it was extracted) and that is about the topic (a line may
    hold two items: "base is 140 to 155 hybrid three days in the office" is the pay's and the
    office's); None when no such item."""
    if d.extraction is None or d.extraction_status != "done":
        return None
    want = folded(line)
    about = set(stems(" ".join(sorted(topic))))
    for category in CATEGORIES:
        for item in getattr(d.extraction, category):
            ev = folded(item.evidence)
            if ev and (ev in want or want in ev) and 0 < len(item.text.split()) <= HEADLINE_WORDS \
                    and about & set(stems(f"{item.text} {item.evidence}")):
                return item.text.strip().rstrip(".")
    return None


def _first_line(d: Debrief) -> str:
    units = [u.text for u in segment(d.notes) if len(u.text) > 12]
    return units[0] if units else d.notes.strip()[:200]


def _line_naming(d: Debrief, name: str) -> str | None:
    first = folded(" ".join(past_title(name))).split(" ")[0]
    return next((u.text for u in segment(d.notes)
                 if re.search(rf"\b{re.escape(first)}\b", folded(u.text))), None)


def _answer(lead: str, items: list[Item], start: float, *, supported: bool = True,
            bullets: bool = True, limit: int = MAX_LINES) -> Answer:
    """Lead line plus quoted lines; every quote is checked to be in its debrief's note."""
    notes_of: dict[str, tuple[str, list[int]]] = {}

    def in_note(i: Item) -> Item | None:
        """The item quoting the note's own text: a unit of a line wrapped in the note has single
        spaces where the note breaks the line, so it is found folded and quoted as written."""
        notes = i.debrief.notes
        if not i.quote or i.quote in notes:
            return i if i.quote else None
        if i.debrief.id not in notes_of:
            notes_of[i.debrief.id] = fold(notes)
        text, index = notes_of[i.debrief.id]
        want = folded(i.quote)
        at = text.find(want) if want else -1
        if at < 0:
            return None
        return Item(i.debrief, notes[index[at]:index[at + len(want) - 1] + 1], i.label)

    found = [x for x in map(in_note, items) if x is not None]
    unique = {(i.debrief.id, i.quote): i for i in found}
    items = list(unique.values())[:limit]
    items.sort(key=lambda i: (i.debrief.date, i.debrief.id))
    citations = list({(i.debrief.id, i.quote): Citation(
        debrief_id=i.debrief.id, company=i.debrief.company, role=i.debrief.role,
        date=i.debrief.date, quote=i.quote) for i in items}.values())
    lines = [lead]
    if bullets:
        for n, i in enumerate(items, 1):
            where = i.label or f"{i.debrief.company}, {i.debrief.stage}, {nice_date(i.debrief.date)}"
            lines.append(f"- {where}: “{' '.join(i.quote.split())}” [{n}]")
    return Answer(answer="\n".join(lines), supported=supported and bool(citations),
                  citations=citations, seconds=round(time.perf_counter() - start, 2),
                  prompt_tokens=0)
