"""DebriefService: the use cases. The CLI and the web UI call only this."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from debrief.adapters.store import DebriefStore
from debrief.core.domain import (
    MESSAGE_KINDS,
    SCHEMA_VERSION,
    STAGES,
    TONES,
    Debrief,
    Export,
    Extraction,
    Message,
    Person,
    now_iso,
)
from debrief.core.errors import UserError
from debrief.core.files import write_atomic
from debrief.core.text import terms
from debrief.features.ask import Answer, Asker, Filters, Turn
from debrief.features.compose import ComposedMessage, Composer
from debrief.features.extract import Extractor
from debrief.features.insights import CachingEmbedder, Insights, build_insights, check_role_status

log = logging.getLogger(__name__)

MAX_NOTE_CHARS = 100_000
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def decode_note(data: bytes, source: str = "input") -> str:
    """Bytes from a file or stdin as text, refusing binary files and invalid UTF-8."""
    if b"\x00" in data[:8192]:
        raise UserError(f"{source} looks like a binary file, not text notes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{source} is not valid UTF-8 text (byte {exc.start}); save it as UTF-8 and try again"
        ) from exc


def check_date(value: str | None) -> str:
    """A YYYY-MM-DD date (today when empty), or a clear error."""
    if value is None or not str(value).strip():
        return dt.date.today().isoformat()
    value = str(value).strip()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise UserError(f"invalid date '{value}': use YYYY-MM-DD, e.g. 2026-03-04") from exc


def check_stage(value: str | None) -> str:
    """One of the known stages (case-insensitive); 'other' when empty."""
    if value is None or not value.strip():
        return "other"
    v = value.strip().lower()
    if v not in STAGES:
        raise UserError(f"unknown stage '{value}': use one of {', '.join(STAGES)}")
    return v


def check_notes(notes: str | None) -> str:
    """Notes exactly as written, refusing empty and oversized ones."""
    if notes is None or not notes.strip():
        raise UserError("the notes are empty: write what happened in the interview")
    if len(notes) > MAX_NOTE_CHARS:
        raise UserError(
            f"the notes are {len(notes):,} characters; the limit is {MAX_NOTE_CHARS:,}. "
            "Split them into several debriefs (one per interview)."
        )
    if "\x00" in notes:
        raise UserError("the notes contain binary data (NUL bytes); paste plain text")
    return notes


def parse_person(value: str) -> Person:
    """'Name|Title' (title optional) into a Person."""
    name, _, title = value.partition("|")
    if not name.strip() and not title.strip():
        raise UserError(f"empty person '{value}': use \"Name|Title\"")
    return Person(name=name.strip() or None, title=title.strip() or None)


def parse_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A small 'key: value' header between --- lines, and the rest of the note."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    fields: dict[str, Any] = {}
    people: list[str] = []
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key in ("person", "people"):
            people.extend(v.strip() for v in value.split(";") if v.strip())
        else:
            fields[key] = value
    fields["people"] = people
    return fields, text[m.end():]


class DebriefService:
    """Save, read, edit, extract and export debriefs."""

    def __init__(self, store: DebriefStore, extractor_factory: Callable[[], Extractor],
                 *, extract_timeout: float = 600.0,
                 asker_factory: Callable[[], Asker] | None = None,
                 composer_factory: Callable[[], Composer] | None = None,
                 profile_path: Path | None = None, user_name: str | None = None,
                 signature: str | None = None, insights_dir: Path | None = None) -> None:
        self.insights_dir = insights_dir
        self._vectors: CachingEmbedder | None = None
        self._composer_factory = composer_factory
        self._composer: Composer | None = None
        self.profile_path = profile_path
        self._env_profile = {"user_name": user_name, "signature": signature}
        self.store = store
        self._extractor_factory = extractor_factory
        self._extractor: Extractor | None = None
        self._asker_factory = asker_factory
        self._asker: Asker | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
        self._progress: dict[str, tuple[str, float]] = {}
        self._lock = threading.RLock()
        self.extract_timeout = extract_timeout

    @property
    def extractor(self) -> Extractor:
        """The extractor, built (and its model loaded) on first use."""
        if self._extractor is None:
            self._extractor = self._extractor_factory()
        return self._extractor

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

    # -- insights --------------------------------------------------------------------------

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
            practised=set(state["practised"]))
        vectors.save()
        return result

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
                "practised": list(data.get("practised", []))}

    def _save_insights_state(self, state: dict[str, Any]) -> None:
        if self.insights_dir is None:
            raise UserError("no data folder to keep insights settings in")
        write_atomic(self.insights_dir / "insights.json",
                     json.dumps(state, indent=2, sort_keys=True) + "\n")

    # -- messages --------------------------------------------------------------------------

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

    def compose(self, debrief_id: str, kind: str, to: str | None = None,
                tone: str = "warm", save: bool = True) -> ComposedMessage:
        """Write a grounded thank-you, connection or follow-up message and keep it."""
        *_, final = self.compose_stream(debrief_id, kind, to, tone, save)
        return final

    def compose_stream(self, debrief_id: str, kind: str, to: str | None = None,
                       tone: str = "warm", save: bool = True) -> Iterator[ComposedMessage]:
        """Like compose, yielding growing checked snapshots; the last one is final and saved."""
        if kind not in MESSAGE_KINDS:
            raise UserError(f"unknown message kind '{kind}': use {', '.join(MESSAGE_KINDS)}")
        if tone not in TONES:
            raise UserError(f"unknown tone '{tone}': use {', '.join(TONES[:-1])} or {TONES[-1]}")
        d = self.get(debrief_id)
        if kind in ("thank-you", "connect") and not to:
            raise UserError("say who the message is for: --to NAME")
        if to:
            known = [p.name for p in d.people if p.name]
            if d.extraction:
                known += [p.name for p in d.extraction.people if p.name]
            match = next((k for k in known if k.casefold() == to.strip().casefold()), None)
            match = match or next((k for k in known if k.casefold().split(" ")[0]
                                   == to.strip().casefold().split(" ")[0]), None)
            if match is None and to.strip().casefold() not in d.notes.casefold():
                raise UserError(f"{to} is not among the people in this debrief "
                                f"({', '.join(known) or 'none recorded'})")
            to = match or to.strip()
        if self._composer is None:
            if self._composer_factory is None:
                raise UserError("messages are not configured")
            self._composer = self._composer_factory()
        prof = self.profile()
        out: ComposedMessage | None = None
        for out in self._composer.compose_stream(
                d, kind, to, tone=tone,  # type: ignore[arg-type]
                user_name=prof.get("user_name"), signature=prof.get("signature")):
            yield out
        if save and out is not None:
            with self._lock:
                current = self.get(debrief_id)
                current.messages.append(Message(kind=kind, to=to,  # type: ignore[arg-type]
                                                message=out.message))
                self.store.save_record_only(current)

    # -- capture ---------------------------------------------------------------------------

    def add(
        self, notes: str, *, company: str | None, role: str | None = None,
        date: str | None = None, stage: str | None = None,
        people: list[Person] | None = None, debrief_id: str | None = None,
    ) -> Debrief:
        """Validate and store a new debrief; nothing else runs before it is saved."""
        if company is None or not company.strip():
            raise UserError("the company is missing: fill in Company (--company on the command line)")
        d = Debrief(
            id=debrief_id or uuid.uuid4().hex[:12],
            company=company.strip(), role=(role or "").strip() or None,
            date=check_date(date), stage=check_stage(stage),
            people=[p for p in (people or []) if p.name or p.title],
            notes=check_notes(notes),
        )
        self.store.save(d)
        return d

    def get(self, debrief_id: str) -> Debrief:
        """One debrief by id."""
        return self.store.get(debrief_id.strip())

    def list(self, company: str | None = None, text: str | None = None) -> list[Debrief]:
        """Debriefs, newest first, filtered by company and free text."""
        items = self.store.all()
        if company:
            c = company.strip().casefold()
            items = [d for d in items if c in d.company.casefold()]
        if text:
            t = text.strip().casefold()
            items = [d for d in items if t in d.notes.casefold() or t in d.company.casefold()
                     or t in (d.role or "").casefold()]
        return items

    def edit(
        self, debrief_id: str, *, notes: str | None = None, company: str | None = None,
        role: str | None = None, date: str | None = None, stage: str | None = None,
        people: list[Person] | None = None,
    ) -> Debrief:
        """Change fields of a debrief; a changed note replaces its chunks atomically."""
        with self._lock:
            d = self.get(debrief_id)
            changes: dict[str, Any] = {}
            if notes is not None:
                changes["notes"] = check_notes(notes)
            if company is not None:
                if not company.strip():
                    raise UserError("the company cannot be empty")
                changes["company"] = company.strip()
            if role is not None:
                changes["role"] = role.strip() or None
            if date is not None:
                changes["date"] = check_date(date)
            if stage is not None:
                changes["stage"] = check_stage(stage)
            if people is not None:
                changes["people"] = people
            if not changes:
                return d
            updated = d.model_copy(update={**changes, "updated_at": now_iso()})
            if "notes" in changes and changes["notes"] != d.notes:
                updated.extraction_status = "pending"
            self.store.save(updated)
            return updated

    def delete(self, debrief_id: str) -> None:
        """Remove a debrief and its chunks."""
        self.store.delete(debrief_id.strip())

    def reindex(self) -> int:
        """Rebuild every chunk and vector from the stored debriefs."""
        items = self.store.all()
        for d in items:
            self.store.save(d)
            self.store.index_facts(d)
        return len(items)

    # -- export / import -------------------------------------------------------------------

    def export_json(self) -> str:
        """Every debrief as the JSON export (oldest first, stable)."""
        items = sorted(self.store.all(), key=lambda d: (d.created_at, d.id))
        return Export(debriefs=items).model_dump_json(indent=2) + "\n"

    def export_markdown(self) -> str:
        """Every debrief as readable Markdown with front matter (re-importable)."""
        parts = []
        for d in sorted(self.store.all(), key=lambda d: (d.date, d.id)):
            people = "; ".join(f"{p.name or ''}|{p.title or ''}" for p in d.people)
            parts.append(
                f"---\ncompany: {d.company}\nrole: {d.role or ''}\ndate: {d.date}\n"
                f"stage: {d.stage}\npeople: {people}\nid: {d.id}\n---\n{d.notes.rstrip()}\n"
            )
        return "\n".join(parts)

    def import_path(self, path: Path) -> list[Debrief]:
        """Import a JSON export, or a folder (or file) of .md/.txt notes."""
        if not path.exists():
            raise UserError(f"nothing to import at {path}")
        if path.is_file() and path.suffix == ".json":
            return self._import_export(path)
        files = [path] if path.is_file() else sorted(
            p for p in path.iterdir() if p.suffix.lower() in (".md", ".txt"))
        if not files:
            raise UserError(f"no .json export or .md/.txt notes found at {path}")
        out = []
        for f in files:
            text = decode_note(f.read_bytes(), str(f))
            fields, body = parse_front_matter(text)
            company = fields.get("company") or _company_from_filename(f)
            out.append(self.add(
                body, company=company, role=fields.get("role"), date=fields.get("date"),
                stage=fields.get("stage"), people=[parse_person(p) for p in fields["people"]]
                if fields.get("people") else [],
            ))
        return out

    def _import_export(self, path: Path) -> list[Debrief]:
        try:
            data = json.loads(decode_note(path.read_bytes(), str(path)))
            export = Export.model_validate(data)
        except (json.JSONDecodeError, ValueError) as exc:
            raise UserError(f"{path} is not a Debrief JSON export: {str(exc)[:200]}") from exc
        if export.schema_version > SCHEMA_VERSION:
            raise UserError(f"{path} comes from a newer Debrief (schema {export.schema_version})")
        for d in export.debriefs:
            check_notes(d.notes)
            self.store.save(d)
            self.store.index_facts(d)
        return export.debriefs

    # -- extraction ------------------------------------------------------------------------

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
            current.extraction, current.extraction_status = ext, "done"
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

    # -- backups ---------------------------------------------------------------------------

    def backup(self, folder: Path, keep: int = 7) -> Path:
        """Write a dated JSON export into folder and keep only the newest `keep` backups."""
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
        path = folder / f"debrief-{stamp}.json"
        write_atomic(path, self.export_json())
        for old in sorted(folder.glob("debrief-*.json"))[:-keep]:
            old.unlink()
        return path

    def backup_if_due(self, folder: Path, keep: int = 7) -> Path | None:
        """Back up once a day when the app is used (nothing to do if today's exists)."""
        today = dt.date.today().isoformat()
        if any(folder.glob(f"debrief-{today}-*.json")) or self.store.count() == 0:
            return None
        return self.backup(folder, keep)

    def close(self) -> None:
        """Stop the worker."""
        self._pool.shutdown(wait=False, cancel_futures=True)


def _alive(pid: int) -> bool:
    """True when a process with this pid exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _company_from_filename(path: Path) -> str:
    """'03-quillfeather.txt' -> 'Quillfeather'."""
    stem = re.sub(r"^\d+[-_ ]*", "", path.stem)
    return " ".join(w.capitalize() for w in re.split(r"[-_ ]+", stem) if w) or path.stem
