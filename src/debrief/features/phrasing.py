"""A detail's phrase: a few of the note's own words, turned to the reader.

A phrase (the model's, or one cut in code) must pass `grounded_headline` against the detail's
note words, like an item's headline. Only then is it turned to face the person it is written
to: "he asked how i'd …" becomes "how I'd …", "she liked the demo" becomes "you liked the
demo", and a promise ("send Priya the deck") becomes "send you the deck". A phrase that names
someone else, or says something private, is not used.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from debrief.core.evidence import folded
from debrief.core.text import (
    CALENDAR,
    FUNCTION_SHORT,
    FUNCTION_WORDS,
    TYPED_SHORT,
    content_words,
    not_after_abbreviation,
)
from debrief.features.frames import (
    ASKED_FOR,
    HONORIFIC,
    IF_HIRED,
    IMPERATIVE,
    OWN_STEP_VERBS,
    TAKES_OBJECT,
    TITLE_BEFORE,
    WH_WORDS,
    Recipient,
    initials,
    past_title,
    requested,
    shape,
)
from debrief.features.headlines import MAX_WORDS, grounded_headline, headline_from
from debrief.features.message_checks import PRIVATE

# "prompt: …", "case study: …", "big news first: …", "Q (C): …" (who asked, coded)
LABEL = re.compile(r"^(?:[\w/-]+(?:\s[\w/-]+){0,2})(?:\s?\([^()\n]{1,20}\))?\s?:\s+"
                   # a longer heading that says what kind of line follows ("Feedback at the
                   # door, from Benedetta: Casimir liked the plan")
                   r"|^(?:feedback|update|note|notes|context|background|summary|verdict|result"
                   r"|outcome|next steps?)\b[^:.!?]{0,50}:\s+", re.IGNORECASE)
# Words that lean on the sentence they were cut from ("still ~40 jobs", "also on-call").
LEAD_ADVERB = re.compile(r"^(?:still|also|just|only|basically|apparently|then|so|afterwards|after that"
                         r"|later|at the end)\s+",
                         re.IGNORECASE)
ASKED = re.compile(
    # ("Nobody asked me." is a complaint, not a question reported)
    r"^(?!(?i:nobody|no\s+one|noone)\b)(?:(?:he|she|they|the\s+[\w'-]+(?:\s+[\w'-]+)?|[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?"
    # someone described ("blue hair girl asked what i think about …")
    r"|(?:[\w'-]+\s+){1,3}(?:girl|guy|man|woman|lady|bloke|fella|lad|chap|gent))\s+)?"
    r"(?:(?:also|then|later|first|finally|next)\s+)?"
    r"(?:asked(?:\s+me)?|kept asking|"
    r"wanted to know|grilled me on|pushed (?:me )?on|quizzed me on|dug into|had me|"
    r"walked me through|talked about|told me about|asked about)[,:]?\s+(?:about\s+)?"
    r"(?:(?:first|then|also|straight\s+away|straight\s+off)\s+(?=(?:why|how|what|whether|if|when"
    r"|where|who|which|about)\b))?"  # "Gwen asked me first why horses …"
    # non-native, in the present, after its subject: "The area chef tell me about …"
    r"|^(?:he|she|they|the\s+[\w'-]+(?:\s+[\w'-]+)?|[A-Z][\w'-]+)\s+(?:tells?\s+me|talks?)\s+"
    r"about\s+"
    # "The deputy's question was about …", "Her one question: …"
    r"|^(?:the\s+)?(?:[\w-]+['’]s|her|his|their)\s+(?:only\s+|one\s+|last\s+|first\s+|main\s+"
    r"|big\s+)?question\s*(?:was\s+(?:about|on)\s+|:\s*)",
    re.IGNORECASE)
SHORTHAND = [(re.compile(r"\s+w/o\s+"), " without "), (re.compile(r"\s+w/\s*"), " with "),
             (re.compile(r"\s+&\s+"), " and "),
             (re.compile(r"\s+\+\s+"), " and "), (re.compile(r"\s*->\s*"), ", "),
             (re.compile(r"[\"“”]"), ""),
             # typed in a hurry, spelled out only where the word is a function word
             *((re.compile(rf"(?<![\w/'.-]){short}(?![\w/'-])",
                           re.IGNORECASE if len(short) > 1 else 0), TYPED_SHORT[short])
               for short in FUNCTION_SHORT)]
PRONOUN = {"he": "you", "she": "you", "him": "you", "his": "your", "hers": "yours",
           "himself": "yourself", "herself": "yourself", "i": "I", "i'd": "I'd", "i'm": "I'm",
           "im": "I'm", "i've": "I've", "i'll": "I'll", "ive": "I've",
           "he'll": "you'll", "she'll": "you'll", "he'd": "you'd", "she'd": "you'd"}
# "he's"/"she's" is "you've" before a past participle ("she's been there ten years"), else
# "you're" ("she's big on the good/better/best thing").
HAS_NEXT = frozenset("been got gotten had done seen worked led run built made taken".split())
AGREE = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
         "wasn't": "weren't", "isn't": "aren't", "hasn't": "haven't"}
PROMISE_START = re.compile(
    r"^(?:(?:->|=>|→)\s*)?(?:todo|to do|follow[- ]?up|f/u|next|action)?\s*[:\-–]?\s*"
    r"(?:i\s+|i(?=['’]))?(?:(?:also|still|definitely|really|just)\s+)?"
    r"(?:(?:should|need to|have to|must|will|['’]ll|promised to|agreed to|am to|['’]m|am|"
    r"said i'd|told \w+ i'd|remember to|plan to|want to|going to|gonna|gotta|got to|"
    r"supposed to|meant to|expected to|"
    r"['’]ve got to|have got to)\s*){0,2}"
    r"(?:(?:also|still|definitely|really|just|kindly|please)\s+)?",
    re.IGNORECASE)
# Something they asked the user for ("Shona wants two references", "Jordan asked me to email
# the slides") or that the user owes them ("I owe them a PDF of the deck"): a promise too.
REQUEST = re.compile(
    r"^(?:(?P<who>(?i:he|she|they)|(?i:the|my|our)\s+[a-z][\w'-]+"
    r"|(?:(?i:mr|mrs|ms|miss|dr|prof)\.?\s+)?[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)"
    r"(?:\s+|(?=['’]d\s)))?"
    r"(?i:(?:also|still|really)\s+)?"
    r"(?i:(?P<verb>(?:asked|wants?|needs?|(?:would|['’]d)\s+like)\s+me\s+to"
    r"(?:\s+kindly|\s+please)?)"
    r"|(?P<yesno>asked\s+(?:me\s+)?(?:if|whether)\s+i(?:['’]d|\s+would|\s+could|\s+can))"
    r"|wants?|needs?|(?:would|['’]d)\s+like|ask(?:ed|s)?\s+(?:me\s+)?for)\s+"
    r"|^(?i:(?:i\s+)?(?:still\s+)?owe)\s+(?P<owed>(?i:them|you|him|her)|[A-Z][\w'-]+"
    r"(?:\s[A-Z][\w'-]+)?)\s+")
PROMISE_VERB = re.compile(
    r"^(send|email|e-mail|share|forward|reply|revert|write|introduce|connect|get back|follow up|mail|"
    r"drop|pass|loop|redo|upload|submit|provide|text|ping|bring|post|get|check|call|"
    r"circle back|confirm|let (?:you|her|him|them) know|put together|pull together|dig out|"
    r"type up|write up|scan|print|come back to|put (?:you|him|her|them) in touch|"
    # a promise to do something for them, not to send it ("come and do the hive demo", "lend
    # him my book", "do his Saturday flowers run", "sit in with him on a concert night")
    r"come|lend|do(?!\s+(?:my|our|your|the|a)?\s*best\b|\s+(?:it|that|this|so|well|more)\b)"
    r"|run|sit in|help|cover|visit|record|film|translate|proofread|show|teach|go to|go out with|"
    r"draft|prepare|make|spend|arrange|set up|organi[sz]e|say a few words|speak at|"
    rf"give|return|{OWN_STEP_VERBS})\b",  # and the user's own next steps (frames.OWN_STEP)
    re.IGNORECASE)
# "Message Tess to thank her and ask about …": what the message asks is the promise.
MESSAGE_THEM = re.compile(r"^(?:message|msg|email|e-mail|text|ping|dm|write\s+to|reach\s+out\s+to)"
                          r"\s+(?P<who>\S+)\s+(?:to\s+)?(?:thank\s+(?:her|him|them)\b"
                          r"(?:\s+for\s+[^,]*?)?,?\s+and\s+)?(?=(?:ask|check|confirm|find out)\b)",
                          re.IGNORECASE)
# "sending her the code sample tmrw": the verb as a to-do says it.
GERUND = re.compile(r"^(send|email|shar|forward|mail|upload|submitt|post)ing\b", re.IGNORECASE)


# Function words of the languages a user may mix into an English note: a line in another
# language is not quoted in an English message.
# (Words that are English too, such as "as", "do", "die", are left out.)
FOREIGN = frozenset(
    "que eu ela ele não nao com para uma um se já foi da em os mas muito quer "
    "el los las y pero muy es por con una yo lo le les et est avec pour une je il elle pas "
    "und der das ist nicht mit ich sie ein eine auch "
    # more Portuguese, Spanish, French and German ones ("eles abriram a conversa pelo memo",
    # "sem startup, sem lab")
    "eles elas pelo pela pelos pelas aqui sem meu minha seu sua isso esse essa dos das nas num "
    "numa pra tambem também ainda depois porque quando onde como sobre mais menos muita "
    "del sus esto eso cuando donde sin hay fue son estaba les des du aux dans sur qui mais nous "
    "vous ils sont zu auf für wir oder aber wenn weil "
    # and Polish ("Całkiem inaczej niż Harwood", "potem w biurze", "głupio mi było pytać")
    "nie się że jest ale jak był była było bardzo potem też już więc tylko żeby będzie mam "
    "może który która które mnie jego jej niż całkiem inaczej kto "
    # Dutch ("wat is acceptabele dissolved oxygen pick-up bij de canner", "zijn echte naam heb
    # ik niet gehoord"), with no letter to tell it by, and more Italian
    "het een ik niet dat zijn voor maar ook bij nog wel naar heb hij zij wij kan moet geen mijn "
    "echte heeft hebben deze dit hoe waar omdat want toen wordt werd hun ons jij mij hem haar "
    "zei vroeg goed fout drie vier twee acceptabele zonder volgende beloofd "
    "che non sono anche molto della delle nella questo questa perché "
    # and Tagalog, as Taglish mixes it in ("mataas na pass rate sa assessment", "Bakit ka
    # bababa sa barko"), with no letter to tell it by
    "ang ng mga sa na ko ka siya kay ay po naman lang daw raw kasi talaga yung nang kung ako "
    "ikaw kami tayo sila natin namin hindi wala anong bakit sabi ni".split())


LANGUAGES = ("en", "pt", "es", "fr", "de", "it", "nl", "pl")  # what a line is told apart among
# The languages a note may mix with English that no letter gives away (Swahili, Malay and
# Indonesian, Tagalog, Welsh, Yoruba …) and those above: a line the identifier is sure of
# among them is in that language.
MIXED_LANGUAGES = (*LANGUAGES, "sw", "ms", "id", "tl", "cy", "ga", "gd", "ro", "tr", "vi", "af",
                   "yo", "ha", "zu", "xh")
# wordfreq's lists of languages mixed with English that need no accents; a word at least
# FOREIGN_MARGIN more frequent (on the Zipf scale: 2 = a hundred times) in one is theirs, and a
# phrase with two such words making a third of its words (1/FOREIGN_WORDS_SHARE) is not English
# (no line of the corpora's English-only notes is)
UNMARKED_LANGUAGES = ("ms", "id", "fil")
FOREIGN_MARGIN = 2.0
FOREIGN_WORDS_SHARE = 3
FOREIGN_FLOOR = 1e-6  # a word's frequency in that language at least (3 on the Zipf scale)
SURE = 0.9  # the share of the identifier's belief a language needs (no English line of the
# corpora reaches it for another language)


@functools.cache
def identifier() -> Any:
    """py3langid's language identifier (its model ships in the package), over MIXED_LANGUAGES,
    its belief given as a share (0 to 1); loaded once (it takes most of a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(MIXED_LANGUAGES))
    return ident


