"""Thank-you, connection and follow-up messages a person would send as written.

Fluent by construction: code owns every sentence frame (features/frames.py); the model only
chooses which of this person's details to mention and gives each a short phrase in the note's
words (JSON-schema constrained). Each phrase is checked like a headline (its words must be the
detail's words), then turned to face the reader (features/phrasing.py); a phrase that fails
falls back to one cut in code. The model may add one free sentence, kept only under the
grounding check below. Promises the user made become the closing line. Every message is then
checked in code (features/message_checks.py) and the checks that fire are listed.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field

from debrief.adapters.llm import ChatModel
from debrief.adapters.prompts import PromptLibrary
from debrief.core.config import PickMode
from debrief.core.domain import Debrief, MessageKind, Tone
from debrief.core.errors import ModelError
from debrief.core.evidence import folded
from debrief.core.partial_json import closed_objects
from debrief.core.text import specific_words, typed_out
from debrief.features import frames
from debrief.features.frames import Recipient
from debrief.features.message_checks import Check, failed, limits, run_checks
from debrief.features.message_details import (
    MAX_PROMISES,
    OWN_TODO,
    SENSITIVE,
    Detail,
    details_for,
    other_names,
    person_units,
    recipient_for,
    render_details,
)
from debrief.features.phrasing import checked_phrase, foreign_word, identifier, is_question

log = logging.getLogger(__name__)

__all__ = ["OWN_TODO", "SENSITIVE", "ComposedMessage", "Composer", "Detail", "DetailChoice",
           "Grounding", "details_for", "person_units", "render_details"]
MAX_PICKS = 3
MAX_OFFERED = 6  # details the model ranks (each costs ~1 s of reading on 2 cores)
MIN_PICKS = 2  # one pick alone often misses what the person would remember
# How the schema's reply starts, up to the first pick's number (as the model writes it).
PICKS_REPLY = '{ "picks": [ {"detail": '
THIRD = re.compile(r"\b(?:he|she|his|her|him|they|their|them)\b", re.IGNORECASE)
VOICE = re.compile(r"\b(?:I|I'm|I've|I'd|my|me|we|our|you|your)\b")


class Grounding(BaseModel):
    """A specific detail of the message and the note's words behind it."""

    detail: str
    quote: str


class DetailChoice(BaseModel):
    """A detail the message may use, as the web app lists it (ticked when used)."""

    number: int
    kind: str
    label: str
    chosen: bool


class ComposedMessage(BaseModel):
    """The compose contract of `debrief thank-you|connect|follow-up --json`."""

    message: str
    grounding: list[Grounding]
    warnings: list[str]
    details: list[DetailChoice] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)


def picks_schema(n: int, phrases: bool = True) -> dict[str, Any]:
    """JSON schema: two or three picked details (fewer when there are fewer), each a detail
    number and, with `phrases`, a short phrase (else code's phrase is used); one optional free
    sentence citing a detail."""
    number = {"type": "integer", "minimum": 1, "maximum": max(1, n)}
    pick: dict[str, Any] = {"detail": number}
    if phrases:
        pick["phrase"] = {"type": "string", "maxLength": 80}
    item = {"type": "object", "properties": pick, "required": list(pick)}
    return {"type": "object", "properties": {
        "picks": {"type": "array", "minItems": min(MIN_PICKS, n), "maxItems": MAX_PICKS,
                  "items": item},
        "sentences": {"type": "array", "maxItems": 1, "items": {
            "type": "object", "properties": {"text": {"type": "string", "maxLength": 200},
                                             "detail": number},
            "required": ["text", "detail"]}}},
        "required": ["picks"]}


def closing_promises(details: list[Detail], who: Recipient) -> dict[int, str]:
    """The promises code closes with, by number: the first one (the reader's own first), and
    a second only when its line names the reader and it is owed to them ("scan and send my
    cards, Ted asked for copies"), never the user's own next step ("apply for the CRM role")."""
    out: dict[int, str] = {}
    names = [re.escape(n) for n in who.names()]
    for x in details:
        if x.kind != "promise" or not x.phrase or x.phrase in out.values() \
                or len(out) == MAX_PROMISES:
            continue
        if out and not (names and re.search(rf"\b(?:{'|'.join(names)})\b", x.text, re.IGNORECASE)
                        and not frames.OWN_STEP.match(frames.unmarked(x.phrase))):
            continue
        out[x.number] = x.phrase
    return out


