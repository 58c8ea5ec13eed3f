"""kill -9 during an extraction: the note survives, the status says failed, retry works."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import EVAL

pytestmark = pytest.mark.model
DEBRIEF = Path(sys.executable).parent / "debrief"


def cli(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(DEBRIEF), "--data-dir", str(data), "--model", "smollm2-135m",
                           *args], capture_output=True, text=True, timeout=600)


def test_kill_9_during_extraction_loses_nothing_and_retry_works(tmp_path: Path) -> None:
    data = tmp_path / "data"
    # A long note (several context windows) keeps the extraction running long enough to be
    # caught mid-way by a second process polling the store.
    one = (EVAL / "notes" / "12-larkspur-analytics.txt").read_text(encoding="utf-8")
    note = "\n\n".join(f"Round {i}\n{one}" for i in range(8))
    note_path = tmp_path / "long-note.txt"
    note_path.write_text(note, encoding="utf-8")
    proc = subprocess.Popen([str(DEBRIEF), "--data-dir", str(data), "--model", "smollm2-135m",
                             "add", str(note_path), "--company", "Larkspur Analytics"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    record = None
    while time.monotonic() < deadline:
        listed = cli(data, "list", "--json")
        rows = json.loads(listed.stdout) if listed.returncode == 0 and listed.stdout else []
        if rows and rows[0]["extraction_status"] == "running":
            record = rows[0]
            break
        time.sleep(0.1)
    assert record is not None, "extraction never reported running"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    shown = cli(data, "show", record["id"], "--json")
    assert shown.returncode == 0, shown.stderr
    after = json.loads(shown.stdout)
    assert after["notes"] == note
    assert after["extraction_status"] == "failed" and "interrupted" in after["extraction_error"]
    retried = cli(data, "extract", record["id"], "--json")
    assert retried.returncode == 0, retried.stderr
    final = json.loads(cli(data, "show", record["id"], "--json").stdout)
    assert final["extraction_status"] == "done" and final["notes"] == note
