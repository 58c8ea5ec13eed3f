"""No network at run time: the whole flow runs with networking cut off and every attempt logged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EVAL

pytestmark = pytest.mark.model

DEBRIEF = Path(sys.executable).parent / "debrief"
GUARD = '''
import os, socket
_real = socket.socket.connect
def _connect(self, address):
    host = address[0] if isinstance(address, tuple) else str(address)
    if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1", "localhost"):
        with open(os.environ["NET_ATTEMPTS"], "a") as fh:
            fh.write(f"{address}\\n")
    return _real(self, address)
socket.socket.connect = _connect
'''


def offline(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run `debrief ARGS` in a fresh network namespace (loopback only), logging connect calls."""
    guard = tmp_path / "guard"
    guard.mkdir(exist_ok=True)
    (guard / "sitecustomize.py").write_text(GUARD)
    env = {**os.environ, "PYTHONPATH": str(guard), "NET_ATTEMPTS": str(tmp_path / "net.log"),
           "DEBRIEF_DATA_DIR": str(tmp_path / "data"), "DEBRIEF_MODEL": "smollm2-135m",
           "DEBRIEF_USER_NAME": "Sam Rivera"}
    cmd = ["unshare", "-n", "sh", "-c", 'ip link set lo up 2>/dev/null; exec "$@"', "sh",
           str(DEBRIEF), *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env,
                          timeout=900)


def test_add_extract_ask_thank_you_with_the_network_cut_off(tmp_path: Path) -> None:
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    assert probe.returncode == 0, "the test needs root to create a network namespace"
    note = (EVAL / "notes" / "12-larkspur-analytics.txt").read_text(encoding="utf-8")
    added = offline(tmp_path, "add", "-", "--company", "Larkspur Analytics", "--person",
                    "Aiko Tanabe|Senior SRE", "--json", stdin=note)
    assert added.returncode == 0, added.stderr
    record = json.loads(added.stdout)
    assert record["extraction_status"] == "done", record["extraction_error"]
    asked = offline(tmp_path, "ask", "How many alerts do they have?", "--json")
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert all(c["quote"] in note for c in answer["citations"])
    thanks = offline(tmp_path, "thank-you", record["id"], "--to", "Aiko Tanabe", "--json")
    assert thanks.returncode == 0, thanks.stderr
    assert "Sam Rivera" in json.loads(thanks.stdout)["message"]
    listed = offline(tmp_path, "models", "list")
    checked = offline(tmp_path, "models", "check", "smollm2-135m")
    assert listed.returncode == 0 and checked.returncode == 0, checked.stderr
    attempts = tmp_path / "net.log"
    assert not attempts.exists(), attempts.read_text()
