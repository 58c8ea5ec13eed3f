"""The sentences of a message that code owns: greeting, opener, detail frames, closing.

The model only chooses details and gives each a short phrase in the note's words; every
sentence around those phrases comes from here. Frames vary with the kind of message, the tone
and the kind of detail (a question they asked, a topic discussed, something they told you, a
concern you can answer, an opening they pointed to, something you promised), and a second
detail of the same kind gets the next frame, so messages do not all read alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from debrief.core.domain import MessageKind, Tone
from debrief.core.text import FUNCTION_WORDS, not_after_abbreviation

# Words that end a role as typed ("Sales position"): no second "role" after them.
ROLE_NOUNS = frozenset("role position job opening post opportunity internship placement vacancy "
                       "residency fellowship apprenticeship contract gig".split())
SUBJECTS = frozenset("i we you they he she it there".split())
WH_WORDS = frozenset("how what why whether when where which who".split())

# Frames per detail kind and tone; {p} is the checked phrase. "clause" frames take a phrase
# that is a whole clause ("you liked the idempotency work"), the others a noun phrase, a
# "how …" clause or an -ing phrase.
BODY: dict[str, dict[str, list[str]]] = {
    "question": {
        "warm": ["Working through {p} with you was a highlight for me.",
                 "Your question about {p} has stayed with me.",
                 "Thinking through {p} was a real pleasure."],
        "formal": ["I appreciated the chance to work through {p}.",
                   "I valued your question about {p}.",
                   "Considering {p} was a useful exercise."],
        "brief": ["I enjoyed working through {p}.", "I liked your question about {p}.",
                  "{P} was a good one to think about."],
    },
    "topic": {
        "warm": ["I especially enjoyed our conversation about {p}.", "It was fun to dig into "
                 "{p} with you.", "I also loved hearing your thoughts on {p}."],
        "formal": ["I particularly valued our discussion of {p}.",
                   "Our conversation about {p} was very useful.",
                   "I also appreciated the exchange on {p}."],
        "brief": ["I enjoyed talking about {p}.", "Our chat about {p} was great.",
                  "Good to cover {p} too."],
    },
    "told": {
        "warm": ["It was great to hear your perspective on {p}.", "I appreciated hearing "
                 "more about {p}.", "It helped to learn about {p}."],
        "formal": ["I appreciated learning more about {p}.",
                   "Your perspective on {p} was very helpful.",
                   "Your account of {p} was valuable."],
        "brief": ["It was good to hear about {p}.", "Hearing about {p} was helpful.",
                  "Useful to learn about {p}."],
    },
    "concern": {
        "warm": ["On {p}, I'd be glad to share more about my experience.",
                 "I've been thinking more about {p} and would be happy to talk it through."],
        "formal": ["Regarding {p}, I would be glad to provide more detail on my experience.",
                   "I would welcome the chance to say more about {p}."],
        "brief": ["Happy to say more about {p}.", "Glad to talk more about {p}."],
    },
    "opening": {
        "warm": ["I'd love to hear more about {p}.", "{P} sounds really interesting to me."],
        "formal": ["I would welcome the chance to learn more about {p}.",
                   "I would be glad to be considered for {p} as well."],
        "brief": ["I'd like to hear more about {p}.", "{P} sounds interesting."],
    },
    "direct": {
        "warm": ["I enjoyed your question “{P}?”", "“{P}?” was a great question."],
        "formal": ["Your question “{P}?” was a valuable one to consider.",
                   "I have continued to reflect on your question “{P}?”"],
        "brief": ["Good question: “{P}?”", "I liked your question “{P}?”"],
    },
    # a question as asked, by someone on their side but not surely by the reader (the whole
    # note read for want of their own part)
    "asked": {
        "warm": ["I enjoyed the question “{P}?”", "The question “{P}?” has stayed with me."],
        "formal": ["The question “{P}?” was a valuable one to consider.",
                   "I have continued to reflect on the question “{P}?”"],
        "brief": ["Good question: “{P}?”", "I liked the question “{P}?”"],
    },
    "heard": {
        "warm": ["It was good to hear that {p}.", "It stuck with me that {p}."],
        "formal": ["I was glad to learn that {p}.", "I also noted with interest that {p}."],
        "brief": ["Good to hear that {p}.", "I also liked hearing that {p}."],
    },
    "feedback": {
        "warm": ["I really appreciated your candid feedback that {p}.",
                 "Your feedback that {p} has stayed with me."],
        "formal": ["I valued your feedback that {p}.",
                   "I have taken to heart your feedback that {p}."],
        "brief": ["Your feedback that {p} was useful.", "I appreciated your feedback that {p}."],
    },
    "clause": {
        "warm": ["I really enjoyed the part of our conversation where {p}.",
                 "It stuck with me that {p}."],
        "formal": ["I particularly valued the part of our conversation where {p}.",
                   "I also noted with interest that {p}."],
        "brief": ["I enjoyed the part where {p}.", "I also liked hearing that {p}."],
    },
}
# A follow-up or connection note has few sentences: each key has two leads, and the n-th
# sentence of the message takes the n-th (so two details never open with the same words).
FOLLOW_UP_BODY = {
    "opening": ["I'd also be glad to be considered for {p}.",
                "I'd also welcome the chance to hear more about {p}."],
    "question": ["Since we spoke, I've kept thinking about {p}.",
                 "Your question about {p} has stayed with me.",
                 "I've also reflected more on {p}."],
    "topic": ["I've kept thinking about our conversation about {p}.",
              "Our conversation about {p} has stayed with me.",
              "I also appreciated discussing {p}."],
    "told": ["Since we spoke, I've kept thinking about {p}.",
             "It was helpful to hear about {p}.",
             "I appreciated learning about {p}."],
    "concern": ["On {p}, I'd be glad to share more about my experience.",
                "I'd be happy to say more about {p}."],
    "direct": ["I've kept thinking about your question “{P}?”",
               "Your question “{P}?” has stayed with me.",
               "I've also reflected on your question “{P}?”"],
    "clause": ["I've kept thinking about the part of our conversation where {p}.",
               "The part of our conversation where {p} has stayed with me.",
               "I also noted that {p}."],
    "asked": ["I've kept thinking about the question “{P}?”",
              "The question “{P}?” has stayed with me."],
    "feedback": ["I've taken your feedback that {p} to heart.",
                 "Your feedback that {p} has stayed with me."],
    "heard": ["Since we spoke, I've kept thinking about how {p}.",
              "It was good to hear that {p}.",
              "I was also glad to learn that {p}."],
}
CONNECT_BODY = {
    "opening": ["I'd love to hear more about {p} some time.",
                "I'd be glad to hear more about {p} too."],
    "direct": ["I enjoyed your question “{P}?”", "“{P}?” was a great question."],
    "clause": ["I enjoyed the part where {p}.", "I also liked hearing that {p}."],
    "asked": ["I enjoyed the question “{P}?”", "“{P}?” was a great question."],
    "heard": ["It was good to hear that {p}.", "I also liked hearing that {p}."],
    "feedback": ["I appreciated your feedback that {p}.",
                 "Your feedback that {p} was useful."],
    "concern": ["I'd be glad to say more about {p} some time.",
                "Happy to talk more about {p} too."],
    "other": ["I enjoyed our conversation about {p}.", "I also enjoyed talking about {p}."],
}


# Words a nickname starts on that name nobody alone ("Hi Big," for Big Lou)
# Where a phrase runs on into the note's next sentence ("… up 20%. Diagnose."), past a title
ONE_SENTENCE = re.compile(rf"(?<=[a-z0-9%)]){not_after_abbreviation()}[.!]\s+(?=[A-Z])")
NICKNAME_WORDS = frozenset("big little wee young old auntie uncle".split())


@dataclass(frozen=True)
class Recipient:
    """Who the message is for: a name, or only a role ("the hiring manager")."""

    name: str | None
    title: str | None = None
    # names the note half-gives them ("I think his name is Kev or Kevin"): never used to greet
    # them, only to know their lines and to say "you" for them
    aliases: tuple[str, ...] = ()

    @property
    def first(self) -> str | None:
        """The first name ("Ana"), or the title and surname of a name said with a title
        ("Mr Hendry", "Dr. Okafor" of "Dr. Ama Okafor"); None when only the role is known."""
        words = (self.name or "").split()
        if words and HONORIFIC.match(words[0]):
            return f"{words[0]} {words[-1]}" if len(words) > 1 else None
        if len(words) == 2 and words[0].casefold() in NICKNAME_WORDS:
            return self.name  # "Big Lou", "Wee Tam": the nickname is the whole of it
        return words[0] if words else None

    def names(self) -> list[str]:
        """Every word of the name that could name them in the third person."""
        said = " ".join([self.name or "", *self.aliases])
        return [w for w in re.findall(r"[^\W\d_]+", said)
                if (len(w) > 2 or SHORT_NAME.fullmatch(w)) and not HONORIFIC.match(w)] + [
            # initials ("JP", "K.M.", without the last stop so that \b ends it) and a title
            # with one letter ("Mrs O"): the whole of what they are called
            m.group(0).rstrip(".") for m in INITIALS.finditer(said)]


# What someone is called when it is not a word: initials ("JP", "RK", "K.M.") or a title with
# one letter ("Mrs O", "Dr K").
INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]{2,3}|(?:[A-Z]\.){2,3}|(?:Mr|Mrs|Ms|Miss|Dr)\.?\s[A-Z]\.?)"
                      r"(?![\w.]?\w)")


# A name of two letters ("Jo", "Ed", "Li"): capitalised, not a particle of a surname ("de").
SHORT_NAME = re.compile(r"(?!(?:De|Da|Di|Du|La|Le|El|Al|Ap|Ab|St)$)[A-Z][a-z]")
# A title said before a name: such a person is greeted by both ("Hi Mr Hendry,", not "Hi Mr,").
HONORIFIC = re.compile(r"(?:mr|mrs|ms|miss|mx|dr|prof|professor|sr|sra|srta|dona|dom|herr|frau"
                       r"|mme|mlle|chef)\.?$", re.IGNORECASE)


# A title before a name inside a pattern ("promised Dr Malmberg a short note").
TITLE_BEFORE = rf"(?:{HONORIFIC.pattern.removesuffix('$')}\s+)?"


def past_title(name: str) -> list[str]:
    """The words of a name past a title said before it ("Dr Rosalind Albrecht" -> ["Rosalind",
    "Albrecht"]); all of them when it has none."""
    words = name.split()
    return words[1:] if len(words) > 1 and HONORIFIC.match(words[0]) else words


def initials(name: str) -> str:
    """"DU" of "Douglas Ure", as a hurried note writes them (a title before the name is no part
    of them)."""
    return "".join(w[0] for w in past_title(name) if w[:1].isupper())


def role_phrase(role: str | None) -> str:
    """"the Sales role", "the Sales position" (not "Sales position role"), or "the role"."""
    text = re.split(r",|\s[-–—(]\s?|\(|/", role or "")[0].strip()
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    if not text:
        return "the role"
    last = text.split()[-1].casefold()
    return f"the {text}" if last in ROLE_NOUNS else f"the {text} role"


def about(role: str | None, company: str | None) -> str:
    """"the Sales role at Acme" (company left out when unknown)."""
    return role_phrase(role) + (f" at {company.rstrip('.')}" if company else "")


# Words that name a person's job ("tax partner", "DC general manager", "charge nurse"): a
# title without one ("compliance") says where they work, and is no greeting.
PERSON_NOUNS = frozenset("""manager director head lead officer engineer partner recruiter principal
teacher nurse chair chairperson chief president vp coordinator specialist analyst consultant
designer developer dev scientist professor educator supervisor superintendent owner founder ceo
cto cfo coo cmo rep representative associate assistant advisor adviser counsel attorney lawyer
accountant controller administrator admin pm editor producer agent broker member trainer
instructor tutor dean provost governor librarian pharmacist physician doctor surgeon therapist
technician tech electrician mechanic foreman planner strategist marketer writer researcher
executive secretary clerk inspector auditor underwriter banker trader architect lecturer
fellow resident intern mentor buyer merchandiser chef gm hr hrbp sme dpo rn np pa md
""".split())


def greeting(kind: MessageKind, tone: Tone, to: Recipient) -> str:
    """"Hi Ana," / "Dear Ana Ruiz," / "Dear Hiring Manager," / "Hi," — never "Hi the,"."""
    if to.first:
        if tone == "formal" and kind != "connect":
            return f"Dear {to.name},"
        return f"Hi {to.first},"
    if kind == "connect":
        return "Hi,"
    title = re.sub(r"^(?:the|a|an|our|my)\s+", "", (to.title or "").strip(), flags=re.I)
    title = re.split(r",|\(|/", title)[0].strip()
    # "partner from the airport office": the role, not where they sit ("Dear Partner,")
    title = re.split(r"\s+(?:from|at|in|on|with|who|that)\s+", title, maxsplit=1)[0]
    if title and not {w.casefold().rstrip("s") for w in re.findall(r"[\w-]+", title)} \
            & PERSON_NOUNS:
        return "Hello,"  # "compliance", "the HR side": where they work, not who they are
    title = " ".join(w if w.isupper() or (i and w in ("of", "and", "for", "the")) else
                     w[:1].upper() + w[1:] for i, w in enumerate(title.split()))
    return f"Dear {title or 'Hiring Team'},"


def opener(kind: MessageKind, tone: Tone, role: str | None, company: str | None) -> str:
    """The first sentence: the one and only thanks of a thank-you."""
    what = about(role, company)
    if kind == "connect":
        return f"it was great meeting you during my interview for {what}."
    if kind == "follow-up":
        return f"I wanted to follow up on my interview for {what}."
    return {"warm": f"Thank you so much for taking the time to talk with me about {what}.",
            "formal": f"Thank you for taking the time to speak with me about {what}.",
            "brief": f"Thank you for talking with me about {what}."}[tone]


def closing(kind: MessageKind, tone: Tone) -> str:
    """The last line when nothing was promised."""
    if kind == "connect":
        return "I'd be glad to stay connected."
    if kind == "follow-up":
        return {"warm": "I'd love to hear any update when you have one.",
                "formal": "I would welcome any update on next steps.",
                "brief": "Any update would be welcome."}[tone]
    return {"warm": "I'm excited about the role and look forward to hearing about next steps.",
            "formal": "I remain very interested in the position and look forward to hearing "
                      "about next steps.",
            "brief": "I look forward to next steps."}[tone]


def sign_off(tone: Tone) -> str:
    """"Best," / "Sincerely," — never a second "Thanks"."""
    return {"formal": "Sincerely,", "warm": "Best,", "brief": "Best,"}[tone]


# A task as the interviewer set it ("design webhook delivery to shippers").
IMPERATIVE = frozenset("""do design explain walk describe tell prioritize prioritise build write
estimate handle sketch plan give draft present review pitch sell solve create show list make
find fix debug diagnose teach rank pick choose convince price triage assess replace open
manage lead run train coach support prepare negotiate measure improve reduce hire onboard
migrate scale test deploy monitor answer respond approach balance prioritise deliver
calculate document escalate de-escalate install isolate inspect repair restore recover
resolve structure split size forecast model audit reconcile schedule staff read interpret
identify compare summarise summarize translate be keep stay remember avoid""".split())
AUX = frozenset("did do does would will can could should is are was were have has".split())


# Pronouns for anyone ("everyone interrupts everyone"): a clause's subject.
EVERYONE = frozenset("everyone everybody nobody someone somebody no-one anyone".split())
# A clause of the note's own story, not of the talk: the part "where" it happened must be the
# reader's or both sides' ("you took me down the pick aisles", "we sketched the flow"), or what
# the user did ("I went with a backhaul flow"), never a verdict on it ("I got the gearing fine")
# or the scene ("the 90 was fine", "final was with the two founders", "I'm sat in the car").
OURS_OR_YOURS = re.compile(r"(?:you|we)(?:['’](?:re|ve|d|ll))?$")
MY_VERDICT = frozenset("""was were had got knew felt thought did didn't couldn't wasn't forgot
blanked froze messed fumbled rushed struggled need needed have haven't am m think know guess
should must""".split())
# Openers of the user's own hedge or verdict ("not sure that's me", "need to chase …",
# "here's what I found out", "good, honestly"): nothing to tell the reader.
HEDGE = re.compile(r"(?:not|need(?:s|ed)?\s+to|here['’]?s|here\s+is|good|great|fine|nice|bad|ok"
                   r"|okay|honestly|hard\s+to)\b", re.IGNORECASE)
# The reader's face or manner as the user saw it ("you kinda made a face"): never said to them.
MANNER = re.compile(r"\b(?:made|pulled)\s+a\s+face\b|\b(?:laughed|smiled|nodded|frowned|sighed"
                    r"|winced|grimaced|smirked|yawned)\b|\b(?:kinda|kind\s+of|sort\s+of)\s+\w+ed\b",
                    re.IGNORECASE)


# Their word on the user's own part ("the pace was good", "my answer on audits was too long"):
# feedback, thanked as such.
FEEDBACK_ON = re.compile(
    r"(?:the|my)\s+(?:pace|lesson|presentation|answers?|demo|pitch|slides|structure|timing"
    r"|portfolio|memo|plan|approach|explanation|write-?up|opener|opening|close|closing|case"
    r"|analysis|code|design|solution)\b[^.;:]{0,40}?\s(?:was|were|is|are)\s+(?:(?:really|very"
    r"|pretty|quite|a\s+bit|a\s+little|too|spot)\s+)?(?:good|great|strong|clear|solid|excellent"
    r"|fine|nice|on|long|short|fast|slow|rushed|thin|vague|generic|right|well\s+\w+)\b",
    re.IGNORECASE)


# What the reader did after the talk ("she sent me link already", "he emailed me afterwards"),
# or a time told from the day the note was written ("we went to their depot this morning").
AFTER_THE_TALK = re.compile(
    r"\b(?:this\s+(?:morning|afternoon|evening)|yesterday|last\s+night)\b|"
    r"\b(?:sent|emailed|texted|messaged|forwarded)\s+(?:me|us)\b.*\b(?:already|since|afterwards"
    r"|after|later|yesterday|today|tonight|this\s+(?:morning|afternoon|evening))\b"
    r"|\balready\s+(?:sent|emailed|texted|messaged|forwarded)\b", re.IGNORECASE)


def story_clause(phrase: str) -> bool:
    """A clause that tells the note's story rather than a part of the talk (see
    OURS_OR_YOURS): "the 90 was fine", "I'm sat in the car", "I got the gearing fine"."""
    toks = [t.strip(".,;:!?()").casefold().replace("’", "'") for t in phrase.split()]
    if not toks or OURS_OR_YOURS.match(toks[0]):
        return False
    if toks[0] in EVERYONE:  # "everyone interrupts everyone": the user's view of the room
        return len(toks) < 2 or toks[1] not in RELATIVE  # ("someone who is visible …" is a
        # noun phrase)
    if toks[0] in ("i", "i'd", "i've", "i'm"):
        verb = toks[1] if toks[0] == "i" and len(toks) > 1 else toks[0].split("'")[-1]
        return verb in MY_VERDICT or toks[0] in ("i'm", "i've") or not (
            past(verb) or verb in CUT_PAST)
    if toks[0] in ("my", "our"):
        return False  # "my hero idea was strong but the pillars were generic": their feedback
    verb = next((t for t in toks[1:6] if t in FINITE or t in VERB_S or t in CUT_PAST
                 or past(t)), "")
    return verb in ("was", "were", "had", "did", "wasn't", "weren't", "hadn't", "didn't") \
        or verb in CUT_PAST or past(verb)  # "marketing wants …" is theirs, now


def did_then(clause: str) -> bool:
    """Whether the clause's first verb tells what was done then ("you took me down the
    aisles", "we sketched the flow"), not what is or will be ("you will send …")."""
    toks = [t.strip(".,;:!?()").casefold().replace("’", "'") for t in clause.split()]
    if toks and "'" in toks[0]:
        return toks[0].endswith("'d") and len(toks) > 1 and past(toks[1])  # "we'd covered"
    verb = next((t for t in toks[1:4] if t in FINITE or t in CUT_PAST or past(t)
                 or t in VERB_S), "")
    return verb in CUT_PAST or past(verb) or verb in ("was", "were", "did", "had")