def offered(details: list[Detail]) -> list[Detail]:
    """The details the model ranks: the first MAX_OFFERED of code's list (this person's
    extracted items first), promises aside (code closes with them); the rest stay in the
    user's list."""
    return [x for x in details if x.kind != "promise"][:MAX_OFFERED]


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
    """Writes messages for one debrief and one person: the model picks, code writes."""

    def __init__(self, model: ChatModel, prompts: PromptLibrary, *,
                 picks: PickMode = "model") -> None:
        self.model = model
        self.prompts = prompts
        # "model": the chat model chooses the details; "order": the first MAX_PICKS of code's
        # list, which is what the default model chose in nearly every measured case
        self.picks = picks
        # The model's checked phrases, by (debrief, person, note words): a rewrite with other
        # ticked details reuses them without asking the model again.
        self._phrases: dict[tuple[str, str, str], str] = {}

    def compose(self, d: Debrief, kind: MessageKind, to: str | None, *, tone: Tone = "warm",
                user_name: str | None = None, signature: str | None = None,
                use: list[int] | None = None,
                elsewhere: set[str] | frozenset[str] = frozenset()) -> ComposedMessage:
        """Write, check and assemble the message (the last snapshot of compose_stream)."""
        *_, final = self.compose_stream(d, kind, to, tone=tone, user_name=user_name,
                                        signature=signature, use=use, elsewhere=elsewhere)
        return final

    def compose_stream(self, d: Debrief, kind: MessageKind, to: str | None, *, tone: Tone = "warm",
                       user_name: str | None = None, signature: str | None = None,
                       use: list[int] | None = None,
                       elsewhere: set[str] | frozenset[str] = frozenset()
                       ) -> Iterator[ComposedMessage]:
        """Yield growing snapshots of the message; the last one is final.

        `elsewhere`: the user's other companies; a detail naming one is never offered.

        The frame comes first; then each pick is added the moment its JSON object closes.
        With `use` (detail numbers the user ticked) the model is not asked again.
        """
        who = recipient_for(d, to)
        warnings: list[str] = []
        if kind == "thank-you" and not who.name:
            warnings.append("no interviewer named: the message is addressed by role")
        person = who.name or who.title
        details = details_for(d, person or None, kind, elsewhere)
        ctx = _Context(d, kind, tone, who, details, signature or user_name,
                       other_names(d, who), warnings)
        if use is not None:
            chosen = {n: self._phrases.get(self._key(d, who, x), x.phrase or "")
                      for x in details for n in use if x.number == n}
            yield ctx.snapshot({n: p for n, p in chosen.items() if p}, [])
            return
        yield ctx.snapshot({}, [])
        if not details:
            return
        text = ""
        seen = 0
        phrases = bool(self.prompts.get("message").defaults.get("phrases", True))
        messages = self._prompt(kind, who, details)
        # With no more details than a message takes, there is nothing for the model to choose.
        choice = sum(1 for x in details if x.kind != "promise" and x.phrase) > MAX_PICKS
        ranked = None if phrases else (self._in_order(ctx) if self.picks == "order" or not choice
                                       else self._ranked(messages, details))
        if ranked is not None:
            text = json.dumps({"picks": [{"detail": n} for n in ranked]})
        else:
            for piece in self.model.stream(messages, schema=picks_schema(len(details), phrases),
                                           max_tokens=180):
                text += piece
                picks = self._picks(ctx, closed_objects(text), [])
                if len(picks) > seen:
                    seen = len(picks)
                    yield ctx.snapshot(picks, [])
        try:
            reply = json.loads(text)
            objs = [*reply.get("picks", []), *reply.get("sentences", [])]
        except (json.JSONDecodeError, AttributeError):
            objs = closed_objects(text)
            if not objs:
                warnings.append("the model's reply was not usable; details were chosen in code")
        notes: list[str] = []
        picks = self._picks(ctx, objs, notes)
        sentences = self.check(d, who, details, [o for o in objs if "text" in o], notes)
        if not picks and not sentences:
            picks = ctx.default_picks()
        # code owns the closing line: the promises it allows, whatever the model picked
        picks = {n: p for n, p in picks.items() if details[n - 1].kind != "promise"}
        picks.update(closing_promises(details, who))
        for n, phrase in picks.items():
            self._phrases[self._key(d, who, details[n - 1])] = phrase
        ctx.warnings.extend(notes)
        yield ctx.snapshot(picks, sentences)

    def warm(self) -> bool:
        """Read the message prompt's fixed start (its system text) now, where the model ranks
        the picks, so the first message waits only for its own details (the model keeps the
        read start for later processes too). False when there is nothing to read ahead.
        The language identifier and word frequencies the details' checks use are loaded here
        too (about 1 s)."""
        identifier()
        foreign_word("warm")
        if self.picks != "model" or getattr(self.model, "rank", None) is None \
                or self.prompts.get("message").defaults.get("phrases", True):
            return False
        spec = self.prompts.get("message")
        messages = spec.messages(kind="thank-you", person="them", details="(none)")
        try:
            self.model.rank(messages, ["1", "2"], prefix=PICKS_REPLY)  # type: ignore[attr-defined]
        except ModelError as exc:
            log.info("message prompt not read ahead: %s", exc)
            return False
        return True

    @staticmethod
    def _in_order(ctx: _Context) -> list[int]:
        """Code's choice: the first MAX_PICKS details of its list that fit the message's length
        (promises aside; code closes with them), in the order details_for gives them (this
        person's extracted items first)."""
        closing = closing_promises(ctx.details, ctx.to)
        out: dict[int, str] = {}
        for x in ctx.details:
            if x.kind == "promise" or not x.phrase:
                continue
            trial = {**out, x.number: x.phrase, **closing}
            if out and any(w.startswith("shortened") for w in ctx.snapshot(trial, []).warnings):
                continue  # too long for this message beside the ones already in
            out[x.number] = x.phrase
            if len(out) == MAX_PICKS:
                break
        return list(out)

    def _ranked(self, messages: list[dict[str, str]], details: list[Detail]) -> list[int] | None:
        """The model's picks read from one set of next-token logits (a model that can rank):
        the details it would write first, best first, up to MAX_PICKS, promises aside (code
        closes with one). The same greedy first choice as the schema's completion, with no
        JSON generated; None when the model cannot rank (the picks are then generated)."""
        rank = getattr(self.model, "rank", None)
        options = [str(x.number) for x in offered(details)]
        if rank is None or not options or max(map(int, options)) > 9:
            return None  # one digit each: a number is its first token
        try:
            order = rank(messages, options, prefix=PICKS_REPLY)
        except ModelError as exc:  # no chat template of its own: generate instead
            log.info("ranking unavailable (%s); generating the picks", exc)
            return None
        return [int(n) for n in order][:MAX_PICKS]

    @staticmethod
    def _key(d: Debrief, who: Recipient, x: Detail) -> tuple[str, str, str]:
        return d.id, who.name or who.title or "", x.text

    def _prompt(self, kind: MessageKind, who: Recipient,
                details: list[Detail]) -> list[dict[str, str]]:
        """The ranking prompt: the details the model may pick (`offered`), the kind of message
        and the person. Every token here is read for each message (about 12 a second on 2
        cores), so the company, the role and the tone, which change no choice, are left out
        (the frames use them)."""
        spec = self.prompts.get("message")
        return spec.messages(kind=kind, person=who.name or who.title or "them",
                             details=render_details(offered(details)))

    def _picks(self, ctx: _Context, objs: list[dict[str, Any]],
               notes: list[str]) -> dict[int, str]:
        """Detail number -> checked phrase, for the model's picks (code's phrase as fallback)."""
        out: dict[int, str] = {}
        by_number = {x.number: x for x in ctx.details}
        for o in objs:
            n = o.get("detail")
            if "text" in o or not isinstance(n, int) or n not in by_number or n in out:
                continue
            x = by_number[n]
            if "phrase" not in o or x.kind == "promise" or x.fixed \
                    or (x.phrase and is_question(x.phrase)):
                # a promise, a question as asked, a foreign line's English words: as code cut it
                phrase = x.phrase
            else:
                phrase = checked_phrase(str(o["phrase"]), x.text, ctx.to, ctx.others,
                                        ctx.d.notes)
                if phrase is None and x.phrase:
                    notes.append(f"the model's phrase “{o['phrase']}” is not the note's words: "
                                 f"used “{x.phrase}”")
                phrase = phrase or x.phrase
            if phrase:
                out[n] = phrase
        return out

    def check(self, d: Debrief, who: Recipient, details: list[Detail],
              sentences: list[dict[str, Any]], warnings: list[str]) -> list[tuple[str, str]]:
        """Free sentences kept: each one's specific words come from this person's details and
        it passes the message checks; (sentence, quote) pairs."""
        by_number = {x.number: x for x in details}
        frame = specific_words(" ".join(filter(None, [d.company, d.role, who.name, who.title])))
        pool = frame.union(*(specific_words(x.text) | specific_words(typed_out(x.text))
                             for x in details)) if details else frame
        kept: list[tuple[str, str]] = []
        for s in sentences:
            text = " ".join(str(s.get("text", "")).split())
            number = s.get("detail")
            detail = by_number.get(number) if isinstance(number, int) else None
            if len(text.split()) < 4:
                continue
            if detail is None:
                warnings.append(f"removed a sentence with no detail behind it: “{text}”")
                continue
            extra = [w for w in specific_words(text) if not stem_in(w, pool)]
            fired = [c.name for c in failed(run_checks("Hi,\n" + text, Recipient(who.name),
                                                       "thank-you", "warm"))
                     if c.name != "length"]
            if re.match(r"\s*thank", text, re.I):
                fired.append("repeated_thanks")
            # Written to them, in the user's voice: not a line of the note about them.
            if not text[:1].isupper() or THIRD.search(text) or not VOICE.search(text) \
                    or any(folded(text) == folded(x.text) for x in details):
                fired.append("not written to them")
            if extra or SENSITIVE.search(text) or fired:
                why = ", ".join(sorted(extra)[:5]) or ", ".join(fired) or "sensitive"
                warnings.append(f"removed a sentence the notes do not support: “{text}” "
                                f"(unsupported: {why})")
                continue
            sentence = text if text.endswith((".", "!", "?")) else text + "."
            if all(folded(sentence) != folded(k) for k, _ in kept):
                kept.append((sentence, detail.text))
        return kept


