"""The CLI pointed at both servers by DEBRIEF_* variables, all three with the network cut off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from debrief.core.config import CHECKOUT
from tests.conftest import EVAL
from tests.model.test_offline import GUARD  # logs every non-loopback connect()
from tests.servers import free_port

pytestmark = [pytest.mark.server, pytest.mark.model]

DEBRIEF = Path(sys.executable).parent / "debrief"
# Runs inside a network namespace with no network at all (a server that needed one would fail
# there): start both servers, drive the CLI, print what happened as JSON.
DRIVER = '''
import json, os, subprocess, sys
from pathlib import Path
from tests import servers
tmp = Path(sys.argv[1])
chroma = servers.chroma_server(tmp / "db", tmp / "chroma.log").start()
llm = servers.llm_server(tmp / "llm.log").start()
env = {**os.environ, "DEBRIEF_CHROMA_URL": chroma.url, "DEBRIEF_TENANT": "offline-user",
       "DEBRIEF_LLM_URL": llm.url + "/v1", "DEBRIEF_DATA_DIR": str(tmp / "data"),
       "DEBRIEF_USER_NAME": "Sam Rivera"}
def cli(*args, stdin=None):
    p = subprocess.run([sys.argv[2], *args], input=stdin, capture_output=True, text=True, env=env,
                       timeout=600)
    return {"rc": p.returncode, "out": p.stdout, "err": p.stderr}
out = {"add": cli("add", "-", "--company", "Larkspur Analytics", "--person",
                  "Aiko Tanabe|Senior SRE", "--json", stdin=sys.stdin.read())}
out["ask"] = cli("ask", "How many alerts do they have?", "--json")
out["list"] = cli("list", "--json")
chroma.stop()
llm.stop()
print(json.dumps(out))
'''


def test_cli_on_both_servers_with_the_network_cut_off(tmp_path: Path) -> None:
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    assert probe.returncode == 0, "the test needs root to create a network namespace"
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    env = {**os.environ, "PYTHONPATH": f"{guard}{os.pathsep}{CHECKOUT}",
           "NET_ATTEMPTS": str(tmp_path / "net.log")}
    note = (EVAL / "notes" / "12-larkspur-analytics.txt").read_text(encoding="utf-8")
    cmd = ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh",
           sys.executable, "-c", DRIVER, str(tmp_path), str(DEBRIEF)]
    run = subprocess.run(cmd, input=note, capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["add"]["rc"] == 0, out["add"]["err"]
    record = json.loads(out["add"]["out"])
    assert record["extraction_status"] == "done", record["extraction_error"]
    assert record["notes"] == note and "smollm2" in record["extraction"]["model"]
    assert out["ask"]["rc"] == 0, out["ask"]["err"]
    assert all(c["quote"] in note for c in json.loads(out["ask"]["out"])["citations"])
    assert [r["id"] for r in json.loads(out["list"]["out"])] == [record["id"]]
    assert not (tmp_path / "data" / "chroma").exists()  # the notes live on the server only
    attempts = tmp_path / "net.log"
    assert not attempts.exists(), attempts.read_text()


def test_cli_with_a_server_down_exits_2_with_one_line(tmp_path: Path) -> None:
    nobody = f"http://127.0.0.1:{free_port()}"
    env = {**os.environ, "DEBRIEF_DATA_DIR": str(tmp_path / "data")}
    store_down = subprocess.run([str(DEBRIEF), "list"], capture_output=True, text=True,
                                env={**env, "DEBRIEF_CHROMA_URL": nobody}, timeout=120)
    assert store_down.returncode == 2 and store_down.stdout == ""
    assert store_down.stderr.count("\n") == 1 and nobody in store_down.stderr
    assert "Chroma server" in store_down.stderr and "Traceback" not in store_down.stderr
    model_down = subprocess.run([str(DEBRIEF), "add", "-", "--company", "Acme", "--json"],
                                input="Met the CTO; they use Go.", capture_output=True,
                                text=True, env={**env, "DEBRIEF_LLM_URL": f"{nobody}/v1"},
                                timeout=120)
    saved = json.loads(model_down.stdout) if model_down.stdout.strip() else None
    assert saved is not None, (model_down.returncode, model_down.stderr)
    assert saved["notes"] == "Met the CTO; they use Go." and saved["extraction_status"] == "failed"
    assert "LLM server" in saved["extraction_error"] and nobody in saved["extraction_error"]