def past(word: str) -> bool:
    """A regular past form ("rushed", "agreed"), not "need" or "speed"."""
    return len(word) > 4 and word.endswith("ed") and (not word.endswith("eed")
                                                      or word in ("agreed", "freed"))


# "they're also hiring", "we'll", "it's": a subject with its verb in one token.
CONTRACTED_SUBJECT = re.compile(r"^(?:i|we|you|they|he|she|there|that)['’](?:m|re|s|ve|ll|d)$")
# A finite verb or auxiliary: after a subject of its own it makes the phrase a clause
# ("the ICU float pool is hiring"); first, with no subject, a fragment ("could ask to …").
FINITE = frozenset("""is are was were has have had does did will would can could should might
must may isn't aren't wasn't weren't hasn't haven't doesn't don't didn't won't can't couldn't
wouldn't shouldn't""".split())
# Words that open a noun phrase's own clause ("the team that is growing" stays a noun phrase).
RELATIVE = frozenset("that which who whom whose where when how what why whether if".split())
WH_CONTRACTED = re.compile(r"^(?:what|how|who|where|when|why)['’](?:s|re)$")
CONJUNCTIONS = frozenset("and or but so because although though".split())
DETERMINERS = frozenset("the a an this our their my his her its".split())
LEADING_PREPOSITIONS = frozenset("with for about of from by at into over in on after before during "
                                 "until than".split())
