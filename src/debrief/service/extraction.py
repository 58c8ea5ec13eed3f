"""Extraction runs: now, or queued on the single worker, with progress and crash recovery."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from debrief.core.corrections import apply_corrections
from debrief.core.domain import Debrief, Extraction
from debrief.core.errors import UserError
from debrief.features.extract import Extractor
from debrief.service.base import ServiceBase
from debrief.service.inputs import check_notes

log = logging.getLogger(__name__)


class ExtractionUseCases(ServiceBase):
    """Extraction of stored debriefs; the model runs one job at a time."""

    _extractor_factory: Callable[[], Extractor]
    _extractor: Extractor | None
    _pool: ThreadPoolExecutor
    _progress: dict[str, tuple[str, float]]
    extract_timeout: float

    @property
    def extractor(self) -> Extractor:
        """The extractor, built (and its model loaded) on first use."""
        if self._extractor is None:
            self._extractor = self._extractor_factory()
        return self._extractor

    def extract_text(self, notes: str) -> Extraction:
        """Extract from text without storing anything."""
        return self.extractor.extract(check_notes(notes))

    def run_extraction(self, debrief_id: str) -> Debrief:
        """Extract a stored debrief now; the status says running, then done or failed."""
        with self._lock:
            d = self.get(debrief_id)
            d.extraction_status, d.extraction_error = "running", None
            self.store.save_record_only(d, worker_pid=os.getpid())
        log.info("extraction of %s started (pid %d)", d.id, os.getpid())
        try:
            ext = self.extractor.extract(
                d.notes, progress=lambda msg, frac: self._progress.__setitem__(d.id, (msg, frac)))
        except UserError as exc:
            return self._fail(d.id, str(exc))
        except Exception as exc:  # the model crashed: the note stays, the status says why
            log.exception("extraction failed for %s", d.id)
            return self._fail(d.id, f"{type(exc).__name__}: {exc}")
        finally:
            self._progress.pop(d.id, None)
        with self._lock:
            current = self.get(d.id)
            if current.notes != d.notes:  # edited meanwhile: this result is stale
                return current
            # The user's corrections apply to every extraction (core/corrections.py).
            current.extraction = apply_corrections(ext, current.corrections, current.notes)
            current.extraction_status = "done"
            current.extraction_error = None
            self.store.save_record_only(current)
            self.store.index_facts(current)
            log.info("extraction of %s done", d.id)
            return current

    def _fail(self, debrief_id: str, reason: str) -> Debrief:
        with self._lock:
            d = self.get(debrief_id)
            d.extraction_status, d.extraction_error = "failed", reason
            self.store.save_record_only(d)
            return d

    def extract_in_background(self, debrief_id: str) -> Future[Debrief]:
        """Queue an extraction on the single worker (the model runs one job at a time)."""
        self._progress[debrief_id] = ("queued", 0.0)
        return self._pool.submit(self.run_extraction, debrief_id)

    def progress(self, debrief_id: str) -> tuple[str, float] | None:
        """(message, fraction) of a running extraction, or None."""
        return self._progress.get(debrief_id)

    def recover_interrupted(self) -> int:
        """Mark extractions left 'running' by a killed process as failed, so they can be retried."""
        n = 0
        for debrief_id, pid in self.store.running_workers().items():
            if pid and pid != os.getpid() and _alive(pid):
                continue  # another live process (the server, a CLI) is on it
            if pid == os.getpid() and debrief_id in self._progress:
                continue
            self._fail(debrief_id, "interrupted: the app stopped during extraction; retry it")
            n += 1
        return n


def _alive(pid: int) -> bool:
    """True when a process with this pid exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
