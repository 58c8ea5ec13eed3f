"""The user's profile and the grounded messages written from a debrief."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from debrief.core.domain import MESSAGE_KINDS, TONES, Message
from debrief.core.errors import UserError
from debrief.core.files import write_atomic
from debrief.features.compose import ComposedMessage, Composer
from debrief.service.base import ServiceBase


class MessageUseCases(ServiceBase):
    """Thank-you, connection and follow-up messages, signed with the user's profile."""

    profile_path: Path | None
    _env_profile: dict[str, str | None]
    _composer_factory: Callable[[], Composer] | None
    _composer: Composer | None

    def profile(self) -> dict[str, str | None]:
        """The user's name, signature and background (settings win over the saved profile)."""
        saved: dict[str, str | None] = {}
        if self.profile_path and self.profile_path.is_file():
            saved = json.loads(self.profile_path.read_text(encoding="utf-8"))
        return {**saved, **{k: v for k, v in self._env_profile.items() if v}}

    def save_profile(self, **values: str | None) -> dict[str, str | None]:
        """Store name, signature or background in the data dir (asked once in the UI)."""
        if self.profile_path is None:
            raise UserError("no data dir to store the profile in")
        current = {}
        if self.profile_path.is_file():
            current = json.loads(self.profile_path.read_text(encoding="utf-8"))
        current.update({k: (v or "").strip() or None for k, v in values.items()})
        write_atomic(self.profile_path, json.dumps(current, indent=2))
        return self.profile()

    def warm_messages(self) -> None:
        """Read the message prompt's fixed start ahead of the first message (see warm_up)."""
        if self._composer_factory is None:
            return
        if self._composer is None:
            self._composer = self._composer_factory()
        self._composer.warm()

    def compose(self, debrief_id: str, kind: str, to: str | None = None,
                tone: str = "warm", save: bool = True,
                use: list[int] | None = None) -> ComposedMessage:
        """Write a grounded thank-you, connection or follow-up message and keep it."""
        *_, final = self.compose_stream(debrief_id, kind, to, tone, save, use)
        return final

    def compose_stream(self, debrief_id: str, kind: str, to: str | None = None,
                       tone: str = "warm", save: bool = True,
                       use: list[int] | None = None) -> Iterator[ComposedMessage]:
        """Like compose, yielding growing checked snapshots; the last one is final and saved.

        `use`: the detail numbers the user ticked (a rewrite: the model is not asked again, and
        the saved message it rewrites is replaced)."""
        if kind not in MESSAGE_KINDS:
            raise UserError(f"unknown message kind '{kind}': use {', '.join(MESSAGE_KINDS)}")
        if tone not in TONES:
            raise UserError(f"unknown tone '{tone}': use {', '.join(TONES[:-1])} or {TONES[-1]}")
        d = self.get(debrief_id)
        if kind in ("thank-you", "connect") and not to:
            raise UserError("say who the message is for: --to NAME")
        if to:
            people = [*d.people, *(d.extraction.people if d.extraction else [])]
            known = [p.name for p in people if p.name]
            # Someone known only by role ("the hiring manager") is addressed by that role.
            titles = [p.title for p in people if p.title and not p.name]
            want = to.strip().casefold().removeprefix("the ")
            match = next((k for k in known if k.casefold() == to.strip().casefold()), None)
            match = match or next((t for t in titles
                                   if t.casefold().removeprefix("the ") == want), None)
            match = match or next((k for k in known if k.casefold().split(" ")[0]
                                   == to.strip().casefold().split(" ")[0]), None)
            if match is None and to.strip().casefold() not in d.notes.casefold():
                raise UserError(f"{to} is not among the people in this debrief "
                                f"({', '.join(known + titles) or 'none recorded'})")
            to = match or to.strip()
        if self._composer is None:
            if self._composer_factory is None:
                raise UserError("messages are not configured")
            self._composer = self._composer_factory()
        prof = self.profile()
        out: ComposedMessage | None = None
        for out in self._composer.compose_stream(
                d, kind, to, tone=tone,
                user_name=prof.get("user_name"), signature=prof.get("signature"), use=use,
                elsewhere=self.store.companies() - {d.company}):
            yield out
        if save and out is not None:
            with self._lock:
                current = self.get(debrief_id)
                last = current.messages[-1] if current.messages else None
                if use is not None and last and last.kind == kind and last.to == to:
                    current.messages.pop()  # a rewrite replaces the message it rewrites
                current.messages.append(Message(kind=kind, to=to,
                                                message=out.message))
                self.store.save_record_only(current)