# A past verb with its subject cut away ("rang this afternoon with the feedback").
CUT_PAST = frozenset("""rang said told went came gave took sent got made had felt thought saw
asked wanted called emailed mentioned explained wrote spoke left began ran built drove brought
spent sat stood walked talked tried started finished""".split())
# What follows a past verb whose subject was cut ("pulled out an actual paper map"): a particle,
# an article or a pronoun ("detailed plan" is a noun phrase).
CUT_OBJECT = frozenset("out up off down over back away a an the me him her them us it his my their"
                       " you your".split())
# A verb after a one-word subject makes a clause ("marketing wants a streaks feature").
VERB_S = frozenset("""wants needs says thinks likes loves hates expects prefers uses runs gets
takes keeps makes seems feels looks means knows cares handles owns leads decides""".split())
PREPOSITIONS = frozenset("to for about of with and or in on at by from into over".split())
# Words of VERB_S that open a noun phrase as often ("leads from the website", "needs of the unit").
NOUN_TOO = frozenset("needs uses runs looks means leads".split())
# A verdict on the user's part, its "I was" cut away ("strong on structure", "weak at numbers").
VERDICT = frozenset("strong weak good great solid better clear shaky thin light".split())
# When it happened, before a clause of its own ("last year we raised …", "yesterday she said …").
TIME_LEAD = re.compile(r"(?:(?:last|this|next)\s+(?:year|month|week|quarter|spring|summer|fall"
                       r"|autumn|winter)|yesterday|recently|lately|in\s+\d{4})\s*,?\s+",
                       re.IGNORECASE)