class _Context:
    """One message being written: what the frames need, and the snapshot it makes."""

    def __init__(self, d: Debrief, kind: MessageKind, tone: Tone, to: Recipient,
                 details: list[Detail], name: str | None, others: list[str],
                 warnings: list[str]) -> None:
        self.d, self.kind, self.tone, self.to = d, kind, tone, to
        self.details, self.others, self.warnings = details, others, warnings
        self.name = name

    def default_picks(self) -> dict[int, str]:
        """Code's own choice when the model chose nothing usable: two details and a promise."""
        out: dict[int, str] = {}
        for x in self.details:
            if x.phrase and (x.kind == "promise" or sum(
                    self.details[n - 1].kind != "promise" for n in out) < 2):
                out[x.number] = x.phrase
        return out

    def snapshot(self, picks: dict[int, str], sentences: list[tuple[str, str]]) -> ComposedMessage:
        """The message with these picks and free sentences, its checks and its detail list."""
        warnings = list(self.warnings)
        by_number = {x.number: x for x in self.details}
        chosen = dict(picks)
        body: list[str] = []
        grounding: list[Grounding] = []
        promises: list[str] = []
        nth: dict[str, int] = {}
        for n, phrase in chosen.items():
            x = by_number[n]
            phrase = typed_out(phrase)  # "by thurs", "whats yr": spelled out for the reader
            if x.kind == "promise":
                if len(promises) < MAX_PROMISES and phrase not in promises:
                    promises.append(phrase)
                grounding.append(Grounding(detail=phrase, quote=x.text))
                continue
            # Thank-yous vary by detail kind; the shorter notes by place in the message.
            n = nth.get(x.kind, 0) if self.kind == "thank-you" else len(body)
            sentence = frames.body_sentence(self.kind, self.tone, x.kind, phrase, n,
                                            before=body)
            if not sentence:  # a phrase that cannot stand alone: left out
                continue
            body.append(sentence)
            nth[x.kind] = nth.get(x.kind, 0) + 1
            grounding.append(Grounding(detail=phrase, quote=x.text))
        body += [s for s, _ in sentences]
        grounding += [Grounding(detail=s, quote=q) for s, q in sentences]
        message = self.assemble(body, promises, warnings)
        choices = [DetailChoice(number=x.number, kind=x.kind, label=x.label or x.text,
                                chosen=x.number in chosen) for x in self.details]
        checks = run_checks(message, self.to, self.kind, self.tone, self.d.company,
                            self.d.role or "")
        warnings += [c.note for c in failed(checks) if c.name != "placeholders"
                     or "[your name]" not in message]
        return ComposedMessage(message=message, grounding=grounding, warnings=warnings,
                               details=choices, checks=checks)

    def assemble(self, body: list[str], promises: list[str], warnings: list[str]) -> str:
        """Greeting + opener + body + closing (the promises, when made) + signature, in
        limits."""
        kind, tone = self.kind, self.tone
        name = self.name
        if not name:
            warnings.append("set your name (DEBRIEF_USER_NAME or Settings in the app) to sign")
            name = "[your name]"
        greet = frames.greeting(kind, tone, self.to)
        opener = frames.opener(kind, tone, self.d.role, self.d.company)
        close = frames.promise_line(kind, promises) if promises else frames.closing(kind, tone)
        max_words, max_chars = limits(kind, tone)

        def text(lines: list[str]) -> str:
            if kind == "connect":
                return " ".join([greet, opener, *lines, close, name])
            return f"{greet}\n\n{' '.join([opener, *lines])}\n\n{close}\n\n" \
                   f"{frames.sign_off(tone)}\n{name}"

        while body and (len(text(body).split()) > max_words or len(text(body)) > max_chars):
            body = body[:-1]
            warnings.append("shortened to fit the length limit")
        if kind == "connect" and len(text(body)) > max_chars and len(promises) > 1:
            close = frames.promise_line(kind, promises[:1])
        if kind == "connect" and len(text(body)) > max_chars and promises:
            close = frames.closing(kind, tone)
        return text(body)
