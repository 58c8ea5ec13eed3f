"""Words of a text: every tokeniser and word list of the package, in one place.

Callers need different views of a text, so each view has its own function and its own named
word set; none of them changes another's behaviour:

- `words` / `content_words`: headlines (the note's words, less FUNCTION_WORDS).
- `terms`: retrieval and answer checks (question and passage words, less QUESTION_STOP_WORDS).
- `normalise` / `match_words`: insights' exact-match keys, and the shared words that attach a
  practice point to a question when there is no embedder (less MATCH_STOP_WORDS).
- `specific_words`: the words a message sentence must take from the notes (less COURTESY_WORDS).
- `stems`: keyword search (BM25): terms reduced to their Snowball stems; `expanded_stems`: a
  question's stems with the other words of each SAME_THING group they touch.
- QUESTION_FRAME_WORDS: the words that frame a question across interviews ("which companies
  asked me…"), dropped to find its topic.
"""

from __future__ import annotations

import functools
import re
import threading
from typing import Any

from debrief.core.evidence import folded

# Every currency sign the package reads as money, and one of them as a regex character class.
CURRENCY_SIGNS = "$€£₹₦¥₩₱₺₽"
CURRENCY = f"[{CURRENCY_SIGNS}]"

WORD = re.compile(rf"[^\W_]+(?:['’][^\W_]+)?|[{CURRENCY_SIGNS}%]|\d+(?:[.,]\d+)*k?", re.UNICODE)
TERM = re.compile(rf"[\w{CURRENCY_SIGNS}%]+", re.UNICODE)
MESSAGE_WORD = re.compile(rf"[\w'{CURRENCY_SIGNS}%.-]+", re.UNICODE)
PLAIN_WORD = re.compile(r"[\w'-]+")
_PUNCT = re.compile(r"[^\w\s]+")

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

# Words of a question that do not say what it is about (for matching it to passages).
# Words of a company's name that say what kind of place it is, not which one.
ORG_WORDS = frozenset("""consulting consultancy consultants group partners partnership labs
health healthcare bank school college university hospital institute solutions systems
technologies technology capital analytics company corporation services agency trust foundation
studio studios media digital global international holdings network networks software data
industries associates clinic center centre office department council authority academy
shipyard drydock museum museums archives fund construction
""".split())

QUESTION_STOP_WORDS = frozenset("""a an and are as at be by did do does for from had has have how
i in is it me my of on or that the their them they this to was were what when where which who why
will with you your about across any all there been than then so if can could would should many
much more most ever get got""".split())

# Common question words of four letters or more: two items sharing only these are not related.
MATCH_STOP_WORDS = frozenset(
    "about after again also asked being could does doing from have how into just like more "
    "much need only over should some than that their them then there they this very want "
    "what when where which while will with would your you".split()
)

# Words a thank-you or connection note may use without the notes saying them.
COURTESY_WORDS = frozenset("""thank thanks thanking you your for the a an and to of in on with about our
conversation conversations talking talk talked speaking spoke time taking took meeting meet met
today yesterday really truly very much enjoyed enjoy appreciated appreciate appreciating
learning learned hearing heard great good insight insights insightful helpful interesting
discussing discussed discussion sharing shared share how what your team's team role position
opportunity excited exciting look looking forward forwards hope hoping glad happy it was is
be been being i i'm me my we us that this these those as at by from more also especially
particularly perspective approach thoughts chat kind generous open openness would love like
like to keep touch connect connecting stay staying further next steps continue continued
interest interested remain still very strongly if any there other opening openings consider
considered considering apply applying fit well wonderful pleasure again best regards sincerely
warm warmly all can could will its it's which who when where why so such some work working
process patience clear clarity you'd you'll you're you've yours yourself i'd i'll i've
detailed detail details explanation explaining explained importance important emphasis
commitment dedication success successful insightful valuable invaluable helping helped help
guidance encouragement willingness ability passion expertise provided providing handle handling
seeing see hear know knowing understand understanding understood made make making sure
definitely certainly truly genuinely incredibly especially focus focused thoughtful thorough
walking walk through throughout during after before while being was were has have had
are am myself let let's said
journey vision mission culture values excited excitement eager eagerly grateful gratitude
""".split())

# Words that frame a cross-interview question but say nothing about its topic.
QUESTION_FRAME_WORDS = frozenset("""which what who companies company employers interviewers
interviewer teams team recruiters people person asked ask asks asking questions question most
often common frequent frequently mentioned mention said say told talked pushed push gave give given
me i my mine interviews interview interviewed different other others another many times once twice
across all every each between over time still concrete specific any kind sort type types notes
note did does do have has had been were was are is get got keep coming up job jobs role roles
place places firm firms employer these those best worst highest lowest heaviest lightest biggest
smallest largest more less least compare compared comparison versus vs actually friendly make
makes would could should go into want wants wanted need needs needed like really one ones out
tell tells thing things stuff someone anyone anything bit lot so far re ve ll""".split())


