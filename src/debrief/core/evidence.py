"""Grounding: find a quote in the note (exact, folded, or snapped near match) or refuse it."""

from __future__ import annotations

import difflib
import functools
import re
import threading
import unicodedata
from array import array
from dataclasses import dataclass
from typing import Any

QUOTE_MAP = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                           "\u2013": "-", "\u2014": "-", "\u00a0": " "})
# A list marker: "-", "*", "1.", "a)", and in a formal outline "2.4", "7.1." or "(a)" before a
# capital ("2.4 The working pattern is …"; "2.5 hours on the rig" keeps its figure).
BULLET = re.compile(r"^\s*(?:[-*\u2022+>]|\d{1,2}[.)]|[a-z][.)]"
                    # (or a report's item code: "B2 Losa looked …", "CAR-1 Ngaio: …")
                    r"|(?:\d{1,2}\.\d{1,2}\.?|\([a-z0-9]{1,2}\)|[A-Z]{1,3}-?\d{1,2})(?=\s+[A-Z]))\s+")
HANGING = re.compile(r"^\s{2,}\S")  # a line indented under the one before
ARROW = re.compile(r"(?:->|=>|→|—>)")
SENTENCE_MARK = re.compile(r"[.?!\u2026)]")  # where pysbd may cut a line (")": "1) ... 2) ...")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(\u00c0-\uffff])")


@dataclass(frozen=True)
class Span:
    """A [start, end) span of the note."""

    start: int
    end: int

    def text(self, note: str) -> str:
        """The note's own words for this span."""
        return note[self.start : self.end]


def _fold_char(ch: str) -> str:
    ch = ch.translate(QUOTE_MAP)
    ch = unicodedata.normalize("NFKC", ch)
    return ch.casefold()


def fold(text: str) -> tuple[str, list[int]]:
    """Fold case, quote marks and whitespace; return the folded text and a map to offsets.

    The same note and its lines are folded many times over for one message or answer, so the
    last results are kept (the offsets copied out: a caller may change its list). ASCII text,
    most notes, takes a fast path with the same result."""
    folded, index = _fold(text)
    return folded, list(index)


def folded(text: str) -> str:
    """The folded text of `fold`, without copying its offsets."""
    return _fold(text)[0]


# A message's note and lines. The offsets are kept as 4-byte ints: 256 notes of 6,700
# characters took 67 MB as tuples of ints, 8.5 MB as arrays.
@functools.lru_cache(maxsize=256)
def _fold(text: str) -> tuple[str, array[int]]:
    if text.isascii():  # no quote marks to map, nothing for NFKC; casefold is lower()
        low = text.lower()
        out: list[str] = []
        index: list[int] = []
        for m in re.finditer(r"\S+", low):
            if out:  # one space, at the first whitespace after the word before
                out.append(" ")
                index.append(index[-1] + 1)
            out.append(m.group())
            index.extend(range(m.start(), m.end()))
        return "".join(out), array("i", index)
    return _fold_slow(text)


def _fold_slow(text: str) -> tuple[str, array[int]]:
    out: list[str] = []
    index: list[int] = []
    prev_space = True
    for i, ch in enumerate(text):
        if ch.isspace():
            if not prev_space:
                out.append(" ")
                index.append(i)
            prev_space = True
            continue
        for f in _fold_char(ch):
            out.append(f)
            index.append(i)
        prev_space = False
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), array("i", index)


def locate(note: str, quote: str, *, snap_ratio: float = 0.88) -> Span | None:
    """Where quote stands in note: exact, then folded, then the best near match; else None."""
    quote = quote.strip()
    if len(quote) < 3:
        return None
    pos = note.find(quote)
    if pos >= 0:
        return Span(pos, pos + len(quote))
    fnote, idx = fold(note)
    fquote, _ = fold(quote)
    if not fquote:
        return None
    pos = fnote.find(fquote)
    if pos >= 0:
        return Span(idx[pos], idx[pos + len(fquote) - 1] + 1)
    return _snap(note, fnote, idx, fquote, snap_ratio)


def _snap(note: str, fnote: str, idx: list[int], fquote: str, ratio: float) -> Span | None:
    """Snap a near miss to the most similar window of the note, if similar enough."""
    matcher = difflib.SequenceMatcher(None, fnote, fquote, autojunk=False)
    best: tuple[float, int, int] = (0.0, 0, 0)
    for block in matcher.get_matching_blocks():
        if block.size < 4:
            continue
        start = max(0, block.a - block.b)
        for length in {len(fquote), len(fquote) - 1, len(fquote) + 1}:
            end = min(len(fnote), start + length)
            cand = fnote[start:end]
            score = difflib.SequenceMatcher(None, cand, fquote, autojunk=False).ratio()
            if score > best[0]:
                best = (score, start, end)
    if best[0] < ratio or best[2] <= best[1]:
        return None
    return Span(idx[best[1]], idx[best[2] - 1] + 1)


