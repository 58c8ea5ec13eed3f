"""BM25 keyword ranking (bm25s, sparse matrices): the only bm25s import.

Documents and queries arrive as token lists already stemmed (core.text.stems), so the same
words match whatever their ending ("quizzes" / "quiz", "panelists" / "panel").
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build


class KeywordIndex:
    """Okapi BM25 over token lists; scores every document for a query in one sparse product."""

    def __init__(self, docs: list[list[str]]) -> None:
        import bm25s

        self.size = len(docs)
        self._bm25: Any = bm25s.BM25()
        # bm25s needs at least one token somewhere; an empty document scores 0.
        self._bm25.index([d or [""] for d in docs] or [[""]], show_progress=False)
        self._vocab: dict[str, int] = self._bm25.vocab_dict

    def scores(self, query: list[str]) -> np.ndarray:
        """BM25 score of every document (0 where no query token occurs)."""
        known = [t for t in dict.fromkeys(query) if t in self._vocab]
        if not known or not self.size:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)[: self.size]