def foreign(text: str) -> bool:
    """A line written mostly in another language: more of its function words, or words spelled
    with ã, ç, ñ, ß…, than English function words; or a line with at least one such word that
    the language identifier (py3langid) does not take for English ("Aí veio a primeira notícia
    ruim", "mandar recibos pra Pauline"). A short English line of names and shorthand has no such
    word, so that guess alone never drops it; but a line the identifier is sure of among
    MIXED_LANGUAGES (Swahili has no accents) is foreign, and so is a phrase with enough words
    of no English (`foreign_word`)."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    other = sum(w in FOREIGN or bool(re.search(r"[ãõçñßäöüąęłśżźćńő]", w)) for w in words)
    if other and other > sum(w in FUNCTION_WORDS for w in words):
        return True
    marked = other or any(re.search(r"[áéíóúâêôàè]", w) for w in words)
    ranked = identifier().rank(text)
    if marked and next(lang for lang, _ in ranked if lang in LANGUAGES) != "en":
        return True
    # a line in a language no letter or listed word tells ("Mwanachama wa miaka 50 anataka
    # kuchukua lump sum yote"), or a phrase with enough of its words ("semua benda dia nak
    # dalam dollars", "Nilitumia formulas, yeye alitaka Power Query")
    language, belief = ranked[0]
    if len(words) >= 2 and language != "en" and belief >= SURE:
        return True
    said = [w.casefold() for n, w in enumerate(re.findall(r"[^\W\d_][\w'’-]*", text))
            if n == 0 or not w[:1].isupper()]  # (names aside)
    odd = sum(map(foreign_word, said))
    return odd >= 2 and odd * FOREIGN_WORDS_SHARE >= len(said)


@functools.lru_cache(maxsize=50_000)
def foreign_word(word: str) -> bool:
    """Whether a word (folded) is not English: one far more frequent in a language written
    without accents (Malay, Indonesian, Filipino) than in English ("semua", "nak", "hari"),
    and common there ("bertulis"; a typo or a trade word missing from every list is no
    language's)."""
    english, *others = _frequencies()
    return max(o.get(word, 0.0) for o in others) >= max(english.get(word, 0.0)
                                                        * 10 ** FOREIGN_MARGIN, FOREIGN_FLOOR)


@functools.cache
def _frequencies() -> list[dict[str, float]]:
    """wordfreq's word frequencies: English (its large list), then UNMARKED_LANGUAGES; read
    once, looked up directly (its zipf_frequency tokenises each word anew)."""
    from wordfreq import get_frequency_dict

    return [get_frequency_dict("en", wordlist="large"),
            *(get_frequency_dict(lang, wordlist="best") for lang in UNMARKED_LANGUAGES)]


def english_part(label: str, evidence: str, names: frozenset[str] = frozenset()) -> str | None:
    """For an item whose evidence is in another language ("Ela quer alguém forte em R e
    Bayesian models"), the longest run of its English label ("Strong in R and Bayesian models")
    whose content words the evidence holds, joined only by English function words: "R and
    Bayesian models". `names` (folded): people's names, never a topic. None when the run says
    nothing (a label that only translates says nothing the message may repeat in the note's
    own words)."""
    held = {folded(w) for w in re.findall(r"[\w'’-]+", evidence)} - names
    best: list[re.Match[str]] = []
    run: list[re.Match[str]] = []
    for m in [*re.finditer(r"[\w'’-]+", label), None]:
        key = folded(m.group(0)) if m else ""
        if m and (key in held or (key in FUNCTION_WORDS and key not in FOREIGN)):
            run.append(m)
            continue
        while run and folded(run[0].group(0)) not in held:
            run.pop(0)
        while run and folded(run[-1].group(0)) not in held:
            run.pop()
        if sum(folded(w.group(0)) in held for w in run) \
                > sum(folded(w.group(0)) in held for w in best):
            best = run
        run = []
    topic = [w for w in best if re.fullmatch(r"[^\W\d_]{3,}", w.group(0))
             and folded(w.group(0)) not in FUNCTION_WORDS | names]
    # Two words at least ("ship time"), or one that is a name of a thing ("Stan", "SQL"); a
    # person's name is no topic, nor a lone common noun ("dataset", the label's first word
    # "Cadet")
    if len(topic) < 2 and not any(w.group(0)[:1].isupper() and (
            w.start() > 0 or w.group(0).isupper()) for w in topic):
        return None
    return label[best[0].start():best[-1].end()]  # as the label writes it: "aims, timeline"


def english(text: str) -> bool:
    """Whether the language identifier reads the line as English."""
    return next(lang for lang, _ in identifier().rank(text) if lang in LANGUAGES) == "en"


def tidy(text: str) -> str:
    """Shorthand spelled out, labels and attributions dropped (the words stay the note's)."""
    text = " ".join(text.split()).strip(" -*•>")
    text = LABEL.sub("", text, count=1) if len(LABEL.sub("", text, count=1).split()) >= 2 else text
    for pattern, repl in SHORTHAND:
        text = pattern.sub(repl, text)
    text = LEAD_ADVERB.sub("", text, count=1) if len(text.split()) > 3 else text
    stripped = ASKED.sub("", text, count=1)
    return stripped if len(stripped.split()) >= 2 else text


# People a phrase may speak of before a "she" or "he" that is then not the reader.
# What a named person does as a sentence's subject ("Winston would …", "Gary said …").
NAMED_DOES = frozenset("would will said says told thinks thought has had is was wants wanted "
                       "asked reckons".split())
SOMEONE_ELSE = frozenset(
    "student pupil child kid parent client customer patient someone somebody woman man girl boy "
    "candidate colleague coworker employee member resident tenant caller guest driver user "
    "teacher learner manager boss officer contractor supplier vendor buyer seller "
    "family mom mum dad mother father wife husband son daughter baby grandmother "
    "grandfather".split())
THIRD_PERSON = frozenset("he she him her his hers himself herself".split())


# Words that may stand between a subject and its verb ("he really wants").
BETWEEN = frozenset("really also still just always never actually only even often usually "
                    "clearly definitely genuinely".split())


def _by_title(phrase: str, to: Recipient) -> str:
    """The reader spoken of by their title ("the analyst pushed hard on test design", "with the
    Head of Brand") as "he", so that it turns to "you" with the other pronouns: the title as
    typed before any comma, and its last word when that title has no "of"."""
    head = " ".join((to.title or "").split(",")[0].split())
    if not head or to.name and folded(head) in folded(to.name):
        return phrase
    keys = {head} | ({head.split()[-1]} if " of " not in f" {head.casefold()} " and len(
        head.split()) > 1 and len(head.split()[-1]) > 2 else set())
    if len(head.split()) >= 3 and " of " not in f" {head.casefold()} ":
        keys.add(f"{head.split()[0]} {head.split()[-1]}")  # "the area chef": an area head chef
    alt = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    phrase = re.sub(rf"\bthe\s+(?:{alt})['’]s\b", "his", phrase, flags=re.IGNORECASE)
    # ("the nurse manager of 5 North" names a post, maybe someone else's: left as it is)
    return re.sub(rf"\bthe\s+(?:{alt})\b(?!['’-]|\s+(?:of|for|at|in|from|on)\b)", "he",
                  phrase, flags=re.IGNORECASE)


# Words after which "her" is the object ("keeps her up at night", "gave her the deck"), not
# "your" before a noun ("her team").
HER_OBJECT_BEFORE = frozenset(
    "to about on for with and up down out off in into over back at from through as if that when "
    "because so a an the know informed posted again too once or but".split())


# What a reader who opens a phrase may do in it: want, care about, keep coming back to (not
# "nodded a lot", "rolled eyes slightly": how they looked is never told back to them).
READER_VERBS = (r"(?:wants|wanted|needs|needed|cares|cared|values|valued|prefers|preferred"
                r"|expects|expected|looks\s+for|is\s+looking\s+for|stressed|emphasi[sz]ed"
                r"|(?:is|was)\s+(?:big\s+on|all\s+about)|kept\s+(?:coming\s+back|steering"
                r"|pushing|returning|going\s+back|saying|on\s+about)|keeps\s+saying)\b")


def reader_first(to: Recipient) -> re.Pattern[str] | None:
    """The reader's name opening a phrase as the subject of what they want or care about
    ("Tariq wants someone who …"), or None unnamed."""
    if not to.names():
        return None
    names = "|".join(re.escape(n) for n in sorted(to.names(), key=len, reverse=True))
    return re.compile(rf"^(?:{names})(?=\s+(?:really\s+|clearly\s+|also\s+)?{READER_VERBS})")


def face(phrase: str, to: Recipient, source: str, note: str = "") -> str:
    """Turn the phrase to the reader: third person to "you", "i" to "I", case kept."""
    out: list[str] = []
    subject = reader_first(to)
    if subject:  # "Tariq wants someone who …": the reader as the subject, "you want …"
        phrase = subject.sub("he", phrase)
    tokens = _by_title(phrase, to).split()
    other = False  # someone else named first ("student tells you she is afraid"): "she" is them
    mine = {n.casefold() for n in to.names()}
    for i, tok in enumerate(tokens):
        core = tok.strip(".,;:!?()").casefold()
        # (or someone named doing something: "Winston would have told me off if he could")
        other = other or core.rstrip("s") in SOMEONE_ELSE or (
            tok[:1].isupper() and not tok.isupper() and core not in mine | CALENDAR
            and core.replace("’", "'") not in PRONOUN
            and i + 1 < len(tokens) and tokens[i + 1].casefold() in NAMED_DOES)
        new = PRONOUN.get(core.replace("’", "'"))
        if core.replace("’", "'") in ("he's", "she's"):
            nxt = tokens[i + 1].casefold() if i + 1 < len(tokens) else ""
            new = "you've" if nxt in HAS_NEXT else "you're"
        if other and core.replace("’", "'").split("'")[0] in THIRD_PERSON:
            new = None
        elif core == "her":  # possessive before a word, object at the end or before a preposition
            nxt = tokens[i + 1].casefold() if i + 1 < len(tokens) else ""
            new = "your" if nxt and nxt.strip(".,;:!?") not in HER_OBJECT_BEFORE else "you"
        j = len(out) - 1  # the word before, past any "really"
        while j > 0 and out[j].casefold() in BETWEEN:
            j -= 1
        after_you = j >= 0 and out[j].casefold() == "you"
        if after_you and core in AGREE:
            new = AGREE[core]
        elif after_you and tokens[j].casefold() in ("he", "she") \
                and re.fullmatch(r"[a-z]+[^s]s", core) and not core.endswith("ss"):
            new = core[:-2] if re.search(r"(?:sh|ch|x|ss)es$", core) else core[:-1]
        out.append(tok.replace(tok.strip(".,;:!?()"), new) if new else tok)
    text = " ".join(out)
    first = text.split()[0] if text.split() else ""
    if first[:1].isupper() and first not in ("I", "I'd", "I'm", "I've", "I'll") \
            and not any(c.isupper() for c in first[1:]) \
            and not proper_noun(first, f"{source}\n{note}"):  # "PMs", "GDPR" keep their case
        text = text[:1].lower() + text[1:]
    return text.rstrip(" .,;:!?-–—")


# Words that open a sentence and are never names.
COMMON_OPENERS = frozenset(
    "a an the this that these those there they we he she it its our their his her my your you "
    "what how why when where which who some most all each every no not one two three many much "
    "more less few several any other another both either neither if so but and or also still "
    "just only very really pretty quite big small new old first last next great good bad".split())


def proper_noun(word: str, text: str) -> bool:
    """Whether a capitalised word is a name: written capitalised mid-sentence somewhere in the
    note ("at Daventry"), or never lower-case there and not a common opener or inflected word
    ("Ormsby is tiny" at a line's start); "Working on …" is not."""
    bare = word.strip(".,;:!?()\"'“”")
    if not bare[:1].isupper():
        return False
    for m in re.finditer(rf"\b{re.escape(bare)}\b", text):
        before = text[: m.start()].rstrip(" \t")
        if before and before[-1] not in ".!?:;\n-*•>–—(\"“":
            return True  # capitalised mid-sentence: a name
    if re.search(rf"\b{re.escape(bare.lower())}\b", text) or bare.lower() in COMMON_OPENERS \
            or re.split(r"['’]", bare.lower())[0] in COMMON_OPENERS:  # "They'll", "There's"
        return False
    return not re.search(r"(?:ing|ed|ly|ies|s)$", bare.lower())


def names_others(phrase: str, to: Recipient, others: list[str]) -> bool:
    """True when the phrase names the reader or someone else the note mentions."""
    found = {w.casefold() for w in re.findall(r"[^\W\d_]+", phrase)}
    title = re.sub(r"^(?:the|a|an)\s+", "", (to.title or "").casefold()).strip()
    if not to.name and title and title in phrase.casefold():
        return True  # "the firmware engineer asked …" in a note to the firmware engineer
    return any(n.casefold() in found for n in [*to.names(), *others])


def as_written(candidate: str, source: str) -> str | None:
    """The source's own span for a phrase that differs from it only in spacing, case or
    punctuation ("job in themaintenance" → "job in the maintenance"), else None."""
    kept = [(i, ch.casefold()) for i, ch in enumerate(source) if ch.isalnum()]
    flat = "".join(ch for _, ch in kept)
    want = "".join(ch.casefold() for ch in candidate if ch.isalnum())
    at = flat.find(want) if len(want) >= AS_WRITTEN_MIN else -1
    if at < 0:
        return None
    return source[kept[at][0]:kept[at + len(want) - 1][0] + 1]


AS_WRITTEN_MIN = 12  # letters: a shorter phrase found inside another word means nothing


def checked_phrase(candidate: str, source: str, to: Recipient, others: list[str],
                   note: str = "") -> str | None:
    """The candidate phrase, checked against the note's words and turned to the reader (the
    whole note, when given, tells a name from a word that only opened the line)."""
    cand = tidy(candidate)
    mine = in_my_voice(cand)  # the model's phrase may be the question as asked
    task = bool(mine) or set_task(cand)  # a question set as a task reads whole, as one does
    cand = mine or cand
    walked = walked_through(cand, to)
    if walked == "":
        return None  # someone else walked through it
    cand = walked or cand
    cand = re.sub(r"\s*\([^)]*$", "", cand).strip()  # a bracket never closed: "(the big one"
    # what a talk was about, said as the topic itself ("Mostly about how I work with engineers"
    # -> "how I work with engineers"), so no frame says "about mostly about"
    talked = TALKED_ABOUT.match(cand)
    if talked and (who := talked.group("who").casefold()) and (
            who in {n.casefold() for n in to.names()}
            or who == re.sub(r"^(?:the|a|an)\s+", "", (to.title or "").casefold())) \
            and len(cand[talked.end():].split()) >= 2:
        cand = cand[talked.end():]  # "HR woman went on about the wellbeing programme": its topic
    about = re.match(r"(?:(?:mostly|mainly|largely|all|really|basically|partly)\s+)?about\s+",
                     cand, re.IGNORECASE)
    if about and len(cand[about.end():].split()) >= 3:
        cand = cand[about.end():]
    if not cand:
        return None
    inner = INNER_END.search(cand)
    if inner and len(cand[:inner.start() + 1].split()) >= 3:
        cand = cand[:inner.start() + 1].rstrip(".")  # "Exhibit with cost per store. What jumps
        # out": one sentence of it
    limit = QUESTION_WORDS if is_question(cand) or task else MAX_WORDS
    if grounded_headline(cand, source, limit) is None:
        cand = tidy(as_written(cand, source) or cand)  # "in themaintenance": the note's spacing
    if grounded_headline(cand, source, limit) is None or PRIVATE.search(cand) or foreign(cand) \
            or VERDICT.search(cand):
        return None
    if re.search(rf"\b(?:you|i|we|he|she|they)\s+{re.escape(folded(cand))}", folded(source)):
        return None  # a predicate cut from its subject ("managed someone's performance")
    if swaps_person(cand, source):
        return None  # "talk I through how I'd route the drops I pointed at": not what was said
    subject = reader_first(to)  # the reader as the subject is no one named: "Tariq wants …"
    bare = subject.sub("", cand) if subject else cand
    if len(content_words(cand)) < 2 or DATE_START.match(cand) \
            or names_others(ASKED.sub("", bare), to, others):
        return None  # too thin to mean anything ("other jobs", "march 14"), or names someone
    if LEANS.search(cand) and not (cand.rstrip().endswith("?") and is_question(cand)):
        # "which I guess is how …", "the scenario ones and": half of a sentence (but "which
        # experiment would you kill first?" asks)
        return None
    if not is_question(cand):  # a question is quoted whole, as they asked it
        if POINTS_OUTSIDE.search(cand) or DESCRIBES_SOMEONE.match(cand) or MY_TODO.match(cand) \
                or CUT_SUBORDINATE.match(cand) \
                or is_a_label(cand, note or source) or EMPTY_QUESTIONS.fullmatch(cand) \
                or heads_a_list(cand, source) or (VERBLESS_PIECES.fullmatch(cand) and not (
                    {w.casefold() for w in re.findall(r"[\w'’]+", cand)} & PIECE_VERBS)
                    and cand.split()[0].casefold() not in WH_WORDS):  # "why agency, after …"
            return None  # "nobody uses it": what "it" is, the phrase does not say; "guy from
            # channel" says who someone was, not what was said
        cand = their_words_to_you(cand, note or source)  # their "keeps me up at night": "you"
    phrase = face(cand, to, source, note)
    if any(re.search(rf"\b{re.escape(n)}\b", phrase) for n in to.names()):
        return None  # "when Hamish asked about pricing", to Hamish: the reader spoken of
    if OF_THE_READER.search(phrase):
        return None  # "you are very funny man": the user's view of them, not what they said
    if re.search(r"\byou\s+(?:asked|told|gave|showed)\s+you\b", phrase):
        return None  # "he asked me about it" turned twice: a report, not their question
    if PAST_START.match(phrase):
        # "Walked me round the floor …" (its "me" may be faced to "you" already): they did it,
        # to the user; "walked through the case": both
        done_to = re.match(r"(\w+)\s+(?:me|us|you)\b", phrase, re.IGNORECASE)
        phrase = f"you {done_to.group(1)} me{phrase[done_to.end():]}" if done_to \
            else f"we {phrase}"
    # A clause with its subject cut off ("could ask to be considered") fits no frame.
    return None if shape(phrase) == "fragment" else phrase


FIRST_PERSON = frozenset("i me my mine myself i'd i'm i've i'll".split())
OTHER_PERSON = frozenset("he him his she her hers they them their".split())


def swaps_person(candidate: str, source: str) -> bool:
    """Whether the phrase puts "I" where the note, between the same two words, has "him" or
    "her" (or the reverse): "talk I through" for "talk him through" says something else."""
    words = [w.strip(".,;:!?()\"“”").replace("’", "'") for w in folded(candidate).split()]
    note = folded(source).replace("’", "'")
    for i in range(1, len(words) - 1):
        mine = words[i] in FIRST_PERSON
        if not (mine or words[i] in OTHER_PERSON) or {words[i - 1], words[i + 1]} & (
                FIRST_PERSON | OTHER_PERSON):
            continue
        for m in re.finditer(rf"\b{re.escape(words[i - 1])}\s+([\w']+)\s+"
                             rf"{re.escape(words[i + 1])}\b", note):
            said = m.group(1)
            if (said in OTHER_PERSON) if mine else (said in FIRST_PERSON):
                return True
    return False


# The name someone gave a thing the phrase leaves out: "the agency share goes up to 40% which
# she called “the number that keeps me up at night”" (the phrase says no number).
LABEL_BEFORE = re.compile(r"\b(?:(?:called|calls|dubbed|nicknamed)(?:\s+(?:it|that|them))?"
                          r"|calls?\s+(?:it|that)|(?:described|refers\s+to)\s+(?:it|that)\s+as)"
                          r"\s+[\"“']?\s*$", re.IGNORECASE)


# Words a heading of a list opens with ("Questions I ask them:", "The shape of the day:").
LIST_HEADS = frozenset("""questions question things topics notes points stuff takeaways
highlights pros cons shape format structure agenda plan schedule logistics details info
summary""".split())


def _as_me(text: str) -> str:
    """Folded text with "you" read as "I" ("what you said you'd do" -> "what i said i'd do")."""
    return re.sub(r"\byou(?=['’]|\b)", "i", re.sub(r"\byour\b", "my", text))


def heads_a_list(phrase: str, source: str) -> bool:
    """Whether the phrase only heads what follows its line's colon ("Questions I ask them:
    …", "Things he wanted:"): a label, not what was said."""
    # (read in one person: a note told as "you" is phrased as "I")
    words = _as_me(folded(phrase)).split()
    run = r"\W+".join(re.escape(w) for w in words)
    head = [w.strip(".,;:!?") for w in words if w not in ("the", "a", "my", "our")][:1]
    flat = _as_me(folded(source))
    at = re.match(rf"\W*{run}\W*(?:[\w'’]+\W*)?:(?!\d)", flat)
    # a short lead-in to the question after its colon ("Quick one at the end: what happens …?")
    if not head or at is None:
        return False
    # ("What you said you'd do: get your GP to …", "What Dr Marchbank cares about, …:")
    return head[0] in LIST_HEADS or head[0] == "what" \
        or len(words) <= 5 and flat[at.end():].rstrip().endswith("?")


def is_a_label(phrase: str, note: str) -> bool:
    """Whether the phrase is only what someone called a thing the note names just before it."""
    words = folded(phrase).split()
    if not words:
        return False
    flat = folded(note)
    run = r"\W+".join(re.escape(w) for w in words[:4])
    return any(LABEL_BEFORE.search(flat[max(0, m.start() - 40): m.start()])
               for m in re.finditer(run, flat))


# Someone's words quoted in the note, and the first person inside them; a transcript's "Delphine
# asked: our sales cycle is 12-18 months …" gives their words after the colon, to the line's end.
QUOTED = re.compile(r"[\"“]((?:[^\"“”\n]|\n(?![ \t]*\n)){3,})[\"”]"  # wrapped lines, not paragraphs
                    r"|(?m:^[ \t]*(?:[-*•][ \t]*)?(?:[A-Z][\w'-]+(?:[ \t][A-Z][\w'-]+)?"
                    r"|[Hh]e|[Ss]he|[Tt]hey)[ \t]+(?:asked|said|says|asks|told me|added)[ \t]*:"
                    r"[ \t]*([^\n]{3,}))")


# The user quoting themselves ("I said "I don't know, but I'll find out"").
SAID_BY_ME = re.compile(r"\b(?:i|we)\s+(?:said|told\s+\w+|answered|replied|went|wrote)\W{0,3}$",
                        re.IGNORECASE)
THEIR_TO_YOU = {"i": "you", "i'm": "you're", "i'd": "you'd", "i've": "you've", "i'll": "you'll",
                "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "we": "you",
                "we'd": "you'd", "we're": "you're", "we've": "you've", "we'll": "you'll",
                "us": "you", "our": "your", "ours": "yours", "am": "are"}


YOUR_TO_MY = {"your": "my", "yours": "mine", "yourself": "myself", "you're": "I'm",
              "you've": "I've", "you'll": "I'll", "you'd": "I'd"}
OPENS_CLAUSE = frozenset("that if when because and but so whether as while once unless".split())
# "what peds experience do you have": the subject after a question's verb is "I"
ASKS_WITH = frozenset("do does did can could would will should are were have had".split())


def their_words_to_you(phrase: str, source: str) -> str:
    """The phrase with the first person of someone else's quoted words turned to the reader
    ("That's the thing that keeps me up at night", he said -> "keeps you up at night"; "we need
    someone who can prove it" -> "you need …"), and their "you" to the user ("I can teach you
    troubleshooting" -> "you can teach me troubleshooting"); the user's own quoted words stay
    as they are."""
    said = folded(phrase)
    theirs: set[int] = set()  # word positions of the phrase inside their quote
    words = said.split()
    for q in QUOTED.finditer(source):
        if SAID_BY_ME.search(source[max(0, q.start() - 30): q.start()]):
            continue
        quoted = " ".join(folded(q.group(1) or q.group(2)).split())
        for i in range(len(words)):
            for j in range(len(words), i + 2, -1):  # the longest run of 3+ words it shares
                if re.search(rf"(?:^|\s){re.escape(' '.join(words[i:j]))}(?:\s|$)", quoted):
                    theirs.update(range(i, j))
                    break
    if not theirs:
        return phrase
    toks = phrase.split()
    if len(toks) != len(words):
        return phrase
    out = []
    for i, tok in enumerate(toks):
        core = tok.strip(".,;:!?()").casefold().replace("’", "'")
        new = None
        if i in theirs and core == "you":
            # their "you" is the user: "I can teach you troubleshooting" -> "you can teach me"
            before = toks[i - 1].strip(".,;:!?()").casefold() if i else ""
            new = "I" if not i or before in OPENS_CLAUSE or before in ASKS_WITH else "me"
        elif i in theirs:
            new = THEIR_TO_YOU.get(core) or YOUR_TO_MY.get(core)
        out.append(tok.replace(tok.strip(".,;:!?()"), new) if new else tok)
    return " ".join(out)


# "That's exactly what they want, that …": a first clause that only points to the next one.
POINTS_AHEAD = re.compile(r"^(?:that|this)(?:['’]s|\s+(?:is|was))\b", re.IGNORECASE)
# A phrase that starts by pointing back ("which …", "that's the thing …") or stops on a joining
# word.
LEANS = re.compile(r"^(?:which|and|but|or|plus|if)\b|\s(?:and|or|but|the|a|an|of|to|with)$"
                   rf"|{POINTS_AHEAD.pattern}", re.IGNORECASE)  # "that's the thing …": what is?
# A phrase that points outside itself, to a thing only the note's earlier words name: "nobody
# uses it", "three questions in this direction", "roughly and then you explained it", "it
# yourself at lunch" (an "it" that opens a phrase and is not its subject).
POINTS_OUTSIDE = re.compile(
    r"\b(?:uses?|used|using|explained|did|does|liked|likes|loves?|loved|wants?|wanted|got|made"
    r"|takes?|took|handled?|found|said|called|mentioned|described|comes?|came|goes|went)"
    r"\s+(?:with\s+)?(?:it|them)\b"
    r"|\b(?:this|that|these|those)\s+(?:direction|one|ones|thing|things|way|stuff|bit|part)\b"
    r"|^(?:roughly|basically|apparently|honestly|actually|like|so|then|worth|both)\b"
    # an answer, not what it answered ("yes, within reason")
    r"|^(?:yes|yeah|yep|no|nope|sure|ok|okay)\b"
    r"|^(?:it|them)\s+(?!is\b|was\b|will\b)(?=[a-z])|\band\s+then\b"
    # another interview ("couple things are different from what they said last time"), or
    # who sat in ("DON interviewed me herself")
    r"|\b(?:different|changed?)\b.*\blast\s+time\b|\binterviewed\s+me\b"
    # "he said that twice", "she said this herself": what "that" was, the phrase does not say
    r"|\b(?:said|did|mentioned|admitted|repeated)\s+(?:this|that|so|it)(?:\s+(?:herself|himself"
    r"|themselves|yourself|too|twice|again|once|later))*\s*[.!]?$"
    # "I need you to be fine with that": with what, the phrase does not say
    r"|\b(?:with|about|for|of|on|to|at)\s+(?:that|this|those|these)\s*[.!]?$"
    # a negation cut from its clause ("Not the calm entrance I'd planned")
    r"|^not\b(?!\s+(?:just|only)\b)",
    re.IGNORECASE)
# A sentence that ends inside a phrase ("… by category. What jumps out").
# (not a title's full stop: "Panel was Ms. Farzana Qureshi")
INNER_END = re.compile(rf"(?<=[a-z0-9)]){not_after_abbreviation()}[.!?]\s+(?=[A-Z])")
# What the user thought of the reader ("you are very funny man", "you seemed tired").
OF_THE_READER = re.compile(
    r"(?:that\s+)?you\s+(?:seem(?:ed|s)?|looked|sounded|came\s+across)\b"
    # how they sat through it ("you barely talked the whole time just typed")
    r"|(?:that\s+)?you\s+(?:(?:barely|hardly|never|just|mostly|only|kept)\s+)+(?:talked|spoke"
    r"|typed|said\s+(?:anything|much|a\s+word)|looked\s+up|smiled|listened|wrote)\b"
    r"(?!\s+(?:about|through|of|on|me|us)\b)"
    r"|(?:that\s+)?you\s+(?:are|were|['’]re)\s+(?:(?:very|really|so|quite|super|pretty|kinda|kind\s+of"
    r"|a\s+(?:very|really|nice|funny|lovely|friendly|great|good|bit))\b|(?:nice|funny|lovely|friendly"
    r"|kind|warm|cold|tired|busy|strict|smart|sharp|intense|blunt|rude)\b)"
    # how they took something ("I talk about CRM and you perk up", "it's not what you wanted")
    r"|(?:that\s+)?you\s+(?:perk(?:ed|s)?(?:\s+up)?|lit\s+up|light\s+up|frowned|winced|sighed"
    r"|weren['’]?t\s+(?:impressed|convinced|sure)|didn['’]?t\s+(?:like|buy)\b)"
    r"|\bnot\s+what\s+you\s+(?:wanted|were\s+after|were\s+looking\s+for)\b", re.IGNORECASE)
# A phrase that only says who someone was ("guy from channel", "a young guy from the product
# team who built their guest app"): no topic of the talk. ("A guy wanted a quote for …" is a
# scenario they set, and stays.)
DESCRIBES_SOMEONE = re.compile(
    # "safety coordinator, young guy with beard": who someone is, then what they looked like
    r"(?:[\w-]+(?:\s+[\w-]+){0,2},\s+)?(?:"
    # "one professor of physiology that was very quiet but took many notes"
    r"(?:an?|one|the|another)\s+[\w-]+(?:\s+(?:of|from|in)\s+[\w-]+)?\s+(?:that|who)\s+"
    r"(?:was|were|seemed|looked)\s+(?:very\s+|really\s+|quite\s+|super\s+)?(?:quiet|silent"
    r"|nice|friendly|young|old|cold|stern|serious|tired|chatty)\b"
    r"|(?:an?\s+|the\s+|this\s+|some\s+)?(?:(?:young|older|other|nice|"
                               r"quiet|senior|junior)\s+)?(?:guy|man|woman|lady|bloke|chap|person"
                               r"|fella|dude)\b(?!\s+(?:wanted|wants|asked|asks|needed|needs|had"
                               r"|has|came|comes|called|calls|rang|rings)\b))", re.IGNORECASE)
# The reader, by name or title, talking about something ("HR woman went on about the wellbeing
# programme", "Tariq talked a lot about Opus2"): the something is the topic.
TALKED_ABOUT = re.compile(
    r"(?:the\s+)?(?P<who>[\w'’-]+(?:\s+[\w'’-]+)??)(?:\s+(?:woman|man|guy|lady|person))?\s+"
    r"(?:also\s+)?(?:talked|went\s+on|spoke|chatted|raved|told\s+(?:me|us))\s+"
    r"(?:(?:a\s+lot|mostly|mainly|at\s+length|for\s+ages|a\s+bit)\s+)?about\s+", re.IGNORECASE)
# A subordinate clause cut loose ("that given how much I'd talked about …"): no topic.
CUT_SUBORDINATE = re.compile(r"\W*(?:that\s+)?(?:given|because|since|although|though)\b",
                             re.IGNORECASE)
# The user's own to-do, cut from a longer line ("… so I should call her okay that's it").
MY_TODO = re.compile(r"\W*i\s+(?:really\s+)?(?:should|need\s+to|have\s+to|must|gotta|got\s+to)\b"
                     r"|\W*i(?:['’]ll|\s+will)\s+(?:think|sleep|mull|consider)\b", re.IGNORECASE)
# A note-to-self of short verbless pieces ("Same level, different product", "night shifts,
# every other weekend"): a summary, no topic a message could say it talked "about".
VERBLESS_PIECES = re.compile(r"[^\W\d_][\w'’-]*(?:\s+[\w'’-]+){0,2}"
                             r"(?:,\s+[\w'’-]+(?:\s+[\w'’-]+){0,2})+\W*")
PIECE_VERBS = frozenset("""is are was were be been has have had do does did will would can could
should said says asked asks told wants wanted needs needed""".split())
# Questions said only to be questions ("the best questions of the day", "some good questions"):
# nothing they asked.
EMPTY_QUESTIONS = re.compile(r"(?:(?:the|some|a\s+few|a\s+lot\s+of|lots\s+of|many|more|good"
                             r"|great|best|hard|hardest|tough|toughest|sharp|sharpest|smart|"
                             r"smartest|real|interesting|difficult|odd|weird)\s+)+"
                             r"questions?(?:\s+(?:of|in)\s+the\s+(?:day|interview|session|"
                             r"morning|afternoon|panel|loop))?\W*", re.IGNORECASE)
DATE_START = re.compile(r"^(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d"
                        r"|insider\b)", re.IGNORECASE)
# "walked through my worst incident": a clause of ours, said with "we".
PAST_START = re.compile(r"^(?:walked|talked|went|discussed|covered|dug|spent|worked|chatted)\b",
                        re.IGNORECASE)


# How the user thinks they did, or how they read the room ("I answered the second one much
# better", "my answer was too general", "which they liked", "I clearly get …"): never in a
# phrase. The line itself may still give one ("I talked about seasonality and customer
# concentration", cut before "and I think I did okay").
VERDICT = re.compile(
    r"\bi\s+(?:answered|did|handled|explained|presented|performed|came across)\b[^.;]{0,40}"
    r"\b(?:better|worse|badly|poorly|well|ok|okay|fine|great|terribly)\b"
    r"|(?:\b(?:it|this|interview|answer|case|presentation|panel|lesson|demo)|(?<![a-z] )\bthat)"
    r"\s+(?:went|goes)"  # ("a lesson that went badly" is a thing asked about, no verdict)
    r"\s+(?:really\s+|quite\s+|pretty\s+)?(?:badly|poorly|terribly|well|ok|okay|fine|great)\b"
    r"|\bnailed\b|\bcrushed it\b|\bmy (?:worst|weakest|best|weak|strong) answer\b"
    r"|\banswer was too\b|\bi clearly\b|\b(?:which|that) (?:they|he|she|you) (?:liked|like|loved"
    r"|love)\b|\b(?:they|he|she|you) (?:seemed to )?(?:liked|loved) (?:that|it|my|how)\b"
    r"|\bi think i did\b",
    re.IGNORECASE)
QUESTION_WORDS = 20  # a question as asked may be longer than a headline
# A question reported in the user's voice: "how I'd decide…", "what we would cut…", "how to…".
REPORTED = re.compile(r"^(?:how|what|why|whether|which|when|where|who)\s+(?:i|we|to|"
                      r"i['’](?:d|m|ve|ll)|we['’](?:d|re|ve|ll))\b", re.IGNORECASE)


def is_question(phrase: str) -> bool:
    """A question as asked ("how would you explain …?") or reported ("how I'd decide whether
    …", "what I'd do if …"): it reads whole after "your question about"."""
    return shape(phrase) == "direct" or bool(REPORTED.match(phrase))


# The reader named as the one walked through a task ("walk Beau through how I'd tie in to a
# main panel that's already full"): their question, reported after the lead-in.
WALKED_THROUGH = re.compile(r"(?:then\s+|and\s+)?(?:to\s+)?(?:walk|talk)\s+"
                            r"(?P<who>[A-Z][\w'’-]*|him|her|them|you)\s+"
                            r"through\s+(?=(?:how|what|why|which|where|when|whether)\s)")


def set_task(phrase: str) -> bool:
    """A question set as a task to talk about ("walk me through …"): like a question as
    asked, it reads whole, so it may be as long as one."""
    return bool(ASKED_FOR.match(phrase))


def walked_through(phrase: str, to: Recipient) -> str | None:
    """What the reader was walked through, as their question in the user's voice: "walk Beau
    through how I'd tie in to a main panel" -> "how I'd tie in to a main panel"; "" when
    someone else was walked through it; None when the phrase is no such task."""
    m = WALKED_THROUGH.match(phrase)
    if not m:
        return None
    who = m.group("who")
    if who[:1].isupper() and who.casefold() not in {n.casefold() for n in to.names()}:
        return ""
    return phrase[m.end():]


# A task told as what it was ("the task was work out the gearing", "the exercise was to price
# a job"): the task itself follows.
NOT_A_STEP = frozenset("hard easy long short fine ok okay tough simple brutal fun basic whether like"
                       .split())  # "the test was whether I could …": no task told
TASK_WAS = re.compile(r"(?:the\s+|my\s+)?(?:task|exercise|brief|challenge|case(?:\s+study)?"
                      r"|assignment|test)\s+(?:was|is)\s+(?:to\s+)?(?=\w)", re.IGNORECASE)


# Where a line's parts stand apart: a dash between spaces, a colon, a semicolon.
STRONG_BREAK = re.compile(r"\s[-–—]\s|:\s|;\s")


# "What Fenella cares about is no surprises on a concert day": what they care about, said
# plainly ("Fenella cares about no surprises …", to her "you care about …").
CLEFT = re.compile(r"^\W*(?:(?i:and|but|so)\s+)?(?i:what)\s+(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
                   r"|(?i:he|she|they))\s+(?i:really\s+)?(?P<verb>(?i:cares?\s+about|cared\s+about"
                   r"|wants?|wanted|values?|valued|needs?|needed|looks?\s+for|(?:is|was)\s+looking\s+for"
                   r"|prioriti[sz]es?|prioriti[sz]ed))(?:\s+(?i:most|above\s+all))?\s+(?i:is|was)\s+"
                   r"(?P<what>.+)$", re.DOTALL)


# The user's own view set in a sentence about the reader (", in my assessment,"): no part of it
OWN_VIEW = re.compile(r",\s+(?:in\s+my\s+(?:assessment|view|opinion|estimation|experience)|i\s+think"
                      r"|i\s+feel|i\s+reckon|to\s+my\s+mind|as\s+far\s+as\s+i\s+(?:can\s+)?tell),"
                      r"(?=\s)", re.IGNORECASE)


def default_phrase(source: str, to: Recipient, others: list[str], note: str = ""
                   ) -> str | None:
    """Code's own phrase for a detail: a headline cut from the note's words, up to its first
    comma when that leaves three words or more."""
    source = OWN_VIEW.sub("", source)  # "He places great weight, in my assessment, on calm"
    cleft = CLEFT.match(source)
    if cleft and len(cleft.group("what").split()) >= 2:
        source = f"{cleft.group('who')} {cleft.group('verb')} {cleft.group('what')}"
    mine = in_my_voice(tidy(source))
    if mine:
        phrase = checked_phrase(mine, source, to, others, note)
        if phrase:
            return phrase
    whole = tidy(source)
    task = TASK_WAS.match(whole)
    if task:
        # "the task was work out the gearing and the interest cover spot anything odd …": the
        # task's first step, which the frames say as "how to work out the gearing"
        step = re.split(r"[,;.]\s|\s(?:and|then)\s", whole[task.end():])[0]
        first = step.split()[0].casefold() if step.split() else ""
        if len(step.split()) >= 3 and first not in FUNCTION_WORDS and first not in NOT_A_STEP:
            return checked_phrase(step if step.split()[0].casefold() in IMPERATIVE
                                  else f"to {step}", source, to, others, note)
    # A question as they asked it is quoted whole ("how would you explain … to a donor who
    # isn't a scientist?"), up to QUESTION_WORDS; cut, it would leave a sentence hanging.
    if (is_question(whole) or set_task(whole) or walked_through(whole, to)) \
            and len(whole.split()) <= QUESTION_WORDS \
            and (phrase := checked_phrase(whole, source, to, others, note)):
        return phrase
    cand = headline_from(whole, clause_only=True)
    if not cand:
        # Too long to cut without leaving a sentence hanging, unless it is made of parts that
        # each stand alone ("Remy: commercial awareness — he said the strategists who succeed
        # there “understand that an hour is money.”"): its first part that reads alone, most
        # often the gist the rest explains ("commercial awareness").
        parts = [part for part in STRONG_BREAK.split(whole) if len(part.split()) >= 2
                 and not heads_a_list(part, whole)]  # ("What you said you'd do: …")
        return next((c for part in parts if (c := default_phrase(part, to, others, note))),
                    None) if len(parts) > 1 else None
    pieces = re.split(r"[,;]\s|\s[-–—]\s|\s\(", cand)
    first = pieces[0] if len(pieces[0].split()) >= 3 else cand
    phrase = checked_phrase(first, source, to, others, note)
    if phrase is None and POINTS_AHEAD.match(first):
        # "she said that's exactly what they want, that this unit has a speak-up culture": the
        # first piece points ahead; a later one says it ("this unit has a speak-up culture").
        for piece in re.split(r"[,;]\s|\s[-–—]\s|\s\(", whole)[1:]:
            piece = re.sub(r"^that\s+", "", piece.strip(), flags=re.IGNORECASE)
            for part in dict.fromkeys([piece, re.split(r"\s(?:and|but|so)\s", piece)[0]]):
                if len(part.split()) >= 3 and (phrase := checked_phrase(part, source, to, others,
                                                                        note)):
                    return phrase
    return phrase


# "the signals department is opening a signal maintainer trainee exam in the spring": the
# opening itself, when the whole line is too long for a phrase.
OPENING_OBJECT = re.compile(
    r"\b(?:opening(?:\s+up)?|hiring(?:\s+for)?|recruiting(?:\s+for)?|looking\s+for|"
    r"advertising|creating|(?:about|going)\s+to\s+(?:post|advertise|open)|posting"
    # "a sister school … needs a KS3 science teacher": a post, when what it needs is a job
    r"|needs?(?=\s+(?:a|an|another)\s+(?:[\w-]+\s+){0,3}(?:teacher|engineer|nurse|manager|analyst"
    r"|designer|developer|coordinator|assistant|associate|officer|specialist|consultant|rep"
    r"|director|supervisor|technician|electrician|accountant|paralegal|attorney|lawyer"
    r"|scientist|researcher|planner|underwriter)s?\b))\s+"
    r"(?P<np>(?:a|an|another|the|their|its|two|three|some)\s.+)",
    re.IGNORECASE)


TRAILING_WHEN = re.compile(r"(?:\s+(?:as well|too|also|at the moment|right now|currently|now"
                           r"|at present|soon|this year|next year))+\s*$", re.IGNORECASE)


ROLE_NOUN = re.compile(r"\b(?:role|job|post|position|opening|vacanc|opportunit|program|"
                       r"internship|apprenticeship|exam|scheme|rotation|contract|seat)",
                       re.IGNORECASE)


def opening_phrase(source: str, to: Recipient, others: list[str], note: str = ""
                   ) -> str | None:
    """An opening's own noun phrase ("a signal maintainer trainee exam in the spring") for a
    line too long to cut, or None."""
    m = OPENING_OBJECT.search(tidy(source))
    if not m:
        return None
    np = re.split(r"[.;!?]\s|,\s|\s[-–—]\s", m.group("np"))[0]
    np = re.sub(r"\s+(?:who|which|that)(?:['’]\w+)?\W*$", "", np)  # a line cut at "who'd"
    # Too long for a phrase: cut where what follows only qualifies it ("… job in the
    # maintenance department | for all the parts and appliances …").
    cuts = [c.start() for c in re.finditer(r"\s(?:for|with|across|because|so|and he|and she"
                                            r"|and they|and it['’]?s|and it is|which"
                                            r"|who(?:['’](?:d|ll|s))?|that"
                                            r"|if)\s", np)]
    for piece in [np, *(np[:c] for c in reversed(cuts))]:
        # "an associate as well at the moment": words of when or also are not the opening
        piece, when = TRAILING_WHEN.subn("", piece)
        if when and not ROLE_NOUN.search(piece):
            # A person, not a post ("an associate as well at the moment"): the clause that
            # says who is hiring ("the agri lending team is hiring an associate"), from after
            # the last word of telling.
            head = tidy(source)[:m.start("np")]
            said = list(re.finditer(r"\b(?:said|says|told me|mentioned|that|explained)\s+"
                                    r"|[,;:]\s+", head, re.IGNORECASE))
            clause = head[said[-1].end() if said else 0:] + piece
            if 4 <= len(clause.split()) <= 12 and (phrase := checked_phrase(
                    clause, source, to, others, note)):
                return phrase
        if len(piece.split()) >= 3 and (phrase := checked_phrase(piece, source, to, others,
                                                                 note)):
            return phrase
    return None


def in_my_voice(text: str) -> str | None:
    """A behavioural question as a phrase in the user's voice, or None: "tell me about a time
    you hit a target…" -> "the time when I hit a target…", "give an example where you changed
    …" -> "an example where I changed …", "walk me through your lockout process" -> "my lockout
    process"."""
    told = BEHAVIOURAL.match(text)
    if not told:
        return None
    rest = re.split(r"[.?!;]|\s[-–—]\s", text[told.end():])[0]
    # "you" as an object ("let you down", "told you", at the end) is "me", else "I".
    rest = re.sub(r"\byou\b(?=\s+(?:down|up|out|off|back|over|in|on|to|with|for|about|and|or)\b"
                  r"|\s*$|\s*,)", "me", rest, flags=re.IGNORECASE)
    # … and after a verb it is the object of ("couldn't tell you what was wrong")
    rest = re.sub(rf"\b({'|'.join(sorted(TAKES_OBJECT))})\s+you\b", r"\1 me", rest,
                  flags=re.IGNORECASE)
    for you, me in (("you've", "I've"), ("you're", "I'm"), ("yourself", "myself"),
                    ("your", "my"), ("you", "I")):
        rest = re.sub(rf"\b{you}\b", me, rest, flags=re.IGNORECASE)
    if told.group("through"):
        return "my " + re.sub(r"^my\s+", "", rest)
    if len(rest.split()) > 12:
        return None
    lead = "an example where " if "example" in told.group(0).casefold() else "the time when "
    me = "I " if re.search(r"\byou\s*$", told.group(0), re.IGNORECASE) else ""
    return lead + me + rest


# A behavioural question as asked: "tell me about a time you …", "give an example where you …".
BEHAVIOURAL = re.compile(
    r"^(?:can you\s+|could you\s+)?(?:tell|talk|walk)\s+(?:me|us)\s+(?:about|through)\s+"
    r"(?:a|one)\s+time\s+(?:when\s+|that\s+)?(?:you\s+)?"
    r"|^give\s+(?:me\s+|us\s+)?(?:an\s+)?example\s+(?:of\s+a\s+time\s+)?(?:when|where)\s+you\s+"
    r"|^(?P<through>(?:walk|talk|take)\s+(?:me|us)\s+through\s+)(?=your\b)"
    r"|^(?:a\s+)?time\s+(?:when\s+)?you\b\s*",  # a label: "time you disagreed w/ a senior …"
    re.IGNORECASE)
# Not someone else's offer ("she offered to pass my CV on").
PROMISED = re.compile(r"(?<!\bhe )(?<!\bshe )(?<!\bthey )(?<!\bwe )"
                      r"\b(?:i\s+(?:have\s+|had\s+)?)?(?:promise[sd]?\s+(?:to\s+)?(?:[\w'’]+\.?\s+){0,2}?(?:that\s+)?"
                      r"i(?:['’]ll|\s+will|['’]?d|\s+would)"  # "I promise to Fionn I will send"
                      r"|promised\s+(?:\w+\s+)?(?:that\s+)?i(?:['’]?d|\s+would)"
                      r"|promised|offered|agreed|said i['’]?d|said i would|"
                      r"said to (?:\w+\.?\s+){1,2}i(?:['’]?d|\s+would|['’]ll|\s+will)|"
                      r"said i(?:['’]ll|\s+will)|"
                      r"(?:told|tell) (?:\w+\.?\s+){0,3}?i(?:['’]?d|['’]ll|\s+would|\s+will)\b|"
                      r"i promise\s+(?:\w+\.?\s+){0,3}?to|undert(?:ook|ake)\s+to)\s+(?:to\s+)?",
                      re.IGNORECASE)
# Who a promise was told to: the words between "told"/"promised"/"said to" and the "I".
TOLD_WHOM = re.compile(r"^\W*(?:i\s+)?(?:told|promised?|said\s+to)\s+(?:to\s+)?(?P<whom>.*?)\s+"
                       r"(?:that\s+)?i\b", re.IGNORECASE)
# Words that tell no one in particular apart ("told them I'd", "told the manager I'd" to the
# manager is settled by the title).
NOBODY_IN_PARTICULAR = frozenset(
    "her him them you everyone everybody the a an my our their his sir madam maam ma'am ji "
    "team panel both all".split())


def told_someone_else(said: str, to: Recipient) -> bool:
    """Whether a promise was told by name to someone other than the reader ("told priya i'd
    give her an answer" to Bev; "promised RK sir I will submit …" to the GM)."""
    m = TOLD_WHOM.match(said)
    if not m:
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’]*", m.group("whom"))
             if not HONORIFIC.match(w) and w.casefold() not in NOBODY_IN_PARTICULAR]
    if not words:
        return False
    mine = {w.casefold() for w in [*to.names(), *re.findall(r"[^\W\d_]+", to.title or "")]}
    return not any(w.casefold() in mine for w in words)


