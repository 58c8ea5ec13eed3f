"""Thank-you, connection and follow-up messages that only say what really happened.

The model sees numbered details from this debrief only (for a thank-you: the part of the note
about this person, sensitive lines removed) and returns sentences that each cite a detail.
Code then checks every sentence: its specific words (names, numbers, topics) must come from the
cited detail, the debrief's own fields or a small list of courtesy words; any other sentence is
removed with a warning. Greeting, sign-off and length limits are code, not hope.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from debrief.adapters.llm import ChatModel
from debrief.adapters.prompts import PromptLibrary
from debrief.core.domain import Debrief, MessageKind, Tone
from debrief.core.evidence import Unit, fold, segment
from debrief.core.text import specific_words

log = logging.getLogger(__name__)

SENSITIVE = re.compile(
    r"\$|€|£|\b\d+\s?k\b|\bsalary|\bcomp\b|\bcompensation|\bband\b|\bbase\b|\bote\b|\bequity\b"
    r"|\brsus?\b|\bbonus|\bpay\b|\bfreeze|\blayoffs?|\brevenue|\brunway|\bseries [a-e]\b"
    r"|\bconfidential|\boff the record|\bbetween us|\bgossip|\bdrama|\bstressed|\bburn(ed|t)? out"
    r"|\bother candidates|\bcandidates in the final|\bquit\b|\bfired\b|\bpolitics",
    re.IGNORECASE,
)
# Lines the user wrote as their own next steps: "TODO: send …", "send Priya the link", "I should …".
OWN_TODO = re.compile(r"\s*(todo\b|to do\b|follow[- ]?up\b|send\b|email\b|i should\b|i need to\b"
                      r"|i'll\b|i will\b|remember to\b|need to\b)", re.IGNORECASE)


class Grounding(BaseModel):
    """A specific detail of the message and the note's words behind it."""

    detail: str
    quote: str


class ComposedMessage(BaseModel):
    """The compose contract of `debrief thank-you|connect|follow-up --json`."""

    message: str
    grounding: list[Grounding]
    warnings: list[str]


@dataclass
class Detail:
    """A numbered detail the model may use: the note's own words."""

    number: int
    text: str
    own_todo: bool = False  # a line the user wrote as their own follow-up ("send Priya the link")


def person_units(d: Debrief, person: str) -> list[Unit]:
    """The units of the note about one person: lines naming them and their section."""
    units = segment(d.notes)
    first = fold(person)[0].split(" ")[0]
    others = [fold(p.name)[0].split(" ")[0] for p in d.people
              if p.name and fold(p.name)[0].split(" ")[0] != first]
    if d.extraction:
        others += [fold(p.name)[0].split(" ")[0] for p in d.extraction.people
                   if p.name and fold(p.name)[0].split(" ")[0] != first]
    others = [o for o in others if len(o) > 2]
    chosen: list[Unit] = []
    active = False
    prev_end = -1
    for u in units:
        text = fold(u.text)[0]
        gap = d.notes[prev_end:u.span.start].count("\n") > 1 if prev_end >= 0 else True
        names_me = bool(re.search(rf"\b{re.escape(first)}\b", text))
        names_other = any(re.search(rf"\b{re.escape(o)}\b", text) for o in others)
        if names_me:
            active = True
        elif names_other or (gap and active and not u.header):
            active = False
        if active:
            chosen.append(u)
        prev_end = u.span.end
    if not chosen and len([p for p in d.people if p.name]) <= 1:
        chosen = units  # a one-person interview: the whole note is about them
    return chosen


def details_for(d: Debrief, person: str | None, kind: MessageKind) -> list[Detail]:
    """Numbered, non-sensitive details for a message (never from another debrief)."""
    units = person_units(d, person) if (person and kind == "thank-you") else segment(d.notes)
    texts = [u.text for u in units if not SENSITIVE.search(u.text) and len(u.text) > 12]
    if kind == "follow-up" and d.extraction:
        roles = [r.evidence for r in d.extraction.better_fit_roles
                 if not SENSITIVE.search(r.evidence)]
        texts = roles + [t for t in texts if t not in roles]
    todos = {f.evidence for f in d.extraction.follow_ups} if d.extraction else set()
    return [Detail(i, t, own_todo=t in todos or bool(OWN_TODO.match(t)))
            for i, t in enumerate(texts[:12], 1)]


def render_details(details: list[Detail]) -> str:
    """The numbered details for the prompt; the user's own to-dos are marked as such, so the
    model does not thank the interviewer for something the user promised to do."""
    return "\n".join(f"[{x.number}] " + ("(the user's own to-do, not something they did) "
                                          if x.own_todo else "") + x.text
                     for x in details) or "(none)"