# A present-tense verb's form ("fails", "puts", "skips"), not a plural noun in "-ss"/"-us"/"-is"
S_VERB = re.compile(r"[a-z]{2,}[^su'’]s")
# What opens a verb's object: an article or a possessive ("fails its daily test")
OBJECT_OPENERS = frozenset("a an the its his her their my your our".split())


def present_case(phrase: str) -> bool:
    """Whether a clause tells a case in the present ("the autoclave fails its daily test at
    five to eight"): a verb in -s before its object."""
    toks = [t.strip(".,;:!?()").casefold() for t in phrase.split()]
    return any(verb_then_object(t, n) for t, n in zip(toks[1:], toks[2:], strict=False))


def verb_then_object(word: str, after: str) -> bool:
    """A word in -s with its object after it ("fails its", "keeps ignoring"): a verb."""
    return bool(S_VERB.fullmatch(word)) and (after in OBJECT_OPENERS or after.endswith("ing"))


# A last word that leaves the sentence hanging ("… if the head butcher job isn't")
DANGLING_AUX = re.compile(r"(?:is|are|was|were|do|does|did|has|have|had|ca|wo|would|should)"
                          r"n['’]?t")


def shape(phrase: str) -> str:
    """"clause" when the phrase has its own subject ("you liked …", "they're hiring", "the float
    pool is hiring"), "direct" for a question as asked ("how did we detect it"), "fragment"
    for a piece cut out of a sentence ("could ask to be …", "clearly cares about …", "and …"),
    else "phrase" (a noun phrase, a "how …" clause or an -ing phrase)."""
    lead = TIME_LEAD.match(phrase)
    if lead and shape(phrase[lead.end():]) == "clause":
        return "clause"  # "last year we raised the price": a clause after when it happened
    toks = [t.strip(".,;:!?()").casefold() for t in phrase.split()]
    toks = [t for t in toks if t]
    if not toks:
        return "phrase"
    if toks[0] in VERB_S - NOUN_TOO or (len(toks) > 1 and toks[0] in VERDICT
                                        and toks[1] in ("on", "at", "with", "in")):
        return "fragment"  # "wants to see more comfort with numbers", "strong on structure"
    if (toks[0] in SUBJECTS and toks[0] != "it") or CONTRACTED_SUBJECT.match(toks[0]) \
            or (toks[0] in EVERYONE and (len(toks) < 2 or toks[1] not in RELATIVE)):
        return "clause"
    wh = 1 if toks[0] in WH_WORDS else 2 if toks[:2] in (["how", "many"], ["how", "much"]) \
        else 0
    if wh and len(toks) > wh + 1 and toks[wh] in AUX and (
            toks[wh + 1] in SUBJECTS or (len(toks) > wh + 2 and toks[wh + 1] not in PREPOSITIONS)):
        return "direct"  # "how would you …", "how did testing change …"
    if len(toks) > 2 and WH_CONTRACTED.match(toks[0]):
        return "direct"  # "what's a launch that flopped"
    if len(toks) > 2 and toks[0] in AUX and toks[1] in SUBJECTS - {"it", "there"}:
        return "direct"  # a yes/no question as asked: "are you okay with utilization targets?"
    if len(toks) > 3 and toks[0] in ("which", "what", "whose") and toks[2] in AUX \
            and toks[3] in SUBJECTS:
        return "direct"  # "which experiment would you kill first"
    if len(toks) > 1 and headless_relative(toks[0], toks[1]):
        return "fragment"  # "that keeps me up at night", "which covers nights too"
    if toks[0] in LEADING_PREPOSITIONS:
        return "fragment"  # "with the owner-driver the whole time": its head was cut off
    if toks[:2] == ["as", "well"] or DANGLING_AUX.fullmatch(toks[-1]):
        return "fragment"  # "as well, if the head butcher job isn't": cut on both ends
    if toks[0] in RELATIVE:
        return "phrase"  # "how the team is structured"
    if toks[0] in FINITE or toks[0] in CONJUNCTIONS or toks[0] in CUT_PAST or (
            len(toks) > 1 and re.fullmatch(r"[a-z]{3,}ed", toks[0])
            # ("Counted, openly, the number of …": a past verb with a comma after it)
            and (toks[1] in CUT_OBJECT or phrase.split()[0].endswith(","))) or (
            len(toks) > 1 and toks[0].endswith("ly") and re.fullmatch(r"[a-z]+[^su]s", toks[1])):
        return "fragment"
    if len(toks) > 2 and toks[1] in VERB_S and toks[0] not in DETERMINERS:
        return "clause"  # "marketing wants a streaks feature"
    after_of = False  # past a preposition: the subject's own words ("bookings from mobile are")
    for i, tok in enumerate(toks[1:], 1):
        if tok in RELATIVE:
            break
        if tok in PREPOSITIONS:
            after_of = True
            continue
        if i >= 2 and (toks[0] in DETERMINERS or after_of) and (
                tok in SUBJECTS and tok != "it" or CONTRACTED_SUBJECT.match(tok)):
            # "a time I had to deliver bad news": the noun's own clause, no "that"; its verb is
            # the next word. A finite verb after that is the noun's own: "the brief they sent
            # on Tuesday was about courier rates" is a clause.
            rest = toks[i + 2:] if not CONTRACTED_SUBJECT.match(tok) else toks[i + 1:]
            if any(t in FINITE - {"would", "could", "should", "might", "must", "may", "can"}
                   for t in rest) and not any(t in RELATIVE | SUBJECTS for t in rest):
                return "clause"
            break
        if tok in FINITE and toks[i - 1] in DETERMINERS:
            continue  # "stable beer in the can": a noun after "the", no verb
        if tok in FINITE or (i >= 2 and tok in VERB_S and toks[0] in DETERMINERS
                             and not after_of):
            return "clause"  # "the Environmental Studies program needs a coordinator"
        if i + 1 < len(toks) and verb_then_object(tok, toks[i + 1]):
            # "the autoclave fails its daily test", "one of my techs keeps ignoring the
            # two-person rule": a word in -s before its object is the clause's verb
            return "clause"
    return "phrase"


