"""The details a message to one person may use: their part of the note, sensitive lines removed.

Each detail is the note's own words (an extracted item's evidence, or a line) with a kind that
picks its sentence frame: a question they asked, a topic discussed, something they told you, a
concern you can answer, an opening they pointed to, or something you promised them.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from debrief.core.domain import CATEGORIES, Debrief, MessageKind
from debrief.core.evidence import (
    BULLET,
    END_MARK,
    Span,
    Unit,
    folded,
    is_header,
    logical_lines,
    segment,
)
from debrief.core.people import NAME_NOT_GIVEN
from debrief.core.text import FUNCTION_WORDS, ORG_WORDS, content_words, stems, terms
from debrief.features.frames import HONORIFIC, INITIALS, OWN_STEP, Recipient, initials, past_title
from debrief.features.message_checks import PLACEHOLDER
from debrief.features.phrasing import (
    ABOUT_THE_NOTE,
    CALENDAR,
    CHANNEL,
    KEPT_TAIL,
    OPENING_OBJECT,
    PROMISED,
    RANK_WORDS,
    REQUEST,
    ROW_HEAD,
    TO_HEAD,
    by_title_words,
    default_phrase,
    english,
    english_part,
    foreign,
    needed_action,
    opening_phrase,
    promise_action,
    row_reader,
    spelled_alike,
)

SENSITIVE = re.compile(
    r"\$|€|£|\bsalary|\bcomp\b|\bcompensation|\bband\b|\bbase\b|\bote\b|\bequity\b"
    r"|\b\d+\s?k\b(?!\s+(?!(?:pounds|dollars|euros|quid|bucks)\b)[a-z]+s\b)"  # not "5k emails"
    r"|\brsus?\b|\bbonus|\bpay\b|\bpay\s?(?:slip|check|cheque|packet)s?\b|\bmoney\b"
    r"|\bfreeze|\blayoffs?|\brevenue|\brunway|\bseries [a-e]\b"
    r"|\bconfidential|\boff the record|\bbetween us|\bgossip|\bdrama|\bstressed|\bburn(ed|t)? out"
    r"|\bother candidates|\bcandidates in the final|\bquit\b|\bfired\b|\bpolitics"
    r"|\bcandidates?\b|\bcounter[- ]?offer|\bsign[- ]on\b|\bseverance|\bturnover|\breorg"
    r"|\b(?:i'm|im|i am|i was|i feel|i felt|honestly)\s+(?:so\s+|really\s+|kinda\s+)?"
    r"(?:worried|nervous|unsure|not sure|scared|anxious|torn)|\bmy (?:doubts?|worry|gut)\b"
    r"|\bgut feeling|\bred flag|\bvibes?\b|\bwent with someone|\bhired someone|\bsomeone else"
    r"|\binternal candidate|\bslipp(?:ed|ing)\b|\bbehind schedule\b|\bdelayed\b"
    # a shortlist by its size ("its down to me + 1 internal", "down to two of us")
    r"|\bdown to (?:me|us|two|2|three|3|the (?:last|final))\b"
    r"|\b(?:me|us)\s*(?:\+|and|&)\s*(?:\d+|one|two|an?)\s+(?:other|internal|external)\b"
    # … or by its place in it ("I'm one of two finalists", "shortlisted", "the other is internal")
    r"|\bfinalists?\b|\bshort-?list(?:ed)?\b"
    r"|\b(?:i['’]?m|i am|i was|me)\s+(?:now\s+)?one of (?:the (?:last|final) )?(?:two|three|four"
    r"|2|3|4)\b"
    r"|\bthe other (?:one )?is (?:internal|external)\b"
    # the user's own circumstances ("My fellowship ends in March", "my contract runs out")
    r"|\bmy (?:fellowship|contract|post|funding|visa|lease|current job|job|position|grant)\s+"
    r"(?:ends|end|runs out|run out|finishes|expires|is ending|is up)\b"
    # a UK teacher's pay: a point on the scale ("the M5 offer", "the case for M6"), the scales
    # and the responsibility payment ("The TLR has gone")
    r"|\b(?-i:[MU][1-6])\b(?=\s+(?:offer|point|pay|salary)\b)|(?<=\bcase for )(?-i:[MU][1-6])\b"
    r"|\b(?:offer(?:ed)?|on|at|to)\s+(?-i:[MU][1-6])\b|\bmain[- ]scale\b|\bupper pay\b"
    r"|\bpay (?:point|scale|spine)s?\b|\bspine point|\btlrs?\b",
    re.IGNORECASE,
)
# Who left and why, what staff grumble about, the user's own slips and fears, a shortlist:
# said in a question they asked ("how would you handle a customer who complained?") it is the
# question's topic, anywhere else it stays in the notes.
GOSSIP = re.compile(
    r"\b(?:last|previous|old|former)\s+(?:[\w-]+\s+){0,2}(?:left|quit|resigned|walked)\b"
    r"|\bhates?\b|\bhated\b|\bwith a sigh\b|\bsighed\b|\bmoan(?:s|ed|ing)?\b"
    r"|\bgrumbl|\bwhing|\btoxic\b|\brumou?rs?\b|\blowdown\b"
    r"|\bunder-?staffed\b|\bshort-?staffed\b|\boverworked\b"
    # departures and ownership changes ("two lawyers left last year because of workload", "got
    # taken on by a management company", "GC is fighting to keep independence")
    r"|\b(?:people|staff|lawyers|engineers|nurses|teachers|reps|devs|developers|analysts|managers"
    r"|colleagues|members|folks|ppl)\s+(?:have\s+|had\s+)?left\b"
    r"|\bleft\s+(?:last|this)\s+(?:year|month|spring|summer|autumn|fall|winter)\b"
    r"|\btaken\s+(?:on|over)\s+by\b|\btake-?over\b|\bbought\s+out\b|\bmanagement\s+company\b"
    r"|\bfighting\s+to\s+keep\b|\bnobody\s+(?:is\s+)?sure\s+what\b"
    # a reorganisation ("Legal department is moving under COO from July")
    r"|\b(?:is|are)\s+(?:moving|being\s+moved|going)\s+under\b|\bmoved\s+under\b"
    # the user's own tears and tiredness ("I cried a little bit on the train")
    r"|\bi\s+(?:\w+\s+)?(?:cried|teared\s+up|was\s+(?:so\s+)?exhausted|was\s+(?:so\s+)?knackered)\b"
    # the user's own slips and fears ("forgot to dedupe until she hinted", "a little afraid")
    r"|\bi\s+(?:\w+\s+)?forgot\b|\bforgot to\b|\buntil (?:she|he|they) hinted\b"
    r"|\b(?:i'm|im|i am)\s+(?:a little |a bit |kind of |kinda )?(?:afraid|intimidated)\b"
    r"|\blost (?:his|her|their) name\b"
    # a shortlist ("top three go to reference check") is about the other candidates
    r"|\btop (?:two|three|four|five|\d)\s+(?:go|move|get|will|candidates)\b"
    # how long the last one lasted ("last night manager lasted 8 months", "chewed him up")
    r"|\blasted\s+(?:only\s+|just\s+|about\s+)?(?:\d+|a|one|two|three|four|five|six|a few)\s+"
    r"(?:days?|weeks?|months?|years?)\b|\bchewed\s+(?:him|her|them|me)\s+up\b"
    r"|\bshort-?list(?:ed|ing)?\b"
    # how many others are in the running ("they're interviewing 3 people", "seeing two others")
    r"|\b(?:interviewing|seeing|talking to|meeting|considering)\s+(?:\w+\s+)?(?:\d+|two|three|"
    r"four|five|six|a few|several|a couple of|other)\s+(?:other\s+)?(?:people|others|applicants"
    r"|finalists|folks)\b"
    r"|\b(?:\d+|two|three|four|five|six)\s+(?:other\s+)?(?:people|others|applicants|finalists)"
    r"\s+(?:in the running|on the shortlist|shortlisted|in the final|left)\b",
    re.IGNORECASE,
)
# The terms of the job (leave, office days, shifts, relocation, visas, benefits): for the offer
# stage, not for a thank-you.
TERMS = re.compile(
    r"\bvacations?\b|\bpto\b|\bannual leave\b|\btime off\b|\bholidays? (?:allowance|days)"
    r"|\boffice days\b|\bdays? (?:a week )?in (?:the )?office\b|\bhybrid\b|\bchildcare\b"
    r"|\bshift pattern|\bfour on,? four off\b|\b\d on,? \d off\b|\bovertime\b"
    r"|\bnotice period\b|\brelocat|\bvisas?\b|\bgreen card\b|\bsponsor(?:ship)?\b"
    r"|\bpension\b|\bbenefits package\b|\bunion (?:scale|rate)\b"
    r"|\boffice\b[^.;]{0,12}\b\d\s+days\b|\b\d\s+(?:nights|days|shifts)\s+on,?\s+\d\s+off\b"
    r"|\bresign(?:ation|ing)?\b|\b(?:hand|give|handing|giving)\s+(?:in\s+)?my\s+notice\b",
    re.IGNORECASE)
# The user's own view of the job or of how they did: never told to the interviewer.
PRIVATE_VIEW = re.compile(
    r"\bundecided\b|\bon the fence\b|\bin two minds\b"
    # a reservation the user adds ("tracker on the van tho.", "long commute though")
    r"|\b(?:tho|though)\W*$"
    # the user's verdict on the job ("I think this is a step back for me")
    r"|\b(?:this|it|that)\s+(?:is|would\s+be|feels?\s+like|['’]s)\s+(?:a\s+)?(?:bit\s+of\s+a\s+)?"
    r"(?:step\s+(?:back|backwards|down)|sideways\s+move|downgrade)\b"
    # the user's view of the person ("Lovely woman, but …")
    r"|^\W*(?:lovely|nice|sweet|odd|weird|rude|cold|friendly|kind|strange|scary|intense)\s+"
    r"(?:woman|man|guy|lady|bloke|person|chap|fella)\b"
    r"|\bfall-?back\b|\bplan b\b|\bback-?up (?:option|plan)|\bdeal-?breaker|\bsuits? me\b"
    r"|\b(?:better|best) fit for me\b|\bi'?d rather\b|\bi would rather\b|\bi prefer\b"
    r"|(?<!\bif )(?<!\bwhether )\b(?:i|im|i'm|i am|i was)\s+(?:more |really |also |kinda )?"
    r"(?:interested|tempted|keen)\b"  # ("tell him if I am interested": their offer)
    r"|\b(?:find|found|finding)\s+(?:that|it|this)\s+(?:\w+\s+)?tempting\b"
    r"|\bmy (?:real |actual )?(?:preference|first choice|top choice)\b"
    r"|\bi (?:(?:completely|totally|kind of|kinda|sort of|really|just|then)\s+)?"
    r"(?:stumbled|blanked|rambled|fumbled|froze|botched|messed(?: it)? up|bombed|flubbed|choked"
    r"|mixed(?: it| them)? up|forgot|over-?apologi[sz]ed|panicked|waffled)\b"
    r"|\bfreak(?:ing|ed)\s+out\b|\bplough(?:ed)?\s+on\b|\bplow(?:ed)?\s+on\b"
    # how they took the user's answer ("she didn't look convinced")
    r"|\b(?:didn['’]?t|did\s+not)\s+(?:look|seem|sound)\s+(?:very\s+)?(?:convinced|impressed|sure"
    r"|happy)\b|\b(?:looked|seemed)\s+(?:unconvinced|unimpressed|bored|sceptical|skeptical)\b"
    r"|\bmy (?:mistake|stumble|bad answer)"
    # how long the user's own part ran ("The presentation overran", "I let the role play run
    # far too long")
    r"|\b(?:overran|over-ran|ran\s+over\s+time|went\s+over\s+time|ran\s+out\s+of\s+time)\b"
    r"|\b(?:far|way|much)\s+too\s+(?:long|short|fast|slow|quiet|quick)\b"
    # what the user did not like ("… bring with me, which I didn't love")
    r"|\bi\s+(?:didn['’]?t|did\s+not|don['’]?t|do\s+not)\s+(?:really\s+|much\s+|exactly\s+)?"
    r"(?:love|like|enjoy|care\s+for)\b|\bi\s+(?:hated|disliked|loathed)\b"
    r"|\bi\s+(?:was|am|['’]m|felt)\s+(?:(?:a bit|kinda|kind of|really|pretty|so|very)\s+)?"
    r"(?:fuzzy|rusty|shaky|unsure|vague|nervous)\b"  # "I was fuzzy on the fluids part"
    # how the user's own part went ("The balancing bit was shaky.")
    r"|\b(?:bit|part|answer|end|start)\s+was\s+(?:a\s+bit\s+|pretty\s+|quite\s+|really\s+)?"
    r"(?:shaky|weak|rough|wobbly|bad|rubbish|a mess|messy)\b"
    r"|\bi\s+(?:was|am|['’]m|felt|feel|stayed|left)\s+(?:(?:a little|a bit|kinda|kind of|really|"
    r"pretty|so|very|quite)\s+)?(?:disappointed|let down|deflated|discouraged|annoyed|frustrated"
    r"|bored|underwhelmed)\b"  # "I appreciate the honesty, but I stayed a little disappointed"
    # the user's verdict on the interview ("The questions were fair.")
    r"|\b(?:questions?|interview|panel|process|round|call)\s+(?:was|were)\s+(?:(?:pretty|quite|"
    r"very|really|mostly|fairly)\s+)?(?:fair|tough|hard|easy|ok|okay|reasonable|standard|brutal"
    r"|intense|relaxed|fine)\b"
    # what the user could not do, the "I" dropped ("answer ok but couldnt name the WCAG level")
    r"|\bcould(?:n'?t|n’t|\s+not)\s+(?:name|remember|recall|think of|answer|explain)\b"
    # the user's own job loss ("why a startup after I just got laid off")
    r"|\b(?:laid off|made redundant|redundancy|unemployed|out of work|lost my job)\b"
    # the answer the user lacked ("I didn't have numbers", "couldn't answer", "had no idea")
    r"|\bi\s+(?:didn'?t|did\s+not|don'?t|do\s+not)\s+have\s+(?:any\s+|the\s+|a\s+(?:good\s+)?)?"
    r"(?:numbers|data|metrics|figures|answer|example|story)\b"
    r"|\bi\s+(?:couldn'?t|could\s+not|wasn'?t\s+able\s+to)\s+(?:really\s+)?(?:answer|think of|remember)\b"
    r"|\bi\s+had\s+no\s+(?:idea|answer|numbers|data|example)\b"
    # what the user did not know ("I didn't really know the difference between the types")
    r"|\bi\s+(?:didn['’]?t|did\s+not|don['’]?t|do\s+not)\s+(?:really\s+|actually\s+|even\s+)?"
    r"know\b|\b(?:had|have)\s+no\s+clue\b"
    # the same in Portuguese or Spanish notes ("e eu... não sabia", "me enrolei", "no sabía")
    r"|\bn[ãa]o\s+(?:sabia|sei|lembrei)\b|\bme\s+enrolei\b|\btravei\b|\bno\s+sab[íi]a\b"
    r"|\bchutei\b"
    # the user's own verdict on how it went ("I think lesson was okay but not perfect")
    r"|\bi\s+(?:think|thought|feel|felt)\s+(?:that\s+)?(?:(?:the\s+|my\s+)?(?:lesson|"
    r"interview|demo|presentation|answer|call|talk|session|round)\s+(?:was|went)"
    r"|it\s+(?:went|was\s+(?:ok|okay|fine|good|alright|all right|not bad)))\b"
    r"|\bstumbles?\b|\bnot sure (?:i|it|this|the)\b|\bi'?m not convinced\b"
    # the user's own embarrassment ("Embarrassing for a final round"), not a question's
    # ("a student too embarrassed to come to office hours")
    r"|^\W*(?:so\s+|how\s+|kind\s+of\s+|a\s+bit\s+|bit\s+)?(?:embarrass\w*|cringe\w*|humiliat\w*"
    r"|mortif\w*)|\bi\s+(?:was|am|felt|feel|['’]m)\s+(?:so\s+|a\s+bit\s+|kind\s+of\s+|really\s+)?"
    r"(?:embarrassed|mortified|humiliated)\b"
    r"|\bif\s+(?:this|the)\s+(?:one|role|job)\s+(?:doesn'?t|does\s+not|didn'?t)\s+work\s+out\b"
    r"|\bneed to think\b|\bnot for me\b|\bno tha?nks\b|\bno thx\b"

    r"|\bi\s+(?:don'?t|do\s+not)\s+want\b"
    # the answer the user kept to themselves, their own fit ("honest answer: you're hiring",
    # "thats literally my job")
    r"|\bhonest(?:ly)?\s+answer\b|\bthat['’]?s\s+(?:literally\s+|basically\s+|exactly\s+)?"
    r"(?:my\s+(?:job|thing|jam|wheelhouse)|what\s+i\s+do)\b"
    # a clash the user is privately weighing ("my course Weds evenings and can't see how it fits")
    r"|\b(?:can'?t|cannot|can’t|don'?t|don’t)\s+(?:see|know)\s+how\s+(?:it|this|that|i'?d|i\s+would)"
    r"\s+(?:\w+\s+)?(?:fits?|works?|work out|manage)\b"
    # how the user thinks their answer landed ("I could tell my answer was thinner than …")
    r"|\bi\s+could\s+tell\s+(?:that\s+)?(?:my|i)\b|\bmy\s+answer\s+was\s+(?:a\s+bit\s+|too\s+)?"
    r"(?:thin|weak|short|vague|long|rambling)\w*"
    # the user's own read of them, not what they said ("I could tell that mattered")
    r"|\bi\s+(?:think|guess|suspect|reckon|could tell|got the (?:sense|feeling|impression))"
    r"\s+(?:that\s+)?(?:they|that|was|is|were|there)\b"  # "I suspect there's more to it"
    # the user's low view of their tools ("their WMS is ancient, green screen")
    r"|\b(?:ancient|antiquated|outdated|clunky|green[- ]screen|dinosaur|held\s+together\s+with)\b"
    # the user's homework ("I should learn how grievances work", "need to drill those")
    r"|\b(?:i\s+)?(?:should|need to|have to|must|gotta|got to)\s+(?:really\s+)?(?:learn|"
    r"practi[cs]e|study|drill|brush up|read up|revise|work on|get better)\b|\bnote to self\b"
    r"|\b(?:something|things?|stuff)\s+(?:i\s+need\s+)?to\s+(?:read up on|look (?:into|up)|"
    r"brush up on|study|revise|practi[cs]e|work on)\b",
    re.IGNORECASE)
# Lines the user wrote as their own next steps: "TODO: send …", "send Priya the link", "I should …".
OWN_TODO = re.compile(r"\s*(?:(?:->|=>|→)\s*)?(todo\b|to do\b|follow[- ]?up\b|f/u\b|send\b|"
                      # "scan and send my cards", "dig out and forward the deck"
                      r"(?:\w+\s+){1,2}and\s+(?:send|email|forward|mail)\b|forward\b|"
                      r"sending\b|email\b|i should\b|i need to\b|i['’]ll\b|i will\b|"
                      r"remember to\b|need to\b|must\b|gotta\b|gonna\b|going to\b|owe\b)",
                      re.IGNORECASE)
# What the user must still do, said after its topic ("Settled status, I need to send the share
# code."): a to-do of theirs (the promise, if any, is its own line)
I_NEED_TO = re.compile(r"[,;:]\s*i\s+(?:need|have|must|ought|got)\s+to\s+(?:send|email|bring|get"
                       r"|upload|forward|post|find|dig)\b", re.IGNORECASE)
# A request to do something ("He asked to meet "the old boy"."), no question
ASKED_TO_DO = re.compile(r"\W*(?:he|she|they|[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\s+(?:also\s+)?"
                         r"(?:asked|asks)\s+to\s+[a-z]+\b")
QUESTION = re.compile(r"\b(asked|asks|asking|question|prompt|wanted to know|quizzed|grilled|"
                      r"case study|exercise|task|whiteboard|scenario)\b|\?", re.IGNORECASE)
CONCERN = re.compile(r"\b(?:he|she|they|[A-Z]\w+)\s+(?:was|were|seemed|sounded)?\s*"
                     r"(?:worried|worry|worries|concerned|hesitant|skeptical|unsure)|pushed back|"
                     r"asked whether i|concern(?:ed)? (?:about|that)", re.IGNORECASE)
# What they look for, then the user's admission that they lack it ("… close to a two-sided
# marketplace before, which I haven't"): a gap of the user's, never told back.
MY_GAP = re.compile(r"\bwhich\s+i\s+(?:haven['’]?t|have\s+not|don['’]?t|do\s+not"
                    r"|never|lack|can['’]?t|am\s+not|['’]m\s+not)\b", re.IGNORECASE)
# An answer one person wants ("He wants an answer by Friday"), not the employer ("they").
ANSWER_TO_SOMEONE = re.compile(r"\b(?:(?i:he|she)|(?!They\b|We\b|You\b)[A-Z][a-z]+)\s+"
                               r"(?i:wants?|needs?|expects?)\s+(?i:an?|my)\s+"
                               r"(?i:answer|decision|reply|response)\b")
# Someone getting the user's name wrong ("called me Tiago all the day", "kept calling me Renee",
# "said my name wrong"): an awkward moment, never something a message recalls.
WRONG_NAME = re.compile(r"\b(?i:call(?:ed|ing|s)?|address(?:ed|ing)?)\s+me\s+"
                        r"(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep"
                        r"|Oct|Nov|Dec|ASAP|Asap)\w*\b)[A-Z][\w'’-]+"
                        r"|\b(?i:(?:got|get|gets|said|says|spelt|spelled|pronounced)\s+my\s+name\s+"
                        r"(?:wrong|incorrectly|badly)\b|mispronounc\w*\s+my\s+name\b)")
# How the interviewer took it ("She nodded a lot.", "He laugh.") and the weather ("pissing down
# all afternoon", "Rain, umbrella broke"): asides, never a topic.
ASIDE = re.compile(r"^\W*(?:(?:and|then|but)\s+)?(?:she|he|they)\s+(?:just\s+|also\s+)?(?:nodded|smiled"
                   r"|laughed|laugh|frowned|grinned|sighed|winced|shrugged|yawned|took\s+notes)\b"
                   r"(?!\s+(?:at|about|when|that|because)\b)[^.!?]{0,25}[.!?]?\s*$"
                   r"|\b(?:pissing|chucking|bucketing|pouring|teeming)\s+(?:it\s+)?down\b"
                   r"|^\W*(?:rain|raining|drizzle|snow|sleet|hail)\b|\bumbrella\b"
                   r"|\b(?:rain|snow)\s+all\s+(?:the\s+)?(?:way|day|morning|afternoon)\b",
                   re.IGNORECASE)
# A transcript's turn of the user's own ("Me: What's the team?", "My answer: …").
MY_TURN = re.compile(r"\W*(?:me|my answer|i|ja|yo|eu|ich|moi)\s*:", re.IGNORECASE)
# The user's own answer ("I said: slow down, find out what they're scared of", "I told the
# truth"): not what they told the user, and no phrase of it reads as a topic.
OWN_ANSWER = re.compile(r"\W*(?:(?:and|then|so|but)\s+)?i\s+(?:just\s+)?(?:said|say|told|tell|"
                        r"answered|answer|replied|explained|mentioned|talked|described)\b"
                        rf"|{MY_TURN.pattern}", re.IGNORECASE)
# A what-if put to the user ("what happens if a pianist comes off at the interval …", "asked
# how I'd keep fourteen uprights in order"): "I said I'd …" after it is their answer.
WHAT_IF = re.compile(r"\b(?:what\s+happens\s+if|what\s+if|what\s+(?:would|I['’]d|you['’]d)"
                     r"|how\s+(?:would|I['’]d|you['’]d)|suppose|imagine)\b", re.IGNORECASE)
# The user's answer later in a clause ("…, and I said I'd check the reeds first").
ANSWER_CLAUSE = re.compile(r"(?:[,;]\s*|\band\s+)i\s+(?:just\s+)?(?:said|told\s+\w+|answered"
                           r"|replied)\b", re.IGNORECASE)
# A what-if's own "you" ("and you've got fifteen minutes").
YOU_GOT = re.compile(r"\W*(?:and\s+)?you(?:['’]ve|\s+have)?\s+(?:got|only\s+have|have\s+only)\b",
                     re.IGNORECASE)
# What the user did not do or say ("I gave no sign", "I never saw you say it", "I didn't say
# I've applied there"): their own story, never a topic of the talk.
MY_NOT = re.compile(r"\W*(?:(?:and|but|so|then)\s+)?i(?:['’]ve|\s+have)?\s+(?:(?:didn['’]?t|did\s+not|not"
                    r"|never|couldn['’]?t|could\s+not|wasn['’]?t|haven['’]?t|hadn['’]?t)\b|\w+\s+no\b)",
                    re.IGNORECASE)  # ("I've never met him.")
# A line's title in capitals before a dash ("GWENNOL SEA DAY - Garan Wen - Wed 11/11/2026").
CAPS_TITLE = re.compile(r"[A-Z][A-Z'’&/]+(?:\s+[A-Z][A-Z'’&/]+)+\s+[-–—|]\s")
# The user's note to themselves ("Need to properly revise that.", "must practise the audit"):
# no promise to anyone, so never a detail.
SELF_TODO = re.compile(r"\W*(?:i\s+)?(?:really\s+)?(?:need\s+to|should|must|gotta|have\s+to|"
                       r"remember\s+to|todo\b|to\s+do\s*:)"
                       # a to-do written as a bare verb ("- apply for the spa job this week")
                       r"|\W*(?:apply|book|arrange|schedule|update|fill\s+(?:in|out)|sign\s+up|"
                       r"look\s+(?:up|into)|research|read\s+up|prep|prepare|practi[cs]e|revise|"
                       r"study|rehearse|sort\s+out|decide|think\s+about|chase)\b", re.IGNORECASE)
# The user's own story of the day ("I was back at the car by half past three", "I did a sliding
# window with a deque"): what they did, not what the two of them talked about.
MY_STORY = re.compile(r"\W*(?:(?:and|then|so|but)\s+)?i\s+(?:was|got|arrived|left|drove|parked|sat"
                      r"|waited|did|felt|came|ran|rushed|showed\s+up|turned\s+up|had\s+to)\b",
                      re.IGNORECASE)
# Later in a line, the user's own "I've got to email him a copy of …": a promise to the one
# named, never "I'm going to email and ask" (no one to give it to).
GIVE_CLAUSE = re.compile(r"\bi(?:['’]ve|\s+have)?\s+got\s+to\s+(?:send|email|forward|mail|give)\s+"
                         r"(?:him|her|them)\b|\bi(?:['’]ll|\s+will|\s+need\s+to|\s+have\s+to|"
                         r"\s+must)\s+(?:send|email|forward|mail|give)\s+(?:him|her|them)\b",
                         re.IGNORECASE)
TOLD = re.compile(r"\b(said|says|told|mentioned|explained|shared|described|walked me)\b",
                  re.IGNORECASE)
# A line about the interview itself, not its content: its stage, length or medium ("Final with
# the CRO (30 min, video, a week later)", "Short interview, no case stuff.").
INTERVIEW_ITSELF = re.compile(
    r"^\W*(?:final|round\s+\w+|\w+\s+round|interview|screen|phone screen|call|panel|onsite)"
    r"\s+(?:with|w/)\b"
    # "Final interview was on Monday with CEO of trust, …"
    r"|^\W*(?:(?:the|my)\s+)?(?:final|first|second|third|last|next)?\s*(?:interview|round|call"
    r"|panel|screen)\s+(?:was|is|will be)\s+(?:on|with|at)\b"
    r"|\b(?:short|long|quick|brief|30[- ]?min(?:ute)?|\d+\s*min(?:ute)?s?)\s+(?:interview|call|chat"
    r"|screen|round|final)\b"
    r"|\(\s*\d+\s*(?:min|mins|minutes|hr|hrs|hours?)\b"
    # who sat in and for how long ("so two people about an hour and fifteen minutes")
    r"|^\W*(?:(?:so|and|just)\s+)?(?:\d+|two|three|four|five|six)\s+(?:people|of\s+them"
    r"|interviewers)\b[^.!?]{0,20}\b(?:hours?|minutes|mins)\b"
    # the process's next step ("next step is interview with the department head", "Next is
    # the Head of Product"): the follow-up's own frame, no topic of the talk
    r"|^\W*next(?:\s+steps?)?\s*(?:is|are|:|=|-|will\s+be)\s", re.IGNORECASE)
# The user's health ("but my back, Dolores", "my knee"): never a detail, though an opening
# it follows may still be named.
# The user's own word on a question they answered badly, wherever the note puts it ("fluffed
# the vsd one", "learn 4-20ma properly i was rusty", "Too much talking in the bad news
# question."): that question is no topic of a message.
OWN_SLIP = re.compile(
    r"\b(?:fluff(?:ed|ing)?|wobbl(?:ed|ing|y)|rusty|stumbl(?:ed|ing)|blank(?:ed)|rambl(?:ed|ing)"
    r"|fumbl(?:ed|ing)|froze|botch(?:ed)?|flubb(?:ed)?|messed(?:\s+it)?\s+up|waffl(?:ed|ing)"
    r"|mixed\s+(?:it\s+|them\s+)?up|lacked\s+structure|too\s+much\s+talking"
    r"|talk(?:ed)?\s+too\s+much|(?:weak|bad|worst|poor)\s+answer"
    # "I misread one change key …", "muddled the six weeks", "corrected myself late"
    r"|mis(?:read|heard|remembered|spoke|judged|named|counted)|muddl(?:ed|ing)"
    r"|corrected\s+myself|got\s+(?:it|that|them)\s+wrong)\b", re.IGNORECASE)
# What the user forgot to do, said without the "I" ("forgot PPE first!! she noticed").
FORGOT = re.compile(r"\W*forgot\b", re.IGNORECASE)
# Stems a slip line shares with any line, naming no question of its own.
SLIP_GENERIC = frozenset(stems(
    "question questions answer answers one bit part time start end next interview round first "
    "last said say asked ask learn read prepare properly shorter better need thing way really "
    "again talk talking much wobbled rusty fluffed structure between quick use used check get "
    "got happen happens until total totally away go going right wrong "
    "difference different short long good bad well half second middle fine ok okay"))
# Where a line's clauses part ("First half fine, second half I rambled, got to …").
SLIP_CLAUSE = re.compile(r"[,;:()]|\s[–—-]\s|\bbut\b", re.IGNORECASE)
# A stem in more of the note's sentences than this is no one question's.
SLIP_RARE = 3


def _slip_stems(text: str) -> set[str]:
    """The stems of a line's content words, less its slip words and single characters."""
    return {st for st in stems(" ".join(content_words(OWN_SLIP.sub(" ", text))))
            if len(st) > 1} - SLIP_GENERIC


