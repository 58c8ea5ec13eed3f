"""Auth protects every page and API route when DEBRIEF_AUTH is set."""

from __future__ import annotations

import http.cookiejar
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.conftest import _free_port

pytestmark = pytest.mark.e2e


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_unauthenticated_requests_are_refused_with_auth_set(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "DEBRIEF_DATA_DIR": str(tmp_path / "data"),
           "DEBRIEF_AUTH": "sam:correct-horse"}
    proc = subprocess.Popen([str(Path(sys.executable).parent / "debrief"), "--model",
                             "smollm2-135m", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.5)
        assert status_of(base + "/config") in (401, 403)
        assert status_of(base + "/gradio_api/info") in (401, 403)
        with urllib.request.urlopen(base + "/", timeout=5) as resp:
            page = resp.read().decode()
        assert "smollm2" not in page  # no app content before logging in
        # With the right password the same route opens: the refusal above is the auth.
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        form = urllib.parse.urlencode({"username": "sam", "password": "correct-horse"}).encode()
        opener.open(base + "/login", data=form, timeout=10)
        with opener.open(base + "/config", timeout=10) as resp:
            assert resp.status == 200 and "smollm2" in resp.read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
