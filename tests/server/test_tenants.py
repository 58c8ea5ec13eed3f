"""One Chroma server, many users: tenants are isolated, records match the embedded store."""

from __future__ import annotations

import uuid
from pathlib import Path

import numpy as np
import pytest

from debrief.adapters.embeddings import Embedder
from debrief.adapters.store import DebriefStore
from debrief.core.config import Settings
from debrief.core.domain import Debrief, Person
from debrief.service import DebriefService
from debrief.wiring import build_store
from tests.conftest import eval_note
from tests.servers import Server

pytestmark = pytest.mark.server


def service(store: DebriefStore) -> DebriefService:
    return DebriefService(store, lambda: None)  # type: ignore[arg-type, return-value]


def test_two_tenants_on_one_server_never_see_each_others_notes(
    chroma_server: Server, tmp_path: Path,
) -> None:
    run = uuid.uuid4().hex[:8]
    alice_settings = Settings(data_dir=tmp_path / "a", chroma_url=chroma_server.url,
                              tenant=f"alice-{run}")
    alice = service(build_store(alice_settings))
    bob = service(build_store(alice_settings.model_copy(update={"tenant": f"bob-{run}"})))
    alice.add("Quillfeather pays a 140k band; the CTO is leaving in May.",
              company="Quillfeather", debrief_id="same-id")
    alice.add("Tidewell panel asked about Kafka retention.", company="Tidewell")
    bob.add("Corvanta's on-call rota is one week in six.", company="Corvanta",
            debrief_id="same-id")

    assert sorted(d.company for d in alice.list()) == ["Quillfeather", "Tidewell"]
    assert [d.company for d in bob.list()] == ["Corvanta"]
    assert bob.get("same-id").notes.startswith("Corvanta's on-call")
    assert alice.get("same-id").notes.startswith("Quillfeather pays")
    hits = bob.store.search("Quillfeather salary band and the CTO leaving", k=10)
    assert hits and {h.debrief_id for h in hits} == {"same-id"}
    assert all("Corvanta" in h.text or "on-call" in h.text for h in hits)
    assert "Quillfeather" not in bob.export_json() and "Tidewell" not in bob.export_json()
    bob.delete("same-id")
    assert bob.list() == [] and alice.get("same-id").company == "Quillfeather"
    # A new client for the same tenant (the tenant and database now exist) sees the same notes.
    again = service(build_store(alice_settings))
    assert again.export_json() == alice.export_json()
    assert not alice_settings.chroma_dir.exists()  # nothing was written to the local store


def test_embedded_and_server_stores_hold_identical_records(
    chroma_server: Server, embedder: Embedder, tmp_path: Path,
) -> None:
    d = Debrief(id="parity", company="Larkspur Analytics", role="Backend", date="2024-03-04",
                stage="onsite loop", people=[Person(name="Aiko Tanabe", title="SRE")],
                notes=eval_note("12-larkspur-analytics.txt"),
                created_at="2024-03-04T10:00:00+00:00", updated_at="2024-03-04T10:00:00+00:00")
    local = DebriefStore(embedder, path=tmp_path / "chroma")
    remote = DebriefStore.on_server(embedder, chroma_server.url, tenant=f"parity-{uuid.uuid4().hex[:8]}")
    for s in (local, remote):
        s.save(d)
    rows = [s.debriefs.get(ids=["parity"], include=["documents", "metadatas", "embeddings"])
            for s in (local, remote)]
    assert rows[0]["documents"] == rows[1]["documents"] == [d.notes]
    assert rows[0]["metadatas"] == rows[1]["metadatas"]
    assert np.allclose(rows[0]["embeddings"], rows[1]["embeddings"], atol=1e-6)
    chunks = [s.chunks.get(where={"debrief_id": "parity"}, include=["documents", "metadatas"])
              for s in (local, remote)]
    by_id = [sorted(zip(c["ids"], c["documents"], c["metadatas"], strict=True)) for c in chunks]
    assert len(by_id[0]) > 1 and by_id[0] == by_id[1]
    assert local.chunks.metadata == remote.chunks.metadata  # cosine space on both
    found = [s.search("how many alerts does the team get", k=4) for s in (local, remote)]
    assert [h.text for h in found[0]] == [h.text for h in found[1]]
    assert np.allclose([h.score for h in found[0]], [h.score for h in found[1]], atol=1e-4)
    assert local.get("parity") == remote.get("parity")