def _slip_clause(text: str) -> str:
    """The clause of a slip line that says what went badly ("second half I rambled" of
    "First half fine, second half I rambled, got to a heap …")."""
    return next((c for c in SLIP_CLAUSE.split(text) if OWN_SLIP.search(c)), text)


def slipped_on(sentences: list[Unit]) -> set[str]:
    """The rare stems of the clauses where the user says they did badly (see OWN_SLIP): a
    line sharing one is the question they slipped on. A slip that names nothing ("Me: Mixed
    them up.", "second half I rambled") is about the line before it."""
    count: dict[str, int] = {}
    for u in sentences:
        for st in _slip_stems(u.text):
            count[st] = count.get(st, 0) + 1
    out: set[str] = set()
    for i, u in enumerate(sentences):
        if OWN_SLIP.search(u.text):
            own = {st for st in _slip_stems(_slip_clause(u.text)) if count[st] <= SLIP_RARE}
            if not own and i and MY_TURN.match(u.text):  # "Me: Mixed them up."
                own = {st for st in _slip_stems(sentences[i - 1].text) if count[st] <= SLIP_RARE}
            out |= own
    return out


HEALTH = re.compile(r"\bmy\s+(?:bad\s+)?(?:back|knees?|shoulder|hips?|neck|wrists?|health)\b"
                    r"(?![-’']|\s+(?:end|office|door|yard|garden|story|catalogue|room|in\b|up\b"
                    r"|on\b|to\b|and\s+forth))"
                    # a family member's care ("Mama operation in November", "dad's chemo")
                    r"|\b(?:mama|mum|mom|mother|dad|father|papa|son|daughter|wife|husband|partner"
                    r"|gran|grandma|grandad|nan)(?:['’]s)?\s+(?:\w+\s+)?(?:operation|surgery"
                    r"|illness|treatment|chemo|diagnosis|appointments?|hospital|care)\b"
                    # or how they are ("my father in Lublin is not well")
                    r"|\bmy\s+(?:mama|mum|mom|mother|dad|father|papa|parents?|son|daughter|wife"
                    r"|husband|partner|gran|grandma|grandad|nan|brother|sister|kids?|children"
                    r"|grandmother|grandfather|grandpa|aunt|uncle|cousin)\b"
                    r"[^.;!?]{0,40}?\b(?:(?:is|isn['’]t|are|was|has\s+been)\s+(?:not\s+well|ill|sick"
                    r"|poorly|unwell|in\s+hospital|dying)|has\s+(?:cancer|dementia)|passed\s+away"
                    r"|died)\b"
                    # anyone's ("leaving early because of his heart", "her hearing")
                    r"|\bbecause\s+of\s+(?:his|her|their)\s+(?:heart|health|back|hearing|eyes?)\b"
                    # and how it went ("The knee operation went well", "walks with a stick now")
                    r"|\b(?:operation|surgery|op)\s+went\s+(?:well|fine|ok|okay|badly)\b"
                    r"|\bwalks?\s+with\s+a\s+(?:stick|cane|frame)\b"
                    r"|\bheart\s+(?:attack|condition|trouble|problems?|surgery|scare)\b"
                    r"|\b(?:his|her|their)\s+hearing\b(?!\s+(?:about|from|of|back)\b)|\bhearing\s+aids?\b",
                    re.IGNORECASE)