# A promise whose thing is named before an "it" that stands for it ("send you my cv updated w
# the 2391 on it").
THING_THEN_IT = re.compile(r"\w+(?:\s+you)?\s+(?:my|the|a|an|your|some)\s+\S+.*\s(?:on|in|with|into"
                           r"|onto)\s+it[\s.,;:!?]*$", re.IGNORECASE)
# A promise that points back at what the line before it named ("said id send both by tues").
POINTS_BACK_TO = re.compile(r"(?:send|email|e-mail|forward|get|do)\s+(?:them\s+)?(?:both|them|it|these"
                            r"|those|all|the\s+needful)\b(?:\s+(?:over|across|off))?\s*(?P<rest>.*)$",
                            re.IGNORECASE)
# The promise after a first step that gives nothing ("think about it and let her know …").
THEN_PROMISE = re.compile(r"^(?:(?:think|sleep|mull|reflect|look)\b[^,;.]{0,50}?|(?:love|be glad|be "
                          r"happy)\s+to)\s+and\s+(?:would\s+|will\s+|['’]d\s+)?(?=(?:let|send|"
                          r"email|get back|give|confirm|come back|post|text|call|mail)\b)",
                          re.IGNORECASE)
# What the user made of a thing, then sends ("strip it down to a blank version and email it
# across this week" -> "email you a blank version … this week").
MADE_THEN_SENT = re.compile(
    r"^\w+\s+(?:it|them)\s+(?:down\s+|up\s+|back\s+|out\s+)?(?:in)?to\s+(?P<thing>(?:a|an|the|my)\s+"
    r"[^,;.]+?)\s+and\s+(?P<verb>send|email|forward|share|mail)\s+(?:it|them)"
    r"(?:\s+(?:across|over|along|on))?\b(?P<rest>[^.;]*)", re.IGNORECASE)
