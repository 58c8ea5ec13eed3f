"""Questions over the notes: across interviews in code, anything else by retrieval and the model."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from debrief.core.errors import UserError
from debrief.core.text import terms
from debrief.features.ask import Answer, Asker, Filters, Turn
from debrief.service.insights import InsightUseCases


class AskUseCases(InsightUseCases):
    """Answers from the notes only, with checked citations."""

    _asker_factory: Callable[[], Asker] | None
    _asker: Asker | None

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
        question = question.strip()
        follow_up = bool(history) and len(terms(question)) <= 3
        across = None if follow_up else self.aggregate_answer(question, filters)
        if across is not None:
            return iter([across.answer, across])
        return self.asker.stream(question, filters, history)

    def aggregate_answer(self, question: str, filters: Filters | None = None) -> Answer | None:
        """The code-built answer to a cross-interview question, or None."""
        from debrief.features.aggregate import AggregateAnswerer

        answerer = AggregateAnswerer(self.store.all, self._insights_of, self._vector_cache())
        return answerer.answer(question, filters)