# Insider info is left out: facts about their own organisation are not news to them.
CATEGORY_KIND = {"questions_asked": "question", "interviewer_priorities": "told",
                 "better_fit_roles": "opening"}
MAX_DETAILS = 8
INTRO_WORDS = 6  # words of an introduction's first sentence that mark a line holding it
MIXED_SHARE = 0.2  # a note with this share of lines in another language is a mixed one
WHAT_IF_BEFORE = 160  # how far before "I said I'd …" a what-if put to the user is looked for
AFTER_ITEM = 120  # how far past an item its sentence is read for what no message repeats
SENTENCE_REST = 120  # how far a promise item is read on to its sentence's end
MAX_PROMISES = 2  # offered after the details, past their cap; the most a closing line joins
# Words of a detail shown to the model: its phrase is rarely longer.
RENDER_WORDS = 14
# A line about another opening (checked with what the note says after it, see _said_after).
OPENING = re.compile(r"\b(?:hiring|recruiting|opening|vacanc(?:y|ies)|also looking for|another role"
                     r"|other role)\b", re.IGNORECASE)


@dataclass
class Detail:
    """A numbered detail the message may use: the note's own words and code's phrase for it."""

    number: int
    text: str  # the note's words (an item's evidence or a line)
    kind: str = "topic"  # question, asked (not surely by them), topic, told, concern, opening,
    # promise
    label: str = ""  # what the web app shows next to its checkbox
    phrase: str | None = None  # code's checked phrase (a promise: the action in the user's voice)
    fixed: bool = False  # the phrase is code's only (the English words of a foreign line)

    @property
    def own_todo(self) -> bool:
        """A line the user wrote as their own follow-up ("send Priya the link")."""
        return self.kind == "promise"


def others_by_title(d: Debrief, to: Recipient) -> re.Pattern[str] | None:
    """A line opening on someone else the note knows only by role ("HR woman went on about
    …", "woman from HR, did the intro", "HR to email stage 2 dates"): theirs, not the reader's."""
    mine = folded(to.title or "").strip()
    titles = {t for p in [*d.people, *(d.extraction.people if d.extraction else [])]
              if not p.name and p.title
              and (t := re.sub(r"^(?:the|a|an)\s+", "", folded(p.title)).strip())
              and t != mine and t not in mine}
    # and as the note says it ("the area chef" for an "area head chef")
    titles |= {k for t in list(titles) if (k := title_key(d, t)) and " " in k and k not in mine}
    if not titles:
        return None
    alts = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(rf"\W*(?:(?:the|a|an|one)\s+)?(?:(?:woman|man|guy|lady|person|bloke)\s+"
                      rf"(?:from\s+)?(?:the\s+)?)?(?:{alts})\b(?!\s*(?:asked|said)\s+(?:you|him"
                      rf"|her)\b)", re.IGNORECASE)


# A spreadsheet's column for whom a row is about ("date,company,role,type,who,what,to_do").
WHO_HEADERS = frozenset("who person people contact interviewer with whom name".split())
CSV_MIN_CELLS = 4  # cells a note's first line needs to be read as a spreadsheet's header


@functools.lru_cache(maxsize=64)
def _rows_who(notes: str) -> dict[int, str]:
    """For a note pasted from a spreadsheet with a "who" column, whom each row is about, by
    the offset its line starts at ("Faith", "Mr. Peter Langat", "" for nobody); {} for any
    other note. Each line is read once per note."""
    lines = notes.split("\n")
    first = next((line for line in lines if line.strip()), "")
    header = next(csv.reader([first]), [])
    col = next((i for i, cell in enumerate(header) if cell.strip().casefold() in WHO_HEADERS),
               None) if len(header) >= CSV_MIN_CELLS else None
    rows: dict[int, str] = {}
    if col is None:
        return rows
    start = 0
    for line in lines:
        cells = next(csv.reader([line.rstrip("\r")]), [])
        if len(cells) > col:
            # (the person's name without what follows it: "Mr. Peter Langat, Head of
            # Actuarial", "Faith (HR)")
            rows[start] = re.sub(r"\s*\(.*$", "", cells[col].split(",")[0]).strip()
        start += len(line) + 1
    return rows


def row_who(notes: str, text: str) -> str | None:
    """For words in a row of a note pasted from a spreadsheet with a "who" column, whom the row
    is about, as its cell says ("" for nobody); None when the note is no such spreadsheet or
    the words are in no row."""
    rows = _rows_who(notes)
    at = notes.find(text.strip()) if rows else -1
    return rows.get(notes.rfind("\n", 0, at) + 1) if at >= 0 else None


def row_of_other(notes: str, text: str, to: Recipient) -> bool:
    """The words are in a spreadsheet's row about someone other than the reader."""
    who = row_who(notes, text)
    return who is not None and who != "" and not row_reader(who, to) \
        and folded(" ".join(past_title(who))) != folded(" ".join(past_title(to.name or "")))


def recipient_for(d: Debrief, to: str | None) -> Recipient:
    """The person `to` names (a name or, for someone known by role, a title) in this debrief."""
    people = [*d.people, *(d.extraction.people if d.extraction else [])]
    want = folded(to or "").strip()
    bare = re.sub(r"^(?:the|a|an|our|my)\s+", "", want)
    # The whole name first, then the first name: "Dr Rosalind Albrecht" is not "Dr Imke Sollas"
    # (a title is nobody's first name).
    def by_title(name: str, to: str) -> bool:  # "Dr Albrecht" for "Dr Rosalind Albrecht"
        words = to.split()
        return len(words) == 2 and bool(HONORIFIC.match(words[0])) \
            and name.split()[-1] == words[-1]

    for same in (lambda a, b: a == b, by_title,
                 lambda a, b: bool(past_title(a)) and bool(past_title(b))
                 and past_title(a)[0] == past_title(b)[0]):
        for p in people:
            name = folded(p.name) if p.name else ""
            if name and want and same(name, want):
                return Recipient(p.name, p.title, nicknames(d.notes, p.name or "", p.title or ""))
    for p in people:
        title = re.sub(r"^(?:the|a|an)\s+", "", folded(p.title)) if p.title else ""
        if title and bare and title == bare:
            if p.name:
                return Recipient(p.name, p.title)
            # no name given, but maybe one half-remembered where the note meets them
            said = " ".join([*(getattr(q, "evidence", "") for q in people
                               if q.title and folded(q.title) == folded(p.title or "")),
                             *(u.text for u in segment(d.notes) if title in folded(u.text))])
            # (or the name their title says they go by: 'current dog warden, known only as
            # "Taff"')
            goes_by = [m.group(1) for m in TITLE_GOES_BY.finditer(p.title or "")]
            return Recipient(None, p.title, tuple(dict.fromkeys([*goes_by, *half_names(said)])))
    if to and to.strip():
        text = to.strip()
        return Recipient(text) if text[:1].isupper() and not want.startswith("the ") \
            else Recipient(None, text)
    named = next((p for p in d.people if p.name), None)
    return Recipient(named.name, named.title) if named else Recipient(None)


# What a note says someone goes by, on the line that names them ("Engr. Danilo Sarmiento … he
# said just call him Sir Danny", 'Capt. Rodolfo Magsino. "Cap Rudy" to everyone', "(Sir Danny)")
_ALIAS = r"(?P<alias>(?:Mr|Mrs|Ms|Miss|Dr)\.?\s[A-Z]\b(?![’'-])|(?:[A-Z][\w'’.]*\s+)?[A-Z][\w'’-]+)"
GOES_BY = (re.compile(rf"\b(?i:call(?:s|ed)?\s+(?:him|her|them|me)|known\s+as|goes\s+by)\s+"
                      rf"(?:[\"“‘']?(?i:the)\s+)?{_ALIAS}"),  # ('call him "the Brig"')
           re.compile(rf"[\"“]{_ALIAS}[\"”]"), re.compile(rf"\({_ALIAS}\)"))


# The name a title says someone goes by ('current dog warden, known only as "Taff"')
TITLE_GOES_BY = re.compile(r"\b(?i:known|introduced|called)\s+(?i:only\s+)?(?i:as\s+)?[\"“‘']?"
                           r"([A-Z][\w'’-]+)")


# What someone calls everybody ("Calls everyone \"boss\"", "he calls everybody chief"): a habit
# of theirs, no topic of the talk
CALLS_ALL = re.compile(r"\bcall(?:s|ed)?\s+(?:everyone|everybody|all\s+of\s+us|us\s+all|people)\b",
                       re.IGNORECASE)
PLAIN_TITLES = frozenset("mr mrs ms miss mx dr prof professor sir madam".split())
NICKNAME_SENTENCES = 3  # sentences from a name that may say what they are called
ABBREVIATED = 4  # letters of a rank that a full stop may shorten ("Capt.", "Engr."; not "Captain.")


@functools.lru_cache(maxsize=256)  # asked per person of a note, for every reader's part
def nicknames(notes: str, name: str, title: str = "") -> tuple[str, ...]:
    """The names a note says someone goes by, on a line that names them ("Sir Danny" for
    Danilo Sarmiento: "Danny"), a rank or title before it left off; () when it says none.
    Their own `title` ("Chief Engineer") is no next person met."""
    own = folded(title).split(",")[0].strip()
    words = past_title(name)
    if not words:
        return ()
    named = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in words)})\b")
    out: list[str] = []
    for line in notes.splitlines():
        for at in named.finditer(line):
            # from the name to the end of the next sentence, short of the next person met
            # ("… just call him Sir Danny, everybody does. Capt. Rodolfo Lim, 'Cap Rudy' …")
            told = " ".join(re.split(r"(?<=[.!?])\s+", line[at.start():])[:NICKNAME_SENTENCES])
            # (a rank written out and ending a sentence is no one's: "General Manager.
            # Captain. Everyone calls him Muzz")
            nxt = next((m.start() for m in re.finditer(r"(?<=[.,;]\s)([\w'’]+)(\.?)\s+(?=[A-Z])", told)
                        if (m.group(1).casefold() in RANK_WORDS or HONORIFIC.match(m.group(1)))
                        and not (m.group(2) and len(m.group(1)) > ABBREVIATED)
                        and not (own and folded(told[m.start():]).startswith(own))),
                       len(told))
            for alias in _aliases(told[:nxt]):
                if alias not in words and alias not in out:
                    out.append(alias)
    return tuple(out)


def _aliases(text: str) -> list[str]:
    """The names GOES_BY finds in a text, a rank or title before each left off."""
    out = []
    for m in (m for pattern in GOES_BY for m in pattern.finditer(text)):
        if re.fullmatch(r"\S+\s[A-Z]", m.group("alias")):
            out.append(m.group("alias"))  # "call me Mrs P": a title with one letter, whole
            continue
        words = m.group("alias").split()
        # (the last word is the name itself, "calls him Dom" naming no title Dom, unless it
        # is an English title or a rank: "call me Mrs")
        said = [w for w in words[:-1]
                if w.casefold().rstrip(".") not in RANK_WORDS and not HONORIFIC.match(w)] \
            + [w for w in words[-1:] if w.casefold().rstrip(".") not in RANK_WORDS | PLAIN_TITLES]
        if said:
            out.append(" ".join(said))
    return out


def half_names(text: str) -> list[str]:
    """The names a text half-gives someone ("I think his name is Kev or Kevin" -> Kev, Kevin)."""
    return [w for m in HALF_NAME.finditer(text) for w in m.group("names").split()
            if w[:1].isupper()]


# A line that opens on someone's name and what they say (also as a later clause of a long
# sentence: "and our Rob says he's told his mate on the board …").
SAYS = re.compile(r"\W*(?:(?:and|but|so|then|plus)\s+)?(?:(?:our|my)\s+)?([A-Z][a-z]+)\s+"
                  r"(?:also\s+)?(?:say|says|said|thinks|reckons|told\s+me)\b")
# A name the user is unsure of ("I think his name is Kev or Kevin", "called Marta or Marthe?").
HALF_NAME = re.compile(r"\b(?:name\s+(?:is|was)|called|named)\s+(?:maybe\s+)?"
                       r"(?P<names>[A-Z][\w'’-]+(?:\s+or\s+[A-Z][\w'’-]+)?)")
# Who asked for what a promise does, by pronoun ("she asked me to run the station …")
ASKER = re.compile(r"\W*(?:(?:and|so|then|but)\s+)?(she|he)\s+(?:asked|wants|wanted|invited|needs"
                   r"|needed)\b", re.IGNORECASE)
# An own step that ends in handing something back ("sign and return the consent form").
HANDED_BACK = re.compile(r"\band\s+(?:return|send|email|submit)\b", re.IGNORECASE)


def names_anyone(text: str, d: Debrief) -> bool:
    """Whether a line names a person: a capitalised word past its first that is not "I", a day
    or month, or a word of the company or the role."""
    frame = {w.casefold() for w in re.findall(r"[^\W\d_]+", f"{d.company} {d.role or ''}")}
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    # a row headed by someone met ("Kerry-Ann: do the online DBS form tonight")
    if (head := ROW_HEAD.match(text)) and {w.casefold() for w in head.group(1).split()} & {
            w.casefold() for p in [*d.people, *(d.extraction.people if d.extraction else [])]
            for w in (p.name or "").split() if len(w) > 2}:
        return True
    return any(w[:1].isupper() and not w.isupper() and w.casefold() not in CALENDAR
               and w.casefold() not in frame and w != "I" for w in words[1:])


SENTENCES_BACK = 2  # sentences before a promise that may name whom it is to
# A row headed by up to three words ("Grower director: he asked me …")
TITLE_HEAD = re.compile(r"\W*([^\W\d_][\w'’-]*(?:\s[\w'’-]+){0,2})\s*:\s")


def opens_list_item(notes: str, at: int) -> bool:
    """Whether the text at `at` opens a bulleted or numbered line of the note (a list's row)."""
    return at >= 0 and bool(re.fullmatch(r"\s*(?:[-*•>+]|\d+[.)])\s*",
                                         notes[notes.rfind("\n", 0, at) + 1:at]))


# Two-letter words that are no first name.
SHORT_WORDS = frozenset("ok hi pm am hr it us up go ex re oh eh ah uh um".split())
NAME_THEN_TITLE = re.compile(r"\b([A-Z][a-z]{2,})\s+(?:sir|ma['’]?am|madam|ji)\b")


