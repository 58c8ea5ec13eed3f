"""Chroma clients: the embedded store under the data dir, or a tenant's database on a server.

The only module that imports chromadb. It also tells a storage failure (read-only or full disk,
a server gone away) from a bug, so the store can turn the first kind into a clear message.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from debrief.core.errors import StorageError

log = logging.getLogger(__name__)

# Chroma reads these at import: no telemetry, ever.
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("CHROMA_TELEMETRY", "False")

# On a Chroma server every user (DEBRIEF_TENANT) gets a tenant holding one database of this name.
SERVER_DATABASE = "debrief"


def is_disk_error(exc: BaseException) -> bool:
    """True for sqlite/disk failures chromadb reports in its own exception types."""
    text = str(exc).lower()
    return any(s in text for s in ("readonly", "read-only", "disk", "no space", "i/o",
                                   "unable to open database"))


def is_connection_error(exc: BaseException) -> bool:
    """True for a transport failure talking to a Chroma server (refused, reset, timed out)."""
    import httpx

    if isinstance(exc, httpx.TransportError):
        return True
    # chromadb turns a refused connection while checking the tenant into this ValueError
    return isinstance(exc, ValueError) and "could not connect to a chroma server" in str(exc).lower()


def connection_reason(exc: BaseException, timeout: float | None) -> str:
    """What went wrong with the server, in words for a message."""
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return f"did not answer within {timeout or 0:.0f}s"
    if isinstance(exc, (httpx.ConnectError, ValueError)):
        return "cannot be reached (is it running?)"
    return f"went away mid-request ({type(exc).__name__})"


@contextlib.contextmanager
def first_open_lock(path: Path) -> Iterator[None]:
    """Held while a process opens the embedded store and creates its collections: two processes
    opening a new data dir at once (`debrief add` and `debrief list` from another shell) would
    both run Chroma's table migrations, and the second died with "table collections already
    exists". Where the lock file cannot be made (a read-only data dir) nothing is locked, and
    opening the store says what is wrong."""
    from filelock import FileLock, Timeout

    lock = None
    try:
        path.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path / LOCK_FILE), timeout=LOCK_TIMEOUT_S)
        lock.acquire()
    except (OSError, Timeout):
        lock = None
    try:
        yield
    finally:
        if lock is not None:
            lock.release()


LOCK_FILE = "debrief-open.lock"
LOCK_TIMEOUT_S = 120  # opening a store takes well under a second; a stuck holder is a bug


def open_embedded(path: Path) -> Any:
    """A chromadb PersistentClient on the data dir, or a StorageError that says what to do."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    try:
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(
            path=str(path),
            settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False),
        )
    except OSError as exc:
        raise StorageError(f"cannot open the data dir {path}: {exc}") from exc
    except Exception as exc:  # chromadb wraps sqlite's errors in its own types
        text = str(exc).lower()
        if "readonly" in text or "read-only" in text:
            raise StorageError(
                f"{path} is read-only: Debrief cannot open its store there; "
                "make it writable or set DEBRIEF_DATA_DIR to another folder") from exc
        if any(s in text for s in ("disk", "no space", "i/o")):
            raise StorageError(f"cannot open the data dir {path}: {exc}") from exc
        raise


def _set_http_timeout(client: Any, timeout: float) -> None:
    """Give a chromadb HTTP client a timeout (chromadb creates its httpx session without one)."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(timeout, connect=min(timeout, 5.0))
    else:  # pragma: no cover - a chromadb release that moved its session
        log.warning("could not set a timeout on the Chroma HTTP client")


def connect_server(url: str, *, token: str | None = None, tenant: str = "default",
                   timeout: float = 60.0) -> Any:
    """A chromadb HttpClient on the tenant's own database; tenant and database are created if new."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from chromadb.errors import ChromaError, NotFoundError

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StorageError(f"DEBRIEF_CHROMA_URL must look like http://host:port, not {url!r}")
    host, ssl = parts.hostname, parts.scheme == "https"
    port = parts.port or (443 if ssl else 8000)
    auth: dict[str, Any] = {}
    if token:
        auth = {"chroma_client_auth_provider": "chromadb.auth.token_authn.TokenAuthClientProvider",
                "chroma_client_auth_credentials": token}

    def settings() -> ChromaSettings:
        return ChromaSettings(
            anonymized_telemetry=False, chroma_api_impl="chromadb.api.fastapi.FastAPI",
            chroma_server_host=host, chroma_server_http_port=port,
            chroma_server_ssl_enabled=ssl, **auth)

    def create(fn: Any, *args: Any, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except ChromaError as exc:  # another client created it meanwhile
            if "already exists" not in str(exc):
                raise

    try:
        admin = chromadb.AdminClient(settings())
        _set_http_timeout(admin, timeout)
        try:
            admin.get_tenant(tenant)
        except NotFoundError:
            create(admin.create_tenant, tenant)
            log.info("created Chroma tenant %s on %s", tenant, url)
        try:
            admin.get_database(SERVER_DATABASE, tenant=tenant)
        except NotFoundError:
            create(admin.create_database, SERVER_DATABASE, tenant=tenant)
        client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=settings(),
                                     tenant=tenant, database=SERVER_DATABASE)
    except Exception as exc:
        if is_connection_error(exc):
            raise StorageError(f"the Chroma server at {url} {connection_reason(exc, timeout)}: "
                               "start it, or unset DEBRIEF_CHROMA_URL to use the local store"
                               ) from exc
        if isinstance(exc, ChromaError):
            raise StorageError(f"the Chroma server at {url} refused tenant {tenant!r} "
                               f"(DEBRIEF_TENANT): {exc}") from exc
        raise
    _set_http_timeout(client, timeout)
    return client
