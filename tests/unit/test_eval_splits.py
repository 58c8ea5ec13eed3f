"""The extraction evaluation's splits: a held-out group is never trained on."""

from __future__ import annotations

import numpy as np

from debrief.core.config import CHECKOUT
from debrief.features import corpus
from debrief.features import eval_extraction as ev
from debrief.features.classify import CATEGORIES
from tests.fakes import HashingEmbedder


def _few_notes() -> list[ev.Labelled]:
    notes = corpus.load(CHECKOUT / "data" / "corpus")
    by_style = corpus.groups(notes, "style")
    picked = [n for style in ("terse-bullets", "voice-memo", "review-site")
              for n in by_style[style][:2]]
    return ev.featurise([(n.id, n.text, n.gold, n.meta) for n in picked], HashingEmbedder())


def test_units_are_labelled_with_every_gold_category_they_overlap() -> None:
    data = _few_notes()
    for d in data:
        assert d.x.shape[0] == d.y.shape[0] == len(d.units)
        assert d.y.shape[1] == len(CATEGORIES)
        labelled = {CATEGORIES[j] for j in np.nonzero(d.y.any(axis=0))[0]}
        assert labelled == {c for c in CATEGORIES if d.gold[c]}


def test_leave_one_style_out_never_trains_on_the_held_out_style(monkeypatch) -> None:
    data = _few_notes()
    seen: list[set[str]] = []
    real_train = ev.train

    def spy(x: np.ndarray, y: np.ndarray, c: float, *a: object, **kw: object) -> object:
        seen.append({d.meta["style"] for d in data
                     if any(np.array_equal(d.x, x[i:i + len(d.x)]) for i in range(0, len(x)))})
        return real_train(x, y, c, *a, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(ev, "train", spy)
    probs = ev.out_of_group_probabilities(data, "style", 0.5)
    assert len(seen) == 3 and all(len(s) == 2 for s in seen)
    assert set(probs) == {d.id for d in data}


def test_scores_are_counted_by_span_overlap() -> None:
    c = ev.score_spans(gold=[(0, 10), (20, 30)], pred=[(2, 9), (40, 50)])
    assert (c.gold, c.pred, c.gold_hit, c.pred_hit) == (2, 2, 1, 1)
    assert c.recall == 0.5 and c.precision == 0.5


def test_a_perfect_labelling_scores_one_and_thresholds_come_from_the_grid() -> None:
    data = _few_notes()
    probs = {d.id: d.y.astype(float) for d in data}  # the gold itself as predictions
    rows = ev.pooled(data, probs, np.full(len(CATEGORIES), 0.5))["all"]
    for cat in CATEGORIES:
        if rows[cat].gold:
            assert rows[cat].recall == 1.0
    th = ev.tune_thresholds(data, probs)
    assert all(np.isclose(ev.THRESHOLD_GRID, t).any() for t in th)


def test_a_message_word_is_the_notes_in_another_inflection_but_not_a_new_word() -> None:
    from types import SimpleNamespace

    from debrief.core.text import specific_words
    from debrief.features.eval_compose import _score

    note = "Met Aiko Tanabe. Insider stuff: she estimates half of the 300 alerts are noise."
    allowed = set(specific_words(note))
    case = {"id": "x", "must_mention_one_of": ["alerts"], "must_not_mention": [],
            "to": {"name": "Aiko Tanabe", "title": None}}
    said = SimpleNamespace(message="Hi Aiko,\n\nYou estimate half of the 300 alerts are noise.",
                           grounding=[], checks=[], warnings=[])
    assert _score(case, None, said, allowed)["unsupported_words"] == []
    made_up = SimpleNamespace(message="Hi Aiko,\n\nYou guessed 400 alerts.", grounding=[],
                              checks=[], warnings=[])
    assert _score(case, None, made_up, allowed)["unsupported_words"] == ["400", "guessed"]


def test_greeting_an_unnamed_interviewer_by_title_is_not_an_invented_name() -> None:
    from types import SimpleNamespace

    from debrief.features.eval_compose import _score

    note = "Panel at Kingsfold. The coordinator asked about the new syllabus."
    d = SimpleNamespace(notes=note)
    case = {"id": "x", "must_mention_one_of": ["the new syllabus"],
            "must_not_mention": ["any invented name for the IB coordinator"],
            "to": {"name": None, "title": "IB coordinator"}}

    def forbidden(message: str) -> list[str]:
        out = SimpleNamespace(message=message, grounding=[], checks=[], warnings=[])
        return _score(case, d, out, set())["forbidden"]

    assert forbidden("Dear IB Coordinator,\n\nThank you for asking about the syllabus.") == []
    assert forbidden("Dear Ms Hartley,\n\nThank you for asking about the syllabus.") == [
        "any invented name for the IB coordinator"]
    # "any name for her (the note never gives one)" is the same rule, however it is worded
    case["must_not_mention"] = ["any name for the IB coordinator (the note never gives one)"]
    assert forbidden("Dear IB Coordinator,\n\nThank you for asking about the syllabus.") == []
    assert forbidden("Dear Ms Hartley,\n\nThank you.") == case["must_not_mention"]
    # "a surname for Raj": greeting Raj is no surname; one the note never gives is
    raj = {**case, "must_not_mention": ["a surname for Raj"], "to": {"name": "Raj", "title": None}}
    d_raj = SimpleNamespace(notes="Raj, the charge nurse, asked about sepsis bundles.")
    out = SimpleNamespace(message="Hi Raj,\n\nThank you.", grounding=[], checks=[], warnings=[])
    assert _score(raj, d_raj, out, set())["forbidden"] == []
    out.message = "Hi Raj Mehta,\n\nThank you."
    assert _score(raj, d_raj, out, set())["forbidden"] == ["a surname for Raj"]
    # a one-word title reads like a name to the pattern, but it is the addressee's title
    partner = {**case, "to": {"name": None, "title": "partner from the Leeds office"}}

    def addressed(message: str) -> bool:
        out = SimpleNamespace(message=message, grounding=[], checks=[], warnings=[])
        return _score(partner, d, out, set())["addressed"]

    assert addressed("Dear Partner,\n\nThank you.") and not addressed("Dear Petra,\n\nHi.")


def test_the_openers_own_role_is_no_forbidden_mention_and_punctuation_is_no_word() -> None:
    from types import SimpleNamespace

    from debrief.features.eval_compose import _overlaps, _score

    d = SimpleNamespace(notes="", role="Senior Product Marketing Manager", company="Sorrelfield")
    case = {"id": "x", "must_mention_one_of": ["launches"], "to": {"name": "Gideon"},
            "must_not_mention": ["the user's interest in the Partner Marketing role"]}

    def forbidden(message: str) -> list[str]:
        out = SimpleNamespace(message=message, grounding=[], checks=[], warnings=[])
        return _score(case, d, out, set())["forbidden"]

    opener = "Hi Gideon,\n\nI wanted to follow up on the Senior Product Marketing Manager role."
    assert forbidden(opener) == []
    assert forbidden(opener + " I'd love to hear about the Partner Marketing role.") != []
    assert _overlaps("asked how I'd design around the bike's lock",
                     "how I'd design around the bike's lock, which syncs slowly")


def test_the_openers_interview_and_greeting_are_no_forbidden_mention() -> None:
    """The opener's "my interview" names no other interview, and "Hi" is not "his"."""
    from types import SimpleNamespace

    from debrief.features.eval_compose import _score

    d = SimpleNamespace(notes="", role="Head Butcher", company="Larkhollow Farm Shop")
    case = {"id": "x", "must_mention_one_of": ["lamb"], "to": {"name": "Owain"},
            "must_not_mention": ["the Quaystone interview", "his thumb"]}

    def forbidden(message: str) -> list[str]:
        out = SimpleNamespace(message=message, grounding=[], checks=[], warnings=[])
        return _score(case, d, out, set())["forbidden"]

    opener = ("Hi Owain, it was great meeting you during my interview for the Head Butcher role "
              "at Larkhollow Farm Shop.")
    assert forbidden(opener) == []
    assert forbidden(opener + " Quaystone offered me nights.") == ["the Quaystone interview"]
    assert forbidden(opener + " My thumb is healing.") == ["his thumb"]
    # a number word is one word, not two ("two" and "2"): "two references" says nothing of
    # "the merger of the two centres"
    case["must_not_mention"] = ["the merger of the two centres"]
    assert forbidden(opener + " I will send you two references.") == []
    assert forbidden(opener + " I heard about the merger of the two centres.") != []
    # the role as the opener writes it, without its aside, is the role
    d.role = "Head Butcher (was Second Butcher)"
    case["must_not_mention"] = ["the Head Butcher's retirement"]
    assert forbidden(opener) == []


def test_the_greeting_code_writes_is_no_ungrounded_word() -> None:
    from debrief.features.eval_compose import frame_words

    assert {"hello", "dear"} <= frame_words()