def words(text: str) -> list[str]:
    """The text's words, folded (case, quote marks, accents kept as written)."""
    return WORD.findall(folded(text))


def content_words(text: str) -> list[str]:
    """The text's words that are not function words, folded, in order."""
    return [w for w in words(text) if w not in FUNCTION_WORDS]


def terms(text: str) -> set[str]:
    """Content words of a question or passage, folded (amounts such as $185k stay whole)."""
    return {w for w in TERM.findall(folded(text)) if w not in QUESTION_STOP_WORDS and len(w) > 1}


def normalise(text: str) -> str:
    """Casefolded words without punctuation: the exact-match key of an item."""
    return " ".join(_PUNCT.sub(" ", text.casefold()).split())


def match_words(text: str) -> set[str]:
    """Normalised words of four letters or more, less MATCH_STOP_WORDS."""
    return {w for w in normalise(text).split() if len(w) >= 4 and w not in MATCH_STOP_WORDS}


def specific_words(text: str) -> set[str]:
    """Specific words of a sentence (not courtesy words), folded."""
    found = {w.strip(".-'") for w in MESSAGE_WORD.findall(folded(text))}
    return {w for w in found if w and w not in COURTESY_WORDS and len(w) > 2}


def without_words(text: str, drop: set[str]) -> str:
    """The text's words as written, minus those whose folded form is in drop."""
    return " ".join(w for w in PLAIN_WORD.findall(text) if folded(w) not in drop)


_LOCAL = threading.local()


def _stemmer() -> Any:
    """This thread's Snowball stemmer (PyStemmer's objects are not to be shared by threads)."""
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        import Stemmer  # PyStemmer: the Snowball stemmers in C

        stemmer = _LOCAL.stemmer = Stemmer.Stemmer("english")
    return stemmer


def stems(text: str) -> list[str]:
    """The text's terms (see `terms`, in order, repeats kept, single digits too) as Snowball
    English stems, an ordinal as its number ("4th" -> "4").

    A stem ending in a doubled z loses one ("quizzes" -> "quizz" -> "quiz"), which Snowball
    leaves apart from "quiz". Remembered per text (asking across notes stems every line).
    """
    return list(_stems(text))


# A day or place said as an ordinal ("the 4th", "2nd"): one term with its number ("4 November").
_ORDINAL_TERM = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")  # (`ORDINAL` on one term)


@functools.lru_cache(maxsize=200_000)
def _stems(text: str) -> tuple[str, ...]:
    words = [_ORDINAL_TERM.sub(r"\1", w) for w in TERM.findall(folded(text))]
    words = [w for w in words if w not in QUESTION_STOP_WORDS and (len(w) > 1 or w.isdigit())]
    return tuple(s[:-1] if s.endswith("zz") else s for s in _stemmer().stemWords(words))


# Days and months: capitalised, but nobody's name.
CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed "
                     "thu thur thurs fri sat sun january february march april may june july "
                     "august september october november december jan feb mar apr jun jul aug "
                     "sep sept oct nov dec".split())

FUNCTION_STEMS = frozenset(stems(" ".join(FUNCTION_WORDS)))  # words that say no topic


# Words people use for the same thing in a question and in their notes ("pay" for "base
# band", "refs" for "references", "group interview" for "panel"): a question's keyword query
# also looks for the other words of each group it touches. Notes are never expanded.
SAME_THING = (
    "pay salary base comp compensation band wage wages ote",
    "remote wfh hybrid onsite office",
    "references refs referees",
    "panel group panelists panellists",
    "rejected rejection turned declined",
    "boss manager supervisor",
    "deadline due cutoff answer reply",  # "whens it due" for "want an answer by fri"
    "quiz test exam assessment",
    "visa sponsorship sponsor h1b",
    "relocation relocate",
    "shifts shift rota schedule timing timings",  # "working hours": "Timing is UK shift"
    "team headcount",
    "interviewers panelists",
    "feedback critique",
    "vehicle car truck van fleet",
    "restructure restructuring reorg reorganisation reorganization merge merged merger",
    "training orientation onboarding preceptor",
    "vacation pto holiday holidays",
    "promotion promoted promote",
    "parking",  # no other word: what SAME_PHRASE's "car park" is said as
    "behaviour behavior misbehave misbehaves misbehaving discipline",
    "prod production",
    "late behind delayed delay",  # "how much late is the school job": "3 weeks behind"
    "safety safe unsafe risk risks hazard hazards danger dangerous",
    "accommodation housing cottage caravan flat lodging",
    "chair chaired chairing chairs chairperson chairman chairwoman",  # "who was in charge"
    "councillor councilor cllr",
    "workload jobs volume",  # "how much work … in a year": "About 400 jobs in one year"
)