def other_names(d: Debrief, to: Recipient) -> list[str]:
    """First names and surnames of everyone else met ("Dr. Feld: …" is his line; a phrase
    naming them is not used)."""
    mine = {n.casefold() for n in to.names()}
    people = [*d.people, *(d.extraction.people if d.extraction else [])]
    # (a two-letter first name too, "Jo", "Ed", when it is no common word)
    names = {w for p in people if p.name
             for w in dict.fromkeys([p.name.split()[0], p.name.split()[-1]])
             if (len(w) > 2 or len(w) == 2 and w[:1].isupper() and w[1:].islower()
                 and w.casefold() not in FUNCTION_WORDS | SHORT_WORDS)
             and w.casefold() not in mine
             and not set(w.casefold().split("-")) <= mine}  # "Kerry-Ann" is Kerry Ann
    # a name half-given for someone known by title ("I think his name is Kev or Kevin")
    names |= {w for p in people if not p.name and p.title
              for w in half_names(getattr(p, "evidence", "")) if w.casefold() not in mine}
    # anyone the note calls by name with a respectful title after it ("Ashwin sir", "Farzana
    # ma'am", as Indian English does): a person, met or not
    names |= {m.group(1) for m in NAME_THEN_TITLE.finditer(d.notes)
              if m.group(1).casefold() not in mine}
    # what the note calls them ("everyone calls him Dom" of Mr Dominic Sayle)
    names |= {a for p in people if p.name and folded(p.name) not in {folded(n) for n in mine}
              for a in [*nicknames(d.notes, p.name, p.title or ""), *_aliases(p.title or "")]
              if (" " not in a and len(a) > 2 or INITIALS.fullmatch(a))
              and a.casefold() not in mine}
    # and their initials, as a hurried note writes them ("DU asked …" for Douglas Ure)
    own = initials(to.name or "")
    # (never initials that spell a word: "OF" of Oren Falk would find every "of")
    return sorted(names | {i for p in people if p.name and (i := initials(p.name)) != own
                           and len(i) >= 2 and i.casefold() not in FUNCTION_WORDS | {"ok", "hi"}})



# The questions the whole panel asked ("Questions they asked me:", "What the panel asked").
SHARED_HEADER = re.compile(r"\b(?:they|panel|both|everyone)\b.*\b(?:ask|question)"
                           r"|\b(?:questions?|asked)\b.*\b(?:they|them|panel|both)\b", re.IGNORECASE)
# A line of the panel's questions ("they asked how I'd handle …", "the panel had me read …"):
# each panelist's, when the reader sat on that panel.
PANEL_ASKED = re.compile(r"^(?:\W*(?:also|then|and|so|next|after that)\s+)*(?:they|the panel|"
                         r"everyone|both of them)\s+(?:also\s+)?(?:asked|ask|wanted to know|"
                         r"had me|made me|gave me|quizzed|grilled)\b", re.IGNORECASE)
# The one just named goes on talking ("He said they do a background check … not Carmen"):
# theirs, though it names someone else.
GOES_ON = re.compile(r"^\W*(?:and\s+|then\s+|also\s+)?(?:he|she)\s+(?:also\s+)?(?:said|says|told|"
                     r"mentioned|explained|added|asked|wants|wanted)\b", re.IGNORECASE)
# A heading about one person ("What she asked me:", "His questions"): theirs, whoever the
# lines before it were about.
THEIR_HEADER = re.compile(r"^\W*(?:what\s+|the\s+)?(?:she|he|her|his|him)\b[^.!?\n]{0,30}"
                          r"\b(?:ask\w*|question\w*|told|tell|said|say\w*|want\w*)\b"
                          r"[^.!?\n]{0,20}:\s*$", re.IGNORECASE)
# Who sat on a panel: a line naming the reader with someone else, or the word panel.
PANEL_WORD = re.compile(r"\b(?:panel|panelists?|interviewers)\b", re.IGNORECASE)
# "the safety guy", "HR lady": an unnamed interviewer called by a word of their title.
PERSON_NOUN = r"(?:guy|man|woman|lady|person|bloke|chap|one|rep)"


# A legend of who is who by a letter ("C = Caroline Mottram, Head of …"), or a name with its
# letter after it ("Caroline Mottram (C)"): a Q-and-A write-up then codes them ("Q (C): …",
# "C: retention and pass rates").
LEGEND = re.compile(r"(?m)^[ \t]*(?:[-*•][ \t]*)?(?P<code>[A-Z]{1,3})[ \t]*=[ \t]*"
                    r"(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2})"
                    r"|(?P<name2>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2})[ \t]*\((?P<code2>[A-Z]{1,3})\)")
# A heading in capitals with a note in brackets ("WHAT I LEARNED FIRST (C, mostly)").
SHOUTED = re.compile(r"[A-Z][A-Z\s'’,&/-]+\([^()]*\)")
NOT_A_CODE = frozenset({"A", "Q", "I"})  # the answer's, the question's and the user's own


def name_codes(notes: str) -> dict[str, str]:
    """The letters a note codes people by -> their name as the legend gives it (read once per
    note: every reader's part asks)."""
    return dict(_name_codes(notes))


@functools.lru_cache(maxsize=256)
def _name_codes(notes: str) -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    for m in LEGEND.finditer(notes):
        code, name = (m.group("code"), m.group("name")) if m.group("code") \
            else (m.group("code2"), m.group("name2"))
        if code not in NOT_A_CODE and len(name) > len(code):
            out.setdefault(code, name)
    return tuple(out.items())


def coded(code: str) -> str:
    """Where a coded person speaks or asks, in folded text: "(c)", "(c, mostly)", "c: …"."""
    c = re.escape(code.casefold())
    return rf"\(\s*{c}\b|^\W*{c}\s*:"


# Someone described, not named, opening a line ("Beard guy asked …", "the HR lady said …")
# (doing something: "Lovely man, very calm" says what the reader was like)
DESCRIBED_PERSON = re.compile(r"\W*(?:\[[^\]]{1,40}\]\s*[\w'’-]+\s*:\s*)?"  # a chat's own turn
                              r"(?:the\s+|a\s+|this\s+)?(?:[\w'’-]+\s+){0,2}?(?:guy|bloke|lady"
                              r"|woman|man|fella|chap|gentleman)\s+(?:\w+ed|asked|said|says|told"
                              r"|wants|cares|only|also|kept|went|gave|took|spoke|thinks|thought)\b",
                              re.IGNORECASE)


def person_units(d: Debrief, person: str, key: str | None = None,
                 title: str | None = None) -> list[Unit]:
    """The units of the note about one person: lines naming them (or their role) and their
    section. A named person with a `title` is also found by it ("the chair asked me to …"
    after "Prof. Vasquez-Dunn (the chair of search)"), when nobody else's title shares it."""
    units = segment(d.notes)
    first = key or folded(person).split(" ")[0]
    # "Dr Ruth Adebayo" is "Dr Adebayo" later in the note: the surname finds her too.
    words = [w for w in folded(person).split() if len(w) > 2] if not key else []
    mine = {first, *([words[-1]] if len(words) > 1 else [])}
    others = [o.casefold() for o in other_names(d, Recipient(person if not key else None))
              if o.casefold() not in mine]
    alias = [rf"\b{re.escape(w)}\s+{PERSON_NOUN}\b" for w in folded(person).split()
             if key and w != key and len(w) > 2 and w not in FUNCTION_WORDS]
    # what the note says they go by ("call me Stu": "- Stu: "Chip light …"" is theirs)
    alias += [rf"\b{re.escape(folded(n))}\b" for n in nicknames(d.notes, person, title or "")
              if not key and (len(n) > 2 and " " not in n or INITIALS.fullmatch(n))]
    codes = name_codes(d.notes)
    alias += [coded(c) for c, n in codes.items() if not key and set(folded(n).split()) & mine]
    others_coded = [coded(c) for c, n in codes.items()
                    if not set(folded(n).split()) & mine]
    met = [*d.people, *(d.extraction.people if d.extraction else [])]
    # a reader with a name: someone the note only describes ("Beard guy asked me to talk him
    # through a near miss") is someone else
    named_reader = not key and any(p.name and folded(p.name) == folded(person) for p in met)

    def by_title(p_title: str | None, theirs: set[str]) -> str | None:
        """"the chair" for the only person met whose title has that word."""
        k = title_key(d, p_title) if p_title else None
        if not k or len(k) <= 2 or any(q.title and k in folded(q.title).split() and not (
                q.name and set(folded(q.name).split()) & theirs
                or not q.name and not theirs and folded(q.title) == folded(p_title or ""))
                for q in met):
            return None
        return rf"\b(?:the|our|my)\s+(?:[\w-]+\s+)?{re.escape(k)}\b"

    if title and not key and (mine_by_title := by_title(title, mine)):
        alias.append(mine_by_title)  # "the chair asked me to …"
    # someone else by their title ("the director said …") ends this person's lines too
    # (one met only by title too: "the station manager" ends Priya's lines)
    others_by_title = [] if key else [
        t for p in met if (p.name and not set(folded(p.name).split()) & mine
                           or not p.name and p.title and folded(p.title) != folded(title or ""))
        and (t := by_title(p.title, set(folded(p.name or "").split())))]
    if key:  # one of several with the title ("One of the PhD students, …, asked: …")
        alias.append(rf"\bone\s+of\s+(?:the|their|them)?\s*(?:[\w-]+\s+)?{re.escape(key)}(?:s|es)\b")
    me = re.compile("|".join([*(rf"\b{re.escape(w)}\b" for w in sorted(mine)), *alias]))
    # On a panel: a line names the reader beside the word panel or someone else.
    on_panel = any(me.search(t) and (PANEL_WORD.search(t) or any(
        re.search(rf"\b{re.escape(o)}\b", t) for o in others))
        for t in (folded(u.text) for u in units))
    # what the lines naming them call them: a line whose subject is the other ("first thing
    # he asked was …" after "priya from hr sat in") is someone else's
    # (read after the name: "so he's just the station manager now, … incl priya who …")
    # (their subject pronoun only: "came over to ask him something" asked someone else)
    # (not inside what they are quoted saying: 'Donna said, "… He rings at midnight."')
    after_name = [h.group(0) for u in units if (m := me.search(t := folded(u.text)))
                  and (h := re.search(r"\b(?:he|she)\b", QUOTED_WORDS.sub(" ", t[m.end():])))]
    # (a reader found by a title's word is not surely the one each such line is about: "the
    # group's other senior partner, but she's …" is not the airport office's partner)
    called = "" if key else _called(" ".join(after_name))
    # the titles of everyone else met, by their words (a row headed "Grower director:")
    other_titles = [set(re.findall(r"[\w'’-]+", folded(p.title))) for p in met if p.title
                    and not (p.name and set(folded(p.name).split()) & mine)
                    and folded(p.title) != folded(title or "")]
    chosen: list[Unit] = []
    only_shared: list[Unit] = []  # a panel's shared lines that name no one
    named_text: list[str] = []  # the lines naming this person, for the word they are called
    active = False
    last_me = False  # the last one the note named was them
    prev_end = -1
    # a pasted chat's friend asking something else ("Sioned 10:28 - and Cerys?") ends their part
    friend = others_turns(d.notes)
    for u in units:
        if any(sp.start <= u.span.start < sp.end for sp in friend):
            active = last_me = False
            prev_end = u.span.end
            continue
        text = folded(u.text)
        gap = d.notes[prev_end:u.span.start].count("\n") > 1 if prev_end >= 0 else True
        names_me = bool(me.search(text))
        names_other = any(re.search(rf"\b{re.escape(o)}\b", text) for o in others) or any(
            re.search(t, text) for t in [*others_by_title, *others_coded]) or (
            named_reader and not names_me and DESCRIBED_PERSON.match(text) is not None) or (
            not names_me and (head := TITLE_HEAD.match(u.text)) is not None
            and bool(said := {w for w in folded(head.group(1)).split() if len(w) > 2})
            and any(said <= t for t in other_titles))  # "Grower director: he asked me …"
        # "Questions they asked me:": the whole panel's, this reader's too.
        shared = bool(u.header and SHARED_HEADER.search(u.header)
                      or on_panel and PANEL_ASKED.search(text)) and not names_other
        if names_me:
            active = True
        elif active and called and (m := SUBJECT_CALLED.match(text)) and m.group(1) != called:
            active = False
        elif names_other and active and not gap and GOES_ON.match(u.text):
            pass  # the one just named, still talking
        elif gap and (active or last_me) and not names_other and (m := re.match(
                r"\W*(?:(?:and|then|afterwards|after that|later|so)\s+)*(?:what\s+)?(she|he)\b",
                text)) and m.group(1) == _called(" ".join(folded(c.text) for c in chosen
                                                          if c not in only_shared)):
            # a new paragraph that opens on them ("afterwards she gave me feedback"), also after
            # one about the job when they were the last one named ("What she asked me was …")
            active = True
        elif names_other or (gap and active and not u.header
                             and not THEIR_HEADER.match(u.text.strip())):
            active = False  # ("What she asked me:" goes on about the one just named)
        if active or shared:
            chosen.append(u)
            if not active:
                only_shared.append(u)
        if names_me:
            named_text.append(text)
        last_me = names_me or (last_me and not names_other)
        prev_end = u.span.end
    if not chosen and len([p for p in d.people if p.name]) <= 1:
        chosen = units  # a one-person interview: the whole note is about them
    # "What they asked: … 2. then she wanted to know …" to Ravi, whom the note calls "him": the
    # shared list's "she" lines are someone else's.
    reader = _called(" ".join(named_text))
    if reader:
        other = "she" if reader == "he" else "he"
        theirs_now = False  # a shared list's lines after "she wanted to know …" are hers too
        kept: list[Unit] = []
        for u in chosen:
            if u not in only_shared:
                theirs_now = False
                kept.append(u)
                continue
            called_here = _first_called(folded(u.text))
            theirs_now = called_here == other or (theirs_now and not called_here)
            if not theirs_now:
                kept.append(u)
        chosen = kept
    return chosen


# Words in quotation marks, closed or running to the end ('"Don't say I said, but …').
QUOTED_WORDS = re.compile(r"[\"“][^\"“”]*(?:[\"”]|$)")
# "he" or "she" as the subject near a line's start ("first thing he asked was …").
SUBJECT_CALLED = re.compile(r"\W*(?:[\w'’]+\s+){0,3}?(he|she)\b(?!['’]s\b)")


def _called(text: str) -> str:
    """"she" or "he" when the lines naming someone call them only that, else ""."""
    he = bool(re.search(r"\b(?:he|him|his)\b", text))
    she = bool(re.search(r"\b(?:she|her)\b", text))
    return "" if he == she else "he" if he else "she"


def _first_called(text: str) -> str:
    """The first "he" or "she" (by any of its forms) a line says, or ""."""
    m = re.search(r"\b(?:he|him|his|she|her)\b", text)
    return "" if not m else "he" if m.group(0) in ("he", "him", "his") else "she"


def _units_for(d: Debrief, to: Recipient) -> list[Unit]:
    met = {folded(p.name or p.title or "") for p in
           [*d.people, *(d.extraction.people if d.extraction else [])]} - {""}
    if to.name:
        units = person_units(d, to.name, title=to.title)
        # Nobody else was met (named or by role): the whole note is about them (lines naming
        # someone else are still left out by the phrase check).
        return units if len(met) > 1 else segment(d.notes)
    if to.title and len(met) <= 1:
        return segment(d.notes)  # the one interviewer, known by role: "They asked: …" is theirs
    if to.title:
        key = title_key(d, to.title)
        units = person_units(d, to.title, key=key) if key else []
        # and the lines that call them by the name their title says they go by ('known only
        # as "Taff"': "Taff took the reader"), not by a name only half-remembered, or by the
        # acronym their title opens with ("The HR lady: right to work." for the "HR officer
        # with a purple lanyard", found by "lanyard")
        spans = {u.span for u in units}
        others_titles = " ".join(p.title or "" for p in [
            *d.people, *(d.extraction.people if d.extraction else [])] if p.title != to.title)
        extra = [person_units(d, m.group(1)) for m in TITLE_GOES_BY.finditer(to.title)]
        # (only when the key is a word of how they looked, after "with": the role's own
        # acronym is how the note names them otherwise)
        described = key and re.search(rf"\bwith\b.*\b{re.escape(key)}\b", folded(to.title))
        extra += [person_units(d, to.title, key=w.casefold())
                  for w in re.findall(r"\b[A-Z]{2,4}\b", to.title)
                  if described and re.search(rf"\b{w}\b", d.notes)
                  and not re.search(rf"\b{w}\b", others_titles)]
        for found in extra:
            for u in found:
                if u.span not in spans:
                    spans.add(u.span)
                    units.append(u)
        return sorted(units, key=lambda u: u.span.start) or segment(d.notes)
    return segment(d.notes)


