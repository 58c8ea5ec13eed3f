"""Settings precedence and prompt validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from debrief.adapters.prompts import PromptLibrary
from debrief.core.errors import UserError
from debrief.ui.cli import build_parser, make_settings


def test_environment_then_flags(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DEBRIEF_DATA_DIR", str(tmp_path / "env"))
    monkeypatch.setenv("DEBRIEF_MODEL", "smollm2-135m")
    monkeypatch.setenv("DEBRIEF_PORT", "7999")
    s = make_settings(build_parser().parse_args(["list"]))
    assert s.data_dir == tmp_path / "env" and s.model == "smollm2-135m" and s.port == 7999
    assert s.host == "127.0.0.1"
    s = make_settings(build_parser().parse_args(
        ["--data-dir", str(tmp_path / "flag"), "--model", "x.gguf", "list"]))
    assert s.data_dir == tmp_path / "flag" and s.model == "x.gguf"


def test_every_prompt_file_loads(prompts: PromptLibrary) -> None:
    spec = prompts.get("extract")
    msgs = spec.messages(numbered_note="[1] hello", task="T")
    assert msgs[0]["role"] == "system" and "[1] hello" in msgs[1]["content"]
    with pytest.raises(KeyError):
        spec.messages(numbered_note="x")


def test_unknown_keys_and_undeclared_variables_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "name: a\nsystem: s\ntemplate: '{x}'\nvariables: [x]\nsurprise: 1\n")
    (tmp_path / "b.yaml").write_text("name: b\nsystem: s\ntemplate: '{x} {y}'\nvariables: [x]\n")
    lib = PromptLibrary(tmp_path)
    for name in ("a", "b"):
        with pytest.raises(UserError, match="invalid prompt"):
            lib.get(name)
