"""DebriefService: the use cases. The CLI and the web UI call only this.

The use cases are grouped by area, one module each, and DebriefService puts them together:
- records.py: add, get, list, edit, delete, reindex (the note is saved before anything else).
- transfer.py: JSON and Markdown export, import, backups.
- extraction.py: run, queue and recover extractions.
- insights.py and asking.py: insights across interviews; questions over the notes.
- messages.py: the user's profile; thank-you, connection and follow-up messages.
- corrections.py and learning.py: the user's fixes to extractions; the personal classifier
  refitted from them.
- inputs.py: checks and parsing of what the user gives (also used by the CLI and UI).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from debrief.adapters.store import DebriefStore
from debrief.features.ask import Asker
from debrief.features.compose import Composer
from debrief.features.extract import Extractor
from debrief.features.personal import PersonalLearner
from debrief.service.asking import AskUseCases
from debrief.service.extraction import ExtractionUseCases
from debrief.service.inputs import (
    FRONT_MATTER,
    MAX_NOTE_CHARS,
    check_date,
    check_notes,
    check_stage,
    decode_note,
    parse_front_matter,
    parse_person,
)
from debrief.service.learning import LearningUseCases
from debrief.service.messages import MessageUseCases
from debrief.service.transfer import TransferUseCases

log = logging.getLogger(__name__)

__all__ = [
    "FRONT_MATTER",
    "MAX_NOTE_CHARS",
    "DebriefService",
    "check_date",
    "check_notes",
    "check_stage",
    "decode_note",
    "parse_front_matter",
    "parse_person",
]


class DebriefService(TransferUseCases, ExtractionUseCases, AskUseCases, MessageUseCases,
                     LearningUseCases):
    """Save, read, edit, extract and export debriefs."""

    def __init__(self, store: DebriefStore, extractor_factory: Callable[[], Extractor],
                 *, extract_timeout: float = 600.0,
                 asker_factory: Callable[[], Asker] | None = None,
                 composer_factory: Callable[[], Composer] | None = None,
                 profile_path: Path | None = None, user_name: str | None = None,
                 signature: str | None = None, insights_dir: Path | None = None,
                 learner: PersonalLearner | None = None) -> None:
        self.store = store
        self._lock = threading.RLock()
        # extraction
        self._extractor_factory = extractor_factory
        self._extractor = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
        self._progress = {}
        self.extract_timeout = extract_timeout
        # insights and asking
        self.insights_dir = insights_dir
        self._vectors = None
        self._asker_factory = asker_factory
        self._asker = None
        # messages
        self.profile_path = profile_path
        self._env_profile = {"user_name": user_name, "signature": signature}
        self._composer_factory = composer_factory
        self._composer = None
        # learning from corrections
        self.learner = learner
        self._learn_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="learn")
        self._learning = None
        self._learn_lock = threading.Lock()

    def warm_up(self) -> None:
        """Do ahead what the first question and the first message would wait for (the web app
        runs this in the background at start); a failure only leaves them slower."""
        super().warm_up()
        try:
            self.warm_messages()
        except Exception as exc:  # noqa: BLE001 - warming is optional
            log.warning("message warm-up stopped: %s", exc)

    def close(self) -> None:
        """Stop the worker."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._learn_pool.shutdown(wait=False, cancel_futures=True)
