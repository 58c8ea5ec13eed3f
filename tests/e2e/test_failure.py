"""Failure with a real server process: a broken model file, kill -9, a read-only data dir."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import MODELS
from tests.e2e.conftest import _free_port, wait_ready
from tests.e2e.test_browser import EXTRACTION_TIMEOUT_MS, open_debrief, open_tab

pytestmark = pytest.mark.e2e
DEBRIEF = Path(sys.executable).parent / "debrief"
EMPTY_PEOPLE = {"headers": ["name", "title"], "data": [["", ""]]}


def start(data: Path, model: str, log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """`debrief serve` on a free port; with a log file, it logs progress (-v) there."""
    port = _free_port()
    env = {**os.environ, "DEBRIEF_DATA_DIR": str(data), "PYTHONUNBUFFERED": "1"}
    verbose = ["-v"] if log else []
    out = log.open("ab") if log else subprocess.DEVNULL
    proc = subprocess.Popen([str(DEBRIEF), *verbose, "--model", model, "serve", "--port", str(port)],
                            env=env, stdout=out, stderr=subprocess.STDOUT)
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


NOTE = """Interview with Priya Raman, engineering manager for the data platform team.
The team is 7 engineers, two of them joined this year. They are moving the ingest pipeline from
Airflow to Dagster because on-call was painful. She asked how I would design a backfill for a table
with a billion rows, and how I handle a disagreement with a product manager.
She cares a lot about writing things down: every design starts as a two-page doc.
Insider: the analytics team is hiring too and they need someone with dbt experience.
I should send her the article about idempotent pipelines I mentioned.
"""


def wait_for(what: str, check, timeout: float) -> object:
    """Poll check() until it returns something truthy; fail with `what` after timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def test_server_killed_during_extraction_keeps_the_note_and_retry_works(
        tmp_path: Path, browser, shot) -> None:
    data, first, second = tmp_path / "data", tmp_path / "first.log", tmp_path / "second.log"
    proc, url = start(data, "smollm2-135m", first)
    try:
        save(url, "Northwind Data", NOTE)
        started = wait_for("the extraction to start", lambda: re.search(
            r"extraction of (\w+) started", first.read_text(errors="replace")), 120)
        debrief_id = started.group(1)  # type: ignore[union-attr]
        os.kill(proc.pid, signal.SIGKILL)  # no clean-up of any kind: like a power cut
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert f"extraction of {debrief_id} done" not in first.read_text(errors="replace"), \
        "the kill came too late: the extraction had already finished"

    proc, url = start(data, "smollm2-135m", second)
    try:
        (rec,) = records(data)
        assert rec["id"] == debrief_id and rec["notes"] == NOTE
        assert rec["extraction_status"] == "failed"
        assert rec["extraction_error"].startswith("interrupted")
        # Retry the way a person does: open the debrief in the browser and press Retry.
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        context.set_default_timeout(20_000)
        page = context.new_page()
        try:
            page.goto(url)
            wait_ready(page)
            open_tab(page, "Debriefs")
            view = open_debrief(page, "Northwind Data")
            expect(view.locator(".debrief-status")).to_contain_text("failed")
            expect(view).to_contain_text("interrupted")
            shot(page, "interrupted")
            page.get_by_text("Edit or delete").click()
            page.locator("#retry").click()
            expect(view.locator(".debrief-status")).to_contain_text(
                "extraction done", timeout=EXTRACTION_TIMEOUT_MS)
            shot(page, "retried")
        finally:
            context.close()
        assert f"extraction of {debrief_id} done" in second.read_text(errors="replace")
        (rec,) = records(data)
        assert rec["extraction_status"] == "done" and rec["notes"] == NOTE
        assert rec["extraction"] is not None
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_read_only_data_dir_is_a_clear_message_and_nothing_is_harmed(tmp_path: Path) -> None:
    from gradio_client import Client

    data = tmp_path / "data"
    data.mkdir()
    proc, url = start(data, "smollm2-135m")
    mounted = False
    try:
        save(url, "Acme", "the team is 5 people and they use Rust")
        wait_for("the first extraction to finish", lambda: records(data) and records(data)[0][
            "extraction_status"] in ("done", "failed"), 300)
        before = records(data)
        # Root ignores chmod, so the data dir becomes read-only the way a disk does: a ro mount.
        subprocess.run(["mount", "--bind", str(data), str(data)], check=True)
        mounted = True
        subprocess.run(["mount", "-o", "remount,ro,bind", str(data)], check=True)
        with pytest.raises(OSError):
            (data / "probe").write_text("x")
        result = Client(url, verbose=False).predict(
            "Globex", "", "", "other", EMPTY_PEOPLE, "a second note that cannot be saved", "", "",
            api_name="/save")
        message = json.dumps(result)
        assert "data dir" in message and "Traceback" not in message, message
        with urllib.request.urlopen(url, timeout=10) as resp:  # still serving
            assert resp.status == 200
        cli = subprocess.run([str(DEBRIEF), "--data-dir", str(data), "add", "-", "--company", "X",
                              "--no-extract"], input="a note", capture_output=True, text=True,
                             timeout=120)
        assert cli.returncode == 2, cli.stderr
        assert "read-only" in cli.stderr and len(cli.stderr.strip().splitlines()) == 1
    finally:
        if mounted:
            subprocess.run(["umount", str(data)], check=True)
        proc.terminate()
        proc.wait(timeout=30)
    after = records(data)
    assert [(r["id"], r["notes"]) for r in after] == [(r["id"], r["notes"]) for r in before]
