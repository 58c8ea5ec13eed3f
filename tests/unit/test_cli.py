"""The CLI: every command, --json shapes and exit codes (0 ok, 2 user error)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from debrief.ui.cli import main
from tests.conftest import EVAL, MODELS

NOTE = EVAL / "notes" / "01-larkspur-analytics.txt"
RECORD_KEYS = {"id", "schema_version", "company", "role", "date", "stage", "people", "notes",
               "created_at", "updated_at", "extraction", "extraction_status",
               "extraction_error", "messages"}
DEBRIEF = Path(sys.executable).parent / "debrief"


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def add(capsys, *extra: str) -> dict:  # noqa: ANN001
    code, out, err = run(capsys, "add", str(NOTE), "--company", "Larkspur Analytics", "--role",
                         "Senior Backend Engineer", "--date", "2024-03-04", "--stage",
                         "recruiter screen", "--person", "Dana Whitcombe|Technical recruiter",
                         "--no-extract", "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_add_json_has_the_stored_record_shape(capsys) -> None:  # noqa: ANN001
    rec = add(capsys)
    assert set(rec) == RECORD_KEYS
    assert rec["people"] == [{"name": "Dana Whitcombe", "title": "Technical recruiter"}]
    assert rec["notes"] == NOTE.read_text(encoding="utf-8")
    assert rec["extraction_status"] == "pending" and rec["schema_version"] == 1


def test_list_show_edit_delete(capsys, tmp_path: Path) -> None:  # noqa: ANN001
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
def test_user_errors_exit_2_with_one_line_and_no_traceback(capsys, argv, needle) -> None:  # noqa: ANN001
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert needle in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_bad_flag_exits_2(capsys) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as exc:
        main(["list", "--bogus"])
    assert exc.value.code == 2


def test_binary_and_empty_files_are_refused(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)))
    empty = tmp_path / "e.txt"
    empty.write_text("  \n", encoding="utf-8")
    for path, needle in ((binary, "binary"), (empty, "empty")):
        code, _, err = run(capsys, "add", str(path), "--company", "X", "--no-extract")
        assert code == 2 and needle in err


def test_export_import_export_is_identical(capsys, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
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


def test_reindex_rebuilds_chunks(capsys) -> None:  # noqa: ANN001
    add(capsys)
    code, out, _ = run(capsys, "reindex")
    assert code == 0 and "reindexed 1" in out


def test_models_list_shows_catalog_and_presence(capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "models", "list", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert code == 0
    assert {"qwen2.5-coder-1.5b", "smollm2-135m", "all-minilm-l6-v2"} <= set(rows)
    assert rows["smollm2-135m"]["present"] is True
    assert rows["qwen2.5-coder-1.5b"]["size"] == 1117320768


def test_unknown_model_is_a_clear_error(capsys) -> None:  # noqa: ANN001
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
    added = subprocess.run(
        [str(DEBRIEF), "--data-dir", env_dir, "add", str(NOTE), "--company", "Larkspur",
         "--no-extract"], capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added.stderr
    debrief_id = added.stdout.strip()
    shown = subprocess.run([str(DEBRIEF), "--data-dir", env_dir, "show", debrief_id, "--json"],
                           capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0
    assert json.loads(shown.stdout)["notes"] == NOTE.read_text(encoding="utf-8")
