"""Serving the web app: the password, the loopback rule, the draft key, launch."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import secrets
import threading
from pathlib import Path

from debrief.core.config import Settings
from debrief.core.errors import UserError
from debrief.service import DebriefService
from debrief.ui.web.insights_render import INSIGHTS_CSS
from debrief.ui.web.render import CSS

log = logging.getLogger(__name__)


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """DEBRIEF_AUTH as user:password, or a path to a file holding it."""
    if not value:
        return None
    path = Path(value).expanduser()
    if path.is_file():
        value = path.read_text(encoding="utf-8").strip()
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise UserError("DEBRIEF_AUTH must be user:password (or a file holding it)")
    return user, password


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def draft_secret(data_dir: Path) -> str:
    """The key that encrypts drafts in the browser, kept so drafts survive a restart."""
    path = data_dir / "browser-secret"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(16)
    path.write_text(value, encoding="utf-8")
    return value


def describe_model(settings: Settings) -> str:
    """The active model as the page shows it: name and size, or why it is not available."""
    from debrief.adapters.catalog import Catalog

    try:
        if settings.llm_url:  # the model runs on an OpenAI-compatible server
            return f"{settings.llm_model or 'server model'} at {settings.llm_url}"
        label, path = Catalog.load(settings.models_dir).resolve(settings.model)
        return f"{label} ({path.stat().st_size / 1e6:,.0f} MB)"
    except UserError as exc:
        return f"{settings.model} — not available: {exc}"


def prepare(service: DebriefService, settings: Settings) -> None:
    """Before serving: mark interrupted extractions failed, take the daily backup."""
    recovered = service.recover_interrupted()
    try:
        service.backup_if_due(settings.backups_dir)
    except (OSError, UserError) as exc:
        log.warning("daily backup failed: %s", exc)
    if recovered:
        log.warning("%d extraction(s) were interrupted; marked failed so they can be retried",
                    recovered)


class GoneStreamFilter(logging.Filter):
    """A browser's event stream that ends from the client's side is logged by uvicorn as a server
    traceback, though the app is fine. Two shapes: the stream of a session Gradio has already
    cleaned up (a page closed or reloaded mid-event) gets a 404 from inside the response; and when
    two streams of one closing page are cancelled together, Gradio's `sse_stream` cleans the
    session up twice and the second time raises KeyError (an upstream race, Gradio 6.x). Both are
    the client's doing, not the app's: logged as one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        top = record.exc_info[1] if record.exc_info else None
        exc, seen = top, 0
        while exc is not None and seen < 8:
            if getattr(exc, "status_code", None) == 404:
                return self._one_line(record, "an event stream was asked for a session that "
                                      "has ended (404)")
            exc, seen = exc.__cause__ or exc.__context__, seen + 1
        if isinstance(top, KeyError) and _cancelled_stream(top):
            return self._one_line(record, "an event stream closed by the browser was cleaned up "
                                  "twice (Gradio)")
        return True

    @staticmethod
    def _one_line(record: logging.LogRecord, message: str) -> bool:
        record.msg, record.args = message, ()
        record.exc_info, record.exc_text, record.levelno = None, None, logging.INFO
        record.levelname = "INFO"
        return True


def _cancelled_stream(exc: BaseException) -> bool:
    """Whether exc was raised in Gradio's event-stream generator while a cancel was handled."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last, tb = tb.tb_frame.f_code, tb.tb_next
    in_stream = last is not None and last.co_name == "sse_stream" \
        and Path(last.co_filename).parts[-2:] == ("gradio", "routes.py")
    cause, seen = exc.__context__, 0
    while cause is not None and seen < 8:
        if isinstance(cause, asyncio.CancelledError):
            return in_stream
        cause, seen = cause.__cause__ or cause.__context__, seen + 1
    return False


def serve(settings: Settings, *, insecure_no_auth: bool = False) -> None:
    """Start the web app on settings.host:settings.port (loopback unless told otherwise)."""
    auth = parse_auth(settings.auth)
    if not is_loopback(settings.host) and auth is None and not insecure_no_auth:
        raise UserError(
            f"refusing to listen on {settings.host} without a password: set "
            "DEBRIEF_AUTH=user:password, or pass --insecure-no-auth if you really mean it")
    from debrief.ui.web.app import DebriefWeb
    from debrief.wiring import build_service

    service = build_service(settings)
    prepare(service, settings)
    if settings.warm_up:
        threading.Thread(target=service.warm_up, name="warm-up", daemon=True).start()
    model_label = describe_model(settings)
    app = DebriefWeb(service, settings, model_label).build()
    print(f"Debrief on http://{settings.host}:{settings.port} (model: {model_label})", flush=True)
    logging.getLogger("uvicorn.error").addFilter(GoneStreamFilter())
    try:
        app.queue(default_concurrency_limit=1).launch(
            server_name=settings.host, server_port=settings.port, share=False, auth=auth,
            show_error=True, inbrowser=False, quiet=True, css=CSS + INSIGHTS_CSS,
            # No run history: it would keep every note in the browser and offer a cloud bucket.
            run_history=False, footer_links=["api", "settings"],
        )
    finally:
        # Ctrl-C: drop queued extractions (they stay pending; Retry re-queues) instead of running
        # every one of them before the process can exit.
        service.close()
