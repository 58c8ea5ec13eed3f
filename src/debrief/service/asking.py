"""Questions over the notes: across interviews in code, anything else by retrieval and the model."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import replace

from debrief.core.errors import UserError
from debrief.core.text import asking_part, left_out, spelled_out, split_asks, terms
from debrief.features.ask import CITE, REFUSAL, Answer, Asker, Filters, Turn, refusal
from debrief.features.pointing import pointed_debrief
from debrief.features.retrieval import named_companies, sentence_index
from debrief.features.routes import (
    CANDIDATES,
    SETS_BESIDE,
    THE_PLACE,
    Route,
    RouteChooser,
    Router,
    model_chooser,
)
from debrief.service.insights import InsightUseCases

log = logging.getLogger(__name__)


class AskUseCases(InsightUseCases):
    """Answers from the notes only, with checked citations."""

    _asker_factory: Callable[[], Asker] | None
    _asker: Asker | None
    _router: Router | None

    @property
    def asker(self) -> Asker:
        """The question answerer, built on first use."""
        if self._asker is None:
            if self._asker_factory is None:
                raise UserError("asking is not configured")
            self._asker = self._asker_factory()
        return self._asker

    def ask(self, question: str, filters: Filters | None = None,
            history: list[Turn] | None = None) -> Answer:
        """Answer a question from the notes only."""
        *_, final = self.ask_stream(question, filters, history)
        assert isinstance(final, Answer)
        return final

    def ask_stream(self, question: str, filters: Filters | None = None,
                   history: list[Turn] | None = None) -> Iterator[str | Answer]:
        """Stream an answer: text pieces, then the checked Answer.

        Questions across interviews ("which companies…", "most often…") are answered in code
        from the records and extractions (aggregate.py); the rest by retrieval and the model.
        """
        if not question or not question.strip():
            raise UserError("the question is empty")
        question = spelled_out(question.strip())  # "rnd 2", "b4", "mgr": as words
        follow_up = bool(history) and len(terms(question)) <= 3
        if not follow_up:
            question, filters = self._without_companies(question, filters)
        filters = self._pointed(question, filters) if not follow_up else filters
        across = None if follow_up else self.aggregate_answer(question, filters)
        if across is not None and not across.answer.startswith(REFUSAL):
            return iter([across.answer, across])
        # A route whose records hold nothing for the question ("refs for the device job: how
        # many, and by when?" is no count of interviews): the passages may still answer it.
        parts = [question] if follow_up else split_asks(question)
        if len(parts) == 2:  # "When did they say they'd decide, and who did I want to thank?"
            return self._each_ask(parts, filters, history)
        return self.asker.stream(question, filters, history)

    def _each_ask(self, parts: list[str], filters: Filters | None,
                  history: list[Turn] | None) -> Iterator[str | Answer]:
        """Two asks in one question, answered one after the other (a small model given both
        answers one, or refuses both when one is not in the notes). The second ask, naming no
        company, stays with the interview the first answer came from (its company, when it
        came from several of its interviews, or the company the first ask named when it was
        refused): "… and is it even a permanent post?"."""
        start = time.perf_counter()
        done: list[Answer] = []
        for i, part in enumerate(parts):
            scoped = filters
            cited = {c.debrief_id for c in done[0].citations} if done else set()
            companies = {c.company for c in done[0].citations} if done else set()
            if done and not companies:
                # the first ask refused: the company it named ("taff at the council never told
                # me his real name did he? whats his surname")
                roles = self.store.roles()
                companies = set(named_companies(parts[0], sorted(roles), roles))
            if len(companies) == 1 and not (filters and (filters.company or filters.debrief)) \
                    and not any(c.casefold() in part.casefold() for c in self.store.companies()):
                # the same interview when the first answer came from one, else the company
                scoped = replace(filters or Filters(), debrief=cited.pop()) if len(cited) == 1 \
                    else replace(filters or Filters(), company=companies.pop())
            scoped = self._pointed(part, scoped)
            final = self.aggregate_answer(part, scoped)
            if final is not None and not final.answer.startswith(REFUSAL):
                yield final.answer  # (a count from the records cites nothing, yet answers)
            else:
                final = None
                for piece in self.asker.stream(part, scoped, history):
                    if isinstance(piece, Answer):
                        final = piece
                    else:
                        yield piece
            assert final is not None
            done.append(final)
            if i == 0:
                yield "\n\n"
        yield both_asks(parts, done, start)

    def _without_companies(self, question: str, filters: Filters | None
                           ) -> tuple[str, Filters | None]:
        """What a question leaves out, read once and carried on its filters. Companies left out
        ("leaving castellan out of it, which firms …") are asked of the others, without their
        names (which would narrow the search to them). A thing left out ("apart from the bus
        case, what …") keeps its words in the question and goes on the filters as
        `leave_thing`: the answer must leave it out (listings, slips and cited lines drop it)."""
        rest, thing = left_out(question)
        if not thing:
            return question, filters
        if filters is None or not (filters.company or filters.debrief):
            roles = self.store.roles()
            kept = {c.casefold() for c in named_companies(rest, sorted(roles), roles)}
            gone = {c.casefold() for c in named_companies(thing, sorted(roles), roles)} - kept
            if gone:
                log.info("the question leaves out %s", ", ".join(sorted(gone)))
                return rest, replace(filters or Filters(), leave_out=tuple(sorted(gone)))
        return question, replace(filters or Filters(), leave_thing=thing)

    def _pointed(self, question: str, filters: Filters | None) -> Filters | None:
        """The filters narrowed to the one interview the question names by its date or order
        ("my second round at Tindrel", "the panel on march 6th"), when it names one; with a
        company chosen, "my second round" counts that company's rounds."""
        if filters is not None and filters.debrief:
            return filters
        if not (filters and (filters.company or filters.leave_out)) and self.store.count() \
                and THE_PLACE.search(question) and not SETS_BESIDE.search(question):
            roles = self.store.roles()
            named = named_companies(question, roles, roles)
            # (named by a word they share, "the charity hospital" of two hospitals: the one
            # whose notes say charity)
            described = None if len(named) == 1 else \
                sentence_index(self.store).described(question, one_place=True)
            if described and named and not any(c.casefold() == described[0] for c in named):
                described = None
            if described:  # "the museum job": the one company whose notes say museum
                company = next((c for c in self.store.companies()
                                if c.casefold() == described[0]), None)
                if company:
                    log.info("the question describes %s (%s)", company, ", ".join(described[1]))
                    filters = replace(filters or Filters(), company=company)
        scoped = [d for d in self.store.snapshot() if filters is None or filters.keeps(d)]
        one = pointed_debrief(question, scoped, filters.company if filters else None)
        if one is None:
            return filters
        log.info("the question points at %s (%s, %s, %s)", one.id, one.company, one.stage, one.date)
        return replace(filters or Filters(), debrief=one.id)

    def aggregate_answer(self, question: str, filters: Filters | None = None) -> Answer | None:
        """The code-built answer to a cross-interview question, or None.

        The route is matched by meaning (routes.py); when the match is weak the chat model
        breaks the tie with a constrained choice, if asking is configured.
        """
        from debrief.features.aggregate import AggregateAnswerer

        answerer = AggregateAnswerer(self.store.snapshot, self._insights_of, self._vector_cache(),
                                     self.router())
        return answerer.answer(question, filters, choose=self._route_chooser())

    def warm_up(self) -> None:
        """Do ahead what the first question would otherwise wait for (the web app runs this in
        the background at start): read and split every debrief, embed their lines and the
        routes' examples, build the keyword index, load the chat model and read the route
        prompt's and the answer prompt's fixed starts. A failure here only leaves the first
        question slower."""
        from debrief.features.aggregate import AggregateAnswerer
        from debrief.features.retrieval import sentence_index

        start = time.perf_counter()
        try:
            answerer = AggregateAnswerer(self.store.snapshot, self._insights_of,
                                         self._vector_cache(), self.router())
            lines = answerer.warm()
            self.router().route("warm-up")
            sentence_index(self.store)
            self._vector_cache().save()
            chooser = self._route_chooser()
            if chooser is not None and hasattr(self.asker.model, "pick"):
                chooser("warm-up", list(self.router().routes[:CANDIDATES]))
                self.asker.model.load()  # type: ignore[attr-defined]  # answers and messages
                # The answer prompt's fixed start (its system text): read once now.
                self.asker.model.prefill(  # type: ignore[attr-defined]
                    self.asker.spec.messages(history="", passages="", question=""))
        except Exception as exc:  # noqa: BLE001 - warming is optional
            log.warning("warm-up stopped: %s", exc)
            return
        log.info("warm-up: %d lines of %d debriefs ready in %.1f s", lines,
                 len(self.store.snapshot()), time.perf_counter() - start)

    def router(self) -> Router:
        """The route table's matcher, built once (its example vectors are kept)."""
        router = getattr(self, "_router", None)
        if router is None:
            router = self._router = Router(self._vector_cache())
        return router

    def _route_chooser(self) -> RouteChooser | None:
        """The chat model as the router's tie-breaker (None when asking is not configured)."""
        if self._asker_factory is None:
            return None

        def choose(question: str, options: list[Route]) -> str | None:
            asker = self.asker
            return model_chooser(asker.model, asker.prompts, self.router().routes)(question, options)

        return choose


def both_asks(parts: list[str], answers: list[Answer], start: float) -> Answer:
    """One Answer for two asks: each answer in turn, the second's citation numbers after the
    first's; an ask the notes don't answer says so by its own words; a refusal only when
    neither is answered."""
    answered = [not a.answer.startswith(REFUSAL) for a in answers]
    if not any(answered):
        return refusal(start, sum(a.prompt_tokens for a in answers),
                       [c for a in answers for c in a.suggestions][:4])
    texts: list[str] = []
    offset = 0
    for part, a, said in zip(parts, answers, answered, strict=True):
        if said:
            texts.append(renumbered(a.answer, offset))
            offset += len(a.citations)
        else:
            asked = re.sub(r"^(?:and|also|plus)\s+", "", " ".join(asking_part(part).split()),
                           flags=re.IGNORECASE)
            texts.append(f"On “{asked}”: {REFUSAL[:1].lower()}{REFUSAL[1:]}")
    return Answer(answer="\n\n".join(texts), supported=any(a.supported for a in answers),
                  citations=[c for a, said in zip(answers, answered, strict=True) if said
                             for c in a.citations],
                  seconds=round(time.perf_counter() - start, 2),
                  prompt_tokens=sum(a.prompt_tokens for a in answers))


def renumbered(text: str, by: int) -> str:
    """The answer with each citation number moved on by `by` ("[1]" -> "[3]")."""
    return CITE.sub(lambda m: f"[{int(m.group(1)) + by}]", text)