@functools.lru_cache(maxsize=1)
def _same_thing() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for group in SAME_THING:
        group_stems = tuple(dict.fromkeys(s for w in group.split() for s in _stems(w)))
        for st in group_stems:
            out[st] = tuple(dict.fromkeys([*out.get(st, ()), *group_stems]))
    return out


# The hours one works, as a question says them ("what are the working hours", "office hours").
WORK_HOURS = r"\b(?:working|work|office|shift|what)\s+hours\b"

# Phrases that say one of SAME_THING's words in several ("work from home" is "wfh").
SAME_PHRASE = ((re.compile(r"\bwork(?:ing)?[\s-]+from[\s-]+home\b", re.IGNORECASE), "wfh"),
               (re.compile(r"\bgroup[\s-]+interviews?\b", re.IGNORECASE), "panel"),
               (re.compile(r"\bturn(?:ed|s)?\s+(?:me\s+)?down\b", re.IGNORECASE), "rejected"),
               (re.compile(r"\b(?:time|days?)\s+off\b|\b(?:annual|paid)\s+leave\b",
                           re.IGNORECASE), "vacation"),
               # "moves you up a rung", "level up": a promotion
               (re.compile(r"\bmov(?:e|es|ed|ing)\s+(?:\w+\s+)?up(?:\s+a\s+(?:rung|level|grade))?"
                           r"\b|\blevel\s+up\b", re.IGNORECASE), "promotion"),
               (re.compile(r"\bcar\s*park\b", re.IGNORECASE), "parking"),
               (re.compile(r"\b(?:somewhere|place|where)\s+to\s+(?:live|stay)\b|\blive[\s-]+in\b"
                           r"|\bstaff\s+(?:housing|house|flat)\b", re.IGNORECASE),
                "accommodation"),
               # the hours one works ("what are the working hours"), not a rate's "an hour"
               (re.compile(WORK_HOURS, re.IGNORECASE), "shift"),
               # "the cut off for getting back to them", "to say yes or no": an answer owed
               (re.compile(r"\bcut[\s-]+off\b", re.IGNORECASE), "cutoff"),
               # "who was in charge" of an interview: who chaired it
               (re.compile(r"\bin\s+charge\b", re.IGNORECASE), "chair"),
               # "who'd I be answering to", "who do I answer to?": whom one reports to
               (re.compile(r"\banswering\s+to\b|\banswer\s+to\s*(?=\?|$)", re.IGNORECASE),
                "report to"),
               # "how much work does the workshop get through": its workload
               (re.compile(r"(?<=\bhow\smuch\s)work\b", re.IGNORECASE), "workload"),
               (re.compile(r"\b(?:say\s+)?yes\s+or\s+no\b|\bget(?:ting)?\s+back\s+to\b",
                           re.IGNORECASE), "answer"))


def same_phrased(text: str) -> str:
    """The text with each SAME_PHRASE phrase said in its one word ("time off" -> "vacation")."""
    for pattern, word in SAME_PHRASE:
        text = pattern.sub(f" {word} ", text)
    return text


def expanded_stems(text: str) -> list[str]:
    """The text's stems (see `stems`) followed by the other words of each SAME_THING group they
    touch, once each."""
    own = stems(same_phrased(text))
    table = _same_thing()
    extra = [s for st in own for s in table.get(st, ()) if s not in own]
    return [*own, *dict.fromkeys(extra)]


# Shorthand people type in a hurry ("rnd 2", "b4", "mgr", "w the angry cafe guy"), spelled out
# before a question is routed, searched or put to the model.
TYPED_SHORT = {
    "b4": "before", "abt": "about", "mgr": "manager", "mgrs": "managers", "bldg": "building",
    "ppl": "people", "wknd": "weekend", "wknds": "weekends", "wk": "week", "wks": "weeks",
    "yr": "year", "yrs": "years", "tmrw": "tomorrow", "tmw": "tomorrow", "qs": "questions",
    "dept": "department", "govt": "government", "diff": "different", "bc": "because",
    "cuz": "because", "pls": "please", "plz": "please", "wat": "what", "wot": "what",
    "whens": "when's", "wheres": "where's", "whos": "who's",
    "thru": "through", "nite": "night", "nites": "nights", "hrs": "hours", "mins": "minutes",
    "cmte": "committee", "convo": "conversation", "ur": "your", "u": "you", "w": "with",
    "w/o": "without", "w/": "with", "q": "question", "1st": "first", "2nd": "second",
    "3rd": "third", "4th": "fourth", "approx": "about", "im": "I'm", "ive": "I've",
    "gm": "general manager", "hr": "HR", "wd": "would", "shd": "should", "fwd": "forward",
    "uni": "university", "unis": "universities",
}
# The function words among them: spelled out even inside a phrase shown as the note's own
# words, since they add no word the note lacks ("how wd u get 72hrs down to 48").
FUNCTION_SHORT = ("abt", "wd", "shd", "u", "ur", "b4", "thru", "w", "fwd")
_TYPED = re.compile(r"(?<![\w/])(" + "|".join(sorted(map(re.escape, TYPED_SHORT), key=len,
                                                      reverse=True)) + r")(?![\w/])",
                    re.IGNORECASE)