# A made thing that is a version of another ("a blank version"), and that other as the note
# names it before ("the possession tracker I made at Brennans").
OF_IT = re.compile(r"\b(?:version|copy|template|draft|summary)\s*$", re.IGNORECASE)
MADE_BEFORE = re.compile(r"\bthe\s+([\w-]+(?:\s+[\w-]+){0,2}?)\s+i\s+(?:made|built|wrote|created"
                         r"|designed|put\s+together|use|used)\b", re.IGNORECASE)
MY_THING = re.compile(r"\bmy\s+([\w'’-]+(?:\s+[\w'’-]+){0,5}?)\s+(?:and|,)", re.IGNORECASE)
# What they asked for, that a promise then calls "it" ("asked for a Yoruba version of the
# parents' leaflet. I said I will send it when I resume.")
ASKED_THING = re.compile(r"\basked\s+(?:me\s+)?for\s+((?:a|an|the|some)\s+[^.,;:]+?)\s*[.,;:]",
                         re.IGNORECASE)


# A promise to send something to someone the note names ("send my transcript to Colette"):
# made to them, not to this reader (the reader's own name is "you" by now).
TO_SOMEONE = re.compile(r"\b(?:to|cc|copy)\s+([A-Z][a-z][\w'-]*)")


# "check with the MBA career office whether …", "call the agency about …": a step the user
# takes with someone else, not a promise to the person written to.
WITH_A_THIRD = re.compile(r"^(?:check|call|ask|confirm|email|text|ping|talk|speak)\s+"
                          r"(?:with\s+|to\s+)?(?:the|my|our)\s+", re.IGNORECASE)


# A way there before "to <Name>": a place, not a person ("come with you to Hadleigh")
GOES_TO = re.compile(r"\b(?:come|go|drive|travel|walk|ride|get)(?:\s+(?:out|over|along|down|up))?"
                     r"(?:\s+with\s+you)?\s*$", re.IGNORECASE)


def to_someone_else(text: str) -> bool:
    """Whether a promise goes to someone else: sent to a named person (not a day or month), or
    a step taken with a third party ("check with the career office whether …")."""
    return any(m.group(1).casefold() not in CALENDAR
               # (not inside a name: "the Access to Work letter")
               and not re.search(r"\b[A-Z][a-z]+\s+$", text[:m.start()])
               # (nor a place one goes to: "come with you to Hadleigh on a kill day")
               and not GOES_TO.search(text[:m.start()])
               for m in TO_SOMEONE.finditer(text)) \
        or (WITH_A_THIRD.match(text) is not None and not re.search(r"\byou\b", text))
SENDABLE = re.compile(
    r"\b(?:references?|referees?|copy|copies|cv|résumé|resume|portfolio|samples?|slides?|deck|"
    r"pdf|certificates?|licen[cs]e|transcripts?|links?|list|write-?up|forms?|details|"
    r"availability|proof|id|documents?|examples?|case stud(?:y|ies)|article|paper|code|notes|"
    r"numbers?|dates?|passport|dbs|check|plans?|memo|report|chart|spreadsheet|repo|notebook|"
    r"screenshots?|diagram|recording|video|photos?|dashboard|outline|proposal|essay|syllabus"
    r"|letters?|scans?|templates?|tracker|summary|menu|files?|booklet|guide|policy|scripts?"
    r"|checklists?|assessments?|cards?|results|data|recipe|budget|sop|questionnaire|diploma"
    r"|records?|sheets?|counts|logs?|book"
    r"|statement|contacts?|figures|estimate|drafts?|transcripts?|bios?|dictionary|pages?"
    r"|calendar|sketch(?:es)?|drawings?|pairing|playlist|bottle|wine)\b",
    re.IGNORECASE)
# Words a cut phrase must not end on ("… one from an engineer I").
DANGLING = re.compile(r"(?:,?\s+(?:i|a|an|the|and|or|of|to|with|for|from|in|on|my|your|that|plus"
                      r"|including|also|how|what|why|where|we|their|his|its|our|maybe|some|any"
                      r"|when))+$", re.IGNORECASE)
# A promise whose thing the note named only before it ("fern wants 2 references, told fern id
# send them by wed" -> "send you by wed") or points back to ("forward you the one we wrote"):
# alone it says nothing.
NO_THING = re.compile(r"^(?:send|forward|email|mail|share|give|pass|get|drop)"
                      r"(?:\s+(?:back|over|along|on))?(?:\s+you)?(?:\s+(?:them|it))?"
                      r"\s+(?:both|all|them|it|these|those)(?:\s*$|\s+(?:by|on|before|after|"
                      r"tonight|tomorrow|today|this|next|asap|later|soon|over)\b)"
                      r"|^(?:send|forward|email|mail|share|give|pass|get|drop)"
                      r"(?:\s+(?:back|over|along|on))?\s+you(?:\s*$|\s+(?:by|on|before|after|"
                      r"tonight|tomorrow|today|this|next|asap|later|soon|early|first|then)\b"
                      r"|\s+(?:the\s+)?one(?=\s*$|\s+(?:we|i|you|they|she|he|that|which|from|"
                      r"with|for|about)\b))", re.IGNORECASE)


def _requested(source: str, to: Recipient) -> str | None:
    """What they asked the user for, as the user's action ("send you two references"); "" when
    someone other than the reader asked; None when the line is no request."""
    plain = re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", " ".join(source.split()).strip(" -*•>"))
    first = plain.split(" ", 1)[0]
    if first.islower() and first in {n.casefold() for n in to.names()}:
        plain = first.capitalize() + plain[len(first):]  # "sam wants my cv …", typed on a phone
    req = REQUEST.match(plain)
    if not req:
        return None
    who = req.group("who") or req.group("owed")
    if who is None:  # "asked me to send …", its subject cut off: only a request with its verb
        return _asked_of_reader(req, plain) if req.group("verb") else None
    if req.group("who") and who.casefold() not in ("he", "she", "they") and (
            who.casefold() in FUNCTION_WORDS or who.casefold() in ("next", "now", "maybe")):
        return None  # "Also need to send her my cards": the user's own line, nobody's request
    by_role = re.match(r"(?i:the|my|our)\s+(\S+)$", who)
    if by_role:  # "the chair asked me to send …": theirs when the chair is the reader
        return None if by_role.group(1).casefold() not in re.findall(
            r"[\w'-]+", (to.title or "").casefold()) else _asked_of_reader(req, plain)
    if who[0].isupper() and who.casefold() not in ("he", "she", "they", "them", "you", "him",
                                                   "her") and not set(who.split()) & set(to.names()) \
            and not any(spelled_alike(w, to.names()) for w in who.split()):
        return ""  # someone else's request: not promised to this reader
    return _asked_of_reader(req, plain)


