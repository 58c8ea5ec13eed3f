"""Writing the data dir's own files (profile, insights state, backups, caches) safely."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write data (text as UTF-8) to path so readers see the old file or the new, never half.

    The data goes to a temporary file beside path, is flushed to disk, then renamed over path;
    on any failure the temporary file is removed and path is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(tmp, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