def headless_relative(first: str, second: str) -> bool:
    """A clause cut from the noun it described: "that"/"which"/"who" and then its verb ("that
    keeps …", "which covers …", "who runs …"), or "that" opening a clause ("that the team is
    …") — neither fits after "about"."""
    verb = second in FINITE or bool(re.fullmatch(r"[a-z]+(?:[^su]s|ed)", second))
    if first == "that":
        return verb or second in SUBJECTS or second in DETERMINERS
    return first in ("which", "who") and verb


# A question set as a task to talk about: what follows is the thing asked about.
ASKED_FOR = re.compile(r"(?:tell|talk)\s+(?:me\s+|us\s+)?about\s+|describe\s+|walk\s+(?:me|us|you)\s+"
                       r"through\s+|give\s+(?:me\s+|us\s+)?an?\s+example\s+of\s+", re.IGNORECASE)
YOURS_AS_MINE = {"you": "I", "your": "my", "yours": "mine", "yourself": "myself",
                 "you're": "I'm", "you've": "I've", "you'd": "I'd", "you'll": "I'll"}


# Verbs whose "you" after them is their object ("tell you", "showed you"), so "me".
TAKES_OBJECT = frozenset("""tell told give gave show showed ask asked let help helped pay paid
call called send sent teach taught make made take took bring brought see saw meet met thank
thanked hire hired pick picked trust trusted convince convinced""".split())


def as_mine(phrase: str) -> str:
    """Their words to the user in the user's voice: "a time you failed" -> "a time I failed"
    ("you" after a preposition or at the end is "me")."""
    toks = phrase.split()
    out = []
    for i, tok in enumerate(toks):
        word = tok.casefold().replace("’", "'").strip(".,;:!?")
        mine = YOURS_AS_MINE.get(word)
        before = toks[i - 1].casefold().strip(".,;:!?").replace("’", "'") if i else ""
        if mine and word == "you" and (i == len(toks) - 1 or before in PREPOSITIONS
                                       or before in TAKES_OBJECT):
            mine = "me"  # "couldn't tell you what was wrong" -> "couldn't tell me …"
        out.append(tok.replace(tok.strip(".,;:!?"), mine) if mine else tok)
    return " ".join(out)


# The user reporting their own words ("I said …", "I told her …"), not a question put to them.
SAID = re.compile(r"(?:i|we)\s+(?:said|told|mentioned|explained|answered|asked|talked|pitched)\b",
                  re.IGNORECASE)
ASKED_OF_YOU = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
                "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "am": "are"}
# Words a phrase cut from a sentence must not end on.
DANGLING_END = re.compile(r"(?:\s+(?:and|or|but|so|to|of|with|for|the|a|an|my|your))+$",
                          re.IGNORECASE)