def spelled_alike(word: str, names: list[str]) -> bool:
    """Whether a word is one of the names written with one letter different ("Mehta" for
    "Mehra": a user unsure how a name is spelt writes it both ways); names of five letters or
    more, with the same first letter."""
    w = word.casefold()
    return any(len(w) == len(n) >= 5 and w[0] == n[0].casefold()
               and sum(a != b for a, b in zip(w, n.casefold(), strict=True)) == 1 for n in names)


# A verb of sending with no thing after it, only when ("send before I start", "email by Friday")
NOTHING_SENT = re.compile(r"(?:send|email|forward|share|bring|give|post)\s+(?:before|after|when|by|or"
                          r"|and|if|until|once|today|tomorrow|tonight|asap|soon|later|now)\b",
                          re.IGNORECASE)
TAKEN_UP = "come to"  # code's words for an invitation the user took up ("come to the field day")


def _asked_of_reader(req: re.Match[str], plain: str) -> str:
    """The user's action for a request the reader made ("" when it is no request)."""
    rest = plain[req.end():].replace(" & ", " and ")
    if req.group("yesno"):  # "asked if I'd put together half a page … Said yes, by Thursday"
        said = AGREED.search(rest)
        if not said:
            return ""  # asked, and no yes written: no promise
        when = re.search(r"\bby\s+\S+", said.group("rest"))
        rest = rest[:said.start()].rstrip(" ,") + (f" {when.group(0)}" if when else "")
        return rest if PROMISE_VERB.match(rest) else ""
    if len(rest.split()) < 2:
        return ""
    if req.group("verb") and req.group("verb")[:1] in "aA" \
            and re.match(r"(?:the|a|an|his|her|their|our)\s", rest, re.IGNORECASE) \
            and (yes := AGREED.search(rest)):
        # an invitation taken up ("he asked me to the grower field day at his orchard,
        # Saturday 3 October. I said yes."): the user will come
        return f"{TAKEN_UP} {rest[:yes.start()].rstrip(' .,;')}"
    # "wants the risk assessment I wrote for the keeper talks, so she sees how I write one. I
    # said by Monday.": the thing, by the day the user said
    due = re.search(r"[.;]\s+(?:and\s+)?i\s+said\s+(?P<by>by\s+(?:next\s+|this\s+)?\w+)\W*$", rest,
                    re.IGNORECASE)
    if due:
        thing = re.split(r",|[.;]\s", rest[:due.start()])[0]
        rest = f"{thing}, {due.group('by')}"
    # "needs a copy of my certificate for their file and I told her she'd have it by Friday",
    # "need the letter from CORU …, I tell her I send it when it arrive": the thing, by then
    said = SAID_ID_SEND_IT.search(rest)
    if said and not req.group("verb"):
        # ("wants to see my equine module certificate": the certificate)
        thing = re.sub(r"^to\s+(?:see|have|get|look\s+at|read|check)\s+", "",
                       rest[:said.start()].rstrip(" ,;"), flags=re.IGNORECASE)
        rest = f"{thing}{said.group('rest').rstrip(' .')}"
    if req.group("verb") and PROMISE_VERB.match(rest):
        return rest
    # Only a thing one sends ("she wants someone who can start in June" is no request), or
    # one the user said they would send ("… history for the airside pass, told her she'd have
    # it by monday")
    return requested(rest) if said or SENDABLE.search(" ".join(rest.split()[:6])) else ""


# The user's word, after what someone needs, that they will send it ("…, and I told her she'd
# have it by Friday"; non-native "…, I tell her I send it when it arrive").
SAID_ID_SEND_IT = re.compile(
    r"\s*(?:[,;.]|\band\b|\bso\b)\s*(?:and\s+|so\s+)?(?:i\s+)?(?:(?:told|tell|said|say|promised)\s+"
    r"(?:(?:her|him|them|[A-Z][\w'-]+)\s+)?(?:that\s+)?(?:i['’]?d|i\s+will|i['’]ll|i\s+would|i"
    r"|she['’]?d|he['’]?d|they['’]?d|she\s+will|he\s+will|they\s+will|she['’]ll|he['’]ll"
    r"|they['’]ll)|(?:agreed|offered|promised)\s+to)\s+(?:send|email|forward|have|get|bring)"
    r"\s+(?:it|them|one)\b(?:\s+(?:over|across|to\s+(?:her|him|them)))*(?P<rest>[^.;,]*)",
    re.IGNORECASE)
# The user's yes after being asked whether they would do something.
AGREED = re.compile(r"[.;,!]?\s+(?:(?:and\s+)?i\s+)?(?:said\s+yes|agreed|said\s+i\s+would|said\s+i['’]?d|"
                    r"said\s+sure|said\s+of\s+course|said\s+happy\s+to)\b"
                    r"(?P<rest>[^.;]*)", re.IGNORECASE)


# "Marek says he will wait for my answer until next Friday": the user owes them an answer.
WAITS_FOR_ME = re.compile(
    r"^(?P<who>(?i:he|she|they)|[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?)\b.*?\b(?i:will|['’]ll|would"
    r"|['’]d|can|is|are)?\s*(?i:wait(?:s|ing)?)\s+(?i:for\s+)?(?i:my)\s+(?P<what>(?i:answer|decision"
    r"|reply|response))(?:\s+(?i:until|till|by|before)\s+(?P<when>(?i:next\s+)?[\w/]+))?")
# "they want an answer by Thursday", "I have until next Friday to answer": the user owes them
# an answer by then.
# a day as said after "by": "Friday", "the 14th", "10 October", "Friday 13th", "12/11"
_DUE_DAY = (r"(?:next\s+|this\s+|the\s+)?[\w/]+(?:\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug"
            r"|sep|oct|nov|dec)[a-z]*|\s+\d{1,2}(?:st|nd|rd|th)\b)?")
ANSWER_DUE = re.compile(
    r"\b(?P<who>he|she|they|[A-Z][\w'-]+)\s+(?:want|need|expect)s?\s+(?:an?|my)\s+"
    r"(?P<what>answer|decision|reply|response)\s+(?:by|before|until|till)\s+"
    rf"(?P<when>{_DUE_DAY})"
    r"|\bi\s+(?:have|got|['’]ve\s+got)\s+(?:until|till)\s+"
    rf"(?P<until>{_DUE_DAY})"
    r"\s+to\s+(?:answer|decide|reply|respond|give\s+(?:them|him|her)\s+(?:an?\s+|my\s+)?answer)"
    r"|\bi\s+(?:must|have\s+to|need\s+to|should)\s+(?:answer|decide|reply|respond)\s+"
    rf"(?:by|until|till|before)\s+(?P<by>{_DUE_DAY})",
    re.IGNORECASE)
# A promise inside a longer line: "he'd pass my name along, so I'm gonna tell him yes".
# What the user's word hangs on, said before it ("if Tony's up for it, I'll …").
CONDITION = re.compile(r"(?:(?:and|but|so)\s+)?(?:only\s+)?if\s+(?P<cond>[^,;.]+?),?", re.IGNORECASE)
OWN_CLAUSE = re.compile(r"(?<=\s)(?:so\s+)?(?:i\s+think\s+)?i(?:['’]m|\s+am)\s+(?:gonna|going\s+to)\s"
                        r"|(?<=\s)i(?:['’]ll|\s+will)\s|(?<=\s)i\s+(?:also\s+|still\s+)?(?:must"
                        r"|need\s+to|have\s+to|promised\s+to)\s"
                        r"|(?<=\s)i(?:['’]ve|\s+have)\s+got\s+to\s", re.IGNORECASE)


# Who a line's news came from ("Dagat Crew Management texted again: …"): the "they" after it
SENDER = re.compile(r"^(?P<who>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*)\s+(?:texted|rang|called"
                    r"|phoned|emailed|e-mailed|messaged|wrote)\b")


def _awaited(source: str, to: Recipient) -> str | None:
    """"They will wait for my answer until Friday" -> "give you my answer by Friday" (None when
    the line is not that, or someone other than the reader waits)."""
    plain = " ".join(source.split()).strip(" -*•>")
    sender = SENDER.match(plain)
    if sender and not row_reader(sender.group("who"), to) \
            and not {w.casefold() for w in sender.group("who").split()} \
            & {w.casefold() for w in re.findall(r"[\w'’-]+", to.title or "")}:
        return None  # "Dagat Crew Management texted again: … they need my answer by …"
    due = ANSWER_DUE.search(plain)
    if due and (due.group("until") or due.group("by")):
        return f"give you my answer by {due.group('until') or due.group('by')}"
    if due and (due.group("who").casefold() in ("he", "she", "they")
                or due.group("who") in to.names()):
        what = "answer" if due.group("what").casefold() == "reply" else due.group("what").casefold()
        return f"give you my {what} by {due.group('when')}"
    m = WAITS_FOR_ME.match(plain)
    if not m:
        return None
    who = m.group("who")
    if who.casefold() not in ("he", "she", "they") and not set(who.split()) & set(to.names()):
        return None
    when = f" by {m.group('when')}" if m.group("when") else ""
    return f"give you my {m.group('what').casefold()}{when}"


# "HR emails MVR consent form + background check auth -> sign + return by Fri": what arrives,
# then the user's step; the step's object is what arrived.
ARRIVES_THEN = re.compile(
    r"^(?:\S+\s+){1,3}?(?:emails?|sends?|sent|will\s+send|mails?|shares?|forwards?)\s+"
    r"(?P<what>.+?)\s*(?:->|=>|→)\s*(?P<step>.+)$", re.IGNORECASE)
BARE_STEP = re.compile(r"^(?P<verbs>\w+(?:\s*(?:\+|&|and)\s*\w+)?)"
                       r"(?P<rest>\s+(?:by|before|asap|today|tonight|tomorrow|tmrw)\b.*)?$",
                       re.IGNORECASE)


def _step_after_arrow(source: str) -> str:
    """The user's step after an arrow, its object filled in from what arrived before it; the
    line as it was when it is not that shape."""
    m = ARRIVES_THEN.match(" ".join(source.split()))
    bare = BARE_STEP.match(m.group("step")) if m else None
    if not m or not bare or not PROMISE_VERB.match(bare.group("verbs")):
        return source
    verbs = re.sub(r"\s*(?:\+|&)\s*", " and ", bare.group("verbs"))
    return f"{verbs} the {m.group('what')}{bare.group('rest') or ''}"


# The user's own study ("get a refresher on tia portal before rnd 2, youtube or ask lee"): no
# promise to the reader.
SELF_STUDY = re.compile(
    r"(?:get|do|take|have)\s+(?:a\s+|some\s+)?(?:refresher|recap|crash\s+course|revision)\b"
    r"|(?:learn|revise|study|practi[cs]e|brush\s+up|read\s+up|rehearse|drill|work\s+on"
    r"|look\s+into)\b", re.IGNORECASE)

# Getting in touch with someone of the user's own: no promise to the reader.
CONTACT_SOMEONE = re.compile(
    r"(?:email|mail|call|ring|text|message|phone|contact|ask)\s+(?:my|our)\s+(?:[\w-]+\s+)?"
    r"(?:supervisor|manager|boss|mentor|referees?|recruiter|professor|adviser|advisor|colleague"
    r"|friend|partner|teacher|tutor|landlord|mum|mom|dad|wife|husband)\b", re.IGNORECASE)


# What the next step needs from the user, said as a need rather than a promise ("If yes, I need
# two references, one of them a former client", "if it's a yes they'll need two references and
# a background check before I can start"): papers a hiring process asks for, after an optional
# condition; the user offers them ("I'll gladly provide …", frames.READY_STEP).
NEXT_STEP_NEEDS = re.compile(
    r"^(?:(?:and|so|but)\s+)?(?P<cond>if\s+(?:yes|so|it['’]?s\s+a\s+yes|they\s+(?:move|go|take)"
    r"\s+(?:me\s+)?(?:forward|ahead|further)|i\s+(?:move|go|get)\s+(?:forward|ahead|through|on))"
    r"\s*,?\s*)?(?P<who>i|they|you|she|he)(?P<modal>['’]ll|\s+will|['’]d|\s+would)?\s+"
    r"(?:also\s+)?"
    r"(?:need|want|require)s?\s+(?:to\s+see\s+)?(?P<thing>(?:(?:a|an|the|my|your|some|two|three|"
    r"four|\d+)\s+)?(?:(?:recent|former|professional|written|full|enhanced|new|signed)\s+)?"
    r"(?:references?|referees?|background\s+checks?|portfolio|writing\s+samples?|work\s+samples?"
    r"|transcripts?|certificates?|licen[cs]es?|dbs(?:\s+check)?|right[\s-]+to[\s-]+work|"
    r"proof\s+of\s+\w+|copies\s+of\s+\w+|copy\s+of\s+\w+)\b.*)$", re.IGNORECASE)
# What comes after the papers is the process's, not part of the offer ("… before I can start").
NEEDS_TAIL = re.compile(r"\s*(?:\bbefore\b|\bif\b|\bonce\b|\bso\b|\bby\b|\bafter\b|[.;!?(]).*$",
                        re.IGNORECASE)


def needed_action(source: str) -> str | None:
    """What the next step needs from the user, as their offer ("gladly provide two references,
    one of them a former client"), or None when the line says no such need."""
    plain = " ".join(_step_after_arrow(source).split()).strip(" -*•>")
    need = NEXT_STEP_NEEDS.match(plain)
    if not need or not (need.group("cond") or need.group("modal")
                        or need.group("who").casefold() == "i"):
        return None  # "she wants two references by Friday": asked now (a request, not a need)
    thing = DANGLING.sub("", NEEDS_TAIL.sub("", need.group("thing"))).strip(" ,")
    return f"gladly provide {thing}" if thing else None


# A promise to the note's own readers ("promised I'd write it all down, so here it is, sorry
# it's long"; "will post an update here"): none to the interviewer ("I'll write it up for
# Nadia" may be one).
TO_ITS_READERS = re.compile(
    r"\bwrite\s+(?:it|this|everything)\s+(?:all\s+)?down\b|\bhere\s+it\s+is\b"
    r"|\bsorry\s+(?:it'?s|this\s+is)\s+(?:so\s+)?long\b"
    r"|\b(?:post|write)\s+an?\s+update\s+(?:here|on\s+this|in\s+this)\b", re.IGNORECASE)
# A line about the note itself ("writing this on the train back", "quick notes from today").
ABOUT_THE_NOTE = re.compile(r"\b(?:writing|typing|jotting|scribbling)\s+(?:this|these|it)\b"
                            r"|\b(?:wrote|typed|jotted|scribbled)\s+(?:this|these|it)\s+down\b"
                            r"|\b(?:get|got|getting|put)\s+(?:this|it|these)\s+down\b"
                            r"|\bbefore i forget\b"
                            # "I write this in the evening because …", "so here is the long
                            # version", "(notes for a post I will probably never publish)"
                            r"|\bi\s+(?:write|type|am\s+writing|['’]m\s+writing)\s+(?:this|these)\b"
                            r"|\bhere\s+is\s+the\s+(?:long|short|full|whole)\s+version\b"
                            # typing it on the move ("stop typing the trolley is here")
                            r"|\b(?:stop|stopped|stopping)\s+typing\b|\bmore\s+later\b"
                            r"|\bnotes?\s+for\s+a\s+(?:post|blog)\b"
                            r"|\b(?:quick |rough )?notes?\s+(?:from|on|for)\s+(?:today|the)\b"
                            # the medium it is written in ("except this blog", "end of memo")
                            # ("this post" is a job in British English: not that one)
                            r"|\bthis\s+(?:blog|memo|voice memo|recording|thread|review|rant)\b"
                            r"|\bend of (?:the )?(?:memo|note|notes|recording|rant|post)\b"
                            # a writer's aside marker ("Random: they served coffee in …")
                            r"|^\W*(?:random|side note|unrelated|off topic|tangent)\s*[:;-]"
                            # a post's title, its summary, or advice to the reader of the post
                            r"|^\W*(?:title|subject|re|tl;?\s?dr|advice|pro tip|tip)(?:\s*[:;]|\s+[-–—]\s)"
                            # a post thanking its readers ("thanks to everyone who replied")
                            r"|\bthanks?\s+(?:you\s+)?(?:to\s+)?(?:every(?:one|body)|all)\s+(?:who|for)\b"
                            # a voice memo's aside ("sorry about the wind")
                            r"|\bsorry (?:about|for) (?:the|all the) (?:wind|noise|traffic|background|"
                            r"echo|audio|sound|rambling)\b"
                            # a pet on the call ("Biscuit (the dog) barked twice")
                            # (not "my dog handler certificates", "my CAT software")
                            r"|\((?:the|my) (?:dog|cat|puppy|kitten)\)"
                            r"|\bmy (?:dog|cat|puppy|kitten)\b(?!\s+(?:handler|handling|training|"
                            r"software|output|certificates?|licen[cs]e|records?)\b)"
                            r"|\b(?:dog|cat|puppy)\s+(?:barked|barking|meowed|jumped|walked)\b"
                            # a lesson filed for themselves, a bracketed note to self
                            r"|\blessons?\s+(?:filed|learned|learnt|for me)\s*[:—–-]|^\s*\[[^\]]*\]?\s*$"
                            # a forum post's greeting to its readers ("Hey all, long time lurker")
                            r"|\blong[- ]time\s+(?:lurker|reader)\b|\bfirst[- ]time\s+poster\b"
                            # how faithful the note is ("wording below is my best reconstruction")
                            r"|\b(?:best|rough)\s+reconstruction\b|\bwording\s+(?:below|above)\b"
                            r"|\bnot\s+(?:exactly\s+)?verbatim\b|\bparaphras(?:ing|ed)\s+(?:here|below)\b"
                            r"|^\W*(?:hey|hi|hello)\s+(?:all|everyone|folks|guys|y'?all)\b"
                            r"|\bposted\s+(?:once\s+|here\s+)?before\b|\bthrowaway\b"
                            rf"|{TO_ITS_READERS.pattern}", re.IGNORECASE)


