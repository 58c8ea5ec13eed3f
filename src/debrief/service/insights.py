"""Insights across interviews and the user's marks on them (role statuses, practised items)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from debrief.core.domain import Debrief
from debrief.core.errors import UserError
from debrief.core.files import write_atomic
from debrief.features.insights import CachingEmbedder, Insights, build_insights, check_role_status
from debrief.features.insights.brief import Brief, build_brief
from debrief.service.base import ServiceBase


class InsightUseCases(ServiceBase):
    """Patterns across every stored debrief; no chat model runs (only the embedder)."""

    insights_dir: Path | None
    _vectors: CachingEmbedder | None

    def _vector_cache(self) -> CachingEmbedder:
        """The embedder with its on-disk vector cache, shared by insights and asking."""
        if self._vectors is None:
            cache = self.insights_dir / "insight-vectors.npz" if self.insights_dir else None
            self._vectors = CachingEmbedder(self.store.embedder, cache)
        return self._vectors

    def insights(self, company: str | None = None, *, today: dt.date | None = None,
                 follow_up_days: int = 7) -> Insights:
        """Patterns across every stored debrief; no chat model runs (only the embedder)."""
        return self._insights_of(self.store.all(), company, today=today,
                                 follow_up_days=follow_up_days)

    def _insights_of(self, debriefs: list[Debrief], company: str | None = None, *,
                     today: dt.date | None = None, follow_up_days: int = 7) -> Insights:
        vectors = self._vector_cache()
        state = self._insights_state()
        result = build_insights(
            debriefs, vectors, today=today or dt.date.today(), company=company,
            follow_up_days=follow_up_days, statuses=state["role_status"],
            practised=set(state["practised"]), user_names=self._user_names())
        vectors.save()
        return result

    def prep(self, company: str, *, today: dt.date | None = None) -> Brief:
        """A brief for the next round at one company (exact name first, else a part of it)."""
        wanted = " ".join((company or "").split()).casefold()
        if not wanted:
            raise UserError("say which company: debrief prep COMPANY")
        debriefs = self.store.all()
        names = sorted({d.company for d in debriefs})
        exact = [n for n in names if n.casefold() == wanted]
        near = exact or [n for n in names if wanted in n.casefold()]
        if len(near) != 1:
            known = ", ".join(near or names) or "none yet"
            raise UserError(f"no single company matches '{company}' (companies: {known})")
        chosen = [d for d in debriefs if d.company == near[0]]
        here = self._insights_of(chosen, today=today)
        everywhere = self._insights_of(debriefs, today=today)
        return build_brief(chosen, here, everywhere, set(self._insights_state()["sent"]))

    def mark_sent(self, key: str, done: bool = True) -> None:
        """Mark a follow-up of a brief ('f-{debrief_id}:{index}') sent, or not."""
        with self._lock:
            state = self._insights_state()
            keys = set(state["sent"])
            state["sent"] = sorted(keys | {key} if done else keys - {key})
            self._save_insights_state(state)

    def _user_names(self) -> set[str]:
        """The user's own name (settings or the saved profile): never a contact."""
        profile = getattr(self, "profile", None)  # MessageUseCases, in DebriefService
        name = profile().get("user_name") if callable(profile) else None
        return {name} if name else set()

    def set_role_status(self, key: str, status: str) -> None:
        """Remember the user's status for a better-fit role (key '{debrief_id}:{index}')."""
        try:
            value = check_role_status(status)
        except ValueError as exc:
            raise UserError(str(exc)) from exc
        with self._lock:
            state = self._insights_state()
            state["role_status"][key] = value
            self._save_insights_state(state)

    def mark_practised(self, key: str, done: bool = True) -> None:
        """Mark a question group ('q-...') or practice point ('p-...') practised, or not."""
        with self._lock:
            state = self._insights_state()
            keys = set(state["practised"])
            keys = keys | {key} if done else keys - {key}
            state["practised"] = sorted(keys)
            self._save_insights_state(state)

    def _insights_state(self) -> dict[str, Any]:
        path = self.insights_dir / "insights.json" if self.insights_dir else None
        data = json.loads(path.read_text(encoding="utf-8")) if path and path.is_file() else {}
        return {"role_status": dict(data.get("role_status", {})),
                "practised": list(data.get("practised", [])),
                "sent": list(data.get("sent", []))}

    def _save_insights_state(self, state: dict[str, Any]) -> None:
        if self.insights_dir is None:
            raise UserError("no data folder to keep insights settings in")
        write_atomic(self.insights_dir / "insights.json",
                     json.dumps(state, indent=2, sort_keys=True) + "\n")
