"""The personal classifier: corrections become labelled sentences; the refit learns them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from debrief.core.evidence import segment
from debrief.features import corpus
from debrief.features.classify import CATEGORIES, WEIGHTS, LineClassifier, features
from debrief.features.extract import Extractor
from debrief.features.personal import (
    Examples,
    FeatureCache,
    PersonalLearner,
    corpus_matrix,
    examples,
    fit_logistic,
    refit,
)
from debrief.service import DebriefService
from tests.conftest import CHECKOUT
from tests.fakes import FakeModel
from tests.unit.fake_extraction import responder

DOGS = ["The office has a dog named Pepper who sits in on interviews.",
        "Their office dog Biscuit wanders between the desks all day.",
        "A corgi called Waffles lives in the office and greets visitors.",
        "The team's office dog, Mochi, naps under the standup board."]
PARKING = ["Parking under the building costs twelve dollars a day.",
           "Visitor parking is on level 2 of the garage next door.",
           "Street parking is free after six near the office.",
           "The garage validates parking for candidates."]
HELD_DOG = "There is an office dog, a beagle named Scout, who joins the team lunch."
HELD_PARKING = "Parking in the garage across the street is eight dollars."


def note(i: int) -> str:
    return (f"Interview {i} went fine.\nWe talked about the roadmap for an hour.\n"
            f"{DOGS[i]}\n{PARKING[i]}\nThey will email me by Friday.\n")


@pytest.fixture
def learner(tmp_path: Path, store) -> PersonalLearner:
    """A learner whose corpus is a slice of data/corpus (fast), features by the real MiniLM."""
    notes = corpus.load(CHECKOUT / "data" / "corpus")[:12]
    folder = tmp_path / "corpus"
    (folder / "notes").mkdir(parents=True)
    (folder / "gold").mkdir()
    for n in notes:
        (folder / "notes" / f"{n.id}.txt").write_text(n.text, encoding="utf-8")
        src = CHECKOUT / "data" / "corpus" / "gold" / f"{n.id}.json"
        (folder / "gold" / f"{n.id}.json").write_text(src.read_text(encoding="utf-8"),
                                                     encoding="utf-8")
    return PersonalLearner(tmp_path / "personal", store.embedder, folder)


def test_the_refit_classifier_labels_a_held_unit_as_the_corrections_taught(
        store, prompts, learner: PersonalLearner) -> None:
    # The fake extractor calls every parking line an insider fact and misses the office dogs.
    model = FakeModel(responder=responder(prompts, {"insider_info": [4]}))
    svc = DebriefService(store, lambda: Extractor(model, prompts), learner=learner)
    try:
        for i in range(4):
            d = svc.run_extraction(svc.add(note(i), company=f"Co{i}").id)
            parking = next(r for r in svc.items(d.id) if "arking" in r.item.evidence)
            svc.remove_item(d.id, parking.id)
            svc.add_item(d.id, DOGS[i], "insider_info")
        svc.wait_for_learning(timeout=120)  # refitted in the background after 3 corrections
        status = svc.retrain()
        assert status["personal"] and status["corrections"] == 8 and status["examples"] == 8
        assert svc.learning_status()["waiting"] == 0
        held = segment(f"Met the team.\n{HELD_DOG}\n{HELD_PARKING}\n")
        x = features(held, store.embedder)
        shipped = LineClassifier.load(WEIGHTS).label(x)
        personal = svc.personal_classifier()
        assert personal is not None
        labels = personal.label(x)
        assert "insider_info" not in shipped[1] and "insider_info" in labels[1]
        assert "insider_info" not in labels[2]
        # The extractor uses the personal classifier when there is one.
        ext = Extractor(model, prompts, embedder=store.embedder,
                        classifier=svc.personal_classifier)
        found = ext.extract(f"Met the team.\n{HELD_DOG}\n{HELD_PARKING}\n")
        assert [i.evidence for i in found.insider_info] == [HELD_DOG]
        svc.reset_personal_model()
        assert svc.personal_classifier() is None and not svc.learning_status()["personal"]
        assert WEIGHTS.is_file()  # the shipped weights are never touched
    finally:
        svc.close()


def test_no_corrections_means_no_personal_model(store, learner: PersonalLearner) -> None:
    svc = DebriefService(store, lambda: None, learner=learner)  # type: ignore[arg-type, return-value]
    assert svc.retrain()["personal"] is False
    assert svc.personal_classifier() is None


def test_examples_label_removed_units_none_and_added_units_their_category(
        store, prompts) -> None:
    model = FakeModel(responder=responder(prompts, {"insider_info": [4]}))
    svc = DebriefService(store, lambda: Extractor(model, prompts))
    d = svc.run_extraction(svc.add(note(0), company="Co").id)
    svc.remove_item(d.id, svc.items(d.id)[0].id)
    svc.add_item(d.id, DOGS[0], "insider_info")
    ex = examples(svc.store.all(), FeatureCache(None, store.embedder))
    assert ex.corrections == 2 and ex.y.tolist() == [[1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]
    svc.close()


def test_refit_without_examples_is_the_shipped_classifier() -> None:
    start = LineClassifier.load(WEIGHTS)
    none = Examples(np.zeros((0, 0), np.float32), np.zeros((0, 6), int), 0)
    assert refit(np.zeros((1, start.coef.shape[1])), np.zeros((1, 6), int), none, start) is start


def test_corpus_matrix_labels_each_unit(learner: PersonalLearner) -> None:
    x, y = learner.base()
    assert x.shape[0] == y.shape[0] > 100 and y.sum() > 10
    assert (learner.folder / "corpus-features.npz").is_file()  # computed once, then read
    again = PersonalLearner(learner.folder, learner.cache.embedder, Path("/nonexistent"))
    assert np.allclose(again.base()[0], x, atol=1e-2)
    with pytest.raises(FileNotFoundError):
        corpus_matrix(Path("/nonexistent"), learner.cache)


def test_an_anchored_fit_moves_from_the_start_only_as_far_as_the_examples_push() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 5)).astype(np.float32)
    y = np.zeros((40, len(CATEGORIES)), int)
    y[:, 0] = (x[:, 0] > 0).astype(int)  # the examples say: feature 0 means category 0
    start = LineClassifier(np.zeros((len(CATEGORIES), 5), np.float32),
                           np.zeros(len(CATEGORIES), np.float32), np.full(len(CATEGORIES), .5))
    weak = fit_logistic(x, y, np.ones(40, np.float32), start, c=0.001, anchored=True)
    strong = fit_logistic(x, y, np.ones(40, np.float32), start, c=1.0, anchored=True)
    assert 0 < weak.coef[0, 0] < strong.coef[0, 0]
    assert abs(weak.coef[0, 0]) < 0.1  # a weak pull stays near the start
    assert strong.intercept[1] < 0  # no positives for category 1: the anchored intercept drops
