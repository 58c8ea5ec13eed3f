"""What every area of the service shares: the store, the lock and reading one debrief."""

from __future__ import annotations

import threading

from debrief.adapters.store import DebriefStore
from debrief.core.domain import Debrief


class ServiceBase:
    """The state all use cases share; DebriefService sets it in its constructor."""

    store: DebriefStore
    _lock: threading.RLock

    def get(self, debrief_id: str) -> Debrief:
        """One debrief by id."""
        return self.store.get(debrief_id.strip())