# A phrase cut just before its verb ("… what people actually"), and the clause it cut
CUT_BEFORE_VERB = re.compile(r"\s(?:actually|really|just|always|never|usually|also|still|even)$",
                             re.IGNORECASE)
CUT_CLAUSE = re.compile(r"\s+(?:that|which|what|who|where|when)\s.*$", re.IGNORECASE)
# The user's own markers in a note ("- TODO: send", "FIXME"): never words of a message.
NOTE_MARKER = re.compile(r"\s*\b(?:(?i:todo|fixme|xxx)|NB)\b\s*[:!-]?\s*")


def unmarked(phrase: str) -> str:
    """The phrase without the note's to-do markers ("send the deck TODO" -> "send the deck")."""
    return NOTE_MARKER.sub(" ", phrase).strip()


def _frames(kind: MessageKind, tone: Tone, key: str) -> list[str]:
    """The body frames for a message kind, tone and detail key."""
    if kind == "connect":
        return CONNECT_BODY.get(key, CONNECT_BODY["other"])
    if kind == "follow-up":
        return FOLLOW_UP_BODY.get(key, FOLLOW_UP_BODY["topic"])
    return BODY.get(key, BODY["topic"])[tone]


def leads(frame: str) -> set[str]:
    """The runs of three words a frame puts around its detail ("kept thinking about", "has
    stayed with"): two sentences of one message share none of them."""
    runs: set[str] = set()
    for part in re.split(r"\{[pP]\}", frame):
        words = re.findall(r"[\w'’]+", part.casefold())
        runs |= {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}
    return runs


# A phrase that cannot carry a sentence: it leans on words cut away ("since I keep talking
# about customers they"), describes a manner ("very blunt, very Midwestern"), or names almost
# nothing ("how to design", "8 PDP").
LEANS_BACK = re.compile(r"^(?:since|because|cause|cos|although|though|unless|whereas|very"
                        r"|afterwards|then|later|first|plus"
                        r"|it['’]s|it\s+(?:is|was)|this\s+(?:is|was)|that['’]s)\b",
                        re.IGNORECASE)  # "it's different, it's faster": what is?
ENDS_ON_PRONOUN = re.compile(r"\b(?:they|he|she|we|i|who|which|that)$",
                             re.IGNORECASE)
# What follows "said" when its speaker was cut off ("[Beau said] later that they had …").
LATER_THAT = re.compile(r"^(?:later|then|also|afterwards|after|again|too)\s+that\s+", re.IGNORECASE)
# "told me healthcare is busy": the speaker was cut away, the report stays.
TOLD_ME = re.compile(r"^(?:told|tells|said|says)\s+(?:me\s+|us\s+)?(?:that\s+)?", re.IGNORECASE)


def carries(phrase: str) -> bool:
    """Whether a phrase can stand in a sentence of its own (see LEANS_BACK)."""
    words = [w for w in re.findall(r"[\w'’-]+", phrase)
             if (len(w) > 2 or any(c.isdigit() for c in w)) and w.casefold() not in FUNCTION_WORDS]
    named = any(w[:1].isupper() or any(c.isdigit() for c in w)
                for w in words)  # "Looker", "SQL", "v1"
    return (len(words) >= 2 or named) and not LEANS_BACK.match(phrase) \
        and not ENDS_ON_PRONOUN.search(phrase.rstrip(" .,;:!?")) \
        and not SHORTHAND.search(phrase)


# The note's own shorthand ("boss = speed at the chair", "consults → starts"): no sentence
SHORTHAND = re.compile(r"\s(?:=|→|->|=>)\s")


