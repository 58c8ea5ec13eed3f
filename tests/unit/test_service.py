"""Capture and keep: the service and the real Chroma store in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debrief.adapters.store import DebriefStore
from debrief.core.domain import Person
from debrief.core.errors import NotFound, StorageError, UserError
from debrief.service import decode_note
from tests.conftest import BOTH_STORES, eval_note
from tests.fakes import FakeModel
from tests.unit.fake_extraction import responder

NOTE = eval_note("01-larkspur-analytics.txt")


@BOTH_STORES
def test_add_get_list_edit_delete(make_service) -> None:
    svc = make_service(FakeModel())
    a = svc.add(NOTE, company="Larkspur Analytics", role="Backend", date="2024-03-04",
                stage="Recruiter Screen", people=[Person(name="Dana", title="Recruiter")])
    b = svc.add("Short note about Corvanta quota.", company="Corvanta", date="2024-04-01")
    assert svc.get(a.id).notes == NOTE
    assert svc.get(a.id).stage == "recruiter screen"
    assert [d.id for d in svc.list()] == [b.id, a.id]  # newest interview first
    assert [d.id for d in svc.list(company="larkspur")] == [a.id]
    assert [d.id for d in svc.list(text="QUOTA")] == [b.id]
    edited = svc.edit(a.id, notes=NOTE + "\nnew line about Denver", company="Larkspur")
    assert svc.get(a.id).company == "Larkspur" and edited.updated_at >= a.updated_at
    hits = svc.store.search("new line about Denver", k=10)
    assert any("new line about Denver" in h.text for h in hits)
    svc.delete(a.id)
    with pytest.raises(NotFound):
        svc.get(a.id)
    assert svc.store.chunk_count(a.id) == 0
    assert [d.id for d in svc.list()] == [b.id]


@BOTH_STORES
def test_note_is_saved_before_the_model_runs_and_survives_a_model_crash(
    make_service,
) -> None:
    model = FakeModel(replies=[RuntimeError("model crashed")])
    svc = make_service(model)
    d = svc.add(NOTE, company="Larkspur")
    assert model.calls == []  # saving never waits for the model
    assert svc.get(d.id).extraction_status == "pending"
    after = svc.run_extraction(d.id)
    assert after.extraction_status == "failed"
    assert "model crashed" in (after.extraction_error or "")
    assert svc.get(d.id).notes == NOTE


@BOTH_STORES
def test_background_extraction_stores_grounded_items(make_service, prompts) -> None:
    model = FakeModel(responder=responder(prompts, {"insider_info": [5]}))
    svc = make_service(model)
    d = svc.add(NOTE, company="Larkspur")
    done = svc.extract_in_background(d.id).result(timeout=30)
    assert done.extraction_status == "done"
    stored = svc.get(d.id)
    assert stored.extraction is not None
    assert all(i.evidence in NOTE for i in stored.extraction.insider_info)
    assert len(stored.extraction.insider_info) == 1


@BOTH_STORES
def test_interrupted_extraction_is_marked_failed_and_can_be_retried(
    make_service, prompts,
) -> None:
    svc = make_service(FakeModel(responder=responder(prompts, {})))
    d = svc.add(NOTE, company="Larkspur")
    d.extraction_status = "running"  # as a killed process leaves it
    svc.store.save_record_only(d)
    assert svc.recover_interrupted() == 1
    assert svc.get(d.id).extraction_status == "failed"
    assert svc.run_extraction(d.id).extraction_status == "done"


@pytest.mark.parametrize("notes,company,date,message", [
    ("", "Acme", None, "notes are empty"),
    ("   \n\t ", "Acme", None, "notes are empty"),
    ("ok", "", None, "company is missing"),
    ("ok", None, None, "company is missing"),
    ("ok", "Acme", "2026-13-45", "invalid date"),
    ("x" * 1_000_001, "Acme", None, "limit is"),
])
def test_bad_input_gets_a_clear_message(make_service, notes, company, date, message) -> None:
    svc = make_service(FakeModel())
    with pytest.raises(UserError, match=message):
        svc.add(notes, company=company, date=date)
    assert svc.list() == []


def test_binary_and_invalid_utf8_are_refused() -> None:
    with pytest.raises(UserError, match="binary"):
        decode_note(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "photo.png")
    with pytest.raises(UserError, match="not valid UTF-8"):
        decode_note("caf\u00e9".encode("latin-1"), "notes.txt")


@pytest.mark.parametrize("name", ["09-saltmarsh-hotel.txt", "10-pebblestone-studio.txt",
                                  "08-grupo-almendral.txt"])
@BOTH_STORES
def test_html_emoji_and_non_latin_notes_are_stored_faithfully(make_service, name) -> None:
    svc = make_service(FakeModel())
    note = eval_note(name) + "\n<script>alert(1)</script> \U0001f389 \ud55c\uad6d\uc5b4 \u03b1\u03b2"
    d = svc.add(note, company="Faithful")
    assert svc.get(d.id).notes == note


@BOTH_STORES
def test_edit_failure_halfway_leaves_the_old_version_searchable(
    make_service, monkeypatch,
) -> None:
    svc = make_service(FakeModel())
    d = svc.add("the team uses Elixir and Phoenix", company="Oldco")
    store: DebriefStore = svc.store
    real_update = store.debriefs.update

    def fail_on_pointer_flip(*args, **kwargs):
        if kwargs.get("metadatas") and "chunk_version" in kwargs["metadatas"][0] \
                and len(kwargs["metadatas"][0]) == 1:
            raise OSError(28, "No space left on device")
        return real_update(*args, **kwargs)

    monkeypatch.setattr(store.debriefs, "update", fail_on_pointer_flip)
    with pytest.raises(StorageError):
        svc.edit(d.id, notes="the team switched to Rust and Axum")
    monkeypatch.setattr(store.debriefs, "update", real_update)
    texts = [h.text for h in store.search("which language does the team use", k=10)]
    assert texts and all("Elixir" in t for t in texts)  # old version only, never a mix
    svc.reindex()
    texts = [h.text for h in store.search("which language does the team use", k=10)]
    assert texts and all("Rust" in t for t in texts)


@BOTH_STORES
def test_disk_full_on_save_is_a_clear_error_and_harms_nothing(make_service, monkeypatch) -> None:
    svc = make_service(FakeModel())
    kept = svc.add("first note", company="Kept")

    def full(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(svc.store.debriefs, "upsert", full)
    with pytest.raises(StorageError, match="could not write"):
        svc.add("second note", company="Lost?")
    monkeypatch.undo()
    assert [d.id for d in svc.list()] == [kept.id]


@BOTH_STORES
def test_export_import_round_trip_is_identical(make_service, tmp_path: Path, store) -> None:
    svc = make_service(FakeModel())
    for name in ("01-larkspur-analytics.txt", "10-pebblestone-studio.txt"):
        svc.add(eval_note(name), company=name.split("-")[1], people=[Person(name="A", title="B")])
    first = svc.export_json()
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")
    other = DebriefStore(store.embedder, path=tmp_path / "other")
    from debrief.service import DebriefService

    svc2 = DebriefService(other, lambda: None)  # type: ignore[arg-type, return-value]
    svc2.import_path(path)
    assert svc2.export_json() == first
    assert json.loads(first)["schema_version"] == 2


def test_import_folder_reads_front_matter_or_file_name(make_service, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "03-quillfeather.txt").write_text("plain note", encoding="utf-8")
    (folder / "x.md").write_text(
        "---\ncompany: Tidewell\nrole: PM\ndate: 2024-05-01\nstage: panel\n"
        "people: Renata Okafor|VP\n---\nbody text\n", encoding="utf-8")
    (folder / "skip.pdf").write_bytes(b"%PDF")
    svc = make_service(FakeModel())
    items = {d.company: d for d in svc.import_path(folder)}
    assert set(items) == {"Quillfeather", "Tidewell"}
    t = items["Tidewell"]
    assert (t.role, t.date, t.stage, t.notes) == ("PM", "2024-05-01", "panel", "body text\n")
    assert t.people[0].name == "Renata Okafor" and t.people[0].title == "VP"