@dataclass(frozen=True)
class Unit:
    """One sentence (or clause of a long one) of a note: the smallest thing that gets a label."""

    number: int
    span: Span
    text: str  # the span's words on one line (a wrapped sentence's line breaks become spaces)
    header: str | None  # the section line above it, e.g. "she asked:" or "TODO"


def is_header(line: str) -> bool:
    """A short line that introduces a section ("she asked:", "TODO", "Next steps")."""
    s = line.strip()
    if not s or len(s) > 60:
        return False
    return s.endswith(":") or (s.isupper() and len(s.split()) <= 4) or s.lower() in {
        "todo", "next", "next steps", "notes", "questions", "follow-ups", "follow ups"}


WRAP_MIN = 45  # a line at least this long that does not end a sentence may be a wrapped one
END_MARK = re.compile(r"[.!?:;)\]\"']\s*$")
CLAUSE = re.compile(r"(?:[,;]\s+|\s+-+\s+|\s+)(?=(?:and then|and so|but|so|then|because|cause|"
                    r"plus|also|which|though|although|anyway|oh and|and)\b)", re.IGNORECASE)
# Words a sentence does not end on: a line that stops on one continues on the next line.
DANGLING = frozenset("a an the and or but to of for with in on at by from as that which who my "
                     "your their our his her its is are was were be been will would can could "
                     "about into than so if when because".split())
MAX_WORDS = 32  # longer sentences (voice memos, run-ons) are cut at clause boundaries
MIN_WORDS = 5


def _lines(note: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its line break."""
    out, pos = [], 0
    for raw in note.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append((pos, pos + len(body)))
        pos += len(raw)
    return out


def _first_word(line: str) -> str:
    return (line.split() or [""])[0]


def _wrapped_at(prev: str, line: str, width: int) -> bool:
    """True when prev ends where a greedy wrap at `width` would have broken it: the next
    line's first word would not have fitted on it (what a mail client or textwrap does)."""
    return len(prev.rstrip()) + 1 + len(_first_word(line)) > width - 2


def _joins(prev: str, line: str, block_wrapped: bool, width: int) -> bool:
    """True when line continues the sentence of prev (a hard wrap, not a new item)."""
    if not prev.strip() or not line.strip() or BULLET.match(line) or is_header(prev):
        return False
    if is_header(line) and not block_wrapped:
        return False
    if block_wrapped:
        return True
    # A hanging indent under a list item: the item goes on ("- how do you handle a family
    # member who's angry the infusion is running\n  late"); an arrow ("  -> told them …") is a
    # note of its own.
    if HANGING.match(line) and not ARROW.match(line.lstrip()) \
            and (BULLET.match(prev) or HANGING.match(prev)):
        return True
    # A lone line break inside a sentence: the line is long, stops without punctuation, and
    # the next word would not have fitted on it. A line that is a thought of its own (casual
    # notes often end lines without a full stop) stays a line.
    last = (prev.split() or [""])[-1].casefold()
    return len(prev.rstrip()) >= WRAP_MIN and not END_MARK.search(prev) and \
        _wrapped_at(prev, line, width) and (last in DANGLING or prev.rstrip().endswith(",")
                                             or _date_broken(last, _first_word(line)))


# A month said in full or short ("November", "Nov")
MONTH_WORD = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?",
                        re.IGNORECASE)


def _date_broken(last: str, first: str) -> bool:
    """A date the wrap broke in two: its day, then its month ("Thursday 26 / November.") or its
    month, then its year ("1 February / 2027.")."""
    first = first.rstrip(".,;:")
    return bool(re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", last) and MONTH_WORD.fullmatch(first)
                or MONTH_WORD.fullmatch(last) and re.fullmatch(r"(?:19|20)\d\d", first))