def sentences_schema(n: int, max_items: int) -> dict[str, Any]:
    """JSON schema: sentences, each citing one detail number."""
    return {"type": "object", "properties": {"sentences": {
        "type": "array", "maxItems": max_items, "items": {
            "type": "object",
            "properties": {"text": {"type": "string", "maxLength": 300},
                           "detail": {"type": "integer", "minimum": 1, "maximum": max(1, n)}},
            "required": ["text", "detail"]}}}, "required": ["sentences"]}


SENTENCE_OBJECT = re.compile(
    r'\{\s*"text"\s*:\s*("(?:[^"\\]|\\.)*")\s*,\s*"detail"\s*:\s*(\d+)\s*\}')


def closed_sentences(partial_json: str) -> list[dict[str, Any]]:
    """The sentence objects already closed in a (possibly unfinished) streamed reply."""
    out: list[dict[str, Any]] = []
    for m in SENTENCE_OBJECT.finditer(partial_json):
        try:
            out.append({"text": json.loads(m.group(1)), "detail": int(m.group(2))})
        except json.JSONDecodeError:
            continue
    return out


def stem_in(word: str, allowed: set[str]) -> bool:
    """True when word (or a simple stem of it) is among the allowed words."""
    if word in allowed or word + "s" in allowed or word + "es" in allowed:
        return True
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and word[: -len(suffix)] in {a[: len(word) - len(suffix)]
                                                              for a in allowed}:
            return True
    return any(a.startswith(word[:5]) for a in allowed if len(word) >= 6)