def body_sentence(kind: MessageKind, tone: Tone, detail_kind: str, phrase: str,
                  nth: int = 0, before: list[str] | None = None) -> str:
    """The sentence that carries one detail's phrase ("" when the phrase cannot stand alone,
    see `carries`); a frame sharing three words with one of the message's sentences `before`
    it is passed over when another fits."""
    phrase = LATER_THAT.sub("", TOLD_ME.sub("", unmarked(phrase)))
    # one sentence: a phrase running into the note's next one ("… up 20%. Diagnose.") ends
    phrase = ONE_SENTENCE.split(phrase)[0]  # (not at "Mrs. Q")
    phrase = VAGUE.sub("", phrase)  # "something about trust structures": the topic itself
    if kept := KEPT_ON.match(phrase):  # "you kept talking about discretion": what they stressed
        phrase, detail_kind = kept.group(1), "told"
    if (worry := WORRY.match(phrase)) and len(worry.group(2).split()) >= 2:
        # "she worry that I will leave …" (to her, "you worry …"): a concern to answer, not news
        link = {"about": "about", "whether": "about whether"}.get(worry.group(1).casefold(),
                                                                  "that")
        phrase = AS_CONCERN.format(link=link, p=worry.group(2))
        detail_kind = "concern"
    # "asked": a question asked in the interview, not surely by the reader: never "your question"
    asked = detail_kind == "asked"
    detail_kind = "question" if asked else detail_kind
    # a lead-in before the question itself ("Quick one — what's the difference between …")
    phrase = LEAD_IN.sub("", phrase)
    if YES_NO.match(phrase):  # "do I have 1 yr of acute care experience (no)", listed as asked
        reported = whether(phrase)
        if not reported or detail_kind != "question":
            return ""  # "did you …" (no past form here), or the user's own "should I …?"
        phrase = reported
    form = shape(phrase)
    if form == "direct":  # the question alone, not the note's story after it ("… and he asked
        phrase = THEN_STORY.split(phrase)[0]  # me about it after")
    if form == "phrase" and detail_kind == "opening" and (role := A_ROLE.match(phrase)) \
            and not ROLE_NOUNS & set(phrase.casefold().split()):
        phrase = AS_OPENING.format(p=role.group(1))  # "a senior engineer": a person, no post
    if form != "direct" and not carries(phrase):  # a question as asked stands alone
        return ""
    if form == "fragment" and not re.match(r"to\s", phrase, re.IGNORECASE):
        return ""  # cut from its sentence ("rang this afternoon with …", "after the brief")
    key = form if form != "phrase" else detail_kind
    ours = re.match(r"(?:i|we)(?:['’]\w+)?\b", phrase.casefold())
    if form == "clause" and detail_kind == "question" and not ours and "?" not in phrase \
            and (re.search(r"\b(?:your?|my)\b", phrase, re.IGNORECASE)
                 or present_case(phrase)):
        # a case they set ("A ward sister wants a patient out before your assessment is
        # finished. What do you do?"): the question is what the user would do, not their news
        phrase, form, key = f"what I would do when {as_mine(phrase)}", "phrase", "question"
    if form == "clause" and detail_kind in ("told", "opening") and not ours:
        key = "heard"  # something they told you: "It was good to hear that …"
    if form == "clause" and detail_kind == "told" and (FEEDBACK_ON.match(phrase) or re.match(
            r"i\s+\w+", phrase.casefold()) and not story_clause(phrase)):
        key = "feedback"  # what they told the user of their own answer: "I pitched too early"
    if form == "clause" and detail_kind == "question" and ours and not SAID.match(phrase) \
            and ("?" in phrase or not re.match(r"\S+\s+\w+ed\b", phrase)):
        # (not "I shadowed the Sunday lunch": what the user did, no question typed back)
        # their question as the user typed it back ("I have experience with VFD? which brand")
        phrase, form, key = f"whether {phrase.split('?')[0]}", "phrase", "question"
    if HEDGE.match(phrase) or MANNER.search(phrase):
        return ""  # "not sure that's me", "you kinda made a face": the user's own view
    if AFTER_THE_TALK.search(phrase):
        return ""  # "you sent me link already": what came after, no part of the talk
    if form == "clause" and key in ("clause", "heard") and story_clause(phrase):
        # "the part where the 90 was fine": the note's story, no part of the talk; "good to
        # hear that they had an OSHA visit last spring": their past, told as news to them
        return ""
    phrase = DANGLING_END.sub("", phrase.rstrip(" .,;:!?"))  # "… a covenant and"
    if CUT_BEFORE_VERB.search(phrase):
        # "documents that match what people actually": cut before its verb, the clause goes
        phrase = CUT_CLAUSE.sub("", phrase).rstrip(" ,;:")
        if CUT_BEFORE_VERB.search(phrase) or not phrase:
            return ""
    asked_for = ASKED_FOR.match(phrase)
    if asked_for and len(phrase[asked_for.end():].split()) >= 2:
        # "Tell about a time you stop the work" -> "Your question about a time I stop the work"
        phrase, form, key = as_mine(phrase[asked_for.end():]), "phrase", "question"
    elif form == "phrase" and detail_kind == "question" and EVER.match(phrase):
        phrase = "whether I had " + phrase  # "ever written a fiscal note?"
    elif form == "phrase" and phrase.split()[0].casefold() in IMPERATIVE:
        # a task as set: "design webhook delivery" ("Describe one…" as typed in a list too)
        phrase = "how to " + phrase[:1].lower() + phrase[1:]
    elif phrase.casefold().startswith("to ") and len(phrase.split()) > 2:
        phrase = "how " + phrase  # "to work out the DSCR" -> "how to work out the DSCR"
        # ("to teach metabolism like they are first-years" has a clause in it: still a phrase)
        form, key = "phrase", detail_kind if key in ("fragment", "clause", "heard") else key
    if asked and key in ("direct", "question"):
        key = "asked" if key == "direct" else "topic"
    choices = _frames(kind, tone, key)
    turn = [choices[(nth + k) % len(choices)] for k in range(len(choices))]
    said = " ".join(" ".join(re.findall(r"[\w'’]+", b.casefold())) for b in before or [])
    # both taken: a plain "our conversation about …" frame before saying the same thing twice
    spare = [] if form in ("direct", "clause") else _frames(kind, tone, "topic")
    frame = next((f for f in [*turn, *spare] if not any(r in said for r in leads(f))), None)
    if frame is None:
        return ""  # every frame would open like a sentence before it: one detail fewer
    if form == "phrase" and detail_kind == "question" and re.search(
            r"\b(?:you|your|yourself)\b", phrase, re.IGNORECASE) and not re.search(
            r"\bI(?:['’](?:d|m|ve|ll))?(?![\w'’])", phrase):
        # their question, reported in the user's voice: "what you do if your first proposal is
        # not funded" -> "what I do if my first proposal is not funded" (a phrase with an "I"
        # already says "you" of the reader: "how to talk you through how I'd route the drops")
        phrase = as_mine(phrase)
    if form == "direct" and not re.search(r"\byou(?:r|rs|rself)?\b", phrase, re.IGNORECASE):
        # their question to the user, quoted: "how would I design" -> "you" (one that already
        # says "you" is in their voice: "how would you convince me …" keeps its "me")
        # (a word, not part of a hyphened one: "the pro-am" keeps its "am")
        phrase = re.sub(r"(?<![\w'’-])(?:i['’](?:m|ve|d|ll)|i|me|my|mine|myself|am)(?![\w'’-])",
                        lambda m: ASKED_OF_YOU[m.group(0).casefold().replace("’", "'")],
                        phrase, flags=re.IGNORECASE)
    if form == "clause" and key == "clause" and not ours and not (OURS_OR_YOURS.match(
            phrase.split()[0].casefold()) and did_then(phrase)):
        # their side's way now ("marketing wants a streaks feature", "you will send me the
        # contract by Friday"): heard, not a "part where"
        frame = next((f for f in [*turn, *spare] if "where" not in f
                      and not any(r in said for r in leads(f))), None)
        if frame is None:
            return ""
    if form == "clause" and ours and key == "clause":
        # "the part where I said …", not "hearing that I said …" (nor that opening twice)
        frame = next((f for f in choices if "where" in f and not any(r in said for r in leads(f))),
                     None)
        if frame is None:
            return ""
    p = phrase.rstrip(" .,;:!?")
    out = frame.replace("{P}", p[:1].upper() + p[1:]).replace("{p}", p)
    return out[:1].upper() + out[1:]


# Their worry about the user, told to them ("you worry that I will leave …", "you were
# concerned about my lack of ICU time"): the part after "that"/"about" is the concern.
WORRY = re.compile(r"(?:you|they|he|she)\s+(?:(?:are|were|was|seemed|sounded|is)\s+)?(?:a\s+bit\s+)?"
                   r"(?:worry|worries|worried|concerned|unsure|hesitant|skeptical)\s+"
                   r"(that|about|whether)\s+(.+)", re.IGNORECASE)
# A question as asked, then the note's story goes on ("who's telling people what and he asked
# me about it after").
THEN_STORY = re.compile(r"\s+(?:and|but|so|then)\s+(?=(?:he|she|they|you|i|we)\s+\w+)",
                        re.IGNORECASE)