def _blocks(note: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines (paragraphs) as line spans."""
    blocks: list[list[tuple[int, int]]] = [[]]
    for start, end in _lines(note):
        if note[start:end].strip():
            blocks[-1].append((start, end))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _wrapped(note: str, block: list[tuple[int, int]]) -> bool:
    """A paragraph hard-wrapped at a fixed width: several long lines, each broken where the
    next word would not fit, and no bullets."""
    if len(block) < 2:
        return False
    texts = [note[s:e] for s, e in block]
    width = max(len(t.rstrip()) for t in texts)
    return (min(len(t.rstrip()) for t in texts[:-1]) >= WRAP_MIN
            and not any(BULLET.match(t) for t in texts[1:])
            and all(_wrapped_at(a, b, width) for a, b in zip(texts, texts[1:], strict=False)))


def logical_lines(note: str) -> list[tuple[int, int]]:
    """The note's lines with hard-wrapped sentences joined back: (start, end) spans."""
    out: list[tuple[int, int]] = []
    for block in _blocks(note):
        wrapped = _wrapped(note, block)
        width = max(e - s for s, e in block)
        for start, end in block:
            if out and out[-1][1] < start and _joins(note[out[-1][0]:out[-1][1]].split("\n")[-1],
                                                     note[start:end], wrapped, width) \
                    and not note[out[-1][1]:start].count("\n") > 1:
                out[-1] = (out[-1][0], end)
            else:
                out.append((start, end))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one logical line (pysbd, rule-based), long ones cut into clauses."""
    spans: list[tuple[int, int]] = []
    flat = text.replace("\r", " ").replace("\n", " ")  # same offsets, no hard breaks
    # A line without sentence marks or list markers ("1)", "a)") is one sentence: pysbd is not
    # asked (it costs ~0.2 ms a line; close to half the lines of real notes have no mark).
    pieces = [(0, len(flat))] if not SENTENCE_MARK.search(flat) else \
        [(s.start, s.end) for s in _segmenter().segment(flat)]
    for start, end in pieces:
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end <= start:
            continue
        if spans and len(text[start:end].split()) <= 2 and text[spans[-1][1] - 1] == "?":
            spans[-1] = (spans[-1][0], end)  # "...or tipping? Why?" is one question
        else:
            spans.extend(_clauses(text, start, end))
    return spans


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a long sentence at clause boundaries into pieces of MIN_WORDS..MAX_WORDS words."""
    if len(text[start:end].split()) <= MAX_WORDS:
        return [(start, end)]
    cuts = [m.end() for m in CLAUSE.finditer(text, start, end)]  # already offsets of text
    pieces, begin = [], start
    for i, cut in enumerate(cuts):
        words_so_far = len(text[begin:cut].split())
        rest = len(text[cut:end].split())
        nxt = cuts[i + 1] if i + 1 < len(cuts) else end
        if words_so_far >= MIN_WORDS and rest >= MIN_WORDS and (
                len(text[begin:nxt].split()) > MAX_WORDS // 2 or words_so_far >= MAX_WORDS // 2):
            pieces.append((begin, cut))
            begin = cut
    pieces.append((begin, end))
    out = []
    for s, e in pieces:
        while e > s and text[e - 1] in " ,;-":
            e -= 1
        out.append((s, e))
    return out


_LOCAL = threading.local()


def _segmenter() -> Any:
    """This thread's pysbd segmenter: a Segmenter keeps the text it is working on in itself,
    so one shared by threads (an extraction and a background refit) mixes their spans up."""
    seg = getattr(_LOCAL, "segmenter", None)
    if seg is None:
        import pysbd

        seg = _LOCAL.segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return seg


def segment(note: str) -> list[Unit]:
    """Split a note into numbered units: sentences of its logical lines, bullets stripped.

    Remembered per note text (units are frozen), so asking across thousands of notes does not
    split each one again for every question.
    """
    return list(_segment(note))


@functools.lru_cache(maxsize=50_000)
def _segment(note: str) -> tuple[Unit, ...]:
    units: list[Unit] = []
    header: str | None = None
    prev_end = 0
    for start, end in logical_lines(note):
        line = note[start:end]
        if "\n\n" in note[prev_end:start] or (prev_end and not note[prev_end:start].strip()
                                               and note[prev_end:start].count("\n") > 1):
            header = None
        prev_end = end
        bullet = BULLET.match(line)
        body_start = start + (bullet.end() if bullet else len(line) - len(line.lstrip()))
        body = note[body_start:end].rstrip()
        if not body:
            continue
        if is_header(line) and not bullet:
            header = line.strip()
            units.append(Unit(len(units) + 1, Span(body_start, body_start + len(body)),
                              body, None))
            continue
        for s, e in sentences(body):
            piece = body[s:e]
            if not piece.strip():
                continue
            units.append(Unit(len(units) + 1, Span(body_start + s, body_start + e),
                              " ".join(piece.split()), header))
    return tuple(units)
