"""Failure with a real server process: a broken model file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import MODELS
from tests.e2e.conftest import _free_port

pytestmark = pytest.mark.e2e
DEBRIEF = Path(sys.executable).parent / "debrief"
EMPTY_PEOPLE = {"headers": ["name", "title"], "data": [["", ""]]}


def start(data: Path, model: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "DEBRIEF_DATA_DIR": str(data)}
    proc = subprocess.Popen([str(DEBRIEF), "--model", model, "serve", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return proc, url
        except (urllib.error.URLError, OSError):
            if proc.poll() is not None:
                pytest.fail(f"server exited with {proc.returncode}")
            time.sleep(0.5)
    proc.kill()
    pytest.fail("server did not start")


def records(data: Path) -> list[dict]:
    out = subprocess.run([str(DEBRIEF), "--data-dir", str(data), "list", "--json"],
                         capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout) if out.returncode == 0 and out.stdout.strip() else []


def save(url: str, company: str, notes: str) -> None:
    from gradio_client import Client

    client = Client(url, verbose=False)
    client.predict(company, "", "", "other", EMPTY_PEOPLE, notes, "", "", api_name="/save")


def test_broken_model_file_is_a_clear_message_and_the_app_stays_up(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    with (MODELS / "smollm2-135m-instruct-q4_1.gguf").open("rb") as fh:
        broken.write_bytes(fh.read(2_000_000))
    data = tmp_path / "data"
    proc, url = start(data, str(broken))
    try:
        with urllib.request.urlopen(url + "config", timeout=10) as resp:
            config = resp.read().decode()
        assert "Active model" in config and "broken" in config
        save(url, "Acme", "the team is 5 people and they use Rust")
        deadline = time.monotonic() + 120
        rec = records(data)[0]
        while time.monotonic() < deadline and rec["extraction_status"] in ("pending", "running"):
            time.sleep(1)
            rec = records(data)[0]
        assert rec["notes"] == "the team is 5 people and they use Rust"
        assert rec["extraction_status"] == "failed"
        assert "could not load model" in rec["extraction_error"]
        assert "Traceback" not in rec["extraction_error"]
        with urllib.request.urlopen(url, timeout=10) as resp:  # still serving
            assert resp.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)
