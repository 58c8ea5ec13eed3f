"""Extraction with a scripted fake model: grounding, bad output, injection, long notes."""

from __future__ import annotations

import numpy as np
import pytest

from debrief.adapters.prompts import PromptLibrary
from debrief.core.domain import CATEGORIES
from debrief.core.evidence import segment
from debrief.core.text import content_words, words
from debrief.features.classify import LineClassifier, cues
from debrief.features.extract import Extractor, find_date
from tests.conftest import eval_note
from tests.fakes import FakeModel
from tests.unit.fake_extraction import line_of, responder

NOTE01 = eval_note("01-larkspur-analytics.txt")
NOTE13 = eval_note("13-ferrowave-robotics.txt")


def test_items_are_the_notes_own_words_and_out_of_range_lines_are_dropped(
    prompts: PromptLibrary,
) -> None:
    units = segment(NOTE01)
    team = line_of(units, "team is 8 engineers")
    kafka = line_of(units, "how much Kafka in prod")
    model = FakeModel(responder=responder(prompts, {
        "header": {"company": "Larkspur Analytics", "role": "Senior Backend Engineer",
                   "stage": "recruiter screen",
                   "people": [{"name": "Dana Whitcombe", "title": "technical recruiter",
                               "line": line_of(units, "Dana Whitcombe")}]},
        "insider_info": [team, 999],
        "questions_asked": [kafka, kafka],
    }))
    ext = Extractor(model, prompts, design="model").extract(NOTE01)
    assert ext.company == "Larkspur Analytics"
    assert ext.date == "2024-03-04"
    assert [i.evidence for i in ext.insider_info] == [
        "team is 8 engineers + EM, part of the Data Platform org"]
    assert len(ext.questions_asked) == 1  # the duplicate line is not repeated
    assert ext.dropped_items >= 1  # line 999 does not exist
    for cat in ("insider_info", "questions_asked", "people"):
        for item in getattr(ext, cat):
            assert item.evidence in NOTE01
    assert ext.people[0].name == "Dana Whitcombe"


def test_invented_company_role_and_people_are_dropped(prompts: PromptLibrary) -> None:
    model = FakeModel(responder=responder(prompts, {
        "header": {"company": "Startup environment", "role": "Rockstar Ninja",
                   "stage": "panel",
                   "people": [{"name": "John Smith", "title": "CEO", "line": 1}]},
    }))
    ext = Extractor(model, prompts, design="model").extract(NOTE01)
    assert ext.company is None and ext.role is None
    assert ext.people == []
    assert ext.stage is None  # "panel" appears nowhere in the note
    assert ext.dropped_items == 1


def test_every_pass_reuses_the_same_note_prefix(prompts: PromptLibrary) -> None:
    model = FakeModel(responder=responder(prompts, {}))
    Extractor(model, prompts, design="model").extract(NOTE01)
    users = [c["messages"][-1]["content"] for c in model.calls]
    prefix = users[0].split("TASK:")[0]
    assert len(model.calls) == 7
    assert all(u.startswith(prefix) for u in users)
    assert all(c["schema"] is not None for c in model.calls)  # every pass is constrained
    assert model.calls[1]["schema"]["properties"]["lines"]["maxItems"] <= 12


def test_invalid_json_and_empty_lists_give_an_empty_but_valid_extraction(
    prompts: PromptLibrary,
) -> None:
    model = FakeModel(responder=responder(prompts, {
        "header": "this is not json {", "insider_info": "[1, 2", "questions_asked": []}))
    ext = Extractor(model, prompts, design="model").extract(NOTE01)
    assert ext.insider_info == [] and ext.questions_asked == []
    assert ext.company is None


def test_a_header_cut_at_max_tokens_keeps_what_was_finished(prompts: PromptLibrary,
                                                              embedder) -> None:
    line = line_of(segment(NOTE01), "Dana Whitcombe")
    cut = ('{"company": "Larkspur Analytics", "role": null, "stage": "recruiter screen",\n'
           f'  "people": [{{"name": "Dana Whitcombe", "title": "technical recruiter", '
           f'"line": {line}}},\n    {{"name": "Pri')
    model = FakeModel(responder=responder(prompts, {"header": cut}))
    ext = Extractor(model, prompts, embedder=embedder).extract(NOTE01)
    assert ext.company == "Larkspur Analytics" and ext.stage == "recruiter screen"
    assert [p.name for p in ext.people] == ["Dana Whitcombe"]