# "id get", "id send": "I'd" typed without its apostrophe (not the "ID" one shows).
_I_WOULD = re.compile(r"\bid(?=\s+(?:get|send|be|need|call|hear|start|like|go|bring|want"
                      r"|rather|say|ask|email|love|make|take|work|hear|know)\b)", re.IGNORECASE)
# "rnd 2", "rd 2": a round, by its number.
_ROUND = re.compile(r"\br(?:n)?d\s*(?=\d\b)", re.IGNORECASE)


def spelled_out(question: str) -> str:
    """A typed question with its shorthand spelled out ("grangford rd 2 - what did the mgr ask
    b4 the q about pay" -> "grangford round 2 - what did the manager ask before the question
    about pay"); "+" between words is "and". Names and other words are left as typed."""
    text = _I_WOULD.sub("I'd", _ROUND.sub("round ", question))
    text = re.sub(r"\s\+\s", " and ", text)
    # a capital single letter is an initial or a name ("Dr. W", "R"), not "with" or "you"
    return _TYPED.sub(lambda m: m.group(1) if len(m.group(1)) == 1 and m.group(1).isupper()
                      else TYPED_SHORT[m.group(1).casefold()], text)


# Words typed without their apostrophe that mean nothing else ("whats yr fault finding",
# "theyre going for", "i cant do"); "its", "were", "ill", "well", "hes", "shell" are words too.
NO_APOSTROPHE = {w.replace("'", ""): w for w in """what's that's there's where's who's you've
you're you'd you'll they're they've they'll they'd can't don't didn't doesn't isn't wasn't
weren't wouldn't couldn't shouldn't haven't hasn't hadn't aren't won't she's""".split()}
DAY_SHORT = {"mon": "Monday", "tue": "Tuesday", "tues": "Tuesday", "wed": "Wednesday",
        "weds": "Wednesday", "thu": "Thursday", "thur": "Thursday", "thurs": "Thursday",
        "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}
MONTH_SHORT = {"jan": "January", "feb": "February", "mar": "March", "apr": "April", "jun": "June",
          "jul": "July", "aug": "August", "sep": "September", "sept": "September",
          "oct": "October", "nov": "November", "dec": "December"}
# Shorthand a message spells out whatever its place (a content word, unlike "u" or "w").
MESSAGE_SHORT = {**{k: v for k, v in TYPED_SHORT.items() if len(k) > 2 and k not in (
    "approx", "w/o", "diff", "1st", "2nd", "3rd", "4th", "wat", "wot", "pls", "plz", "yrs")},
    "refs": "references", "ref": "reference", "cos": "because", "tho": "though",
    "rnd": "round", "ppm": "ppm", "qs": "questions", "wk": "week", "wks": "weeks"}
_DAY_OR_MONTH = "|".join(sorted({*DAY_SHORT, *MONTH_SHORT}, key=len, reverse=True))
# A day or month said short where a date stands: after "by", "on", "till", "next" … or beside a
# number ("fri 10 oct", "thurs 25 sept"), so "sat down" and "the sun" stay as they are.
_DATE_SHORT = re.compile(
    rf"(?P<pre>\b(?:by|on|till|til|until|before|from|next|this|last|every|each|in|mid|early"
    rf"|late|end|of|since)\s+|\d(?:st|nd|rd|th)?\s+)(?P<a>{_DAY_OR_MONTH})\.?\b"
    rf"|\b(?P<b>{_DAY_OR_MONTH})\.?(?=\s+\d)", re.IGNORECASE)
_SHORT_WORD = re.compile(r"(?<![\w'’/.-])(" + "|".join(sorted(map(re.escape, {
    *NO_APOSTROPHE, *MESSAGE_SHORT}), key=len, reverse=True)) + r")(?![\w'’/-])", re.IGNORECASE)
# "yr": "year" after a number or a word that counts ("this yr", "2 yr", "a yr"), else "your"
# ("whats yr fault finding").
_YEAR = re.compile(r"(?P<pre>\b(?:this|next|last|per|each|a|one|the|that)\s+|\d\s*)yr(?P<s>s?)\b",
                   re.IGNORECASE)
_YOUR = re.compile(r"(?<![\w'’/.-])yr(?![\w'’/-])", re.IGNORECASE)
_I_HAD = re.compile(r"(?<![\w'’])id(?=\s+(?:done|been|had|seen|used|worked|ever|never|always"
                    r"|already|only|just|forgotten|missed)\b)")


def typed_out(text: str) -> str:
    """Text typed in a hurry, spelled out for a message someone else will read ("whats yr fault
    finding" -> "what's your fault finding", "by thurs" -> "by Thursday", "2 refs" -> "2
    references", "what id done" -> "what I'd done"). Each change is a fixed spelling of the
    note's own word, so a message says nothing the note does not."""
    def keep_case(short: str, long: str) -> str:
        return long[:1].upper() + long[1:] if short[:1].isupper() else long

    text = _I_HAD.sub("I'd", _I_WOULD.sub("I'd", text))
    text = _DATE_SHORT.sub(lambda m: (m.group("pre") or "") + {**DAY_SHORT, **MONTH_SHORT}[
        (m.group("a") or m.group("b")).casefold()], text)
    text = _YOUR.sub(lambda m: keep_case(m.group(0), "your"), _YEAR.sub(r"\g<pre>year\g<s>", text))
    text = _ROUND.sub("round ", text)
    return _SHORT_WORD.sub(lambda m: keep_case(m.group(1), {**MESSAGE_SHORT, **NO_APOSTROPHE}[
        m.group(1).casefold()]), text)


# The user's own guess, said after the question ("…, was it bronwyn?", "…, kwame and sonia?"
# after a "who", "Odile something?"): a name the notes may spell otherwise or not hold; the
# question is asked without it (a guessed figure stays: "was it 10k a year?" is the question).
_GUESS_WAS = re.compile(r"\s*[,;—–-]\s*(?:or\s+)?(?:was|is)\s+(?:it|she|he|that|they)\s+"
                        r"(?:maybe\s+)?[^,?\d]{2,30}\?\s*$", re.IGNORECASE)
_GUESS_WHO = re.compile(r"\s*,\s*(?:maybe\s+|like\s+)?[^\W\d_]+(?:\s+(?:and|or|&)\s+[^\W\d_]+)?"
                        r"(?:\s+something)?\s*\?\s*$", re.IGNORECASE)
_GUESS_SOMETHING = re.compile(r"\s*,?\s*\b[^\W\d_]+\s+something\s*\?", re.IGNORECASE)
_ASKS = re.compile(r"\b(?:who|what|whats|what's|which|how|when|where|why)\b", re.IGNORECASE)


def without_guess(question: str) -> str:
    """The question less a guessed name the user added ("at gullwing who wrote the email, was
    it bronwyn?" -> "at gullwing who wrote the email"); unchanged when what is left would ask
    nothing."""
    out = _GUESS_WAS.sub("", question)
    if re.search(r"\bwho\b", out, re.IGNORECASE):
        out = _GUESS_WHO.sub("", out)
    out = " ".join(_GUESS_SOMETHING.sub(" ", out).split())
    return out if _ASKS.search(out) and len(out.split()) >= 3 else question


# A sentence that asks: it ends in "?" or opens with a question word or an inverted verb.
_ASKING_SENTENCE = re.compile(
    r"\?\s*$|^\W*(?:who|whom|whose|what|whats|what's|which|how|when|where|why|did|do|does|is"
    r"|are|was|were|can|could|will|would|should|have|has|had)\b"
    # a request ("please list the money for all three", "line them up")
    r"|^\W*(?:please\s+)?(?:list|give\s+me|show\s+me|tell\s+me|put|compare|line|sum\s+up)\b",
    re.IGNORECASE)
# Words whose full stop ends no sentence ("for Mrs. Khandekar", "Dr. W", "sit in Dept. 9",
# "No. 4"), as they are typed: one list for every splitter of sentences and clauses.
ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sr", "Jr", "vs", "Dept", "No", "Rm",
                 "mr", "mrs", "ms", "dr", "prof", "dept")


