"""The web UI's handlers called directly: a real Chroma store in tmp and the scripted model.

Each handler returns a dict of updates keyed by component; every key must be an output of the
event that calls it (Gradio refuses others at run time), which `declared` checks here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import gradio as gr
import pytest

from debrief.adapters.prompts import PromptLibrary
from debrief.adapters.store import DebriefStore
from debrief.core.config import Settings
from debrief.core.domain import Person
from debrief.features.ask import Asker
from debrief.features.compose import Composer
from debrief.features.extract import Extractor
from debrief.service import DebriefService
from debrief.ui.web import DebriefWeb
from debrief.ui.web.layout import SELECT_PROMPT
from tests.conftest import eval_note
from tests.fakes import FakeModel

NOTE = ("Phone screen with Ola Berg, team lead.\nThey asked how I would cache <b>hot</b> keys.\n"
        "The team is 6 engineers.")
PUBLIC = {"/save", "/list_debriefs", "/ask", "/export", "/insights", "/set_role_status",
          "/save_profile"}


@pytest.fixture
def model() -> FakeModel:
    """The scripted model behind asking and messages (set .replies per test)."""
    return FakeModel()


@pytest.fixture
def service(store: DebriefStore, prompts: PromptLibrary, settings: Settings,
            model: FakeModel) -> Iterator[DebriefService]:
    """A service with asking and messages on the fake model; extractions are only recorded."""
    svc = DebriefService(store, lambda: Extractor(model, prompts),
                         asker_factory=lambda: Asker(store, model, prompts),
                         composer_factory=lambda: Composer(model, prompts),
                         profile_path=settings.data_dir / "profile.json",
                         insights_dir=settings.data_dir)
    queued: list[str] = []
    svc.extract_in_background = queued.append  # type: ignore[method-assign,assignment]
    svc.queued = queued  # type: ignore[attr-defined]
    yield svc
    svc.close()


@pytest.fixture
def web(service: DebriefService, settings: Settings) -> DebriefWeb:
    """The app, built (its components exist, so handlers can name them)."""
    app = DebriefWeb(service, settings, "fake model")
    app.app = app.build()  # type: ignore[attr-defined]
    return app


def declared(web: DebriefWeb, api_name: str, updates: dict[Any, Any]) -> dict[Any, Any]:
    """The updates, after checking each key is an output of the event named api_name."""
    (fn,) = [f for f in web.app.fns.values() if f.api_name == api_name]  # type: ignore[attr-defined]
    outputs = {block._id for block in fn.outputs}
    if updates == gr.skip():
        return {}
    assert all(isinstance(k, gr.blocks.Block) for k in updates), updates
    assert {k._id for k in updates} <= outputs, (api_name, updates)
    return updates


def save(web: DebriefWeb, company: str = "Quillfeather", notes: str = NOTE,
         people: list[list[str]] | None = None) -> dict[Any, Any]:
    return declared(web, "save", web.save(company, "Backend Engineer", "2024-05-02", "other",
                                          people or [["", ""]], notes, "", ""))


def opened_id(web: DebriefWeb, company: str = "Quillfeather") -> str:
    (d,) = [d for d in web.service.list() if d.company == company]
    return d.id


def last(stream: Iterator[dict[Any, Any]], web: DebriefWeb, api_name: str) -> dict[Any, Any]:
    """The final snapshot of a streaming handler (each one checked)."""
    snapshots = [declared(web, api_name, s) for s in stream]
    assert snapshots
    return snapshots[-1]


def test_save_opens_the_new_debrief_and_queues_its_extraction(web: DebriefWeb) -> None:
    out = save(web, people=[["Ola Berg", "team lead"], ["", ""]])
    d_id = opened_id(web)
    tab = web.debriefs
    assert out[web.session.current_id] == d_id
    assert "Saved <b>Quillfeather</b>" in out[web.new.status] and d_id in out[web.new.status]
    assert out[web.new.notes] == ""
    assert [row[0] for row in out[tab.table]] == [d_id]
    assert "<h3>Quillfeather — Backend Engineer</h3>" in out[tab.view]
    assert "&lt;b&gt;hot&lt;/b&gt;" in out[tab.view]  # the note shows as typed, markup inert
    assert out[tab.company] == "Quillfeather" and out[tab.notes] == NOTE
    assert out[tab.people] == [["Ola Berg", "team lead"]]
    assert web.service.queued == [d_id]  # type: ignore[attr-defined]


def test_save_refused_says_why_and_changes_nothing_else(web: DebriefWeb) -> None:
    out = save(web, notes="  \n ")
    assert list(out) == [web.new.status]
    assert "notes are empty" in out[web.new.status]
    out = save(web, company="")
    assert "company is missing" in out[web.new.status]
    assert web.service.list() == []


def test_clicking_a_row_opens_it_sorted_or_not(web: DebriefWeb) -> None:
    save(web)
    save(web, company="Brightloom")
    d_id = opened_id(web)
    out = declared(web, "open_row", web.open_row(
        SimpleNamespace(row_value=[d_id, "2024-05-02", "Quillfeather"], index=[1, 0]), []))
    assert out[web.session.current_id] == d_id
    assert "Quillfeather" in out[web.debriefs.view]
    # Without row_value (older clients): the row index into the table as given.
    rows = [[opened_id(web, "Brightloom")], [d_id]]
    out = web.open_row(SimpleNamespace(row_value=None, index=[1, 2]), rows)
    assert out[web.session.current_id] == d_id


def test_opening_nothing_clears_the_view_and_the_form(web: DebriefWeb) -> None:
    out = web.opened("")
    assert out[web.debriefs.view] == SELECT_PROMPT
    assert out[web.debriefs.company] == "" and out[web.debriefs.notes] == ""
    assert out[web.debriefs.people] == [["", ""]]
    out = web.opened("0123456789ab")
    assert list(out) == [web.debriefs.view]  # an unknown id: said in the view, form kept


def test_the_open_debrief_survives_an_answer_in_the_ask_tab(web: DebriefWeb) -> None:
    """The tab bug: an answer reset the source list, which closed the open debrief."""
    save(web, company="Northwind", notes="Recruiter screen.\nThe team is 8 engineers.")
    save(web, company="Northwind", notes="Hiring manager.\nThe team is now 12 engineers.")
    save(web, people=[["Ola Berg", "team lead"]])
    current = web.save("Tabwright", "", "2024-05-03", "other", [["", ""]], NOTE, "", "")
    current_id = current[web.session.current_id]
    final = last(web.ask("How did the team size at Northwind change between my interviews?",
                         [], "", "", "", ""), web, "ask")
    pick = final[web.asking.source_pick]
    assert pick["value"] is None and len(pick["choices"]) == 2
    # The reset of the list is not a pick: nothing changes, the debrief stays open...
    assert declared(web, "open_source", web.open_source(None)) == {}
    (fn,) = [f for f in web.app.fns.values() if f.api_name == "open_source"]  # type: ignore[attr-defined]
    assert [event for _, event in fn.targets] == ["input"]  # ...and only a user's pick fires
    # Write message still knows which debrief is open (refused on the name, not the id).
    out = last(web.write_message(current_id, "Zed Nobody", "thank-you", "warm"), web,
               "write_message")
    assert "is not among the people" in out[web.debriefs.msg_notes]
    assert "Open a debrief first" not in out[web.debriefs.msg_notes]
    # A real pick opens that source.
    source_id = pick["choices"][0][1]
    out = declared(web, "open_source", web.open_source(source_id))
    assert out[web.session.current_id] == source_id
    assert "Northwind" in out[web.debriefs.view]


def test_the_open_debrief_is_session_state_outside_the_tabs(web: DebriefWeb) -> None:
    state = web.session.current_id
    assert isinstance(state, gr.State)
    tabs = [b for b in web.app.blocks.values() if isinstance(b, gr.Tab)]  # type: ignore[attr-defined]
    assert all(state not in tab.children for tab in tabs)


def test_edit_saves_and_re_extracts_only_a_changed_note(web: DebriefWeb) -> None:
    save(web)
    d_id = opened_id(web)
    web.service.queued.clear()  # type: ignore[attr-defined]
    out = declared(web, "save_edit", web.save_edit(
        d_id, "Quillfeather Renamed", "", "2024-05-02", "panel", [["", ""]], NOTE, "", ""))
    assert out[web.debriefs.status] == f"Saved changes to {d_id}."
    assert "Quillfeather Renamed" in out[web.debriefs.view]
    assert out[web.debriefs.table][0][2] == "Quillfeather Renamed"
    assert web.service.queued == []  # type: ignore[attr-defined]
    web.save_edit(d_id, "Quillfeather", "", "2024-05-02", "panel", [], NOTE + "\nMore.", "", "")
    assert web.service.queued == [d_id]  # type: ignore[attr-defined]
    out = web.save_edit(d_id, "Quillfeather", "", "2024-13-40", "panel", [], NOTE, "", "")
    assert out[web.debriefs.status].startswith("⚠️")
    assert web.save_edit("", "X", "", "", "", [], NOTE, "", "") == {
        web.debriefs.status: "Select a debrief first."}


def test_delete_asks_for_the_tick_then_closes_the_debrief(web: DebriefWeb) -> None:
    save(web, company="Witness")
    save(web)
    d_id = opened_id(web)
    out = declared(web, "delete", web.delete(d_id, False, "", ""))
    assert "confirm" in out[web.debriefs.status] and out[web.debriefs.confirm] is False
    assert len(web.service.list()) == 2
    out = declared(web, "delete", web.delete(d_id, True, "", ""))
    assert out[web.debriefs.status] == f"Deleted {d_id}."
    assert out[web.session.current_id] == "" and out[web.debriefs.confirm] is False
    assert out[web.debriefs.view] == SELECT_PROMPT and out[web.debriefs.company] == ""
    assert [row[2] for row in out[web.debriefs.table]] == ["Witness"]
    assert "Select a debrief first" in web.delete("", True, "", "")[web.debriefs.status]


def test_retry_queues_the_open_debrief(web: DebriefWeb) -> None:
    save(web)
    d_id = opened_id(web)
    out = declared(web, "retry", web.retry(d_id))
    assert out == {web.debriefs.status: "Extraction queued."}
    assert web.service.queued[-1] == d_id  # type: ignore[attr-defined]
    assert web.retry("") == {web.debriefs.status: "Select a debrief first."}


def test_poll_refreshes_the_list_only_when_the_status_changed(web: DebriefWeb) -> None:
    save(web)
    d_id = opened_id(web)
    assert declared(web, "poll", web.poll("", "", "", "")) == {}
    first = declared(web, "poll", web.poll(d_id, "", "", ""))
    assert first[web.session.shown_status] == f"{d_id}:pending"
    assert web.debriefs.table in first
    again = web.poll(d_id, first[web.session.shown_status], "", "")
    assert web.debriefs.table not in again and web.debriefs.view in again


def test_list_filters_by_company_and_text(web: DebriefWeb) -> None:
    save(web)
    save(web, company="Brightloom", notes="Panel about Kafka.")
    rows = declared(web, "list_debriefs", web.list_debriefs("bright", ""))[web.debriefs.table]
    assert [r[2] for r in rows] == ["Brightloom"]
    rows = web.list_debriefs("", "cache")[web.debriefs.table]
    assert [r[2] for r in rows] == ["Quillfeather"]


def test_draft_is_kept_restored_and_cleared(web: DebriefWeb) -> None:
    kept = declared(web, "keep_draft", web.keep_draft("Acme", "", "half a note"))
    draft = kept[web.session.draft]
    assert draft == {"company": "Acme", "role": "", "notes": "half a note"}
    restored = declared(web, "restore_draft", web.restore_draft(draft))
    # An empty field of the draft is no update: it must not wipe what was typed meanwhile.
    assert restored == {web.new.company: "Acme", web.new.notes: "half a note"}
    assert web.restore_draft(None) == gr.skip()
    assert declared(web, "clear_draft", web.clear_draft()) == {web.session.draft: {}}


def test_ask_streams_the_answer_then_its_sources(web: DebriefWeb, model: FakeModel) -> None:
    larkspur = web.service.add(eval_note("01-larkspur-analytics.txt"),
                               company="Larkspur Analytics")
    model.replies = ["They use Go, Postgres and Kafka on k8s [1]."]
    question = "What tech stack does the <b>Larkspur</b> team use?"
    final = last(web.ask(question, [], "", "", "", ""), web, "ask")
    user, bot = final[web.asking.chat][-2:]
    assert user == {"role": "user", "content": "What tech stack does the &lt;b&gt;Larkspur"
                                               "&lt;/b&gt; team use?"}
    assert "Kafka" in bot["content"]
    assert f"<code>{larkspur.id}</code>" in final[web.asking.sources]
    assert final[web.asking.question] == ""
    assert [v for _, v in final[web.asking.source_pick]["choices"]] == [larkspur.id]
    # A follow-up carries the chat so far (as Gradio 6 hands it back) to the model.
    model.replies = ["Kafka [1]."]
    history = [{"role": m["role"], "content": [{"type": "text", "text": m["content"]}]}
               for m in final[web.asking.chat]]
    last(web.ask("And the queue?", history, "", "", "", ""), web, "ask")
    assert "Postgres and Kafka" in json.dumps(model.calls[-1]["messages"])


def test_ask_says_what_is_wrong_with_the_question(web: DebriefWeb) -> None:
    (empty,) = list(web.ask("  ", [], "", "", "", ""))
    assert empty[web.asking.sources] == "<p>Type a question.</p>"
    (bad,) = list(web.ask("What did they ask?", [], "", "", "not-a-date", ""))
    assert bad[web.asking.sources].startswith("<p>⚠️")
    assert bad[web.asking.question] == "What did they ask?"  # kept, to fix and resend
    ghost = last(web.ask("What did Nobody Corp ask me?", [], "Nobody Corp", "", "", ""), web,
                 "ask")
    assert "Your notes don't say" in ghost[web.asking.chat][-1]["content"]
    assert ghost[web.asking.sources] == ""


def test_write_message_needs_an_open_debrief(web: DebriefWeb) -> None:
    (out,) = list(web.write_message("", "Ola Berg", "thank-you", "warm"))
    assert out == {web.debriefs.msg_notes: "<p>Open a debrief first.</p>"}


def test_write_message_streams_and_ends_with_its_grounding(web: DebriefWeb,
                                                           model: FakeModel) -> None:
    d = web.service.add(NOTE, company="Quillfeather", people=[Person(name="Ola Berg")])
    model.replies = [{"sentences": []}]
    final = last(web.write_message(d.id, "Ola Berg", "thank-you", "warm"), web, "write_message")
    assert final[web.debriefs.msg_out].startswith("Hi Ola,")
    assert final[web.debriefs.msg_notes].startswith("<p>Based on your notes:</p>")
    assert [m.to for m in web.service.get(d.id).messages] == ["Ola Berg"]
    (refused,) = list(web.write_message(d.id, "<img src=x>", "thank-you", "warm"))
    assert "&lt;img src=x&gt; is not among the people" in refused[web.debriefs.msg_notes]


def test_export_offers_every_debrief_as_a_file(web: DebriefWeb) -> None:
    save(web)
    update = declared(web, "export", web.export_all())[web.debriefs.export_file]
    assert update["visible"] is True
    data = json.loads(Path(update["value"]).read_text(encoding="utf-8"))
    assert [d["company"] for d in data["debriefs"]] == ["Quillfeather"]
    save(web, company="Later")
    again = json.loads(Path(web.export_all()[web.debriefs.export_file]["value"]).read_text())
    assert len(again["debriefs"]) == 2


def test_insights_fill_every_chart_and_table(web: DebriefWeb) -> None:
    out = declared(web, "insights", web.refresh_insights(""))
    assert set(out) == set(web.insights.outputs)
    assert "0 debriefs" in out[web.insights.html]
    out = declared(web, "set_role_status", web.set_role_status(" x:0 ", "bogus", ""))
    assert set(out) == set(web.insights.outputs)


def test_profile_is_saved(web: DebriefWeb) -> None:
    out = declared(web, "save_profile", web.save_profile("Sam Rivera", "— Sam", "Backend"))
    assert out == {web.profile.status: "<p>Saved.</p>"}
    assert web.service.profile()["user_name"] == "Sam Rivera"


def test_public_api_lists_only_meaningful_endpoints(web: DebriefWeb) -> None:
    info = web.app.get_api_info()  # type: ignore[attr-defined]
    assert set(info["named_endpoints"]) == PUBLIC
    assert not info["unnamed_endpoints"]
    # Every event was named on purpose: no /lambda, no /refresh_list_1.
    names = [fn.api_name for fn in web.app.fns.values()]  # type: ignore[attr-defined]
    assert len(names) == len(set(names))
    assert not [n for n in names if "lambda" in n or n.rstrip("0123456789").endswith("_")]
    # The Ask endpoint takes the question, the chat and the four filters, in that order.
    ask = info["named_endpoints"]["/ask"]
    assert [p["label"] for p in ask["parameters"]][:2] == ["Question", "Ask your notes"]


def test_events_that_write_the_view_run_one_at_a_time_in_order(web: DebriefWeb) -> None:
    # A poll that read a debrief just before a delete must not land after the delete's
    # "Select a debrief" (it did, in a browser test on a loaded machine): every event writing
    # the view shares one queue that runs one event at a time.
    view_id = web.debriefs.view._id
    fns = [f for f in web.app.fns.values()  # type: ignore[attr-defined]
           if view_id in {b._id for b in f.outputs}]
    assert {"poll", "delete", "save", "save_edit", "open_row"} <= {f.api_name for f in fns}
    assert {f.concurrency_id for f in fns} == {"open-debrief"}
    assert {f.concurrency_limit for f in fns} == {1}