def reader_pattern(d: Debrief, to: Recipient) -> re.Pattern[str] | None:
    """What names the reader in a line: their name's words, or for someone known by title
    the word that finds them ("the governor asked …"); "the headteacher" too for a named
    reader whose title no one else met shares."""
    words = [re.escape(w) for w in to.names()]
    key = title_key(d, to.title) if to.title else None
    met = [*d.people, *(d.extraction.people if d.extraction else [])]
    mine = {w.casefold() for w in to.names()}
    if key and len(key) <= 2 and words:
        key = None  # "PM" for a named PM would take every line about PMs
    if key and (not words or not any(
            key in folded(p.title or "").split() and not mine & set(folded(p.name or "").split())
            for p in met)):
        words.append(re.escape(key))
    return re.compile(rf"\b(?:{'|'.join(words)})\b", re.IGNORECASE) if words else None


def title_key(d: Debrief, title: str) -> str | None:
    """The word of an unnamed interviewer's title that finds them in the note: its head noun
    ("DC general manager" -> "manager"), or the word before it when the head is also a word of
    the job or the company ("manager" of "Shift Manager" would find every line about the job:
    "general"); only words the note uses, a tail such as "for the region" left off. A word
    another person's title shares is passed over when the title has another ("deputy head"
    beside a "Head of Science": "deputy")."""
    head = re.split(r",|\s(?:for|of|at|in|from|on)\s", folded(title))[0]
    head = re.sub(r"\([^)]*\)?", " ", head)  # "(curriculum)" qualifies; it is no head noun
    taken = {w.rstrip("s") for w in terms(f"{d.company} {d.role or ''}")}
    note = folded(d.notes)
    shared = {w.rstrip("s") for p in [*d.people, *(d.extraction.people if d.extraction else [])]
              if p.title and folded(p.title) != folded(title)
              for w in re.findall(r"[^\W\d_]+", folded(p.title))}
    numbers = {"one", "two", "three", "four", "five", "six", "both", "several", "some"}
    # a title that is one acronym and nothing else ("HR"): the acronym finds them
    caps = {title.strip().casefold()} if re.fullmatch(r"\s*[A-Z]{2}\s*", title) else set()
    # The title as the note says it, shortened ("the area chef" for an "area head chef"), finds
    # them better than a word of it that other lines use ("head" of "head office"), when its
    # head noun is the job's too.
    nouns = re.findall(r"[^\W\d_]+", head)
    if len(nouns) >= 3 and nouns[-1].rstrip("s") in taken | shared:  # ("chef" of "sous chef")
        said = [(len(re.findall(rf"\b{re.escape(short)}\b", note)), short)
                for short in (" ".join(nouns), *(f"{w} {nouns[-1]}" for w in nouns[:-2]))
                if not any(short in folded(p.title or "") for p in [
                    *d.people, *(d.extraction.people if d.extraction else [])]
                    if folded(p.title or "") != folded(title))]
        if said and max(said)[0]:
            return max(said)[1]  # the way the note says it most often
    # A section headed by the title's head noun ("Secretary on the floor:") is theirs, though
    # the job shares the word ("legal secretary").
    if nouns and len(nouns[-1]) > 2 and nouns[-1].rstrip("s") not in shared and re.search(
            rf"(?mi)^\W*(?:[^\W\d_]+\s+){{0,2}}{re.escape(nouns[-1])}s?\b[^:\n]{{0,30}}:\s*$",
            d.notes):
        return nouns[-1]
    for avoid in (taken | shared, taken):
        for word in reversed(re.findall(r"[^\W\d_]+", head)):
            if (len(word) > 2 or word in caps) and word.rstrip("s") not in avoid \
                    and word not in numbers \
                    and word not in FUNCTION_WORDS \
                    and re.search(rf"\b{re.escape(word)}", note):
                return word
    last = head.split()[-1] if head.split() else ""
    return last if len(last) > 2 or last in caps else None



# "Interview was Thursday June 5th w/ the ICU manager": when and with whom, not a topic.
# "He introduced himself as the practice director", "There was one ecologist, one chemist":
# who they are and who was there, not topics either.
# A short line that gives the day of the interview ("Monday 3 November 2025, second stage.",
# "brackwell rnd 2 thurs 25 sept 2025 8am till 12"): the note's heading, no topic.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATED = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?\b"
                   rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.IGNORECASE)
HEADING_WORDS = 10
WHEN_IT_WAS = re.compile(r"^\W*(?:the\s+|my\s+)?(?:(?:video|phone|zoom|teams|first|second|final|"
                         r"panel|group)\s+)?(?:interview|call|meeting|screen|chat|panel|"
                         r"round)\s+(?:(?:was|is|on)\s+)?(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun|jan|"
                         r"feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d|today|yesterday|last)"
                         r"|\bintroduced\s+(?:him|her|them)sel(?:f|ves)\b"
                         # "and I had a panel interview on Tuesday: …"
                         r"|^\W*(?:and\s+)?i\s+had\s+(?:a|an|my|the)\s+(?:[\w-]+\s+)?(?:interview"
                         r"|call|meeting|screen)\b"
                         # who was in the room ("There was one ecologist, one chemist, …")
                         r"|^\W*(?:panel|present|in the room|attendees|interviewers)\s*:"
                         r"|^\W*there\s+(?:was|were)\s+(?:one|two|three|four|five|\d+)\s+[\w-]+\s*,",
                         re.IGNORECASE)


# A screening question, yes or no or a count of the user's own experience ("whether I have
# ever read a Schedule F", "how many hearings I'd handled alone", "Have you ever done OASIS
# documentation?"): a box the reader ticked, and often one the user could not; a message that
# names it points at the gap.
SCREENING = re.compile(
    r"^[“\"]?(?:whether|if)\s+I(?:\s+(?:have|had|speak|hold)|['’]ve|['’]d\s+ever)\b"
    r"|^[“\"]?how\s+many\s+(?:[\w-]+\s+){1,4}?I(?:['’]d|['’]ve|\s+(?:had|have))\s+(?:\w+\s+)?"
    r"(?:handled|done|run|led|managed|worked|seen|had|taught|used|written|read)\b"
    r"|^[“\"]?(?:have|do|did)\s+you\s+(?:ever\s+)?(?:have|had|speak|hold|read|used?|done|"
    r"worked|been)\b", re.IGNORECASE)


# What someone asked the user, after the words that introduce them.
# (a habit is no question of theirs: "asks follow up questions u cant dodge")
ASKED_OF_ME = re.compile(r"\b(?:asked|asks)\s+(?:me|us|about|how|what|why|if|whether|when|where|"
                         r"which|who)\b|\bwanted\s+to\s+know\b"
                         r"|\b(?:asked|had|put)\s+(?:a|one|two|three|four|\d+|some|lots\s+of|many"
                         r"|several)\s+(?:[\w-]+\s+)?questions?\b"
                         r"|\bquestions?\s+(?:on|about|around|re|regarding|for\s+me)\b|\?",
                         re.IGNORECASE)


# The person a to-do is for, by pronoun ("send her my BLS cards", "email him the deck").
OWED_PRONOUN = re.compile(r"\b(?:send|sending|email|emailing|give|forward|tell|call|text|ping|"
                          r"message|owe|get back to|reply to|write to|come back to"
                          r"|(?:get|bring|pass|hand)\s+(?:it|them|this|that)(?:\s+(?:over|across|on))?"
                          r"\s+to)\s+(her|him)\b",
                          re.IGNORECASE)


# A phrase that is only someone's name with a title ("Mr. H. Rahimi"): no topic
NAME_ONLY = re.compile(r"(?:mr|mrs|ms|miss|dr|prof|sir|madam)\.?\s+(?:[A-Z]\.\s*)*[A-Z][\w'’-]+"
                       r"(?:\s+[A-Z][\w'’-]+)?", re.IGNORECASE)
PRONOUNS = ("he", "she")
# The pronouns of someone other than a reader the note calls "he" (or "she")
OTHER_GENDER = {"he": re.compile(r"\b(?:she|she['’](?:s|ll|d)|her|hers|herself)\b", re.IGNORECASE),
                "she": re.compile(r"\b(?:he|he['’](?:s|ll|d)|him|his|himself)\b", re.IGNORECASE)}


# Words in quotation marks: what someone said, whoever it speaks of ("Mr Dunbeath put the
# following scenario to me: "A dog indicates on a girl's bag … She is crying …"")
QUOTED_SPEECH = re.compile(r"[\"“][^\"“”]{12,}[\"”]")