def not_after_abbreviation(stop: str = "") -> str:
    """Regex lookbehinds that hold where the text before is not one of ABBREVIATIONS followed
    by `stop` (a splitter's own full stop, when it comes before the place it splits)."""
    return "".join(rf"(?<!\b{re.escape(a + stop)})" for a in ABBREVIATIONS)


_SENTENCE_END = re.compile(rf"(?<=[.!?]){not_after_abbreviation('.')}\s+(?=\S)|\s*\n+\s*")


# A situation told before a dash, then the question ("jodies mum asked which nights shed need
# kayden - which of the jobs have me on call and how often"): a clause with a verb, not a
# company or an interview named before the dash ("corvid lane final - who was on the call").
_TOLD_THEN_DASH = re.compile(r"^(?P<told>[^?]*?)\s+[-–—]+\s+")
# Someone (a few words) asked or said something: "jodies mum asked …", "my partner is asking
# about money"; not a description of one interview ("that short phone call with the director
# whose voicemail just said …", which points at the interview the question is about).
_TELLING_VERB = re.compile(r"^\W*(?:[\w'’]+\s+){1,3}?(?:asked|asks|is\s+asking|keeps\s+asking"
                           r"|was\s+asking|said|says|wants|wanted|told|tells|needs|needed)\b",
                           re.IGNORECASE)
