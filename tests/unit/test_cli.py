"""The CLI: every command, --json shapes, exit codes (0 ok, 2 user error) and settings flags.

The app builds its model and embedder from settings: here the scripted model and the hashing
embedder of tests/fakes.py (the `app_model` fixture), so extraction, asking and messages run
end to end through the CLI without any model file.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest

from debrief.core.config import Settings
from debrief.core.domain import CATEGORIES
from debrief.ui.cli import build_parser, main, make_settings
from debrief.ui.cli.flags import flag_of
from debrief.ui.models_cmd import pull_model
from tests.conftest import EVAL, MODELS
from tests.fakes import FakeModel, echo_notes, numbered_lines

NOTE = EVAL / "notes" / "01-larkspur-analytics.txt"
RECORD_KEYS = {"id", "schema_version", "company", "role", "date", "stage", "people", "notes",
               "created_at", "updated_at", "extraction", "extraction_status",
               "extraction_error", "messages", "corrections"}
DEBRIEF = Path(sys.executable).parent / "debrief"


@pytest.fixture(autouse=True)
def model(app_model: FakeModel) -> FakeModel:
    """Every command here builds the scripted model and the hashing embedder from settings."""
    return app_model


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def add(capsys, *extra: str) -> dict:
    code, out, err = run(capsys, "add", str(NOTE), "--company", "Larkspur Analytics", "--role",
                         "Senior Backend Engineer", "--date", "2024-03-04", "--stage",
                         "recruiter screen", "--person", "Dana Whitcombe|Technical recruiter",
                         "--no-extract", "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_add_json_has_the_stored_record_shape(capsys) -> None:
    rec = add(capsys)
    assert set(rec) == RECORD_KEYS
    assert rec["people"] == [{"name": "Dana Whitcombe", "title": "Technical recruiter"}]
    assert rec["notes"] == NOTE.read_text(encoding="utf-8")
    assert rec["extraction_status"] == "pending" and rec["schema_version"] == 2


def test_list_show_edit_delete(capsys, tmp_path: Path) -> None:
    rec = add(capsys)
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == [rec["id"]]
    code, out, _ = run(capsys, "list", "--company", "nobody", "--json")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "show", rec["id"])
    assert code == 0 and "Larkspur Analytics" in out and "Kafka" in out
    new = tmp_path / "new.txt"
    new.write_text("edited notes", encoding="utf-8")
    code, out, _ = run(capsys, "edit", rec["id"], str(new), "--company", "Larkspur", "--json")
    assert code == 0 and json.loads(out)["notes"] == "edited notes"
    assert json.loads(out)["company"] == "Larkspur"
    code, _, err = run(capsys, "delete", rec["id"], "--yes")
    assert code == 0
    code, _, err = run(capsys, "show", rec["id"])
    assert code == 2 and "no debrief with id" in err


@pytest.mark.parametrize("argv,needle", [
    (["show", "nope"], "no debrief with id"),
    (["delete", "nope", "--yes"], "no debrief with id"),
    (["add", str(NOTE), "--company", "X", "--date", "2026-13-45", "--no-extract"],
     "invalid date"),
    (["add", str(NOTE), "--no-extract"], "company is missing"),
    (["add", "/does/not/exist.txt", "--company", "X"], "no such file"),
    (["add", str(NOTE), "--company", "X", "--stage", "vibes", "--no-extract"], "unknown stage"),
    (["import", "/does/not/exist"], "nothing to import"),
])
def test_user_errors_exit_2_with_one_line_and_no_traceback(capsys, argv, needle) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert needle in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_bad_flag_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["list", "--bogus"])
    assert exc.value.code == 2


def test_binary_and_empty_files_are_refused(capsys, tmp_path: Path) -> None:
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)))
    empty = tmp_path / "e.txt"
    empty.write_text("  \n", encoding="utf-8")
    for path, needle in ((binary, "binary"), (empty, "empty")):
        code, _, err = run(capsys, "add", str(path), "--company", "X", "--no-extract")
        assert code == 2 and needle in err


def test_export_import_export_is_identical(capsys, tmp_path: Path, monkeypatch) -> None:
    add(capsys)
    out1 = tmp_path / "a.json"
    assert run(capsys, "export", "-o", str(out1))[0] == 0
    code, md, _ = run(capsys, "export", "--format", "markdown")
    assert code == 0 and md.startswith("---\ncompany: Larkspur Analytics")
    monkeypatch.setenv("DEBRIEF_DATA_DIR", str(tmp_path / "empty"))
    code, _, _ = run(capsys, "import", str(out1))
    assert code == 0
    out2 = tmp_path / "b.json"
    run(capsys, "--data-dir", str(tmp_path / "empty"), "export", "-o", str(out2))
    assert out1.read_text() == out2.read_text()


def test_reindex_rebuilds_chunks(capsys) -> None:
    add(capsys)
    code, out, _ = run(capsys, "reindex")
    assert code == 0 and "reindexed 1" in out


def test_models_list_shows_catalog_and_presence(capsys) -> None:
    code, out, _ = run(capsys, "models", "list", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert code == 0
    assert {"qwen2.5-coder-1.5b", "smollm2-135m", "all-minilm-l6-v2"} <= set(rows)
    assert rows["smollm2-135m"]["present"] is True
    assert rows["qwen2.5-coder-1.5b"]["size"] == 1117320768


def test_unknown_model_is_a_clear_error(capsys) -> None:
    code, _, err = run(capsys, "--model", "gpt-17", "models", "check")
    assert code == 2 and "unknown model" in err


def test_truncated_model_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    with (MODELS / "smollm2-135m-instruct-q4_1.gguf").open("rb") as fh:
        broken.write_bytes(fh.read(1_000_000))
    res = subprocess.run([str(DEBRIEF), "models", "check", str(broken)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
    assert "broken" in res.stderr


def test_data_persists_across_processes(tmp_path: Path) -> None:
    env_dir = str(tmp_path / "shared")
    # Another process cannot be scripted: the echo fake answers every extraction pass.
    added = subprocess.run(
        [str(DEBRIEF), "--data-dir", env_dir, "--model", "fake:tests.fakes:echo_model", "add",
         str(NOTE), "--company", "Larkspur"], capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added.stderr
    debrief_id = added.stdout.strip()
    shown = subprocess.run([str(DEBRIEF), "--data-dir", env_dir, "show", debrief_id, "--json"],
                           capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0
    record = json.loads(shown.stdout)
    assert record["notes"] == NOTE.read_text(encoding="utf-8")
    assert record["extraction_status"] == "done" and record["extraction"]["model"] == "fake-echo"


# --- extraction, asking and messages end to end, on the scripted model ---------------------

def flat(text: str) -> str:
    return " ".join(text.split())


def larkspur(messages: list[dict[str, str]], schema: dict[str, Any] | None) -> Any:
    """The header pass finds Larkspur and Dana (on her own line); every other task echoes."""
    if schema is not None and "people" in schema.get("properties", {}):
        line = next(n for n, t in numbered_lines(messages).items() if "Dana Whitcombe" in t)
        return {"company": "Larkspur Analytics", "role": "Senior Backend Engineer",
                "stage": "recruiter screen",
                "people": [{"name": "Dana Whitcombe", "title": "technical recruiter",
                            "line": line}]}
    return echo_notes(messages, schema)


def test_add_extracts_with_the_model_and_keeps_only_grounded_items(capsys, model) -> None:
    model.responder = larkspur
    code, out, err = run(capsys, "add", str(NOTE), "--company", "Larkspur Analytics", "--json")
    assert code == 0, err
    assert "extracting" in err
    rec = json.loads(out)
    assert rec["extraction_status"] == "done" and rec["extraction_error"] is None
    ext = rec["extraction"]
    assert ext["model"] == "fake" and ext["date"] == "2024-03-04"
    assert [(p["name"], p["title"]) for p in ext["people"]] == [
        ("Dana Whitcombe", "technical recruiter")]
    note = flat(NOTE.read_text(encoding="utf-8"))
    assert all(flat(it["evidence"]) in note for cat in CATEGORIES for it in ext[cat])
    # The model was shown the numbered note and constrained by the header schema.
    first = model.calls[0]
    assert "[1] Larkspur Analytics - recruiter screen" in first["messages"][-1]["content"]
    assert set(first["schema"]["required"]) == {"company", "role", "stage", "people"}
    code, out, _ = run(capsys, "show", rec["id"])
    assert code == 0 and "extraction: done" in out


def test_model_crash_during_add_keeps_the_note_and_says_how_to_retry(capsys, model) -> None:
    model.replies = [RuntimeError("model crashed")]
    code, out, err = run(capsys, "add", str(NOTE), "--company", "Larkspur Analytics", "--json")
    assert code == 0
    rec = json.loads(out)
    assert rec["extraction_status"] == "failed" and "model crashed" in rec["extraction_error"]
    assert f"debrief extract {rec['id']}" in err
    model.responder = larkspur
    code, out, _ = run(capsys, "extract", rec["id"], "--json")
    assert code == 0 and json.loads(out)["people"][0]["name"] == "Dana Whitcombe"


def test_ask_streams_the_answer_then_its_citations(capsys, model) -> None:
    rec = add(capsys)
    model.replies = ["They use Go, Postgres and Kafka, on k8s in AWS [1]."]
    code, out, err = run(capsys, "ask", "What stack does Larkspur use: Go, Kafka, Postgres?")
    assert code == 0, err
    assert out.startswith("They use Go, Postgres and Kafka, on k8s in AWS [1].")
    cite = re.search(r"\[1\] Larkspur Analytics, Senior Backend Engineer, 2024-03-04 \((\w+)\): "
                     r"\"(.+)\"\n\Z", out, re.DOTALL)
    assert cite and cite.group(1) == rec["id"] and flat(cite.group(2)) in flat(rec["notes"])
    prompt = model.calls[-1]["messages"][-1]["content"]
    assert "QUESTION: What stack does Larkspur use" in prompt and "Kafka" in prompt


def test_ask_prints_the_checked_answer_when_a_sentence_was_dropped(capsys, model) -> None:
    add(capsys)
    model.replies = ["They use Go, Postgres and Kafka, on k8s in AWS [1]. The founders built "
                     "their fortune trading vintage bicycles across Norway."]
    code, out, err = run(capsys, "ask", "What stack does Larkspur use: Go, Kafka, Postgres?")
    assert code == 0, err
    streamed, checked = out.split("Checked against your notes:\n", 1)
    assert "vintage bicycles" in streamed  # it was streamed as the model wrote it
    assert checked.startswith("They use Go, Postgres and Kafka, on k8s in AWS [1].")
    assert "bicycles" not in checked


def test_ask_json_has_the_answer_contract(capsys, model) -> None:
    rec = add(capsys)
    model.responder = echo_notes
    code, out, _ = run(capsys, "ask", "What is the Larkspur stack: Go, Kafka?", "--company",
                       "Larkspur Analytics", "--stage", "recruiter screen", "--json")
    ans = json.loads(out)
    assert code == 0 and set(ans) == {"answer", "supported", "citations", "seconds",
                                      "prompt_tokens", "suggestions"}
    assert ans["supported"] and [c["debrief_id"] for c in ans["citations"]] == [rec["id"]]


def test_thank_you_is_grounded_signed_and_saved(capsys, model) -> None:
    rec = add(capsys)
    model.responder = echo_notes
    code, out, err = run(capsys, "--user-name", "Sam Rivera", "thank-you", rec["id"], "--to",
                         "Dana Whitcombe", "--json")
    assert code == 0, err
    msg = json.loads(out)
    assert msg["message"].startswith("Hi Dana,") and msg["message"].rstrip().endswith("Sam Rivera")
    assert msg["grounding"] and all(flat(g["quote"]) in flat(rec["notes"])
                                    for g in msg["grounding"])
    details = model.calls[0]["messages"][-1]["content"]
    assert "185k" not in details  # salary lines never reach a message prompt
    code, out, _ = run(capsys, "show", rec["id"], "--json")
    assert [(m["kind"], m["to"]) for m in json.loads(out)["messages"]] == [
        ("thank-you", "Dana Whitcombe")]


def test_thank_you_needs_a_recipient(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["thank-you", "someid"])
    assert exc.value.code == 2


def test_eval_extraction_runs_from_the_cli_with_the_fake(capsys, model) -> None:
    model.responder = echo_notes
    code, out, err = run(capsys, "eval", "extraction", "--gold", str(EVAL / "gold.json"),
                         "--notes", str(EVAL / "notes"), "--limit", "1", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["summary"]["model"] == "fake" and report["summary"]["notes"] == 1


def test_eval_compose_runs_from_the_cli_with_the_fake(capsys, model) -> None:
    model.responder = echo_notes
    code, out, err = run(capsys, "eval", "compose", "--cases", str(EVAL / "thank_you.json"),
                         "--notes", str(EVAL / "notes"), "--limit", "2", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["summary"]["cases"] == 2
    for row in report["rows"]:
        assert row["message"].startswith("Hi ") and "[your name]" not in row["message"]
        assert row["checks"]["placeholders"]


# --- settings: one global flag per field, generated ----------------------------------------

def sample(name: str, tmp_path: Path) -> tuple[list[str], Any, str]:
    """For a Settings field: its flag as given, the value Settings should hold, another value for
    its variable (a switch is given as --no-NAME against a variable saying true)."""
    annotation = str(Settings.model_fields[name].annotation)
    flag = flag_of(name)
    if "bool" in annotation:
        return [f"--no-{flag.removeprefix('--')}"], False, "true"
    if "Path" in annotation:
        return [flag, str(tmp_path / name)], tmp_path / name, str(tmp_path / "env")
    if "float" in annotation:
        return [flag, "2.5"], 2.5, "9.5"
    if "int" in annotation:
        return [flag, "3"], 3, "9"
    if "Literal" in annotation:  # a choice: the flag gives one, the variable another
        choices = typing.get_args(Settings.model_fields[name].annotation)
        return [flag, choices[-1]], choices[-1], choices[0]
    return [flag, f"{name}-flag"], f"{name}-flag", "from-env"


def test_every_setting_has_a_global_flag_that_wins_over_its_variable(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    argv, want = [], {}
    for name in Settings.model_fields:
        given, value, env = sample(name, tmp_path)
        monkeypatch.setenv(f"DEBRIEF_{name.upper()}", env)
        argv += given
        want[name] = value
    settings = make_settings(build_parser().parse_args([*argv, "list"]))
    assert {name: getattr(settings, name) for name in want} == want
    help_text = " ".join(build_parser().format_help().split())
    for name, field in Settings.model_fields.items():
        assert f"DEBRIEF_{name.upper()}" in help_text
        assert " ".join((field.description or "").rstrip(".").split())[:30] in help_text


def test_serve_flags_and_global_flags_feed_the_same_settings(monkeypatch) -> None:
    monkeypatch.setenv("DEBRIEF_PORT", "7999")
    parse = build_parser().parse_args
    s = make_settings(parse(["--host", "0.0.0.0", "serve"]))
    assert (s.host, s.port) == ("0.0.0.0", 7999)
    s = make_settings(parse(["--host", "0.0.0.0", "serve", "--port", "8001"]))
    assert (s.host, s.port) == ("0.0.0.0", 8001)


def test_a_bad_setting_is_a_user_error(capsys, monkeypatch) -> None:
    monkeypatch.setenv("DEBRIEF_N_CTX", "lots")
    code, _, err = run(capsys, "list")
    assert code == 2 and "DEBRIEF_N_CTX" in err and len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as exc:
        main(["--n-ctx", "lots", "list"])
    assert exc.value.code == 2


def test_models_are_callable_from_python(settings: Settings) -> None:
    got = pull_model(settings, "smollm2-135m", show_progress=False)
    assert got.already_present and got.path == MODELS / "smollm2-135m-instruct-q4_1.gguf"


def test_log_lines_survive_stderr_pointed_at_dev_null_while_a_model_loads() -> None:
    """llama-cpp-python sends fd 2 to /dev/null while it loads weights; a line another thread
    logs meanwhile ("extraction of … started") must still reach the log."""
    import subprocess
    import sys

    script = (
        "import logging, os\n"
        "from debrief.ui.cli import _log_stream\n"
        "logging.basicConfig(level=logging.INFO, format='%(message)s', stream=_log_stream())\n"
        "null, kept = os.open(os.devnull, os.O_WRONLY), os.dup(2)\n"
        "os.dup2(null, 2)\n"
        "logging.getLogger('debrief').info('extraction of abc started')\n"
        "os.dup2(kept, 2)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0 and "extraction of abc started" in out.stderr