def pronoun(part: str, *, mostly: bool = False) -> str | None:
    """"she" or "he" when a person's part of the note calls them only that (twice or more),
    else None; `mostly`: when it says that twice or more and at least twice as often as the
    other (the other is someone else it speaks of)."""
    she = len(re.findall(r"\b(?:she|she's|she'll|she'd|herself)\b", part))
    he = len(re.findall(r"\b(?:he|he's|he'll|he'd|him|himself)\b", part))
    if she >= 2 and he <= (she // 2 if mostly else 0):
        return "she"
    if he >= 2 and she <= (he // 2 if mostly else 0):
        return "he"
    return None


# Chat-speak marks a vent, not the talk ("rejected in 10 mins lol"); in brackets it is an aside
# the phrase leaves out ("what do I know about ESRD (not much … lol)").
VENT = re.compile(r"\b(?:lol|lmao|rofl|omg|smh|ffs|haha\w*|ugh+)\b", re.IGNORECASE)


# When they will decide or call ("The chair said decision in two weeks", "they'll let me know
# end of next week"): the waiting, which a message's closing already speaks of.
WHEN_THEY_DECIDE = re.compile(
    r"\b(?:decision|decide|deciding|let\s+(?:me|us|you)\s+know|hear\s+back|get\s+back\s+to"
    r"|(?:talk|speak)\s+again|be\s+in\s+touch)\b"
    r"[^.;]{0,30}\b(?:days?|weeks?|fortnight|months?|monday|tuesday|wednesday|thursday|friday|end\s+of"
    r"|tomorrow|soon)\b", re.IGNORECASE)


def unsayable(text: str, *, other_language: bool = False) -> bool:
    """Pay and terms, other candidates, gossip, the user's doubts and private views, another
    language (unless `other_language`), a line about the note itself or about a name the user
    did not catch: nothing a message to the interviewer repeats."""
    return bool(SENSITIVE.search(text) or PRIVATE_VIEW.search(text) or TERMS.search(text)
                or OWN_SLIP.search(text) or FORGOT.match(text)
                or VENT.search(re.sub(r"\([^)]*\)?", " ", text))
                or (GOSSIP.search(text) and not QUESTION.search(text))
                or (not other_language and foreign(text)) or ABOUT_THE_NOTE.search(text)
                or NAME_NOT_GIVEN.search(text)  # "… who said her name once": an aside
                or MY_GAP.search(text) or WRONG_NAME.search(text) or ASIDE.search(text)
                or PRIVATE_LABEL.match(text) or SCORNED.search(text))


# The user's eye-roll or facepalm at what was said ("He said twelve 🙄"): a private view
SCORNED = re.compile("[🙄🤦😒🤨😬]")


# A line the user labels as their own ("Private: scan on the 9th was fine.", "Note to self: …")
PRIVATE_LABEL = re.compile(r"\W*(?:private|personal|note\s+to\s+self|for\s+me|just\s+me)\s*[:\-–—]",
                           re.IGNORECASE)


# A sentence that leans on the one before it: it starts with a word that points back ("then",
# "which", "so", "that", "it" …), or in lower case in a note whose sentences start in capitals.
POINTS_BACK = re.compile(r"\s*(?i:and|but|so|then|which|because|cause|cuz|coz|that|thats"
                         r"|that['’]s|this|it|its|it['’]s|they|he|she|also"
                         # one of what it counted ("… seeing 2 others. one is their own student")
                         r"|one\s+(?:is|was|of)|the\s+other|another|both)\b")
# A question one person asked, reported as its own sentence ("She asked whether I can drive"), or
# what they care about: a new report, not a comment on the sentence before it, unless it asks
# about that ("about it").
ASKS_ANEW = re.compile(r"\s*(?i:he|she)\s+(?i:also\s+)?(?i:asked|wanted\s+to\s+know"
                       # what they care about ("She cares about spreadsheets …"), after a slip
                       r"|cares\s+about|cared\s+about|values|is\s+big\s+on|is\s+all\s+about)\b"
                       r"(?!\s+(?i:about\s+)?(?i:it|that|this|them|those)\b)")
# A part of the day spent with other people ("+ lunch with three people from the content team,
# no managers"): theirs, unless it names the reader.
MET_OTHERS = re.compile(r"\W*(?:(?:a|an|the|then|and)\s+)?(?:lunch|coffee|dinner|breakfast|drinks"
                        r"|tour|walk-?around|chat)\s+with\b(?P<who>.*)", re.IGNORECASE)
# The rest of a sentence cut at a quote mark ('and that if I ever decided I wanted "a life',
# 'and a litigation practice at the same time," I should …'): no topic of its own.
CONTINUES = re.compile(r"(?:and|or|but)\s+(?:that|a|an|the|if|then|[a-z]+\s+(?:him|her|them)\b)\b")
# A clause that only explains or describes the one before it ("which he said like it was a
# warning …", "because she found it too quiet", "Given the TLR vanished …"): never a detail of
# its own.
SUBORDINATE = re.compile(r"\W*(?i:because|cause|cuz|coz|since|which|whose|given|although"
                         r"|though)\b")


# A short sentence that opens on a word pointing back and holds an "it" ("They open it in
# spring."): what "it" is, the sentence before says.
LEANING_WORDS = 6
# A few words after an aside on its line are a comment on it ("… top of band. im on 31 now so").
TAIL_WORDS = 5


# A transcript's line: its speaker before a colon ("Jo (as the son …): Nobody asked me.", "Me: …").
SPEAKER = re.compile(r"[ \t]*(?:[-*•][ \t]*)?(?P<who>[^\W\d_][\w'’. -]{0,30}?)[ \t]*"
                     r"(?:\([^)\n]{0,80}\))?[ \t]*:[ \t]")
# A turn begun mid-line, after a sentence ends ("… What's the team? Sanne: four PMs …").
TURN = re.compile(r"(?<=[.?!])[ \t]+(?P<who>[A-Z][\w'’-]{1,20}(?:[ \t][A-Z][\w'’-]{1,20})?)"
                  r"[ \t]*:[ \t]")
# (and "I" in the languages notes mix with English: "Ja: overlap M&E first fix …")
MY_LINE = re.compile(r"(?i:me|i|myself|my answer|answer|a|ja|yo|eu|ich|moi|je)")
# Words of a line someone spoke to the user that point at others or at the user ("She'd want
# to come home.", "You lot just want the bed."): said back to the speaker they mean nothing.
DIALOGUE_PRONOUN = re.compile(r"\b(?:you|your|you['’]\w+|she|he|her|him|his|she['’]\w+"
                              r"|he['’]\w+|me)\b", re.IGNORECASE)


THIRD_OR_ME = re.compile(r"\b(?:she|he|her|him|his|she['’]\w+|he['’]\w+|me)\b", re.IGNORECASE)
ROLE_PLAY = re.compile(r"\brole[\s-]?play|\bin role\b|\bplayed\s+(?:the|a|an)\b", re.IGNORECASE)
# A line that asks or sets a task, typed without its question mark ("Naomi: tell me about a
# time you told a dept head no"): their question, not their words in a role.
ASKS_OR_SETS = re.compile(r"\W*(?:tell|describe|walk|talk|explain|give|show|pick|rewrite|take"
                          r"|what|whats|what's|how|why|when|where|who|which|would|could|can|do|did"
                          r"|have|are|is|if)\b", re.IGNORECASE)


def in_role(text: str, notes: str, to: Recipient) -> bool:
    """The line is one the user spoke ("Me: Can we sit down …"), or the reader's own words to
    the user that point at others or at the user ("Jo (as the son …): Nobody asked me.",
    "Jo: She'd want to come home."): no topic to tell the reader. The speaker is the last one
    named on the line before the text ("Me: What's the team? Sanne: four PMs …": Sanne)."""
    at = notes.find(text)
    if at < 0:
        return False
    start = notes.rfind("\n", 0, at) + 1
    head = SPEAKER.match(notes, start)
    said_by = [m for m in TURN.finditer(notes, start, at + len(text)) if m.start() <= at]
    speaker = said_by[-1] if said_by else head
    if not speaker:
        return False
    said = notes[max(at, speaker.end()):at + len(text)]
    # (the user's own answer is theirs to recall, "A: One master copy, tracked changes"; only
    # a line they spoke in a role, asking or saying "you", is no topic. The reader's line
    # that says "you" is mostly their question, "Phil: time you disagreed w/ a senior
    # stakeholder"; in a role play, or speaking of someone as "she", it is their part in it.)
    role_play = ROLE_PLAY.search(notes[max(0, notes.rfind("\n\n", 0, at)):at])
    return bool(MY_LINE.fullmatch(speaker.group("who").strip()) and (
        said.rstrip().endswith("?") or DIALOGUE_PRONOUN.search(said)) or (
        folded(speaker.group("who").strip()) in {folded(n) for n in to.names()}
        and not said.rstrip().endswith("?") and not ASKS_OR_SETS.match(said)
        and (THIRD_OR_ME.search(said) or role_play and DIALOGUE_PRONOUN.search(said))))


# A section the user keeps for themselves ("7. Private observations (not for discussion with the
# hospice)", "Things I noticed / not to repeat", "off the record:"), by its title line.
PRIVATE_SECTION = re.compile(
    r"\bprivate (?:observations?|notes?|thoughts?|remarks?|comments?|bits?|stuff)\b"
    r"|\bnot (?:for|to be) (?:discuss|shar|repeat|mention)\w*|\bnot to (?:repeat|share"
    r"|mention|say)\b|\bdon['’]?t (?:repeat|mention)\b|\bkeep (?:to myself|schtum|quiet)\b"
    # "don't say I said", "don't say anything", "… but don't say.", not the advice "you don't
    # say sorry for the dog" nor "she don't say her name"
    r"|\bdon['’]?t say(?:\s+(?:anything|a\s+word|owt|it|this|that|so|i|where|who|what|to|till"
    r"|until|yet)\b|\s*[.,!;”\"]|\s*$)"
    r"|\boff the record\b|\bbetween (?:us|me and)\b|\bconfidential\b"
    r"|\bfor me only\b|\bonly for me\b|\bjust for me\b|\bfor my eyes only\b", re.IGNORECASE)
SECTION_TITLE_WORDS = 12


def _sections(notes: str, opens: Callable[[int, int], int | Span | None]) -> list[Span]:
    """Spans of a note that `opens(start, end)` of a line begins: a Span it returns stands as it
    is (the rest of one line); an offset starts a section that runs to the end of its paragraph
    (a blank line)."""
    out: list[Span] = []
    start: int | None = None
    prev_end = 0
    for s, e in logical_lines(notes):
        if start is not None and notes[prev_end:s].count("\n") > 1:
            out.append(Span(start, prev_end))
            start = None
        if start is None:
            got = opens(s, e)
            if isinstance(got, Span):
                out.append(got)
            else:
                start = got
        prev_end = e
    if start is not None and prev_end > start:
        out.append(Span(start, prev_end))
    return out


OFF_RECORD_AFTER = 500  # how far past an off-the-record marker its line is hidden


def off_record_spans(notes: str) -> list[Span]:
    """Where a line says mid-way that what it tells is off the record ("Joanne … said please
    don't repeat it, but the unit is moving …"; "… most are still not done. Don't tell anyone,
    he said."): from the sentence with the marker (and the one before it, when the marker's
    sentence is short and says nothing else) to the line's end, within OFF_RECORD_AFTER."""
    out: list[Span] = []
    units = segment(notes)
    for s, e in logical_lines(notes):
        m = PRIVATE_SECTION.search(notes, s, e) or KEEP_QUIET.search(notes, s, e)
        if not m:
            continue
        inside = [u for u in units if s <= u.span.start < e]
        at = next((n for n, u in enumerate(inside) if u.span.start <= m.start() < u.span.end), 0)
        if at and len(inside[at].text) < 60:
            at -= 1  # "Don't tell anyone, he said.": the sentence before is what not to tell
        start = inside[at].span.start if inside else s
        out.append(Span(start, min(e, m.end() + OFF_RECORD_AFTER)))
    return out


KEEP_QUIET = re.compile(r"\bdon['’]?t\s+tell\s+(?:anyone|anybody|a\s+soul|the\s+others)\b"
                        r"|\byou\s+didn['’]?t\s+hear\s+(?:that|it|this)\s+from\s+me\b"
                        # ("You never saw me say it.", signed)
                        r"|\byou\s+(?:never|didn['’]?t)\s+(?:saw|see|heard|hear)\s+me\s+(?:say|sign"
                        r"|tell)\b"
                        r"|\b(?:don['’]?t|do\s+not)\s+quote\s+me\b|\bnot\s+for\s+quoting\b",
                        re.IGNORECASE)


def private_sections(notes: str) -> list[Span]:
    """The lines under a title that keeps them private, to the end of the title's paragraph
    (a blank line): no message repeats them, however plain each one reads."""
    def opens(s: int, e: int) -> int | None:
        line = BULLET.sub("", notes[s:e]).strip()
        return s if len(line.split()) <= SECTION_TITLE_WORDS and not re.search(
            r"[.!?]\s*$", line) and PRIVATE_SECTION.search(line) else None
    return _sections(notes, opens)


# Where the user lists what is theirs to do ("6.3 For myself: study …", "[18:52] me: to do for
# me: revise …", "MY STUFF", "note to self:", "For me only:"): the rest of the line, and under
# a title alone on its line the lines to the next blank one.
OWN_MARK = re.compile(
    r"(?:^|[:\].!?]\s+)(?:(?:\d+(?:\.\d+)*\.?|[-*•>])\s+)?(?:(?:(?:to[- ]?do|todo|things?\s+to\s+do"
    r"|notes?|jobs?)\s+)?(?:(?:just|only)\s+)?for\s+(?:me|myself)(?:\s+(?:only|alone))?"
    r"|for\s+my\s+eyes\s+only|notes?\s+to\s+self|my\s+(?:stuff|homework|own\s+"
    r"(?:to[- ]?dos?|list|stuff))|homework)\b\s*(?::|$|[-–—]\s)", re.IGNORECASE)


def own_sections(notes: str) -> list[Span]:
    """The parts of a note the user marks as their own to-dos (see OWN_MARK)."""
    def opens(s: int, e: int) -> int | Span | None:
        m = OWN_MARK.search(notes[s:e])
        if not m:
            return None
        # "For myself: study …" to the line's end; a title alone: the lines under it
        return Span(s + m.end(), e) if notes[s + m.end():e].strip() else e
    return _sections(notes, opens)


# A turn of a chat the user pasted: a time stamp and who spoke ("Rob 19:05: sounds better",
# "[02/10/2026, 20:47] Wen: so yesterday …", "18:52 me: …")
CHAT_TURN = re.compile(r"^[ \t]*(?:\[[\d/.,\s:apmAPM-]+\]\s*|\d{1,2}[:.]\d{2}\s+)?"
                       r"(?P<who>[^\W\d_][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?)"
                       r"(?:\s+\(?\d{1,2}[:.]\d{2}\)?)?\s*:\s"
                       # a text thread's "Geth 09:36 - money is a day rate"
                       r"|^[ \t]*(?P<who2>[^\W\d_][\w'’.-]*)\s+\d{1,2}[:.]\d{2}\s*[-–—]\s",
                       re.MULTILINE)
CHAT_TURNS_MIN = 4  # stamped turns that make a note a chat log
CLOCK = re.compile(r"\d{1,2}[:.]\d{2}")  # a turn's time stamp (no "Skills: …" label has one)


def stamped_turns(text: str) -> list[re.Match[str]]:
    """The chat turns of a text that carry a time stamp."""
    return [m for m in CHAT_TURN.finditer(text) if CLOCK.search(m.group(0))]
MY_NAMES = frozenset({"me", "i", "myself"})


def others_turns(notes: str) -> list[Span]:
    """The lines of a pasted chat that someone other than the user wrote (the friend's "Rob
    19:05: sounds better tbh"): their words, not the interview's. The user is "Me" where a
    turn says so, else whoever wrote the most; a note that is no chat log has none. Read once
    per note."""
    return list(_others_turns(notes))


@functools.lru_cache(maxsize=256)
def _others_turns(notes: str) -> tuple[Span, ...]:
    turns = [((m.group("who") or m.group("who2")).casefold(), m.start(), m.end(),
              end if (end := notes.find("\n", m.end())) >= 0 else len(notes))
             for m in stamped_turns(notes)]
    if len(turns) < CHAT_TURNS_MIN:
        return ()
    written: dict[str, int] = {}
    for who, _, said, end in turns:
        written[who] = written.get(who, 0) + len(notes[said:end].split())
    if len(written) < 2:
        return ()
    me = next((w for w in written if w in MY_NAMES), None) or max(written, key=written.__getitem__)
    return tuple(Span(start, end) for who, start, _, end in turns if who != me)


def _continuing_unsayable(notes: str) -> list[Span]:
    """Sentences that go on from an unsayable one on the same line ("… tronc is really about
    1.5k. the recruiter rounded up then lol"), or the first line of a wrapped sentence whose
    next line is unsayable: said alone, each would still carry it."""
    units = segment(notes)
    lower = sum(u.text[:1].islower() for u in units)
    capitals = lower * 2 < len(units)  # lower case at a start means something here
    after = [unit.span for prev, unit in zip(units, units[1:], strict=False)
             if unsayable(prev.text) and "\n" not in notes[prev.span.end:unit.span.start]
             and (POINTS_BACK.match(unit.text) and not ASKS_ANEW.match(unit.text)
                  or (capitals and unit.text[:1].islower())
                  or len(unit.text.split()) <= TAIL_WORDS)]  # "… top of band. im on 31 now so"
    # A wrapped sentence whose next line says it ("… close to a two-sided / marketplace
    # before, which I haven't"): its first line carries it too.
    wrapped = [prev.span for prev, unit in zip(units, units[1:], strict=False)
               if unsayable(unit.text) and unit.text[:1].islower()
               and not END_MARK.search(prev.text)
               and notes[prev.span.end:unit.span.start].count("\n") == 1
               # (a list's next item is no wrapped line: "- fumbled Q3 (78%)")
               and not notes[notes.rfind("\n", 0, unit.span.start) + 1:unit.span.start].strip()]
    return after + wrapped


def row_text(text: str, others: list[str]) -> str | None:
    """A table row's own words, its first cell ("mould found in a box at 4pm on a Friday" of
    "… | Catriona | isolate it, bag it … | forgot PPE first!!"); None for a header row ("WHO |
    ROLE | NOTES") or a row that a cell gives to someone else met. A line without cells is as
    it is; a chat's turn without its stamp and speaker ("me 19:04: standby is …")."""
    if (turn := CHAT_TURN.match(text)) and CLOCK.search(turn.group(0)):
        text = text[turn.end():]
    if "|" not in text:
        return text
    cells = [c.strip(" -*•>") for c in text.split("|") if c.strip(" -*•>")]
    if not cells or not any(ch.islower() for ch in text) or any(c in others for c in cells[1:]):
        return None
    return cells[0]


def _line_kind(text: str, to: Recipient, others: list[str]) -> str:
    if (OWN_TODO.match(text) or PROMISED.search(text) or REQUEST.match(text.strip(" -*•>"))
            or GIVE_CLAUSE.search(text)) and promise_action(text, to, others) \
            or needed_action(text):
        return "promise"
    if OPENING_OBJECT.search(text):  # "… is opening a community analyst post"
        return "opening"
    if WHEN_THEY_DECIDE.search(text):
        return "own"  # the waiting, never a detail (a promise in the same line is kept above)
    if MY_TURN.match(text):
        return "own"  # a transcript's "Me: What's the team?": the user's question, not theirs
    if ASKED_TO_DO.match(text):
        return "own"  # "He asked to meet "the old boy".": what they want of the user, no topic
    if I_NEED_TO.search(text):
        return "own"  # "Settled status, I need to send the share code.": the user's to-do
    if CONCERN.search(text):
        return "concern"
    if QUESTION.search(text):
        return "question"
    if OWN_ANSWER.match(text) or SELF_TODO.match(text) or MY_STORY.match(text):
        return "own"  # what the user said or must do for themselves, never a detail
    return "told" if TOLD.search(text) else "topic"


def _said_after(notes: str, lines: list[tuple[int, int]], quote: str, limit: int = 240) -> str:
    """The quote and the rest of its logical line (`lines`: the note's logical lines; a wrapped
    line joined; up to `limit` more characters): where a note says what the user makes of an
    opening ("… if this one doesn't work out that might suit me")."""
    at = notes.find(quote)
    if at < 0:
        return quote
    i = next((n for n, (s, e) in enumerate(lines) if s <= at < e), None)
    if i is None:
        return quote
    end = lines[i][1]
    # A line that stops mid-sentence goes on in the next one ("if this one didn't / work out").
    while i + 1 < len(lines) and not END_MARK.search(notes[lines[i][0]:lines[i][1]]):
        i += 1
        end = lines[i][1]
    return notes[at: max(end, at + len(quote))][: len(quote) + limit]


# Words of a company's name that name no company in particular.
NAME_WORDS = ORG_WORDS | frozenset("""lab medical partner county city state regional national
services logistics energy north south east west new the and of for inc ltd llc llp plc co corp
limited controls works design resources ventures mechanical electric electrical engineering
construction properties housing district law legal firm stores foods motors insurance finance
financial credit union""".split())


def employer_words(d: Debrief, elsewhere: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """The distinctive words of the other companies the user met ("Saffron" of "Saffron
    Circuit"), less the words of this debrief's own company and of its people's names."""
    company = d.company
    people = [*d.people, *(d.extraction.people if d.extraction else [])]
    own = {w.casefold() for w in re.findall(r"[^\W\d_]+", " ".join(
        [company, *(p.name or "" for p in people)]))}
    return {w for name in elsewhere if name.strip().casefold() != company.strip().casefold()
            for w in re.findall(r"[^\W\d_]{3,}", name)
            if w.casefold() not in NAME_WORDS and w.casefold() not in own and w[:1].isupper()}


def names_employer(text: str, words: set[str]) -> bool:
    """Whether the text names one of these companies by a capitalised word of its name, or by
    two of them typed in lower case ("pellam n grove" for Pellam & Grove; one alone, "retail",
    is a word like any other)."""
    said = re.findall(r"[^\W\d_]+", text)
    lower = {w for w in said if w.islower() and w.capitalize() in words}
    return bool(words) and (any(w in words or (w.isupper() and w.capitalize() in words)
                                for w in said) or len(lower) >= 2)


def details_for(d: Debrief, person: str | None, kind: MessageKind,
                elsewhere: set[str] | frozenset[str] = frozenset()) -> list[Detail]:
    """Numbered, non-sensitive details about one person (never from another debrief, never
    naming another company in `elsewhere`, the user's other interviews); when their part of
    the note offers none ("safety coordinator, didn't catch his name" is all it says of him),
    the details of the whole note, as for a panel. A note told in the second person ("You
    get to the ops centre early …") is read in the first."""
    if second_person(d.notes):
        d = _in_first_person(d)
    employers = employer_words(d, elsewhere)
    out = _details(d, person, kind, whole=not person, employers=employers)
    # Their part gives nothing to mention but promises: the whole note, as for a panel.
    if person and not any(x.kind != "promise" for x in out):
        # The whole note's questions were asked by someone, not surely by this reader ("the
        # question “What's a flute?”", never "your question").
        # An opening someone else pointed to is their tip to the user, not this reader's
        # ("they're hiring a part-time PAT phone nurse", from the nurse who came over), unless
        # the note means to raise it with this reader ("… so I should ask Harper about that").
        to = recipient_for(d, person)
        lines = logical_lines(d.notes)
        reader = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in to.names()) or r"(?!)",
                            re.IGNORECASE)
        whole = [x for x in _details(d, person, kind, whole=True, employers=employers)
                 if x.kind != "opening"
                 or reader.search(_said_after(d.notes, lines, x.text, limit=400))]
        out = [replace(x, number=i, kind="asked" if x.kind == "question" else x.kind)
               for i, x in enumerate(whole, 1)]
    return out


# "you" where a clause starts, or after a word that opens one ("says you have forty minutes",
# "asks why you'd leave"): the subject, "I"; elsewhere the object, "me".
_CLAUSE_BEFORE = re.compile(r"(?:^|[.!?;:,(\"“]\s*|\b(?:and|but|so|because|that|if|when|then|until"
                            r"|while|as|why|how|what|where|whether|once|says?|said|think|thinks"
                            r"|know|knows|realise|realises|hope|wish|feel|guess|mention|mentions"
                            r"|explain|explains|admit|admits|reply|replies|answer|answers"
                            r"|would|could|can|do|did|will|should|are|were)\s+)$",
                            re.IGNORECASE)
_YOU = re.compile(r"\b(you(?:['’](?:re|ll|d|ve))?|your|yours|yourself)\b", re.IGNORECASE)
_FIRST = {"you're": "I'm", "you'll": "I'll", "you'd": "I'd", "you've": "I've", "your": "my",
          "yours": "mine", "yourself": "myself"}
YOU_START = re.compile(r"^\W*you\b", re.IGNORECASE)
SECOND_PERSON_SHARE = 0.2  # of a note's sentences opening on "you": told in the second person


def second_person(notes: str) -> bool:
    """Whether a note is told in the second person ("You get to Saltmarsh early …"): many
    sentences open on "you" and "I" is rarer than they are."""
    units = segment(notes)
    opens = sum(bool(YOU_START.match(u.text)) for u in units)
    return opens >= 4 and opens >= SECOND_PERSON_SHARE * len(units) \
        and len(re.findall(r"\bI\b", notes)) < opens


def first_person(text: str) -> str:
    """A second-person text in the first person ("Oona asks why you'd leave" -> "Oona asks
    why I'd leave", "walks you past the desks" -> "walks me past the desks")."""
    def swap(m: re.Match[str]) -> str:
        word = m.group(1)
        low = word.casefold().replace("’", "'")
        if low == "you":
            out = "I" if _CLAUSE_BEFORE.search(text[:m.start()]) else "me"
        else:
            out = _FIRST[low]
        return out[:1].upper() + out[1:] if word[:1].isupper() and out != "I" else out
    return _YOU.sub(swap, text)


def _in_first_person(d: Debrief) -> Debrief:
    """The debrief with its note and its extraction's evidence in the first person."""
    ext = d.extraction
    if ext is not None:
        ext = ext.model_copy(update={
            cat: [i.model_copy(update={"evidence": first_person(i.evidence)})
                  for i in getattr(ext, cat)]
            for cat in CATEGORIES})
    return d.model_copy(update={"notes": first_person(d.notes), "extraction": ext})


def _details(d: Debrief, person: str | None, kind: MessageKind, *, whole: bool,
             employers: set[str]) -> list[Detail]:
    to = recipient_for(d, person) if person else Recipient(None)
    others = other_names(d, to)
    units = segment(d.notes) if whole else _units_for(d, to)
    if whole and person and others_turns(d.notes):
        # a pasted chat read whole for want of their own part: the parts of the people met,
        # not the user's own life told to a friend ("scan's on the 9th", to a sister)
        met_people = [p for p in [*d.people, *(d.extraction.people if d.extraction else [])]
                      if p.name or p.title]
        theirs_spans = {u.span for p in met_people
                        for u in _units_for(d, recipient_for(d, p.name or p.title))}
        if len(met_people) > 1:
            units = [u for u in units if u.span in theirs_spans]
    part = folded(" ".join(u.text for u in units))
    reader = None if whole or not to.name and not to.title else pronoun(part)
    mostly = None if whole or not to.name and not to.title else pronoun(part, mostly=True)
    # their own lines, even when the whole note is read for want of them (a panel)
    own_part = folded(" ".join(u.text for u in _units_for(d, to))) if whole and person \
        else part
    lines = logical_lines(d.notes)  # read once, for _said_after
    leaning = _continuing_unsayable(d.notes)
    # An extracted item quoting part of an aside ("[she asked it again later. It's clearly the
    # thing]") is the aside.
    sentences = segment(d.notes)
    private = private_sections(d.notes)
    slipped = slipped_on(sentences)

    def slipped_here(text: str) -> bool:
        """A question or topic the user says they answered badly, in another line."""
        return bool(slipped & set(stems(text))) and not OWN_SLIP.search(text)
    own_spans = own_sections(d.notes)
    off_record = off_record_spans(d.notes)
    hidden = [*leaning, *(u.span for u in sentences if ABOUT_THE_NOTE.search(u.text)), *private,
              *own_spans, *off_record, *(chat_others := others_turns(d.notes))]

    def to_sentence_end(quote: str) -> str:
        """An item's words with the rest of their sentence (a wrapped line's end: "… one
        sample client email I wrote at Tarangan / for a salary error, with names removed.")."""
        at = d.notes.find(quote)
        end = at + len(quote)
        u = next((u for u in sentences if u.span.start <= end - 1 < u.span.end), None)
        if at < 0 or u is None or u.span.end <= end or u.span.end - end > SENTENCE_REST:
            return quote
        # (not an aside in brackets: "… from Canada (Dale from Brennick maybe?"), and on the
        # same line only how or by when it goes (", after removing the employee data")
        rest = d.notes[end:u.span.end].split("(")[0].rstrip()
        if d.notes[end:end + 1] != "\n" and not KEPT_TAIL.match(rest.rstrip(" .!")):
            return quote
        return quote + rest

    def with_row_head(quote: str) -> str:
        """The quote with the head of its row before it, when the quote leaves it out ("To
        Stan: " before "he asked me to come on Saturday …")."""
        at = d.notes.find(quote)
        before = d.notes[d.notes.rfind("\n", 0, at) + 1:at] if at > 0 else ""
        head = before.lstrip(" -*•>+\t")
        # (a head that names someone, not a label: "Next: they want two references …")
        row = ROW_HEAD.fullmatch(head)
        named = row is not None and (row_reader(row.group(1), to) or row.group(1).casefold()
                                     in {o.casefold() for o in others})
        return f"{head}{quote}" if head and (named or TO_HEAD.fullmatch(head)) else quote

    def in_own(quote: str) -> bool:
        """The quote sits where the user lists their own to-dos ("For myself: …")."""
        at = d.notes.find(quote)
        return at >= 0 and any(sp.start <= at < sp.end for sp in own_spans)

    reader_words = {folded(n) for n in to.names()}
    # someone else the note knows only by title ("HR woman went on about …", "The area chef
    # asked …"): read once, for the promises and the lines
    by_title = others_by_title(d, to) if person else None

    def someone_before(quote: str) -> bool:
        """The sentence before the quote, on its line or the line above, names someone who
        is not the reader (by a name the note gives a person met)."""
        at = d.notes.find(quote)
        i = next((n for n, u in enumerate(sentences) if u.span.start <= at < u.span.end), None)
        if i is None:
            return False
        met = {folded(w) for p in [*d.people, *(d.extraction.people if d.extraction else [])]
               for w in re.findall(r"[^\W\d_]{2,}", p.name or "")
               if w[:1].isupper() and not HONORIFIC.match(w)} \
            - {folded(w) for w in re.findall(r"[^\W\d_]+", d.company or "")}
        # its own sentence first ("Dougie asked where I get my fish and I said I'd text him")
        own = {folded(w) for w in re.findall(r"[^\W\d_]+", d.notes[sentences[i].span.start:at])}
        if own & reader_words:
            return False
        if own & (met - reader_words):
            return True
        # the two sentences before it in its paragraph, the nearer first ("Big Mick showed
        # Grandad … He said they need four strong people … Grandad said: "I'll come down …"")
        for j in range(i - 1, max(-1, i - 1 - SENTENCES_BACK), -1):
            if d.notes[sentences[j].span.end:sentences[j + 1].span.start].count("\n") > 1:
                return False
            if j < i - 1 and opens_list_item(d.notes, sentences[j + 1].span.start):
                return False  # a list's item of its own: the one before is no lead-in
            if by_title and by_title.match(sentences[j].text):
                return True  # "The area chef asked for two winter specials. I promise to …"
            before = {folded(w) for w in re.findall(r"[^\W\d_]+", sentences[j].text)}
            if before & reader_words:
                return False
            if before & (met - reader_words):
                return True
        return False

    others_parts: list[tuple[set[str], str]] = []  # (name words, their part)

    def in_others_part(quote: str) -> bool:
        """The quote sits in the part of the note about another person met by name ("moss
        said … he asked what id done … told him id send him the proper photos"), by where it
        is, not by naming them ("… through Kerry" names the one who carries it)."""
        if not others_parts:
            others_parts.extend(
                (words, folded(" ".join(u.text for u in person_units(d, p.name))))
                for p in d.people if p.name
                and not reader_words & (words := {folded(w) for w in p.name.split()}))
            others_parts.append((set(), ""))
        q = folded(quote)
        said = {folded(w) for w in re.findall(r"[^\W\d_]+", quote)}
        return any(part and q in part and not words & said for words, part in others_parts)

    def under_employer(quote: str) -> bool:
        """The quote sits under a header that names another company ("PELLINGHAM /
        Marguerite rang on Friday … they want an answer by 10 November"): that one's news."""
        at = d.notes.find(quote)
        u = next((u for u in sentences if u.span.start <= at < u.span.end), None)
        return bool(u and u.header and names_employer(u.header, employers))

    def leans(quote: str) -> bool:
        at = d.notes.find(quote)
        return at >= 0 and any(sp.start <= at < sp.end for sp in hidden)

    def said_with_unsayable(quote: str, other_language: bool = False) -> bool:
        """An item cut from a sentence that goes on to what no message repeats ("when he asked
        what the redesign achieved, I didn't have numbers"): the item recalls it. Only the
        words after the item, to the sentence's end or AFTER_ITEM characters, are read (a
        spoken note's "sentence" can run on through several topics)."""
        at = d.notes.find(quote)
        end = at + len(quote)
        return at >= 0 and any(
            u.span.start < end and at < u.span.end
            and unsayable(d.notes[at:min(u.span.end, end + AFTER_ITEM)],
                          other_language=other_language)
            for u in sentences)

    said_other = re.compile(rf"\b(?:{'|'.join(map(re.escape, others))})\s+(?:said|says|told|"
                            rf"tells|mentioned|thinks|thought|reckons)\b") if others else None

    met_words = {folded(w) for p in [*d.people, *(d.extraction.people if d.extraction else [])]
                 for w in re.findall(r"[^\W\d_]+", p.name or "")}

    def said_outside(text: str) -> bool:
        """What someone the user did not meet there says ("Magda say I talk like I am writing
        the report"): their partner's or a friend's word, no topic of the talk."""
        m = SAYS.match(text)
        return bool(m and folded(m.group(1)) not in met_words | reader_words | FUNCTION_WORDS
                    and not HONORIFIC.match(m.group(1)))

    def said_by_other(text: str) -> bool:
        """A line that reports what someone else met said ("Moira said I came across as …")."""
        return bool(said_other and said_other.search(text))

    # the user's own to-dos among the follow-ups (not the company's next steps: "the offer
    # letter comes next week" stays a thing they told the user)
    todos = [f for it in (d.extraction.follow_ups if d.extraction else [])
             if len(f := folded(it.evidence.rstrip(" .!?;:"))) > 10
             and promise_action(it.evidence, to, others)]

    def is_todo(quote: str) -> bool:
        """An item that is one of the user's to-dos ("scan and send my ACLS and BLS cards, Ted
        asked for copies"): the closing line may keep it; it is no topic of the talk."""
        q = folded(quote)
        return any(t in q or q in t for t in todos)

    people = frozenset(folded(w) for p in d.people for w in re.findall(r"[^\W\d_]+",
                                                                       p.name or ""))
    # (kind, note words, label, code's fixed phrase: an item in another language)
    found: list[tuple[str, str, str, str | None]] = []
    promises: list[tuple[int, str, str]] = []  # (rank, note words, label)
    if d.extraction:
        for cat, dk in CATEGORY_KIND.items():
            for it in getattr(d.extraction, cat):
                if "|" in it.evidence:
                    continue  # a table's row: its own cell is read with the lines below
                if folded(it.evidence) not in part or leans(it.evidence) or is_todo(it.evidence) \
                        or row_of_other(d.notes, it.evidence, to) \
                        or said_by_other(it.evidence) or in_role(it.evidence, d.notes, to) \
                        or (by_title and by_title.match(it.evidence)) \
                        or OWN_ANSWER.match(it.evidence) or MY_STORY.match(it.evidence) \
                        or MY_NOT.match(it.evidence) \
                        or (dk == "opening" and unsayable(_said_after(d.notes, lines, it.evidence))) \
                        or (dk in ("question", "topic") and slipped_here(it.evidence)):
                    continue
                if not unsayable(it.evidence) and not said_with_unsayable(it.evidence) \
                        and not HEALTH.search(it.evidence):
                    found.append((CONCERN.search(it.evidence) and "concern" or dk,
                                  it.evidence, it.text, None))
                elif foreign(it.evidence) and not unsayable(it.evidence, other_language=True) \
                        and not said_with_unsayable(it.evidence, other_language=True) \
                        and not unsayable(it.text) \
                        and (shared := english_part(it.text, it.evidence, people)):
                    # A mixed-language note ("perguntou se eu já usei Stan"): the message
                    # names only the English words the note and its label share ("Stan"),
                    # a question of theirs as a topic ("our discussion of Stan").
                    found.append(("topic" if dk == "question" else dk, it.evidence, it.text,
                                  shared))
        names = {n.casefold() for n in to.names()}
        others_said = {o.casefold() for o in others}
        for it in d.extraction.follow_ups:
            # A promise may sit in the note's to-do list, away from this reader's part: one that
            # names them is theirs first, then one in their part; one to "them" (the company)
            # goes to a thank-you or follow-up, not to a connection note. promise_action
            # refuses one that names someone else.
            said_words = re.findall(r"[^\W\d_]+", CHANNEL.sub("", it.evidence))
            named = bool(names & {w.casefold() for w in said_words}) or any(
                re.search(rf"(?<!\w){re.escape(n)}(?!\w)", it.evidence)
                for n in to.names() if " " in n or "." in n) or any(
                w[:1].isupper() and spelled_alike(w, to.names()) for w in said_words)
            # (initials, "K.M.", and a title with a letter, "Mrs O", are no single word; a
            # name written with a letter different, "Dr Mehta", is theirs)
            if row_of_other(d.notes, it.evidence, to):
                continue  # a spreadsheet's row about someone else: owed to them
            named = named or bool(row_who(d.notes, it.evidence))
            if not named and (head := TO_HEAD.match(it.evidence) or ROW_HEAD.match(it.evidence)) \
                    and (row_reader(head.group(1), to) or by_title_words(head.group(1), to)):
                named = True  # "To blue hair girl: I said I will show her …", to her
            if not named and by_title and by_title.match(it.evidence):
                continue  # "The area chef ask two ideas …, through Kerry": his, not Kerry's
            rank = 0 if named else 1 if folded(it.evidence) in own_part else 2
            if rank and in_own(it.evidence):
                continue  # "For myself: … Check CIPP course fees.": not owed to anyone
            # Away from their part, a promise that names anyone ("2 references to Colette",
            # a recruiter the header does not list) was made to someone else.
            if rank == 2 and (kind == "connect" or names_anyone(CHANNEL.sub("", it.evidence), d)):
                continue
            if rank == 2 and (head := ROW_HEAD.match(it.evidence)) \
                    and head.group(1).casefold() in others_said and not row_reader(
                        head.group(1), to):
                continue  # "Mrs K: set up a shared rota calendar": a row of someone else's
            if rank == 2 and not opens_list_item(d.notes, d.notes.find(it.evidence)) \
                    and re.search(r"\b(?:you|him|her)\b", it.evidence, re.IGNORECASE) \
                    and someone_before(it.evidence):
                continue  # away from their part, said to a person just after lines about
                # someone else met ("Big Mick showed Grandad … Grandad said: "I'll come down
                # Saturday … and give you a hand""); not a list's row of its own after
                # another's row, nor one owed to the company ("send them two references")
            # "send her my cards" away from their part, to a reader the note calls "he"
            said_to = OWED_PRONOUN.search(it.evidence)
            if not named and said_to and (someone_before(it.evidence)
                                          or rank == 2 and in_others_part(it.evidence)):
                continue  # "Priya enquired about the course … I agreed to forward her the
                # details": "her" is the one the sentence before names
            asker = ASKER.match(it.evidence)
            if not named and asker and (reader in ("she", "he")
                                        and asker.group(1).casefold() != reader
                                        or rank == 2 and someone_before(it.evidence)):
                continue  # "she asked me to run the lock wire station …", to a reader called
                # he, or away from their part after a sentence that names her
            if rank and said_to and reader in ("she", "he") and \
                    {"her": "she", "him": "he"}[said_to.group(1).casefold()] != reader:
                continue
            said = with_row_head(to_sentence_end(it.evidence))
            action = None if unsayable(it.evidence) else promise_action(
                said, to, others, reader if rank == 1 else None)
            if action is None and not unsayable(it.evidence) \
                    and (who := row_who(d.notes, it.evidence)) \
                    and not re.search(r"\b[a-z]+ed\b", said):
                # a spreadsheet's cell that names only a thing ("copies of ID, KRA PIN … by
                # Monday"), read as a to-do list's row with whom it is for (not one that
                # reports: "the students talk moved to Sat 3rd Oct")
                said = f"{who}: {said}"
                action = promise_action(said, to, others)
            if action and rank == 2 and action.startswith("give you my ") \
                    and ANSWER_TO_SOMEONE.search(it.evidence):
                continue  # "He wants an answer by Friday", away from their part: owed to him
                # (one "they" want, the employer's, is owed to whoever writes for it)
            if action and rank == 2 and OWN_STEP.match(action) and not action.startswith("ask") \
                    and not HANDED_BACK.search(action):
                # "apply for pet CRM role this wk", away from their part: the user's own (an
                # ask is put to the reader: "email her to ask when it goes live"; "sign and
                # return the consent form" goes back to them)
                continue
            if action:
                promises.append((rank, said, it.text))  # never "ask about the pay"
    insider = [it.evidence for it in d.extraction.insider_info] if d.extraction else []
    owed = [f for p in promises if len(f := folded(p[1].rstrip(" .!?;:"))) > 10]

    def promised_line(text: str) -> bool:
        """The line of a promise kept as the closing line ("I have to send them two references
        before then."): no topic besides."""
        return folded(text.rstrip(" .!?;:")) in owed

    covered = " ".join(folded(t) for t in [*(f[1] for f in found), *insider,
                                            *(p[1] for p in promises)])
    # In a note written partly in another language, a line is only taken when the language
    # identifier reads it as English ("pesquisar custo real de ship time" has no word the
    # short list knows).
    mixed = sum(foreign(u.text) for u in sentences) >= MIXED_SHARE * max(1, len(sentences))
    # Where the user struggled ("I was fuzzy on the fluids part and he could tell") is theirs.
    weak = [f for it in (d.extraction.practice_points if d.extraction else [])
            if len(f := folded(it.evidence)) > 10]
    # What happens next and the user's own to-dos ("Read the e-filing guidance again.", "they'll
    # let me know by the twentieth"): no topic of the talk (a promise is the closing line).
    next_steps = [f for it in (d.extraction.follow_ups if d.extraction else [])
                  if len(f := folded(it.evidence)) > 10]
    # the company's own name word ("Ormsby" of "Ormsby College")
    own_name = "|".join(re.escape(w) for w in re.findall(r"[^\W\d_]+", d.company or "")
                        if len(w) > 2 and w.casefold() not in ORG_WORDS | FUNCTION_WORDS)
    theirs_here = reader_pattern(d, to) if person else None
    intros = [f for p in (d.extraction.people if d.extraction else [])
              if len(f := folded(BULLET.sub("", p.evidence).strip(" -*•>+\t"))) > 3]

    def introduces(span: Span) -> bool:
        """A line that introduces someone met ("Marguerite Lyle, site GM. sharp, quick, asks
        the q then waits"): who they are and what they were like, no topic of the talk,
        unless it goes on to what they asked. Time spent with them ("+ lunch with three people
        from the content team") is what a note to them recalls."""
        start = d.notes.rfind("\n", 0, span.start) + 1
        line = re.sub(r"^(?:and|or|plus|with|also)\s+", "",
                      folded(BULLET.sub("", d.notes[start:span.end]).strip(" -*•>+\t")))
        if MET_OTHERS.match(line):
            return False
        # a spreadsheet's row with the person in a cell of their own ('…,panel,"Mr. Peter
        # Langat, Head of Actuarial",Chaired. Grey suit very calm.'): the cells after it
        # describe them
        for e in intros:
            at = line.find(e)
            if at > 0 and line[:at].rstrip('" ').endswith((",", "|", "\t", ";")) \
                    and folded(d.notes[span.start:span.end]) not in line[:at] \
                    and not ASKED_OF_ME.search(line[at + len(e):]):
                return True
        # (or a sentence of such an introduction: "After, secretary from the team show me the
        # floor. Very nice lady, long grey hair." for its second sentence)
        unit = folded(d.notes[span.start:span.end].strip(" -*•>+\t").rstrip(" .!?;:"))
        unit = re.sub(r"^(?:and|or|plus|with|also)\s+", "", unit)  # "…, and Jo, one of …"
        # (or holds its first sentence whole, after a lead-in: "A third person was present for
        # the practical element only: a female, approximately thirty years of age, …")
        return any((line.startswith(e) and not ASKED_OF_ME.search(line[len(e):]))
                   or (len(e.split()) >= 3 and unit.startswith(e)
                       and not ASKED_OF_ME.search(unit[len(e):]))
                   or (len(unit.split()) >= 4 and unit in e)
                   or (len((first := re.split(r"(?<=[.!?])\s", e)[0].rstrip(" .")).split())
                       >= INTRO_WORDS and first in unit and not ASKED_OF_ME.search(unit))
                   for e in intros)

    def answers_what_if(u: Unit) -> bool:
        """The words just before, on the same line, put a what-if to the user."""
        start = max(d.notes.rfind("\n", 0, u.span.start) + 1, u.span.start - WHAT_IF_BEFORE)
        return bool(WHAT_IF.search(d.notes[start:u.span.start]))

    sentence_at = {x.span: n for n, x in enumerate(sentences)}  # read once, not per unit

    def continues_own(u: Unit) -> bool:
        """The clause goes on with the user's own answer just before it, on the same line
        ("I said I'd do the unisons …, and tell the pianist what I'd done"): a verb with no
        subject of its own."""
        i = sentence_at.get(u.span, 0)
        m = re.match(r"\W*(?:and|then)\s+([a-z]+)\b", u.text)
        return bool(i and m and m.group(1) not in FUNCTION_WORDS
                    and "\n" not in d.notes[sentences[i - 1].span.end:u.span.start]
                    and (OWN_ANSWER.match(sentences[i - 1].text)
                         or ANSWER_CLAUSE.search(sentences[i - 1].text)))

    for u in units:
        text = row_text(u.text.strip(), others)
        if text is None or len(text.split()) < 4 or is_header(text) or SHOUTED.fullmatch(text) \
                or CAPS_TITLE.match(text) \
                or unsayable(text) \
                or HEALTH.search(text) \
                or u.span in leaning or any(p.start <= u.span.start < p.end for p in chat_others) \
                or (any(p.start <= u.span.start < p.end for p in [*private, *off_record])
                                         and _line_kind(text, to, others) != "promise") \
                or (any(p.start <= u.span.start < p.end for p in own_spans)
                    and not reader_words & {folded(w) for w in re.findall(r"[^\W\d_]+", text)}) \
                or (SUBORDINATE.match(text) and not text.endswith("?")) \
                or CONTINUES.match(text) \
                or (len(text.split()) <= LEANING_WORDS and POINTS_BACK.match(text)
                    and re.search(r"\b(?:it|this|that|there)\b", text, re.IGNORECASE)) \
                or INTERVIEW_ITSELF.search(text) or is_todo(text) or promised_line(text) \
                or any(w in folded(text) or folded(text) in w for w in weak) \
                or slipped_here(text) \
                or any(folded(text) in w for w in next_steps) \
                or (OPENING.search(text)
                    and unsayable(_said_after(d.notes, lines, u.span.text(d.notes)))) \
                or folded(text) in covered or text.startswith(("→", "->", "=>")) \
                or re.search(r"\b\d{4}-\d{2}-\d{2}\b", text) or WHEN_IT_WAS.search(text) \
                or ((len(text.split()) <= HEADING_WORDS or u.number == 1) and DATED.search(text)) \
                or (d.company and folded(d.company) in folded(text)):
            continue
        if mixed and not english(text):
            continue
        if intros and introduces(u.span) or GOES_BY[0].search(text) or CALLS_ALL.search(text) \
                or row_of_other(d.notes, u.text, to):
            continue  # who they are, what they are called, what they call people: no topic
        if in_role(u.span.text(d.notes), d.notes, to):
            continue  # "Me: Can we sit down …", "Jo: She'd want to come home."
        if said_by_other(text) or (by_title and by_title.match(text)) or said_outside(text):
            continue  # "Moira said I came across as …", "HR woman went on about …": another's
        met = MET_OTHERS.match(text)
        if met and not (theirs_here and theirs_here.search(met.group("who"))
                        or re.search(r"\b(?:him|her|you)\b", met.group("who"), re.IGNORECASE)):
            continue  # "+ lunch with three people from the content team": others' part
        line_kind = _line_kind(text, to, others)
        if line_kind == "promise" and OWN_ANSWER.match(text) and answers_what_if(u):
            continue  # "… what happens if the top octave's gone, and I said I'd do the
            # unisons …": the user's answer to a what-if, no promise
        if continues_own(u):
            continue  # "… and I said I'd do the unisons …, and tell the pianist what I'd done"
        if line_kind in ("told", "topic") and YOU_GOT.match(text) and answers_what_if(u):
            continue  # "… what happens if a singer loses a note, and you've got ten minutes":
            # the what-if itself, no news
        if line_kind == "promise" and OWED_PRONOUN.search(text) and someone_before(text) \
                and not reader_words & {folded(w) for w in re.findall(
                    r"[^\W\d_]+", CHANNEL.sub("", text))}:
            continue  # made to the one the sentence before names ("her", "him")
        if line_kind == "promise" and whole and person and OWN_STEP.match(
                promise_action(text, to, others) or ""):
            continue  # the whole note read for want of their part: the user's own step
        if line_kind in ("topic", "told") and own_name and re.match(
                rf"\W*(?:{own_name})\b[^.!?]{{0,40}}\b(?:is|are|has|have|was)\b", text,
                re.IGNORECASE):
            continue  # "Ormsby is a tiny liberal arts college": their own place, told to them
        if line_kind in ("topic", "told") and MY_NOT.match(text):
            continue  # "I gave no sign", "I didn't say I've applied there": the user's own
        if line_kind != "own":
            found.append((line_kind, text, text, None))
    # What names this reader comes first ("the governor asked how I will …" before the panel's
    # shared questions); an opening they pointed to is the thread a follow-up picks up.
    # (Only beside a panel's shared questions: elsewhere their part is all theirs anyway.)
    theirs = reader_pattern(d, to) if person else None

    def unit_of(quote: str) -> Unit | None:
        at = d.notes.find(quote)
        return next((u for u in sentences if u.span.start <= at < u.span.end), None)

    def names_reader(quote: str) -> bool:
        """The quote's sentence names the reader ("The headteacher said that most important
        … is consistency")."""
        u = unit_of(quote)
        return bool(theirs and (theirs.search(quote) or u and theirs.search(u.text)))

    def panels(quote: str) -> bool:
        """One of a panel's shared questions ("Questions in panel:", "They asked me …")."""
        u = unit_of(quote)
        return bool(u and (u.header and SHARED_HEADER.search(u.header)
                           or PANEL_ASKED.search(u.text) or re.search(
                               r"\bquestions?\b.*\bpanel\b|\bpanel\b.*\bquestions?\b",
                               u.header or "", re.IGNORECASE)))

    on_panel = theirs is not None and any(panels(f[1]) for f in found)
    found.sort(key=lambda f: (kind in ("follow-up", "connect") and f[0] != "opening",
                              on_panel and not names_reader(f[1])))
    out: list[Detail] = []
    own_job = terms(f"{d.role or ''} {d.company or ''}")
    for dk, text, label, fixed in found:
        if names_employer(text, employers) or under_employer(text):
            continue  # "better here than at Saffron": another interview is never mentioned
        if dk != "promise" and mostly in PRONOUNS and OTHER_GENDER[mostly].search(
                QUOTED_SPEECH.sub(" ", text)):
            continue  # "She wanted a plan", "… may transfer him to Takoradi" in the part of a
            # reader the note mostly calls "he" (or "she"): about someone else
        # An opening is named by its own noun phrase where the note gives one.
        phrase = fixed or (promise_action(text, to, others) if dk == "promise"
                           else (opening_phrase(text, to, others, d.notes) if dk == "opening"
                                 else None) or default_phrase(text, to, others, d.notes))
        if phrase and dk != "promise":
            # a sentence run on in lower case ("… back to theatre hygiene. swab counts, …"): its
            # first sentence
            first = re.split(r"(?<=[a-z])\.\s+(?=[a-z])", phrase, maxsplit=1)[0]
            phrase = first if len(first.split()) >= 3 else phrase
        if not phrase or PLACEHOLDER.search(phrase) or NAME_ONLY.fullmatch(phrase):
            continue  # nothing usable in the note's words (it names someone, or is private,
            # or would read as a placeholder: "the interviewer was a principal engineer")
        if dk != "promise" and not fixed and SCREENING.match(phrase):
            continue  # a box they ticked ("whether I speak Spanish"), not a topic of the talk
        key = folded(phrase)
        words = terms(phrase)
        if words and words <= own_job and dk != "question" and len(phrase.split()) <= 5:
            continue  # "Senior Product Designer": the job itself, no topic of the talk
        if words and len(words) <= 3 and words <= terms(f"{to.title or ''} {to.name or ''}"):
            continue  # "a deputy head": who the reader is, cut from the line introducing them
        if any(key in folded(x.phrase or "") or folded(x.phrase or "") in key
               or (words and (words <= terms(x.phrase or "") or terms(x.phrase or "") <= words))
               for x in out):
            # the same thing reached twice (an extracted item and its line, "we want ppl who
            # bring us in early" and "you want ppl who bring you in early")
            continue
        out.append(Detail(len(out) + 1, text, dk, label, phrase, fixed=bool(fixed)))
        if len(out) == MAX_DETAILS:
            break
    # A promise is the closing line: it comes after the details, past their cap, the reader's
    # own first (a stable sort keeps the note's order within a rank).
    kept = [p for p in sorted(promises, key=lambda p: p[0])
            if not names_employer(p[1], employers) and not under_employer(p[1])]
    for rank, text, label in kept[:MAX_PROMISES]:
        phrase = promise_action(text, to, others, reader if rank == 1 else None)
        if not phrase or len(phrase.split()) < 2:
            continue  # (a bare verb: "I say I will come", what to is in the sentence before)
        words = terms(phrase)
        # The same promise cut shorter from its line ("… if it's a yes they'll need two
        # references" beside the to-do "… two references and a background check"): the
        # fuller one stands in its place.
        same = next((i for i, x in enumerate(out) if x.kind == "promise" and (
            words <= terms(x.phrase or "") or terms(x.phrase or "") <= words)), None)
        if any(folded(phrase) == folded(x.phrase or "") for x in out):
            continue
        if same is None:
            out.append(Detail(len(out) + 1, text, "promise", label, phrase))
        elif not words <= terms(out[same].phrase or ""):
            out[same] = Detail(out[same].number, text, "promise", label, phrase)
    return out


def render_details(details: list[Detail]) -> str:
    """The numbered details for the prompt, each with its kind in a word or two (the system
    text says what each means) and the phrase the message would say (its line's first words
    when it has none). The user's own promises are left out: code closes the message with them
    whatever the model picks, so reading them is wasted."""
    names = {"question": "asked", "asked": "asked here", "told": "told", "opening": "opening",
             "concern": "concern", "topic": "discussed"}
    return "\n".join(f"[{x.number}] {names.get(x.kind, x.kind)}: "
                     f"{' '.join((x.phrase or x.text).split()[:RENDER_WORDS])}"
                     for x in details if x.kind != "promise") or "(none)"
