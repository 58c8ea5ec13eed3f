"""The user's corrections: kept in the record, re-applied to every extraction, exported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debrief.adapters.store import DebriefStore
from debrief.core.corrections import apply_corrections, item_id, items_of
from debrief.core.domain import SCHEMA_VERSION, Debrief
from debrief.core.errors import UserError
from tests.conftest import eval_note
from tests.fakes import FakeModel
from tests.unit.fake_extraction import responder

NOTE = eval_note("01-larkspur-analytics.txt")
ANSWERS = {"insider_info": [6, 8], "questions_asked": [19, 20], "follow_ups": []}


@pytest.fixture
def svc(make_service, prompts):
    """A service whose fake model finds two insider facts and two questions."""
    return make_service(FakeModel(responder=responder(prompts, ANSWERS)))


def extracted(svc) -> Debrief:
    d = svc.add(NOTE, company="Larkspur Analytics")
    return svc.run_extraction(d.id)


def evidences(d: Debrief, cat: str) -> list[str]:
    assert d.extraction is not None
    return [i.evidence for i in getattr(d.extraction, cat)]


def test_corrections_survive_re_extraction(svc) -> None:
    d = extracted(svc)
    team = next(r for r in svc.items(d.id) if r.item.evidence.startswith("team is 8"))
    kafka = next(r for r in svc.items(d.id) if r.item.evidence.startswith("how much Kafka"))
    svc.remove_item(d.id, team.id)
    svc.move_item(d.id, kafka.id, "practice-points")
    svc.add_item(d.id, "on-call is 1 week in 8", "insider_info")
    for _ in range(2):  # Retry / `debrief extract ID` / a new model: same corrections
        after = svc.run_extraction(d.id)
        assert not any(e.startswith("team is 8") for e in evidences(after, "insider_info"))
        assert "on-call is 1 week in 8" in evidences(after, "insider_info")
        assert any(e.startswith("how much Kafka") for e in evidences(after, "practice_points"))
        assert not any(e.startswith("how much Kafka") for e in evidences(after, "questions_asked"))
        assert any(e.startswith("stack: Go") for e in evidences(after, "insider_info"))
    assert [c.op for c in svc.get(d.id).corrections] == ["remove", "move", "add"]
    facts = svc.store.facts.get(where={"debrief_id": d.id})["documents"]
    assert not any(f.startswith("team is 8") for f in facts)  # asking reads corrected items


def test_item_ids_are_stable_and_headlines_are_checked(svc) -> None:
    d = extracted(svc)
    ids = [r.id for r in svc.items(d.id)]
    assert ids == [r.id for r in svc.items(svc.run_extraction(d.id).id)]
    stack = next(r for r in svc.items(d.id) if r.item.evidence.startswith("stack: Go"))
    assert stack.id == item_id("insider_info", stack.item.evidence)
    svc.set_headline(d.id, stack.id, "Stack: Go, Postgres, Kafka")
    after = svc.run_extraction(d.id)
    assert next(r for r in items_of(after.extraction) if r.id == stack.id).item.text == \
        "Stack: Go, Postgres, Kafka"
    with pytest.raises(UserError, match="headline is refused"):
        svc.set_headline(d.id, stack.id, "They use Rust and Elixir")


def test_a_quote_not_in_the_note_is_refused(svc) -> None:
    d = extracted(svc)
    with pytest.raises(UserError, match="not in the note"):
        svc.add_item(d.id, "they offered me 300k on the spot", "insider_info")
    with pytest.raises(UserError, match="unknown category"):
        svc.add_item(d.id, "on-call is 1 week in 8", "gossip")
    assert svc.get(d.id).corrections == []


def test_people_can_be_added_renamed_and_removed(make_service, prompts) -> None:
    header = {"company": None, "role": None, "stage": "recruiter screen",
              "people": [{"name": "Dana Whitcombe", "title": "technical recruiter", "line": 4}]}
    svc = make_service(FakeModel(responder=responder(prompts, {**ANSWERS, "header": header})))
    d = extracted(svc)
    svc.rename_person(d.id, "Dana Whitcombe", "Dana Whitcomb", None)
    svc.add_person(d.id, "Priya", "EM")
    after = svc.run_extraction(d.id)
    assert after.extraction is not None
    assert [(p.name, p.title) for p in after.extraction.people] == [
        ("Dana Whitcomb", "technical recruiter"), ("Priya", "EM")]
    svc.remove_person(d.id, "Priya")
    assert [p.name for p in svc.run_extraction(d.id).extraction.people] == ["Dana Whitcomb"]


def test_applying_corrections_twice_changes_nothing(svc) -> None:
    d = extracted(svc)
    kafka = next(r for r in svc.items(d.id) if r.item.evidence.startswith("how much Kafka"))
    svc.move_item(d.id, kafka.id, "practice_points")
    svc.add_item(d.id, "k8s on AWS", "insider_info")
    stored = svc.get(d.id)
    assert stored.extraction is not None
    again = apply_corrections(stored.extraction, stored.corrections, stored.notes)
    assert again == stored.extraction


def test_an_old_record_is_migrated_on_read(svc) -> None:
    d = extracted(svc)
    meta = svc.store.debriefs.get(ids=[d.id], include=["metadatas"])["metadatas"][0]
    old = json.loads(meta["record"])
    old.pop("corrections")
    old["schema_version"] = 1
    svc.store.debriefs.update(ids=[d.id], metadatas=[{**meta, "record": json.dumps(old),
                                                      "schema_version": 1}])
    got = svc.get(d.id)
    assert got.schema_version == SCHEMA_VERSION == 2 and got.corrections == []
    assert got.extraction == d.extraction
    svc.remove_item(d.id, svc.items(d.id)[0].id)  # and it can be corrected
    assert len(svc.get(d.id).corrections) == 1


def test_export_import_round_trip_keeps_corrections(svc, store, tmp_path: Path) -> None:
    d = extracted(svc)
    svc.remove_item(d.id, svc.items(d.id)[0].id)
    svc.add_item(d.id, "usually done in ~3 wks", "follow_ups")
    first = svc.export_json()
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")
    from debrief.service import DebriefService

    other = DebriefService(DebriefStore(store.embedder, path=tmp_path / "other"),
                           lambda: None)  # type: ignore[arg-type, return-value]
    other.import_path(path)
    assert other.export_json() == first
    back = other.get(d.id)
    assert [c.op for c in back.corrections] == ["remove", "add"]
    assert "usually done in ~3 wks" in evidences(back, "follow_ups")
    data = json.loads(first)
    assert data["schema_version"] == 2 and data["debriefs"][0]["corrections"]


def test_an_old_export_is_imported(svc, tmp_path: Path) -> None:
    d = extracted(svc)
    data = json.loads(svc.export_json())
    data["schema_version"] = 1
    for rec in data["debriefs"]:
        rec["schema_version"] = 1
        rec.pop("corrections")
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    svc.delete(d.id)
    (back,) = svc.import_path(path)
    assert back.schema_version == 2 and back.corrections == []