# A question told as someone else's ("leanne keeps asking when i have to give tolland my
# answer", "my mum wants to know how much the school pays"): what follows is the question.
_RELAYED = re.compile(
    r"^(?!\W*(?:who|whom|whose|what|whats|what's|which|how|when|where|why|did|do|does)\b)"
    r"[^?]{0,60}?\b(?:keeps?\s+asking|kept\s+asking|is\s+asking|was\s+asking"
    r"|wants?\s+to\s+know|wanted\s+to\s+know|is\s+wondering|was\s+wondering)\s+(?:me\s+)?"
    r"(?=(?:when|whether|if|what|how|who|where|why|which)\s+(?:i|i'm|i'd|i've|my|we|they|the"
    r"|\w+\s+(?:i|my|the))\b[^,;—?]*\??\s*$)", re.IGNORECASE)


def asking_part(question: str) -> str:
    """The question less the statements that come before it ("Reorgs make me nervous. Which of
    the places … are being restructured?" -> "Which of the places … are being restructured?");
    the whole question when no sentence after the first asks anything. A question relayed from
    someone else is the question itself ("leanne keeps asking when i have to give tolland my
    answer" -> "when i have to give tolland my answer")."""
    sentences = [s for s in _SENTENCE_END.split(question.strip()) if s.strip()]
    first = next((i for i, s in enumerate(sentences) if _ASKING_SENTENCE.search(s)), 0)
    if first and (_POINTS_BACK.search(sentences[first]) or _ALL_OF_THEM.search(sentences[first])) \
            and (relayed := _RELAYED_BEFORE.search(sentences[first - 1])):
        # "my sister wants to know what they're all paying before we talk about dad. can you
        # put them side by side?": the request points back to the question relayed, which is
        # what is asked ("what they're all paying")
        said = sentences[first - 1][relayed.start("wh"):]
        return re.split(r"\s+(?:before|after|because|so|since|when|while|until)\s+"
                        r"(?:we|i|you|she|he|they)\b|[.;]", said, maxsplit=1,
                        flags=re.IGNORECASE)[0].strip()
    if first and (re.search(r"\b(?:him|her)\b", sentences[first], re.IGNORECASE) or re.search(
            r"\bthem\b", sentences[first], re.IGNORECASE) and re.search(
                r"\b(?:see|seeing|meet|meeting|call|calling|ring|email|emailing|text"
                r"|talk\s+to|talking\s+to|speak\s+to|speaking\s+to)\s+[a-z]",
                " ".join(sentences[:first]), re.IGNORECASE)):
        # "going to see kabir tomorrow. what was it i promised him?", "the clerk in the judge's
        # courtroom has been really nice to me. what did i say i'd do for him": who "him" is,
        # is told before, so it is part of what is asked
        first = 0
    asked = " ".join(sentences[first:]) if first else question
    told = _TOLD_THEN_DASH.match(asked)
    if told and len(told.group("told").split()) >= 4 and _TELLING_VERB.match(told.group("told")) \
            and _ASKING_SENTENCE.search(asked[told.end():]):
        asked = asked[told.end():]  # "jodies mum asked which nights … - which of the jobs …"
    # (not when the question points back into what was told: "marcus is off at the end of
    # november so before that: what did i promise him")
    told = _TOLD_THEN_COLON.match(asked)
    if told and len(told.group("told").split()) >= TOLD_WORDS \
            and _TOLD_VERB.search(told.group("told")) \
            and _ASKING_SENTENCE.search(asked[told.end():]) \
            and not _POINTS_BACK.search(asked[told.end():]):
        asked = asked[told.end():]  # "mihai is on nights … so this matters: which of …"
    told = _TOLD_THEN_SO.match(asked)
    if told and len(told.group("told").split()) >= TOLD_WORDS \
            and _TELLING_VERB.match(told.group("told")) \
            and not _POINTS_BACK.search(asked[told.end():]):
        asked = asked[told.end():]  # "rob says just take whichever pays most, so line up …"
    relayed = _RELAYED.match(asked)
    return asked[relayed.end():] if relayed else asked