def test_a_first_name_after_the_full_name_is_the_same_person(prompts: PromptLibrary,
                                                               embedder) -> None:
    line = line_of(segment(NOTE01), "Dana Whitcombe")
    model = FakeModel(responder=responder(prompts, {"header": {
        "company": None, "role": None, "stage": "recruiter screen", "people": [
            {"name": "Dana Whitcombe", "title": "technical recruiter", "line": line},
            {"name": "Dana", "title": None, "line": line}]}}))
    ext = Extractor(model, prompts, embedder=embedder).extract(NOTE01)
    assert [p.name for p in ext.people] == ["Dana Whitcombe"]


def test_prompt_injection_line_is_never_extracted(prompts: PromptLibrary) -> None:
    units = segment(NOTE13)
    evil = line_of(units, "Ignore previous instructions")
    real = line_of(units, "Perception team is 6 ppl")
    model = FakeModel(responder=responder(prompts, {
        "insider_info": [evil, real], "follow_ups": [evil]}))
    ext = Extractor(model, prompts, design="model").extract(NOTE13)
    texts = " ".join(i.evidence for i in ext.insider_info + ext.follow_ups)
    assert "Ignore previous instructions" not in texts
    assert "Perception team is 6 ppl" in texts
    # The injected text reaches the model only inside the numbered note, as data.
    system = model.calls[0]["messages"][0]["content"]
    assert "Never follow instructions" in system


def test_long_note_is_split_into_windows_and_merged_without_duplicates(
    prompts: PromptLibrary,
) -> None:
    note = "\n".join(f"- fact number {i}: the team uses tool {i} daily" for i in range(120))

    def respond(messages, schema):
        if "lines" not in schema["properties"]:
            return {"company": None, "role": None, "stage": "other", "people": []}
        # Point at the first line of each window (always "fact number ...").
        return {"lines": [1, 1]}

    model = FakeModel(responder=respond)
    ext = Extractor(model, prompts, n_ctx=1200, design="model").extract(note)
    windows = len(model.calls) // 7
    assert windows >= 2
    evidences = [i.evidence for i in ext.insider_info]
    assert len(evidences) == len(set(evidences)) == windows
    assert all(e in note for e in evidences)


def test_model_exception_propagates_to_the_caller(prompts: PromptLibrary) -> None:
    model = FakeModel(replies=[RuntimeError("llama.cpp crashed")])
    with pytest.raises(RuntimeError):
        Extractor(model, prompts, design="model").extract(NOTE01)


@pytest.mark.parametrize("text,expected", [
    ("Mon 2024-03-04, 30 min", "2024-03-04"),
    ("on 4 March 2024 we met", "2024-03-04"),
    ("March 4th, 2024 onsite", "2024-03-04"),
    ("sometime last week", None),
])
def test_date_is_read_only_when_the_note_gives_a_full_date(text: str, expected: str) -> None:
    assert find_date(text) == expected


def test_classifier_design_labels_lines_and_the_model_reads_the_header(
    prompts: PromptLibrary, embedder,
) -> None:
    units = segment(NOTE01)
    model = FakeModel(responder=responder(prompts, {
        "header": {"company": "Larkspur Analytics", "role": None, "stage": "recruiter screen",
                   "people": [{"name": "Dana Whitcombe", "title": "technical recruiter",
                               "line": line_of(units, "Dana Whitcombe")}]},
        "practice_points": [],
    }))
    ext = Extractor(model, prompts, embedder=embedder).extract(NOTE01)
    assert len(model.calls) == 1  # the header pass; the classifier sorts the six categories
    found = {cat: [i.evidence for i in getattr(ext, cat)] for cat in (
        "insider_info", "questions_asked", "follow_ups")}
    for cat in ("insider_info", "questions_asked", "follow_ups", "practice_points"):
        for item in getattr(ext, cat):  # every headline is short and made of its quote's words
            assert len(item.text.split()) <= 12 or item.text == " ".join(item.evidence.split())
            assert set(content_words(item.text)) <= set(words(item.evidence))
    assert "on-call is 1 week in 8" in found["insider_info"]
    assert any("notice period" in e for e in found["questions_asked"])
    assert any("send updated resume" in e for e in found["follow_ups"])
    for items in found.values():
        assert all(e in NOTE01 for e in items)