class Composer:
    """Writes grounded messages for one debrief and one person."""

    def __init__(self, model: ChatModel, prompts: PromptLibrary) -> None:
        self.model = model
        self.prompts = prompts

    def compose(self, d: Debrief, kind: MessageKind, to: str | None, *, tone: Tone = "warm",
                user_name: str | None = None, signature: str | None = None) -> ComposedMessage:
        """Write, check and assemble the message (the last snapshot of compose_stream)."""
        *_, final = self.compose_stream(d, kind, to, tone=tone, user_name=user_name,
                                        signature=signature)
        return final

    def compose_stream(self, d: Debrief, kind: MessageKind, to: str | None, *, tone: Tone = "warm",
                       user_name: str | None = None, signature: str | None = None,
                       ) -> Iterator[ComposedMessage]:
        """Yield growing snapshots of the message; the last one is final.

        The model's JSON is read as it streams: each sentence is checked the moment its object
        closes, so a snapshot only ever holds checked sentences (the frame comes first).
        """
        warnings: list[str] = []
        person = to or next((p.name for p in d.people if p.name), None)
        details = details_for(d, person, kind)
        if kind == "thank-you" and not person:
            warnings.append("no interviewer named: the message is addressed generically")

        def snapshot(body: list[str], grounding: list[Grounding], notes: list[str]) -> ComposedMessage:
            notes = list(notes)
            message = self.assemble(d, kind, person, body, tone, user_name, signature, notes)
            return ComposedMessage(message=message, grounding=grounding[: len(body)],
                                   warnings=notes)

        yield snapshot([], [], warnings)
        if not details:
            return
        prompt = {"thank-you": "thank_you", "connect": "connect", "follow-up": "follow_up"}[kind]
        spec = self.prompts.get(prompt)
        values = {"person": person or "the interviewer", "company": d.company,
                  "role": d.role or "the role",
                  "details": render_details(details)}
        if "tone" in spec.variables:
            values["tone"] = tone
        text, seen = "", 0
        kept: list[str] = []
        grounding: list[Grounding] = []
        for piece in self.model.stream(spec.messages(**values),
                                       schema=sentences_schema(len(details), 4),
                                       max_tokens=int(spec.defaults.get("max_tokens", 200))):
            text += piece
            done = closed_sentences(text)
            if len(done) > seen:
                k, g = self.check(d, person, details, done[seen:], [])
                seen = len(done)
                fresh = [(s, gr) for s, gr in zip(k, g, strict=True)
                         if all(fold(s)[0] != fold(old)[0] for old in kept)]
                if fresh:
                    kept = kept + [s for s, _ in fresh]
                    grounding = grounding + [gr for _, gr in fresh]
                    yield snapshot(kept, grounding, warnings)
        # The whole reply decides the final message (and its warnings); for a reply cut off
        # mid-JSON, the sentences that did close are used.
        try:
            sentences = json.loads(text).get("sentences", [])
        except (json.JSONDecodeError, AttributeError):
            sentences = closed_sentences(text)
            if not sentences:
                warnings.append("the model's reply was not usable; only the frame is kept")
        kept, grounding = self.check(d, person, details, sentences, warnings)
        yield snapshot(kept, grounding, warnings)

    def check(self, d: Debrief, person: str | None, details: list[Detail],
              sentences: list[dict[str, Any]], warnings: list[str],
              ) -> tuple[list[str], list[Grounding]]:
        """Keep sentences whose specific words all come from their cited detail."""
        by_number = {x.number: x for x in details}
        frame = specific_words(" ".join(filter(None, [d.company, d.role, person])))
        # Words from any detail about this person are supported; the quote shown is the
        # detail that shares the most words with the sentence.
        pool = frame.union(*(specific_words(x.text) for x in details)) if details else frame
        kept: list[str] = []
        grounding: list[Grounding] = []
        # The model sometimes packs several sentences into one item or is cut off at the
        # length bound: check each whole sentence on its own, drop a trailing fragment.
        pieces: list[dict[str, Any]] = []
        for s in sentences:
            parts = re.split(r"(?<=[.!?])\s+", str(s.get("text", "")).strip())
            if parts and parts[-1] and not parts[-1].endswith((".", "!", "?")) \
                    and len(str(s.get("text", ""))) >= 200:
                warnings.append(f"removed a sentence cut off mid-way: “{parts[-1]}”")
                parts = parts[:-1]
            pieces += [{"text": p, "detail": s.get("detail")} for p in parts if p]
        for s in pieces:
            text = str(s.get("text", "")).strip()
            number = s.get("detail")
            detail = by_number.get(number) if isinstance(number, int) else None
            if not text or len(text.split()) < 4:
                continue
            if detail is None:
                warnings.append(f"removed a sentence with no detail behind it: “{text}”")
                continue
            extra = [w for w in specific_words(text) if not stem_in(w, pool)]
            if len(extra) > max(1, len(specific_words(text)) // 4) or SENSITIVE.search(text):
                warnings.append(f"removed a sentence the notes do not support: “{text}” "
                                f"(unsupported: {', '.join(sorted(extra)[:5]) or 'sensitive'})")
                continue
            sentence = text if text.endswith((".", "!", "?")) else text + "."
            if any(fold(sentence)[0] == fold(k)[0] for k in kept):
                continue  # a small model sometimes repeats itself
            words = specific_words(text)
            best = max(details, key=lambda x: (len(words & specific_words(x.text)),
                                               x.number == detail.number))
            kept.append(sentence)
            grounding.append(Grounding(detail=text, quote=best.text))
        return kept, grounding

    def assemble(self, d: Debrief, kind: MessageKind, person: str | None, body: list[str],
                 tone: Tone, user_name: str | None, signature: str | None,
                 warnings: list[str]) -> str:
        """Greeting + checked sentences + closing + signature, within the length limit."""
        first = (person or "").split(" ")[0] or "there"
        role = f"the {d.role} role" if d.role else "the role"
        name = signature or user_name
        if not name:
            warnings.append("set your name (DEBRIEF_USER_NAME or Settings in the app) to sign")
            name = "[your name]"
        if kind == "connect":
            opener = f"Hi {first}, thanks for the conversation about {role} at {d.company}."
            text = " ".join([opener, *body, f"I'd be glad to stay in touch. {name}"])
            return _fit_chars(text, opener, body, f"I'd be glad to stay in touch. {name}", 300)
        greeting = {"formal": f"Dear {person or 'hiring team'},", "warm": f"Hi {first},",
                    "brief": f"Hi {first},"}[tone]
        if kind == "thank-you":
            opener = f"Thank you for taking the time to talk with me about {role} at {d.company}."
            closing = "I'm excited about the role and the team, and I look forward to next steps."
            limit = {"warm": 130, "formal": 130, "brief": 70}[tone]
        else:
            opener = f"I wanted to follow up on my interview for {role} at {d.company}."
            closing = "Thank you again for your time; I'd welcome any update."
            limit = 110
        sign = {"formal": "Sincerely,", "warm": "Best,", "brief": "Thanks,"}[tone]
        while body and len(" ".join([opener, *body, closing]).split()) > limit:
            body = body[:-1]
            warnings.append("shortened to fit the length limit")
        return f"{greeting}\n\n{' '.join([opener, *body])}\n\n{closing}\n\n{sign}\n{name}"


def _fit_chars(text: str, opener: str, body: list[str], end: str, limit: int) -> str:
    """Drop body sentences until the note fits the character limit."""
    while len(text) > limit and body:
        body = body[:-1]
        text = " ".join([opener, *body, end])
    return text[:limit]
