"""Learning from corrections: the personal classifier, refitted in the background after every
few corrections (or on demand), used by the extractor when present, and reset on request."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from debrief.core.domain import Correction
from debrief.core.errors import UserError
from debrief.features.classify import LineClassifier
from debrief.features.personal import REFIT_EVERY, PersonalLearner, label_corrections
from debrief.service.corrections import CorrectionUseCases

log = logging.getLogger(__name__)


class LearningUseCases(CorrectionUseCases):
    """The user's corrections teach a personal copy of the sentence classifier."""

    learner: PersonalLearner | None
    _learn_pool: ThreadPoolExecutor
    _learning: Future[dict[str, object]] | None
    _learn_lock: threading.Lock

    def _require_learner(self) -> PersonalLearner:
        if self.learner is None:
            raise UserError("learning from corrections is not configured")
        return self.learner

    def personal_classifier(self) -> LineClassifier | None:
        """The personal classifier the extractor uses, or None (the shipped one)."""
        return self.learner.current() if self.learner else None

    def retrain(self) -> dict[str, object]:
        """Refit the personal classifier on every correction now; its summary."""
        learner = self._require_learner()
        with self._learn_lock:
            return learner.fit(self.store.all())

    def reset_personal_model(self) -> None:
        """Back to the shipped classifier (corrections stay in the debriefs)."""
        with self._learn_lock:
            self._require_learner().reset()

    def learning_status(self) -> dict[str, object]:
        """{personal, corrections (learned from), examples, seconds, fitted_at, waiting}: how
        many corrections the personal model learned from, and how many it has not seen yet."""
        learner = self._require_learner()
        status = learner.status()
        total = sum(label_corrections(d) for d in self.store.all())
        learned = status["corrections"] if isinstance(status["corrections"], int) else 0
        return {**status, "waiting": max(0, total - learned),
                "refitting": self._learning is not None and not self._learning.done()}

    def _after_correction(self, correction: Correction) -> None:
        """After every few corrections, refit in the background."""
        if self.learner is None or correction.op not in ("remove", "move", "add"):
            return
        if self._learning is not None and not self._learning.done():
            return  # a refit is running; the next correction checks again
        status = self.learning_status()
        waiting = status["waiting"]
        if isinstance(waiting, int) and waiting >= REFIT_EVERY:
            self._learning = self._learn_pool.submit(self._refit_quietly)

    def _refit_quietly(self) -> dict[str, object]:
        try:
            return self.retrain()
        except Exception:  # a failed refit keeps the previous model; corrections are saved
            log.exception("refitting the personal classifier failed")
            return {}

    def wait_for_learning(self, timeout: float | None = None) -> None:
        """Block until a background refit (if any) is finished (the CLI, before exiting)."""
        if self._learning is not None:
            self._learning.result(timeout=timeout)
