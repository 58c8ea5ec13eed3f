"""The team's corpus: verbatim evidence, complete metadata, no near-duplicate notes."""

from __future__ import annotations

from collections import Counter

from debrief.core.config import CHECKOUT
from debrief.features import corpus

ROOT = CHECKOUT / "data" / "corpus"


def test_the_corpus_passes_its_own_check() -> None:
    notes = corpus.load(ROOT)
    assert len(notes) >= 240
    assert corpus.check(notes) == []


def test_the_corpus_covers_the_fields_styles_and_lengths_the_evaluation_holds_out() -> None:
    notes = corpus.load(ROOT)
    styles = Counter(n.style for n in notes)
    fields = Counter(n.field for n in notes)
    assert set(styles) == set(corpus.STYLES) and min(styles.values()) >= 10
    assert len(fields) >= 12 and fields["software"] <= len(notes) / 4
    words = [len(n.text.split()) for n in notes]
    assert min(words) <= 80 and max(words) >= 1000
    for cat in corpus.ITEM_CATEGORIES:  # every category occurs, and some notes have none of it
        assert any(n.gold[cat] for n in notes)
    assert sum(not n.gold["better_fit_roles"] for n in notes) > len(notes) / 2


def test_the_overlap_check_catches_a_note_made_by_swapping_names() -> None:
    notes = corpus.load(ROOT)[:2]
    copy = corpus.CorpusNote("copy", notes[0].text.replace("the", "a"), notes[0].gold,
                             notes[0].meta)
    problems = corpus.check([*notes, copy])
    assert any("share" in p and "copy" in p for p in problems)


def test_a_quote_not_in_the_note_is_reported() -> None:
    note = corpus.load(ROOT)[0]
    gold = {**note.gold, "insider_info": [{"text": "x", "evidence": "words nobody wrote here"}]}
    bad = corpus.CorpusNote(note.id, note.text, gold, note.meta)
    assert any("not verbatim" in p for p in corpus.check_note(bad))