# A situation told before a colon, then the question ("mihai is on nights at the depot so this
# matters: which of the places would want me on call overnight?"), when the told part has a
# verb (not "corvid lane final round: who was on the call")
_TOLD_THEN_COLON = re.compile(r"^(?P<told>[^?:]*?):\s+")
_TOLD_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|says?|said|wants?|asked|asks|keeps"
                        r"|needs?|thinks?|told|reckons?|matters)\b", re.IGNORECASE)
# Someone's word, then ", so" and what to do ("rob says just take whichever pays most, so line
# up the money for all three piano jobs")
_TOLD_THEN_SO = re.compile(r"^(?P<told>[^?]*?),\s+so\s+(?=(?:line\s+up|list|compare|tell\s+me"
                           r"|give\s+me|show\s+me|remind\s+me|sum\s+up|who|whom|whose|what|which"
                           r"|how|when|where|why)\b)", re.IGNORECASE)
TOLD_WORDS = 5  # words a told part before the question has at least
# A question relayed inside a told sentence ("my sister wants to know what they're all paying")
_RELAYED_BEFORE = re.compile(r"\b(?:keeps?\s+asking|kept\s+asking|is\s+asking|wants?\s+to\s+know"
                             r"|wanted\s+to\s+know|is\s+wondering)\s+(?:me\s+)?(?P<wh>what|which|how"
                             r"|who|when|where|whether|if)\b", re.IGNORECASE)
_POINTS_BACK = re.compile(r"\b(?:he|she|him|her|his|hers|they|them|their|it|that|this|there)\b",
                          re.IGNORECASE)
# A request that points back to the set a relayed question is about ("… for all three")
_ALL_OF_THEM = re.compile(r"\b(?:both|all\s+(?:two|three|four|five|of\s+them))\b", re.IGNORECASE)


# Where a second ask starts inside one sentence ("When did they say they'd decide, and who on
# the panel did I want to thank?"): "and" then a question word or an asking verb.
_SECOND_ASK = re.compile(
    r",?\s+(?:and|also|plus)\s+(?:also\s+)?(?=(?:who|whom|whose|what|whats|what's|which|how"
    r"|when|where|why|is|are|was|were|do|does|did|can|could|will|would|should)\b)",
    re.IGNORECASE)
# A second ask that only makes sense with the first ("… and what did each of them say?").
_LEANS_ON_FIRST = re.compile(r"\b(?:each|every|them|those|these|both|either|the others?)\b"
                             # "…, and was that date altered?": the first ask's answer, moved
                             r"|\bthat\s+(?:date|day|deadline|time|figure|number|amount)\b"
                             r"|\b(?:was|has|did)\s+it\s+(?:been\s+|ever\s+)?(?:moved|changed"
                             r"|altered|extended|pushed|put\s+back|brought\s+forward|change)\b",
                             re.IGNORECASE)


# Words a second ask may have without a thing of its own ("+ why not 1 higher").
_ELLIPSIS = frozenset("""not no never higher lower more less better worse else instead too one
ones then there even""".split())


def split_asks(question: str) -> list[str]:
    """Two asks in one question, each as it can be asked alone, with the statements told before
    them: "Tom's worried. What duties do they all do? And is the boarding evening paid?" ->
    ["Tom's worried. What duties do they all do?", "Tom's worried. And is the boarding evening
    paid?"]; [question] when it asks one thing (or a second ask leans on the first: "which
    companies X, and what did each say?")."""
    asked = asking_part(question)
    told = question[: max(0, question.find(asked[:20]))].strip() if asked != question else ""
    sentences = [x for x in _SENTENCE_END.split(asked.strip()) if x.strip()]
    asking = [x for x in sentences if _ASKING_SENTENCE.search(x)]
    if len(asking) == 2 and len(sentences) == 2:
        parts = asking
    elif len(sentences) == 1:
        pieces = _SECOND_ASK.split(sentences[0], maxsplit=1)
        parts = [pieces[0].rstrip(" ,;") + "?", pieces[1]] if len(pieces) == 2 else []
    else:
        parts = []
    if len(parts) != 2 or any(len(re.findall(r"[\w'’]+", x)) < 3 for x in parts) \
            or _LEANS_ON_FIRST.search(parts[1]) or len(terms(parts[1]) - _ELLIPSIS) < 2:
        return [question]  # ("refs: how many and when are they due?": one line answers both)
    return [f"{told} {x}".strip() for x in parts]


