"""Who decides, and when: the note's own line for "who has the final say?" and "when will
they let me know?", found in code so a small model's guess ("Dale decides") never stands alone."""

from __future__ import annotations

import re
from dataclasses import dataclass

from debrief.core.evidence import Unit, segment
from debrief.features.question_patterns import TimeAsked, time_asked

__all__ = ["DECIDES", "Scope", "asks_decider", "asks_decision_time", "decision_line", "decision_told",
           "tells_time"]

# "who has the final say / gets to decide / can block my hire / makes the call / signs off"
ASKS_DECIDER = re.compile(
    r"\bwho(?:'s|\s+is|\s+are)?\b.*?\b(?:decid\w*|decision|final\s+(?:say|word|call)"
    r"|last\s+word|sign\w*\s+off|sign-off|block\w*|veto\w*|makes?\s+the\s+(?:call|decision)"
    r"|call\s+the\s+shots|approv\w*|say\s+yes)", re.IGNORECASE)
# A line that records a decision and who or when (English, Portuguese, Spanish).
DECIDES = re.compile(
    r"\b(?:decid\w*|decisions?|decisão|decisión|final\s+(?:say|word|call)|last\s+word"
    r"|sign\w*\s+off|sign-off|veto|makes?\s+the\s+call|call\s+the\s+shots|say-so"
    r"|approv(?:e|es|ed|al)\s+(?:\w+\s+){0,2}(?:hires?|hiring|candidates?|offers?))\b",
    re.IGNORECASE)
HEARS = re.compile(
    r"\b(?:hear\s+(?:back|from)|let\s+(?:me|you|us)\s+know|get\s+back\s+to|resposta|respuesta"
    r"|(?:will|'ll)\s+(?:call|email|ring|phone)|call\s+me|email\s+me|outcome|offer\s+letter"
    r"|results?\s+(?:within|in|by|due)"  # "Result within 5 working days apparently."
    r"|feedback\s+by"
    # "offers held until after council's vote 3/20", "an offer would come next week"
    r"|offers?\s+(?:\w+\s+){0,2}(?:held|made|out|until|after|by|within|come|go\w*)"
    # "scores come by mail in four to six weeks", "results go out by email"
    r"|(?:scores?|results?|news)\s+(?:\w+\s+){0,1}(?:come|comes|coming|arrive\w*|go\s+out"
    r"|(?:are\s+|get\s+)?(?:sent|posted|mailed|emailed)))\b"
    # the user's answer owed ("wants yes or no by 25 nov", "I must answer until Monday",
    # "i asked for till mon 9 june", "I have until next Friday to answer")
    r"|\b(?:wants?|wanted|needs?|needed|expects?)\s+(?:an?\s+|my\s+)?(?:answer|yes\s+or\s+no"
    r"|reply|response)\b|\b(?:must|have\s+to|need\s+to)\s+(?:answer|reply|respond)\b"
    r"|\b(?:have|has|got)\s+until\b|\basked\s+for\s+(?:till|until|til)\b"
    # more time given ("Ingrid gave me until 3 July for Quillfeather")
    r"|\b(?:gave|given|give|gives)\s+(?:me|us)\s+(?:until|till|til)\b"
    r"|\banswer\s+(?:by|until|till)\b",
    re.IGNORECASE)
# The user deciding, or a question they were asked about deciding, is not the company's decision.
OWN_DECISION = re.compile(
    r"\b(?:I|I'?ll|I'?d|you|we|me|my|your|eu)\s+(?:\w+\s+){0,3}(?:decid\w*|decision|decisão)"
    r"|\b(?:ask|asked|asking|wonder\w*)\s+(?:\w+\s+){0,8}(?:decid\w*|decisions?)",
    re.IGNORECASE)
TIME = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?"
    r"|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?"
    r"|dec(?:ember)?)\b|\b(?:in|by|early|late|end\s+of|until|till|since)\s+may\b"
    r"|\b(?:segunda|terça|quarta|quinta|sexta|sábado|domingo|janeiro"
    r"|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)\b"
    r"|\b(?:next|this|that|end\s+of\s+(?:the\s+)?|a|one|two|three|couple\s+of)\s*"
    r"(?:week|weeks|wk|wks|month|months|fortnight)\b|\b(?:tomorrow|tonight|soon|asap"
    r"|fortnight|easter|christmas|weekend|semana|mês|dias|próxima|amanhã)\b|\bmid[- ]\w+"
    r"|\b\d+\s*(?:-|to|or)?\s*\d*\s*(?:days?|weeks?|wks?|business\s+days|working\s+days)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}/\d{1,2}\b|\bthe\s+\d{1,2}\b|\bQ[1-4]\b"
    r"|\b(?:within|in)\s+(?:a|one|two|three|ten|\d+)\b|\b(?:end|start|beginning)\s+of\b"
    # "Thurs 2pm", "Fri 11am", "four to six weeks"
    r"|\b(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri)\b|\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b"
    r"|\b(?:four|five|six|seven|eight|nine|ten|eleven|twelve|few)\s*(?:(?:-|to|or)\s*\w+\s*)?"
    r"(?:days?|weeks?|wks?|months?)\b",
    re.IGNORECASE)
VAGUE = frozenset({"soon", "asap"})
# How often, not when: "3 emails a wk", "two days a week", "once a month".
FREQUENCY = re.compile(r"\b(?:\d+|once|twice|two|three|four|five)\s+(?:[a-z]+\s+)?(?:a|per|/)\s*"
                       r"(?:day|week|wk|month|year|yr)\b", re.IGNORECASE)
