"""What became of a promise: the later lines of the user's notes that say it was sent, done,
late or forgotten ("Sent Joanna the GWO certs … on the Thursday, done", "I sent the article to
Lorenzo only yesterday, ten days late", "completely forgot the list").

A question about a promise ("did Della ever get the stuff I said I'd send her?", "what do I
still owe the hospice?") is answered by the promise and by what the notes say of it since. A
later line tells of a promise when it reports a deed (a word of sending, doing or forgetting)
and holds two of the promise's people and words (the person, the thing promised), its common
words aside; not when the person promised is the one who sends.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from debrief.core.domain import Debrief
from debrief.core.evidence import Unit, fold, folded, segment
from debrief.core.text import CALENDAR, FUNCTION_STEMS, FUNCTION_WORDS, stems

# A line that reports what was done about a to-do, or that it was not.
REPORTS = re.compile(
    r"\b(?:sent|resent|emailed|e-mailed|mailed|posted|forwarded|went|gone|shared|handed|dropped"
    r"|delivered|submitted|uploaded|attached|done|finally|forgot|forgotten|never\s+(?:sent|did|got)"
    r"|(?:have|has|had)\s*n['’]?t\s+(?:sent|done|got|had)|still\s+(?:not|owe|haven['’]?t)"
    # "I never connected them", "I have not connected them. Not yet."
    r"|(?:never|(?:have|has|had)\s*n['’]?t|(?:have|has|had)\s+not)\s+[a-z]+ed"
    r"|already|bounced|late|got\s+nothing|nothing\s+(?:to\s+send|from\s+me)|not\s+yet"
    r"|(?:didn['’]?t|did\s+not)\s+(?:go|do|send|make\s+it|turn\s+up))\b|[✓✔✅]",  # "DIDN'T GO"
    re.IGNORECASE)
# A line that only promises again ("I'll send it tonight") reports nothing unless it also
# says what happened before ("Said he'd have it tonight" is no report; "never sent it" is).
PROMISES_AGAIN = re.compile(r"\b(?:i['’]ll|i\s+will|i\s+would|i['’]d|gonna|going\s+to)\b",
                            re.IGNORECASE)
# Words a to-do shares with any other line about sending: they do not say which to-do it is.
COMMON = frozenset(stems(" ".join(FUNCTION_WORDS) + """ send sent sending resend resent email
    emailed mail mailed post posted forward forwarded share shared give gave get got do did done
    make made will would could should said say told tell promise promised promising owe owed
    still finally already forgot forget forgotten never late early copy copies thing things
    stuff bit list it them him her his hers their they she he you i me my mine want wants wanted
    need needs needed ask asks asked see saw seen look looked like liked now week weeks today
    tonight tomorrow yesterday morning evening afternoon night day days monday tuesday wednesday
    thursday friday saturday sunday weekend mon tue tues wed thu thur thurs fri sat sun weds
    next last first second this that by before until till end soon asap time once"""))
# A unit that goes on the sentence before it, cut at an abbreviation ("+ radiography cert").
CONTINUES = re.compile(r"\s*(?:[+&]|[a-z])")
# A sentence that goes on about the one before it ("He'd already sold it, so nothing to send").
POINTS_BACK = re.compile(r"\W*(?:he|she|they|it|that|this|which|so|but)\b", re.IGNORECASE)
HIM_OR_HER = re.compile(r"\b(?:him|her)\b", re.IGNORECASE)  # someone named elsewhere
THE_THING = re.compile(r"\b(?:it|them)\b", re.IGNORECASE)  # "I never sent it after round 1"
DEED = re.compile(r"\b(?:never|forgot|still|done|sent|already)\b", re.IGNORECASE)
REPORTS_PER_PROMISE = 3  # the later lines kept for one promise at most
LINK_PREFIX = 4  # letters of a word a note must hold to be read for a link
NOTES_AFTER = 60  # the notes after a promise read for what became of it (the next 60 by date)


@dataclass(frozen=True)
class Report:
    """A line of a note that tells what became of a promise."""

    debrief: Debrief
    text: str


# Words before a name that name nobody themselves.
HONORIFICS = frozenset("dr mr mrs ms miss mx prof sir madam ma'am".split())
# Capitals that name no one and nothing promised ("HR", "CV", "OK").
NOT_NAMES = frozenset("hr cv ok am pm asap fyi tbd eta ps nb".split())
# What the user does about a to-do; the same done by the person promised is not the user's.
DEEDS = r"(?:emailed|e-mailed|sent|mailed|posted|forwarded|rang|called|phoned|messaged|texted)"


def _names(text: str) -> set[str]:
    """The capitalised words of a line that are not its first word (people, things named)."""
    found = re.findall(r"[^\W\d_][\w'’-]*", text)
    return {w.casefold() for w in found[1:] if w[:1].isupper()
            and (not w.isupper() or len(w) > 1 and w.casefold() not in NOT_NAMES)
            and w.casefold() not in FUNCTION_WORDS | HONORIFICS
            and not re.match(r"i(?:$|['’])", w.casefold())}


def _their_deed(names: set[str], line: str) -> bool:
    """Whether someone the promise names is who did the sending ("Rhiannon emailed this
    morning"): news from them, not what became of the user's promise."""
    return any(re.search(rf"\b{re.escape(n)}\s+(?:(?!i\b|we\b)\w+\s+)?{DEEDS}\b", line,
                         re.IGNORECASE)  # ("… for Rob I sent only on 27 October": mine)
               for n in names)


def _goes_on(note: str, units: list[Unit], n: int, end: int) -> bool:
    """Whether the unit after the n-th (ending at `end`), on the same line, goes on about it
    ("… He'd already sold it", "… I never sent it after round 1", "… Sent 15th October") and
    names no one else."""
    if n + 1 >= len(units) or "\n" in note[end:units[n + 1].span.start]:
        return False
    nxt = units[n + 1].text
    # (or that says what became of it: "- Lou: Sister Pauline's number. Sent 15th October,
    # about three weeks after I said.", a to-do's row with its report)
    return bool(POINTS_BACK.match(nxt) or THE_THING.search(nxt)
                or REPORTS.search(nxt) and not REPORTS.search(units[n].text)) \
        and not _names(nxt) - CALENDAR


def links(promise: str, line: str) -> bool:
    """Whether a line speaks of the same to-do: two of the promise's people and words of the
    thing promised (its common words aside) are in it."""
    if _their_deed(_names(promise), line):
        return False
    names = _names(promise) & _names(line)
    shared = (set(stems(promise)) - COMMON - set(stems(" ".join(names)))) & set(stems(line))
    # "Sent Joanna the GWO certs", "… the article to Lorenzo", "Asked Dan about the bag for
    # Stretch" (two people of the promise); not "Sent Oriel a thank-you" for her certificates
    return len(names) + len(shared) >= 2


def _word_stems(text: str) -> set[str]:
    """The stems of a text's words of letters, less function words ("05.11" is none)."""
    return {s for s in stems(text) if s.isalpha()} - FUNCTION_STEMS


def by_date(debriefs: list[Debrief]) -> list[Debrief]:
    """The debriefs oldest first, as `reports` reads them (sorted once for many promises)."""
    return sorted(debriefs, key=lambda d: (d.date, d.created_at))


def reports(promise: str, where: Debrief, ordered: list[Debrief]) -> list[Report]:
    """The lines after the promise (later in its note, or in a note dated on or after it) that
    report a deed and speak of the same to-do, first first; at most REPORTS_PER_PROMISE.
    `ordered`: the debriefs as `by_date` gives them."""
    at = where.notes.find(promise)
    after = at + len(promise) if at >= 0 else len(where.notes)
    if at < 0:  # a to-do quoted with the note's line breaks made spaces
        text, index = fold(where.notes)
        want = folded(promise)
        at = text.find(want) if want else -1
        if at >= 0:
            after = index[at + len(want) - 1] + 1
    if at >= 0 and HIM_OR_HER.search(promise) and not _names(promise):
        # "…, so I told him I will bring him a bottle": who and what it is about are in the
        # rest of its sentence ("Kabir was asking about the Nashik Chenin my friend makes")
        promise = next((" ".join(u.text.split()) for u in segment(where.notes)
                        if u.span.start <= at < u.span.end), promise)
    found: list[Report] = []
    # the starts of the promise's own words: a note holding none of them cannot link (read
    # before splitting a note into sentences, which costs, at 10,000 notes)
    starts = {w.casefold()[:LINK_PREFIX] for w in re.findall(r"[^\W\d_][\w'’-]{2,}", promise)
              if not set(stems(w)) <= COMMON}
    first = bisect.bisect_left(ordered, where.date, key=lambda d: d.date)
    for d in ordered[first:first + NOTES_AFTER]:
        low = d.notes.casefold()
        if sum(w in low for w in starts) < 2:
            continue
        units = segment(d.notes)
        taken = -1  # where the last unit read as part of the one before it ends
        for n, unit in enumerate(units):
            if d.id == where.id and unit.span.start < after or unit.span.start < taken:
                continue
            begin, end = unit.span.start, unit.span.end
            while n + 1 < len(units) and "\n" not in d.notes[end:units[n + 1].span.start] \
                    and CONTINUES.match(units[n + 1].text):
                # "→ sent her the GDC no. + radiography cert on Tuesday": one line, cut at "no."
                n += 1
                end = taken = units[n].span.end
            text = " ".join(d.notes[begin:end].split())
            if not REPORTS.search(text) and _goes_on(d.notes, units, n, end):
                # "Asked Dan about the bag for Stretch. He'd already sold it, so nothing to
                # send.": who in one sentence, what became of it in the next
                end = taken = units[n + 1].span.end
                text = " ".join(d.notes[begin:end].split())
            if not REPORTS.search(text) or folded(text) == folded(promise):
                continue
            if PROMISES_AGAIN.search(text) and not DEED.search(text):
                continue
            if links(promise, text):
                found.append(Report(d, d.notes[begin:end].strip()))
                if len(found) >= REPORTS_PER_PROMISE:
                    return found
    return found


def promise_of(line: str, where: Debrief, ordered: list[Debrief]) -> tuple[Debrief, str] | None:
    """The to-do a report line of `where` reports on ("Still owe Ma'am Cora the video" for
    "Ma'am Cora: the enclosed space entry drill video we made on board"): an extracted
    follow-up of its note (before the line) or of one of the NOTES_AFTER notes before it that
    the line speaks of, with the words of its evidence; a follow-up that itself reports ("Trap
    spreadsheet to Conrad: sent Thursday 8th") is no to-do. None when the line is no report.
    `ordered`: the debriefs as `by_date` gives them."""
    said = " ".join(line.split())
    if not REPORTS.search(said):
        return None
    at = next((i for i, e in enumerate(ordered) if e.id == where.id), len(ordered) - 1)
    for e in reversed(ordered[max(0, at - NOTES_AFTER):at + 1]):
        for f in e.extraction.follow_ups if e.extraction else []:
            todo = " ".join(f.evidence.split())
            start = e.notes.find(f.evidence)
            if todo and start >= 0 and not REPORTS.search(todo) \
                    and (e.id != where.id or start < where.notes.find(line)) \
                    and links(todo, said) and _word_stems(todo) & _word_stems(said):
                return e, f.evidence
    return None
