"""Grounding: find a quote in the note (exact, folded, or snapped near match) or refuse it."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

QUOTE_MAP = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                           "\u2013": "-", "\u2014": "-", "\u00a0": " "})
BULLET = re.compile(r"^\s*(?:[-*\u2022+>]|\d{1,2}[.)]|[a-z][.)])\s+")
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
    """Fold case, quote marks and whitespace; return the folded text and a map to offsets."""
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
    return "".join(out), index


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
    """One line or sentence of a note: the smallest thing the model can point at."""

    number: int
    span: Span
    text: str
    header: str | None  # the section line above it, e.g. "she asked:" or "TODO"


def is_header(line: str) -> bool:
    """A short line that introduces a section ("she asked:", "TODO", "Next steps")."""
    s = line.strip()
    if not s or len(s) > 60:
        return False
    return s.endswith(":") or (s.isupper() and len(s.split()) <= 4) or s.lower() in {
        "todo", "next", "next steps", "notes", "questions", "follow-ups", "follow ups"}


def segment(note: str, max_len: int = 220) -> list[Unit]:
    """Split a note into numbered units (lines, long lines into sentences), bullets stripped."""
    units: list[Unit] = []
    header: str | None = None
    pos = 0
    for raw in note.splitlines(keepends=True):
        line_start = pos
        pos += len(raw)
        line = raw.rstrip("\r\n")
        if not line.strip():
            header = None
            continue
        bullet = BULLET.match(line)
        body_start = line_start + (bullet.end() if bullet else len(line) - len(line.lstrip()))
        body = note[body_start : line_start + len(line)].rstrip()
        if is_header(line) and not bullet:
            header = line.strip()
        pieces = [body] if len(body) <= max_len else SENTENCE_END.split(body)
        offset = body_start
        for piece in pieces:
            at = note.find(piece, offset)
            if at < 0 or not piece.strip():
                continue
            offset = at + len(piece)
            units.append(Unit(len(units) + 1, Span(at, at + len(piece)), piece,
                              None if header == line.strip() else header))
    return units
