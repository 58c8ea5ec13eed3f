"""End-to-end fixtures: a real `debrief serve` subprocess and a headless Chromium.

The server runs once per session with the small real model (smollm2-135m) and its own data
dir; each test gets a fresh browser context (so localStorage, and the draft in it, is its own).
Screenshots of each step go to tests/e2e/screenshots/<test>-<step>.png (git-ignored).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).parent / "screenshots"
MODEL = "smollm2-135m"
CHROMIUM = os.environ.get("DEBRIEF_E2E_CHROMIUM") or shutil.which("chromium") \
    or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
START_TIMEOUT = 90.0
EXPECT_TIMEOUT_MS = 20_000


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as resp:
            return resp.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@pytest.fixture(scope="session")
def _served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A real `debrief serve` on a free loopback port: (URL, log file); stopped at the end."""
    base = tmp_path_factory.mktemp("e2e-server")
    data_dir = base / "data"
    port = _free_port()
    exe = Path(sys.executable).parent / "debrief"
    env = {**os.environ, "DEBRIEF_DATA_DIR": str(data_dir), "GRADIO_ANALYTICS_ENABLED": "False",
           "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    env.pop("DEBRIEF_MODEL", None)
    env.pop("DEBRIEF_AUTH", None)
    log_path = base / "server.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        # -v: the server logs its progress (a question's route, the debriefs it read), which a
        # failing test shows with its answer
        [str(exe), "-v", "--data-dir", str(data_dir), "--model", MODEL, "serve", "--port",
         str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    url = f"http://127.0.0.1:{port}/"

    def tail() -> str:
        return log_path.read_text(encoding="utf-8", errors="replace")[-4000:]

    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(url):
            if proc.poll() is not None:
                pytest.fail(f"debrief serve exited with {proc.returncode}:\n{tail()}")
            if time.monotonic() > deadline:
                pytest.fail(f"debrief serve did not answer on {url} in {START_TIMEOUT:.0f}s:\n"
                            f"{tail()}")
            time.sleep(0.5)
        yield url, log_path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()
        # The server must not have logged a traceback while the tests drove it.
        text = log_path.read_text(encoding="utf-8", errors="replace")
        if "Traceback (most recent call last)" in text:
            print(f"\n--- debrief serve log ---\n{text[-6000:]}", file=sys.stderr)


@pytest.fixture(scope="session")
def server(_served: tuple[str, Path]) -> str:
    """URL of the running app, e.g. http://127.0.0.1:PORT/."""
    return _served[0]


@pytest.fixture
def server_log(_served: tuple[str, Path]) -> Callable[[], str]:
    """server_log() is everything the server printed so far."""
    return lambda: _served[1].read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian Chromium for the session."""
    from playwright.sync_api import expect, sync_playwright

    # expect() waits 5 s by default, apart from the contexts' own timeouts; on two busy cores a
    # server round trip (opening a debrief from an Insights row) has taken longer than that.
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` "
                    "(apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    """A fresh page (own context, own localStorage) with the app loaded and ready."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})  # type: ignore[attr-defined]
    context.set_default_timeout(20_000)
    pg = context.new_page()
    pg.goto(server)
    wait_ready(pg)
    try:
        yield pg
    finally:
        context.close()


def wait_ready(pg: object) -> None:
    """The Gradio app has rendered its first tab and the model line."""
    pg.locator("#new-company textarea, #new-company input").first.wait_for(  # type: ignore[attr-defined]
        state="visible", timeout=30_000)
    pg.locator("#active-model").wait_for(state="visible", timeout=30_000)  # type: ignore[attr-defined]


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[[object, str], Path]:
    """shot(page, step) saves tests/e2e/screenshots/<test>-<step>.png."""
    SCREENSHOTS.mkdir(exist_ok=True)
    test = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)

    def take(pg: object, step: str) -> Path:
        path = SCREENSHOTS / f"{test}-{step}.png"
        pg.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        return path

    return take