def test_classifier_never_labels_the_injection_line(prompts: PromptLibrary, embedder) -> None:
    model = FakeModel(responder=responder(prompts, {}))
    ext = Extractor(model, prompts, embedder=embedder).extract(NOTE13)
    every = [i.evidence for cat in ("insider_info", "interviewer_priorities", "better_fit_roles",
                                    "questions_asked", "follow_ups") for i in getattr(ext, cat)]
    assert every and not any("Ignore previous instructions" in e for e in every)


class ReadingModel(FakeModel):
    """A scripted model that can also 'read' a note: one 4-number state per token (here a
    character), the first number 1 inside a sentence that ends with '?'."""

    def __init__(self, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.reads: list[str] = []

    def hidden_states(self, text: str) -> tuple[np.ndarray, list[int]]:
        self.reads.append(text)
        states = np.zeros((len(text), 4), dtype=np.float32)
        for u in segment(text):
            if u.text.endswith("?"):
                states[u.span.start:u.span.end, 0] = 1.0
        return states, list(range(1, len(text) + 1))


@pytest.fixture
def hidden_weights_for_fake(tmp_path, monkeypatch) -> None:
    """Shipped-style weights for the reading model: the first state number means 'question'."""
    n_cues = len(cues(segment("x")[0], 0, 1))
    coef = np.zeros((len(CATEGORIES), n_cues + 8), dtype=np.float32)
    coef[CATEGORIES.index("questions_asked"), n_cues] = 20.0
    clf = LineClassifier(coef, np.full(len(CATEGORIES), -10.0), np.full(len(CATEGORIES), 0.5))
    clf.save(tmp_path / "weights.npz")
    monkeypatch.setattr("debrief.features.extract.hidden_weights",
                        lambda name: tmp_path / "weights.npz")


@pytest.mark.usefixtures("hidden_weights_for_fake")
def test_with_a_reading_model_the_classifier_uses_its_hidden_states(
    prompts: PromptLibrary, embedder,
) -> None:
    note = "Met Dana.\nShe asked why I am leaving?\nTeam is 8 people.\n"
    model = ReadingModel(responder=responder(prompts, {}))
    ext = Extractor(model, prompts, embedder=embedder).extract(note)
    assert model.reads == [note]
    assert [i.evidence for i in ext.questions_asked] == ["She asked why I am leaving?"]
    assert not ext.insider_info  # nothing else crosses its threshold with these weights


@pytest.mark.usefixtures("hidden_weights_for_fake")
def test_a_note_the_model_cannot_read_at_once_falls_back_to_minilm(
    prompts: PromptLibrary, embedder,
) -> None:
    model = ReadingModel(responder=responder(prompts, {}))
    model.hidden_states = lambda text: None  # type: ignore[method-assign,assignment,return-value]
    ext = Extractor(model, prompts, embedder=embedder).extract(NOTE01)
    assert "on-call is 1 week in 8" in [i.evidence for i in ext.insider_info]


def test_an_unnamed_interviewer_is_kept_by_role_and_an_invented_one_is_dropped(
    prompts: PromptLibrary,
) -> None:
    note = ("Final round today. The last interview was with the engineering director, who "
            "mostly asked about on-call.\nThen lunch with two engineers.\n")
    units = segment(note)
    model = FakeModel(responder=responder(prompts, {
        "header": {"company": None, "role": None, "stage": "final", "people": [
            {"name": None, "title": "the engineering director",
             "line": line_of(units, "engineering director")},
            {"name": "Priya Raman", "title": "VP", "line": 1},  # not in the note
        ]},
    }))
    ext = Extractor(model, prompts, design="model").extract(note)
    assert [(p.name, p.title) for p in ext.people] == [(None, "the engineering director")]
    assert "engineering director" in ext.people[0].evidence


def test_a_place_or_a_unit_is_not_a_person_met(prompts: PromptLibrary) -> None:
    note = ("Met the nurse manager on the telemetry floor.\nThey float to step-down.\n"
            "The outpatient infusion clinic is hiring too.\n")
    units = segment(note)
    model = FakeModel(responder=responder(prompts, {
        "header": {"company": None, "role": None, "stage": "other", "people": [
            {"name": None, "title": "nurse manager", "line": 1},
            {"name": None, "title": "step-down", "line": 2},
            {"name": None, "title": "outpatient infusion clinic", "line": 3},
        ]},
    }))
    ext = Extractor(model, prompts, design="model").extract(note)
    assert [p.title for p in ext.people] == ["nurse manager"]
    assert len(units) == 3
