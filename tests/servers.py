"""Start and stop a Chroma server and an OpenAI-compatible LLM server on loopback for tests."""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from debrief.core.config import CHECKOUT

BIN = Path(sys.executable).parent
SMALL_MODEL = CHECKOUT / "models" / "smollm2-135m-instruct-q4_1.gguf"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def answers(port: int, path: str) -> bool:
    """True when GET path on 127.0.0.1:port returns 200."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", path)
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


@dataclass
class Server:
    """One server process: its command, port, log file and readiness path."""

    cmd: list[str]
    port: int
    log: Path
    ready_path: str
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120.0) -> Server:
        """Start the process and wait until it answers; fail loudly with its log otherwise."""
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(self.cmd, stdout=out, stderr=subprocess.STDOUT,
                                         env={**os.environ, **self.env})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.cmd[0]} exited with {self.proc.returncode}: "
                                   f"{self.tail()}")
            if answers(self.port, self.ready_path):
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{' '.join(self.cmd)} did not answer within {timeout:.0f}s: {self.tail()}")

    def tail(self, n: int = 2000) -> str:
        """The end of the server's log."""
        return self.log.read_text(errors="replace")[-n:] if self.log.exists() else ""

    def signal(self, sig: int) -> None:
        """Send a signal to the server process (SIGSTOP freezes it, SIGKILL ends it)."""
        assert self.proc is not None
        os.kill(self.proc.pid, sig)

    def kill(self) -> None:
        """kill -9, as a crash or a pulled plug would."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait(timeout=30)

    def restart(self) -> Server:
        """Stop (if needed) and start the same command again: same data path, same port."""
        self.stop()
        return self.start()

    def stop(self) -> None:
        """Stop the process (SIGTERM, then SIGKILL) if it still runs."""
        if self.proc is None or self.proc.poll() is not None:
            return
        # A frozen process cannot handle SIGTERM; one killed a moment ago (a test's timer) is gone.
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.proc.pid, signal.SIGCONT)
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)


def chroma_server(path: Path, log: Path, port: int | None = None) -> Server:
    """`chroma run` storing under path (not started)."""
    port = port or free_port()
    return Server([str(BIN / "chroma"), "run", "--path", str(path), "--host", "127.0.0.1",
                   "--port", str(port)], port, log, "/api/v2/heartbeat",
                  env={"ANONYMIZED_TELEMETRY": "False"})


def llm_server(log: Path, model: Path = SMALL_MODEL, port: int | None = None) -> Server:
    """`python -m llama_cpp.server` serving the small model (not started)."""
    port = port or free_port()
    # 2 threads like the in-process model; interrupt_requests off so a new request (a token
    # count) never cuts a streaming answer short; logits_all off like the library's default.
    return Server([sys.executable, "-m", "llama_cpp.server", "--model", str(model),
                   "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096",
                   "--n_threads", "2", "--interrupt_requests", "False", "--logits_all", "False"],
                  port, log, "/v1/models")