# An opening named by a person's job ("is hiring a senior engineer").
A_ROLE = re.compile(r"an?\s+((?:[\w-]+\s+){0,3}[\w-]*(?:er|or|ist|yst|ian|ant|PM|lead|nurse|chef"
                    r"|clerk|rep|head|associate|partner))$", re.IGNORECASE)


# The user's vague memory of a topic ("something about trust structures", "stuff around …").
VAGUE = re.compile(r"^(?:something|stuff|things|some\s+questions?)\s+(?:about|around|on)\s+",
                   re.IGNORECASE)
# What they kept coming back to, as the user saw it ("you kept talking about discretion").
KEPT_ON = re.compile(r"(?:you|he|she|they)\s+(?:kept|keeps)\s+(?:on\s+)?(?:talking\s+about|"
                     r"coming\s+back\s+to|mentioning|stressing|bringing\s+up|saying)\s+"
                     r"(?!that\b)(.+)", re.IGNORECASE)
# Code's words around a phrase it turns: their worry, a person's job as an opening.
AS_CONCERN = "your concern {link} {p}"
AS_OPENING = "the {p} opening"


# A yes/no question as listed in a note, often without its "?" ("do I have 1 yr of acute care
# experience (no)", "are you comfortable driving 100+ miles a day").
YES_NO = re.compile(r"(do|does|did|am|are|is|have|has|can|could|would|will|should|was|were)\s+"
                    r"(i|you|we)\s+(\S.*)", re.IGNORECASE)
# Each asking verb with "I" after "whether" ("are you" -> "whether I'm"); "did" is left out: its
# verb would need its past form.
WHETHER_VERB = {"do": "I", "am": "I'm", "are": "I'm", "have": "I have", "can": "I can",
                "could": "I could", "would": "I would", "will": "I would", "should": "I should",
                "was": "I was", "were": "I was"}
# The user's answer typed after the question ("(no)", "(yes, 2 yrs)").
ANSWER_AFTER = re.compile(r"\s*\([^()]{1,24}\)\s*$")


def whether(question: str) -> str | None:
    """A yes/no question asked of the user, reported in their voice: "am I comfortable driving
    100+ miles a day" / "are you comfortable …" -> "whether I'm comfortable …"; None for one
    this can't turn ("did you …", "does the team …", "do we …")."""
    m = YES_NO.match(ANSWER_AFTER.sub("", question).rstrip(" ?.!"))
    if not m:
        return None
    aux, who, rest = m.group(1).casefold(), m.group(2).casefold(), m.group(3)
    verb = WHETHER_VERB.get(aux)
    if verb is None or who == "we" or (who == "i" and aux in ("are", "were")) or (
            who == "you" and aux in ("am", "was")):
        return None
    return f"whether {verb} {as_mine(rest) if who == 'you' else rest}"


# "Quick one — what's …", "Last one: how would you …": the question after a short lead-in.
LEAD_IN = re.compile(r"^[^—–:?]{1,24}?\s*[—–:]\s*(?=(?:what|how|why|which|who|when|where|would|"
                     r"could|can|do|did|have)\b)", re.IGNORECASE)
# A yes/no question asked as "ever …?" ("ever written a fiscal note?").
EVER = re.compile(r"ever\s+\w+(?:ed|en|n|t|ne|de|ke)\b", re.IGNORECASE)


def requested(thing: str) -> str:
    """What they asked for ("two references"), as the user's action: code's verb, the note's
    thing."""
    return f"send you {thing}"


# The user's own next step rather than something owed to the reader ("apply online for the
# trainee role", "tell you yes to both"): no "As promised".
OWN_STEP_VERBS = r"apply|ask|tell|fill (?:in|out)|complete|update|book|arrange|schedule|sign|check"
OWN_STEP = re.compile(rf"^(?:{OWN_STEP_VERBS})\b", re.IGNORECASE)
# What the next step needs from the user, offered ("gladly provide two references",
# phrasing.needed_action): no "As promised", and only if they go on.
READY_STEP = re.compile(r"^gladly\s+provide\b", re.IGNORECASE)
READY_LINE = "If you decide to move forward, I'll {act}."


ANSWER_OWED = re.compile(r"give you my (?:answer|decision|reply|response)\b")


# The condition a promise made "if I get it" is said with: code's words, not the note's
IF_HIRED = "if I get the job"


def promise_line(kind: MessageKind, action: str | list[str]) -> str:
    """Promises in the user's voice as the closing line: "As promised, I'll send you …";
    their own next step without "As promised": "I'll also apply …". Two promises share one
    line ("As promised, I'll send you my references and the deck.")."""
    acts = [unmarked(a).rstrip(" .,;:!?") for a in ([action] if isinstance(action, str)
                                                      else action)]
    # already kept ("have sent you the link …"): said as done, first
    kept = [a[len("have "):] for a in acts if a.startswith("have sent you ")]
    acts = [a for a in acts if not a.startswith("have sent you ")]
    ready = [a for a in acts if a and READY_STEP.match(a)]
    # an answer they asked for by a day is what the user will do, not what they promised
    # ("I'll give you my answer by next Friday.", never "As promised, I wanted to give …")
    answer = [a for a in acts if a and ANSWER_OWED.match(a)]
    # a plan made together ("let's go for a drink whatever happens", phrasing.TOGETHER)
    together = [a for a in acts if a.startswith("let's ")]
    acts = [a for a in acts if a not in together]
    owed = [a for a in acts if a and not OWN_STEP.match(a) and a not in ready + answer]
    own = [a for a in acts if a and OWN_STEP.match(a)]
    lines: list[str] = [f"As promised, I've {joined(kept)}."] if kept else []
    lines += [f"I'll {joined(answer)}."] if answer else []
    if owed:
        act = joined(owed)
        if kept:  # one "As promised" a line
            lines.append(f"I also wanted to {act}." if kind == "follow-up"
                         else f"I'll also {act}.")
        else:
            lines.append(f"As promised, I wanted to {act}." if kind == "follow-up"
                         else f"As promised, I'll {act}.")
    if own:
        act = joined(own)
        lines.append(f"I also wanted to {act}." if kind == "follow-up" else f"I'll also {act}.")
    if ready:
        lines.append(READY_LINE.format(act=joined(ready)))
    if together:
        lines.append(f"As we said, {joined(together)}.")
    return " ".join(lines)


def joined(acts: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return acts[0] if len(acts) == 1 else f"{', '.join(acts[:-1])} and {acts[-1]}"