def _reader_titled(to: Recipient) -> re.Pattern[str] | None:
    """The reader known by title, as a line names them before what they get ("the HR woman my
    DBS number")."""
    head = " ".join((to.title or "").split(",")[0].split())
    if not head or to.name:
        return None
    return re.compile(rf"(?:the\s+)?{re.escape(head)}(?:\s+(?:woman|man|lady|guy|person|bloke))?"
                      r"\s+(?=(?:the|my|a|an|some)\b)", re.IGNORECASE)


CHANNEL = re.compile(r",?\s+(?:through|via|thru)\s+(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)?\b(?:\s+because"
                     r"\b[^.;]*)?")


# A row of what the user owes whom, as a table ("Fiona | EAD catalogue sample from my Ohio
# placement | told her "you'll have it by Monday"") or a list ("DU: contact details for my 2
# referees by Mon."); one already done ("(DONE, 11pm)") is owed no more.
ROW_DUE = re.compile(r"\b(?:by|until|till)\s+(?:(?:the\s+)?end\s+of\s+)?(?:next\s+|this\s+|the\s+)?[\w/]+"
                     r"(?:\s+\d{1,2}(?:st|nd|rd|th)\b)?", re.IGNORECASE)
# A table's "BY" cell said bare: a day, a date or a stretch of time ("end of this week",
# "Wed 21st", "Thu 29th", "next Friday")
ROW_WHEN = re.compile(r"(?:(?:the\s+)?end\s+of\s+)?(?:next\s+|this\s+)?(?:mon|tue|wed|thu|fri|sat|sun"
                      r"|week|month|\d{1,2}(?:st|nd|rd|th)?\b|tomorrow|tonight)", re.IGNORECASE)
# (not a clause about the thing: "a sample of a written report I've done")
ROW_DONE = re.compile(r"(?<!\bI['’]ve\s)(?<!\bI\shave\s)(?<!\bwe['’]ve\s)\b(?:done|sent|finished)\b"
                      r"|[✓✔]", re.IGNORECASE)


# A promise row already kept: the thing, before what says it went ("→ sent it on WhatsApp …",
# ". Sent it from the station", "(already emailed)")
KEPT_SPLIT = re.compile(r"\s*(?:→|->|\(|\.\s|,\s*(?:sent|emailed|done)\b|\s-\s"
                        r"|,\s*(?:the\s+)?(?:same|that)\s+(?:night|day|evening|afternoon|morning))",
                        re.IGNORECASE)
KEPT_WORDS = 16
# How a kept promise's action opens: frames.promise_line says it as done ("I've sent you …")
KEPT = "have sent you"


# A transcript's line of the user's own ("Me: …", "I: …")
MY_TURN = re.compile(r"^(?:me|i|myself)\s*:\s*", re.IGNORECASE)
# A list's number before a row ("2. Mrs Olatunji: my two referees' details by Monday.")
# A row's number or code before it ("2. Mrs O: …", "4.1 Abu Saif: …", "(a) …", "b. Bursar: …",
# "CAR-3 Losa: …", a report's corrective action)
ROW_NUMBER = re.compile(r"^(?:\(?\d{1,2}[.)]\s+|(?:\d{1,2}\.\d{1,2}\.?|\(?[a-z][.)]|[A-Z]{1,4}-\d{1,3})"
                        r"\s+(?=\S+(?:\s+\S+){0,2}\s*:)|(?i:lot|item|no\.?)\s+\d{1,3}[.:]?\s+)")
# "to" before a row's reader, in the languages notes mix in ("aan Rob:", "à Hélène:")
ROW_TO = r"(?:to|aan|an|à|für|para)"
# A row that owes them an event, not a thing ("a guest session for the class on Friday")
ROW_EVENT = re.compile(r"(?:a|an|the|my|one)\s+(?:[\w'’-]+\s+){0,2}?(?:session|workshop|masterclass"
                       r"|class|demo|demonstration|talk|tasting)\b", re.IGNORECASE)
# A row headed by whom it is about ("Kerry-Ann: do the online DBS form tonight")
ROW_HEAD = re.compile(r"\W*(?:\d{1,2}(?:\.\d{1,2})*[.)]?\s+|\(?[a-z][.)]\s+|[A-Z]{1,4}-\d{1,3}\s+)?"
                      r"([^\W\d_][\w.'’-]*(?:\s[A-Z][\w'’.-]*)?)\s*:\s")  # ("6.2 Morwenna: …")
# What the row's reader asked the user to do ("he asked me to come on Saturday …"), to its
# sentence's end
ASKED_ME_TO = re.compile(r"(?:he|she|they)\s+(?:asked|invited|wants|wanted)\s+me\s+to\s+"
                         r"(?P<deed>[^.!?]+)", re.IGNORECASE)
# Their spoken request for something ("Nesrin, could you send me the video …?")
ASKS_ME_FOR = re.compile(r"(?:[A-Z][\w'’-]+,\s+)?(?:could|can|would|will)\s+you\s+(?:please\s+)?"
                         r"(?P<verb>send|email|bring|forward|share)\s+(?:me|us)\s+(?P<what>[^?]+)\?",
                         re.IGNORECASE)
# A row headed by whom it is for ("To blue hair girl: …")
TO_HEAD = re.compile(r"\W*to\s+(?![-\s]?dos?\b)([^:\n]{1,40}?)\s*:\s", re.IGNORECASE)  # not "To do:"
# A row that opens on what to do for them ("let him know …", "ring her when …")
ROW_DEED = re.compile(r"(?:let|tell|ring|call|phone|text|email|e-mail|show|introduce|ask|remind"
                      r"|update|send|give|bring|post|forward)\s+(?:him|her|them)\b",
                      re.IGNORECASE)
CUT_CLAUSE_KEEPS = 5  # words a promise cut back to its last comma keeps at least
# A thing owed only if someone else allows it ("ONLY if Dave (QA mgr) OKs")
CONDITIONAL_ROW = re.compile(r"\bonly\s+if\b|\bunless\b|\bif\s+(?!I\b)[\w'’]+(?:\s+\([^)]*\))?\s+"
                             r"(?:oks?|okays?|agrees?|says\s+(?:yes|ok)|allows?|approves?)\b",
                             re.IGNORECASE)
# A row's thing said as a thing ("Mrs. Obiora-Lawal: a clean flowchart of the referral
# pathway, typed, by Monday 12th"), whatever it is
OWED_THING = re.compile(r"(?:a|an|the|my|our|some|both|copies\s+of|\d+|two|three|four)\s+"
                        r"(?!(?:decision|answer|result|offer|interview|call|news)\b)[\w'’-]+",
                        re.IGNORECASE)
# A row's promise on the condition of getting the job ("if I get it, come in for half a day")
GOT_THE_JOB = re.compile(r"if\s+I\s+get\s+(?:it|the\s+job|the\s+post|the\s+role)\s*,\s*",
                         re.IGNORECASE)
NICKNAME_MIN = 3  # letters a short name must have to stand for a longer one ("Geoff", "Rob")


def by_title_words(who: str, to: Recipient) -> bool:
    """Whether a row's reader is told by their title ("tech manager" for the classroom
    technology manager, "Chef" for the executive chef): every word of it starts a word of
    their title, and it is two words, or the title's last word."""
    # ("HR lady": the person word says no more than who it is)
    # ("the female with the spaniel" for the "handler with a springer spaniel (name not
    # given)": what the note describes them by, not the words between)
    said = [w for w in re.findall(r"[\w'’]+", who.casefold())
            if w not in {"the", "lady", "guy", "woman", "man", "bloke", "fella", "person",
                         "female", "male", "with", "a", "an"}]
    title = re.findall(r"[\w'’]+", (to.title or "").casefold())
    main = re.findall(r"[\w'’]+", re.sub(r"\([^()]*\)", " ", to.title or "").casefold())
    if not said or not title or len(said) > 3:
        return False
    fits = all(any(t.startswith(w) and (len(w) >= 3 or t == w) for t in title) for w in said)
    # (or the acronym the title opens with: "the HR lady" for the "HR officer with a …")
    acronyms = {w.casefold() for w in re.findall(r"\b[A-Z]{2,4}\b", to.title or "")}
    return fits and (len(said) >= 2 or said[0] in {title[-1], *main[-1:], *acronyms})


def row_reader(who: str, to: Recipient) -> bool:
    """Whether words naming someone (a row's start, whom a promise is to) name the reader: one
    of their names (a title or rank before it is no part of it: "Dr. Greaves", "Mrs Olatunji",
    "Councillor Stubbs"), their initials ("R.K." is "R.K", "IB" is Dr Ilse Brandt), the start of
    their first name ("Geoff" for Geoffrey) or their title ("the director", "tech manager")."""
    who = who.strip()
    names = {n.casefold() for n in to.names()}
    title = {w.casefold() for w in re.findall(r"[\w'’-]+", to.title or "")}
    said = " ".join(past_title(who)).rstrip(".").casefold()
    if len(said.split()) == 2 and said.split()[0] in RANK_WORDS | title:
        said = said.split()[1]  # "Judge Prewitt", "Canon Voss", "Director Amadi"
    if (head := re.fullmatch(r"the\s+([\w'’-]+)", said)) and head.group(1) in title | names:
        return True  # "the director" for the Director of Estates, "the Brig" for "Brig"
    theirs = initials(to.name or "")
    surname = past_title(to.name or "")[-1:]
    if said in names or who.rstrip(".").casefold() in names \
            or ("-" in said and set(said.split("-")) <= names) \
            or said in {" ".join(a.split()).casefold() for a in to.aliases} \
            or (surname and len(said) > 2 and said == surname[0].casefold()
                and len(past_title(to.name or "")) > 1) \
            or (len(theirs) >= 2 and who.replace(".", "") == theirs):
        return True
    if by_title_words(who, to):
        return True
    first = past_title(to.name or "")[:1]
    return bool(first) and len(said) >= NICKNAME_MIN and " " not in said \
        and first[0].casefold().startswith(said) and first[0].casefold() != said


def to_reader(deed: str) -> str:
    """A deed for a row's reader told of them, said to them: "help him sort" -> "help you
    sort", "at his retirement party" -> "at your retirement party"."""
    deed = re.sub(r"\b(help|tell|show|meet|join|visit|call|ring|text|email|send|give"
                  r"|bring|with)\s+(?:him|her|them)\b", r"\1 you", deed, flags=re.IGNORECASE)
    return re.sub(r"\b(?:his|their)\b", "your", deed)


def owed_row(source: str, to: Recipient) -> str | None:
    """"send you <thing> by <day>" for a row that owes the reader a thing, else None."""
    plain = ROW_NUMBER.sub("", " ".join(source.split()).strip(" -*•>|→"))  # "2. Mrs O: …"
    if (said := MY_TURN.match(plain)) and ":" not in plain[said.end():]:
        # a transcript's own turn ("Me: Fiona, two references … by Tuesday"): the reader it
        # speaks to, as a row names them
        plain = re.sub(r"^([^\W\d_][\w.'’-]*(?:\s[A-Z][\w'’.-]*)?),\s+", r"\1: ",
                       plain[said.end():], count=1)
    if "|" in plain:
        cells = [c.strip() for c in plain.split("|") if c.strip()]
        # the reader's cell may come second ("PROMISES | TO | BY": "photos of my capitals |
        # Toby | end of this week")
        at = next((i for i, c in enumerate(cells[:3]) if len(c.split()) <= 3
                   and row_reader(c, to)), 0)
        rest = [*cells[:at], *cells[at + 1:]]
        who, thing, after = (cells[at], rest[0], " ".join(rest[1:])) if len(cells) >= 2 \
            else ("", "", "")
        if after and not ROW_DUE.search(after) and ROW_WHEN.match(after):
            # a "BY" column's bare "end of this week", "Wed 21st"
            after = f"by {'the ' if after.casefold().startswith('end ') else ''}{after}"
        if who and row_reader(who, to) and PROMISE_VERB.match(thing) \
                and not ROW_DONE.search(f"{thing} {after}"):
            # a deed, not a thing to send ("go to the apprentices' letter-cutting class")
            return f"I'll {thing.rstrip(' .')}{f' {after}' if after else ''}"
    else:
        # ("to Dominic: two references …" under a "Promises:" heading)
        m = re.match(rf"(?:(?i:{ROW_TO})\s+)?(?P<who>[^\W\d_][\w.'’-]*(?:\s[\w'’.-]+)?)"
                     r"\s*(?::|→|->|=>)\s*(?P<thing>.+)$", plain)
        comma = re.match(r"(?P<who>[^\W\d_][\w.'’-]*(?:\s[\w'’.-]+)?),\s+(?P<thing>.+)$", plain)
        if not m and comma and row_reader(comma.group("who"), to) and (
                OWED_THING.match(comma.group("thing")) or PROMISE_VERB.match(comma.group("thing"))):
            # a row with a comma for its colon ("HR lady, upload the share code …", "Kiran,
            # photos of the big cedar …, before round two")
            m = comma
            if PROMISE_VERB.match(comma.group("thing")) \
                    and not re.search(r"\b(?:me|us)\b", comma.group("thing"), re.IGNORECASE):
                return f"I'll {comma.group('thing').rstrip(' .')}"  # what to do for them
        described = TO_HEAD.match(plain) if not m else None
        if described and row_reader(described.group(1), to):
            # "To the female with the spaniel: the name of the saddler …", to the reader the
            # note describes
            who, thing, after = described.group(1), plain[described.end():], ""
        elif not m:
            return None
        else:
            who, thing, after = m.group("who"), m.group("thing"), ""
        if (SENDABLE.match(re.sub(r"^(?:a|an|the|my|our|some|\d+)\s+(?:[\w'’-]+\s+)?", "", thing))
                or re.search(r"\.\s+(?:i\s+)?(?:said|promised)\s+i(?:['’]d|\s+would|\s+will)?\s+\w+"
                             r"\s+(?:it|them)\b", thing, re.IGNORECASE)) \
                and ". " in thing:
            # "Anita: a captioning reference. Said I'd ask the college …, by the end of the
            # week": the thing, then how, with its deadline
            thing, after = re.split(rf"(?<=\w){not_after_abbreviation()}\.\s", thing, maxsplit=1) \
                if re.search(rf"(?<=\w){not_after_abbreviation()}\.\s", thing) else (thing, "")
        if len(who.split()) == 2 and not who.split()[1][:1].isupper() \
                and not row_reader(who, to):
            return None  # "the ops: …", a lower-case second word that is no title of theirs
        # (or what the user offered or said they would: "Cllr Hartop: I offered to draft …")
        # (a note to oneself: "Tolu: you said you would connect him with Bisi")
        own = re.match(r"I(?:['’]ll|\s+will|['’]d|\s+would|\s+(?:offered|promised|agreed|said\s+I"
                       r"(?:['’]d|\s+would|\s+will))(?:\s+to)?)\s+(?P<deed>.+)$"
                       r"|you\s+said\s+you(?:['’]d|\s+would|\s+will)\s+(?P<yours>.+)$", thing)
        if own and row_reader(who, to):
            # "Chef: I will come to her new-menu trial dinner on 5 November"
            return f"I'll {(own.group('deed') or own.group('yours')).rstrip(' .')}"
        if ROW_EVENT.match(thing) and row_reader(who, to):
            # "Dr Hallam: a guest session for the orchestral studies class on Friday 20 November"
            return f"I'll run {thing.rstrip(' .')}"
        thing = re.sub(r"^to\s+(?=[a-z])", "", thing)  # "To Mr Dunbeath: to bring Bosun in …"
        parts = thing.split(", ")
        while len(parts) > 1 and foreign(parts[-1]):
            parts.pop()  # "…, under £5k, volgende week": the words in another language go
        thing = ", ".join(parts)
        if re.match(r"(?:come|visit|teach|sit\s+in|go\s+to|go\s+out\s+with"
                    r"|give\s+(?:a|an|the)\s+(?:talk|session|demo|tour)|set\s+up|build|fix|help|run|organi[sz]e|draft|put\s+together"
                    r"|dig\s+out|write\s+up|do|fill\s+(?:in|out)|complete|sign|book|apply|prepare"
                    r"|finish|make|find|bring)\b", thing, re.IGNORECASE) and row_reader(who, to):
            # "Uncle Rewi: come and talk to his growers' group …": a deed for them ("… to meet
            # him": you)
            return f"I'll {to_reader(thing).rstrip(' .')}"
        if (wants := ASKS_ME_FOR.match(thing)) and row_reader(who, to):
            # a script's line of theirs ("TASH: Nesrin, could you send me the video of the
            # bead-making?"): what they asked the user for
            return f"I'll {wants.group('verb').casefold()} you {wants.group('what').strip()}"
        if (asked := ASKED_ME_TO.match(thing)) and row_reader(who, to):
            # "To Stan: he asked me to come on Saturday 30 January to help him sort …": what
            # they asked of the user, in the user's voice
            return f"I'll {to_reader(asked.group('deed')).rstrip(' .')}"
        if ROW_DEED.match(thing):
            # "Ritchie: let him know the canoe course dates once I've booked one": a row
            # that says what to do for them, in the user's voice
            return f"I'll {thing}" if row_reader(who, to) else None
        if (cond := GOT_THE_JOB.match(thing)) and row_reader(who, to) \
                and not re.match(r"we\b", thing[cond.end():], re.IGNORECASE):
            # "Yasmin: if I get it, come in for half a day before the start to meet the team"
            return f"I'll {thing[cond.end():].rstrip(' .')}, {IF_HIRED}"
        if not (SENDABLE.search(thing) or OWED_THING.match(thing)) \
                or CONDITIONAL_ROW.search(thing):
            # (a transcript's "Lorna: what you know about …" owes nothing; "my trial data.
            # ONLY if Dave OKs" is no promise to make in a message)
            return None
    if not who or not row_reader(who, to):
        return None
    if ROW_DONE.search(f"{thing} {after}"):
        # kept already ("R.K.: the link to the wellbeing star thing. Sent it from the station,
        # done"): what was sent, said as sent; its line says no more than that
        sent = KEPT_SPLIT.split(thing, maxsplit=1)[0].strip(" .,;")
        if not sent or ROW_DONE.search(sent) or len(sent.split()) > KEPT_WORDS:
            return None
        if not re.match(r"(?:a|an|the|my|our|some|any|\d+|two|three|both)\b", sent,
                        re.IGNORECASE):
            sent = f"the {sent}"
        return f"{KEPT} {sent}"
    due = None if ROW_DUE.search(thing) else ROW_DUE.search(after)
    thing = thing.rstrip(" .")
    # what a page is about, after a comma ("one page, how I would run arrivals day"): on it
    thing = re.sub(r"^((?:one|a|two|three|half\s+a)\s+(?:pages?|sides?|paragraphs?)),\s+(?=how|what"
                   r"|why|my|the|our)", r"\1 on ", thing, count=1, flags=re.IGNORECASE)
    thing = re.sub(r"^(?:send|email|e-mail|post|forward)\s+(?=\S)", "", thing, count=1,
                   flags=re.IGNORECASE)  # "Farida: send a copy of my certificate by thursday"
    thing = re.sub(r"^copy\s+of\b", "a copy of", thing, count=1, flags=re.IGNORECASE)
    if not re.match(r"(?:a|an|the|my|our|some|any|\d+|one|two|three|both|half|copies)\b", thing,
                    re.IGNORECASE):
        thing = f"the {thing}"  # a table's bare noun ("name of the freeze-drying company")
    return f"send you {thing}{f' {due.group(0)}' if due else ''}"