# Someone named or titled: who a decision line is about.
TITLE = re.compile(
    r"\b(?:manager|director|diretora?|head|boss|chief|ceo|cfo|coo|cto|cno|vp|svp|hr|gc"
    r"|committee|comitê|board|panel|partners?|founders?|co-founders?|owners?|principal|lead"
    r"|supervisor|superintendent|chair|dean|president|recruiter)\b", re.IGNORECASE)
PRONOUN_START = re.compile(r"^\W*(?:she|he|they|ela|ele|eles|elas)\b", re.IGNORECASE)
NAME = re.compile(r"(?<!^)\b[A-Z][a-zà-ÿ][\w'’-]*")
LINE_CHARS = 420  # the decision sentence with the one before or after it, when they fit


def asks_decider(question: str) -> bool:
    """Whether the question asks who decides ("who has the final say at Brennick?")."""
    return bool(ASKS_DECIDER.search(question))


def asks_decision_time(question: str) -> bool:
    """Whether the question asks when the company will decide or get back."""
    return TimeAsked.DECISION in time_asked(question)


def tells_time(text: str, quotes: list[str] | None = None) -> bool:
    """Whether an answer gives a time ("next week", "by Friday", "mid-May", "2-3 wks"); with
    `quotes`, a vague one ("soon") only when a quote holds it too: in no passage, it is a guess
    (a month or a day may be said in the note's own language: "janeiro")."""
    held = " ".join(" ".join(q.split()) for q in quotes or []).casefold()
    text = FREQUENCY.sub(" ", text)
    return any(quotes is None or (said := " ".join(m.group(0).split()).casefold()) not in VAGUE
               or said in held for m in TIME.finditer(text))


def decision_told(question: str, sentence: str) -> bool:
    """Whether a sentence already records the decision asked about: a decision word, and a
    time when the question asks when."""
    return bool(DECIDES.search(sentence)) and (asks_decider(question) or tells_time(sentence))


def _names_someone(sentence: str, company: str = "") -> bool:
    """Whether the sentence names a person (a capitalised word after its first that is not
    the company's, a day or a month) or a title ("the COO", "a committee")."""
    if TITLE.search(sentence):
        return True
    own = {w.casefold() for w in re.findall(r"\w+", company)}
    return any(m.group(0).casefold() not in own and not TIME.fullmatch(m.group(0))
               for m in NAME.finditer(sentence.strip()))


def _candidates(note: str, who: bool, company: str = "") -> list[tuple[int, int, str]]:
    """(start, end, line) for each sentence of the note that records the company's decision:
    with someone named or titled for a "who" question, with a time for a "when" one."""
    units = segment(note)
    out = []
    for i, u in enumerate(units):
        text = " ".join(u.text.split())
        if text.endswith("?") or not (DECIDES.search(text) or (not who and HEARS.search(text))):
            continue
        if not (DECIDES.search(OWN_DECISION.sub(" ", text)) or (not who and HEARS.search(text))):
            continue  # "I need to decide", "I never asked who else is in the decision"
        first = last = u
        nxt = units[i + 1] if i + 1 < len(units) else None
        if nxt is not None and _joined(note, u, nxt) and (
                DECIDES.search(nxt.text) if who else tells_time(nxt.text)):
            last = nxt  # "…the final decision is his but Ines has to sign off"
        prev = units[i - 1] if i else None
        if who and PRONOUN_START.search(text) and prev is not None and _joined(note, prev, u):
            first = prev  # "…service manager Carla Nygaard. She make final decision"
        if last.span.end - first.span.start > LINE_CHARS:
            first = last = u
        said = " ".join(note[first.span.start:last.span.end].split())
        if not (_names_someone(said, company) if who else tells_time(said)):
            continue
        out.append((first.span.start, last.span.end, said))
    return out


def _joined(note: str, first: Unit, second: Unit) -> bool:
    """Whether two sentences are in one paragraph and fit in one quoted line together."""
    return "\n\n" not in note[first.span.end:second.span.start] \
        and len(first.text) + len(second.text) < LINE_CHARS


@dataclass
class Scope:
    """One debrief to look in: its note, company and date, and the passages taken from it."""

    debrief_id: str
    note: str
    company: str
    date: str
    passages: list[str]


def decision_line(question: str, scopes: list[Scope]) -> tuple[str, int, int, str] | None:
    """The line that answers "who decides?" or "when will they decide?": (debrief id, start and
    end of the line in the note, the line on one line).

    A line inside a passage comes first, in passage order; then the first such line of the
    latest note (a second interview's word supersedes the first's). None when the question
    asks neither or no note records such a decision.
    """
    who = asks_decider(question)
    if not who and not asks_decision_time(question):
        return None
    inside, rest = [], []
    for n, s in enumerate(scopes):
        for start, end, line in _candidates(s.note, who, s.company):
            held = [k for k, p in enumerate(s.passages) if (at := s.note.find(p)) >= 0
                    and at <= start < at + len(p)]
            if held:
                # (each scope's passages are counted from 0: the scopes' own order, which is
                # the passages', breaks a tie before a place in the note does)
                inside.append((min(held), n, start, s.debrief_id, start, end, line))
            else:
                rest.append((s.date, -start, s.debrief_id, start, end, line))
    if inside:
        return min(inside)[3:]
    return max(rest)[2:] if rest else None