# What a question leaves out: "Apart from the bus case, what did she ask?", "leaving castellan
# out of it, which firms …", "On the hospice call, not the IV fluids one - which …".
_CLAUSE_START = r"(?:^|(?<=[,;:.!?]\s)|(?<=\s[-–—]\s))"
# (or, unpunctuated, where the question proper starts: "not counting the canon how many …")
_CLAUSE_END = (r"\s*(?:\([^)]*\)\s*)?(?:,|;|\s[-–—]\s|\?|$"
               r"|(?<=\w)(?=\s+(?:how\s+(?:many|much|long|often)|(?:how|what|which|who|when|where"
               r"|why)\s+(?:did|do|does|was|were|is|are|have|has|had|will|would)\b)))")
_LEFT_OUT = re.compile(
    rf"{_CLAUSE_START}(?:(?:apart|aside)\s+from|other\s+than|besides|except(?:\s+for)?"
    r"|excluding|not\s+counting|not\s+including|leaving\s+(?:out|aside)|setting\s+aside"
    rf"|putting\s+aside|ignoring)\s+(?P<a>[^,;?()]+?){_CLAUSE_END}"
    rf"|{_CLAUSE_START}leaving\s+(?P<b>[^,;?()]+?)\s+(?:out|aside)"
    rf"(?:\s+of\s+(?:it|this|that|the\s+\w+))?{_CLAUSE_END}"
    r"|(?<=,\s)not\s+(?!(?:that|sure|really|quite|only|just|even|yet|much|too|so|bad|great"
    r"|always|exactly)\b)(?P<c>[^,;?()–—-]+?)\s*(?:,|\s[-–—]\s)",
    re.IGNORECASE)
# Words that say nothing of what is left out ("the clawback thing", "the branch closure stuff").
_VAGUE = frozenset("thing things stuff bit bits part one ones whole".split())


def left_out(question: str) -> tuple[str, str]:
    """The question less what it leaves out, and that thing ("" when it leaves out nothing):
    "apart from the payback maths, what else did i get wrong?" -> ("what else did i get
    wrong?", "the payback maths")."""
    m = _LEFT_OUT.search(question)
    if m is None:
        return question, ""
    thing = next(g for g in m.groups() if g is not None).strip()
    end = question[m.end() - 1] if m.end() and question[m.end() - 1] == "?" else ""
    rest = re.sub(r"\s*[,;]\s*(?=\?|$)", "", f"{question[:m.start()]} {question[m.end():]}{end}")
    return " ".join(rest.split()).strip(" ,;-–—") or question, thing


def holds_left_out(text: str, thing: str) -> bool:
    """Whether a line is about the thing a question leaves out: it holds two of the thing's
    content words (the one, when it has one)."""
    want = set(_stems(thing)) - set(_stems(" ".join(_VAGUE)))
    if not want:
        return False
    return len(want & set(_stems(text))) >= min(2, len(want))


def search_words(question: str) -> str:
    """What to search the notes with: the asking part, and the capitalised words the statements
    before it give mid-sentence ("Bronagh at Kellerman Ruiz has gone quiet. What's the name of
    the director she was checking with?" -> "What's the name of … Kellerman Ruiz"; a name that
    opens a sentence is not told from any other opening word, and is left out)."""
    asked = asking_part(question)
    if asked == question:
        return question
    told = question[: max(0, question.find(asked[:20]))]
    names = [w for w in re.findall(r"(?<=[\w,;:'’)] )[A-Z][\w'’&-]*", told)
             if not re.fullmatch(r"I(?:['’]\w+)?", w)]
    return " ".join([asked, *dict.fromkeys(names)])


# A month by its first three letters, as dates are written in notes and questions.
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


COUNT_WORDS = "two three four five six seven eight nine ten eleven twelve".split()
# A lone small count ("4", "3 of them"), not part of a range, score, sum, share or time.
COUNT_DIGIT = re.compile(r"(?<![\d/$£€:-])(?<!\d[.,])\b([2-9]|1[0-2])\b(?![\d/%:-]|[.,]\d)")


# An ordinal in digits ("the 4th", "22nd"): its number.
ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)


def counts_in_words(text: str) -> str:
    """The text with lone small counts in digits written as words ("4" → "four"), so that an
    answer's "4" and a note's "Four exercises" are one word, and a bare count is a word at all
    (one-character terms are dropped). An ordinal counts as its number first ("the 4th" is the
    note's "4 November")."""
    return COUNT_DIGIT.sub(lambda m: COUNT_WORDS[int(m.group(1)) - 2], ORDINAL.sub(r"\1", text))


def number_word(n: int) -> str:
    """A small number in words, as a sentence says it ("two"); larger ones as digits."""
    return ("no one two three four five six seven eight nine ten".split()[n] if 0 <= n <= 10
            else str(n))


def join_and(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
