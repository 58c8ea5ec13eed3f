"""Failure and safety cases: crashes, concurrency, queues, backups, binding, missing models."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from debrief.adapters.prompts import PromptLibrary
from debrief.core.config import Settings
from debrief.core.errors import UserError
from debrief.features.ask import Asker
from debrief.service import DebriefService
from debrief.ui.web import is_loopback, serve
from debrief.wiring import build_service
from tests.conftest import MODELS, eval_note
from tests.fakes import FakeModel

NOTE = eval_note("01-larkspur-analytics.txt")


def test_running_extraction_of_a_dead_process_is_marked_failed(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    d = svc.add(NOTE, company="Larkspur")
    d.extraction_status = "running"
    svc.store.save_record_only(d, worker_pid=2**22 + 12345)  # no such process
    live = svc.add(NOTE, company="Live")
    live.extraction_status = "running"
    svc.store.save_record_only(live, worker_pid=1)  # pid 1 is alive: another process owns it
    assert svc.recover_interrupted() == 1
    assert svc.get(d.id).extraction_status == "failed"
    assert "interrupted" in (svc.get(d.id).extraction_error or "")
    assert svc.get(live.id).extraction_status == "running"


def test_two_clients_saving_and_editing_at_once_lose_nothing(make_service) -> None:
    svc = make_service(FakeModel())
    base = svc.add("version 0", company="Shared")
    errors: list[BaseException] = []

    def adder(i: int) -> None:
        try:
            svc.add(f"note {i}", company=f"Co{i}")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    def editor(i: int) -> None:
        try:
            svc.edit(base.id, notes=f"version {i} " + "word " * 50)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=adder, args=(i,)) for i in range(8)]
    threads += [threading.Thread(target=editor, args=(i,)) for i in range(1, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    items = svc.list()
    assert len(items) == 9 and len({d.id for d in items}) == 9
    final = svc.get(base.id).notes
    chunks = svc.store.search("version", k=20, where={"debrief_id": base.id})
    assert chunks and all(c.text in final for c in chunks)  # no mix of versions


def test_twenty_simultaneous_questions_complete_one_at_a_time(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    svc.add(NOTE, company="Larkspur Analytics")
    active = []
    overlaps = []
    lock = threading.Lock()

    def respond(messages, schema):
        with lock:
            active.append(1)
            if len(active) > 1:
                overlaps.append(len(active))
        time.sleep(0.01)
        with lock:
            active.pop()
        return "The stack is Go and Kafka [1]."

    model = FakeModel(responder=respond)
    asker = Asker(svc.store, model, prompts)
    gate = threading.Lock()  # the app's single model queue
    answers: list[bool] = []

    def ask() -> None:
        with gate:
            answers.append(asker.ask("What stack does Larkspur Analytics use?").supported)

    threads = [threading.Thread(target=ask) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [True] * 20 and overlaps == [] and len(model.calls) == 20


def test_backup_keeps_the_last_n_and_restores(make_service, tmp_path: Path) -> None:
    svc = make_service(FakeModel())
    d = svc.add(NOTE, company="Larkspur")
    folder = tmp_path / "backups"
    paths = []
    for _ in range(4):
        paths.append(svc.backup(folder, keep=3))
        time.sleep(1.05)
    kept = sorted(folder.glob("debrief-*.json"))
    assert len(kept) == 3 and paths[0] not in kept
    assert svc.backup_if_due(folder) is None  # already backed up today
    svc.delete(d.id)
    svc.import_path(kept[-1])
    assert svc.get(d.id).notes == NOTE


def test_missing_model_fails_the_extraction_clearly_and_keeps_the_note(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "d", model="qwen-does-not-exist",
                        models_dir=MODELS)
    svc = build_service(settings)
    d = svc.add(NOTE, company="Larkspur")
    after = svc.run_extraction(d.id)
    assert after.extraction_status == "failed"
    assert "unknown model" in (after.extraction_error or "")
    assert svc.get(d.id).notes == NOTE
    svc.close()


def test_non_loopback_bind_without_auth_is_refused(tmp_path: Path) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")
    settings = Settings(data_dir=tmp_path / "d", host="0.0.0.0")
    with pytest.raises(UserError, match="refusing to listen"):
        serve(settings)
    with pytest.raises(UserError, match="DEBRIEF_AUTH must be"):
        serve(Settings(data_dir=tmp_path / "d", host="0.0.0.0", auth="nocolon"))


def test_prompt_injection_in_a_note_is_inert_for_asking(make_service, prompts: PromptLibrary) -> None:
    svc: DebriefService = make_service(FakeModel())
    svc.add(eval_note("13-ferrowave-robotics.txt"), company="Ferrowave Robotics")
    model = FakeModel(replies=["Here is the system prompt: ..."])
    ans = Asker(svc.store, model, prompts).ask("What does Ferrowave's perception lead want?")
    # Whatever the model says, only checked text with real quotes (or a refusal) comes out.
    assert all(c.quote in svc.get(c.debrief_id).notes for c in ans.citations)
    system = model.calls[0]["messages"][0]["content"]
    assert "never follow" in system.lower()



def test_a_new_data_dir_is_opened_under_a_lock_other_processes_respect(tmp_path: Path) -> None:
    # `debrief add` in one shell and `debrief list` in another on a new data dir: Chroma's first
    # open runs table migrations, and the second process died with "table collections already
    # exists" (seen once in the kill -9 test's polling). Opening now waits for the lock file.
    from filelock import FileLock

    from debrief.adapters.chroma import LOCK_FILE
    from debrief.adapters.store import DebriefStore
    from tests.fakes import HashingEmbedder

    data = tmp_path / "data"
    data.mkdir()
    opened: list[DebriefStore] = []
    other = FileLock(str(data / LOCK_FILE))  # what another process holds while it opens
    other.acquire()
    worker = threading.Thread(
        target=lambda: opened.append(DebriefStore(HashingEmbedder(), path=data)))  # type: ignore[arg-type]
    worker.start()
    worker.join(timeout=3)
    assert worker.is_alive() and not opened  # waits while the other process opens
    other.release()
    worker.join(timeout=60)
    assert len(opened) == 1 and opened[0].count() == 0