# A heading over the promises, on the same line as the first ("What I've promised: Rachel
# wants …", "Things I said I'd do: …")
PROMISE_HEADING = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|right)\W+)?(?:what\s+i(?:['’]ve|\s+have)?\s+promised|promised|promises"
    r"|(?:the\s+)?things\s+i\s+(?:said|promised)\s+i['’]?d\s+do|what\s+i\s+said\s+i['’]?d\s+do"
    r"|what\s+i\s+owe)\s*[:.,]\s+(?=\S)",
    re.IGNORECASE)
# A clock time opening a timeline's line ("14:30  promised …")
CLOCK_TIME = re.compile(r"^\W*\d{1,2}[:.]\d{2}\s+")
# A to-do list's box before a row ("[ ] owe Gareth my records …", "- [x] …", "☐ …")
CHECKBOX = re.compile(r"^\s*(?:[-*•]\s*)?(?:\[\s*[xX✓✔]?\s*\]|[☐☑□■✅])\s*")
# A plan made together with the reader ("Jools and me said we'll go for a drink whatever
# happens", "we said we'd get a pint"): theirs as much as the user's, said as "let's …"
TOGETHER = re.compile(r"^\W*(?:(?i:and|so|then|also)\s+)?"
                      r"(?:(?P<who>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)(?:\s+and\s+(?:me|i)"
                      # "Bev and me: we'll have coffee …", "Sana → we will do …": a line of what
                      # the two agreed
                      r"(?:\s*:\s*(?=we)|\s+)|\s*(?:→|->|=>|:)\s*(?=(?:if\s+I\s+get\s+[^,]{1,12},\s*)?we\b)))?"
                      r"(?:(?:both\s+)?(?:said|agreed|promised)\s+(?:that\s+)?|(?<=[:→>]\s)|(?<=[:→>]))"
                      # "Tilly: if I get it, we'll rebuild …": a promise on that condition
                      r"(?P<cond>if\s+I\s+get\s+(?:it|the\s+job)\s*,\s*)?we(?:['’]ll|['’]d|\s+will"
                      r"|\s+would)\s+(?P<act>(?:go|get|have|grab|meet|catch\s+up|do|try|walk"
                      r"|visit|rebuild|build|run|write|plan|play|cook|taste|fix|sort)\b[^.;]*)",
                      re.IGNORECASE)
# "promised <someone> <a thing>": no verb, no "I'd"
PROMISED_THING = re.compile(
    r"^\W*(?:i\s+)?(?:(?:also|then|duly|had|have|['’]ve)\s+)?promised\s+(?P<whom>(?:the\s+)?[\w.'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+"
    r"(?P<thing>(?:a|an|the|my|our|some|both|copies|copy|two|three|four|\d+)\b.*)$",
    re.IGNORECASE)


# "Yasmin gets my Level 4 certificate by Friday": a thing the reader is to get from the user
GETS_THING = re.compile(
    r"^\W*(?P<whom>(?:the\s+)?[\w.'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:gets|will\s+get|is\s+getting"
    r"|is\s+to\s+get|should\s+get)\s+(?P<thing>(?:a|an|the|my|some|both|copies|copy|scans?"
    r"|\d+|two|three)\b.*)$", re.IGNORECASE)


# Words of rank said before a surname ("Councillor Stubbs", "Canon Voss", "Captain Ellis").
RANK_WORDS = frozenset("councillor cllr canon captain capt cap father sister brother reverend rev "
                       "rabbi imam judge sergeant sgt chief coach chef matron nurse officer "
                       "inspector constable principal dean engr eng sir ma'am maam madam".split())


# A name with the title said after it, as Indian English does ("Vikram sir", "Leela ma'am")
NAME_THEN_TITLE = re.compile(r"\b([A-Z][\w'’-]+)\s+(?:sir|ma['’]am|madam|ji)\b")
# A promise listed as a thing and whom it goes to ("two references to Colette by Friday",
# "one page to Jasper on how I'd run the training, by Friday the 20th")
THING_TO = re.compile(
    r"^[\W]*(?P<thing>(?i:a|an|the|my|our|some|one|two|three|four|\d+|copies|copy"
    r"|[a-z]+ed\s+(?:version|copy|copies|draft|list|notes?|summary|report))\b.*?),?\s+"
    r"(?i:to)\s+(?P<whom>(?:(?i:the)\s+[a-z][\w'’-]*|(?:[A-Z][\w.'’-]*\s+)?[A-Z][\w.'’-]*)"
    r"(?:\s+(?i:and)\s+[A-Z][\w.'’-]*)?)"
    r"(?P<rest>\s+(?i:on|about|for)\b[^,;]*?)?(?P<due>,?\s+(?i:by)\b[^;]*)?[.;]?$")


# The user's own reply later in a line that reports what someone asked for ("…; I haven't got
# one, so I said I'd get the course leader to write instead")
OWN_REPLY = re.compile(r"[;,.]\s+(?:(?:so|and|but)\s+)?(?P<said>I\s+(?:said|told\s+\w+|promised)"
                       r"\s+I['’]d\b|I['’]ll\b)", re.IGNORECASE)


# How the user feels about a promise, said after it ("…, feels awkward now"): theirs alone
FEELS_TAIL = re.compile(r",\s*(?:(?:it|that)\s+)?(?:feels?|felt|seems?)\s+(?:so\s+|a\s+bit\s+)?"
                        r"(?:awkward|weird|strange|odd|bad|wrong|embarrassing|pointless)\b.*$",
                        re.IGNORECASE)


def promise_action(source: str, to: Recipient, others: list[str],
                   reader: str | None = None) -> str | None:
    """What the user promised, as a verb phrase in their voice ("send you the deck"), or None;
    what the next step needs from them as their offer ("gladly provide two references").
    `reader`: "he" or "she" when the line is in the reader's part of the note and the note
    calls them so ("… said I would bring it for him to see": him is the reader). How the user
    feels about it, said after it, is no part of it ("…, feels awkward now")."""
    action = _promise_action(due_joined(source), to, others, reader)
    return FEELS_TAIL.sub("", action) if action else action


# A deadline said as a sentence of its own after the promise ("… taken out. By Monday 19th.",
# "… the dry matter sheet. Tonight.", "… as an operation. NLT Fri 25 Sep.", "… CAT A: by
# Thursday 24 September"), a label before it allowed.
DUE_SENTENCE = re.compile(
    r"(?<=[\w)])\s*[.;]\s+(?:[A-Za-z]{2,8}(?:\s+[A-Z0-9])?:\s*)?[\"“]?"
    r"(?P<by>(?:by|before|until|no\s+later\s+than|NLT)\s+)?"
    r"(?P<when>(?:(?:the\s+)?end\s+of\s+(?:the\s+)?|next\s+|this\s+)?"
    r"(?:mon|tue|wed|thu|fri|sat|sun|week|month|tonight|tomorrow|today|\d{1,2}(?:st|nd|rd|th)?\b)"
    r"[\w ,/]{0,28}?)\s*[.!]?(?:,?[\"”],?\s+I\s+said)?\s*[.!]?\s*$", re.IGNORECASE)
DUE_WORDS = 5  # words a deadline's own sentence may have, past a label ("CAT A:")


def due_joined(source: str) -> str:
    """A promise with the deadline said after it as a sentence of its own joined to it ("… taken
    out by Monday 19th"); as it is otherwise."""
    m = DUE_SENTENCE.search(source)
    if not m or len(f"{m.group('by') or ''}{m.group('when')}".split()) > DUE_WORDS:
        return source
    when = m.group("when")
    by = "" if re.match(r"(?:tonight|tomorrow|today|this|next)\b", when, re.IGNORECASE) else "by "
    if m.group("by") and not re.match(r"(?:no|nlt)\b", m.group("by"), re.IGNORECASE):
        by = m.group("by").casefold()
    if by == "" or re.fullmatch(r"(?:tonight|tomorrow|today|this\s+\w+|next\s+\w+)", when,
                                re.IGNORECASE):
        when = when.casefold()
    return f"{source[:m.start()].rstrip(' .;')}, {by}{when}"


def _promise_action(source: str, to: Recipient, others: list[str],
                    reader: str | None = None) -> str | None:
    """`promise_action` before what the user feels about it is cut."""
    if TO_ITS_READERS.search(source):
        return None  # "promised I'd write it all down while it's fresh, so here it is"
    source = CLOCK_TIME.sub("", source, count=1)  # "14:30  promised Joanna …" in a timeline
    source = NAME_THEN_TITLE.sub(r"\1", source)  # "Vikram sir wants …", "Leela ma'am"
    source = CHECKBOX.sub("", source, count=1)  # "[ ] owe Gareth my queen rearing records"
    if (together := TOGETHER.match(source)) and (
            not together.group("who") or row_reader(together.group("who"), to)):
        act = together.group("act").strip(" ,")
        if together.group("cond"):
            act = re.split(r",\s+(?:her|his|my|their)\s+idea\b", act)[0] + f", {IF_HIRED}"
        return f"let's {act}"
    source = PROMISE_HEADING.sub("", source, count=1)  # "What I've promised: Rachel wants …"
    if (thing := PROMISED_THING.match(source)) and row_reader(thing.group("whom"), to):
        # "promised Joanna copies of my GWO certs by Friday", "Promised the director two
        # references …": a thing promised to them, with no verb of its own, is sent
        source = f"I'll send you {thing.group('thing')}"
    elif (thing := GETS_THING.match(source)) and row_reader(thing.group("whom"), to):
        source = f"I'll send you {thing.group('thing')}"  # "Gavin gets scans of my tickets …"
    elif (thing := THING_TO.match(" ".join(source.split()))) \
            and any(row_reader(w, to) for w in re.split(r"\s+and\s+", thing.group("whom"))):
        # a listed promise: "one page to Jasper on how I'd run the training, by Friday"
        due = (thing.group("due") or "").strip(" ,;.")
        sent = thing.group("thing").strip(" ,")
        if re.match(r"[a-z]+ed\s", sent):
            sent = f"a {sent}"  # "typed version of my risk report": a typed version
        source = f"I'll send you {sent}" \
            f"{thing.group('rest') or ''}{f' {due}' if due else ''}"
    needed = needed_action(source)
    if needed:
        return needed
    row = owed_row(source, to)
    if row and row.startswith(KEPT):
        return row  # sent already: nothing more to read into it
    if row and row.endswith(f", {IF_HIRED}"):
        return row.removeprefix("I'll ")  # the condition is the promise's own
    if row is None and (row_head := ROW_HEAD.match(source)) \
            and {w.casefold() for w in row_head.group(1).split()} \
            & {o.casefold() for o in others} and not row_reader(row_head.group(1), to):
        return None  # "Kerry-Ann: do the online DBS form tonight": another's row
    if row is None and (to_head := TO_HEAD.match(source)) \
            and not row_reader(to_head.group(1), to) and not by_title_words(to_head.group(1), to):
        return None  # "To blue hair girl: I said I will show her …", to another reader
    source = row or source
    source = _step_after_arrow(source)
    awaited = _awaited(source, to)
    if awaited:
        return awaited
    requested = _requested(source, to)
    if requested and (own := OWN_REPLY.search(source)) and not re.match(
            r"\s*\w+\s+(?:it|them|that|those|one)\b", source[own.end():], re.IGNORECASE):
        # "Prof. Greer asked for an academic reference; I haven't got one, so I said I'd get
        # the course leader to write instead": what the user said they'd do is the promise
        source, requested = source[own.start("said"):], None
    if requested == "":
        return None
    opening = PROMISE_START.match(source)
    condition = ""
    if requested is None and not (opening and opening.group(0).strip()) \
            and not PROMISED.search(source):
        inner = OWN_CLAUSE.search(source)  # the user's own clause later in the line
        if inner and (cond := CONDITION.fullmatch(source[:inner.start()].strip())) \
                and not re.search(r"\b(?:he|she|him|her|they|them)\b", cond.group("cond"),
                                  re.IGNORECASE):
            condition = cond.group("cond")  # "if Tony's up for it I'll pass Wes his number"
        if inner:  # from the user's "I" on ("so I think I'm gonna tell him yes")
            source = re.sub(r"^(?:so\s+)?(?:i\s+think\s+)?", "", source[inner.start():],
                            flags=re.IGNORECASE)
    text = requested or tidy(source)
    # who carries it is no part of it ("send him a photo and a spec, through Kerry because I
    # don't have his email")
    text = CHANNEL.sub("", text)
    said = None if requested else PROMISED.search(text)
    if said and not any(re.search(rf"\b{re.escape(n)}\b", said.group(0), re.IGNORECASE)
                        for n in to.names()) \
            and any(re.search(rf"\b{re.escape(n)}\b", said.group(0), re.IGNORECASE)
                    for n in others):
        return None  # "I said to Mr Quayle I'd email him …": promised to someone else
    if said and told_someone_else(said.group(0), to):
        return None  # "told priya i'd give her an answer" in a note to Bev
    if said and (back := POINTS_BACK_TO.match(text[said.end():])) \
            and PROMISE_VERB.match(PROMISE_START.sub("", text[:said.start()], count=1)):
        # "send rhodri the dates i cant do + a list of the kit. said id send both by tues":
        # the promise is the line before, by the deadline said after
        text = f"{text[:said.start()].rstrip(' .;,')} {back.group('rest')}".strip()
        said = None
    said_to_reader = bool(said and any(re.search(rf"\b{re.escape(n)}\b", said.group(0),
                                                 re.IGNORECASE) for n in to.names()))
    before = source[:max(0, source.casefold().find(said.group(0).casefold()))] if said else ""
    if said and not said_to_reader and any(
            re.search(rf"\b{re.escape(n)}\b", before, re.IGNORECASE) for n in to.names()) \
            and not names_others(before, Recipient(None), others):
        # "bev asked about the first aid refresher …, i said i'd … send them to her": she
        said_to_reader = True
    if said:  # "I mentioned my alert-routing script and promised to send it"
        thing = MY_THING.search(text[: said.start()])
        text = text[said.end():]
        if not PROMISE_VERB.match(text):  # "said I'd think about it and let her know by Monday"
            then = THEN_PROMISE.search(text)
            text = text[then.end():] if then else text
        made = MADE_THEN_SENT.match(text)
        if made:  # "offered to strip it down to a blank version and email it across this week"
            plain = " ".join(source.split())
            before = plain[:plain.find(made.group("thing"))]
            of = MADE_BEFORE.search(before) if OF_IT.search(made.group("thing")) else None
            text = (f"{made.group('verb')} you {made.group('thing')}"
                    f"{f' of the {of.group(1)}' if of else ''}{made.group('rest')}")
            thing = None
        asked_for = ASKED_THING.search(source[:max(0, source.find(said.group(0)))]) \
            if not thing else None
        if thing:
            text = re.sub(r"\b(it|them)\b", f"my {thing.group(1)}", text, count=1)
        elif asked_for and re.match(r"\w+\s+(?:it|them)\b", text):
            wanted = " ".join(asked_for.group(1).split())
            text = re.sub(r"\b(it|them)\b", lambda _: f"you {wanted}", text, count=1)
    if not requested:
        text = PROMISE_START.sub("", text, count=1)
        asking = MESSAGE_THEM.match(text)
        if asking and asking.group("who").casefold().strip(",") in {
                *(n.casefold() for n in to.names()), "her", "him", "them"}:
            text = text[asking.end():]  # "message Tess to thank her and ask about …": the ask
    text = GERUND.sub(lambda m: {"shar": "share", "submitt": "submit"}.get(
        m.group(1).casefold(), m.group(1)), text, count=1)
    called = [re.escape(n) for n in [*to.names(), "him", "her", "them"]]
    if said and re.match(rf"{TITLE_BEFORE}(?:{'|'.join(called)})\.?\s+"  # ("K.M. my …")
                         r"(?:the|my|a|an|some)\b", text, re.IGNORECASE):
        text = "send " + text  # "promised Harriet the slides"
    elif said and (by_title := _reader_titled(to)) and (m := by_title.match(text)):
        text = "send you " + text[m.end():]  # "promised the HR woman my DBS number"
    theirs = {"he": r"\b(?:him|his)\b", "she": r"\bher\b"}.get(reader or "")
    if said_to_reader or (row and row.startswith("I'll ")) or (
            theirs and re.search(theirs, text, re.IGNORECASE)
            and not names_others(text, Recipient(None), others)):
        # "Told Siobhan I'd reply …, and send her my portfolio link", "Chef: I will come to
        # her trial dinner": her is she
        text = re.sub(r"\b(send|email|give|forward|show|tell|bring|lend|hand|put|connect"
                      r"|introduce)\s+(?:her|him)\b", r"\1 you", text, flags=re.IGNORECASE)
        text = re.sub(r"\b((?:send|email|give|forward|show|pass|mail)\s+(?:it|them|these|those)"
                      r"(?:\s+(?:over|across|on))?\s+to)\s+(?:her|him)\b", r"\1 you", text,
                      flags=re.IGNORECASE)  # "… and send them to her"
        # "told Marcus I'd come and sit in with him …", "… at her association's open evening",
        # "do his Saturday flowers run": told to the reader, the "him" and "his" are theirs
        # (not "to her new-menu trial dinner": that "her" is "your")
        text = re.sub(r"\b(with|for|to|of|beside|alongside)\s+(?:him|her(?!\s+(?!(?:a|an|the|and|or"
                      r"|to|that|if|when|by|on|in|at|for|with|my|this|some|about|after|before"
                      r"|next|tomorrow|today|tonight|again|too|as)\b)[\w'’-]+))\b", r"\1 you", text,
                      flags=re.IGNORECASE)
        text = re.sub(r"\bhis\b|\bher\b(?=\s+(?!(?:a|an|the|and|or|to|that|if|when|by|on|in|at"
                      r"|for|with|my|your|this|some)\b)[\w'’-]+)", "your", text,
                      flags=re.IGNORECASE)
        # "… while she's at the conference": where the reader will be
        # (not after someone else's name: "… with Uncle Hemi, he's the chair of our trust")
        text = re.sub(r"(?<!\w,\s)\b(?:she|he)(?:['’]s|\s+is)\b(?!\s+(?:got|been|had|done)\b)", "you're",
                      text, flags=re.IGNORECASE)
        # "… before he retires": what the reader will do
        text = re.sub(r"\b(before|after|when|until|till|once|while)\s+(?:she|he)\s+"
                      r"(?:(has|does|was|is)|([a-z]+?)(ies|(?:(?<=ss)|(?<=sh)|(?<=ch)|(?<=[xo]))es"
                      r"|s))\b", lambda m: f"{m[1]} you " + (
                          {"has": "have", "does": "do", "was": "were", "is": "are"}[m[2].lower()]
                          if m[2] else f"{m[3]}{'y' if m[4] == 'ies' else ''}"), text,
                      flags=re.IGNORECASE)
    # "… and get it to her next week", "come back to her w/ questions": the reader, as "send
    # her" is (whose "her" it is was settled with the note before: OWED_PRONOUN)
    text = BROUGHT_TO.sub(r"\1 to you", text)
    if not PROMISE_VERB.match(text) or CONTACT_SOMEONE.match(text) or SELF_STUDY.match(text) \
            or NOTHING_SENT.match(text):
        # ("Must send before I start or he will remember": a send with nothing to send)
        return None  # ("email my supervisor and the two others": asking them, nothing to give)
    # Who said so is not part of the promise ("apply online for that as well she said by the
    # thirtieth"); a deadline written "until Monday" is "by Monday" in a promise.
    text = re.sub(r",?\s+(?:she|he|they)\s+said\b,?", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\buntil\s+(?=(?:the\s+)?(?:\d|next\b|end\b|[A-Z]))", "by ", text)
    names = [re.escape(n) for n in [*to.names(), "him", "her", "them"]]
    # "revert with the checklist" (Indian English): send it back
    text = re.sub(r"^revert(?:\s+back)?\s+(?:to\s+you\s+)?with\s+", "send you ", text, count=1,
                  flags=re.IGNORECASE)
    text = re.sub(r"^(send|share|forward|email|mail)\s+(?=(?:my|the|a|an|last|both|all|some|two"
                  r"|three|four|five|copies|\d)\b)", r"\1 you ", text, count=1, flags=re.IGNORECASE)
    text = re.sub(rf"^(\w+(?:\s+(?:back|over|along))?)\s+{TITLE_BEFORE}"
                  rf"(?:{'|'.join(names)})\.?(?:\s+\w+)?"
                  rf"(?=\s|$)", lambda m: _to_you(m.group(0), to), text, count=1,
                  flags=re.IGNORECASE)
    # Asides in brackets are the user's ("my 3 references (you, Janet, and the charge nurse
    # from my first job if I can find her number)"), cut off or whole.
    text = re.sub(r"\s*\((?:[^()]*\)|[^()]*$)", "", text)
    # Who asked for it is not part of the promise ("…, Ted asked for copies").
    # (or has it already: "…, she's got a script")
    text = re.split(r",\s+(?:[A-Z][\w.]*|he|she|they)(?:\s+(?:asked|wanted|said|needs|needed|has|had)"
                    r"|['’](?:s|ve)\s+got)\b", text)[0]
    # The promise, not what comes after it ("…, and they will do new DBS").
    # (not an abbreviation's full stop: "sit in Dept. 9", "Mr. Okafor")
    text = re.split(rf"(?<=\w)(?<!\b[A-Z]){not_after_abbreviation()}[.;]\s|\s[-–—]\s|\s+because\s"
                    r"|\s+(?i:since\s+i)\b"
                    r"|,\s*(?:will|i['’]ll|i will)\b|,\s*(?i:said|told\s+\w+)\s+(?i:i['’]?d|i\s+would)\b"
                    r"|,?\s+and\s+(?:they|he|she|we)\s+(?:will|['’]ll|would|can)\b"
                    r"|,?\s+and\s+(?i:i)\s+(?:won['’]?t|will\s+not|can['’]?t)\b"
                    # a spoken aside saying whom it was for ("… by Friday that's Sandy she …")
                    r"|\s+(?i:that['’]?s)\s+(?=[A-Z][a-z]|(?i:for)\b)", text)[0]
    text = re.sub(r"^share you (.+)$", r"share \1 with you", text, flags=re.IGNORECASE)
    if to.names():
        text = re.sub(rf"\b(to|with)\s+{TITLE_BEFORE}(?:{'|'.join(re.escape(n) for n in to.names())})"
                      rf"(?:\s+(?:{'|'.join(re.escape(n) for n in to.names())}))?\b",
                      r"\1 you", text, flags=re.IGNORECASE)
    text = re.sub(r"^(\w+ you\b.*?)\s+to you\b", r"\1", text)  # "send you the slides to you"
    if (head := " ".join((to.title or "").split(",")[0].split())) and not to.name:
        # "tell the saw shed foreman the name of the firm", to the foreman
        text = re.sub(rf"\b(send|email|give|tell|show|text|call)\s+the\s+{re.escape(head)}\b",
                      r"\1 you", text, flags=re.IGNORECASE)
    if to.names():  # "… and send Gwen a scan": the reader is "you" anywhere in it
        text = re.sub(rf"\b(send|email|give|tell|forward|text|ping|show|call)\s+"
                      rf"(?:{'|'.join(re.escape(n) for n in to.names())})\b", r"\1 you", text,
                      flags=re.IGNORECASE)
    # ("a writing sample, the piece I wrote on the tannery ledgers": the sample is enough)
    text = re.sub(r",\s+the\s+\w+\s+(?:that\s+)?i\s+(?:wrote|made|built|did|created|designed)\b[^,;]*",
                  "", text, flags=re.IGNORECASE)
    # Where the thing came from is the user's story ("the checklist template i built at
    # Brennans"): the thing is enough, with what the promise still says after it ("example of
    # lift plan I wrote before, without the client names, by Monday").
    text = re.sub(r"\s+(?:that\s+)?(?:i\s+(?:use|did)|(?:i|we)\s+(?:built|made|wrote|created|designed"
                  r"|put\s+together|used))\b(?:(?!\s+and\s)[^,;])*(?P<tail>.*)$",
                  lambda m: m.group("tail") if KEPT_TAIL.match(m.group("tail")) else "",
                  text, flags=re.IGNORECASE) or text
    # what it hangs on is said whole, past the cut ("…, but only if my gaffer says that's fine")
    only_if = re.search(r",?\s+(?:but\s+)?only\s+if\s+[^,;]+$", text, re.IGNORECASE)
    if only_if:
        text, condition = text[:only_if.start()], condition or only_if.group(0).strip(" ,")
        condition = re.sub(r"^(?:but\s+)?only\s+if\s+", "", condition, flags=re.IGNORECASE)
    words = text.split()
    if len(words) > 14:
        # cut long, but keep a deadline said at its end ("…, until next Friday")
        due = re.search(r"\bby\s+(?:(?:the\s+)?end\s+of\s+)?(?:next\s+|this\s+|the\s+)?[\w/]+"
                        r"(?:\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?[A-Z][a-z]+)?"
                        r"|\s+next)?"
                        r"(?=[.!;]?$)",
                        " ".join(words[7:]))
        # (a date said in full, "by Friday 31 October", costs the words of "by Friday")
        kept = min(14 - min(len(due.group(0).split()), 2),
                   len(words) - len(due.group(0).split())) if due else 14
        text = " ".join(words[:kept])
        dropped = words[kept:len(words) - len(due.group(0).split())] if due else words[kept:]
        # the cut fell inside a phrase, not between two ("… for the assessment day + a list")
        mid_phrase = bool(dropped) and not re.match(r"(?:[+&]|and|plus|or|then|also)\b|[,(]",
                                                    dropped[0], re.IGNORECASE) \
            and not words[kept - 1].endswith((",", ";")) \
            and words[kept - 1].casefold() not in {"and", "plus", "+", "&", "or", "then"}
        # a relative clause cut short goes whole ("the outline of a new course that I would")
        text = DANGLING.sub("", re.sub(r"^(\S+(?:\s+\S+){2,}?)\s+(?:that|which|who|where)\s.*$",
                                       r"\1", text))
        if mid_phrase:
            # a second step whose thing the cut took ("… on Sunday the 4th of October and
            # bring [my Gift Aid spreadsheet]", "… certificates and the last three [years of
            # Bosun's training records]") goes whole
            text = re.sub(r"^(\S+(?:\s+\S+){2,}?),?\s+(?:and|or|then|plus|[+&])(?:\s+[\w'’-]+){1,3}$",
                          r"\1", text)
        # so does a last "from …" cut short ("photos of my capitals from the St Cuthbert's
        # [job]")
        short = re.sub(r"^(.*\S)\s+(?:from|at|for|on|in|with|about)\s+[^,;]*$", r"\1", text)
        # (only where the cut still ends it: a clause or a dangling word taken off already
        # ended it at a boundary, "the name of the man at Penhallow Cross [who makes …]")
        if mid_phrase and len(text.split()) == kept and short != text \
                and len(short.split()) >= CUT_CLAUSE_KEEPS:
            text = short
        # a clause after a comma cut short goes whole ("…by Monday, with the leave I've
        # already [booked]")
        # (before a deadline kept too: "…, unit names taken [out] by Monday 19th")
        clause = text.rfind(",")
        if (not due or mid_phrase) and clause > 0 \
                and len(text[:clause].split()) >= CUT_CLAUSE_KEEPS:
            text = text[:clause]
        text = f"{text.rstrip(' ,;:')} {due.group(0)}" if due else text
    # "ask more about this": what "this" was is in the line before; alone it says nothing.
    # ("… my cv updated with the 2391 on it": the thing is named, "it" is that thing)
    if re.search(r"\b(?:this|that|it)[\s.,;:!?]*$", text, re.IGNORECASE) \
            and not THING_THEN_IT.match(text) or NO_THING.match(text) \
            or PRIVATE.search(text) \
            or names_others(re.sub(r"\b[^\W\d_]+['’]s\b", "", text), Recipient(None), others) \
            or re.search(r"\bthank", text, re.IGNORECASE) or to_someone_else(text) \
            or OWN_REFEREES.search(text) or ASKS_SOMEONE_ELSE.match(text) \
            or re.search(r"\b(?:him|her)\b", text, re.IGNORECASE):
        # (a "him" or "her" left is someone other than the reader: "check back with him")
        return None
    if condition:  # said as it was said: only if
        text = f"{text.rstrip(' .,;:!?')} if {condition}"
    # a lone "i" is "I"; a day said last needs no comma ("…, tonight")
    text = re.sub(r"\bi\b(?=['’\s])", "I", text)
    text = re.sub(r",\s+((?i:tonight|tomorrow|today)[.!]?)$", r" \1", text)
    return text[:1].lower() + text[1:].rstrip(" .,;:!?")


# A word to the user's own referees or anyone but the reader ("give my references a heads
# up", "give Marcus and Lena a heads up tonight"): the user's step, owed to nobody met.
# A thing brought to someone, or the user coming back to them.
BROUGHT_TO = re.compile(r"\b((?:come|get)\s+back|(?:get|bring|pass|hand)\s+(?:it|them|this|that"
                        r"|(?:the|my|a|an)\s+[\w-]+(?:\s+[\w-]+){0,3}?)"
                        r"(?:\s+(?:over|across|on))?)\s+to\s+(?:her|him)\b", re.IGNORECASE)
# What goes on after the story of a thing and still belongs to the promise: how it is sent and
# by when (", without the client names, by Monday").
KEPT_TAIL = re.compile(r"^(?:[,;]\s*(?:without|minus|with|by|before|until|tonight|tomorrow|today"
                       r"|next|this|on|asap|after\s+(?:removing|taking\s+out|stripping|deleting)"
                       # ("…, unit names taken out by Monday")
                       r"|(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}\s+(?:taken\s+out|removed"
                       r"|left\s+out|blanked(?:\s+out)?|redacted))"
                       r"\b[^,;]*)+$"
                       r"|^\s+and\s+(?:get|send|email|bring|pass|forward)\s+(?:it|them)\b",
                       re.IGNORECASE)
# The user asking someone the reader is not ("ask lou if the 7am start works", "ask Dr
# Okonjo first!!"): the reader was made "you" before this is read.
ASKS_SOMEONE_ELSE = re.compile(
    r"^ask\s+(?!(?:you|about|for|if|whether|what|when|where|how|why|who|which|more|them|her|him"
    rf"|the|a|an|any|my|your|their|to|again|around|back)\b){TITLE_BEFORE}[^\W\d_][\w'’-]*",
    re.IGNORECASE)
OWN_REFEREES = re.compile(r"\bgive\s+(?!you\b)(?:[\w'’]+\s+){1,3}?a\s+heads[- ]?up\b"
                          r"|\b(?:warn|brief|tell|let)\s+(?:my\s+)?(?:references|referees|refs)\b",
                          re.IGNORECASE)


def _to_you(span: str, to: Recipient) -> str:
    """"send Priya Raman" -> "send you"; "email her" -> "email you"."""
    verb = span.split()[0]
    rest = span.split()[1:]
    if rest and rest[0].casefold() in ("back", "over", "along"):
        verb, rest = f"{verb} {rest[0]}", rest[1:]
    # Keep a following word that is not part of the name ("send her the deck").
    names = {n.casefold() for n in to.names()}
    tail = [w for w in rest[1:] if w.casefold() not in names]
    return " ".join([verb, "you", *tail])
